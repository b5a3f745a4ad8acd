"""Resolution pages of IntMK minutes: one page per TOP, from its "TOP 3.3" heading.

The page header (title, "Antragsteller:"/"Berichterstatter:" labels, vote formula) and the body:
text lines with the printed line numbers they stand for (numbers printed without text are
handed to the following unnumbered lines), dissent notes ("Protokollnotiz …") and the rows of
the Grüne Liste table.  Splitting the body into clauses is in ``clauses``.
"""

import re
from dataclasses import dataclass, field

from beschluesse.importer.agenda import is_table_header
from beschluesse.importer.errors import NiederschriftError
from beschluesse.importer.fields import (
    TALLY,
    TOP_NUMBER,
    TOP_WORD,
    laender,
    lead,
    title_and_rest,
    vote_word,
)
from beschluesse.importer.labels import (
    LABEL,
    TITLE_VOTE,
    VOTE,
    VOTE_LABEL,
    VOTE_ONLY,
    continues_label,
)
from beschluesse.importer.sparse import DENSE, Sparse, fill_numbers
from beschluesse.importer.text import (
    Line,
    accept_number,
    clean_line,
    is_footnote,
    is_page_furniture,
    join_lines,
    strip_markup,
    unnumbered,
)
from intmk.laender import NAME_BY_CODE

# "TOP 2.1 Sprachkurse sichern": number and title on one line (the 7th IntMK 2012); also
# "Top 2.1 – …" and "Tagesordnungspunkt 2.1: …"
TOP_LINE = re.compile(
    rf"^{TOP_WORD}\s*(?P<top>{TOP_NUMBER})\s*[:.–-]?(?:\s+[–-]?\s*(?P<title>[^\s–-].*))?$"
)
_NUMBERED_TOP = re.compile(rf"^(\d{{1,4}})\s+(?={TOP_WORD}\s*[A-Z\d])")
# "Protokollnotiz Bayern:", "Protokollnotiz des Landes Berlin:", "Protokollerklärung BY:",
# "Protokollnotiz von Sachsen und Bayern:", "Protokollnotiz der Länder Bayern und Hessen
# zu Ziffer 2:"; the text may follow the colon.  Without a colon only one word names the Land.
_NOTE = re.compile(
    r"^(?:Protokoll(?:notiz|erklärung)(?:en)?|Erklärung\s+zu(?:m)?\s+Protokoll)\s+"
    r"(?:(?P<land>[^:]{1,150}?)\s*:|(?P<word>[\w-]+))\s*(?P<rest>.*)$"
)
_TABLE_ROW = re.compile(rf"^\s*(?:<[^>]+>)*(?P<top>{TOP_NUMBER})(?:</[^>]+>)*\s*\t")


_RUN_REACH = 8  # lines to look ahead for the numbers that follow a first line number
_MAX_FOOTNOTE = 9  # footnote numbers in minutes stay small
_MAX_FOOTNOTE_LINES = 3


@dataclass
class BodyLine:
    first: int | None  # printed line number(s) this text line stands for
    last: int | None
    text: str
    heading: bool = False
    blank_before: bool = False
    from_queue: bool = False  # took a number that was printed empty before it
    table_row: bool = False  # a row of the Grüne Liste table (TOP 1.1)
    ends_heading: bool = False  # the last line of a heading over two lines


@dataclass
class Page:
    top: str
    titel: str = ""
    abstimmung: str | None = None
    antragsteller: list[str] = field(default_factory=list)
    berichterstatter: str | None = None
    unterstrichen: str | None = None  # the lead applicant, however the page marks it
    applicants_text: str = ""  # the label as printed, for "Vorsitzland"
    body: list[BodyLine] = field(default_factory=list)
    notes: list[tuple[str, list[BodyLine]]] = field(default_factory=list)
    table: list[tuple[str, str, list[str]]] = field(default_factory=list)  # Grüne Liste
    gruene_liste: bool = False  # "(GL)" beside the TOP
    zeilen: int = 0
    last_number: int = 0  # the last line number printed on the page


