"""Load run: concurrent clients save progress entries through gunicorn for a fixed time; then
every acknowledged save must be in the database exactly once.

Builds a throwaway database ``intmk_load`` on the server of DATABASE_URL with the full data of
bench/bench_followup.py (20 conferences, 100,000 entries) and one official per client, collects
the static files for the time of the run, starts gunicorn on a free port of 127.0.0.1 with
production settings (DEBUG=false, plain http), and lets each client loop: open the entry form of
a random demand, save an entry for its own Land with a unique marker text. Usage, from the
repository root::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/intmk .venv/bin/python bench/load_entries.py

Not a test: it prints numbers; the targets are in bench/README.md.
"""

import argparse
import html.parser
import http.client
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench_followup import (
    FULL_CONFERENCES,
    FULL_ENTRIES,
    PASSWORD,
    SEED,
    counts,
    django_setup,
    password_hash,
    populate,
    throwaway_database,
)
from bench_pages import _server_url, p95

ROOT = Path(__file__).resolve().parent.parent
LOAD_DB = "intmk_load"
LOG = ROOT / "bench" / "results" / "load_gunicorn.log"
CLIENTS = 50
SECONDS = 30
WORKERS = 4
THREADS = 4
HOT_DEMANDS = 20  # a few demands many clients write to at once: saves in between do happen
HOT_SHARE = 0.3
LOGINS_AT_ONCE = 8  # PBKDF2 is slow on purpose; all 50 at once would only queue
TIMEOUT_S = 30
# The entry form remembers the newest entry it was opened on (`gesehen`). When someone else
# saved the demand in between, it saves nothing and shows their entries ("Inzwischen hat …")
# with the form again, now remembering them; the client confirms by saving that form again
# ("Trotzdem speichern"), as often as others keep saving in between, up to CONFIRMS times.
SEEN_FIELD = "gesehen"
SAVED_MEANWHILE = "Inzwischen hat"
CONFIRMS = 10


# --- a plain http client that keeps its own cookies (the __Host- cookies are Secure) -------


class Browser:
    """One user's browser: its own cookies, a new connection for every request.

    A new connection each time, as a reverse proxy in front of gunicorn does: on a kept-alive
    connection a busy client may send its next request just when gunicorn closes the idle
    connection (keep-alive timeout 2 s); a browser then silently repeats the request, a plain
    client would count an error the server never saw."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, data: list[tuple[str, str]] | None = None
    ) -> tuple[int, str]:
        headers = {"Host": f"127.0.0.1:{self.port}", "Connection": "close"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT_S)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            self._remember(header)
        return response.status, text

    def _remember(self, header: str) -> None:
        pair, *attributes = header.split(";")
        name, _, value = pair.strip().partition("=")
        expired = any(a.strip().lower() in {"max-age=0"} for a in attributes)
        if expired or not value.strip('"'):
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = value


@dataclass
class Form:
    action: str
    fields: list[dict[str, Any]] = field(default_factory=list)


class FormParser(html.parser.HTMLParser):
    """The post forms of a page with their fields, as a browser would submit them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: dict[str, Any] | None = None
        self._textarea: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self.forms.append(Form(action=a.get("action", "")))
        elif not self.forms or "name" not in a and tag != "option":
            return
        elif tag == "input":
            self.forms[-1].fields.append(
                {
                    "tag": "input",
                    "type": a.get("type", "text").lower(),
                    "name": a["name"],
                    "value": a.get("value", ""),
                    "checked": "checked" in a,
                }
            )
        elif tag == "select":
            self._select = {"tag": "select", "name": a["name"], "options": []}
            self.forms[-1].fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append((a.get("value", ""), "selected" in a))
        elif tag == "textarea":
            self._textarea = {"tag": "textarea", "type": "textarea", "name": a["name"], "value": ""}
            self.forms[-1].fields.append(self._textarea)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea["value"] += data


def find_form(page: str, field_name: str) -> Form:
    """The post form of the page that has a field called `field_name`."""
    parser = FormParser()
    parser.feed(page)
    for form in parser.forms:
        if any(f["name"] == field_name for f in form.fields):
            return form
    raise ValueError(f"Kein Formular mit dem Feld {field_name} auf der Seite")


