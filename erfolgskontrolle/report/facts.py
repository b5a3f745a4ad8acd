"""Facts of the log the builder and the comparison of editions share: the newest entry of each
Land per demand, the current state, where a demand stands, who is overdue."""

import datetime
from collections import defaultdict

from django.utils import timezone

from beschluesse.models import Conference, Demand
from erfolgskontrolle import rounds
from erfolgskontrolle.models import Category, ProgressEntry, ReportingRound
from erfolgskontrolle.report.schema import DemandRef, EntryData, OverdueLand

NewestByLand = dict[int, dict[int, ProgressEntry]]  # demand id -> Land id -> newest entry


def newest_per_land(
    conference: Conference, *, until: datetime.datetime, inclusive: bool = True, links: bool = False
) -> NewestByLand:
    """The newest entry of each Land for each followed-up demand of the conference, recorded up
    to `until` (before it when not `inclusive`): one query, two with the links."""
    bound = {"created_at__lte" if inclusive else "created_at__lt": until}
    entries = (
        ProgressEntry.objects.filter(
            demand__in=rounds.followed_up_demands(conference).order_by().values("pk"), **bound
        )
        .select_related("land", "stance", "implementation")
        .order_by("demand_id", "land_id", "-created_at", "-id")
        .distinct("demand_id", "land_id")
    )
    if links:
        entries = entries.prefetch_related("links")
    newest: NewestByLand = defaultdict(dict)
    for entry in entries:
        newest[entry.demand_id][entry.land_id] = entry
    return newest


def assessment_of(demand: Demand, by_land: dict[int, ProgressEntry]) -> ProgressEntry | None:
    """The current state: the lead Land's newest entry, or the newest of any without a lead."""
    lead_id = demand.clause.resolution.lead_id
    if lead_id is not None:
        return by_land.get(lead_id)
    return max(by_land.values(), key=lambda e: (e.created_at, e.pk), default=None)


def iso_time(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def entry_data(entry: ProgressEntry) -> EntryData:
    category = Category(entry.implementation.category)
    return {
        "land": entry.land.name,
        "stance": entry.stance.name,
        "implementation": entry.implementation.name,
        "category": category.value,
        "category_label": category.label,
        "text": entry.text,
        "fact_date": entry.fact_date.isoformat(),
        "recorded_at": iso_time(entry.created_at),
        "on_behalf": entry.on_behalf,
        "links": [{"label": link.label, "url": link.url} for link in entry.links.all()],
    }


def lines_of(demand: Demand) -> str:
    clause = demand.clause
    if clause.line_from is None:
        return ""
    if clause.line_to is None or clause.line_to == clause.line_from:
        return str(clause.line_from)
    return f"{clause.line_from}–{clause.line_to}"


def fundstelle(demand: Demand) -> str:
    """ "TOP 3.3 Ziffer 3 (Zeilen 12–15)"."""
    place = f"TOP {demand.clause.resolution.top}"
    if demand.clause.number:
        place += f" Ziffer {demand.clause.number}"
    lines = lines_of(demand)
    if lines:
        place += f" (Zeilen {lines})" if "–" in lines else f" (Zeile {lines})"
    return place


def demand_ref(demand: Demand) -> DemandRef:
    return {"id": demand.pk, "fundstelle": fundstelle(demand)}


def overdue_lands(
    reporting_round: ReportingRound | None, today: datetime.date
) -> list[OverdueLand]:
    """Länder with unanswered demands in the round once its deadline has passed (rounds.py)."""
    if reporting_round is None or not reporting_round.deadline_passed(today):
        return []
    data = rounds.round_data(reporting_round)
    result: list[OverdueLand] = []
    for land in data.lands:
        total = len(data.demands_of(land))
        still_open = len(data.open_demands(land))
        if still_open:
            result.append({"land": land.name, "open": still_open, "total": total})
    return result
