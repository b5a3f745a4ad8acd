"""Curators correct imported resolutions in the browser and confirm them ("geprüft"), through
HTTP: the secretariat of the conference and admins may, everyone else is refused."""

import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from beschluesse import access, services
from beschluesse.curation import CurationForm
from beschluesse.models import Demand, Kind, Level, Resolution, Vote
from tests.conftest import client_for
from tests.factories import (
    land,
    make_agenda_item,
    make_clause,
    make_demand,
    make_entry,
    make_resolution,
)

pytestmark = pytest.mark.django_db

EDIT = "/konferenzen/19/top/3.3/bearbeiten/"
PAGE = "/konferenzen/19/top/3.3/"
REVIEW = "/konferenzen/19/top/3.3/geprueft/"
QUEUE = "/verwaltung/pruefen/19/"
SEED = Path(settings.BASE_DIR) / "fixtures" / "19-intmk-2024-niederschrift.txt"


@pytest.fixture
def resolution_33(conference_19) -> Resolution:  # type: ignore[no-untyped-def]
    item = make_agenda_item(conference=conference_19, top="3.3", applicants=("DE-BE", "DE-HB"))
    resolution = make_resolution(
        conference=conference_19,
        top="3.3",
        title="Teilhabe von Neuzugewanderten mit Behinderung verbessern",
        agenda_item=item,
        vote=Vote.MAJORITY,
        applicants=("DE-BE", "DE-HB"),
        lead="DE-BE",
    )
    clause = make_clause(
        resolution=resolution,
        number="2",
        text="Die IntMK appelliert an den Bund, Hilfsmittel zu schaffen.",
        kind=Kind.BITTE,
    )
    make_demand(
        clause=clause,
        addressee="Bund",
        kind=Kind.BITTE,
        wording="appelliert an den Bund, Hilfsmittel zu schaffen",
    )
    return resolution


def form_data(resolution: Resolution, **changes: Any) -> dict[str, Any]:
    """The edit form as the page offers it, with `changes` on top."""
    shown = access.resolution_for_view(resolution.conference.number, resolution.top)
    data: dict[str, Any] = {
        "stand": CurationForm(shown).stand,
        "title": resolution.title,
        "applicants": [str(pk) for pk in resolution.applicants.values_list("pk", flat=True)],
        "lead": str(resolution.lead_id or ""),
        "vote": resolution.vote,
    }
    if resolution.consent_list:
        data["consent_list"] = "on"
    for clause in resolution.clauses.all():
        data[f"ziffer-{clause.pk}-kind"] = clause.kind
        data[f"neu-{clause.pk}-wording"] = ""
        data[f"neu-{clause.pk}-kind"] = Kind.FORDERUNG
        data[f"neu-{clause.pk}-addressee"] = ""
        data[f"neu-{clause.pk}-level"] = Level.BUND
        for demand in clause.demands.all():
            data[f"forderung-{demand.pk}-kind"] = demand.kind
            data[f"forderung-{demand.pk}-addressee"] = demand.addressee
            data[f"forderung-{demand.pk}-level"] = demand.level
    data.update(changes)
    return data


def only_demand(resolution: Resolution) -> Demand:
    return Demand.objects.get(clause__resolution=resolution)


def test_it_lets_the_secretariat_correct_title_lead_and_demand_kind(secretariat, resolution_33):
    demand = only_demand(resolution_33)
    client = client_for(secretariat)

    assert client.get(EDIT).status_code == 200
    response = client.post(
        EDIT,
        form_data(
            resolution_33,
            title="Teilhabe von Neuzugewanderten mit Behinderungen verbessern",
            lead=str(land("DE-HB").pk),
            **{f"forderung-{demand.pk}-kind": Kind.FORDERUNG},
        ),
    )

    assert response.status_code == 303 and response["Location"] == PAGE
    html = client.get(PAGE).content.decode()
    assert "Neuzugewanderten mit Behinderungen verbessern" in html
    assert "Berlin, <strong>Bremen</strong> (federführend)" in html
    assert '<span class="demand__kind">Forderung</span> an <strong>Bund</strong>' in html
    # The history: who, and what stood there before.
    record = Resolution.history.filter(id=resolution_33.pk).first()
    assert record.history_user == secretariat
    assert record.prev_record.title == "Teilhabe von Neuzugewanderten mit Behinderung verbessern"
    demand_record = Demand.history.filter(id=demand.pk).first()
    assert demand_record.history_user == secretariat
    assert demand_record.prev_record.kind == Kind.BITTE
    assert "Änderungsverlauf" in html and "Sina Sekretariat: Korrektur im Register" in html
    before = '<span class="history__before"><span class="kern-sr-only">vorher </span>Berlin</span>'
    assert f"Federführend {before}" in html
    assert "Ziffer 2, Forderung an Bund: Art" in html and "Bitte / Appell" in html


