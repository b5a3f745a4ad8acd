"""A stale table never overwrites newer work: conflicts are shown and written only when confirmed.

The issue's sequence: Berlin downloads its table, records a newer Sachstand for one demand in the
browser, then uploads the earlier file with only another row changed. The other row is written;
the first is listed as a conflict ("Inzwischen hat … eingetragen") and written only when the user
ticks it.
"""

import csv
import html
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from beschluesse.models import Conference, Demand
from erfolgskontrolle.models import Implementation, ProgressEntry, Source, Stance
from intmk.models import RoleKind, User
from tests.conftest import client_for
from tests.factories import make_clause, make_demand, make_entry, make_resolution, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def demands(conference_19: Conference) -> list[Demand]:
    resolution = make_resolution(
        conference=conference_19, top="3.3", lead="DE-BE", applicants=["DE-BE"]
    )
    clause = make_clause(resolution=resolution, number="1", text="Die IntMK fordert den Bund auf …")
    return [
        make_demand(clause=clause, wording=f"fordert den Bund auf, Maßnahme {i} umzusetzen")
        for i in range(2)
    ]


def download(client: Client, file_format: str) -> list[list[str]]:
    response = client.get(f"/tabelle/DE-BE.{file_format}")
    assert response.status_code == 200
    if file_format == "csv":
        text = response.content.decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [["" if c.value is None else str(c.value) for c in row] for row in sheet.iter_rows()]


def encode(rows: list[list[str]], file_format: str) -> bytes:
    if file_format == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
        return buffer.getvalue().encode("utf-8-sig")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client: Client, rows: list[list[str]], file_format: str):  # type: ignore[no-untyped-def]
    content = encode(rows, file_format)
    file = SimpleUploadedFile(f"tabelle.{file_format}", content)
    return client.post("/tabelle/DE-BE/hochladen/", {"file": file})


def edit(rows: list[list[str]], demand: Demand, **values: str) -> None:
    header = rows[0]
    columns = {
        "text": "Sachstand",
        "implementation": "Umsetzung",
        "stance": "Haltung",
        "date": "Stand vom (TT.MM.JJJJ)",
    }
    row = next(row for row in rows[1:] if row[0] == str(demand.pk))
    for key, value in values.items():
        row[header.index(columns[key])] = value


def signed_rows(response) -> str:  # type: ignore[no-untyped-def]
    match = re.search(r'name="zeilen" value="([^"]+)"', response.content.decode())
    assert match, "the page offers no confirmation form"
    return html.unescape(match.group(1))


def newest(demand: Demand) -> ProgressEntry:
    entry = ProgressEntry.objects.filter(demand=demand).newest_first().first()
    assert entry is not None
    return entry


def record_in_browser(client: Client, demand: Demand, text: str) -> None:
    response = client.post(
        f"/forderungen/{demand.pk}/sachstand/",
        {
            "land": "DE-BE",
            "fact_date": "2024-11-01",
            "stance": str(Stance.objects.get(name="zugestimmt").pk),
            "implementation": str(Implementation.objects.get(name="umgesetzt").pk),
            "text": text,
            "gesehen": str(newest(demand).pk),
        },
    )
    assert response.status_code == 303


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_stale_upload_does_not_set_back_a_newer_entry(
    file_format: str, official_berlin: User, demands: list[Demand]
) -> None:
    first, second = demands
    make_entry(demand=first, author=official_berlin, text="Der Bund prüft.")
    client = client_for(official_berlin)
    rows = download(client, file_format)
    record_in_browser(client, first, "Gesetz ist in Kraft.")
    edit(rows, second, text="Referentenentwurf liegt vor.", implementation="in Umsetzung")
    edit(rows, second, stance="in Prüfung", date="01.10.2024")

    response = upload(client, rows, file_format)

    assert response.status_code == 200
    assert newest(first).text == "Gesetz ist in Kraft."  # not set back to "Der Bund prüft."
    assert newest(second).text == "Referentenentwurf liegt vor."
    assert newest(second).source == Source.UPLOAD
    page = response.content.decode()
    assert "1 Sachstand übernommen" in page
    assert "1 Zeile wegen neuerer Einträge noch nicht übernommen" in page
    assert "Inzwischen hat Berlin (Bea Berlin)" in page
    assert "Gesetz ist in Kraft." in page
    assert f'name="uebernehmen" value="{first.pk}"' in page


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_conflict_row_is_written_when_the_user_confirms_it(
    file_format: str, official_berlin: User, demands: list[Demand]
) -> None:
    first, second = demands
    make_entry(demand=first, author=official_berlin, text="Der Bund prüft.")
    client = client_for(official_berlin)
    rows = download(client, file_format)
    record_in_browser(client, first, "Gesetz ist in Kraft.")
    edit(rows, first, text="Doch nur ein Entwurf.")
    shown = upload(client, rows, file_format)
    assert newest(first).text == "Gesetz ist in Kraft."

    response = client.post(
        "/tabelle/DE-BE/bestaetigen/", {"zeilen": signed_rows(shown), "uebernehmen": [first.pk]}
    )

    assert response.status_code == 303
    assert newest(first).text == "Doch nur ein Entwurf."
    assert newest(first).source == Source.UPLOAD
    assert ProgressEntry.objects.filter(demand=first).count() == 3  # nothing overwritten
    assert ProgressEntry.objects.filter(demand=second).count() == 0


