"""The import writes an exchange document all-or-nothing, in place, and says what it did.

These tests feed JSON exchange documents through the management command, the way an
administrator re-imports a corrected export.
"""

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from beschluesse import services
from beschluesse.importer.errors import NiederschriftError
from beschluesse.models import Clause, Conference, Demand, ImportRun, Reference, Resolution


def make_document(*, number: int = 18, top: str = "2.3", references: Any = ()) -> dict[str, Any]:
    """A small but complete exchange document: one agenda item with one resolution."""
    return {
        "konferenz": {
            "nummer": number,
            "jahr": 2005 + number,
            "ort": "Wiesbaden",
            "beginn": "2023-04-26",
            "ende": "2023-04-27",
            "vorsitz": "DE-HE",
            "motto": "",
        },
        "tagesordnung": [
            {
                "top": top,
                "titel": "Sprachkurse für Menschen mit kognitiven Einschränkungen",
                "gruppe": "Sprachförderung",
                "antragsteller": ["DE-BE", "DE-HB"],
                "federfuehrend": "DE-BE",
                "gruene_liste": False,
            }
        ],
        "beschluesse": [
            {
                "top": top,
                "titel": "Sprachkurse für Menschen mit kognitiven Einschränkungen",
                "abstimmung": "einstimmig",
                "gruene_liste": False,
                "antragsteller": ["DE-BE", "DE-HB"],
                "federfuehrend": "DE-BE",
                "berichterstatter": None,
                "zeilen": 6,
                "ziffern": [
                    {
                        "nummer": "1",
                        "zeile_von": 1,
                        "zeile_bis": 3,
                        "text": "Die IntMK stellt fest, dass Angebote fehlen.",
                        "art": "feststellung",
                        "forderungen": [],
                    },
                    {
                        "nummer": "2",
                        "zeile_von": 4,
                        "zeile_bis": 6,
                        "text": "Die IntMK fordert den Bund auf, Sprachkurse zu entwickeln.",
                        "art": "forderung",
                        "forderungen": [
                            {
                                "adressat": "Bund",
                                "ebene": "bund",
                                "art": "forderung",
                                "wortlaut": "fordert den Bund auf, Sprachkurse zu entwickeln",
                            }
                        ],
                    },
                ],
                "protokollnotizen": [],
                "verweise": list(references),
            }
        ],
        "warnungen": [],
    }


def run_import(tmp_path: Path, document: dict[str, Any], *args: str) -> str:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    call_command("import_niederschrift", str(path), *args, stdout=out)
    return out.getvalue()


def table_counts() -> tuple[int, ...]:
    return (
        Conference.objects.count(),
        Resolution.objects.count(),
        Clause.objects.count(),
        Demand.objects.count(),
    )


@pytest.mark.django_db
def test_it_creates_the_conference_and_reports_what_it_created(tmp_path: Path) -> None:
    output = run_import(tmp_path, make_document())

    assert table_counts() == (1, 1, 2, 1)
    assert "Neu angelegt" in output
    assert "Beschlüsse: TOP 2.3" in output
    assert "Tagesordnung: TOP 2.3" in output
    demand = Demand.objects.get()
    assert (demand.addressee, demand.level, demand.kind) == ("Bund", "bund", "forderung")


@pytest.mark.django_db
def test_importing_the_same_document_twice_changes_nothing(tmp_path: Path) -> None:
    run_import(tmp_path, make_document())
    ids_before = sorted(Demand.objects.values_list("id", flat=True))
    imported_at = Conference.objects.get().imported_at

    output = run_import(tmp_path, make_document())

    assert "Keine Änderungen" in output
    assert sorted(Demand.objects.values_list("id", flat=True)) == ids_before
    assert Conference.objects.get().imported_at == imported_at


@pytest.mark.django_db
def test_a_corrected_document_updates_in_place_and_reports_the_difference(
    tmp_path: Path,
) -> None:
    run_import(tmp_path, make_document())
    demand_id = Demand.objects.get().id
    corrected = make_document()
    corrected["beschluesse"][0]["ziffern"][1]["text"] = "Die IntMK fordert den Bund erneut auf."
    corrected["beschluesse"][0]["ziffern"][1]["forderungen"][0]["wortlaut"] = (
        "fordert den Bund auf, barrierefreie Sprachkurse zu entwickeln"
    )
    corrected["beschluesse"][0]["abstimmung"] = "mehrheitlich"

    output = run_import(tmp_path, corrected)

    assert "Geändert" in output
    # the changed words with a little context, before → after
    assert (
        "Ziffer 2 (Text): „… fordert den Bund auf, Sprachkurse zu entwickeln.“ → "
        "„… fordert den Bund erneut auf.“"
    ) in output
    assert (
        "Ziffer 2: Forderung 1 (Wortlaut): „… den Bund auf, Sprachkurse zu entwickeln“ → "
        "„… den Bund auf, barrierefreie Sprachkurse zu entwickeln“"
    ) in output
    assert "Abstimmung" in output
    assert Demand.objects.get().id == demand_id  # what hangs on the demand survives
    assert Resolution.objects.get().vote == "mehrheitlich"


