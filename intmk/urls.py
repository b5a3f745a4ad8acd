import datetime

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from beschluesse import api
from intmk.forms import LoginForm, PasswordChange, PasswordReset, SetPassword
from intmk.health import healthz

# How long a password reset link works, for the page and the mail that say so.
RESET_LINK_VALID = {"timeout": datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)}

# Django's own account views under German paths; the names are Django's, so that its views and
# templates (and LOGIN_URL = "login") find each other without further settings.
account_patterns = [
    path(
        "konto/anmelden/",
        auth_views.LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path("konto/abmelden/", auth_views.LogoutView.as_view(), name="logout"),  # POST only
    path(
        "konto/passwort/",
        auth_views.PasswordChangeView.as_view(form_class=PasswordChange),
        name="password_change",
    ),
    path(
        "konto/passwort/geaendert/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "konto/passwort-vergessen/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordReset,
            subject_template_name="registration/password_reset_subject.txt",
            email_template_name="registration/password_reset_email.txt",
            extra_email_context=RESET_LINK_VALID,
        ),
        name="password_reset",
    ),
    path(
        "konto/passwort-vergessen/gesendet/",
        auth_views.PasswordResetDoneView.as_view(extra_context=RESET_LINK_VALID),
        name="password_reset_done",
    ),
    path(
        "konto/passwort-neu/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=SetPassword),
        name="password_reset_confirm",
    ),
    path(
        "konto/passwort-neu/fertig/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    *account_patterns,
    path("api/konferenzen/<int:number>.json", api.conference_json, name="api-conference"),
    path("", include("erfolgskontrolle.urls")),
    path("", include("beschluesse.urls")),
]
