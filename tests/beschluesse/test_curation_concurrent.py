"""Two curators save the same resolution at the same moment: the second save waits for the
first and then, seeing the resolution changed under its page, writes nothing."""

import threading
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client

from beschluesse import services
from beschluesse.models import Resolution
from tests.beschluesse.test_curation import EDIT, form_data
from tests.beschluesse.test_curation import resolution_33 as resolution_33  # fixture
from tests.conftest import client_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_save_during_another_curators_save_waits_and_then_refuses(
    secretariat: Any, admin_user: Any, resolution_33: Resolution
) -> None:
    page_of_second = form_data(resolution_33, title="Titel des Zweiten")
    second: Client = client_for(admin_user)
    first_locked, first_done = threading.Event(), threading.Event()
    responses: list[Any] = []

    def first_save() -> None:  # the first curator's save, still running
        try:
            with transaction.atomic():
                services.resolution_lock(resolution_33)
                Resolution.objects.filter(pk=resolution_33.pk).update(title="Titel des Ersten")
                first_locked.set()
                first_done.wait(timeout=30)
        finally:
            connection.close()

    def second_save() -> None:
        try:
            responses.append(second.post(EDIT, page_of_second))
        finally:
            connection.close()

    first = threading.Thread(target=first_save)
    first.start()
    assert first_locked.wait(timeout=30)
    saving = threading.Thread(target=second_save)
    saving.start()
    saving.join(timeout=1)
    assert saving.is_alive()  # it waits for the first save
    first_done.set()
    first.join(timeout=30)
    saving.join(timeout=30)

    (response,) = responses
    assert response.status_code == 200
    assert "Inzwischen wurde dieser Beschluss geändert" in response.content.decode()
    resolution_33.refresh_from_db()
    assert resolution_33.title == "Titel des Ersten"
