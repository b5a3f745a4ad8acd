"""Throughput of each page as a share of a trivial view, both served in the same run by gunicorn
as in production (2 sync workers, DEBUG off) and loaded by wrk (Debian's package) on loopback.

Builds a throwaway database ``intmk_throughput`` on the server of DATABASE_URL: the seed (19th
IntMK), 19 demo conferences and 100,000 progress entries (bench_followup's generator), collects
the static files for the time of the run, then measures `/bench-ok/` (a view that returns "ok",
see throughput_urls.py) and every page for a few seconds each. Usage, from the repository root::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/intmk .venv/bin/python bench/bench_throughput.py

Options: ``--seconds`` per page (default 10), ``--connections`` (16), ``--threads`` (2).
Not a test: it prints numbers. Targets (issue 10), as a share of the trivial view in the same
run: start, conference, resolution ≥ 40 %; demand list and search ≥ 15 %; Meine Aufgaben, the
demand page and the round matrix ≥ 8 %.
"""

import argparse
import io
import os
import re
import secrets
import shutil
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench_followup import (
    FULL_CONFERENCES,
    FULL_ENTRIES,
    MEASURED_CONFERENCE,
    SEED,
    counts,
    django_setup,
    populate,
    throwaway_database,
)
from bench_pages import _server_url
from load_entries import (
    collected_static,
    free_port,
    production_environment,
    start_gunicorn,
    stop_gunicorn,
)

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "intmk_throughput"
SEED_FILE = ROOT / "fixtures" / "19-intmk-2024-niederschrift.txt"
LOG = ROOT / "bench" / "results" / "throughput_gunicorn.log"
WORKERS = 2
SESSION_COOKIE = "__Host-sessionid"  # the production names (intmk/settings.py, DEBUG off)
CSRF_COOKIE = "__Host-csrftoken"
TARGETS = {  # share of the trivial view's requests per second
    "Start": 0.40,
    "Konferenz": 0.40,
    "Beschluss": 0.40,
    "Forderungen": 0.15,
    "Suche": 0.15,
    "Meine Aufgaben": 0.08,
    "Forderung (meiste)": 0.08,
    "Berichtsrunde": 0.08,
}


@dataclass
class Page:
    name: str
    path: str
    session: str = ""  # session key of the user who asks; blank: anonymous
    csrf: str = ""  # the browser's CSRF secret (a browser has one after its first page)

    def cookie(self) -> str:
        return f"{SESSION_COOKIE}={self.session}; {CSRF_COOKIE}={self.csrf}"


@dataclass
class Result:
    page: Page
    rps: float
    p99_ms: float
    errors: int


def session_for(user: object) -> str:
    """A signed-in session as the login view leaves it (same SECRET_KEY as the server)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)  # type: ignore[attr-defined]
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()  # type: ignore[attr-defined]
    session.save()
    return str(session.session_key)


def pages(people: object) -> list[Page]:
    from django.db.models import Count
    from django.middleware.csrf import _get_new_csrf_string

    from beschluesse.models import Demand
    from erfolgskontrolle.models import ReportingRound

    official = session_for(people.officials["DE-BE"])  # type: ignore[attr-defined]
    secretariat = session_for(people.secretariat)  # type: ignore[attr-defined]
    csrf = _get_new_csrf_string()
    busiest = (
        Demand.objects.annotate(n=Count("progress_entries")).order_by("-n", "pk").values("pk")[0]
    )
    round_id = ReportingRound.objects.get(conference__number=MEASURED_CONFERENCE).pk
    return [
        Page("Start", "/"),
        Page("Konferenz", "/konferenzen/19/"),
        Page("Beschluss", "/konferenzen/19/top/3.3/"),
        Page("Forderungen", "/forderungen/"),
        Page("Suche", "/forderungen/?q=Sprachmittlung"),
        Page("Meine Aufgaben", "/aufgaben/", official, csrf),
        Page("Forderung (meiste)", f"/forderungen/{busiest['pk']}/", official, csrf),
        Page("Berichtsrunde", f"/runden/{round_id}/", secretariat, csrf),
    ]


def check(port: int, page: Page) -> None:
    """The page answers 200 for its user, or the bench would measure an error page."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{page.path}")
    if page.session:
        request.add_header("Cookie", page.cookie())
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status != 200 or response.url != request.full_url:
            sys.exit(f"{page.name}: HTTP {response.status} {response.url}")


