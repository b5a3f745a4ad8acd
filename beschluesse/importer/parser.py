"""Text of IntMK minutes ("Externe Niederschrift") → exchange-format dict.

The document has three parts: the cover (conference number, dates, place, chair, motto), the
agenda ("Tagesordnung"), and one page per resolution starting with a line "TOP 3.3".  Line
cleanup lives in ``text``, the wording rules in ``rules``, references in ``references``.

Decisions worth knowing (see also the tests in tests/beschluesse/test_parser_seed.py):

* Printed line numbers are only taken when they continue the count (1, 2, 3 …), so a year or
  an amount at the start of a line is never read as a line number.
* Line numbers printed without text (a page break in TOP 3.2 prints 21–29 empty and the text
  follows without numbers) are handed to the following unnumbered text lines one by one, in
  order; the last of those lines also takes any numbers left over.  Empty numbers after
  numbered text (TOP 1.7, line 2) only count for ``zeilen``.
* A paragraph ends at a sentence end followed by a blank line, or by a line whose first word
  would have fitted on the line before within 85 % of the text width (a hard line break in
  ragged-right text; TOP 2's first page and TOP 6.3 have no blank lines between paragraphs).
* "1." starts a Ziffer only when it continues the count, starts with a capital and follows a
  sentence end; otherwise ("Sie fordern den Bund auf," + "1. die Verstetigung …") it is an item
  of the paragraph.  Text after a blank line that follows an item and is no item itself closes
  the list on a line of its own (TOP B: "… nehmen die Berichte" + eight items + "zur Kenntnis.").
"""

import re
from dataclasses import dataclass, field
from typing import Any

from beschluesse.importer.demands import Demand, find_demands, statement_kinds
from beschluesse.importer.errors import NiederschriftError
from beschluesse.importer.references import Reference, find_references
from beschluesse.importer.text import (
    MONTHS,
    PLACE,
    accept_number,
    clean_line,
    is_footnote,
    is_page_furniture,
    join_lines,
    normalise_for_compare,
    repair_land_names,
    split_sentences,
    strip_markup,
    strip_private_use,
    unnumbered,
)
from beschluesse.models import FOLLOWED_UP_KINDS, Kind, Vote
from intmk.laender import CODE_BY_NAME, LAENDER, NAME_BY_CODE

TOP_NUMBER = r"(?:[A-Z]\d{0,2}(?:\.\d{1,2})*|\d{1,2}(?:\.\d{1,2})*[a-z]?)"
_TOP_HEADING = re.compile(rf"^TOP\s+(?P<top>{TOP_NUMBER})$")
_CONFERENCE = re.compile(r"\b(?P<nummer>\d{1,2})\.\s*(?:IntMK|Integrationsministerkonferenz)\b")
_CONFERENCE_YEAR = re.compile(
    r"\b(?P<nummer>\d{1,2})\.\s*(?:IntMK|Integrationsministerkonferenz)\s+(?P<jahr>(?:19|20)\d\d)\b"
)
_MONTHS = {name: number for number, name in enumerate(MONTHS, start=1)}
# The place runs to the end of its line ("in Frankfurt am Main", "in Halle (Saale)"); the date
# may wrap ("am 20. – 21. März\n2024 in Rostock-Warnemünde").
_DATES = re.compile(
    r"\bam\s+(?P<von>\d{1,2})\.\s*(?:(?:[-–]|und|bis)\s*(?P<bis>\d{1,2})\.\s*)?"
    rf"(?P<monat>{'|'.join(MONTHS)})\s+(?P<jahr>\d{{4}})(?:\s+in[ \t]+(?P<ort>{PLACE}))?"
)
_VOTE = re.compile(r"\b(einstimmig|mehrheitlich)\b.*\bbeschlossen\b")
_VOTE_LABEL = re.compile(r"^Abstimmungsergebnis\s*:\s*(?P<rest>.*)$")
_LABEL = re.compile(
    r"^(?P<label>Antragsteller|Berichterstatter(?:in)?|Beschluss)\s*:\s*(?P<rest>.*)$"
)
# "Protokollnotiz Bayern:", "Protokollnotiz des Landes Berlin:"; the text may follow the colon.
_NOTE = re.compile(
    r"^Protokollnotiz(?:en)?\s+(?:des\s+(?:Landes|Freistaate?s)\s+)?(?P<land>[\w-]+)\s*:?\s*"
    r"(?P<rest>.*)$"
)
_CLAUSE_NUMBER = re.compile(r"^(?P<nummer>\d{1,2})\.\s+(?=[A-ZÄÖÜ„\"])")
_LIST_ITEM = re.compile(r"^(?:\d{1,2}\.\s|[a-z]\)\s|• )")
_ITEM_NUMBER = re.compile(r"^(\d{1,2})\.\s")
_SENTENCE_END = re.compile(r"[.!?][“”\"')]*$")
_TABLE_ROW = re.compile(rf"^\s*(?:<[^>]+>)*(?P<top>{TOP_NUMBER})(?:</[^>]+>)*\s*\t")
_HARD_BREAK_SHARE = 0.85
_ALL_LAENDER = re.compile(r"\bAlle\s+Länder\b")
_LAND_NAMES = re.compile(
    r"\b(?:"
    + "|".join(re.escape(name) for name in sorted(CODE_BY_NAME, key=len, reverse=True))
    + r")\b"
)


