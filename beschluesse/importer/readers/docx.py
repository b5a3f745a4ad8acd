"""Reading a Word document (DOCX, python-docx) into text laid out like the seed.

Paragraphs and table rows in document order, a blank line between paragraphs, table cells
joined by TABs, underlined runs as ``<u>…</u>``, and Word's automatic list numbers ("1.", "a)",
"iv.") written out, since Word keeps them out of the text.  An old binary .doc is refused by
the dispatcher before it gets here.
"""

import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from beschluesse.importer.errors import NiederschriftError
from beschluesse.importer.readers.plain import collapse_blank_lines


def docx_text(data: bytes) -> str:
    """Paragraphs and table rows of a Word document in order, a blank line between
    paragraphs, table cells joined by tabs, underlined runs as <u>…</u>, automatic list
    numbers written out (Word keeps them out of the text)."""
    document = _open_docx(data)
    try:
        lines = list(_docx_lines(document))
    except (KeyError, ValueError, AttributeError) as exc:
        raise _docx_damaged() from exc
    if not any(line.strip() for line in lines):
        raise NiederschriftError("Das Word-Dokument enthält keinen Text.")
    return collapse_blank_lines(lines)


def _docx_damaged() -> NiederschriftError:
    return NiederschriftError(
        "Das Word-Dokument (DOCX) ist beschädigt oder unvollständig und kann nicht gelesen "
        "werden. Bitte die Datei in Word öffnen, erneut speichern und noch einmal hochladen."
    )


def _open_docx(data: bytes) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            damaged = archive.testzip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        if b"word/" in data or b"[Content_Types].xml" in data:
            raise _docx_damaged() from exc
        raise NiederschriftError(
            "Die Datei ist ein beschädigtes ZIP-Archiv und kein lesbares Word-Dokument (DOCX)."
        ) from exc
    if "word/document.xml" not in names:
        raise NiederschriftError(
            "Die Datei ist ein ZIP-Archiv, aber kein Word-Dokument (DOCX). Bitte die "
            "Niederschrift als PDF, DOCX, Text oder JSON-Export hochladen."
        )
    if damaged is not None:
        raise _docx_damaged()
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, XMLSyntaxError) as exc:
        raise _docx_damaged() from exc


def _docx_lines(document: Any) -> Iterator[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    numbers = _ListNumbers(document)
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = _paragraph_text(block)
            if text.strip():
                label = numbers.label(block)
                yield f"{label} {text}" if label else text
                yield ""
        elif isinstance(block, Table):
            yield from _table_lines(block)
            yield ""


def _table_lines(table: Any) -> Iterator[str]:
    for row in table.rows:
        cells = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # a merged cell is repeated for every grid column
                continue
            previous = cell._tc
            cells.append(" ".join(t for p in cell.paragraphs if (t := _paragraph_text(p))))
        if any(cells):
            yield "\t".join(cells)


def _paragraph_text(paragraph: Any) -> str:
    from docx.text.hyperlink import Hyperlink

    parts: list[str] = []
    for item in paragraph.iter_inner_content():
        runs = item.runs if isinstance(item, Hyperlink) else [item]
        for run in runs:
            text = run.text
            if text and run.underline and text.strip():
                lead = text[: len(text) - len(text.lstrip())]
                trail = text[len(text.rstrip()) :]
                text = f"{lead}<u>{text.strip()}</u>{trail}"
            parts.append(text)
    # adjacent underlined runs (Word splits runs freely) become one span
    return re.sub(r"</u>(\s*)<u>", r"\1", "".join(parts)).strip()


_ROMAN: list[tuple[int, str]] = [
    *((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l")),
    *((40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")),
]


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def _format_number(number: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (number - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(number).upper() if fmt == "upperRoman" else _roman(number)
    return str(number)


class _ListNumbers:
    """Word's automatic paragraph numbering ("1.", "a)"), counted the way Word shows it."""

    def __init__(self, document: Any) -> None:
        self.levels = self._definitions(document)
        self.counters: dict[str, dict[int, int]] = defaultdict(dict)

    @staticmethod
    def _definitions(document: Any) -> dict[tuple[str, int], tuple[str, str, int]]:
        from docx.oxml.ns import qn

        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return {}

        def val(element: Any, tag: str) -> str | None:
            child = element.find(qn(tag))
            return None if child is None else child.get(qn("w:val"))

        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for definition in root.findall(qn("w:abstractNum")):
            abstract[definition.get(qn("w:abstractNumId"))] = {
                int(level.get(qn("w:ilvl"))): (
                    val(level, "w:numFmt") or "decimal",
                    val(level, "w:lvlText") or "",
                    int(val(level, "w:start") or 1),
                )
                for level in definition.findall(qn("w:lvl"))
            }
        result = {}
        for num in root.findall(qn("w:num")):
            for ilvl, spec in abstract.get(val(num, "w:abstractNumId") or "", {}).items():
                result[(num.get(qn("w:numId")), ilvl)] = spec
        return result

    def label(self, paragraph: Any) -> str:
        num_id, ilvl = self._num_pr(paragraph)
        spec = self.levels.get((num_id, ilvl)) if num_id else None
        if spec is None:
            return ""
        fmt, text, start = spec
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""
        counters = self.counters[num_id or ""]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]

        def substitute(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_fmt, _, level_start = self.levels.get((num_id or "", level), spec)
            return _format_number(counters.get(level, level_start), level_fmt)

        return re.sub(r"%(\d)", substitute, text)

    @staticmethod
    def _num_pr(paragraph: Any) -> tuple[str | None, int]:
        for source in (paragraph._p.pPr, getattr(paragraph.style, "element", None)):
            if source is None:
                continue
            num_pr = getattr(getattr(source, "pPr", source), "numPr", None)
            if num_pr is not None and num_pr.numId is not None:
                ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
                return str(num_pr.numId.val), int(ilvl)
        return None, 0
