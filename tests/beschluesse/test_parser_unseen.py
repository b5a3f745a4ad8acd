"""Minutes in styles the corpus does not render, written by hand from how German ministerial
conferences lay out their minutes: votes counted in words or given after "Beschluss:",
applicants abbreviated or marked "(federführend)", TOP headings spelt out, Ziffern as "1)" or
"(1)", declarations "zu Protokoll" of several Länder, headers and footers of any wording,
characters of PDF and Word conversions, and a Word document laid out with tables.  Each is
read through the parser's entry point, as the import reads it."""

import io
from typing import Any

from beschluesse.importer.parser import parse_niederschrift
from beschluesse.importer.readers import read_document

COVER = """\
Ergebnisniederschrift
20. Integrationsministerkonferenz 2025
am 23./24. April 2025 in Göttingen
Vorsitz: Niedersachsen

"""


def _parse(text: str) -> dict[str, Any]:
    return parse_niederschrift(text).to_json()


def _page(top: str, fields: str, text: str) -> str:
    return f"{COVER}TOP {top} Sprachkurse sichern\n{fields}\n{text}\n"


def _demands(resolution: dict[str, Any]) -> list[tuple[str, str]]:
    return [(d["art"], d["adressat"]) for c in resolution["ziffern"] for d in c["forderungen"]]


FORDERUNG = "Die IntMK fordert den Bund auf, die Kurse dauerhaft zu finanzieren."


def test_votes_counted_in_words_or_by_slashes() -> None:
    cases = {
        "Ja: 15 Nein: 0 Enthaltung: 1": "einstimmig",
        "15 Ja-Stimmen, 1 Nein-Stimme": "mehrheitlich",
        "Abstimmungsergebnis: 16 Ja / 0 Nein / 0 Enthaltungen": "einstimmig",
        "Abstimmungsergebnis: 14/2/0": "mehrheitlich",
        "Abstimmungsergebnis: Zustimmung 15, Ablehnung 1": "mehrheitlich",
    }
    for line, vote in cases.items():
        (resolution,) = _parse(_page("2.1", f"Antragsteller: Berlin\n{line}", FORDERUNG))[
            "beschluesse"
        ]
        assert (resolution["abstimmung"], resolution["antragsteller"]) == (vote, ["DE-BE"]), line
        assert [c["text"] for c in resolution["ziffern"]] == [FORDERUNG], line


def test_the_vote_after_beschluss_or_behind_the_title() -> None:
    for fields, vote in [
        ("Antragsteller: Hessen\nBeschluss: einstimmig", "einstimmig"),
        ("Antragsteller: Hessen\nBeschluss: mehrheitlich angenommen", "mehrheitlich"),
        ("Antragsteller: Hessen\nAnnahme: mehrheitlich", "mehrheitlich"),
        ("Antragsteller: Hessen\neinstimmig beschlossen", "einstimmig"),
    ]:
        (resolution,) = _parse(_page("2.1", fields, FORDERUNG))["beschluesse"]
        assert resolution["abstimmung"] == vote, fields
        assert [c["text"] for c in resolution["ziffern"]] == [FORDERUNG], fields

    text = f"{COVER}TOP 2.4 Teilhabe verbessern (Einstimmig)\nAntragsteller: Sachsen\n{FORDERUNG}\n"
    (resolution,) = _parse(text)["beschluesse"]
    assert (resolution["titel"], resolution["abstimmung"]) == ("Teilhabe verbessern", "einstimmig")
    assert [c["text"] for c in resolution["ziffern"]] == [FORDERUNG]


def test_a_vote_label_without_beschluss_ends_the_header() -> None:
    """Without "Beschluss:" the text begins after the labels, not in the title."""
    fields = "Antragsteller: Saarland\nAbstimmungsergebnis: 14 Ja-Stimmen, 2 Nein-Stimmen"
    (resolution,) = _parse(_page("2.7", fields, FORDERUNG))["beschluesse"]
    assert resolution["titel"] == "Sprachkurse sichern"
    assert resolution["abstimmung"] == "mehrheitlich"
    assert _demands(resolution) == [("forderung", "Bund")]


