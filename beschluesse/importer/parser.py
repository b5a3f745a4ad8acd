"""Text of IntMK minutes ("Externe Niederschrift") → the exchange format (``exchange.Minutes``).

The document has three parts: the cover (conference number, dates, place, chair, motto), the
agenda ("Tagesordnung"), and one page per resolution starting with a line "TOP 3.3".  This
module holds the entry point, the completeness check and the assembly of the exchange format;
each layer has its own module: line cleanup in ``text``, the agenda in ``agenda``, resolution
pages in ``pages``, clauses in ``clauses``, single fields (cover, applicants, vote) in
``fields``, references in ``references``, the wording rules in ``rules`` (applied by
``demands``).

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
from collections import Counter

from beschluesse.importer.agenda import (
    AgendaRow,
    agenda_row,
    agenda_start,
    motto_from_leitantrag,
    parse_agenda,
)
from beschluesse.importer.characters import normalise_characters
from beschluesse.importer.clauses import (
    clause_record,
    ends_sentence,
    ends_sentence_text,
    paragraph_break,
    split_clauses,
)
from beschluesse.importer.completeness import missing_pages
from beschluesse.importer.errors import NiederschriftError
from beschluesse.importer.exchange import (
    AgendaRecord,
    ConferenceRecord,
    Minutes,
    NoteRecord,
    ReferenceRecord,
    ResolutionRecord,
)
from beschluesse.importer.fields import TOP_WORD, parse_conference, with_chair
from beschluesse.importer.labels import opens_resolution
from beschluesse.importer.pages import (
    TOP_LINE,
    BodyLine,
    Page,
    has_line_numbers,
    heading_text,
    page_body,
    parse_page,
)
from beschluesse.importer.references import find_references
from beschluesse.importer.sparse import Sparse, printed_step
from beschluesse.importer.text import (
    is_page_furniture,
    join_lines,
    normalise_for_compare,
    strip_markup,
    strip_private_use,
)
from beschluesse.importer.trailing import move_trailing_numbers
from intmk.laender import NAME_BY_CODE


def parse_niederschrift(text: str) -> Minutes:
    """Parse the text of IntMK minutes; raise NiederschriftError (German) when it cannot."""
    text = normalise_characters(strip_private_use(text or ""))
    if not text.strip():
        raise NiederschriftError("Die Niederschrift ist leer: Es wurde kein Text gefunden.")
    lines = move_trailing_numbers(text.splitlines())
    headings = _headings(lines)
    cover_end = agenda_start(lines, headings)
    conference = parse_conference(lines[:cover_end] or lines[:40], lines)
    if not headings:
        raise NiederschriftError(
            "Der Text ist keine IntMK-Niederschrift: Es wurde kein Tagesordnungspunkt "
            "(„TOP …“ als eigene Zeile oder mit seinem Titel) gefunden."
        )
    furniture = _running_headers(lines, conference.number)
    agenda = parse_agenda(lines[cover_end : headings[0]], furniture)
    if not conference.motto:
        conference.motto = motto_from_leitantrag(agenda)
    page_lines = [lines[a:b] for a, b in zip(headings, headings[1:] + [len(lines)], strict=True)]
    dense = has_line_numbers(lines[headings[0] :], furniture)
    sparse = Sparse()
    if not dense:  # numbers maybe printed on every n-th line only
        sparse = printed_step([page_body(part, furniture) for part in page_lines], furniture)
    numbered = dense or sparse.step > 1
    pages: list[Page] = []
    for part in page_lines:
        previous = pages[-1].last_number if pages else 0
        pages.append(parse_page(part, furniture, previous, numbered=numbered, sparse=sparse))
    _check_complete(pages)
    without_page = missing_pages(agenda, [page.top for page in pages])
    minutes = _assemble(conference, agenda, pages)
    minutes.warnings += without_page
    return minutes


# A resolution page names its applicants, vote or "Beschluss:" within this many lines.
_HEADER_REACH = 15
_BODY_REACH = 60
_CONTENTS_ENTRY_LINES = 6  # a title of up to five lines and its page number
_RUNNING_HEADER_MIN = 3
_TOP_WORD = re.compile(TOP_WORD)


def _headings(lines: list[str]) -> list[int]:
    """Lines that start a resolution page (also "Top 3.3", "Tagesordnungspunkt 3.3", and a
    Word table row "TOP 3.3<TAB>Titel"): "TOP 3.3" alone, or "TOP 3.3 Titel" when a label or
    vote follows before the next TOP (an agenda row "TOP 3.3 Titel Berlin" has none), or,
    for a page without either (a report), when it stands after a blank line (or after
    "Beschluss:", as in sister conferences' minutes), its title starts with a capital, and a
    sentence ends before the next TOP."""
    candidates = []
    for i, raw in enumerate(lines):
        if (
            _TOP_WORD.search(raw)
            and sum(1 for cell in raw.split("\t") if cell.strip()) <= 2  # not an agenda row
            and (found := TOP_LINE.match(heading_text(raw)))
        ):
            candidates.append((i, found.group("title") or ""))
    headings = []
    for k, (i, title) in enumerate(candidates):
        end = candidates[k + 1][0] if k + 1 < len(candidates) else len(lines)
        block = [strip_markup(raw) for raw in lines[i + 1 : min(end, i + 1 + _BODY_REACH)]]
        if (
            (not title and not _contents_entry(block))
            or any(opens_resolution(text) for text in block[:_HEADER_REACH])
            or (
                (i == 0 or strip_markup(lines[i - 1]) in ("", "Beschluss:"))
                and title[:1].isupper()
                and not ends_sentence_text(title)
                and any(ends_sentence_text(text) and not agenda_row(text) for text in block)
            )
        ):
            headings.append(i)
    return headings


def _contents_entry(block: list[str]) -> bool:
    """The lines after "TOP 2.9b" in a contents list: a title and a page number (the 13th
    IntMK 2018), or a title ending in one ("Sprachkurse sichern ..... 5")."""
    texts = [text for text in block if text and not is_page_furniture(text)]
    return (
        1 <= len(texts) <= _CONTENTS_ENTRY_LINES
        and bool(re.search(r"(?:^|\.{3,}\s*)\d{1,3}$", texts[-1]))
        and not any(ends_sentence_text(text) for text in texts[:-1])
    )


def _running_headers(lines: list[str], nummer: int) -> frozenset[str]:
    """Lines repeated on several pages that name this conference ("7. IntMK – Hauptkonferenz
    am 21./22. März 2012 in Überherrn"), its dates ("am 20./21. März 2024 in Rostock") or the
    kind of document ("Externe Niederschrift"), as cleaned text."""
    names = re.compile(
        rf"\b{nummer}\.\s*(?:IntMK|Integrationsministerkonferenz|Konferenz)\b|Hauptkonferenz"
        r"|^(?:am|vom)\s+\d{1,2}\..*\b(?:19|20)\d\d\b"
        r"|^(?:Externe\s+|Beschluss|Ergebnis)?(?:[Nn]iederschrift|[Pp]rotokoll)$"
    )
    texts = [strip_markup(raw) for raw in lines]
    counts = Counter(text for text in texts if text)
    repeated = [text for text, count in counts.items() if count >= _RUNNING_HEADER_MIN]
    found = {text for text in repeated if names.search(text)}
    return frozenset(found | _beside_page_numbers(texts, counts, found))


def _beside_page_numbers(texts: list[str], counts: Counter[str], known: set[str]) -> set[str]:
    """Headers and footers of any wording ("IntMK 2025 – Beschlüsse", "Freigegeben zur
    Veröffentlichung"): lines printed at least twice, each time in the block of furniture
    around a page number ("Seite 2 von 12", "– 3 –"), that is between a page number and the
    nearest text line (all of them but one: the first page may have no page number); labels,
    votes and TOP lines never are."""
    furniture = set(known)
    while True:
        beside: Counter[str] = Counter()
        for i, text in enumerate(texts):
            if not (is_page_furniture(text) or text in furniture):
                continue
            for step in (-1, 1):  # the lines up to the nearest blank one, both ways
                j = i + step
                while 0 <= j < len(texts) and texts[j]:
                    if texts[j] not in furniture and not is_page_furniture(texts[j]):
                        beside[texts[j]] += 1
                        break
                    j += step
        new = {
            text
            for text, count in beside.items()
            if count >= max(2, counts[text] - 1)  # the first page may print it without number
            and not opens_resolution(text)
            and not TOP_LINE.match(text)
        }
        if not new - furniture:
            return furniture - known
        furniture |= new


# --- checks and assembly --------------------------------------------------------------------


def _check_complete(pages: list[Page]) -> None:
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
    if not ends_sentence(last):
        raise NiederschriftError(
            f"Die Niederschrift ist abgeschnitten: Der Text von TOP {last_page.top} endet "
            f"mitten im Satz („…{last.text[-40:]}“)."
        )


def _assemble(conference: ConferenceRecord, agenda: list[AgendaRow], pages: list[Page]) -> Minutes:
    for row in agenda:  # "Vorsitzland" is the chair's Land
        row.antragsteller = with_chair(row.antragsteller, row.rest, conference.chair)
        if row.federfuehrend is None and len(row.antragsteller) == 1:
            row.federfuehrend = row.antragsteller[0]
    for page in pages:
        page.antragsteller = with_chair(page.antragsteller, page.applicants_text, conference.chair)
    by_top = {row.top: row for row in agenda}
    table = {top: (title, codes) for page in pages for top, title, codes in page.table}
    return Minutes(
        conference=conference,
        agenda=[_agenda_record(row, by_top) for row in agenda],
        resolutions=[_resolution_record(page, by_top.get(page.top), table) for page in pages],
        warnings=_warnings(agenda, pages, table),
    )


def _agenda_record(row: AgendaRow, by_top: dict[str, AgendaRow]) -> AgendaRecord:
    group = row.top.split(".")[0]
    group_row = by_top.get(group) if group.isdigit() else None
    return AgendaRecord(
        top=row.top,
        title=row.titel,
        group=group_row.titel if group_row else "",
        applicants=row.antragsteller,
        lead=row.federfuehrend,
        consent_list=row.gruene_liste,
    )


def _resolution_record(
    page: Page, row: AgendaRow | None, table: dict[str, tuple[str, list[str]]]
) -> ResolutionRecord:
    references: list[ReferenceRecord] = find_references(row.rest) if row else []
    clauses = []
    preceding: tuple[str, str] | None = None  # the last demand so far, for unaddressed ones
    for clause in split_clauses(page.body):
        clauses.append(clause_record(clause, preceding))
        if demands := clauses[-1].demands:
            preceding = (demands[-1].addressee, demands[-1].level)
    for record in clauses:
        references += find_references(record.text)
    if row:
        lead = row.federfuehrend or page.unterstrichen
    else:
        lead = page.unterstrichen or (
            page.antragsteller[0] if len(page.antragsteller) == 1 else None
        )
    return ResolutionRecord(
        top=page.top,
        title=page.titel,
        vote=page.abstimmung,
        consent_list=bool(row and row.gruene_liste) or page.top in table or page.gruene_liste,
        applicants=page.antragsteller,
        lead=lead,
        rapporteur=page.berichterstatter,
        line_count=page.zeilen,
        clauses=clauses,
        notes=[_note_record(land, lines) for land, lines in page.notes],
        references=list(dict.fromkeys(references)),
    )


def _note_record(land: str, lines: list[BodyLine]) -> NoteRecord:
    numbers = [n for line in lines for n in (line.first, line.last) if n is not None]
    paragraphs: list[list[str]] = []
    text_lines = [line for line in lines if line.text]
    width = max((len(line.text) for line in text_lines), default=0)
    for prev, line in zip([None, *text_lines], text_lines, strict=False):
        # a blank line, or a sentence end where the next word would have fitted (a page
        # break between paragraphs)
        if prev is None or line.blank_before or paragraph_break(prev, line, width):
            paragraphs.append([])
        paragraphs[-1].append(line.text)
    return NoteRecord(
        land=land,
        line_from=min(numbers) if numbers else None,
        line_to=max(numbers) if numbers else None,
        text="\n".join(join_lines(p) for p in paragraphs),
    )


def _names(codes: list[str]) -> str:
    return ", ".join(NAME_BY_CODE[code] for code in codes) or "keine"


def _warnings(
    agenda: list[AgendaRow], pages: list[Page], table: dict[str, tuple[str, list[str]]]
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
