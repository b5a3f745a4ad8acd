"""Forms of the follow-up: one progress entry, the same entry for several demands, and opening
a reporting round.

The Land field accepts every Land, but offers only those the user may speak for: a posted Land
outside that list is not a typing error but a forged request, which the view refuses with 403
through `access.land_for_entry` before anything is written.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Prefetch, QuerySet
from django.http import QueryDict
from django.utils import timezone

from beschluesse.models import Conference, Demand, Resolution
from erfolgskontrolle import rounds
from erfolgskontrolle.models import (
    TEXT_MAX_LENGTH,
    Implementation,
    ProgressEntry,
    ReportingRound,
    Stance,
)
from erfolgskontrolle.services import ONE_OPEN_ROUND_MESSAGE, Link
from intmk.models import Land

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


def number_de(number: int) -> str:
    """4812 → "4.812", as German texts write numbers."""
    return f"{number:,}".replace(",", ".")


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


class EntryFieldsForm(forms.Form):
    """What every entry states: Land, date of the fact, the two axes, text and links."""

    link_count = 3

    land = forms.ModelChoiceField(
        label="Land",
        queryset=Land.objects.all(),
        to_field_name="code",
        empty_label="– bitte wählen –",
        error_messages={
            "required": "Bitte wählen Sie das Land, in dessen Namen Sie erfassen.",
            "invalid_choice": "Dieses Land gibt es nicht.",
        },
    )
    fact_date = forms.DateField(
        label="Stand vom",
        widget=DateInput(),
        help_text="Datum des Sachstands, z. B. 01.10.2024; nicht in der Zukunft.",
        error_messages={
            "required": "Bitte geben Sie das Datum des Sachstands an.",
            "invalid": "Bitte geben Sie ein Datum ein, z. B. 01.10.2024.",
        },
    )
    stance = forms.ModelChoiceField(
        label="Haltung des Adressaten",
        queryset=Stance.objects.filter(active=True),
        empty_label="– bitte wählen –",
        error_messages={
            "required": "Bitte wählen Sie die Haltung des Adressaten.",
            "invalid_choice": "Diese Haltung steht nicht (mehr) zur Auswahl.",
        },
    )
    implementation = forms.ModelChoiceField(
        label="Umsetzung",
        queryset=Implementation.objects.filter(active=True),
        empty_label="– bitte wählen –",
        error_messages={
            "required": "Bitte wählen Sie den Stand der Umsetzung.",
            "invalid_choice": "Dieser Umsetzungsstand steht nicht (mehr) zur Auswahl.",
        },
    )
    text = CountedTextField(
        label="Sachstand",
        limit=TEXT_MAX_LENGTH,
        help_text=f"Was ist geschehen, was ist geplant? Höchstens {number_de(TEXT_MAX_LENGTH)} "
        f"Zeichen.",
        error_messages={"required": "Bitte beschreiben Sie den Sachstand."},
    )

    def __init__(self, *args: Any, lands: Sequence[Land], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lands = list(lands)
        land_field = self.fields["land"]
        if len(self.lands) == 1:
            land_field.widget = forms.HiddenInput()
            land_field.initial = self.lands[0].code
        else:
            # Offer only the Länder the user speaks for; validation still knows all of them.
            land_field.widget.choices = [("", "– bitte wählen –")] + [
                (land.code, land.name) for land in self.lands
            ]
        self.fields["fact_date"].initial = timezone.localdate
        for i in range(1, self.link_count + 1):
            self.fields[f"link_{i}_label"] = forms.CharField(
                label=f"Beleg {i}: Bezeichnung",
                max_length=LABEL_MAX_LENGTH,
                required=False,
                error_messages={
                    "max_length": f"Die Bezeichnung darf höchstens {LABEL_MAX_LENGTH} Zeichen "
                    "lang sein."
                },
            )
            self.fields[f"link_{i}_url"] = EvidenceUrlField(
                label=f"Beleg {i}: Adresse", required=False
            )

    @property
    def single_land(self) -> Land | None:
        """The one Land the user speaks for; the form shows it as text."""
        return self.lands[0] if len(self.lands) == 1 else None

    @property
    def links_hint_id(self) -> str:
        return str(self.auto_id) % "belege_hinweis"

    def link_pairs(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        return [
            (i, self[f"link_{i}_label"], self[f"link_{i}_url"])
            for i in range(1, self.link_count + 1)
        ]

    def clean_fact_date(self) -> datetime.date:
        fact_date: datetime.date = self.cleaned_data["fact_date"]
        if fact_date > timezone.localdate():
            raise ValidationError("Das Datum darf nicht in der Zukunft liegen.")
        return fact_date

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for i in range(1, self.link_count + 1):
            label, url = cleaned.get(f"link_{i}_label"), cleaned.get(f"link_{i}_url")
            if url and not label:
                self.add_error(f"link_{i}_label", "Bitte geben Sie dem Beleg eine Bezeichnung.")
            if label and not url and f"link_{i}_url" not in self.errors:
                self.add_error(f"link_{i}_url", "Bitte geben Sie die Adresse des Belegs an.")
        return cleaned

    def links(self) -> list[Link]:
        pairs = (
            (self.cleaned_data[f"link_{i}_url"], self.cleaned_data[f"link_{i}_label"])
            for i in range(1, self.link_count + 1)
        )
        return [Link(url=url, label=label) for url, label in pairs if url]

    def entry_values(self) -> dict[str, Any]:
        """The keyword arguments of the services for what the user typed."""
        return {
            "land": self.cleaned_data["land"],
            "fact_date": self.cleaned_data["fact_date"],
            "stance": self.cleaned_data["stance"],
            "implementation": self.cleaned_data["implementation"],
            "text": self.cleaned_data["text"],
            "links": self.links(),
        }


class EntryForm(EntryFieldsForm):
    """One entry for one demand, on the demand page, inline on "Meine Aufgaben", or alone."""

    # The newest entry when the form was rendered: newer ones are shown before saving.
    gesehen = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Set to save although newer entries exist (the re-rendered form moves `gesehen` instead).
    bestaetigt = forms.BooleanField(required=False, widget=forms.HiddenInput)
    korrigiert = forms.ModelChoiceField(
        queryset=ProgressEntry.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": "Der korrigierte Eintrag gehört nicht zu dieser Forderung."
        },
    )

    def __init__(
        self,
        *args: Any,
        demand: Demand,
        corrects: ProgressEntry | None = None,
        **kwargs: Any,
    ) -> None:
        if corrects is not None:
            kwargs["initial"] = {**correction_initial(corrects), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.demand = demand
        self._corrects = corrects
        self.fields["korrigiert"].queryset = demand.progress_entries.select_related("land")  # type: ignore[attr-defined]
        if not self.single_land:
            lead = demand.clause.resolution.lead
            self.fields["land"].initial = lead.code if lead in self.lands else None
        # What the form remembers as the newest entry it was opened on (hidden `gesehen`).
        self.seen_id: int | None = self._posted_seen_id()

    def _posted_seen_id(self) -> int | None:
        try:
            return int(self.data["gesehen"]) if self.is_bound else None
        except (KeyError, TypeError, ValueError):
            return None

    def prepare_blank(self, *, seen_id: int | None, autofocus: bool = False) -> None:
        """A form about to be shown empty: remember the newest entry; focus the first field
        when it opens inside a page (the task list row)."""
        self.seen_id = seen_id
        if autofocus:
            first = "fact_date" if self.single_land else "land"
            self.fields[first].widget.attrs["autofocus"] = True

    @property
    def corrected_entry(self) -> ProgressEntry | None:
        if self.is_bound:
            return getattr(self, "cleaned_data", {}).get("korrigiert")
        return self._corrects

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        corrects, land = cleaned.get("korrigiert"), cleaned.get("land")
        if corrects is not None and land is not None and corrects.land_id != land.pk:
            self.add_error(
                "land",
                f"Eine Korrektur wird im Namen des Landes erfasst, dessen Eintrag sie "
                f"korrigiert ({corrects.land}).",
            )
        return cleaned


def correction_initial(entry: ProgressEntry) -> dict[str, Any]:
    """The corrected entry's values, for the user to change what was wrong."""
    initial: dict[str, Any] = {
        "land": entry.land.code,
        "fact_date": entry.fact_date,
        "stance": entry.stance_id,
        "implementation": entry.implementation_id,
        "text": entry.text,
        "korrigiert": entry.pk,
    }
    for i, link in enumerate(entry.links.all()[: EntryForm.link_count], start=1):
        initial[f"link_{i}_label"] = link.label
        initial[f"link_{i}_url"] = link.url
    return initial


