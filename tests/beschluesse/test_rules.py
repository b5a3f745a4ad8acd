"""The wording rules: every row of the table against its own example, plus the phrasings of the
kinds table in shared/DOMAIN.md."""

import pytest

from beschluesse.importer.demands import (
    canonical_addressee,
    find_demands,
    matching_rules,
    statement_kinds,
)
from beschluesse.importer.rules import RULES, Addressee


def _rule_id(rule) -> str:
    return f"{RULES.index(rule):02d}-{rule.kind.value}-{rule.trigger}"


@pytest.mark.parametrize("rule", RULES, ids=_rule_id)
def test_rule_matches_its_example(rule) -> None:
    assert rule.trigger in rule.example.lower()
    assert rule.pattern.search(rule.example)


@pytest.mark.parametrize("rule", RULES, ids=_rule_id)
def test_rule_decides_the_kind_of_its_example(rule) -> None:
    # This row itself fires (its match is not swallowed by an earlier row's), so the kind
    # below comes from this row and not from another row of the same kind.
    assert any(fired is rule for fired in matching_rules(rule.example))
    # rows without a named addressee need a demand before them to take it from
    preceding = ("Bund", "bund") if rule.addressee is Addressee.PRECEDING else None
    demands = [d.kind for d in find_demands(rule.example, preceding=preceding)]
    assert (demands or statement_kinds(rule.example))[0] == rule.kind.value


DEMANDS = [
    ("Die IntMK fordert den Bund erneut auf, X zu tun.", [("Bund", "bund", "forderung")]),
    ("Sie fordern die Bundesregierung auf, X zu tun.", [("Bundesregierung", "bund", "forderung")]),
    ("Dafür wird der Bund aufgefordert, X zu tun.", [("Bund", "bund", "forderung")]),
    ("Hier muss der Bund nachsteuern.", [("Bund", "bund", "forderung")]),
    ("Der Bund muss die Mittel bereitstellen.", [("Bund", "bund", "forderung")]),
    ("Die IntMK bittet den Bund zu prüfen, ob X.", [("Bund", "bund", "pruefbitte")]),
    ("Der Bund wird gebeten zu prüfen, ob X.", [("Bund", "bund", "pruefbitte")]),
    ("Die Bundesregierung wird um Prüfung gebeten.", [("Bundesregierung", "bund", "pruefbitte")]),
    ("Es wird eine Prüfbitte an den Bund gerichtet.", [("Bund", "bund", "pruefbitte")]),
    (
        "Bund und Länder werden aufgefordert zu prüfen, wie X.",
        [("Bund", "bund", "pruefbitte"), ("Länder", "land", "pruefbitte")],
    ),
    ("Die IntMK bittet die Bundesregierung, X zu tun.", [("Bundesregierung", "bund", "bitte")]),
    (
        "Die IntMK bittet das Bundesministerium des Innern und für Heimat (BMI), X zu tun.",
        [("BMI", "bund", "bitte")],
    ),
    ("Sie appellieren erneut an den Bund, X zu tun.", [("Bund", "bund", "bitte")]),
    ("Die IntMK appelliert an den Bund, X zu tun.", [("Bund", "bund", "bitte")]),
    ("Sie erinnert den Bund an sein Bekenntnis.", [("Bund", "bund", "bitte")]),
    ("Die IntMK empfiehlt dem BAMF, X zu tun.", [("BAMF", "bund", "empfehlung")]),
    ("Die IntMK beauftragt das Land Hessen, X zu tun.", [("Land Hessen", "land", "auftrag")]),
    ("Die IntMK bittet die BLAG, die Arbeit fortzusetzen.", [("BLAG", "other", "auftrag")]),
    ("Die IntMK bittet das Vorsitzland, X zu tun.", [("Vorsitzland", "land", "auftrag")]),
    ("Die Länder sagen zu, X zu prüfen.", [("Länder", "land", "selbstverpflichtung")]),
    (
        "Die Länder bekennen sich zur Fortsetzung der Zusammenarbeit mit dem Bund.",
        [("Länder", "land", "selbstverpflichtung")],
    ),
    (
        "Die Länder sind gleichermaßen beim Rechtsanspruch auf Kompetenzfeststellung für das "
        "entsprechende Landesrecht gefordert.",
        [("Länder", "land", "selbstverpflichtung")],
    ),
    (
        "Der Bund und die Länder sind gleichermaßen gefordert, X zu tun.",
        [("Bund", "bund", "forderung"), ("Länder", "land", "forderung")],
    ),
    (
        "Die IntMK fordert den Bund auf, X zu tun, und regt an, Y gesetzlich zu verankern.",
        [("Bund", "bund", "forderung"), ("Bund", "bund", "empfehlung")],
    ),
    (
        "Daher bekräftigt die IntMK ihre Forderung im Sinne des Beschlusses 5.1 der 18. IntMK, "
        "dass der Bund bei den Lehrkräften auf einen Ausbau hinwirkt.",
        [("Bund", "bund", "forderung")],
    ),
    (
        "Die Länder bekräftigen ihre Forderung an die Bundesregierung, X zu tun.",
        [("Bundesregierung", "bund", "forderung")],
    ),
    (
        "Auch Arbeitgeber und Arbeitgeberinnen sind gefordert.",
        [("Arbeitgeber", "other", "forderung")],
    ),
    (
        "Bund, Länder und Kommunen sind gefordert, X zu tun.",
        [
            ("Bund", "bund", "forderung"),
            ("Länder", "land", "forderung"),
            ("Kommunen", "kommune", "forderung"),
        ],
    ),  # fmt: skip
]