# --- data collected while reading -------------------------------------------------------------


@dataclass
class _AgendaRow:
    top: str
    titel: str
    antragsteller: list[str]
    federfuehrend: str | None
    gruene_liste: bool
    rest: str  # the applicants' cell, for "Vorgang: TOP 2.6 der 17. IntMK 2022"


@dataclass
class _BodyLine:
    first: int | None  # printed line number(s) this text line stands for
    last: int | None
    text: str
    heading: bool = False
    blank_before: bool = False
    from_queue: bool = False  # took a number that was printed empty before it
    table_row: bool = False  # a row of the Grüne Liste table (TOP 1.1)


@dataclass
class _Clause:
    nummer: str | None
    lines: list[_BodyLine] = field(default_factory=list)
    segments: list[list[str]] = field(default_factory=list)


@dataclass
class _Page:
    top: str
    titel: str = ""
    abstimmung: str | None = None
    antragsteller: list[str] = field(default_factory=list)
    berichterstatter: str | None = None
    unterstrichen: str | None = None
    body: list[_BodyLine] = field(default_factory=list)
    notes: list[tuple[str, list[_BodyLine]]] = field(default_factory=list)
    table: list[tuple[str, str, list[str]]] = field(default_factory=list)  # Grüne Liste
    zeilen: int = 0


# --- entry point ----------------------------------------------------------------------------


def parse_niederschrift(text: str) -> dict[str, Any]:
    """Parse the text of IntMK minutes; raise NiederschriftError (German) when it cannot."""
    text = strip_private_use(text or "")
    if not text.strip():
        raise NiederschriftError("Die Niederschrift ist leer: Es wurde kein Text gefunden.")
    lines = text.splitlines()
    headings = [
        i for i, raw in enumerate(lines) if "TOP" in raw and _TOP_HEADING.match(strip_markup(raw))
    ]
    cover_end = _agenda_start(lines, headings)
    konferenz = _parse_conference(lines[:cover_end] or lines[:40], lines)
    if not headings:
        raise NiederschriftError(
            "Der Text ist keine IntMK-Niederschrift: Es wurde kein Tagesordnungspunkt "
            "(„TOP …“ als eigene Zeile) gefunden."
        )
    agenda = _parse_agenda(lines[cover_end : headings[0]])
    if not konferenz["motto"]:
        konferenz["motto"] = _motto_from_leitantrag(agenda)
    pages = [
        _parse_page(lines[start:end])
        for start, end in zip(headings, headings[1:] + [len(lines)], strict=True)
    ]
    _check_complete(pages)
    return _assemble(konferenz, agenda, pages)


# --- cover ----------------------------------------------------------------------------------