class DemandIdsField(forms.Field):
    """The ticked rows of the task list (`forderungen`), as ids."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": "Bitte wählen Sie mindestens eine Forderung aus.",
        "invalid": "Die Auswahl der Forderungen ist ungültig.",
    }

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        try:
            return sorted({int(v) for v in value})
        except (TypeError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class BulkEntryForm(EntryFieldsForm):
    """One state and one text for several demands of "Meine Aufgaben"."""

    link_count = 1

    forderungen = DemandIdsField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "sammel-%s")
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = (
            f"Derselbe Text wird zu jeder ausgewählten Forderung gespeichert. "
            f"Höchstens {number_de(TEXT_MAX_LENGTH)} Zeichen."
        )

    def selected_ids(self) -> set[int]:
        """The ticked rows, also when the form is invalid, so that they stay ticked."""
        if not self.is_bound:
            return set()
        try:
            ids = DemandIdsField().to_python(self["forderungen"].value())
        except ValidationError:
            return set()
        return set(ids)


# Reporting rounds ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    value: int
    label: str
    checked: bool


@dataclass(frozen=True)
class DemandGroup:
    resolution: Resolution
    choices: list[tuple[Demand, bool]]


def example_deadline(today: datetime.date | None = None) -> datetime.date:
    """A deadline for the form's hint: the last day of the month after next, always ahead."""
    today = today or timezone.localdate()
    year, month = divmod(today.month + 2, 12)  # month after next, 0-based
    first_after = datetime.date(today.year + year, month + 1, 1)
    return first_after - datetime.timedelta(days=1)


