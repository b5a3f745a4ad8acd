"""The corpus as files: a DOCX with Word's automatic numbering and a PDF set like Word's.

DOCX: the Ziffern are list paragraphs (``w:numPr`` pointing into ``numbering.xml``, one list
per resolution so that each starts at 1); the number is not in the text, as in Word.  Items
"a)" are the list's second level, items "1." inside a clause lists of their own, "•" a bullet
list (lvlText U+F0B7, the Symbol font's bullet, as Word writes it).  The
agenda is a table (TOP, Thema, Antragsteller with the lead underlined).

PDF (WeasyPrint): the pages of a text rendering, each printed line positioned on its own
with its line number as separate text in the left margin, lines inside a paragraph
justified, the agenda as a table, a footnote at the foot of each resolution's first page
(without a marker in the text), the running header and "Seite x von y" in the page margins.
"""

import copy
import html
import io
import re
from typing import Any

from tests.beschluesse.corpus.layouts import WORDS_HEADER, Layout, Rendering, _date_phrase

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ABSTRACT_ID = "90"  # "1." and, one level down, "a)"
_ITEMS_ID = "91"
_BULLETS_ID = "92"


def _abstract(abstract_id: str, *levels: tuple[str, str]) -> str:
    """An ``w:abstractNum`` with one ``w:lvl`` per (numFmt, lvlText)."""
    xml = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{360 * (level + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for level, (fmt, text) in enumerate(levels)
    )
    return (
        f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{xml}</w:abstractNum>'
    )


def render_docx(
    conference: dict[str, Any], number_format: str = "%1."
) -> tuple[bytes, dict[str, Any]]:
    """The DOCX and the conference expected from it (no line numbers); ``number_format`` is
    Word's ``lvlText`` of the Ziffern ("%1.", "%1)", "(%1)")."""
    import docx
    from docx.enum.text import WD_BREAK

    expected = copy.deepcopy(conference)
    document = docx.Document()
    numbering = _Numbering(document, number_format)
    konferenz = conference["konferenz"]
    names = _land_names()
    document.add_paragraph("Beschlussniederschrift")
    for line in WORDS_HEADER:
        document.add_paragraph(line.format(n=konferenz["nummer"]))
    phrase = _date_phrase(konferenz, "und")
    document.add_paragraph(phrase if konferenz["ort"] else f"im Umlaufverfahren {phrase}")
    if konferenz["vorsitz"]:
        document.add_paragraph(f"Vorsitz: {names[konferenz['vorsitz']]}")
    if konferenz["motto"]:
        document.add_paragraph(f"Motto: „{konferenz['motto']}“")
    document.add_paragraph("Tagesordnung")
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("TOP", "Thema", "Antragsteller"), strict=True):
        cell.text = text
    for row in conference["tagesordnung"]:
        cells = table.add_row().cells
        cells[0].text = f"{row['top']} (GL)" if row["gruene_liste"] else row["top"]
        cells[1].text = row["titel"]
        paragraph = cells[2].paragraphs[0]
        several = len(row["antragsteller"]) > 1
        for i, code in enumerate(row["antragsteller"]):
            if i:
                paragraph.add_run(", ")
            paragraph.add_run(names[code]).underline = several and code == row["federfuehrend"]
    for resolution, want in zip(conference["beschluesse"], expected["beschluesse"], strict=True):
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_paragraph(f"TOP {resolution['top']}")
        document.add_paragraph(resolution["titel"])
        if resolution["antragsteller"]:
            applicants = ", ".join(names[code] for code in resolution["antragsteller"])
            document.add_paragraph(f"Antragsteller: {applicants}")
        if resolution["berichterstatter"]:
            document.add_paragraph(f"Berichterstatter: {names[resolution['berichterstatter']]}")
        if resolution["abstimmung"]:
            document.add_paragraph(f"Die IntMK hat {resolution['abstimmung']} beschlossen:")
        num_id = numbering.new_list()
        for clause in resolution["ziffern"]:
            items = _Items(numbering)
            for index, segment in enumerate(clause["text"].split("\n")):
                if clause["nummer"] and index == 0:
                    numbering.number(document.add_paragraph(segment), num_id)
                    items.letters = num_id  # "a)" under Ziffer 3 is level 2 of its list
                else:
                    items.add(document, segment, first=index == 0)
        for note in resolution["protokollnotizen"]:
            document.add_paragraph(f"Protokollnotiz {names[note['land']]}:")
            for text in note["text"].split("\n"):
                document.add_paragraph(text)
        _no_line_numbers(want)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), expected


def _land_names() -> dict[str, str]:
    from intmk.laender import NAME_BY_CODE

    return dict(NAME_BY_CODE)


def _no_line_numbers(resolution: dict[str, Any]) -> None:
    resolution["zeilen"] = 0
    for item in (*resolution["ziffern"], *resolution["protokollnotizen"]):
        item["zeile_von"] = item["zeile_bis"] = None


class _Items:
    """List items inside a clause as Word lists: "a)" as the second level, "1." as a list of
    its own, "•" as a bullet list; anything else is a plain paragraph."""

    def __init__(self, numbering: "_Numbering") -> None:
        self.numbering = numbering
        self.letters: int | None = None  # list whose second level holds "a)", "b)" …
        self.next_letter = "a"
        self.decimal: tuple[int, int] | None = None  # list id and the next number
        self.bullets: int | None = None

    def add(self, document: Any, segment: str, *, first: bool) -> None:
        letter = re.match(r"^([a-z])\) (.+)$", segment)
        number = re.match(r"^(\d{1,2})\. (.+)$", segment)
        if letter and letter.group(1) == self.next_letter:
            self.letters = self.letters or self.numbering.new_list()
            self.next_letter = chr(ord(self.next_letter) + 1)
            self.numbering.number(document.add_paragraph(letter.group(2)), self.letters, level=1)
        elif number and not first and self._continues(int(number.group(1))):
            assert self.decimal is not None
            paragraph = document.add_paragraph(number.group(2))
            self.numbering.number(paragraph, self.decimal[0])
            self.decimal = (self.decimal[0], self.decimal[1] + 1)
        elif segment.startswith("• "):
            self.bullets = self.bullets or self.numbering.new_list(_BULLETS_ID)
            self.numbering.number(document.add_paragraph(segment[2:]), self.bullets)
        else:
            document.add_paragraph(segment)

    def _continues(self, number: int) -> bool:
        if number == 1:
            self.decimal = (self.numbering.new_list(_ITEMS_ID), 1)
        return self.decimal is not None and self.decimal[1] == number


