"""The register's pages joined with the follow-up: signed in with a role, the resolution page and
the demand list show each demand's current state and link to its timeline (beschluesse/
extensions.py, erfolgskontrolle/follow_up.py); visitors see the published register as before."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from beschluesse.models import Conference, Demand
from intmk.models import User
from tests.conftest import client_for
from tests.factories import make_clause, make_demand, make_entry, make_resolution

pytestmark = pytest.mark.django_db

RESOLUTION_PAGE = "/konferenzen/19/top/3.3/"
DEMAND_LIST = "/forderungen/"


def html_of(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    return response.content.decode()


def timeline_url(demand: Demand) -> str:
    return reverse("erfolgskontrolle:demand-detail", args=[demand.pk])


def make_demands(conference: Conference, *, count: int, top: str = "3.3") -> list[Demand]:
    """`count` demands of one resolution that Berlin leads and Bayern co-applies for."""
    resolution = make_resolution(
        conference=conference, top=top, lead="DE-BE", applicants=("DE-BE", "DE-BY")
    )
    clause = make_clause(resolution=resolution, number="3", text="Die IntMK bittet den Bund …")
    return [
        make_demand(clause=clause, addressee=f"Adressat {i}", wording=f"Forderung {i}")
        for i in range(count)
    ]


@pytest.fixture
def assessed(conference_19: Conference, official_berlin: User, official_bayern: User) -> Demand:
    """A demand that Berlin (lead) assessed, with a newer contribution of Bayern."""
    demand = make_demands(conference_19, count=1)[0]
    make_entry(
        demand=demand,
        author=official_berlin,
        land_code="DE-BE",
        stance="in Prüfung",
        implementation="in Umsetzung",
        fact_date=datetime.date(2024, 9, 1),
    )
    make_entry(
        demand=demand,
        author=official_bayern,
        land_code="DE-BY",
        stance="abgelehnt",
        implementation="offen",
        fact_date=datetime.date(2024, 10, 1),
    )
    return demand


@pytest.mark.parametrize("page", [RESOLUTION_PAGE, DEMAND_LIST])
@pytest.mark.parametrize("persona", ["official_berlin", "official_bayern", "secretariat", "reader"])
def test_it_shows_the_lead_lands_state_and_links_the_timeline(
    request: pytest.FixtureRequest, assessed: Demand, page: str, persona: str
) -> None:
    html = html_of(client_for(request.getfixturevalue(persona)).get(page))

    assert "in Umsetzung – in Prüfung" in html
    assert "Stand vom 01.09.2024, Berlin" in html
    assert "abgelehnt" not in html  # Bayern's contribution is not the current state
    assert f'href="{timeline_url(assessed)}"' in html


@pytest.mark.parametrize("page", [RESOLUTION_PAGE, DEMAND_LIST])
def test_it_says_when_a_demand_has_no_state_yet(
    conference_19: Conference, reader: User, page: str
) -> None:
    demand = make_demands(conference_19, count=1)[0]

    html = html_of(client_for(reader).get(page))

    assert "noch kein Sachstand" in html
    assert f'href="{timeline_url(demand)}"' in html


@pytest.mark.parametrize("page", [RESOLUTION_PAGE, DEMAND_LIST])
@pytest.mark.parametrize("persona", ["anonymous", "no_role"])
def test_it_shows_visitors_without_a_role_the_register_as_published(
    request: pytest.FixtureRequest, assessed: Demand, page: str, persona: str
) -> None:
    user = request.getfixturevalue(persona)
    client = user if isinstance(user, Client) else client_for(user)

    html = html_of(client.get(page))

    assert "Forderung 0" in html
    assert "in Umsetzung" not in html
    assert "Aktueller Stand" not in html
    assert timeline_url(assessed) not in html


def test_the_demand_list_shows_the_state_in_a_column_of_its_own(
    assessed: Demand, reader: User
) -> None:
    html = html_of(client_for(reader).get(DEMAND_LIST))

    assert '<th scope="col" class="kern-table__header">Aktueller Stand</th>' in html
    cell = re.search(r'<td [^>]*class="[^"]*demand-table__follow-up"[^>]*>(.*?)</td>', html, re.S)
    assert cell is not None
    assert "in Umsetzung – in Prüfung" in cell.group(1)


# Query counts: constant per page, whatever the number of demands -------------------------------


def entries_for(demands: list[Demand], author: User) -> None:
    for demand in demands:
        make_entry(demand=demand, author=author, land_code="DE-BE")
        make_entry(demand=demand, author=author, land_code="DE-BY")


# Two queries more than the register alone: the published state (none published here) and the
# data version of the page cache (intmk/page_cache.py).
@pytest.mark.parametrize(("page", "queries"), [(RESOLUTION_PAGE, 8), (DEMAND_LIST, 7)])
def test_anonymous_visitors_cost_only_the_published_state_query(
    conference_19: Conference,
    official_berlin: User,
    anonymous: Client,
    django_assert_num_queries,
    page: str,
    queries: int,
) -> None:
    entries_for(make_demands(conference_19, count=12), official_berlin)

    with django_assert_num_queries(queries):
        html_of(anonymous.get(page))


@pytest.mark.parametrize(("page", "queries"), [(RESOLUTION_PAGE, 7), (DEMAND_LIST, 6)])
def test_the_follow_up_costs_one_query_per_page_whatever_the_number_of_demands(
    conference_19: Conference,
    official_berlin: User,
    reader: User,
    django_assert_num_queries,
    page: str,
    queries: int,
) -> None:
    demands = make_demands(conference_19, count=2)
    entries_for(demands, official_berlin)
    client = client_for(reader)
    client.get("/")  # a browser has its CSRF cookie after the first page (intmk/page_cache.py)
    # The page's own queries, the session, the user, the user's roles, the states and the data
    # version of the page cache.
    with django_assert_num_queries(queries + 5):
        html_of(client.get(page))

    entries_for(make_demands(conference_19, count=20, top="3.4"), official_berlin)
    more = make_demands(conference_19, count=20, top="3.3a")
    entries_for(more, official_berlin)
    with django_assert_num_queries(queries + 5):
        html = html_of(client.get(page))

    assert html.count("Stand vom 01.09.2024, Berlin") == (2 if page == RESOLUTION_PAGE else 25)


# The published Erfolgskontrolle on the register's pages ---------------------------------------


def freeze_and_publish(by: User, *, publish: bool = True) -> None:
    client = client_for(by)
    assert client.post("/erfolgskontrolle/19/festschreiben/").status_code == 303
    if publish:
        response = client.post("/erfolgskontrolle/19/ausgaben/1/veroeffentlichen/")
        assert response.status_code == 303


@pytest.mark.parametrize("page", [RESOLUTION_PAGE, DEMAND_LIST])
def test_everyone_sees_the_published_state_of_a_demand(
    page: str,
    assessed: Demand,
    official_berlin: User,
    secretariat_ni: User,
    anonymous: Client,
) -> None:
    freeze_and_publish(secretariat_ni)
    make_entry(demand=assessed, author=official_berlin, implementation="umgesetzt")

    html = html_of(anonymous.get(page))

    assert "Veröffentlichter Stand" in html
    assert "in Umsetzung – in Prüfung" in html  # as published, not the newer "umgesetzt"
    assert "umgesetzt – in Prüfung" not in html
    assert f'href="/erfolgskontrolle/19/ausgaben/1/#forderung-{assessed.pk}"' in html
    assert "Erfolgskontrolle der 19. IntMK, Ausgabe 1 vom" in html


def test_an_unpublished_edition_is_not_shown_in_the_register(
    assessed: Demand, secretariat_ni: User, anonymous: Client
) -> None:
    freeze_and_publish(secretariat_ni, publish=False)

    html = html_of(anonymous.get(RESOLUTION_PAGE))

    assert "Veröffentlichter Stand" not in html
    assert "/erfolgskontrolle/19/ausgaben/1/" not in html


def test_the_published_state_costs_one_query_for_any_number_of_demands(
    conference_19: Conference,
    official_berlin: User,
    secretariat_ni: User,
    anonymous: Client,
    django_assert_num_queries,
) -> None:
    entries_for(make_demands(conference_19, count=12), official_berlin)
    freeze_and_publish(secretariat_ni)

    with django_assert_num_queries(8):  # with the data version of the page cache
        html = html_of(anonymous.get(RESOLUTION_PAGE))
    assert html.count("Veröffentlichter Stand") == 12


# Searching the Sachstände -------------------------------------------------------------------


@pytest.fixture
def with_history(conference_19: Conference, official_berlin: User) -> list[Demand]:
    """Two demands; the first had a Sachstand on a "Referentenentwurf" that a newer one replaced."""
    demands = make_demands(conference_19, count=2)
    make_entry(demand=demands[0], author=official_berlin, text="Ein Referentenentwurf liegt vor.")
    make_entry(demand=demands[0], author=official_berlin, text="Das Gesetz ist verkündet.")
    make_entry(demand=demands[1], author=official_berlin, text="Der Bund prüft noch.")
    return demands


@pytest.mark.parametrize("persona", ["official_bayern", "reader", "secretariat"])
def test_users_with_a_role_find_demands_by_any_sachstand_of_their_timeline(
    persona: str, with_history: list[Demand], request: pytest.FixtureRequest
) -> None:
    client = client_for(request.getfixturevalue(persona))

    html = html_of(client.get(DEMAND_LIST, {"q": "Referentenentwürfe"}))

    assert "1 Forderung gefunden" in html
    assert "Forderung 0" in html and "Forderung 1" not in html


@pytest.mark.parametrize("persona", ["anonymous", "no_role"])
def test_visitors_without_a_role_do_not_search_the_sachstaende(
    persona: str, with_history: list[Demand], request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(persona)
    client = user if isinstance(user, Client) else client_for(user)

    html = html_of(client.get(DEMAND_LIST, {"q": "Referentenentwurf"}))

    assert "Forderung 0" not in html
