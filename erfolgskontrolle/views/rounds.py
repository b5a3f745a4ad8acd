"""Reporting rounds: the list, opening a round, its matrix, closing it (rules: rounds.py)."""

from dataclasses import dataclass
from itertools import groupby
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from beschluesse.models import Conference, Demand, Resolution
from erfolgskontrolle import access, rounds
from erfolgskontrolle.models import ReportingRound
from intmk.models import Land, User


class AuthenticatedRequest(HttpRequest):
    user: User  # behind @login_required
    htmx: HtmxDetails


@dataclass(frozen=True)
class Choice:
    value: int
    label: str
    checked: bool


@dataclass(frozen=True)
class DemandGroup:
    resolution: Resolution
    choices: list[tuple[Demand, bool]]


class RoundOpenForm(forms.Form):
    """Title, deadline, the demands asked about (all followed-up ones preselected) and the
    Länder asked (by default those the responsibility rule names for the demands)."""

    title = forms.CharField(label="Bezeichnung", max_length=200)
    deadline = forms.DateField(
        label="Frist",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Bitte geben Sie ein Datum ein, z. B. 28.02.2025."},
    )
    demands = forms.ModelMultipleChoiceField(
        label="Forderungen",
        queryset=Demand.objects.none(),
        error_messages={"required": "Bitte wählen Sie mindestens eine Forderung."},
    )
    lands = forms.ModelMultipleChoiceField(
        label="Berichtende Länder",
        queryset=Land.objects.all(),
        error_messages={"required": "Bitte wählen Sie mindestens ein Land."},
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
                "title": f"Erfolgskontrolle {conference.year + 1}",
                "demands": [d.pk for d in self.all_demands],
                "lands": sorted(rounds.default_land_ids(self.all_demands)),
            },
        )
        self.fields["demands"].queryset = rounds.followed_up_demands(conference)  # type: ignore[attr-defined]

    def clean_deadline(self) -> Any:
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.localdate():
            raise ValidationError("Die Frist muss in der Zukunft liegen.")
        return deadline

    def clean(self) -> dict[str, Any] | None:
        if ReportingRound.objects.open().filter(conference=self.conference).exists():
            raise ValidationError(rounds.ONE_OPEN_ROUND_MESSAGE)
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


def _see_other(url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(url, status=303)


@login_required
@require_safe
def round_list(request: AuthenticatedRequest) -> HttpResponse:
    all_rounds = list(
        access.rounds_for_list(request.user).order_by(
            F("closed_at").desc(nulls_first=True), "-opened_at", "-id"
        )
    )
    progress = rounds.rounds_progress(all_rounds)
    for reporting_round in all_rounds:
        reporting_round.progress = progress[reporting_round.pk]  # type: ignore[attr-defined]
    open_rounds = {r.conference_id: r for r in all_rounds if r.is_open}
    conferences = [
        (conference, open_rounds.get(conference.pk))
        for conference in access.conferences_for_rounds(request.user)
    ]
    context = {"rounds": all_rounds, "conferences": conferences, "today": timezone.localdate()}
    return render(request, "erfolgskontrolle/round_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: AuthenticatedRequest, number: int) -> HttpResponse:
    conference = access.conference_for_round(request.user, number)
    form = RoundOpenForm(request.POST if request.method == "POST" else None, conference=conference)
    if form.is_bound and form.is_valid():
        try:
            reporting_round = rounds.reporting_round_open(
                conference=conference, opened_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Die Berichtsrunde „{reporting_round}“ ist eröffnet.")
            return _see_other(reporting_round.get_absolute_url())
    context = {"conference": conference, "form": form}
    return render(request, "erfolgskontrolle/round_create.html", context)


def _detail_context(
    request: AuthenticatedRequest, reporting_round: ReportingRound
) -> dict[str, Any]:
    return {
        "round": reporting_round,
        "matrix": rounds.round_matrix(reporting_round),
        "may_manage": access.may_manage_round(request.user, reporting_round),
    }


@login_required
@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def round_detail(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    reporting_round = access.round_for_view(request.user, round_id)
    template = "erfolgskontrolle/round_detail.html"
    # "Stand aktualisieren" swaps only the matrix; htmx history misses need the whole page.
    if request.htmx and not request.htmx.history_restore_request:
        template += "#matrix"
    return render(request, template, _detail_context(request, reporting_round))


@login_required
@require_POST
def round_close(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    reporting_round = access.round_for_change(request.user, round_id)
    try:
        rounds.reporting_round_close(reporting_round=reporting_round, closed_by=request.user)
    except ValidationError as error:
        context = _detail_context(request, reporting_round) | {"error": " ".join(error.messages)}
        return render(request, "erfolgskontrolle/round_detail.html", context, status=409)
    messages.success(request, f"Die Berichtsrunde „{reporting_round}“ ist geschlossen.")
    return _see_other(reporting_round.get_absolute_url())
