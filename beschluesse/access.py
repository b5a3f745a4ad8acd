"""The one place where views and filters fetch Beschlussregister objects.

The register is public (published minutes): reading needs no check, unknown objects raise
Http404. Corrections and the review mark are for those who manage the conference
(`Principal.manages`: admins and its secretariat); others get 403 for a known page.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from beschluesse.importer.exchange import ConferenceRecord
from beschluesse.models import (
    AgendaItem,
    Clause,
    Conference,
    Demand,
    DissentNote,
    Reference,
    Resolution,
)
from beschluesse.pending.models import PendingImport
from intmk.models import Land
from intmk.roles import AnyUser, Principal, principal


def conferences_for_list() -> QuerySet[Conference]:
    # Counting both along one join chain (resolution -> clause -> demand) needs distinct counts;
    # the chain never fans out sideways, so the numbers stay right.
    return Conference.objects.select_related("chair").annotate(
        resolution_count=Count("resolutions", distinct=True),
        demand_count=Count("resolutions__clauses__demands", distinct=True),
    )


def conference_for_view(number: int) -> Conference:
    try:
        return Conference.objects.select_related("chair").get(number=number)
    except Conference.DoesNotExist:
        raise Http404("Diese Konferenz gibt es nicht.") from None


def agenda_for_view(conference: Conference) -> QuerySet[AgendaItem]:
    has_dissent = Exists(DissentNote.objects.filter(resolution__agenda_item=OuterRef("pk")))
    return (
        conference.agenda_items.select_related("lead", "resolution")
        .prefetch_related("applicants")
        .annotate(has_dissent=has_dissent)
    )


def resolutions_without_agenda_item(conference: Conference) -> QuerySet[Resolution]:
    return conference.resolutions.filter(agenda_item__isnull=True).select_related("lead")


def resolution_for_view(number: int, top: str) -> Resolution:
    resolutions = Resolution.objects.for_page().prefetch_related(
        Prefetch(
            "clauses",
            queryset=Clause.objects.prefetch_related(
                Prefetch("demands", queryset=Demand.objects.with_chain())
            ),
        ),
        Prefetch("dissent_notes", queryset=DissentNote.objects.select_related("land")),
        Prefetch("references", queryset=Reference.objects.select_related("target__conference")),
    )
    try:
        return resolutions.get(conference__number=number, top=top)
    except Resolution.DoesNotExist:
        raise Http404("Diesen Beschluss gibt es nicht.") from None


def demands_for_list() -> QuerySet[Demand]:
    return Demand.objects.for_list()


# Choices of the demand list's facets; django-filter calls them each time it builds the form.


def conference_choices() -> list[tuple[int, str]]:
    return [(c.number, f"{c.number}. IntMK {c.year}") for c in Conference.objects.all()]


def group_choices() -> list[tuple[str, str]]:
    groups = AgendaItem.objects.exclude(group="").order_by("group").values_list("group", flat=True)
    return [(g, g) for g in groups.distinct()]


def addressee_choices() -> list[tuple[str, str]]:
    names = Demand.objects.order_by("addressee").values_list("addressee", flat=True).distinct()
    return [(a, a) for a in names]


# Curation: admins and the secretariat of the conference correct and confirm its resolutions.


def resolution_for_curation(p: Principal, number: int, top: str) -> Resolution:
    """The resolution with everything its edit page shows; 404 if unknown, 403 if `p` does not
    manage its conference."""
    resolution = resolution_for_view(number, top)
    if not p.manages(resolution.conference):
        raise PermissionDenied("Nur die Geschäftsstelle der Konferenz darf sie bearbeiten.")
    return resolution


def conference_for_curation(p: Principal, number: int) -> Conference:
    conference = conference_for_view(number)
    if not p.manages(conference):
        raise PermissionDenied("Nur die Geschäftsstelle der Konferenz darf sie prüfen.")
    return conference


def resolutions_to_review(conference: Conference) -> QuerySet[Resolution]:
    """The conference's resolutions not yet confirmed by a curator, with their demand count."""
    return conference.resolutions.filter(reviewed_at__isnull=True).annotate(
        demand_count=Count("clauses__demands")
    )


# Uploading minutes (/verwaltung/import/): admins, and a secretariat for its own conference.


def importer_principal(user: AnyUser) -> Principal:
    """The roles of a user who may upload minutes at all; 403 for everyone else."""
    p = principal(user)
    if not (p.is_admin or p.secretariat):
        raise PermissionDenied(
            "Niederschriften importieren die Administration und die Geschäftsstelle des "
            "Vorsitzlandes."
        )
    return p


class _Facts:
    def __init__(self, chair_id: int | None, year: int) -> None:
        self.chair_id = chair_id
        self.year = year


def check_import_of(p: Principal, conf: ConferenceRecord) -> None:
    """Whether `p` may import the conference of the minutes (``conf``): admins any, a
    secretariat only its own, by the file's facts (chair and year) and, for a re-import, by the
    register's too, so that no file claiming another conference's number can overwrite it."""
    if p.is_admin:
        return
    chair = Land.objects.filter(code=conf.chair or "").first()
    existing = Conference.objects.filter(number=conf.number).first()
    if not p.is_secretariat_of(_Facts(chair.pk if chair else None, conf.year)) or (
        existing is not None and not p.is_secretariat_of(existing)
    ):
        raise PermissionDenied(
            f"Diese Datei enthält die Niederschrift der {conf.number}. IntMK {conf.year}"
            f"{f' (Vorsitz: {chair.name})' if chair else ''}. Die Geschäftsstelle importiert nur "
            "die Niederschrift ihrer eigenen Konferenz; die anderen importiert die Administration."
        )


def pending_import_for_owner(user: AnyUser, pk: int) -> PendingImport:
    """A pending import of `user` that has not expired; 404 for any other (not found and not
    one's own look the same)."""
    try:
        return PendingImport.objects.current().owned_by(user).get(pk=pk)
    except PendingImport.DoesNotExist:
        raise Http404(
            "Diesen Import gibt es nicht (mehr). Vorschauen gelten einen Tag; bitte laden Sie "
            "die Datei erneut hoch."
        ) from None


def may_import_conference(user: AnyUser, conference: Conference) -> bool:
    """Whether the conference page offers `user` to import a new version of its minutes."""
    return principal(user).manages(conference)


def demand_ids_of_conference(number: int) -> set[int]:
    """The ids a re-import's curator may assign a new wording to: the conference's demands."""
    demands = Demand.objects.filter(clause__resolution__conference__number=number)
    return set(demands.values_list("pk", flat=True))
