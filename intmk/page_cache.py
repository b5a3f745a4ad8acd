"""Pages served from memory until the data they show changes (issue 10, docs/design.md).

A cached page is keyed by its full path, the request headers it varies on and the data version:
one query reads generation counters that triggers bump in every writing transaction (intmk
migration 0004, beschluesse 0003, erfolgskontrolle 0007) and what apps register here.
- Visitors without a login share a page; its version covers what public pages show (the
  register, and what the follow-up registers: its newest publication). A page that used the
  CSRF token is not shared.
- A signed-in user's page is that user's alone: the key adds the user, the CSRF secret of the
  browser (the page holds a token made from it) and today's date (deadlines, "überfällig"); its
  version adds people, roles and the whole follow-up.
No page is cached that is not a 200, set a cookie, or showed a message.
"""

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from django.contrib import messages
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

P = ParamSpec("P")
R = TypeVar("R", bound=HttpRequest)

CACHE = "pages"
TIMEOUT_S = 24 * 3600  # a version changes with the data; this only bounds unused entries
VARY_HEADERS = ("HTTP_HX_REQUEST", "HTTP_HX_HISTORY_RESTORE_REQUEST", "HTTP_HX_TARGET")


def generation(name: str) -> str:
    """The SQL of a generation counter (intmk migration 0004)."""
    return f"(SELECT value FROM intmk_data_generation WHERE name = '{name}')"


# Scalar SQL expressions whose values change whenever a page would show something else.
public_sources: list[str] = [generation("register")]
signed_in_sources: list[str] = [generation("people")]


def register_version_source(sql: str, *, public: bool) -> str:
    """Add a scalar SQL expression to the data version of signed-in pages, and of public pages
    too when `public` (e.g. a generation counter, the newest id of an append-only table)."""
    for sources in (public_sources, signed_in_sources) if public else (signed_in_sources,):
        if sql not in sources:
            sources.append(sql)
    return sql


def data_version(*, signed_in: bool) -> str:
    sources = public_sources + signed_in_sources if signed_in else public_sources
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT concat_ws('/', {', '.join(sources)})")
        row = cursor.fetchone()
    return str(row[0])


def _key(request: HttpRequest, csrf_secret: str | None) -> str:
    signed_in = request.user.is_authenticated
    parts = [
        data_version(signed_in=signed_in),
        request.get_full_path(),
        *(request.META.get(header, "") for header in VARY_HEADERS),
    ]
    if signed_in:
        parts += [str(request.user.pk), csrf_secret or "", timezone.localdate().isoformat()]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _storable(request: HttpRequest, response: HttpResponse, csrf_secret: str | None) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.user.is_authenticated:
        # The page holds a token of the browser's CSRF secret: only while that secret stands.
        return csrf_secret is not None and request.META.get("CSRF_COOKIE") == csrf_secret
    return not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a visitor's page without token


def cached_page(
    view: Callable[Concatenate[R, P], HttpResponse],
) -> Callable[Concatenate[R, P], HttpResponse]:
    """Serve the view's answer from the cache while the data it shows stands (GET and HEAD)."""

    @wraps(view)
    def wrapped(request: R, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or len(messages.get_messages(request)):
            return view(request, *args, **kwargs)  # a message belongs to its reader
        csrf_secret = request.META.get("CSRF_COOKIE")
        if request.user.is_authenticated and csrf_secret is None:
            return view(request, *args, **kwargs)  # the page makes the browser's first secret
        key = _key(request, csrf_secret)
        cache = caches[CACHE]
        stored: tuple[bytes, dict[str, Any]] | None = cache.get(key)
        if stored is not None:
            content, headers = stored
            return HttpResponse(content, headers=headers)
        response = view(request, *args, **kwargs)
        if _storable(request, response, csrf_secret):
            cache.set(key, (response.content, dict(response.headers)), TIMEOUT_S)
        return response

    return wrapped
