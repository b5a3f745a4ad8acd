"""The reader detects a file's format from its content and returns text the parser can read.

PDFs and DOCX files are generated here (fpdf2's core font Helvetica is Latin-1, so umlauts
work but typographic quotes and dashes do not).
"""

import io
import json
import random
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from beschluesse.importer.errors import NiederschriftError
from beschluesse.importer.readers import Document, read_document

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "19-intmk-2024-niederschrift.txt"

RESOLUTION_LINES = [
    "1. Die IntMK stellt fest, dass neu zugewanderte Menschen mit Behinderungen vor",
    "einer Vielzahl von Barrieren stehen.",
    None,  # paragraph break
    "2. Die IntMK fordert den Bund erneut auf, die Sprachmittlung im Fünften Buch Sozi-",
    "algesetzbuch (SGB V) kurzfristig zu regeln.",
]
SECOND_PAGE_LINES = ["3. Die Länder sagen zu, die Beratung fortzusetzen."]


class _Minutes(FPDF):
    """A4 minutes with a small running header and a footer "Seite N von M"."""

    def header(self) -> None:
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, "19. IntMK 2024 - Externe Niederschrift", align="C")
        self.ln(12)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 8, f"Seite {self.page_no()} von {{nb}}", align="C")


def _numbered_lines(pdf: FPDF, lines: list[str | None], *, first: int) -> int:
    """Body lines with a small line number in the left margin; returns the next number."""
    number = first
    for text in lines:
        if text is None:
            pdf.ln(5)
            continue
        y = pdf.get_y()
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(15, y + 0.6)
        pdf.cell(6, 6, str(number), align="R")
        pdf.set_font("Helvetica", size=11)
        pdf.set_xy(25, y)
        pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        number += 1
    return number


def _heading(pdf: FPDF, text: str, *, style: str = "B", size: int = 11) -> None:
    pdf.set_font("Helvetica", style, size)
    pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)


def make_minutes_pdf() -> bytes:
    """Two pages: conference header, TOP 3.3 with an underlined lead applicant, numbered
    lines running on to page 2."""
    pdf = _Minutes(format="A4")
    pdf.set_margins(25, 20, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 7, "19. Integrationsministerkonferenz 2024", new_x="LMARGIN", new_y="NEXT")
    _heading(pdf, "Hauptkonferenz am 20. - 21. März 2024 in Rostock", style="")
    _heading(pdf, "TOP 3.3")
    _heading(pdf, "Teilhabe von Neuzugewanderten mit Behinderungen verbessern")
    pdf.set_font("Helvetica", size=11)
    pdf.write(7, "Antragsteller: ")
    pdf.set_font("Helvetica", "U", 11)
    pdf.write(7, "Berlin")
    pdf.set_font("Helvetica", size=11)
    pdf.write(7, ", Bremen")
    pdf.ln(12)
    _heading(pdf, "Die IntMK hat mehrheitlich beschlossen:")
    next_number = _numbered_lines(pdf, RESOLUTION_LINES, first=1)
    pdf.add_page()
    _numbered_lines(pdf, SECOND_PAGE_LINES, first=next_number)
    return bytes(pdf.output())


def make_scanned_pdf(tmp_path: Path) -> bytes:
    """A page that holds only a picture, as a scanner makes it."""
    from PIL import Image

    image = tmp_path / "scan.png"
    Image.new("RGB", (400, 560), "white").save(image)
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(str(image), x=0, y=0, w=210)
    return bytes(pdf.output())


