"""A curator's corrections to parsed minutes, applied to the minutes of a pending import.

Each function changes ``minutes`` in place and returns what it changed as ``(what, before,
after)`` rows in German, for the list of corrections stored with the import. Rows are found by
TOP and by position (Ziffer and demand index); the forms carry the pending import's version, so
a position always means the row the curator saw.

Applicants, lead and Grüne Liste are facts of the TOP: they are corrected on the resolution and
on its agenda item alike. Titles may differ in print between agenda and resolution page (the
parser warns), so a title correction changes the resolution's only.
"""

from dataclasses import dataclass

from beschluesse.importer.exchange import ClauseRecord, DemandRecord, Minutes, ResolutionRecord
from beschluesse.models import Kind, Level, Vote
from intmk.laender import LAENDER

Change = tuple[str, str, str]  # what, before, after

LAND_NAMES = dict(LAENDER)


class CorrectionError(Exception):
    """The row to correct does not exist (any more); the message is German."""


@dataclass(frozen=True)
class ResolutionFacts:
    title: str
    applicants: list[str]  # Land codes
    lead: str | None
    vote: str | None  # Vote value or None (no vote, e.g. an oral report)
    consent_list: bool


@dataclass(frozen=True)
class DemandFacts:
    kind: str
    addressee: str
    level: str


def lands_text(codes: list[str]) -> str:
    return ", ".join(LAND_NAMES.get(code, code) for code in codes) or "keine"


def resolution_of(minutes: Minutes, top: str) -> ResolutionRecord:
    if resolution := minutes.resolution(top):
        return resolution
    raise CorrectionError(f"Einen Beschluss zu TOP {top} enthält die Vorschau nicht.")


def clause_of(minutes: Minutes, top: str, index: int) -> ClauseRecord:
    clauses = resolution_of(minutes, top).clauses
    if not 0 <= index < len(clauses):
        raise CorrectionError(f"TOP {top} hat diese Ziffer nicht.")
    return clauses[index]


def clause_label(top: str, clause: ClauseRecord, index: int) -> str:
    number = clause.number
    return f"TOP {top}, Ziffer {number}" if number else f"TOP {top}, Absatz {index + 1}"


def resolution_correct(minutes: Minutes, top: str, facts: ResolutionFacts) -> list[Change]:
    resolution = resolution_of(minutes, top)
    agenda_item = minutes.agenda_item(top)
    changes: list[Change] = []
    if resolution.title != facts.title:
        changes.append((f"TOP {top}: Titel", resolution.title, facts.title))
        resolution.title = facts.title
    applicants = sorted(facts.applicants)
    if sorted(resolution.applicants) != applicants:
        before = lands_text(resolution.applicants)
        changes.append((f"TOP {top}: Antragsteller", before, lands_text(applicants)))
    if resolution.lead != facts.lead:
        changes.append(
            (
                f"TOP {top}: federführend",
                LAND_NAMES.get(resolution.lead or "", "keines"),
                LAND_NAMES.get(facts.lead or "", "keines"),
            )
        )
    if resolution.vote != facts.vote:
        changes.append((f"TOP {top}: Abstimmung", _vote(resolution.vote), _vote(facts.vote)))
    if resolution.consent_list != facts.consent_list:
        changes.append(
            (
                f"TOP {top}: Grüne Liste",
                _yes_no(resolution.consent_list),
                _yes_no(facts.consent_list),
            )
        )
    resolution.vote = facts.vote
    for row in (resolution, agenda_item):
        if row is not None:
            row.applicants = applicants
            row.lead = facts.lead
            row.consent_list = facts.consent_list
    return changes


def clause_kind_set(minutes: Minutes, top: str, index: int, kind: str) -> list[Change]:
    clause = clause_of(minutes, top, index)
    if clause.kind == kind:
        return []
    change = (f"{clause_label(top, clause, index)}: Art", _kind(clause.kind), _kind(kind))
    clause.kind = kind
    return [change]


def demand_of(minutes: Minutes, top: str, index: int, demand: int) -> DemandRecord:
    demands = clause_of(minutes, top, index).demands
    if not 0 <= demand < len(demands):
        raise CorrectionError(f"Diese Forderung gibt es in TOP {top} nicht (mehr).")
    return demands[demand]


def demand_correct(
    minutes: Minutes, top: str, index: int, demand: int, facts: DemandFacts
) -> list[Change]:
    row = demand_of(minutes, top, index, demand)
    where = f"{clause_label(top, clause_of(minutes, top, index), index)}, Forderung {demand + 1}"
    before, after = _demand_text(row.kind, row.addressee, row.level), _facts_text(facts)
    if before == after:
        return []
    row.kind, row.addressee, row.level = facts.kind, facts.addressee, facts.level
    return [(where, before, after)]


def demand_remove(minutes: Minutes, top: str, index: int, demand: int) -> list[Change]:
    row = demand_of(minutes, top, index, demand)
    clause = clause_of(minutes, top, index)
    where = f"{clause_label(top, clause, index)}: Forderung entfernt"
    del clause.demands[demand]
    return [(where, f"{_demand_text(row.kind, row.addressee, row.level)}: „{row.wording}“", "")]


def demand_add(
    minutes: Minutes, top: str, index: int, facts: DemandFacts, wording: str
) -> list[Change]:
    clause = clause_of(minutes, top, index)
    clause.demands.append(DemandRecord(facts.addressee, facts.level, facts.kind, wording))
    where = f"{clause_label(top, clause, index)}: Forderung hinzugefügt"
    return [(where, "", f"{_facts_text(facts)}: „{wording}“")]


def _facts_text(facts: DemandFacts) -> str:
    return _demand_text(facts.kind, facts.addressee, facts.level)


def _demand_text(kind: str, addressee: str, level: str) -> str:
    return f"{_kind(kind)} an {addressee} ({Level(level).label})"


def _kind(value: str) -> str:
    return str(Kind(value).label) if value in Kind.values else value


def _vote(value: str | None) -> str:
    return str(Vote(value).label) if value else "keine Abstimmung"


def _yes_no(value: bool) -> str:
    return "ja" if value else "nein"