def form_data(form: Form, values: dict[str, str], rng: random.Random) -> list[tuple[str, str]]:
    """What a browser submits unchanged (hidden values, selections, checked boxes) with `values`
    typed in; a list without a selection gets a random choice, as a user would pick one."""
    data = []
    for f in form.fields:
        name = f["name"]
        if name in values:
            continue
        if f["tag"] == "select":
            chosen = [v for v, selected in f["options"] if selected and v]
            data.append(
                (name, chosen[0] if chosen else rng.choice([v for v, _ in f["options"] if v]))
            )
        elif f["type"] in {"submit", "button"}:
            continue  # the client presses no particular button
        elif f["type"] not in {"checkbox", "radio"} or f["checked"]:
            data.append((name, f["value"]))
    return data + list(values.items())


def form_errors(page: str) -> str:
    """The error messages a re-shown form carries, for the error count."""
    messages = re.findall(r'class="kern-error"[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)', page)
    return "; ".join(m.strip() for m in messages[:2]) or "Formular ohne Fehlermeldung erneut"


# --- the clients ---------------------------------------------------------------------------


@dataclass
class Tally:
    requests: int = 0
    get_ms: list[float] = field(default_factory=list)
    post_ms: list[float] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)  # marker texts
    retries: int = 0
    errors: Counter = field(default_factory=Counter)


@dataclass
class ClientSpec:
    number: int
    username: str
    land_code: str


class Client(threading.Thread):
    def __init__(
        self,
        spec: ClientSpec,
        *,
        port: int,
        urls: "Urls",
        run: str,
        started: threading.Barrier,
        logins: threading.Semaphore,
        clock: "Clock",
        seed: int,
    ) -> None:
        super().__init__(name=spec.username, daemon=True)
        self.spec, self.urls, self.run_id = spec, urls, run
        self.browser = Browser(port)
        self.started, self.logins, self.clock = started, logins, clock
        self.rng = random.Random(f"{seed}-{spec.number}")
        self.tally = Tally()
        self.logged_in = False

    def run(self) -> None:
        try:
            with self.logins:
                self.logged_in = self._login()
        except Exception as error:  # counted; the run goes on without this client
            self.tally.errors[f"Anmeldung: {type(error).__name__}: {error}"[:120]] += 1
        finally:
            self.started.wait()
        if not self.logged_in:
            return
        sequence = 0
        while time.perf_counter() < self.clock.deadline:
            sequence += 1
            try:
                self._save(sequence)
            except Exception as error:  # every failure is counted, none stops the run
                self.tally.errors[f"{type(error).__name__}: {error}"[:120]] += 1

    def _login(self) -> bool:
        status, page = self.browser.request("GET", self.urls.login)
        form = find_form(page, "username")
        values = {"username": self.spec.username, "password": PASSWORD}
        data = form_data(form, values, self.rng)
        status, _ = self.browser.request("POST", self.urls.login, data)
        if status != 302 or "sessionid" not in " ".join(self.browser.cookies):
            self.tally.errors[f"Anmeldung {self.spec.username}: HTTP {status}"] += 1
            return False
        return True

    def _timed(self, method: str, path: str, data: Any = None) -> tuple[int, str]:
        start = time.perf_counter()
        try:
            return self.browser.request(method, path, data)
        finally:
            elapsed = (time.perf_counter() - start) * 1000
            self.tally.requests += 1
            (self.tally.post_ms if method == "POST" else self.tally.get_ms).append(elapsed)

    def _save(self, sequence: int) -> None:
        demands = self.urls.hot if self.rng.random() < HOT_SHARE else self.urls.demands
        demand_id = self.rng.choice(demands)
        path = self.urls.entry_create.format(demand_id=demand_id)
        # Unique, and naming what the entry must carry: Land and demand.
        marker = f"{self.run_id} {self.spec.land_code} {demand_id} {self.name}-{sequence:05d}"
        status, page = self._timed("GET", path)
        if status != 200:
            self.tally.errors[f"GET Formular: HTTP {status}"] += 1
            return
        form = find_form(page, SEEN_FIELD)
        values = {"land": self.spec.land_code, "text": marker}
        for attempt in range(CONFIRMS + 1):
            status, page = self._timed("POST", path, form_data(form, values, self.rng))
            if status == 303:  # post/redirect/get: saved
                self.tally.acknowledged.append(marker)
                return
            if status == 200 and SAVED_MEANWHILE in page and attempt < CONFIRMS:
                self.tally.retries += 1
                form = find_form(page, SEEN_FIELD)
                continue
            break
        reason = form_errors(page) if status == 200 else ""
        self.tally.errors[f"POST: HTTP {status} {reason}".strip()[:120]] += 1


