"""A demand's page (current state and timeline) and recording one progress entry.

The entry form lives in three places, each posting to a URL of its own: a page of its own
(`entry-create`), the demand page's region #sachstand (`entry-create-section`, which answers the
whole demand page without htmx) and a row of "Meine Aufgaben" (`entry-create-row`, htmx swaps the
row's <tbody>; without htmx it answers like the page of its own). Without JavaScript every form
posts normally and ends in a 303 to the demand page. A form that is shown again (errors, or
entries saved meanwhile) answers 200, so that htmx swaps it in like any other answer.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from beschluesse.models import Demand
from erfolgskontrolle import access, services, state
from erfolgskontrolle.forms import EntryForm
from erfolgskontrolle.models import ProgressEntry
from erfolgskontrolle.views import tasks
from erfolgskontrolle.views.http import AuthenticatedRequest, SeeOther
from intmk.page_cache import cached_page

# Where the entry form is shown: its own page, the demand page's region, a task row.
PAGE, SECTION, ROW = "", "seite", "zeile"
TIMELINE_SHOWN = 20


@login_required
@require_safe
@cached_page
def demand_detail(request: AuthenticatedRequest, demand_id: int) -> HttpResponse:
    demand = access.demand_for_view(request.user, demand_id)
    return render(request, "erfolgskontrolle/demand_detail.html", page_context(request, demand))


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def entry_create(request: AuthenticatedRequest, demand_id: int) -> HttpResponse:
    """The entry form on a page of its own (and its fragment for htmx)."""
    return record_entry(request, demand_id, PAGE)


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def entry_create_section(request: AuthenticatedRequest, demand_id: int) -> HttpResponse:
    """The entry form in the demand page's region #sachstand (the whole page without htmx)."""
    return record_entry(request, demand_id, SECTION)


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def entry_create_row(request: AuthenticatedRequest, demand_id: int) -> HttpResponse:
    """The entry form in a row of "Meine Aufgaben" (like the page of its own without htmx)."""
    return record_entry(request, demand_id, ROW)


def record_entry(request: AuthenticatedRequest, demand_id: int, place: str) -> HttpResponse:
    demand = access.demand_for_recording(request.user, demand_id)
    lands = access.recording_lands(request.user, demand)
    auto_id = f"zeile-{demand.pk}-%s" if place == ROW else "id_%s"
    if request.method == "GET":
        corrects = access.entry_to_correct(demand, request.GET.get("korrigiert"), lands)
        form = EntryForm(demand=demand, lands=lands, corrects=corrects, auto_id=auto_id)
        form.prepare_blank(seen_id=state.newest_entry_id(demand), autofocus=place == ROW)
        return render_form(request, demand, form, place)
    form = EntryForm(request.POST, demand=demand, lands=lands, auto_id=auto_id)
    valid = form.is_valid()
    if "land" in form.cleaned_data:  # a forged Land is refused even when other fields are wrong
        on_behalf = access.land_for_entry(request.user, demand, form.cleaned_data["land"])
    if not valid:
        return render_form(request, demand, form, place)
    newer = state.newer_entries_unless_confirmed(demand, form.cleaned_data)
    if newer:
        form.seen_id = newer[0].pk  # saving again means: seen, and still meant
        return render_form(request, demand, form, place, newer=newer)
    entry = services.progress_entry_create(
        demand=demand,
        author=request.user,
        on_behalf=on_behalf,
        corrects=form.cleaned_data["korrigiert"],
        **form.entry_values(),
    )
    return entry_saved(request, demand, entry, place)


def page_context(
    request: AuthenticatedRequest, demand: Demand, form: EntryForm | None = None, **extra: Any
) -> dict[str, Any]:
    """The demand page: facts, current state, timeline and (for those who record) the form."""
    # The newest entries render at once, the rest on request: long histories stay fast.
    show_all = request.GET.get("verlauf") == "alle"
    items = state.timeline(demand, links_for=None if show_all else TIMELINE_SHOWN)
    may_record = access.may_record(request.user, demand)
    lands = access.recording_lands(request.user, demand) if may_record else []
    if form is None and lands:
        form = EntryForm(demand=demand, lands=lands)
        form.prepare_blank(seen_id=items[0].entry.pk if items else None)
    resolution = demand.clause.resolution
    shown = items if show_all else items[:TIMELINE_SHOWN]
    return {
        "demand": demand,
        "co_applicants": [land for land in resolution.applicants.all() if land != resolution.lead],
        "items": items,
        "shown_items": shown,
        "shown_ids": {item.entry.pk for item in shown},
        "current": state.current_item(items),
        "form": form,
        "correctable_land_ids": {land.pk for land in lands},
        **extra,
    }


def render_form(
    request: AuthenticatedRequest,
    demand: Demand,
    form: EntryForm,
    place: str,
    newer: list[ProgressEntry] | None = None,
) -> HttpResponse:
    newer = newer or []
    if place == SECTION:
        template = "erfolgskontrolle/demand_detail.html"
        if request.htmx:
            template += "#sachstand"
        return render(request, template, page_context(request, demand, form, newer=newer))
    if place == ROW and request.htmx:
        row = tasks.render_task_rows(request, demand, form=form, newer=newer)
        if row is not None:
            return row
    items = state.timeline(demand, links_for=0)
    context = {"demand": demand, "form": form, "newer": newer, "current": state.current_item(items)}
    template = "erfolgskontrolle/entry_form.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#form"
    return render(request, template, context)


def entry_saved(
    request: AuthenticatedRequest, demand: Demand, entry: ProgressEntry, place: str
) -> HttpResponse:
    if request.htmx and place == SECTION:
        context = page_context(request, demand, saved_entry=entry)
        return render(request, "erfolgskontrolle/demand_detail.html#sachstand", context)
    if request.htmx and place == ROW:
        row = tasks.render_task_rows(request, demand, saved=True)
        if row is not None:
            return row
    messages.success(request, f"Sachstand für {entry.land} gespeichert.")
    if request.htmx:
        return HttpResponseClientRedirect(entry.get_absolute_url())
    return SeeOther(entry.get_absolute_url())
