"""Line numbers printed only on every n-th line (5, 10, 15 … in the margin, as Word can).

Such a document prints no run of three numbers, so ``pages`` would take none of them.  A
number is taken as printed only where the numbers go in a constant step and the count of text
lines between two of them is that step ("5" and, five text lines on, "10"); the lines in
between then get the numbers they stand for, written before them as if they were printed, and
the page is read as one with a number on every line.  A paragraph opening with "5 Millionen
…" in minutes without line numbers has no such partner and stays text.

Text lines are the lines with text (or a number alone) that are no page number, running
header, footnote or row of a table (Word numbers no table rows); blank lines do not count.
"""

import re
from dataclasses import dataclass

from beschluesse.importer.text import (
    SENTENCE_OPENERS,
    clean_line,
    is_footnote,
    is_page_furniture,
    strip_markup,
)

_STEPS = range(2, 11)
_MIN_HITS = 2  # printed numbers where the count expects them, across the document
# After a number that counts something comes what it counts ("5 Millionen"), never a clause
# number ("5 3. Die IntMK …") or a word that opens a sentence ("5 Sie fordert …").
_NO_QUANTITY = re.compile(r"^(?:\d{1,2}[.)]\s|\(\d{1,2}\)\s|[a-z]\)\s|•)")


@dataclass(frozen=True)
class Sparse:
    step: int = 1  # 1: every line is numbered (or none); else the step of the printed numbers
    restarts: bool = True  # the count starts at 1 on each resolution page


DENSE = Sparse()  # a number on every line, or none


def printed_step(bodies: list[list[str]], furniture: frozenset[str]) -> Sparse:
    """The step of line numbers printed on every n-th line of the resolution texts, and
    whether they restart per resolution or run through the document: the reading under
    which most printed numbers stand where the count expects them ("5" on the fifth line)
    and none is missing where one is due.  Without such numbers (at least three), none."""
    lines = [[clean_line(body[i]) for i in text_lines(body, furniture)] for body in bodies]
    values = [[line.number for line in page] for page in lines]
    best, best_score = Sparse(), (0, 0)
    for step in _STEPS:
        for restarts in (True, False):
            sparse = Sparse(step, restarts)
            hits = missing = agree = previous = 0
            for page, page_values in zip(lines, values, strict=True):
                numbers = _numbers(page_values, sparse, previous)
                before = ""
                for line, number in zip(page, numbers, strict=True):
                    if number % step == 0 and line.number == number:
                        hits += _MIN_HITS if _no_quantity(before, line.text) else 1
                    missing += number % step == 0 and line.number != number
                    before = line.text
                # the count starts where this reading says (1, or after the page before)
                agree += bool(numbers) and numbers[0] == (1 if restarts else previous + 1)
                previous = numbers[-1] if numbers else previous
            if (hits, agree) > best_score and not missing:
                best, best_score = sparse, (hits, agree)
    return best if best_score[0] >= _MIN_HITS else Sparse()


def _no_quantity(before: str, text: str) -> bool:
    """Can the text after a number not be what the number counts?  Also when the line before
    ends in the first piece of a word that this line ends ("Migra-" / "5 tionsberatung")."""
    split_word = bool(re.search(r"[^\W\d_]-$", before)) and text[:1].islower()
    first_word = text.split(" ", 1)[0]
    return split_word or bool(_NO_QUANTITY.match(text)) or first_word in SENTENCE_OPENERS


def text_lines(lines: list[str], furniture: frozenset[str]) -> list[int]:
    """Indexes of the lines a line count counts (see the module docstring)."""
    found = []
    in_footnotes = False
    for i, raw in enumerate(lines):
        text = strip_markup(raw)
        if in_footnotes:  # from the rule "---" to the next blank line
            in_footnotes = bool(text)
            continue
        if raw.strip() == "---":
            in_footnotes = True
            continue
        if not text or is_footnote(raw) or is_page_furniture(text) or text in furniture:
            continue
        if "\t" in raw:  # a table row
            continue
        found.append(i)
    return found


def _linked(values: list[int | None], step: int) -> set[int]:
    """Positions whose number is a multiple of ``step`` and has a partner ``step`` text lines
    after or before it that is ``step`` higher or lower."""
    found = set()
    for k, value in enumerate(values):
        after = k + step
        if value is None or value % step or after >= len(values):
            continue
        if values[after] == value + step:
            found |= {k, after}
    return found


def _numbers(values: list[int | None], sparse: Sparse, previous: int) -> list[int]:
    """The line number of each text line of a resolution page (0: none).

    The count follows the printed numbers that have a partner; before the first of them it is
    counted back from it.  A page without one starts at 1 (numbers restart per resolution) or
    after ``previous`` (they run through), whichever leaves no multiple of the step unprinted.
    """
    linked = _linked(values, sparse.step)
    starts = [1, previous + 1] if sparse.restarts else [previous + 1, 1]
    if linked:
        first = min(linked)
        starts = [(values[first] or 0) - first]
    start = next((s for s in starts if _fits(values, s, sparse.step)), starts[0])
    numbers = []
    number = start
    for k, value in enumerate(values):
        if k in linked:
            number = value or number
        numbers.append(max(number, 0))
        number += 1
    return numbers


def _fits(values: list[int | None], start: int, step: int) -> bool:
    """Does each line whose number would be a multiple of ``step`` print it?"""
    return start >= 1 and all(
        value == start + k for k, value in enumerate(values) if (start + k) % step == 0
    )


def fill_numbers(
    lines: list[str], sparse: Sparse, previous: int, furniture: frozenset[str]
) -> list[str]:
    """The text of a resolution page with the number it stands for before every text line
    that does not print it."""
    positions = text_lines(lines, furniture)
    values = [clean_line(lines[i]).number for i in positions]
    out = list(lines)
    for i, value, number in zip(positions, values, _numbers(values, sparse, previous), strict=True):
        if number and not (value == number and number % sparse.step == 0):
            out[i] = f"{number} {lines[i].strip()}"
    return out
