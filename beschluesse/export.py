"""The exchange format out of the database: the inverse of importer.write.conference_import."""

import json
from typing import Any

from django.db.models import Prefetch

from beschluesse.importer.exchange import (
    AgendaRecord,
    ClauseRecord,
    ConferenceRecord,
    DemandRecord,
    Minutes,
    NoteRecord,
    ReferenceRecord,
    ResolutionRecord,
)
from beschluesse.models import AgendaItem, Clause, Conference, Resolution


def conference_export(conference: Conference) -> Minutes:
    agenda = conference.agenda_items.select_related("lead").prefetch_related("applicants")
    resolutions = (
        Resolution.objects.filter(conference=conference)
        .select_related("lead", "rapporteur")
        .prefetch_related(
            "applicants",
            Prefetch("clauses", queryset=Clause.objects.prefetch_related("demands")),
            "dissent_notes__land",
            "references",
        )
    )
    return Minutes(
        conference=ConferenceRecord(
            number=conference.number,
            year=conference.year,
            place=conference.place,
            first_day=conference.first_day,
            last_day=conference.last_day,
            chair=_code(conference.chair),
            motto=conference.motto,
        ),
        agenda=[_agenda_item(a) for a in agenda],
        resolutions=[_resolution(r) for r in resolutions],
        warnings=list(conference.warnings),
    )


def exchange_json(minutes: Minutes) -> str:
    """The one way the exchange format is written, so that command and API agree to the byte."""
    return json.dumps(minutes.to_json(), ensure_ascii=False, indent=2) + "\n"


def _code(land: Any) -> str | None:
    return land.code if land else None


def _codes(lands: Any) -> list[str]:
    # Applicants are a set; ISO order keeps the export stable (export → import → export).
    return sorted(land.code for land in lands.all())


def _agenda_item(item: AgendaItem) -> AgendaRecord:
    return AgendaRecord(
        top=item.top,
        title=item.title,
        group=item.group,
        applicants=_codes(item.applicants),
        lead=_code(item.lead),
        consent_list=item.consent_list,
    )


def _resolution(resolution: Resolution) -> ResolutionRecord:
    return ResolutionRecord(
        top=resolution.top,
        title=resolution.title,
        vote=resolution.vote or None,
        consent_list=resolution.consent_list,
        applicants=_codes(resolution.applicants),
        lead=_code(resolution.lead),
        rapporteur=_code(resolution.rapporteur),
        line_count=resolution.line_count,
        clauses=[
            ClauseRecord(
                number=clause.number or None,
                line_from=clause.line_from,
                line_to=clause.line_to,
                text=clause.text,
                kind=clause.kind,
                demands=[
                    DemandRecord(
                        addressee=d.addressee, level=d.level, kind=d.kind, wording=d.wording
                    )
                    for d in clause.demands.all()
                ],
            )
            for clause in resolution.clauses.all()
        ],
        notes=[
            NoteRecord(land=n.land.code, line_from=n.line_from, line_to=n.line_to, text=n.text)
            for n in resolution.dissent_notes.all()
        ],
        references=[
            ReferenceRecord(
                conference=r.conference_number, top=r.top, clause=r.clause_number or None
            )
            for r in resolution.references.all()
        ],
    )
