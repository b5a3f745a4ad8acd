"""German numbers, dates and labels of the report, shared by every renderer.

Pure functions of the report's data (`schema.py`): no database, no locale settings, so that the
same data gives the same text in HTML, PDF, DOCX, XLSX and CSV.
"""

import datetime

from erfolgskontrolle.report.schema import (
    ConferenceData,
    EntryData,
    Link,
    OpenSince,
    ReportData,
    ResolutionData,
)
from erfolgskontrolle.tables import LINK_SEPARATOR
from intmk.formatting import percent_de


def percent(value: float) -> str:
    """30.2 → "30,2 %"."""
    return percent_de(value)


def parse_date(value: str) -> datetime.date:
    """The date of "2024-03-20" or of "2025-02-03T10:15:00+01:00" (as written, no time zone
    conversion: the builder writes local times)."""
    return datetime.date.fromisoformat(value[:10])


def date_de(value: str | None) -> str:
    """ "2024-03-20" (or an ISO time) → "20.03.2024"; None or "" → ""."""
    if not value:
        return ""
    return parse_date(value).strftime("%d.%m.%Y")


def datetime_de(value: str | None) -> str:
    """ "2025-02-03T10:15:00+01:00" → "03.02.2025, 10:15"; a bare date stays a date."""
    if not value:
        return ""
    if len(value) <= 10:
        return date_de(value)
    return datetime.datetime.fromisoformat(value).strftime("%d.%m.%Y, %H:%M")


def days_de(first: str | None, last: str | None) -> str:
    """The conference days: "20.–21.03.2024", "30.04.–01.05.2024", "20.03.2024" or ""."""
    if not first:
        return date_de(last)
    if not last or last == first:
        return date_de(first)
    start, end = parse_date(first), parse_date(last)
    if start.year != end.year:
        return f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"
    if start.month != end.month:
        return f"{start:%d.%m.}–{end:%d.%m.%Y}"
    return f"{start:%d.}–{end:%d.%m.%Y}"


def conference_label(conference: ConferenceData) -> str:
    """ "19. IntMK 2024" """
    return f"{conference['number']}. IntMK {conference['year']}"


def edition_label(data: ReportData) -> str:
    """ "Ausgabe 2" or "Entwurf" """
    return f"Ausgabe {data['edition']}" if data.get("edition") else "Entwurf"


def open_since_label(open_since: OpenSince | None) -> str:
    """ "offen seit der 16. IntMK (2021)" or "" """
    if not open_since:
        return ""
    return f"offen seit der {open_since['number']}. IntMK ({open_since['year']})"


def resolution_heading(resolution: ResolutionData) -> str:
    """ "TOP 3.3 Title" """
    return f"TOP {resolution['top']} {resolution['title']}".strip()


def vote_label(resolution: ResolutionData) -> str:
    return resolution["vote"] or "nicht angegeben"


def links_text(links: list[Link]) -> str:
    """One "Bezeichnung | URL" per line, as the table exchange writes evidence."""
    return "\n".join(f"{link['label']}{LINK_SEPARATOR}{link['url']}" for link in links)


def state_label(entry: EntryData) -> str:
    """ "zugestimmt / in Umsetzung" """
    return " / ".join(part for part in (entry["stance"], entry["implementation"]) if part)


def entry_author(entry: EntryData) -> str:
    """ "Berlin" or "Berlin (von der Geschäftsstelle im Auftrag erfasst)" """
    if entry["on_behalf"]:
        return f"{entry['land']} (von der Geschäftsstelle im Auftrag erfasst)"
    return entry["land"]


def contribution_text(entry: EntryData) -> str:
    """One other Land's contribution as one paragraph:
    "Bayern, Stand vom 20.01.2025 (zugestimmt / in Umsetzung): text" (+ evidence lines)."""
    head = f"{entry_author(entry)}, Stand vom {date_de(entry['fact_date'])}"
    state = state_label(entry)
    text = f"{head} ({state}): {entry['text']}" if state else f"{head}: {entry['text']}"
    links = links_text(entry["links"])
    return f"{text}\nBelege:\n{links}" if links else text