def _agenda_start(lines: list[str], headings: list[int]) -> int:
    """The "Tagesordnung" line; without one, the first table row of the agenda (a DOCX gives
    the table as rows of TAB-separated cells: "TOP\\tThema", "3.3\\tTeilhabe …\\t<u>Berlin</u>")."""
    first_heading = headings[0] if headings else len(lines)
    for i, raw in enumerate(lines[:first_heading]):
        if strip_markup(raw).startswith("Tagesordnung"):
            return i
    for i, raw in enumerate(lines[:first_heading]):
        if "\t" in raw and (_is_table_header(raw) or _agenda_row(raw)):
            return i
    return first_heading


def _is_table_header(raw: str) -> bool:
    return strip_markup(raw.split("\t")[0]) == "TOP"


def _parse_conference(cover: list[str], document: list[str]) -> dict[str, Any]:
    """Number, year, dates, place, chair and motto from the cover; the year may also come from
    a page header of the same conference ("19. Integrationsministerkonferenz 2024")."""
    texts = [strip_markup(raw) for raw in cover]
    joined = repair_land_names(" ".join(texts))
    number = _CONFERENCE.search(joined)
    if not number:
        raise NiederschriftError(
            "Der Text ist keine IntMK-Niederschrift: Die Kopfzeile mit der Konferenz "
            "(zum Beispiel „19. IntMK 2024“) fehlt."
        )
    nummer = int(number.group("nummer"))
    beginn = ende = None
    ort = ""
    jahr = None
    # joined by line breaks, so that the place ends with its line
    if dates := _DATES.search(repair_land_names("\n".join(texts))):
        jahr = int(dates.group("jahr"))
        month = _MONTHS[dates.group("monat")]
        beginn = f"{jahr:04d}-{month:02d}-{int(dates.group('von')):02d}"
        ende = f"{jahr:04d}-{month:02d}-{int(dates.group('bis') or dates.group('von')):02d}"
        ort = dates.group("ort") or ""
    jahr = jahr or _conference_year(joined, nummer) or _header_year(document, nummer)
    if jahr is None:
        raise NiederschriftError(
            f"Das Jahr der {nummer}. IntMK ist nicht zu erkennen: Weder die Kopfzeile "
            f"(zum Beispiel „{nummer}. IntMK 2024“) noch das Datum der Konferenz (zum Beispiel "
            "„am 20. März 2024“) nennt ein Jahr."
        )
    return {
        "nummer": nummer,
        "jahr": jahr,
        "ort": ort,
        "beginn": beginn,
        "ende": ende,
        "vorsitz": _chair(joined),
        "motto": _motto(texts),
    }


def _conference_year(text: str, nummer: int) -> int | None:
    """The year of "19. IntMK 2024" in ``text``, for this conference only (not "18. IntMK 2023")."""
    for match in _CONFERENCE_YEAR.finditer(text):
        if int(match.group("nummer")) == nummer:
            return int(match.group("jahr"))
    return None


def _header_year(document: list[str], nummer: int) -> int | None:
    """The year from a conference header line on a resolution page."""
    for raw in document:
        if "konferenz" in raw or "IntMK" in raw:
            text = strip_markup(raw)
            if (found := _CONFERENCE_YEAR.fullmatch(text)) and int(found.group("nummer")) == nummer:
                return int(found.group("jahr"))
    return None


def _chair(cover: str) -> str | None:
    if label := re.search(r"\bVorsitz\s*:\s*([\w-]+)", cover):
        return CODE_BY_NAME.get(label.group(1))
    land = _LAND_NAMES.search(cover)
    return CODE_BY_NAME[land.group(0)] if land else None


def _motto(texts: list[str]) -> str:
    """The line after "19. IntMK 2024" and the chair's name on the cover, or a "Motto:" label."""
    for text in texts:
        if label := re.match(r"^Motto\s*:\s*(.+)$", text):
            return label.group(1).strip('„“" ')
    non_blank = [t for t in texts if t]
    for i, text in enumerate(non_blank):
        if re.fullmatch(r"\d{1,2}\.\s*IntMK\s+\d{4}", text):
            following = [t for t in non_blank[i + 1 : i + 3] if t not in CODE_BY_NAME]
            candidate = following[0] if following else ""
            if candidate and not re.search(r"Niederschrift|Tagesordnung|\d", candidate):
                return candidate.strip('„“" ')
    return ""


