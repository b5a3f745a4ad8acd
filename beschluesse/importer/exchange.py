"""The exchange format, typed: one conference's minutes as the parser reads them, the import
writes them and the export gives them back.

The attributes are English and named like the model fields they become; the German keys exist
only in JSON (``Minutes.from_json`` reads them after ``schema.validate_exchange`` has checked
the document, ``Minutes.to_json`` writes them).  The JSON shape is documented in
``beschluesse/importer/__init__.py`` and docs/design.md.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from beschluesse.importer.schema import validate_exchange


@dataclass
class ConferenceRecord:
    number: int
    year: int
    place: str = ""
    first_day: datetime.date | None = None
    last_day: datetime.date | None = None
    chair: str | None = None  # Land code ("DE-MV")
    motto: str = ""


@dataclass
class AgendaRecord:
    top: str
    title: str
    group: str = ""  # the title of the group heading ("2" for TOP 2.3), if any
    applicants: list[str] = field(default_factory=list)  # Land codes
    lead: str | None = None
    consent_list: bool = False  # Grüne Liste


@dataclass
class DemandRecord:
    addressee: str  # "Bund", "BAMF", …
    level: str  # Level value
    kind: str  # Kind value
    wording: str


@dataclass
class ClauseRecord:
    number: str | None  # "1", or None for a resolution without Ziffern
    line_from: int | None
    line_to: int | None
    text: str
    kind: str  # Kind value
    demands: list[DemandRecord] = field(default_factory=list)


@dataclass
class NoteRecord:
    """A Protokollnotiz."""

    land: str
    line_from: int | None
    line_to: int | None
    text: str


@dataclass(frozen=True)
class ReferenceRecord:
    """ "Beschluss der 18. IntMK (TOP 2.3)"; ``clause`` is the Ziffer, if named."""

    conference: int
    top: str
    clause: str | None = None


@dataclass
class ResolutionRecord:
    top: str
    title: str
    vote: str | None = None  # Vote value; None without a vote (an oral report)
    consent_list: bool = False
    applicants: list[str] = field(default_factory=list)
    lead: str | None = None
    rapporteur: str | None = None
    line_count: int = 0
    clauses: list[ClauseRecord] = field(default_factory=list)
    notes: list[NoteRecord] = field(default_factory=list)
    references: list[ReferenceRecord] = field(default_factory=list)


@dataclass
class Minutes:
    conference: ConferenceRecord
    agenda: list[AgendaRecord] = field(default_factory=list)
    resolutions: list[ResolutionRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def resolution(self, top: str) -> ResolutionRecord | None:
        return next((r for r in self.resolutions if r.top == top), None)

    def agenda_item(self, top: str) -> AgendaRecord | None:
        return next((a for a in self.agenda if a.top == top), None)

    @classmethod
    def from_json(cls, data: Any) -> "Minutes":
        """Check the JSON document (NiederschriftError in German, naming each place) and read it."""
        validate_exchange(data)
        conf = data["konferenz"]
        return cls(
            conference=ConferenceRecord(
                number=conf["nummer"],
                year=conf["jahr"],
                place=conf["ort"],
                first_day=_date(conf["beginn"]),
                last_day=_date(conf["ende"]),
                chair=conf["vorsitz"],
                motto=conf["motto"],
            ),
            agenda=[
                AgendaRecord(
                    top=a["top"],
                    title=a["titel"],
                    group=a["gruppe"],
                    applicants=list(a["antragsteller"]),
                    lead=a["federfuehrend"],
                    consent_list=a["gruene_liste"],
                )
                for a in data["tagesordnung"]
            ],
            resolutions=[_resolution(r) for r in data["beschluesse"]],
            warnings=list(data.get("warnungen", [])),
        )

    def to_json(self) -> dict[str, Any]:
        conf = self.conference
        return {
            "konferenz": {
                "nummer": conf.number,
                "jahr": conf.year,
                "ort": conf.place,
                "beginn": conf.first_day.isoformat() if conf.first_day else None,
                "ende": conf.last_day.isoformat() if conf.last_day else None,
                "vorsitz": conf.chair,
                "motto": conf.motto,
            },
            "tagesordnung": [
                {
                    "top": a.top,
                    "titel": a.title,
                    "gruppe": a.group,
                    "antragsteller": list(a.applicants),
                    "federfuehrend": a.lead,
                    "gruene_liste": a.consent_list,
                }
                for a in self.agenda
            ],
            "beschluesse": [_resolution_json(r) for r in self.resolutions],
            "warnungen": list(self.warnings),
        }


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _resolution(r: dict[str, Any]) -> ResolutionRecord:
    return ResolutionRecord(
        top=r["top"],
        title=r["titel"],
        vote=r["abstimmung"],
        consent_list=r["gruene_liste"],
        applicants=list(r["antragsteller"]),
        lead=r["federfuehrend"],
        rapporteur=r["berichterstatter"],
        line_count=r["zeilen"],
        clauses=[
            ClauseRecord(
                number=c["nummer"],
                line_from=c["zeile_von"],
                line_to=c["zeile_bis"],
                text=c["text"],
                kind=c["art"],
                demands=[
                    DemandRecord(
                        addressee=d["adressat"],
                        level=d["ebene"],
                        kind=d["art"],
                        wording=d["wortlaut"],
                    )
                    for d in c["forderungen"]
                ],
            )
            for c in r["ziffern"]
        ],
        notes=[
            NoteRecord(
                land=n["land"], line_from=n["zeile_von"], line_to=n["zeile_bis"], text=n["text"]
            )
            for n in r["protokollnotizen"]
        ],
        references=[
            ReferenceRecord(conference=v["konferenz"], top=v["top"], clause=v["ziffer"])
            for v in r["verweise"]
        ],
    )


def clause_json(c: ClauseRecord) -> dict[str, Any]:
    """One Ziffer as JSON (also for the test corpus, which builds documents clause by clause)."""
    return {
        "nummer": c.number,
        "zeile_von": c.line_from,
        "zeile_bis": c.line_to,
        "text": c.text,
        "art": c.kind,
        "forderungen": [
            {"adressat": d.addressee, "ebene": d.level, "art": d.kind, "wortlaut": d.wording}
            for d in c.demands
        ],
    }


def _resolution_json(r: ResolutionRecord) -> dict[str, Any]:
    return {
        "top": r.top,
        "titel": r.title,
        "abstimmung": r.vote,
        "gruene_liste": r.consent_list,
        "antragsteller": list(r.applicants),
        "federfuehrend": r.lead,
        "berichterstatter": r.rapporteur,
        "zeilen": r.line_count,
        "ziffern": [clause_json(c) for c in r.clauses],
        "protokollnotizen": [
            {"land": n.land, "zeile_von": n.line_from, "zeile_bis": n.line_to, "text": n.text}
            for n in r.notes
        ],
        "verweise": [
            {"konferenz": v.conference, "top": v.top, "ziffer": v.clause} for v in r.references
        ],
    }
