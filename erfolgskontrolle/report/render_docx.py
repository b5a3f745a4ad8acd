"""The report as a Word document that the secretariat edits further.

Word's own structure rather than look-alikes: the built-in heading styles (Word shows them as
"Überschrift 1/2") so that the navigation pane and the table of contents work, a TOC field that
Word fills on F9, tables whose header row repeats on every page, German as the language of every
style (spelling and hyphenation), and title and author in the document properties. The same data
gives the same bytes (`ooxml.stable_zip`).
"""

import io
from collections.abc import Sequence
from typing import cast

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from erfolgskontrolle.report import formatting as fmt
from erfolgskontrolle.report.ooxml import as_of_utc, stable_zip, xml_safe
from erfolgskontrolle.report.schema import (
    Breakdown,
    DemandData,
    EntryData,
    Link,
    ReportData,
    ResolutionData,
    Share,
)

LANGUAGE = "de-DE"
TOC_FIELD = 'TOC \\o "1-2" \\h \\z \\u'
TOC_PLACEHOLDER = "Inhaltsverzeichnis – in Word mit F9 aktualisieren"
CONFERENCE_NAME = (
    "Konferenz der für Integration zuständigen Ministerinnen und Minister, "
    "Senatorinnen und Senatoren der Länder"
)
DEMAND_COLUMNS = (  # header, width: 17 cm between the margins of an A4 page
    ("Fundstelle", 2.8),
    ("Art/Adressat", 2.4),
    ("Wortlaut", 4.3),
    ("Bewertung (Haltung/Umsetzung/Stand vom)", 3.0),
    ("Sachstand + Belege", 4.5),
)
NO_ENTRY = "noch kein Sachstand"


# --- Word structures python-docx has no API for ------------------------------------------------


def _element(tag: str, **attributes: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(name.replace("_", ":", 1)), value)
    return element


