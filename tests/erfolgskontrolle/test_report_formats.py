"""The report's DOCX, XLSX and CSV parse back to the facts of the report's data.

The renderers read only the data (`ReportData`), so these tests build it by hand
(`report_sample.py`) and need no database.
"""

import csv
import datetime
import io
import zipfile

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from erfolgskontrolle.report.formatting import date_de, datetime_de, days_de, percent
from erfolgskontrolle.report.render_docx import TOC_PLACEHOLDER, render_docx
from erfolgskontrolle.report.render_tables import HEADERS, render_csv, render_xlsx
from erfolgskontrolle.report.schema import DemandData, ReportData
from erfolgskontrolle.tables import unneutralise
from tests.erfolgskontrolle.report_sample import (
    FORMULA_TEXT,
    MULTILINE_TEXT,
    QUOTED_TEXT,
    empty_report,
    sample_report,
)


def demands(data: ReportData) -> list[DemandData]:
    return [demand for resolution in data["resolutions"] for demand in resolution["demands"]]


def read_csv(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert tuple(rows[0]) == HEADERS
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def read_xlsx(content: bytes, sheet: str = "Forderungen") -> list[dict[str, object]]:
    rows = list(openpyxl.load_workbook(io.BytesIO(content))[sheet].iter_rows())
    headers = [cell.value for cell in rows[0]]
    return [dict(zip(headers, row, strict=True)) for row in rows[1:]]  # type: ignore[misc]


def xlsx_cell(content: bytes, demand_id: int, header: str) -> openpyxl.cell.cell.Cell:
    row = next(r for r in read_xlsx(content) if r["Forderungs-ID"].value == demand_id)  # type: ignore[attr-defined]
    return row[header]  # type: ignore[return-value]


# --- formatting --------------------------------------------------------------------------------


def test_it_writes_numbers_and_dates_the_german_way() -> None:
    assert percent(30.2) == "30,2 %"
    assert percent(0) == "0,0 %"
    assert date_de("2024-03-20") == "20.03.2024"
    assert date_de(None) == ""
    assert datetime_de("2025-02-03T10:15:00+01:00") == "03.02.2025, 10:15"
    assert days_de("2024-03-20", "2024-03-21") == "20.–21.03.2024"
    assert days_de("2024-04-30", "2024-05-01") == "30.04.–01.05.2024"
    assert days_de("2024-03-20", None) == "20.03.2024"


# --- DOCX --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def document() -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(sample_report())))


def test_it_gives_every_resolution_a_heading_1_and_the_summary_heading_2(
    document: docx.document.Document,
) -> None:
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("H")]

    for resolution in sample_report()["resolutions"]:
        assert ("Heading 1", f"TOP {resolution['top']} {resolution['title']}") in headings
    assert ("Heading 1", "Zusammenfassung") in headings
    assert ("Heading 1", "Änderungen seit Ausgabe 1 vom 03.02.2025") in headings
    assert ("Heading 2", "Stand der Umsetzung") in headings


def test_it_has_a_toc_field_german_language_and_document_properties(
    document: docx.document.Document,
) -> None:
    body = document.element.body
    codes = [element.text for element in body.iter(qn("w:instrText"))]
    assert ' TOC \\o "1-2" \\h \\z \\u ' in codes
    assert any(p.text == TOC_PLACEHOLDER for p in document.paragraphs)
    for name in ("Normal", "Heading 1", "Heading 2"):
        lang = document.styles[name].element.rPr.find(qn("w:lang"))
        assert lang.get(qn("w:val")) == "de-DE"
    properties = document.core_properties
    assert properties.title == "Erfolgskontrolle der 19. IntMK"
    assert properties.author == "Geschäftsstelle der IntMK, Vorsitz Niedersachsen 2025"
    assert properties.created == datetime.datetime(2025, 3, 14, 8, 30, tzinfo=datetime.UTC)