def make_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("19. Integrationsministerkonferenz 2024")
    document.add_paragraph("TOP 3.3")
    applicants = document.add_paragraph("Antragsteller: ")
    applicants.add_run("Berlin").underline = True
    applicants.add_run(", Bremen")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "TOP"
    table.cell(0, 1).text = "Thema"
    table.cell(1, 0).text = "3.3"
    table.cell(1, 1).text = "Teilhabe verbessern"
    document.add_paragraph("Die IntMK fordert den Bund auf.", style="List Number")
    document.add_paragraph("Die Länder sagen zu.", style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read_error(data: bytes) -> str:
    with pytest.raises(NiederschriftError) as excinfo:
        read_document(data)
    return str(excinfo.value)


# --- PDF ---------------------------------------------------------------------------------


def test_it_reads_a_pdf_with_margin_line_numbers_into_numbered_lines() -> None:
    document = read_document(make_minutes_pdf())

    assert document.kind == "pdf"
    lines = document.text.splitlines()
    assert "1 1. Die IntMK stellt fest, dass neu zugewanderte Menschen mit Behinderungen vor" in (
        lines
    )
    assert "2 einer Vielzahl von Barrieren stehen." in lines
    assert "5 3. Die Länder sagen zu, die Beratung fortzusetzen." in lines


def test_it_keeps_headings_as_plain_lines_separated_by_blank_lines() -> None:
    text = read_document(make_minutes_pdf()).text

    assert "\n\nTOP 3.3\n\n" in text
    assert "19. Integrationsministerkonferenz 2024\n" in text
    assert "stehen.\n\n3 2. Die IntMK fordert" in text


def test_it_joins_lines_of_a_paragraph_without_blank_lines() -> None:
    text = read_document(make_minutes_pdf()).text

    assert "vor\n2 einer Vielzahl" in text
    assert "Sozi-\n4 algesetzbuch" in text


def test_it_drops_running_headers_and_page_numbers() -> None:
    text = read_document(make_minutes_pdf()).text

    assert "Seite" not in text
    assert "Externe Niederschrift" not in text


def test_it_marks_the_underlined_lead_applicant_in_a_pdf() -> None:
    text = read_document(make_minutes_pdf()).text

    assert "Antragsteller: <u>Berlin</u>, Bremen" in text.splitlines()


def test_it_refuses_a_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    message = read_error(make_scanned_pdf(tmp_path))

    assert message.startswith("Das PDF enthält keine Textebene")


def test_it_refuses_a_truncated_pdf() -> None:
    data = make_minutes_pdf()

    assert "Das PDF ist unvollständig" in read_error(data[: len(data) // 2])


def test_it_refuses_a_damaged_pdf() -> None:
    data = make_minutes_pdf()
    damaged = data[: len(data) // 2] + b"\n%%EOF\n"  # the end is there, the objects are not

    assert read_error(damaged).startswith("Das PDF ist beschädigt")


# --- DOCX --------------------------------------------------------------------------------


def test_it_reads_a_docx_with_underlined_lead_applicant() -> None:
    document = read_document(make_docx())

    assert document.kind == "docx"
    assert "Antragsteller: <u>Berlin</u>, Bremen" in document.text.splitlines()


def test_it_separates_docx_paragraphs_by_blank_lines() -> None:
    text = read_document(make_docx()).text

    assert text.startswith("19. Integrationsministerkonferenz 2024\n\nTOP 3.3\n\nAntragsteller:")


def test_it_reads_docx_tables_row_by_row_with_tabs() -> None:
    text = read_document(make_docx()).text

    assert "TOP\tThema\n3.3\tTeilhabe verbessern\n" in text


def test_it_writes_out_automatic_docx_list_numbers() -> None:
    lines = read_document(make_docx()).text.splitlines()

    assert "1. Die IntMK fordert den Bund auf." in lines
    assert "2. Die Länder sagen zu." in lines


def test_it_refuses_a_truncated_docx() -> None:
    data = make_docx()

    assert read_error(data[: len(data) // 2]).startswith(
        "Das Word-Dokument (DOCX) ist beschädigt oder unvollständig"
    )


def test_it_refuses_a_zip_archive_that_is_no_docx() -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notizen.txt", "TOP 3.3")

    assert read_error(buffer.getvalue()).startswith("Die Datei ist ein ZIP-Archiv, aber kein")


# --- text, JSON, nonsense ----------------------------------------------------------------


def test_it_refuses_an_empty_file() -> None:
    assert read_error(b"") == "Die Datei ist leer."


def test_it_refuses_random_binary_bytes() -> None:
    noise = random.Random(4).randbytes(4096)

    assert read_error(noise).startswith("Unbekanntes Dateiformat: Die Datei ist weder Text")


def test_it_reads_a_json_export() -> None:
    export = {"konferenz": {"nummer": 19, "jahr": 2024}, "tagesordnung": [], "beschluesse": []}

    document = read_document(json.dumps(export, ensure_ascii=False).encode())

    assert document == Document(kind="json", json=export)


def test_it_refuses_truncated_json() -> None:
    data = json.dumps({"konferenz": {"nummer": 19, "ort": "Rostock"}}).encode()

    message = read_error(data[:-10])

    assert message.startswith("Die Datei sieht aus wie ein JSON-Export, ist aber ungültig")


def test_it_refuses_json_that_is_no_export() -> None:
    assert "es fehlt der Abschnitt „konferenz“" in read_error(b'{"titel": "TOP 3.3"}')


@pytest.mark.parametrize(
    "data",
    [
        b'[{"konferenz": {"nummer": 19, "jahr": 2024}, "beschluesse": []}]',
        b"  \n[]",
        b'[\n  "TOP 3.3", "Teilhabe verbessern"\n]',
        b"[1, 2, 3]",
    ],
)
def test_it_refuses_a_json_array_as_json_not_as_text(data: bytes) -> None:
    message = read_error(data)

    assert message.startswith(
        "Die Datei ist JSON, aber kein Konferenz-Export der Beschlussverfolgung: Sie enthält "
        "eine Liste"
    )


def test_it_refuses_a_truncated_json_array_as_invalid_json() -> None:
    message = read_error(b'[{"konferenz": {"nummer": 19, "ort": "Ros')

    assert message.startswith("Die Datei sieht aus wie ein JSON-Export, ist aber ungültig")


def test_text_starting_with_a_bracket_is_still_text() -> None:
    document = read_document(b"[Entwurf] Niederschrift der 19. IntMK\nTOP 3.3\n")

    assert document.kind == "text"


def test_it_reads_plain_utf8_text() -> None:
    text = "TOP 3.3\r\nTeilhabe von Neuzugewanderten verbessern\r\n"

    document = read_document(text.encode())

    assert document == Document(
        kind="text", text="TOP 3.3\nTeilhabe von Neuzugewanderten verbessern\n"
    )


def test_it_falls_back_to_windows_1252_for_old_text_files() -> None:
    document = read_document("Die Länder fördern die Teilhabe.".encode("cp1252"))

    assert document.text == "Die Länder fördern die Teilhabe."


def test_it_detects_the_seed_as_text() -> None:
    document = read_document(SEED.read_bytes())

    assert document.kind == "text"
    assert "## TOP 3.3" in document.text


def test_it_sets_a_footnote_apart_from_the_numbered_text() -> None:
    pdf = FPDF(format="A4")
    pdf.set_margins(25, 20, 20)
    pdf.add_page()
    _heading(pdf, "TOP 2")
    _numbered_lines(pdf, ["Im Jahr 2022 stieg die Nettozuwanderung deutlich.1"], first=1)
    pdf.set_y(-40)
    pdf.set_font("Helvetica", size=8)
    pdf.cell(0, 5, "1 Statistisches Bundesamt, Pressemitteilung Nr. 249")

    text = read_document(bytes(pdf.output())).text

    footnote = "1 Statistisches Bundesamt, Pressemitteilung Nr. 249"
    assert text.endswith(f"deutlich.1\n\n---\n\n{footnote}\n")


# --- what the parser makes of it ---------------------------------------------------------


def test_a_pdf_reads_into_text_the_parser_understands() -> None:
    from beschluesse.importer.parser import parse_niederschrift

    data = parse_niederschrift(read_document(make_minutes_pdf()).text).to_json()

    [resolution] = data["beschluesse"]
    assert (resolution["top"], resolution["federfuehrend"]) == ("3.3", "DE-BE")
    assert [(z["nummer"], z["zeile_von"], z["zeile_bis"]) for z in resolution["ziffern"]] == [
        ("1", 1, 2),
        ("2", 3, 4),
        ("3", 5, 5),
    ]
    assert "Fünften Buch Sozialgesetzbuch" in resolution["ziffern"][1]["text"]


def test_a_docx_reads_into_text_the_parser_understands() -> None:
    from beschluesse.importer.parser import parse_niederschrift

    document = docx.Document()
    for line in ("19. Integrationsministerkonferenz 2024", "TOP 3.3", "Teilhabe verbessern"):
        document.add_paragraph(line)
    applicants = document.add_paragraph("Antragsteller: ")
    applicants.add_run("Berlin").underline = True
    applicants.add_run(", Bremen")
    document.add_paragraph("Die IntMK hat einstimmig beschlossen:")
    document.add_paragraph("Die IntMK fordert den Bund auf, zu handeln.", style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)

    data = parse_niederschrift(read_document(buffer.getvalue()).text).to_json()

    [resolution] = data["beschluesse"]
    assert resolution["federfuehrend"] == "DE-BE"
    assert resolution["ziffern"][0]["forderungen"][0]["adressat"] == "Bund"
