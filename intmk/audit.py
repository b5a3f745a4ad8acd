"""Who did what, one line each, on the logger `intmk.audit` (stderr, settings.LOGGING):

    2025-03-01T10:15:02+0100 INFO intmk.audit user=berlin action=entry.create entry=345 …

Written when the transaction commits (`transaction.on_commit`), so a write that is rolled back
leaves no line. Values with spaces, quotes or line breaks are quoted as JSON strings, so one
action is always exactly one line, whatever a user typed as a username.
"""

import json
import logging
import re
from typing import Any

from axes.helpers import get_client_ip_address
from django.contrib.auth import signals
from django.db import transaction
from django.http import HttpRequest

from intmk.models import User

logger = logging.getLogger("intmk.audit")
PLAIN = re.compile(r"[\w.,@+\-:/]+")

Value = str | int | bool | None


def _value(value: Value) -> str:
    if value is None:
        return "-"
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return text if PLAIN.fullmatch(text) else json.dumps(text, ensure_ascii=False)


def line(user: User | str | None, action: str, **details: Value) -> str:
    """The audit line, without the prefix the log format adds."""
    name = user.get_username() if isinstance(user, User) else user or "-"
    fields = {"user": name, "action": action, **details}
    return " ".join(f"{key}={_value(value)}" for key, value in fields.items())


def audit(user: User | str | None, action: str, **details: Value) -> None:
    """Log one line once the current transaction commits (at once outside of one)."""
    text = line(user, action, **details)
    transaction.on_commit(lambda: logger.info(text))


# Logins and logouts, from Django's auth signals (connected in IntmkConfig.ready) -------------


def _address(request: HttpRequest | None) -> str | None:
    return get_client_ip_address(request) if request is not None else None


def _logged_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    audit(user, "login", ip=_address(request))


def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    audit(credentials.get("username"), "login.failed", ip=_address(request))


def _logged_out(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    audit(user, "logout", ip=_address(request))


def connect_auth_signals() -> None:
    signals.user_logged_in.connect(_logged_in, dispatch_uid="intmk.audit.login")
    signals.user_login_failed.connect(_login_failed, dispatch_uid="intmk.audit.login_failed")
    signals.user_logged_out.connect(_logged_out, dispatch_uid="intmk.audit.logout")
