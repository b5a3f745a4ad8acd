"""Reporting rounds: what is done and the matrix (opening and closing: `services.py`).

Rules (issue 3):

- Responsibility: `erfolgskontrolle/duties.py`, the one rule for who must answer what.
- Done. A pair (L, D) is done when L has a ProgressEntry for D with created_at >= R.opened_at,
  whoever recorded it in L's name (an entry "im Auftrag" by the secretariat counts). A closed
  round only counts entries created before R.closed_at: it shows the state frozen at closing.
- Deadline (`ReportingRound.deadline_passed`). The deadline day itself is still on time; the
  deadline has passed from the day after. An open round is judged as of today; a closed round
  as of the day it was closed.
- Matrix. Rows are R.lands (by name), columns the resolutions of the round's demands (by TOP,
  `Resolution.sort_key`). A cell covers the demands of that resolution that L must answer:
  "erledigt" (all done), "offen k/n" (not all done, deadline not passed), "überfällig k/n"
  (not all done, deadline passed), "nicht beantwortet k/n" (not all done when the round was
  closed) or "—" (L answers for none of them). Each row has a total "k von n erledigt" counted
  in (Land, demand) pairs; so has each round in the list.
- Queries. The duties and done pairs of any number of rounds come from one query; the matrix
  needs three queries whatever the round's size, the progress of a whole list of rounds one.
"""

import datetime
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import DateTimeField, Exists, OuterRef, QuerySet, Value
from django.db.models.functions import Coalesce

from beschluesse.models import FOLLOWED_UP_KINDS, Conference, Demand, Resolution
from erfolgskontrolle.duties import duties
from erfolgskontrolle.models import ProgressEntry, ReportingRound
from intmk.models import Land

logger = logging.getLogger(__name__)

# Stands in for "not closed yet" when comparing entry times with the closing time.
_NEVER = datetime.datetime(9999, 12, 31, tzinfo=datetime.UTC)


def followed_up_demands(conference: Conference) -> QuerySet[Demand]:
    """The demands of a conference a round can ask about, in the order of the minutes."""
    return (
        Demand.objects.filter(clause__resolution__conference=conference, kind__in=FOLLOWED_UP_KINDS)
        .select_related("clause__resolution__conference", "clause__resolution__lead")
        .order_by(
            "clause__resolution__sort_key",
            "clause__resolution__top",
            "clause__position",
            "position",
        )
    )


def default_land_ids(demands: Iterable[Demand]) -> set[int]:
    """The Länder a new round asks by default: the lead of each selected demand's resolution,
    or its applicants where it has no lead. A resolution with neither adds none: every Land
    the secretariat picks answers for it anyway. `demands` need their resolution's applicants
    prefetched (`clause__resolution__applicants`) where a resolution has no lead."""
    land_ids: set[int] = set()
    for demand in demands:
        resolution = demand.clause.resolution
        if resolution.lead_id is not None:
            land_ids.add(resolution.lead_id)
        else:
            land_ids.update(land.pk for land in resolution.applicants.all())
    return land_ids


# Loading -------------------------------------------------------------------------------------


def _duty_rows(round_ids: Sequence[int]) -> list[tuple[int, int, int, bool]]:
    """(round id, demand id, Land id, done) for every duty of the rounds (`duties.duties`);
    done when the Land has answered within the round's time (opened_at <= created_at <
    closed_at). One query."""
    if not round_ids:
        return []
    answered = ProgressEntry.objects.filter(
        demand_id=OuterRef("demand_id"),
        land_id=OuterRef("land_pk"),
        created_at__gte=OuterRef("reportinground__opened_at"),
        created_at__lt=OuterRef("until"),
    )
    rows = (
        duties()
        .filter(reportinground_id__in=round_ids)
        .annotate(
            until=Coalesce(
                "reportinground__closed_at", Value(_NEVER, output_field=DateTimeField())
            ),
            done=Exists(answered),
        )
        .values_list("reportinground_id", "demand_id", "land_pk", "done")
    )
    return list(rows)


@dataclass(frozen=True)
class Progress:
    """Answered (Land, demand) pairs out of those a round asks for."""

    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.done == self.total

    @property
    def label(self) -> str:
        return f"{self.done} von {self.total} erledigt"

    @property
    def missing(self) -> int:
        return self.total - self.done


def rounds_progress(rounds: Sequence[ReportingRound]) -> dict[int, Progress]:
    """Progress of each round by id, in one query however many rounds there are."""
    counts: dict[int, list[int]] = {r.pk: [0, 0] for r in rounds}
    for round_id, _demand_id, _land_id, done in _duty_rows(list(counts)):
        counts[round_id][0] += done
        counts[round_id][1] += 1
    return {round_id: Progress(done=d, total=t) for round_id, (d, t) in counts.items()}


def attach_progress(rounds: Sequence[ReportingRound]) -> None:
    """Set `progress` on each round of a list: one query however many rounds there are."""
    progress = rounds_progress(rounds)
    for reporting_round in rounds:
        reporting_round.progress = progress[reporting_round.pk]  # type: ignore[attr-defined]