def test_applicants_abbreviated_marked_federfuehrend_or_named_by_role() -> None:
    cases = [
        ("Antragsteller: BE, HH", ["DE-BE", "DE-HH"], None),
        ("Antragsteller: NRW, RLP, LSA", ["DE-NW", "DE-RP", "DE-ST"], None),
        ("Antragsteller: Berlin (federführend), Hamburg", ["DE-BE", "DE-HH"], "DE-BE"),
        ("Antragsteller: NW, RP; Federführung: Rheinland-Pfalz", ["DE-NW", "DE-RP"], "DE-RP"),
        ("Antragsteller: Bremen, Hessen\nFederführendes Land: Hessen", ["DE-HB", "DE-HE"], "DE-HE"),
        ("Antragsteller: Vorsitzland", ["DE-NI"], "DE-NI"),
        ("Antragsteller: Freie und Hansestadt Hamburg, Freistaat Bayern", ["DE-HH", "DE-BY"], None),
    ]
    for fields, applicants, lead in cases:
        page = _page("2.1", f"{fields}\nAbstimmungsergebnis: einstimmig\nBeschluss:", FORDERUNG)
        (resolution,) = _parse(page)["beschluesse"]
        assert resolution["antragsteller"] == applicants, fields
        assert resolution["federfuehrend"] == lead, fields
        assert [c["text"] for c in resolution["ziffern"]] == [FORDERUNG], fields


def test_top_headings_spelt_out_and_a_numbered_agenda_with_groups() -> None:
    text = """\
Niederschrift
über die 20. Integrationsministerkonferenz
am 23. und 24. April 2025 in Göttingen

Tagesordnung
1. Regularien
1.1 Genehmigung der Tagesordnung
2. Integration in Arbeit
2.1 Sprachkurse sichern Berlin, Bremen
2.2 Beratung stärken HH

Tagesordnungspunkt 1.1: Genehmigung der Tagesordnung
Beschluss: einstimmig
Die Tagesordnung wird genehmigt.

Tagesordnungspunkt 2.1
Sprachkurse sichern
Antragsteller: Berlin (federführend), Bremen
Die IntMK hat einstimmig beschlossen:
1. Die IntMK fordert den Bund auf, die Kurse dauerhaft zu finanzieren.
2. Die IntMK bittet die Länder, über die Umsetzung zu berichten.

Top 2.2 – Beratung stärken
Antragsteller: Hamburg
Die IntMK hat mehrheitlich beschlossen:
Die IntMK bittet das BAMF, die Beratung auszubauen.
"""
    data = _parse(text)
    assert [(a["top"], a["titel"], a["antragsteller"]) for a in data["tagesordnung"]] == [
        ("1", "Regularien", []),
        ("1.1", "Genehmigung der Tagesordnung", []),
        ("2", "Integration in Arbeit", []),
        ("2.1", "Sprachkurse sichern", ["DE-BE", "DE-HB"]),
        ("2.2", "Beratung stärken", ["DE-HH"]),
    ]
    assert [a["gruppe"] for a in data["tagesordnung"]][3] == "Integration in Arbeit"
    resolutions = data["beschluesse"]
    assert [(r["top"], r["titel"], r["abstimmung"]) for r in resolutions] == [
        ("1.1", "Genehmigung der Tagesordnung", "einstimmig"),
        ("2.1", "Sprachkurse sichern", "einstimmig"),
        ("2.2", "Beratung stärken", "mehrheitlich"),
    ]
    assert resolutions[0]["ziffern"][0]["text"] == "Die Tagesordnung wird genehmigt."
    assert [c["nummer"] for c in resolutions[1]["ziffern"]] == ["1", "2"]
    assert _demands(resolutions[1]) == [("forderung", "Bund"), ("bitte", "Länder")]
    assert _demands(resolutions[2]) == [("bitte", "BAMF")]
    assert data["warnungen"] == []


