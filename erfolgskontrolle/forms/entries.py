"""Recording progress: one entry (with correction), and the same entry for several demands.

The Land field accepts every Land, but offers only those the user may speak for: a posted Land
outside that list is not a typing error but a forged request, which the view refuses with 403
through `access.land_for_entry` before anything is written.
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from beschluesse.models import Demand
from erfolgskontrolle.forms.fields import (
    LABEL_MAX_LENGTH,
    CountedTextField,
    DateInput,
    EvidenceUrlField,
)
from erfolgskontrolle.models import (
    TEXT_MAX_LENGTH,
    Implementation,
    ProgressEntry,
    Stance,
)
from erfolgskontrolle.services import Link
from intmk.formatting import number_de
from intmk.models import Land


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
