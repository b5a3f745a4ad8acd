"""Uploading minutes at /verwaltung/import/: preview, corrections, confirmation, and who may."""

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from beschluesse.importer.exchange import Minutes
from beschluesse.importer.write import conference_import
from beschluesse.models import AgendaItem, Conference, Demand, ImportRun, Resolution
from beschluesse.pending.models import PendingImport
from erfolgskontrolle.models import ProgressEntry
from intmk.models import User
from tests.beschluesse.test_import_keeps_followup import INSERTED, OLD_WORDING, clause
from tests.beschluesse.test_import_service import make_document
from tests.conftest import client_for
from tests.factories import make_entry

SEED = Path(settings.BASE_DIR) / "fixtures" / "19-intmk-2024-niederschrift.txt"
UPLOAD = "/verwaltung/import/"


def upload(client: Client, content: bytes | None = None, name: str = "niederschrift.txt") -> Any:
    file = SimpleUploadedFile(name, SEED.read_bytes() if content is None else content)
    return client.post(UPLOAD, {"file": file})


def pending_of(user: User) -> PendingImport:
    return PendingImport.objects.get(owner=user)


def clause_with_demands(pending: PendingImport, top: str) -> tuple[int, list[dict[str, Any]]]:
    resolution = next(r for r in pending.data["beschluesse"] if r["top"] == top)
    return next(
        (i, c["forderungen"]) for i, c in enumerate(resolution["ziffern"]) if c["forderungen"]
    )


@pytest.fixture
def admin(admin_user: User) -> Client:
    return client_for(admin_user)


@pytest.fixture
def uploaded(admin: Client, admin_user: User) -> PendingImport:
    response = upload(admin)
    assert response.status_code == 303
    return pending_of(admin_user)


