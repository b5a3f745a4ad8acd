"""The report as a table: XLSX (demands and a summary sheet) and CSV (the demands).

One row per followed-up demand with every fact of the per-demand section. Texts are written as
the table exchange writes them (`erfolgskontrolle.tables`): the CSV in UTF-8 with BOM,
semicolons and CRLF with formula-like cells marked by an apostrophe; the XLSX with such cells as
plain strings with Excel's quote prefix. Renderers read only the report's data, never the
database.
"""

import datetime
import io
from collections.abc import Sequence
from typing import Any

from erfolgskontrolle.report import formatting as fmt
from erfolgskontrolle.report.ooxml import stable_zip
from erfolgskontrolle.report.schema import Breakdown, DemandData, ReportData, ResolutionData, Share
from erfolgskontrolle.tables import write_csv, write_text_cell

Value = str | int | datetime.date

COLUMNS: tuple[tuple[str, int], ...] = (  # header, width in characters
    ("Forderungs-ID", 12),
    ("Konferenz", 16),
    ("TOP", 7),
    ("Titel", 40),
    ("Antragsteller", 28),
    ("Federführend", 20),
    ("Abstimmung", 13),
    ("Ziffer", 7),
    ("Zeilen", 8),
    ("Fundstelle", 28),
    ("Art", 16),
    ("Adressat", 16),
    ("Ebene", 10),
    ("Wortlaut", 60),
    ("Haltung", 18),
    ("Umsetzung", 18),
    ("Kategorie", 18),
    ("Sachstand", 60),
    ("Stand vom", 11),
    ("Erfasst am", 17),
    ("Land der Bewertung", 20),
    ("im Auftrag", 10),
    ("Belege", 45),
    ("Beiträge anderer Länder", 60),
    ("offen seit", 16),
)
HEADERS = tuple(header for header, _ in COLUMNS)
NO_ENTRY = "ohne Sachstand"


def _state(demand: DemandData) -> list[Value]:
    entry = demand["assessment"]
    if entry is None:
        return ["", "", NO_ENTRY, "", "", "", "", "", ""]
    return [
        entry["stance"],
        entry["implementation"],
        entry["category_label"],
        entry["text"],
        fmt.parse_date(entry["fact_date"]),
        fmt.datetime_de(entry["recorded_at"]),
        entry["land"],
        "ja" if entry["on_behalf"] else "nein",
        fmt.links_text(entry["links"]),
    ]


def _row(data: ReportData, resolution: ResolutionData, demand: DemandData) -> list[Value]:
    open_since = demand["open_since"]
    return [
        demand["id"],
        fmt.conference_label(data["conference"]),
        resolution["top"],
        resolution["title"],
        ", ".join(resolution["applicants"]),
        resolution["lead"] or "",
        resolution["vote"],
        demand["clause_number"],
        demand["lines"],
        demand["fundstelle"],
        demand["kind"],
        demand["addressee"],
        demand["level"],
        demand["wording"],
        *_state(demand),
        "\n\n".join(fmt.contribution_text(entry) for entry in demand["contributions"]),
        f"{open_since['number']}. IntMK {open_since['year']}" if open_since else "",
    ]


def demand_rows(data: ReportData) -> list[list[Value]]:
    """One row per followed-up demand, in the report's order, matching `HEADERS`."""
    return [
        _row(data, resolution, demand)
        for resolution in data["resolutions"]
        for demand in resolution["demands"]
    ]


def render_csv(data: ReportData) -> bytes:
    rows = [
        [fmt.date_de(v.isoformat()) if isinstance(v, datetime.date) else v for v in row]
        for row in demand_rows(data)
    ]
    return write_csv(rows, headers=HEADERS)


# --- XLSX --------------------------------------------------------------------------------------


def _put(sheet: Any, row: int, column: int, value: Value | float | None) -> Any:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        write_text_cell(cell, value)
    elif isinstance(value, datetime.date):
        cell.value = value
        cell.number_format = "DD.MM.YYYY"
    else:
        cell.value = value
    return cell


