"""Timings of the follow-up pages with 1 conference and few entries, and with 20 conferences and
100,000 progress entries: "Meine Aufgaben", the pages of the demand with the most entries and of
the median demand, the entry form and the matrix of a reporting round.

Runs against a throwaway database ``intmk_bench_followup`` on the server of DATABASE_URL
(dropped before and after). Usage, from the repository root::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/intmk .venv/bin/python bench/bench_followup.py

``--explain`` also prints EXPLAIN ANALYZE of the slowest query of each page at the full size.
Not a test: it prints numbers; compare them with the targets in bench/README.md. The data come
from erfolgskontrolle/demo/entries.py through `populate` below, shared with the other benches.
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench_pages import _admin_execute, _server_url, p95

if TYPE_CHECKING:
    from erfolgskontrolle.demo.entries import People

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "intmk_bench_followup"
SEED = 1
SMALL_CONFERENCES = 1
SMALL_ENTRIES = 1_000
FULL_CONFERENCES = 20
FULL_ENTRIES = 100_000
MEASURED_CONFERENCE = 18  # generate_demo's first number: its round exists at both sizes
WARM_UP = 3
REQUESTS = 50
PAGE_TARGET_MS = 100  # issue 3: p95 under 100 ms at 20 conferences and 100,000 entries
PAGE_NAMES = [
    "Meine Aufgaben",
    "Forderung (meiste)",
    "Forderung (Median)",
    "Sachstand erfassen",
    "Berichtsrunde",
]
PASSWORD = "bench-passwort-2024"  # for the load run's logins; the database is thrown away

# --- the throwaway database ----------------------------------------------------------------


@contextmanager
def throwaway_database(url: str, name: str) -> Iterator[None]:
    _admin_execute(url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    _admin_execute(url, f"CREATE DATABASE {name}")
    try:
        yield
    finally:
        from django.db import connections

        connections.close_all()
        _admin_execute(url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def django_setup(url: str, name: str) -> None:
    os.environ["DATABASE_URL"] = _server_url(url, name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intmk.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment(debug=False)  # allows the "testserver" host, turns off DEBUG
    # WhiteNoise looks for collected static files that a benchmark does not need
    warnings.filterwarnings("ignore", message="No directory at")


# --- the data ------------------------------------------------------------------------------


def add_conferences(total: int) -> None:
    """Demo conferences through `generate_demo`, up to `total` in the register."""
    from django.core.management import call_command
    from django.test import override_settings

    from beschluesse.models import Conference

    missing = total - Conference.objects.count()
    if missing > 0:
        with override_settings(DEBUG=True):  # generate_demo refuses to run outside development
            call_command("generate_demo", conferences=missing, seed=SEED, stdout=io.StringIO())


def password_hash() -> str:
    from django.contrib.auth.hashers import make_password

    return make_password(PASSWORD)  # hashed once: PBKDF2 takes a good fraction of a second


def add_people() -> "People":
    """An official for each of the 16 Länder ("amt-de-be", …, or those already there) and the
    secretariat of the measured conference, who can open its round's matrix."""
    from beschluesse.models import Conference
    from erfolgskontrolle.demo.entries import People, officials_ensure
    from intmk.models import Role, RoleKind, User

    hashed = password_hash()
    conference = Conference.objects.get(number=MEASURED_CONFERENCE)
    secretariat = User.objects.create(
        username="sekretariat", password=hashed, first_name="Sina", last_name="Sekretariat"
    )
    Role.objects.create(
        user=secretariat, kind=RoleKind.SECRETARIAT, land=conference.chair, year=conference.year
    )
    return People(officials=officials_ensure(password=hashed), secretariat=secretariat)


