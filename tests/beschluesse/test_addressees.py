"""The table of addressees (importer/addressees.py): every row is recognised by the wording
rules and named as the row names it; a new addressee is one new row."""

import pytest

from beschluesse.importer.addressees import (
    ADDRESSEES,
    FORMS,
    AddresseeRow,
    AddresseeTable,
    spellings,
)
from beschluesse.importer.demands import canonical_addressee, find_demands
from beschluesse.importer.rules import WORDING, wording
from beschluesse.models import Level


def _demands(sentence: str, **kwargs) -> list[tuple[str, str, str]]:
    return [(d.addressee, d.level, d.kind) for d in find_demands(sentence, **kwargs)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Die IntMK fordert das Bundesministerium für Wirtschaft und Klimaschutz (BMWK) auf, "
        "die Förderung zu verstetigen.",
        "Die IntMK fordert das Bundesministerium für Wirtschaft und Klimaschutz auf, "
        "die Förderung zu verstetigen.",
        "Die IntMK fordert das BMWK auf, die Förderung zu verstetigen.",
    ],
)
def test_the_bmwk_spelt_out_or_abbreviated_gets_a_forderung_at_federal_level(
    sentence: str,
) -> None:
    assert _demands(sentence) == [("BMWK", "bund", "forderung")]


INTEGRATION = "Integrationsbeauftragte der Bundesregierung"


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("das Bundesministerium des Innern und für Heimat (BMI)", "BMI"),
        ("das Bundesministerium des Innern, für Bau und Heimat", "BMI"),
        ("das Bundesministerium des Innern", "BMI"),
        ("das Bundesministerium für Bildung und Forschung", "BMBF"),
        ("das Bundesministerium für Familie, Senioren, Frauen und Jugend", "BMFSFJ"),
        ("das Bundesministerium für Arbeit und Soziales", "BMAS"),
        ("das Bundesministerium für Gesundheit", "BMG"),
        ("das Bundesministerium der Justiz und für Verbraucherschutz", "BMJ"),
        ("das BMJV", "BMJ"),
        ("das Bundesministerium für Wohnen, Stadtentwicklung und Bauwesen", "BMWSB"),
        ("das Auswärtige Amt", "AA"),
        (f"die {INTEGRATION}", INTEGRATION),
    ],
)
def test_each_ministry_name_of_the_years_is_asked_under_its_abbreviation(
    phrase: str, name: str
) -> None:
    assert _demands(f"Die IntMK bittet {phrase}, die Regelung zu ändern.") == [
        (name, "bund", "bitte")
    ]
    assert _demands(f"{phrase[0].upper()}{phrase[1:]} wird gebeten, die Regelung zu ändern.") == [
        (name, "bund", "bitte")
    ]


def test_a_ministry_missing_from_the_table_is_named_by_its_abbreviation_at_federal_level() -> None:
    sentence = "Die IntMK fordert das Bundesministerium für Digitales und Verkehr (BMDV) auf, X."
    assert _demands(sentence) == [("BMDV", "bund", "forderung")]


BMDV = AddresseeRow("BMDV", Level.BUND, ("Bundesministerium für Digitales und Verkehr", "BMDV"))


def test_one_new_row_is_enough_for_the_wording_rules_to_recognise_an_addressee() -> None:
    with_bmdv = wording([*ADDRESSEES, BMDV])
    asked = "Die IntMK fordert das BMDV auf, die Anbindung zu verbessern."
    asked_passively = "Das BMDV wird gebeten zu prüfen, ob X."

    assert _demands(asked) == []  # not in the table: no demand
    assert _demands(asked, wording=with_bmdv) == [("BMDV", "bund", "forderung")]
    assert _demands(asked_passively, wording=with_bmdv) == [("BMDV", "bund", "pruefbitte")]


def test_a_new_internal_row_makes_asking_it_an_auftrag() -> None:
    koa = AddresseeRow("KoA", Level.OTHER, ("Koordinierungsausschuss", "KoA"), internal=True)
    sentence = "Die IntMK bittet den Koordinierungsausschuss, einen Bericht vorzulegen."

    assert _demands(sentence, wording=wording([*ADDRESSEES, koa])) == [("KoA", "other", "auftrag")]
    as_external = AddresseeRow("KoA", Level.OTHER, ("Koordinierungsausschuss",))
    assert _demands(sentence, wording=wording([*ADDRESSEES, as_external])) == [
        ("KoA", "other", "bitte")
    ]


def test_a_spelling_in_two_rows_is_refused() -> None:
    with pytest.raises(ValueError, match="Bund"):
        AddresseeTable([*ADDRESSEES, AddresseeRow("Bundesrat", Level.BUND, ("Bund",))])


SPELLINGS = [(row, spelling) for row in ADDRESSEES for spelling in spellings(row)]


@pytest.mark.parametrize(("row", "spelling"), SPELLINGS, ids=[s for _, s in SPELLINGS])
def test_every_spelling_of_the_table_is_recognised_and_named_after_its_row(
    row: AddresseeRow, spelling: str
) -> None:
    assert WORDING.addressees.regex.fullmatch(spelling)
    assert WORDING.addressees.regex.fullmatch(f"die {spelling}")
    assert canonical_addressee(f"den {spelling}") == (row.name, row.level.value)
    kind = "auftrag" if row.internal else "bitte"
    assert _demands(f"Die IntMK bittet {spelling}, X zu tun.") == [
        (row.name, row.level.value, kind)
    ]


@pytest.mark.parametrize("form", FORMS, ids=[form.example for form in FORMS])
def test_every_generic_form_is_recognised_and_named_as_worded(form) -> None:
    assert WORDING.addressees.regex.fullmatch(f"dem {form.example}")
    name = canonical_addressee(f"dem {form.example}")
    assert name[1] == form.level.value
    assert name[0] in form.example


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the longest spelling wins: not "der Bundesregierung", not "Bund" and "Länder"
        (
            "Die Integrationsbeauftragte der Bundesregierung wird gebeten, X zu tun.",
            [("Integrationsbeauftragte der Bundesregierung", "bund", "bitte")],
        ),
        (
            "Die IntMK bittet die Bund-Länder-Arbeitsgruppe, X zu tun.",
            [("BLAG", "other", "auftrag")],
        ),
        # a spelling ends at the end of a word: the Länderoffene Arbeitsgruppe is no "Länder"
        ("Die IntMK empfiehlt der Länderoffenen Arbeitsgruppe, X zu tun.", []),
    ],
)
def test_spellings_are_taken_whole(sentence: str, expected: list) -> None:
    assert _demands(sentence) == expected


def test_the_genitive_of_a_ministry_is_the_ministry() -> None:
    assert canonical_addressee("des Bundesministeriums für Gesundheit") == ("BMG", "bund")
    assert canonical_addressee("des Bundesamtes für Migration und Flüchtlinge") == ("BAMF", "bund")
