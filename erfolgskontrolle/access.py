"""The one place that decides who may see and change what in the follow-up.

Views call these functions and never check roles themselves. Rules (issue 3, docs/design.md):
- Only signed-in users with a role see the follow-up; everyone else gets 403 (anonymous users
  are sent to the login first by `login_required`).
- A Land official records entries in the name of their own Land only, for any demand.
- The secretariat (chairing Land of a conference year) sees and edits everything of that
  conference: it records on behalf of any Land and runs its reporting rounds.
- Admins may do everything; readers only read.
- "Not found" and "not yours to see" look the same (404) where an id must not be revealed.
- The Erfolgskontrolle: any role reads the draft and every edition; only the secretariat that
  compiles the report (`report.compiler`) and admins write its texts, freeze and publish;
  everyone, anonymous users included, reads published editions.
"""

from collections.abc import Collection

from django.core.exceptions import PermissionDenied
from django.http import Http404

from beschluesse.models import Conference, Demand
from erfolgskontrolle.models import Edition, ProgressEntry, ReportingRound, TrackedDemand
from erfolgskontrolle.report import compiler
from intmk.models import Land
from intmk.roles import AnyUser, Principal, principal


def require_role(user: AnyUser) -> Principal:
    """Any role opens the follow-up for reading; a signed-in user without one gets 403."""
    p = principal(user)
    if not p.has_role:
        raise PermissionDenied("Ihrem Konto ist noch keine Rolle zugewiesen.")
    return p


# Demands -------------------------------------------------------------------------------------


def demand_for_view(user: AnyUser, demand_id: int) -> Demand:
    require_role(user)
    try:
        return (
            Demand.objects.for_list()
            .with_chain()
            .select_related("clause__resolution__rapporteur")
            .get(pk=demand_id)
        )
    except Demand.DoesNotExist:
        raise Http404("Diese Forderung gibt es nicht.") from None


def recording_lands(user: AnyUser, demand: Demand) -> list[Land]:
    """The Länder in whose name the user may record an entry for this demand."""
    return principal(user).spoken_for(Land.objects.all(), demand.clause.resolution.conference)


def may_record(user: AnyUser, demand: Demand) -> bool:
    return principal(user).may_record(demand.clause.resolution.conference)


def land_for_entry(user: AnyUser, demand: Demand, land: Land) -> bool:
    """Refuse (403) an entry in the name of a Land the user may not speak for.

    Returns whether the entry is recorded on behalf of that Land (by the secretariat or an admin
    who is not an official of it)."""
    p = principal(user)
    if not p.speaks_for(land, demand.clause.resolution.conference):
        raise PermissionDenied(f"Sie dürfen keine Sachstände im Namen von {land} erfassen.")
    return land.pk not in p.official_land_ids


def demand_for_recording(user: AnyUser, demand_id: int) -> Demand:
    """The demand whose entry form the user opens or posts; 403 for readers."""
    demand = demand_for_view(user, demand_id)
    if not may_record(user, demand):
        raise PermissionDenied("Sie dürfen zu dieser Forderung keine Sachstände erfassen.")
    return demand


def entry_to_correct(
    demand: Demand, entry_id: str | None, lands: list[Land]
) -> ProgressEntry | None:
    """The entry named by `?korrigiert=`: of the same demand and of a Land the user speaks for
    (`recording_lands`), since a correction is made in the corrected entry's name; else 404."""
    if not entry_id:
        return None
    entries = demand.progress_entries.select_related("land").filter(land__in=lands)
    try:
        return entries.get(pk=int(entry_id))
    except (ValueError, ProgressEntry.DoesNotExist):
        raise Http404("Diesen Eintrag gibt es zu dieser Forderung nicht.") from None


def bulk_recording_lands(user: AnyUser) -> list[Land]:
    """The Länder the user may speak for somewhere: their own; all for admins and the
    secretariat, whose conference each demand or row is checked against later
    (`demands_for_bulk_entry`, `TrackedDemand.objects.for_land_table`). Used by the bulk form
    and the tables."""
    return principal(user).spoken_for(Land.objects.all(), None)


def require_bulk_recording(
    user: AnyUser, refusal: str = "Sie dürfen keine Sachstände erfassen."
) -> list[Land]:
    """`bulk_recording_lands`, refusing (403) users who may record nothing: readers, no role."""
    require_role(user)
    lands = bulk_recording_lands(user)
    if not lands:
        raise PermissionDenied(refusal)
    return lands


def demands_for_bulk_entry(
    user: AnyUser, demand_ids: Collection[int], land: Land
) -> list[tuple[Demand, bool]]:
    """The selected demands of the user's task list, each with whether its entry is recorded on
    behalf of `land`. One demand that is not the user's to record for `land` refuses all (403)."""
    tasks = TrackedDemand.objects.for_list().for_tasks(require_role(user))
    demands = list(tasks.filter(pk__in=demand_ids))
    if len(demands) != len(set(demand_ids)):
        raise PermissionDenied("Mindestens eine der ausgewählten Forderungen ist nicht Ihre.")
    return [(demand, land_for_entry(user, demand, land)) for demand in demands]


# Reporting rounds ----------------------------------------------------------------------------


def round_for_view(user: AnyUser, round_id: int) -> ReportingRound:
    require_role(user)
    try:
        return ReportingRound.objects.for_list().get(pk=round_id)
    except ReportingRound.DoesNotExist:
        raise Http404("Diese Berichtsrunde gibt es nicht.") from None


