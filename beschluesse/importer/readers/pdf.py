"""Reading a PDF with a text layer (PDFium, ``pdf_words``) into text laid out like the seed.

Words are grouped into printed lines; the margin line number is split off the line, running
headers, footers and page numbers are dropped, small print below the last numbered line becomes
a footnote block after "---", wide gaps become TABs (table columns), underlined characters are
wrapped as ``<u>…</u>``, and a paragraph break is read from the distance between lines.
"""

import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from beschluesse.importer.errors import NiederschriftError
from beschluesse.importer.readers.pdf_words import PageWord, page_content
from beschluesse.importer.readers.plain import collapse_blank_lines

_MIN_PDF_CHARS = 20  # fewer characters than this on all pages: a scan without a text layer
_PAGE_NUMBER = re.compile(
    r"^(?:-\s*\d+\s*-|–\s*\d+\s*–|Seite\s+\d+(?:\s*(?:von|/)\s*\d+)?|\d+\s*(?:von|/)\s*\d+|\d+)$",
    re.IGNORECASE,
)
_TOP_HEADING = re.compile(r"^TOP\s+[\w.]+$")
_MARGIN_NUMBER = re.compile(r"^\d{1,4}$")
_UNFINISHED = re.compile(r"[-,a-zäöüß]$")
_HEADER_BAND = 0.12  # share of the page height where running headers sit
_FOOTER_BAND = 0.90
_PARAGRAPH_GAP = 1.3  # a line further below the previous one than this starts a paragraph
_MAX_LINE_SPACING = 1.5  # line distance of body text, in multiples of its font size


@dataclass
class _Word(PageWord):
    """A word as PDFium gave it, with which of its characters are underlined."""

    underlined: list[bool] = field(default_factory=list)  # per character

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class _Row:
    """One printed line of a page, with its margin line number split off."""

    words: list[_Word]
    number_word: _Word | None = None

    @property
    def number(self) -> str | None:
        return self.number_word.text if self.number_word else None

    @property
    def _shape(self) -> list[_Word]:
        """The words that give the line its place; the number alone on an empty line."""
        if self.words:
            return self.words
        return [self.number_word] if self.number_word else []

    @property
    def top(self) -> float:
        return min((w.top for w in self._shape), default=0.0)

    @property
    def bottom(self) -> float:
        return max((w.bottom for w in self._shape), default=0.0)

    @property
    def size(self) -> float:
        return max((w.size for w in self._shape), default=0.0)

    @property
    def baseline(self) -> float:
        """Bottom of the largest words: unlike the top, not moved by a superscript."""
        size = self.size
        return max((w.bottom for w in self._shape if w.size == size), default=0.0)

    @property
    def text(self) -> str:
        return _row_text(self.words)


@dataclass
class _Page:
    height: float
    words: list[_Word]
    underlines: list[tuple[float, float, float]]  # x0, x1, top of thin horizontal strokes
    rows: list[_Row] = field(default_factory=list)


def pdf_text(data: bytes) -> str:
    """The text of a PDF with a text layer, laid out like the seed."""
    if b"%%EOF" not in data.rstrip()[-2048:]:
        raise NiederschriftError(
            "Das PDF ist unvollständig (das Dateiende fehlt), vermutlich wurde es nicht ganz "
            "hochgeladen oder heruntergeladen. Bitte die Datei erneut speichern."
        )
    pages = _pdf_pages(data)
    if sum(len(w.text) for page in pages for w in page.words) < _MIN_PDF_CHARS:
        raise NiederschriftError(
            "Das PDF enthält keine Textebene (vermutlich eingescannt). Bitte ein PDF mit Text "
            "hochladen oder das Dokument vorher mit Texterkennung (OCR) umwandeln."
        )
    return _layout(pages)


