"""Tables in files: CSV and XLSX written and read, cells parsed, formulas neutralised. What a
table holds is decided by `exchange.py`, `conference_table.py` and `report/render_tables.py`.

Formula injection (OWASP "CSV Injection"): a cell that starts with = + - @, a tab or a carriage
return would be run by Excel as a formula. The CSV export puts an apostrophe in front, which the
import takes off again, so export → import gives the text back exactly; the XLSX export stores
such cells as plain strings with Excel's quote prefix and needs no marker (an XLSX saved from the
opened CSV still carries it and loses it on upload).
"""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from erfolgskontrolle.services import Link

FileFormat = Literal["csv", "xlsx"]
FILE_FORMATS: tuple[FileFormat, ...] = ("xlsx", "csv")
CONTENT_TYPES: dict[FileFormat, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# Bounds of an uploaded XLSX, checked before openpyxl parses anything: a file of a few kilobytes
# can otherwise hold millions of shared strings or a cell in column XFD on every row, and cost
# a worker a minute and a gigabyte. Our tables have 14 columns and at most MAX_ROWS rows.
MAX_UNZIPPED_BYTES = 40 * 1024 * 1024
MAX_COLUMNS = 50  # only these are read; the table's own columns come first
MAX_CELLS = (MAX_ROWS + 1) * 20  # cell elements in the sheets
MAX_SHARED_STRINGS = (MAX_ROWS + 1) * 20
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s/>]")
_SHARED_STRING_TAG = re.compile(rb"<(?:\w+:)?si[\s/>]")
DATE_FORMAT = "%d.%m.%Y"
LINK_SEPARATOR = " | "


@dataclass(frozen=True)
class Column:
    header: str
    width: int  # in characters, for the XLSX
    editable: bool = False


_ENTRY_LINE = re.compile(r"(?P<label>.*?)\s*\|\s*(?P<url>[A-Za-z][A-Za-z0-9+.-]*://.*)")


class ExchangeError(Exception):
    """The file as a whole cannot be read; the message is German and meant for the user."""


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_formula_like(text: str) -> bool:
    """Starts like a formula, or is an apostrophe followed by such a text (so that a text that
    really starts with "'=" survives the round trip too)."""
    return text.startswith(_FORMULA_STARTS) or (text.startswith("'") and _is_formula_like(text[1:]))


def neutralise(text: str) -> str:
    return "'" + text if _is_formula_like(text) else text


def unneutralise(text: str) -> str:
    return text[1:] if text.startswith("'") and _is_formula_like(text[1:]) else text


def links_text(links: Iterable[Link]) -> str:
    """One link a line, "label | url". A label may hold line breaks and "|", a URL "|" too: the
    reader (`read_links`) splits at the first "|" that is followed by an address."""
    return "\n".join(f"{link.label}{LINK_SEPARATOR}{link.url}" for link in links)


def write_csv(rows: Iterable[Sequence[str | int]], headers: Sequence[str]) -> bytes:
    """UTF-8 with BOM and semicolons: what German Excel opens with a double click."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([neutralise(v) if isinstance(v, str) else v for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def write_text_cell(cell: Any, value: str) -> None:
    """Store a text in an openpyxl cell as a plain string, never as a formula."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith("'"):  # the rare text that starts like the CSV marker
        value = neutralise(value)
    cell.value = value
    cell.data_type = "s"  # openpyxl would make "=…" a formula
    cell.number_format = "@"
    if _is_formula_like(value):
        cell.quotePrefix = True