def test_roman_parts_ziffern_in_brackets_and_lettered_items() -> None:
    text = """\
Niederschrift
20. Integrationsministerkonferenz 2025
am 23. und 24. April 2025 in Göttingen

Tagesordnung
I. Regularien
TOP 1 Genehmigung der Tagesordnung
II. Anträge der Länder
TOP 2 Sprachkurse sichern Berlin, Bremen
TOP 3 Beratung stärken Hamburg

TOP 1
Genehmigung der Tagesordnung
Die IntMK hat einstimmig beschlossen:
Die Tagesordnung wird genehmigt.

TOP 2
Sprachkurse sichern
Antragsteller: Berlin, Bremen
Die IntMK hat einstimmig beschlossen:
1) Die IntMK fordert den Bund auf, die Kurse dauerhaft zu finanzieren.
2) Die IntMK bittet die Länder,
a) über die Umsetzung zu berichten und
b) die Kurse zu bewerben.
3) Die IntMK begrüßt die Zusage des Bundes.

TOP 3
Beratung stärken
Antragsteller: Hamburg
Die IntMK hat mehrheitlich beschlossen:
(1) Die IntMK bittet das BAMF, die Beratung auszubauen.
(2) Sie bittet den Bund, die Mittel zu verstetigen.
"""
    data = _parse(text)
    assert [(a["top"], a["titel"]) for a in data["tagesordnung"]] == [
        ("1", "Genehmigung der Tagesordnung"),
        ("2", "Sprachkurse sichern"),
        ("3", "Beratung stärken"),
    ]
    second, third = data["beschluesse"][1:]
    assert [(c["nummer"], c["art"]) for c in second["ziffern"]] == [
        ("1", "forderung"),
        ("2", "bitte"),
        ("3", "begruessung"),
    ]
    assert second["ziffern"][1]["text"] == (
        "Die IntMK bittet die Länder,\na) über die Umsetzung zu berichten und\n"
        "b) die Kurse zu bewerben."
    )
    assert [d["adressat"] for d in second["ziffern"][1]["forderungen"]] == ["Länder", "Länder"]
    assert [c["nummer"] for c in third["ziffern"]] == ["1", "2"]
    assert _demands(third) == [("bitte", "BAMF"), ("bitte", "Bund")]
    assert data["warnungen"] == []


def test_declarations_for_the_record_of_one_or_several_laender() -> None:
    text = _page(
        "2.1",
        "Antragsteller:\tBerlin, Bremen\nAbstimmungsergebnis:\t13:3:0\nBeschluss:",
        f"1. {FORDERUNG}\n2. Die IntMK bittet die Länder, über die Umsetzung zu berichten.\n"
        "Protokollnotiz BY:\nBayern trägt Ziffer 1 nicht mit.\n"
        "Protokollerklärung des Freistaates Sachsen:\nSachsen hält das für nicht erforderlich.\n"
        "Protokollnotiz der Länder Hessen und Thüringen zu Ziffer 2:\n"
        "Die Länder enthalten sich.\n",
    )
    (resolution,) = _parse(text)["beschluesse"]
    assert resolution["abstimmung"] == "mehrheitlich"
    assert [c["text"] for c in resolution["ziffern"]][1] == (
        "Die IntMK bittet die Länder, über die Umsetzung zu berichten."
    )
    assert [(n["land"], n["text"]) for n in resolution["protokollnotizen"]] == [
        ("DE-BY", "Bayern trägt Ziffer 1 nicht mit."),
        ("DE-SN", "Sachsen hält das für nicht erforderlich."),
        ("DE-HE", "Die Länder enthalten sich."),
        ("DE-TH", "Die Länder enthalten sich."),
    ]


