"""Applying the wording rules of ``rules.RULES`` to a sentence: which rows fire, the demands
they carry (with canonical addressee names and levels) and the statement kinds.

The table itself, and how to extend it, is in ``rules``; this module only matches it.
"""

import functools
import re
from dataclasses import dataclass

from beschluesse.importer.rules import ADDRESSEE, RULES, Addressee, Rule
from beschluesse.models import FOLLOWED_UP_KINDS, Level

# Canonical addressee names and their level.  Spelled-out ministries are shortened to their
# usual abbreviation, so that the follow-up lists group them.
_MINISTRIES = [
    ("Innern", "BMI"),
    ("Arbeit und Soziales", "BMAS"),
    ("Familie", "BMFSFJ"),
    ("Gesundheit", "BMG"),
    ("Bildung", "BMBF"),
]
_LEVELS: dict[str, Level] = {
    "Bund": Level.BUND,
    "Bundesregierung": Level.BUND,
    "BMI": Level.BUND,
    "BMAS": Level.BUND,
    "BMFSFJ": Level.BUND,
    "BMG": Level.BUND,
    "BMBF": Level.BUND,
    "AA": Level.BUND,
    "BAMF": Level.BUND,
    "BA": Level.BUND,
    "Länder": Level.LAND,
    "Vorsitzland": Level.LAND,
    "Kommunen": Level.KOMMUNE,
}


@dataclass(frozen=True)
class Demand:
    """One followed-up demand of a sentence; ``clauses`` writes it with the exchange format's
    German keys (adressat, ebene, art, wortlaut)."""

    addressee: str  # canonical name ("Bund", "BMI", "Land Hessen")
    level: str  # a ``Level`` value
    kind: str  # a ``Kind`` value
    wording: str


def canonical_addressee(phrase: str) -> tuple[str, str]:
    """("den Bund") → ("Bund", "bund"); ("das Bundesministerium … (BMI)") → ("BMI", "bund")."""
    name = re.sub(r"^(?:den|dem|der|die|das|des)\s+", "", " ".join(phrase.split()))
    if abbreviation := re.search(r"\(([A-Z]+)\)$", name):
        name = abbreviation.group(1)
    elif name.startswith("Bundesministerium"):
        name = next((abbr for key, abbr in _MINISTRIES if key in name), name)
    elif name.startswith("Bundesamt"):
        name = "BAMF"
    elif name.startswith("Bundesagentur"):
        name = "BA"
    elif name in ("Bundes",):
        name = "Bund"
    elif name == "Ländern":
        name = "Länder"
    elif name.startswith("Arbeitgeber"):
        name = "Arbeitgeber"
    if name.startswith("Land "):
        return name, Level.LAND.value
    if name.startswith("Bundesministerium"):
        return name, Level.BUND.value
    return name, _LEVELS.get(name, Level.OTHER).value


def _addressees(
    rule: Rule, match: re.Match[str], preceding: tuple[str, str] | None = None
) -> list[tuple[str, str]]:
    if rule.addressee is Addressee.LAENDER:
        return [("Länder", Level.LAND.value)]
    if rule.addressee is Addressee.PRECEDING:
        return [preceding] if preceding else []
    if rule.addressee is Addressee.NONE:
        return []
    found = [canonical_addressee(m.group(0)) for m in ADDRESSEE.finditer(match.group("adr"))]
    return list(dict.fromkeys(found))  # "Bund und nachfolgend auch der Bund" → once


@functools.lru_cache(maxsize=2048)
def _matches(sentence: str) -> list[tuple[Rule, re.Match[str]]]:
    """Every rule match in the sentence; a match overlapping an earlier row's match is dropped."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[Rule, re.Match[str]]] = []
    lowered = sentence.lower()
    for rule in RULES:
        if rule.trigger not in lowered:
            continue
        for match in rule.pattern.finditer(sentence):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            found.append((rule, match))
    found.sort(key=lambda pair: pair[1].start())
    return found


def matching_rules(sentence: str) -> list[Rule]:
    """The rows of ``RULES`` that fire on the sentence, in the order of their matches (a row
    whose match overlaps an earlier row's is not among them, exactly as in ``find_demands``)."""
    return [rule for rule, _ in _matches(sentence)]


def find_demands(
    sentence: str,
    items: list[str] | None = None,
    *,
    closing: str = "",
    preceding: tuple[str, str] | None = None,
) -> list[Demand]:
    """The followed-up demands one sentence carries, in the order they are worded.

    ``items`` are list items that complete the sentence ("Sie fordern den Bund auf," + "1. die
    Verstetigung …"): each item is then a demand of its own, worded as intro plus item.  When
    words after the list end the sentence ("… die Berichte" + items + "zur Kenntnis."), the
    sentence is intro plus ``closing`` and each wording is intro, item, closing.
    ``preceding`` is (addressee, level) of the nearest demand before this sentence in the same
    resolution; rows with ``Addressee.PRECEDING`` take it (see ``RULES``).
    """
    head = sentence.removesuffix(closing) if closing else sentence
    wordings = [" ".join(f"{head} {item} {closing}".split()) for item in items or []]
    demands: list[Demand] = []
    for rule, match in _matches(sentence):
        if rule.kind not in FOLLOWED_UP_KINDS:
            continue
        for name, level in _addressees(rule, match, preceding):
            demands.extend(Demand(name, level, rule.kind.value, w) for w in wordings or [sentence])
            preceding = (name, level)
    return demands


def statement_kinds(sentence: str) -> list[str]:
    """Kinds of the rules matching the sentence without a followed-up demand, in order.

    Rows that take the preceding demand's addressee are never statements: with a preceding
    demand they are demands, without one they are nothing.
    """
    kinds = []
    for rule, match in _matches(sentence):
        if rule.addressee is Addressee.PRECEDING:
            continue
        if rule.kind not in FOLLOWED_UP_KINDS or not _addressees(rule, match):
            kinds.append(rule.kind.value)
    return kinds