def _header(sheet: Any, row: int, values: Sequence[str]) -> None:
    from openpyxl.styles import Font

    for column, value in enumerate(values, start=1):
        _put(sheet, row, column, value).font = Font(bold=True)


def _demand_sheet(sheet: Any, data: ReportData) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    sheet.title = "Forderungen"
    _header(sheet, 1, HEADERS)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_number, row in enumerate(demand_rows(data), start=2):
        for column_number, value in enumerate(row, start=1):
            _put(sheet, row_number, column_number, value).alignment = wrap
    for number, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "D2"
    sheet.auto_filter.ref = sheet.dimensions


class _Cursor:
    """Writes the summary sheet's blocks one below the other."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.row = 1

    def line(self, *values: Value | float | None, bold: bool = False) -> list[Any]:
        from openpyxl.styles import Font

        cells = [_put(self.sheet, self.row, n, v) for n, v in enumerate(values, start=1)]
        if bold:
            for cell in cells:
                cell.font = Font(bold=True)
        self.row += 1
        return cells

    def gap(self) -> None:
        self.row += 1

    def shares(self, title: str, shares: list[Share]) -> None:
        self.line(title, bold=True)
        self.line("", "Anzahl", "Anteil", bold=True)
        for share in shares:
            cells = self.line(share["label"], share["count"], share["percent"] / 100)
            cells[2].number_format = "0.0 %"
        self.gap()

    def breakdowns(self, title: str, first: str, lines: list[Breakdown], labels: list[str]) -> None:
        self.line(title, bold=True)
        self.line(first, "gesamt", *labels, bold=True)
        for line in lines:
            self.line(line["label"], line["total"], *line["counts"])
        if not lines:
            self.line("keine")
        self.gap()


def _summary_sheet(sheet: Any, data: ReportData) -> None:
    summary = data["summary"]
    conference = data["conference"]
    cursor = _Cursor(sheet)
    cursor.line(data["title"], bold=True)
    cursor.line("Konferenz", fmt.conference_label(conference))
    cursor.line("Ort", conference["place"])
    cursor.line("Tagung", fmt.days_de(conference["first_day"], conference["last_day"]))
    cursor.line("Vorsitz", conference["chair"])
    cursor.line("Vorgelegt von", data["compiler"]["label"])
    cursor.line("Stand", fmt.date_de(data["as_of"]))
    cursor.line("Ausgabe", fmt.edition_label(data))
    cursor.line("Nachverfolgte Forderungen", summary["total"])
    cursor.gap()
    cursor.shares("Nach Umsetzung", summary["by_category"])
    cursor.shares("Nach Haltung", summary["by_stance"])
    labels = [share["label"] for share in summary["by_category"]]
    cursor.breakdowns("Nach Adressat", "Adressat", summary["by_addressee"], labels)
    cursor.breakdowns("Nach Themengruppe", "Gruppe", summary["by_group"], labels)
    cursor.breakdowns("Nach federführendem Land", "Land", summary["by_lead"], labels)
    cursor.line("Forderungen ohne Sachstand", bold=True)
    cursor.line("Forderungs-ID", "Fundstelle", bold=True)
    for ref in summary["without_entry"]:
        cursor.line(ref["id"], ref["fundstelle"])
    if not summary["without_entry"]:
        cursor.line("keine")
    cursor.gap()
    cursor.line("Länder im Verzug", bold=True)
    cursor.line("Land", "offen", "gesamt", bold=True)
    for land in summary["overdue_lands"]:
        cursor.line(land["land"], land["open"], land["total"])
    if not summary["overdue_lands"]:
        cursor.line("keine")
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 40
    for letter in "CDEFGHI":
        sheet.column_dimensions[letter].width = 14


def render_xlsx(data: ReportData) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    demands = workbook.active
    assert demands is not None
    _demand_sheet(demands, data)
    _summary_sheet(workbook.create_sheet("Zusammenfassung"), data)
    workbook.properties.title = data["title"]
    workbook.properties.creator = data["compiler"]["label"]
    workbook.properties.language = "de-DE"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return stable_zip(buffer.getvalue(), as_of=data["as_of"])
