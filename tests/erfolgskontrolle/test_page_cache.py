"""Public register pages come from the page cache (intmk/page_cache.py) for visitors without a
login, and are rendered anew as soon as the data they show changes: an import or a curator's
change of the register, a published Erfolgskontrolle. Signed-in users never get a cached page."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from beschluesse.models import Conference, Resolution
from erfolgskontrolle.models import ReportingRound
from intmk.models import Land, Role, RoleKind, User
from tests.conftest import client_for
from tests.erfolgskontrolle.test_register_links import assessed, freeze_and_publish  # noqa: F401
from tests.factories import (
    make_clause,
    make_demand,
    make_entry,
    make_resolution,
    make_round,
    make_user,
)

pytestmark = pytest.mark.django_db

PAGES = ["/", "/konferenzen/19/", "/konferenzen/19/top/3.3/", "/forderungen/"]


@pytest.fixture
def resolution(conference_19: Conference) -> Resolution:
    resolution = make_resolution(conference=conference_19, top="3.3", title="Alte Überschrift")
    clause = make_clause(
        resolution=resolution, number="1", text="Die IntMK bittet den Bund um Sprachmittlung."
    )
    make_demand(clause=clause, wording="Die IntMK bittet den Bund, die Sprachmittlung zu regeln.")
    return resolution


@pytest.mark.parametrize("page", PAGES)
def test_a_visitor_gets_the_page_again_for_one_query(
    page: str, resolution: Resolution, anonymous: Client, django_assert_num_queries
) -> None:
    first = anonymous.get(page)

    with django_assert_num_queries(1):  # the data version, nothing of the register
        again = anonymous.get(page)

    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize("page", PAGES[1:])  # the start page lists conferences, not titles
def test_a_change_of_the_register_shows_on_the_next_request(
    page: str, resolution: Resolution, anonymous: Client
) -> None:
    assert "Alte Überschrift" in anonymous.get(page).content.decode()
    anonymous.get(page)  # now from the cache

    # What an import or a curator does, through any path: a trigger bumps the version.
    Resolution.objects.filter(pk=resolution.pk).update(title="Neue Überschrift")
    html = anonymous.get(page).content.decode()

    assert "Neue Überschrift" in html
    assert "Alte Überschrift" not in html


def test_a_renamed_land_shows_on_the_next_request(
    resolution: Resolution, anonymous: Client
) -> None:
    Resolution.objects.filter(pk=resolution.pk).update(lead=Land.objects.get(code="DE-BE"))
    assert "Berlin" in anonymous.get("/konferenzen/19/top/3.3/").content.decode()

    Land.objects.filter(code="DE-BE").update(name="Land Berlin (neu)")

    assert "Land Berlin (neu)" in anonymous.get("/konferenzen/19/top/3.3/").content.decode()


def test_a_publication_shows_on_the_next_request(
    assessed,  # noqa: F811
    secretariat_ni: User,
    anonymous: Client,
) -> None:
    assert (
        "Veröffentlichter Stand" not in anonymous.get("/konferenzen/19/top/3.3/").content.decode()
    )

    freeze_and_publish(secretariat_ni)

    assert "Veröffentlichter Stand" in anonymous.get("/konferenzen/19/top/3.3/").content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_signed_in_users_never_get_a_visitors_page_nor_leave_theirs(
    page: str, resolution: Resolution, anonymous: Client, official_berlin: User
) -> None:
    official = client_for(official_berlin)
    visitor_first = anonymous.get(page).content.decode()

    official_html = official.get(page).content.decode()
    visitor_again = anonymous.get(page).content.decode()

    assert "Angemeldet als" in official_html and "X-CSRFToken" in official_html
    assert "Angemeldet als" not in visitor_first and "Angemeldet als" not in visitor_again
    assert "X-CSRFToken" not in visitor_again


def test_the_htmx_fragment_and_the_whole_page_are_kept_apart(
    resolution: Resolution, anonymous: Client
) -> None:
    fragment = anonymous.get("/forderungen/?q=Sprachmittlung", HTTP_HX_REQUEST="true")
    page = anonymous.get("/forderungen/?q=Sprachmittlung")
    fragment_again = anonymous.get("/forderungen/?q=Sprachmittlung", HTTP_HX_REQUEST="true")

    assert "<html" in page.content.decode()
    assert "<html" not in fragment.content.decode()
    assert fragment_again.content == fragment.content
    assert "HX-Request" in page["Vary"]


def test_each_query_string_is_a_page_of_its_own(resolution: Resolution, anonymous: Client) -> None:
    found = anonymous.get("/forderungen/?q=Sprachmittlung").content.decode()
    nothing = anonymous.get("/forderungen/?q=Raumfahrt").content.decode()

    assert "1 Forderung gefunden" in found
    assert "Keine Forderung gefunden" in nothing or "0 Forderungen" in nothing


def test_unknown_pages_are_not_cached(anonymous: Client, conference_19: Conference) -> None:
    assert anonymous.get("/konferenzen/19/top/9.9/").status_code == 404
    make_resolution(conference=conference_19, top="9.9", title="Nachgereicht")

    assert anonymous.get("/konferenzen/19/top/9.9/").status_code == 200


# Signed-in users: their own pages, cached per user, browser and day --------------------------

TASKS = "/aufgaben/"


@pytest.fixture
def berlin(official_berlin: User) -> Client:
    client = client_for(official_berlin)
    client.get("/")  # the browser has its CSRF cookie after the first page
    return client


def test_a_signed_in_user_gets_the_page_again_for_three_queries(
    resolution: Resolution, berlin: Client, django_assert_num_queries
) -> None:
    demand = resolution.clauses.get().demands.get()
    for page in (TASKS, f"/forderungen/{demand.pk}/", "/konferenzen/19/top/3.3/"):
        first = berlin.get(page)
        with django_assert_num_queries(3):  # session, user, data version
            again = berlin.get(page)
        assert again.content == first.content


def test_an_entry_of_another_land_shows_on_the_next_request(
    resolution: Resolution, berlin: Client, official_bayern: User
) -> None:
    demand = resolution.clauses.get().demands.get()
    page = f"/forderungen/{demand.pk}/"
    assert "Bayern sieht Handlungsbedarf" not in berlin.get(page).content.decode()

    make_entry(
        demand=demand,
        author=official_bayern,
        land_code="DE-BY",
        text="Bayern sieht Handlungsbedarf",
    )

    assert "Bayern sieht Handlungsbedarf" in berlin.get(page).content.decode()


def test_a_withdrawn_role_is_refused_at_once(
    resolution: Resolution, berlin: Client, official_berlin: User
) -> None:
    assert berlin.get(TASKS).status_code == 200

    Role.objects.filter(user=official_berlin).delete()

    assert berlin.get(TASKS).status_code == 403


def test_a_moved_deadline_shows_on_the_next_request(
    resolution: Resolution, berlin: Client, secretariat: User
) -> None:
    demand = resolution.clauses.get().demands.get()
    reporting_round = make_round(
        conference=resolution.conference, opened_by=secretariat, demands=[demand]
    )
    assert "28.02.2025" in berlin.get(TASKS).content.decode()

    ReportingRound.objects.filter(pk=reporting_round.pk).update(deadline=datetime.date(2025, 3, 31))

    html = berlin.get(TASKS).content.decode()
    assert "31.03.2025" in html and "28.02.2025" not in html


def test_users_with_the_same_roles_and_browsers_do_not_share_pages(
    resolution: Resolution, berlin: Client
) -> None:
    other = client_for(
        make_user(
            username="berlin2",
            roles=[(RoleKind.OFFICIAL, "DE-BE", None)],
            first_name="Bernd",
            last_name="Zweiter",
        )
    )
    other.get("/")
    mine = berlin.get(TASKS).content.decode()
    theirs = other.get(TASKS).content.decode()
    second_browser = client_for(User.objects.get(username="berlin"))
    second_browser.get("/")
    again = second_browser.get(TASKS).content.decode()

    assert "Bea Berlin" in mine and "Bernd Zweiter" in theirs and "Bea Berlin" not in theirs
    # Each browser gets a page with a token of its own CSRF secret, not the other's page.
    assert token_of(again) != token_of(mine)
    assert (
        second_browser.post(
            "/konto/abmelden/", {"csrfmiddlewaretoken": token_of(again)}
        ).status_code
        == 302
    )


def test_a_new_day_renders_the_page_anew(
    resolution: Resolution, berlin: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    berlin.get(TASKS)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)

    with CaptureQueriesContext(connection) as captured:
        berlin.get(TASKS)

    assert len(captured) > 3  # rendered again, not the page of yesterday


def token_of(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)
