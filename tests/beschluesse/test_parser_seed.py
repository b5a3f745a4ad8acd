# ruff: noqa: E501 -- the titles are pinned verbatim from the minutes
"""The 19th IntMK 2024 (the seed minutes), pinned resolution by resolution.

Every resolution of the seed is listed here, with every clause: number, printed line range,
kind and the demands it carries.  The expected rows were checked against the printed minutes.
"""

from pathlib import Path

import pytest

from beschluesse.importer.parser import parse_niederschrift
from beschluesse.importer.schema import validate_exchange
from intmk.laender import LAENDER

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "19-intmk-2024-niederschrift.txt"

ALL = [
    "DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-HE", "DE-MV",
    "DE-NI", "DE-NW", "DE-RP", "DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH",
]  # fmt: skip


ALL_LAENDER = [code for code, _ in LAENDER]


def all_but(*codes: str) -> list[str]:
    """The Länder in printed (alphabetical) order without the given ones."""
    return [code for code in ALL_LAENDER if code not in codes]


@pytest.fixture(scope="module")
def seed() -> dict:
    return parse_niederschrift(SEED.read_text(encoding="utf-8")).to_json()


@pytest.fixture(scope="module")
def resolutions(seed: dict) -> dict[str, dict]:
    return {item["top"]: item for item in seed["beschluesse"]}


