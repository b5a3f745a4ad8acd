"""The agenda ("Tagesordnung") of IntMK minutes: where it starts and its rows.

An agenda row is a TOP number, a title and the applicants (the lead underlined), printed as a
line ("3.3 Teilhabe verbessern Berlin, Bremen") or as a table row of TAB-separated cells (DOCX).
The fields of a row are read by ``fields``.
"""

import re
from dataclasses import dataclass

from beschluesse.importer.fields import (
    TOP_NUMBER,
    TOP_WORD,
    keep_underline,
    laender,
    lead,
    split_plain_title,
    title_and_rest,
)
from beschluesse.importer.text import is_page_furniture, join_hyphenated, strip_markup
from intmk.laender import CODE_BY_NAME

# A part of the agenda numbered in Roman: "I. Regularien", "II. Anträge der Länder"
_PART = re.compile(r"^[IVX]{1,4}\.\s+\S")
# "1. Regularien": a number may end with a full stop (but not a letter: "A. …" is no TOP)
_NUMBER_STOP = r"(?:(?<=\d)\.)?"
_LIST_GOES_ON = re.compile(r"(?:,|\bund|-)(?:</u>)?\s*$")
_COLUMN_GAP = re.compile(r"(?<=\S) {3,}(?=\S)")
_PAGE_LABEL = re.compile(
    r"^(?:Beschluss|Antragsteller|Berichterstatter|Abstimmungsergebnis|Veröffentlichung)\s*:"
)
# Where the Länder begin in a printed line: a name, or the first piece of one that the line
# break split at its hyphen ("Nordrhein-" / "Westfalen").
_NAME_PIECES = {*CODE_BY_NAME, *(name.split("-")[0] + "-" for name in CODE_BY_NAME if "-" in name)}
_SECOND_PIECES = {name.split("-", 1)[1] for name in CODE_BY_NAME if "-" in name}
_SECOND_PIECE = re.compile(
    r"(?:<u>)?(?<![\w-])(?:"
    + "|".join(re.escape(piece) for piece in sorted(_SECOND_PIECES))
    + r")\b"
)
_LAND_START = re.compile(
    r"(?:<u>)?(?<![\w-])(?:Alle Länder|"
    + "|".join(re.escape(name) for name in sorted(_NAME_PIECES, key=len, reverse=True))
    + ")|^(?:<u>)?(?:"
    + "|".join(re.escape(piece) for piece in sorted(_SECOND_PIECES))
    + r")\b"
)


@dataclass
class AgendaRow:
    top: str
    titel: str
    antragsteller: list[str]
    federfuehrend: str | None
    gruene_liste: bool
    rest: str  # the applicants' cell, for "Vorgang: TOP 2.6 der 17. IntMK 2022"


def agenda_start(lines: list[str], headings: list[int]) -> int:
    """The "Tagesordnung" line; without one, the first table row of the agenda (a DOCX gives
    the table as rows of TAB-separated cells: "TOP\\tThema", "3.3\\tTeilhabe …\\t<u>Berlin</u>")."""
    first_heading = headings[0] if headings else len(lines)
    for i, raw in enumerate(lines[:first_heading]):
        if strip_markup(raw).startswith("Tagesordnung"):
            return i
    for i, raw in enumerate(lines[:first_heading]):
        if "\t" in raw and (is_table_header(raw) or agenda_row(raw)):
            return i
    return first_heading


def is_table_header(raw: str) -> bool:
    return strip_markup(raw.split("\t")[0]) == "TOP"


def parse_agenda(lines: list[str], furniture: frozenset[str] = frozenset()) -> list[AgendaRow]:
    """Rows of the agenda.  A line that is no row continues the row above it (a title or a
    list of applicants over two lines) until a blank line; a table header naming a column
    "Federführung" gives the lead applicant's column.  In a table whose cells are centred
    vertically (16th IntMK 2021), lines above a TOP number belong to it (``_centred``).
    The heading "Tagesordnung" and headings of parts numbered in Roman ("II. Anträge") end
    the row above them and are no row themselves."""
    columns: list[str] = []
    blocks: list[list[str]] = [[]]  # runs of lines between blank lines and table headers
    for index, raw in enumerate(_without_page_breaks(lines, furniture)):
        text = strip_markup(raw)
        if text.startswith("Inhalt") or _PAGE_LABEL.match(text):
            break  # a contents list (13th IntMK) or a resolution page ("Beschluss:") follows
        heading = (index == 0 and text.startswith("Tagesordnung")) or _PART.match(text)
        if heading and agenda_row(raw, columns) is None:
            blocks.append([])
        elif "\t" in raw and is_table_header(raw):
            columns = [strip_markup(cell).casefold() for cell in raw.split("\t")]
            blocks.append([])
        elif text:
            blocks[-1].append(raw)
        elif blocks[-1]:
            blocks.append([])
    parts = [_parts(block, columns) for block in blocks]
    top_aligned = [_top_aligned(p) for p in parts]
    centred = [_centred(p, columns) for p in parts]
    chosen = top_aligned
    if sum(_cost(p, c, columns) for p, c in zip(parts, centred, strict=True)) < sum(
        _cost(p, c, columns) for p, c in zip(parts, top_aligned, strict=True)
    ):
        chosen = centred
    return [
        row
        for block, shape in zip(parts, chosen, strict=True)
        for row in _rows(block, shape, columns)
    ]


