"""Who must answer for which demand in which reporting round: the one rule, in SQL.

In round R, Land L must answer for demand D when L is one of R.lands and
- L is the lead applicant of D's resolution; or
- the resolution has no lead and L is one of its applicants; or
- the resolution has neither lead nor applicants (then every Land of the round answers).

Co-applicants of a resolution with a lead may contribute entries but never owe one. The matrix
of a round, its progress, the reminders and the deadline on "Meine Aufgaben" all read this
rule from `duties()`, so they cannot disagree about who is asked.
"""

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from beschluesse.models import Resolution
from erfolgskontrolle.models import ReportingRound

DemandLink = ReportingRound.demands.through
ApplicantLink = Resolution.applicants.through


def duties() -> QuerySet:  # type: ignore[type-arg]  # of DemandLink, an auto-created model
    """One row per (round, demand, Land) where the Land must answer: `reportinground_id`,
    `demand_id` and the annotation `land_pk`. Chain filters on these, e.g.
    `duties().filter(reportinground_id__in=ids)` or `.filter(land_pk__in=land_ids)`."""
    applicants = ApplicantLink.objects.filter(
        resolution_id=OuterRef("demand__clause__resolution_id")
    )
    return (
        DemandLink.objects.annotate(land_pk=F("reportinground__lands"))
        .filter(land_pk__isnull=False)  # type: ignore[misc]  # an annotation
        .filter(
            Q(demand__clause__resolution__lead_id=F("land_pk"))
            | Q(demand__clause__resolution__lead_id__isnull=True)
            & (Exists(applicants.filter(land_id=OuterRef("land_pk"))) | ~Exists(applicants))
        )
    )
