"""Public pages of the Beschlussregister: published minutes, read-only, no login."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from beschluesse import access
from beschluesse.extensions import annotate_demands
from beschluesse.filters import DemandFilter
from beschluesse.history import resolution_history
from beschluesse.models import AgendaItem
from intmk.page_cache import cached_page
from intmk.roles import principal

DEMANDS_PER_PAGE = 25


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@dataclass
class AgendaGroup:
    heading: str  # "TOP 3 Integration, Teilhabe …"; blank for items outside a group (TOP A, B)
    items: list[AgendaItem] = field(default_factory=list)


def agenda_groups(items: Iterable[AgendaItem]) -> list[AgendaGroup]:
    """Group the agenda as the minutes print it.

    The importer gives each group's own item (TOP 3, titled like the group) the group as well;
    it becomes the heading row, and stays a row of its own only when it carries a resolution or
    applicants (TOP 2, the lead motion) or when nothing else is in its group (TOP 7, TOP 9).
    """
    groups = []
    for name, members in groupby(items, key=lambda item: item.group):
        members_list = list(members)
        if not name:
            groups.append(AgendaGroup("", members_list))
            continue
        own = next((m for m in members_list if "." not in m.top and m.title == name), None)
        number = (own or members_list[0]).top.split(".")[0]
        heading = name if name.startswith("TOP") else f"TOP {number} {name}"
        rest = [m for m in members_list if m is not own or _is_more_than_heading(m)]
        groups.append(AgendaGroup(heading, rest) if rest else AgendaGroup("", members_list))
    return groups


def _is_more_than_heading(item: AgendaItem) -> bool:
    return getattr(item, "resolution", None) is not None or bool(item.applicants.all())


@require_safe
@cached_page
def conference_list(request: HtmxHttpRequest) -> HttpResponse:
    conferences = access.conferences_for_list()
    return render(request, "beschluesse/conference_list.html", {"conferences": conferences})


@require_safe
@cached_page
def conference_detail(request: HtmxHttpRequest, number: int) -> HttpResponse:
    conference = access.conference_for_view(number)
    context = {
        "conference": conference,
        "curates": principal(request.user).manages(conference),
        "agenda": agenda_groups(access.agenda_for_view(conference)),
        "other_resolutions": access.resolutions_without_agenda_item(conference),
        "may_import": access.may_import_conference(request.user, conference),
    }
    return render(request, "beschluesse/conference_detail.html", context)


@require_safe
@cached_page
def resolution_detail(request: HtmxHttpRequest, number: int, top: str) -> HttpResponse:
    resolution = access.resolution_for_view(number, top)
    demands = [d for clause in resolution.clauses.all() for d in clause.demands.all()]
    curates = principal(request.user).manages(resolution.conference)
    context = {
        "resolution": resolution,
        "follow_up": annotate_demands(request, demands),
        "curates": curates,
        "history": resolution_history(resolution) if curates else [],
    }
    return render(request, "beschluesse/resolution_detail.html", context)


@require_safe
# The same URL answers with the page or with the results fragment; caches must keep them apart.
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
@cached_page
def demand_list(request: HtmxHttpRequest) -> HttpResponse:
    demand_filter = DemandFilter(request.GET, queryset=access.demands_for_list(), request=request)
    page = Paginator(demand_filter.qs, DEMANDS_PER_PAGE).get_page(request.GET.get("seite"))
    page.object_list = list(page.object_list)
    context = {
        "follow_up": annotate_demands(request, page.object_list),
        "filter": demand_filter,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
        "searching": bool(demand_filter.form.cleaned_data.get("q")),
    }
    template = "beschluesse/demand_list.html"
    # htmx 2 marks its history-cache misses as htmx requests too; they need the whole page.
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
        context["status_oob"] = True
    return render(request, template, context)
