"""Accounts: sign in and out, change and reset the password, throttled guessing, error pages.

Personas from tests/conftest.py; `client_for` signs in without the form. Tests of the login
form itself post to it, so that django-axes sees every attempt.
"""

import re

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import resolve, reverse

from intmk.models import User
from tests.conftest import client_for

PASSWORD = "richtig-langes-passwort-2024"  # tests.factories.make_user's default
LOGIN = "/konto/anmelden/"


def signed_in_user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def log_in(client: Client, username: str, password: str, **extra: str):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": username, "password": password, **extra})


# Sign in and out ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_login_page_labels_its_fields(anonymous: Client) -> None:
    response = anonymous.get(LOGIN)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<label class="kern-label" for="id_username">Benutzername</label>' in html
    assert '<label class="kern-label" for="id_password">Passwort</label>' in html
    assert 'autocomplete="current-password"' in html
    assert reverse("password_reset") in html


def test_the_account_urls_are_german() -> None:
    assert reverse("login") == "/konto/anmelden/"
    assert reverse("logout") == "/konto/abmelden/"
    assert reverse("password_change") == "/konto/passwort/"
    assert reverse("password_reset") == "/konto/passwort-vergessen/"
    assert settings.LOGIN_URL == "login"


@pytest.mark.django_db
def test_it_signs_in_with_the_right_password_and_opens_the_tasks(
    anonymous: Client, official_berlin: User
) -> None:
    response = log_in(anonymous, "berlin", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("erfolgskontrolle:start")
    assert anonymous.get(response["Location"])["Location"] == reverse("erfolgskontrolle:task-list")
    assert signed_in_user_id(anonymous) == str(official_berlin.pk)


@pytest.mark.django_db
def test_it_returns_to_the_page_that_asked_for_the_login(
    anonymous: Client, official_berlin: User
) -> None:
    response = log_in(anonymous, "berlin", PASSWORD, next="/runden/")

    assert response["Location"] == "/runden/"


@pytest.mark.django_db
def test_it_never_redirects_to_another_site_after_login(
    anonymous: Client, official_berlin: User
) -> None:
    response = log_in(anonymous, "berlin", PASSWORD, next="https://boese.example.com/")

    assert response["Location"] == reverse("erfolgskontrolle:start")


@pytest.mark.django_db
def test_a_wrong_password_is_refused_with_a_german_message(
    anonymous: Client, official_berlin: User
) -> None:
    response = log_in(anonymous, "berlin", "falsch-geraten")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Anmeldung fehlgeschlagen" in html
    assert "Benutzername oder Passwort ist falsch." in html
    assert 'role="alert"' in html
    assert signed_in_user_id(anonymous) is None


@pytest.mark.django_db
def test_an_unknown_user_gets_the_same_message(anonymous: Client) -> None:
    response = log_in(anonymous, "niemand", PASSWORD)

    assert "Benutzername oder Passwort ist falsch." in response.content.decode()


@pytest.mark.django_db
def test_an_empty_field_is_named_and_linked_to_its_input(anonymous: Client) -> None:
    response = log_in(anonymous, "berlin", "")

    html = response.content.decode()
    assert 'id="id_password_error"' in html
    assert re.search(r'<input[^>]*aria-describedby="id_password_error"[^>]*>', html)
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*>', html)
    assert "Bitte geben Sie Ihr Passwort ein." in html
    assert "Dieses Feld ist zwingend erforderlich." not in html


@pytest.mark.django_db
def test_logout_works_by_post_and_returns_to_the_register(official_berlin: User) -> None:
    client = client_for(official_berlin)

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response["Location"] == reverse("beschluesse:conference-list")
    assert signed_in_user_id(client) is None


@pytest.mark.django_db
def test_logout_by_a_mere_link_is_refused(official_berlin: User) -> None:
    client = client_for(official_berlin)

    response = client.get(reverse("logout"))

    assert response.status_code == 405
    assert signed_in_user_id(client) == str(official_berlin.pk)


@pytest.mark.django_db
def test_logout_without_the_csrf_token_is_refused_in_german(official_berlin: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(official_berlin)

    response = client.post(reverse("logout"))

    assert response.status_code == 403
    assert "Das Formular ist abgelaufen" in response.content.decode()
    assert signed_in_user_id(client) == str(official_berlin.pk)


# The header -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_header_shows_the_user_the_follow_up_and_a_logout_button(
    official_berlin: User,
) -> None:
    response = client_for(official_berlin).get(reverse("beschluesse:conference-list"))

    html = response.content.decode()
    assert "Bea Berlin" in html
    assert f'href="{reverse("password_change")}"' in html
    assert re.search(
        rf'<form method="post" action="{reverse("logout")}">\s*<input type="hidden" '
        r'name="csrfmiddlewaretoken"',
        html,
    )
    assert ">Abmelden<" in html
    for name, label in [
        ("erfolgskontrolle:task-list", "Meine Aufgaben"),
        ("erfolgskontrolle:round-list", "Berichtsrunden"),
        ("erfolgskontrolle:exchange", "Tabellen"),
    ]:
        assert f'<a href="{reverse(name)}">{label}</a>' in html
    assert ">Anmelden<" not in html


@pytest.mark.django_db
def test_the_header_offers_the_login_to_anonymous_visitors(anonymous: Client) -> None:
    response = anonymous.get(reverse("beschluesse:demand-list"))

    html = response.content.decode()
    assert f'href="{LOGIN}?next=/forderungen/"' in html
    assert "Meine Aufgaben" not in html
    assert "Abmelden" not in html


@pytest.mark.django_db
def test_the_header_marks_the_current_follow_up_page(official_berlin: User) -> None:
    request = RequestFactory().get(reverse("erfolgskontrolle:round-list"))
    request.user = official_berlin
    request.resolver_match = resolve(request.path)

    html = render_to_string("404.html", request=request)

    assert f'<a href="{reverse("erfolgskontrolle:round-list")}" aria-current="page">' in html
    assert f'<a href="{reverse("erfolgskontrolle:task-list")}">' in html


@pytest.mark.django_db
def test_messages_are_shown_as_announced_alerts(official_berlin: User) -> None:
    request = RequestFactory().get("/")
    request.user = official_berlin
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    messages.success(request, "Sachstand gespeichert.")
    messages.error(request, "Die Tabelle enthält Fehler.")

    html = render_to_string("404.html", request=request)

    assert re.search(
        r'<div class="kern-alert kern-alert--success" role="status">.*?Sachstand gespeichert\.',
        html,
        flags=re.DOTALL,
    )
    assert re.search(
        r'<div class="kern-alert kern-alert--danger" role="alert">.*?Die Tabelle enthält Fehler\.',
        html,
        flags=re.DOTALL,
    )


# Password change ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_changes_the_password_and_keeps_the_user_signed_in(official_berlin: User) -> None:
    client = client_for(official_berlin)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "ein-neues-langes-passwort-2025",
            "new_password2": "ein-neues-langes-passwort-2025",
        },
    )

    assert response["Location"] == reverse("password_change_done")
    official_berlin.refresh_from_db()
    assert official_berlin.check_password("ein-neues-langes-passwort-2025")
    assert "Passwort geändert" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_a_wrong_old_password_changes_nothing(official_berlin: User) -> None:
    client = client_for(official_berlin)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": "falsch",
            "new_password1": "ein-neues-langes-passwort-2025",
            "new_password2": "ein-neues-langes-passwort-2025",
        },
    )

    assert response.status_code == 200
    assert "Das bisherige Passwort ist falsch." in response.content.decode()
    official_berlin.refresh_from_db()
    assert official_berlin.check_password(PASSWORD)