def parse_page(
    lines: list[str],
    furniture: frozenset[str] = frozenset(),
    previous: int = 0,
    *,
    numbered: bool = True,
    sparse: Sparse = DENSE,
) -> Page:
    """``furniture``: running headers of this document, found by repetition (``parser``);
    ``previous``: the last line number printed on the page before, for documents whose line
    numbers run through (Word's "fortlaufend"); ``numbered``: the document prints line numbers
    somewhere, else a paragraph opening with "1 " is text, not line 1; ``sparse``: numbers are
    printed only on every n-th line (``sparse``), the text gets the ones in between."""
    page, body_start, count = _read_header(lines, furniture)
    body_previous = previous if count is None else count
    body = lines[body_start:]
    if sparse.step > 1:
        body = fill_numbers(body, sparse, body_previous, furniture)
    _parse_body(page, body, furniture, body_previous, numbered=numbered)
    return page


def page_body(lines: list[str], furniture: frozenset[str] = frozenset()) -> list[str]:
    """The lines of a resolution page after its header (title, labels, vote)."""
    return lines[_read_header(lines, furniture)[1] :]


def _read_header(lines: list[str], furniture: frozenset[str]) -> tuple[Page, int, int | None]:
    """The page with its header read, the index where its text begins and the last line
    number of the header (when Word numbered the heading lines too)."""
    heading = TOP_LINE.match(heading_text(lines[0]))
    if heading is None:  # pages are cut at TOP headings, so this is a bug, not bad input
        raise NiederschriftError(
            f"Interner Fehler beim Lesen: Die Beschlussseite beginnt nicht mit „TOP …“, "
            f"sondern mit „{strip_markup(lines[0])[:60]}“."
        )
    page = Page(top=heading.group("top"))
    title = heading.group("title") or ""
    if "(GL)" in title:  # "TOP 1.3 (GL) Bericht …": on the Grüne Liste
        page.gruene_liste, title = True, " ".join(title.replace("(GL)", "").split())
    # Word may number the heading lines too ("1 TOP 3.3", "2 Titel", …): the text goes on
    # counting from the header's last number.
    numbered_top = _NUMBERED_TOP.match(strip_markup(lines[0]))
    count = int(numbered_top.group(1)) if numbered_top else None
    body_start, count = _parse_page_header(page, lines, furniture, title or None, count)
    return page, body_start, count


def heading_text(raw: str) -> str:
    """The cleaned text of a line that may be a TOP heading, without a line number before it."""
    return _NUMBERED_TOP.sub("", strip_markup(raw))


def _parse_page_header(
    page: Page,
    lines: list[str],
    furniture: frozenset[str],
    inline_title: str | None,
    count: int | None,
) -> tuple[int, int | None]:
    """Read title, labels and vote; return the index where the resolution text begins and,
    when the heading lines are numbered (``count`` is the TOP line's number), the last one.

    The title runs until a blank line or a label; a label's Länder ("Antragsteller: …") go on
    on the next line only where the list does (``labels.continues_label``).  The text begins after
    the vote formula, "Beschluss:" or a vote given alone ("Beschluss: einstimmig", "Ja: 15
    Nein: 0 Enthaltung: 1"), or at the first line after the title and the labels that is
    none of them (reports, and pages whose vote stands in a label).
    """
    title: list[str] = [inline_title] if inline_title else []
    title_closed = False
    label: str | None = None
    labels: dict[str, list[str]] = {}
    fields = False  # a label or a vote was read: no more title
    for i in range(1, len(lines)):
        text = strip_markup(lines[i])
        if is_footnote(lines[i]) or is_page_furniture(text) or text in furniture:
            continue
        if not text:
            label, title_closed = None, bool(title)
            continue
        before = count  # the count before this line, for a text that begins on it
        if count is not None:
            line = clean_line(lines[i])
            if line.number is None or not accept_number(line, count + 1):
                return i, count  # a line without the next number: the header is over
            count, text = line.number, line.text
        if (vote := VOTE.search(text)) or TALLY.match(text):
            page.abstimmung = vote_word(vote.group(1) or vote.group(2) if vote else text)
            _apply_labels(page, title, labels)
            return i + 1, count
        if vote_label := VOTE_LABEL.match(text):
            page.abstimmung = vote_word(vote_label.group("rest"))
            label, fields = None, True
        elif found := LABEL.match(text):
            label, fields = found.group("label"), True
            for name in ("Antragsteller", "Berichterstatter", "Federführung"):  # one name each
                label = name if label.startswith(name[:-3]) else label
            if label == "Beschluss":  # its text may follow on the same line, or the vote
                _apply_labels(page, title, labels)
                if VOTE_ONLY.match(rest := found.group("rest")):
                    page.abstimmung = vote_word(rest)
                    return i + 1, count
                return (i, before) if rest else (i + 1, count)
            labels.setdefault(label, []).append(found.group("rest"))
            if label == "Antragsteller":
                page.unterstrichen = lead(lines[i], [])
        elif (title or labels) and clean_line(lines[i]).number == 1 and not title_closed:
            _apply_labels(page, title, labels)  # printed line 1: the text begins
            return i, before
        elif label and continues_label(labels[label], text):
            labels[label].append(text)
        elif fields or (title_closed and title):
            _apply_labels(page, title, labels)
            return i, before
        else:
            title.append(text)
    _apply_labels(page, title, labels)
    return len(lines), count


