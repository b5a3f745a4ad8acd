"""Formatting for the follow-up pages; every filter returns text that the template escapes."""

import datetime
from urllib.parse import urlsplit

from django import forms, template
from django.utils import timezone
from django.utils.safestring import SafeString

from beschluesse.models import Demand

register = template.Library()


@register.filter
def kern_widget(field: forms.BoundField) -> SafeString:
    """The widget with KERN's class for its kind (Django adds aria-invalid and aria-describedby
    pointing at `<id>_helptext` and `<id>_error`, which `_field.html` renders)."""
    css = (
        "kern-form-input__select"
        if isinstance(field.field.widget, forms.Select)
        else "kern-form-input__input"
    )
    if field.errors:
        css += f" {css}--error"
    return field.as_widget(attrs={"class": css})


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


@register.filter
def fundstelle(demand: Demand) -> str:
    """Where a demand stands: "19. IntMK, TOP 3.3, Ziffer 1"."""
    resolution = demand.clause.resolution
    place = f"{resolution.conference.number}. IntMK, TOP {resolution.top}"
    return f"{place}, Ziffer {demand.clause.number}" if demand.clause.number else place
