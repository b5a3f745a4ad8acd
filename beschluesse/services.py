"""Writes to the Beschlussregister. Every multi-row write is one transaction."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchVector
from django.db import transaction
from django.db.models import ProtectedError, QuerySet
from django.utils import timezone

from beschluesse.importer.errors import NiederschriftError
from beschluesse.importer.parser import parse_niederschrift
from beschluesse.importer.readers import read_document
from beschluesse.importer.schema import validate_exchange
from beschluesse.models import (
    AgendaItem,
    Clause,
    Conference,
    Demand,
    DissentNote,
    Reference,
    Resolution,
)
from intmk.models import Land


@dataclass
class ImportReport:
    """What an import did, in German sentences for the person who ran it."""

    conference_number: int
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def has_changes(self) -> bool:
        return bool(self.created or self.changed or self.removed)

    def as_text(self, *, dry_run: bool = False) -> str:
        lines = [f"Importbericht {self.conference_number}. IntMK"]
        if dry_run:
            lines.append("Probelauf: nichts wurde gespeichert.")
        lines.append(
            "Inhalt: {resolutions} Beschlüsse, {clauses} Ziffern, {demands} Forderungen, "
            "{notes} Protokollnotizen, {references} Verweise.".format(**self.counts)
        )
        if not self.has_changes:
            lines.append("Keine Änderungen: der Stand in der Datenbank entspricht der Quelle.")
        for title, rows in (
            ("Neu angelegt", self.created),
            ("Geändert", self.changed),
            ("Entfernt", self.removed),
            ("Warnungen", self.warnings),
        ):
            if rows:
                lines.append(f"{title} ({len(rows)}):")
                lines.extend(f"  - {row}" for row in rows)
        return "\n".join(lines)


class _DryRun(Exception):
    """Rolls back the transaction of a dry run."""


def clause_search_vectors_update(clauses: QuerySet[Clause]) -> None:
    """Recompute the German full-text vectors of these clauses (kept in a column for the index)."""
    clauses.update(search_vector=SearchVector("text", config="german"))


def conference_import(
    *,
    data: dict[str, Any],
    source_name: str = "",
    source_sha256: str = "",
    dry_run: bool = False,
) -> ImportReport:
    """Create or update one conference from an exchange document, all or nothing.

    Rows are matched by their natural keys (conference number, TOP, position of a clause within
    its resolution, position of a demand within its clause) and updated in place, so that what
    hangs on a demand survives a corrected import. Importing the same document again changes
    nothing, not even the import time.
    """
    validate_exchange(data)
    report = ImportReport(conference_number=data["konferenz"]["nummer"])
    try:
        with transaction.atomic():
            _Importer(data, report).run(source_name, source_sha256)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except ProtectedError as exc:
        raise NiederschriftError(
            "Der Import würde Forderungen löschen, zu denen schon Einträge erfasst sind "
            f"({len(exc.protected_objects)} betroffen). Es wurde nichts geändert."
        ) from exc
    return report


def _diff(obj: Any, values: dict[str, Any]) -> list[str]:
    """Set values on obj; return the verbose names of the fields that changed."""
    changed = []
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(str(obj._meta.get_field(name).verbose_name))
    return changed


class _Importer:
    def __init__(self, data: dict[str, Any], report: ImportReport) -> None:
        self.data = data
        self.report = report
        self.lands = {land.code: land for land in Land.objects.all()}
        self.touched_clause_ids: list[int] = []
        self.created_resolutions: list[str] = []

    def land(self, code: str | None) -> Land | None:
        return self.lands[code] if code else None

    def run(self, source_name: str, source_sha256: str) -> None:
        conference = self.conference()
        agenda = self.agenda(conference)
        existing = {r.top: r for r in conference.resolutions.prefetch_related("applicants")}
        seen = set()
        for item in self.data["beschluesse"]:
            seen.add(item["top"])
            self.resolution(conference, existing.get(item["top"]), item, agenda)
        if self.created_resolutions:
            self.report.created.append(f"Beschlüsse: TOP {', '.join(self.created_resolutions)}")
        for top, resolution in existing.items():
            if top not in seen:
                resolution.delete()
                self.report.removed.append(f"Beschluss TOP {top}")
        clause_search_vectors_update(Clause.objects.filter(id__in=self.touched_clause_ids))
        references_link()
        self.report.warnings = list(self.data.get("warnungen", []))
        if conference.warnings != self.report.warnings:
            conference.warnings = self.report.warnings
            if not self.report.created:
                self.report.changed.append("Warnungen der Quelle")
        if self.report.has_changes:
            conference.source_name = source_name or conference.source_name
            conference.source_sha256 = source_sha256 or conference.source_sha256
            conference.imported_at = timezone.now()
        conference.save()
        self.report.counts = {
            "resolutions": len(self.data["beschluesse"]),
            "clauses": sum(len(r["ziffern"]) for r in self.data["beschluesse"]),
            "demands": sum(
                len(z["forderungen"]) for r in self.data["beschluesse"] for z in r["ziffern"]
            ),
            "notes": sum(len(r["protokollnotizen"]) for r in self.data["beschluesse"]),
            "references": sum(len(r["verweise"]) for r in self.data["beschluesse"]),
        }

    def conference(self) -> Conference:
        conf = self.data["konferenz"]
        values = {
            "year": conf["jahr"],
            "place": conf["ort"],
            "first_day": _date(conf["beginn"]),
            "last_day": _date(conf["ende"]),
            "chair": self.land(conf["vorsitz"]),
            "motto": conf["motto"],
        }
        conference = Conference.objects.filter(number=conf["nummer"]).first()
        if conference is None:
            conference = Conference.objects.create(number=conf["nummer"], **values)
            self.report.created.append(f"Konferenz {conference}")
        elif changed := _diff(conference, values):
            self.report.changed.append(f"Konferenz: {', '.join(changed)}")
        return conference

    def agenda(self, conference: Conference) -> dict[str, AgendaItem]:
        existing = {a.top: a for a in conference.agenda_items.prefetch_related("applicants")}
        result = {}
        created: list[str] = []
        for position, item in enumerate(self.data["tagesordnung"]):
            values = {
                "title": item["titel"],
                "group": item["gruppe"],
                "lead": self.land(item["federfuehrend"]),
                "consent_list": item["gruene_liste"],
                "position": position,
            }
            agenda_item = existing.pop(item["top"], None)
            if agenda_item is None:
                agenda_item = AgendaItem.objects.create(
                    conference=conference, top=item["top"], **values
                )
                self.set_lands(agenda_item.applicants, item["antragsteller"])
                created.append(item["top"])
            else:
                changed = _diff(agenda_item, values)
                if changed:
                    agenda_item.save()
                if self.set_lands(agenda_item.applicants, item["antragsteller"]):
                    changed.append("Antragsteller")
                if changed:
                    self.report.changed.append(
                        f"Tagesordnung TOP {item['top']}: {', '.join(changed)}"
                    )
            result[item["top"]] = agenda_item
        if created:
            self.report.created.append(f"Tagesordnung: TOP {', '.join(created)}")
        for top, agenda_item in existing.items():
            agenda_item.delete()
            self.report.removed.append(f"Tagesordnung TOP {top}")
        return result

    def set_lands(self, manager: Any, codes: list[str]) -> bool:
        wanted = {self.lands[code].pk for code in codes}
        if {land.pk for land in manager.all()} == wanted:
            return False
        manager.set(wanted)
        return True

    def resolution(
        self,
        conference: Conference,
        resolution: Resolution | None,
        item: dict[str, Any],
        agenda: dict[str, AgendaItem],
    ) -> None:
        values = {
            "agenda_item": agenda.get(item["top"]),
            "title": item["titel"],
            "vote": item["abstimmung"] or "",
            "consent_list": item["gruene_liste"],
            "lead": self.land(item["federfuehrend"]),
            "rapporteur": self.land(item["berichterstatter"]),
            "line_count": item["zeilen"],
        }
        changed: list[str] = []
        is_new = resolution is None
        if resolution is None:
            resolution = Resolution.objects.create(conference=conference, top=item["top"], **values)
            self.created_resolutions.append(item["top"])
        elif changed := _diff(resolution, values):
            resolution.save()
        if self.set_lands(resolution.applicants, item["antragsteller"]):
            changed.append("Antragsteller")
        changed += self.clauses(resolution, item["ziffern"])
        changed += self.notes(resolution, item["protokollnotizen"])
        changed += self.references(resolution, item["verweise"])
        if changed and not is_new:
            self.report.changed.append(f"Beschluss TOP {item['top']}: {', '.join(changed)}")

    def clauses(self, resolution: Resolution, items: list[dict[str, Any]]) -> list[str]:
        existing = list(resolution.clauses.prefetch_related("demands"))
        changed: list[str] = []
        # Numbers are unique per resolution; clear the ones that move so that the
        # updates below never collide with a number that is still in place.
        moving = [
            c.pk
            for c in existing[: len(items)]
            if c.number != (items[c.position]["nummer"] or "") and c.number
        ]
        if moving:
            Clause.objects.filter(pk__in=moving).update(number="")
        for clause in existing[len(items) :]:
            clause.delete()
            changed.append(f"{clause} entfernt")
        for position, item in enumerate(items):
            values = {
                "number": item["nummer"] or "",
                "line_from": item["zeile_von"],
                "line_to": item["zeile_bis"],
                "text": item["text"],
                "kind": item["art"],
            }
            if position < len(existing):
                clause = existing[position]
                if clause.pk in moving:
                    clause.number = ""
                fields = _diff(clause, values)
                if fields:
                    clause.save()
                    self.touched_clause_ids.append(clause.pk)
                    changed.append(f"{clause} ({', '.join(fields)})")
                demands = list(clause.demands.all())
            else:
                clause = Clause.objects.create(resolution=resolution, position=position, **values)
                self.touched_clause_ids.append(clause.pk)
                changed.append(f"{clause} neu")
                demands = []
            changed += self.demands(clause, demands, item["forderungen"])
        return changed

    def demands(
        self, clause: Clause, existing: list[Demand], items: list[dict[str, Any]]
    ) -> list[str]:
        changed = []
        for demand in existing[len(items) :]:
            demand.delete()
            changed.append(f"{clause}: Forderung {demand.position + 1} entfernt")
        for position, item in enumerate(items):
            values = {
                "addressee": item["adressat"],
                "level": item["ebene"],
                "kind": item["art"],
                "wording": item["wortlaut"],
            }
            if position < len(existing):
                demand = existing[position]
                if fields := _diff(demand, values):
                    demand.save()
                    changed.append(f"{clause}: Forderung {position + 1} ({', '.join(fields)})")
            else:
                Demand.objects.create(clause=clause, position=position, **values)
                changed.append(f"{clause}: Forderung {position + 1} neu")
        return changed

    def notes(self, resolution: Resolution, items: list[dict[str, Any]]) -> list[str]:
        wanted = [
            (self.lands[n["land"]].pk, n["zeile_von"], n["zeile_bis"], n["text"]) for n in items
        ]
        existing = resolution.dissent_notes.all()
        if [(n.land_id, n.line_from, n.line_to, n.text) for n in existing] == wanted:
            return []
        existing.delete()
        DissentNote.objects.bulk_create(
            DissentNote(
                resolution=resolution,
                position=i,
                land_id=land_id,
                line_from=first,
                line_to=last,
                text=text,
            )
            for i, (land_id, first, last, text) in enumerate(wanted)
        )
        return ["Protokollnotizen"]

    def references(self, resolution: Resolution, items: list[dict[str, Any]]) -> list[str]:
        wanted = [(r["konferenz"], r["top"], r["ziffer"] or "") for r in items]
        existing = resolution.references.all()
        if [(r.conference_number, r.top, r.clause_number) for r in existing] == wanted:
            return []
        existing.delete()
        Reference.objects.bulk_create(
            Reference(
                resolution=resolution, position=i, conference_number=n, top=top, clause_number=z
            )
            for i, (n, top, z) in enumerate(wanted)
        )
        return ["Verweise"]


def references_link() -> int:
    """Point every unlinked reference at its resolution if that is in the database now.

    Runs after every import, so a reference from the 19th to the 18th IntMK is linked as soon
    as the 18th arrives, whichever came first.
    """
    linked = 0
    unlinked = Reference.objects.filter(target__isnull=True)
    keys = {(r.conference_number, r.top) for r in unlinked}
    if not keys:
        return 0
    targets = {
        (r.conference.number, r.top): r.pk
        for r in Resolution.objects.filter(
            conference__number__in={n for n, _ in keys}
        ).select_related("conference")
    }
    for reference in unlinked:
        target = targets.get((reference.conference_number, reference.top))
        if target:
            reference.target_id = target
            reference.save(update_fields=["target"])
            linked += 1
    return linked


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def niederschrift_import(
    *, content: bytes, source_name: str = "", source_sha256: str = "", dry_run: bool = False
) -> ImportReport:
    """Read minutes in any supported format (detected from the content) and import them."""
    document = read_document(content)
    data = document.json or parse_niederschrift(document.text or "")
    return conference_import(
        data=data, source_name=source_name, source_sha256=source_sha256, dry_run=dry_run
    )