class _Numbering:
    """List definitions in numbering.xml (the Ziffern "1." with "a)" one level down, items
    "1." inside a clause, bullets) and one list instance (``w:num``) per call of new_list."""

    def __init__(self, document: Any, number_format: str) -> None:
        from lxml import etree

        self.root = document.part.numbering_part.element
        definitions = [
            _abstract(_ABSTRACT_ID, ("decimal", number_format), ("lowerLetter", "%2)")),
            _abstract(_ITEMS_ID, ("decimal", "%1.")),
            _abstract(_BULLETS_ID, ("bullet", "\uf0b7")),
        ]
        nums = self.root.findall(f"{{{_W}}}num")
        for definition in definitions:  # the schema wants every abstractNum before the nums
            element = etree.fromstring(definition)
            if nums:
                nums[0].addprevious(element)
            else:
                self.root.append(element)
        self.next_id = 100

    def new_list(self, abstract_id: str = _ABSTRACT_ID) -> int:
        from lxml import etree

        self.next_id += 1
        self.root.append(
            etree.fromstring(
                f'<w:num xmlns:w="{_W}" w:numId="{self.next_id}">'
                f'<w:abstractNumId w:val="{abstract_id}"/>'
                '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                "</w:num>"
            )
        )
        return self.next_id

    @staticmethod
    def number(paragraph: Any, num_id: int, *, level: int = 0) -> None:
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = num_id


PDF_LAYOUT = Layout(
    "pdf-word",
    header="words",
    document_title="Beschlussniederschrift",
    dates="und",
    page_number="Seite {n} von {total}",
    running_header=True,
    line_numbers=True,
    width=82,
    page_lines=40,
)

_CSS = """
@page { size: A4; margin: 22mm 20mm 22mm 30mm;
  @top-center { content: "%(header)s"; font: 7pt DejaVu Sans; }
  @bottom-center { content: "Seite " counter(page) " von " counter(pages); font: 7pt DejaVu Sans; }
}
body { font: 9.5pt/14pt DejaVu Sans; margin: 0; }
.page { break-after: page; }
.noted { position: relative; height: 252mm; }
.footnote { position: absolute; bottom: 0; font-size: 7pt; line-height: 9pt; }
.page:last-child { break-after: auto; }
.line { position: relative; white-space: nowrap; }
.full { text-align: justify; text-align-last: justify; white-space: normal; }
.gap { height: 8pt; }
.nr { position: absolute; left: -12mm; width: 8mm; text-align: right; font-size: 8pt; }
.heading { font-weight: bold; }
table { border-collapse: collapse; width: 100%%; font-size: 8.5pt; line-height: 11pt; }
td { vertical-align: top; padding: 1pt 8pt 1pt 2pt; border: 0.5pt solid #000; }
td.top { width: 20mm; } td.lands { width: 52mm; }
"""


def render_pdf(rendering: Rendering) -> bytes:
    """The pages of a text rendering as a PDF."""
    from weasyprint import HTML

    parts = []
    for page in rendering.pages:
        opening = next((line.text for line in page if line.kind == "heading"), "")
        parts.append(
            '<div class="page noted">' if opening.startswith("TOP ") else '<div class="page">'
        )
        rows: list[str] = []
        for line in page:
            if line.kind == "agenda":
                rows.append(_agenda_row(line.text))
                continue
            if rows:
                parts.append("<table>" + "".join(rows) + "</table>")
                rows = []
            if line.blank:
                parts.append('<div class="gap"></div>')
                continue
            number = f'<span class="nr">{line.number}</span>' if line.number else ""
            css = "line heading" if line.kind == "heading" else "line"
            css += " full" if line.runs_on else ""
            parts.append(f'<div class="{css}">{number}{_inline(line.text)}</div>')
        if rows:
            parts.append("<table>" + "".join(rows) + "</table>")
        if opening.startswith("TOP "):  # a footnote at the foot of a resolution's first page
            note = f"Vorgang: {opening.split()[0]} {opening.split()[1]} der Vorkonferenz."
            parts.append(f'<div class="footnote">1 {html.escape(note)}</div>')
        parts.append("</div>")
    header = rendering.running_header.replace('"', "'")
    document = (
        f'<html lang="de"><head><meta charset="utf-8"><style>{_CSS % {"header": header}}'
        f"</style></head><body>{''.join(parts)}</body></html>"
    )
    return bytes(HTML(string=document).write_pdf())


def _inline(text: str) -> str:
    """Escape, but keep the <u>…</u> of an underlined lead applicant."""
    escaped = html.escape(text, quote=False)
    return re.sub(r"&lt;(/?)u&gt;", r"<\1u>", escaped)


def _agenda_row(text: str) -> str:
    cells = text.split("\t") + [""] * 3
    return (
        f'<tr><td class="top">{_inline(cells[0])}</td><td>{_inline(cells[1])}</td>'
        f'<td class="lands">{_inline(cells[2])}</td></tr>'
    )
