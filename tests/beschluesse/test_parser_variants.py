"""Wordings of headers, labels and TOP lines seen in minutes of other years and of the sister
conferences, each read on a small document built from one template."""

import pytest

from beschluesse.importer.parser import parse_niederschrift

TEMPLATE = """\
{header}

Tagesordnung
2.1\tSprachkurse sichern\t<u>Berlin</u>, Bremen

{top}
{labels}
Die IntMK fordert den Bund auf, die Kurse zu finanzieren.
"""
HEADER = (
    "7. Konferenz der für Integration zuständigen Ministerinnen und Minister\n"
    "am 21./22. März 2012 in Überherrn"
)
LABELS = "Antragsteller: Berlin, Bremen\nAbstimmungsergebnis: einstimmig\nBeschluss:"


def _parse(
    header: str = HEADER, top: str = "TOP 2.1 Sprachkurse sichern", labels: str = LABELS
) -> dict:
    return parse_niederschrift(TEMPLATE.format(header=header, top=top, labels=labels)).to_json()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (HEADER, (7, 2012, "2012-03-21", "2012-03-22", "Überherrn")),
        (
            "Ergebnisniederschrift der 7. Konferenz der Integrationsministerinnen und -minister\n"
            "Überherrn, 21./22. März 2012",
            (7, 2012, "2012-03-21", "2012-03-22", ""),
        ),
        (
            "7. Integrationsministerkonferenz\nin Überherrn am 21. und 22. März 2012",
            (7, 2012, "2012-03-21", "2012-03-22", "Überherrn"),
        ),
        (
            "15. Konferenz der für Integration zuständigen Ministerinnen und Minister\n"
            "im Umlaufverfahren vom 20. April bis 8. Mai 2020",
            (15, 2020, "2020-04-20", "2020-05-08", ""),
        ),
        (
            "Externe Niederschrift\n19. IntMK\nHauptkonf erenz am 20. – 21. März 2024 in Rostock",
            (19, 2024, "2024-03-20", "2024-03-21", "Rostock"),
        ),
        (
            "Niederschrift der 19. IntMK am 20.-21.03.2024 in Rostock-Warnemünde",
            (19, 2024, "2024-03-20", "2024-03-21", "Rostock-Warnemünde"),
        ),
        (
            "Ergebnisprotokoll der 15. IntMK\nUmlaufverfahren vom 20.04. bis 08.05.2020",
            (15, 2020, "2020-04-20", "2020-05-08", ""),
        ),
        (
            "19. IntMK\nStand: 02.05.2024\nam 20.03.2024 in Rostock",
            (19, 2024, "2024-03-20", "2024-03-20", "Rostock"),
        ),
    ],
)
def test_it_reads_the_conference_from_headers_of_other_years(header: str, expected: tuple) -> None:
    konferenz = _parse(header=header)["konferenz"]

    assert (
        konferenz["nummer"],
        konferenz["jahr"],
        konferenz["beginn"],
        konferenz["ende"],
        konferenz["ort"],
    ) == expected


@pytest.mark.parametrize(
    "top",
    [
        "TOP 2.1 Sprachkurse sichern",
        "TOP 2.1: Sprachkurse sichern",
        "TOP 2.1 – Sprachkurse sichern",
        "TOP 2.1\nSprachkurse sichern",
        "TOP 2.1 Sprachkurse\nsichern",
        "TOP 2.1 (GL) Sprachkurse sichern",
        "TOP 2.1 (GL)\nSprachkurse sichern",
    ],
)
def test_it_reads_the_top_line_with_or_without_its_title(top: str) -> None:
    (resolution,) = _parse(top=top)["beschluesse"]

    assert (resolution["top"], resolution["titel"]) == ("2.1", "Sprachkurse sichern")
    assert resolution["gruene_liste"] is ("(GL)" in top)


@pytest.mark.parametrize(
    ("labels", "vote"),
    [
        (LABELS, "einstimmig"),
        ("Abstimmung: 15:1\nAntragstellende Länder: Berlin, Bremen\nBeschluss:", "mehrheitlich"),
        (
            "Veröffentlichung: Freigabe Beschluss\nErgebnis: 16 : 0 : 0\n"
            "Antragsteller: Berlin,\nBremen\nBeschluss:",
            "einstimmig",
        ),
        (
            "Antragsteller: Berlin, Bremen\nDie IntMK hat mit 15:1 Stimmen beschlossen:",
            "mehrheitlich",
        ),
        (
            "Antragstellerinnen: Berlin, Bremen\nDie IntMK fasst einstimmig folgenden Beschluss:",
            "einstimmig",
        ),
        ("Antragsteller: Berlin, Bremen\nBeschluss (mehrheitlich):", "mehrheitlich"),
        ("Antragsteller: Berlin, Bremen\nEinstimmig beschlossen:", "einstimmig"),
        (
            "Antragsteller: Berlin, Bremen\n"
            "Die IntMK hat im Umlaufverfahren einstimmig beschlossen:",
            "einstimmig",
        ),
    ],
)
def test_it_reads_labels_in_any_order_and_votes_as_words_or_counts(labels: str, vote: str) -> None:
    (resolution,) = _parse(labels=labels)["beschluesse"]

    assert (resolution["abstimmung"], resolution["antragsteller"]) == (vote, ["DE-BE", "DE-HB"])
    assert resolution["federfuehrend"] == "DE-BE"
    assert [c["text"] for c in resolution["ziffern"]] == [
        "Die IntMK fordert den Bund auf, die Kurse zu finanzieren."
    ]