def _motto_from_leitantrag(agenda: list[_AgendaRow]) -> str:
    for row in agenda:
        if row.titel.startswith("Leitantrag:"):
            return row.titel.split(":", 1)[1].strip().strip('„“"')
    return ""


# --- agenda ---------------------------------------------------------------------------------


def _parse_agenda(lines: list[str]) -> list[_AgendaRow]:
    rows = []
    for raw in lines:
        if row := _agenda_row(raw):
            rows.append(row)
    return rows


def _agenda_row(raw: str) -> _AgendaRow | None:
    cells = [cell for cell in raw.split("\t") if cell.strip()]
    if len(cells) >= 2:
        head = re.match(
            rf"^(?:TOP\s*)?(?P<top>{TOP_NUMBER})\s*(?P<gl>\(GL\))?$", strip_markup(cells[0])
        )
        if not head:
            return None
        top, gl = head.group("top"), bool(head.group("gl"))
        title, rest = _title_and_rest("\t".join(cells[1:]))
    else:
        plain = re.match(
            rf"^(?:TOP\s+)?(?P<top>{TOP_NUMBER})\s+(?P<text>.+)$", _keep_underline(raw)
        )
        if not plain or is_page_furniture(strip_markup(raw)):
            return None
        top, text = plain.group("top"), plain.group("text")
        gl = "(GL)" in text
        title, rest = _split_plain_title(text.replace("(GL)", ""))
    if "(GL)" in title:
        gl, title = True, title.replace("(GL)", "").strip()
    applicants = _laender(rest.split("Vorgang:")[0])
    return _AgendaRow(top, title, applicants, _lead(rest, applicants), gl, strip_markup(rest))


def _title_and_rest(cell: str) -> tuple[str, str]:
    """Title is the bold part of the cell; without markup, the text before the first Land."""
    bold = re.search(r"<b>(.*?)</b>", cell, re.DOTALL)
    if bold:
        return strip_markup(bold.group(1)), cell[bold.end() :]
    parts = cell.split("\t")
    if len(parts) > 1:
        return strip_markup(parts[0]), "\t".join(parts[1:])
    return _split_plain_title(_keep_underline(cell))


def _keep_underline(text: str) -> str:
    """``strip_markup`` except for <u>…</u>, which marks the lead applicant."""
    text = text.replace("<u>", "\x01").replace("</u>", "\x02")
    return strip_markup(text).replace("\x01", "<u>").replace("\x02", "</u>")


def _split_plain_title(text: str) -> tuple[str, str]:
    """Title and applicants of a cell or line without markup other than <u> (the title ends
    at "Antragsteller:" or at the first Land named)."""
    text = repair_land_names(text)
    if "Antragsteller:" in text:
        title, rest = text.split("Antragsteller:", 1)
        return strip_markup(title).strip(" –-,;("), rest
    first = min(
        (m.start() for m in (_LAND_NAMES.search(text), _ALL_LAENDER.search(text)) if m),
        default=len(text),
    )
    if text[:first].endswith("<u>"):  # "Teilhabe verbessern <u>Berlin</u>, Bremen"
        first -= len("<u>")
    return strip_markup(text[:first]).strip(" –-,;("), text[first:]


def _laender(text: str) -> list[str]:
    """ISO codes of the Länder named, in printed order; "Alle Länder" means all 16."""
    text = repair_land_names(strip_markup(text))
    if _ALL_LAENDER.search(text):
        return [code for code, _ in LAENDER]
    codes = [CODE_BY_NAME[m.group(0)] for m in _LAND_NAMES.finditer(text)]
    return list(dict.fromkeys(codes))


