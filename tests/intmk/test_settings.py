"""Production settings refuse to start on defaults that would hide a mistake."""

import os
import subprocess
import sys
from urllib.parse import quote

from django.conf import settings


def start_django(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY"}
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup()",
        ],
        cwd=settings.BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "intmk.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_without_database_url_refuses_to_start() -> None:
    result = start_django({"DEBUG": "false", "SECRET_KEY": "x" * 50})

    assert result.returncode != 0
    assert "DATABASE_URL muss in der Produktion" in result.stderr


def test_production_without_secret_key_refuses_to_start() -> None:
    result = start_django({"DEBUG": "false", "DATABASE_URL": "postgres://u@127.0.0.1:1/x"})

    assert result.returncode != 0
    assert "SECRET_KEY muss in der Produktion" in result.stderr


def production_env(**overrides: str) -> dict[str, str]:
    """A complete production environment, as README.md lists it."""
    env = {
        "DEBUG": "false",
        "SECRET_KEY": "k7#Qz" * 12,  # 60 characters, varied enough for Django's deploy check
        "DATABASE_URL": os.environ.get("DATABASE_URL") or database_url(),
        "EMAIL_HOST": "smtp.example.org",
        "ALLOWED_HOSTS": "intmk.example.org",
    }
    return {**env, **overrides}


def database_url() -> str:
    """The database the tests use, as a URL (the embedded server listens on a Unix socket)."""
    db = settings.DATABASES["default"]
    host = quote(db["HOST"], safe="") if db["HOST"].startswith("/") else db["HOST"]
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{db['USER']}@{host}{port}/{db['NAME']}"


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Nothing of the test run may leak in (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE).
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_VARIABLES and not k.startswith("DJANGO_")
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


PRODUCTION_VARIABLES = {
    "DATABASE_URL",
    "DEBUG",
    "SECRET_KEY",
    "EMAIL_HOST",
    "ALLOWED_HOSTS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
}


def test_production_settings_pass_the_deploy_check_without_a_warning() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_would_catch_an_insecure_setting() -> None:
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=production_env(SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0"),
    )

    assert result.returncode != 0
    assert "security.W004" in result.stderr  # no HSTS
    assert "security.W008" in result.stderr  # no redirect to HTTPS


def test_production_cookies_are_secure_and_bound_to_the_host() -> None:
    script = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.CSRF_COOKIE_NAME, s.CSRF_COOKIE_SECURE, s.EMAIL_BACKEND)"
    )
    result = manage("shell", "--no-imports", "-c", script, env=production_env())

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "__Host-sessionid",
        "True",
        "True",
        "__Host-csrftoken",
        "True",
        "django.core.mail.backends.smtp.EmailBackend",
    ]


def test_production_without_a_mail_server_refuses_to_start() -> None:
    env = production_env()
    del env["EMAIL_HOST"]

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "EMAIL_HOST muss in der Produktion gesetzt sein" in result.stderr
