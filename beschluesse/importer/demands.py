"""Applying the wording rules of ``rules.RULES`` to a sentence: which rows fire, the demands
they carry (with canonical addressee names and levels) and the statement kinds.

The table itself, and how to extend it, is in ``rules``; the addressees, their canonical names
and levels are in ``addressees``.  This module only matches them.
"""

import functools
import re

from beschluesse.importer.exchange import DemandRecord
from beschluesse.importer.rules import WORDING, Addressee, Rule, Wording
from beschluesse.models import FOLLOWED_UP_KINDS, Level


def canonical_addressee(phrase: str) -> tuple[str, str]:
    """("den Bund") → ("Bund", "bund"); ("das Bundesministerium … (BMI)") → ("BMI", "bund"):
    the row of ``addressees.ADDRESSEES`` that spells the phrase (see ``AddresseeTable``)."""
    return WORDING.addressees.canonical(phrase)


def _addressees(
    wording: Wording,
    rule: Rule,
    match: re.Match[str],
    preceding: tuple[str, str] | None = None,
) -> list[tuple[str, str]]:
    if rule.addressee is Addressee.LAENDER:
        return [("Länder", Level.LAND.value)]
    if rule.addressee is Addressee.PRECEDING:
        return [preceding] if preceding else []
    if rule.addressee is Addressee.NONE:
        return []
    table = wording.addressees
    found = [table.canonical(m.group(0)) for m in table.regex.finditer(match.group("adr"))]
    return list(dict.fromkeys(found))  # "Bund und nachfolgend auch der Bund" → once


@functools.lru_cache(maxsize=2048)
def _matches(sentence: str, wording: Wording) -> list[tuple[Rule, re.Match[str]]]:
    """Every rule match in the sentence; a match overlapping an earlier row's match is dropped."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[Rule, re.Match[str]]] = []
    lowered = sentence.lower()
    for rule in wording.rules:
        if rule.trigger not in lowered:
            continue
        for match in rule.pattern.finditer(sentence):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            found.append((rule, match))
    found.sort(key=lambda pair: pair[1].start())
    return found


def matching_rules(sentence: str, wording: Wording = WORDING) -> list[Rule]:
    """The rows of ``RULES`` that fire on the sentence, in the order of their matches (a row
    whose match overlaps an earlier row's is not among them, exactly as in ``find_demands``)."""
    return [rule for rule, _ in _matches(sentence, wording)]


def find_demands(
    sentence: str,
    items: list[str] | None = None,
    *,
    closing: str = "",
    preceding: tuple[str, str] | None = None,
    wording: Wording = WORDING,
) -> list[DemandRecord]:
    """The followed-up demands one sentence carries, in the order they are worded.

    ``items`` are list items that complete the sentence ("Sie fordern den Bund auf," + "1. die
    Verstetigung …"): each item is then a demand of its own, worded as intro plus item.  When
    words after the list end the sentence ("… die Berichte" + items + "zur Kenntnis."), the
    sentence is intro plus ``closing`` and each wording is intro, item, closing.
    ``preceding`` is (addressee, level) of the nearest demand before this sentence in the same
    resolution; rows with ``Addressee.PRECEDING`` take it (see ``RULES``).
    ``wording``: the rules to apply, by default those built from ``addressees.ADDRESSEES``.
    """
    head = sentence.removesuffix(closing) if closing else sentence
    wordings = [" ".join(f"{head} {item} {closing}".split()) for item in items or []]
    demands: list[DemandRecord] = []
    for rule, match in _matches(sentence, wording):
        if rule.kind not in FOLLOWED_UP_KINDS:
            continue
        for name, level in _addressees(wording, rule, match, preceding):
            demands.extend(
                DemandRecord(name, level, rule.kind.value, w) for w in wordings or [sentence]
            )
            preceding = (name, level)
    return demands


def statement_kinds(sentence: str, wording: Wording = WORDING) -> list[str]:
    """Kinds of the rules matching the sentence without a followed-up demand, in order.

    Rows that take the preceding demand's addressee are never statements: with a preceding
    demand they are demands, without one they are nothing.
    """
    kinds = []
    for rule, match in _matches(sentence, wording):
        if rule.addressee is Addressee.PRECEDING:
            continue
        if rule.kind not in FOLLOWED_UP_KINDS or not _addressees(wording, rule, match):
            kinds.append(rule.kind.value)
    return kinds
