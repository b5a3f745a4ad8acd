"""Mails about reporting rounds: the notice when a round opens, the daily reminders of
`send_reminders`, and the reminder the secretariat sends from the round page: who is owed
which mail, and its text. Sending (and its log row): `services.py`.

Who gets one: each active user with an official role for a Land that must answer something in
the round (`erfolgskontrolle/duties.py`) and an e-mail address, one mail per round, user and
Land, listing that Land's demands.

- "opened": when the round opens, all the demands the Land must answer, and the deadline.
- "before" (daily run): when 0 <= days until the deadline <= `days_before`, once per round, user
  and Land, if the Land still has open demands (those it has not answered since the round
  opened).
- "overdue" (daily run): after the deadline, at most once in any seven days.
- "manual" ("Erinnerung jetzt senden"): the open demands, at most once a day.

Nobody gets two mails about one round on one day: the daily run skips whoever was mailed that
day, by the opening notice or by the secretariat. Every mail writes a `Reminder` row in the same
transaction; the unique constraint (round, user, Land, kind, day) refuses a second one, so a run
repeated on the same day, or a double click, sends nothing twice, and the rows are the log.
"""

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse

from beschluesse.models import Demand
from erfolgskontrolle.models import Reminder, ReminderKind, ReportingRound
from erfolgskontrolle.rounds import RoundData, round_data
from intmk.models import Land, Role, RoleKind, User

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DueReminder:
    """A mail owed to one official of one Land about one round."""

    reporting_round: ReportingRound
    user: User
    land: Land
    kind: str  # ReminderKind
    demands: list[Demand]  # the Land's demands (open ones, for reminders), in minutes order

    @property
    def line(self) -> str:
        count = len(self.demands)
        if self.kind == ReminderKind.OPENED:
            items = "1 Forderung" if count == 1 else f"{count} Forderungen"
            what = "Eröffnung"
        else:
            items = "1 offene Forderung" if count == 1 else f"{count} offene Forderungen"
            what = f"Erinnerung ({ReminderKind(self.kind).label})"
        return (
            f"{what} an {self.user.email}: {items}, "
            f"Runde „{self.reporting_round.title}“ ({self.reporting_round.conference}), "
            f"{self.land.name}"
        )


@dataclass(frozen=True)
class SendResult:
    sent: int
    failed: int

    @property
    def message(self) -> str:
        """What the secretariat reads after sending: "3 Erinnerungen versendet."."""
        sent = "1 Erinnerung versendet" if self.sent == 1 else f"{self.sent} Erinnerungen versendet"
        if not self.failed:
            return f"{sent}."
        failed = "1 Erinnerung konnte" if self.failed == 1 else f"{self.failed} konnten"
        return f"{sent}; {failed} nicht versendet werden (Mailserver). Bitte später erneut senden."


def _officials(land_ids: Iterable[int]) -> QuerySet[Role]:
    return (
        Role.objects.filter(
            kind=RoleKind.OFFICIAL, land_id__in=list(land_ids), user__is_active=True
        )
        .exclude(user__email="")
        .select_related("user", "land")
        .order_by("land__name", "user__username")
    )


def _mailed_on(reporting_round: ReportingRound, day: datetime.date) -> set[tuple[int, int]]:
    """(user id, Land id) that got any mail about the round on that day."""
    rows = Reminder.objects.filter(round=reporting_round, sent_on=day)
    return set(rows.values_list("user_id", "land_id"))


def _to_officials(
    data: RoundData, kind: str, demands_by_land: dict[int, list[Demand]], skip: set[tuple[int, int]]
) -> list[DueReminder]:
    land_ids = [land_id for land_id, demands in demands_by_land.items() if demands]
    due = []
    for role in _officials(land_ids):
        land = role.land
        assert land is not None  # an official role always names its Land
        if (role.user_id, land.pk) in skip:
            continue
        demands = demands_by_land[land.pk]
        due.append(DueReminder(data.reporting_round, role.user, land, kind, demands))
    return due


def opening_notices(reporting_round: ReportingRound) -> list[DueReminder]:
    """The mails a round owes when it opens: every official of a Land that must answer."""
    data = round_data(reporting_round)
    by_land = {land.pk: data.demands_of(land) for land in data.lands}
    return _to_officials(data, ReminderKind.OPENED, by_land, skip=set())


def reminders_now(reporting_round: ReportingRound, *, today: datetime.date) -> list[DueReminder]:
    """The reminders "Erinnerung jetzt senden" owes: officials of Länder with open demands who
    got no mail about the round today."""
    data = round_data(reporting_round)
    by_land = {land.pk: data.open_demands(land) for land in data.lands}
    return _to_officials(data, ReminderKind.MANUAL, by_land, _mailed_on(reporting_round, today))


def reminders_due(*, today: datetime.date, days_before: int) -> list[DueReminder]:
    """The reminders the daily run sends on `today`, for every open round (module docstring).
    Open demands are the state now, even when `today` is another day."""
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
        by_land = {land.pk: data.open_demands(land) for land in data.lands}
        if not any(by_land.values()):
            continue
        earlier = defaultdict(list)
        for user_id, land_id, sent_on in Reminder.objects.filter(
            round=reporting_round, kind=kind
        ).values_list("user_id", "land_id", "sent_on"):
            earlier[(user_id, land_id)].append(sent_on)
        skip = _mailed_on(reporting_round, today)
        for key, sent_days in earlier.items():
            if kind == ReminderKind.BEFORE or any(
                abs((today - sent_on).days) < 7 for sent_on in sent_days
            ):
                skip.add(key)
        due.extend(_to_officials(data, kind, by_land, skip))
    return due


def _template(due: DueReminder, days_left: int) -> str:
    if due.kind == ReminderKind.OPENED:
        return "erfolgskontrolle/mail/round_opened.txt"
    if due.kind == ReminderKind.OVERDUE or (due.kind == ReminderKind.MANUAL and days_left < 0):
        return "erfolgskontrolle/mail/reminder_overdue.txt"
    return "erfolgskontrolle/mail/reminder_before.txt"


def reminder_message(due: DueReminder, *, today: datetime.date) -> EmailMessage:
    """The German plain-text mail: the demands with links, and the deadline."""
    site_url = settings.SITE_URL.rstrip("/")
    reporting_round = due.reporting_round
    days_left = (reporting_round.deadline - today).days
    context = {
        "user": due.user,
        "land": due.land,
        "round": reporting_round,
        "conference": reporting_round.conference,
        "deadline": reporting_round.deadline,
        "days_left": days_left,
        "days_overdue": -days_left,
        "items": [
            (demand, site_url + reverse("erfolgskontrolle:demand-detail", args=[demand.pk]))
            for demand in due.demands
        ],
        "tasks_url": site_url + reverse("erfolgskontrolle:task-list"),
        "round_url": site_url + reporting_round.get_absolute_url(),
    }
    body = render_to_string(_template(due, days_left), context).strip()
    # A header must not break lines (BadHeaderError); the title of an older round might.
    title = " ".join(reporting_round.title.split())
    if due.kind == ReminderKind.OPENED:
        subject = f"Neue Berichtsrunde: {title} – Frist {reporting_round.deadline:%d.%m.%Y}"
    elif days_left < 0:
        subject = f"Frist abgelaufen: {title} – offene Sachstände für {due.land}"
    else:
        subject = f"Erinnerung: {title} – Frist {reporting_round.deadline:%d.%m.%Y}"
    return EmailMessage(subject=subject, body=body, to=[due.user.email])