def test_it_shows_cover_facts_and_shares_in_german(document: docx.document.Document) -> None:
    text = "\n".join(p.text for p in document.paragraphs)
    assert "19. IntMK 2024 in Rostock-Warnemünde, 20.–21.03.2024" in text
    assert "Vorsitz: Mecklenburg-Vorpommern" in text
    assert "Vorgelegt von: Geschäftsstelle der IntMK, Vorsitz Niedersachsen 2025" in text
    assert "Stand: 14.03.2025" in text
    assert "Ausgabe 2" in text
    assert "Protokollnotiz Bayern: Bayern trägt Ziffer 3 nicht mit." in text
    assert "Anmerkung der Geschäftsstelle: Die Geschäftsstelle weist" in text
    shares = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert shares[0] == ["Kategorie", "Anzahl", "Anteil"]
    assert ["umgesetzt", "1", "25,0 %"] in shares


def test_it_puts_each_demand_in_a_table_with_a_repeated_header_row(
    document: docx.document.Document,
) -> None:
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "Fundstelle"]
    demand_tables = [
        t for t in tables if len(t.columns) == 5 and "Wortlaut" in t.rows[0].cells[2].text
    ]
    assert len(demand_tables) == 3
    for table in demand_tables:
        header = table.rows[0]._tr
        assert header.trPr.find(qn("w:tblHeader")) is not None
    cells = {row.cells[2].text: row.cells for t in demand_tables for row in t.rows[1:]}
    for demand in demands(sample_report()):
        fundstelle, kind, _, assessment, text = cells[demand["wording"]]
        assert fundstelle.text.startswith(demand["fundstelle"])
        assert demand["addressee"] in kind.text
        entry = demand["assessment"]
        if entry is None:
            assert assessment.text == "noch kein Sachstand"
            continue
        assert f"Haltung: {entry['stance']}" in assessment.text
        assert f"Umsetzung: {entry['implementation']}" in assessment.text
        assert f"Stand vom: {date_de(entry['fact_date'])}" in assessment.text
        assert text.paragraphs[0].text == entry["text"]  # "=…" and "\n" as written
        for link in entry["links"]:
            assert link["label"] in text.text


def test_it_lists_contributions_and_the_age_of_a_chain(document: docx.document.Document) -> None:
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Bremen, Stand vom 10.02.2025 (zugestimmt / teilweise umgesetzt): Bremen hat" in text
    assert "Senatsdrucksache 23/456" in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "TOP 3.3 Ziffer 3 (Zeilen 12–15)\noffen seit der 16. IntMK (2021)" in cells
    assert any(cell.startswith(MULTILINE_TEXT + "\nBelege:") for cell in cells)


def test_it_renders_the_same_docx_bytes_for_the_same_data() -> None:
    assert render_docx(sample_report()) == render_docx(sample_report())


# --- XLSX and CSV ------------------------------------------------------------------------------


def test_it_writes_one_csv_row_per_demand_with_its_facts() -> None:
    rows = read_csv(render_csv(sample_report()))

    assert [int(row["Forderungs-ID"]) for row in rows] == [101, 102, 104, 105]
    berlin = rows[1]
    assert berlin["Konferenz"] == "19. IntMK 2024"
    assert berlin["TOP"] == "3.3"
    assert berlin["Federführend"] == "Berlin"
    assert berlin["Antragsteller"] == "Berlin, Bremen, Hamburg"
    assert berlin["Fundstelle"] == "TOP 3.3 Ziffer 3 (Zeilen 12–15)"
    assert berlin["Haltung"] == "zugestimmt"
    assert berlin["Umsetzung"] == "in Umsetzung"
    assert berlin["Kategorie"] == "begonnen"
    assert berlin["Sachstand"] == MULTILINE_TEXT
    assert berlin["Stand vom"] == "20.02.2025"
    assert berlin["Erfasst am"] == "20.02.2025, 14:05"
    assert berlin["im Auftrag"] == "ja"
    assert berlin["Belege"] == (
        "Referentenentwurf BMBF | https://example.org/entwurf\n"
        "Pressemitteilung Berlin | https://example.org/presse?id=1&x=ä"
    )
    assert berlin["Beiträge anderer Länder"].startswith("Bremen, Stand vom 10.02.2025")
    assert berlin["offen seit"] == "16. IntMK 2021"
    assert rows[2]["Kategorie"] == "ohne Sachstand"
    assert rows[2]["Haltung"] == ""


