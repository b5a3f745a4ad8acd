"""Line cleanup: markup, printed line numbers, hyphenation, page furniture, sentences."""

import pytest

from beschluesse.importer.text import (
    accept_number,
    clean_line,
    is_footnote,
    is_page_furniture,
    join_hyphenated,
    join_lines,
    normalise_for_compare,
    split_sentences,
    strip_markup,
    strip_private_use,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("**Die IntMK hat einstimmig beschlossen:**", "Die IntMK hat einstimmig beschlossen:"),
        ("## **TOP 1.5**", "TOP 1.5"),
        ("<p><b>1.5</b> (GL)</p>", "1.5 (GL)"),
        ("<b>1.3</b> <i>(GL)</i>", "1.3 (GL)"),
        ("Brandenburg, Hamburg, <u>Hessen</u>", "Brandenburg, Hamburg, Hessen"),
        (
            "die höchste Nettozuwanderung<sup>1</sup>. Ungeachtet",
            "die höchste Nettozuwanderung. Ungeachtet",
        ),
        (
            "#### 138 Rolle der Migrant\\*innenorganisationen",
            "138 Rolle der Migrant*innenorganisationen",
        ),
    ],
)
def test_it_strips_markup(raw: str, expected: str) -> None:
    assert strip_markup(raw) == expected


@pytest.mark.parametrize(
    ("raw", "number", "text"),
    [
        ("- 1 Die Tagesordnung wird beschlossen.", 1, "Die Tagesordnung wird beschlossen."),
        ("18 deportiert werden sollen. Wir  ", 18, "deportiert werden sollen. Wir"),
        ("  - 14 • Überprüfung und Ausweitung", 14, "• Überprüfung und Ausweitung"),
        (
            "### 93 Reform des Staatsangehörigkeitsrechtes",
            93,
            "Reform des Staatsangehörigkeitsrechtes",
        ),
        ("31 **3. Job-Turbo**", 31, "3. Job-Turbo"),
        ("32beitsmarkt zu verbessern.", 32, "beitsmarkt zu verbessern."),
        ("- 21", 21, ""),
        ("1 1. Die für Integration zuständigen", 1, "1. Die für Integration zuständigen"),
        (
            "1. der Beauftragten der Bundesregierung",
            None,
            "1. der Beauftragten der Bundesregierung",
        ),
        (
            "- Aufnahme von weiteren Erleichterungen",
            None,
            "• Aufnahme von weiteren Erleichterungen",
        ),
    ],
)
def test_it_recognises_printed_line_numbers(raw: str, number: int | None, text: str) -> None:
    line = clean_line(raw)
    assert (line.number, line.text) == (number, text)


def test_headings_are_marked() -> None:
    assert clean_line("### 93 Reform des Staatsangehörigkeitsrechtes").heading
    assert clean_line("83 **6. Prüfauftrag zum befristeten Verzicht**").heading
    assert not clean_line("- 1 **Die IntMK nimmt den Bericht zur Kenntnis.**").heading