def test_the_resolution_page_links_the_edit_page_only_for_curators(
    anonymous, secretariat, secretariat_ni, admin_user, resolution_33
):
    for user in (secretariat, admin_user):
        html = client_for(user).get(PAGE).content.decode()
        assert f'href="{EDIT}"' in html and "Änderungsverlauf" in html
    for client in (anonymous, client_for(secretariat_ni)):
        html = client.get(PAGE).content.decode()
        assert EDIT not in html and "Änderungsverlauf" not in html


@pytest.mark.parametrize("persona", ["secretariat_ni", "official_berlin", "reader"])
def test_it_refuses_everyone_who_does_not_manage_the_conference(
    request: pytest.FixtureRequest, persona: str, resolution_33
):
    client = client_for(request.getfixturevalue(persona))
    demand = only_demand(resolution_33)

    assert client.get(EDIT).status_code == 403
    assert client.post(EDIT, form_data(resolution_33, title="Gefälscht")).status_code == 403
    assert client.post(REVIEW).status_code == 403
    assert client.get(QUEUE).status_code == 403

    resolution_33.refresh_from_db()
    assert resolution_33.title == "Teilhabe von Neuzugewanderten mit Behinderung verbessern"
    assert resolution_33.reviewed_at is None
    assert Demand.objects.get(pk=demand.pk).kind == Kind.BITTE


