"""Curators correct and confirm imported resolutions: admins and the secretariat of the
conference (`access.resolution_for_curation`). Public pages stay in `views.py`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from beschluesse import access, services
from beschluesse.curation import CurationForm
from intmk.http import SeeOther
from intmk.models import User
from intmk.roles import principal


class CuratorRequest(HttpRequest):
    user: User  # behind @login_required


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def resolution_edit(request: CuratorRequest, number: int, top: str) -> HttpResponse:
    p = principal(request.user)
    resolution = access.resolution_for_curation(p, number, top)
    if request.method != "POST":
        return render(
            request, "beschluesse/resolution_edit.html", {"form": CurationForm(resolution)}
        )
    with transaction.atomic():
        # Another curator's save or an import of this resolution finishes first; then the page's
        # fingerprint is compared with the resolution as it is now.
        services.resolution_lock(resolution)
        resolution = access.resolution_for_curation(p, number, top)
        form = CurationForm(resolution, request.POST)
        if request.POST.get("stand") != form.stand:
            # Saving would undo what someone else saved since this page was opened: show theirs.
            form = CurationForm(resolution)
            form.refused.append(CHANGED_MEANWHILE)
        elif form.is_valid():
            try:
                changes = services.resolution_correct(
                    resolution=resolution, user=request.user, correction=form.correction()
                )
            except services.CurationRefused as refused:
                form.refused.append(str(refused))
            else:
                messages.success(request, saved_message(len(changes)))
                return SeeOther(resolution.get_absolute_url())
    return render(request, "beschluesse/resolution_edit.html", {"form": form})


CHANGED_MEANWHILE = (
    "Inzwischen wurde dieser Beschluss geändert (von einer anderen Person oder durch einen "
    "Import). Die Seite zeigt jetzt die aktuelle Fassung; bitte tragen Sie Ihre Korrektur "
    "darauf erneut ein."
)


def saved_message(count: int) -> str:
    if not count:
        return "Es gab nichts zu ändern; der Beschluss bleibt, wie er war."
    return "1 Änderung gespeichert." if count == 1 else f"{count} Änderungen gespeichert."


@login_required
@require_POST
def resolution_review(request: CuratorRequest, number: int, top: str) -> HttpResponse:
    resolution = access.resolution_for_curation(principal(request.user), number, top)
    services.resolution_review_mark(resolution=resolution, user=request.user)
    messages.success(request, f"TOP {resolution.top} ist als geprüft markiert.")
    return SeeOther(resolution.get_absolute_url())


@login_required
@require_safe
def review_queue(request: CuratorRequest, number: int) -> HttpResponse:
    conference = access.conference_for_curation(principal(request.user), number)
    context = {"conference": conference, "resolutions": access.resolutions_to_review(conference)}
    return render(request, "beschluesse/review_queue.html", context)