def test_an_unticked_conflict_row_is_dropped(official_berlin: User, demands: list[Demand]) -> None:
    first, _ = demands
    make_entry(demand=first, author=official_berlin, text="Der Bund prüft.")
    client = client_for(official_berlin)
    rows = download(client, "csv")
    record_in_browser(client, first, "Gesetz ist in Kraft.")
    edit(rows, first, text="Doch nur ein Entwurf.")
    shown = upload(client, rows, "csv")

    response = client.post("/tabelle/DE-BE/bestaetigen/", {"zeilen": signed_rows(shown)})

    assert response.status_code == 303
    assert newest(first).text == "Gesetz ist in Kraft."
    follow = client.get(response["Location"])
    assert "0 Sachstände übernommen, 1 Zeile verworfen." in follow.content.decode()


def test_a_confirmed_row_is_shown_again_when_yet_another_entry_came_in(
    official_berlin: User, official_bayern: User, demands: list[Demand]
) -> None:
    first, _ = demands
    client = client_for(official_berlin)
    rows = download(client, "csv")  # no entry yet: the row was made from nothing
    make_entry(demand=first, author=official_berlin, text="Der Bund prüft.")
    edit(rows, first, stance="zugestimmt", implementation="offen", text="Aus der Tabelle.")
    edit(rows, first, date="01.09.2024")
    shown = upload(client, rows, "csv")
    assert "Inzwischen hat Berlin" in shown.content.decode()
    make_entry(demand=first, author=official_bayern, land_code="DE-BY", text="Bayern meldet.")

    response = client.post(
        "/tabelle/DE-BE/bestaetigen/", {"zeilen": signed_rows(shown), "uebernehmen": [first.pk]}
    )

    assert response.status_code == 200
    assert newest(first).text == "Bayern meldet."
    assert "Inzwischen hat Bayern" in response.content.decode()
    again = client.post(
        "/tabelle/DE-BE/bestaetigen/",
        {"zeilen": signed_rows(response), "uebernehmen": [first.pk]},
    )
    assert again.status_code == 303
    assert newest(first).text == "Aus der Tabelle."


def test_a_file_without_the_basis_column_treats_changed_rows_with_entries_as_conflicts(
    official_berlin: User, demands: list[Demand]
) -> None:
    first, second = demands
    make_entry(demand=first, author=official_berlin, text="Der Bund prüft.")
    client = client_for(official_berlin)
    rows = [row[:-1] for row in download(client, "csv")]  # as downloaded before the column
    edit(rows, first, text="Neu.")
    edit(rows, second, stance="zugestimmt", implementation="offen", text="Erster Stand.")
    edit(rows, second, date="01.09.2024")

    response = upload(client, rows, "csv")

    assert response.status_code == 200
    assert newest(first).text == "Der Bund prüft."
    assert newest(second).text == "Erster Stand."
    assert "Inzwischen hat Berlin" in response.content.decode()


def test_an_edited_basis_cell_is_a_row_error(official_berlin: User, demands: list[Demand]) -> None:
    first, _ = demands
    make_entry(demand=first, author=official_berlin, text="Der Bund prüft.")
    client = client_for(official_berlin)
    rows = download(client, "csv")
    edit(rows, first, text="Neu.")
    rows[1][-1] = "neu"

    response = upload(client, rows, "csv")

    assert response.status_code == 400
    assert ProgressEntry.objects.count() == 1
    assert "„neu“ in der Spalte „Letzter Eintrag (nicht ändern)“" in response.content.decode()


@pytest.fixture
def signed(official_berlin: User, demands: list[Demand]) -> str:
    """The signed conflict row that Berlin's stale upload of the first demand was shown with."""
    first, _ = demands
    make_entry(demand=first, author=official_berlin, text="Der Bund prüft.")
    client = client_for(official_berlin)
    rows = download(client, "csv")
    record_in_browser(client, first, "Gesetz ist in Kraft.")
    edit(rows, first, text="Doch nur ein Entwurf.")
    return signed_rows(upload(client, rows, "csv"))


