"""Clauses ("Ziffern") of a resolution and what each one asks for.

The body lines of a page are split into clauses (a numbered "1." continuing the count after a
sentence end, else paragraphs) and segments (paragraphs and list items); each clause's text is
then read sentence by sentence with the wording rules (``demands``) for its demands and kind.
"""

import re
from dataclasses import dataclass, field, replace

from beschluesse.importer.demands import find_demands, statement_kinds
from beschluesse.importer.exchange import ClauseRecord, DemandRecord
from beschluesse.importer.pages import BodyLine
from beschluesse.importer.text import join_lines, split_sentences
from beschluesse.models import FOLLOWED_UP_KINDS, Kind

# "1. Die IntMK …", also "1) Die IntMK …" and "(1) Die IntMK …" (Word's list formats)
_CLAUSE_NUMBER = re.compile(
    r"^(?:(?P<nummer>\d{1,2})[.)]|\((?P<paren>\d{1,2})\))\s+(?=[A-ZÄÖÜ„\"])"
)
_LIST_ITEM = re.compile(r"^(?:\d{1,2}\.\s|[a-z]\)\s|• )")
_ITEM_NUMBER = re.compile(r"^(\d{1,2})\.\s")
_SENTENCE_END = re.compile(r"[.!?][“”\"')]*$")
_HARD_BREAK_SHARE = 0.85


@dataclass
class Clause:
    nummer: str | None
    lines: list[BodyLine] = field(default_factory=list)
    segments: list[list[str]] = field(default_factory=list)


def ends_sentence(line: BodyLine) -> bool:
    return ends_sentence_text(line.text)


