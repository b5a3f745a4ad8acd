"""Public pages of the Beschlussregister: published minutes, read-only, no login."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from beschluesse import access
from beschluesse.filters import DemandFilter

DEMANDS_PER_PAGE = 50


@require_safe
def conference_list(request: HttpRequest) -> HttpResponse:
    conferences = access.conferences_for_list()
    return render(request, "beschluesse/conference_list.html", {"conferences": conferences})


@require_safe
def conference_detail(request: HttpRequest, number: int) -> HttpResponse:
    conference = access.conference_for_view(number)
    context = {
        "conference": conference,
        "agenda_items": access.agenda_for_view(conference),
        "other_resolutions": access.resolutions_without_agenda_item(conference),
    }
    return render(request, "beschluesse/conference_detail.html", context)


@require_safe
def resolution_detail(request: HttpRequest, number: int, top: str) -> HttpResponse:
    resolution = access.resolution_for_view(number, top)
    return render(request, "beschluesse/resolution_detail.html", {"resolution": resolution})


@require_safe
def demand_list(request: HttpRequest) -> HttpResponse:
    demand_filter = DemandFilter(request.GET, queryset=access.demands_for_list())
    page = Paginator(demand_filter.qs, DEMANDS_PER_PAGE).get_page(request.GET.get("seite"))
    context = {"filter": demand_filter, "page": page, "searching": bool(request.GET.get("q"))}
    template = "beschluesse/demand_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)