def test_a_tampered_confirmation_writes_nothing(
    official_berlin: User, demands: list[Demand], signed: str
) -> None:
    first, _ = demands

    response = client_for(official_berlin).post(
        "/tabelle/DE-BE/bestaetigen/", {"zeilen": signed[:-3] + "xyz", "uebernehmen": [first.pk]}
    )

    assert response.status_code == 400
    assert "Bitte laden Sie die Tabelle erneut hoch" in response.content.decode()
    assert newest(first).text == "Gesetz ist in Kraft."


def test_another_user_cannot_replay_a_confirmation(
    secretariat: User, demands: list[Demand], signed: str
) -> None:
    first, _ = demands

    response = client_for(secretariat).post(
        "/tabelle/DE-BE/bestaetigen/", {"zeilen": signed, "uebernehmen": [first.pk]}
    )

    assert response.status_code == 400
    assert newest(first).text == "Gesetz ist in Kraft."


@pytest.mark.parametrize("persona", ["official_bayern", "reader"])
def test_the_confirmation_is_refused_to(
    persona: str, demands: list[Demand], signed: str, request: pytest.FixtureRequest
) -> None:
    first, _ = demands

    response = client_for(request.getfixturevalue(persona)).post(
        "/tabelle/DE-BE/bestaetigen/", {"zeilen": signed, "uebernehmen": [first.pk]}
    )

    assert response.status_code == 403
    assert newest(first).text == "Gesetz ist in Kraft."


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_links_with_a_bar_in_the_url_and_a_line_break_in_the_label_upload_again(
    file_format: str, official_berlin: User, demands: list[Demand]
) -> None:
    first, second = demands
    links = [
        ("https://example.org/suche?q=a|b", "Suche mit | Strich"),
        ("https://example.org/drs", "BT-Drucksache\n20/1234"),
    ]
    entry = make_entry(demand=first, author=official_berlin, text="Der Bund prüft.", links=links)
    client = client_for(official_berlin)
    rows = download(client, file_format)
    edit(rows, second, stance="zugestimmt", implementation="offen", text="Neu.")
    edit(rows, second, date="01.09.2024")

    response = upload(client, rows, file_format)

    assert response.status_code == 303, response.content.decode()[:2000]
    assert newest(first) == entry  # unchanged: the links read back exactly as stored
    follow = client.get(response["Location"]).content.decode()
    assert "1 Sachstand übernommen, 1 unverändert." in follow


def test_a_bar_in_an_uploaded_url_is_kept(official_berlin: User, demands: list[Demand]) -> None:
    first, _ = demands
    client = client_for(official_berlin)
    rows = download(client, "csv")
    edit(rows, first, stance="zugestimmt", implementation="offen", text="Neu.", date="01.09.2024")
    rows[1][rows[0].index("Belege")] = "Teil 1\nTeil 2 | https://example.org/a|b?c=1"

    response = upload(client, rows, "csv")

    assert response.status_code == 303
    link = newest(first).links.get()
    assert (link.label, link.url) == ("Teil 1\nTeil 2", "https://example.org/a|b?c=1")


def test_the_secretariat_of_another_year_cannot_confirm_for_berlin(
    demands: list[Demand], signed: str
) -> None:
    other = make_user(username="hessen-2023", roles=[(RoleKind.SECRETARIAT, "DE-HE", 2023)])
    first, _ = demands

    response = client_for(other).post(
        "/tabelle/DE-BE/bestaetigen/", {"zeilen": signed, "uebernehmen": [first.pk]}
    )

    assert response.status_code == 400
    assert newest(first).text == "Gesetz ist in Kraft."


def test_two_people_uploading_the_same_row_keep_both_and_the_second_decides(
    official_berlin: User, secretariat: User, demands: list[Demand]
) -> None:
    first, _ = demands
    make_entry(demand=first, author=official_berlin, text="Der Bund prüft.")
    berlin, office = client_for(official_berlin), client_for(secretariat)
    berlin_rows, office_rows = download(berlin, "xlsx"), download(office, "csv")
    edit(berlin_rows, first, text="Stand von Berlin.")
    edit(office_rows, first, text="Stand der Geschäftsstelle.")

    assert upload(berlin, berlin_rows, "xlsx").status_code == 303
    second = upload(office, office_rows, "csv")

    assert newest(first).text == "Stand von Berlin."
    assert "Inzwischen hat Berlin (Bea Berlin)" in second.content.decode()
    confirmed = office.post(
        "/tabelle/DE-BE/bestaetigen/", {"zeilen": signed_rows(second), "uebernehmen": [first.pk]}
    )
    assert confirmed.status_code == 303
    texts = list(ProgressEntry.objects.filter(demand=first).values_list("text", flat=True))
    assert sorted(texts) == ["Der Bund prüft.", "Stand der Geschäftsstelle.", "Stand von Berlin."]