def test_anonymous_is_sent_to_the_login_and_nothing_changes(anonymous: Client, resolution_33):
    for response in (
        anonymous.get(EDIT),
        anonymous.post(EDIT, form_data(resolution_33, title="Gefälscht")),
        anonymous.post(REVIEW),
        anonymous.get(QUEUE),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/anmelden/?next=")
    resolution_33.refresh_from_db()
    assert resolution_33.title.startswith("Teilhabe") and resolution_33.reviewed_at is None


def test_unknown_resolution_is_not_found(secretariat, resolution_33):
    assert client_for(secretariat).get("/konferenzen/19/top/9.9/bearbeiten/").status_code == 404
    assert client_for(secretariat).get("/verwaltung/pruefen/18/").status_code == 404


def test_a_lead_outside_the_applicants_is_refused_in_german(secretariat, resolution_33):
    response = client_for(secretariat).post(
        EDIT, form_data(resolution_33, title="Neu", lead=str(land("DE-BY").pk))
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Es wurde nichts gespeichert." in html
    assert "Federführend kann nur ein Land sein, das unter den Antragstellern angekreuzt" in html
    resolution_33.refresh_from_db()
    assert resolution_33.title.startswith("Teilhabe") and resolution_33.lead == land("DE-BE")


def test_removing_a_demand_with_a_sachstand_is_refused(secretariat, official_berlin, resolution_33):
    demand = only_demand(resolution_33)
    make_entry(demand=demand, author=official_berlin)

    response = client_for(secretariat).post(
        EDIT, form_data(resolution_33, title="Neu", **{f"forderung-{demand.pk}-remove": "on"})
    )

    assert response.status_code == 200
    assert (
        "An diesen Forderungen hängen Sachstände der Erfolgskontrolle" in response.content.decode()
    )
    assert Demand.objects.filter(pk=demand.pk).exists()
    resolution_33.refresh_from_db()
    assert resolution_33.title.startswith("Teilhabe")  # one transaction: nothing else either


def test_a_demand_without_sachstand_is_removed_and_a_missed_one_added(secretariat, resolution_33):
    demand = only_demand(resolution_33)
    clause = demand.clause

    response = client_for(secretariat).post(
        EDIT,
        form_data(
            resolution_33,
            **{
                f"forderung-{demand.pk}-remove": "on",
                f"neu-{clause.pk}-wording": "den Bund, Hilfsmittel zu schaffen",
                f"neu-{clause.pk}-kind": Kind.BITTE,
                f"neu-{clause.pk}-addressee": "BMAS",
                f"neu-{clause.pk}-level": Level.BUND,
            },
        ),
    )

    assert response.status_code == 303
    (added,) = Demand.objects.filter(clause=clause)
    assert (added.addressee, added.kind, added.position) == ("BMAS", Kind.BITTE, 1)
    html = client_for(secretariat).get(PAGE).content.decode()
    assert "Ziffer 2, Forderung an Bund: entfernt" in html
    assert "Ziffer 2, Forderung an BMAS: hinzugefügt" in html


def test_a_demand_cannot_become_a_statement_as_in_the_import_preview(secretariat, resolution_33):
    demand = only_demand(resolution_33)

    response = client_for(secretariat).post(
        EDIT, form_data(resolution_33, **{f"forderung-{demand.pk}-kind": Kind.FESTSTELLUNG})
    )

    assert response.status_code == 200
    assert "Forderungen sind Forderung, Prüfbitte, Bitte/Appell" in response.content.decode()
    demand.refresh_from_db()
    assert demand.kind != Kind.FESTSTELLUNG


def test_a_new_demand_needs_its_addressee(secretariat, resolution_33):
    clause = only_demand(resolution_33).clause
    response = client_for(secretariat).post(
        EDIT, form_data(resolution_33, **{f"neu-{clause.pk}-wording": "den Bund zu handeln"})
    )
    assert response.status_code == 200
    assert "Bitte nennen Sie den Adressaten der neuen Forderung." in response.content.decode()
    assert Demand.objects.filter(clause=clause).count() == 1


def test_applicants_change_is_in_the_history(secretariat, resolution_33):
    codes = ("DE-BE", "DE-HB", "DE-SH")
    applicants = [str(land(code).pk) for code in codes]
    client = client_for(secretariat)
    assert client.post(EDIT, form_data(resolution_33, applicants=applicants)).status_code == 303

    assert set(resolution_33.applicants.values_list("code", flat=True)) == set(codes)
    html = client.get(PAGE).content.decode()
    assert "Beschluss: Antragsteller" in html and "Berlin, Bremen, Schleswig-Holstein" in html


def test_mark_reviewed_changes_the_badge_and_shrinks_the_queue(
    anonymous: Client, secretariat, conference_19, resolution_33
):
    make_resolution(conference=conference_19, top="3.4", title="Anderes Thema")
    client = client_for(secretariat)
    assert "maschinell erkannt" in anonymous.get(PAGE).content.decode()
    assert "maschinell erkannt" in anonymous.get("/forderungen/").content.decode()
    queue = client.get(QUEUE).content.decode()
    assert "TOP 3.3" in queue or ">3.3<" in queue
    assert "Anderes Thema" in queue and f'href="{EDIT}"' in queue

    response = client.post(REVIEW)

    assert response.status_code == 303 and response["Location"] == PAGE
    resolution_33.refresh_from_db()
    assert resolution_33.reviewed_by == secretariat
    public = anonymous.get(PAGE).content.decode()
    assert "maschinell erkannt" not in public and "geprüft am" in public
    assert "Sina Sekretariat" not in public  # the public register names no persons
    own = client.get(PAGE).content.decode()
    assert "von Sina Sekretariat" in own and "Sina Sekretariat: Als geprüft markiert" in own
    assert "Als geprüft markieren</span></button>" not in own
    assert "maschinell erkannt" not in anonymous.get("/forderungen/").content.decode()
    queue = client.get(QUEUE).content.decode()
    assert f'href="{EDIT}"' not in queue and "Anderes Thema" in queue
    assert client.get("/konferenzen/19/").content.decode().count(QUEUE) == 1


def test_the_review_mark_takes_only_post(secretariat, resolution_33):
    assert client_for(secretariat).get(REVIEW).status_code == 405


def test_a_reimport_that_changes_a_reviewed_resolution_clears_its_mark(secretariat, tmp_path: Path):
    call_command("import_niederschrift", str(SEED), stdout=StringIO())
    client = client_for(secretariat)
    for top in ("3.3", "3.2"):
        assert client.post(f"/konferenzen/19/top/{top}/geprueft/").status_code == 303
    text = SEED.read_text(encoding="utf-8")
    assert text.count("Krankenversicherung einschränken.") == 1  # TOP 3.3, Ziffer 3
    changed = tmp_path / "niederschrift.txt"
    changed.write_text(
        text.replace("Krankenversicherung einschränken.", "Krankenversicherung erschweren."),
        encoding="utf-8",
    )

    call_command("import_niederschrift", str(SEED), stdout=StringIO())  # unchanged: kept
    assert Resolution.objects.get(top="3.3").reviewed_at is not None
    out = StringIO()
    call_command("import_niederschrift", str(changed), stdout=out)

    assert "Prüfvermerk aufgehoben" in out.getvalue()
    assert Resolution.objects.get(top="3.3").reviewed_at is None
    assert Resolution.objects.get(top="3.2").reviewed_at is not None
    html = client.get("/konferenzen/19/top/3.3/").content.decode()
    assert "maschinell erkannt" in html and "Import: Prüfvermerk durch Import aufgehoben" in html


def test_resolution_page_queries_stay_constant_for_curators(secretariat, resolution_33):
    for n in range(3, 9):
        clause = make_clause(resolution=resolution_33, number=str(n), text=f"Text {n}")
        make_demand(clause=clause, wording=f"Forderung {n}")
    client = client_for(secretariat)

    def correct_and_count(title: str) -> int:
        resolution = Resolution.objects.get(pk=resolution_33.pk)
        data = form_data(resolution, title=title)
        for demand in Demand.objects.filter(clause__resolution=resolution):
            data[f"forderung-{demand.pk}-addressee"] = f"{demand.addressee} {title}"
        assert client.post(EDIT, data).status_code == 303
        with CaptureQueriesContext(connection) as queries:
            response = client.get(PAGE)
        assert response.status_code == 200
        return len(queries)

    first = correct_and_count("Eins")
    assert correct_and_count("Zwei") == first
    assert correct_and_count("Drei") == first


def test_a_correction_of_rows_gone_meanwhile_is_refused(secretariat, resolution_33):
    demand = only_demand(resolution_33)
    correction = services.ResolutionCorrection(
        title="Neu",
        applicants=frozenset(resolution_33.applicants.all()),
        lead=resolution_33.lead,
        vote=resolution_33.vote,
        consent_list=False,
        demands={demand.pk + 1000: services.DemandCorrection("forderung", "Bund", "bund")},
    )
    with pytest.raises(services.CurationRefused, match="inzwischen geändert"):
        services.resolution_correct(
            resolution=resolution_33, user=secretariat, correction=correction
        )
    resolution_33.refresh_from_db()
    assert resolution_33.title.startswith("Teilhabe")


def test_edit_page_and_review_queue_need_the_same_queries_for_more_rows(
    secretariat, conference_19, resolution_33
):
    client = client_for(secretariat)
    client.get("/")  # the browser's CSRF cookie, as after any first page

    def counts() -> tuple[int, int]:
        result = []
        for url in (EDIT, QUEUE):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result[0], result[1]

    few = counts()
    for n in range(3, 12):
        clause = make_clause(resolution=resolution_33, number=str(n), text=f"Text {n}")
        make_demand(clause=clause, wording=f"Forderung {n}")
        make_demand(clause=clause, wording=f"Bitte {n}", kind=Kind.BITTE)
        make_resolution(conference=conference_19, top=f"4.{n}", title=f"Beschluss {n}")

    assert counts() == few


def test_a_resolution_led_by_the_chair_without_applicants_can_be_corrected(
    secretariat, conference_19
):
    """TOP 1.1 (Grüne Liste): the importer gives the chair the lead, with no applicants; the
    same rule as in the import preview lets a curator correct its title."""
    green_list = make_resolution(
        conference=conference_19, top="1.1", title="Grüne Liste", applicants=(), lead="DE-MV"
    )

    response = client_for(secretariat).post(
        "/konferenzen/19/top/1.1/bearbeiten/", form_data(green_list, title="Grüne Liste (TOP 1.1)")
    )

    assert response.status_code == 303
    green_list.refresh_from_db()
    assert green_list.title == "Grüne Liste (TOP 1.1)" and green_list.lead == land("DE-MV")


def test_two_curators_at_once_the_second_sees_the_first_ones_change_instead_of_undoing_it(
    secretariat, admin_user, resolution_33
):
    first, second = client_for(secretariat), client_for(admin_user)
    stand = re.search(r'name="stand" value="([^"]+)"', second.get(EDIT).content.decode())
    assert stand
    page_of_second = form_data(resolution_33) | {"stand": stand.group(1)}
    assert first.post(EDIT, form_data(resolution_33, title="Neuer Titel")).status_code == 303

    demand = only_demand(resolution_33)
    response = second.post(EDIT, page_of_second | {f"forderung-{demand.pk}-kind": Kind.FORDERUNG})

    assert response.status_code == 200
    assert "Inzwischen wurde dieser Beschluss geändert" in response.content.decode()
    assert "Neuer Titel" in response.content.decode()  # the page shows the new state
    resolution_33.refresh_from_db()
    assert resolution_33.title == "Neuer Titel"
    assert Demand.objects.get(pk=demand.pk).kind == Kind.BITTE  # nothing of the second written
