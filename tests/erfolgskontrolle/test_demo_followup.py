"""The README run command fills the follow-up with a few entries and an open round."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from erfolgskontrolle.models import ProgressEntry, ReportingRound
from intmk.models import User
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

SEED = Path(django_settings.BASE_DIR) / "fixtures" / "19-intmk-2024-niederschrift.txt"


def run(name: str, *args: str) -> str:
    out = StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seed_and_accounts(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = True
    run("import_niederschrift", str(SEED))
    run("demo_accounts")


def test_it_records_assessments_a_contribution_and_an_entry_on_behalf(seed_and_accounts) -> None:  # type: ignore[no-untyped-def]
    run("demo_followup")

    entries = ProgressEntry.objects.select_related("land", "author", "demand__clause__resolution")
    summary = {
        (e.author.username, e.land.code, e.demand.clause.resolution.top, e.on_behalf)
        for e in entries
    }
    assert summary == {
        ("berlin", "DE-BE", "3.3", False),
        ("bayern", "DE-BY", "3.3", False),
        ("sekretariat", "DE-NW", "3.6", True),
    }
    assert entries.count() == 4
    reporting_round = ReportingRound.objects.get()
    assert reporting_round.is_open
    assert reporting_round.conference.number == 19
    assert reporting_round.demands.count() == 58
    assert "DE-BE" in {land.code for land in reporting_round.lands.all()}


def test_the_demo_entries_count_as_answers_in_the_round(seed_and_accounts) -> None:  # type: ignore[no-untyped-def]
    run("demo_followup")
    secretariat = User.objects.get(username="sekretariat")

    page = client_for(secretariat).get(reverse("erfolgskontrolle:round-list"))

    assert re.search(r"\b[1-9]\d* von \d+ erledigt", page.content.decode())


def test_a_second_run_changes_nothing(seed_and_accounts) -> None:  # type: ignore[no-untyped-def]
    run("demo_followup")

    output = run("demo_followup")

    assert "vorhanden" in output
    assert ProgressEntry.objects.count() == 4
    assert ReportingRound.objects.count() == 1


def test_it_refuses_outside_development(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = False

    with pytest.raises(CommandError, match="Entwicklungsbetrieb"):
        run("demo_followup")


def test_it_names_what_is_missing(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = True

    with pytest.raises(CommandError, match="Zuerst die 19. IntMK importieren"):
        run("demo_followup")
