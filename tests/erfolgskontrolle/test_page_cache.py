"""Public register pages come from the page cache (intmk/page_cache.py) for visitors without a
login, and are rendered anew as soon as the data they show changes: an import or a curator's
change of the register, a published Erfolgskontrolle. Signed-in users never get a cached page."""

import pytest
from django.test import Client

from beschluesse.models import Conference, Resolution
from intmk.models import Land, User
from tests.conftest import client_for
from tests.erfolgskontrolle.test_register_links import assessed, freeze_and_publish  # noqa: F401
from tests.factories import make_clause, make_demand, make_resolution

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
