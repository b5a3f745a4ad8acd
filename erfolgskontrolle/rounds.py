"""Reporting rounds: who answers for what, what is done, the matrix, and opening and closing.

Rules (issue 3):

- Responsibility. In round R, Land L answers for demand D when L is one of R.lands and
  - L is the lead applicant of D's resolution; or
  - the resolution has no lead and L is one of its applicants; or
  - the resolution has neither lead nor applicants (then every Land of the round answers).
  Responsibility depends only on the resolution, so it is the same for all its demands.
- Done. A pair (L, D) is done when L has a ProgressEntry for D with created_at >= R.opened_at,
  whoever recorded it in L's name (an entry "im Auftrag" by the secretariat counts). A closed
  round only counts entries created before R.closed_at: it shows the state frozen at closing.
- Deadline. The deadline day itself is still on time; the deadline has passed from the day
  after. An open round is judged as of today; a closed round as of the day it was closed.
- Matrix. Rows are R.lands (by name), columns the resolutions of the round's demands (by TOP,
  `Resolution.sort_key`). A cell covers the demands of that resolution that L answers for:
  "erledigt" (all done), "offen k/n" (not all done, deadline not passed), "überfällig k/n"
  (not all done, deadline passed) or "—" (L answers for none of them). Each row has a total
  "k von n erledigt" counted in (Land, demand) pairs; so has each round in the list.
- Queries. The done pairs of any number of rounds come from one aggregated query over the
  rounds' demand and Land links; the matrix needs four queries whatever the round's size, the
  progress of a whole list of rounds five.
"""

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, Exists, F, OuterRef, QuerySet, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from beschluesse.models import FOLLOWED_UP_KINDS, Conference, Demand, Resolution
from erfolgskontrolle.models import ProgressEntry, Reminder, ReminderKind, ReportingRound
from intmk.models import Land, Role, RoleKind, User

logger = logging.getLogger(__name__)

ONE_OPEN_ROUND_MESSAGE = "Für diese Konferenz läuft bereits eine Berichtsrunde."

DemandLink = ReportingRound.demands.through
LandLink = ReportingRound.lands.through

# Stands in for "not closed yet" when comparing entry times with the closing time.
_NEVER = datetime.datetime(9999, 12, 31, tzinfo=datetime.UTC)


# Responsibility and deadlines ----------------------------------------------------------------


def responsible_land_ids(
    *, lead_id: int | None, applicant_ids: Iterable[int], round_land_ids: Iterable[int]
) -> frozenset[int]:
    """The Länder of a round that answer for the demands of one resolution (module docstring)."""
    round_lands = frozenset(round_land_ids)
    if lead_id is not None:
        return round_lands & {lead_id}
    applicants = frozenset(applicant_ids)
    if applicants:
        return round_lands & applicants
    return round_lands


def reference_day(
    reporting_round: ReportingRound, today: datetime.date | None = None
) -> datetime.date:
    """The day a round is judged on: today while it is open, the closing day afterwards."""
    if reporting_round.closed_at is not None:
        return timezone.localdate(reporting_round.closed_at)
    return today or timezone.localdate()


def deadline_passed(reporting_round: ReportingRound, today: datetime.date | None = None) -> bool:
    return reference_day(reporting_round, today) > reporting_round.deadline


def followed_up_demands(conference: Conference) -> QuerySet[Demand]:
    """The demands of a conference a round can ask about, in the order of the minutes."""
    return (
        Demand.objects.filter(clause__resolution__conference=conference, kind__in=FOLLOWED_UP_KINDS)
        .select_related("clause__resolution__conference", "clause__resolution__lead")
        .order_by(
            "clause__resolution__sort_key",
            "clause__resolution__top",
            "clause__position",
            "position",
        )
    )


def default_land_ids(demands: Iterable[Demand]) -> set[int]:
    """The Länder a new round asks by default: the lead of each selected demand's resolution,
    or its applicants where it has no lead. A resolution with neither adds none: every Land
    the secretariat picks answers for it anyway. `demands` need their resolution's applicants
    prefetched (`clause__resolution__applicants`) where a resolution has no lead."""
    land_ids: set[int] = set()
    for demand in demands:
        resolution = demand.clause.resolution
        if resolution.lead_id is not None:
            land_ids.add(resolution.lead_id)
        else:
            land_ids.update(land.pk for land in resolution.applicants.all())
    return land_ids


