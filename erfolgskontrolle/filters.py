"""Facets of "Meine Aufgaben": those of the demand list, plus the current state.

The queryset must carry `TrackedDemand.objects.with_state()`: the state facets filter on its
annotation `current_entry_id` (inside Q objects, which django-stubs does not check against model
fields).
"""

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from beschluesse.filters import DemandFilter
from beschluesse.models import Demand
from erfolgskontrolle.models import Implementation, ProgressEntry, Stance

WITHOUT_STATE = [("", "alle"), ("true", "nur ohne Sachstand"), ("false", "nur mit Sachstand")]


def implementation_choices() -> list[tuple[int, str]]:
    # Retired terms too: demands still stand in them.
    return [(term.pk, term.name) for term in Implementation.objects.all()]


def stance_choices() -> list[tuple[int, str]]:
    return [(term.pk, term.name) for term in Stance.objects.all()]


class TaskFilter(DemandFilter):
    umsetzung = django_filters.ChoiceFilter(
        label="Umsetzung (aktueller Stand)",
        choices=implementation_choices,
        empty_label="alle",
        method="filter_implementation",
    )
    haltung = django_filters.ChoiceFilter(
        label="Haltung des Adressaten",
        choices=stance_choices,
        empty_label="alle",
        method="filter_stance",
    )
    ohne_sachstand = django_filters.BooleanFilter(
        label="Ohne Sachstand",
        method="filter_without_state",
        widget=forms.Select(choices=WITHOUT_STATE),
    )

    class Meta(DemandFilter.Meta):
        pass

    def filter_implementation(
        self, queryset: QuerySet[Demand], name: str, value: str
    ) -> QuerySet[Demand]:
        entries = ProgressEntry.objects.filter(implementation_id=value)
        return queryset.filter(Q(current_entry_id__in=entries.values("pk")))

    def filter_stance(self, queryset: QuerySet[Demand], name: str, value: str) -> QuerySet[Demand]:
        entries = ProgressEntry.objects.filter(stance_id=value)
        return queryset.filter(Q(current_entry_id__in=entries.values("pk")))

    def filter_without_state(
        self, queryset: QuerySet[Demand], name: str, value: bool | None
    ) -> QuerySet[Demand]:
        if value is None:
            return queryset
        return queryset.filter(Q(current_entry_id__isnull=value))