AGENDA = [
    ("A", None, False, []),
    ("B", None, False, []),
    ("1", None, False, []),
    ("1.1", "DE-MV", False, ["DE-MV"]),
    ("1.2", "DE-MV", False, ["DE-MV"]),
    ("1.3", "DE-HE", True, ["DE-BB", "DE-HH", "DE-HE"]),
    ("1.4", "DE-HE", True, ["DE-HE"]),
    ("1.5", "DE-HE", True, ["DE-HE"]),
    ("1.6", "DE-MV", True, ["DE-MV"]),
    ("1.7", "DE-HH", False, ["DE-HH"]),
    (
        "2",
        "DE-MV",
        False,
        all_but("DE-BY"),
    ),
    ("3", None, False, []),
    ("3.2", "DE-BE", False, ["DE-BE", "DE-HB", "DE-TH"]),
    ("3.3", "DE-BE", False, ["DE-BE"]),
    (
        "3.5",
        None,
        False,
        ALL_LAENDER,
    ),
    (
        "3.6",
        "DE-NW",
        False,
        ["DE-BW", "DE-BE", "DE-HB", "DE-HH", "DE-HE", "DE-NW", "DE-SL", "DE-TH"],
    ),
    ("3.7", "DE-NW", True, ["DE-BE", "DE-HB", "DE-NW", "DE-RP"]),
    ("3.8", "DE-NW", False, ["DE-BW", "DE-HH", "DE-HE", "DE-MV", "DE-NW", "DE-SL", "DE-TH"]),
    ("4", None, False, []),
    ("4.1", "DE-BW", False, ["DE-BW", "DE-BB", "DE-MV", "DE-RP", "DE-SN"]),
    (
        "4.2",
        None,
        False,
        ALL_LAENDER,
    ),
    ("5", None, False, []),
    (
        "5.1",
        "DE-HH",
        False,
        all_but("DE-BW", "DE-BY"),
    ),
    (
        "5.2",
        "DE-NW",
        False,
        ["DE-BW", "DE-BE", "DE-HB", "DE-MV", "DE-NI", "DE-NW", "DE-RP", "DE-SL", "DE-ST"],
    ),
    ("6", None, False, []),
    (
        "6.1",
        "DE-BE",
        False,
        [
            "DE-BE",
            "DE-BB",
            "DE-HH",
            "DE-HE",
            "DE-MV",
            "DE-NI",
            "DE-NW",
            "DE-SL",
            "DE-SN",
            "DE-ST",
            "DE-TH",
        ],
    ),
    (
        "6.3",
        "DE-BE",
        False,
        ["DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-MV", "DE-NI", "DE-NW", "DE-RP", "DE-SN", "DE-TH"],
    ),
    ("6.4", "DE-SL", False, ["DE-HH", "DE-MV", "DE-NI", "DE-SL", "DE-SN"]),
    ("6.5", "DE-SL", False, ["DE-HH", "DE-MV", "DE-NI", "DE-SL", "DE-SH"]),
    ("7", None, False, []),
    ("8", None, False, []),
    ("8.1", "DE-MV", False, ["DE-MV"]),
    ("8.2", "DE-ST", False, ["DE-ST"]),
    ("8.3", "DE-NI", False, ["DE-NI"]),
    ("8.4", "DE-TH", False, ["DE-TH"]),
    ("8.5", "DE-NW", False, ["DE-NW"]),
    ("9", None, False, []),
]
RESOLUTIONS = [
    ("A", "einstimmig", False, None, None, 1, []),
    ("B", None, False, None, None, 0, []),
    ("1.1", "einstimmig", False, "DE-MV", None, 0, []),
    ("1.2", "einstimmig", False, "DE-MV", None, 16, ["DE-MV"]),
    ("1.3", "einstimmig", True, "DE-HE", None, 3, ["DE-BB", "DE-HH", "DE-HE"]),
    ("1.4", "einstimmig", True, "DE-HE", None, 8, ["DE-HE"]),
    ("1.5", "einstimmig", True, "DE-HE", None, 3, ["DE-HE"]),
    ("1.6", "einstimmig", True, "DE-MV", None, 3, ["DE-MV"]),
    ("1.7", None, False, "DE-HH", "DE-HH", 2, []),
    (
        "2",
        "mehrheitlich",
        False,
        "DE-MV",
        None,
        346,
        all_but("DE-BY"),
    ),
    ("3.2", "mehrheitlich", False, "DE-BE", None, 29, ["DE-BE", "DE-HB", "DE-TH"]),
    ("3.3", "mehrheitlich", False, "DE-BE", None, 57, ["DE-BE"]),
    (
        "3.5",
        "einstimmig",
        False,
        None,
        None,
        37,
        ALL_LAENDER,
    ),
    (
        "3.6",
        "einstimmig",
        False,
        "DE-NW",
        None,
        34,
        ["DE-BW", "DE-BE", "DE-HB", "DE-HH", "DE-HE", "DE-NW", "DE-SL", "DE-TH"],
    ),
    ("3.7", "mehrheitlich", True, "DE-NW", None, 12, ["DE-BE", "DE-HB", "DE-NW", "DE-RP"]),
    (
        "3.8",
        "einstimmig",
        False,
        "DE-NW",
        None,
        23,
        ["DE-BW", "DE-HH", "DE-HE", "DE-MV", "DE-NW", "DE-SL", "DE-TH"],
    ),
    ("4.1", "mehrheitlich", False, "DE-BW", None, 5, ["DE-BW", "DE-BB", "DE-MV", "DE-RP", "DE-SN"]),
    (
        "4.2",
        "einstimmig",
        False,
        None,
        None,
        80,
        ALL_LAENDER,
    ),
    (
        "5.1",
        "einstimmig",
        False,
        "DE-HH",
        None,
        13,
        all_but("DE-BW", "DE-BY"),
    ),
    (
        "5.2",
        "mehrheitlich",
        False,
        "DE-NW",
        None,
        12,
        ["DE-BW", "DE-BE", "DE-HB", "DE-MV", "DE-NI", "DE-NW", "DE-RP", "DE-SL", "DE-ST"],
    ),
    (
        "6.1",
        "mehrheitlich",
        False,
        "DE-BE",
        None,
        109,
        [
            "DE-BE",
            "DE-BB",
            "DE-HH",
            "DE-HE",
            "DE-MV",
            "DE-NI",
            "DE-NW",
            "DE-SL",
            "DE-SN",
            "DE-ST",
            "DE-TH",
        ],
    ),
    (
        "6.3",
        "mehrheitlich",
        False,
        "DE-BE",
        None,
        33,
        ["DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-MV", "DE-NI", "DE-NW", "DE-RP", "DE-SN", "DE-TH"],
    ),
    (
        "6.4",
        "mehrheitlich",
        False,
        "DE-SL",
        None,
        29,
        ["DE-HH", "DE-MV", "DE-NI", "DE-SL", "DE-SN"],
    ),
    (
        "6.5",
        "mehrheitlich",
        False,
        "DE-SL",
        None,
        33,
        ["DE-HH", "DE-MV", "DE-NI", "DE-SL", "DE-SH"],
    ),
]
TITLES = {
    "A": "Genehmigung der Tagesordnung",
    "B": "Berichte des Bundes",
    "1.1": "Grüne Liste",
    "1.2": "Fortsetzung der Arbeit der BLAG (AG-MPK) „Ebenen übergreifende Kooperation im Politikfeld Integration“",
    "1.3": "Bericht der LAG „Menschen mit Migrationsgeschichte im öffentlichen Dienst fördern“",
    "1.4": "Finanzierung des Bund-Länder-Integrationsbarometers",
    "1.5": "Bericht der UAG „Diskriminierung und Rassismus im Ländermonitoring“ im Rahmen der LAG „Indikatorenentwicklung und Monitoring“",
    "1.6": "Erfolgskontrolle",
    "1.7": "Bericht über erste Erfahrungen mit der Bezahlkarte",
    "2": "Leitantrag: Miteinander wachsen",
    "3.2": "AGG weiterentwickeln, Diskriminierungsschutz stärken",
    "3.3": "Teilhabe von Neuzugewanderten mit Behinderungen verbessern",
    "3.5": "Migrationsberatung zukunftssicher aufstellen",
    "3.6": "Gesellschaftliche und politische Partizipationsmöglichkeiten für Angehörige der Sinti und Roma Community schaffen",
    "3.7": "Mikrozensus mehrsprachig gestalten",
    "3.8": "Forschung und Monitoring im Bereich Antiziganismus stärken, antiziganistische Einstellungen in der Gesellschaft bekämpfen",
    "4.1": "Berechtigung zur Teilnahme an einem Integrationskurs gem. § 44 AufenthG bei Aufenthaltsstatus nach § 22 Satz 2 AufenthG",
    "4.2": "Sprachförderangebote des Bundes weiterentwickeln und zukunftsfest gestalten",
    "5.1": "Handlungserfordernisse nach Wegfall des Umsetzungsvorbehalts von Artikel 59 der Istanbul-Konvention",
    "5.2": "Begrüßung der Umsetzung der im Follow-Up-Prozess identifizierten Maßnahmen zur Entlastung der Ausländerbehörden",
    "6.1": "Den demographischen Wandel in den Fokus nehmen - Arbeitskräftepotentiale von Eingewanderten und Einwanderungsinteressierten besser nutzen - Nachhaltige Teilnahme am Arbeitsleben ermöglichen",
    "6.3": "Verstetigung der Anerkennungs- und Qualifizierungsberatung unter Beteiligung der Länder",
    "6.4": "Arbeitsmarktintegration von Menschen ohne formalen Berufsabschluss weiterentwickeln – Ausweitung der Westbalkanregelung auf Drittstaaten",
    "6.5": "Beschleunigung der Anerkennung in nicht-reglementierten Berufen – Einführung eines allgemeinen Qualifikationsnachweises",
}
CLAUSES = {
    "A": [
        (None, 1, 1, "sonstiges", []),
    ],
    "B": [
        (None, None, None, "kenntnisnahme", []),
    ],
    "1.1": [
        (None, None, None, "sonstiges", []),
    ],
    "1.2": [
        (None, 1, 4, "auftrag", [("BLAG", "other", "auftrag")]),
        (None, 5, 7, "sonstiges", []),
        (None, 8, 13, "sonstiges", []),
        (None, 14, 16, "auftrag", [("Vorsitzland", "land", "auftrag")]),
    ],
    "1.3": [
        (None, 1, 3, "kenntnisnahme", []),
    ],
    "1.4": [
        (None, 1, 8, "auftrag", [("Land Hessen", "land", "auftrag")]),
    ],
    "1.5": [
        (None, 1, 3, "kenntnisnahme", []),
    ],
    "1.6": [
        (None, 1, 3, "kenntnisnahme", []),
    ],
    "1.7": [
        (None, 1, 1, "kenntnisnahme", []),
    ],
    "2": [
        (None, 1, 4, "sonstiges", []),
        (None, 5, 11, "begruessung", []),
        (None, 12, 14, "sonstiges", []),
        (None, 15, 19, "sonstiges", []),
        (None, 20, 25, "sonstiges", []),
        (None, 26, 34, "sonstiges", []),
        (None, 35, 49, "sonstiges", []),
        (None, 50, 55, "sonstiges", []),
        (None, 56, 66, "sonstiges", []),
        (None, 67, 75, "sonstiges", []),
        (None, 76, 80, "sonstiges", []),
        (None, 81, 86, "sonstiges", []),
        (None, 87, 92, "sonstiges", []),
        (None, 93, 109, "begruessung", []),
        (None, 110, 117, "selbstverpflichtung", [("Länder", "land", "selbstverpflichtung")]),
        (None, 118, 125, "sonstiges", []),
        (None, 126, 137, "sonstiges", []),
        (None, 138, 148, "sonstiges", []),
        (None, 149, 154, "sonstiges", []),
        (None, 155, 161, "sonstiges", []),
        (None, 162, 167, "sonstiges", []),
        (None, 168, 177, "sonstiges", []),
        (None, 178, 181, "sonstiges", []),
        (None, 182, 187, "sonstiges", []),
        (None, 188, 193, "feststellung", []),
        (None, 194, 198, "sonstiges", []),
        (
            None,
            199,
            207,
            "forderung",
            [
                ("Bund", "bund", "forderung"),
                ("Länder", "land", "forderung"),
                ("Kommunen", "kommune", "forderung"),
            ],
        ),
        (None, 208, 214, "sonstiges", []),
        (None, 215, 221, "sonstiges", []),
        (None, 222, 230, "sonstiges", []),
        (None, 231, 241, "sonstiges", []),
        (None, 242, 243, "sonstiges", []),
        (None, 244, 251, "begruessung", []),
        (None, 252, 258, "begruessung", []),
        (None, 259, 262, "forderung", [("Bund", "bund", "forderung")]),
        (None, 263, 276, "forderung", [("Bund", "bund", "forderung")]),
        (None, 277, 281, "bitte", [("Bund", "bund", "bitte")]),
        (None, 282, 284, "sonstiges", []),
        (None, 285, 293, "pruefbitte", [("Bund", "bund", "pruefbitte")]),
        (None, 294, 302, "sonstiges", []),
        (None, 303, 310, "forderung", [("Arbeitgeber", "other", "forderung")]),
        (None, 311, 313, "sonstiges", []),
        (None, 314, 316, "sonstiges", []),
    ],
    "3.2": [
        ("1", 1, 3, "begruessung", []),
        ("2", 4, 22, "forderung", [("Bundesregierung", "bund", "forderung")]),
        ("3", 23, 29, "pruefbitte", [("Bundesregierung", "bund", "pruefbitte")]),
    ],
    "3.3": [
        (
            "1",
            1,
            10,
            "pruefbitte",
            [("Bund", "bund", "pruefbitte"), ("Länder", "land", "pruefbitte")],
        ),
        ("2", 11, 13, "bitte", [("Bund", "bund", "bitte")]),
        ("3", 14, 16, "pruefbitte", [("Bund", "bund", "pruefbitte")]),
        ("4", 17, 22, "forderung", [("Bund", "bund", "forderung")]),
        ("5", 23, 35, "forderung", [("Bund", "bund", "forderung"), ("Bund", "bund", "forderung")]),
        (
            "6",
            36,
            49,
            "forderung",
            [
                ("Bund", "bund", "forderung"),
                ("Länder", "land", "forderung"),
                ("Kommunen", "kommune", "forderung"),
            ],
        ),
        ("7", 50, 52, "pruefbitte", [("Bund", "bund", "pruefbitte")]),
        ("8", 53, 57, "forderung", [("Bund", "bund", "forderung")]),
    ],
    "3.5": [
        ("1", 1, 10, "sonstiges", []),
        ("2", 11, 26, "bitte", [("Bund", "bund", "bitte")]),
        ("3", 27, 37, "sonstiges", []),
    ],
    "3.6": [
        ("1", 1, 6, "feststellung", []),
        ("2", 7, 12, "selbstverpflichtung", [("Länder", "land", "selbstverpflichtung")]),
        ("3", 13, 17, "sonstiges", []),
        ("4", 18, 21, "sonstiges", []),
    ],
    "3.7": [
        ("1", 1, 8, "sonstiges", []),
        ("2", 9, 12, "forderung", [("Bund", "bund", "forderung")]),
    ],
    "3.8": [
        ("1", 1, 6, "sonstiges", []),
        ("2", 7, 11, "sonstiges", []),
        ("3", 12, 19, "empfehlung", []),
        ("4", 20, 23, "sonstiges", []),
    ],
    "4.1": [
        (None, 1, 5, "bitte", [("Bundesregierung", "bund", "bitte")]),
    ],
    "4.2": [
        ("1", 1, 8, "begruessung", []),
        ("2", 9, 21, "forderung", [("Bund", "bund", "forderung")]),
        ("3", 22, 28, "forderung", [("Bund", "bund", "forderung"), ("Bund", "bund", "empfehlung")]),
        ("4", 29, 44, "forderung", [("Bund", "bund", "forderung")]),  # "bekräftigt … Forderung"
        ("5", 45, 53, "forderung", [("Bund", "bund", "forderung")]),
        ("6", 54, 63, "forderung", [("Bund", "bund", "forderung")]),
        ("7", 64, 70, "pruefbitte", [("Bund", "bund", "pruefbitte")]),
        ("8", 71, 80, "bitte", [("Bund", "bund", "bitte")]),
    ],
    "5.1": [
        ("1", 1, 8, "begruessung", []),
        ("2", 9, 10, "pruefbitte", [("Bundesregierung", "bund", "pruefbitte")]),
        ("3", 11, 13, "sonstiges", []),
    ],
    "5.2": [
        ("1", 1, 6, "begruessung", []),
        ("2", 7, 10, "feststellung", []),
        ("3", 11, 12, "feststellung", []),
    ],
    "6.1": [
        ("1", 1, 19, "forderung", [("Bundesregierung", "bund", "forderung")]),
        ("2", 20, 30, "begruessung", []),
        ("3", 31, 49, "empfehlung", [("BAMF", "bund", "empfehlung")]),
        ("4", 50, 75, "begruessung", []),
        ("5", 76, 82, "bitte", [("Bundesregierung", "bund", "bitte")]),
        ("6", 83, 94, "pruefbitte", [("Bund", "bund", "pruefbitte")]),
        ("7", 95, 109, "bitte", [("BMI", "bund", "bitte")]),
    ],
    "6.3": [
        (None, 1, 5, "sonstiges", []),
        (
            None,
            6,
            19,
            "forderung",
            [
                ("Bund", "bund", "forderung"),
                ("Bund", "bund", "forderung"),
                ("Bund", "bund", "forderung"),
                ("Bund", "bund", "forderung"),
            ],
        ),
        (
            None,
            20,
            29,
            "forderung",
            [
                ("Bund", "bund", "forderung"),
                ("Bund", "bund", "forderung"),
                ("Bund", "bund", "forderung"),
            ],
        ),
        (None, 30, 33, "sonstiges", []),
    ],
    "6.4": [
        (
            "1",
            1,
            16,
            "bitte",
            [
                ("Bund", "bund", "bitte"),
                ("Länder", "land", "selbstverpflichtung"),
                ("Bund", "bund", "forderung"),
            ],
        ),
        ("2", 17, 21, "begruessung", []),
        ("3", 22, 25, "pruefbitte", [("Bundesregierung", "bund", "pruefbitte")]),
        ("4", 26, 29, "bitte", [("Bund", "bund", "bitte")]),
    ],
    "6.5": [
        ("1", 1, 7, "begruessung", []),
        (
            "2",
            8,
            30,
            "pruefbitte",
            [("Bund", "bund", "pruefbitte"), ("Länder", "land", "pruefbitte")],
        ),
        ("3", 31, 33, "pruefbitte", [("Bund", "bund", "pruefbitte")]),
    ],
}
REFERENCES = {
    "1.2": [(18, "1.2", "3")],
    "1.4": [(18, "1.4", "4")],
    "1.5": [(17, "2.6", None)],
    "3.3": [(18, "2.3", None), (16, "3.4", None)],
    "3.5": [(18, "4.3", None)],
    "3.8": [(14, "5.3", None)],
    "4.2": [(18, "5.1", None)],
    "6.3": [(18, "7.2", None)],
}


