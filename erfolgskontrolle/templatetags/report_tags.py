"""Formatting of the report's data (ISO strings and floats in `schema.ReportData`) in German."""

import datetime
import re

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString

from erfolgskontrolle.report import charts
from erfolgskontrolle.report.schema import Share

register = template.Library()


@register.filter
def isodate(value: str | None) -> str:
    """ "2024-03-20" → "20.03.2024"."""
    if not value:
        return ""
    return datetime.date.fromisoformat(value[:10]).strftime("%d.%m.%Y")


@register.filter
def isotime(value: str | None) -> str:
    """An ISO time with offset → "03.02.2025, 14:05 Uhr" (local time)."""
    if not value:
        return ""
    moment = timezone.localtime(datetime.datetime.fromisoformat(value))
    return moment.strftime("%d.%m.%Y, %H:%M Uhr")


@register.filter
def prozent(value: float) -> str:
    return charts.percent_label(value)


@register.filter
def anchor(top: str) -> str:
    """The id of a resolution in the report: "TOP 3.3" → "top-3-3"."""
    return "top-" + re.sub(r"[^0-9A-Za-z]+", "-", top).strip("-").lower()


@register.simple_tag
def share_chart(shares: list[Share], title: str, chart_id: str) -> SafeString:
    return charts.stacked_bar(shares, title=title, chart_id=chart_id)


@register.simple_tag
def swatch(share: Share, index: int) -> SafeString:
    return charts.swatch(share, index)
