"""Mojibake: text whose bytes were read with the wrong code table, found before it is stored.

Two ways it reaches us:

* UTF-8 read as Windows-1252, Latin-1 or Mac-Roman (and perhaps saved again as UTF-8): each
  umlaut becomes two characters, each typographic sign three ("für" → "fÃ¼r" or "f√ºr",
  "„" → "â€ž"). Such a run is confirmed by encoding it back with that table and decoding the
  bytes as UTF-8: when that gives one letter or sign of German text, it was mojibake. German
  text practically never has "Ã", "Â", "â", "√" or "¬" right before such characters.
* A file in one single-byte table read with another: Mac-Roman read as Windows-1252
  ("Sprachfšrderangebote", "Ma§nahme") or the reverse ("f¸r"). Each umlaut becomes one other
  character inside a word. Names from other languages have such characters too ("Dušan"), so
  these count only when the text has no correctly spelled umlaut at all, or three such words.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

GERMAN_LETTERS = "äöüÄÖÜß"
# What a confirmed run must decode to: letters and signs of German (and Western European) text.
_PLAUSIBLE = frozenset("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿß§°«»·„“”‚‘’–—…€•")
_WORD_EDGE = "„“”‚‘’\"'()[]{}.,;:!?«»"
_MAX_REPORTED = 5


@dataclass(frozen=True)
class Mojibake:
    """One suspicious word: where (index of the text, offset in it), as read and as meant."""

    text: int
    start: int
    found: str
    meant: str


def _chars(codec: str, byte_values: Sequence[int]) -> str:
    out = []
    for value in byte_values:
        try:
            out.append(bytes([value]).decode(codec))
        except UnicodeDecodeError:
            continue
    return "".join(out)


def _utf8_read_as(codec: str) -> re.Pattern[str]:
    """Two- and three-byte UTF-8 sequences of Latin-1 letters and punctuation, as ``codec``
    shows them."""
    lead2 = re.escape(_chars(codec, [0xC2, 0xC3]))
    lead3 = re.escape(_chars(codec, [0xE2]))
    follow = re.escape(_chars(codec, range(0x80, 0xC0)))
    return re.compile(f"[{lead2}][{follow}]|[{lead3}][{follow}]{{2}}")


_UTF8_MISREAD = [(codec, _utf8_read_as(codec)) for codec in ("cp1252", "latin-1", "mac_roman")]


def _swap_table(shown_as: str, written_in: str) -> dict[str, str]:
    """For each German letter written in one single-byte table, the character the other shows."""
    return {c.encode(written_in).decode(shown_as): c for c in GERMAN_LETTERS}


# Mac-Roman's "ﬂ" for ß is left out: PDF text extraction keeps the fl ligature ("Einﬂuss").
_SWAPS = [
    _swap_table("cp1252", "mac_roman"),
    {shown: letter for shown, letter in _swap_table("mac_roman", "cp1252").items() if shown != "ﬂ"},
]


def _word_around(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in _WORD_EDGE:
        start -= 1
    while end < len(text) and not text[end].isspace() and text[end] not in _WORD_EDGE:
        end += 1
    return start, end


def _repair(pattern: re.Pattern[str], codec: str, text: str) -> str:
    def decoded(match: re.Match[str]) -> str:
        try:
            meant = match.group().encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return match.group()
        return meant if meant in _PLAUSIBLE else match.group()

    return pattern.sub(decoded, text)


def _utf8_misread(index: int, text: str) -> list[Mojibake]:
    found: list[Mojibake] = []
    for codec, pattern in _UTF8_MISREAD:
        for match in pattern.finditer(text):
            if _repair(pattern, codec, match.group()) == match.group():
                continue
            start, end = _word_around(text, match.start(), match.end())
            word = text[start:end]
            found.append(Mojibake(index, start, word, _repair(pattern, codec, word)))
    return found


def _swapped(index: int, text: str) -> list[Mojibake]:
    found = []
    for table in _SWAPS:
        if not any(char in text for char in table):
            continue
        for match in re.finditer(
            rf"[^\W\d_]*[{re.escape(''.join(table))}][\w{''.join(table)}]*", text
        ):
            word = match.group()
            repaired = "".join(table.get(char, char) for char in word)
            if repaired == word or not repaired.isalpha() or not _in_word(word, table):
                continue
            found.append(Mojibake(index, match.start(), word, repaired))
    return found


def _in_word(word: str, table: dict[str, str]) -> bool:
    """A lower-case umlaut or ß after a letter ("fšr", "Ma§nahme"), an upper-case one at the
    start of a word and before a letter ("…ffentlich"); so "usw…" or "§ 5" are left alone."""
    for i, char in enumerate(word):
        letter = table.get(char)
        if letter is None:
            continue
        before = i > 0 and word[i - 1].isalpha()
        after = i + 1 < len(word) and word[i + 1].isalpha()
        if (letter.islower() and before) or (letter.isupper() and not before and after):
            return True
    return False


def find_mojibake(texts: Sequence[str]) -> list[Mojibake]:
    """Suspicious words in the texts of one document (lines, cells or fields), in order."""
    misread = [m for index, text in enumerate(texts) for m in _utf8_misread(index, text)]
    swapped = [m for index, text in enumerate(texts) for m in _swapped(index, text)]
    swapped = [m for m in swapped if not _overlaps(m, misread)]
    has_umlauts = any(char in text for text in texts for char in GERMAN_LETTERS)
    if has_umlauts and len(swapped) < 3:
        swapped = []
    found: list[Mojibake] = []
    for m in sorted(misread + swapped, key=lambda m: (m.text, m.start, -len(m.found))):
        if not _overlaps(m, found):  # one word, found by several tables
            found.append(m)
    return found


def _overlaps(m: Mojibake, others: Sequence[Mojibake]) -> bool:
    return any(
        o.text == m.text and o.start < m.start + len(m.found) and m.start < o.start + len(o.found)
        for o in others
    )


def describe(found: Sequence[Mojibake], place: Callable[[Mojibake], str]) -> str:
    """ "  - Zeile 3: „fÃ¼r“ (gemeint wohl „für“)", one line per word, at most five."""
    lines = [f"  - {place(m)}: „{m.found}“ (gemeint wohl „{m.meant}“)" for m in found]
    if len(lines) > _MAX_REPORTED:
        lines = [*lines[:_MAX_REPORTED], f"  … und {len(lines) - _MAX_REPORTED} weitere"]
    return "\n".join(lines)