NOTES = {
    "2": [("DE-BY", 317, 346, "Der Freistaat Bayern begrüßt ausdrücklich")],
    "3.6": [("DE-BY", 22, 34, "Der Freistaat Bayern begrüßt die Zielsetzung")],
}


def test_it_reads_the_conference(seed: dict) -> None:
    assert seed["konferenz"] == {
        "nummer": 19,
        "jahr": 2024,
        "ort": "Rostock-Warnemünde",
        "beginn": "2024-03-20",
        "ende": "2024-03-21",
        "vorsitz": "DE-MV",
        "motto": "Miteinander wachsen",
    }


def test_the_result_is_a_valid_exchange_document(seed: dict) -> None:
    validate_exchange(seed)


def test_it_lists_every_agenda_row_in_order(seed: dict) -> None:
    assert [row["top"] for row in seed["tagesordnung"]] == [row[0] for row in AGENDA]


@pytest.mark.parametrize(("top", "lead", "consent", "applicants"), AGENDA)
def test_agenda_row(
    seed: dict, top: str, lead: str | None, consent: bool, applicants: list
) -> None:
    row = next(row for row in seed["tagesordnung"] if row["top"] == top)
    assert (row["federfuehrend"], row["gruene_liste"], row["antragsteller"]) == (
        lead,
        consent,
        applicants,
    )


