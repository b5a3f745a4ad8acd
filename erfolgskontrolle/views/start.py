"""Where a user lands after signing in: where the work of their role is (docs/design.md)."""

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.views.decorators.http import require_safe

from beschluesse.models import Conference
from erfolgskontrolle.models import ReportingRound
from erfolgskontrolle.views.http import AuthenticatedRequest
from intmk.roles import principal


@login_required
@require_safe
def start(request: AuthenticatedRequest) -> HttpResponseRedirect:
    """The secretariat goes to its open round (the matrix shows what is missing), officials to
    "Meine Aufgaben", admins, readers and a secretariat without open round to the rounds (read
    only for readers); users without a role to the register."""
    p = principal(request.user)
    if p.secretariat:
        own_rounds: QuerySet[ReportingRound] = ReportingRound.objects.open().filter(
            conference__in=Conference.objects.of_secretariat(p)
        )
        open_round = own_rounds.order_by("deadline", "pk").first()
        if open_round is not None:
            return redirect(open_round)
    if p.official_land_ids:
        return redirect("erfolgskontrolle:task-list")
    if p.has_role:
        return redirect("erfolgskontrolle:round-list")
    return redirect("beschluesse:conference-list")
