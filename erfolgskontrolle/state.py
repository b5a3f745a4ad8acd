"""The current state of demands, read from the append-only log.

The current state of a demand is its newest assessment: the newest entry of the lead applicant
Land (whoever recorded it, the secretariat included). Entries of other Länder are contributions.
A resolution without a lead Land (reports, "alle Länder") takes the newest entry of any Land.
The query that reads it for many demands at once is `TrackedDemand.objects.with_state()`.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import prefetch_related_objects

from beschluesse.models import Demand
from erfolgskontrolle.models import ProgressEntry


def attach_state(demands: Iterable[Demand]) -> None:
    """Set `current_entry` and `last_entry` on demands annotated by
    `TrackedDemand.objects.with_state()`: one query."""
    demands = list(demands)
    ids = {d.current_entry_id for d in demands} | {d.last_entry_id for d in demands}  # type: ignore[attr-defined]
    ids.discard(None)
    entries = (
        {
            e.pk: e
            for e in ProgressEntry.objects.filter(pk__in=ids).select_related(
                "land", "author", "stance", "implementation"
            )
        }
        if ids
        else {}
    )
    for demand in demands:
        demand.current_entry = entries.get(demand.current_entry_id)  # type: ignore[attr-defined]
        demand.last_entry = entries.get(demand.last_entry_id)  # type: ignore[attr-defined]


def is_assessment(entry: ProgressEntry, demand: Demand) -> bool:
    lead_id = demand.clause.resolution.lead_id
    return lead_id is None or entry.land_id == lead_id


def newest_entry_id(demand: Demand) -> int | None:
    """The id a form remembers as "the state I saw", to warn about entries saved meanwhile."""
    newest = ProgressEntry.objects.filter(demand=demand).newest_first()
    return newest.values_list("pk", flat=True).first()


@dataclass
class TimelineItem:
    """One entry on a demand's page, with what the page says about it."""

    entry: ProgressEntry
    is_assessment: bool
    previous: ProgressEntry | None = None  # the same Land's entry before this one
    corrected_by: list[ProgressEntry] = field(default_factory=list)

    def changes(self) -> list[tuple[str, str, str]]:
        """(axis, before, now) for each axis that changed against the Land's previous entry."""
        if self.previous is None:
            return []
        pairs = [
            ("Umsetzung", self.previous.implementation, self.entry.implementation),
            ("Haltung", self.previous.stance, self.entry.stance),
        ]
        return [(axis, str(old), str(new)) for axis, old, new in pairs if old != new]


def timeline(demand: Demand, *, links_for: int | None = None) -> list[TimelineItem]:
    """All entries of a demand, newest first: two queries (entries, their links).

    Every entry is needed to tell each one's change against its Land's entry before; the links
    only for the entries shown, the newest `links_for` (all when None)."""
    entries = list(demand.progress_entries.for_display().prefetch_related(None).newest_first())
    prefetch_related_objects(entries[:links_for], "links")
    items = [TimelineItem(entry, is_assessment(entry, demand)) for entry in entries]
    newest_of_land: dict[int, TimelineItem] = {}
    for item in reversed(items):
        before = newest_of_land.get(item.entry.land_id)
        item.previous = before.entry if before else None
        newest_of_land[item.entry.land_id] = item
    by_id = {item.entry.pk: item for item in items}
    for item in items:
        corrected = by_id.get(item.entry.corrects_id) if item.entry.corrects_id else None
        if corrected is not None:
            corrected.corrected_by.append(item.entry)
    return items


def current_item(items: list[TimelineItem]) -> TimelineItem | None:
    """The assessment among the timeline (newest first): the current state."""
    return next((item for item in items if item.is_assessment), None)


def entries_since(seen: Mapping[int, int | None]) -> dict[int, list[ProgressEntry]]:
    """Per demand id, the entries saved after the one a form or a table row remembered as the
    newest (all, if it remembered none or an entry not of that demand), newest first: one
    query for any number of demands. The web form, the table upload and its confirmation all
    ask this one rule."""
    entries = (
        ProgressEntry.objects.filter(demand_id__in=list(seen))
        .select_related("land", "author", "stance", "implementation")
        .newest_first()
    )
    by_demand: dict[int, list[ProgressEntry]] = {pk: [] for pk in seen}
    for entry in entries:
        by_demand[entry.demand_id].append(entry)
    result: dict[int, list[ProgressEntry]] = {}
    for demand_id, demand_entries in by_demand.items():
        ids = [entry.pk for entry in demand_entries]
        seen_id = seen[demand_id]
        cut = ids.index(seen_id) if seen_id is not None and seen_id in ids else len(ids)
        result[demand_id] = demand_entries[:cut]
    return result


def newer_entries_unless_confirmed(
    demand: Demand, cleaned_data: Mapping[str, Any]
) -> list[ProgressEntry]:
    """The entries a valid entry form must show before it saves: those saved since the form was
    opened (`gesehen`), none once the user has seen them and saves anyway (`bestaetigt`)."""
    if cleaned_data["bestaetigt"]:
        return []
    return entries_since({demand.pk: cleaned_data["gesehen"]})[demand.pk]
