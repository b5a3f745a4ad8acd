"""Migrations run on a register that already holds data, as an update in production does: the
history baseline (beschluesse 0007) gives every resolution, clause, demand and applicant a
first history record."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_HISTORY = [
    ("beschluesse", "0004_demand_repeats"),
    ("erfolgskontrolle", "0006_round_mails_and_unique_titles"),
]


@pytest.mark.django_db(transaction=True)
def test_the_history_baseline_runs_on_a_register_with_data() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_HISTORY)
    apps = executor.loader.project_state(BEFORE_HISTORY).apps
    # an earlier transactional test may have emptied the tables the data migrations filled
    land, _ = apps.get_model("intmk", "Land").objects.get_or_create(
        code="DE-BE", defaults={"name": "Berlin"}
    )
    conference = apps.get_model("beschluesse", "Conference").objects.create(
        number=19, year=2024, place="Rostock", chair=land
    )
    resolution = apps.get_model("beschluesse", "Resolution").objects.create(
        conference=conference, top="3.3", sort_key="0003.0003", title="Sprachmittlung", lead=land
    )
    resolution.applicants.add(land)
    clause = apps.get_model("beschluesse", "Clause").objects.create(
        resolution=resolution, position=0, number="1", text="Die IntMK bittet den Bund …"
    )
    apps.get_model("beschluesse", "Demand").objects.create(
        clause=clause, position=0, addressee="Bund", level="bund", kind="bitte", wording="…"
    )

    call_command("migrate", verbosity=0)  # to the newest state, as `manage.py migrate` does

    with connection.cursor() as cursor:
        counts = {}
        for table in ("resolution", "clause", "demand", "resolution_applicants"):
            cursor.execute(f"SELECT count(*) FROM beschluesse_historical{table}")
            counts[table] = cursor.fetchone()[0]
    assert counts == {"resolution": 1, "clause": 1, "demand": 1, "resolution_applicants": 1}
