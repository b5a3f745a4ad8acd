"""Conferences in the exchange format that the corpus renders.

The parsed seed (the 19th IntMK 2024) and synthetic conferences with what other years have:
the 7th IntMK 2012 (header in words, TOP numbers with letters and gaps, long titles, clauses
without numbers, a dissent note), the 15th IntMK 2020, decided in written procedure
("Umlaufverfahren", dates across two months, no place), and the 16th IntMK 2021 (a place of
several words, list items and bullets inside Ziffern, two dissent notes).  Kinds and
demands of the synthetic clauses come from the same wording rules the parser uses, so only
the layout is under test.
"""

from pathlib import Path
from typing import Any

from beschluesse.importer.clauses import Clause, clause_record
from beschluesse.importer.exchange import clause_json
from beschluesse.importer.parser import parse_niederschrift

SEED = Path(__file__).resolve().parents[3] / "fixtures" / "19-intmk-2024-niederschrift.txt"

Row = dict[str, Any]


def seed_conference() -> dict[str, Any]:
    return parse_niederschrift(SEED.read_text(encoding="utf-8")).to_json()


def _agenda(
    top: str,
    titel: str,
    *,
    antragsteller: list[str] | None = None,
    federfuehrend: str | None = None,
    gruene_liste: bool = False,
) -> Row:
    applicants = antragsteller or []
    if federfuehrend is None and len(applicants) == 1:
        federfuehrend = applicants[0]
    return {
        "top": top,
        "titel": titel,
        "gruppe": "",
        "antragsteller": applicants,
        "federfuehrend": federfuehrend,
        "gruene_liste": gruene_liste,
    }


def _resolution(
    row: Row,
    clauses: list[tuple[str | None, str]],
    *,
    abstimmung: str | None = "einstimmig",
    antragsteller: list[str] | None = None,
    berichterstatter: str | None = None,
    notes: list[tuple[str, str]] | None = None,
) -> Row:
    ziffern: list[Row] = []
    preceding: tuple[str, str] | None = None
    for nummer, text in clauses:
        clause = Clause(nummer, segments=[[part] for part in text.split("\n")])
        ziffern.append(clause_json(clause_record(clause, preceding)))
        if demands := ziffern[-1]["forderungen"]:
            preceding = (demands[-1]["adressat"], demands[-1]["ebene"])
    return {
        "top": row["top"],
        "titel": row["titel"],
        "abstimmung": abstimmung,
        "gruene_liste": row["gruene_liste"],
        "antragsteller": row["antragsteller"] if antragsteller is None else antragsteller,
        "federfuehrend": row["federfuehrend"],
        "berichterstatter": berichterstatter,
        "zeilen": 0,
        "ziffern": ziffern,
        "protokollnotizen": [
            {"land": land, "zeile_von": None, "zeile_bis": None, "text": text}
            for land, text in notes or []
        ],
        "verweise": [],
    }


def _conference(konferenz: Row, agenda: list[Row], resolutions: list[Row]) -> dict[str, Any]:
    titles = {row["top"]: row["titel"] for row in agenda}
    for row in agenda:  # the group of "3.3" is the title of "3", as the parser gives it
        group = row["top"].split(".")[0]
        row["gruppe"] = titles.get(group, "") if group.isdigit() else ""
    return {"konferenz": konferenz, "tagesordnung": agenda, "beschluesse": resolutions}


def conference_7() -> dict[str, Any]:
    """7th IntMK, 21/22 March 2012 in Überherrn (Saarland)."""
    group_1 = "Integration durch Bildung und Ausbildung"
    group_2 = "Arbeitsmarkt und Anerkennung ausländischer Berufsabschlüsse"
    rows = [
        _agenda("A3", "Genehmigung der Tagesordnung"),
        _agenda("1", group_1),
        _agenda(
            "1.1",
            "Verbesserung der Bildungschancen von Kindern und Jugendlichen mit "
            "Migrationshintergrund in Kindertagesstätten und Schulen",
            antragsteller=["DE-BE", "DE-HB", "DE-HH"],
            federfuehrend="DE-HB",
        ),
        _agenda(
            "1.3",
            "Interkulturelle Öffnung der Verwaltung nach dem Vorbild aus Bremen",
            antragsteller=["DE-NW"],
            gruene_liste=True,
        ),
        _agenda("2", group_2),
        _agenda(
            "2.9b",
            "Umsetzung des Anerkennungsgesetzes des Bundes",
            antragsteller=["DE-BW", "DE-BY", "DE-SL"],
            federfuehrend="DE-SL",
        ),
    ]
    resolutions = [
        _resolution(rows[0], [(None, "Die Tagesordnung wird in vorliegender Fassung genehmigt.")]),
        _resolution(
            rows[2],
            [
                (
                    "1",
                    "Die IntMK stellt fest, dass Kinder mit Migrationshintergrund seltener eine "
                    "Kindertagesstätte besuchen als Kinder ohne Migrationshintergrund.",
                ),
                (
                    "2",
                    "Die IntMK bittet die Bundesregierung, die Sprachförderung in den "
                    "Kindertagesstätten dauerhaft zu finanzieren und die Programme mit den "
                    "Ländern abzustimmen.\nSie fordert den Bund auf, die Mittel für die "
                    "Elternarbeit aufzustocken.",
                ),
                (
                    "3",
                    "Die Länder sagen zu, über die Umsetzung der Maßnahmen im Jahr 2013 zu "
                    "berichten.",
                ),
            ],
            abstimmung="mehrheitlich",
            notes=[("DE-BY", "Bayern trägt Ziffer 2 des Beschlusses nicht mit.")],
        ),
        _resolution(
            rows[3],
            [
                (
                    None,
                    "Die IntMK nimmt den Bericht der Arbeitsgruppe zur interkulturellen Öffnung "
                    "der Verwaltung zur Kenntnis.",
                ),
                (
                    None,
                    "Sie empfiehlt den Ländern, den Anteil der Beschäftigten mit "
                    "Migrationshintergrund im öffentlichen Dienst regelmäßig zu erheben.",
                ),
            ],
        ),
        _resolution(
            rows[5],
            [
                (
                    None,
                    "Die IntMK begrüßt das Gesetz zur Verbesserung der Feststellung und "
                    "Anerkennung im Ausland erworbener Berufsqualifikationen.",
                ),
                (
                    None,
                    "Sie bittet den Bund zu prüfen, ob die Gebühren für das Verfahren der "
                    "Anerkennung gesenkt werden können.",
                ),
            ],
            abstimmung="mehrheitlich",
        ),
    ]
    konferenz = {
        "nummer": 7,
        "jahr": 2012,
        "ort": "Überherrn",
        "beginn": "2012-03-21",
        "ende": "2012-03-22",
        "vorsitz": "DE-SL",
        "motto": "",
    }
    return _conference(konferenz, rows, resolutions)


