"""Layouts other than the seed: labelled fields, no line numbers, letter TOPs, page headers
and footers, plain text as a PDF or DOCX gives it, and input that is not importable."""

import pytest

from beschluesse.importer.errors import NiederschriftError
from beschluesse.importer.pages import parse_page
from beschluesse.importer.parser import parse_niederschrift

LABELLED = """\
Beschlussniederschrift
20. Integrationsministerkonferenz 2025
Hauptkonferenz am 23. und 24. April 2025 in Göttingen
Vorsitz: Niedersachsen

Tagesordnung
A3\tGenehmigung der Tagesordnung
2.9b\tSprachkurse sichern (GL)\tBerlin, Bremen

Seite 2 von 40

TOP A3
Genehmigung der Tagesordnung
Abstimmungsergebnis: einstimmig
Beschluss:
Die Tagesordnung wird genehmigt.

- 2 -

TOP 2.9b
Sprachkurse sichern
Antragsteller: Berlin,
Bremen
Abstimmungsergebnis: mehrheitlich
Beschluss:
Die IntMK stellt fest, dass Sprachkurse fehlen.

Sie sieht Handlungsbedarf.

1. Die IntMK fordert den Bund auf, die Kurse dauerhaft zu finanzieren.
2. Der Bund wird gebeten zu prüfen, ob die Kurse im Jahr
2026 ausgeweitet werden können.

Seite 3 von 40

3. Die IntMK begrüßt die Zusage der Länder.
"""

NUMBERED_PLAIN = """\
21. Integrationsministerkonferenz 2026
Hauptkonferenz am 6. Mai 2026 in Berlin

TOP 3.3
Teilhabe verbessern
Antragsteller: Berlin
Die IntMK hat einstimmig beschlossen:
1 1. Die IntMK bittet die Bundesregierung, den Zugang zu Ge-
2 setzen zu erleichtern.
- 3 -
3 2. Die Länder sagen zu, über die Umsetzung zu berich-
4 ten.
Protokollnotiz Bayern:
5 Bayern trägt den Beschluss nicht mit.
"""


def test_labelled_fields_give_applicants_vote_and_text() -> None:
    data = parse_niederschrift(LABELLED).to_json()
    resolution = data["beschluesse"][1]
    assert (resolution["top"], resolution["titel"]) == ("2.9b", "Sprachkurse sichern")
    assert resolution["abstimmung"] == "mehrheitlich"
    assert resolution["antragsteller"] == ["DE-BE", "DE-HB"]
    assert resolution["gruene_liste"] is True


def test_letter_tops_are_read() -> None:
    data = parse_niederschrift(LABELLED).to_json()
    assert [item["top"] for item in data["tagesordnung"]] == ["A3", "2.9b"]
    assert [item["top"] for item in data["beschluesse"]] == ["A3", "2.9b"]
    assert data["beschluesse"][0]["abstimmung"] == "einstimmig"


def test_conference_from_a_plain_cover() -> None:
    konferenz = parse_niederschrift(LABELLED).to_json()["konferenz"]
    assert konferenz == {
        "nummer": 20,
        "jahr": 2025,
        "ort": "Göttingen",
        "beginn": "2025-04-23",
        "ende": "2025-04-24",
        "vorsitz": "DE-NI",
        "motto": "",
    }


def test_without_line_numbers_clauses_follow_numbering_and_paragraphs() -> None:
    clauses = parse_niederschrift(LABELLED).to_json()["beschluesse"][1]["ziffern"]
    assert [(c["nummer"], c["zeile_von"], c["zeile_bis"], c["art"]) for c in clauses] == [
        (None, None, None, "feststellung"),
        (None, None, None, "feststellung"),
        ("1", None, None, "forderung"),
        ("2", None, None, "pruefbitte"),
        ("3", None, None, "begruessung"),
    ]
    assert parse_niederschrift(LABELLED).to_json()["beschluesse"][1]["zeilen"] == 0