@dataclass(frozen=True)
class RoundData:
    """What a round asks of whom and what has been answered, loaded in three queries."""

    reporting_round: ReportingRound
    lands: list[Land]
    demands: list[Demand]  # with clause, resolution and conference, in the order of the minutes
    duties: frozenset[tuple[int, int]]  # (demand id, Land id) the Land must answer
    done: frozenset[tuple[int, int]]  # (demand id, Land id) answered within the round

    def must_answer(self, demand: Demand, land: Land) -> bool:
        return (demand.pk, land.pk) in self.duties

    def demands_of(self, land: Land) -> list[Demand]:
        """The demands this Land must answer, in the order of the minutes."""
        return [demand for demand in self.demands if (demand.pk, land.pk) in self.duties]

    def open_demands(self, land: Land) -> list[Demand]:
        """The demands this Land must answer and has not answered yet in this round."""
        return [d for d in self.demands_of(land) if (d.pk, land.pk) not in self.done]


def round_data(reporting_round: ReportingRound) -> RoundData:
    demands = list(
        reporting_round.demands.select_related("clause__resolution__conference").order_by(
            "clause__resolution__sort_key",
            "clause__resolution__top",
            "clause__position",
            "position",
        )
    )
    rows = _duty_rows([reporting_round.pk])
    return RoundData(
        reporting_round=reporting_round,
        lands=list(reporting_round.lands.order_by("name")),
        demands=demands,
        duties=frozenset((demand_id, land_id) for _, demand_id, land_id, _ in rows),
        done=frozenset((demand_id, land_id) for _, demand_id, land_id, done in rows if done),
    )


# Matrix --------------------------------------------------------------------------------------


class CellState:
    DONE = "done"
    OPEN = "open"
    OVERDUE = "overdue"
    MISSING = "missing"  # a closed round: not all answered, and it stays so
    NONE = "none"


_CELL_WORDS = {
    CellState.OPEN: "offen",
    CellState.OVERDUE: "überfällig",
    CellState.MISSING: "nicht beantwortet",
}


@dataclass(frozen=True)
class Cell:
    """One Land's answers to one resolution's demands (or to all, in the row total)."""

    state: str
    done: int
    total: int
    resolution: Resolution | None = None  # the column's; None in the row total

    @property
    def label(self) -> str:
        if self.state == CellState.DONE:
            return "erledigt"
        if self.state in _CELL_WORDS:
            return f"{_CELL_WORDS[self.state]} {self.done}/{self.total}"
        return "—"

    @property
    def total_label(self) -> str:
        """The label of a row total: "offen: 1 von 4 erledigt"."""
        if self.state == CellState.DONE:
            return f"erledigt ({self.done} von {self.total})"
        if self.state in _CELL_WORDS:
            return f"{_CELL_WORDS[self.state]}: {self.done} von {self.total} erledigt"
        return "—"


def cell_for(
    *,
    done: int,
    total: int,
    overdue: bool,
    closed: bool = False,
    resolution: Resolution | None = None,
) -> Cell:
    """A closed round never says "offen" or "überfällig": what is missing then stays missing."""
    if total == 0:
        state = CellState.NONE
    elif done >= total:
        state = CellState.DONE
    elif closed:
        state = CellState.MISSING
    else:
        state = CellState.OVERDUE if overdue else CellState.OPEN
    return Cell(state, done, total, resolution)


@dataclass(frozen=True)
class MatrixRow:
    land: Land
    cells: list[Cell]
    total: Cell

    @property
    def progress(self) -> Progress:
        return Progress(done=self.total.done, total=self.total.total)


@dataclass(frozen=True)
class Column:
    resolution: Resolution
    demand_count: int  # the round's demands of this resolution


@dataclass(frozen=True)
class Matrix:
    columns: list[Column]
    rows: list[MatrixRow]
    as_of: datetime.date
    overdue: bool
    progress: Progress


def round_matrix(reporting_round: ReportingRound, *, today: datetime.date | None = None) -> Matrix:
    """Land × resolution for one round (module docstring); four queries."""
    data = round_data(reporting_round)
    by_resolution: dict[int, list[Demand]] = {}
    resolutions: list[Resolution] = []
    for demand in data.demands:  # already in TOP order
        resolution = demand.clause.resolution
        if resolution.pk not in by_resolution:
            by_resolution[resolution.pk] = []
            resolutions.append(resolution)
        by_resolution[resolution.pk].append(demand)
    columns = [Column(r, len(by_resolution[r.pk])) for r in resolutions]
    overdue = reporting_round.deadline_passed(today)
    closed = not reporting_round.is_open
    rows = []
    for land in data.lands:
        cells = []
        for column in columns:
            demands = [d for d in by_resolution[column.resolution.pk] if data.must_answer(d, land)]
            done = sum((d.pk, land.pk) in data.done for d in demands)
            cells.append(
                cell_for(
                    done=done,
                    total=len(demands),
                    overdue=overdue,
                    closed=closed,
                    resolution=column.resolution,
                )
            )
        total = cell_for(
            done=sum(c.done for c in cells),
            total=sum(c.total for c in cells),
            overdue=overdue,
            closed=closed,
        )
        rows.append(MatrixRow(land=land, cells=cells, total=total))
    return Matrix(
        columns=columns,
        rows=rows,
        as_of=reporting_round.reference_day(today),
        overdue=overdue,
        progress=Progress(
            done=sum(r.total.done for r in rows), total=sum(r.total.total for r in rows)
        ),
    )
