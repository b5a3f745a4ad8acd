"""Who the minutes address: one table of addressees, from which the wording rules are built.

``ADDRESSEES`` is the table to read and to extend.  Each row is one addressee as the follow-up
lists name it (``name``), its level, and every way the minutes spell it.  To add one, add a
row, e.g.::

    AddresseeRow("BMDV", BUND, ("Bundesministerium für Digitales und Verkehr", "BMDV")),

and the wording rules recognise "fordert das BMDV auf" and "das Bundesministerium für Digitales
und Verkehr wird gebeten" as demands to "BMDV" (tests/beschluesse/test_addressees.py checks
every row).  When a ministry is renamed, add the new name to its row (or a new row when the
abbreviation changes too); old names stay, since old minutes use them.

Spellings are plain words, written as in the minutes (case matters: "Bund", not "bund"); any
whitespace or line break may stand between the words.  Declined forms are spellings of their
own ("Länder", "Ländern"), except that the genitive of "Bundesministerium" and "Bundesamt"
("des Bundesministeriums für …", "des Bundesamtes für …") is added for every spelling.  An
article before the name ("den Bund", "dem BAMF") and an abbreviation in brackets after a name
of several words ("Bundesagentur für Arbeit (BA)") belong to the match.

``internal`` marks the conference's own bodies (working groups, the chair, its office): the
conference asking them is an order (Kind.AUFTRAG), not a request.

``FORMS`` are the few generic patterns for addressees no row can list: "Land Hessen", and a
"Bundesministerium für … (ABC)" missing from the table, which is named by its abbreviation (or
by its name when there is none) at federal level.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from beschluesse.models import Level

BUND, LAND, KOMMUNE, OTHER = Level.BUND, Level.LAND, Level.KOMMUNE, Level.OTHER


@dataclass(frozen=True)
class AddresseeRow:
    name: str  # as the follow-up lists group it: "BMI", "Bund", "Länder"
    level: Level
    spellings: tuple[str, ...]  # as worded in the minutes, plain words
    internal: bool = False  # the conference's own body: asking it is an Auftrag


@dataclass(frozen=True)
class Form:
    """A generic addressee: a regular expression, named by its bracketed abbreviation if it
    has one and else by the words matched ("Land Hessen")."""

    pattern: str
    level: Level
    internal: bool
    example: str  # matched whole and named as worded (tested)


ADDRESSEES: tuple[AddresseeRow, ...] = (
    # --- Bund ---
    AddresseeRow("Bund", BUND, ("Bund", "Bundes")),
    AddresseeRow("Bundesregierung", BUND, ("Bundesregierung",)),
    AddresseeRow(
        "Integrationsbeauftragte der Bundesregierung",
        BUND,
        (
            "Integrationsbeauftragte der Bundesregierung",
            "Integrationsbeauftragten der Bundesregierung",
            "Beauftragte der Bundesregierung für Migration, Flüchtlinge und Integration",
            "Beauftragten der Bundesregierung für Migration, Flüchtlinge und Integration",
        ),
    ),
    AddresseeRow(
        "BMI",
        BUND,
        (
            "Bundesministerium des Innern und für Heimat",  # since 2021
            "Bundesministerium des Innern, für Bau und Heimat",  # 2018-2021
            "Bundesministerium des Innern",  # until 2018
            "Bundesministerium für Inneres und Heimat",  # as the 19th IntMK wrote it
            "BMI",
        ),
    ),
    AddresseeRow("BMAS", BUND, ("Bundesministerium für Arbeit und Soziales", "BMAS")),
    AddresseeRow(
        "BMFSFJ",
        BUND,
        (
            "Bundesministerium für Familie, Senioren, Frauen und Jugend",
            "Bundesministerium für Familien, Senioren, Frauen und Jugend",  # 19th IntMK
            "BMFSFJ",
        ),
    ),
    AddresseeRow("BMG", BUND, ("Bundesministerium für Gesundheit", "BMG")),
    AddresseeRow("BMBF", BUND, ("Bundesministerium für Bildung und Forschung", "BMBF")),
    AddresseeRow("BMWK", BUND, ("Bundesministerium für Wirtschaft und Klimaschutz", "BMWK")),
    AddresseeRow(
        "BMJ",
        BUND,
        (
            "Bundesministerium der Justiz",
            "Bundesministerium der Justiz und für Verbraucherschutz",  # 2013-2021
            "BMJ",
            "BMJV",
        ),
    ),
    AddresseeRow(
        "BMWSB", BUND, ("Bundesministerium für Wohnen, Stadtentwicklung und Bauwesen", "BMWSB")
    ),
    AddresseeRow(
        "AA",
        BUND,
        ("Auswärtige Amt", "Auswärtiges Amt", "Auswärtigen Amt", "Auswärtigen Amtes", "AA"),
    ),
    AddresseeRow("BAMF", BUND, ("Bundesamt für Migration und Flüchtlinge", "BAMF")),
    AddresseeRow("BA", BUND, ("Bundesagentur für Arbeit", "BA")),
    # --- Länder and Kommunen ---
    AddresseeRow("Länder", LAND, ("Länder", "Ländern")),
    AddresseeRow("Kommunen", KOMMUNE, ("Kommunen",)),
    # --- the conference's own bodies ---
    AddresseeRow("Vorsitzland", LAND, ("Vorsitzland",), internal=True),
    AddresseeRow("BLAG", OTHER, ("BLAG", "Bund-Länder-Arbeitsgruppe"), internal=True),
    AddresseeRow("LAG", OTHER, ("LAG",), internal=True),
    AddresseeRow("UAG", OTHER, ("UAG",), internal=True),
    AddresseeRow("Geschäftsstelle", OTHER, ("Geschäftsstelle",), internal=True),
    # --- other conferences and others ---
    AddresseeRow("ASMK", OTHER, ("ASMK",)),
    AddresseeRow("MPK", OTHER, ("MPK",)),
    AddresseeRow("GMK", OTHER, ("GMK", "Gesundheitsministerkonferenz")),
    AddresseeRow("JFMK", OTHER, ("JFMK", "Jugend- und Familienministerkonferenz")),
    AddresseeRow("KMK", OTHER, ("KMK", "Kultusministerkonferenz")),
    AddresseeRow("IMK", OTHER, ("IMK", "Innenministerkonferenz")),
    AddresseeRow(
        "Arbeitgeber",
        OTHER,
        ("Arbeitgeber", "Arbeitgeberinnen", "Arbeitgeber und Arbeitgeberinnen"),
    ),
)

FORMS: tuple[Form, ...] = (
    Form(r"Land\s+[A-ZÄÖÜ][\w-]+", LAND, True, "Land Hessen"),
    Form(
        r"Bundesministerium\w*(?:,?\s+(?:des|der|für|und|und\s+für)\s+[A-ZÄÖÜ][\w-]*)+"
        r"(?:\s*\([A-Z]+\))?",
        BUND,
        False,
        "Bundesministerium für Digitales und Verkehr (BMDV)",
    ),
    # a conference missing from the table, by name: "die Wirtschaftsministerkonferenz",
    # "die Bau- und Verkehrsministerkonferenz"
    Form(
        r"(?:[A-ZÄÖÜ][\w]*-?\s+und\s+)?[A-ZÄÖÜ][\w-]*ministerkonferenz(?:\s*\([A-Za-z]+\))?",
        OTHER,
        False,
        "Bau- und Verkehrsministerkonferenz",
    ),
)

_ARTICLE = r"(?:(?:den|dem|der|die|das|des)\s+)?"
_BRACKETED = r"\(([A-Z]+)\)"  # "(BMI)" after a name of several words
_MAYBE_BRACKETED = r"(?:\s*\([A-Z]+\))?"
_GENITIVES = {"Bundesministerium": "Bundesministeriums", "Bundesamt": "Bundesamtes"}


def spellings(row: AddresseeRow) -> list[str]:
    """The row's spellings with the genitives the table leaves out, whitespace normalised."""
    found = []
    for spelling in row.spellings:
        words = spelling.split()
        found.append(" ".join(words))
        if words[0] in _GENITIVES:
            found.append(" ".join([_GENITIVES[words[0]], *words[1:]]))
    return found