@dataclass
class Clock:
    seconds: float
    begin: float = 0.0
    deadline: float = 0.0

    def start(self) -> None:
        """Run by the barrier once every client has logged in."""
        self.begin = time.perf_counter()
        self.deadline = self.begin + self.seconds


@dataclass
class Urls:
    login: str
    entry_create: str  # with {demand_id}
    demands: list[int]
    hot: list[int]


# --- the server ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def production_environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_HOST": "localhost",
        "SECURE_SSL_REDIRECT": "false",  # plain http on the loopback; a proxy does TLS
        "SECURE_HSTS_SECONDS": "0",
    }


@contextmanager
def collected_static(env: dict[str, str]) -> Iterator[None]:
    """`collectstatic` as in production (the manifest storage needs it); removes STATIC_ROOT
    afterwards if it was not there before, so that development keeps serving `static/`."""
    static_root = ROOT / "staticfiles"  # settings.STATIC_ROOT
    existed = static_root.exists()
    python = str(ROOT / ".venv" / "bin" / "python")
    subprocess.run(
        [python, "manage.py", "collectstatic", "--no-input"],
        cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        yield
    finally:
        if not existed:
            shutil.rmtree(static_root)


def start_gunicorn(
    env: dict[str, str], port: int, workers: int, threads: int, log_path: Path = LOG
) -> subprocess.Popen:
    """gunicorn as in production; with one thread per worker its sync workers (issue 10)."""
    log_path.parent.mkdir(exist_ok=True)
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"), "intmk.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--threads", str(threads), "--timeout", "60",
        "--no-control-socket",
    ]  # fmt: skip
    with log_path.open("w") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn ist nicht gestartet, siehe {log_path}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    stop_gunicorn(server)
    sys.exit(f"gunicorn antwortet nicht, siehe {log_path}")


def stop_gunicorn(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)  # the master stops its workers gracefully
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# --- preparing and checking ----------------------------------------------------------------


def add_clients(count: int) -> list[ClientSpec]:
    """One official per client, the Länder in turn: several clients write for each Land."""
    from intmk.laender import LAENDER
    from intmk.models import Land, Role, RoleKind, User

    hashed = password_hash()
    lands = {land.code: land for land in Land.objects.all()}
    specs = []
    for number in range(1, count + 1):
        code = LAENDER[(number - 1) % len(LAENDER)][0]
        user = User.objects.create(username=f"last-{number:02d}", password=hashed)
        Role.objects.create(user=user, kind=RoleKind.OFFICIAL, land=lands[code])
        specs.append(ClientSpec(number, user.username, code))
    return specs


def entries_of_run(run_id: str) -> tuple[Counter, int]:
    """How often each marker text of the run is in the database, and how many entries carry
    another Land or demand than their marker names."""
    from erfolgskontrolle.models import ProgressEntry

    found: Counter = Counter()
    misplaced = 0
    entries = ProgressEntry.objects.filter(text__startswith=f"{run_id} ")
    for text, land_code, demand_id in entries.values_list("text", "land__code", "demand_id"):
        found[text] += 1
        _, marked_land, marked_demand, _ = text.split(" ")
        misplaced += (marked_land, marked_demand) != (land_code, str(demand_id))
    return found, misplaced


