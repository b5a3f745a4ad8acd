""" "Meine Aufgaben": the demands a user's Land leads or co-applies for, with their state, and
one state for several of them at once (Sammelerfassung).

The bulk form is not wrapped around the table: the rows hold their own entry forms (htmx), and
forms cannot nest. The row checkboxes join it through `form="sammelerfassung"`.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from beschluesse.models import Demand
from beschluesse.views import DEMANDS_PER_PAGE
from erfolgskontrolle import access, services, state
from erfolgskontrolle.filters import TaskFilter
from erfolgskontrolle.forms import BulkEntryForm, EntryForm
from erfolgskontrolle.models import ProgressEntry, TrackedDemand
from erfolgskontrolle.views.http import AuthenticatedRequest, SeeOther
from intmk.page_cache import cached_page
from intmk.roles import AnyUser, Principal

TASKS_PER_PAGE = DEMANDS_PER_PAGE


@login_required
@require_safe
# The same URL answers with the page or with the results fragment; caches must keep them apart.
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
@cached_page
def task_list(request: AuthenticatedRequest) -> HttpResponse:
    context = task_list_context(request, request.GET)
    template = "erfolgskontrolle/task_list.html"
    # htmx 2 marks its history-cache misses as htmx requests too; they need the whole page.
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
        context["status_oob"] = True
    return render(request, template, context)


@login_required
@require_POST
def bulk_entry_create(request: AuthenticatedRequest) -> HttpResponse:
    lands = access.require_bulk_recording(request.user)
    form = BulkEntryForm(request.POST, lands=lands)
    if form.is_valid():
        targets = access.demands_for_bulk_entry(
            request.user, form.cleaned_data["forderungen"], form.cleaned_data["land"]
        )
        entries = services.progress_entries_create_bulk(
            targets=targets,
            author=request.user,
            **form.entry_values(),
        )
        count = len(entries)
        messages.success(
            request,
            f"{count} Sachstände gespeichert." if count != 1 else "1 Sachstand gespeichert.",
        )
        query = request.GET.urlencode()
        return SeeOther(reverse("erfolgskontrolle:task-list") + (f"?{query}" if query else ""))
    context = task_list_context(request, request.GET, bulk_form=form)
    return render(request, "erfolgskontrolle/task_list.html", context)


def task_queryset(p: Principal) -> QuerySet[Demand]:
    """The user's tasks with the user's role, current state ids and due date: one query. An
    official sees the deadline only where a round asks one of their Länder; others see the
    deadline of any open round that asks someone."""
    tasks = TrackedDemand.objects.for_list().for_tasks(p).with_own_role(p).with_state()
    return tasks.with_due_date(land_ids=p.official_land_ids or None)


def rows_context(user: AnyUser, rows: list[Demand]) -> dict[str, Any]:
    """What each row needs beyond the demand: its entries (one query) and who may record."""
    state.attach_state(rows)
    return {
        "recordable_ids": {d.pk for d in rows if access.may_record(user, d)},
        "today": timezone.localdate(),
    }


def task_list_context(
    request: AuthenticatedRequest, params: QueryDict, bulk_form: BulkEntryForm | None = None
) -> dict[str, Any]:
    p = access.require_role(request.user)
    task_filter = TaskFilter(params, queryset=task_queryset(p))
    page = Paginator(task_filter.qs, TASKS_PER_PAGE).get_page(params.get("seite"))
    rows = list(page.object_list)
    if bulk_form is None:
        lands = access.bulk_recording_lands(request.user)
        bulk_form = BulkEntryForm(lands=lands) if lands else None
    return {
        "filter": task_filter,
        "page": page,
        "rows": rows,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
        "searching": bool(task_filter.form.cleaned_data.get("q")),
        "bulk_form": bulk_form,
        "selected_ids": bulk_form.selected_ids() if bulk_form else set(),
        "query": params.urlencode(),
        **rows_context(request.user, rows),
    }


def render_task_rows(
    request: AuthenticatedRequest,
    demand: Demand,
    *,
    form: EntryForm | None = None,
    newer: list[ProgressEntry] | None = None,
    saved: bool = False,
) -> HttpResponse | None:
    """One row of the task list (its <tbody>), with the entry form below it when given; None
    when the demand is not on the user's task list."""
    rows = list(task_queryset(access.require_role(request.user)).filter(pk=demand.pk))
    if not rows:
        return None
    context = {"demand": rows[0], "form": form, "newer": newer or [], "saved": saved}
    context.update(rows_context(request.user, rows))
    return render(request, "erfolgskontrolle/_task_rows.html", context)
