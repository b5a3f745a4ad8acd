"""Render a conference (exchange format) as the printed text of minutes in a given layout.

A rendering is a list of pages of printed lines; ``Rendering.text`` is what a PDF-to-text
conversion gives (page numbers and running headers between the pages), ``Rendering.expected``
the conference with the line numbers this rendering printed (or none).
"""

import copy
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

from beschluesse.importer.text import MONTHS
from intmk.laender import NAME_BY_CODE

WORDS_HEADER = (
    "{n}. Konferenz der für Integration zuständigen Ministerinnen und Minister /",
    "Senatorinnen und Senatoren der Länder",
)
# Words a PDF extraction is seen to split ("Hauptkonf erenz"); only in headers and labels.
_SPLITS = {
    "Hauptkonferenz": "Hauptkonf erenz",
    "Tagesordnung": "Tages ordnung",
    "Antragsteller": "Antragst eller",
    "Niedersachsen": "Nieder sachsen",
    "Brandenburg": "Branden burg",
}
_CONJUNCTIONS = ("und", "oder", "bis", "sowie", "bzw.")


@dataclass(frozen=True)
class Layout:
    name: str
    header: str = "short"  # "short" ("19. IntMK 2024") or "words" ("19. Konferenz der für …")
    document_title: str = "Externe Niederschrift"
    dates: str = "dash"  # same-month dates: "dash" (20. – 21.), "slash" (21./22.), "und"
    top: str = "separate"  # "separate": "TOP 3.3" on a line of its own; "inline": with the title
    fields: tuple[str, ...] = ("antragsteller", "vote_sentence")
    counted_votes: bool = False  # "Abstimmungsergebnis: 15:1" instead of "mehrheitlich"
    # agenda: "underline" (table), "federfuehrend" (lines), "column" (table), "centred" (a
    # table as text, columns set with spaces, cells centred vertically: 16th IntMK 2021)
    agenda: str = "underline"
    page_number: str = "Seite {n} von {total}"
    running_header: bool = False
    line_numbers: bool = False
    number_every: int = 1  # print the line number only on every n-th line (5, 10, 15 …)
    split_words: bool = False
    contents: bool = False  # a contents list: "TOP 2.9b", title and page on lines of their own
    numbered_headers: bool = False  # line numbers also on "TOP 3.3", title, labels and vote
    numbering: str = (
        "resolution"  # line numbers restart per "resolution" or run through the "document"
    )
    beschluss_first: bool = False  # "Beschluss:" on the line before "TOP 6.1" (sister confs)
    width: int = 88
    page_lines: int = 48


@dataclass
class Printed:
    text: str
    number: int | None = None
    blank: bool = False
    kind: str = "text"  # "text", "agenda" (a table row: cells split by TAB), "heading"
    runs_on: bool = False  # a paragraph's line that is not its last (justified in the PDF)


@dataclass
class Rendering:
    layout: Layout
    pages: list[list[Printed]] = field(default_factory=list)
    expected: dict[str, Any] = field(default_factory=dict)
    running_header: str = ""
    # Resolutions where a paragraph ends with a full line at the foot of a page: from the
    # text alone nobody can tell whether the next page starts a new paragraph.
    ambiguous: set[int] = field(default_factory=set)

    def furniture(self, index: int) -> tuple[str, str]:
        """Running header (above page ``index``) and page number (below it)."""
        number = self.layout.page_number.format(n=index + 1, total=len(self.pages))
        header = self.running_header if self.layout.running_header and index else ""
        return header, number

    @property
    def text(self) -> str:
        out: list[str] = []
        for index, page in enumerate(self.pages):
            header, number = self.furniture(index)
            if header:
                out += [header, ""]
            for line in page:
                if line.blank:
                    out.append("")
                else:
                    shown = line.number and line.number % self.layout.number_every == 0
                    out.append(f"{line.number} {line.text}" if shown else line.text)
            if number:
                out += ["", number, ""]
        return "\n".join(out) + "\n"