def test_page_headers_and_footers_do_not_end_up_in_the_text() -> None:
    clauses = parse_niederschrift(LABELLED).to_json()["beschluesse"][1]["ziffern"]
    assert clauses[3]["text"] == (
        "Der Bund wird gebeten zu prüfen, ob die Kurse im Jahr 2026 ausgeweitet werden können."
    )
    assert all("Seite" not in c["text"] for c in clauses)


def test_plain_pdf_text_with_line_numbers_and_a_dissent_note() -> None:
    resolution = parse_niederschrift(NUMBERED_PLAIN).to_json()["beschluesse"][0]
    clauses = resolution["ziffern"]
    assert [(c["nummer"], c["zeile_von"], c["zeile_bis"], c["art"]) for c in clauses] == [
        ("1", 1, 2, "bitte"),
        ("2", 3, 4, "selbstverpflichtung"),
    ]
    assert clauses[0]["text"] == (
        "Die IntMK bittet die Bundesregierung, den Zugang zu Gesetzen zu erleichtern."
    )
    assert resolution["zeilen"] == 5
    assert resolution["protokollnotizen"] == [
        {
            "land": "DE-BY",
            "zeile_von": 5,
            "zeile_bis": 5,
            "text": "Bayern trägt den Beschluss nicht mit.",
        }
    ]


def test_without_agenda_the_single_applicant_leads() -> None:
    data = parse_niederschrift(NUMBERED_PLAIN).to_json()
    assert data["tagesordnung"] == []
    assert data["beschluesse"][0]["federfuehrend"] == "DE-BE"
    assert data["warnungen"] == []


@pytest.mark.parametrize("text", ["", "   \n\n\t  \n"])
def test_empty_text_is_refused(text: str) -> None:
    with pytest.raises(NiederschriftError, match="leer"):
        parse_niederschrift(text).to_json()


def test_text_that_is_not_minutes_is_refused() -> None:
    with pytest.raises(NiederschriftError, match="keine IntMK-Niederschrift"):
        parse_niederschrift("Einladung zum Sommerfest\n\nWir feiern am 3. Juli im Hof.\n").to_json()


def test_minutes_without_any_top_are_refused() -> None:
    text = "19. Integrationsministerkonferenz 2024\n\nTagesordnung folgt.\n"
    with pytest.raises(NiederschriftError, match="kein Tagesordnungspunkt"):
        parse_niederschrift(text).to_json()


def test_a_document_ending_mid_word_is_refused() -> None:
    cut = NUMBERED_PLAIN.replace(
        "5 Bayern trägt den Beschluss nicht mit.\n", "5 Bayern trägt den Be-"
    )
    with pytest.raises(NiederschriftError, match="abgeschnitten.*mitten im Wort"):
        parse_niederschrift(cut).to_json()


def test_a_document_ending_mid_sentence_is_refused() -> None:
    cut = LABELLED.replace(
        "3. Die IntMK begrüßt die Zusage der Länder.\n", "3. Die IntMK begrüßt die"
    )
    with pytest.raises(NiederschriftError, match="abgeschnitten.*TOP 2.9b.*mitten im Satz"):
        parse_niederschrift(cut).to_json()


def test_a_resolution_page_without_text_is_refused() -> None:
    text = NUMBERED_PLAIN + "\nTOP 3.4\nArbeit fördern\nAntragsteller: Bremen\n"
    text += "Die IntMK hat einstimmig beschlossen:\n"
    with pytest.raises(NiederschriftError, match="TOP 3.4 hat eine Überschrift, aber keinen"):
        parse_niederschrift(text).to_json()


def test_resolution_text_may_follow_the_beschluss_label_on_the_same_line() -> None:
    text = LABELLED.replace(
        "Beschluss:\nDie Tagesordnung wird genehmigt.",
        "Beschluss: Die Tagesordnung wird genehmigt.",
    )
    (clause,) = parse_niederschrift(text).to_json()["beschluesse"][0]["ziffern"]
    assert clause["text"] == "Die Tagesordnung wird genehmigt."


