"""Timings of the seed import and of the public pages, with 1 and with 20 conferences.

Runs against a throwaway database ``intmk_bench`` on the server of DATABASE_URL (dropped
before and after). Usage, from the repository root::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/intmk .venv/bin/python bench/bench_pages.py

Not a test: it prints numbers; compare them with the targets in bench/README.md.
"""

import io
import os
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "19-intmk-2024-niederschrift.txt"
BENCH_DB = "intmk_bench"
IMPORT_RUNS = 5
WARM_UP = 3
REQUESTS = 50
IMPORT_TARGET_S = 1.0
PAGE_TARGET_MS = 50  # issue: p95 under 50 ms at 20 conferences on the 2-core machine

PAGES = [
    ("Start", "/"),
    ("Konferenz", "/konferenzen/19/"),
    ("Beschluss", "/konferenzen/19/top/3.3/"),
    ("Forderungen", "/forderungen/"),
    ("Forderungen gefiltert", "/forderungen/?ebene=bund&art=forderung"),
    ("Suche", "/forderungen/?q=Sprachmittlung"),
]


@dataclass
class PageResult:
    name: str
    url: str
    conferences: int
    status: int
    queries: int
    median_ms: float
    p95_ms: float


# --- the throwaway database ----------------------------------------------------------------


def _server_url(url: str, database: str) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{database}"))


def _admin_execute(url: str, statement: str) -> None:
    """Run CREATE/DROP DATABASE on the server's maintenance database (autocommit)."""
    import psycopg

    parts = urlparse(url)
    with psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or "",
        dbname="postgres",
        autocommit=True,
    ) as connection:
        connection.execute(statement)


@contextmanager
def throwaway_database(url: str) -> Iterator[None]:
    _admin_execute(url, f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
    _admin_execute(url, f"CREATE DATABASE {BENCH_DB}")
    try:
        yield
    finally:
        from django.db import connections

        connections.close_all()
        _admin_execute(url, f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def django_setup(url: str) -> None:
    os.environ["DATABASE_URL"] = _server_url(url, BENCH_DB)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intmk.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment(debug=False)  # allows the "testserver" host, turns off DEBUG
    # WhiteNoise looks for collected static files that a benchmark does not need
    warnings.filterwarnings("ignore", message="No directory at")


# --- measuring -----------------------------------------------------------------------------


def seed_document() -> tuple[dict, str]:
    """The seed as an exchange document; a demo 19th conference if the parser is missing."""
    try:
        from beschluesse.importer.parser import parse_niederschrift
    except ImportError:
        from beschluesse.demo.conference import demo_conference

        return demo_conference(number=19, seed=1), "Demo-19. IntMK (Parser fehlt)"
    return parse_niederschrift(SEED.read_text(encoding="utf-8")), "Seed (19. IntMK)"


def time_seed_import() -> tuple[list[float], list[float], str]:
    """Parse and import the seed into an empty register, IMPORT_RUNS times; seconds each."""
    from beschluesse.importer.write import conference_import
    from beschluesse.models import Conference

    parse_times, import_times = [], []
    label = ""
    for _ in range(IMPORT_RUNS):
        Conference.objects.all().delete()
        start = time.perf_counter()
        data, label = seed_document()
        parsed = time.perf_counter()
        conference_import(minutes=data, source_name=SEED.name)
        parse_times.append(parsed - start)
        import_times.append(time.perf_counter() - parsed)
    return parse_times, import_times, label


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def measure_page(client: object, name: str, url: str, conferences: int) -> PageResult:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    get: Callable = client.get  # type: ignore[attr-defined]
    for _ in range(WARM_UP):
        get(url)
    with CaptureQueriesContext(connection) as captured:
        status = get(url).status_code
    queries = len(captured.captured_queries)  # read now: the next request empties the log
    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        get(url)
        timings.append((time.perf_counter() - start) * 1000)
    return PageResult(
        name=name,
        url=url,
        conferences=conferences,
        status=status,
        queries=queries,
        median_ms=statistics.median(timings),
        p95_ms=p95(timings),
    )


def measure_pages(conferences: int) -> list[PageResult]:
    from django.test import Client

    client = Client()
    return [measure_page(client, name, url, conferences) for name, url in PAGES]


def register_counts() -> str:
    from beschluesse.models import Conference, Demand, Resolution

    return (
        f"Konferenzen: {Conference.objects.count()}, Beschlüsse: {Resolution.objects.count()}, "
        f"Forderungen: {Demand.objects.count()}"
    )


# --- output --------------------------------------------------------------------------------


def print_import(parse_times: list[float], import_times: list[float], label: str) -> None:
    totals = [p + i for p, i in zip(parse_times, import_times, strict=True)]
    median = statistics.median(totals)
    verdict = "ok" if median < IMPORT_TARGET_S else "ZU LANGSAM"
    print(
        f"Import {label}, Median aus {IMPORT_RUNS} Läufen: {median * 1000:.0f} ms "
        f"(Parser {statistics.median(parse_times) * 1000:.0f} ms, "
        f"conference_import {statistics.median(import_times) * 1000:.0f} ms); "
        f"Ziel < {IMPORT_TARGET_S * 1000:.0f} ms: {verdict}"
    )


def print_table(results: list[PageResult]) -> None:
    header = f"{'Seite':<22} {'URL':<40} {'Konf.':>5} {'HTTP':>4} {'SQL':>4} {'Median ms':>9} "
    header += f"{'p95 ms':>7}"
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.name:<22} {r.url:<40} {r.conferences:>5} {r.status:>4} {r.queries:>4} "
            f"{r.median_ms:>9.1f} {r.p95_ms:>7.1f}"
        )


def print_verdict(results: list[PageResult]) -> None:
    """Query counts must not grow with the data; p95 at 20 conferences stays under the target."""
    by_page: dict[str, dict[int, PageResult]] = {}
    for r in results:
        by_page.setdefault(r.url, {})[r.conferences] = r
    growing = [url for url, runs in by_page.items() if runs[1].queries != runs[20].queries]
    slow = [
        r.url
        for r in results
        if r.status != 200 or (r.conferences == 20 and r.p95_ms >= PAGE_TARGET_MS)
    ]
    print()
    print("SQL-Abfragen wachsen mit den Daten: " + (", ".join(growing) if growing else "nein (ok)"))
    print(
        f"Seiten mit p95 >= {PAGE_TARGET_MS} ms bei 20 Konferenzen oder Fehler: "
        + (", ".join(sorted(set(slow))) if slow else "keine (ok)")
    )


def main() -> None:
    url = os.environ.get("DATABASE_URL")
    if not url:
        sys.exit("Bitte DATABASE_URL setzen, z. B. postgres://postgres@127.0.0.1:5432/intmk")
    django_setup(url)
    from django.core.management import call_command
    from django.test import override_settings

    with throwaway_database(url):
        call_command("migrate", verbosity=0)
        print_import(*time_seed_import())
        print(f"Bestand: {register_counts()}")
        results = measure_pages(1)
        with override_settings(DEBUG=True):  # generate_demo refuses to run outside development
            call_command("generate_demo", conferences=19, seed=1, stdout=io.StringIO())
        print(f"Bestand: {register_counts()}")
        results += measure_pages(20)
        print()
        print(f"Seiten ({REQUESTS} Anfragen je Seite nach {WARM_UP} zum Aufwärmen, Django-Client):")
        print_table(sorted(results, key=lambda r: (PAGES.index((r.name, r.url)), r.conferences)))
        print_verdict(results)


if __name__ == "__main__":
    main()
