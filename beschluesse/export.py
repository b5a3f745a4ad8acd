"""The exchange format out of the database: the inverse of importer.write.conference_import."""

import json
from typing import Any

from django.db.models import Prefetch

from beschluesse.models import AgendaItem, Clause, Conference, Resolution


def conference_export(conference: Conference) -> dict[str, Any]:
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
    return {
        "konferenz": {
            "nummer": conference.number,
            "jahr": conference.year,
            "ort": conference.place,
            "beginn": _iso(conference.first_day),
            "ende": _iso(conference.last_day),
            "vorsitz": _code(conference.chair),
            "motto": conference.motto,
        },
        "tagesordnung": [_agenda_item(a) for a in agenda],
        "beschluesse": [_resolution(r) for r in resolutions],
        "warnungen": list(conference.warnings),
    }


def exchange_json(data: dict[str, Any]) -> str:
    """The one way the exchange format is written, so that command and API agree to the byte."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def _code(land: Any) -> str | None:
    return land.code if land else None


def _codes(lands: Any) -> list[str]:
    # Applicants are a set; ISO order keeps the export stable (export → import → export).
    return sorted(land.code for land in lands.all())


def _agenda_item(item: AgendaItem) -> dict[str, Any]:
    return {
        "top": item.top,
        "titel": item.title,
        "gruppe": item.group,
        "antragsteller": _codes(item.applicants),
        "federfuehrend": _code(item.lead),
        "gruene_liste": item.consent_list,
    }


def _resolution(resolution: Resolution) -> dict[str, Any]:
    return {
        "top": resolution.top,
        "titel": resolution.title,
        "abstimmung": resolution.vote or None,
        "gruene_liste": resolution.consent_list,
        "antragsteller": _codes(resolution.applicants),
        "federfuehrend": _code(resolution.lead),
        "berichterstatter": _code(resolution.rapporteur),
        "zeilen": resolution.line_count,
        "ziffern": [
            {
                "nummer": clause.number or None,
                "zeile_von": clause.line_from,
                "zeile_bis": clause.line_to,
                "text": clause.text,
                "art": clause.kind,
                "forderungen": [
                    {
                        "adressat": d.addressee,
                        "ebene": d.level,
                        "art": d.kind,
                        "wortlaut": d.wording,
                    }
                    for d in clause.demands.all()
                ],
            }
            for clause in resolution.clauses.all()
        ],
        "protokollnotizen": [
            {"land": n.land.code, "zeile_von": n.line_from, "zeile_bis": n.line_to, "text": n.text}
            for n in resolution.dissent_notes.all()
        ],
        "verweise": [
            {"konferenz": r.conference_number, "top": r.top, "ziffer": r.clause_number or None}
            for r in resolution.references.all()
        ],
    }