def _lead(rest: str, applicants: list[str]) -> str | None:
    """The underlined Land, else the only applicant."""
    if underlined := re.search(r"<u>(.*?)</u>", rest):
        codes = _laender(underlined.group(1))
        if codes:
            return codes[0]
    return applicants[0] if len(applicants) == 1 else None


# --- resolution pages -----------------------------------------------------------------------


def _parse_page(lines: list[str]) -> _Page:
    heading = _TOP_HEADING.match(strip_markup(lines[0]))
    if heading is None:  # pages are cut at TOP headings, so this is a bug, not bad input
        raise NiederschriftError(
            f"Interner Fehler beim Lesen: Die Beschlussseite beginnt nicht mit „TOP …“, "
            f"sondern mit „{strip_markup(lines[0])[:60]}“."
        )
    page = _Page(top=heading.group("top"))
    body_start = _parse_page_header(page, lines)
    _parse_body(page, lines[body_start:])
    return page


def _parse_page_header(page: _Page, lines: list[str]) -> int:
    """Read title, labels and vote; return the index where the resolution text begins.

    The title runs until a blank line or a label; labels ("Antragsteller: …") run until a blank
    line or the next label.  The text begins after the vote formula or "Beschluss:", or, for
    pages without a vote (reports), at the first line after the title that is not a label.
    """
    title: list[str] = []
    title_closed = False
    label: str | None = None
    labels: dict[str, list[str]] = {}
    for i in range(1, len(lines)):
        text = strip_markup(lines[i])
        if is_footnote(lines[i]) or is_page_furniture(text):
            continue
        if not text:
            label, title_closed = None, bool(title)
            continue
        if vote := _VOTE.search(text):
            page.abstimmung = vote.group(1)
            _apply_labels(page, title, labels)
            return i + 1
        if vote_label := _VOTE_LABEL.match(text):
            page.abstimmung = _vote_word(vote_label.group("rest"))
            label = None
        elif found := _LABEL.match(text):
            label = found.group("label")
            if label == "Beschluss":  # its text may follow on the same line
                _apply_labels(page, title, labels)
                return i if found.group("rest") else i + 1
            labels.setdefault(label, []).append(found.group("rest"))
            if label == "Antragsteller":
                page.unterstrichen = _lead(lines[i], [])
        elif label:
            labels[label].append(text)
        elif (title_closed or clean_line(lines[i]).number == 1) and (title or labels):
            _apply_labels(page, title, labels)
            return i
        else:
            title.append(text)
    _apply_labels(page, title, labels)
    return len(lines)


def _vote_word(text: str) -> str | None:
    for vote in Vote.values:
        if vote in text.lower():
            return vote
    return None


def _apply_labels(page: _Page, title: list[str], labels: dict[str, list[str]]) -> None:
    page.titel = join_lines(title)
    page.antragsteller = _laender(join_lines(labels.get("Antragsteller", [])))
    rapporteurs = _laender(join_lines(labels.get("Berichterstatter", [])))
    rapporteurs += _laender(join_lines(labels.get("Berichterstatterin", [])))
    page.berichterstatter = rapporteurs[0] if rapporteurs else None


def _parse_body(page: _Page, lines: list[str]) -> None:
    """Turn the resolution text into body lines (with printed numbers) and dissent notes."""
    last: int | None = None
    queue: list[int] = []  # numbers printed without text, waiting for unnumbered text
    blank = False
    target = page.body
    for raw in lines:
        cleaned_text = strip_markup(raw)
        if is_footnote(raw) or is_page_furniture(cleaned_text):
            continue
        if table := _TABLE_ROW.match(raw):
            page.table.append(_table_row(table.group("top"), raw))
            row_text = _table_text(page.table[-1])
            target.append(_BodyLine(None, None, row_text, blank_before=blank, table_row=True))
            blank = False
            continue
        if "\t" in raw and _is_table_header(raw):
            continue  # the header row of the Grüne Liste table
        line = clean_line(re.sub(r"^\s*Beschluss\s*:\s*", "", raw))
        number = line.number if accept_number(line, None if last is None else last + 1) else None
        text = line.text if number is not None else unnumbered(line)
        if number is not None:
            last = number
            page.zeilen = max(page.zeilen, number)
        if not text:
            if number is not None:
                queue.append(number)
            else:
                blank = True
            continue
        if number is None and queue:
            number = queue.pop(0)
            body_line = _BodyLine(number, number, text, line.heading, blank, from_queue=True)
        else:
            if number is not None:
                queue.clear()  # empty numbers before numbered text are just blank lines
            body_line = _BodyLine(number, number, text, line.heading, blank)
        blank = False
        if (note := _NOTE.match(text)) and (land := _laender(note.group("land"))):
            target = []  # everything after the heading belongs to the note
            page.notes.append((land[0], target))
            body_line.text = note.group("rest")
        target.append(body_line)
    _hand_out_queue(page.body if not page.notes else page.notes[-1][1], queue)


