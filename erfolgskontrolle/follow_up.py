"""The follow-up's part on the register's pages (registered in `apps.py`, see
beschluesse/extensions.py): each demand's current state and a link to its timeline, for
signed-in users with a role; and, for everyone, its state in the newest published
Erfolgskontrolle of its conference.
"""

from collections.abc import Collection, Sequence

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import Count, Exists, F, Func, JSONField, OuterRef, Q, Subquery, Value
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from beschluesse.extensions import FollowUp, Published
from beschluesse.models import Demand
from erfolgskontrolle.models import Edition, ProgressEntry, TrackedDemand
from intmk.roles import principal


def annotate_follow_up(request: HttpRequest, demands: Sequence[Demand]) -> None:
    """Set `demand.follow_up` on every demand: one query for the whole page, none for visitors
    without a role (anonymous users: not even the one for the roles)."""
    if not request.user.is_authenticated or not principal(request.user).has_role:
        return
    current = TrackedDemand.objects.filter(pk__in=[d.pk for d in demands]).with_state()
    entries = ProgressEntry.objects.filter(
        pk__in=Subquery(current.values(entry_id=F("current_entry_id")))
    ).select_related("land", "stance", "implementation")
    by_demand = {entry.demand_id: entry for entry in entries}
    for demand in demands:
        url = reverse("erfolgskontrolle:demand-detail", args=[demand.pk])
        entry = by_demand.get(demand.pk)
        demand.follow_up = (  # type: ignore[attr-defined]
            FollowUp(
                url,
                f"{entry.implementation} – {entry.stance}",
                f"Stand vom {entry.fact_date:%d.%m.%Y}, {entry.land}",
            )
            if entry
            else FollowUp(url, "noch kein Sachstand")
        )


# The demand with this id in an edition's data (schema.ReportData), read by the database.
_DEMAND_IN_EDITION = "$.resolutions[*].demands[*] ? (@.id == $id)"


def annotate_published_state(request: HttpRequest, demands: Sequence[Demand]) -> None:
    """Set `demand.published` on demands that the newest published edition of their conference
    reports on: one query, reading only that demand out of each edition's stored data."""
    published = Edition.objects.filter(
        conference=OuterRef("clause__resolution__conference"), publication__isnull=False
    ).order_by("-number")
    in_edition = published.annotate(
        demand=Func(
            F("data"),
            Func(Value(_DEMAND_IN_EDITION), template="%(expressions)s::jsonpath"),
            Func(
                Value("id"),
                OuterRef("pk"),
                function="jsonb_build_object",
                output_field=JSONField(),
            ),
            function="jsonb_path_query_first",
            output_field=JSONField(),
        )
    )
    rows = (
        Demand.objects.filter(pk__in=[d.pk for d in demands])
        .annotate(
            conference_number=F("clause__resolution__conference__number"),
            edition_number=Subquery(published.values("number")[:1]),
            published_at=Subquery(published.values("publication__published_at")[:1]),
            in_edition=Subquery(in_edition.values("demand")[:1], output_field=JSONField()),
        )
        .filter(in_edition__isnull=False)
        .values("pk", "conference_number", "edition_number", "published_at", "in_edition")
    )
    by_demand = {row["pk"]: row for row in rows}
    for demand in demands:
        row = by_demand.get(demand.pk)
        if row is None:
            continue
        assessment = row["in_edition"].get("assessment")
        url = reverse(
            "erfolgskontrolle:edition-detail",
            args=[row["conference_number"], row["edition_number"]],
        )
        published_on = timezone.localtime(row["published_at"])
        demand.published = Published(  # type: ignore[attr-defined]
            url=f"{url}#forderung-{demand.pk}",
            state=f"{assessment['implementation']} – {assessment['stance']}"
            if assessment
            else "ohne Sachstand",
            source=f"Erfolgskontrolle der {row['conference_number']}. IntMK, Ausgabe "
            f"{row['edition_number']} vom {published_on:%d.%m.%Y}",
        )


def search_entries(request: HttpRequest, text: str) -> Q | None:
    """For users with a role, the demand list's search also finds demands by the text of any of
    their Sachstände, earlier ones of the timeline included (full text, German, GIN index)."""
    if not request.user.is_authenticated or not principal(request.user).has_role:
        return None
    query = SearchQuery(text, config="german", search_type="websearch")
    matching = ProgressEntry.objects.annotate(
        document=SearchVector("text", config="german")
    ).filter(demand=OuterRef("pk"), document=query)
    return Q(Exists(matching))


def entry_counts(demand_ids: Collection[int]) -> dict[int, int]:
    """Sachstände per demand, for the import (`beschluesse.extensions.follow_up_counts`)."""
    rows = (
        ProgressEntry.objects.filter(demand_id__in=demand_ids)
        .values("demand_id")
        .annotate(count=Count("pk"))
        .values_list("demand_id", "count")
    )
    return dict(rows)
