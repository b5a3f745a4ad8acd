"""All Länder's Sachstände of one conference as one table, for the secretariat (read only).

One row per demand and Land that has recorded something for it, with that Land's newest entry;
a demand no Land has answered yet gets one row with the Land left empty, so the table shows the
gaps too. Demands in the order of the minutes, Länder by name within a demand. Written with the
writers of the Land tables (`tables.py`), formula neutralisation included; it is not meant to
be uploaded again (the Land tables are).
"""

from collections import defaultdict

from django.db.models import Prefetch
from django.utils import timezone

from beschluesse.models import Conference
from erfolgskontrolle.models import EvidenceLink, ProgressEntry
from erfolgskontrolle.rounds import followed_up_demands
from erfolgskontrolle.services import Link
from erfolgskontrolle.tables import (
    DATE_FORMAT,
    Column,
    FileFormat,
    links_text,
    write_csv,
    write_xlsx,
)

COLUMNS = (
    Column("Forderungs-ID", 14),
    Column("Konferenz", 16),
    Column("TOP", 8),
    Column("Ziffer", 8),
    Column("Art", 16),
    Column("Adressat", 18),
    Column("Wortlaut", 60),
    Column("Federführend", 18),
    Column("Land", 18),
    Column("Rolle des Landes", 18),
    Column("Stand vom", 12),
    Column("Haltung", 22),
    Column("Umsetzung", 22),
    Column("Sachstand", 60),
    Column("Belege", 50),
    Column("Erfasst am", 17),
    Column("Erfasst von", 20),
    Column("Im Auftrag erfasst", 10),
)
HEADERS = tuple(column.header for column in COLUMNS)

Row = list[str | int]


def _role(land_id: int, lead_id: int | None, applicant_ids: set[int]) -> str:
    if land_id == lead_id:
        return "federführend"
    if land_id in applicant_ids:
        return "mitantragstellend" if lead_id is not None else "antragstellend"
    return "weiteres Land"


def table_rows(conference: Conference) -> list[Row]:
    """The rows of the table: four queries (demands, applicants, entries, their links)."""
    demands = list(
        followed_up_demands(conference).prefetch_related("clause__resolution__applicants")
    )
    newest = (
        ProgressEntry.objects.filter(demand__in=[d.pk for d in demands])
        .select_related("land", "author", "stance", "implementation")
        .prefetch_related(Prefetch("links", queryset=EvidenceLink.objects.order_by("position")))
        .order_by("demand_id", "land__name", "-created_at", "-id")
        .distinct("demand_id", "land__name")
    )
    by_demand: dict[int, list[ProgressEntry]] = defaultdict(list)
    for entry in newest:
        by_demand[entry.demand_id].append(entry)
    rows: list[Row] = []
    for demand in demands:
        resolution = demand.clause.resolution
        applicant_ids = {land.pk for land in resolution.applicants.all()}
        described: Row = [
            demand.pk,
            f"{resolution.conference.number}. IntMK {resolution.conference.year}",
            resolution.top,
            demand.clause.number,
            demand.get_kind_display(),
            demand.addressee,
            demand.wording,
            resolution.lead.name if resolution.lead else "",
        ]
        entries = by_demand.get(demand.pk)
        if not entries:
            rows.append([*described, *[""] * (len(COLUMNS) - len(described))])
            continue
        for entry in entries:
            links = [Link(url=link.url, label=link.label) for link in entry.links.all()]
            author = entry.author.get_full_name() or entry.author.username
            rows.append(
                [
                    *described,
                    entry.land.name,
                    _role(entry.land_id, resolution.lead_id, applicant_ids),
                    entry.fact_date.strftime(DATE_FORMAT),
                    entry.stance.name,
                    entry.implementation.name,
                    entry.text,
                    links_text(links),
                    f"{timezone.localtime(entry.created_at):%d.%m.%Y %H:%M}",
                    author,
                    "ja" if entry.on_behalf else "nein",
                ]
            )
    return rows


def write(conference: Conference, file_format: FileFormat) -> bytes:
    rows = table_rows(conference)
    if file_format == "csv":
        return write_csv(rows, HEADERS)
    return write_xlsx(rows, stances=(), implementations=(), columns=COLUMNS)


def filename(conference: Conference, file_format: FileFormat) -> str:
    return f"sachstaende-{conference.number}-intmk-{timezone.localdate():%Y-%m-%d}.{file_format}"