def wrap(text: str, width: int) -> list[str]:
    """Greedy line breaking with hyphenation inside long words ("Ge-" + "setz")."""
    words = re.sub(r"(?<=\w-) (?=\S)", "\x00", text).split(" ")  # "Aus- und" stays together
    lines: list[str] = []
    line = ""
    for word in words:
        while True:
            candidate = f"{line} {word}" if line else word
            if len(candidate.replace("\x00", " ")) <= width or not line:
                line = candidate
                break
            room = width - len(line) - 2
            split = _split_point(word, room)
            if split:
                lines.append(f"{line} {word[:split]}" + ("" if word[split - 1] == "-" else "-"))
                line, word = "", word[split:]
                continue
            lines.append(line)
            line = ""
    lines.append(line)
    return [item.replace("\x00", " ") for item in lines if item]


def _split_point(word: str, room: int) -> int:
    if "\x00" in word:
        return 0
    for i in range(min(room, len(word) - 3), 2, -1):
        left, right = word[i - 1], word[i]
        lowercase = re.fullmatch(r"[a-zäöüß]", left) and re.fullmatch(r"[a-zäöüß]", right)
        after_hyphen = left == "-" and right.isupper()
        if (lowercase or after_hyphen) and not word[i:].startswith(_CONJUNCTIONS):
            return i
    return 0


def _names(codes: list[str]) -> str:
    return ", ".join(NAME_BY_CODE[code] for code in codes)


def _date_phrase(konferenz: dict[str, Any], style: str) -> str:
    if not konferenz["beginn"]:
        return ""
    y1, m1, d1 = (int(part) for part in konferenz["beginn"].split("-"))
    y2, m2, d2 = (int(part) for part in konferenz["ende"].split("-"))
    if m1 != m2:
        phrase = f"vom {d1}. {MONTHS[m1 - 1]} bis {d2}. {MONTHS[m2 - 1]} {y2}"
    elif d1 == d2:
        phrase = f"am {d1}. {MONTHS[m1 - 1]} {y1}"
    else:
        days = {"dash": f"{d1}. – {d2}.", "slash": f"{d1}./{d2}.", "und": f"{d1}. und {d2}."}
        phrase = f"am {days[style]} {MONTHS[m1 - 1]} {y1}"
    return f"{phrase} in {konferenz['ort']}" if konferenz["ort"] else phrase


def vote_text(vote: str, counted: bool) -> str:
    if not counted:
        return vote
    return "16:0:0" if vote == "einstimmig" else "15:1"


class _Writer:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.pages: list[list[Printed]] = []
        self.number = 0
        self.resolution = -1
        self.printed: list[Printed] = []
        self.ambiguous: set[int] = set()

    def new_page(self) -> None:
        self.pages.append([])

    def add(self, text: str, *, numbered: bool = False, kind: str = "text") -> int | None:
        page = self.pages[-1]
        if sum(1 for line in page if not line.blank) >= self.layout.page_lines:
            text_lines = [line for line in page if not line.blank]
            next_word = text.split(" ", 1)[0]
            full = len(text_lines[-1].text) + 1 + len(next_word) > 0.85 * self.layout.width
            if page[-1].blank and full and self.resolution >= 0:
                self.ambiguous.add(self.resolution)
            self.new_page()
        number = None
        if numbered and self.layout.line_numbers:
            self.number += 1
            number = self.number
        self.pages[-1].append(Printed(text, number, kind=kind))
        return number

    def blank(self) -> None:
        if self.pages[-1] and not self.pages[-1][-1].blank:
            self.pages[-1].append(Printed("", blank=True))

    def paragraph(self, text: str, *, numbered: bool = False) -> list[int]:
        numbers = []
        for line in wrap(text, self.layout.width):
            numbers.append(self.add(line, numbered=numbered))
            self.printed.append(self.pages[-1][-1])
        for printed in self.printed[-len(numbers) : -1]:
            printed.runs_on = True
        return [n for n in numbers if n is not None]

    def split(self, text: str) -> str:
        if not self.layout.split_words:
            return text
        for word, broken in _SPLITS.items():
            text = text.replace(word, broken)
        return text