def test_it_shows_the_preview_of_the_seed_and_writes_nothing(
    admin: Client, uploaded: PendingImport
) -> None:
    response = admin.get(f"{UPLOAD}{uploaded.pk}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Vorschau: 19. IntMK 2024" in page
    assert "TOP 3.3: Teilhabe von Neuzugewanderten mit Behinderungen verbessern" in page
    assert "TOP 3.7: Die Antragsteller weichen voneinander ab" in page  # a parser warning
    assert "Was angelegt würde" in page
    assert "Mecklenburg-Vorpommern" in page
    assert "Quelltext der Datei anzeigen" in page
    assert Conference.objects.count() == 0
    assert ImportRun.objects.count() == 0


def test_it_imports_the_corrected_data_in_the_name_of_the_admin(
    admin: Client, uploaded: PendingImport
) -> None:
    base = f"{UPLOAD}{uploaded.pk}"
    resolution = next(r for r in uploaded.data["beschluesse"] if r["top"] == "3.3")
    response = admin.post(
        f"{base}/top/3.3/",
        {
            "version": 0,
            "title": "Teilhabe Neuzugewanderter mit Behinderungen verbessern",
            "applicants": resolution["antragsteller"],
            "lead": resolution["federfuehrend"] or "",
            "vote": resolution["abstimmung"] or "",
            "consent_list": "on" if resolution["gruene_liste"] else "",
        },
    )
    assert response.status_code == 303
    assert response["Location"] == f"{base}/#top-3-3"
    clause, demands = clause_with_demands(pending_of(uploaded.owner), "3.3")
    removed = demands[0]
    response = admin.post(f"{base}/top/3.3/ziffer/{clause}/forderung/0/entfernen/", {"version": 1})
    assert response.status_code == 303
    response = admin.post(
        f"{base}/top/3.3/ziffer/{clause}/forderung/neu/",
        {
            "version": 2,
            "wording": "Die IntMK bittet das BAMF, Beratung barrierefrei anzubieten.",
            "kind": "bitte",
            "addressee": "BAMF",
            "level": "bund",
        },
    )
    assert response.status_code == 303

    response = admin.post(f"{base}/bestaetigen/")

    assert response.status_code == 303
    assert response["Location"] == "/konferenzen/19/"
    top = Resolution.objects.get(conference__number=19, top="3.3")
    assert top.title == "Teilhabe Neuzugewanderter mit Behinderungen verbessern"
    demands = Demand.objects.filter(clause__resolution=top)
    assert not demands.filter(wording=removed["wortlaut"], addressee=removed["adressat"]).exists()
    added = Demand.objects.get(
        wording="Die IntMK bittet das BAMF, Beratung barrierefrei anzubieten."
    )
    assert (added.kind, added.addressee, added.level) == ("bitte", "BAMF", "bund")
    run = ImportRun.objects.get()
    assert run.performed_by == "verwaltung"
    assert "Korrekturen in der Vorschau (3):" in run.report
    assert "TOP 3.3: Titel: Teilhabe von Neuzugewanderten" in run.report
    assert not PendingImport.objects.exists()
    page = admin.get("/konferenzen/19/").content.decode()
    assert "Die 19. IntMK wurde importiert" in page


def test_applicants_lead_vote_and_grune_liste_are_corrected_on_the_top_and_its_agenda_item(
    admin: Client, uploaded: PendingImport
) -> None:
    base = f"{UPLOAD}{uploaded.pk}"
    response = admin.post(
        f"{base}/top/3.7/",
        {
            "version": 0,
            "title": "Mikrozensus mehrsprachig gestalten",
            "applicants": ["DE-HH", "DE-NW", "DE-TH"],
            "lead": "DE-HH",
            "vote": "mehrheitlich",
            "consent_list": "on",
        },
    )
    assert response.status_code == 303

    admin.post(f"{base}/bestaetigen/")

    resolution = Resolution.objects.get(top="3.7")
    item = AgendaItem.objects.get(top="3.7")
    for row in (resolution, item):
        assert sorted(land.code for land in row.applicants.all()) == ["DE-HH", "DE-NW", "DE-TH"]
        assert (row.lead.code, row.consent_list) == ("DE-HH", True)
    assert resolution.vote == "mehrheitlich"


def test_the_secretariat_of_mv_2024_may_import_the_19th(secretariat: User) -> None:
    client = client_for(secretariat)

    preview = upload(client)["Location"]
    response = client.post(f"{preview}bestaetigen/")

    assert response.status_code == 303
    assert ImportRun.objects.get().performed_by == "sekretariat"
    assert client.post(f"{preview}bestaetigen/").status_code == 404  # confirmed once only


def test_it_refuses_the_19th_to_the_secretariat_of_ni_2025_and_stores_nothing(
    secretariat_ni: User,
) -> None:
    client = client_for(secretariat_ni)
    assert client.get(UPLOAD).status_code == 200

    response = upload(client)

    assert response.status_code == 403
    assert "nur die Niederschrift ihrer eigenen Konferenz" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_it_refuses_a_file_claiming_an_imported_conference_of_another_secretariat(
    secretariat: User,
) -> None:
    call_command("import_niederschrift", str(SEED), stdout=None)
    Conference.objects.filter(number=19).update(year=2023)  # now not MV 2024's conference

    response = upload(client_for(secretariat))

    assert response.status_code == 403


# The persona comes through getfixturevalue, so the mark tells pytest-django that the test needs
# the database (and orders it before the transactional tests, which leave the tables empty).
@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["official_berlin", "reader", "no_role"])
def test_it_refuses_officials_readers_and_users_without_role(
    persona: str, request: pytest.FixtureRequest
) -> None:
    client = client_for(request.getfixturevalue(persona))

    assert client.get(UPLOAD).status_code == 403
    assert upload(client).status_code == 403
    assert not PendingImport.objects.exists()


def test_it_sends_anonymous_visitors_to_the_login(anonymous: Client) -> None:
    response = anonymous.get(UPLOAD)

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


def test_nobody_else_sees_or_changes_a_pending_import(
    uploaded: PendingImport, secretariat: User
) -> None:
    other = client_for(secretariat)
    base = f"{UPLOAD}{uploaded.pk}"

    assert other.get(f"{base}/").status_code == 404
    assert (
        other.post(f"{base}/top/3.3/ziffer/0/", {"version": 0, "kind": "forderung"}).status_code
        == 404
    )
    assert other.post(f"{base}/bestaetigen/").status_code == 404
    assert other.post(f"{base}/verwerfen/").status_code == 404
    assert not Conference.objects.exists()
    assert PendingImport.objects.get().corrections == []


def test_an_expired_preview_is_gone(admin: Client, uploaded: PendingImport) -> None:
    PendingImport.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))

    assert admin.get(f"{UPLOAD}{uploaded.pk}/").status_code == 404


def test_a_broken_file_gives_a_german_error_and_stores_nothing(admin: Client) -> None:
    response = upload(admin, b"Dies ist keine Niederschrift.\n")

    assert response.status_code == 400
    page = response.content.decode()
    assert "Die Datei wurde nicht übernommen; es wurde nichts gespeichert." in page
    assert not PendingImport.objects.exists()
    assert not Conference.objects.exists()


def test_a_post_without_a_file_asks_for_one(admin: Client) -> None:
    response = admin.post(UPLOAD, {})

    assert response.status_code == 400
    assert "Bitte eine Datei auswählen." in response.content.decode()