def test_it_neutralises_formula_cells_in_csv_as_the_table_exchange_does() -> None:
    rows = {row["Forderungs-ID"]: row for row in read_csv(render_csv(sample_report()))}

    assert rows["105"]["Sachstand"] == "'" + FORMULA_TEXT
    assert rows["101"]["Sachstand"] == "'" + QUOTED_TEXT  # an apostrophe of its own is kept
    assert unneutralise(rows["105"]["Sachstand"]) == FORMULA_TEXT
    assert unneutralise(rows["101"]["Sachstand"]) == QUOTED_TEXT


def test_it_writes_one_xlsx_row_per_demand_with_its_facts() -> None:
    content = render_xlsx(sample_report())
    rows = read_xlsx(content)

    assert [row["Forderungs-ID"].value for row in rows] == [101, 102, 104, 105]  # type: ignore[attr-defined]
    for demand, row in zip(demands(sample_report()), rows, strict=True):
        assert row["Wortlaut"].value == demand["wording"]  # type: ignore[attr-defined]
        assert row["Fundstelle"].value == demand["fundstelle"]  # type: ignore[attr-defined]
    berlin = xlsx_cell(content, 102, "Sachstand")
    assert berlin.value == MULTILINE_TEXT
    assert berlin.alignment.wrap_text
    stand = xlsx_cell(content, 102, "Stand vom")
    assert stand.value.date() == datetime.date(2025, 2, 20)
    assert stand.number_format == "DD.MM.YYYY"
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Forderungen"]
    assert sheet.freeze_panes == "D2"
    assert sheet["A1"].font.b
    assert sheet.column_dimensions["N"].width > sheet.column_dimensions["C"].width


def test_it_stores_formula_like_text_in_xlsx_as_a_quoted_string() -> None:
    content = render_xlsx(sample_report())

    formula = xlsx_cell(content, 105, "Sachstand")
    assert formula.value == FORMULA_TEXT
    assert formula.data_type == "s"
    assert formula.quotePrefix
    quoted = xlsx_cell(content, 101, "Sachstand")
    assert unneutralise(quoted.value) == QUOTED_TEXT  # type: ignore[arg-type]


def test_it_has_a_summary_sheet_with_shares_and_breakdowns() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(sample_report())))["Zusammenfassung"]
    rows = [tuple(v for v in row if v is not None) for row in sheet.iter_rows(values_only=True)]

    assert ("Vorsitz", "Mecklenburg-Vorpommern") in rows
    assert ("Nachverfolgte Forderungen", 4) in rows
    assert ("umgesetzt", 1, 0.25) in rows
    assert ("zugestimmt", 2, 0.5) in rows
    assert ("Berlin", 2, 0, 1, 0, 0, 0, 0, 1) in rows
    assert ("TOP 3 Themen", 3, 0, 1, 0, 0, 0, 1, 1) in rows
    assert (104, "TOP 3.3 Ziffer 4 (Zeilen 20–22)") in rows
    assert ("Berlin", 1, 2) in rows


def test_it_renders_the_same_xlsx_bytes_for_the_same_data() -> None:
    first = render_xlsx(sample_report())
    assert first == render_xlsx(sample_report())
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert b"2025-03-14T08:30:00Z" in archive.read("docProps/core.xml")


# --- any valid data ----------------------------------------------------------------------------


def test_it_drops_characters_that_office_files_cannot_hold() -> None:
    data = sample_report()
    data["resolutions"][0]["demands"][0]["wording"] = "aus Word\x0bkopiert\x0c"

    document = docx.Document(io.BytesIO(render_docx(data)))
    rows = read_xlsx(render_xlsx(data))

    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "aus Wordkopiert" in cells
    assert rows[0]["Wortlaut"].value == "aus Wordkopiert"  # type: ignore[attr-defined]


def test_it_renders_a_report_without_resolutions_and_without_round() -> None:
    data = empty_report()

    document = docx.Document(io.BytesIO(render_docx(data)))
    assert any(p.text.startswith("Entwurf") for p in document.paragraphs)
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == [
        "Zusammenfassung",
        "Änderungen",
    ]
    assert read_csv(render_csv(data)) == []
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(data)))
    assert workbook["Forderungen"].max_row == 1
    assert workbook["Zusammenfassung"]["B8"].value == "Entwurf"
