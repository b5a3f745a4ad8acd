"""Reporting rounds: the list, opening a round, its matrix and the demands behind each cell,
reminding, closing it, and the table of all Länder's Sachstände (rules: rounds.py, duties.py,
reminders.py)."""

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from beschluesse.models import Conference
from erfolgskontrolle import access, conference_table, reminders, rounds, services, tables
from erfolgskontrolle.forms import RoundOpenForm
from erfolgskontrolle.models import ReportingRound
from erfolgskontrolle.views.http import AuthenticatedRequest, SeeOther
from intmk.page_cache import cached_page


@login_required
@require_safe
def round_list(request: AuthenticatedRequest) -> HttpResponse:
    p = access.require_role(request.user)
    all_rounds = list(
        ReportingRound.objects.for_list().order_by(
            F("closed_at").desc(nulls_first=True), "-opened_at", "-id"
        )
    )
    rounds.attach_progress(all_rounds)
    open_rounds = {r.conference_id: r for r in all_rounds if r.is_open}
    conferences = [
        (conference, open_rounds.get(conference.pk))
        for conference in Conference.objects.managed_by(p)  # those it may open a round for
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
            reporting_round = services.reporting_round_open(
                conference=conference, opened_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            mailed = services.reporting_round_announce(
                reporting_round=reporting_round, today=timezone.localdate()
            )
            messages.success(request, opened_message(reporting_round, mailed))
            return SeeOther(reporting_round.get_absolute_url())
    context = {"conference": conference, "form": form}
    return render(request, "erfolgskontrolle/round_create.html", context)


def opened_message(reporting_round: ReportingRound, mailed: reminders.SendResult) -> str:
    mails = "1 E-Mail" if mailed.sent == 1 else f"{mailed.sent} E-Mails"
    message = (
        f"Die Berichtsrunde „{reporting_round}“ ist eröffnet. {mails} an die "
        f"Landesbeauftragten versendet."
    )
    if mailed.failed:
        failed = "1 E-Mail konnte" if mailed.failed == 1 else f"{mailed.failed} E-Mails konnten"
        message += f" {failed} nicht versendet werden; bitte später „Erinnerung jetzt senden“."
    return message


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
@cached_page
def round_detail(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    reporting_round = access.round_for_view(request.user, round_id)
    template = "erfolgskontrolle/round_detail.html"
    # "Stand aktualisieren" swaps only the matrix; htmx history misses need the whole page.
    if request.htmx and not request.htmx.history_restore_request:
        template += "#matrix"
    return render(request, template, _detail_context(request, reporting_round))


@login_required
@require_http_methods(["GET", "POST"])
def round_close(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    """GET asks for confirmation (a page of its own, so it works without JavaScript); the POST
    of its form closes."""
    reporting_round = access.round_for_change(request.user, round_id)
    if request.method == "GET":
        if not reporting_round.is_open:
            return SeeOther(reporting_round.get_absolute_url())
        context = {"round": reporting_round, "matrix": rounds.round_matrix(reporting_round)}
        return render(request, "erfolgskontrolle/round_close.html", context)
    try:
        services.reporting_round_close(reporting_round=reporting_round, closed_by=request.user)
    except ValidationError as error:
        context = _detail_context(request, reporting_round) | {"error": " ".join(error.messages)}
        return render(request, "erfolgskontrolle/round_detail.html", context, status=409)
    messages.success(request, f"Die Berichtsrunde „{reporting_round}“ ist geschlossen.")
    return SeeOther(reporting_round.get_absolute_url())


@login_required
@require_POST
def round_remind(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    """ "Erinnerung jetzt senden": one mail per official and Land with open demands, at most
    one a day (the log of the reminders decides)."""
    reporting_round = access.round_for_change(request.user, round_id)
    try:
        result = services.reporting_round_remind(
            reporting_round=reporting_round,
            today=timezone.localdate(),
            reminded_by=request.user,
        )
    except ValidationError as error:
        context = _detail_context(request, reporting_round) | {"error": " ".join(error.messages)}
        return render(request, "erfolgskontrolle/round_detail.html", context, status=409)
    if result.sent or result.failed:
        messages.success(request, result.message)
    else:
        messages.info(
            request,
            "Keine Erinnerung versendet: Alle gefragten Länder haben geantwortet, oder ihre "
            "Landesbeauftragten haben heute schon eine E-Mail zu dieser Runde erhalten.",
        )
    return SeeOther(reporting_round.get_absolute_url())


@login_required
@require_safe
@cached_page
def round_land(request: AuthenticatedRequest, round_id: int, land_code: str) -> HttpResponse:
    """The demands behind a matrix cell (`?top=`) or row: what the Land must answer in the
    round, and whether it has."""
    reporting_round = access.round_for_view(request.user, round_id)
    land = access.round_land(reporting_round, land_code)
    data = rounds.round_data(reporting_round)
    top = request.GET.get("top", "")
    demands = [d for d in data.demands_of(land) if not top or d.clause.resolution.top == top]
    context = {
        "round": reporting_round,
        "land": land,
        "top": top,
        "items": [(d, (d.pk, land.pk) in data.done) for d in demands],
        "overdue": reporting_round.deadline_passed(),
    }
    return render(request, "erfolgskontrolle/round_land.html", context)


@login_required
@require_safe
@never_cache
def conference_table_export(
    request: AuthenticatedRequest, number: int, file_format: str
) -> HttpResponse:
    conference = access.conference_for_table(request.user, number)
    if file_format not in tables.FILE_FORMATS:
        raise Http404("Tabellen gibt es als XLSX oder CSV.")
    kind = cast(tables.FileFormat, file_format)
    response = HttpResponse(
        conference_table.write(conference, kind), content_type=tables.CONTENT_TYPES[kind]
    )
    filename = conference_table.filename(conference, kind)
    response["Content-Disposition"] = content_disposition_header(True, filename) or ""
    return response
