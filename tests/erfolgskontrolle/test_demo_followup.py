"""The README run command fills the follow-up with a few entries and an open round."""

import hashlib
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from beschluesse.models import Demand
from erfolgskontrolle.models import ProgressEntry, ReportingRound
from intmk.laender import LAENDER
from intmk.models import Role, RoleKind, User
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
    # Every demand of the seed (TOP 4.2 Ziffer 4 counts since the "bekräftigt" rule).
    assert reporting_round.demands.count() == 59
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


# --- the large data set: `--entries N` over every conference of the register ---------------


@pytest.fixture
def three_conferences(seed_and_accounts) -> None:  # type: ignore[no-untyped-def]
    run("generate_demo", "--conferences", "2")  # the 18th and the 17th next to the seed's 19th


def entries_digest() -> str:
    """What a run decides, by natural keys: ids and times differ from run to run."""
    rows = ProgressEntry.objects.order_by("pk").values_list(
        "demand__clause__resolution__conference__number",
        "demand__clause__resolution__top",
        "demand__clause__number",
        "demand__position",
        "land__code",
        "author__username",
        "on_behalf",
        "stance__name",
        "implementation__name",
        "source",
        "text",
    )
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


def digest_of_a_run(*args: str) -> str:
    """Runs the command, takes the digest and rolls the run back (entries cannot be deleted)."""
    with transaction.atomic():
        run("demo_followup", *args)
        digest = entries_digest()
        transaction.set_rollback(True)
    return digest


def test_it_adds_entries_up_to_the_total_over_every_conference(three_conferences) -> None:  # type: ignore[no-untyped-def]
    output = run("demo_followup", "--entries", "300")

    assert ProgressEntry.objects.count() == 300
    assert "296 neu, 300 insgesamt" in output  # the 4 hand-written entries come first
    for number in (17, 18, 19):
        demands = Demand.objects.filter(clause__resolution__conference__number=number)
        with_entries = demands.filter(progress_entries__isnull=False).distinct().count()
        assert with_entries > demands.count() / 2, number


def test_it_opens_a_round_for_each_conference(three_conferences) -> None:  # type: ignore[no-untyped-def]
    run("demo_followup", "--entries", "300")

    open_rounds = ReportingRound.objects.open()
    assert sorted(open_rounds.values_list("conference__number", flat=True)) == [17, 18, 19]
    for reporting_round in open_rounds:
        assert reporting_round.demands.count() > 0
        assert reporting_round.lands.count() > 0


def test_officials_write_for_their_own_land_the_secretariat_on_behalf(
    three_conferences,
) -> None:  # type: ignore[no-untyped-def]
    run("demo_followup", "--entries", "300")

    officials = set(
        Role.objects.filter(kind=RoleKind.OFFICIAL).values_list("user__username", "land__code")
    )
    entries = ProgressEntry.objects.values_list("author__username", "land__code", "on_behalf")
    assert {code for _, code, _ in entries} == {code for code, _ in LAENDER}
    for username, code, on_behalf in entries:
        if on_behalf:
            assert username == "sekretariat"
        else:
            assert (username, code) in officials
    assert ("berlin", "DE-BE") in set(entries.values_list("author__username", "land__code"))


def test_lands_without_a_demo_account_get_an_official_who_cannot_sign_in(three_conferences) -> None:  # type: ignore[no-untyped-def]
    run("demo_followup", "--entries", "300")

    official = User.objects.get(username="amt-de-nw")
    assert not official.has_usable_password()
    assert official.roles.get().land.code == "DE-NW"
    assert not User.objects.filter(username="amt-de-be").exists()  # the demo account "berlin"


def test_the_same_seed_gives_the_same_entries(three_conferences) -> None:  # type: ignore[no-untyped-def]
    run("demo_followup")

    first = digest_of_a_run("--entries", "300", "--seed", "7")
    again = digest_of_a_run("--entries", "300", "--seed", "7")
    other = digest_of_a_run("--entries", "300", "--seed", "8")

    assert first == again
    assert other != first


def test_a_second_run_with_the_same_total_adds_nothing(three_conferences) -> None:  # type: ignore[no-untyped-def]
    run("demo_followup", "--entries", "300")
    users = User.objects.count()

    output = run("demo_followup", "--entries", "300")

    assert "0 neu, 300 insgesamt" in output
    assert ProgressEntry.objects.count() == 300
    assert ReportingRound.objects.count() == 3
    assert User.objects.count() == users


def test_it_refuses_the_large_data_set_outside_development(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = False

    with pytest.raises(CommandError, match="nur im Entwicklungsbetrieb"):
        run("demo_followup", "--entries", "300")

    assert not ProgressEntry.objects.exists()
