"""The account forms: Django's, with our own German messages.

Django's German defaults ("Dieses Feld ist zwingend erforderlich.") name no field and read
differently from the rest of the application; every field says what is missing instead.
"""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)

from intmk.models import User

FIELD_MESSAGES: dict[str, dict[str, str]] = {
    "username": {"required": "Bitte geben Sie Ihren Benutzernamen ein."},
    "password": {"required": "Bitte geben Sie Ihr Passwort ein."},
    "old_password": {"required": "Bitte geben Sie Ihr bisheriges Passwort ein."},
    "new_password1": {"required": "Bitte geben Sie ein neues Passwort ein."},
    "new_password2": {"required": "Bitte wiederholen Sie das neue Passwort."},
    "email": {
        "required": "Bitte geben Sie Ihre E-Mail-Adresse ein.",
        "invalid": "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.de.",
        "max_length": "Die E-Mail-Adresse ist zu lang.",
    },
}
PASSWORD_MISMATCH = "Die beiden neuen Passwörter stimmen nicht überein."


class OwnMessages(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.error_messages.update(FIELD_MESSAGES.get(name, {}))


class LoginForm(OwnMessages, AuthenticationForm):
    # Django's German text ("Bitte Benutzername und Passwort eingeben.") reads as if a field
    # had been left empty; say what happened instead, without telling which of the two was wrong.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            "Benutzername oder Passwort ist falsch. Achten Sie auf Groß- und Kleinschreibung."
        ),
    }


class PasswordChange(OwnMessages, PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "Das bisherige Passwort ist falsch. Bitte geben Sie es erneut ein.",
        "password_mismatch": PASSWORD_MISMATCH,
    }


class PasswordReset(OwnMessages, PasswordResetForm):
    pass


if TYPE_CHECKING:
    _SetPasswordForm = SetPasswordForm[User]
else:  # Django's form is not subscriptable at runtime (and django_stubs_ext does not patch it)
    _SetPasswordForm = SetPasswordForm


class SetPassword(OwnMessages, _SetPasswordForm):
    error_messages = {**SetPasswordForm.error_messages, "password_mismatch": PASSWORD_MISMATCH}