@pytest.mark.parametrize(("sentence", "expected"), DEMANDS)
def test_it_finds_demands_with_addressee_and_level(sentence: str, expected: list) -> None:
    assert [(d.addressee, d.level, d.kind) for d in find_demands(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Die IntMK begrüßt die Reform.", "begruessung"),
        ("Die Länder begrüßen die Reform.", "begruessung"),
        ("Die IntMK stellt fest, dass X.", "feststellung"),
        ("Die Länder (IntMK) stellen mit Sorge fest, dass X.", "feststellung"),
        ("Die IntMK sieht Potenzial.", "feststellung"),
        ("Die Länder sehen ein Signal.", "feststellung"),
        ("Die IntMK nimmt den Bericht zur Kenntnis.", "kenntnisnahme"),
        ("Sie nehmen den Bericht der 18. IntMK zur Kenntnis.", "kenntnisnahme"),
    ],
)
def test_statements_set_a_kind_without_demands(sentence: str, kind: str) -> None:
    assert find_demands(sentence) == []
    assert statement_kinds(sentence) == [kind]


def test_a_sentence_can_carry_a_statement_and_a_demand() -> None:
    sentence = "Die IntMK nimmt die Kürzung zur Kenntnis und fordert den Bund auf, X zu tun."
    assert [d.kind for d in find_demands(sentence)] == ["forderung"]
    assert statement_kinds(sentence) == ["kenntnisnahme"]


def test_list_items_become_one_demand_each() -> None:
    demands = find_demands("Sie fordern den Bund auf,", ["A zu tun", "B zu tun"])
    assert [d.wording for d in demands] == [
        "Sie fordern den Bund auf, A zu tun",
        "Sie fordern den Bund auf, B zu tun",
    ]


def test_reaffirming_someone_elses_demands_or_a_readiness_is_no_demand() -> None:
    # TOP 1.1 and TOP 2 of the seed: nothing is asked of an addressee here
    assert find_demands("Die IntMK bekräftigt die diesbezüglichen Forderungen der ASMK.") == []
    assert find_demands("Sie bekräftigt die Bereitschaft, Menschen zu unterstützen.") == []


def test_past_requests_are_not_new_demands() -> None:
    assert find_demands("Im Rahmen der 16. IntMK wurde der Bund gebeten, X zu tun.") == []


