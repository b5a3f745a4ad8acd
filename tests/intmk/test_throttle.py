"""Login throttling per address: many usernames tried from one address lock that address (a
higher limit than the five per username), other addresses still log in; behind our own proxy
the address it saw counts, not what the client wrote into X-Forwarded-For."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, override_settings

from intmk.models import User

pytestmark = pytest.mark.django_db

LOGIN = "/konto/anmelden/"
PASSWORD = "richtig-langes-passwort-2024"  # make_user's default
LIMIT = 8  # the address limit in these tests; production's is 50 (settings)


def log_in(client: Client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": username, "password": password})


def spray(client: Client, count: int) -> None:
    """Failed logins, each with another username: never five for one of them."""
    for n in range(count):
        assert log_in(client, f"konto-{n}", "geraten").status_code in (200, 429)


def test_the_address_limit_is_higher_than_the_one_per_username() -> None:
    assert settings.AXES_ADDRESS_FAILURE_LIMIT == 50 > settings.AXES_FAILURE_LIMIT == 5


@override_settings(AXES_ADDRESS_FAILURE_LIMIT=LIMIT)
def test_many_usernames_from_one_address_lock_that_address(official_berlin: User) -> None:
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    spray(attacker, LIMIT)

    response = log_in(attacker, "berlin", PASSWORD)

    assert response.status_code == 429
    html = response.content.decode()
    assert "Anmeldung vorübergehend gesperrt" in html
    assert "Von Ihrem Anschluss aus wurde für verschiedene Konten" in html
    assert "für 1 Stunde gesperrt" in html
    colleague = Client(REMOTE_ADDR="198.51.100.20")
    assert log_in(colleague, "berlin", PASSWORD).status_code == 302


@override_settings(AXES_ADDRESS_FAILURE_LIMIT=LIMIT)
def test_fewer_failures_than_the_address_limit_lock_nobody(official_berlin: User) -> None:
    office = Client(REMOTE_ADDR="203.0.113.7")
    spray(office, LIMIT - 1)

    assert log_in(office, "berlin", PASSWORD).status_code == 302


@override_settings(AXES_ADDRESS_FAILURE_LIMIT=LIMIT)
def test_a_successful_login_does_not_clear_the_address_count(official_berlin: User) -> None:
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    spray(attacker, LIMIT - 1)
    assert log_in(attacker, "berlin", PASSWORD).status_code == 302  # a valid account of its own
    attacker.post("/konto/abmelden/")

    log_in(attacker, "noch-ein-konto", "geraten")

    assert log_in(attacker, "berlin", PASSWORD).status_code == 429


@override_settings(AXES_ADDRESS_FAILURE_LIMIT=LIMIT, AXES_TRUSTED_PROXIES=1)
def test_behind_the_proxy_the_address_it_saw_counts(official_berlin: User) -> None:
    # nginx appends the address it saw; whatever the client sent stands to the left of it.
    attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7")
    spray(attacker, LIMIT)

    assert log_in(attacker, "berlin", PASSWORD).status_code == 429
    # Another client through the same proxy, even one that names the attacker's address first.
    other = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7, 198.51.100.20")
    assert log_in(other, "berlin", PASSWORD).status_code == 302


@override_settings(AXES_TRUSTED_PROXIES=1)
def test_a_forwarded_entry_that_is_no_address_counts_as_the_proxy(official_berlin: User) -> None:
    client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="kein-anschluss")

    assert log_in(client, "berlin", "geraten").status_code == 200
    assert AccessAttempt.objects.get().ip_address == "127.0.0.1"
