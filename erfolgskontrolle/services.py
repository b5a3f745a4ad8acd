"""Writes of the follow-up: typed, keyword-only, one transaction each, attributable.

Entries (form, bulk form, uploaded table), reporting rounds (open, close) and their mails
(announce, remind, send one). The report's writes live with the report (`report/services.py`).
"""

import datetime
import logging
import smtplib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from beschluesse.models import Conference, Demand
from erfolgskontrolle.models import (
    EvidenceLink,
    Implementation,
    ProgressEntry,
    Reminder,
    ReportingRound,
    Source,
    Stance,
)
from erfolgskontrolle.reminders import (
    DueReminder,
    SendResult,
    opening_notices,
    reminder_message,
    reminders_now,
)
from intmk.audit import audit
from intmk.models import Land, User

logger = logging.getLogger(__name__)

ONE_OPEN_ROUND_MESSAGE = "Für diese Konferenz läuft bereits eine Berichtsrunde."
ROUND_CLOSED_MESSAGE = "Die Runde ist geschlossen; es gehen keine Erinnerungen mehr hinaus."


@dataclass(frozen=True)
class Link:
    url: str
    label: str


def progress_entry_create(
    *,
    demand: Demand,
    land: Land,
    author: User,
    on_behalf: bool,
    fact_date: datetime.date,
    stance: Stance,
    implementation: Implementation,
    text: str,
    links: Sequence[Link] = (),
    corrects: ProgressEntry | None = None,
    source: str = Source.FORM,
) -> ProgressEntry:
    """Append one entry. Callers have checked the right to speak for `land` (access module).

    Nothing is overwritten: two people saving the same demand at once both get their entry."""
    with transaction.atomic():
        entry = _entry_append(
            demand=demand,
            land=land,
            author=author,
            on_behalf=on_behalf,
            fact_date=fact_date,
            stance=stance,
            implementation=implementation,
            text=text,
            links=links,
            corrects=corrects,
            source=source,
        )
        audit(
            author,
            "entry.create",
            entry=entry.pk,
            demand=demand.pk,
            land=land.code,
            source=source,
            on_behalf=on_behalf,
            corrects=corrects.pk if corrects else None,
        )
    return entry


def _entry_append(
    *,
    demand: Demand,
    land: Land,
    author: User,
    on_behalf: bool,
    fact_date: datetime.date,
    stance: Stance,
    implementation: Implementation,
    text: str,
    links: Sequence[Link],
    corrects: ProgressEntry | None,
    source: str,
) -> ProgressEntry:
    """The rows of one entry, inside the caller's transaction; the caller writes the audit line
    (one per action: a bulk form or an upload is one line, not one per entry)."""
    if corrects is not None and corrects.demand_id != demand.pk:
        raise ValueError("Ein Eintrag kann nur Einträge derselben Forderung korrigieren.")
    entry = ProgressEntry.objects.create(
        demand=demand,
        land=land,
        author=author,
        on_behalf=on_behalf,
        fact_date=fact_date,
        stance=stance,
        implementation=implementation,
        text=text,
        corrects=corrects,
        source=source,
    )
    EvidenceLink.objects.bulk_create(
        EvidenceLink(entry=entry, position=i, url=link.url, label=link.label)
        for i, link in enumerate(links)
    )
    return entry


@dataclass(frozen=True)
class EntryDraft:
    """One checked row of an uploaded table: the entry to append for `demand`."""

    demand: Demand
    fact_date: datetime.date
    stance: Stance
    implementation: Implementation
    text: str
    links: tuple[Link, ...] = ()


def progress_entries_import(
    *, drafts: Sequence[EntryDraft], land: Land, author: User, on_behalf: bool
) -> int:
    """Append the entries of an uploaded table, all or none. Callers have checked every row and
    the right to speak for `land` for each demand (access module). Returns how many were written."""
    with transaction.atomic():
        for draft in drafts:
            _entry_append(
                demand=draft.demand,
                land=land,
                author=author,
                on_behalf=on_behalf,
                fact_date=draft.fact_date,
                stance=draft.stance,
                implementation=draft.implementation,
                text=draft.text,
                links=draft.links,
                corrects=None,
                source=Source.UPLOAD,
            )
        audit(author, "entries.upload", land=land.code, entries=len(drafts), on_behalf=on_behalf)
    return len(drafts)