def test_the_agency_in_a_condition_is_not_the_addressee() -> None:
    sentence = (
        "Für den Fall der Übertragung an die Bundesagentur für Arbeit (BA) "
        "wird der Bund aufgefordert, X zu tun."
    )
    assert [d.addressee for d in find_demands(sentence)] == ["Bund"]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("den Bund", ("Bund", "bund")),
        ("die Bundesregierung", ("Bundesregierung", "bund")),
        ("dem Bundesamt für Migration und Flüchtlinge (BAMF)", ("BAMF", "bund")),
        ("die Bundesagentur für Arbeit", ("BA", "bund")),
        ("das Bundesministerium für Arbeit und Soziales", ("BMAS", "bund")),
        ("das BMFSFJ", ("BMFSFJ", "bund")),
        ("die Länder", ("Länder", "land")),
        ("das Land Hessen", ("Land Hessen", "land")),
        ("die Kommunen", ("Kommunen", "kommune")),
        ("die ASMK", ("ASMK", "other")),
        ("die UAG", ("UAG", "other")),
    ],
)
def test_addressees_get_a_canonical_name_and_level(phrase: str, expected: tuple) -> None:
    assert canonical_addressee(phrase) == expected


# TOP 4.2 Ziffer 3 and 5 of the 19th IntMK: demands worded without an addressee.
REGT_AN = (
    "Um nicht von jährlichen haushälterischen Finanzierungsprioritäten abhängig zu sein, regt "
    "die IntMK an, die EOK als Regelangebot gesetzlich zu verankern."
)
ALPHABONUS = (
    "Mit Blick auf eine zukunftsfeste Gestaltung von Sprachförderangeboten fordert die IntMK "
    "jedoch insbesondere auch die Wiedereinführung eines „Alphabonus“."
)


@pytest.mark.parametrize(("sentence", "kind"), [(REGT_AN, "empfehlung"), (ALPHABONUS, "forderung")])
def test_a_demand_without_addressee_takes_the_preceding_one(sentence: str, kind: str) -> None:
    demands = find_demands(sentence, preceding=("Bund", "bund"))
    assert [(d.addressee, d.level, d.kind, d.wording) for d in demands] == [
        ("Bund", "bund", kind, sentence)
    ]


@pytest.mark.parametrize("sentence", [REGT_AN, ALPHABONUS])
def test_a_demand_without_addressee_and_without_preceding_demand_is_none(sentence: str) -> None:
    assert find_demands(sentence) == []
    assert statement_kinds(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Die IntMK fordert die Bundesregierung, X zu tun.",  # named: not "the preceding one"
        "Daher fordert die IntMK, dass der Bund X tut.",
        "Die IntMK bekräftigt ihre Forderung, X zu tun.",
    ],
)
def test_only_unaddressed_demands_take_the_preceding_addressee(sentence: str) -> None:
    assert find_demands(sentence, preceding=("Länder", "land")) == []


def test_the_intmk_professing_a_commitment_is_a_statement_not_a_demand() -> None:
    sentence = (
        "Die IntMK bekennt sich dazu, angesichts der aktuellen Herausforderungen in enger "
        "Zusammenarbeit mit dem Bund und den Kommunen den begonnenen Prozess mit dem Ziel einer "
        "gut abgestimmten Integrationspolitik fortzuführen."
    )
    assert find_demands(sentence) == []
    assert find_demands(sentence, preceding=("Bund", "bund")) == []


def test_list_items_with_closing_words_are_worded_in_order() -> None:
    demands = find_demands(
        "Die IntMK bittet den Bund, zu prüfen.", ["A", "B"], closing="zu prüfen."
    )
    assert [(d.kind, d.wording) for d in demands] == [
        ("pruefbitte", "Die IntMK bittet den Bund, A zu prüfen."),
        ("pruefbitte", "Die IntMK bittet den Bund, B zu prüfen."),
    ]
