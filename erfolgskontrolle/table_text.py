"""The text of uploaded tables: a CSV decoded, and mojibake in any table refused by row.

A CSV is read as UTF-8 (with or without BOM), else as Windows-1252, in which older Excel saves
"CSV". Neither reading may leave mojibake (`intmk.encoding`): a UTF-8 file with one stray byte
falls back to Windows-1252 and would store "MaÃŸnahme" for every umlaut, a Mac-Roman file
"Ma§nahme". Such a table is refused with the rows and words concerned, so nothing is written.
"""

import codecs
import csv
import io
import re
from collections.abc import Sequence

from erfolgskontrolle.tables import Cell, ExchangeError, unneutralise, unreadable
from intmk.encoding import describe, find_mojibake

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # binary, not text


def read_csv(data: bytes) -> list[list[Cell]]:
    if b"\x00" in data:
        raise unreadable()
    invalid: UnicodeDecodeError | None = None
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        invalid = exc
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as undefined:  # bytes that cp1252 leaves undefined
            raise unreadable() from undefined
    if _CONTROL.search(text):
        raise unreadable()
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:  # Python's message is English: say what it means
        reason = (
            "eine Zelle ist länger als erlaubt"
            if "field larger" in str(exc)
            else "Anführungszeichen oder Zeilenumbrüche passen nicht zusammen"
        )
        raise ExchangeError(f"Die CSV-Datei ist fehlerhaft: {reason}.") from exc
    rows: list[list[Cell]] = [[unneutralise(value) for value in record] for record in records]
    stray = ""
    if invalid is not None:
        row = _row_at(text, invalid.start, delimiter)
        stray = (
            f"Die Datei ist UTF-8, enthält aber in Zeile {row} ein Byte "
            f"(0x{data[invalid.start]:02X}), das in UTF-8 nicht vorkommen darf; als "
            "Windows-1252 gelesen werden ihre Umlaute falsch. "
        )
    refuse_mojibake(rows, stray)
    return rows


def _row_at(text: str, offset: int, delimiter: str) -> int:
    """The table row (the header is row 1) of a character; a cp1252 text has one per byte."""
    before = text[:offset]
    records = list(csv.reader(io.StringIO(before, newline=""), delimiter=delimiter))
    return len(records) + (1 if not before or before.endswith("\n") else 0)


def refuse_mojibake(rows: Sequence[Sequence[Cell]], stray: str = "") -> None:
    cells = [
        (number, column, cell)
        for number, row in enumerate(rows, start=1)
        for column, cell in enumerate(row)
        if isinstance(cell, str) and cell
    ]
    found = find_mojibake([cell for _, _, cell in cells])
    if not found:
        return
    header = [str(cell) for cell in rows[0]] if rows else []

    def place(index: int) -> str:
        number, column, _ = cells[index]
        name = header[column] if column < len(header) and number > 1 else ""
        return f"Zeile {number}, {name}" if name else f"Zeile {number}"

    raise ExchangeError(
        f"Die Tabelle ist falsch kodiert, nichts wurde gespeichert. {stray}Diese Wörter "
        "wurden mit einer falschen Zeichentabelle gelesen:\n"
        f"{describe(found, lambda m: place(m.text))}\n"
        "Bitte die Tabelle in Excel als „Excel-Arbeitsmappe (*.xlsx)“ oder als „CSV UTF-8 "
        "(durch Trennzeichen getrennt)“ speichern und erneut hochladen."
    )