def _spelling_pattern(spelling: str) -> str:
    pattern = r"\s+".join(re.escape(word) for word in spelling.split()) + r"\b"
    return pattern + _MAYBE_BRACKETED if " " in spelling else pattern


class AddresseeTable:
    """The table compiled: regular expressions for the wording rules and the way back from a
    spelling to its row."""

    def __init__(self, rows: Iterable[AddresseeRow] = ADDRESSEES) -> None:
        self.rows = tuple(rows)
        self._by_spelling: dict[str, AddresseeRow] = {}
        for row in self.rows:
            for spelling in spellings(row):
                other = self._by_spelling.setdefault(spelling, row)
                if other is not row:
                    raise ValueError(f"„{spelling}“ is spelt by {other.name} and {row.name}")
        self.one = self._pattern(internal_only=False)
        """One addressee, with its article: "den Bund", "das Land Hessen"."""
        self.internal = self._pattern(internal_only=True)
        """One of the conference's own bodies, with its article."""
        self.regex = re.compile(self.one)
        self._forms = [(re.compile(form.pattern), form) for form in FORMS]

    def _pattern(self, *, internal_only: bool) -> str:
        # longest first, so that "Bundesregierung" is not read as "Bund" and "Bundesministerium
        # der Justiz und für Verbraucherschutz" is taken whole
        names = sorted(
            (s for s, row in self._by_spelling.items() if row.internal or not internal_only),
            key=lambda s: (-len(s), s),
        )
        forms = [form.pattern for form in FORMS if form.internal or not internal_only]
        alternatives = "|".join([*map(_spelling_pattern, names), *forms])
        return f"{_ARTICLE}(?:{alternatives})"

    def canonical(self, phrase: str) -> tuple[str, str]:
        """("den Bund") → ("Bund", "bund"); ("das Bundesministerium … (BMI)") → ("BMI", "bund").

        A row's spelling gives the row, even with another abbreviation in brackets; a spelling
        missing from the table is named by its bracketed abbreviation or its words.
        """
        name = re.sub(r"^(?:den|dem|der|die|das|des)\s+", "", " ".join(phrase.split()))
        bracketed = re.search(rf"\s*{_BRACKETED}$", name)
        base = name[: bracketed.start()] if bracketed else name
        row = self._by_spelling.get(base) or self._by_spelling.get(
            bracketed.group(1) if bracketed else ""
        )
        if row:
            return row.name, row.level.value
        named = bracketed.group(1) if bracketed else name
        for regex, form in self._forms:
            if regex.fullmatch(name):
                return named, form.level.value
        return named, OTHER.value