def _hand_out_queue(lines: list[_BodyLine], queue: list[int]) -> None:
    """Numbers left over after unnumbered text go to the last of those text lines."""
    if queue and lines and lines[-1].from_queue:
        lines[-1].last = queue[-1]


def _table_row(top: str, raw: str) -> tuple[str, str, list[str]]:
    cells = raw.split("\t", 1)[1]
    title, rest = _title_and_rest(cells)
    return top, title, _laender(rest.replace("Antragsteller:", ""))


def _table_text(row: tuple[str, str, list[str]]) -> str:
    top, title, applicants = row
    names = ", ".join(NAME_BY_CODE[code] for code in applicants)
    # A bullet, so that each row of the Grüne Liste table stays a line of its own.
    row_text = f"• TOP {top}: {title}"
    return f"{row_text} (Antragsteller: {names})" if names else row_text


# --- clauses --------------------------------------------------------------------------------


def _ends_sentence(line: _BodyLine) -> bool:
    return bool(_SENTENCE_END.search(line.text))


def _clauses(lines: list[_BodyLine]) -> list[_Clause]:
    text_lines = [line for line in lines if line.text]
    width = max((len(line.text) for line in text_lines if line.first is not None), default=0)
    width = width or max((len(line.text) for line in text_lines), default=0)
    clauses: list[_Clause] = []
    last_number = 0
    prev: _BodyLine | None = None
    for line in text_lines:
        numbered = _CLAUSE_NUMBER.match(line.text)
        after_break = prev is None or _ends_sentence(prev) or prev.heading or line.heading
        if numbered and int(numbered.group("nummer")) == last_number + 1 and after_break:
            last_number += 1
            clauses.append(_Clause(str(last_number)))
            clauses[-1].segments.append([line.text[numbered.end() :]])
        elif prev is None or (_paragraph_break(prev, line, width) and clauses[-1].nummer is None):
            clauses.append(_Clause(None))
            clauses[-1].segments.append([line.text])
        elif (
            _paragraph_break(prev, line, width)
            or prev.heading
            or _is_item(line.text, [segment[0] for segment in clauses[-1].segments])
            or _closes_list(clauses[-1].segments[-1], prev, line)
        ):
            clauses[-1].segments.append([line.text])
        else:
            clauses[-1].segments[-1].append(line.text)
        clauses[-1].lines.append(line)
        prev = line
    return clauses


def _is_item(text: str, before: list[str]) -> bool:
    """Does ``text`` open a list item?  A bullet or a letter ("a) ") always does; a number only
    when it starts a list ("1. ") or continues the last numbered item in ``before``, so that an
    ordinal wrapped to the start of a line ("19. Integrationsministerkonferenz (TOP 3.3) …") stays
    in the running text."""
    if not _LIST_ITEM.match(text):
        return False
    number = _ITEM_NUMBER.match(text)
    if number is None or number.group(1) == "1":
        return True
    previous = (_ITEM_NUMBER.match(item) for item in reversed(before))
    last = next((int(found.group(1)) for found in previous if found), None)
    return last == int(number.group(1)) - 1