def test_agenda_rows_without_table_cells_split_title_and_applicants() -> None:
    text = LABELLED.replace(
        "A3\tGenehmigung der Tagesordnung\n2.9b\tSprachkurse sichern (GL)\tBerlin, Bremen\n",
        "Hauptkonferenz am 23. und 24. April 2025\nTOP A3 Genehmigung der Tagesordnung\n"
        "TOP 2.9b Sprachkurse sichern (GL) Berlin, Bremen\n",
    )
    rows = parse_niederschrift(text).to_json()["tagesordnung"]
    assert [(r["top"], r["titel"], r["antragsteller"], r["gruene_liste"]) for r in rows] == [
        ("A3", "Genehmigung der Tagesordnung", [], False),
        ("2.9b", "Sprachkurse sichern", ["DE-BE", "DE-HB"], True),
    ]


# Plain text exactly as the DOCX reader (importer/readers/docx.py) emits it: a blank line
# between paragraphs, table rows with their cells joined by a TAB (no blank line between rows),
# underlined runs as <u>…</u>, automatic list numbers written out, no markdown, no line numbers
# and here no "Tagesordnung" heading: the agenda is just the table.
DOCX_PLAIN = """\
19. Integrationsministerkonferenz 2024

Externe Niederschrift

Hauptkonferenz am 20. und 21. März 2024 in Rostock-Warnemünde

TOP\tThema
3.3\tTeilhabe von Neuzugewanderten mit Behinderungen verbessern\t<u>Berlin</u>, Bremen
3.5 (GL)\tMigrationsberatung zukunftssicher aufstellen\tHamburg, <u>Hessen</u>

19. Integrationsministerkonferenz 2024

TOP 3.3

Teilhabe von Neuzugewanderten mit Behinderungen verbessern

Antragsteller: Berlin

Die IntMK hat einstimmig beschlossen:

1. Die IntMK stellt fest, dass neu zugewanderte Menschen mit Behinderungen vor Barrieren stehen.

2. Die IntMK fordert den Bund auf, die Beratung zu finanzieren, und zwar ab dem Jahr 2026. \
Die Länder sagen zu, die Beratung im 4. Quartal 2024 fortzusetzen.

3. Der Bund wird gebeten zu prüfen, ob die Angebote ausgeweitet werden können.

19. Integrationsministerkonferenz 2024

TOP 3.5

Migrationsberatung zukunftssicher aufstellen

Antragsteller: Hamburg, Hessen

Die IntMK hat mehrheitlich beschlossen:

Die IntMK bittet die Bundesregierung, die Migrationsberatung zu sichern.
"""

AGENDA_FROM_DOCX = [
    (
        "3.3",
        "Teilhabe von Neuzugewanderten mit Behinderungen verbessern",
        ["DE-BE", "DE-HB"],
        "DE-BE",
        False,
    ),
    ("3.5", "Migrationsberatung zukunftssicher aufstellen", ["DE-HH", "DE-HE"], "DE-HE", True),
]


def _agenda(data: dict) -> list[tuple]:
    return [
        (r["top"], r["titel"], r["antragsteller"], r["federfuehrend"], r["gruene_liste"])
        for r in data["tagesordnung"]
    ]


def test_docx_plain_text_reads_the_agenda_table_without_a_heading() -> None:
    assert _agenda(parse_niederschrift(DOCX_PLAIN).to_json()) == AGENDA_FROM_DOCX


def test_docx_agenda_cell_with_title_and_applicants_keeps_the_underlined_lead() -> None:
    text = DOCX_PLAIN.replace("verbessern\t<u>Berlin", "verbessern <u>Berlin").replace(
        "aufstellen\tHamburg", "aufstellen Antragsteller: Hamburg"
    )
    assert _agenda(parse_niederschrift(text).to_json()) == AGENDA_FROM_DOCX


