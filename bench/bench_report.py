"""Timings of the Erfolgskontrolle of one conference at 20 conferences and 100,000 entries:
building its data, each format (HTML, PDF, DOCX, XLSX, CSV), the draft page, peak memory, and
the SQL query count at a small and the full size (it must not grow with the data).

Runs against a throwaway database ``intmk_bench_report`` on the server of DATABASE_URL (dropped
before and after); the data comes from bench_followup's generator. Usage, from the repository
root::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/intmk .venv/bin/python bench/bench_report.py

Not a test: it prints numbers. Targets (issue 7): HTML < 0.5 s, PDF < 5 s, DOCX < 2 s,
XLSX < 1 s, peak memory < 300 MB, the same query count at both sizes.
"""

import multiprocessing
import os
import resource
import statistics
import sys
import time
from dataclasses import dataclass
from typing import Any

from bench_followup import (
    FULL_CONFERENCES,
    FULL_ENTRIES,
    MEASURED_CONFERENCE,
    SEED,
    SMALL_CONFERENCES,
    SMALL_ENTRIES,
    counts,
    django_setup,
    populate,
    throwaway_database,
)

BENCH_DB = "intmk_bench_report"
RUNS = 3  # each format is timed this often; the median is printed
TARGETS_S = {"Daten": None, "html": 0.5, "pdf": 5.0, "docx": 2.0, "xlsx": 1.0, "csv": 1.0}
MEMORY_TARGET_MB = 300


@dataclass
class Result:
    step: str
    size: str
    seconds: float
    peak_mb: float
    queries: int
    bytes: int


def _measure_in_child(step: str, queue: Any) -> None:
    """Build (and render) once in a fresh process, so that its peak memory is this step's own."""
    from django.db import connection, connections, reset_queries
    from django.test.utils import CaptureQueriesContext

    connections.close_all()  # the parent's connection must not be shared
    reset_queries()  # the parent's log is full after generating the data: count from zero
    from beschluesse.models import Conference
    from erfolgskontrolle.report.build import report_data
    from erfolgskontrolle.report.render import render

    conference = Conference.objects.get(number=MEASURED_CONFERENCE)
    timings, size, queries = [], 0, 0
    for _ in range(RUNS):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            data = report_data(conference)
        if step != "Daten":
            size = len(render(data, step))
        timings.append(time.perf_counter() - start)
        queries = len(captured.captured_queries)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((statistics.median(timings), peak_mb, queries, size))


def measure(size: str) -> list[Result]:
    context = multiprocessing.get_context("fork")
    results = []
    for step in TARGETS_S:
        queue = context.Queue()
        process = context.Process(target=_measure_in_child, args=(step, queue))
        process.start()
        seconds, peak_mb, queries, length = queue.get()
        process.join()
        results.append(Result(step, size, seconds, peak_mb, queries, length))
    return results


def measure_page(user: Any) -> tuple[int, float, int]:
    """The draft page through Django's client: (status, median seconds, queries)."""
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    url = f"/erfolgskontrolle/{MEASURED_CONFERENCE}/"
    client.get(url)
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        status = client.get(url).status_code
    timings = []
    for _ in range(RUNS * 3):
        start = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - start)
    return status, statistics.median(timings), len(captured.captured_queries)


def main() -> None:
    url = os.environ.get("DATABASE_URL")
    if not url:
        sys.exit("Bitte DATABASE_URL setzen, z. B. postgres://postgres@127.0.0.1:5432/intmk")
    django_setup(url, BENCH_DB)
    from django.core.management import call_command
    from django.db import connections

    from erfolgskontrolle.report.build import report_data

    with throwaway_database(url, BENCH_DB):
        call_command("migrate", verbosity=0)
        people = populate(
            conferences=SMALL_CONFERENCES, entries=SMALL_ENTRIES, people=None, seed=SEED
        )
        print(f"Klein: {counts()}")
        connections.close_all()
        results = measure("klein")
        small_page = measure_page(people.secretariat)
        populate(conferences=FULL_CONFERENCES, entries=FULL_ENTRIES, people=people, seed=SEED)
        print(f"Voll: {counts()}")
        connections.close_all()
        results += measure("voll")
        full_page = measure_page(people.secretariat)
        from beschluesse.models import Conference

        data = report_data(Conference.objects.get(number=MEASURED_CONFERENCE))
        demands = sum(len(r["demands"]) for r in data["resolutions"])
        print(
            f"Bericht der {MEASURED_CONFERENCE}. IntMK: {len(data['resolutions'])} Beschlüsse, "
            f"{demands} Forderungen; Last {os.getloadavg()[0]:.1f} auf {os.cpu_count()} Kernen"
        )
    print()
    print(
        f"{'Schritt':<8} {'Daten':<5} {'Median s':>9} {'Ziel s':>7} {'Spitze MB':>10} "
        f"{'SQL':>4} {'Bytes':>10}"
    )
    for r in results:
        target = TARGETS_S[r.step]
        print(
            f"{r.step:<8} {r.size:<5} {r.seconds:>9.2f} {target if target else '':>7} "
            f"{r.peak_mb:>10.0f} {r.queries:>4} {r.bytes:>10}"
        )
    for label, (status, seconds, _queries) in (("klein", small_page), ("voll", full_page)):
        print(f"Entwurfsseite {label}: HTTP {status}, Median {seconds:.2f} s")
    small = {r.step: r.queries for r in results if r.size == "klein"}
    grows = any(r.queries != small[r.step] for r in results if r.size == "voll")
    # The page's own query count is asserted in tests (test_report_draft.py); the client's
    # requests close the connection, so it cannot be read here.
    print(f"SQL-Abfragen wachsen mit den Daten: {'ja (Fehler)' if grows else 'nein (ok)'}")
    slow = [
        f"{r.step} {r.seconds:.2f} s"
        for r in results
        if r.size == "voll" and TARGETS_S[r.step] and r.seconds >= TARGETS_S[r.step]
    ]
    heavy = [f"{r.step} {r.peak_mb:.0f} MB" for r in results if r.peak_mb >= MEMORY_TARGET_MB]
    print(f"Über den Zielen: {', '.join(slow + heavy) or 'nichts (ok)'}")


if __name__ == "__main__":
    main()