@pytest.mark.django_db
def test_a_weak_new_password_is_refused_in_german(official_berlin: User) -> None:
    response = client_for(official_berlin).post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )

    html = response.content.decode()
    assert "Dieses Passwort ist zu üblich." in html
    assert 'id="id_new_password2_error"' in html


@pytest.mark.django_db
def test_changing_the_password_needs_a_login(anonymous: Client) -> None:
    response = anonymous.get(reverse("password_change"))

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/konto/passwort/"


# Password reset -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_reset_mail_carries_a_link_that_sets_a_new_password(
    anonymous: Client, official_berlin: User
) -> None:
    response = anonymous.post(reverse("password_reset"), {"email": "BERLIN@example.org"})

    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["berlin@example.org"]
    assert message.subject == "Neues Passwort für die IntMK Beschlussverfolgung"
    assert "Guten Tag Bea Berlin," in message.body
    assert "1 Tag" in message.body
    link = re.search(r"http://testserver(/konto/passwort-neu/[^/\s]+/[^/\s]+/)", message.body)
    assert link is not None

    form_page = anonymous.get(link.group(1), follow=True)
    assert "Neues Passwort festlegen" in form_page.content.decode()
    assert form_page.context["validlink"]
    done = anonymous.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "vergessen-und-neu-2025", "new_password2": "vergessen-und-neu-2025"},
    )

    assert done["Location"] == reverse("password_reset_complete")
    official_berlin.refresh_from_db()
    assert official_berlin.check_password("vergessen-und-neu-2025")
    assert anonymous.get(link.group(1), follow=True).context["validlink"] is False


