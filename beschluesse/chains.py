"""A demand's chain: the earlier demands it repeats (`Demand.repeats`), read with the demand.

`with_chain(queryset)` adds the chain to each demand in the same query (a recursive CTE in a
subselect per row), so pages and the report that show chains need no query more. `links_of`
reads it, oldest first.
"""

import datetime
import json
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Func, QuerySet, TextField
from django.urls import reverse
from django.utils import timezone

# Depth bounds a cycle a person might make by hand; linking by import only goes back in time.
CHAIN_SQL = """(
WITH RECURSIVE chain(id, depth) AS (
    SELECT %(expressions)s, 1
    UNION ALL
    SELECT d.repeats_id, chain.depth + 1
    FROM beschluesse_demand d JOIN chain ON d.id = chain.id
    WHERE d.repeats_id IS NOT NULL AND chain.depth < 50
)
SELECT json_agg(json_build_object(
    'demand', d.id, 'conference', c.number, 'year', c.year, 'first_day', c.first_day,
    'top', r.top, 'clause', cl.number, 'position', cl.position
) ORDER BY c.number, chain.depth DESC)::text
FROM chain
JOIN beschluesse_demand d ON d.id = chain.id
JOIN beschluesse_clause cl ON cl.id = d.clause_id
JOIN beschluesse_resolution r ON r.id = cl.resolution_id
JOIN beschluesse_conference c ON c.id = r.conference_id
)"""

Q = TypeVar("Q", bound=QuerySet[Any])


def with_chain(queryset: Q) -> Q:
    """Demands with their chain (`chain_json`) read in the same query."""
    return queryset.annotate(
        chain_json=Func("repeats", template=CHAIN_SQL, output_field=TextField())
    )


@dataclass(frozen=True)
class ChainLink:
    """An earlier demand of the chain: "Forderung der 16. IntMK (2021, TOP 3.1 Ziffer 2)"."""

    demand_id: int
    conference: int
    year: int
    first_day: datetime.date | None
    top: str
    clause: str  # the Ziffer; blank for an unnumbered paragraph
    position: int

    @property
    def place(self) -> str:
        ziffer = f" Ziffer {self.clause}" if self.clause else ""
        return f"{self.conference}. IntMK ({self.year}, TOP {self.top}{ziffer})"

    @property
    def url(self) -> str:
        anchor = f"ziffer-{self.clause}" if self.clause else f"absatz-{self.position + 1}"
        page = reverse("beschluesse:resolution-detail", args=[self.conference, self.top])
        return f"{page}#{anchor}"

    def age(self, today: datetime.date) -> int:
        """Whole years since the conference (since its year when the day is unknown)."""
        if self.first_day is None:
            return today.year - self.year
        passed = (today.month, today.day) < (self.first_day.month, self.first_day.day)
        return today.year - self.first_day.year - passed

    @property
    def open_since(self) -> str:
        """ "offen seit 3 Jahren", as of today."""
        years = self.age(timezone.localdate())
        if years < 1:
            return "offen seit weniger als einem Jahr"
        return "offen seit einem Jahr" if years == 1 else f"offen seit {years} Jahren"


def links_of(chain_json: str | None) -> list[ChainLink]:
    """The chain read by `with_chain`, oldest first, each earlier demand once."""
    links: dict[int, ChainLink] = {}
    for row in json.loads(chain_json) if chain_json else []:
        first_day = row["first_day"]
        links.setdefault(
            row["demand"],
            ChainLink(
                demand_id=row["demand"],
                conference=row["conference"],
                year=row["year"],
                first_day=datetime.date.fromisoformat(first_day) if first_day else None,
                top=row["top"],
                clause=row["clause"],
                position=row["position"],
            ),
        )
    return list(links.values())
