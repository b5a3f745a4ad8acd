"""A cached page sees every Sachstand once it is committed, in whatever order concurrent saves
commit (the newest id alone missed an entry with a lower id committing last)."""

import threading

import pytest
from django.db import connection, transaction

from beschluesse.models import Conference, Demand
from intmk.models import RoleKind
from tests.conftest import client_for
from tests.factories import make_clause, make_demand, make_entry, make_resolution, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demand(conference_19: Conference) -> Demand:
    resolution = make_resolution(conference=conference_19, top="3.3")
    return make_demand(clause=make_clause(resolution=resolution, number="1"))


def test_an_entry_committing_after_a_newer_one_shows_on_the_cached_page(demand: Demand) -> None:
    berlin = make_user(username="berlin", roles=[(RoleKind.OFFICIAL, "DE-BE", None)])
    hamburg = make_user(username="hamburg", roles=[(RoleKind.OFFICIAL, "DE-HH", None)])
    reader = client_for(make_user(username="leser", roles=[(RoleKind.READER, None, None)]))
    page = f"/forderungen/{demand.pk}/"
    inserted, commit = threading.Event(), threading.Event()

    def slow_save() -> None:  # Berlin's save takes the lower id but commits last
        try:
            with transaction.atomic():
                make_entry(demand=demand, author=berlin, text="Berlin: der Bund prüft noch.")
                inserted.set()
                commit.wait(timeout=30)
        finally:
            connection.close()

    thread = threading.Thread(target=slow_save)
    thread.start()
    assert inserted.wait(timeout=30)
    make_entry(demand=demand, author=hamburg, land_code="DE-HH", text="Hamburg: umgesetzt.")
    reader.get(page)  # the first visit sets the CSRF cookie, which is part of the cache key
    before = reader.get(page).content.decode()  # cached with Hamburg's entry only
    commit.set()
    thread.join(timeout=30)

    after = reader.get(page).content.decode()

    assert "Hamburg: umgesetzt." in before and "Berlin: der Bund prüft noch." not in before
    assert "Berlin: der Bund prüft noch." in after