def conference_15() -> dict[str, Any]:
    """15th IntMK 2020, decided in written procedure (Umlaufverfahren)."""
    rows = [
        _agenda("A", "Feststellung der Tagesordnung"),
        _agenda(
            "2.2",
            "Integrationskurse und Migrationsberatung während der Corona-Pandemie sichern",
            antragsteller=["DE-BE", "DE-BB", "DE-TH"],
            federfuehrend="DE-BE",
        ),
        _agenda(
            "3",
            "Erfolgskontrolle der 14. IntMK",
            antragsteller=["DE-BE"],
            gruene_liste=True,
        ),
    ]
    resolutions = [
        _resolution(rows[0], [(None, "Die Tagesordnung wird festgestellt.")]),
        _resolution(
            rows[1],
            [
                (
                    "1",
                    "Die IntMK stellt fest, dass viele Integrationskurse wegen der Pandemie "
                    "unterbrochen wurden.",
                ),
                (
                    "2",
                    "Sie fordert den Bund auf, die Träger der Integrationskurse und der "
                    "Migrationsberatung für die Ausfälle zu entschädigen.",
                ),
                (
                    "3",
                    "Die IntMK bittet das BAMF, digitale Kursformate zuzulassen.",
                ),
            ],
        ),
        _resolution(
            rows[2],
            [(None, "Die IntMK nimmt den Bericht zur Erfolgskontrolle der 14. IntMK entgegen.")],
            abstimmung=None,
            antragsteller=[],
            berichterstatter="DE-BE",
        ),
    ]
    konferenz = {
        "nummer": 15,
        "jahr": 2020,
        "ort": "",
        "beginn": "2020-04-20",
        "ende": "2020-05-08",
        "vorsitz": "DE-BE",
        "motto": "",
    }
    return _conference(konferenz, rows, resolutions)


def conference_16() -> dict[str, Any]:
    """16th IntMK 2021: a place of several words, a title over two lines, list items "a)" and
    bullets inside Ziffern, two dissent notes, a report on the Grüne Liste."""
    rows = [
        _agenda("A", "Begrüßung und Feststellung der Tagesordnung"),
        _agenda("2", "Digitalisierung und Integration"),
        _agenda(
            "2.2",
            "Chancen der Digitalisierung für die Integration nutzen – digitale "
            "Beratungsangebote der Migrationsdienste dauerhaft absichern",
            antragsteller=["DE-BE", "DE-HB", "DE-HH", "DE-NW", "DE-SH"],
            federfuehrend="DE-NW",
        ),
        _agenda(
            "2.4",
            "Bericht der Länderoffenen Arbeitsgruppe Sprachmittlung",
            antragsteller=["DE-HH"],
            gruene_liste=True,
        ),
    ]
    resolutions = [
        _resolution(rows[0], [(None, "Die Tagesordnung wird festgestellt.")]),
        _resolution(
            rows[2],
            [
                (
                    "1",
                    "Die IntMK stellt fest, dass digitale Beratungsangebote während der "
                    "Pandemie für viele Zugewanderte der einzige Zugang zur Beratung waren.",
                ),
                (
                    "2",
                    "Die IntMK bittet die Bundesregierung,\na) die Mittel für die digitale "
                    "Migrationsberatung zu verstetigen,\nb) die Förderrichtlinien zu "
                    "vereinfachen.",
                ),
                (
                    "3",
                    "Die Länder sagen zu,\n• ihre Angebote zu bündeln,\n• über die Umsetzung "
                    "im Jahr 2022 zu berichten.",
                ),
            ],
            notes=[
                ("DE-BY", "Bayern trägt Ziffer 2 nicht mit."),
                ("DE-SN", "Sachsen enthält sich zu Ziffer 3."),
            ],
        ),
        _resolution(
            rows[3],
            [(None, "Die IntMK nimmt den Bericht der Arbeitsgruppe zur Kenntnis.")],
            abstimmung="einstimmig",
            antragsteller=[],
            berichterstatter="DE-HH",
        ),
    ]
    konferenz = {
        "nummer": 16,
        "jahr": 2021,
        "ort": "Bad Homburg vor der Höhe",
        "beginn": "2021-04-29",
        "ende": "2021-04-30",
        "vorsitz": "DE-HE",
        "motto": "Teilhabe digital",
    }
    return _conference(konferenz, rows, resolutions)