def test_a_number_is_a_line_number_only_when_it_continues_the_count() -> None:
    assert accept_number(clean_line("2024 wurde das Gesetz geändert"), None) is False
    assert accept_number(clean_line("1 Die IntMK"), None) is True
    assert accept_number(clean_line("57 werden kann."), 57) is True
    assert accept_number(clean_line("188 Millionen Euro"), 12) is False
    assert accept_number(clean_line("14 nach einer verlorenen Zeile"), 13) is True
    assert accept_number(clean_line("16 zu weit"), 13) is False


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("nach dem Ge-", "setz", "nach dem Gesetz"),
        ("sei es mit Zuwande-", "rungsgeschichte", "sei es mit Zuwanderungsgeschichte"),
        ("Bund-Länder-Ar-", "beitsgruppe (BLAG)", "Bund-Länder-Arbeitsgruppe (BLAG)"),
        (
            "die Einführung der Job-",
            "Berufssprachkurse",
            "die Einführung der Job-Berufssprachkurse",
        ),
        (
            "Berufsbildungsvalidierungs-",
            "und digitalisierungsgesetzes",
            "Berufsbildungsvalidierungs- und digitalisierungsgesetzes",
        ),
        (
            "Schul- oder",
            "Sportsfreundinnen und -freunde",
            "Schul- oder Sportsfreundinnen und -freunde",
        ),
        (
            "in den Fokus nehmen -",
            "Arbeitskräftepotentiale",
            "in den Fokus nehmen - Arbeitskräftepotentiale",
        ),
        ("Sachsen-", "Anhalt, Thüringen", "Sachsen-Anhalt, Thüringen"),
        ("Nord-", "rhein-Westfalen, Saarland", "Nordrhein-Westfalen, Saarland"),
        # a hyphen after a digit is always a real hyphen
        ("für die 18-", "jährigen Geflüchteten", "für die 18-jährigen Geflüchteten"),
        ("seit der Covid-19-", "Pandemie", "seit der Covid-19-Pandemie"),
        ("die 16- und", "17-Jährigen", "die 16- und 17-Jährigen"),
        ("in den Jahren 2023-", "2025", "in den Jahren 2023-2025"),
    ],
)
def test_it_joins_hyphenated_words_and_keeps_real_hyphens(
    left: str, right: str, joined: str
) -> None:
    assert join_hyphenated(left, right) == joined


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hessen, Mecklenburg- Vorpommern, Niedersachsen",
            "Hessen, Mecklenburg-Vorpommern, Niedersachsen",
        ),
        (
            "Rheinland- Pfalz, Saarland, Sachsen- Anhalt",
            "Rheinland-Pfalz, Saarland, Sachsen-Anhalt",
        ),
        ("Sachsen-Anhalt und Schleswig-Holstein", "Sachsen-Anhalt und Schleswig-Holstein"),
    ],
)
def test_it_repairs_split_land_names(text: str, expected: str) -> None:
    assert join_lines([text]) == expected


@pytest.mark.parametrize(
    "text",
    [
        "# 19. Integrationsministerkonferenz 2024",
        "Hauptkonferenz am 20. - 21. März 2024 in Rostock",
        "Hauptkonferenz am 20. - 21. März in Rostock",
        "Seite 2 von 40",
        "- 2 -",
    ],
)
def test_it_recognises_page_headers_and_footers(text: str) -> None:
    assert is_page_furniture(strip_markup(text))


def test_an_empty_printed_line_is_not_a_page_footer() -> None:
    assert not is_page_furniture("- 21")


@pytest.mark.parametrize(
    "text",
    [
        "Hauptkonferenz am 23. und 24. April 2025 in Frankfurt am Main",
        "Hauptkonferenz am 6. Mai 2026 in Halle (Saale)",
        "Hauptkonferenz am 20. – 21. März 2024 in Rostock-Warnemünde",
        "Hauptkonferenz am 20.03.2024 in Rostock",
        "**20. Integrationsministerkonferenz 2025**",
    ],
)
def test_headers_with_other_dates_and_places_are_page_furniture(text: str) -> None:
    assert is_page_furniture(strip_markup(text))


@pytest.mark.parametrize(
    "text",
    [  # wrapped lines of resolution text that only start like a header or footer
        "19. Integrationsministerkonferenz (TOP 3.3) gefordert, die Kurse zu finanzieren.",
        "19. Integrationsministerkonferenz 2024 gefordert, die Kurse zu finanzieren.",
        "Hauptkonferenz am 20. März 2024 in Rostock beschlossen, die Kurse zu finanzieren.",
        "Hauptkonferenz am 20. März 2024 in Rostock die Kurse zu finanzieren",
        "Hauptkonferenz am Beispiel der Sprachkurse.",
        "Seite 2 von 40 des Berichts",
        "- 2 - und weitere Punkte",
    ],
)
def test_text_that_merely_starts_like_a_header_is_not_page_furniture(text: str) -> None:
    assert not is_page_furniture(text)


def test_private_use_characters_are_removed() -> None:
    # U+E000 … U+F8FF mark search hits in the application; they must not come in with a text
    assert strip_private_use("Sprach\ue000kurse\uf8ff fördern\uf000") == "Sprachkurse fördern"
    assert strip_markup("\ue001**Die IntMK**\ue002 begrüßt") == "Die IntMK begrüßt"
    line = clean_line("12 Die IntMK fordert den \ue000Bund\ue001 auf,")
    assert (line.number, line.text) == (12, "Die IntMK fordert den Bund auf,")


