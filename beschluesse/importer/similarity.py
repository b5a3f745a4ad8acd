"""How alike two wordings are, for pairing the clauses and demands of a re-import.

A corrected source fixes typos, adds a word or inserts a clause; the rows of the database must
follow their wording, not their number, because Sachstände hang on demands. Two wordings are
"the same text, corrected" when ``similarity`` reaches ``SIMILAR`` (0.8): difflib's ratio
(2 · matching characters / all characters) of the texts with case and spacing normalised. A
typo or a changed word in a sentence stays well above it (a sentence of 60 characters with
one word of 10 characters replaced is at about 0.83); a different sentence on the same subject
("fordert den Bund auf, Sprachkurse zu entwickeln" / "… Lehrkräfte zu gewinnen") falls below.
"""

from difflib import SequenceMatcher

SIMILAR = 0.8


def _normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def similarity(first: str, second: str, *, at_least: float = 0.0) -> float:
    """0.0 (nothing in common) … 1.0 (equal once case and spacing are normalised); 0.0 as well
    when the cheap upper bounds already show it is below ``at_least``."""
    a, b = _normalised(first), _normalised(second)
    if a == b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if at_least and (matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least):
        return 0.0  # most pairs of a resolution are far apart: skip the quadratic part
    return matcher.ratio()
