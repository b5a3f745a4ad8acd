from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    # Django's German text ("Bitte Benutzername und Passwort eingeben.") reads as if a field
    # had been left empty; say what happened instead, without telling which of the two was wrong.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            "Benutzername oder Passwort ist falsch. Achten Sie auf Groß- und Kleinschreibung."
        ),
    }
