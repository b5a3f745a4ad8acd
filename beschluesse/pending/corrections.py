"""A curator's corrections to parsed minutes, applied to the exchange data of a pending import.

Each function changes ``data`` in place and returns what it changed as ``(what, before,
after)`` rows in German, for the list of corrections stored with the import. Rows are found by
TOP and by position (Ziffer and demand index); the forms carry the pending import's version, so
a position always means the row the curator saw.

Applicants, lead and Grüne Liste are facts of the TOP: they are corrected on the resolution and
on its agenda item alike. Titles may differ in print between agenda and resolution page (the
parser warns), so a title correction changes the resolution's only.
"""

from dataclasses import dataclass
from typing import Any

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


def resolution_of(data: dict[str, Any], top: str) -> dict[str, Any]:
    resolution: dict[str, Any]
    for resolution in data["beschluesse"]:
        if resolution["top"] == top:
            return resolution
    raise CorrectionError(f"Einen Beschluss zu TOP {top} enthält die Vorschau nicht.")


def clause_of(data: dict[str, Any], top: str, index: int) -> dict[str, Any]:
    clauses = resolution_of(data, top)["ziffern"]
    if not 0 <= index < len(clauses):
        raise CorrectionError(f"TOP {top} hat diese Ziffer nicht.")
    clause: dict[str, Any] = clauses[index]
    return clause


def clause_label(top: str, clause: dict[str, Any], index: int) -> str:
    number = clause["nummer"]
    return f"TOP {top}, Ziffer {number}" if number else f"TOP {top}, Absatz {index + 1}"


def resolution_correct(data: dict[str, Any], top: str, facts: ResolutionFacts) -> list[Change]:
    resolution = resolution_of(data, top)
    agenda_item = next((a for a in data["tagesordnung"] if a["top"] == top), None)
    changes: list[Change] = []
    if resolution["titel"] != facts.title:
        changes.append((f"TOP {top}: Titel", resolution["titel"], facts.title))
        resolution["titel"] = facts.title
    applicants = sorted(facts.applicants)
    if sorted(resolution["antragsteller"]) != applicants:
        before = lands_text(resolution["antragsteller"])
        changes.append((f"TOP {top}: Antragsteller", before, lands_text(applicants)))
    if resolution["federfuehrend"] != facts.lead:
        changes.append(
            (
                f"TOP {top}: federführend",
                LAND_NAMES.get(resolution["federfuehrend"] or "", "keines"),
                LAND_NAMES.get(facts.lead or "", "keines"),
            )
        )
    if resolution["abstimmung"] != facts.vote:
        changes.append(
            (f"TOP {top}: Abstimmung", _vote(resolution["abstimmung"]), _vote(facts.vote))
        )
    if resolution["gruene_liste"] != facts.consent_list:
        changes.append(
            (
                f"TOP {top}: Grüne Liste",
                _yes_no(resolution["gruene_liste"]),
                _yes_no(facts.consent_list),
            )
        )
    resolution["abstimmung"] = facts.vote
    for row in (resolution, agenda_item):
        if row is not None:
            row["antragsteller"] = applicants
            row["federfuehrend"] = facts.lead
            row["gruene_liste"] = facts.consent_list
    return changes


def clause_kind_set(data: dict[str, Any], top: str, index: int, kind: str) -> list[Change]:
    clause = clause_of(data, top, index)
    if clause["art"] == kind:
        return []
    change = (f"{clause_label(top, clause, index)}: Art", _kind(clause["art"]), _kind(kind))
    clause["art"] = kind
    return [change]


def demand_of(data: dict[str, Any], top: str, index: int, demand: int) -> dict[str, Any]:
    demands = clause_of(data, top, index)["forderungen"]
    if not 0 <= demand < len(demands):
        raise CorrectionError(f"Diese Forderung gibt es in TOP {top} nicht (mehr).")
    row: dict[str, Any] = demands[demand]
    return row


def demand_correct(
    data: dict[str, Any], top: str, index: int, demand: int, facts: DemandFacts
) -> list[Change]:
    row = demand_of(data, top, index, demand)
    where = f"{clause_label(top, clause_of(data, top, index), index)}, Forderung {demand + 1}"
    before, after = (
        _demand_text(row),
        _demand_text({"art": facts.kind, "adressat": facts.addressee, "ebene": facts.level}),
    )
    if before == after:
        return []
    row.update(art=facts.kind, adressat=facts.addressee, ebene=facts.level)
    return [(where, before, after)]


def demand_remove(data: dict[str, Any], top: str, index: int, demand: int) -> list[Change]:
    row = demand_of(data, top, index, demand)
    clause = clause_of(data, top, index)
    where = f"{clause_label(top, clause, index)}: Forderung entfernt"
    del clause["forderungen"][demand]
    return [(where, f"{_demand_text(row)}: „{row['wortlaut']}“", "")]


def demand_add(
    data: dict[str, Any], top: str, index: int, facts: DemandFacts, wording: str
) -> list[Change]:
    clause = clause_of(data, top, index)
    row = {"adressat": facts.addressee, "ebene": facts.level, "art": facts.kind}
    clause["forderungen"].append({**row, "wortlaut": wording})
    where = f"{clause_label(top, clause, index)}: Forderung hinzugefügt"
    return [(where, "", f"{_demand_text(row)}: „{wording}“")]


def _demand_text(row: dict[str, Any]) -> str:
    return f"{_kind(row['art'])} an {row['adressat']} ({Level(row['ebene']).label})"


def _kind(value: str) -> str:
    return str(Kind(value).label) if value in Kind.values else value


def _vote(value: str | None) -> str:
    return str(Vote(value).label) if value else "keine Abstimmung"


def _yes_no(value: bool) -> str:
    return "ja" if value else "nein"