@pytest.mark.parametrize(
    ("top", "group"),
    [
        ("A", ""),
        ("B", ""),
        ("1", "Grüne Liste, Berichte der AGs, Erfolgskontrolle"),
        ("1.3", "Grüne Liste, Berichte der AGs, Erfolgskontrolle"),
        ("3.7", "Integration, Teilhabe und gesellschaftlicher Zusammenhalt"),
        ("6.5", "Arbeit und Ausbildung"),
        ("8.1", "Kamingespräch"),
        ("9", "Sonstiges"),
    ],
)
def test_agenda_group_is_the_title_of_the_top_level_item(seed: dict, top: str, group: str) -> None:
    row = next(row for row in seed["tagesordnung"] if row["top"] == top)
    assert row["gruppe"] == group


def test_agenda_titles_lose_their_markup(seed: dict) -> None:
    titles = {row["top"]: row["titel"] for row in seed["tagesordnung"]}
    assert titles["1"] == "Grüne Liste, Berichte der AGs, Erfolgskontrolle"
    assert titles["1.4"] == "Finanzierung des Bund-Länder-Integrationsbarometers"
    assert titles["7"].startswith("Digitaler Austausch mit den Kommunalen Spitzenverbänden")


def test_it_finds_one_resolution_per_resolution_page(seed: dict) -> None:
    assert [item["top"] for item in seed["beschluesse"]] == [row[0] for row in RESOLUTIONS]


