"""Rounds that run themselves: the opening notice and "Erinnerung jetzt senden", through HTTP,
and how they share the log with the daily `send_reminders`."""

import datetime
import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from beschluesse.models import Conference, Demand, Kind
from erfolgskontrolle import services
from erfolgskontrolle.models import Reminder, ReminderKind, ReportingRound
from intmk.models import RoleKind, User
from tests.conftest import client_for
from tests.factories import (
    land,
    make_clause,
    make_demand,
    make_entry,
    make_resolution,
    make_round,
    make_user,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NEXT_MONTH = TODAY + datetime.timedelta(days=30)


class World:
    """TOP 3.3 led by Berlin with Bayern as co-applicant (two demands "Forderung an Bund" in
    Ziffer 3), TOP 3.1 led by Bayern, TOP 1.1 without lead, applied for by Bremen."""

    def __init__(self, conference: Conference) -> None:
        r33 = make_resolution(
            conference=conference, top="3.3", applicants=("DE-BE", "DE-BY"), lead="DE-BE"
        )
        clause = make_clause(resolution=r33, number="3", kind=Kind.FORDERUNG)
        self.d33 = [
            make_demand(clause=clause, wording="fordert den Bund auf, Dolmetschen zu regeln"),
            make_demand(clause=clause, wording="fordert den Bund auf, Sprachkurse zu finanzieren"),
        ]
        r31 = make_resolution(conference=conference, top="3.1", applicants=("DE-BY",), lead="DE-BY")
        self.d31 = make_demand(
            clause=make_clause(resolution=r31, number="1", kind=Kind.PRUEFBITTE),
            addressee="BAMF",
            kind=Kind.PRUEFBITTE,
            wording="bittet das BAMF zu prüfen",
        )
        r11 = make_resolution(conference=conference, top="1.1", applicants=("DE-HB",), lead=None)
        self.d11 = make_demand(
            clause=make_clause(resolution=r11, number="1", kind=Kind.BITTE),
            wording="bittet den Bund, zu berichten",
        )

    @property
    def demands(self) -> list[Demand]:
        return [*self.d33, self.d31, self.d11]


@pytest.fixture
def world(conference_19: Conference) -> World:
    return World(conference_19)


@pytest.fixture
def official_bremen(db) -> User:  # type: ignore[no-untyped-def]
    return make_user(username="bremen", roles=[(RoleKind.OFFICIAL, "DE-HB", None)])


@pytest.fixture
def other_secretariat(db) -> User:  # type: ignore[no-untyped-def]
    return make_user(username="hessen2023", roles=[(RoleKind.SECRETARIAT, "DE-HE", 2023)])


def open_round(client: Client, demands: list[Demand], codes: list[str]):  # type: ignore[no-untyped-def]
    return client.post(
        "/runden/neu/19/",
        {
            "title": "Erfolgskontrolle 2025",
            "deadline": NEXT_MONTH.isoformat(),
            "demands": [d.pk for d in demands],
            "lands": [land(code).pk for code in codes],
        },
    )


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def mail_to(address: str) -> mail.EmailMessage:
    return next(m for m in mail.outbox if m.to == [address])


def text_after_redirect(client: Client, response) -> str:  # type: ignore[no-untyped-def]
    return client.get(response["Location"]).content.decode()


# Opening ---------------------------------------------------------------------------------------


def test_opening_mails_each_official_concerned_their_demands_and_the_deadline(
    world: World,
    secretariat: User,
    official_berlin: User,
    official_bayern: User,
    official_bremen: User,
    settings,
):  # type: ignore[no-untyped-def]
    settings.SITE_URL = "https://intmk.example.de"
    client = client_for(secretariat)

    response = open_round(client, world.demands, ["DE-BE", "DE-BY"])

    assert response.status_code == 303
    # Bremen applies for TOP 1.1 but is not asked by this round
    assert recipients() == ["bayern@example.org", "berlin@example.org"]
    berlin = mail_to("berlin@example.org")
    assert berlin.subject == (
        f"Neue Berichtsrunde: Erfolgskontrolle 2025 – Frist {NEXT_MONTH:%d.%m.%Y}"
    )
    assert "hat die Berichtsrunde „Erfolgskontrolle 2025“ eröffnet" in berlin.body
    assert f"bis zum {NEXT_MONTH:%d.%m.%Y} einen Sachstand zu diesen 2 Forderungen" in berlin.body
    assert "„fordert den Bund auf, Dolmetschen zu regeln“" in berlin.body
    assert "„fordert den Bund auf, Sprachkurse zu finanzieren“" in berlin.body
    for demand in world.d33:
        assert f"https://intmk.example.de/forderungen/{demand.pk}/" in berlin.body
    # Bayern co-applies for TOP 3.3: not its to answer, so not in its mail
    bayern = mail_to("bayern@example.org")
    assert "TOP 3.1, Ziffer 1: Prüfbitte an BAMF" in bayern.body
    assert "TOP 3.3" not in bayern.body and "zu dieser Forderung" in bayern.body
    reporting_round = ReportingRound.objects.get()
    log = Reminder.objects.filter(round=reporting_round)
    assert set(log.values_list("user__username", "kind", "sent_on", "open_items")) == {
        ("berlin", ReminderKind.OPENED, TODAY, 2),
        ("bayern", ReminderKind.OPENED, TODAY, 1),
    }
    assert "2 E-Mails an die Landesbeauftragten versendet." in text_after_redirect(client, response)


def test_opening_mails_no_co_applicant_inactive_official_or_official_without_address(
    world: World, secretariat: User, official_berlin: User, official_bayern: User
):
    make_user(username="alt", roles=[(RoleKind.OFFICIAL, "DE-BE", None)], email="")
    gone = make_user(username="weg", roles=[(RoleKind.OFFICIAL, "DE-BE", None)])
    gone.is_active = False
    gone.save()

    open_round(client_for(secretariat), world.d33, ["DE-BE", "DE-BY"])

    assert recipients() == ["berlin@example.org"]


def test_a_refused_mail_leaves_the_round_open_and_says_so(
    world: World, secretariat: User, official_berlin: User, monkeypatch
):  # type: ignore[no-untyped-def]
    def refuse(self, fail_silently=False):  # type: ignore[no-untyped-def]
        raise smtplib.SMTPServerDisconnected("weg")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    client = client_for(secretariat)

    response = open_round(client, world.d33, ["DE-BE"])

    assert response.status_code == 303
    assert ReportingRound.objects.get().is_open
    assert not Reminder.objects.exists()  # nothing logged that did not go out
    page = text_after_redirect(client, response)
    assert "0 E-Mails an die Landesbeauftragten versendet. 1 E-Mail konnte nicht versendet" in page


# Reminding now ---------------------------------------------------------------------------------


def remind(client: Client, reporting_round: ReportingRound):  # type: ignore[no-untyped-def]
    return client.post(f"/runden/{reporting_round.pk}/erinnern/")


@pytest.fixture
def running(
    world: World, secretariat: User, official_berlin: User, official_bayern: User
) -> ReportingRound:
    return make_round(
        conference=world.d31.clause.resolution.conference,
        opened_by=secretariat,
        demands=world.demands,
        land_codes=("DE-BE", "DE-BY"),
        deadline=NEXT_MONTH,
    )


def test_the_secretariat_reminds_the_officials_of_lands_with_open_demands_now(
    world: World, running: ReportingRound, secretariat: User, official_berlin: User
):
    for demand in world.d33:
        make_entry(demand=demand, author=official_berlin, land_code="DE-BE")
    client = client_for(secretariat)

    response = remind(client, running)

    assert response.status_code == 303
    assert response["Location"] == running.get_absolute_url()
    assert recipients() == ["bayern@example.org"]  # Berlin has answered everything
    bayern = mail_to("bayern@example.org")
    assert bayern.subject == f"Erinnerung: Erfolgskontrolle 2025 – Frist {NEXT_MONTH:%d.%m.%Y}"
    assert "Für Bayern ist noch 1 Forderung offen" in bayern.body
    reminder = Reminder.objects.get()
    assert (reminder.kind, reminder.sent_on, reminder.land.code) == (
        ReminderKind.MANUAL,
        TODAY,
        "DE-BY",
    )
    assert "1 Erinnerung versendet." in text_after_redirect(client, response)


def test_reminding_twice_a_day_sends_nothing_the_second_time(
    running: ReportingRound, secretariat: User
):
    client = client_for(secretariat)
    first = remind(client, running)
    assert "2 Erinnerungen versendet." in text_after_redirect(client, first)

    second = remind(client, running)

    assert len(mail.outbox) == 2 and Reminder.objects.count() == 2
    assert "Keine Erinnerung versendet" in text_after_redirect(client, second)


def test_an_official_mailed_at_opening_is_not_reminded_the_same_day(
    world: World, secretariat: User, official_berlin: User, official_bayern: User
):
    client = client_for(secretariat)
    open_round(client, world.demands, ["DE-BE", "DE-BY"])
    mail.outbox.clear()

    remind(client, ReportingRound.objects.get())

    assert mail.outbox == []


def test_the_daily_run_skips_who_was_reminded_today_and_reminds_later(
    running: ReportingRound, secretariat: User
):
    remind(client_for(secretariat), running)
    mail.outbox.clear()
    deadline_in_a_week = TODAY + datetime.timedelta(days=7)
    ReportingRound.objects.filter(pk=running.pk).update(deadline=deadline_in_a_week)

    def run(day: datetime.date) -> None:
        call_command("send_reminders", "--datum", day.isoformat(), stdout=StringIO())

    run(TODAY)
    assert mail.outbox == []  # one mail about a round a day is enough
    run(TODAY + datetime.timedelta(days=1))
    assert recipients() == ["bayern@example.org", "berlin@example.org"]


def test_reminders_after_the_deadline_say_it_has_passed(running: ReportingRound, secretariat: User):
    ReportingRound.objects.filter(pk=running.pk).update(deadline=TODAY - datetime.timedelta(3))

    remind(client_for(secretariat), running)

    berlin = mail_to("berlin@example.org")
    assert berlin.subject.startswith("Frist abgelaufen: Erfolgskontrolle 2025")
    assert "(seit 3 Tagen)" in berlin.body


def test_an_admin_reminds_too(running: ReportingRound, admin_user: User):
    assert remind(client_for(admin_user), running).status_code == 303
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    "persona", ["official_berlin", "official_bayern", "reader", "no_role", "other_secretariat"]
)
def test_it_refuses_reminding_to_everyone_but_the_secretariat_and_admins(
    running: ReportingRound, persona: str, request
):  # type: ignore[no-untyped-def]
    response = remind(client_for(request.getfixturevalue(persona)), running)

    assert response.status_code == 403
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_it_sends_anonymous_reminders_to_the_login(running: ReportingRound, anonymous: Client):
    response = remind(anonymous, running)

    assert response.status_code == 302
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_a_closed_round_sends_no_reminder(running: ReportingRound, secretariat: User):
    services.reporting_round_close(reporting_round=running, closed_by=secretariat)

    response = remind(client_for(secretariat), running)

    assert response.status_code == 409
    assert "Die Runde ist geschlossen" in response.content.decode()
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_reminding_is_post_only_and_needs_a_known_round(running: ReportingRound, secretariat: User):
    client = client_for(secretariat)

    assert client.get(f"/runden/{running.pk}/erinnern/").status_code == 405
    assert client.post("/runden/999999/erinnern/").status_code == 404
    assert mail.outbox == []


def test_the_round_page_offers_reminding_only_to_who_manages_it(
    running: ReportingRound, secretariat: User, official_berlin: User, reader: User
):
    form = f'action="/runden/{running.pk}/erinnern/"'

    assert form in client_for(secretariat).get(running.get_absolute_url()).content.decode()
    for user in (official_berlin, reader):
        html = client_for(user).get(running.get_absolute_url()).content.decode()
        assert form not in html and "Erinnerung jetzt senden" not in html
