"""`manage.py send_reminders`: who gets which mail when, and never twice."""

import datetime
import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from beschluesse.models import Conference, Kind
from erfolgskontrolle.models import Reminder, ReminderKind, ReportingRound
from erfolgskontrolle.services import reporting_round_close
from intmk.models import RoleKind, User
from tests.factories import (
    make_clause,
    make_demand,
    make_entry,
    make_resolution,
    make_round,
    make_user,
)

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2025, 2, 28)


def day(offset: int) -> str:
    """The day `offset` days from the deadline, as --datum takes it."""
    return (DEADLINE + datetime.timedelta(days=offset)).isoformat()


def run(*args: str) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def reporting_round(
    conference_19: Conference, secretariat: User, official_berlin: User, official_bayern: User
) -> ReportingRound:
    """Berlin leads TOP 3.3 (Ziffer 3 with three demands), Bayern TOP 3.1 (one demand)."""
    r33 = make_resolution(conference=conference_19, top="3.3", applicants=("DE-BE",), lead="DE-BE")
    clause = make_clause(resolution=r33, number="3", kind=Kind.FORDERUNG)
    demands = [
        make_demand(
            clause=clause,
            addressee="Bund",
            wording=(
                f"fordert den Bund auf, Sprachmittlung & Dolmetschen im Gesundheitswesen "
                f"zu regeln ({i})"
            ),
        )
        for i in range(1, 4)
    ]
    r31 = make_resolution(
        conference=conference_19,
        top="3.1",
        title="Sprachkurse",
        applicants=("DE-BY",),
        lead="DE-BY",
    )
    demands.append(
        make_demand(
            clause=make_clause(resolution=r31, number="2", kind=Kind.PRUEFBITTE),
            addressee="BAMF",
            wording="bittet das BAMF zu prüfen",
        )
    )
    return make_round(
        conference=conference_19,
        opened_by=secretariat,
        demands=demands,
        land_codes=("DE-BE", "DE-BY"),
        deadline=DEADLINE,
    )


def berlin_demands(reporting_round: ReportingRound):  # type: ignore[no-untyped-def]
    return list(reporting_round.demands.filter(clause__resolution__top="3.3").order_by("position"))


# Before the deadline ---------------------------------------------------------------------------


def test_it_mails_each_official_their_open_items_before_the_deadline(
    reporting_round: ReportingRound, settings
):  # type: ignore[no-untyped-def]
    settings.SITE_URL = "https://intmk.example.de/"

    out = run("--datum", day(-7))

    assert recipients() == ["bayern@example.org", "berlin@example.org"]
    berlin = next(m for m in mail.outbox if m.to == ["berlin@example.org"])
    assert "28.02.2025" in berlin.subject
    assert "Erfolgskontrolle 2025" in berlin.subject
    assert "bis zum 28.02.2025 (in 7 Tagen)" in berlin.body
    assert "Für Berlin sind noch 3 Forderungen offen" in berlin.body
    assert "19. IntMK, TOP 3.3, Ziffer 3: Forderung an Bund" in berlin.body
    assert (
        "„fordert den Bund auf, Sprachmittlung & Dolmetschen im Gesundheitswesen zu regeln (1)“"
        in berlin.body
    )
    for demand in berlin_demands(reporting_round):
        assert f"https://intmk.example.de/forderungen/{demand.pk}/" in berlin.body
    assert "TOP 3.1" not in berlin.body  # Bayern's
    assert "Guten Tag Bea Berlin," in berlin.body
    assert "&amp;" not in berlin.body  # plain text, not HTML-escaped
    assert (
        "Erinnerung (vor Fristablauf) an berlin@example.org: 3 offene Forderungen, "
        "Runde „Erfolgskontrolle 2025“ (19. IntMK 2024), Berlin" in out
    )
    assert "2 Erinnerungen versendet am 21.02.2025." in out
    reminder = Reminder.objects.get(user__username="berlin")
    assert (
        reminder.kind == ReminderKind.BEFORE
        and reminder.sent_on == DEADLINE - datetime.timedelta(7)
    )
    assert reminder.open_items == 3 and reminder.land.code == "DE-BE"