def _apply_labels(page: Page, title: list[str], labels: dict[str, list[str]]) -> None:
    page.titel = join_lines(title)
    if vote := TITLE_VOTE.search(page.titel):  # "Teilhabe verbessern (einstimmig)"
        page.titel = page.titel[: vote.start()]
        page.abstimmung = page.abstimmung or vote_word(vote.group("vote"))
    page.applicants_text = join_lines(labels.get("Antragsteller", []))
    page.antragsteller = laender(page.applicants_text)
    rapporteurs = laender(join_lines(labels.get("Berichterstatter", [])))
    page.berichterstatter = rapporteurs[0] if rapporteurs else None
    lead_label = laender(join_lines(labels.get("Federführung", [])))
    page.unterstrichen = page.unterstrichen or lead(page.applicants_text, [])
    if lead_label:  # "Federführung: Berlin"
        page.unterstrichen = lead_label[0]


def _parse_body(
    page: Page, lines: list[str], furniture: frozenset[str], previous: int, *, numbered: bool
) -> None:
    """Turn the resolution text into body lines (with printed numbers) and dissent notes.

    Blank lines around a page number or running header are the page break's, not a
    paragraph's: a paragraph that ends with its page is left to the line-width rule.  After a
    footnote rule ("---") the footnotes run to the next blank line.
    """
    last: int | None = None
    queue: list[int] = []  # numbers printed without text, waiting for unnumbered text
    blank = False
    page_break = False
    footnotes = in_note = False
    target = page.body
    candidates = [clean_line(raw).number for raw in lines]
    notes_at = _plain_footnotes(lines, candidates, furniture)
    skip_to = 0
    for index, raw in enumerate(lines):
        if index < skip_to:
            continue
        cleaned_text = strip_markup(raw)
        if is_page_furniture(cleaned_text) or cleaned_text in furniture:
            blank, page_break = False, True
            continue
        line = clean_line(raw)
        if index in notes_at and not _printed(line, last, previous, candidates, index, numbered):
            skip_to = notes_at[index]  # a footnote without a rule (pdftotext)
            blank, page_break = False, True
            continue
        if is_footnote(raw):  # the rule "---" or a footnote "<sup>1</sup> …"
            footnotes, in_note = True, raw.strip() != "---"
            blank, page_break = False, True  # footnotes stand at a page break
            continue
        if footnotes:  # the text of a footnote (a PDF reader sets it after "---")
            in_note = in_note or bool(cleaned_text)
            if cleaned_text or not in_note:
                continue
            footnotes = in_note = False  # the blank line after the footnote ends it
        if table := _TABLE_ROW.match(raw):
            page.table.append(_table_row(table.group("top"), raw))
            row_text = _table_text(page.table[-1])
            target.append(BodyLine(None, None, row_text, blank_before=blank, table_row=True))
            blank = False
            continue
        if "\t" in raw and is_table_header(raw):
            continue  # the header row of the Grüne Liste table
        line = clean_line(re.sub(r"^\s*Beschluss\s*:\s*", "", raw))
        printed = _printed(line, last, previous, candidates, index, numbered)
        number = line.number if printed else None
        text = line.text if number is not None else unnumbered(line)
        if number is not None:
            last = number
            page.zeilen = max(page.zeilen, number)
            page.last_number = number
        if not text:
            if number is not None:
                queue.append(number)
            else:
                blank = not page_break
            continue
        page_break = False
        if number is None and queue:
            number = queue.pop(0)
            body_line = BodyLine(number, number, text, line.heading, blank, from_queue=True)
        else:
            if number is not None:
                queue.clear()  # empty numbers before numbered text are just blank lines
            body_line = BodyLine(number, number, text, line.heading, blank)
        blank = False
        if (note := _NOTE.match(text)) and (lands := laender(note.group("land") or note["word"])):
            target = []  # everything after the heading belongs to the note, one per Land
            page.notes += [(land, target) for land in lands]
            body_line.text = note.group("rest")
        target.append(body_line)
    _hand_out_queue(page.body if not page.notes else page.notes[-1][1], queue)


