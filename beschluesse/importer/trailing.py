"""Line numbers printed at the end of the lines instead of in front of them.

Some PDF conversions (a two-column layout whose numbers stand in the right-hand column, or a
margin that the extraction reads after the text) give "Die IntMK fordert den Bund auf, 1".
When the document shows a run of three lines in a row ending in n, n+1, n+2 and none with
numbers in front, the numbers that continue such a count are moved to the front, where the
parser reads line numbers; a number that does not continue the count ("im Jahr 2026") stays
text.  A contents list ("Sprachkurse sichern ..... 5") is no count: lines with a dot leader
and TOP headings are left alone.
"""

import re

from beschluesse.importer.text import clean_line, strip_markup

_TRAILING = re.compile(r"^(?P<text>.*\S)[ \t]+(?P<number>\d{1,4})$")
_LEADER = re.compile(r"(?:\.{3,}|…)\s*\d+$")
_TOP = re.compile(r"^(?:TOP|Top|Tagesordnungspunkt)\b")
_RUN = 3
_GAP = 2  # printed numbers the conversion may have lost between two lines


def move_trailing_numbers(lines: list[str]) -> list[str]:
    """``lines`` with trailing line numbers put in front ("1 Die IntMK …")."""
    numbers = [_trailing(raw) for raw in lines]
    texts = [i for i, raw in enumerate(lines) if raw.strip()]
    if not _has_run([numbers[i] for i in texts]) or _has_run(
        [clean_line(lines[i]).number for i in texts]
    ):
        return lines
    out = list(lines)
    last: int | None = None
    for k, i in enumerate(texts):
        number = numbers[i]
        if number is None:
            continue
        following = [numbers[j] for j in texts[k + 1 : k + 1 + _RUN + _GAP] if numbers[j]]
        continues = last is not None and last < number <= last + 1 + _GAP
        starts = following[: _RUN - 1] == [number + 1, number + 2] or (
            number == 1 and following[:1] == [2]
        )
        if continues or starts:
            found = _TRAILING.match(lines[i].rstrip())
            assert found is not None
            out[i] = f"{number} {found.group('text').strip()}"
            last = number
    return out


def _trailing(raw: str) -> int | None:
    found = _TRAILING.match(raw.rstrip())
    if found is None:
        return None
    text = strip_markup(raw)
    return None if _LEADER.search(text) or _TOP.match(text) else int(found.group("number"))


def _has_run(numbers: list[int | None]) -> bool:
    runs = zip(numbers, numbers[1:], numbers[2:], strict=False)
    return any(a is not None and b == a + 1 and c == a + 2 for a, b, c in runs)
