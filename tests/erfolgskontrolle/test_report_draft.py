"""The draft equals the database; editions equal the database at freeze time and never change."""

import hashlib
from collections import Counter

import pytest
from django.db import IntegrityError, connection, transaction

from erfolgskontrolle.models import (
    Edition,
    EditionFile,
    ProgressEntry,
    Publication,
)
from erfolgskontrolle.report import build, compiler
from erfolgskontrolle.report.services import edition_freeze, edition_publish
from intmk.models import User
from tests.conftest import client_for
from tests.erfolgskontrolle.report_world import ReportWorld, make_report_world
from tests.factories import (
    land,
    make_clause,
    make_conference,
    make_demand,
    make_entry,
    make_resolution,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(official_berlin: User, official_bayern: User) -> ReportWorld:
    return make_report_world(berlin=official_berlin, bayern=official_bayern)


def expected_categories(world: ReportWorld) -> Counter[str]:
    """The category of each demand's current state, read straight from the log."""
    counts: Counter[str] = Counter()
    for demand in (world.to_bund, world.to_laender, world.to_bmas):
        lead = demand.clause.resolution.lead
        newest = ProgressEntry.objects.filter(demand=demand, land=lead).newest_first().first()
        counts[newest.implementation.category if newest else "none"] += 1
    return counts


def test_it_counts_the_summary_from_the_log(world: ReportWorld) -> None:
    data = build.report_data(world.conference)

    summary = data["summary"]
    assert summary["total"] == 3
    assert {s["key"]: s["count"] for s in summary["by_category"] if s["count"]} == dict(
        expected_categories(world)
    )
    percents = {s["key"]: s["percent"] for s in summary["by_category"]}
    assert percents["done"] == percents["begun"] == percents["none"] == 33.3
    assert [ref["id"] for ref in summary["without_entry"]] == [world.to_laender.pk]
    assert {row["label"]: row["total"] for row in summary["by_addressee"]} == {
        "Bund": 1,
        "Länder": 1,
        "BMAS": 1,
    }
    assert [row["label"] for row in summary["by_lead"]] == ["Bayern", "Berlin"]


def test_it_shows_the_lead_lands_entry_as_state_and_others_as_contributions(
    world: ReportWorld,
) -> None:
    data = build.report_data(world.conference)

    assert [r["top"] for r in data["resolutions"]] == ["2", "3.3"]
    top33 = data["resolutions"][1]
    assert top33["dissent_notes"] == [{"land": "Bayern", "text": "Bayern enthält sich."}]
    demand = top33["demands"][0]
    assert demand["fundstelle"] == "TOP 3.3 Ziffer 3 (Zeilen 12–15)"
    assert demand["assessment"] is not None
    assert demand["assessment"]["land"] == "Berlin"
    assert demand["assessment"]["implementation"] == "in Umsetzung"
    assert demand["assessment"]["links"] == [
        {"label": "BT-Drs. 20/1234", "url": "https://www.bundestag.de/drucksache"}
    ]
    assert [c["land"] for c in demand["contributions"]] == ["Bayern"]


def test_the_draft_page_shows_the_shares_and_every_top(world: ReportWorld, reader: User) -> None:
    response = client_for(reader).get("/erfolgskontrolle/19/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "33,3\u00a0% umgesetzt, 33,3\u00a0% begonnen, 33,3\u00a0% ohne Sachstand" in page
    assert "TOP 2 Leitantrag: Miteinander wachsen" in page
    assert "Referentenentwurf liegt vor." in page
    assert "<details" in page and "Bayern sieht Klärungsbedarf." in page


def test_the_report_of_the_19th_is_compiled_by_the_chair_after_mecklenburg_vorpommern(
    world: ReportWorld,
) -> None:
    responsible = compiler.compiler_of(world.conference)

    assert responsible is not None
    assert (responsible.land.code, responsible.year) == ("DE-NI", 2025)


def test_the_chair_of_the_next_conference_in_the_database_compiles(world: ReportWorld) -> None:
    make_conference(number=20, year=2025, chair="DE-HH")

    responsible = compiler.compiler_of(world.conference)

    assert responsible is not None
    assert (responsible.land.code, responsible.year) == ("DE-HH", 2025)


def test_thueringen_is_followed_by_baden_wuerttemberg() -> None:
    assert compiler.next_chair(land("DE-TH")).code == "DE-BW"


def test_an_edition_equals_the_database_at_freeze_time(
    world: ReportWorld, secretariat_ni: User
) -> None:
    response = client_for(secretariat_ni).post("/erfolgskontrolle/19/festschreiben/")

    assert response.status_code == 303
    edition = Edition.objects.get(conference=world.conference)
    assert response["Location"] == "/erfolgskontrolle/19/ausgaben/1/"
    assert edition.number == 1 and edition.frozen_by == secretariat_ni
    rebuilt = build.report_data(
        world.conference, edition=1, frozen_by=secretariat_ni, now=edition.frozen_at
    )
    assert edition.data == rebuilt
    for stored in edition.files.all():
        assert stored.sha256 == hashlib.sha256(bytes(stored.content)).hexdigest()
        assert stored.size == len(bytes(stored.content))
    assert {f.format for f in edition.files.all()} >= {"html", "pdf"}


def test_an_entry_after_freezing_changes_the_draft_but_not_the_edition(
    world: ReportWorld, secretariat_ni: User, official_berlin: User
) -> None:
    client = client_for(secretariat_ni)
    client.post("/erfolgskontrolle/19/festschreiben/")
    before = client.get("/erfolgskontrolle/19/ausgaben/1/bericht.html")
    stored_before = {f.format: f.sha256 for f in EditionFile.objects.all()}

    make_entry(
        demand=world.to_laender,
        author=official_berlin,
        land_code="DE-BE",
        implementation="umgesetzt",
        text="Alle Beratungsstellen sind besetzt.",
    )

    assert (
        "Alle Beratungsstellen sind besetzt."
        in client.get("/erfolgskontrolle/19/").content.decode()
    )
    after = client.get("/erfolgskontrolle/19/ausgaben/1/bericht.html")
    assert after.content == before.content
    assert b"Alle Beratungsstellen" not in after.content
    assert {f.format: f.sha256 for f in EditionFile.objects.all()} == stored_before
    assert (
        "Alle Beratungsstellen"
        not in client.get("/erfolgskontrolle/19/ausgaben/1/").content.decode()
    )


def test_the_next_edition_lists_what_differs(
    world: ReportWorld, secretariat_ni: User, official_berlin: User
) -> None:
    edition_freeze(conference=world.conference, frozen_by=secretariat_ni)
    make_entry(demand=world.to_laender, author=official_berlin, implementation="umgesetzt")

    second = edition_freeze(conference=world.conference, frozen_by=secretariat_ni)

    assert second.number == 2
    assert "TOP 3.3 Ziffer 4: neuer Sachstand von Berlin (umgesetzt, in Prüfung)." in (
        second.differences
    )
    moved = second.data["changes"]["moved"]
    assert [(m["demand"]["id"], m["axis"], m["before"], m["now"]) for m in moved][0] == (
        world.to_laender.pk,
        "Umsetzung",
        "",
        "umgesetzt",
    )


@pytest.mark.parametrize("model", [Edition, EditionFile, Publication])
def test_the_database_refuses_to_update_or_delete_editions(
    world: ReportWorld, secretariat_ni: User, model: type
) -> None:
    edition = edition_freeze(conference=world.conference, frozen_by=secretariat_ni)
    edition_publish(edition=edition, published_by=secretariat_ni)
    table = model._meta.db_table

    # Plain SQL, as a bug or a shell session might: the trigger refuses, not the ORM.
    for statement in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}"):
        with (
            pytest.raises(IntegrityError, match="nie geändert"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    assert model.objects.count() >= 1


# Session, user, roles, the report's data (about 15, report/build.py), editions, may_compile.
QUERIES = 21


def test_the_draft_needs_a_constant_number_of_queries(
    official_berlin: User, official_bayern: User, reader: User, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    world = make_report_world(berlin=official_berlin, bayern=official_bayern)
    client = client_for(reader)
    client.get("/erfolgskontrolle/19/")  # session and roles
    with django_assert_max_num_queries(QUERIES):
        client.get("/erfolgskontrolle/19/")
    for top in ("4.1", "4.2", "5.1", "6.1", "6.2"):
        resolution = make_resolution(conference=world.conference, top=top, lead="DE-HE")
        for number in ("1", "2", "3"):
            demand = make_demand(clause=make_clause(resolution=resolution, number=number))
            for code in ("DE-HE", "DE-BE", "DE-BY"):
                make_entry(demand=demand, author=official_berlin, land_code=code)
                make_entry(demand=demand, author=official_berlin, land_code=code)
    with django_assert_max_num_queries(QUERIES):
        response = client.get("/erfolgskontrolle/19/")
    assert response.content.decode().count("report-demand") >= 18