def test_it_sends_nothing_earlier_than_the_setting_says(reporting_round: ReportingRound, settings):  # type: ignore[no-untyped-def]
    run("--datum", day(-8))
    assert mail.outbox == []

    settings.REMINDER_DAYS_BEFORE = 14
    run("--datum", day(-8))
    assert len(mail.outbox) == 2


def test_the_deadline_day_still_gets_the_before_reminder(reporting_round: ReportingRound):
    run("--datum", day(0))

    assert {m.body.count("(heute)") for m in mail.outbox} == {1}
    assert set(Reminder.objects.values_list("kind", flat=True)) == {ReminderKind.BEFORE}


def test_the_before_reminder_goes_out_once_per_round_user_and_land(
    reporting_round: ReportingRound,
):
    run("--datum", day(-6))
    run("--datum", day(-3))
    run("--datum", day(0))

    assert recipients() == ["bayern@example.org", "berlin@example.org"]


def test_running_twice_the_same_day_sends_once(reporting_round: ReportingRound):
    run("--datum", day(-2))
    out = run("--datum", day(-2))

    assert len(mail.outbox) == 2
    assert Reminder.objects.count() == 2
    assert "0 Erinnerungen versendet" in out


# After the deadline ----------------------------------------------------------------------------


def test_it_mails_overdue_reminders_on_the_first_run_after_the_deadline(
    reporting_round: ReportingRound,
):
    run("--datum", day(-7))
    mail.outbox.clear()

    out = run("--datum", day(3))

    assert recipients() == ["bayern@example.org", "berlin@example.org"]
    berlin = next(m for m in mail.outbox if m.to == ["berlin@example.org"])
    assert "Frist abgelaufen" in berlin.subject
    assert "am 28.02.2025 abgelaufen (seit 3 Tagen)" in berlin.body
    assert "Für Berlin sind noch 3 Forderungen ohne Sachstand" in berlin.body
    assert (
        "Erinnerung (überfällig) an berlin@example.org: 3 offene Forderungen, "
        "Runde „Erfolgskontrolle 2025“" in out
    )
    assert Reminder.objects.filter(kind=ReminderKind.OVERDUE).count() == 2


@pytest.mark.parametrize("offset", [-7, 3])  # before and after the deadline
def test_a_title_with_a_line_break_gives_a_one_line_subject(
    reporting_round: ReportingRound, offset: int
):
    # Rounds opened before the form refused line breaks may still have one.
    ReportingRound.objects.filter(pk=reporting_round.pk).update(
        title="Erfolgskontrolle\r\n  2025\n"
    )

    out = run("--datum", day(offset))

    assert "2 Erinnerungen versendet" in out
    for message in mail.outbox:
        assert "Erfolgskontrolle 2025 – " in message.subject
        assert "\n" not in message.subject and "\r" not in message.subject


def test_overdue_reminders_repeat_after_seven_days(reporting_round: ReportingRound):
    sent_per_day = {}
    for offset in (1, 2, 7, 8, 14, 15):
        mail.outbox.clear()
        run("--datum", day(offset))
        sent_per_day[offset] = len(mail.outbox)

    assert sent_per_day == {1: 2, 2: 0, 7: 0, 8: 2, 14: 0, 15: 2}


def test_it_mails_nothing_once_a_land_answered_everything(
    reporting_round: ReportingRound, official_berlin: User, secretariat: User
):
    demands = berlin_demands(reporting_round)
    make_entry(demand=demands[0], author=official_berlin, land_code="DE-BE")
    make_entry(demand=demands[1], author=official_berlin, land_code="DE-BE")
    # recorded on behalf of Berlin by the secretariat counts as well
    make_entry(demand=demands[2], author=secretariat, land_code="DE-BE", on_behalf=True)

    run("--datum", day(1))

    assert recipients() == ["bayern@example.org"]


def test_it_lists_only_what_is_still_open(reporting_round: ReportingRound, official_berlin: User):
    demands = berlin_demands(reporting_round)
    make_entry(demand=demands[0], author=official_berlin, land_code="DE-BE")

    out = run("--datum", day(1))

    berlin = next(m for m in mail.outbox if m.to == ["berlin@example.org"])
    assert f"/forderungen/{demands[0].pk}/" not in berlin.body
    assert f"/forderungen/{demands[1].pk}/" in berlin.body
    assert "an berlin@example.org: 2 offene Forderungen" in out
    assert "an bayern@example.org: 1 offene Forderung," in out


