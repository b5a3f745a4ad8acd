"""Public pages served from memory until the data they show changes (issue 10, docs/design.md).

Only requests without a signed-in user are cached: signed-in users see follow-up data for their
roles, their own name and a CSRF token in every page. A cached page is keyed by its full path,
the request headers it varies on and the data version: one query reads the 'register'
generation (bumped in the writing transaction by triggers on the register's tables, see intmk
migration 0004) and whatever other apps register here (the follow-up: its newest publication).
No page is cached that set a cookie, used the CSRF token or showed a message.
"""

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from django.contrib import messages
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse

P = ParamSpec("P")
R = TypeVar("R", bound=HttpRequest)

CACHE = "pages"
TIMEOUT_S = 24 * 3600  # a version changes with the data; this only bounds unused entries
VARY_HEADERS = ("HTTP_HX_REQUEST", "HTTP_HX_HISTORY_RESTORE_REQUEST", "HTTP_HX_TARGET")

# Scalar SQL expressions whose values change whenever public pages would show something else.
version_sources: list[str] = [
    "(SELECT value FROM intmk_data_generation WHERE name = 'register')",
]


def register_version_source(sql: str) -> str:
    """Add a scalar SQL expression to the data version (e.g. the newest id of an append-only
    table whose rows public pages show)."""
    if sql not in version_sources:
        version_sources.append(sql)
    return sql


def data_version() -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT concat_ws('/', {', '.join(version_sources)})")
        row = cursor.fetchone()
    return str(row[0])


def _key(request: HttpRequest, version: str) -> str:
    varies = "|".join(request.META.get(header, "") for header in VARY_HEADERS)
    raw = f"{version}\n{request.get_full_path()}\n{varies}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def _cacheable(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return False
    return not len(messages.get_messages(request))  # a message belongs to its reader


def public_page(
    view: Callable[Concatenate[R, P], HttpResponse],
) -> Callable[Concatenate[R, P], HttpResponse]:
    """Serve the view's answer to anonymous visitors from the cache while the data stands."""

    @wraps(view)
    def wrapped(request: R, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request, data_version())
        cache = caches[CACHE]
        stored: tuple[bytes, dict[str, Any]] | None = cache.get(key)
        if stored is not None:
            content, headers = stored
            return HttpResponse(content, headers=headers)
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a token
        ):
            cache.set(key, (response.content, dict(response.headers)), TIMEOUT_S)
        return response

    return wrapped
