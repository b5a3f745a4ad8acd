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
