"""When a demand repeats an earlier one, and which earlier demand it repeats.

A demand repeats an earlier one when its clause (or its own sentence) says so with one of
``REPEAT_MARKERS`` ("Die IntMK bekräftigt ihre Forderung …", "fordert den Bund erneut auf")
and its resolution refers to an earlier resolution that is in the register. Words like
"weiterhin" also occur without any repeating ("zählen weiterhin zu den Aufgaben"); the
reference and the wording similarity below keep those from linking.

Which earlier demand: among the demands of the referenced resolutions, those whose wording
reaches ``REPEATS_SIMILAR`` (0.75) once references and the repeating words are taken out of
both (``core``): first the same addressee level, then the Ziffer the reference names, then the
most similar. Examples (``similarity`` of the cores): "bekräftigt ihre Forderung aus dem
Beschluss der 16. IntMK (TOP 3.1 Ziffer 2), dass der Bund die Mittel für die MBE dauerhaft
erhöht" against "fordert den Bund auf, die Mittel für die MBE dauerhaft zu erhöhen" 0.91; the
same sentence with "erneut" 1.0; against "… die Mittel für die Integrationskurse dauerhaft zu
erhöhen" (another subject) 0.64; against "… mehr Lehrkräfte … zu gewinnen" 0.46. The bar is
lower than a re-import's (0.8, ``similarity.SIMILAR``): a repeat is reworded, not corrected.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from beschluesse.importer.similarity import similarity

REPEATS_SIMILAR = 0.75

# The one list of wordings that mark a demand made before (shared/DOMAIN.md, "Kinds of
# clause"). Each with an example from or after the minutes; tests/beschluesse/test_chains.py
# reads them all.
REPEAT_MARKERS: list[tuple[str, str]] = [
    (r"\berneut\b", "Die IntMK fordert den Bund erneut auf, die Regelung umzusetzen."),
    (r"\bbekräftig(?:t|en)\b", "Die IntMK bekräftigt ihre Forderung an den Bund."),
    (r"\bweiterhin\b", "Die IntMK fordert den Bund weiterhin auf, Angebote zu entwickeln."),
    (r"\bnach\s+wie\s+vor\b", "Die IntMK hält es nach wie vor für geboten, dass der Bund …"),
    (r"\bwiederhol(?:t|en)\b", "Die IntMK wiederholt ihre Bitte an die Bundesregierung."),
    (
        r"\berinner(?:t|n)\s+an\s+(?:\S+\s+){0,3}?(?:Forderung|Bitte|Beschluss)",
        "Die IntMK erinnert an ihre Forderung aus dem Beschluss der 16. IntMK.",
    ),
    (
        r"\b(?:hält|halten)\s+(?:\S+\s+){0,6}?an\s+[^.;]{1,160}?\bfest\b",
        "Die IntMK hält an ihrer Forderung nach einer Verstetigung fest.",
    ),
]
_MARKER = re.compile("|".join(f"(?:{pattern})" for pattern, _ in REPEAT_MARKERS), re.IGNORECASE)

# Taken out before comparing: references ("aus dem Beschluss der 16. IntMK vom 29.04.2021
# (TOP 3.1 Ziffer 2)") and the words that only say "again" ("bekräftigt ihre Forderung, dass").
_STRIP = [
    re.compile(r"\([^()]*\b(?:TOP|IntMK)\b[^()]*\)"),
    re.compile(
        r"(?:\b(?:aus\s+dem|im\s+Sinne\s+des|gemäß\s+dem|in\s+ihrem|ihren|ihres)\s+)?"
        r"\bBeschlus\w*\s+(?:\d+(?:\.\d+)*\s+)?(?:der\s+)?\d{1,2}\.\s*"
        r"(?:IntMK|Integrationsministerkonferenz)(?:\s+vom\s+[\d.\s]+(?:und\s+[\d.\s]+)?)?",
        re.IGNORECASE,
    ),
    re.compile(r"\bTOP\s+\d[\w.]*(?:,?\s*Ziffer\s*\w+)?"),
    re.compile(r"\b(?:der\s+)?\d{1,2}\.\s*(?:IntMK|Integrationsministerkonferenz)\b"),
    _MARKER,
    re.compile(
        r"\b(?:ihre|seine|die|unsere)\s+(?:\w+\s+)?(?:Forderung|Bitte)(?:en)?\b|\bdass\b|\bfest\b",
        re.IGNORECASE,
    ),
]


def says_repeat(text: str) -> bool:
    """Whether the text says that a demand is made again."""
    return _MARKER.search(text) is not None


def core(wording: str) -> str:
    """The wording without references and repeating words, for comparing."""
    for pattern in _STRIP:
        wording = pattern.sub(" ", wording)
    return " ".join(wording.split()).replace(" ,", ",").strip(" ,")


@dataclass(frozen=True)
class Earlier:
    """A demand of a referenced resolution, as far as choosing needs it."""

    demand_id: int
    wording: str
    level: str
    named: bool  # its Ziffer is the one the reference names ("TOP 3.1 Ziffer 2")


def best_earlier(wording: str, level: str, earlier: Iterable[Earlier]) -> tuple[int, float] | None:
    """The earlier demand this wording repeats and how alike they are, or None if none is."""
    mine = core(wording)
    best: tuple[tuple[bool, bool, float], int] | None = None
    for candidate in earlier:
        alike = similarity(mine, core(candidate.wording), at_least=REPEATS_SIMILAR)
        if alike < REPEATS_SIMILAR:
            continue
        key = (candidate.level == level, candidate.named, alike)
        if best is None or key > best[0]:
            best = (key, candidate.demand_id)
    return (best[1], round(best[0][2], 3)) if best else None
