"""The Erfolgskontrolle: the draft, the secretariat's texts, freezing and publishing editions,
and the files of each (rules: access.py; data: report/build.py; formats: report/render.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from erfolgskontrolle import access
from erfolgskontrolle.forms import ReportTextsForm
from erfolgskontrolle.models import Edition
from erfolgskontrolle.report import build, services
from erfolgskontrolle.report import render as renderer
from erfolgskontrolle.views.http import AuthenticatedRequest, HtmxHttpRequest, SeeOther
from intmk.roles import principal


def _file_response(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=renderer.CONTENT_TYPES[fmt])
    disposition = "inline" if fmt in ("html", "pdf") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.{fmt}"'
    if fmt == "html":
        # The file carries its styles inline so that it works offline; opened here it gets a
        # policy of its own that allows exactly those styles and nothing else (the middleware
        # keeps a header that is set).
        response["Content-Security-Policy"] = renderer.html_file_policy(content)
    return response


@require_safe
def report_index(request: HtmxHttpRequest) -> HttpResponse:
    """The conferences with their draft (any role) and the editions the user may see; without a
    role, only published editions."""
    context = {
        "reads_drafts": access.reads_drafts(request.user),
        "reports": Edition.objects.for_index(principal(request.user)),
    }
    return render(request, "erfolgskontrolle/report/index.html", context)


@login_required
@require_safe
def report_draft(request: AuthenticatedRequest, number: int) -> HttpResponse:
    conference = access.conference_for_report(request.user, number)
    editions = Edition.objects.filter(conference=conference).visible_to(principal(request.user))
    data = build.report_data(conference)
    context = renderer.body_context(
        data,
        embedded=True,
        conference=conference,
        editions=editions.select_related("frozen_by", "publication").for_list(),
        may_compile=access.may_compile(request.user, conference),
        formats=renderer.FORMATS,
    )
    return render(request, "erfolgskontrolle/report/draft.html", context)


@login_required
@require_safe
def report_draft_file(request: AuthenticatedRequest, number: int, fmt: str) -> HttpResponse:
    conference = access.conference_for_report(request.user, number)
    if fmt not in renderer.FORMATS:
        raise Http404("Dieses Format gibt es nicht.")
    try:
        content = renderer.render(build.report_data(conference), fmt)
    except NotImplementedError:
        raise Http404("Dieses Format ist noch nicht verfügbar.") from None
    return _file_response(content, fmt, f"erfolgskontrolle-{number}-entwurf")


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: AuthenticatedRequest, number: int) -> HttpResponse:
    conference = access.conference_for_compiling(request.user, number)
    data = request.POST if request.method == "POST" else None
    form = ReportTextsForm.for_conference(conference, data)
    if form.is_bound and form.is_valid():
        services.report_texts_update(
            conference=conference,
            preface=form.changed_preface(),
            comments=form.changed_comments(),
            changed_by=request.user,
        )
        messages.success(request, "Vorbemerkung und Anmerkungen sind gespeichert.")
        return SeeOther(reverse("erfolgskontrolle:report-draft", args=[number]))
    context = {"conference": conference, "form": form}
    return render(request, "erfolgskontrolle/report/edit.html", context)


@login_required
@require_POST
def edition_freeze(request: AuthenticatedRequest, number: int) -> HttpResponse:
    conference = access.conference_for_compiling(request.user, number)
    edition = services.edition_freeze(conference=conference, frozen_by=request.user)
    messages.success(request, f"Ausgabe {edition.number} ist festgeschrieben.")
    return SeeOther(edition.get_absolute_url())


@login_required
@require_POST
def edition_publish(
    request: AuthenticatedRequest, number: int, edition_number: int
) -> HttpResponse:
    edition = access.edition_for_publishing(request.user, number, edition_number)
    try:
        services.edition_publish(edition=edition, published_by=request.user)
    except ValidationError as error:
        messages.warning(request, " ".join(error.messages))
    else:
        messages.success(request, f"Ausgabe {edition.number} ist veröffentlicht.")
    return SeeOther(edition.get_absolute_url())


@require_safe
def edition_detail(request: HtmxHttpRequest, number: int, edition_number: int) -> HttpResponse:
    edition = access.edition_for_view(request.user, number, edition_number)
    context = renderer.body_context(
        edition.data,
        embedded=True,
        edition=edition,
        published=access.is_published(edition),
        reads_draft=access.reads_drafts(request.user),
        may_compile=request.user.is_authenticated
        and access.may_compile(request.user, edition.conference),
        files=edition.files.defer("content").order_by("pk"),
    )
    return render(request, "erfolgskontrolle/report/edition.html", context)


@require_safe
def edition_file(
    request: HtmxHttpRequest, number: int, edition_number: int, fmt: str
) -> HttpResponse:
    edition: Edition = access.edition_for_view(request.user, number, edition_number)
    stored = edition.files.filter(format=fmt).first()
    if stored is None:
        raise Http404("Diese Datei gibt es zu dieser Ausgabe nicht.")
    response = _file_response(
        bytes(stored.content), fmt, f"erfolgskontrolle-{number}-ausgabe-{edition_number}"
    )
    response["ETag"] = f'"{stored.sha256}"'
    return response