def ends_sentence_text(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def _mark_headings(lines: list[BodyLine]) -> list[BodyLine]:
    """A paragraph of one or two lines between blank lines that starts with a capital and
    ends without punctuation is a heading ("Reform des Staatsangehörigkeitsrechtes"), whatever
    its font: the text after it starts a new paragraph."""
    marked = list(lines)
    starts = [i for i, line in enumerate(lines) if i == 0 or line.blank_before]
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        first, last = lines[start], lines[end - 1]
        words = _CLAUSE_NUMBER.sub("", first.text)  # "3. Job-Turbo" heads Ziffer 3
        if (
            end < len(lines)
            and end - start <= 2
            and not last.heading
            and words[:1].isupper()
            and not re.search(r"[.,;:!?\-–]$", last.text)
            and not _LIST_ITEM.match(words)
        ):
            if end - start == 1:
                marked[start] = replace(first, heading=True)
            else:
                marked[end - 1] = replace(last, ends_heading=True)
    return marked


def split_clauses(lines: list[BodyLine]) -> list[Clause]:
    text_lines = _mark_headings([line for line in lines if line.text])
    width = max((len(line.text) for line in text_lines if line.first is not None), default=0)
    width = width or max((len(line.text) for line in text_lines), default=0)
    clauses: list[Clause] = []
    last_number = 0
    prev: BodyLine | None = None
    for line in text_lines:
        numbered = _CLAUSE_NUMBER.match(line.text)
        after_break = prev is None or ends_sentence(prev) or prev.heading or line.heading
        number = int(numbered.group("nummer") or numbered.group("paren")) if numbered else 0
        if numbered and number == last_number + 1 and after_break:
            last_number += 1
            clauses.append(Clause(str(last_number)))
            clauses[-1].segments.append([line.text[numbered.end() :]])
        elif prev is None or (paragraph_break(prev, line, width) and clauses[-1].nummer is None):
            clauses.append(Clause(None))
            clauses[-1].segments.append([line.text])
        elif (
            paragraph_break(prev, line, width)
            or prev.heading
            or prev.ends_heading
            or _is_item(
                line.text,
                [segment[0] for segment in clauses[-1].segments],
                opens=line.blank_before or bool(re.search(r"[:,;.!?]$", prev.text)),
            )
            or _closes_list(clauses[-1].segments[-1], prev, line)
        ):
            clauses[-1].segments.append([line.text])
        else:
            clauses[-1].segments[-1].append(line.text)
        clauses[-1].lines.append(line)
        prev = line
    return clauses


def _is_item(text: str, before: list[str], *, opens: bool = True) -> bool:
    """Does ``text`` open a list item?  A bullet or a letter ("a) ") always does; a number only
    when it starts a list ("1. ", after a blank line or a line ending in punctuation:
    ``opens``) or continues the last numbered item in ``before``, so that an ordinal or a date
    wrapped to the start of a line ("19. Integrationsministerkonferenz (TOP 3.3) …", "zum" /
    "1. Juni 2022") stays in the running text."""
    if not _LIST_ITEM.match(text):
        return False
    number = _ITEM_NUMBER.match(text)
    if number is None:
        return True
    if number.group(1) == "1":
        return opens
    previous = (_ITEM_NUMBER.match(item) for item in reversed(before))
    last = next((int(found.group(1)) for found in previous if found), None)
    return last == int(number.group(1)) - 1


def _closes_list(segment: list[str], prev: BodyLine, line: BodyLine) -> bool:
    """After a blank line, text that is no item ends the list (TOP B: the eight reports, then
    "zur Kenntnis."), unless the item before stopped mid-word."""
    return (
        line.blank_before
        and bool(_LIST_ITEM.match(segment[0]))
        and not _LIST_ITEM.match(line.text)
        and not re.search(r"[^\W\d_]-$", prev.text)
    )


def paragraph_break(prev: BodyLine, line: BodyLine, width: int) -> bool:
    """A heading, or a sentence end followed by a blank line or by a hard line break."""
    if line.heading:
        return True
    if not ends_sentence(prev) or _LIST_ITEM.match(line.text):
        return False
    # Ragged-right text wraps only when the next word does not fit; a sentence-final line that
    # would have had room for it (with a margin for word spacing) ended its paragraph.
    first_word = line.text.split(" ", 1)[0]
    fits = len(prev.text) + 1 + len(first_word) <= _HARD_BREAK_SHARE * width
    return line.blank_before or fits


def clause_record(clause: Clause, preceding: tuple[str, str] | None) -> ClauseRecord:
    """``preceding``: addressee and level of the last demand in the clauses before."""
    text = "\n".join(join_lines(segment) for segment in clause.segments)
    demands, kinds = _analyse(text, preceding)
    numbers = [n for line in clause.lines for n in (line.first, line.last) if n is not None]
    followed = [d.kind for d in demands if d.kind in FOLLOWED_UP_KINDS]
    return ClauseRecord(
        number=clause.nummer,
        line_from=min(numbers) if numbers else None,
        line_to=max(numbers) if numbers else None,
        text=text,
        kind=(followed or kinds or [Kind.SONSTIGES.value])[0],
        demands=demands,
    )


def _analyse(
    text: str, preceding: tuple[str, str] | None = None
) -> tuple[list[DemandRecord], list[str]]:
    """Demands and statement kinds of a clause, sentence by sentence.

    A demand worded without an addressee takes the one of the nearest demand before it in the
    resolution (``preceding``, then the clause's own earlier demands); see ``rules.RULES``.
    """
    demands: list[DemandRecord] = []
    kinds: list[str] = []
    for sentence in split_sentences(text):
        intro, items, closing = _split_items(sentence)
        frame = " ".join(f"{intro} {closing}".split())
        flat = " ".join(sentence.split())
        if demands:
            preceding = (demands[-1].addressee, demands[-1].level)
        # the rules read intro and closing together ("nehmen die Berichte … zur Kenntnis")
        if items and find_demands(frame, preceding=preceding):
            demands.extend(find_demands(frame, items, closing=closing, preceding=preceding))
        else:
            demands.extend(find_demands(flat, preceding=preceding))
        kinds.extend(statement_kinds(flat))
    return demands, kinds


def _split_items(sentence: str) -> tuple[str, list[str], str]:
    """ "Sie fordern den Bund auf,\\n1. die …,\\n2. …" → intro, item texts without markers and
    the closing words after the list ("… nehmen die Berichte\\n1. …\\n8. …\\nzur Kenntnis.")."""
    parts = sentence.split("\n")
    first_item = next((i for i, p in enumerate(parts) if _LIST_ITEM.match(p)), None)
    if not first_item:
        return sentence, [], ""
    last_item = max(i for i, p in enumerate(parts) if _LIST_ITEM.match(p))
    intro = " ".join(" ".join(parts[:first_item]).split())
    closing = " ".join(" ".join(parts[last_item + 1 :]).split())
    items = [_LIST_ITEM.sub("", p, count=1).strip() for p in parts[first_item : last_item + 1]]
    items = [re.sub(r"(?:,|\s+(?:und|sowie|oder))+$", "", item).strip() for item in items]
    return intro, [item for item in items if item], closing
