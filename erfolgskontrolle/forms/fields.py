"""Fields and helpers the follow-up's forms share: dates, evidence addresses, counted texts."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from intmk.formatting import number_de

URL_MAX_LENGTH = 500  # EvidenceLink.url
LABEL_MAX_LENGTH = 200  # EvidenceLink.label

URL_SCHEME_ERROR = "Nur Adressen, die mit http:// oder https:// beginnen, sind als Beleg erlaubt."


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class EvidenceUrlField(forms.CharField):
    """A web address for a source; only http and https, so no `javascript:` ever gets a link."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "error_messages",
            {"max_length": f"Die Adresse darf höchstens {URL_MAX_LENGTH} Zeichen lang sein."},
        )
        super().__init__(max_length=URL_MAX_LENGTH, widget=forms.URLInput, **kwargs)

    def clean(self, value: Any) -> str:
        url = super().clean(value)
        if not url:
            return ""
        scheme, _, rest = url.partition("://")
        if scheme.lower() not in ("http", "https") or not rest:
            raise ValidationError(URL_SCHEME_ERROR, code="scheme")
        url = f"{scheme.lower()}://{rest}"  # the database accepts only lower-case schemes
        URLValidator(schemes=["http", "https"], message="Diese Adresse ist ungültig.")(url)
        return url


def too_long_message(length: int, limit: int) -> str:
    return (
        f"Der Text ist {number_de(length)} Zeichen lang; erlaubt sind höchstens "
        f"{number_de(limit)}. Bitte kürzen Sie ihn um {number_de(length - limit)} Zeichen."
    )


class CountedBoundField(forms.BoundField):
    """Describes the field by its live character count too (`_field.html` renders it)."""

    @property
    def aria_describedby(self) -> str | None:
        if self.field.widget.attrs.get("aria-describedby") or not self.auto_id:
            return super().aria_describedby
        return " ".join(filter(None, [super().aria_describedby, f"{self.auto_id}_zaehler"]))


class CountedTextField(forms.CharField):
    """A long text with a limit that is never cut silently.

    A `maxlength` attribute would make the browser cut a pasted text at the limit, mid-word and
    unnoticed; instead the page counts as the user types ("4.812 von 5.000 Zeichen", static/js)
    and the server refuses a longer text with a message."""

    bound_field_class = CountedBoundField

    def __init__(self, *, limit: int, **kwargs: Any) -> None:
        self.limit = limit
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 5}))
        super().__init__(**kwargs)
        self.widget.attrs["data-zeichen-max"] = str(limit)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and len(value) > self.limit:
            raise ValidationError(too_long_message(len(value), self.limit), code="max_length")
