"""The agenda ("Tagesordnung") of IntMK minutes: where it starts and its rows.

An agenda row is a TOP number, a title and the applicants (the lead underlined), printed as a
line ("3.3 Teilhabe verbessern Berlin, Bremen") or as a table row of TAB-separated cells (DOCX).
The fields of a row are read by ``fields``.
"""

import re
from dataclasses import dataclass

from beschluesse.importer.fields import (
    TOP_NUMBER,
    keep_underline,
    laender,
    lead,
    split_plain_title,
    title_and_rest,
)
from beschluesse.importer.text import is_page_furniture, strip_markup


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


def parse_agenda(lines: list[str]) -> list[AgendaRow]:
    rows = []
    for raw in lines:
        if row := agenda_row(raw):
            rows.append(row)
    return rows


def agenda_row(raw: str) -> AgendaRow | None:
    cells = [cell for cell in raw.split("\t") if cell.strip()]
    if len(cells) >= 2:
        head = re.match(
            rf"^(?:TOP\s*)?(?P<top>{TOP_NUMBER})\s*(?P<gl>\(GL\))?$", strip_markup(cells[0])
        )
        if not head:
            return None
        top, gl = head.group("top"), bool(head.group("gl"))
        title, rest = title_and_rest("\t".join(cells[1:]))
    else:
        plain = re.match(rf"^(?:TOP\s+)?(?P<top>{TOP_NUMBER})\s+(?P<text>.+)$", keep_underline(raw))
        if not plain or is_page_furniture(strip_markup(raw)):
            return None
        top, text = plain.group("top"), plain.group("text")
        gl = "(GL)" in text
        title, rest = split_plain_title(text.replace("(GL)", ""))
    if "(GL)" in title:
        gl, title = True, title.replace("(GL)", "").strip()
    applicants = laender(rest.split("Vorgang:")[0])
    return AgendaRow(top, title, applicants, lead(rest, applicants), gl, strip_markup(rest))


def motto_from_leitantrag(agenda: list[AgendaRow]) -> str:
    for row in agenda:
        if row.titel.startswith("Leitantrag:"):
            return row.titel.split(":", 1)[1].strip().strip('„“"')
    return ""
