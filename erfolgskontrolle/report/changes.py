"""What changed: the report's section "Änderungen" and the differences between two editions.

The section compares with the edition before (its stored data, `as_of` as the start), or, for
the first edition, with the state when the newest reporting round opened (entries recorded
before `opened_at`). Without either there is nothing to compare with (`since` None).
"""

import datetime
from collections.abc import Mapping
from typing import Any

from beschluesse.models import Conference, Demand
from erfolgskontrolle import rounds
from erfolgskontrolle.models import Edition, ProgressEntry, ReportingRound
from erfolgskontrolle.report.facts import assessment_of, demand_ref, iso_time, newest_per_land
from erfolgskontrolle.report.schema import Changes, Movement, NewEntry, OverdueLand, ReportData

State = tuple[str, str]  # (stance, implementation); ("", "") without a state


def previous_edition(conference: Conference, edition: int | None) -> Edition | None:
    """The edition before `edition`, or the newest one for the draft."""
    editions = Edition.objects.filter(conference=conference)
    if edition is not None:
        editions = editions.filter(number__lt=edition)
    return editions.order_by("-number").first()


def _date(iso: str) -> str:
    return datetime.datetime.fromisoformat(iso).strftime("%d.%m.%Y")


def states_of(data: Mapping[str, Any]) -> dict[int, State]:
    """The current state of each demand in a report's data."""
    return {
        demand["id"]: (demand["assessment"]["stance"], demand["assessment"]["implementation"])
        for resolution in data["resolutions"]
        for demand in resolution["demands"]
        if demand["assessment"]
    }


def changes_since(
    conference: Conference,
    *,
    demands: list[Demand],
    assessments: Mapping[int, ProgressEntry | None],
    overdue: list[OverdueLand],
    latest_round: ReportingRound | None,
    edition: int | None,
    now: datetime.datetime,
) -> Changes:
    previous = previous_edition(conference, edition)
    overdue_before: set[str] = set()
    if previous is not None:
        since = datetime.datetime.fromisoformat(previous.data["as_of"])
        label = f"seit Ausgabe {previous.number} vom {_date(previous.data['as_of'])}"
        before = states_of(previous.data)
        overdue_before = {row["land"] for row in previous.data["summary"]["overdue_lands"]}
    elif latest_round is not None:
        since = latest_round.opened_at
        label = (
            f"seit Eröffnung der Berichtsrunde „{latest_round.title}“ am {_date(iso_time(since))}"
        )
        old = newest_per_land(conference, until=since, inclusive=False)
        before = {}
        for demand in demands:
            entry = assessment_of(demand, old.get(demand.pk, {}))
            if entry is not None:
                before[demand.pk] = (entry.stance.name, entry.implementation.name)
    else:
        return {"since": None, "since_label": "", "moved": [], "new_entries": [],
                "newly_overdue": []}  # fmt: skip

    moved: list[Movement] = []
    for demand in demands:
        entry = assessments[demand.pk]
        now_state = (entry.stance.name, entry.implementation.name) if entry else ("", "")
        old_state = before.get(demand.pk, ("", ""))
        for axis, index in (("Umsetzung", 1), ("Haltung", 0)):
            if now_state[index] != old_state[index]:
                moved.append(
                    {
                        "demand": demand_ref(demand),
                        "axis": axis,
                        "before": old_state[index],
                        "now": now_state[index],
                    }
                )
    by_id = {demand.pk: demand for demand in demands}
    recorded = (
        ProgressEntry.objects.filter(
            demand__in=rounds.followed_up_demands(conference).order_by().values("pk"),
            created_at__gt=since,
            created_at__lte=now,
        )
        .select_related("land", "stance", "implementation")
        .order_by("created_at", "id")
    )
    new_entries: list[NewEntry] = [
        {
            "demand": demand_ref(by_id[entry.demand_id]),
            "land": entry.land.name,
            "recorded_at": iso_time(entry.created_at),
            "implementation": entry.implementation.name,
            "stance": entry.stance.name,
        }
        for entry in recorded
        if entry.demand_id in by_id
    ]
    return {
        "since": iso_time(since),
        "since_label": label,
        "moved": moved,
        "new_entries": new_entries,
        "newly_overdue": [row for row in overdue if row["land"] not in overdue_before],
    }


def _demands(data: Mapping[str, Any]) -> dict[int, dict[str, Any]]:
    return {
        demand["id"]: demand
        for resolution in data["resolutions"]
        for demand in resolution["demands"]
    }


def differences(previous: ReportData | None, current: ReportData) -> list[str]:
    """What an edition changes against the one before, one German sentence per difference."""
    if previous is None:
        return []
    result: list[str] = []
    if previous["preface"] != current["preface"]:
        result.append("Vorbemerkung geändert.")
    if previous["compiler"] != current["compiler"]:
        result.append(f"Vorgelegt von: {current['compiler']['label']}.")
    old_comments = {r["top"]: r["comment"] for r in previous["resolutions"]}
    for resolution in current["resolutions"]:
        if old_comments.get(resolution["top"], "") != resolution["comment"]:
            result.append(f"Kommentar zu TOP {resolution['top']} geändert.")
    old, new = _demands(previous), _demands(current)
    for demand_id, demand in new.items():
        place = demand["fundstelle"]
        if demand_id not in old:
            result.append(f"{place}: Forderung neu im Bericht.")
            continue
        before, now = old[demand_id]["assessment"], demand["assessment"]
        if (before or {}).get("recorded_at") != (now or {}).get("recorded_at"):
            if now is None:
                result.append(f"{place}: kein Sachstand mehr.")
            else:
                result.append(
                    f"{place}: neuer Sachstand von {now['land']} "
                    f"({now['implementation']}, {now['stance']})."
                )
        old_contributions = {(c["land"], c["recorded_at"]) for c in old[demand_id]["contributions"]}
        for contribution in demand["contributions"]:
            if (contribution["land"], contribution["recorded_at"]) not in old_contributions:
                result.append(f"{place}: neuer Beitrag von {contribution['land']}.")
    result.extend(
        f"{old[demand_id]['fundstelle']}: Forderung nicht mehr im Bericht."
        for demand_id in old
        if demand_id not in new
    )
    old_overdue = previous["summary"]["overdue_lands"]
    if old_overdue != current["summary"]["overdue_lands"]:
        result.append("Liste der säumigen Länder geändert.")
    return result
