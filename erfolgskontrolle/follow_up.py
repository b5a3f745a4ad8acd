"""The follow-up's part on the register's pages: each demand's current state and a link to its
timeline, for signed-in users with a role (registered in `apps.py`, see beschluesse/extensions.py).
"""

from collections.abc import Sequence

from django.db.models import F, Subquery
from django.http import HttpRequest
from django.urls import reverse

from beschluesse.extensions import FollowUp
from beschluesse.models import Demand
from erfolgskontrolle import state
from erfolgskontrolle.models import ProgressEntry
from intmk.roles import principal


def annotate_follow_up(request: HttpRequest, demands: Sequence[Demand]) -> None:
    """Set `demand.follow_up` on every demand: one query for the whole page, none for visitors
    without a role (anonymous users: not even the one for the roles)."""
    if not request.user.is_authenticated or not principal(request.user).has_role:
        return
    current = state.with_state(Demand.objects.filter(pk__in=[d.pk for d in demands]))
    entries = ProgressEntry.objects.filter(
        pk__in=Subquery(current.values(entry_id=F("current_entry_id")))
    ).select_related("land", "stance", "implementation")
    by_demand = {entry.demand_id: entry for entry in entries}
    for demand in demands:
        url = reverse("erfolgskontrolle:demand-detail", args=[demand.pk])
        entry = by_demand.get(demand.pk)
        demand.follow_up = (  # type: ignore[attr-defined]
            FollowUp(
                url,
                f"{entry.implementation} – {entry.stance}",
                f"Stand vom {entry.fact_date:%d.%m.%Y}, {entry.land}",
            )
            if entry
            else FollowUp(url, "noch kein Sachstand")
        )