def wrk(port: int, page: Page, arguments: argparse.Namespace) -> Result:
    command = [
        "wrk", f"-t{arguments.threads}", f"-c{arguments.connections}",
        f"-d{arguments.seconds}s", "--latency", f"http://127.0.0.1:{port}{page.path}",
    ]  # fmt: skip
    if page.session:
        command[1:1] = ["-H", f"Cookie: {page.cookie()}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    p99_ms = float(p99.group(1)) * scale[p99.group(2)] if p99 else float("nan")
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    timeouts = re.search(r"Socket errors:.*timeout (\d+)", output)
    failed = (int(errors.group(1)) if errors else 0) + (int(timeouts.group(1)) if timeouts else 0)
    return Result(page, rps, p99_ms, failed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--ohne-cache", action="store_true", help="jede Seite neu rendern (PAGE_CACHE=off)"
    )
    arguments = parser.parse_args()
    url = os.environ.get("DATABASE_URL")
    if not url:
        sys.exit("Bitte DATABASE_URL setzen, z. B. postgres://postgres@127.0.0.1:5432/intmk")
    if not shutil.which("wrk"):
        sys.exit("wrk fehlt: sudo apt-get install -y --no-install-recommends wrk")
    secret = secrets.token_urlsafe(50)
    os.environ["SECRET_KEY"] = secret  # sessions made here must verify in the server
    django_setup(url, BENCH_DB)
    from django.core.management import call_command
    from django.db import connections

    with throwaway_database(url, BENCH_DB):
        call_command("migrate", verbosity=0)
        call_command("import_niederschrift", str(SEED_FILE), stdout=io.StringIO())
        people = populate(
            conferences=FULL_CONFERENCES, entries=FULL_ENTRIES, people=None, seed=SEED
        )
        print(f"Daten: {counts()}")
        measured = pages(people)
        connections.close_all()  # the server gets the database to itself

        env = production_environment(_server_url(url, BENCH_DB))
        env.update(
            SECRET_KEY=secret,
            DJANGO_SETTINGS_MODULE="throughput_settings",
            PYTHONPATH=str(ROOT / "bench"),
            PAGE_CACHE="off" if arguments.ohne_cache else "on",
        )
        with collected_static(env):
            port = free_port()
            server = start_gunicorn(env, port, WORKERS, threads=1, log_path=LOG)
            try:
                for page in measured:
                    check(port, page)
                trivial = Page("trivial (ok)", "/bench-ok/")
                results = [wrk(port, trivial, arguments)]
                results += [wrk(port, page, arguments) for page in measured]
                results.append(wrk(port, trivial, arguments))  # again: did the machine drift?
                load = os.getloadavg()[0]
            finally:
                stop_gunicorn(server)
    print_table(results, arguments, load)


def print_table(results: list[Result], arguments: argparse.Namespace, load: float) -> None:
    trivial = (results[0].rps + results[-1].rps) / 2
    print(
        f"\ngunicorn {WORKERS} sync Worker, DEBUG=false, Seiten-Cache "
        f"{'aus' if arguments.ohne_cache else 'an'}; wrk -t{arguments.threads} "
        f"-c{arguments.connections} -d{arguments.seconds}s; Last {load:.1f} auf "
        f"{os.cpu_count()} Kernen; trivial vorher {results[0].rps:.0f}/s, nachher "
        f"{results[-1].rps:.0f}/s\n"
    )
    print(f"{'Seite':<20} {'Anfragen/s':>10} {'Anteil':>7} {'Ziel':>5} {'p99 ms':>7} {'Fehler':>6}")
    below = []
    for r in results[1:-1]:
        share = r.rps / trivial
        target = TARGETS[r.page.name]
        mark = "" if share >= target else "  <"
        if share < target:
            below.append(r.page.name)
        print(
            f"{r.page.name:<20} {r.rps:>10.0f} {share:>6.1%} {target:>5.0%} {r.p99_ms:>7.1f} "
            f"{r.errors:>6}{mark}"
        )
    print(f"\nUnter dem Ziel: {', '.join(below) or 'nichts (ok)'}")


if __name__ == "__main__":
    main()
