"""Every role with a home: where each lands after signing in, and a navigation whose every item
opens for the signed-in role (no "Kein Zugriff")."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beschluesse.models import Conference
from intmk.models import User
from tests.conftest import client_for
from tests.factories import make_clause, make_conference, make_demand, make_resolution, make_round

pytestmark = pytest.mark.django_db

START = reverse("erfolgskontrolle:start")
PERSONAS = ["official_berlin", "secretariat", "admin_user", "reader", "no_role"]
REGISTER = ["Konferenzen", "Forderungen"]
FOLLOW_UP = ["Berichtsrunden", "Tabellen"]


def landing(user: User) -> str:
    response = client_for(user).get(START)
    assert response.status_code == 302
    return str(response["Location"])


def nav_links(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="app-nav".*?</nav>', html, re.S)
    assert nav is not None
    return {
        label: href for href, label in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav[0])
    }


@pytest.fixture
def open_round(conference_19: Conference, admin_user: User):  # type: ignore[no-untyped-def]
    resolution = make_resolution(conference=conference_19, top="3.3", lead="DE-BE")
    demand = make_demand(clause=make_clause(resolution=resolution))
    return make_round(
        conference=conference_19,
        opened_by=admin_user,
        demands=[demand],
        deadline=timezone.localdate() + datetime.timedelta(days=14),
    )


def test_officials_land_on_their_tasks(official_berlin: User) -> None:
    assert landing(official_berlin) == reverse("erfolgskontrolle:task-list")


def test_the_secretariat_lands_on_its_open_round(secretariat: User, open_round) -> None:  # type: ignore[no-untyped-def]
    assert landing(secretariat) == open_round.get_absolute_url()


def test_the_secretariat_lands_on_the_rounds_when_none_of_its_own_is_open(
    secretariat: User, admin_user: User
) -> None:
    other = make_conference(number=18, year=2023, chair="DE-HE")
    demand = make_demand(clause=make_clause(resolution=make_resolution(conference=other)))
    make_round(conference=other, opened_by=admin_user, demands=[demand])

    assert landing(secretariat) == reverse("erfolgskontrolle:round-list")


@pytest.mark.parametrize("persona", ["admin_user", "reader"])
def test_admins_and_readers_land_on_the_rounds(
    request: pytest.FixtureRequest, persona: str
) -> None:
    assert landing(request.getfixturevalue(persona)) == reverse("erfolgskontrolle:round-list")


def test_users_without_a_role_land_on_the_register(no_role: User) -> None:
    assert landing(no_role) == reverse("beschluesse:conference-list")


def test_the_login_goes_through_the_start(anonymous: Client, reader: User) -> None:
    response = anonymous.post(
        reverse("login"), {"username": "leser", "password": "richtig-langes-passwort-2024"}
    )

    assert response["Location"] == START
    assert anonymous.get(START)["Location"] == reverse("erfolgskontrolle:round-list")


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_navigation_item_opens_for_the_signed_in_role(
    request: pytest.FixtureRequest, conference_19: Conference, persona: str
) -> None:
    client = client_for(request.getfixturevalue(persona))

    links = nav_links(client.get(reverse("beschluesse:conference-list")).content.decode())

    assert links
    for label, href in links.items():
        assert client.get(href).status_code == 200, label


REPORT = "Erfolgskontrolle"


@pytest.mark.parametrize(
    ("persona", "labels"),
    [
        ("official_berlin", [*REGISTER, "Meine Aufgaben", *FOLLOW_UP, REPORT]),
        ("secretariat", [*REGISTER, "Meine Aufgaben", *FOLLOW_UP, REPORT, "Import"]),
        ("admin_user", [*REGISTER, "Meine Aufgaben", *FOLLOW_UP, REPORT, "Import", "Verwaltung"]),
        ("reader", [*REGISTER, *FOLLOW_UP, REPORT]),
        ("no_role", [*REGISTER, REPORT]),  # the index shows published editions to anyone
    ],
)
def test_the_navigation_offers_what_the_role_may_open(
    request: pytest.FixtureRequest, persona: str, labels: list[str]
) -> None:
    client = client_for(request.getfixturevalue(persona))

    links = nav_links(client.get(reverse("beschluesse:demand-list")).content.decode())

    assert list(links) == labels


def test_admins_find_the_administration_in_the_navigation(admin_user: User) -> None:
    html = client_for(admin_user).get(reverse("beschluesse:conference-list")).content.decode()

    assert nav_links(html)["Verwaltung"] == reverse("admin:index")


def test_readers_are_not_told_to_enter_anything(
    conference_19: Conference, reader: User, official_berlin: User
) -> None:
    resolution = make_resolution(conference=conference_19, top="3.3", lead="DE-BE")
    demand = make_demand(clause=make_clause(resolution=resolution))
    client = client_for(reader)

    for url in [
        reverse("erfolgskontrolle:task-list"),
        reverse("erfolgskontrolle:demand-detail", args=[demand.pk]),
        reverse("erfolgskontrolle:exchange") + "?land=DE-BE",
        reverse("erfolgskontrolle:round-list"),
    ]:
        html = client.get(url).content.decode()
        assert "eintragen" not in html.lower(), url
        assert "Tragen Sie" not in html, url


def test_the_demand_page_leads_readers_back_to_the_demands_not_to_tasks(
    conference_19: Conference, reader: User
) -> None:
    resolution = make_resolution(conference=conference_19, top="3.3", lead="DE-BE")
    demand = make_demand(clause=make_clause(resolution=resolution))

    html = client_for(reader).get(reverse("erfolgskontrolle:demand-detail", args=[demand.pk]))
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html.content.decode(), re.S)

    assert crumbs is not None
    assert f'href="{reverse("beschluesse:demand-list")}">Forderungen</a>' in crumbs[0]
    assert reverse("erfolgskontrolle:task-list") not in crumbs[0]