@pytest.mark.django_db
def test_renumbered_clauses_are_updated_without_a_collision(tmp_path: Path) -> None:
    run_import(tmp_path, make_document())
    swapped = make_document()
    clauses = swapped["beschluesse"][0]["ziffern"]
    clauses[0]["nummer"], clauses[1]["nummer"] = "2", "1"

    run_import(tmp_path, swapped)

    assert list(Clause.objects.order_by("position").values_list("number", flat=True)) == [
        "2",
        "1",
    ]


@pytest.mark.django_db
def test_a_dry_run_reports_but_writes_nothing(tmp_path: Path) -> None:
    output = run_import(tmp_path, make_document(), "--dry-run")

    assert "Probelauf" in output
    assert "Neu angelegt" in output
    assert table_counts() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_a_document_with_an_error_is_refused_in_german_and_writes_nothing(
    tmp_path: Path,
) -> None:
    run_import(tmp_path, make_document())
    broken = make_document()
    broken["beschluesse"][0]["ziffern"][1]["text"] = "Geändert, aber das Dokument ist fehlerhaft."
    broken["beschluesse"][0]["ziffern"][1]["forderungen"][0]["ebene"] = "europa"
    broken["beschluesse"][0]["antragsteller"] = ["DE-XX"]

    with pytest.raises(CommandError) as excinfo:
        run_import(tmp_path, broken)

    message = str(excinfo.value)
    assert "nichts wurde gespeichert" in message
    assert "beschluesse[0].ziffern[1].forderungen[0].ebene: unbekannter Wert 'europa'" in message
    assert "unbekannter Landescode 'DE-XX'" in message
    assert Clause.objects.get(number="2").text.startswith("Die IntMK fordert den Bund auf")


@pytest.mark.django_db
def test_a_failure_halfway_through_rolls_back_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail_after_the_rows_are_written() -> int:
        assert Resolution.objects.exists()
        raise NiederschriftError("Absichtlicher Fehler nach dem Schreiben.")

    monkeypatch.setattr(services, "references_link", fail_after_the_rows_are_written)

    with pytest.raises(CommandError, match="Absichtlicher Fehler"):
        run_import(tmp_path, make_document())

    assert table_counts() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_a_reference_is_linked_when_the_earlier_conference_arrives_later(
    tmp_path: Path,
) -> None:
    later = make_document(
        number=19, top="3.3", references=[{"konferenz": 18, "top": "2.3", "ziffer": None}]
    )
    run_import(tmp_path, later)
    reference = Reference.objects.get()
    assert reference.target is None

    run_import(tmp_path, make_document(number=18, top="2.3"))

    reference.refresh_from_db()
    assert reference.target == Resolution.objects.get(conference__number=18, top="2.3")


def test_an_unreadable_path_is_reported_in_german(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="kann nicht gelesen werden"):
        call_command("import_niederschrift", str(tmp_path / "fehlt.txt"))


@pytest.mark.django_db
def test_a_clause_inserted_in_the_middle_keeps_the_identity_of_the_demands_after_it(
    tmp_path: Path,
) -> None:
    run_import(tmp_path, make_document())
    demand_id = Demand.objects.get().id
    inserted = make_document()
    clauses = inserted["beschluesse"][0]["ziffern"]
    clauses.insert(
        1,
        {
            "nummer": "2",
            "zeile_von": 4,
            "zeile_bis": 4,
            "text": "Die IntMK begrüßt die Initiative.",
            "art": "begruessung",
            "forderungen": [],
        },
    )
    clauses[2]["nummer"], clauses[2]["zeile_von"], clauses[2]["zeile_bis"] = "3", 5, 7

    output = run_import(tmp_path, inserted)

    demand = Demand.objects.get()
    assert demand.id == demand_id
    assert demand.clause.number == "3"
    assert "Ziffer 2 (neu)" in output
    assert "entfernt" not in output


@pytest.mark.django_db
def test_a_removed_demand_is_deleted_and_reported(tmp_path: Path) -> None:
    run_import(tmp_path, make_document())
    fewer = make_document()
    fewer["beschluesse"][0]["ziffern"][1]["forderungen"] = []

    output = run_import(tmp_path, fewer)

    assert Demand.objects.count() == 0
    assert "Ziffer 2: Forderung an Bund: „" in output and "“ entfernt" in output