def render(conference: dict[str, Any], layout: Layout) -> Rendering:
    expected = copy.deepcopy(conference)
    writer = _Writer(layout)
    writer.new_page()
    konferenz = conference["konferenz"]
    _cover(writer, konferenz)
    _agenda(writer, conference["tagesordnung"])
    if layout.contents:
        _contents(writer, conference["beschluesse"])
    written = not konferenz["ort"]
    for index, (resolution, want) in enumerate(
        zip(conference["beschluesse"], expected["beschluesse"], strict=True)
    ):
        writer.new_page()
        writer.resolution = index
        if layout.numbering == "resolution":
            writer.number = 0
        _resolution(writer, resolution, want, written=written)
    phrase = _date_phrase(konferenz, layout.dates)
    header = writer.split(f"{konferenz['nummer']}. IntMK – Hauptkonferenz {phrase}".strip())
    return Rendering(layout, writer.pages, expected, header, writer.ambiguous)


def _cover(writer: _Writer, konferenz: dict[str, Any]) -> None:
    layout = writer.layout
    if layout.document_title:
        writer.add(layout.document_title, kind="heading")
        writer.blank()
    phrase = _date_phrase(konferenz, layout.dates)
    if not konferenz["ort"]:
        phrase = f"im Umlaufverfahren {phrase}"
    if layout.header == "words":
        for line in WORDS_HEADER:
            writer.add(line.format(n=konferenz["nummer"]), kind="heading")
        writer.add(phrase, kind="heading")
    else:
        writer.add(f"{konferenz['nummer']}. IntMK {konferenz['jahr']}", kind="heading")
        writer.add(writer.split(f"Hauptkonferenz {phrase}"), kind="heading")
    writer.blank()
    if konferenz["vorsitz"]:
        writer.add(f"Vorsitz: {NAME_BY_CODE[konferenz['vorsitz']]}")
    if konferenz["motto"]:
        writer.add(f"Motto: „{konferenz['motto']}“")
    writer.blank()


