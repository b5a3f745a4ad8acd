"""Reporting rounds: the list, opening a round, its matrix, closing it (rules: rounds.py)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from erfolgskontrolle import access, rounds
from erfolgskontrolle.forms import RoundOpenForm
from erfolgskontrolle.models import ReportingRound
from erfolgskontrolle.views.http import AuthenticatedRequest, SeeOther


@login_required
@require_safe
def round_list(request: AuthenticatedRequest) -> HttpResponse:
    all_rounds = list(
        access.rounds_for_list(request.user).order_by(
            F("closed_at").desc(nulls_first=True), "-opened_at", "-id"
        )
    )
    rounds.attach_progress(all_rounds)
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
            return SeeOther(reporting_round.get_absolute_url())
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
    return SeeOther(reporting_round.get_absolute_url())