# A row: (lines taken from above its TOP line, index of the TOP line, lines taken from below).
Shape = tuple[int, int, int]
# Words that cannot end a title: it goes on on the next line ("Stärkung der Integrationskurse
# und" / "der berufsbezogenen Deutschförderung").
_OPEN_END = re.compile(
    r"(?:[-–,:(„]|\b(?:und|oder|sowie|bzw\.|der|die|das|den|dem|des|ein|eine|einer|eines|einem"
    r"|einen|für|von|vom|zu|zur|zum|mit|im|in|an|am|auf|aus|bei|durch|gegen|nach|über|unter"
    r"|vor|zwischen|als|bis|wie|ohne|um|dass|ob))$"
)


def _parts(block: list[str], columns: list[str]) -> list[tuple[bool, str]]:
    return [(agenda_row(raw, columns) is not None, raw) for raw in block]


def _top_aligned(part: list[tuple[bool, str]]) -> list[Shape]:
    """Each TOP line with the lines below it up to the next one (lines above the first are no
    row's)."""
    tops = [i for i, (is_row, _) in enumerate(part) if is_row]
    if not tops:
        return []
    return [(0, i, end - i - 1) for i, end in zip(tops, [*tops[1:], len(part)], strict=True)]


def _centred(part: list[tuple[bool, str]], columns: list[str]) -> list[Shape]:
    """Each TOP line with the lines above and below it that make the best titles: a title
    neither starts with a small letter nor ends in a word that needs a next one, and the TOP
    number stands on its middle line, or the lower of the two middle ones."""
    rows = _top_aligned(part)
    if not rows:
        return []
    best: dict[int, tuple[float, list[Shape]]] = {}  # lines above the row → cost, shapes
    first = rows[0][1]
    for above in range(first + 1):
        best[above] = (first - above, [(above, first, 0)])  # lines above it dropped: cost 1
    for k, (_, index, below_max) in enumerate(rows):
        last = k == len(rows) - 1
        following: dict[int, tuple[float, list[Shape]]] = {}
        for above, (cost, shapes) in best.items():
            for below in [below_max] if last else range(below_max + 1):
                shape = (above, index, below)
                total = cost + _row_cost(part, shape, columns)
                next_above = below_max - below
                if next_above not in following or total < following[next_above][0]:
                    following[next_above] = (total, [*shapes[:-1], shape, (next_above, 0, 0)])
        best = following
    return min(best.values(), key=lambda item: item[0])[1][:-1]


def _row_cost(part: list[tuple[bool, str]], shape: Shape, columns: list[str]) -> float:
    """How unlike an agenda row these lines read, and how far the TOP line is from their
    middle (centred: on the middle line, or the lower of the two middle ones)."""
    above, index, below = shape
    cost = 0.0 if below in (above, above - 1) else 1.0 if below == above + 1 else 2.0
    return cost + _unlike_row(part, shape, columns)


def _unlike_row(part: list[tuple[bool, str]], shape: Shape, columns: list[str]) -> int:
    """3 for each sign that these lines are not one row: a title that starts with a small
    letter, ends in a word that needs a next one, or leaves a quote or bracket open; a list
    of applicants that ends with a comma or "und"."""
    above, index, below = shape
    row = _finished_row([raw for _, raw in part[index - above : index + below + 1]], columns, above)
    if not row:
        return 3
    title = row[0].titel
    signs = [
        title[:1].islower(),
        bool(_OPEN_END.search(title)),
        title.count('"') % 2 == 1 or title.count("„") > title.count("“"),
        title.count("(") > title.count(")"),
        bool(_LIST_GOES_ON.search(row[0].rest)),
    ]
    return 3 * sum(signs)


def _cost(part: list[tuple[bool, str]], shapes: list[Shape], columns: list[str]) -> float:
    """How much the rows read this way look unlike agenda rows (the lines above the first TOP
    line that no row takes count one each)."""
    cost = float(shapes[0][1] - shapes[0][0]) if shapes else 0.0
    return cost + sum(_unlike_row(part, shape, columns) for shape in shapes)


def _rows(part: list[tuple[bool, str]], shapes: list[Shape], columns: list[str]) -> list[AgendaRow]:
    rows: list[AgendaRow] = []
    for above, index, below in shapes:
        raws = [raw for _, raw in part[index - above : index + below + 1]]
        rows += _finished_row(raws, columns, above)
    return rows


