"""The vocabulary of the demo conferences: places, mottos, groups and topics, title patterns,
addressees, actions, statements, reasons for dissent, and the kinds of clauses with their
weights."""

PLACES = {
    "DE-BW": ["Stuttgart", "Heidelberg", "Konstanz"],
    "DE-BY": ["München", "Nürnberg", "Regensburg"],
    "DE-BE": ["Berlin"],
    "DE-BB": ["Potsdam", "Cottbus"],
    "DE-HB": ["Bremen", "Bremerhaven"],
    "DE-HH": ["Hamburg"],
    "DE-HE": ["Wiesbaden", "Frankfurt am Main", "Kassel"],
    "DE-MV": ["Rostock-Warnemünde", "Schwerin", "Stralsund"],
    "DE-NI": ["Göttingen", "Hannover", "Osnabrück"],
    "DE-NW": ["Düsseldorf", "Köln", "Münster"],
    "DE-RP": ["Mainz", "Trier"],
    "DE-SL": ["Saarbrücken"],
    "DE-SN": ["Dresden", "Leipzig"],
    "DE-ST": ["Magdeburg", "Halle (Saale)"],
    "DE-SH": ["Kiel", "Lübeck"],
    "DE-TH": ["Erfurt", "Weimar"],
}

MOTTOS = [
    "Miteinander wachsen",
    "Vielfalt gestalten",
    "Zusammenhalt stärken",
    "Teilhabe ermöglichen",
    "Chancen eröffnen",
    "Gemeinsam ankommen",
    "Integration vor Ort",
    "Zukunft gemeinsam gestalten",
]

GROUPS = {
    "3": "Integration, Teilhabe und gesellschaftlicher Zusammenhalt",
    "4": "Sprachförderung",
    "5": "Migration und Aufenthalt",
    "6": "Arbeit und Ausbildung",
}

TOPICS = {
    "3": [
        "Diskriminierungsschutz",
        "Migrantenorganisationen",
        "politische Partizipation",
        "Teilhabe von Menschen mit Behinderungen",
        "Antiziganismus-Prävention",
        "interkulturelle Öffnung der Verwaltung",
        "Integrationsmonitoring",
        "psychosoziale Versorgung Geflüchteter",
        "Sprachmittlung im Gesundheitsbereich",
        "Ehrenamt in der Integrationsarbeit",
    ],
    "4": [
        "Integrationskurse",
        "Berufssprachkurse",
        "Erstorientierungskurse",
        "Sprachmittlung",
        "Sprachförderung für Kinder",
        "Alphabetisierungskurse",
    ],
    "5": [
        "Ausländerbehörden",
        "Einbürgerung",
        "Bezahlkarte",
        "Familiennachzug",
        "Aufnahme von Schutzsuchenden",
        "Chancen-Aufenthaltsrecht",
    ],
    "6": [
        "Anerkennung ausländischer Berufsqualifikationen",
        "Arbeitsmarktintegration von Frauen",
        "Fachkräfteeinwanderung",
        "Westbalkanregelung",
        "Ausbildung Geflüchteter",
        "Migrationsberatung",
    ],
}

TITLE_PATTERNS = [
    "{Topic} stärken",
    "{Topic} weiterentwickeln",
    "{Topic} zukunftssicher aufstellen",
    "{Topic} verbessern",
    "Verstetigung der Förderung im Bereich {topic}",
    "Handlungsbedarfe im Bereich {topic}",
    "{Topic} - Bund und Länder gemeinsam in der Verantwortung",
]

# (addressee as worded, level, accusative phrase for "fordert … auf")
ADDRESSEES = {
    "bund": [
        ("Bund", "den Bund"),
        ("Bundesregierung", "die Bundesregierung"),
        ("BMI", "das Bundesministerium des Innern und für Heimat (BMI)"),
        ("BMAS", "das Bundesministerium für Arbeit und Soziales (BMAS)"),
        ("BMFSFJ", "das Bundesministerium für Familie, Senioren, Frauen und Jugend (BMFSFJ)"),
        ("BMG", "das Bundesministerium für Gesundheit (BMG)"),
        ("BAMF", "das Bundesamt für Migration und Flüchtlinge (BAMF)"),
        ("BA", "die Bundesagentur für Arbeit (BA)"),
    ],
    "land": [("Länder", "die Länder"), ("Vorsitzland", "das Vorsitzland")],
    "kommune": [
        ("Kommunen", "die Kommunen"),
        ("Kommunale Spitzenverbände", "die Kommunalen Spitzenverbände"),
    ],
    "other": [
        ("BLAG", "die Bund-Länder-Arbeitsgruppe (BLAG)"),
        ("LAG", "die länderoffene Arbeitsgruppe (LAG)"),
        ("ASMK", "die Arbeits- und Sozialministerkonferenz (ASMK)"),
        ("MPK", "die Ministerpräsidentenkonferenz (MPK)"),
    ],
}

ACTIONS = [
    "die Finanzierung im Bereich {topic} dauerhaft und bedarfsgerecht sicherzustellen",
    "die gesetzlichen Grundlagen im Bereich {topic} zeitnah anzupassen",
    "die Mittel für {topic} im Bundeshaushalt zu verstetigen",
    "die Länder frühzeitig an der Weiterentwicklung im Bereich {topic} zu beteiligen",
    "Verfahren im Bereich {topic} zu vereinfachen und zu digitalisieren",
    "eine bundesweite Datengrundlage zu {topic} zu schaffen",
    "die Angebote im Bereich {topic} für weitere Zielgruppen zu öffnen",
    "die Sprachmittlung als Teil der Regelversorgung zu verankern",
]

STATEMENTS = [
    "die Angebote im Bereich {topic} vielerorts nicht ausreichen",
    "Bund, Länder und Kommunen im Bereich {topic} gemeinsam Verantwortung tragen",
    "die Nachfrage im Bereich {topic} in den vergangenen Jahren deutlich gestiegen ist",
    "die Zuständigkeiten im Bereich {topic} besser abgestimmt werden müssen",
]

REASONS = [
    "die Finanzierungsverantwortung aus seiner Sicht allein beim Bund liegt",
    "es die vorgeschlagene gesetzliche Regelung für nicht erforderlich hält",
    "die Zuständigkeit der Länder berührt ist",
    "die Auswirkungen auf den Landeshaushalt nicht abschätzbar sind",
]

# kind → (weight, levels the demand may go to); kinds without levels carry no demand
KINDS: dict[str, tuple[int, tuple[str, ...]]] = {
    "forderung": (24, ("bund", "bund", "bund", "kommune")),
    "pruefbitte": (14, ("bund", "bund", "other")),
    "bitte": (12, ("bund", "other", "kommune")),
    "empfehlung": (6, ("land", "kommune")),
    "auftrag": (8, ("other", "land")),
    "selbstverpflichtung": (6, ("land",)),
    "begruessung": (12, ()),
    "feststellung": (14, ()),
    "kenntnisnahme": (4, ()),
}