def _closes_list(segment: list[str], prev: _BodyLine, line: _BodyLine) -> bool:
    """After a blank line, text that is no item ends the list (TOP B: the eight reports, then
    "zur Kenntnis."), unless the item before stopped mid-word."""
    return (
        line.blank_before
        and bool(_LIST_ITEM.match(segment[0]))
        and not _LIST_ITEM.match(line.text)
        and not re.search(r"[^\W\d_]-$", prev.text)
    )


def _paragraph_break(prev: _BodyLine, line: _BodyLine, width: int) -> bool:
    """A heading, or a sentence end followed by a blank line or by a hard line break."""
    if line.heading:
        return True
    if not _ends_sentence(prev) or _LIST_ITEM.match(line.text):
        return False
    # Ragged-right text wraps only when the next word does not fit; a sentence-final line that
    # would have had room for it (with a margin for word spacing) ended its paragraph.
    first_word = line.text.split(" ", 1)[0]
    fits = len(prev.text) + 1 + len(first_word) <= _HARD_BREAK_SHARE * width
    return line.blank_before or fits


def _clause_dict(clause: _Clause, preceding: tuple[str, str] | None) -> dict[str, Any]:
    """``preceding``: addressee and level of the last demand in the clauses before."""
    text = "\n".join(join_lines(segment) for segment in clause.segments)
    demands, kinds = _analyse(text, preceding)
    numbers = [n for line in clause.lines for n in (line.first, line.last) if n is not None]
    followed = [d.art for d in demands if d.art in FOLLOWED_UP_KINDS]
    return {
        "nummer": clause.nummer,
        "zeile_von": min(numbers) if numbers else None,
        "zeile_bis": max(numbers) if numbers else None,
        "text": text,
        "art": (followed or kinds or [Kind.SONSTIGES.value])[0],
        "forderungen": [
            {"adressat": d.adressat, "ebene": d.ebene, "art": d.art, "wortlaut": d.wortlaut}
            for d in demands
        ],
    }


def _analyse(text: str, preceding: tuple[str, str] | None = None) -> tuple[list[Demand], list[str]]:
    """Demands and statement kinds of a clause, sentence by sentence.

    A demand worded without an addressee takes the one of the nearest demand before it in the
    resolution (``preceding``, then the clause's own earlier demands); see ``rules.RULES``.
    """
    demands: list[Demand] = []
    kinds: list[str] = []
    for sentence in split_sentences(text):
        intro, items, closing = _split_items(sentence)
        frame = " ".join(f"{intro} {closing}".split())
        flat = " ".join(sentence.split())
        if demands:
            preceding = (demands[-1].adressat, demands[-1].ebene)
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


# --- checks and assembly --------------------------------------------------------------------


def _check_complete(pages: list[_Page]) -> None:
    """Refuse a document cut short: an empty resolution page, or a last text that stops
    mid-word or mid-sentence (a complete resolution ends with a full stop)."""
    for page in pages:
        if not any(line.text for line in page.body):
            raise NiederschriftError(
                f"Die Niederschrift ist unvollständig: TOP {page.top} hat eine Überschrift, "
                "aber keinen Beschlusstext."
            )
    last_page = pages[-1]
    lines = last_page.notes[-1][1] if last_page.notes else last_page.body
    last = next((line for line in reversed(lines) if line.text), None)
    if last is None or last.table_row:
        return
    if re.search(r"[^\W\d_]-$", last.text):
        raise NiederschriftError(
            f"Die Niederschrift ist abgeschnitten: Der Text von TOP {last_page.top} endet "
            f"mitten im Wort („…{last.text[-40:]}“)."
        )
    if not _SENTENCE_END.search(last.text):
        raise NiederschriftError(
            f"Die Niederschrift ist abgeschnitten: Der Text von TOP {last_page.top} endet "
            f"mitten im Satz („…{last.text[-40:]}“)."
        )


def _assemble(
    konferenz: dict[str, Any], agenda: list[_AgendaRow], pages: list[_Page]
) -> dict[str, Any]:
    by_top = {row.top: row for row in agenda}
    table = {top: (title, codes) for page in pages for top, title, codes in page.table}
    return {
        "konferenz": konferenz,
        "tagesordnung": [_agenda_dict(row, by_top) for row in agenda],
        "beschluesse": [_resolution_dict(page, by_top.get(page.top), table) for page in pages],
        "warnungen": _warnings(agenda, pages, table),
    }


