"""Formatting for the Beschlussregister pages; every filter escapes before it adds markup."""

import datetime
from typing import Any

from django import template
from django.template.defaultfilters import date as format_date
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from beschluesse.filters import MARK_START, MARK_STOP
from beschluesse.models import Clause, Demand, DissentNote

register = template.Library()


@register.filter
def highlight(headline: str) -> SafeString:
    """Escape a search headline, then turn the match markers into <mark> tags."""
    marked = escape(headline).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(marked)  # escaped above; only our own tags added


@register.filter
def has_highlight(headline: str | None) -> bool:
    return bool(headline and MARK_START in headline)


@register.filter
def date_range(first: datetime.date | None, last: datetime.date | None) -> str:
    """20.–21. März 2024; 30. April – 2. Mai 2024; one day alone when both are the same."""
    if first is None:
        return ""
    if last is None or last == first:
        return format_date(first, "j. F Y")
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}.–{format_date(last, 'j. F Y')}"
    if first.year == last.year:
        return f"{format_date(first, 'j. F')} – {format_date(last, 'j. F Y')}"
    return f"{format_date(first, 'j. F Y')} – {format_date(last, 'j. F Y')}"


@register.filter
def lines(item: Clause | DissentNote) -> str:
    """The printed line numbers: "1–10", "5", or "" when the source had none."""
    if item.line_from is None:
        return ""
    if item.line_to is None or item.line_to == item.line_from:
        return str(item.line_from)
    return f"{item.line_from}–{item.line_to}"


@register.simple_tag
def clause_text(clause: Clause) -> SafeString:
    """The clause text with line breaks kept and each demand's wording marked where it occurs."""
    text = clause.text
    spans: list[tuple[int, int]] = []
    for demand in clause.demands.all():
        start = text.find(demand.wording) if demand.wording else -1
        end = start + len(demand.wording)
        if start >= 0 and all(end <= s or start >= e for s, e in spans):
            spans.append((start, end))
    parts: list[str] = []
    cursor = 0
    for start, end in sorted(spans):
        parts.append(escape(text[cursor:start]))
        parts.append(format_html('<mark class="forderung-text">{}</mark>', text[start:end]))
        cursor = end
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts).replace("\n", "<br>"))  # every part escaped above


@register.simple_tag
def demand_groups(clause: Clause) -> list[dict[str, Any]]:
    """The clause's demands, those with the same wording together (one sentence to Bund and
    Länder), each marked whether its wording is already highlighted in the clause text."""
    groups: dict[str, list[Demand]] = {}
    for demand in clause.demands.all():
        groups.setdefault(demand.wording, []).append(demand)
    return [
        {
            "wording": wording,
            "demands": demands,
            "in_text": bool(wording) and wording in clause.text,
        }
        for wording, demands in groups.items()
    ]


@register.filter
def errors_at(field_errors: dict[str, list[str]] | None, element_id: str) -> list[str]:
    """The messages of the refused form field whose element has this id (import preview)."""
    return (field_errors or {}).get(element_id, [])


@register.filter
def values_of(data: Any, name: str) -> list[str]:
    """All values posted under `name` (a QueryDict's getlist; `data.name` gives only the last)."""
    getlist = getattr(data, "getlist", None)
    return list(getlist(name)) if getlist else []
