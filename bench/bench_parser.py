"""Parse times and field accuracy of the minutes importer on the generated corpus (issue 9).

No database.  Usage, from the repository root::

    .venv/bin/python bench/bench_parser.py

Prints: the seed text parsed (target < 1 s), the seed rendered as a PDF of about 40 pages
read and parsed (target < 3 s), and for every conference and layout of the corpus
(tests/beschluesse/corpus/) the share of fields that came back equal.  The PDF timing includes
reading the PDF (pdfplumber); CPU time is printed beside wall time, since the machine is shared.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intmk.settings")

import django  # noqa: E402

django.setup()

from beschluesse.importer.parser import parse_niederschrift  # noqa: E402
from beschluesse.importer.readers import read_document  # noqa: E402
from tests.beschluesse.corpus import conferences  # noqa: E402
from tests.beschluesse.corpus.catalogue import LAYOUTS  # noqa: E402
from tests.beschluesse.corpus.compare import compare, without_underlines  # noqa: E402
from tests.beschluesse.corpus.documents import PDF_LAYOUT, render_docx, render_pdf  # noqa: E402
from tests.beschluesse.corpus.layouts import render  # noqa: E402

RUNS = 3
SEED_TARGET_S = 1.0
PDF_TARGET_S = 3.0


def timed(work: Callable[[], Any], runs: int = RUNS) -> tuple[float, float]:
    """Median wall and CPU seconds of ``runs`` calls."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def accuracy(expected: dict[str, Any], text: str) -> tuple[int, int]:
    try:
        count, wrong = compare(expected, parse_niederschrift(text).to_json())
    except Exception as exc:  # a refused file counts as nothing right
        print(f"    refused: {exc}")
        count, _ = compare(expected, expected)
        return 0, count
    return count - len(wrong), count


def main() -> None:
    seed_text = conferences.SEED.read_text(encoding="utf-8")
    wall, cpu = timed(lambda: parse_niederschrift(seed_text), runs=5)
    print(f"seed text parse: {wall:.2f} s wall, {cpu:.2f} s CPU (target < {SEED_TARGET_S} s)")

    corpus = {
        "19 (seed)": conferences.seed_conference(),
        "7 (2012)": conferences.conference_7(),
        "15 (Umlauf)": conferences.conference_15(),
        "16 (2021)": conferences.conference_16(),
    }
    seed_pdf = render(corpus["19 (seed)"], PDF_LAYOUT)
    pdf_bytes = render_pdf(seed_pdf)
    wall, cpu = timed(lambda: parse_niederschrift(read_document(pdf_bytes).text))
    print(
        f"seed as PDF ({len(seed_pdf.pages)} pages, {len(pdf_bytes) // 1024} KB) read + parse: "
        f"{wall:.2f} s wall, {cpu:.2f} s CPU (target < {PDF_TARGET_S} s)"
    )

    print(f"\n{'layout':32} " + " ".join(f"{name:>12}" for name in corpus))
    totals: dict[str, list[int]] = {}
    rows: list[tuple[str, Callable[[dict[str, Any]], tuple[dict[str, Any], str]]]] = [
        (layout.name, lambda x, layout=layout: _text(x, layout)) for layout in LAYOUTS
    ]
    rows.append(("docx-word-numbering", _docx))
    rows.append((PDF_LAYOUT.name, _pdf))
    if shutil.which("pdftotext"):
        rows.append(("pdftotext-layout (no underline)", _pdftotext))
    for name, make in rows:
        cells = []
        for conference in corpus.values():
            right, count = accuracy(*make(conference))
            totals.setdefault(name, [0, 0])
            totals[name][0] += right
            totals[name][1] += count
            cells.append(f"{100 * right / count:11.1f}%")
        print(f"{name:32} " + " ".join(cells))
    right = sum(r for r, _ in totals.values())
    count = sum(c for _, c in totals.values())
    print(f"\nall layouts: {right} of {count} fields equal ({100 * right / count:.2f} %)")


def _text(conference: dict[str, Any], layout: Any) -> tuple[dict[str, Any], str]:
    rendering = render(conference, layout)
    return rendering.expected, rendering.text


def _docx(conference: dict[str, Any]) -> tuple[dict[str, Any], str]:
    data, expected = render_docx(conference)
    return expected, read_document(data).text or ""


def _pdftotext(conference: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The corpus PDF as poppler's pdftotext -layout extracts it; it keeps no underline, so
    the lead is only expected where a single Land applies."""
    rendering = render(conference, PDF_LAYOUT)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(render_pdf(rendering))
        pdf.flush()
        text = subprocess.run(
            ["pdftotext", "-layout", pdf.name, "-"], check=True, capture_output=True, text=True
        ).stdout
    return without_underlines(rendering.expected), text


def _pdf(conference: dict[str, Any]) -> tuple[dict[str, Any], str]:
    rendering = render(conference, PDF_LAYOUT)
    return rendering.expected, read_document(render_pdf(rendering)).text or ""


if __name__ == "__main__":
    main()
