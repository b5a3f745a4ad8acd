"""The Erfolgskontrolle index reads a constant number of queries, whatever it lists."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from erfolgskontrolle.models import Edition, Publication
from erfolgskontrolle.report.services import edition_freeze
from intmk.models import User
from tests.conftest import client_for
from tests.erfolgskontrolle.report_world import make_report_world
from tests.factories import make_conference, make_entry

pytestmark = pytest.mark.django_db


def conferences_with_editions(first: int, count: int, *, by: User) -> None:
    """`count` conferences with two editions each, the first of them published."""
    for number in range(first, first + count):
        conference = make_conference(number=number, year=2005 + number)
        for edition_number in (1, 2):
            edition = Edition.objects.create(
                conference=conference,
                number=edition_number,
                data={},
                frozen_at=timezone.now(),
                frozen_by=by,
            )
            if edition_number == 1:
                Publication.objects.create(
                    edition=edition, published_at=timezone.now(), published_by=by
                )


@pytest.mark.parametrize("persona", ["anonymous", "reader"])
def test_the_index_queries_do_not_grow_with_conferences_and_editions(
    persona: str, admin_user: User, request: pytest.FixtureRequest, django_assert_num_queries
) -> None:
    user = request.getfixturevalue(persona)
    client = user if isinstance(user, Client) else client_for(user)
    conferences_with_editions(1, 2, by=admin_user)
    client.get("/erfolgskontrolle/")  # the session and the roles, read once
    with CaptureQueriesContext(connection) as small:
        html = client.get("/erfolgskontrolle/").content.decode()
    assert html.count("Ausgabe 1<") == 2

    conferences_with_editions(3, 6, by=admin_user)

    with django_assert_num_queries(len(small.captured_queries)):
        html = client.get("/erfolgskontrolle/").content.decode()
    assert html.count("Ausgabe 1<") == 8
    assert ("Ausgabe 2<" in html) == (persona == "reader")  # unpublished: roles only


def test_an_editions_page_reads_the_same_queries_whatever_the_log_holds_since(
    official_berlin: User, official_bayern: User, admin_user: User, reader: User
) -> None:
    world = make_report_world(berlin=official_berlin, bayern=official_bayern)
    edition = edition_freeze(conference=world.conference, frozen_by=admin_user)
    client = client_for(reader)
    url = edition.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    for _ in range(20):  # entries after freezing are not part of the edition
        make_entry(demand=world.to_bund, author=official_berlin, text="Später.")

    with CaptureQueriesContext(connection) as after:
        html = client.get(url).content.decode()

    assert len(after.captured_queries) == len(before.captured_queries)
    assert "Später." not in html
