"""Login throttling (django-axes) with two limits: a username from one address (few failures,
AXES_FAILURE_LIMIT) and one address whatever the usernames (many, AXES_ADDRESS_FAILURE_LIMIT),
so that trying many accounts from one place is stopped too without a shared proxy's few typos
locking out a whole ministry. axes compares one count with one limit; this handler makes the
address count part of that count. Trade-offs: docs/design.md, "Accounts".
"""

import ipaddress
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest


def _failures(attempts: "QuerySet[Any]") -> int:
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)


class AddressLimitHandler(AxesDatabaseHandler):  # type: ignore[misc]  # axes has no type hints
    """Reads settings.AXES_LOCKOUT_PARAMETERS in its order: the pair, then the address."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """The failures of the username from this address; the full limit when the address as
        a whole has reached its own. Marks the request for the German lockout page."""
        pair, address = (_failures(q) for q in self.get_user_attempts(request, credentials))
        if address >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            request.axes_address_locked = True  # type: ignore[attr-defined]
            return max(pair, int(settings.AXES_FAILURE_LIMIT))
        return pair

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """A successful login clears its own username's failures, not the address's: else one
        valid account would reset the count for guessing all the others."""
        pair = self.filter_user_attempts(request, credentials)[0]
        count, _ = pair.delete()
        return int(count)


def client_address(request: HttpRequest) -> str | None:
    """The address the throttle (and the audit log) counts: REMOTE_ADDR, or behind
    AXES_TRUSTED_PROXIES reverse proxies of our own the address the outermost one saw (the
    n-th from the right in X-Forwarded-For, which each proxy appends to). Entries further left
    come from the client and are never trusted; nor is anything that is not an address (with
    more hops configured than there are proxies, the client's entry would be read)."""
    hops = settings.AXES_TRUSTED_PROXIES
    if hops:
        header: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
        forwarded = [part.strip() for part in header.split(",") if part.strip()]
        if len(forwarded) >= hops:
            try:
                return str(ipaddress.ip_address(forwarded[-hops]))
            except ValueError:
                pass
    remote: str | None = request.META.get("REMOTE_ADDR")
    return remote
