"""A re-import never deletes what the Erfolgskontrolle recorded: it stops and names the place.

Progress entries protect their demand, so a corrected source that drops a demand, a clause or
a whole TOP carrying entries is refused in German, and nothing of the import is written.
"""

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError

from beschluesse.models import Clause, Demand, ImportRun, Resolution
from erfolgskontrolle.models import ProgressEntry
from tests.beschluesse.test_import_service import make_document, run_import
from tests.factories import make_entry, make_user

pytestmark = pytest.mark.django_db


def import_with_an_entry(tmp_path: Path, document: dict[str, Any]) -> Demand:
    """Import the document and record one entry of Berlin on its demand of Ziffer 2."""
    run_import(tmp_path, document)
    demand = Demand.objects.get(clause__number="2", clause__resolution__top="2.3")
    make_entry(demand=demand, author=make_user(username="berlin"), land_code="DE-BE")
    return demand


def test_dropping_a_demand_with_entries_is_refused_naming_its_place(tmp_path: Path) -> None:
    demand = import_with_an_entry(tmp_path, make_document())
    fewer = make_document()
    fewer["beschluesse"][0]["ziffern"][1]["forderungen"] = []
    fewer["beschluesse"][0]["abstimmung"] = "mehrheitlich"  # must not be written either

    with pytest.raises(CommandError) as excinfo:
        run_import(tmp_path, fewer)

    message = str(excinfo.value)
    assert "nichts wurde gespeichert" in message
    assert "TOP 2.3, Ziffer 2: Forderung an Bund: „" in message
    assert "“ fehlt in der Quelle" in message
    assert "TOP 2.3, Ziffer 2 (Forderung an Bund: „" in message  # with its wording
    assert "“): 1 Sachstand" in message
    assert Demand.objects.filter(pk=demand.pk).exists()
    assert Resolution.objects.get().vote == "einstimmig"
    assert ProgressEntry.objects.filter(demand=demand).count() == 1
    assert ImportRun.objects.count() == 1  # only the first import


def test_dropping_a_clause_with_entries_is_refused(tmp_path: Path) -> None:
    import_with_an_entry(tmp_path, make_document())
    make_entry(demand=Demand.objects.get(), author=make_user(username="bayern"), land_code="DE-BY")
    shorter = make_document()
    del shorter["beschluesse"][0]["ziffern"][1]

    with pytest.raises(CommandError) as excinfo:
        run_import(tmp_path, shorter, "--dry-run")

    message = str(excinfo.value)
    assert "TOP 2.3, Ziffer 2 fehlt in der Quelle, kann aber nicht entfernt werden" in message
    assert "TOP 2.3, Ziffer 2 (Forderung an Bund: „" in message  # with its wording
    assert "“): 2 Sachstände" in message
    assert Clause.objects.count() == 2


def test_removing_a_top_with_entries_is_refused_even_when_asked_for(tmp_path: Path) -> None:
    document = make_document()
    second = json.loads(json.dumps(document["beschluesse"][0]))
    second["top"] = "2.4"
    document["beschluesse"].append(second)
    import_with_an_entry(tmp_path, document)
    without_2_3 = make_document(top="2.4")

    with pytest.raises(CommandError) as excinfo:
        run_import(tmp_path, without_2_3, "--entfernen")

    message = str(excinfo.value)
    assert "Beschluss TOP 2.3 fehlt in der Quelle, kann aber nicht entfernt werden" in message
    assert "TOP 2.3, Ziffer 2 (Forderung an Bund: „" in message  # with its wording
    assert "“): 1 Sachstand" in message
    assert set(Resolution.objects.values_list("top", flat=True)) == {"2.3", "2.4"}


def test_a_top_without_entries_is_still_removed_when_asked_for(tmp_path: Path) -> None:
    document = make_document()
    second = json.loads(json.dumps(document["beschluesse"][0]))
    second["top"] = "2.4"
    document["beschluesse"].append(second)
    import_with_an_entry(tmp_path, document)  # the entry hangs on TOP 2.3

    output = run_import(tmp_path, make_document(), "--entfernen")

    assert "Beschluss TOP 2.4" in output
    assert list(Resolution.objects.values_list("top", flat=True)) == ["2.3"]


def clause(number: str, text: str, wordings: list[str]) -> dict[str, Any]:
    demands = [
        {"adressat": "Bund", "ebene": "bund", "art": "forderung", "wortlaut": wording}
        for wording in wordings
    ]
    kind = "forderung" if demands else "feststellung"
    return {
        "nummer": number,
        "zeile_von": None,
        "zeile_bis": None,
        "text": text,
        "art": kind,
        "forderungen": demands,
    }