def _set_language(doc: DocumentObject) -> None:
    """w:lang on the document defaults and on every style we use."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    targets = [] if defaults is None else defaults.findall(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Table Grid"):
        targets.append(doc.styles[name].element.get_or_add_rPr())
    for rpr in targets:
        for old in rpr.findall(qn("w:lang")):
            rpr.remove(old)
        lang = _element("w:lang", w_val=LANGUAGE, w_eastAsia=LANGUAGE, w_bidi="ar-SA")
        rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")


def _field(paragraph: Paragraph, code: str, placeholder: str) -> None:
    """A complex field (TOC, PAGE, …) with the text shown until Word updates it."""
    paragraph.add_run()._r.append(_element("w:fldChar", w_fldCharType="begin"))
    instruction = _element("w:instrText", xml_space="preserve")
    instruction.text = f" {code} "
    paragraph.add_run()._r.append(instruction)
    paragraph.add_run()._r.append(_element("w:fldChar", w_fldCharType="separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(_element("w:fldChar", w_fldCharType="end"))


def _heading(doc: DocumentObject, text: str, level: int, *, new_page: bool = False) -> Paragraph:
    """A paragraph in the built-in style "Heading <level>", set by its id: `add_heading` looks
    the style up by name, which scans every style and dominates the time of a long report."""
    paragraph = doc.add_paragraph(text)
    paragraph._p.style = f"Heading{level}"
    if new_page:
        paragraph.paragraph_format.page_break_before = True
    return paragraph


def _repeat_header(table: Table) -> None:
    row = table.rows[0]
    row._tr.get_or_add_trPr().append(_element("w:tblHeader", w_val="true"))
    for cell in row.cells:
        for run in (run for paragraph in cell.paragraphs for run in paragraph.runs):
            run.bold = True


def _hyperlink(paragraph: Paragraph, url: str, text: str) -> None:
    if not url.startswith(("https://", "http://")):
        paragraph.add_run(f"{text} ({url})")
        return
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = _element("w:hyperlink", r_id=r_id)
    run = paragraph.add_run(text)
    run.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    run.font.underline = True
    link.append(run._r)  # moves the run into the link
    paragraph._p.append(link)


# --- building blocks ---------------------------------------------------------------------------


def _text(paragraph: Paragraph, label: str, value: str) -> Paragraph:
    """ "Label: value" with the label in bold; line breaks in value stay line breaks."""
    if label:
        paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(value)
    return paragraph


def _line(doc: DocumentObject, label: str, value: str) -> None:
    if value:
        _text(doc.add_paragraph(), label, value)


def _table(
    doc: DocumentObject, headers: Sequence[str], rows: Sequence[Sequence[str]]
) -> Table | None:
    if not rows:
        doc.add_paragraph("keine")
        return None
    table = doc.add_table(rows=1, cols=len(headers))
    table._tbl.tblStyle_val = "TableGrid"  # by id: a lookup by name scans every style
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    _repeat_header(table)
    return cast(Table, table)


def _links(cell_or_doc: _Cell | DocumentObject, links: list[Link]) -> None:
    for link in links:
        _hyperlink(cell_or_doc.add_paragraph(), link["url"], link["label"])


# --- sections ----------------------------------------------------------------------------------


def _cover(doc: DocumentObject, data: ReportData) -> None:
    conference = data["conference"]
    doc.add_paragraph(data["title"], style="Title")
    doc.add_paragraph(f"{conference['number']}. {CONFERENCE_NAME}")
    place = f" in {conference['place']}" if conference["place"] else ""
    days = fmt.days_de(conference["first_day"], conference["last_day"])
    doc.add_paragraph(fmt.conference_label(conference) + place + (f", {days}" if days else ""))
    _line(doc, "Motto", f"„{conference['motto']}“" if conference["motto"] else "")
    _line(doc, "Vorsitz", conference["chair"])
    _line(doc, "Vorgelegt von", data["compiler"]["label"])
    _line(doc, "Stand", fmt.date_de(data["as_of"]))
    edition = fmt.edition_label(data)
    if data["edition"] and data["frozen_by"]:
        edition += f", festgeschrieben von {data['frozen_by']}"
    elif not data["edition"]:
        edition += " – nicht festgeschrieben, der Inhalt kann sich noch ändern"
    _text(doc.add_paragraph(), "", edition).runs[0].bold = True
    if round_ := data["round"]:
        state = f"eröffnet am {fmt.date_de(round_['opened_at'])}, "
        state += f"Frist {fmt.date_de(round_['deadline'])}"
        if round_["closed_at"]:
            state += f", abgeschlossen am {fmt.date_de(round_['closed_at'])}"
        _line(doc, round_["title"], state)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph().add_run("Inhalt").bold = True
    _field(doc.add_paragraph(), TOC_FIELD, TOC_PLACEHOLDER)


def _preface(doc: DocumentObject, preface: str) -> None:
    if not preface.strip():
        return
    _heading(doc, "Vorbemerkung", 1, new_page=True)
    for block in preface.strip().split("\n\n"):
        doc.add_paragraph(block.strip())


def _shares(doc: DocumentObject, title: str, first: str, shares: list[Share]) -> None:
    _heading(doc, title, 2)
    rows = [[s["label"], str(s["count"]), fmt.percent(s["percent"])] for s in shares]
    _table(doc, [first, "Anzahl", "Anteil"], rows)


def _breakdowns(
    doc: DocumentObject, title: str, first: str, lines: list[Breakdown], labels: list[str]
) -> None:
    _heading(doc, title, 2)
    rows = [[b["label"], str(b["total"]), *(str(count) for count in b["counts"])] for b in lines]
    _table(doc, [first, "gesamt", *labels], rows)


def _summary(doc: DocumentObject, data: ReportData) -> None:
    summary = data["summary"]
    _heading(doc, "Zusammenfassung", 1, new_page=True)
    total = summary["total"]
    doc.add_paragraph(
        f"Nachverfolgt werden {total} Forderungen der {fmt.conference_label(data['conference'])}."
        if total != 1
        else f"Nachverfolgt wird 1 Forderung der {fmt.conference_label(data['conference'])}."
    )
    _shares(doc, "Stand der Umsetzung", "Kategorie", summary["by_category"])
    _shares(doc, "Haltung der Adressaten", "Haltung", summary["by_stance"])
    labels = [share["label"] for share in summary["by_category"]]
    _breakdowns(doc, "Nach Adressat", "Adressat", summary["by_addressee"], labels)
    _breakdowns(doc, "Nach Themengruppe", "Gruppe", summary["by_group"], labels)
    _breakdowns(doc, "Nach federführendem Land", "Land", summary["by_lead"], labels)
    _heading(doc, "Forderungen ohne Sachstand", 2)
    _table(doc, ["Fundstelle"], [[ref["fundstelle"]] for ref in summary["without_entry"]])
    _heading(doc, "Länder im Verzug", 2)
    overdue = [[o["land"], str(o["open"]), str(o["total"])] for o in summary["overdue_lands"]]
    _table(doc, ["Land", "offen", "in der Runde zu beantworten"], overdue)


def _changes(doc: DocumentObject, data: ReportData) -> None:
    changes = data["changes"]
    title = f"Änderungen {changes['since_label']}" if changes["since_label"] else "Änderungen"
    _heading(doc, title, 1, new_page=True)
    if changes["since"] is None:
        doc.add_paragraph("Es gibt noch keinen früheren Stand, mit dem verglichen werden kann.")
        return
    _heading(doc, "Geänderte Bewertungen", 2)
    moved = [
        [m["demand"]["fundstelle"], m["axis"], m["before"] or "–", m["now"]]
        for m in changes["moved"]
    ]
    _table(doc, ["Fundstelle", "Achse", "vorher", "jetzt"], moved)
    _heading(doc, "Neue Sachstände", 2)
    new = [
        [n["demand"]["fundstelle"], n["land"], fmt.datetime_de(n["recorded_at"])]
        + [n["stance"], n["implementation"]]
        for n in changes["new_entries"]
    ]
    _table(doc, ["Fundstelle", "Land", "erfasst am", "Haltung", "Umsetzung"], new)
    _heading(doc, "Neu im Verzug", 2)
    overdue = [[o["land"], str(o["open"]), str(o["total"])] for o in changes["newly_overdue"]]
    _table(doc, ["Land", "offen", "in der Runde zu beantworten"], overdue)


def _assessment(cell: _Cell, entry: EntryData | None) -> None:
    if entry is None:
        cell.text = NO_ENTRY
        return
    cell.text = ""
    _text(cell.paragraphs[0], "Haltung", entry["stance"])
    _text(cell.add_paragraph(), "Umsetzung", entry["implementation"])
    _text(cell.add_paragraph(), "Stand vom", fmt.date_de(entry["fact_date"]))
    _text(cell.add_paragraph(), "Land", fmt.entry_author(entry))


def _demand_row(table: Table, demand: DemandData) -> None:
    # python-docx leaves add_row unannotated
    fundstelle, kind, wording, assessment, text = table.add_row().cells  # type: ignore[no-untyped-call]
    fundstelle.text = demand["fundstelle"]
    if since := fmt.open_since_label(demand["open_since"]):
        fundstelle.add_paragraph(since).runs[0].italic = True
    level = (
        f" ({demand['level']})"
        if demand["level"] and demand["level"] != demand["addressee"]
        else ""
    )
    kind.text = f"{demand['kind']}\nan: {demand['addressee']}{level}"
    wording.text = demand["wording"]
    _assessment(assessment, demand["assessment"])
    entry = demand["assessment"]
    text.text = entry["text"] if entry else ""
    if entry and entry["links"]:
        text.add_paragraph().add_run("Belege:").bold = True
        _links(text, entry["links"])


def _contributions(doc: DocumentObject, demands: list[DemandData]) -> None:
    with_contributions = [demand for demand in demands if demand["contributions"]]
    if not with_contributions:
        return
    doc.add_paragraph().add_run("Beiträge anderer Länder").bold = True
    for demand in with_contributions:
        doc.add_paragraph().add_run(demand["fundstelle"]).italic = True
        for entry in demand["contributions"]:
            head = f"{fmt.entry_author(entry)}, Stand vom {fmt.date_de(entry['fact_date'])}"
            state = fmt.state_label(entry)
            _text(doc.add_paragraph(), f"{head} ({state})" if state else head, entry["text"])
            _links(doc, entry["links"])


def _resolution(doc: DocumentObject, resolution: ResolutionData) -> None:
    _heading(doc, fmt.resolution_heading(resolution), 1, new_page=True)
    _line(doc, "Antragsteller", ", ".join(resolution["applicants"]))
    _line(doc, "Federführend", resolution["lead"] or "nicht bestimmt")
    _line(doc, "Abstimmung", fmt.vote_label(resolution))
    _line(doc, "Grüne Liste", "ja" if resolution["consent_list"] else "")
    for note in resolution["dissent_notes"]:
        _line(doc, f"Protokollnotiz {note['land']}", note["text"])
    _line(doc, "Anmerkung der Geschäftsstelle", resolution["comment"])
    table = doc.add_table(rows=1, cols=len(DEMAND_COLUMNS))
    table._tbl.tblStyle_val = "TableGrid"  # by id: a lookup by name scans every style
    table.autofit = False
    for cell, (header, _) in zip(table.rows[0].cells, DEMAND_COLUMNS, strict=True):
        cell.text = header
    for demand in resolution["demands"]:
        _demand_row(table, demand)
    _repeat_header(table)
    for column, (_, width) in zip(table.columns, DEMAND_COLUMNS, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice reads
        for cell in column.cells:  # the cells, which Word reads
            cell.width = Cm(width)
    _contributions(doc, resolution["demands"])


def _page_setup(doc: DocumentObject, data: ReportData) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    doc.styles["Normal"].font.size = Pt(10)
    footer = section.footer.paragraphs[0]
    footer.add_run(f"{data['title']} – {fmt.edition_label(data)} – Seite ")
    _field(footer, "PAGE", "1")
    footer.add_run(" von ")
    _field(footer, "NUMPAGES", "1")


def _properties(doc: DocumentObject, data: ReportData) -> None:
    properties = doc.core_properties
    moment = as_of_utc(data["as_of"])
    properties.title = data["title"]
    properties.author = data["compiler"]["label"]
    properties.last_modified_by = data["frozen_by"] or data["compiler"]["label"]
    properties.subject = fmt.conference_label(data["conference"])
    properties.comments = fmt.edition_label(data)
    properties.keywords = "IntMK; Erfolgskontrolle"
    properties.language = LANGUAGE
    properties.revision = max(data["edition"] or 1, 1)
    properties.created = properties.modified = moment


def render_docx(data: ReportData) -> bytes:
    data = xml_safe(data)
    doc = Document()
    _set_language(doc)
    _page_setup(doc, data)
    _properties(doc, data)
    _cover(doc, data)
    _preface(doc, data["preface"])
    _summary(doc, data)
    _changes(doc, data)
    for resolution in data["resolutions"]:
        _resolution(doc, resolution)
    if not data["resolutions"]:
        doc.add_paragraph("Zu dieser Konferenz werden keine Forderungen nachverfolgt.")
    buffer = io.BytesIO()
    doc.save(buffer)
    return stable_zip(buffer.getvalue(), as_of=data["as_of"])
