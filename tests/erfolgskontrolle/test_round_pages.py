"""The pages around a round: the demands behind each matrix cell, the deadline of "Meine
Aufgaben" by the matrix's rule, and the table of all Länder's Sachstände of a conference."""

import csv
import io
import re

import openpyxl
import pytest
from django.test import Client

from beschluesse.models import Conference, Kind
from erfolgskontrolle import services
from erfolgskontrolle.models import ReportingRound
from intmk.models import RoleKind, User
from tests.conftest import client_for
from tests.erfolgskontrolle.test_rounds import NEXT_MONTH, Setup, html_of, owed, text_of
from tests.factories import (
    make_clause,
    make_conference,
    make_demand,
    make_entry,
    make_resolution,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(conference_19: Conference) -> Setup:
    return Setup(conference_19)


@pytest.fixture
def other_secretariat(db) -> User:  # type: ignore[no-untyped-def]
    return make_user(username="hessen2023", roles=[(RoleKind.SECRETARIAT, "DE-HE", 2023)])


def cell_links(html: str, land_name: str) -> list[str]:
    match = re.search(rf'<th scope="row"[^>]*>{land_name}</th>(.*?)</tr>', html, flags=re.S)
    assert match
    return [
        link.replace("&amp;", "&")
        for link in re.findall(r'<a class="kern-link" href="([^"]+)"', match.group(1))
    ]


# One rule: the matrix and "Meine Aufgaben" agree ------------------------------------------------


@pytest.mark.parametrize("code", ["DE-BE", "DE-BY", "DE-HB", "DE-TH"])
def test_meine_aufgaben_shows_a_deadline_exactly_where_the_matrix_asks_the_land(
    setup: Setup, secretariat: User, code: str
):
    # Thüringen co-applies for the lead-less TOP 1.1 but is not asked by this round
    reporting_round = setup.round(secretariat, lands=("DE-BE", "DE-BY", "DE-HB"))
    official = make_user(username=f"official-{code}", roles=[(RoleKind.OFFICIAL, code, None)])
    asked = owed(reporting_round)
    matrix = html_of(client_for(secretariat).get(reporting_round.get_absolute_url()))

    tasks = html_of(client_for(official).get("/aufgaben/"))

    rows = 0
    for demand in setup.demands:
        row = re.search(rf'<tbody [^>]*id="aufgabe-{demand.pk}">.*?</tbody>', tasks, re.S)
        if row is None:
            continue  # not a task of this Land (TOP 4 has no applicants)
        rows += 1
        has_deadline = f"{NEXT_MONTH:%d.%m.%Y}" in row.group(0)
        assert has_deadline == ((demand.pk, code) in asked), (code, demand)
        if not has_deadline:
            assert "keine Frist" in row.group(0)
    assert rows > 0
    if code != "DE-TH":  # a Land of the round: its matrix row links the same demands
        name = {"DE-BE": "Berlin", "DE-BY": "Bayern", "DE-HB": "Bremen"}[code]
        tops = {link.split("top=")[1] for link in cell_links(matrix, name) if "top=" in link}
        assert tops == {d.clause.resolution.top for d in setup.demands if (d.pk, code) in asked}


def test_a_co_applicant_sees_no_deadline_the_lead_does(
    setup: Setup, secretariat: User, official_berlin: User, official_bayern: User
):
    setup.round(secretariat, lands=("DE-BE", "DE-BY"))

    def row(user: User) -> str:
        html = html_of(client_for(user).get("/aufgaben/"))
        match = re.search(rf'<tbody [^>]*id="aufgabe-{setup.d33[0].pk}">.*?</tbody>', html, re.S)
        assert match
        return match.group(0)

    assert f"{NEXT_MONTH:%d.%m.%Y}" in row(official_berlin)  # lead of TOP 3.3
    assert "keine Frist" in row(official_bayern)  # co-applicant: "—" in the matrix
    assert f"{NEXT_MONTH:%d.%m.%Y}" in row(secretariat)  # someone must answer


# The demands behind a cell -----------------------------------------------------------------------


def test_each_answering_cell_links_to_the_demands_behind_it(setup: Setup, secretariat: User):
    reporting_round = setup.round(secretariat)

    html = html_of(client_for(secretariat).get(reporting_round.get_absolute_url()))

    base = f"/runden/{reporting_round.pk}/laender/DE-BE/"
    # TOP 3.3 and TOP 4 answer, TOP 1.1 and 3.1 are "—" without a link; then the row total
    assert cell_links(html, "Berlin") == [f"{base}?top=3.3", f"{base}?top=4", base]


def test_the_cell_page_lists_the_lands_demands_of_that_top_with_their_state(
    setup: Setup, secretariat: User, official_berlin: User, reader: User
):
    reporting_round = setup.round(secretariat)
    make_entry(demand=setup.d33[1], author=official_berlin, land_code="DE-BE")

    response = client_for(reader).get(f"/runden/{reporting_round.pk}/laender/DE-BE/?top=3.3")

    assert response.status_code == 200
    html = html_of(response)
    for demand in setup.d33:
        assert f'href="/forderungen/{demand.pk}/"' in html
    assert f'href="/forderungen/{setup.d4.pk}/"' not in html  # TOP 4: another cell
    text = text_of(response)
    assert "Punkt 1 umzusetzen" in text and "Punkt 3 umzusetzen" in text  # told apart
    assert text.count("Sachstand erfasst") == 1 and text.count(" offen ") == 2
    assert f'href="/runden/{reporting_round.pk}/laender/DE-BE/"' in html  # all of Berlin's


def test_the_row_page_lists_all_the_lands_demands_and_says_not_answered_once_closed(
    setup: Setup, secretariat: User
):
    reporting_round = setup.round(secretariat)
    services.reporting_round_close(reporting_round=reporting_round, closed_by=secretariat)

    response = client_for(secretariat).get(f"/runden/{reporting_round.pk}/laender/DE-BE/")

    html = html_of(response)
    for demand in [*setup.d33, setup.d4]:
        assert f'href="/forderungen/{demand.pk}/"' in html
    assert f'href="/forderungen/{setup.d31.pk}/"' not in html  # Bayern's
    text = text_of(response)
    assert text.count("nicht beantwortet") == 4 and " offen " not in text


def test_the_cell_page_hides_lands_the_round_does_not_ask(
    setup: Setup, secretariat: User, no_role: User, anonymous: Client
):
    reporting_round = setup.round(secretariat, lands=("DE-BE",))
    url = f"/runden/{reporting_round.pk}/laender/"

    assert client_for(secretariat).get(url + "DE-BY/").status_code == 404
    assert client_for(secretariat).get(url + "XX/").status_code == 404
    assert client_for(no_role).get(url + "DE-BE/").status_code == 403
    assert anonymous.get(url + "DE-BE/").status_code == 302


def test_the_cell_page_needs_the_same_queries_for_a_large_round(
    secretariat: User, official_berlin: User, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    conference = make_conference(number=19, year=2024)
    reporting_round = Setup(conference).round(secretariat)
    url = f"/runden/{reporting_round.pk}/laender/DE-BE/"
    client = client_for(secretariat)
    client.get("/")  # a browser has its CSRF cookie after the first page (intmk/page_cache.py)
    with django_assert_max_num_queries(12) as captured:
        assert client.get(url).status_code == 200
    for r in range(15):
        resolution = make_resolution(conference=conference, top=f"5.{r + 1}", lead="DE-BE")
        clause = make_clause(resolution=resolution, number="1", kind=Kind.FORDERUNG)
        for d in range(3):
            demand = make_demand(clause=clause, wording=f"Forderung {r}.{d}")
            reporting_round.demands.add(demand)
            make_entry(demand=demand, author=official_berlin, land_code="DE-BE")

    with django_assert_max_num_queries(len(captured.captured_queries)):
        response = client.get(url)
    assert text_of(response).count("Sachstand erfasst") == 45


# The table of all Länder's Sachstände ------------------------------------------------------------


def table_url(file_format: str = "csv", number: int = 19) -> str:
    return f"/runden/konferenz/{number}/sachstaende.{file_format}"


def read_csv(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_the_secretariat_downloads_every_lands_newest_entry_per_demand(
    setup: Setup, secretariat: User, official_berlin: User, official_bayern: User
):
    make_entry(demand=setup.d33[0], author=official_berlin, text="Alt.")
    make_entry(
        demand=setup.d33[0],
        author=official_berlin,
        text="=Neu, mit Link.",
        links=[("https://www.bundestag.de/drucksache", "BT-Drs. 20/1")],
    )
    make_entry(demand=setup.d33[0], author=official_bayern, land_code="DE-BY", text="Beitrag.")
    make_entry(
        demand=setup.d31, author=secretariat, land_code="DE-BY", text="Im Auftrag.", on_behalf=True
    )

    response = client_for(secretariat).get(table_url("csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="sachstaende-19-intmk-' in response["Content-Disposition"]
    rows = read_csv(response.content)
    by_key = {(row["Forderungs-ID"], row["Land"]): row for row in rows}
    berlin = by_key[(str(setup.d33[0].pk), "Berlin")]
    assert berlin["Sachstand"] == "'=Neu, mit Link."  # neutralised for Excel, newest only
    assert berlin["Rolle des Landes"] == "federführend"
    assert berlin["Belege"] == "BT-Drs. 20/1 | https://www.bundestag.de/drucksache"
    assert berlin["Erfasst von"] == "Bea Berlin" and berlin["Im Auftrag erfasst"] == "nein"
    bayern = by_key[(str(setup.d33[0].pk), "Bayern")]
    assert bayern["Sachstand"] == "Beitrag." and bayern["Rolle des Landes"] == "mitantragstellend"
    assert by_key[(str(setup.d31.pk), "Bayern")]["Im Auftrag erfasst"] == "ja"
    # demands nobody answered yet still have their row, so the gaps show
    assert by_key[(str(setup.d4.pk), "")]["Sachstand"] == ""
    assert len(rows) == 2 + 2 + 1 + 1 + 1  # 3.3 Ziffer 3 (2 Länder, 2 gaps), 3.1, 1.1, 4
    assert [row["TOP"] for row in rows] == sorted(
        (row["TOP"] for row in rows), key=lambda top: [int(p) for p in top.split(".")]
    )
    assert str(setup.greeting.pk) not in by_key


def test_the_xlsx_table_holds_the_same_rows_as_plain_text(
    setup: Setup, secretariat: User, official_berlin: User
):
    make_entry(demand=setup.d33[0], author=official_berlin, text="=SUMME(A1)")

    response = client_for(secretariat).get(table_url("xlsx"))

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = values[0]
    assert header[:3] == ["Forderungs-ID", "Konferenz", "TOP"] and "Rolle des Landes" in header
    text_column = header.index("Sachstand")
    berlin = next(row for row in values[1:] if row[header.index("Land")] == "Berlin")
    assert berlin[text_column] == "=SUMME(A1)"
    cell = sheet.cell(row=values.index(berlin) + 1, column=text_column + 1)
    assert cell.data_type == "s" and cell.quotePrefix  # a string, never a formula


def test_an_admin_downloads_any_conferences_table(setup: Setup, admin_user: User):
    assert client_for(admin_user).get(table_url("xlsx")).status_code == 200


@pytest.mark.parametrize(
    "persona", ["official_berlin", "official_bayern", "reader", "no_role", "other_secretariat"]
)
def test_it_refuses_the_conference_table_to_everyone_but_the_secretariat_and_admins(
    setup: Setup, persona: str, request
):  # type: ignore[no-untyped-def]
    client = client_for(request.getfixturevalue(persona))

    for file_format in ("csv", "xlsx"):
        response = client.get(table_url(file_format))
        assert response.status_code == 403
        assert "Content-Disposition" not in response


def test_the_conference_table_needs_a_known_conference_and_format(
    setup: Setup, secretariat: User, anonymous: Client
):
    client = client_for(secretariat)

    assert client.get(table_url("pdf")).status_code == 404
    assert client.get(table_url("csv", number=99)).status_code == 404
    assert anonymous.get(table_url("csv")).status_code == 302


def test_the_conference_table_needs_the_same_queries_for_more_entries(
    setup: Setup, secretariat: User, official_berlin: User, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    client = client_for(secretariat)
    make_entry(demand=setup.d33[0], author=official_berlin)
    with django_assert_max_num_queries(12) as captured:
        client.get(table_url("csv"))
    for demand in setup.demands:
        for code in ("DE-BE", "DE-BY", "DE-NW"):
            make_entry(
                demand=demand,
                author=secretariat,
                land_code=code,
                on_behalf=True,
                links=[("https://example.org/a", "A")],
            )

    with django_assert_max_num_queries(len(captured.captured_queries)):
        response = client.get(table_url("csv"))
    assert len(read_csv(response.content)) == 6 * 3


def test_the_round_page_and_list_offer_the_table_to_who_manages_the_conference(
    setup: Setup, secretariat: User, official_berlin: User
):
    reporting_round = setup.round(secretariat)
    link = 'href="/runden/konferenz/19/sachstaende.xlsx"'

    assert link in html_of(client_for(secretariat).get(reporting_round.get_absolute_url()))
    assert link in html_of(client_for(secretariat).get("/runden/"))
    assert link not in html_of(client_for(official_berlin).get(reporting_round.get_absolute_url()))
    assert link not in html_of(client_for(official_berlin).get("/runden/"))


def test_an_old_round_keeps_its_table_link_after_closing(setup: Setup, secretariat: User):
    reporting_round: ReportingRound = setup.round(secretariat, deadline=NEXT_MONTH)
    services.reporting_round_close(reporting_round=reporting_round, closed_by=secretariat)

    html = html_of(client_for(secretariat).get(reporting_round.get_absolute_url()))

    assert 'href="/runden/konferenz/19/sachstaende.csv"' in html
    assert "Erinnerung jetzt senden" not in html and "Runde schließen" not in html