def test_a_correction_is_checked_and_explained_in_german(
    admin: Client, uploaded: PendingImport
) -> None:
    response = admin.post(
        f"{UPLOAD}{uploaded.pk}/top/3.3/",
        {"version": 0, "title": "Titel", "applicants": ["DE-BE"], "lead": "DE-BY", "vote": ""},
    )

    assert response.status_code == 400
    html = response.content.decode()
    # the same message as on the curation page of a saved resolution (correction_fields)
    assert "Federführend kann nur ein Land sein, das unter den Antragstellern angekreuzt" in html
    assert pending_of(uploaded.owner).corrections == []


def test_a_form_from_an_older_state_of_the_preview_changes_nothing(
    admin: Client, uploaded: PendingImport
) -> None:
    clause, _ = clause_with_demands(uploaded, "3.3")
    base = f"{UPLOAD}{uploaded.pk}/top/3.3/ziffer/{clause}/forderung/0/entfernen/"
    assert admin.post(base, {"version": 0}).status_code == 303

    response = admin.post(base, {"version": 0})  # the same button again, from the old page

    assert response.status_code == 400
    assert "Die Vorschau wurde inzwischen geändert" in response.content.decode()
    assert len(pending_of(uploaded.owner).corrections) == 1


def test_a_reimport_preview_shows_what_the_modified_file_changes(
    admin: Client, admin_user: User
) -> None:
    call_command("import_niederschrift", str(SEED), stdout=None)
    text = SEED.read_text(encoding="utf-8").replace(
        "**Teilhabe von Neuzugewanderten mit Behinderungen verbessern**",
        "**Teilhabe von Neuzugewanderten mit Behinderung stärken**",
    )
    upload(admin, text.encode())

    page = admin.get(f"{UPLOAD}{pending_of(admin_user).pk}/").content.decode()

    assert "Was sich im Register ändern würde" in page
    changes = page.split('id="aenderungen"')[1].split('id="warnungen"')[0]
    assert "Geändert (" in changes
    assert "TOP 3.3" in changes
    assert Resolution.objects.get(top="3.3").title.endswith("Behinderungen verbessern")


def test_the_navigation_and_the_conference_page_offer_the_import_to_who_may(
    admin: Client, official_berlin: User
) -> None:
    call_command("import_niederschrift", str(SEED), stdout=None)

    assert (
        "Neue Fassung der Niederschrift importieren"
        in admin.get("/konferenzen/19/").content.decode()
    )
    assert f'href="{UPLOAD}"' in admin.get("/").content.decode()
    berlin = client_for(official_berlin)
    assert f'href="{UPLOAD}"' not in berlin.get("/konferenzen/19/").content.decode()


def test_a_refused_reimport_is_explained_and_a_decision_in_the_preview_lets_it_pass(
    admin: Client, admin_user: User, official_berlin: User
) -> None:
    conference_import(minutes=Minutes.from_json(make_document()))
    demand = Demand.objects.get(wording=OLD_WORDING)
    make_entry(demand=demand, author=official_berlin, land_code="DE-BE")
    other = "bittet die Bundesregierung, inklusive Kursformate für Menschen aufzulegen"
    document = make_document()
    ziffern = document["beschluesse"][0]["ziffern"]
    ziffern[1:] = [INSERTED, clause("3", f"Die IntMK {other}.", [other])]
    upload(admin, json.dumps(document).encode(), name="18-korrigiert.json")
    pending = pending_of(admin_user)

    page = admin.get(f"{UPLOAD}{pending.pk}/").content.decode()
    assert "So kann nicht importiert werden" in page
    assert f"Forderungs-ID {demand.pk}" in page
    assert "So geht es weiter" in page
    assert admin.post(f"{UPLOAD}{pending.pk}/bestaetigen/").status_code == 400
    refused = admin.post(f"{UPLOAD}{pending.pk}/entscheidungen/", {"version": 0, "reassign": "1x"})
    assert "Bitte nur Forderungs-IDs (Zahlen)" in refused.content.decode()

    response = admin.post(
        f"{UPLOAD}{pending.pk}/entscheidungen/", {"version": 0, "reassign": str(demand.pk)}
    )
    assert response.status_code == 303
    page = admin.get(f"{UPLOAD}{pending.pk}/").content.decode()
    assert "So kann nicht importiert werden" not in page
    assert admin.post(f"{UPLOAD}{pending.pk}/bestaetigen/").status_code == 303

    entry = ProgressEntry.objects.get()
    assert entry.demand_id == demand.pk
    assert entry.demand.wording.startswith("fordert den Bund auf, mehr Lehrkräfte")
    assert (
        f"dem neuen Wortlaut zugeordnet: keine → ID {demand.pk}"
        in ImportRun.objects.latest("pk").report
    )