def populate(*, conferences: int, entries: int, people: "People | None", seed: int) -> "People":
    """Grow the register to `conferences` demo conferences and `entries` progress entries, with
    officials, the secretariat and an open round per conference. Returns the people.

    The builder is erfolgskontrolle/demo/entries.py (also `manage.py demo_followup --entries`);
    the seed string here is the bench's own, so its data stay those of earlier runs."""
    from erfolgskontrolle.demo.entries import entries_fill, rounds_open

    add_conferences(conferences)
    people = people or add_people()
    rounds_open(opened_by=people.secretariat)
    rng = random.Random(f"{seed}-{conferences}-{entries}")
    entries_fill(total=entries, people=people, rng=rng)
    return people


def counts() -> str:
    from beschluesse.models import Conference, Demand
    from erfolgskontrolle.models import EvidenceLink, ProgressEntry, ReportingRound

    return (
        f"Konferenzen: {Conference.objects.count()}, Forderungen: {Demand.objects.count()}, "
        f"Sachstände: {ProgressEntry.objects.count()}, Belege: {EvidenceLink.objects.count()}, "
        f"offene Berichtsrunden: {ReportingRound.objects.open().count()}"
    )


# --- measuring -----------------------------------------------------------------------------


@dataclass
class PageResult:
    name: str
    url: str
    size: str
    status: int
    queries: int
    median_ms: float
    p95_ms: float
    cpu_ms: float  # median CPU time of this process (Django) per request, without the database
    sql_ms: float  # time in the database for one request
    slowest_sql: str
    slowest_sql_ms: float


def demands_by_entries() -> list[tuple[int, int]]:
    """(entry count, demand id) of every demand with entries, fewest first."""
    from django.db.models import Count

    from erfolgskontrolle.models import ProgressEntry

    counted = ProgressEntry.objects.values("demand").annotate(n=Count("pk"))
    return sorted((row["n"], row["demand"]) for row in counted)


def measure_page(user: Any, name: str, url: str, size: str) -> PageResult:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    for _ in range(WARM_UP):
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        status = client.get(url).status_code
    queries = captured.captured_queries  # read now: the next request empties the log
    slowest = max(queries, key=lambda q: float(q["time"]), default={"sql": "", "time": "0"})
    timings, cpu = [], []
    for _ in range(REQUESTS):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return PageResult(
        name=name,
        url=url,
        size=size,
        status=status,
        queries=len(queries),
        median_ms=statistics.median(timings),
        p95_ms=p95(timings),
        cpu_ms=statistics.median(cpu),
        sql_ms=sum(float(q["time"]) for q in queries) * 1000,
        slowest_sql=slowest["sql"],
        slowest_sql_ms=float(slowest["time"]) * 1000,
    )