def _agenda(writer: _Writer, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    style = writer.layout.agenda
    writer.add(writer.split("Tagesordnung"), kind="heading")
    writer.blank()
    if style == "underline":
        writer.add("TOP\tThema\tAntragsteller", kind="agenda")
    elif style == "column":
        writer.add("TOP\tThema\tAntragsteller\tFederführung", kind="agenda")
    elif style == "centred":
        writer.add(f"{'TOP':12}{'Thema':48}Antragsteller")
    for row in rows:
        top = f"{row['top']} (GL)" if row["gruene_liste"] else row["top"]
        names = writer.split(_names(row["antragsteller"]))
        lead = row["federfuehrend"]
        several = len(row["antragsteller"]) > 1
        if style == "underline":
            if lead and several:
                names = names.replace(NAME_BY_CODE[lead], f"<u>{NAME_BY_CODE[lead]}</u>", 1)
            writer.add(f"{top}\t{row['titel']}\t{names}".rstrip("\t"), kind="agenda")
        elif style == "column":
            cells = [top, row["titel"], names, NAME_BY_CODE[lead] if lead and several else ""]
            writer.add("\t".join(cells).rstrip("\t"), kind="agenda")
        elif style == "centred":
            if lead and several:
                names = names.replace(NAME_BY_CODE[lead], f"<u>{NAME_BY_CODE[lead]}</u>", 1)
            _centred_row(writer, [top], _cell(row["titel"], 44), _cell(names, 34))
        else:
            text = f"{top} {row['titel']}"
            if names:
                text += f" {names}"
            if lead and several:
                text += f" (federführend: {NAME_BY_CODE[lead]})"
            writer.paragraph(text)


def _centred_row(writer: _Writer, *cells: list[str]) -> None:
    """A table row as a PDF-to-text conversion sets it: each cell centred vertically in the
    row (the TOP number beside the middle line of a long title, or the lower of the two
    middle ones), the columns 12 and 48 characters wide."""
    height = max(len(cell) for cell in cells)
    columns = [[""] * ((height - len(cell) + 1) // 2) + cell for cell in cells]
    for i in range(height):
        top, title, lands = (cell[i] if i < len(cell) else "" for cell in columns)
        writer.add(f"{top:12}{title:48}{lands}".rstrip())


def _cell(text: str, width: int) -> list[str]:
    """A table cell's lines: broken at spaces only, as Word does without hyphenation."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


def _contents(writer: _Writer, resolutions: list[dict[str, Any]]) -> None:
    """The contents list of the 13th IntMK's minutes; the page numbers are made up."""
    writer.new_page()
    writer.add("Inhaltsverzeichnis", kind="heading")
    writer.blank()
    for index, resolution in enumerate(resolutions):
        writer.add(f"TOP {resolution['top']}")
        writer.paragraph(resolution["titel"])
        writer.add(str(index + 3))
        writer.blank()


def _resolution(
    writer: _Writer, resolution: dict[str, Any], want: dict[str, Any], *, written: bool
) -> None:
    layout = writer.layout
    labelled = "beschluss" in layout.fields
    if layout.beschluss_first:
        writer.add("Beschluss:", kind="heading")
    numbered = layout.numbered_headers  # Word numbers the heading lines too
    if layout.top == "inline":
        for line in wrap(f"TOP {resolution['top']} {resolution['titel']}", layout.width):
            writer.add(line, numbered=numbered, kind="heading")
    else:
        writer.add(f"TOP {resolution['top']}", numbered=numbered, kind="heading")
        writer.blank()
        for line in wrap(resolution["titel"], layout.width):
            writer.add(line, numbered=numbered, kind="heading")
    if not labelled:
        writer.blank()
    vote = resolution["abstimmung"]
    for name in layout.fields:
        if name == "antragsteller":
            if resolution["antragsteller"]:
                label = writer.split("Antragsteller")
                names = writer.split(_names(resolution["antragsteller"]))
                writer.paragraph(f"{label}: {names}", numbered=numbered)
            if resolution["berichterstatter"]:
                rapporteur = NAME_BY_CODE[resolution["berichterstatter"]]
                writer.add(f"Berichterstatter: {rapporteur}", numbered=numbered)
        elif name == "veroeffentlichung":
            writer.add("Veröffentlichung: Freigabe Beschluss", numbered=numbered)
        elif name == "vote_label" and vote:
            result = vote_text(vote, layout.counted_votes)
            writer.add(f"Abstimmungsergebnis: {result}", numbered=numbered)
        elif name == "beschluss":
            writer.add("Beschluss:", numbered=numbered)
        elif name == "vote_sentence" and vote:
            procedure = "im Umlaufverfahren " if written else ""
            formula = f"Die IntMK hat {procedure}{vote} beschlossen:"
            writer.add(formula, numbered=numbered, kind="heading")
        if not labelled:
            writer.blank()
    for clause, expected in zip(resolution["ziffern"], want["ziffern"], strict=True):
        numbers: list[int] = []
        for index, segment in enumerate(clause["text"].split("\n")):
            prefix = f"{clause['nummer']}. " if clause["nummer"] and index == 0 else ""
            numbers += writer.paragraph(prefix + segment, numbered=True)
            writer.blank()
        expected["zeile_von"] = min(numbers, default=None)
        expected["zeile_bis"] = max(numbers, default=None)
    for note, expected in zip(
        resolution["protokollnotizen"], want["protokollnotizen"], strict=True
    ):
        heading = writer.add(f"Protokollnotiz {NAME_BY_CODE[note['land']]}:", numbered=True)
        numbers = [heading] if heading else []
        for paragraph in note["text"].split("\n"):
            numbers += writer.paragraph(paragraph, numbered=True)
            writer.blank()
        expected["zeile_von"] = min(numbers, default=None)
        expected["zeile_bis"] = max(numbers, default=None)
    want["zeilen"] = writer.number