def test_a_contribution_of_another_land_does_not_answer_for_the_lead(
    reporting_round: ReportingRound, official_bayern: User
):
    for demand in berlin_demands(reporting_round):
        make_entry(demand=demand, author=official_bayern, land_code="DE-BY")

    run("--datum", day(1))

    assert "berlin@example.org" in recipients()


def test_entries_from_before_the_round_do_not_count(
    conference_19: Conference, secretariat: User, official_berlin: User
):
    resolution = make_resolution(conference=conference_19, top="3.3", lead="DE-BE")
    demand = make_demand(clause=make_clause(resolution=resolution, number="3", kind=Kind.FORDERUNG))
    make_entry(demand=demand, author=official_berlin, land_code="DE-BE")
    make_round(conference=conference_19, opened_by=secretariat, demands=[demand], deadline=DEADLINE)

    run("--datum", day(1))

    assert recipients() == ["berlin@example.org"]


# Who gets mail ---------------------------------------------------------------------------------


def test_it_skips_inactive_users_and_users_without_email(
    reporting_round: ReportingRound, official_berlin: User
):
    official_berlin.is_active = False
    official_berlin.save()
    make_user(username="berlin2", email="", roles=[(RoleKind.OFFICIAL, "DE-BE", None)])
    make_user(username="berlin3", roles=[(RoleKind.OFFICIAL, "DE-BE", None)])

    run("--datum", day(1))

    assert recipients() == ["bayern@example.org", "berlin3@example.org"]


def test_it_mails_officials_only_not_readers_admins_or_the_secretariat(
    reporting_round: ReportingRound, reader: User, admin_user: User
):
    run("--datum", day(1))

    assert recipients() == ["bayern@example.org", "berlin@example.org"]


def test_closed_rounds_send_nothing(reporting_round: ReportingRound, secretariat: User):
    reporting_round_close(reporting_round=reporting_round, closed_by=secretariat)

    out = run("--datum", day(1))

    assert mail.outbox == []
    assert "0 Erinnerungen versendet" in out


def test_lands_not_in_the_round_get_nothing(
    conference_19: Conference, secretariat: User, official_berlin: User, official_bayern: User
):
    resolution = make_resolution(conference=conference_19, top="3.3", lead="DE-BE")
    demand = make_demand(clause=make_clause(resolution=resolution, number="3", kind=Kind.FORDERUNG))
    make_round(
        conference=conference_19,
        opened_by=secretariat,
        demands=[demand],
        land_codes=("DE-BY",),  # Bayern is asked, but does not answer for a Berlin-led TOP
        deadline=DEADLINE,
    )

    run("--datum", day(1))

    assert mail.outbox == []


# Options and failures --------------------------------------------------------------------------


def test_dry_run_shows_what_would_be_sent_and_sends_nothing(reporting_round: ReportingRound):
    out = run("--datum", day(1), "--dry-run")

    assert mail.outbox == []
    assert not Reminder.objects.exists()
    assert "Probelauf – Erinnerung (überfällig) an berlin@example.org: 3 offene Forderungen" in out
    assert "2 Erinnerungen fällig" in out


def test_it_refuses_a_malformed_date(reporting_round: ReportingRound):
    with pytest.raises(CommandError, match="kein Datum"):
        run("--datum", "28.02.2025")


def test_a_refused_mail_leaves_no_reminder_row_and_is_retried(
    reporting_round: ReportingRound, monkeypatch
):  # type: ignore[no-untyped-def]
    def refuse(self, fail_silently=False):  # type: ignore[no-untyped-def]
        raise smtplib.SMTPRecipientsRefused({self.to[0]: (550, b"unbekannt")})

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(CommandError, match="2 Erinnerungen konnten nicht versendet werden"):
        run("--datum", day(1))
    assert not Reminder.objects.exists()

    monkeypatch.undo()
    run("--datum", day(1))
    assert len(mail.outbox) == 2
