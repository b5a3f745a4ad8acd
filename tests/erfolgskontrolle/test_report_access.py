"""Who reads and who writes the Erfolgskontrolle: every write URL against every persona, and
that a refusal writes nothing; anonymous visitors see published editions only."""

import pytest
from django.test import Client

from erfolgskontrolle.models import Edition, Publication, Report
from erfolgskontrolle.report.services import edition_freeze, edition_publish
from intmk.models import User
from tests.conftest import client_for
from tests.erfolgskontrolle.report_world import ReportWorld, make_report_world
from tests.factories import land

pytestmark = pytest.mark.django_db

REFUSED = {
    "anonymous": 302,  # to the login
    "no_role": 403,
    "reader": 403,
    "official_berlin": 403,
    "secretariat": 403,  # Mecklenburg-Vorpommern 2024 chaired the 19th but does not compile it
}
ALLOWED = ["secretariat_ni", "admin_user"]


@pytest.fixture
def world(official_berlin: User, official_bayern: User) -> ReportWorld:
    return make_report_world(berlin=official_berlin, bayern=official_bayern)


@pytest.fixture
def first_edition(world: ReportWorld, admin_user: User) -> Edition:
    return edition_freeze(conference=world.conference, frozen_by=admin_user)


def client_of(request: pytest.FixtureRequest, persona: str) -> Client:
    if persona == "anonymous":
        return Client()
    return client_for(request.getfixturevalue(persona))


def written() -> tuple[int, int, list[str]]:
    return (
        Edition.objects.count(),
        Publication.objects.count(),
        list(Report.objects.values_list("preface", flat=True)),
    )


WRITES: dict[str, tuple[str, dict[str, str]]] = {
    "freeze": ("/erfolgskontrolle/19/festschreiben/", {}),
    "publish": ("/erfolgskontrolle/19/ausgaben/1/veroeffentlichen/", {}),
    "preface": ("/erfolgskontrolle/19/bearbeiten/", {"preface": "Gefälschte Vorbemerkung"}),
}


@pytest.mark.parametrize("action", list(WRITES))
@pytest.mark.parametrize("persona", list(REFUSED))
def test_it_refuses_writes_and_writes_nothing(
    request: pytest.FixtureRequest, first_edition: Edition, persona: str, action: str
) -> None:
    url, data = WRITES[action]
    before = written()

    response = client_of(request, persona).post(url, data)

    assert response.status_code == REFUSED[persona]
    if persona == "anonymous":
        assert response["Location"].startswith("/konto/anmelden/")
    assert written() == before


@pytest.mark.parametrize("persona", ALLOWED)
def test_the_compiling_secretariat_and_admins_write(
    request: pytest.FixtureRequest, first_edition: Edition, persona: str
) -> None:
    client = client_of(request, persona)

    assert client.post(WRITES["preface"][0], {"preface": "Die Länder berichten."}).status_code == (
        303
    )
    assert client.post(WRITES["publish"][0]).status_code == 303
    assert client.post(WRITES["freeze"][0]).status_code == 303

    assert Report.objects.get().preface == "Die Länder berichten."
    assert Publication.objects.get().edition == first_edition
    assert Edition.objects.count() == 2
    assert Edition.objects.get(number=2).data["preface"] == "Die Länder berichten."


def test_it_keeps_the_history_of_the_preface(secretariat_ni: User, first_edition: Edition) -> None:
    client_for(secretariat_ni).post(WRITES["preface"][0], {"preface": "Erste Fassung"})
    client_for(secretariat_ni).post(WRITES["preface"][0], {"preface": "Zweite Fassung"})

    history = Report.history.order_by("history_date").values_list("preface", flat=True)
    assert list(history)[-2:] == ["Erste Fassung", "Zweite Fassung"]


def test_an_admin_can_assign_the_report_to_another_secretariat(
    world: ReportWorld, secretariat: User, secretariat_ni: User
) -> None:
    Report.objects.create(
        conference=world.conference, compiler_land=land("DE-MV"), compiler_year=2024
    )

    assert client_for(secretariat).post(WRITES["freeze"][0]).status_code == 303
    assert client_for(secretariat_ni).post(WRITES["freeze"][0]).status_code == 403


@pytest.mark.parametrize(
    "persona, status",
    [("anonymous", 302), ("no_role", 403), ("reader", 200), ("official_bayern", 200)],
)
def test_the_draft_needs_a_role(
    request: pytest.FixtureRequest, world: ReportWorld, persona: str, status: int
) -> None:
    client = client_of(request, persona)

    assert client.get("/erfolgskontrolle/19/").status_code == status
    assert client.get("/erfolgskontrolle/19/entwurf.html").status_code == status


def test_anonymous_visitors_see_published_editions_only(
    first_edition: Edition, admin_user: User
) -> None:
    anonymous = Client()
    page, html = "/erfolgskontrolle/19/ausgaben/1/", "/erfolgskontrolle/19/ausgaben/1/bericht.html"
    assert anonymous.get(page).status_code == 404
    assert anonymous.get(html).status_code == 404

    edition_publish(edition=first_edition, published_by=admin_user)

    assert anonymous.get(page).status_code == 200
    response = anonymous.get(html)
    assert response.status_code == 200
    assert response.content == bytes(first_edition.files.get(format="html").content)
    assert anonymous.get("/erfolgskontrolle/19/ausgaben/2/").status_code == 404


def test_readers_see_unpublished_editions_but_no_buttons(
    first_edition: Edition, reader: User
) -> None:
    response = client_for(reader).get("/erfolgskontrolle/19/ausgaben/1/")

    assert response.status_code == 200
    assert "Veröffentlichen" not in response.content.decode()


def test_publishing_twice_changes_nothing(first_edition: Edition, admin_user: User) -> None:
    client = client_for(admin_user)
    client.post(WRITES["publish"][0])

    response = client.post(WRITES["publish"][0], follow=True)

    assert "bereits veröffentlicht" in response.content.decode()
    assert Publication.objects.count() == 1


def test_the_index_lists_drafts_and_every_edition_for_a_role(
    first_edition: Edition, reader: User
) -> None:
    response = client_for(reader).get("/erfolgskontrolle/")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/erfolgskontrolle/19/"' in page
    assert 'href="/erfolgskontrolle/19/ausgaben/1/"' in page
    assert "nicht veröffentlicht" in page
    assert '<a href="/erfolgskontrolle/" aria-current="page">Erfolgskontrolle</a>' in page


@pytest.mark.parametrize("persona", ["anonymous", "no_role"])
def test_the_index_shows_only_published_editions_without_a_role(
    request: pytest.FixtureRequest, first_edition: Edition, admin_user: User, persona: str
) -> None:
    client = client_of(request, persona)
    page = client.get("/erfolgskontrolle/").content.decode()
    assert "/erfolgskontrolle/19/" not in page
    assert "Noch ist keine Ausgabe veröffentlicht." in page

    edition_freeze(conference=first_edition.conference, frozen_by=admin_user)
    edition_publish(edition=first_edition, published_by=admin_user)

    page = client.get("/erfolgskontrolle/").content.decode()
    assert 'href="/erfolgskontrolle/19/ausgaben/1/"' in page
    assert 'href="/erfolgskontrolle/19/ausgaben/2/"' not in page
    assert 'href="/erfolgskontrolle/19/"' not in page
