"""Sachstand tables in a wrong encoding are refused by row through the HTTP upload, and nothing
is written: a UTF-8 CSV with one stray byte (which would be read as Windows-1252 and store
"MaÃŸnahme"), a CSV with mojibake in a cell, a Mac-Roman CSV, an XLSX with mojibake."""

import io

import openpyxl

from beschluesse.models import Demand
from erfolgskontrolle.models import ProgressEntry
from intmk.models import User
from tests.conftest import client_for
from tests.erfolgskontrolle.test_exchange import (
    COL,
    errors,
    export_csv,
    export_url,
    fill,
    upload,
    write_csv,
)
from tests.erfolgskontrolle.test_exchange import berlin_demands as berlin_demands  # fixture


def test_a_utf8_csv_with_one_stray_byte_is_refused_naming_the_rows(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    client = client_for(official_berlin)
    rows = export_csv(client)
    fill(rows[1], date="01.09.2024", stance="in Prüfung", implementation="offen", text="Gut.")
    fill(rows[2], date="01.09.2024", stance="in Prüfung", implementation="offen", text="Neu.")
    content = write_csv(rows).replace(b"Neu.", b"Neu\xa0.")  # a Latin-1 space among UTF-8

    response = upload(client, content)

    assert response.status_code == 400
    messages = errors(response)
    assert messages[0].startswith("Die Tabelle ist falsch kodiert, nichts wurde gespeichert.")
    assert "enthält aber in Zeile 3 ein Byte (0xA0)" in messages[0]
    assert "Zeile 2, Wortlaut: „MaÃŸnahme“ (gemeint wohl „Maßnahme“)" in messages
    assert not ProgressEntry.objects.exists()


def test_a_utf8_csv_with_mojibake_in_a_cell_is_refused_naming_row_and_column(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    client = client_for(official_berlin)
    rows = export_csv(client)
    fill(rows[1], date="01.09.2024", stance="in Prüfung", implementation="offen", text="Gut.")
    fill(rows[3], date="01.09.2024", stance="in Prüfung", implementation="offen")
    fill(rows[3], text="Die MaÃŸnahme fÃ¼r Familien läuft.")

    response = upload(client, write_csv(rows))

    assert response.status_code == 400
    assert "Zeile 4, Sachstand: „MaÃŸnahme“ (gemeint wohl „Maßnahme“)" in errors(response)
    assert "Zeile 4, Sachstand: „fÃ¼r“ (gemeint wohl „für“)" in errors(response)
    assert not ProgressEntry.objects.exists()


def test_a_mac_roman_csv_is_refused_instead_of_read_as_windows_1252(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    client = client_for(official_berlin)
    rows = export_csv(client)
    fill(rows[1], date="01.09.2024", stance="in Prüfung", implementation="offen", text="Gut.")

    response = upload(client, write_csv(rows, encoding="mac_roman"))

    assert response.status_code == 400
    assert "Zeile 1: „PrŸfung“ (gemeint wohl „Prüfung“)" not in errors(response)  # header ok
    assert "Zeile 2, Wortlaut: „Ma§nahme“ (gemeint wohl „Maßnahme“)" in errors(response)
    assert not ProgressEntry.objects.exists()


def test_an_xlsx_with_mojibake_in_a_cell_is_refused(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    client = client_for(official_berlin)
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(export_url("DE-BE", "xlsx")).content))
    sheet = workbook.active
    assert sheet is not None
    sheet.cell(row=2, column=COL["Sachstand"] + 1, value="Die Ã„nderung kommt.")
    buffer = io.BytesIO()
    workbook.save(buffer)

    response = upload(client, buffer.getvalue(), name="tabelle.xlsx")

    assert response.status_code == 400
    assert "Zeile 2, Sachstand: „Ã„nderung“ (gemeint wohl „Änderung“)" in errors(response)


def test_a_csv_cell_beyond_the_reader_limit_is_refused_in_german(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    client = client_for(official_berlin)
    rows = export_csv(client)
    fill(rows[1], date="01.09.2024", stance="in Prüfung", implementation="offen")
    fill(rows[1], text="x" * 200_000)  # under 5 MB, over Python's csv field limit

    response = upload(client, write_csv(rows))

    assert response.status_code == 400
    assert "Die CSV-Datei ist fehlerhaft: eine Zelle ist länger als erlaubt." in errors(response)
    assert not ProgressEntry.objects.exists()