OLD_WORDING = "fordert den Bund auf, Sprachkurse zu entwickeln"  # Ziffer 2 of make_document
INSERTED = clause(
    "2",
    "Die IntMK fordert den Bund auf, mehr Lehrkräfte für Integrationskurse zu gewinnen.",
    ["fordert den Bund auf, mehr Lehrkräfte für Integrationskurse zu gewinnen"],
)


def with_clauses(*clauses: dict[str, Any]) -> dict[str, Any]:
    document = make_document()
    document["beschluesse"][0]["ziffern"] = [document["beschluesse"][0]["ziffern"][0], *clauses]
    return document


def test_an_inserted_clause_and_a_rewording_of_the_next_keep_the_entry_with_its_wording(
    tmp_path: Path,
) -> None:
    demand = import_with_an_entry(tmp_path, make_document())
    reworded = "fordert den Bund erneut auf, barrierefreie Sprachkurse zu entwickeln"

    run_import(tmp_path, with_clauses(INSERTED, clause("3", f"Die IntMK {reworded}.", [reworded])))

    entry = ProgressEntry.objects.get()
    assert entry.demand_id == demand.pk
    assert (entry.demand.clause.number, entry.demand.wording) == ("3", reworded)
    inserted = Demand.objects.get(clause__number="2")
    assert not inserted.progress_entries.exists()


def test_an_inserted_clause_and_a_new_wording_of_the_next_are_refused_naming_the_demand(
    tmp_path: Path,
) -> None:
    demand = import_with_an_entry(tmp_path, make_document())
    other = "bittet die Bundesregierung, inklusive Kursformate für Menschen aufzulegen"
    document = with_clauses(INSERTED, clause("3", f"Die IntMK {other}.", [other]))

    with pytest.raises(CommandError) as excinfo:
        run_import(tmp_path, document)

    message = str(excinfo.value)
    assert "nichts wurde gespeichert" in message
    assert (
        f"TOP 2.3, Ziffer 2, Forderungs-ID {demand.pk}: Forderung an Bund „{OLD_WORDING}“ hat "
        "1 Sachstand und findet in der neuen Fassung keine Entsprechung" in message
    )
    assert "käme sie zu „fordert den Bund auf, mehr Lehrkräfte" in message
    assert "--zuordnen" in message
    demand.refresh_from_db()
    assert (demand.clause.number, demand.wording) == ("2", OLD_WORDING)
    assert Clause.objects.count() == 2
    assert ImportRun.objects.count() == 1


def test_a_person_can_decide_that_the_proposed_wording_is_the_demands_own(
    tmp_path: Path,
) -> None:
    demand = import_with_an_entry(tmp_path, make_document())
    other = "bittet die Bundesregierung, inklusive Kursformate für Menschen aufzulegen"
    document = with_clauses(INSERTED, clause("3", f"Die IntMK {other}.", [other]))

    run_import(tmp_path, document, "--zuordnen", str(demand.pk))

    entry = ProgressEntry.objects.get()
    assert entry.demand_id == demand.pk
    assert entry.demand.wording.startswith("fordert den Bund auf, mehr Lehrkräfte")


def test_a_clause_inserted_before_moves_the_entries_with_their_wording_to_the_new_number(
    tmp_path: Path,
) -> None:
    demand = import_with_an_entry(tmp_path, make_document())
    unchanged = make_document()["beschluesse"][0]["ziffern"][1]
    unchanged["nummer"] = "3"

    output = run_import(tmp_path, with_clauses(INSERTED, unchanged))

    entry = ProgressEntry.objects.get()
    assert entry.demand_id == demand.pk
    assert (entry.demand.clause.number, entry.demand.wording) == ("3", OLD_WORDING)
    assert "Ziffer 2 (neu)" in output


def test_a_typo_fixed_in_the_source_keeps_the_entries(tmp_path: Path) -> None:
    typo = make_document()
    typo["beschluesse"][0]["ziffern"][1]["text"] = "Die IntMK fodert den Bund auf, Sprachkurse."
    typo["beschluesse"][0]["ziffern"][1]["forderungen"][0]["wortlaut"] = (
        "fordert den Bund auf, Sprachkurse zu entwicklen"
    )
    demand = import_with_an_entry(tmp_path, typo)

    output = run_import(tmp_path, make_document())

    entry = ProgressEntry.objects.get()
    assert entry.demand_id == demand.pk
    assert entry.demand.wording == OLD_WORDING
    assert (
        "Ziffer 2: Forderung 1 (Wortlaut): „… auf, Sprachkurse zu entwicklen“ → „… auf, "
        "Sprachkurse zu entwickeln“ – ähnlicher Wortlaut, 1 Sachstand bleibt bei ihr, "
        "bitte prüfen" in output
    )