def measure_pages(people: "People", size: str) -> list[PageResult]:
    from django.urls import reverse

    from beschluesse.models import Conference
    from erfolgskontrolle.models import ReportingRound

    by_entries = demands_by_entries()
    most, busiest = by_entries[-1]
    typical, median = by_entries[len(by_entries) // 2]
    round_id = ReportingRound.objects.open().get(conference__number=MEASURED_CONFERENCE).pk
    conference = Conference.objects.get(number=MEASURED_CONFERENCE)
    berlin = people.officials["DE-BE"]
    print(
        f"  Forderung mit den meisten Sachständen: {busiest} ({most} Einträge), "
        f"Median der Forderungen: {median} ({typical} Einträge); "
        f"Berichtsrunde {round_id} der {conference}"
    )
    demand_url = reverse("erfolgskontrolle:demand-detail", args=[busiest])
    pages = [
        ("Meine Aufgaben", berlin, reverse("erfolgskontrolle:task-list")),
        ("Forderung (meiste)", berlin, demand_url),
        ("Forderung (Median)", berlin, reverse("erfolgskontrolle:demand-detail", args=[median])),
        ("Sachstand erfassen", berlin, reverse("erfolgskontrolle:entry-create", args=[busiest])),
        (
            "Berichtsrunde",
            people.secretariat,
            reverse("erfolgskontrolle:round-detail", args=[round_id]),
        ),
    ]
    return [measure_page(user, name, url, size) for name, user, url in pages]


# --- output --------------------------------------------------------------------------------


def print_table(results: list[PageResult]) -> None:
    header = (
        f"{'Seite':<19} {'URL':<28} {'Daten':<5} {'HTTP':>4} {'SQL':>4} {'Median ms':>9} "
        f"{'p95 ms':>7} {'CPU ms':>6} {'SQL ms':>6}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.name:<19} {r.url:<28} {r.size:<5} {r.status:>4} {r.queries:>4} "
            f"{r.median_ms:>9.1f} {r.p95_ms:>7.1f} {r.cpu_ms:>6.1f} {r.sql_ms:>6.1f}"
        )


def print_verdict(results: list[PageResult]) -> None:
    """Query counts must not grow with the data; p95 at the full size stays under the target."""
    by_page: dict[str, dict[str, PageResult]] = {}
    for r in results:
        by_page.setdefault(r.name, {})[r.size] = r
    growing = [
        name for name, runs in by_page.items() if runs["klein"].queries != runs["voll"].queries
    ]
    slow = [
        r.name
        for r in results
        if r.status != 200 or (r.size == "voll" and r.p95_ms >= PAGE_TARGET_MS)
    ]
    print()
    print("SQL-Abfragen wachsen mit den Daten: " + (", ".join(growing) if growing else "nein (ok)"))
    print(
        f"Seiten mit p95 >= {PAGE_TARGET_MS} ms bei voller Größe oder Fehler: "
        + (", ".join(sorted(set(slow))) if slow else "keine (ok)")
    )


def print_explain(results: list[PageResult]) -> None:
    from django.db import connection

    for r in results:
        if r.size != "voll" or not r.slowest_sql:
            continue
        print()
        print(f"EXPLAIN ANALYZE der langsamsten Abfrage von {r.name} ({r.slowest_sql_ms:.1f} ms):")
        print(r.slowest_sql)
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + r.slowest_sql)
            for (line,) in cursor.fetchall():
                print("  " + line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE ausgeben")
    arguments = parser.parse_args()
    url = os.environ.get("DATABASE_URL")
    if not url:
        sys.exit("Bitte DATABASE_URL setzen, z. B. postgres://postgres@127.0.0.1:5432/intmk")
    django_setup(url, BENCH_DB)
    from django.core.management import call_command

    with throwaway_database(url, BENCH_DB):
        call_command("migrate", verbosity=0)
        start = time.perf_counter()
        people = populate(
            conferences=SMALL_CONFERENCES, entries=SMALL_ENTRIES, people=None, seed=SEED
        )
        print(f"Klein ({time.perf_counter() - start:.0f} s erzeugt): {counts()}")
        load_before = os.getloadavg()[0]
        results = measure_pages(people, "klein")
        start = time.perf_counter()
        populate(conferences=FULL_CONFERENCES, entries=FULL_ENTRIES, people=people, seed=SEED)
        print(f"Voll ({time.perf_counter() - start:.0f} s erzeugt): {counts()}")
        results += measure_pages(people, "voll")
        load_after, cores = os.getloadavg()[0], os.cpu_count() or 1
        print(
            f"Last des Rechners (1-Minuten-Mittel, {cores} Kerne): {load_before:.1f} vorher, "
            f"{load_after:.1f} nachher"
            + (
                " (mehr als Kerne: andere Prozesse verlängern die Zeiten)"
                if max(load_before, load_after) > cores
                else ""
            )
        )
        print()
        print(
            f"Seiten ({REQUESTS} Anfragen je Seite nach {WARM_UP} zum Aufwärmen, Django-Client, "
            "DEBUG aus; CPU ms: Median der Rechenzeit von Django je Anfrage, SQL ms: Zeit in der "
            "Datenbank bei einer Anfrage):"
        )
        print_table(sorted(results, key=lambda r: (PAGE_NAMES.index(r.name), r.size != "klein")))
        print_verdict(results)
        if arguments.explain:
            print_explain(results)


if __name__ == "__main__":
    main()
