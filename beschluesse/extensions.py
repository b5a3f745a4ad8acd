"""Hooks through which other apps add to the register's pages without `beschluesse` knowing them.

The register never imports the follow-up (imports point erfolgskontrolle → beschluesse → intmk).
The follow-up registers a demand annotator in its `AppConfig.ready()`; the register's views call
every annotator once with all demands a page renders, so that an annotator can read what it
needs for the whole page in one query.
"""

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from django.db.models import Q
from django.http import HttpRequest

from beschluesse.models import Demand


@dataclass(frozen=True)
class FollowUp:
    """What the register shows of a demand's follow-up: set as `demand.follow_up`."""

    url: str  # the demand's page with its timeline
    state: str  # "in Umsetzung – in Prüfung", or "noch kein Sachstand"
    detail: str = ""  # "Stand vom 01.09.2024, Berlin"


@dataclass(frozen=True)
class Published:
    """A demand's state in the newest published Erfolgskontrolle: set as `demand.published`."""

    url: str  # the demand in the published edition
    state: str  # "umgesetzt – zugestimmt", or "ohne Sachstand"
    source: str  # "Erfolgskontrolle der 19. IntMK, Ausgabe 2 vom 03.02.2025"


DemandAnnotator = Callable[[HttpRequest, Sequence[Demand]], None]

demand_annotators: list[DemandAnnotator] = []


def register_demand_annotator(annotator: DemandAnnotator) -> DemandAnnotator:
    if annotator not in demand_annotators:
        demand_annotators.append(annotator)
    return annotator


def annotate_demands(request: HttpRequest, demands: Sequence[Demand]) -> bool:
    """Let every annotator add to the demands; whether any demand got a follow-up."""
    if demands:
        for annotator in demand_annotators:
            annotator(request, demands)
    return any(getattr(demand, "follow_up", None) is not None for demand in demands)


# A search of the demand list may find more than the register's own text: given the request and
# the query, a condition on Demand (or None) that is OR-ed with the register's own search.
DemandSearch = Callable[[HttpRequest, str], Q | None]

demand_searches: list[DemandSearch] = []


def register_demand_search(search: DemandSearch) -> DemandSearch:
    if search not in demand_searches:
        demand_searches.append(search)
    return search


def more_search_conditions(request: HttpRequest | None, text: str) -> Q | None:
    """What the registered searches add for this request, OR-ed together."""
    if request is None:
        return None
    found = [condition for search in demand_searches if (condition := search(request, text))]
    if not found:
        return None
    combined = found[0]
    for condition in found[1:]:
        combined |= condition
    return combined


# What hangs on demands in other apps (the follow-up's Sachstände): given demand ids, a count per
# id (ids without any may be left out). The import asks before it pairs an old demand with a
# new wording: a demand something hangs on is only paired by its wording, never by position.
FollowUpCounter = Callable[[Collection[int]], Mapping[int, int]]

follow_up_counters: list[FollowUpCounter] = []


def register_follow_up_counter(counter: FollowUpCounter) -> FollowUpCounter:
    if counter not in follow_up_counters:
        follow_up_counters.append(counter)
    return counter


def follow_up_counts(demand_ids: Collection[int]) -> dict[int, int]:
    """How many records of other apps hang on each of these demands (only ids with some)."""
    counts: dict[int, int] = {}
    if not demand_ids:
        return counts
    for counter in follow_up_counters:
        for demand_id, count in counter(demand_ids).items():
            if count:
                counts[demand_id] = counts.get(demand_id, 0) + count
    return counts