def test_headers_and_footers_of_any_wording_stay_out_of_the_text() -> None:
    text = f"""\
IntMK 2025 – Beschlüsse
Freigegeben zur Veröffentlichung

{COVER}TOP 2.1 Sprachkurse sichern
Antragsteller: Berlin, Bremen
Abstimmungsergebnis: einstimmig
Beschluss:
1. Die IntMK fordert den Bund auf, die Kurse dauerhaft zu finanzieren und die
Qualifizierung der Lehrkräfte zu sichern.

Stand: 24.04.2025
Seite 2 von 12
IntMK 2025 – Beschlüsse
Freigegeben zur Veröffentlichung

2. Die IntMK bittet die Bundesregierung, die Berufssprachkurse flexibel zu gestalten.

– 3 –

TOP 2.2 Beratung stärken
Antragsteller: Hamburg
Abstimmungsergebnis: einstimmig
Beschluss:
Die IntMK bittet das BAMF, die Beratung auszubauen.

Stand: 24.04.2025
Seite 3 von 12
IntMK 2025 – Beschlüsse
Freigegeben zur Veröffentlichung

TOP 2.3 Wohnraum schaffen
Antragsteller: Sachsen
Abstimmungsergebnis: einstimmig
Beschluss:
Die IntMK fordert den Bund auf, Mittel bereitzustellen.

Niederschrift_IntMK_2025_final.docx
Seite 4 von 12
"""
    resolutions = _parse(text)["beschluesse"]
    assert [[c["text"] for c in r["ziffern"]] for r in resolutions] == [
        [
            "Die IntMK fordert den Bund auf, die Kurse dauerhaft zu finanzieren und die "
            "Qualifizierung der Lehrkräfte zu sichern.",
            "Die IntMK bittet die Bundesregierung, die Berufssprachkurse flexibel zu gestalten.",
        ],
        ["Die IntMK bittet das BAMF, die Beratung auszubauen."],
        ["Die IntMK fordert den Bund auf, Mittel bereitzustellen."],
    ]


def test_characters_of_pdf_and_word_conversions_are_read_as_plain_ones() -> None:
    """Ligatures, soft hyphens (inside a word and at a line end), no-break and narrow spaces,
    a zero-width space, a form feed between pages and typographic quotes."""
    text = (
        f"{COVER}TOP\u00a02.1 Sprachkurse sichern\nAntragsteller:\u00a0Berlin,\u202fBremen\n"
        "Abstimmungsergebnis: 16\u00a0:\u00a00\u00a0:\u00a00\nBeschluss:\n"
        "1.\tDie IntMK fordert den Bund auf, die Integrations\u00adkurse dauer\u00adhaft zu "
        "ﬁnanzieren und die Qualiﬁ\u00ad\nzierung der Lehrkräfte zu sichern.\n"
        "\f2.\tDie IntMK bittet die Bundes\u200bregierung, die „Berufssprachkurse“ ﬂexibel "
        "zu gestalten.\n"
    )
    (resolution,) = _parse(text)["beschluesse"]
    assert (resolution["abstimmung"], resolution["antragsteller"]) == (
        "einstimmig",
        ["DE-BE", "DE-HB"],
    )
    assert [(c["nummer"], c["text"]) for c in resolution["ziffern"]] == [
        (
            "1",
            "Die IntMK fordert den Bund auf, die Integrationskurse dauerhaft zu finanzieren "
            "und die Qualifizierung der Lehrkräfte zu sichern.",
        ),
        (
            "2",
            "Die IntMK bittet die Bundesregierung, die „Berufssprachkurse“ flexibel zu gestalten.",
        ),
    ]
    assert _demands(resolution) == [("forderung", "Bund"), ("bitte", "Bundesregierung")]


def test_line_numbers_at_the_end_of_the_lines() -> None:
    """A two-column PDF read by pdftotext: each printed number after its line; a year at the
    end of a line ("bis 2027") is no line number."""
    lines = [
        "1. Die IntMK fordert den Bund auf, die Integrationskurse ab dem Jahr",
        "2026 dauerhaft zu finanzieren.",
        "2. Die IntMK bittet die Länder, über die Umsetzung bis 2027",
        "zu berichten.",
        "Protokollnotiz Bayern:",
        "Bayern trägt Ziffer 1 nicht mit.",
    ]
    body = "\n".join(f"{line} {number}" for number, line in enumerate(lines, start=1))
    text = _page("2.1", "Antragsteller: Berlin\nDie IntMK hat einstimmig beschlossen:", body)
    (resolution,) = _parse(text)["beschluesse"]
    assert [(c["nummer"], c["zeile_von"], c["zeile_bis"]) for c in resolution["ziffern"]] == [
        ("1", 1, 2),
        ("2", 3, 4),
    ]
    assert resolution["ziffern"][1]["text"] == (
        "Die IntMK bittet die Länder, über die Umsetzung bis 2027 zu berichten."
    )
    assert resolution["zeilen"] == 6
    assert [
        (n["land"], n["zeile_von"], n["zeile_bis"]) for n in resolution["protokollnotizen"]
    ] == [("DE-BY", 5, 6)]