def _printed(
    line: Line,
    last: int | None,
    previous: int,
    candidates: list[int | None],
    index: int,
    numbered: bool,
) -> bool:
    """Is the line's number candidate a printed line number?  It continues the count (or
    starts it at 1 in a document with line numbers, or continues the page before), or a new
    count starts there."""
    if (last is not None or numbered) and accept_number(line, None if last is None else last + 1):
        return True
    if last is None and previous and accept_number(line, previous + 1):
        return True
    return _starts_count(candidates, index)


def _plain_footnotes(
    lines: list[str], candidates: list[int | None], furniture: frozenset[str]
) -> dict[int, int]:
    """Footnotes printed without a rule: a block after a blank line that starts with a small
    number ("1 Vorgang: …") and is followed only by blank lines up to a page number or
    running header, or the end.  Start index → index after the block."""
    found = {}
    for start, number in enumerate(candidates):
        if number is None or number > _MAX_FOOTNOTE or not start or lines[start - 1].strip():
            continue
        end = start
        while end < len(lines) and lines[end].strip() and end - start < _MAX_FOOTNOTE_LINES:
            end += 1
        after = end
        while after < len(lines) and not lines[after].strip():
            after += 1
        text = strip_markup(lines[after]) if after < len(lines) else ""
        if after == len(lines) or is_page_furniture(text) or text in furniture:
            found[start] = end
    return found


def has_line_numbers(lines: list[str], furniture: frozenset[str] = frozenset()) -> bool:
    """Does the document print line numbers: three lines in a row numbered n, n+1, n+2?
    Page numbers ("- 2 -") and running headers do not count."""
    numbers = [
        n
        for raw in lines
        if (text := strip_markup(raw))
        and not is_page_furniture(text)
        and text not in furniture
        and (n := clean_line(raw).number) is not None
    ]
    runs = zip(numbers, numbers[1:], numbers[2:], strict=False)
    return any(b == a + 1 and c == a + 2 for a, b, c in runs)


def _starts_count(candidates: list[int | None], index: int) -> bool:
    """Does a count of printed line numbers start here that does not start at 1 or does not
    continue the count before (Word numbers lines through the document or per page)?  Only
    when the next two numbers follow it, so that a year or an amount is never taken."""
    number = candidates[index]
    if number is None:
        return False
    following = [n for n in candidates[index + 1 : index + _RUN_REACH] if n is not None][:2]
    return following == [number + 1, number + 2]


def _hand_out_queue(lines: list[BodyLine], queue: list[int]) -> None:
    """Numbers left over after unnumbered text go to the last of those text lines."""
    if queue and lines and lines[-1].from_queue:
        lines[-1].last = queue[-1]


def _table_row(top: str, raw: str) -> tuple[str, str, list[str]]:
    cells = raw.split("\t", 1)[1]
    title, rest = title_and_rest(cells)
    return top, title, laender(rest.replace("Antragsteller:", ""))


def _table_text(row: tuple[str, str, list[str]]) -> str:
    top, title, applicants = row
    names = ", ".join(NAME_BY_CODE[code] for code in applicants)
    # A bullet, so that each row of the Grüne Liste table stays a line of its own.
    row_text = f"• TOP {top}: {title}"
    return f"{row_text} (Antragsteller: {names})" if names else row_text
