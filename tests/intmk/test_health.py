"""/healthz: 200 "ok" when the database answers and every migration is applied, else 503 with
the reason in German; never a cookie, a session or a redirect to HTTPS."""

from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.db import OperationalError, connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_it_answers_ok_when_the_database_is_migrated(anonymous: Client) -> None:
    response = anonymous.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies
    assert not Session.objects.exists()


def test_it_answers_503_when_a_migration_is_not_applied(anonymous: Client) -> None:
    with mock.patch.object(MigrationExecutor, "migration_plan", return_value=[("m", False)]):
        response = anonymous.get("/healthz")

    assert response.status_code == 503
    assert "Nicht angewandte Migrationen: 1" in response.content.decode()


def test_it_answers_503_when_the_database_does_not_answer(anonymous: Client) -> None:
    refused = OperationalError("connection refused")
    with mock.patch.object(connection, "ensure_connection", side_effect=refused):
        response = anonymous.get("/healthz")

    assert response.status_code == 503
    assert response.content.decode() == "Datenbank nicht erreichbar."


@override_settings(SECURE_SSL_REDIRECT=True)
def test_it_is_not_redirected_to_https(anonymous: Client) -> None:
    assert anonymous.get("/healthz").status_code == 200
    assert anonymous.get("/").status_code == 301  # every other page is


def test_it_refuses_posts(anonymous: Client) -> None:
    assert anonymous.post("/healthz").status_code == 405
