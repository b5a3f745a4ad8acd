"""Formatting for the follow-up pages; every filter returns text that the template escapes."""

import datetime
from urllib.parse import urlsplit

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def days_ago(moment: datetime.datetime | None) -> str:
    """How long ago, in days: "heute", "gestern", "vor 12 Tagen"."""
    if moment is None:
        return ""
    days = (timezone.localdate() - timezone.localtime(moment).date()).days
    if days <= 0:
        return "heute"
    if days == 1:
        return "gestern"
    return f"vor {days} Tagen"


@register.filter
def host(url: str) -> str:
    """The site a link leads to, shown next to its label: "www.bundestag.de"."""
    return urlsplit(url).hostname or ""


@register.filter
def person(user: object) -> str:
    """The author's full name, else the user name."""
    full_name = getattr(user, "get_full_name", lambda: "")()
    return full_name or getattr(user, "username", "")