def round_for_change(user: AnyUser, round_id: int) -> ReportingRound:
    reporting_round = round_for_view(user, round_id)
    if not principal(user).manages(reporting_round.conference):
        raise PermissionDenied("Nur die Geschäftsstelle dieser Konferenz verwaltet die Runde.")
    return reporting_round


def may_manage_round(user: AnyUser, reporting_round: ReportingRound) -> bool:
    """Whether the page shows the round's management (closing) to this user."""
    return principal(user).manages(reporting_round.conference)


def round_land(reporting_round: ReportingRound, code: str) -> Land:
    """A Land asked by the round (its matrix row); any other code is 404."""
    try:
        return reporting_round.lands.get(code=code)
    except Land.DoesNotExist:
        raise Http404("Dieses Land wird in dieser Runde nicht gefragt.") from None


def conference_for_round(
    user: AnyUser,
    number: int,
    refusal: str = "Nur die Geschäftsstelle dieser Konferenz eröffnet Berichtsrunden.",
) -> Conference:
    """A conference the user manages: the secretariat of its year, admins; others 403."""
    try:
        conference = Conference.objects.get(number=number)
    except Conference.DoesNotExist:
        raise Http404("Diese Konferenz gibt es nicht.") from None
    if not principal(user).manages(conference):
        raise PermissionDenied(refusal)
    return conference


def conference_for_table(user: AnyUser, number: int) -> Conference:
    """The conference whose Sachstände of all Länder the user downloads: only who manages it."""
    return conference_for_round(
        user,
        number,
        "Die Sachstände aller Länder lädt nur die Geschäftsstelle dieser Konferenz herunter.",
    )


# Exchange of entries as a table --------------------------------------------------------------


def land_for_exchange(user: AnyUser, code: str) -> Land:
    """The Land whose entries the user may upload: their own; any for admins and the
    secretariat (limited to its conference by `TrackedDemand.objects.for_land_table`). Readers
    get 403."""
    p = require_role(user)
    land = _land(code)
    if p.speaks_for(land, None):
        return land
    raise PermissionDenied(f"Sie dürfen keine Sachstände von {land} austauschen.")


def land_for_export(user: AnyUser, code: str) -> Land:
    """The Land whose table the user may download: those of `land_for_exchange`, and any for
    readers, who read all follow-up data (read only: uploads stay refused)."""
    p = require_role(user)
    if p.is_reader:
        return _land(code)
    return land_for_exchange(user, code)


def _land(code: str) -> Land:
    try:
        return Land.objects.get(code=code)
    except Land.DoesNotExist:
        raise Http404("Dieses Land gibt es nicht.") from None


def lands_for_exchange(user: AnyUser) -> list[Land]:
    """The Länder whose table the user may download: those of the bulk form; all for readers.
    Users without a role get 403."""
    p = require_role(user)
    if p.is_reader:
        return list(Land.objects.all())
    return require_bulk_recording(
        user, "Tabellen tauschen nur Landesbeauftragte und die Geschäftsstelle aus."
    )


def may_upload(user: AnyUser) -> bool:
    """Whether the table page offers the upload: to everyone who may record somewhere."""
    return bool(bulk_recording_lands(user))


def exchange_on_behalf(user: AnyUser, land: Land) -> bool:
    """Whether uploaded entries are recorded on behalf of `land` (see `land_for_entry`); callers
    have passed `land_for_exchange` and keep to `TrackedDemand.objects.for_land_table`."""
    return land.pk not in principal(user).official_land_ids


# The Erfolgskontrolle ------------------------------------------------------------------------


def conference_for_report(user: AnyUser, number: int) -> Conference:
    """The conference whose draft report the user reads: any role; 404 for unknown numbers."""
    require_role(user)
    try:
        return Conference.objects.select_related("chair").get(number=number)
    except Conference.DoesNotExist:
        raise Http404("Diese Konferenz gibt es nicht.") from None


def reads_drafts(user: AnyUser) -> bool:
    """Drafts and unpublished editions are for any role; published editions for everyone."""
    return principal(user).has_role


def may_compile(user: AnyUser, conference: Conference) -> bool:
    """Whether the user writes the report's texts, freezes and publishes: admins and the
    secretariat that compiles it."""
    p = principal(user)
    if p.is_admin:
        return True
    responsible = compiler.compiler_of(conference, compiler.report_of(conference))
    return responsible is not None and responsible.is_held_by(p)


def conference_for_compiling(user: AnyUser, number: int) -> Conference:
    conference = conference_for_report(user, number)
    if not may_compile(user, conference):
        raise PermissionDenied(
            "Nur die Geschäftsstelle, die diese Erfolgskontrolle erstellt, darf sie bearbeiten, "
            "festschreiben und veröffentlichen."
        )
    return conference


def edition_for_view(user: AnyUser, number: int, edition_number: int) -> Edition:
    """A published edition for anyone; an unpublished one only with a role (404 otherwise, as
    for an edition that does not exist)."""
    try:
        edition = Edition.objects.select_related("conference", "frozen_by", "publication").get(
            conference__number=number, number=edition_number
        )
    except Edition.DoesNotExist:
        raise Http404("Diese Ausgabe gibt es nicht.") from None
    if not is_published(edition) and not principal(user).has_role:
        raise Http404("Diese Ausgabe gibt es nicht.")
    return edition


def edition_for_publishing(user: AnyUser, number: int, edition_number: int) -> Edition:
    conference_for_compiling(user, number)
    return edition_for_view(user, number, edition_number)


def is_published(edition: Edition) -> bool:
    return hasattr(edition, "publication")