@pytest.mark.parametrize(
    ("top", "vote", "consent", "lead", "rapporteur", "lines", "applicants"), RESOLUTIONS
)
def test_resolution_facts(
    resolutions: dict, top, vote, consent, lead, rapporteur, lines, applicants
) -> None:
    item = resolutions[top]
    assert (item["abstimmung"], item["gruene_liste"], item["federfuehrend"]) == (
        vote,
        consent,
        lead,
    )
    assert (item["berichterstatter"], item["zeilen"]) == (rapporteur, lines)
    assert item["antragsteller"] == applicants


@pytest.mark.parametrize(("top", "title"), TITLES.items())
def test_resolution_title_is_the_one_on_the_resolution_page(
    resolutions: dict, top: str, title: str
) -> None:
    assert resolutions[top]["titel"] == title


@pytest.mark.parametrize(("top", "clauses"), CLAUSES.items())
def test_clauses_with_lines_kinds_and_demands(resolutions: dict, top: str, clauses: list) -> None:
    found = [
        (
            clause["nummer"],
            clause["zeile_von"],
            clause["zeile_bis"],
            clause["art"],
            [(d["adressat"], d["ebene"], d["art"]) for d in clause["forderungen"]],
        )
        for clause in resolutions[top]["ziffern"]
    ]
    assert found == clauses


