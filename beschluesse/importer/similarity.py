"""How alike two wordings are, for pairing the clauses and demands of a re-import.

A corrected source fixes typos, adds a word or inserts a clause; the rows of the database must
follow their wording, not their number, because Sachstände hang on demands. Two wordings are
"the same text, corrected" when ``similarity`` reaches ``SIMILAR`` (0.8): difflib's ratio
(2 · matching elements / all elements) of the texts with case and spacing normalised, counted in
characters for short texts (under 25 words) and in words for longer ones. A typo or a changed
word stays well above it ("… Sprachkurse zu entwicklen" 0.98; "fordert den Bund erneut auf,
barrierefreie Sprachkurse zu entwickeln" for "fordert den Bund auf, Sprachkurse zu entwickeln"
0.82); a different demand on the same subject ("… mehr Lehrkräfte für Integrationskurse zu
gewinnen") falls below (0.59). No two clauses of one resolution of the seed reach it; comparing
all of them with each other takes 0.6 s.
"""

import re
from difflib import SequenceMatcher

SIMILAR = 0.8
_WORD = re.compile(r"\w+|[^\w\s]")
_SHORT_WORDS = 25


def _normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def similarity(first: str, second: str, *, at_least: float = 0.0) -> float:
    """0.0 (nothing in common) … 1.0 (equal once case and spacing are normalised); 0.0 as well
    when the cheap upper bounds already show it is below ``at_least``."""
    a, b = _normalised(first), _normalised(second)
    if a == b:
        return 1.0
    words_a, words_b = _WORD.findall(a), _WORD.findall(b)
    # Long texts are compared word by word (a clause of 2,000 characters would take 50 ms
    # character by character); short ones by character, so that one typo costs little.
    long = min(len(words_a), len(words_b)) >= _SHORT_WORDS
    matcher = (
        SequenceMatcher(None, words_a, words_b, autojunk=False)
        if long
        else SequenceMatcher(None, a, b, autojunk=False)
    )
    if at_least and (matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least):
        return 0.0  # most pairs of a resolution are far apart: skip the quadratic part
    return matcher.ratio()