def write_xlsx(
    rows: Iterable[Sequence[str | int]],
    *,
    stances: Sequence[str],
    implementations: Sequence[str],
    columns: Sequence[Column],
) -> bytes:
    """Every text is a string cell (never a formula); Haltung and Umsetzung offer drop-down
    lists of the active names, kept on a second sheet, when there are editable columns."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    headers = [column.header for column in columns]
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Sachstände"
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    read_only_fill = PatternFill("solid", fgColor="F3F4F7")
    editable = any(column.editable for column in columns)  # else a table only to read
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_number, row in enumerate(rows, start=2):
        for column_number, (column, value) in enumerate(zip(columns, row, strict=True), start=1):
            cell = sheet.cell(row=row_number, column=column_number)
            if isinstance(value, str):
                write_text_cell(cell, value)
            else:
                cell.value = value
            cell.alignment = wrap
            if editable and not column.editable:
                cell.fill = read_only_fill
    for number, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    if not editable:
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    lists = workbook.create_sheet("Auswahllisten")
    lists.append(["Haltung", "Umsetzung"])
    for cell in lists[1]:
        cell.font = Font(bold=True)
    for column_number, names in ((1, stances), (2, implementations)):
        for row_number, name in enumerate(names, start=2):
            cell = lists.cell(row=row_number, column=column_number, value=name)
            cell.data_type = "s"
        letter = get_column_letter(column_number)
        target = get_column_letter(headers.index("Haltung") + column_number)
        validation = DataValidation(
            type="list",
            formula1=f"Auswahllisten!${letter}$2:${letter}${max(len(names) + 1, 2)}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Unbekannter Wert",
            error="Bitte einen Wert aus der Liste wählen.",
        )
        validation.add(f"{target}2:{target}{MAX_ROWS + 1}")
        sheet.add_data_validation(validation)
    lists.column_dimensions["A"].width = 24
    lists.column_dimensions["B"].width = 24

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


Cell = str | datetime.date
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old .xls format


def read_table(data: bytes) -> list[list[Cell]]:
    """The rows of a CSV or XLSX file, detected from the content (never from the file name)."""
    from erfolgskontrolle.table_text import read_csv, refuse_mojibake  # they build on this module

    if not data.strip():
        raise ExchangeError("Die Datei ist leer.")
    if data.startswith(_ZIP_MAGIC):
        rows = _read_xlsx(data)
        refuse_mojibake(rows)
    elif data.startswith(_OLE_MAGIC):
        raise ExchangeError(
            "Die Datei ist im alten Excel-Format (.xls). Bitte in Excel „Speichern unter“ als "
            "„Excel-Arbeitsmappe (*.xlsx)“ wählen und erneut hochladen."
        )
    else:
        rows = read_csv(data)
    if len(rows) > MAX_ROWS + 1:
        raise ExchangeError(
            f"Die Tabelle hat mehr als {MAX_ROWS} Zeilen. Bitte in mehreren Dateien hochladen."
        )
    return rows


def unreadable() -> ExchangeError:
    return ExchangeError(
        "Die Datei ist weder eine Excel-Datei (XLSX) noch eine CSV-Datei und kann nicht gelesen "
        "werden. Bitte die Tabelle von dieser Seite herunterladen, bearbeiten und als XLSX oder "
        "CSV speichern."
    )


def _read_xlsx(data: bytes) -> list[list[Cell]]:
    from openpyxl import load_workbook

    damaged = ExchangeError(
        "Die Excel-Datei (XLSX) ist beschädigt oder keine Excel-Arbeitsmappe. Bitte in Excel "
        "öffnen, als „Excel-Arbeitsmappe (*.xlsx)“ speichern und erneut hochladen."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                raise damaged
            _check_xlsx_size(archive)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except ExchangeError:
        raise
    except Exception as exc:  # openpyxl raises whatever its zip and XML readers raise
        raise damaged from exc
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some programs write a wrong size; read what is there
        rows = []
        for values in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            rows.append([_xlsx_value(value) for value in values])
            if len(rows) > MAX_ROWS + 1:
                break
    except Exception as exc:
        raise damaged from exc
    finally:
        workbook.close()
    return rows


def _check_xlsx_size(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook with more cells or shared strings than a table of MAX_ROWS rows can
    have, counted in the XML before any of it is parsed."""
    too_big = ExchangeError(
        f"Die Excel-Datei enthält weit mehr Zellen oder Texte, als eine Tabelle mit höchstens "
        f"{MAX_ROWS} Zeilen und den Spalten der Austauschtabelle haben kann. Bitte die Tabelle "
        f"von dieser Seite herunterladen, nur die Sachstände eintragen und erneut hochladen."
    )
    cells = 0
    for name in archive.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            cells += _count_tags(archive, name, _CELL_TAG, MAX_CELLS - cells)
            if cells > MAX_CELLS:
                raise too_big
        elif name == "xl/sharedStrings.xml":
            strings = _count_tags(archive, name, _SHARED_STRING_TAG, MAX_SHARED_STRINGS)
            if strings > MAX_SHARED_STRINGS:
                raise too_big