# Loading -------------------------------------------------------------------------------------


def _done_triples(round_ids: Sequence[int]) -> set[tuple[int, int, int]]:
    """(round id, demand id, Land id) for every pair of a round's demands and Länder that the
    Land has answered within the round's time (opened_at <= created_at < closed_at): one query."""
    if not round_ids:
        return set()
    answered = ProgressEntry.objects.filter(
        demand_id=OuterRef("demand_id"),
        land_id=OuterRef("land_pk"),
        created_at__gte=OuterRef("reportinground__opened_at"),
        created_at__lt=OuterRef("until"),
    )
    rows = (
        DemandLink.objects.filter(reportinground_id__in=round_ids)
        .annotate(
            land_pk=F("reportinground__lands"),
            until=Coalesce(
                "reportinground__closed_at", Value(_NEVER, output_field=DateTimeField())
            ),
        )
        .filter(Exists(answered))
        .values_list("reportinground_id", "demand_id", "land_pk")  # type: ignore[misc]
    )
    return set(rows)


def _applicant_ids(resolution_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    links = Resolution.applicants.through.objects.filter(resolution_id__in=set(resolution_ids))
    applicants: dict[int, set[int]] = defaultdict(set)
    for resolution_id, land_id in links.values_list("resolution_id", "land_id"):
        applicants[resolution_id].add(land_id)
    return {key: frozenset(value) for key, value in applicants.items()}


@dataclass(frozen=True)
class Progress:
    """Answered (Land, demand) pairs out of those a round asks for."""

    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.done == self.total

    @property
    def label(self) -> str:
        return f"{self.done} von {self.total} erledigt"


def rounds_progress(rounds: Sequence[ReportingRound]) -> dict[int, Progress]:
    """Progress of each round by id, in five queries however many rounds there are."""
    round_ids = [r.pk for r in rounds]
    if not round_ids:
        return {}
    lands: dict[int, set[int]] = defaultdict(set)
    for round_id, land_id in LandLink.objects.filter(reportinground_id__in=round_ids).values_list(
        "reportinground_id", "land_id"
    ):
        lands[round_id].add(land_id)
    demand_rows = list(
        DemandLink.objects.filter(reportinground_id__in=round_ids).values_list(
            "reportinground_id",
            "demand_id",
            "demand__clause__resolution_id",
            "demand__clause__resolution__lead_id",
        )
    )
    applicants = _applicant_ids(row[2] for row in demand_rows)
    done = _done_triples(round_ids)
    counts: dict[int, list[int]] = {round_id: [0, 0] for round_id in round_ids}
    for round_id, demand_id, resolution_id, lead_id in demand_rows:
        responsible = responsible_land_ids(
            lead_id=lead_id,
            applicant_ids=applicants.get(resolution_id, ()),
            round_land_ids=lands[round_id],
        )
        counts[round_id][1] += len(responsible)
        counts[round_id][0] += sum(
            (round_id, demand_id, land_id) in done for land_id in responsible
        )
    return {round_id: Progress(done=d, total=t) for round_id, (d, t) in counts.items()}


def attach_progress(rounds: Sequence[ReportingRound]) -> None:
    """Set `progress` on each round of a list: five queries however many rounds there are."""
    progress = rounds_progress(rounds)
    for reporting_round in rounds:
        reporting_round.progress = progress[reporting_round.pk]  # type: ignore[attr-defined]


@dataclass(frozen=True)
class RoundData:
    """What a round asks of whom and what has been answered, loaded in four queries."""

    reporting_round: ReportingRound
    lands: list[Land]
    demands: list[Demand]  # with clause, resolution and conference, in the order of the minutes
    applicants: dict[int, frozenset[int]]  # resolution id -> applicant Land ids
    done: frozenset[tuple[int, int]]  # (demand id, Land id)

    def responsible(self, resolution: Resolution) -> frozenset[int]:
        return responsible_land_ids(
            lead_id=resolution.lead_id,
            applicant_ids=self.applicants.get(resolution.pk, ()),
            round_land_ids=(land.pk for land in self.lands),
        )

    def open_demands(self, land: Land) -> list[Demand]:
        """The demands this Land answers for and has not answered yet in this round."""
        return [
            demand
            for demand in self.demands
            if land.pk in self.responsible(demand.clause.resolution)
            and (demand.pk, land.pk) not in self.done
        ]


def round_data(reporting_round: ReportingRound) -> RoundData:
    demands = list(
        reporting_round.demands.select_related("clause__resolution__conference").order_by(
            "clause__resolution__sort_key",
            "clause__resolution__top",
            "clause__position",
            "position",
        )
    )
    done = {(demand_id, land_id) for _, demand_id, land_id in _done_triples([reporting_round.pk])}
    return RoundData(
        reporting_round=reporting_round,
        lands=list(reporting_round.lands.order_by("name")),
        demands=demands,
        applicants=_applicant_ids({d.clause.resolution_id for d in demands}),
        done=frozenset(done),
    )


# Matrix --------------------------------------------------------------------------------------


class CellState:
    DONE = "done"
    OPEN = "open"
    OVERDUE = "overdue"
    NONE = "none"


@dataclass(frozen=True)
class Cell:
    """One Land's answers to one resolution's demands (or to all, in the row total)."""

    state: str
    done: int
    total: int

    @property
    def label(self) -> str:
        if self.state == CellState.DONE:
            return "erledigt"
        if self.state == CellState.OPEN:
            return f"offen {self.done}/{self.total}"
        if self.state == CellState.OVERDUE:
            return f"überfällig {self.done}/{self.total}"
        return "—"

    @property
    def total_label(self) -> str:
        """The label of a row total: "offen: 1 von 4 erledigt"."""
        if self.state == CellState.DONE:
            return f"erledigt ({self.done} von {self.total})"
        if self.state == CellState.OPEN:
            return f"offen: {self.done} von {self.total} erledigt"
        if self.state == CellState.OVERDUE:
            return f"überfällig: {self.done} von {self.total} erledigt"
        return "—"


def cell_for(*, done: int, total: int, overdue: bool) -> Cell:
    if total == 0:
        return Cell(CellState.NONE, 0, 0)
    if done >= total:
        return Cell(CellState.DONE, done, total)
    return Cell(CellState.OVERDUE if overdue else CellState.OPEN, done, total)


@dataclass(frozen=True)
class MatrixRow:
    land: Land
    cells: list[Cell]
    total: Cell

    @property
    def progress(self) -> Progress:
        return Progress(done=self.total.done, total=self.total.total)


@dataclass(frozen=True)
class Column:
    resolution: Resolution
    demand_count: int  # the round's demands of this resolution
    responsible: frozenset[int]  # the Länder of the round that answer for them


@dataclass(frozen=True)
class Matrix:
    columns: list[Column]
    rows: list[MatrixRow]
    as_of: datetime.date
    overdue: bool
    progress: Progress


def round_matrix(reporting_round: ReportingRound, *, today: datetime.date | None = None) -> Matrix:
    """Land × resolution for one round (module docstring); four queries."""
    data = round_data(reporting_round)
    by_resolution: dict[int, list[Demand]] = {}
    resolutions: list[Resolution] = []
    for demand in data.demands:  # already in TOP order
        resolution = demand.clause.resolution
        if resolution.pk not in by_resolution:
            by_resolution[resolution.pk] = []
            resolutions.append(resolution)
        by_resolution[resolution.pk].append(demand)
    columns = [Column(r, len(by_resolution[r.pk]), data.responsible(r)) for r in resolutions]
    overdue = deadline_passed(reporting_round, today)
    rows = []
    for land in data.lands:
        cells = []
        for column in columns:
            answering = land.pk in column.responsible
            demands = by_resolution[column.resolution.pk] if answering else []
            done = sum((d.pk, land.pk) in data.done for d in demands)
            cells.append(cell_for(done=done, total=len(demands), overdue=overdue))
        total = cell_for(
            done=sum(c.done for c in cells), total=sum(c.total for c in cells), overdue=overdue
        )
        rows.append(MatrixRow(land=land, cells=cells, total=total))
    return Matrix(
        columns=columns,
        rows=rows,
        as_of=reference_day(reporting_round, today),
        overdue=overdue,
        progress=Progress(
            done=sum(r.total.done for r in rows), total=sum(r.total.total for r in rows)
        ),
    )


# Services ------------------------------------------------------------------------------------


def reporting_round_open(
    *,
    conference: Conference,
    title: str,
    deadline: datetime.date,
    demands: Iterable[Demand],
    lands: Iterable[Land],
    opened_by: User,
) -> ReportingRound:
    """Open a round; callers have checked that `opened_by` manages the conference (access).

    Raises ValidationError (German) when a round of the conference is still open (the database
    constraint one_open_round_per_conference decides, so two simultaneous openings cannot both
    succeed), when a demand belongs to another conference, or when demands or Länder are empty.
    """
    demands = list(demands)
    lands = list(lands)
    if not demands:
        raise ValidationError("Bitte wählen Sie mindestens eine Forderung.")
    if not lands:
        raise ValidationError("Bitte wählen Sie mindestens ein Land.")
    foreign = Demand.objects.filter(pk__in=[d.pk for d in demands]).exclude(
        clause__resolution__conference=conference
    )
    if foreign.exists():
        raise ValidationError("Eine Runde fragt nur nach Forderungen ihrer Konferenz.")
    try:
        with transaction.atomic():
            reporting_round = ReportingRound.objects.create(
                conference=conference, title=title, deadline=deadline, opened_by=opened_by
            )
            reporting_round.demands.set(demands)
            reporting_round.lands.set(lands)
    except IntegrityError as error:
        if "one_open_round_per_conference" in str(error):
            raise ValidationError(ONE_OPEN_ROUND_MESSAGE, code="round_open") from error
        raise
    logger.info(
        "Berichtsrunde %s (%s) eröffnet von %s: %d Forderungen, %d Länder, Frist %s",
        reporting_round.pk,
        conference,
        opened_by,
        len(demands),
        len(lands),
        deadline.isoformat(),
    )
    return reporting_round


def reporting_round_close(*, reporting_round: ReportingRound, closed_by: User) -> ReportingRound:
    """Close a round: its matrix keeps the state of this moment. Closing twice changes nothing
    and raises ValidationError (German). The row is locked, so two clicks cannot both close."""
    with transaction.atomic():
        locked = ReportingRound.objects.select_for_update().get(pk=reporting_round.pk)
        if locked.closed_at is not None:
            closed_on = timezone.localtime(locked.closed_at)
            raise ValidationError(
                f"Diese Berichtsrunde wurde bereits am {closed_on:%d.%m.%Y um %H:%M} Uhr "
                "geschlossen; sie bleibt unverändert.",
                code="round_closed",
            )
        locked.closed_at = timezone.now()
        locked.closed_by = closed_by
        locked.save(update_fields=["closed_at", "closed_by"])
    reporting_round.closed_at = locked.closed_at
    reporting_round.closed_by = closed_by
    logger.info("Berichtsrunde %s geschlossen von %s", reporting_round.pk, closed_by)
    return reporting_round


# Reminders -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueReminder:
    """A reminder `send_reminders` owes one official of one Land in one round."""

    reporting_round: ReportingRound
    user: User
    land: Land
    kind: str  # ReminderKind
    demands: list[Demand]  # the Land's open demands, in the order of the minutes

    @property
    def line(self) -> str:
        count = len(self.demands)
        items = "1 offene Forderung" if count == 1 else f"{count} offene Forderungen"
        kind = ReminderKind(self.kind).label
        return (
            f"Erinnerung ({kind}) an {self.user.email}: {items}, "
            f"Runde „{self.reporting_round.title}“ ({self.reporting_round.conference}), "
            f"{self.land.name}"
        )


def reminders_due(*, today: datetime.date, days_before: int) -> list[DueReminder]:
    """The reminders to send on `today`, for every open round.

    Rules (issue 3): for each Land of the round with open demands (those it answers for and has
    not answered since the round opened — the state now, even when `today` is another day), each
    active user with an official role for that Land and an e-mail address gets
    - "before" when 0 <= days until the deadline <= `days_before`, once per round, user and Land;
    - "overdue" after the deadline, at most once in any seven days, the first on the first run
      after the deadline.
    The Reminder rows already written decide what was sent; same-day duplicates are also
    refused by the database (one_reminder_per_day).
    """
    due: list[DueReminder] = []
    open_rounds = (
        ReportingRound.objects.open().select_related("conference").order_by("deadline", "pk")
    )
    for reporting_round in open_rounds:
        days_left = (reporting_round.deadline - today).days
        if days_left > days_before:
            continue
        kind = ReminderKind.BEFORE if days_left >= 0 else ReminderKind.OVERDUE
        data = round_data(reporting_round)
        open_by_land = {land.pk: data.open_demands(land) for land in data.lands}
        land_ids = [land_id for land_id, demands in open_by_land.items() if demands]
        if not land_ids:
            continue
        earlier = defaultdict(list)
        for user_id, land_id, sent_on in Reminder.objects.filter(
            round=reporting_round, kind=kind
        ).values_list("user_id", "land_id", "sent_on"):
            earlier[(user_id, land_id)].append(sent_on)
        officials = (
            Role.objects.filter(kind=RoleKind.OFFICIAL, land_id__in=land_ids, user__is_active=True)
            .exclude(user__email="")
            .select_related("user", "land")
            .order_by("land__name", "user__username")
        )
        for role in officials:
            land = role.land
            assert land is not None  # an official role always names its Land
            sent_days = earlier[(role.user_id, land.pk)]
            if kind == ReminderKind.BEFORE and sent_days:
                continue
            if kind == ReminderKind.OVERDUE and any(
                abs((today - sent_on).days) < 7 for sent_on in sent_days
            ):
                continue
            due.append(DueReminder(reporting_round, role.user, land, kind, open_by_land[land.pk]))
    return due


def reminder_message(due: DueReminder, *, today: datetime.date) -> EmailMessage:
    """The German plain-text mail: the open demands with links, and the deadline."""
    site_url = settings.SITE_URL.rstrip("/")
    reporting_round = due.reporting_round
    context = {
        "user": due.user,
        "land": due.land,
        "round": reporting_round,
        "conference": reporting_round.conference,
        "deadline": reporting_round.deadline,
        "days_left": (reporting_round.deadline - today).days,
        "days_overdue": (today - reporting_round.deadline).days,
        "items": [
            (demand, site_url + reverse("erfolgskontrolle:demand-detail", args=[demand.pk]))
            for demand in due.demands
        ],
        "tasks_url": site_url + reverse("erfolgskontrolle:task-list"),
        "round_url": site_url + reporting_round.get_absolute_url(),
    }
    body = render_to_string(f"erfolgskontrolle/mail/reminder_{due.kind}.txt", context).strip()
    # A header must not break lines (BadHeaderError); the title of an older round might.
    title = " ".join(reporting_round.title.split())
    if due.kind == ReminderKind.OVERDUE:
        subject = f"Frist abgelaufen: {title} – offene Sachstände für {due.land}"
    else:
        subject = f"Erinnerung: {title} – Frist {reporting_round.deadline:%d.%m.%Y}"
    return EmailMessage(subject=subject, body=body, to=[due.user.email])


def reminder_send(*, due: DueReminder, today: datetime.date) -> bool:
    """Record and send one reminder in one transaction; False when it was already sent today.

    The Reminder row is written first: if a second run got there first, the unique constraint
    stops this one before anything is mailed; if the mail server refuses, the row is rolled back
    and the next run tries again."""
    message = reminder_message(due, today=today)
    try:
        with transaction.atomic():
            Reminder.objects.create(
                round=due.reporting_round,
                user=due.user,
                land=due.land,
                kind=due.kind,
                sent_on=today,
                open_items=len(due.demands),
            )
            message.send()
    except IntegrityError as error:
        if "one_reminder_per_day" in str(error):
            return False
        raise
    logger.info(due.line)
    return True
