"""What the preview page shows of a pending import: its TOPs in German labels, and what the
import would change in the register now (a dry run)."""

import re
from dataclasses import dataclass, field

from beschluesse.importer.errors import NiederschriftError
from beschluesse.importer.exchange import AgendaRecord, Minutes
from beschluesse.importer.report import ImportReport
from beschluesse.models import Conference, Kind, Level, Vote
from beschluesse.pending.corrections import LAND_NAMES, clause_label
from beschluesse.pending.models import PendingImport
from beschluesse.pending.services import pending_import_dry_run


@dataclass
class DemandRow:
    index: int
    anchor: str  # prefix of its form fields' ids
    kind: str
    kind_label: str
    addressee: str
    level: str
    level_label: str
    wording: str


@dataclass
class ClauseRow:
    index: int
    label: str  # "Ziffer 3" / "Absatz 1"
    lines: str  # "Zeilen 4–22", "" without line numbers
    kind: str
    kind_label: str
    text: str
    demands: list[DemandRow]
    anchor: str


@dataclass
class NoteRow:
    land: str
    lines: str
    text: str


@dataclass
class TopRow:
    top: str
    anchor: str
    title: str
    agenda_title: str  # when the agenda prints another title, else ""
    applicants: list[str]  # Land codes
    lead: str | None
    rapporteur: str
    vote: str | None
    vote_label: str
    consent_list: bool
    line_count: int
    clauses: list[ClauseRow] = field(default_factory=list)
    notes: list[NoteRow] = field(default_factory=list)
    references: list[str] = field(default_factory=list)

    @property
    def applicant_names(self) -> str:
        return ", ".join(LAND_NAMES.get(code, code) for code in self.applicants) or "keine"

    @property
    def lead_name(self) -> str:
        return LAND_NAMES.get(self.lead or "", "")


@dataclass(frozen=True)
class DryRun:
    report: ImportReport | None
    error: str  # the import's refusal, German; "" when it would pass
    reimport: bool  # the conference is in the register already


def anchor_of(top: str) -> str:
    return "top-" + re.sub(r"[^0-9A-Za-z]+", "-", top).strip("-").lower()


def clause_anchor(top: str, index: int) -> str:
    return f"{anchor_of(top)}-z{index + 1}"


def _lines(start: int | None, end: int | None) -> str:
    if start is None:
        return ""
    return f"Zeile {start}" if end in (None, start) else f"Zeilen {start}–{end}"


def _label(choices: type[Kind] | type[Level], value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def top_rows(minutes: Minutes) -> list[TopRow]:
    agenda = {item.top: item for item in minutes.agenda}
    rows = []
    for r in minutes.resolutions:
        top = r.top
        agenda_title = agenda[top].title if top in agenda else ""
        row = TopRow(
            top=top,
            anchor=anchor_of(top),
            title=r.title,
            agenda_title=agenda_title if agenda_title != r.title else "",
            applicants=list(r.applicants),
            lead=r.lead,
            rapporteur=LAND_NAMES.get(r.rapporteur or "", ""),
            vote=r.vote,
            vote_label=str(Vote(r.vote).label) if r.vote else "ohne",
            consent_list=r.consent_list,
            line_count=r.line_count,
        )
        for index, clause in enumerate(r.clauses):
            label = clause_label(top, clause, index).split(", ", 1)[1]
            row.clauses.append(
                ClauseRow(
                    index=index,
                    label=label,
                    lines=_lines(clause.line_from, clause.line_to),
                    kind=clause.kind,
                    kind_label=_label(Kind, clause.kind),
                    text=clause.text,
                    anchor=clause_anchor(top, index),
                    demands=[
                        DemandRow(
                            index=i,
                            anchor=f"{clause_anchor(top, index)}-f{i + 1}",
                            kind=d.kind,
                            kind_label=_label(Kind, d.kind),
                            addressee=d.addressee,
                            level=d.level,
                            level_label=_label(Level, d.level),
                            wording=d.wording,
                        )
                        for i, d in enumerate(clause.demands)
                    ],
                )
            )
        row.notes = [
            NoteRow(
                land=LAND_NAMES.get(n.land, n.land),
                lines=_lines(n.line_from, n.line_to),
                text=n.text,
            )
            for n in r.notes
        ]
        row.references = [
            f"{v.conference}. IntMK, TOP {v.top}" + (f", Ziffer {v.clause}" if v.clause else "")
            for v in r.references
        ]
        rows.append(row)
    return rows


@dataclass(frozen=True)
class WarningRow:
    text: str
    top: str  # the TOP the warning names, "" when the preview does not show it
    anchor: str


_WARNING_TOP = re.compile(r"^TOP (?P<top>\S+?)[:,]? ")


def warning_rows(minutes: Minutes) -> list[WarningRow]:
    """The parser's warnings, each linked to the TOP it names when the preview shows it."""
    tops = {r.top for r in minutes.resolutions}
    rows = []
    for text in minutes.warnings:
        found = _WARNING_TOP.match(text)
        top = found.group("top") if found else ""
        shown = top if top in tops else ""
        rows.append(WarningRow(text, shown, anchor_of(shown) if shown else ""))
    return rows


def agenda_without_resolution(minutes: Minutes) -> list[AgendaRecord]:
    tops = {r.top for r in minutes.resolutions}
    return [item for item in minutes.agenda if item.top not in tops]


def dry_run(pending: PendingImport) -> DryRun:
    reimport = Conference.objects.filter(number=pending.conference_number).exists()
    try:
        return DryRun(pending_import_dry_run(pending=pending), "", reimport)
    except NiederschriftError as exc:
        return DryRun(None, str(exc), reimport)