@pytest.mark.django_db
def test_a_source_without_a_known_top_is_refused_unless_removal_is_asked_for(
    tmp_path: Path,
) -> None:
    document = make_document()
    second = json.loads(json.dumps(document["beschluesse"][0]))
    second["top"] = "2.4"
    document["beschluesse"].append(second)
    run_import(tmp_path, document)
    cut_off = make_document()  # as if the file ended before TOP 2.4

    with pytest.raises(CommandError, match=r"nicht mehr: TOP 2\.4\. Ist die Datei vollständig"):
        run_import(tmp_path, cut_off)
    assert Resolution.objects.filter(top="2.4").exists()

    output = run_import(tmp_path, cut_off, "--entfernen")

    assert not Resolution.objects.filter(top="2.4").exists()
    assert "Entfernt (1):\n  - Beschluss TOP 2.4" in output


@pytest.mark.django_db
def test_a_dry_run_over_existing_data_reports_the_changes_and_keeps_the_old_state(
    tmp_path: Path,
) -> None:
    run_import(tmp_path, make_document())
    corrected = make_document()
    corrected["beschluesse"][0]["titel"] = "Neuer Titel"

    output = run_import(tmp_path, corrected, "--dry-run")

    assert "Beschluss TOP 2.3: Titel" in output
    assert Resolution.objects.get().title.startswith("Sprachkurse")


def _set(document: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    target: Any = document
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[int(last) if last.isdigit() else last] = value


WRONGLY_TYPED = {
    "art als Liste": ("beschluesse.0.ziffern.0.art", [], "unbekannter Wert"),
    "TOP als Liste": ("beschluesse.0.top", ["x"], "muss ein Text sein"),
    "Land verschachtelt": ("beschluesse.0.antragsteller", [["DE-BE"]], "Landescode"),
    "Ziffer als Liste": ("beschluesse.0.ziffern.0.nummer", ["1"], "muss ein Text sein"),
    "Jahr zu groß": ("konferenz.jahr", 99999, "ist größer als 32767"),
    "Markierungszeichen": ("beschluesse.0.titel", "Titel \ue000", "privaten Unicode-Bereich"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", WRONGLY_TYPED)
def test_wrongly_typed_fields_get_a_german_message_instead_of_a_traceback(
    case: str, tmp_path: Path
) -> None:
    path, value, expected = WRONGLY_TYPED[case]
    document = make_document()
    _set(document, path, value)

    with pytest.raises(CommandError, match=expected):
        run_import(tmp_path, document)
    assert table_counts() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_an_import_that_changes_something_records_who_when_and_the_state_before(
    tmp_path: Path,
) -> None:
    run_import(tmp_path, make_document(), "--benutzer", "mueller")
    first = ImportRun.objects.get()
    assert (first.performed_by, first.source_name, first.previous) == (
        "mueller",
        "export.json",
        None,
    )
    assert "Neu angelegt" in first.report
    corrected = make_document()
    corrected["beschluesse"][0]["abstimmung"] = "mehrheitlich"

    run_import(tmp_path, corrected, "--benutzer", "schulze")

    latest = ImportRun.objects.latest("performed_at")
    assert latest.performed_by == "schulze"
    assert latest.previous["beschluesse"][0]["abstimmung"] == "einstimmig"
    assert "Abstimmung" in latest.report


@pytest.mark.django_db
def test_an_import_that_changes_nothing_or_only_rehearses_leaves_no_import_run(
    tmp_path: Path,
) -> None:
    run_import(tmp_path, make_document(), "--dry-run")
    assert not ImportRun.objects.exists()
    run_import(tmp_path, make_document())

    run_import(tmp_path, make_document())

    assert ImportRun.objects.count() == 1


@pytest.mark.django_db
def test_nobody_can_edit_or_delete_the_import_history_in_the_admin(
    tmp_path: Path, admin_client: Client
) -> None:
    run_import(tmp_path, make_document())
    run = ImportRun.objects.get()

    listing = admin_client.get("/admin/beschluesse/importrun/")
    delete = admin_client.post(f"/admin/beschluesse/importrun/{run.pk}/delete/", {"post": "yes"})
    change = admin_client.post(f"/admin/beschluesse/importrun/{run.pk}/change/", {})

    assert listing.status_code == 200
    assert "export.json" in listing.content.decode()
    assert delete.status_code == 403
    assert change.status_code == 403
    assert ImportRun.objects.filter(pk=run.pk).exists()
