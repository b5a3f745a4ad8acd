"""Exchange of a Land's entries as a table: download, edit in Excel, upload again."""

from collections.abc import Sequence
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from beschluesse.models import Demand
from erfolgskontrolle import access, exchange, forms, services, tables
from erfolgskontrolle.models import Implementation, Stance, TrackedDemand
from erfolgskontrolle.views.http import AuthenticatedRequest, SeeOther
from intmk.models import Land
from intmk.roles import principal


def _rows(request: AuthenticatedRequest, land: Land, *, reading: bool = False) -> QuerySet[Demand]:
    """The rows of `land`'s table for this user; callers have passed `access.land_for_export`
    (`reading`) or `access.land_for_exchange`."""
    p = principal(request.user)
    return TrackedDemand.objects.for_list().for_land_table(p, land, reading=reading)


def _page(
    request: AuthenticatedRequest,
    land: Land | None,
    form: forms.UploadForm | None,
    status: int = 200,
    *,
    conflicts: Sequence[exchange.Conflict] = (),
    confirm_errors: Sequence[str] = (),
) -> HttpResponse:
    lands = access.lands_for_exchange(request.user)
    may_upload = access.may_upload(request.user)
    if land is None and len(lands) == 1:
        land = lands[0]
    if land is not None and form is None and may_upload:
        form = forms.UploadForm(land=land, demands=_rows(request, land))
    if form is not None:
        demand_count = form.demands.count()
    elif land is not None:
        demand_count = _rows(request, land, reading=True).count()
    else:
        demand_count = 0
    context = {
        "lands": lands,
        "land": land,
        "form": form,
        "may_upload": may_upload,
        "demand_count": demand_count,
        "stances": Stance.objects.filter(active=True),
        "implementations": Implementation.objects.filter(active=True),
        "conflicts": conflicts,
        "confirm_errors": confirm_errors,
        "signed_conflicts": forms.sign_conflicts(
            list(conflicts), land=land, user_id=request.user.pk
        )
        if conflicts and land
        else "",
    }
    template = "erfolgskontrolle/exchange.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#land-section"
    return render(request, template, context, status=status)


@login_required
@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def exchange_page(request: AuthenticatedRequest) -> HttpResponse:
    code = request.GET.get("land")
    land = access.land_for_export(request.user, code) if code else None
    return _page(request, land, None)


@login_required
@require_safe
@never_cache
def entries_export(request: AuthenticatedRequest, land_code: str, file_format: str) -> HttpResponse:
    land = access.land_for_export(request.user, land_code)
    if file_format not in tables.FILE_FORMATS:
        raise Http404("Tabellen gibt es als XLSX oder CSV.")
    kind = cast(tables.FileFormat, file_format)
    demands = _rows(request, land, reading=True)
    rows = exchange.table_rows(demands, land)
    response = HttpResponse(
        exchange.write_table(rows, kind), content_type=tables.CONTENT_TYPES[kind]
    )
    filename = f"sachstaende-{land.code}-{timezone.localdate():%Y-%m-%d}.{kind}"
    response["Content-Disposition"] = content_disposition_header(True, filename) or ""
    return response


@login_required
@require_POST
def entries_import(request: AuthenticatedRequest, land_code: str) -> HttpResponse:
    land = access.land_for_exchange(request.user, land_code)
    demands = _rows(request, land)
    form = forms.UploadForm(request.POST, request.FILES, land=land, demands=demands)
    if not form.is_valid():
        return _page(request, land, form, status=400)
    written = _write(request, land, form.checked.drafts)
    messages.success(request, forms.summary(form.checked, written))
    if form.checked.conflicts:
        return _page(request, land, None, conflicts=form.checked.conflicts)
    return SeeOther(f"{reverse('erfolgskontrolle:exchange')}?land={land.code}")


@login_required
@require_POST
def entries_import_confirm(request: AuthenticatedRequest, land_code: str) -> HttpResponse:
    """The rows of a stale upload that the user confirms after seeing the newer entries."""
    land = access.land_for_exchange(request.user, land_code)
    demands = _rows(request, land)
    form = forms.ConfirmForm(request.POST, land=land, user_id=request.user.pk, demands=demands)
    if not form.is_valid():
        return _page(
            request,
            land,
            None,
            status=400,
            confirm_errors=[str(e) for e in form.non_field_errors()],
        )
    confirmation = form.confirmation
    written = _write(request, land, confirmation.drafts)
    messages.success(request, forms.confirmation_summary(confirmation, written))
    if confirmation.conflicts:
        return _page(request, land, None, conflicts=confirmation.conflicts)
    return SeeOther(f"{reverse('erfolgskontrolle:exchange')}?land={land.code}")


def _write(request: AuthenticatedRequest, land: Land, drafts: Sequence[services.EntryDraft]) -> int:
    return services.progress_entries_import(
        drafts=drafts,
        land=land,
        author=request.user,
        on_behalf=access.exchange_on_behalf(request.user, land),
    )
