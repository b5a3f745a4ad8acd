"""Template helpers shared by all apps: KERN form fields and German durations."""

import datetime

from django import forms, template
from django.utils.safestring import SafeString

from intmk.formatting import number_de

register = template.Library()


@register.filter
def kern_input(field: forms.BoundField) -> SafeString:
    """The widget with KERN's class for its kind (select or input).

    Django adds aria-invalid and aria-describedby (`<id>_helptext`, `<id>_error`) itself;
    `_field.html` gives those ids to the hint and the error.
    """
    css = (
        "kern-form-input__select"
        if isinstance(field.field.widget, forms.Select)
        else "kern-form-input__input"
    )
    if field.errors:
        css += f" {css}--error"
    return field.as_widget(attrs={"class": css})


@register.filter
def duration_de(value: datetime.timedelta) -> str:
    """1 Stunde, 90 Minuten → "1 Stunde 30 Minuten", 2 Tage."""
    minutes = int(value.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    for amount, one, many in (
        (days, "Tag", "Tage"),
        (hours, "Stunde", "Stunden"),
        (minutes, "Minute", "Minuten"),
    ):
        if amount:
            parts.append(f"{amount} {one if amount == 1 else many}")
    return " ".join(parts) or "weniger als eine Minute"


@register.filter
def zahl(value: int) -> str:
    """4812 → "4.812" in templates."""
    return number_de(value)


@register.filter
def sub(value: int, other: int) -> int:
    return int(value) - int(other)