def _pdf_pages(data: bytes) -> list[_Page]:
    """Words and underline strokes of every page; library failures become a German error."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise NiederschriftError(
                "Das PDF ist verschlüsselt oder kennwortgeschützt. Bitte ohne Kennwort speichern."
            ) from exc
        raise _damaged() from exc
    try:
        if len(document) == 0:
            raise _damaged()
        return [_pdf_page(document[index]) for index in range(len(document))]
    except pdfium.PdfiumError as exc:
        raise _damaged() from exc
    finally:
        document.close()


def _damaged() -> NiederschriftError:
    return NiederschriftError(
        "Das PDF ist beschädigt und kann nicht gelesen werden. Bitte die Datei erneut "
        "aus dem Original erzeugen."
    )


def _pdf_page(page: Any) -> _Page:
    height, words, strokes = page_content(page)
    return _Page(
        height=height,
        words=[_Word(w.text, w.x0, w.x1, w.top, w.bottom, w.size, w.chars) for w in words],
        underlines=strokes,
    )


def _layout(pages: list[_Page]) -> str:
    for page in pages:
        page.rows = _rows(page.words)
    body_left = _body_left(pages)
    for page in pages:
        for row in page.rows:
            _split_margin_number(row, body_left)
            _mark_underlined(row, page.underlines)
        page.rows = [row for row in page.rows if row.words or row.number]
    _drop_running_headers(pages)
    body_size, spacing = _body_metrics(pages)
    right = max(
        (row.words[-1].x1 for page in pages for row in page.rows if row.number and row.words),
        default=None,
    )
    lines: list[str] = []
    last_row: _Row | None = None
    for page in pages:
        if last_row is not None and page.rows and _runs_on(last_row, page.rows[0], right):
            lines.append("\x00")  # the paragraph runs on across the page break
        _emit_page(page, lines, body_size=body_size, spacing=spacing)
        lines[:] = [line for line in lines if line != "\x00"]
        last_row = page.rows[-1] if page.rows else last_row
    return collapse_blank_lines(lines)


def _rows(words: list[_Word]) -> list[_Row]:
    """Group words into printed lines by vertical overlap (a smaller margin number or a
    superscript shares the line of the text next to it)."""
    rows: list[_Row] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        row = next((r for r in reversed(rows[-3:]) if _same_line(r, word)), None)
        if row is None:
            rows.append(_Row(words=[word]))
        else:
            row.words.append(word)
    for row in rows:
        row.words.sort(key=lambda w: w.x0)
    rows.sort(key=lambda r: r.top)
    return rows


def _same_line(row: _Row, word: _Word) -> bool:
    overlap = min(row.bottom, word.bottom) - max(row.top, word.top)
    return overlap >= 0.5 * min(row.bottom - row.top, word.height)


def _body_left(pages: list[_Page]) -> float:
    """The left edge of the text column: the most common start of a line that is no number."""
    starts = Counter(
        round(word.x0)
        for page in pages
        for row in page.rows
        for word in row.words[:2]
        if not _MARGIN_NUMBER.match(word.text)
        and (word is row.words[0] or _MARGIN_NUMBER.match(row.words[0].text))
    )
    return float(starts.most_common(1)[0][0]) if starts else 0.0


def _split_margin_number(row: _Row, body_left: float) -> None:
    first = row.words[0]
    if _MARGIN_NUMBER.match(first.text) and first.x1 <= body_left - 2:
        row.number_word = first
        row.words = row.words[1:]


def _mark_underlined(row: _Row, strokes: list[tuple[float, float, float]]) -> None:
    """Mark characters with a stroke just below them that stays within the line's text (a
    table border runs past the text, an underline does not)."""
    if not row.words:
        return
    left, right = row.words[0].x0 - 2, row.words[-1].x1 + 2
    near = [
        (x0, x1, top)
        for x0, x1, top in strokes
        if left <= x0
        and x1 <= right
        and any(w.top + 0.6 * w.height <= top <= w.bottom + 1.5 for w in row.words)
    ]
    for word in row.words:
        word.underlined = [
            any(x0 <= (a + b) / 2 <= x1 for x0, x1, _ in near) for a, b in word.chars
        ]


def _drop_running_headers(pages: list[_Page]) -> None:
    """Drop page numbers and text repeated in the header or footer band of most pages.

    A repeated conference header (printed at least as large as the body text, unlike a
    running header) is kept on a page where a resolution starts (a TOP heading follows it),
    because that is where the parser expects it, as in the seed.
    """
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    for index, page in enumerate(pages):
        for row in page.rows:
            band = _band(row, page)
            if band and row.number is None:
                seen[(band, _digits_masked(row.text))].add(index)
    needed = max(2, len(pages) / 2)
    repeated = {key for key, found in seen.items() if len(found) >= needed}
    body_size = _body_metrics(pages)[0]
    for page in pages:
        starts_resolution = any(_TOP_HEADING.match(row.text) for row in page.rows[:8])
        kept = []
        for row in page.rows:
            band = _band(row, page)
            if band and row.number is None and _PAGE_NUMBER.match(row.text.strip()):
                continue
            is_repeated = band and (band, _digits_masked(row.text)) in repeated
            conference_header = band == "top" and starts_resolution and row.size >= body_size
            if is_repeated and not conference_header:
                continue
            kept.append(row)
        page.rows = kept


def _band(row: _Row, page: _Page) -> str:
    if row.bottom <= page.height * _HEADER_BAND:
        return "top"
    if row.top >= page.height * _FOOTER_BAND:
        return "bottom"
    return ""


def _digits_masked(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip())


def _body_metrics(pages: list[_Page]) -> tuple[float, float]:
    """The body font size and the normal distance between two lines of body text."""
    sizes = Counter(row.size for page in pages for row in page.rows if row.words)
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0
    pairs = [
        (above, below, below.baseline - above.baseline)
        for page in pages
        for above, below in zip(page.rows, page.rows[1:], strict=False)
        if below.baseline > above.baseline
    ]
    gaps = [gap for a, b, gap in pairs if a.size == b.size == body_size and gap < 3 * body_size]
    if gaps:
        # A short document may have more paragraph gaps than wrapped lines; body text is not
        # set wider than 1.5 times its size, so that caps the line distance.
        spacing = min(statistics.median(gaps), _MAX_LINE_SPACING * body_size)
    else:  # a short document without two body lines in a row: the closest pair of lines
        spacing = min((gap for _, _, gap in pairs), default=1.2 * body_size)
    return body_size, spacing


def _emit_page(page: _Page, lines: list[str], *, body_size: float, spacing: float) -> None:
    if lines and lines[-1] == "\x00":
        pass  # the last line of the page before was full: its paragraph runs on
    elif lines and lines[-1] and not _UNFINISHED.search(lines[-1]):
        lines.append("")  # a page break ends a paragraph unless a sentence runs on
    last_numbered = max((row.top for row in page.rows if row.number), default=None)
    in_footnotes = False
    previous: _Row | None = None
    for row in page.rows:
        if not in_footnotes and _is_footnote(row, page, body_size, last_numbered):
            lines.extend(["", "---", ""])
            in_footnotes = True
        elif previous is not None:
            scale = max(row.size, previous.size, body_size) / body_size
            if row.baseline - previous.baseline > _PARAGRAPH_GAP * spacing * scale:
                lines.append("")
        text = row.text
        lines.append(f"{row.number} {text}".rstrip() if row.number else text)
        previous = row


def _runs_on(last: _Row, first: _Row, right: float | None) -> bool:
    """Was the last numbered line of a page full, so that the first word of the next page
    would not have fitted on it?  Then its paragraph goes on (like ``clauses``' rule for
    hard line breaks); a line with room left ended its paragraph."""
    if right is None or not last.number or not last.words or not first.words:
        return False
    word = first.words[0]
    return last.words[-1].x1 + 0.3 * word.size + (word.x1 - word.x0) > right


def _is_footnote(row: _Row, page: _Page, body_size: float, last_numbered: float | None) -> bool:
    """Small print below the last numbered line in the lower half of the page."""
    return (
        last_numbered is not None
        and row.number is None
        and row.top > last_numbered
        and row.top > page.height / 2
        and row.size <= 0.85 * body_size
    )


def _row_text(words: list[_Word]) -> str:
    """Words joined by spaces; a wide gap (a table column) becomes a tab; underlined
    characters are wrapped as <u>…</u>."""
    parts: list[str] = []
    is_open = False
    previous: _Word | None = None
    for word in words:
        if previous is not None:
            gap = word.x0 - previous.x1
            separator = "\t" if gap > 2 * max(word.size, 1) else (" " if gap > 1.5 else "")
            if is_open and (separator == "\t" or not (word.underlined and word.underlined[0])):
                parts.append("</u>")
                is_open = False
            parts.append(separator)
        marks = word.underlined + [False] * (len(word.text) - len(word.underlined))
        for char, underlined in zip(word.text, marks, strict=False):
            if underlined != is_open:
                parts.append("<u>" if underlined else "</u>")
                is_open = underlined
            parts.append(char)
        previous = word
    if is_open:
        parts.append("</u>")
    return "".join(parts)