@pytest.mark.parametrize("top", [row[0] for row in RESOLUTIONS])
def test_dissent_notes(resolutions: dict, top: str) -> None:
    notes = resolutions[top]["protokollnotizen"]
    expected = NOTES.get(top, [])
    assert [(n["land"], n["zeile_von"], n["zeile_bis"]) for n in notes] == [
        (land, first, last) for land, first, last, _ in expected
    ]
    for note, (*_, start) in zip(notes, expected, strict=True):
        assert note["text"].startswith(start)


@pytest.mark.parametrize("top", [row[0] for row in RESOLUTIONS])
def test_references(resolutions: dict, top: str) -> None:
    found = [(r["konferenz"], r["top"], r["ziffer"]) for r in resolutions[top]["verweise"]]
    assert found == REFERENCES.get(top, [])


def test_dissent_note_is_not_part_of_the_last_clause(resolutions: dict) -> None:
    last = resolutions["2"]["ziffern"][-1]
    assert "Freistaat Bayern" not in last["text"]
    assert last["zeile_bis"] == 316


def test_top_3_2_hands_the_empty_printed_lines_to_the_unnumbered_text(resolutions: dict) -> None:
    clauses = resolutions["3.2"]["ziffern"]
    assert (clauses[1]["zeile_von"], clauses[2]["zeile_bis"]) == (4, 29)
    assert clauses[1]["text"].endswith("Auskunfts-, Beanstandungs- und Beteiligungsrechte.")


