"""Words and thin strokes of a PDF page, read with PDFium (pypdfium2).

PDFium reads the characters with their boxes about ten times faster than pdfminer, which made
a 40-page PDF take seconds.  Words are formed the way pdfplumber's ``extract_words`` does:
characters on one line (tops within ``_Y_TOLERANCE``) in order of x, split at spaces and at
gaps wider than ``_X_TOLERANCE``.  Coordinates are in points from the top left of the page.
"""

import ctypes
import math
from dataclasses import dataclass, field
from typing import Any

_X_TOLERANCE = 1.5
_Y_TOLERANCE = 2.0
_STROKE_HEIGHT = 2.0  # a path at most this high and wider than it is an underline or a rule
# PDFium reports a hyphen at the end of a line as U+0002; a soft hyphen is printed as one.
_HYPHENS = {"\x02": "-", "\xad": "-"}


@dataclass
class PageWord:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    chars: list[tuple[float, float]] = field(default_factory=list)  # x0, x1 of each char


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


def page_content(page: Any) -> tuple[float, list[PageWord], list[tuple[float, float, float]]]:
    """Height, words and thin horizontal strokes (x0, x1, top) of a pypdfium2 page."""
    height = float(page.get_size()[1])
    chars = _chars(page, height)
    return height, _words(chars), _strokes(page, height)


def _chars(page: Any, height: float) -> list[_Char]:
    """Characters with their loose boxes (the font's height, not the glyph's) and font size.

    Called through pypdfium2's raw functions with reused out-parameters: this loop runs for
    every character of the document."""
    import pypdfium2.raw as raw

    handle = page.get_textpage()  # keep the object alive: it closes the text page when freed
    textpage = handle.raw
    chars = []
    box, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
    scales: dict[float, float] = {}  # font size → size on the page (the text matrix's scale)
    for index in range(raw.FPDFText_CountChars(textpage)):
        text = chr(raw.FPDFText_GetUnicode(textpage, index))
        text = _HYPHENS.get(text, text)
        if not text.isprintable() or (text == " " and raw.FPDFText_IsGenerated(textpage, index)):
            continue  # PDFium's own line breaks and the spaces it guessed
        raw.FPDFText_GetLooseCharBox(textpage, index, ctypes.byref(box))
        font_size = raw.FPDFText_GetFontSize(textpage, index)
        if font_size not in scales:
            scale = 1.0
            if raw.FPDFText_GetMatrix(textpage, index, ctypes.byref(matrix)):
                scale = math.hypot(matrix.a, matrix.b) or 1.0
            scales[font_size] = scale
        size = round(font_size * scales[font_size], 1)
        chars.append(_Char(text, box.left, box.right, height - box.top, height - box.bottom, size))
    return chars


def _words(chars: list[_Char]) -> list[PageWord]:
    lines: list[list[_Char]] = []
    for char in sorted(chars, key=lambda c: c.top):
        if lines and abs(char.top - lines[-1][0].top) <= _Y_TOLERANCE:
            lines[-1].append(char)
        else:
            lines.append([char])
    words: list[PageWord] = []
    for line in lines:
        current: list[_Char] = []
        for char in sorted(line, key=lambda c: c.x0):
            if char.text.isspace():
                words += _word(current)
                current = []
                continue
            if current and char.x0 - current[-1].x1 > _X_TOLERANCE:
                words += _word(current)
                current = []
            current.append(char)
        words += _word(current)
    return words


def _word(chars: list[_Char]) -> list[PageWord]:
    if not chars:
        return []
    return [
        PageWord(
            text="".join(c.text for c in chars),
            x0=min(c.x0 for c in chars),
            x1=max(c.x1 for c in chars),
            top=min(c.top for c in chars),
            bottom=max(c.bottom for c in chars),
            size=max(c.size for c in chars),
            chars=[(c.x0, c.x1) for c in chars],
        )
    ]


def _strokes(page: Any, height: float) -> list[tuple[float, float, float]]:
    import pypdfium2.raw as raw

    strokes = []
    bounds = [ctypes.c_float() for _ in range(4)]
    for item in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,)):
        raw.FPDFPageObj_GetBounds(item.raw, *(ctypes.byref(value) for value in bounds))
        left, bottom, right, top = (value.value for value in bounds)
        if top - bottom <= _STROKE_HEIGHT and right - left > _STROKE_HEIGHT:
            strokes.append((left, right, height - top))
    return strokes