@pytest.mark.django_db
def test_an_unknown_address_gets_the_same_answer_and_no_mail(anonymous: Client) -> None:
    response = anonymous.post(reverse("password_reset"), {"email": "fremd@example.org"})

    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_forged_reset_link_is_refused_in_german(anonymous: Client, official_berlin: User) -> None:
    response = anonymous.get("/konto/passwort-neu/MQ/abc-123/", follow=True)

    assert "Dieser Link gilt nicht mehr" in response.content.decode()


# Throttling -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_guessing_locks_the_account_even_against_the_right_password(
    anonymous: Client, official_berlin: User
) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    responses = [log_in(anonymous, "berlin", f"geraten-{n}") for n in range(limit)]

    assert [r.status_code for r in responses[:-1]] == [200] * (limit - 1)
    assert responses[-1].status_code == settings.AXES_HTTP_RESPONSE_CODE == 429
    locked = log_in(anonymous, "berlin", PASSWORD)
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Anmeldung vorübergehend gesperrt" in html
    assert f"{limit}-mal ein falsches Passwort" in html
    assert "für 1 Stunde gesperrt" in html
    assert signed_in_user_id(anonymous) is None


@pytest.mark.django_db
def test_a_lockout_does_not_hold_for_another_account(
    anonymous: Client, official_berlin: User, official_bayern: User
) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(anonymous, "berlin", f"geraten-{n}")

    response = log_in(anonymous, "bayern", PASSWORD)

    assert response.status_code == 302
    assert signed_in_user_id(anonymous) == str(official_bayern.pk)


@pytest.mark.django_db
def test_a_successful_login_resets_the_count_of_failures(
    anonymous: Client, official_berlin: User
) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(anonymous, "berlin", f"geraten-{n}")
    log_in(anonymous, "berlin", PASSWORD)
    anonymous.post(reverse("logout"))

    response = log_in(anonymous, "berlin", "noch-einmal-geraten")

    assert response.status_code == 200


# Error pages ----------------------------------------------------------------------------------


def test_the_not_found_page_is_german_and_needs_no_database(anonymous: Client) -> None:
    # No django_db mark: any query would fail this test.
    response = anonymous.get("/konto/gibt-es-nicht/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Seite nicht gefunden" in html
    assert 'href="/konto/anmelden/"' in html  # the full header, not a bare error page


@pytest.mark.django_db
def test_the_not_found_page_keeps_the_header_of_a_signed_in_user(official_berlin: User) -> None:
    response = client_for(official_berlin).get("/konto/gibt-es-nicht/")

    assert response.status_code == 404
    assert "Bea Berlin" in response.content.decode()