@pytest.mark.parametrize("label", ["Berichterstatter", "Berichterstatterin", "Berichterstattung"])
def test_it_reads_the_rapporteur_under_each_label(label: str) -> None:
    (resolution,) = _parse(labels=f"{label}: Bremen\nBeschluss:")["beschluesse"]

    assert (resolution["berichterstatter"], resolution["antragsteller"]) == ("DE-HB", [])


def test_a_unanimous_resolution_quoted_in_a_report_is_no_vote() -> None:
    labels = "Berichterstatter: Bremen\n"
    text = TEMPLATE.format(header=HEADER, top="TOP 2.1 Sprachkurse sichern", labels=labels)
    text = text.replace(
        "Die IntMK fordert den Bund auf, die Kurse zu finanzieren.",
        "Die IntMK nimmt den einstimmig gefassten Beschluss der ASMK zur Kenntnis.",
    )

    (resolution,) = parse_niederschrift(text).to_json()["beschluesse"]

    assert resolution["abstimmung"] is None
    assert resolution["ziffern"][0]["art"] == "kenntnisnahme"


@pytest.mark.parametrize(
    ("applicants", "expected"),
    [
        ("Alle Länder", 16),
        ("alle Länder", 16),
        ("Gemeinsamer Antrag aller Länder", 16),
        ("Alle Länder außer Bayern", 15),
        ("Alle Länder ohne Bayern und Sachsen", 14),
    ],
)
def test_it_reads_all_laender_and_the_exceptions(applicants: str, expected: int) -> None:
    labels = f"Antragsteller: {applicants}\nBeschluss:"
    (resolution,) = _parse(labels=labels)["beschluesse"]

    assert len(resolution["antragsteller"]) == expected
    assert ("DE-BY" in resolution["antragsteller"]) == (expected == 16)


@pytest.mark.parametrize(
    "chair",
    [
        "Vorsitz: Saarland",
        "Vorsitz: Minister für Inneres und Sport des Saarlandes, Franz-Josef-Röder-Straße 21",
        "Vorsitz:\nMinisterium für Soziales, Gesundheit und Sport\nSaarland",
    ],
)
def test_it_reads_the_chair_after_a_minister_or_ministry(chair: str) -> None:
    konferenz = _parse(header=f"{HEADER}\n{chair}")["konferenz"]

    assert konferenz["vorsitz"] == "DE-SL"


@pytest.mark.parametrize(
    "running_header",
    ["Externe Niederschrift", "am 21./22. März 2012 in Überherrn", "7. IntMK 2012 | Seite 2"],
)
def test_a_running_header_above_every_resolution_stays_out_of_the_text(
    running_header: str,
) -> None:
    page = "TOP {top} Sprachkurse sichern\n" + LABELS + "\nDie IntMK fordert den Bund auf.\n\n"
    text = f"{HEADER}\n\nTagesordnung\n" + "".join(
        f"{running_header}\n\n" + page.format(top=top) for top in ("2.1", "2.2", "2.3")
    )

    resolutions = parse_niederschrift(text).to_json()["beschluesse"]

    assert [r["ziffern"][-1]["text"] for r in resolutions] == [
        "Die IntMK fordert den Bund auf."
    ] * 3


@pytest.mark.parametrize(
    ("split", "joined"),
    [
        ("Hauptkonf erenz", "Hauptkonferenz"),
        ("Beschlussniederschrif t", "Beschlussniederschrift"),
        ("Ta gesordnung", "Tagesordnung"),
        ("Nordrhein-Westf alen", "Nordrhein-Westfalen"),
        ("einstim mig beschlos sen", "einstimmig beschlossen"),
    ],
)
def test_words_split_by_the_extraction_are_joined(split: str, joined: str) -> None:
    from beschluesse.importer.text import repair_split_words

    assert repair_split_words(f"Die {split} am Ende") == f"Die {joined} am Ende"


def test_two_real_words_are_not_joined() -> None:
    from beschluesse.importer.text import repair_split_words

    text = "ein stimmiges Konzept der Konferenz en bloc"
    assert repair_split_words(text) == text


def test_a_paragraph_opening_with_a_number_is_text_in_minutes_without_line_numbers() -> None:
    text = TEMPLATE.format(header=HEADER, top="TOP 2.1 Sprachkurse sichern", labels=LABELS)
    text = text.replace(
        "Die IntMK fordert den Bund auf, die Kurse zu finanzieren.",
        "1 Million Menschen warten auf einen Kurs. Die IntMK fordert den Bund auf, die Kurse "
        "zu finanzieren.",
    )

    (clause,) = parse_niederschrift(text).to_json()["beschluesse"][0]["ziffern"]

    assert clause["text"].startswith("1 Million Menschen warten")
    assert (clause["zeile_von"], clause["zeile_bis"]) == (None, None)
