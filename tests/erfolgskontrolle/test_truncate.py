"""TRUNCATE (what `manage.py flush` runs) cannot empty the append-only tables of a real database.

Test databases are named test_… and may be emptied between tests, so the check copies the test
database under another name and tries there."""

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from django.db import connection

from tests.browser.support import reference_data_create

pytestmark = pytest.mark.django_db(transaction=True)

APPEND_ONLY = [
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


@pytest.fixture
def production_like_copy():  # type: ignore[no-untyped-def]
    """A copy of the test database, with the rows of the data migrations, under a name that does
    not start with test_."""
    reference_data_create()  # committed: the test is transactional
    settings = connection.settings_dict
    source, name = settings["NAME"], f"intmk_copy_{uuid.uuid4().hex[:8]}"
    params = {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
    }
    connection.close()  # a template database must have no other connections
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    try:
        with psycopg.connect(dbname=name, autocommit=True, **params) as copy:
            yield copy
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.parametrize("table", APPEND_ONLY)
def test_truncate_of_an_append_only_table_is_refused(production_like_copy, table: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(psycopg.errors.IntegrityConstraintViolation, match="nie gelöscht"):
        production_like_copy.execute(f"TRUNCATE {table} CASCADE")


def test_flush_of_all_tables_leaves_everything_in_place(production_like_copy) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(psycopg.errors.IntegrityConstraintViolation):
        production_like_copy.execute("TRUNCATE intmk_land, erfolgskontrolle_progressentry CASCADE")
    count = production_like_copy.execute("SELECT count(*) FROM intmk_land").fetchone()
    assert count == (16,)
