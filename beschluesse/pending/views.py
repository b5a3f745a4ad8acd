"""Uploading minutes in the browser: form, preview with corrections, confirmation.

Every page needs a login; `access.importer_principal` refuses everyone but admins and
secretariats (403), `access.pending_import_for_owner` shows an upload only to its uploader.
Corrections post to their own URL and return to the preview at the TOP (post/redirect/get).
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from beschluesse import access, correction_fields
from beschluesse.importer.errors import NiederschriftError
from beschluesse.importer.exchange import Minutes
from beschluesse.models import Kind, Level
from beschluesse.pending import corrections, forms, preview, services
from beschluesse.pending.models import PendingImport
from beschluesse.views import HtmxHttpRequest
from intmk.http import SeeOther
from intmk.laender import LAENDER
from intmk.models import User


class AuthenticatedRequest(HtmxHttpRequest):
    user: User  # behind @login_required


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_upload(request: AuthenticatedRequest) -> HttpResponse:
    p = access.importer_principal(request.user)
    posted = request.method == "POST"
    form = forms.UploadForm(request.POST, request.FILES) if posted else forms.UploadForm()
    if posted and form.is_valid():
        content = form.cleaned_data["file"].read()
        try:
            parsed = services.upload_parse(content)
        except NiederschriftError as exc:
            form.add_error("file", [line.strip() for line in str(exc).splitlines() if line])
        else:
            access.check_import_of(p, parsed.minutes.conference)
            pending = services.pending_import_create(
                owner=request.user,
                source_name=form.cleaned_data["file"].name or "",
                source_sha256=hashlib.sha256(content).hexdigest(),
                parsed=parsed,
            )
            return SeeOther(pending.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "beschluesse/import/upload.html", {"form": form}, status=status)


def _preview(
    request: AuthenticatedRequest,
    pending: PendingImport,
    *,
    failed: Form | None = None,
    failed_anchor: str = "",
    failed_prefix: str = "",
    error: str = "",
) -> HttpResponse:
    """The preview; after a refused correction `failed` is its form and `failed_prefix` the id
    prefix of that form's fields (`<prefix>-<field name>`), so each error stands at its field and
    the summary links there."""
    minutes = pending.minutes()
    field_errors: dict[str, list[str]] = {}
    if failed is not None and failed_prefix:
        for field in failed.visible_fields():
            if field.errors:
                field_errors[f"{failed_prefix}-{field.name}"] = [str(e) for e in field.errors]
    context: dict[str, Any] = {
        "pending": pending,
        "conference": minutes.conference,
        "first_day": minutes.conference.first_day,
        "last_day": minutes.conference.last_day,
        "chair": corrections.LAND_NAMES.get(minutes.conference.chair or "", ""),
        "tops": preview.top_rows(minutes),
        "without_resolution": preview.agenda_without_resolution(minutes),
        "warnings": preview.warning_rows(minutes),
        "dry_run": preview.dry_run(pending),
        "lands": LAENDER,
        "votes": correction_fields.VOTES,
        "clause_kinds": Kind.choices,
        "demand_kinds": correction_fields.DEMAND_KINDS,
        "levels": Level.choices,
        "failed": failed,
        "failed_anchor": failed_anchor,
        "failed_prefix": failed_prefix,
        "field_errors": field_errors,
        "error": error,
    }
    status = 400 if failed is not None or error else 200
    return render(request, "beschluesse/import/preview.html", context, status=status)


@login_required
@require_safe
def import_preview(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _preview(request, _own(request, pk))


def _own(request: AuthenticatedRequest, pk: int) -> PendingImport:
    access.importer_principal(request.user)
    return access.pending_import_for_owner(request.user, pk)


def _apply(
    request: AuthenticatedRequest,
    pending: PendingImport,
    form: Form,
    anchor: str,
    change: Callable[[Minutes], list[corrections.Change]],
) -> HttpResponse:
    """Apply a validated correction and go back to the preview at `anchor`."""
    try:
        changes = services.pending_import_correct(
            pending=pending,
            author=request.user.get_username(),
            version=form.cleaned_data["version"],
            change=change,
        )
    except corrections.CorrectionError as exc:
        return _preview(request, pending, error=str(exc), failed_anchor=anchor)
    _done(request, changes)
    return SeeOther(f"{pending.get_absolute_url()}#{anchor}")


def _done(request: AuthenticatedRequest, changes: list[corrections.Change]) -> None:
    if changes:
        messages.success(request, "Korrigiert: " + "; ".join(what for what, _, _ in changes) + ".")
    else:
        messages.info(request, "Keine Änderung: die Angaben waren schon so.")


@login_required
@require_POST
def resolution_correct(request: AuthenticatedRequest, pk: int, top: str) -> HttpResponse:
    pending, anchor = _own(request, pk), preview.anchor_of(top)
    form = forms.ResolutionForm(request.POST)
    if not form.is_valid():
        return _preview(request, pending, failed=form, failed_anchor=anchor, failed_prefix=anchor)
    facts = form.facts()
    return _apply(
        request, pending, form, anchor, lambda d: corrections.resolution_correct(d, top, facts)
    )


@login_required
@require_POST
def clause_correct(request: AuthenticatedRequest, pk: int, top: str, clause: int) -> HttpResponse:
    pending, anchor = _own(request, pk), preview.clause_anchor(top, clause)
    form = forms.ClauseForm(request.POST)
    if not form.is_valid():
        return _preview(request, pending, failed=form, failed_anchor=anchor, failed_prefix=anchor)
    kind = form.cleaned_data["kind"]
    return _apply(
        request, pending, form, anchor, lambda d: corrections.clause_kind_set(d, top, clause, kind)
    )


@login_required
@require_POST
def demand_correct(
    request: AuthenticatedRequest, pk: int, top: str, clause: int, demand: int
) -> HttpResponse:
    pending, anchor = _own(request, pk), preview.clause_anchor(top, clause)
    form = forms.DemandForm(request.POST)
    if not form.is_valid():
        prefix = f"{anchor}-f{demand + 1}"  # preview.DemandRow.anchor
        return _preview(request, pending, failed=form, failed_anchor=anchor, failed_prefix=prefix)
    facts = form.facts()
    return _apply(
        request,
        pending,
        form,
        anchor,
        lambda d: corrections.demand_correct(d, top, clause, demand, facts),
    )


@login_required
@require_POST
def demand_remove(
    request: AuthenticatedRequest, pk: int, top: str, clause: int, demand: int
) -> HttpResponse:
    pending, anchor = _own(request, pk), preview.clause_anchor(top, clause)
    form = forms.VersionForm(request.POST)
    if not form.is_valid():
        return _preview(request, pending, failed=form, failed_anchor=anchor)
    return _apply(
        request, pending, form, anchor, lambda d: corrections.demand_remove(d, top, clause, demand)
    )


@login_required
@require_POST
def demand_add(request: AuthenticatedRequest, pk: int, top: str, clause: int) -> HttpResponse:
    pending, anchor = _own(request, pk), preview.clause_anchor(top, clause)
    form = forms.DemandAddForm(request.POST)
    if not form.is_valid():
        prefix = f"{anchor}-neu"
        return _preview(request, pending, failed=form, failed_anchor=anchor, failed_prefix=prefix)
    facts, wording = form.facts(), form.wording_text()
    return _apply(
        request,
        pending,
        form,
        anchor,
        lambda d: corrections.demand_add(d, top, clause, facts, wording),
    )


@login_required
@require_POST
def import_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    pending, anchor = _own(request, pk), "aenderungen"
    ids = access.demand_ids_of_conference(pending.conference_number)
    form = forms.DecisionForm(request.POST, demand_ids=ids)
    if not form.is_valid():
        return _preview(request, pending, failed=form, failed_anchor=anchor, failed_prefix=anchor)
    try:
        changes = services.pending_import_decide(
            pending=pending,
            author=request.user.get_username(),
            version=form.cleaned_data["version"],
            allow_removals=form.cleaned_data["allow_removals"],
            reassign=form.cleaned_data["reassign"],
        )
    except corrections.CorrectionError as exc:
        return _preview(request, pending, error=str(exc), failed_anchor=anchor)
    _done(request, changes)
    return SeeOther(f"{pending.get_absolute_url()}#{anchor}")


@login_required
@require_POST
def import_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    pending = _own(request, pk)
    access.check_import_of(access.importer_principal(request.user), pending.minutes().conference)
    try:
        report = services.pending_import_confirm(
            pending=pending, performed_by=request.user.get_username()
        )
    except NiederschriftError as exc:
        return _preview(request, pending, error=str(exc), failed_anchor="bestaetigen")
    messages.success(request, services.report_summary(report))
    return SeeOther(reverse("beschluesse:conference-detail", args=[report.conference_number]))


@login_required
@require_POST
def import_discard(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _own(request, pk).delete()
    messages.info(request, "Der Import wurde verworfen; im Register hat sich nichts geändert.")
    return SeeOther(reverse("beschluesse:import-upload"))