def _without_page_breaks(lines: list[str], furniture: frozenset[str]) -> list[str]:
    """The lines without page numbers and running headers, and without the blank lines
    around them, which belong to the page break, not to the agenda.  Columns set with runs of
    spaces (pdftotext -layout) become TAB-separated cells."""
    kept: list[str] = []
    after_break = False
    for raw in (_COLUMN_GAP.sub("\t", line.strip()) for line in lines):
        text = strip_markup(raw)
        if is_page_furniture(text) or text in furniture:
            while kept and not kept[-1].strip():
                kept.pop()
            after_break = True
        elif text or not after_break:
            kept.append(raw)
            after_break = False
    return kept


def _finished_row(raws: list[str], columns: list[str], above: int = 0) -> list[AgendaRow]:
    """The row of these printed lines; the first ``above`` of them stand above the TOP line."""
    if above:
        top, _, rest = raws[above].partition("\t" if "\t" in raws[above] else " ")
        sep = "\t" if "\t" in raws[above] else " "
        raws = [f"{top}{sep}{raws[0].strip()}", *raws[1:above], rest, *raws[above + 1 :]]
    row = agenda_row(_join_row(raws), columns) if raws else None
    return [row] if row else []


def _join_row(raws: list[str]) -> str:
    """One row from its printed lines.  In a table whose title and applicants wrap, each
    printed line holds a piece of the title and a piece of the list of Länder (split at a TAB,
    else where the first Land, or a piece of a hyphenated one, begins); once the list ended
    without a comma, "und" or a hyphen, further lines belong to the title ("… nach dem" /
    "Vorbild aus Bremen")."""
    if "\t" not in raws[0]:
        joined = raws[0].strip()
        for raw in raws[1:]:
            joined = join_hyphenated(joined, raw.strip())
        return joined
    cells = raws[0].split("\t")
    if len(raws) == 1:
        return raws[0]
    top, title, lands = cells[0], *_title_and_lands("\t".join(cells[1:]))
    for raw in raws[1:]:
        if lands and "\t" not in raw and not _LIST_GOES_ON.search(lands):
            more_title, more_lands = raw.strip(), ""  # the list of Länder was complete
        else:
            split_name = bool(re.search(r"-(?:</u>)?\s*$", lands))
            more_title, more_lands = _title_and_lands(raw.strip(), split_name=split_name)
        title = join_hyphenated(title, more_title) if title and more_title else title + more_title
        lands = join_hyphenated(lands, more_lands) if lands and more_lands else lands + more_lands
    return "\t".join([top, title, lands])


def _title_and_lands(text: str, *, split_name: bool = False) -> tuple[str, str]:
    """``split_name``: the Länder before ended with the first piece of a name ("Mecklenburg-"),
    so its second piece ("Vorpommern") starts the Länder of this line wherever it stands."""
    if "\t" in text:
        title, lands = text.split("\t", 1)
        return title.strip(), lands.replace("\t", " ").strip()
    start = (_SECOND_PIECE.search(text) if split_name else None) or _LAND_START.search(text)
    index = start.start() if start else len(text)
    return text[:index].strip(), text[index:].strip()


def agenda_row(raw: str, columns: list[str] | None = None) -> AgendaRow | None:
    raw_cells = raw.split("\t")
    lead_cell = ""
    lead_column = next((i for i, c in enumerate(columns or []) if c.startswith("federf")), None)
    if lead_column is not None and lead_column < len(raw_cells):
        lead_cell = raw_cells.pop(lead_column)
    cells = [cell for cell in raw_cells if cell.strip()]
    if len(cells) >= 2:
        head = re.match(
            rf"^(?:{TOP_WORD}\s*)?(?P<top>{TOP_NUMBER}){_NUMBER_STOP}\s*(?P<gl>\(GL\))?$",
            strip_markup(cells[0]),
        )
        if not head:
            return None
        top, gl = head.group("top"), bool(head.group("gl"))
        title, rest = title_and_rest("\t".join(cells[1:]))
    else:
        plain = re.match(
            rf"^(?:{TOP_WORD}\s+)?(?P<top>{TOP_NUMBER}){_NUMBER_STOP}\s+(?P<text>.+)$",
            keep_underline(raw),
        )
        if not plain or is_page_furniture(strip_markup(raw)):
            return None
        top, text = plain.group("top"), plain.group("text")
        gl = "(GL)" in text
        title, rest = split_plain_title(text.replace("(GL)", ""))
    if "(GL)" in title:
        gl, title = True, title.replace("(GL)", "").strip()
    applicants = laender(rest.split("Vorgang:")[0])
    lead_code = next(iter(laender(lead_cell)), None) or lead(rest, applicants)
    return AgendaRow(top, title, applicants, lead_code, gl, strip_markup(rest))


def motto_from_leitantrag(agenda: list[AgendaRow]) -> str:
    for row in agenda:
        if row.titel.startswith("Leitantrag:"):
            return row.titel.split(":", 1)[1].strip().strip('„“"')
    return ""
