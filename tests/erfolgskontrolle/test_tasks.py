""" "Meine Aufgaben" and the bulk entry, through HTTP.

In the 19th IntMK (2024, chair Mecklenburg-Vorpommern) Berlin leads TOP 3.1, Bremen leads TOP
3.2 with Berlin as co-applicant, and Bayern leads TOP 3.3.
"""

import datetime
import re
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from beschluesse.models import Conference, Demand, Kind
from erfolgskontrolle import services
from erfolgskontrolle.models import Implementation, ProgressEntry, Source, Stance
from intmk.models import User
from tests.conftest import client_for
from tests.factories import (
    make_clause,
    make_conference,
    make_demand,
    make_entry,
    make_resolution,
    make_round,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
TASKS = "/aufgaben/"
BULK = "/aufgaben/sammelerfassung/"


@dataclass
class World:
    conference: Conference
    berlin_led: Demand
    berlin_co: Demand
    bayern_led: Demand


def demand_for(
    conference: Conference, *, top: str, lead: str, applicants: tuple[str, ...]
) -> Demand:
    resolution = make_resolution(
        conference=conference, top=top, title=f"Thema {top}", lead=lead, applicants=applicants
    )
    clause = make_clause(resolution=resolution, number="1", kind=Kind.FORDERUNG)
    return make_demand(clause=clause, addressee="Bund", wording=f"Forderung aus TOP {top}")


@pytest.fixture
def world() -> World:
    conference = make_conference(number=19, year=2024, chair="DE-MV")
    return World(
        conference=conference,
        berlin_led=demand_for(conference, top="3.1", lead="DE-BE", applicants=("DE-BE",)),
        berlin_co=demand_for(conference, top="3.2", lead="DE-HB", applicants=("DE-HB", "DE-BE")),
        bayern_led=demand_for(conference, top="3.3", lead="DE-BY", applicants=("DE-BY",)),
    )


def html_of(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def row_of(html: str, demand: Demand) -> str:
    match = re.search(rf'<tbody [^>]*id="aufgabe-{demand.pk}">.*?</tbody>', html, re.S)
    assert match, f"demand {demand.pk} is not on the page"
    return match.group(0)


def row_ids(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<tbody [^>]*id="aufgabe-(\d+)"', html)]


def bulk_data(demands: list[Demand], **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "forderungen": [str(d.pk) for d in demands],
        "land": "DE-BE",
        "fact_date": "2024-11-01",
        "stance": str(Stance.objects.get(name="zugestimmt").pk),
        "implementation": str(Implementation.objects.get(name="umgesetzt").pk),
        "text": "Mit dem Haushaltsgesetz 2025 umgesetzt.",
    }
    data.update(changes)
    return data


# The list ----------------------------------------------------------------------------------


def test_official_sees_only_the_demands_of_their_land_with_its_role(
    world: World, official_berlin: User
) -> None:
    html = html_of(client_for(official_berlin).get(TASKS))

    assert row_ids(html) == [world.berlin_led.pk, world.berlin_co.pk]
    assert "federführend" in row_of(html, world.berlin_led)
    assert "mitantragstellend" in row_of(html, world.berlin_co)
    assert "2 Forderungen gefunden" in html


def test_secretariat_sees_its_conference(world: World, secretariat: User) -> None:
    other = make_conference(number=18, year=2023, chair="DE-HE")
    elsewhere = demand_for(other, top="2.1", lead="DE-BE", applicants=("DE-BE",))

    html = html_of(client_for(secretariat).get(TASKS))

    assert set(row_ids(html)) == {world.berlin_led.pk, world.berlin_co.pk, world.bayern_led.pk}
    assert elsewhere.pk not in row_ids(html)


def test_reader_sees_all_demands_but_cannot_record(world: World, reader: User) -> None:
    html = html_of(client_for(reader).get(TASKS))

    assert len(row_ids(html)) == 3
    assert 'name="forderungen"' not in html
    assert 'id="sammelerfassung"' not in html
    assert "Sachstand eintragen" not in html


def test_it_refuses_the_list_to_users_without_role(world: World, no_role: User) -> None:
    assert client_for(no_role).get(TASKS).status_code == 403


def test_it_sends_anonymous_users_to_the_login(world: World, anonymous: Client) -> None:
    response = anonymous.get(TASKS)

    assert response.status_code == 302
    assert response["Location"] == "/konto/anmelden/?next=/aufgaben/"


def test_row_shows_current_assessment_not_a_contribution(
    world: World, official_berlin: User, official_bayern: User
) -> None:
    make_entry(demand=world.berlin_led, author=official_berlin, implementation="in Umsetzung")
    make_entry(
        demand=world.berlin_led,
        author=official_bayern,
        land_code="DE-BY",
        implementation="umgesetzt",
        stance="zugestimmt",
    )

    html = html_of(client_for(official_berlin).get(TASKS))

    row = row_of(html, world.berlin_led)
    assert '<span class="task__implementation">in Umsetzung</span>' in row
    assert "Haltung: in Prüfung" in row
    assert "Bayern" in row  # the last entry is Bayern's contribution
    assert "noch kein Sachstand" in row_of(html, world.berlin_co)


def test_row_shows_the_age_of_the_last_entry(
    world: World, official_berlin: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = make_entry(demand=world.berlin_led, author=official_berlin)
    created = timezone.localtime(entry.created_at)
    fake = SimpleNamespace(
        localdate=lambda: created.date() + datetime.timedelta(days=12),
        localtime=timezone.localtime,
    )
    monkeypatch.setattr("erfolgskontrolle.templatetags.erfolgskontrolle_tags.timezone", fake)

    row = row_of(html_of(client_for(official_berlin).get(TASKS)), world.berlin_led)

    assert f'<time datetime="{created.isoformat()}">vor 12 Tagen</time>' in row
    assert f"{created:%d.%m.%Y}, Berlin" in row


def test_row_shows_the_due_date_of_the_open_round_and_marks_it_overdue(
    world: World, official_berlin: User, secretariat: User
) -> None:
    today = timezone.localdate()
    make_round(
        conference=world.conference,
        opened_by=secretariat,
        demands=[world.berlin_led],
        deadline=today - datetime.timedelta(days=1),
    )
    later = make_conference(number=20, year=2025, chair="DE-NI")
    upcoming = demand_for(later, top="4.1", lead="DE-BE", applicants=("DE-BE",))
    make_round(
        conference=later,
        opened_by=secretariat,
        demands=[upcoming],
        deadline=today + datetime.timedelta(days=30),
    )

    html = html_of(client_for(official_berlin).get(TASKS))

    overdue = row_of(html, world.berlin_led)
    assert f'<time datetime="{today - datetime.timedelta(days=1):%Y-%m-%d}">' in overdue
    assert "überfällig" in overdue
    assert "überfällig" not in row_of(html, upcoming)
    assert f"{today + datetime.timedelta(days=30):%d.%m.%Y}" in row_of(html, upcoming)
    assert "keine Frist" in row_of(html, world.berlin_co)


def test_closed_rounds_give_no_due_date(
    world: World, official_berlin: User, secretariat: User
) -> None:
    closed = make_round(
        conference=world.conference, opened_by=secretariat, demands=[world.berlin_led]
    )
    closed.closed_at, closed.closed_by = timezone.now(), secretariat
    closed.save()

    html = html_of(client_for(official_berlin).get(TASKS))

    assert "keine Frist" in row_of(html, world.berlin_led)


# Filters -----------------------------------------------------------------------------------


def test_filter_by_current_implementation_and_stance(
    world: World, secretariat: User, official_berlin: User, official_bayern: User
) -> None:
    make_entry(demand=world.berlin_led, author=official_berlin, implementation="umgesetzt")
    make_entry(
        demand=world.bayern_led,
        author=official_bayern,
        land_code="DE-BY",
        implementation="offen",
        stance="abgelehnt",
    )
    # A contribution does not count: Bayern says "umgesetzt" about Bremen's demand.
    make_entry(
        demand=world.berlin_co,
        author=official_bayern,
        land_code="DE-BY",
        implementation="umgesetzt",
    )
    done = Implementation.objects.get(name="umgesetzt").pk
    refused = Stance.objects.get(name="abgelehnt").pk
    client = client_for(secretariat)

    assert row_ids(html_of(client.get(TASKS, {"umsetzung": done}))) == [world.berlin_led.pk]
    assert row_ids(html_of(client.get(TASKS, {"haltung": refused}))) == [world.bayern_led.pk]


def test_filter_without_state(world: World, secretariat: User, official_berlin: User) -> None:
    make_entry(demand=world.berlin_led, author=official_berlin)
    client = client_for(secretariat)

    without = row_ids(html_of(client.get(TASKS, {"ohne_sachstand": "true"})))
    with_state = row_ids(html_of(client.get(TASKS, {"ohne_sachstand": "false"})))

    assert without == [world.berlin_co.pk, world.bayern_led.pk]
    assert with_state == [world.berlin_led.pk]


def test_inherited_facets_filter_too(world: World, secretariat: User) -> None:
    html = html_of(client_for(secretariat).get(TASKS, {"federfuehrend": "DE-BY"}))

    assert row_ids(html) == [world.bayern_led.pk]
    assert 'name="konferenz"' in html and 'name="umsetzung"' in html


def test_htmx_filter_request_returns_the_results_fragment(
    world: World, official_berlin: User
) -> None:
    response = client_for(official_berlin).get(TASKS, {"federfuehrend": "DE-BE"}, **HTMX)

    html = html_of(response)
    assert "<html" not in html
    assert row_ids(html) == [world.berlin_led.pk]
    assert 'hx-swap-oob="innerHTML"' in html
    assert "HX-Request" in response["Vary"]
    # The bulk form posts back to the filtered list.
    assert 'action="/aufgaben/sammelerfassung/?federfuehrend=DE-BE"' in html


def test_the_list_is_paginated_by_25(secretariat: User) -> None:
    conference = make_conference(number=19, year=2024, chair="DE-MV")
    resolution = make_resolution(conference=conference, lead="DE-BE")
    clause = make_clause(resolution=resolution, number="1", kind=Kind.FORDERUNG)
    for i in range(30):
        make_demand(clause=clause, wording=f"Forderung {i}")
    client = client_for(secretariat)

    assert len(row_ids(html_of(client.get(TASKS)))) == 25
    assert len(row_ids(html_of(client.get(TASKS, {"seite": 2})))) == 5


def test_the_list_needs_the_same_queries_for_5_and_40_demands(
    official_berlin: User, official_bayern: User, secretariat: User, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    conference = make_conference(number=19, year=2024, chair="DE-MV")
    client = client_for(official_berlin)
    client.get("/")  # a browser has its CSRF cookie after the first page (intmk/page_cache.py)

    def add_demands(start: int, count: int) -> None:
        for i in range(start, start + count):
            demand = demand_for(
                conference, top=f"3.{i}", lead="DE-BE", applicants=("DE-BE", "DE-HB")
            )
            make_entry(demand=demand, author=official_berlin)
            make_entry(demand=demand, author=official_bayern, land_code="DE-BY")
            make_round(
                conference=make_conference(number=100 + i, year=1900 + i),
                opened_by=secretariat,
                demands=[demand],
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(TASKS)
        assert response.status_code == 200
        return len(captured)

    add_demands(1, 5)
    few = queries()
    add_demands(6, 35)
    many = queries()

    assert few == many
    with django_assert_max_num_queries(16):
        client.get(TASKS)


# Inline entry on a row ----------------------------------------------------------------------


def test_row_links_to_the_form_page_and_loads_it_inline_with_htmx(
    world: World, official_berlin: User
) -> None:
    row = row_of(html_of(client_for(official_berlin).get(TASKS)), world.berlin_led)

    url = f"/forderungen/{world.berlin_led.pk}/sachstand/"
    assert f'href="{url}"' in row
    assert f'hx-get="{url}zeile/"' in row
    assert f'hx-target="#aufgabe-{world.berlin_led.pk}"' in row


def test_htmx_get_returns_the_row_with_the_inline_form(world: World, official_berlin: User) -> None:
    demand = world.berlin_led
    response = client_for(official_berlin).get(f"/forderungen/{demand.pk}/sachstand/zeile/", **HTMX)

    html = html_of(response)
    assert html.lstrip().startswith(
        f'<tbody class="kern-table__body task" id="aufgabe-{demand.pk}">'
    )
    assert f'id="eintrag-formular-{demand.pk}"' in html
    assert f'hx-post="/forderungen/{demand.pk}/sachstand/zeile/"' in html
    assert f'id="zeile-{demand.pk}-text"' in html
    assert "autofocus" in html
    assert 'aria-expanded="true"' in html


def test_htmx_post_from_a_row_returns_the_updated_row(world: World, official_berlin: User) -> None:
    demand = world.berlin_led
    data = {
        "gesehen": "",
        "land": "DE-BE",
        "fact_date": "2024-10-01",
        "stance": str(Stance.objects.get(name="zugestimmt").pk),
        "implementation": str(Implementation.objects.get(name="teilweise umgesetzt").pk),
        "text": "Teilweise umgesetzt.",
    }

    response = client_for(official_berlin).post(
        f"/forderungen/{demand.pk}/sachstand/zeile/", data, **HTMX
    )

    html = html_of(response)
    assert response.status_code == 200
    assert html.lstrip().startswith(
        f'<tbody class="kern-table__body task" id="aufgabe-{demand.pk}">'
    )
    assert '<span class="task__implementation">teilweise umgesetzt</span>' in html
    assert "Gespeichert." in html
    assert "eintrag-formular" not in html
    assert ProgressEntry.objects.get().demand == demand


def test_htmx_post_from_a_row_with_errors_keeps_the_form_in_the_row(
    world: World, official_berlin: User
) -> None:
    demand = world.berlin_led
    data = {"land": "DE-BE", "fact_date": "2024-10-01", "text": ""}

    html = html_of(
        client_for(official_berlin).post(f"/forderungen/{demand.pk}/sachstand/zeile/", data, **HTMX)
    )

    assert f'id="eintrag-formular-{demand.pk}"' in html
    assert "Bitte beschreiben Sie den Sachstand." in html
    assert ProgressEntry.objects.count() == 0


# Bulk entry ---------------------------------------------------------------------------------


def test_bulk_entry_writes_one_entry_per_selected_demand(
    world: World, official_berlin: User
) -> None:
    client = client_for(official_berlin)

    response = client.post(BULK, bulk_data([world.berlin_led, world.berlin_co]))

    assert response.status_code == 303
    assert response["Location"] == TASKS
    entries = ProgressEntry.objects.order_by("demand_id")
    assert [e.demand for e in entries] == [world.berlin_led, world.berlin_co]
    assert {(e.land.code, e.author, e.on_behalf, e.source) for e in entries} == {
        ("DE-BE", official_berlin, False, Source.BULK)
    }
    assert "2 Sachstände gespeichert." in html_of(client.get(response["Location"]))


def test_bulk_entry_goes_back_to_the_filtered_list(world: World, official_berlin: User) -> None:
    response = client_for(official_berlin).post(
        f"{BULK}?federfuehrend=DE-BE", bulk_data([world.berlin_led])
    )

    assert response["Location"] == f"{TASKS}?federfuehrend=DE-BE"


def test_bulk_entry_with_a_link(world: World, official_berlin: User) -> None:
    data = bulk_data(
        [world.berlin_led, world.berlin_co],
        link_1_label="BGBl. 2024 I Nr. 300",
        link_1_url="https://www.recht.bund.de/bgbl/1/2024/300",
    )

    client_for(official_berlin).post(BULK, data)

    for entry in ProgressEntry.objects.all():
        assert [link.label for link in entry.links.all()] == ["BGBl. 2024 I Nr. 300"]


def test_bulk_entry_refuses_all_when_one_demand_is_not_the_users(
    world: World, official_berlin: User
) -> None:
    data = bulk_data([world.berlin_led, world.bayern_led])

    response = client_for(official_berlin).post(BULK, data)

    assert response.status_code == 403
    assert ProgressEntry.objects.count() == 0


def test_bulk_entry_refuses_an_unknown_demand(world: World, official_berlin: User) -> None:
    response = client_for(official_berlin).post(
        BULK, bulk_data([world.berlin_led], forderungen=["999999", str(world.berlin_led.pk)])
    )

    assert response.status_code == 403
    assert ProgressEntry.objects.count() == 0


def test_bulk_entry_refuses_a_forged_land(world: World, official_berlin: User) -> None:
    response = client_for(official_berlin).post(BULK, bulk_data([world.berlin_led], land="DE-HB"))

    assert response.status_code == 403
    assert ProgressEntry.objects.count() == 0


def test_secretariat_bulk_entry_is_on_behalf(world: World, secretariat: User) -> None:
    response = client_for(secretariat).post(
        BULK, bulk_data([world.berlin_led, world.bayern_led], land="DE-BY")
    )

    assert response.status_code == 303
    assert list(ProgressEntry.objects.values_list("on_behalf", flat=True)) == [True, True]


@pytest.mark.parametrize("persona", ["reader", "no_role"])
def test_it_refuses_bulk_entry_to(persona: str, world: World, request) -> None:  # type: ignore[no-untyped-def]
    client = client_for(request.getfixturevalue(persona))

    response = client.post(BULK, bulk_data([world.berlin_led]))

    assert response.status_code == 403
    assert client.post(BULK, {}).status_code == 403
    assert ProgressEntry.objects.count() == 0


def test_it_sends_anonymous_bulk_posts_to_the_login(world: World, anonymous: Client) -> None:
    response = anonymous.post(BULK, bulk_data([world.berlin_led]))

    assert response.status_code == 302
    assert ProgressEntry.objects.count() == 0


def test_bulk_entry_is_post_only(world: World, official_berlin: User) -> None:
    assert client_for(official_berlin).get(BULK).status_code == 405


def test_bulk_entry_without_selection_explains_and_writes_nothing(
    world: World, official_berlin: User
) -> None:
    response = client_for(official_berlin).post(BULK, bulk_data([]))

    assert response.status_code == 200
    assert "Bitte wählen Sie mindestens eine Forderung aus." in html_of(response)
    assert ProgressEntry.objects.count() == 0


def test_invalid_bulk_entry_keeps_the_selection_and_the_text(
    world: World, official_berlin: User
) -> None:
    data = bulk_data([world.berlin_co], link_1_label="Beleg", link_1_url="javascript:alert(1)")

    html = html_of(client_for(official_berlin).post(BULK, data))

    assert "Nur Adressen, die mit http:// oder https:// beginnen" in html
    assert re.search(
        rf'value="{world.berlin_co.pk}" id="auswahl-{world.berlin_co.pk}"[^>]*checked', html
    )
    assert not re.search(rf'id="auswahl-{world.berlin_led.pk}"[^>]*checked', html)
    assert "Mit dem Haushaltsgesetz 2025 umgesetzt.</textarea>" in html
    assert ProgressEntry.objects.count() == 0


def test_bulk_entry_writes_all_or_nothing(
    world: World, official_berlin: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_create = services._entry_append  # each entry of the bulk form
    calls = []

    def fail_on_second(**kwargs):  # type: ignore[no-untyped-def]
        calls.append(kwargs["demand"])
        if len(calls) == 2:
            raise RuntimeError("Datenbank weg")
        return real_create(**kwargs)

    monkeypatch.setattr(services, "_entry_append", fail_on_second)

    with pytest.raises(RuntimeError):
        client_for(official_berlin).post(BULK, bulk_data([world.berlin_led, world.berlin_co]))

    assert len(calls) == 2
    assert ProgressEntry.objects.count() == 0


def test_checkboxes_join_the_bulk_form_outside_the_table(
    world: World, official_berlin: User
) -> None:
    html = html_of(client_for(official_berlin).get(TASKS))

    row = row_of(html, world.berlin_led)
    assert (
        f'<input class="kern-form-check__checkbox" type="checkbox" name="forderungen" '
        f'value="{world.berlin_led.pk}" id="auswahl-{world.berlin_led.pk}" form="sammelerfassung"'
        in row
    )
    assert f'<label class="kern-label" for="auswahl-{world.berlin_led.pk}">' in row
    assert '<form id="sammelerfassung" method="post" action="/aufgaben/sammelerfassung/"' in html
    assert "<strong>Land:</strong> Berlin" in html


def test_full_text_search_works_on_the_task_list(world: World, secretariat: User) -> None:
    html = html_of(client_for(secretariat).get(TASKS, {"q": "Teilhabe"}))

    assert len(row_ids(html)) == 3
    assert "nach Relevanz geordnet" in html