def test_docx_plain_text_gives_resolutions_with_lead_and_numbered_clauses() -> None:
    data = parse_niederschrift(DOCX_PLAIN).to_json()
    assert (data["konferenz"]["nummer"], data["konferenz"]["beginn"]) == (19, "2024-03-20")
    first, second = data["beschluesse"]
    assert (first["top"], first["abstimmung"], first["federfuehrend"]) == (
        "3.3",
        "einstimmig",
        "DE-BE",
    )
    assert first["titel"] == "Teilhabe von Neuzugewanderten mit Behinderungen verbessern"
    assert first["antragsteller"] == ["DE-BE"]
    clauses = [
        (
            c["nummer"],
            c["zeile_von"],
            c["art"],
            [(d["adressat"], d["art"]) for d in c["forderungen"]],
        )
        for c in first["ziffern"]
    ]
    assert clauses == [
        ("1", None, "feststellung", []),
        ("2", None, "forderung", [("Bund", "forderung"), ("Länder", "selbstverpflichtung")]),
        ("3", None, "pruefbitte", [("Bund", "pruefbitte")]),
    ]
    assert first["ziffern"][0]["text"] == (
        "Die IntMK stellt fest, dass neu zugewanderte Menschen mit Behinderungen vor Barrieren "
        "stehen."
    )
    # "2026. Die Länder …" ends the sentence that carries the demand to the Bund
    assert [d["wortlaut"] for d in first["ziffern"][1]["forderungen"]] == [
        "Die IntMK fordert den Bund auf, die Beratung zu finanzieren, und zwar ab dem Jahr 2026.",
        "Die Länder sagen zu, die Beratung im 4. Quartal 2024 fortzusetzen.",
    ]
    assert (second["top"], second["abstimmung"], second["federfuehrend"]) == (
        "3.5",
        "mehrheitlich",
        "DE-HE",
    )
    assert [(c["nummer"], c["art"]) for c in second["ziffern"]] == [(None, "bitte")]
    # the page names only Berlin; the agenda names Berlin and Bremen
    assert data["warnungen"] == [
        "TOP 3.3: Die Antragsteller weichen voneinander ab – Tagesordnung: Berlin, Bremen; "
        "Beschlussseite: Berlin."
    ]


# No line numbers, and a wrapped line that starts like the conference header or the line
# "Hauptkonferenz am …": it is text, not page furniture.
WRAPPED_HEADER_WORDS = """\
20. Integrationsministerkonferenz 2025
Hauptkonferenz am 23. und 24. April 2025 in Göttingen

TOP 2.9b
Sprachkurse sichern
Antragsteller: Berlin
Abstimmungsergebnis: einstimmig
Beschluss:
1. Die IntMK fordert den Bund erneut auf, wie bereits auf der
19. Integrationsministerkonferenz (TOP 3.3) gefordert, die Kurse zu finanzieren.
2. Die Länder sagen zu, die Ergebnisse der
Hauptkonferenz am 23. und 24. April 2025 in Göttingen umzusetzen.

Seite 2 von 40

20. Integrationsministerkonferenz 2025
Hauptkonferenz am 23. und 24. April 2025 in Göttingen

3. Die IntMK begrüßt die Zusage der Länder.
"""


def test_a_wrapped_line_that_starts_like_a_page_header_stays_in_the_text() -> None:
    resolution = parse_niederschrift(WRAPPED_HEADER_WORDS).to_json()["beschluesse"][0]
    clauses = resolution["ziffern"]
    assert [(c["nummer"], c["art"]) for c in clauses] == [
        ("1", "forderung"),
        ("2", "selbstverpflichtung"),
        ("3", "begruessung"),
    ]
    assert clauses[0]["text"] == (
        "Die IntMK fordert den Bund erneut auf, wie bereits auf der 19. "
        "Integrationsministerkonferenz (TOP 3.3) gefordert, die Kurse zu finanzieren."
    )
    # "19." at the start of the wrapped line is an ordinal, not a list item of its own
    assert [d["wortlaut"] for d in clauses[0]["forderungen"]] == [clauses[0]["text"]]
    assert clauses[1]["text"] == (
        "Die Länder sagen zu, die Ergebnisse der Hauptkonferenz am 23. und 24. April 2025 in "
        "Göttingen umzusetzen."
    )
    assert resolution["verweise"] == [{"konferenz": 19, "top": "3.3", "ziffer": None}]