def _agenda_dict(row: _AgendaRow, by_top: dict[str, _AgendaRow]) -> dict[str, Any]:
    group = row.top.split(".")[0]
    group_row = by_top.get(group) if group.isdigit() else None
    return {
        "top": row.top,
        "titel": row.titel,
        "gruppe": group_row.titel if group_row else "",
        "antragsteller": row.antragsteller,
        "federfuehrend": row.federfuehrend,
        "gruene_liste": row.gruene_liste,
    }


def _resolution_dict(
    page: _Page, row: _AgendaRow | None, table: dict[str, tuple[str, list[str]]]
) -> dict[str, Any]:
    references: list[Reference] = find_references(row.rest) if row else []
    clauses = []
    preceding: tuple[str, str] | None = None  # the last demand so far, for unaddressed ones
    for clause in _clauses(page.body):
        clauses.append(_clause_dict(clause, preceding))
        if demands := clauses[-1]["forderungen"]:
            preceding = (demands[-1]["adressat"], demands[-1]["ebene"])
    for clause_dict in clauses:
        references += find_references(clause_dict["text"])
    if row:
        lead = row.federfuehrend
    else:
        lead = page.unterstrichen or (
            page.antragsteller[0] if len(page.antragsteller) == 1 else None
        )
    return {
        "top": page.top,
        "titel": page.titel,
        "abstimmung": page.abstimmung,
        "gruene_liste": bool(row and row.gruene_liste) or page.top in table,
        "antragsteller": page.antragsteller,
        "federfuehrend": lead,
        "berichterstatter": page.berichterstatter,
        "zeilen": page.zeilen,
        "ziffern": clauses,
        "protokollnotizen": [_note_dict(land, lines) for land, lines in page.notes],
        "verweise": [ref.as_dict() for ref in dict.fromkeys(references)],
    }


def _note_dict(land: str, lines: list[_BodyLine]) -> dict[str, Any]:
    numbers = [n for line in lines for n in (line.first, line.last) if n is not None]
    paragraphs: list[list[str]] = []
    for line in lines:
        if not line.text:
            continue
        if line.blank_before or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(line.text)
    return {
        "land": land,
        "zeile_von": min(numbers) if numbers else None,
        "zeile_bis": max(numbers) if numbers else None,
        "text": "\n".join(join_lines(p) for p in paragraphs),
    }


def _names(codes: list[str]) -> str:
    return ", ".join(NAME_BY_CODE[code] for code in codes) or "keine"


def _warnings(
    agenda: list[_AgendaRow], pages: list[_Page], table: dict[str, tuple[str, list[str]]]
) -> list[str]:
    by_top = {row.top: row for row in agenda}
    warnings = []
    for page in pages:
        row = by_top.get(page.top)
        if agenda and row is None:
            warnings.append(
                f"TOP {page.top} hat eine Beschlussseite, steht aber nicht in der Tagesordnung."
            )
            continue
        sources = []
        if row and row.antragsteller:
            sources.append(("Tagesordnung", row.antragsteller))
        if page.top in table and table[page.top][1]:
            sources.append(("Grüne Liste (TOP 1.1)", table[page.top][1]))
        if page.antragsteller:
            sources.append(("Beschlussseite", page.antragsteller))
        if len({frozenset(codes) for _, codes in sources}) > 1:
            detail = "; ".join(f"{name}: {_names(codes)}" for name, codes in sources)
            warnings.append(f"TOP {page.top}: Die Antragsteller weichen voneinander ab – {detail}.")
        if row and normalise_for_compare(row.titel) != normalise_for_compare(page.titel):
            warnings.append(
                f"TOP {page.top}: Der Titel in der Tagesordnung („{row.titel}“) weicht vom Titel "
                f"auf der Beschlussseite ab („{page.titel}“)."
            )
    return warnings