def title_taken_message(title: str) -> str:
    return (
        f"Diese Konferenz hat bereits eine Berichtsrunde „{title}“. Bitte wählen Sie eine "
        f"Bezeichnung, die sie unterscheidet, z. B. „{title} – Nachfrage“."
    )


def proposed_title(conference: Conference) -> str:
    """ "Erfolgskontrolle 2025"; for a further round of the same conference a numbered one."""
    taken = {
        title.casefold()
        for title in ReportingRound.objects.filter(conference=conference).values_list(
            "title", flat=True
        )
    }
    title = f"Erfolgskontrolle {conference.year + 1}"
    number = 2
    while title.casefold() in taken:
        title = f"Erfolgskontrolle {conference.year + 1} – {number}. Runde"
        number += 1
    return title


class RoundOpenForm(forms.Form):
    """Title, deadline, the demands asked about (all followed-up ones preselected) and the
    Länder asked (by default those the responsibility rule names for the demands)."""

    title = forms.CharField(
        label="Bezeichnung",
        max_length=200,
        error_messages={
            "required": "Bitte geben Sie der Runde eine Bezeichnung.",
            "max_length": "Die Bezeichnung darf höchstens 200 Zeichen lang sein.",
        },
    )
    deadline = forms.DateField(
        label="Frist",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "Bitte geben Sie die Frist an."},
    )
    demands = forms.ModelMultipleChoiceField(
        label="Forderungen",
        queryset=Demand.objects.none(),
        error_messages={
            "required": "Bitte wählen Sie mindestens eine Forderung.",
            "invalid_choice": "Eine der gewählten Forderungen gehört nicht zu dieser Konferenz.",
            "invalid_pk_value": "Die Auswahl der Forderungen ist ungültig.",
        },
    )
    lands = forms.ModelMultipleChoiceField(
        label="Berichtende Länder",
        queryset=Land.objects.all(),
        error_messages={
            "required": "Bitte wählen Sie mindestens ein Land.",
            "invalid_choice": "Eines der gewählten Länder gibt es nicht.",
            "invalid_pk_value": "Die Auswahl der Länder ist ungültig.",
        },
    )

    def __init__(self, data: Any = None, *, conference: Conference) -> None:
        self.conference = conference
        self.all_demands = list(
            rounds.followed_up_demands(conference).prefetch_related(
                Prefetch("clause__resolution__applicants", queryset=Land.objects.only("pk"))
            )
        )
        super().__init__(
            data,
            initial={
                "title": proposed_title(conference) if data is None else "",
                "demands": [d.pk for d in self.all_demands],
                "lands": sorted(rounds.default_land_ids(self.all_demands)),
            },
        )
        self.fields["demands"].queryset = rounds.followed_up_demands(conference)  # type: ignore[attr-defined]
        self.example_deadline = example_deadline()
        self.fields["deadline"].error_messages["invalid"] = (
            f"Bitte geben Sie ein Datum ein, z. B. {self.example_deadline:%d.%m.%Y}."
        )

    def clean_title(self) -> str:
        """The title goes into the subject of the reminder mails, where a line break is refused
        (BadHeaderError), and names the round in lists: no two alike in one conference. The
        field has stripped surrounding whitespace already."""
        title: str = self.cleaned_data["title"]
        if "\r" in title or "\n" in title:
            raise ValidationError("Die Bezeichnung darf keinen Zeilenumbruch enthalten.")
        same = ReportingRound.objects.filter(conference=self.conference, title__iexact=title)
        if same.exists():
            raise ValidationError(title_taken_message(title), code="title_taken")
        return title

    def clean_deadline(self) -> Any:
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.localdate():
            raise ValidationError(
                f"Die Frist muss in der Zukunft liegen, z. B. {self.example_deadline:%d.%m.%Y}."
            )
        return deadline

    def clean(self) -> dict[str, Any] | None:
        if ReportingRound.objects.open().filter(conference=self.conference).exists():
            raise ValidationError(ONE_OPEN_ROUND_MESSAGE)
        return super().clean()

    def _selected(self, name: str) -> set[str]:
        if self.is_bound:
            return set(cast(QueryDict, self.data).getlist(name))
        return {str(value) for value in self.initial[name]}

    def demand_groups(self) -> list[DemandGroup]:
        selected = self._selected("demands")
        return [
            DemandGroup(resolution, [(d, str(d.pk) in selected) for d in demands])
            for resolution, demands in groupby(self.all_demands, key=lambda d: d.clause.resolution)
        ]

    def land_choices(self) -> list[Choice]:
        selected = self._selected("lands")
        lands: QuerySet[Land] = self.fields["lands"].queryset  # type: ignore[attr-defined]
        return [Choice(land.pk, land.name, str(land.pk) in selected) for land in lands]