@pytest.mark.parametrize(
    "place",
    ["Frankfurt am Main", "Halle (Saale)", "Rostock-Warnemünde", "Bad Homburg vor der Höhe"],
)
def test_the_place_of_the_conference_may_have_several_words(place: str) -> None:
    text = LABELLED.replace("in Göttingen", f"in {place}")
    assert parse_niederschrift(text).to_json()["konferenz"]["ort"] == place


def test_the_place_ends_with_its_line() -> None:
    text = LABELLED.replace(
        "Hauptkonferenz am 23. und 24. April 2025 in Göttingen\n",
        "Hauptkonferenz am 23. und 24. April\n2025 in Frankfurt am Main\nExterne Niederschrift\n",
    )
    konferenz = parse_niederschrift(text).to_json()["konferenz"]
    assert (konferenz["ort"], konferenz["beginn"]) == ("Frankfurt am Main", "2025-04-23")


def test_without_a_date_the_year_comes_from_the_conference_header() -> None:
    text = LABELLED.replace("Hauptkonferenz am 23. und 24. April 2025 in Göttingen\n", "")
    konferenz = parse_niederschrift(text).to_json()["konferenz"]
    assert (konferenz["nummer"], konferenz["jahr"], konferenz["beginn"]) == (20, 2025, None)


def test_the_year_may_come_from_the_header_of_a_resolution_page() -> None:
    # the cover ends at "Tagesordnung"; only the page header names the year
    text = NUMBERED_PLAIN.replace(
        "21. Integrationsministerkonferenz 2026\nHauptkonferenz am 6. Mai 2026 in Berlin\n",
        "Niederschrift der 21. IntMK\n\nTagesordnung\n3.3\tTeilhabe verbessern\tBerlin\n",
    ).replace("TOP 3.3\n", "21. Integrationsministerkonferenz 2026\nTOP 3.3\n")
    konferenz = parse_niederschrift(text).to_json()["konferenz"]
    assert (konferenz["nummer"], konferenz["jahr"]) == (21, 2026)


def test_minutes_without_the_year_of_the_conference_are_refused() -> None:
    text = NUMBERED_PLAIN.replace(
        "21. Integrationsministerkonferenz 2026\nHauptkonferenz am 6. Mai 2026 in Berlin\n",
        "Niederschrift der 21. Integrationsministerkonferenz\nHauptkonferenz in Berlin\n",
    )
    with pytest.raises(NiederschriftError, match=r"Das Jahr der 21\. IntMK ist nicht zu erkennen"):
        parse_niederschrift(text).to_json()


def test_the_year_of_another_conference_is_not_taken() -> None:
    text = NUMBERED_PLAIN.replace(
        "21. Integrationsministerkonferenz 2026\nHauptkonferenz am 6. Mai 2026 in Berlin\n",
        "Niederschrift der 21. IntMK\nim Anschluss an die 20. IntMK 2025\n",
    )
    with pytest.raises(NiederschriftError, match="Jahr der 21. IntMK"):
        parse_niederschrift(text).to_json()


def test_a_page_that_does_not_start_with_a_top_heading_raises_a_niederschrift_error() -> None:
    # cannot happen through parse_niederschrift (pages are cut at TOP headings); the check
    # must hold with "python -O" too, so it is no assert
    with pytest.raises(NiederschriftError, match="beginnt nicht mit „TOP …“"):
        parse_page(["Sprachkurse sichern", "Die IntMK begrüßt die Kurse."])


def test_private_use_characters_do_not_come_into_the_import() -> None:
    marked = NUMBERED_PLAIN.replace("Teilhabe", "\ue000Teilhabe\ue001").replace(
        "Gesetzen", "Ge\uf8ffsetzen"
    )
    data = parse_niederschrift(marked).to_json()
    assert data == parse_niederschrift(NUMBERED_PLAIN).to_json()
    assert not any("\ue000" <= char <= "\uf8ff" for char in repr(data))
