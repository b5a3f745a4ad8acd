"""Two layouts the parser once did not read: line numbers printed only on every fifth line,
and agenda titles whose first line stands above the TOP number (a vertically centred table
cell, 16th IntMK 2021)."""

from beschluesse.importer.parser import parse_niederschrift

# Word prints the line numbers only on every fifth line; they restart with each resolution.
EVERY_FIFTH = """\
21. Integrationsministerkonferenz 2026
Hauptkonferenz am 6. Mai 2026 in Berlin

TOP 3.3
Teilhabe verbessern
Antragsteller: Berlin
Die IntMK hat einstimmig beschlossen:

1. Die IntMK bittet die Bundesregierung, den Zugang zu den Beratungsstellen
zu erleichtern und die Mittel dafür im Jahr
2026 bereitzustellen.

2. Die Länder sagen zu, über die Umsetzung zu berichten, sobald der Bund
5 die Mittel bereitgestellt hat; sie sehen dafür einen Betrag von
5 Millionen Euro vor.

3. Die IntMK stellt fest, dass die Beratung wirkt.
Protokollnotiz Bayern:
Bayern trägt Ziffer 2 nicht mit.
10 Bayern sieht den Bund in der Pflicht.

- 2 -

TOP 3.4
Sprachkurse sichern
Antragsteller: Bremen
Die IntMK hat einstimmig beschlossen:

Die IntMK fordert den Bund auf, die Sprachkurse dauerhaft zu finanzieren,
die Wartezeiten zu verkürzen, die Kursträger angemessen zu vergüten,
die Lehrkräfte fair zu bezahlen, die Kinderbetreuung während der Kurse
sicherzustellen und die Zahl der Kursplätze mit den Ländern
5 abzustimmen.
"""


def _ranges(data: dict) -> list[list[tuple]]:
    return [
        [(c["nummer"], c["zeile_von"], c["zeile_bis"]) for c in r["ziffern"]]
        + [(n["land"], n["zeile_von"], n["zeile_bis"]) for n in r["protokollnotizen"]]
        for r in data["beschluesse"]
    ]


def test_line_numbers_printed_on_every_fifth_line_give_every_line_its_number() -> None:
    data = parse_niederschrift(EVERY_FIFTH)

    assert _ranges(data) == [
        [("1", 1, 3), ("2", 4, 6), ("3", 7, 7), ("DE-BY", 8, 10)],
        [(None, 1, 5)],
    ]
    assert [r["zeilen"] for r in data["beschluesse"]] == [10, 5]
    clauses = data["beschluesse"][0]["ziffern"]
    assert clauses[0]["text"].endswith("die Mittel dafür im Jahr 2026 bereitzustellen.")
    assert clauses[1]["text"].endswith("einen Betrag von 5 Millionen Euro vor.")
    assert data["beschluesse"][1]["ziffern"][0]["text"].endswith("mit den Ländern abzustimmen.")


def test_numbers_every_fifth_line_may_run_through_the_document() -> None:
    text = EVERY_FIFTH.replace("\n5 abzustimmen.", "\n15 abzustimmen.")

    data = parse_niederschrift(text)

    assert _ranges(data)[1] == [(None, 11, 15)]


# The same minutes without line numbers: the fifth line of TOP 3.3 opens with an amount.
WITHOUT_NUMBERS = """21. Integrationsministerkonferenz 2026
Hauptkonferenz am 6. Mai 2026 in Berlin

TOP 3.3
Teilhabe verbessern
Antragsteller: Berlin
Die IntMK hat einstimmig beschlossen:

1. Die IntMK bittet die Bundesregierung, den Zugang zu den Beratungsstellen
zu erleichtern und die Mittel dafür im Jahr
2026 bereitzustellen.

2. Die Länder sagen zu, über die Umsetzung zu berichten, sobald der Bund
5 Millionen Euro bereitgestellt hat.

3. Die IntMK stellt fest, dass die Beratung wirkt.
"""


def test_a_line_opening_with_a_number_on_the_fifth_line_stays_text() -> None:
    """Without line numbers "5 Millionen Euro …" is text even on the fifth line: one number
    where a count would put it, followed by what it counts, is no evidence of numbering."""
    data = parse_niederschrift(WITHOUT_NUMBERS)

    assert _ranges(data) == [[("1", None, None), ("2", None, None), ("3", None, None)]]
    assert data["beschluesse"][0]["ziffern"][1]["text"].endswith(
        "sobald der Bund 5 Millionen Euro bereitgestellt hat."
    )