def test_clause_text_is_dehyphenated_with_bullets_on_their_own_lines(resolutions: dict) -> None:
    text = resolutions["3.2"]["ziffern"][1]["text"]
    lines = text.split("\n")
    assert lines[0].startswith("Die IntMK fordert die Bundesregierung auf")
    assert "folgenden Anpassungen zu prüfen:" in lines[0]
    assert [line[:2] for line in lines[1:]] == ["• "] * 6
    assert "Familienstatus und Fürsorgeverantwortung" in lines[1]
    assert "  " not in text


def test_clause_text_has_no_line_numbers_or_markup(resolutions: dict) -> None:
    text = resolutions["3.3"]["ziffern"][4]["text"]
    assert text.startswith("Die IntMK erinnert an den Beschlussvorschlag")
    assert "am Arbeitsmarkt zu verbessern." in text  # "32beitsmarkt" in the source
    assert "**" not in text and "<" not in text


def test_numbered_headings_start_a_clause_and_keep_their_heading(resolutions: dict) -> None:
    clause = resolutions["6.1"]["ziffern"][2]
    assert clause["nummer"] == "3"
    assert clause["text"].startswith("Job-Turbo\nDie mit dem Job-Turbo")


def test_section_headings_join_the_following_paragraph(resolutions: dict) -> None:
    clause = resolutions["2"]["ziffern"][13]
    assert (clause["zeile_von"], clause["zeile_bis"]) == (93, 109)
    assert clause["text"].startswith("Reform des Staatsangehörigkeitsrechtes\nDie IntMK begrüßt")


def test_list_items_after_a_demand_are_demands_of_their_own(resolutions: dict) -> None:
    demands = resolutions["6.3"]["ziffern"][1]["forderungen"]
    assert [d["wortlaut"][:45] for d in demands] == [
        "Sie fordern den Bund auf, die Verstetigung de",
        "Sie fordern den Bund auf, einen flächendecken",
        "Sie fordern den Bund auf, regionale Besonderh",
        "Sie fordern den Bund auf, die Länder frühzeit",
    ]


def test_demand_wording_is_the_sentence_that_carries_it(resolutions: dict) -> None:
    demand = resolutions["3.3"]["ziffern"][2]["forderungen"][0]
    assert demand["wortlaut"] == (
        "Der Bund wird zudem gebeten zu prüfen, inwiefern praktische oder administrative Hürden "
        "den Zugang neu zugewanderter Unionsbürgerinnen und Unionsbürger zur gesetzlichen "
        "Krankenversicherung einschränken."
    )


def test_oral_report_has_a_rapporteur_and_no_vote(resolutions: dict) -> None:
    item = resolutions["1.7"]
    assert (item["abstimmung"], item["berichterstatter"], item["antragsteller"]) == (
        None,
        "DE-HH",
        [],
    )