def _count_tags(archive: zipfile.ZipFile, name: str, tag: re.Pattern[bytes], limit: int) -> int:
    """Tags in a member, read in pieces and only until there are more than `limit`."""
    count = 0
    with archive.open(name) as member:
        while chunk := member.read(1 << 20):
            count += sum(1 for _ in tag.finditer(chunk))
            if count > limit:
                break
    return count


def _xlsx_value(value: Any) -> Cell:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unneutralise(value) if isinstance(value, str) else str(value)


def cell_text(cell: Cell) -> str:
    if isinstance(cell, datetime.date):
        return cell.strftime(DATE_FORMAT)
    return cell.replace("\r\n", "\n").replace("\r", "\n").strip()


_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?")
_url_validator = URLValidator(schemes=["http", "https"])


def read_fact_date(cell: Cell) -> tuple[datetime.date | None, str]:
    """The date and, if it is not usable, why (without the row number)."""
    if isinstance(cell, datetime.date):
        value = cell
    else:
        text = cell_text(cell)
        if not text:
            return None, "Stand vom fehlt (Format TT.MM.JJJJ)."
        if match := _DATE.fullmatch(text):
            day, month, year = (int(part) for part in match.groups())
        elif match := _ISO_DATE.fullmatch(text):
            year, month, day = (int(part) for part in match.groups())
        else:
            return None, f"Stand vom „{text}“ hat nicht das Format TT.MM.JJJJ."
        try:
            value = datetime.date(year, month, day)
        except ValueError:
            return None, f"Stand vom „{text}“ ist kein gültiges Datum."
    if value > timezone.localdate():
        return None, f"Stand vom {value:%d.%m.%Y} liegt in der Zukunft."
    return value, ""


def _link_lines(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(label, url) pairs of a Belege cell. The label ends at the first "|" before an address
    (else at the last "|"); the URL runs to the end of its line, "|" included; a line without
    "|" belongs to the label of the next line (a label with line breaks)."""
    pairs, problems, pending = [], [], []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if "|" not in line:
            pending.append(line)
            continue
        match = _ENTRY_LINE.fullmatch(line)
        label, url = (match["label"], match["url"]) if match else line.rsplit("|", 1)
        label = "\n".join([*pending, label.strip()]).strip()
        pending = []
        if not label:
            problems.append(
                f"Beleg „{line}“ hat keine Bezeichnung; erwartet wird „Bezeichnung | https://…“."
            )
            continue
        pairs.append((label, url.strip()))
    if pending:
        problems.append(
            f"Beleg „{' '.join(pending)}“ hat nicht die Form „Bezeichnung | https://…“ "
            f"(ein Beleg pro Zeile)."
        )
    return pairs, problems


def read_links(cell: Cell) -> tuple[tuple[Link, ...], list[str]]:
    links: list[Link] = []
    pairs, problems = _link_lines(cell_text(cell))
    for label, url in pairs:
        scheme, colon_slashes, rest = url.partition("://")
        url = scheme.lower() + colon_slashes + rest  # "HTTPS://" typed in Excel is fine too
        try:
            _url_validator(url)
        except ValidationError:
            problems.append(f"Beleg „{label}“: „{url}“ ist keine gültige Adresse (https://…).")
            continue
        if len(url) > 500 or len(label) > 200:
            problems.append(
                f"Beleg „{label[:60]}“ ist zu lang (Bezeichnung höchstens 200 Zeichen, "
                f"Adresse höchstens 500)."
            )
            continue
        links.append(Link(url=url, label=label))
    return tuple(links), problems
