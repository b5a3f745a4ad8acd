"""The current state of demands, read from the append-only log.

The current state of a demand is its newest assessment: the newest entry of the lead applicant
Land (whoever recorded it, the secretariat included). Entries of other Länder are contributions.
A resolution without a lead Land (reports, "alle Länder") takes the newest entry of any Land.
"""

from collections.abc import Iterable

from django.db.models import Case, OuterRef, QuerySet, Subquery, When

from beschluesse.models import Demand
from erfolgskontrolle.models import ProgressEntry


def _newest(**filters: object) -> Subquery:
    entries = ProgressEntry.objects.filter(demand=OuterRef("pk"), **filters).newest_first()
    return Subquery(entries.values("pk")[:1])


def with_state(demands: QuerySet[Demand]) -> QuerySet[Demand]:
    """Annotate `current_entry_id` (the assessment) and `last_entry_id` (newest of anyone)."""
    return demands.annotate(
        current_entry_id=Case(
            When(clause__resolution__lead__isnull=True, then=_newest()),
            default=_newest(land=OuterRef("clause__resolution__lead")),
        ),
        last_entry_id=_newest(),
    )


def attach_state(demands: Iterable[Demand]) -> None:
    """Set `current_entry` and `last_entry` on demands annotated by `with_state`: one query."""
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