def print_results(
    clients: list[Client], found: Counter, misplaced: int, seconds: float, server_errors: int
) -> bool:
    tallies = [c.tally for c in clients]
    requests = sum(t.requests for t in tallies)
    get_ms = [ms for t in tallies for ms in t.get_ms]
    post_ms = [ms for t in tallies for ms in t.post_ms]
    all_ms = get_ms + post_ms
    acknowledged = [marker for t in tallies for marker in t.acknowledged]
    errors: Counter = sum((t.errors for t in tallies), Counter())
    retries = sum(t.retries for t in tallies)
    lost = [m for m in acknowledged if found[m] == 0]
    duplicates = [m for m, n in found.items() if n > 1]
    unacknowledged = [m for m in found if m not in set(acknowledged)]
    logged_in = sum(c.logged_in for c in clients)

    def quantiles(values: list[float]) -> str:
        if len(values) < 2:
            return "zu wenige Werte"
        return f"p50 {statistics.median(values):.0f} ms, p95 {p95(values):.0f} ms"

    print(f"Angemeldet: {logged_in} von {len(clients)} Clients")
    print(
        f"Anfragen (ohne Anmeldung): {requests} in {seconds:.1f} s ({requests / seconds:.1f}/s; "
        f"{len(get_ms)} Formular-Aufrufe, {len(post_ms)} Speichern-Posts)"
    )
    print(f"Latenz alle Anfragen: {quantiles(all_ms)}")
    print(f"Latenz Formular (GET): {quantiles(get_ms)}; Speichern (POST): {quantiles(post_ms)}")
    print(f"Bestätigte Speicherungen: {len(acknowledged)} ({len(acknowledged) / seconds:.1f}/s)")
    print(
        f"Erneut gespeichert nach Hinweis „Inzwischen hat … eingetragen“ (kein Fehler): {retries}"
    )
    print(f"Fehler: {sum(errors.values())}")
    for message, n in errors.most_common(10):
        print(f"  {n:>5} × {message}")
    print(f"Fehler im Server-Log (Traceback): {server_errors}")
    print(f"In der Datenbank gefunden: {sum(1 for m in acknowledged if found[m])}")
    print(f"Verloren (bestätigt, nicht in der Datenbank): {len(lost)}")
    print(f"Doppelt gespeichert: {len(duplicates)}")
    print(f"Gespeichert ohne Bestätigung (z. B. Zeitüberschreitung): {len(unacknowledged)}")
    print(f"Mit anderem Land oder an anderer Forderung gespeichert: {misplaced}")
    ok = (
        logged_in == len(clients)
        and not errors
        and not server_errors
        and not lost
        and not duplicates
        and not misplaced
        and bool(acknowledged)
    )
    print("Ergebnis: " + ("ok (0 Fehler, 0 verloren)" if ok else "NICHT BESTANDEN"))
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--seconds", type=float, default=SECONDS)
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--threads", type=int, default=THREADS)
    arguments = parser.parse_args()
    url = os.environ.get("DATABASE_URL")
    if not url:
        sys.exit("Bitte DATABASE_URL setzen, z. B. postgres://postgres@127.0.0.1:5432/intmk")
    django_setup(url, LOAD_DB)
    from django.core.management import call_command
    from django.db import connections
    from django.urls import reverse

    from beschluesse.models import Demand

    with throwaway_database(url, LOAD_DB):
        call_command("migrate", verbosity=0)
        start = time.perf_counter()
        populate(conferences=FULL_CONFERENCES, entries=FULL_ENTRIES, people=None, seed=SEED)
        specs = add_clients(arguments.clients)
        print(f"Daten ({time.perf_counter() - start:.0f} s erzeugt): {counts()}")
        demand_ids = list(Demand.objects.order_by("pk").values_list("pk", flat=True))
        rng = random.Random(SEED)
        urls = Urls(
            login=reverse("login"),
            entry_create=reverse("erfolgskontrolle:entry-create", args=[0]).replace(
                "/0/", "/{demand_id}/"
            ),
            demands=demand_ids,
            hot=rng.sample(demand_ids, HOT_DEMANDS),
        )
        connections.close_all()  # the server gets the database to itself

        env = production_environment(_server_url(url, LOAD_DB))
        with collected_static(env):
            port = free_port()
            server = start_gunicorn(env, port, arguments.workers, arguments.threads)
            try:
                run = f"Lasttest-{secrets.token_hex(4)}"
                clock = Clock(arguments.seconds)
                started = threading.Barrier(arguments.clients + 1, action=clock.start)
                logins = threading.Semaphore(LOGINS_AT_ONCE)
                clients = [
                    Client(spec, port=port, urls=urls, run=run, started=started, logins=logins,
                           clock=clock, seed=SEED)
                    for spec in specs
                ]  # fmt: skip
                for client in clients:
                    client.start()
                started.wait()  # everyone has logged in: the clock starts
                load_before = os.getloadavg()[0]
                for client in clients:
                    client.join()
                elapsed = time.perf_counter() - clock.begin
                load_after = os.getloadavg()[0]
            finally:
                stop_gunicorn(server)
        server_errors = LOG.read_text(encoding="utf-8", errors="replace").count("Traceback")
        found, misplaced = entries_of_run(run)
        print(
            f"Lastlauf: {arguments.clients} Clients, {arguments.seconds:.0f} s, gunicorn "
            f"{arguments.workers} Worker × {arguments.threads} Threads auf 127.0.0.1:{port}, "
            f"DEBUG=false, Server-Log {LOG.relative_to(ROOT)}"
        )
        print(
            f"Last des Rechners (1-Minuten-Mittel, {os.cpu_count()} Kerne, mit den Clients): "
            f"{load_before:.1f} zu Beginn, {load_after:.1f} am Ende"
        )
        ok = print_results(clients, found, misplaced, elapsed, server_errors)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