def test_report_list_of_top_b_stays_in_one_clause(resolutions: dict) -> None:
    (clause,) = resolutions["B"]["ziffern"]
    lines = clause["text"].split("\n")
    assert lines[1] == (
        "1. der Beauftragten der Bundesregierung für Migration, Flüchtlinge und Integration "
        "sowie für Antirassismus"
    )
    # intro, the eight reports each on a line of its own, then the closing "zur Kenntnis."
    assert len(lines) == 10
    assert lines[0].endswith("nehmen die Berichte")
    assert [line.split(" ", 1)[0] for line in lines[1:9]] == [f"{n}." for n in range(1, 9)]
    assert lines[8] == "8. der Bundesagentur für Arbeit"
    assert lines[9] == "zur Kenntnis."
    assert clause["art"] == "kenntnisnahme"


def test_demands_without_addressee_take_the_preceding_demands_addressee(
    resolutions: dict,
) -> None:
    clauses = resolutions["4.2"]["ziffern"]
    empfehlung = clauses[2]["forderungen"][1]
    assert (empfehlung["adressat"], empfehlung["art"]) == ("Bund", "empfehlung")
    assert empfehlung["wortlaut"].startswith(
        "Um nicht von jährlichen haushälterischen Finanzierungsprioritäten abhängig zu sein, "
        "regt die IntMK an, die EOK als Regelangebot gesetzlich zu verankern"
    )
    (forderung,) = clauses[4]["forderungen"]
    assert (forderung["adressat"], forderung["ebene"]) == ("Bund", "bund")
    assert (
        "fordert die IntMK jedoch insbesondere auch die Wiedereinführung eines „Alphabonus“"
        in (forderung["wortlaut"])
    )


def test_the_laender_professing_cooperation_commit_themselves(resolutions: dict) -> None:
    (demand,) = resolutions["2"]["ziffern"][14]["forderungen"]
    assert demand["wortlaut"].startswith(
        "Die Länder bekennen sich zur Fortsetzung der Zusammenarbeit mit dem Bund"
    )


def test_the_intmk_professing_to_continue_the_process_is_no_demand(resolutions: dict) -> None:
    last = resolutions["2"]["ziffern"][-1]
    assert last["text"].startswith("Die IntMK bekennt sich dazu")
    assert (last["art"], last["forderungen"]) == ("sonstiges", [])


def test_the_laender_being_called_upon_in_their_own_law_commit_themselves(
    resolutions: dict,
) -> None:
    demands = resolutions["6.4"]["ziffern"][0]["forderungen"]
    assert (demands[1]["adressat"], demands[1]["ebene"], demands[1]["art"]) == (
        "Länder",
        "land",
        "selbstverpflichtung",
    )
    assert demands[1]["wortlaut"].startswith("Die Länder sind gleichermaßen beim Rechtsanspruch")


def test_green_list_table_rows_are_part_of_top_1_1(resolutions: dict) -> None:
    text = resolutions["1.1"]["ziffern"][0]["text"]
    assert text.split("\n")[-1] == (
        "• TOP 3.7: Mikrozensus mehrsprachig gestalten "
        "(Antragsteller: Hamburg, Nordrhein-Westfalen, Thüringen)"
    )


def test_it_warns_about_applicants_of_top_3_7_that_disagree(seed: dict) -> None:
    (warning,) = [w for w in seed["warnungen"] if w.startswith("TOP 3.7")]
    assert "Tagesordnung: Berlin, Bremen, Nordrhein-Westfalen, Rheinland-Pfalz" in warning
    assert "Grüne Liste (TOP 1.1): Hamburg, Nordrhein-Westfalen, Thüringen" in warning
    assert "Beschlussseite: Berlin, Bremen, Nordrhein-Westfalen, Rheinland-Pfalz" in warning


def test_it_warns_about_titles_that_differ_but_not_about_typography(seed: dict) -> None:
    title_warnings = [w.split(":")[0] for w in seed["warnungen"] if "Titel" in w]
    # A: "Begrüßung und Genehmigung der Tagesordnung" vs. "Genehmigung der Tagesordnung";
    # 1.5, 6.1, 6.4 and 6.5 differ in quotes, dashes and line breaks only.
    assert title_warnings == ["TOP A", "TOP 1.2", "TOP 3.3", "TOP 4.1", "TOP 5.1"]


def test_it_gives_exactly_these_warnings(seed: dict) -> None:
    assert len(seed["warnungen"]) == 6
