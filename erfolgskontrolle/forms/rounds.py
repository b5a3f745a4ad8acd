"""Opening a reporting round."""

import datetime
from dataclasses import dataclass
from itertools import groupby
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import QueryDict
from django.utils import timezone

from beschluesse.models import Conference, Demand, Resolution
from erfolgskontrolle import rounds
from erfolgskontrolle.models import (
    ReportingRound,
)
from erfolgskontrolle.services import ONE_OPEN_ROUND_MESSAGE
from intmk.models import Land


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