def test_symbol_font_bullets_from_the_private_use_area_become_bullets() -> None:
    assert clean_line("\uf0b7 Ausbau der Sprachkurse").text == "• Ausbau der Sprachkurse"
    assert clean_line("\uf0a7\tAusbau der Sprachkurse").text == "• Ausbau der Sprachkurse"


def test_text_without_private_use_characters_is_unchanged() -> None:
    text = "Die IntMK begrüßt – „ausdrücklich“ – die Reform (§ 44 AufenthG) • ▪ €"
    assert strip_private_use(text) == text


def test_it_recognises_footnotes() -> None:
    assert is_footnote("---")
    assert is_footnote("<sup>1</sup> Statistische Bundesamt (Destatis) Pressemitteilung Nr. 249")
    assert not is_footnote("Nettozuwanderung<sup>1</sup>. Ungeachtet")


def test_sentences_do_not_end_at_ordinals_dates_or_abbreviations() -> None:
    text = (
        "Beschluss der 18. IntMK vom 02.02.2024 gem. § 44 AufenthG. Die IntMK nimmt die "
        "Berichte\n1. des BMI\n2. des BAMF zur Kenntnis.\nJob-Turbo\nDie IntMK begrüßt das."
    )
    assert split_sentences(text) == [
        "Beschluss der 18. IntMK vom 02.02.2024 gem. § 44 AufenthG.",
        "Die IntMK nimmt die Berichte\n1. des BMI\n2. des BAMF zur Kenntnis.",
        "Job-Turbo",
        "Die IntMK begrüßt das.",
    ]


def test_titles_compare_without_typography() -> None:
    agenda = 'Bericht der UAG "Diskriminierung"  - im Rahmen der LAG'
    page = "Bericht der UAG „Diskriminierung“ – im Rahmen der LAG"
    assert normalise_for_compare(agenda) == normalise_for_compare(page)
    assert normalise_for_compare("mit Behinderung") != normalise_for_compare("mit Behinderungen")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Die Mittel fehlen ab dem Jahr 2026. Die Länder sagen zu, X zu tun.",
            ["Die Mittel fehlen ab dem Jahr 2026.", "Die Länder sagen zu, X zu tun."],
        ),
        (
            "Das Programm läuft bis 2024. Der Bund wird gebeten, es zu verlängern.",
            ["Das Programm läuft bis 2024.", "Der Bund wird gebeten, es zu verlängern."],
        ),
        (
            "Das Schreiben ist vom 23.02.2024. Es wird begrüßt.",
            ["Das Schreiben ist vom 23.02.2024.", "Es wird begrüßt."],
        ),
        (
            "Die Quote der Abbrüche liegt bei 3. Zudem fehlt Personal.",
            ["Die Quote der Abbrüche liegt bei 3.", "Zudem fehlt Personal."],
        ),
        (
            "Sie nennt Nr. 3. Um das zu ändern, handelt sie.",
            ["Sie nennt Nr. 3.", "Um das zu ändern, handelt sie."],
        ),
    ],
)
def test_a_period_after_a_year_or_before_a_sentence_opener_ends_the_sentence(
    text: str, expected: list[str]
) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [  # sentences of the seed with ordinals before a noun
        "Mit Beschluss zu TOP 1.4 Absatz 4 der 18. IntMK hat diese das Land Hessen beauftragt.",
        "Die Kosten werden den Ländern voraussichtlich im 4. Quartal 2024 in Rechnung gestellt.",
        "Die Jobcenter haben infolge des zum 1. Juni 2022 erfolgten Rechtskreiswechsels Aufgaben.",
        "Auslöser ist ein Treffen von Rechtsextremisten am 25. November 2023 in Potsdam.",
        "Das Motto der diesjährigen 19. IntMK - Miteinander Wachsen - soll Verantwortung zeigen.",
        "Sie macht sich den Beschluss 6.2 der 100. ASMK zu eigen.",
        "Die IntMK nimmt die Berichte\n1. Die Verstetigung\n2. Der Ausbau zur Kenntnis.",
    ],
)
def test_ordinals_before_a_noun_and_list_numbers_do_not_end_a_sentence(text: str) -> None:
    assert split_sentences(text) == [text]
