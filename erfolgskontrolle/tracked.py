"""TrackedDemand: a demand as the follow-up reads it, and those reads as QuerySet methods.

`TrackedDemand.objects.for_list().for_tasks(p).with_own_role(p).with_state()`: the rows of the
user's tasks with the user's role and their current state. A proxy of `beschluesse.Demand` (the
register knows nothing of the follow-up), imported by `erfolgskontrolle.models` after the models
read here, so that Django registers it.
"""

from collections.abc import Collection
from typing import ClassVar, Self

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Subquery, Value, When

from beschluesse.models import Conference, Demand, DemandQuerySet, Resolution
from erfolgskontrolle.duties import duties
from erfolgskontrolle.models import ProgressEntry
from intmk.models import Land
from intmk.roles import Principal


def _newest(**filters: object) -> Subquery:
    entries = ProgressEntry.objects.filter(demand=OuterRef("pk"), **filters).newest_first()
    return Subquery(entries.values("pk")[:1])


class TrackedDemandQuerySet(DemandQuerySet):
    """The follow-up's reads of demands, chained: `for_list().for_tasks(p).with_state()`. The
    rows follow from the user's roles (`Principal`); whether the user may open the page at all,
    and record, access.py decides."""

    def for_tasks(self, p: Principal) -> Self:
        """ "Meine Aufgaben": the demands the user's Länder lead or co-apply for; the
        secretariat's conferences; everything for admins and readers."""
        if p.is_admin or p.is_reader:
            return self
        condition = (
            Q(clause__resolution__conference__in=Conference.objects.of_secretariat(p))
            if p.secretariat
            else Q(pk__in=[])
        )
        if p.official_land_ids:
            # A subquery, not a join on the applicants with DISTINCT: DISTINCT makes PostgreSQL
            # compute the state annotations of every task before the page is cut (bench/README.md).
            condition |= Q(clause__resolution__in=Resolution.objects.of_lands(p.official_land_ids))
        return self.filter(condition)

    def for_land_table(self, p: Principal, land: Land, *, reading: bool = False) -> Self:
        """The rows of a Land's table: demands of resolutions the Land leads or co-applies for
        (as in "Meine Aufgaben"); for the secretariat only those of its conferences; all of them
        for readers when `reading` (a download), so that a reader who also runs a secretariat
        uploads no more. Callers have passed `access.land_for_exchange` or `land_for_export`."""
        demands = self.filter(clause__resolution__in=Resolution.objects.of_lands([land.pk]))
        if p.is_admin or land.pk in p.official_land_ids or (reading and p.is_reader):
            return demands
        secretariat = Conference.objects.of_secretariat(p)
        return demands.filter(clause__resolution__conference__in=secretariat)

    def with_own_role(self, p: Principal) -> Self:
        """Annotate `own_role`: "lead" when one of the user's Länder leads the resolution,
        "applicant" when it co-applies, "" otherwise (secretariat, admins, readers)."""
        land_ids = sorted(p.official_land_ids)
        if not land_ids:
            return self.annotate(own_role=Value(""))
        co_applies = Exists(
            Resolution.applicants.through.objects.filter(
                resolution_id=OuterRef("clause__resolution_id"), land_id__in=land_ids
            )
        )
        return self.annotate(
            own_role=Case(
                When(clause__resolution__lead_id__in=land_ids, then=Value("lead")),
                When(co_applies, then=Value("applicant")),
                default=Value(""),
            )
        )

    def with_state(self) -> Self:
        """Annotate `current_entry_id` (the assessment, see state.py) and `last_entry_id`
        (newest of anyone); `state.attach_state` then reads both entries in one query."""
        return self.annotate(
            current_entry_id=Case(
                When(clause__resolution__lead__isnull=True, then=_newest()),
                default=_newest(land=OuterRef("clause__resolution__lead")),
            ),
            last_entry_id=_newest(),
        )

    def with_due_date(self, *, land_ids: Collection[int] | None = None) -> Self:
        """Annotate `due_date`: the earliest deadline of an open reporting round in which one of
        `land_ids` must answer for the demand (any Land when None), by the rule of the matrix
        (`duties.py`): a co-applicant that the round does not ask gets no deadline."""
        owed = duties().filter(demand_id=OuterRef("pk"), reportinground__closed_at__isnull=True)
        if land_ids is not None:
            owed = owed.filter(land_pk__in=list(land_ids))
        deadlines = owed.order_by("reportinground__deadline").values("reportinground__deadline")
        return self.annotate(due_date=Subquery(deadlines[:1]))


TrackedDemandManager = models.Manager.from_queryset(TrackedDemandQuerySet)


class TrackedDemand(Demand):
    """A demand as the follow-up reads it: the same rows, with the reads above."""

    objects: ClassVar[TrackedDemandManager["TrackedDemand"]] = TrackedDemandManager()

    class Meta:
        proxy = True
        verbose_name = "Verfolgte Forderung"
        verbose_name_plural = "Verfolgte Forderungen"
