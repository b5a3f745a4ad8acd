"""Who did what, one line each on `intmk.audit`: logins, imports, entries (form, bulk, table),
rounds and their mails, editions. Written on commit, so a rolled-back write leaves no line."""

import datetime
import io
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from erfolgskontrolle import services
from erfolgskontrolle.models import Implementation, ProgressEntry, ReportingRound, Stance
from intmk.models import User
from tests.browser.support import SEED
from tests.conftest import client_for
from tests.erfolgskontrolle.report_world import ReportWorld, make_report_world
from tests.erfolgskontrolle.test_exchange import export_csv, fill, row_for, write_csv
from tests.factories import land

pytestmark = pytest.mark.django_db

PASSWORD = "richtig-langes-passwort-2024"  # make_user's default
Commit = Callable[[], AbstractContextManager[Any]]


@pytest.fixture
def audit_lines(caplog: pytest.LogCaptureFixture) -> Callable[[], list[str]]:
    caplog.set_level(logging.INFO, logger="intmk.audit")
    return lambda: [r.getMessage() for r in caplog.records if r.name == "intmk.audit"]


@pytest.fixture
def commit(django_capture_on_commit_callbacks) -> Commit:  # type: ignore[no-untyped-def]
    """The test's transaction never commits; at the end of this block runs what a commit would
    run (and nothing that a rolled-back savepoint dropped)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def world(official_berlin: User, official_bayern: User) -> ReportWorld:
    return make_report_world(berlin=official_berlin, bayern=official_bayern)


def entry_data(**extra: object) -> dict[str, object]:
    return {
        "land": "DE-BE",
        "fact_date": "2024-11-01",
        "stance": str(Stance.objects.get(name="zugestimmt").pk),
        "implementation": str(Implementation.objects.get(name="umgesetzt").pk),
        "text": "Mit dem Haushaltsgesetz 2025 umgesetzt.",
        **extra,
    }


# Logins -------------------------------------------------------------------------------------


def test_a_login_logs_the_user_and_address(
    official_berlin: User, audit_lines: Callable[[], list[str]], commit: Commit
) -> None:
    with commit():
        response = Client().post("/konto/anmelden/", {"username": "berlin", "password": PASSWORD})

    assert response.status_code == 302
    assert audit_lines() == ["user=berlin action=login ip=127.0.0.1"]


def test_a_failed_login_logs_the_name_tried(
    official_berlin: User, audit_lines: Callable[[], list[str]], commit: Commit
) -> None:
    with commit():
        Client().post("/konto/anmelden/", {"username": "berlin", "password": "falsch"})

    assert audit_lines() == ["user=berlin action=login.failed ip=127.0.0.1"]


def test_a_username_with_a_line_break_stays_on_one_line(
    audit_lines: Callable[[], list[str]], commit: Commit
) -> None:
    with commit():
        Client().post("/konto/anmelden/", {"username": "x\nuser=admin", "password": "x"})

    assert audit_lines() == ['user="x\\nuser=admin" action=login.failed ip=127.0.0.1']


def test_a_logout_logs_the_user(
    official_berlin: User, audit_lines: Callable[[], list[str]], commit: Commit
) -> None:
    client = client_for(official_berlin)

    with commit():
        client.post("/konto/abmelden/")

    assert audit_lines() == ["user=berlin action=logout ip=127.0.0.1"]


# Entries ------------------------------------------------------------------------------------


def test_an_entry_saved_in_the_form_is_one_line(
    world: ReportWorld,
    official_berlin: User,
    audit_lines: Callable[[], list[str]],
    commit: Commit,
) -> None:
    client = client_for(official_berlin)

    with commit():
        response = client.post(
            f"/forderungen/{world.to_laender.pk}/sachstand/", entry_data(gesehen="")
        )

    assert response.status_code == 303
    entry = ProgressEntry.objects.get(demand=world.to_laender)
    assert audit_lines() == [
        f"user=berlin action=entry.create entry={entry.pk} demand={world.to_laender.pk} "
        "land=DE-BE source=form on_behalf=false corrects=-"
    ]


def test_the_bulk_form_is_one_line_for_all_its_entries(
    world: ReportWorld,
    official_berlin: User,
    audit_lines: Callable[[], list[str]],
    commit: Commit,
) -> None:
    demands = [world.to_bund, world.to_laender]
    data = entry_data(forderungen=[str(d.pk) for d in demands])
    client = client_for(official_berlin)

    with commit():
        response = client.post("/aufgaben/sammelerfassung/", data)

    assert response.status_code == 303
    assert audit_lines() == [
        "user=berlin action=entries.bulk land=DE-BE entries=2 "
        f"demands={world.to_bund.pk},{world.to_laender.pk}"
    ]


def test_a_rolled_back_bulk_form_logs_nothing(
    world: ReportWorld,
    official_berlin: User,
    audit_lines: Callable[[], list[str]],
    commit: Commit,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_append = services._entry_append
    calls = []

    def fail_on_second(**kwargs):  # type: ignore[no-untyped-def]
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("Datenbank weg")
        return real_append(**kwargs)

    monkeypatch.setattr(services, "_entry_append", fail_on_second)
    data = entry_data(forderungen=[str(world.to_bund.pk), str(world.to_laender.pk)])
    client = client_for(official_berlin)

    with commit(), pytest.raises(RuntimeError):
        client.post("/aufgaben/sammelerfassung/", data)

    assert len(calls) == 2
    assert audit_lines() == []


def test_an_uploaded_table_is_one_line(
    world: ReportWorld,
    official_berlin: User,
    audit_lines: Callable[[], list[str]],
    commit: Commit,
) -> None:
    client = client_for(official_berlin)
    rows = export_csv(client)
    fill(
        row_for(rows, world.to_laender),
        date="15.10.2024",
        stance="zugestimmt",
        implementation="umgesetzt",
        text="Gesetz verkündet.",
    )
    table = SimpleUploadedFile("tabelle.csv", write_csv(rows))

    with commit():
        response = client.post("/tabelle/DE-BE/hochladen/", {"file": table})

    assert response.status_code == 303
    assert audit_lines() == [
        "user=berlin action=entries.upload land=DE-BE entries=1 on_behalf=false"
    ]


# Rounds, mails, editions, imports -----------------------------------------------------------


def test_opening_reminding_and_closing_a_round_are_a_line_each(
    world: ReportWorld,
    secretariat: User,
    audit_lines: Callable[[], list[str]],
    commit: Commit,
) -> None:
    client = client_for(secretariat)
    deadline = timezone.localdate() + datetime.timedelta(days=30)

    with commit():
        client.post(
            "/runden/neu/19/",
            {
                "title": "Erfolgskontrolle 2025",
                "deadline": deadline.isoformat(),
                "demands": [world.to_bund.pk],
                "lands": [land("DE-BE").pk],
            },
        )
    reporting_round = ReportingRound.objects.get()
    with commit():
        client.post(f"/runden/{reporting_round.pk}/erinnern/")
        client.post(f"/runden/{reporting_round.pk}/schliessen/")

    number = reporting_round.pk
    assert audit_lines() == [
        f"user=sekretariat action=round.open round={number} conference=19 demands=1 lands=1 "
        f"deadline={deadline.isoformat()}",
        f"user=sekretariat action=round.announce round={number} sent=1 failed=0",
        f"user=sekretariat action=round.remind round={number} sent=0 failed=0",
        f"user=sekretariat action=round.close round={number}",
    ]


def test_send_reminders_is_one_line(audit_lines: Callable[[], list[str]], commit: Commit) -> None:
    with commit():
        call_command("send_reminders", "--datum", "2025-02-21", stdout=io.StringIO())

    assert audit_lines() == [
        "user=send_reminders action=reminders.send date=2025-02-21 sent=0 failed=0"
    ]


def test_freezing_and_publishing_an_edition_are_a_line_each(
    world: ReportWorld,
    secretariat_ni: User,
    audit_lines: Callable[[], list[str]],
    commit: Commit,
) -> None:
    client = client_for(secretariat_ni)

    with commit():
        client.post("/erfolgskontrolle/19/festschreiben/")
        client.post("/erfolgskontrolle/19/ausgaben/1/veroeffentlichen/")

    assert audit_lines() == [
        "user=sekretariat-ni action=edition.freeze conference=19 edition=1 demands=3 "
        "files=html,pdf,docx,xlsx,csv",
        "user=sekretariat-ni action=edition.publish conference=19 edition=1",
    ]


def test_an_import_is_one_line_and_a_dry_run_none(
    audit_lines: Callable[[], list[str]], commit: Commit
) -> None:
    with commit():
        call_command("import_niederschrift", str(SEED), "--dry-run", stdout=io.StringIO())
    assert audit_lines() == []

    with commit():
        call_command("import_niederschrift", str(SEED), "--benutzer", "gs-mv", stdout=io.StringIO())

    (line,) = audit_lines()
    assert line.startswith(f"user=gs-mv action=import conference=19 source={SEED.name} sha256=")
    assert " changed=true resolutions=" in line