def test_sister_conferences_asked_by_name_or_abbreviation() -> None:
    cases = {
        "die Gesundheitsministerkonferenz": "GMK",
        "die Jugend- und Familienministerkonferenz (JFMK)": "JFMK",
        "die GMK": "GMK",
        "die Wirtschaftsministerkonferenz": "Wirtschaftsministerkonferenz",
    }
    for worded, addressee in cases.items():
        text = f"Die IntMK bittet {worded}, sich mit der Sprachmittlung zu befassen."
        (resolution,) = _parse(_page("2.1", "Antragsteller: Saarland\nBeschluss:", text))[
            "beschluesse"
        ]
        assert _demands(resolution) == [("bitte", addressee)], worded
        assert resolution["ziffern"][0]["forderungen"][0]["ebene"] == "other"


def _word_document() -> bytes:
    """Agenda and resolution headers as Word tables (a "Federführung" column, applicants
    abbreviated), the Ziffern as paragraphs of Word's list styles, nested items a level
    down."""
    import docx

    document = docx.Document()
    for line in COVER.strip().splitlines():
        document.add_paragraph(line)
    document.add_paragraph("Tagesordnung")
    agenda = document.add_table(rows=1, cols=4)
    rows = [
        ("TOP", "Thema", "Antragsteller", "Federführung"),
        ("2.1", "Sprachkurse sichern", "BE, HB, HH", "HB"),
        ("2.2", "Beratung stärken", "Vorsitzland", ""),
    ]
    for index, row in enumerate(rows):
        cells = agenda.rows[0].cells if index == 0 else agenda.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    pages = [
        ("2.1", "Sprachkurse sichern", "BE, HB, HH", "16:0:0"),
        ("2.2", "Beratung stärken", "Vorsitzland", "Ja: 15 Nein: 1 Enthaltung: 0"),
    ]
    clauses = {
        "2.1": [
            ("List Number", FORDERUNG),
            ("List Number", "Die IntMK bittet die Länder,"),
            ("List Number 2", "über die Umsetzung zu berichten und"),
            ("List Number 2", "die Kurse zu bewerben."),
            ("List Number", "Die IntMK begrüßt die Zusage des Bundes."),
        ],
        "2.2": [(None, "Die IntMK bittet das BAMF, die Beratung auszubauen.")],
    }
    for top, title, applicants, vote in pages:
        header = document.add_table(rows=3, cols=2)
        values = [(f"TOP {top}", title), ("Antragsteller:", applicants)]
        for row, (label, value) in zip(
            header.rows, [*values, ("Abstimmungsergebnis:", vote)], strict=True
        ):
            row.cells[0].text, row.cells[1].text = label, value
        document.add_paragraph("Beschluss:")
        for style, text in clauses[top]:
            document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_document_laid_out_with_tables_and_list_styles() -> None:
    text = read_document(_word_document()).text
    assert text is not None
    data = _parse(text)
    assert data["konferenz"]["vorsitz"] == "DE-NI"
    assert [(a["top"], a["antragsteller"], a["federfuehrend"]) for a in data["tagesordnung"]] == [
        ("2.1", ["DE-BE", "DE-HB", "DE-HH"], "DE-HB"),
        ("2.2", ["DE-NI"], "DE-NI"),
    ]
    first, second = data["beschluesse"]
    assert (first["titel"], first["abstimmung"], first["federfuehrend"]) == (
        "Sprachkurse sichern",
        "einstimmig",
        "DE-HB",
    )
    assert [c["nummer"] for c in first["ziffern"]] == ["1", "2", "3"]
    assert first["ziffern"][1]["text"] == (
        "Die IntMK bittet die Länder,\n1. über die Umsetzung zu berichten und\n"
        "2. die Kurse zu bewerben."
    )
    assert _demands(first) == [("forderung", "Bund"), ("bitte", "Länder"), ("bitte", "Länder")]
    assert (second["abstimmung"], second["antragsteller"]) == ("mehrheitlich", ["DE-NI"])
    assert _demands(second) == [("bitte", "BAMF")]