def progress_entries_create_bulk(
    *,
    targets: Sequence[tuple[Demand, bool]],
    land: Land,
    author: User,
    fact_date: datetime.date,
    stance: Stance,
    implementation: Implementation,
    text: str,
    links: Sequence[Link] = (),
) -> list[ProgressEntry]:
    """One entry with the same state and text for each (demand, on_behalf), all or none.

    Callers have checked the right to speak for `land` for every demand (access module)."""
    with transaction.atomic():
        entries = [
            _entry_append(
                demand=demand,
                land=land,
                author=author,
                on_behalf=on_behalf,
                fact_date=fact_date,
                stance=stance,
                implementation=implementation,
                text=text,
                links=links,
                corrects=None,
                source=Source.BULK,
            )
            for demand, on_behalf in targets
        ]
        audit(
            author,
            "entries.bulk",
            land=land.code,
            entries=len(entries),
            demands=",".join(str(entry.demand_id) for entry in entries),
        )
    return entries


# Reporting rounds ----------------------------------------------------------------------------


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

    Raises ValidationError (German) when a round of the conference is still open or has the
    same title (database constraints decide, so two simultaneous openings cannot both succeed),
    when a demand belongs to another conference, or when demands or Länder are empty. The
    opening notices are mailed by `reporting_round_announce` after this returns.
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
            audit(
                opened_by,
                "round.open",
                round=reporting_round.pk,
                conference=conference.number,
                demands=len(demands),
                lands=len(lands),
                deadline=deadline.isoformat(),
            )
    except IntegrityError as error:
        if "one_open_round_per_conference" in str(error):
            raise ValidationError(ONE_OPEN_ROUND_MESSAGE, code="round_open") from error
        if "unique_round_title_per_conference" in str(error):
            raise ValidationError(
                f"Diese Konferenz hat bereits eine Berichtsrunde „{title}“.", code="title_taken"
            ) from error
        raise
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
        audit(closed_by, "round.close", round=locked.pk)
    reporting_round.closed_at = locked.closed_at
    reporting_round.closed_by = closed_by
    return reporting_round


# Mails ---------------------------------------------------------------------------------------


def reminder_send(*, due: DueReminder, today: datetime.date) -> bool:
    """Record and send one mail in one transaction; False when it was already sent today.

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


def reminders_send(due: Iterable[DueReminder], *, today: datetime.date) -> SendResult:
    """Send each mail on its own; one the mail server refuses does not stop the others."""
    sent = failed = 0
    for item in due:
        try:
            sent += reminder_send(due=item, today=today)
        except (smtplib.SMTPException, OSError) as error:
            failed += 1
            logger.warning("Nicht gesendet – %s: %s", item.line, error)
    return SendResult(sent=sent, failed=failed)


def reporting_round_announce(
    *, reporting_round: ReportingRound, today: datetime.date
) -> SendResult:
    """Mail the opening notice of a round that has just been opened (after its transaction:
    a mail server that refuses leaves the round open and its log without those rows)."""
    result = reminders_send(opening_notices(reporting_round), today=today)
    audit(
        reporting_round.opened_by,
        "round.announce",
        round=reporting_round.pk,
        sent=result.sent,
        failed=result.failed,
    )
    return result


def reporting_round_remind(
    *, reporting_round: ReportingRound, today: datetime.date, reminded_by: User
) -> SendResult:
    """ "Erinnerung jetzt senden": remind the officials of the Länder that have not answered
    yet. Raises ValidationError (German) for a closed round."""
    if not reporting_round.is_open:
        raise ValidationError(ROUND_CLOSED_MESSAGE, code="round_closed")
    result = reminders_send(reminders_now(reporting_round, today=today), today=today)
    audit(
        reminded_by,
        "round.remind",
        round=reporting_round.pk,
        sent=result.sent,
        failed=result.failed,
    )
    return result
