"""Upload limits of the Sachstand table (issue 10): how long and how much memory the hostile
XLSX files take until the official gets the German answer.

Each file is posted in a fresh process (so its peak memory is its own) through Django's test
client to `/tabelle/DE-BE/hochladen/` as the official of Berlin, against a throwaway database
``intmk_bench_uploads`` on the server of DATABASE_URL (the seed imported). Usage::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/intmk .venv/bin/python bench/bench_uploads.py

Not a test: it prints numbers. Target: a German answer within a second or two, far below the
worker's memory.
"""

import io
import multiprocessing
import os
import re
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_followup import django_setup, throwaway_database

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "intmk_bench_uploads"
SEED_FILE = ROOT / "fixtures" / "19-intmk-2024-niederschrift.txt"


def cases() -> list[tuple[str, Callable[[], bytes]]]:
    sys.path.insert(0, str(ROOT))
    from tests.erfolgskontrolle.xlsx_bombs import far_column, shared_strings_bomb

    return [
        ("2 Mio. geteilte Texte", shared_strings_bomb),
        ("Spalte XFD, 5.000 Zeilen", lambda: far_column(rows=5000)),
        ("25 Zellen je Zeile bis XFD", lambda: far_column(rows=5000, cells_per_row=25)),
    ]


def _post_in_child(index: int, queue: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connections
    from django.test import Client

    from intmk.models import User

    connections.close_all()
    name, build = cases()[index]
    content = build()
    client = Client()
    client.force_login(User.objects.get(username="berlin"))
    start = time.perf_counter()
    response = client.post(
        "/tabelle/DE-BE/hochladen/", {"file": SimpleUploadedFile("tabelle.xlsx", content)}
    )
    seconds = time.perf_counter() - start
    text = re.sub(r"\s+", " ", response.content.decode(errors="replace"))
    message = re.search(r"(Die Excel-Datei enthält[^<]{0,80}|Die Datei ist[^<]{0,80})", text)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if response.status_code == 303:
        answer = "gelesen (nur die Spalten der Tabelle): keine Zeile geändert"
    else:
        answer = message.group(1)[:70] if message else "?"
    queue.put((name, len(content), response.status_code, seconds, peak_mb, answer))


def main() -> None:
    url = os.environ.get("DATABASE_URL")
    if not url:
        sys.exit("Bitte DATABASE_URL setzen, z. B. postgres://postgres@127.0.0.1:5432/intmk")
    django_setup(url, BENCH_DB)
    from django.core.management import call_command
    from django.db import connections
    from django.test import override_settings

    with throwaway_database(url, BENCH_DB):
        call_command("migrate", verbosity=0)
        call_command("import_niederschrift", str(SEED_FILE), stdout=io.StringIO())
        with override_settings(DEBUG=True):  # the demo accounts exist only in development
            call_command("demo_accounts", stdout=io.StringIO())
        connections.close_all()
        context = multiprocessing.get_context("fork")
        rows = []
        for index in range(len(cases())):
            queue = context.Queue()
            process = context.Process(target=_post_in_child, args=(index, queue))
            process.start()
            rows.append(queue.get())
            process.join()
    print(f"\n{'Datei':<28} {'KB':>6} {'HTTP':>4} {'Sekunden':>8} {'Spitze MB':>9}  Antwort")
    for name, size, status, seconds, peak_mb, answer in rows:
        print(
            f"{name:<28} {size / 1024:>6.0f} {status:>4} {seconds:>8.2f} {peak_mb:>9.0f}  {answer}"
        )
    print(f"Last {os.getloadavg()[0]:.1f} auf {os.cpu_count()} Kernen")


if __name__ == "__main__":
    main()
