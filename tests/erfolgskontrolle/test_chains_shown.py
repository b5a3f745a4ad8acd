"""A demand's chain of earlier demands on the demand page, the resolution page and in the report.

The chains are set as `demand_chains_link` sets them (tests/beschluesse/test_chains.py imports
them); here only what the pages make of them.
"""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from beschluesse.models import Demand, Kind
from intmk.models import User
from tests.conftest import client_for
from tests.erfolgskontrolle.report_world import make_report_world
from tests.factories import make_clause, make_conference, make_demand, make_resolution


def make_chain(*, later: Demand, years_ago: tuple[int, ...] = (3, 1)) -> list[Demand]:
    """Earlier demands, one per conference that many years ago (oldest first), each repeated by
    the next and the last by `later`."""
    today = timezone.localdate()
    chain = []
    for offset, ago in enumerate(years_ago):
        number = 16 + offset
        conference = make_conference(
            number=number, year=today.year - ago, first_day=datetime.date(today.year - ago, 1, 1)
        )
        resolution = make_resolution(conference=conference, top=f"3.{offset + 1}")
        clause = make_clause(resolution=resolution, number="2", kind=Kind.FORDERUNG)
        demand = make_demand(clause=clause, wording=f"fordert den Bund auf ({number})")
        if chain:
            Demand.objects.filter(pk=demand.pk).update(repeats=chain[-1], repeats_similarity=0.9)
        chain.append(demand)
    Demand.objects.filter(pk=later.pk).update(repeats=chain[-1], repeats_similarity=0.9)
    return chain


def later_demand() -> Demand:
    resolution = make_resolution(conference=make_conference(number=19), top="3.3")
    clause = make_clause(resolution=resolution, number="1", kind=Kind.FORDERUNG)
    return make_demand(clause=clause, wording="bekräftigt ihre Forderung, dass der Bund …")


@pytest.mark.django_db
def test_the_demand_page_shows_the_chain_oldest_first_with_its_age(reader: User) -> None:
    demand = later_demand()
    make_chain(later=demand)
    year = timezone.localdate().year

    html = client_for(reader).get(f"/forderungen/{demand.pk}/").content.decode()

    oldest = html.index(
        f'Wiederholt die Forderung der <a class="kern-link" href="/konferenzen/16/top/3.1/'
        f'#ziffer-2">16. IntMK ({year - 3}, TOP 3.1 Ziffer 2)</a> – offen seit 3 Jahren'
    )
    newer = html.index(f"17. IntMK ({year - 1}, TOP 3.2 Ziffer 2)</a> – offen seit einem Jahr")
    assert oldest < newer


@pytest.mark.django_db
def test_the_resolution_page_shows_the_chain_under_the_demand(anonymous: Client) -> None:
    demand = later_demand()
    make_chain(later=demand, years_ago=(4,))

    html = anonymous.get("/konferenzen/19/top/3.3/").content.decode()

    assert "Wiederholt die Forderung der" in html
    assert "/konferenzen/16/top/3.1/#ziffer-2" in html
    assert "– offen seit 4 Jahren" in html


@pytest.mark.django_db
def test_a_demand_without_chain_shows_none(reader: User) -> None:
    demand = later_demand()

    html = client_for(reader).get(f"/forderungen/{demand.pk}/").content.decode()

    assert "Wiederholt die Forderung" not in html


@pytest.mark.django_db
def test_chains_cost_the_demand_page_no_query(reader: User) -> None:
    demand = later_demand()
    client = client_for(reader)
    client.get("/")  # the CSRF cookie, as a browser has it (intmk/page_cache.py)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/forderungen/{demand.pk}/").status_code == 200
        return len(queries)

    without = count()
    make_chain(later=demand, years_ago=(5, 4, 3))

    assert count() == without


@pytest.mark.django_db
def test_chains_cost_the_resolution_page_no_query(anonymous: Client) -> None:
    demand = later_demand()
    for number in range(2, 12):
        make_demand(clause=demand.clause, wording=f"fordert den Bund auf ({number})")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert anonymous.get("/konferenzen/19/top/3.3/").status_code == 200
        return len(queries)

    without = count()
    earlier = make_chain(later=demand, years_ago=(3, 2))
    Demand.objects.filter(clause=demand.clause).update(repeats=earlier[-1])

    assert count() == without


@pytest.mark.django_db
def test_the_report_dates_a_demand_from_its_chain(
    official_berlin: User, official_bayern: User, reader: User
) -> None:
    world = make_report_world(berlin=official_berlin, bayern=official_bayern)
    make_chain(later=world.to_bmas, years_ago=(3, 1))
    year = timezone.localdate().year

    html = client_for(reader).get("/erfolgskontrolle/19/").content.decode()

    assert html.count("Offen seit der 16. IntMK") == 1
    assert f"Offen seit der 16. IntMK ({year - 3})" in html
