"""One settings file, read from the environment. Development defaults start with nothing set."""

import os
from pathlib import Path

import django_stubs_ext
from csp.constants import NONE, SELF
from django.contrib.messages import constants as message_constants

from intmk.db import database_config

# Generic Django classes (ModelAdmin[Land], SetPasswordForm[User]) for strict mypy.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY muss in der Produktion gesetzt sein.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "django_htmx",
    "template_partials",
    "axes",
    "csp",
    "simple_history",
    "intmk",
    "beschluesse",
    "erfolgskontrolle",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the German lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "intmk.urls"
WSGI_APPLICATION = "intmk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "intmk.context_processors.roles",
            ],
        },
    },
]

DATABASES = {"default": database_config(BASE_DIR, debug=DEBUG)}
# Per process, in memory: public pages until their data changes (intmk/page_cache.py) and
# django-axes' lookups. Each gunicorn worker warms its own; nothing needs a cache server.
CACHES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # PAGE_CACHE=off renders every page anew (to compare, or should a cached page ever be wrong).
    "pages": (
        {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
        if os.environ.get("PAGE_CACHE", "on").lower() == "off"
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_ENTRIES", "2000"))},
        }
    ),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "intmk.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))  # collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username/address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "erfolgskontrolle:start"  # each role lands where its work is
LOGOUT_REDIRECT_URL = "beschluesse:conference-list"

# Login throttling (intmk/throttle.py): five failed attempts for one username from one address
# lock that pair out for an hour; fifty from one address, whatever the usernames, lock the
# address. A correct password does not unlock early, and a success clears only its own pair.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "50"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]  # this order: throttle.py
AXES_HANDLER = "intmk.throttle.AddressLimitHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The address: REMOTE_ADDR, or behind our own reverse proxies (AXES_TRUSTED_PROXIES=1 for one
# nginx that appends $remote_addr to X-Forwarded-For) the address the proxy saw. Left at 0
# behind a proxy, every request comes from the proxy and fifty failures lock out everyone.
AXES_TRUSTED_PROXIES = int(os.environ.get("AXES_TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "intmk.throttle.client_address"

# Content-Security-Policy: scripts, styles and fonts only from our own static files; no inline
# script, handler, <style> or style attribute, no eval (htmx trigger filters and hx-on are not
# used for that reason). The report's HTML file keeps its styles inline, so that it works
# offline; it gets its own policy (views/report.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # KERN's icons are data: SVGs
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Mail: printed to the console in development; SMTP from the environment in production.
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "IntMK Beschlussverfolgung <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = 30
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    raise RuntimeError(
        "EMAIL_HOST muss in der Produktion gesetzt sein (Passwort-Mails, Erinnerungen)."
    )

# A reset link works once and for one day (Django's default is three).
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60

# KERN's alert variants are named after the message levels, except "danger" for errors.
MESSAGE_TAGS = {message_constants.ERROR: "danger", message_constants.DEBUG: "info"}

# Links in mails (reminders) point here; `send_reminders` runs without a request to ask.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# `send_reminders` mails a first reminder this many days before a round's deadline.
REMINDER_DAYS_BEFORE = int(os.environ.get("REMINDER_DAYS_BEFORE", "7"))

SESSION_COOKIE_HTTPONLY = True
# Pages hand the CSRF token to forms and htmx themselves (hx-headers); no script reads the cookie.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day

# The proxy and monitoring may ask /healthz over plain HTTP on the loopback (only read when
# SECURE_SSL_REDIRECT is on).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    # includeSubDomains covers only names below the application's own host (intmk.example.de),
    # which serves nothing else; the operator can switch it off.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    # The browsers' preload list binds the whole registrable domain and every host below it;
    # only its owner may ask for that, so it stays off (and its deploy warning silenced) unless
    # the operator sets SECURE_HSTS_PRELOAD=true.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# One line per record on stderr. `intmk.audit` says who did what (intmk/audit.py): logins,
# imports, entries, rounds, reminders, editions; always at INFO, whatever LOG_LEVEL says.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {
            "format": "{asctime} {levelname} {name} {message}",
            "style": "{",
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"intmk.audit": {"level": "INFO"}},
}
