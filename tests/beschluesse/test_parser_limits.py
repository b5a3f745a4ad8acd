"""Two layouts the parser once did not read: line numbers printed only on every fifth line,
and agenda titles whose first line stands above the TOP number (a vertically centred table
cell, 16th IntMK 2021)."""

from beschluesse.importer.agenda import AgendaRow, parse_agenda
from beschluesse.importer.parser import parse_niederschrift

# The opening of TOP 3.3, the same with and without line numbers (none falls on it).
OPENING = """\
21. Integrationsministerkonferenz 2026
Hauptkonferenz am 6. Mai 2026 in Berlin

TOP 3.3
Teilhabe verbessern
Antragsteller: Berlin
Die IntMK hat einstimmig beschlossen:

1. Die IntMK bittet die Bundesregierung, den Zugang zu den Beratungsstellen
zu erleichtern und die Mittel dafür im Jahr
2026 bereitzustellen.
"""
# Word prints the line numbers only on every fifth line; they restart with each resolution.
EVERY_FIFTH = (
    OPENING
    + """
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
)


def _ranges(data: dict) -> list[list[tuple]]:
    return [
        [(c["nummer"], c["zeile_von"], c["zeile_bis"]) for c in r["ziffern"]]
        + [(n["land"], n["zeile_von"], n["zeile_bis"]) for n in r["protokollnotizen"]]
        for r in data["beschluesse"]
    ]


def test_line_numbers_printed_on_every_fifth_line_give_every_line_its_number() -> None:
    data = parse_niederschrift(EVERY_FIFTH).to_json()

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

    data = parse_niederschrift(text).to_json()

    assert _ranges(data)[1] == [(None, 11, 15)]


# The same minutes without line numbers: the fifth line of TOP 3.3 opens with an amount.
WITHOUT_NUMBERS = (
    OPENING
    + """
2. Die Länder sagen zu, über die Umsetzung zu berichten, sobald der Bund
5 Millionen Euro bereitgestellt hat.

3. Die IntMK stellt fest, dass die Beratung wirkt.
"""
)


def test_a_line_opening_with_a_number_on_the_fifth_line_stays_text() -> None:
    """Without line numbers "5 Millionen Euro …" is text even on the fifth line: one number
    where a count would put it, followed by what it counts, is no evidence of numbering."""
    data = parse_niederschrift(WITHOUT_NUMBERS).to_json()

    assert _ranges(data) == [[("1", None, None), ("2", None, None), ("3", None, None)]]
    assert data["beschluesse"][0]["ziffern"][1]["text"].endswith(
        "sobald der Bund 5 Millionen Euro bereitgestellt hat."
    )


# The agenda of the 16th IntMK 2021 as a PDF-to-text conversion sets it: a table whose cells
# are centred vertically, so a long title's first line stands above its TOP number.
CENTRED_AGENDA = """\
16. Konferenz der für Integration zuständigen Ministerinnen und Minister /
Senatorinnen und Senatoren der Länder
am 29. und 30. April 2021 in Bad Homburg vor der Höhe

Tagesordnung

TOP         Thema                                           Antragsteller
            Stärkung der Integrationskurse und
2.3         der berufsbezogenen Deutschförderung            Berlin, Hamburg
2.4         Sprachmittlung im Gesundheitswesen              Bremen
            Chancen der Digitalisierung für die
            Integration nutzen – digitale                   Berlin, Bremen,
2.5         Beratungsangebote der Migrationsdienste         <u>Nordrhein-Westfalen</u>
            dauerhaft absichern
2.6         Bericht der Arbeitsgruppe                       Hamburg

TOP 2.3

Stärkung der Integrationskurse und der berufsbezogenen Deutschförderung

Die IntMK hat einstimmig beschlossen:

Die IntMK bittet den Bund, die Kurse zu stärken.
"""


def _agenda(text: str) -> list[AgendaRow]:
    lines = text.splitlines()
    return parse_agenda(lines[lines.index("Tagesordnung") : lines.index("TOP 2.3")])


def test_a_title_line_above_the_top_number_belongs_to_that_row() -> None:
    rows = _agenda(CENTRED_AGENDA)

    assert [(r.top, r.titel, r.antragsteller, r.federfuehrend) for r in rows] == [
        (
            "2.3",
            "Stärkung der Integrationskurse und der berufsbezogenen Deutschförderung",
            ["DE-BE", "DE-HH"],
            None,
        ),
        ("2.4", "Sprachmittlung im Gesundheitswesen", ["DE-HB"], "DE-HB"),
        (
            "2.5",
            "Chancen der Digitalisierung für die Integration nutzen – digitale "
            "Beratungsangebote der Migrationsdienste dauerhaft absichern",
            ["DE-BE", "DE-HB", "DE-NW"],
            "DE-NW",
        ),
        ("2.6", "Bericht der Arbeitsgruppe", ["DE-HH"], "DE-HH"),
    ]


def test_a_title_running_on_below_its_number_stays_with_it() -> None:
    """The ordinary layout: the number on the title's first line, the rest below it."""
    text = CENTRED_AGENDA.replace(
        "            Stärkung der Integrationskurse und\n"
        "2.3         der berufsbezogenen Deutschförderung            Berlin, Hamburg\n",
        "2.3         Stärkung der Integrationskurse und              Berlin, Hamburg\n"
        "            der berufsbezogenen Deutschförderung\n",
    ).replace(
        "            Chancen der Digitalisierung für die\n"
        "            Integration nutzen – digitale                   Berlin, Bremen,\n"
        "2.5         Beratungsangebote der Migrationsdienste         <u>Nordrhein-Westfalen</u>\n"
        "            dauerhaft absichern\n",
        "2.5         Chancen der Digitalisierung für die             Berlin, Bremen,\n"
        "            Integration nutzen – digitale                   <u>Nordrhein-Westfalen</u>\n"
        "            Beratungsangebote der Migrationsdienste\n"
        "            dauerhaft absichern\n",
    )

    assert [row.titel for row in _agenda(text)] == [
        "Stärkung der Integrationskurse und der berufsbezogenen Deutschförderung",
        "Sprachmittlung im Gesundheitswesen",
        "Chancen der Digitalisierung für die Integration nutzen – digitale "
        "Beratungsangebote der Migrationsdienste dauerhaft absichern",
        "Bericht der Arbeitsgruppe",
    ]
