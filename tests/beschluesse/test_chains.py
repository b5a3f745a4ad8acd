"""A demand that repeats an earlier one joins its chain, whichever conference is imported first.

The conferences go in through the import command as exchange documents (JSON files), the way an
administrator imports a corrected export.
"""

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from beschluesse import services
from beschluesse.importer.repeats import REPEAT_MARKERS, says_repeat
from beschluesse.models import Demand

EARLIER = "fordert den Bund auf, die Mittel für die Migrationsberatung dauerhaft zu erhöhen"
OTHER = "fordert den Bund auf, mehr Lehrkräfte für Integrationskurse zu gewinnen"
REPEATED = (
    "bekräftigt ihre Forderung aus dem Beschluss der 16. IntMK (TOP 3.1 Ziffer 2), dass der Bund "
    "die Mittel für die Migrationsberatung dauerhaft erhöht"
)


def clause(number: str, text: str, wordings: list[str], level: str = "bund") -> dict[str, Any]:
    return {
        "nummer": number,
        "zeile_von": None,
        "zeile_bis": None,
        "text": text,
        "art": "forderung",
        "forderungen": [
            {"adressat": "Bund", "ebene": level, "art": "forderung", "wortlaut": wording}
            for wording in wordings
        ],
    }


def document(
    *, number: int, top: str, clauses: list[dict[str, Any]], references: list[dict[str, Any]]
) -> dict[str, Any]:
    """One conference of year 2005 + number with one resolution."""
    year = 2005 + number
    return {
        "konferenz": {
            "nummer": number,
            "jahr": year,
            "ort": "Wiesbaden",
            "beginn": f"{year}-04-26",
            "ende": f"{year}-04-27",
            "vorsitz": "DE-HE",
            "motto": "",
        },
        "tagesordnung": [
            {
                "top": top,
                "titel": "Migrationsberatung",
                "gruppe": "",
                "antragsteller": ["DE-BE"],
                "federfuehrend": "DE-BE",
                "gruene_liste": False,
            }
        ],
        "beschluesse": [
            {
                "top": top,
                "titel": "Migrationsberatung",
                "abstimmung": "einstimmig",
                "gruene_liste": False,
                "antragsteller": ["DE-BE"],
                "federfuehrend": "DE-BE",
                "berichterstatter": None,
                "zeilen": 0,
                "ziffern": clauses,
                "protokollnotizen": [],
                "verweise": references,
            }
        ],
        "warnungen": [],
    }


def conference_16() -> dict[str, Any]:
    return document(
        number=16,
        top="3.1",
        clauses=[
            clause("1", f"Die IntMK {OTHER}.", [OTHER]),
            clause("2", f"Die IntMK {EARLIER}.", [EARLIER]),
        ],
        references=[],
    )


def conference_19(text: str = f"Die IntMK {REPEATED}.", wording: str = REPEATED) -> dict[str, Any]:
    return document(
        number=19,
        top="2.4",
        clauses=[clause("1", text, [wording])],
        references=[{"konferenz": 16, "top": "3.1", "ziffer": "2"}],
    )


def run_import(tmp_path: Path, data: dict[str, Any]) -> None:
    path = tmp_path / f"{data['konferenz']['nummer']}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    call_command("import_niederschrift", str(path), stdout=StringIO())


def demand_of(number: int, wording: str) -> Demand:
    return Demand.objects.get(clause__resolution__conference__number=number, wording=wording)


@pytest.mark.django_db
@pytest.mark.parametrize("later_first", [False, True])
def test_a_reaffirmed_demand_joins_the_earlier_one_in_either_order(
    tmp_path: Path, later_first: bool
) -> None:
    documents = [conference_16(), conference_19()]
    for data in reversed(documents) if later_first else documents:
        run_import(tmp_path, data)

    repeated = demand_of(19, REPEATED)
    assert repeated.repeats == demand_of(16, EARLIER)
    assert repeated.repeats_similarity is not None and repeated.repeats_similarity >= 0.75


@pytest.mark.django_db
def test_a_clause_that_does_not_say_it_repeats_is_not_linked(tmp_path: Path) -> None:
    wording = "fordert den Bund auf, die Mittel für die Migrationsberatung dauerhaft zu erhöhen"
    run_import(tmp_path, conference_16())
    # The same demand word for word, with a reference, but nothing says "again".
    run_import(tmp_path, conference_19(text=f"Die IntMK {wording}.", wording=wording))

    assert demand_of(19, wording).repeats is None


@pytest.mark.django_db
def test_a_dissimilar_wording_is_not_linked(tmp_path: Path) -> None:
    wording = (
        "bekräftigt ihre Forderung aus dem Beschluss der 16. IntMK (TOP 3.1 Ziffer 2), dass der "
        "Bund die Anerkennung ausländischer Abschlüsse beschleunigt"
    )
    run_import(tmp_path, conference_16())
    run_import(tmp_path, conference_19(text=f"Die IntMK {wording}.", wording=wording))

    assert demand_of(19, wording).repeats is None


@pytest.mark.django_db
def test_a_link_once_set_is_kept_and_linking_again_changes_nothing(tmp_path: Path) -> None:
    run_import(tmp_path, conference_16())
    run_import(tmp_path, conference_19())
    repeated = demand_of(19, REPEATED)
    chosen_by_a_person = demand_of(16, OTHER)
    Demand.objects.filter(pk=repeated.pk).update(
        repeats=chosen_by_a_person, repeats_similarity=None
    )

    assert services.demand_chains_link() == 0
    run_import(tmp_path, conference_16())

    repeated.refresh_from_db()
    assert (repeated.repeats, repeated.repeats_similarity) == (chosen_by_a_person, None)


@pytest.mark.django_db
def test_linking_costs_the_same_queries_for_one_or_many_candidates(
    tmp_path: Path, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    run_import(tmp_path, conference_16())
    run_import(
        tmp_path, conference_19(text="Die IntMK fordert den Bund erneut auf.", wording=OTHER)
    )
    Demand.objects.update(repeats=None)
    many = [clause(str(n), f"Die IntMK {REPEATED}.", [REPEATED] * 3) for n in range(1, 9)]
    run_import(
        tmp_path,
        document(
            number=18,
            top="1.1",
            clauses=many,
            references=[{"konferenz": 16, "top": "3.1", "ziffer": None}],
        ),
    )
    Demand.objects.update(repeats=None)

    with django_assert_max_num_queries(6):  # three reads, one update, savepoint and release
        linked = services.demand_chains_link()

    assert linked == 25


@pytest.mark.parametrize(("pattern", "example"), REPEAT_MARKERS)
def test_each_repeat_marker_matches_its_example(pattern: str, example: str) -> None:
    assert says_repeat(example), pattern


def test_a_plain_demand_is_no_repeat() -> None:
    assert not says_repeat("Die IntMK fordert den Bund auf, die Fristen zu verlängern.")


@pytest.mark.django_db
def test_the_earlier_demand_to_the_same_level_is_preferred(tmp_path: Path) -> None:
    to_laender = (
        "fordert die Länder auf, die Mittel für die Migrationsberatung dauerhaft zu erhöhen"
    )
    earlier = conference_16()
    earlier["beschluesse"][0]["ziffern"].append(
        clause("3", f"Die IntMK {to_laender}.", [to_laender], level="land")
    )
    later = conference_19()
    later["beschluesse"][0]["ziffern"][0]["forderungen"][0]["ebene"] = "land"
    run_import(tmp_path, earlier)
    run_import(tmp_path, later)

    assert demand_of(19, REPEATED).repeats == demand_of(16, to_laender)
