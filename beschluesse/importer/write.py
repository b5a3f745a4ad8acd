"""The write side of the import: ``conference_import`` turns an exchange document into the
Beschlussregister in one transaction (and leaves an ImportRun when it changes something);
``minutes.niederschrift_import`` reads minutes in any supported format first."""

from collections.abc import Collection
from typing import Any

from django.db import transaction
from django.utils import timezone

from beschluesse import services
from beschluesse.export import conference_export
from beschluesse.extensions import follow_up_counts
from beschluesse.importer.errors import NiederschriftError
from beschluesse.importer.exchange import (
    ClauseRecord,
    DemandRecord,
    Minutes,
    NoteRecord,
    ReferenceRecord,
    ResolutionRecord,
)
from beschluesse.importer.report import ImportReport
from beschluesse.importer.rows import (
    Similar,
    delete_row,
    diff,
    kept_note,
    moved_line,
    moved_message,
    pair_rows,
    wording_change,
    write_rows,
)
from beschluesse.importer.schema import validate_exchange
from beschluesse.models import (
    AgendaItem,
    Clause,
    Conference,
    Demand,
    DissentNote,
    ImportRun,
    Reference,
    Resolution,
)
from intmk.audit import audit
from intmk.models import Land


class _DryRun(Exception):
    """Rolls back the transaction of a dry run."""


def conference_import(
    *,
    minutes: Minutes,
    source_name: str = "",
    source_sha256: str = "",
    dry_run: bool = False,
    allow_removals: bool = False,
    performed_by: str = "",
    reassign: Collection[int] = (),
) -> ImportReport:
    """Create or update one conference from an exchange document, all or nothing.

    Rows are matched by content before position (see docs/design.md) and updated in place, so
    that what hangs on a demand survives a corrected import. Importing the same document again
    changes nothing, not even the import time. Whole TOPs missing from the source are only
    deleted with allow_removals, since a truncated file looks just like that. An import that
    changes something leaves an ImportRun: who, when, which file, the report and the state before.

    Clauses and demands are paired by their wording, exactly or similar (``similarity``); a
    demand with Sachstände that only its position would pair with a new wording stops the
    import, unless its id is in ``reassign`` (a person decided that the new wording is its own).
    """
    validate_exchange(minutes.to_json())  # parsed or corrected minutes are checked like JSON
    report = ImportReport(conference_number=minutes.conference.number)
    try:
        with transaction.atomic():
            previous = Conference.objects.filter(number=report.conference_number).first()
            before = conference_export(previous).to_json() if previous else None
            importer = _Importer(minutes, report, allow_removals, frozenset(reassign))
            conference = importer.run(source_name, source_sha256)
            if report.has_changes:
                ImportRun.objects.create(
                    conference=conference,
                    performed_at=conference.imported_at or timezone.now(),
                    performed_by=performed_by,
                    source_name=source_name,
                    source_sha256=source_sha256,
                    report=report.as_text(),
                    previous=before,
                )
            audit(
                performed_by,
                "import",
                conference=report.conference_number,
                source=source_name,
                sha256=source_sha256[:12],
                changed=report.has_changes,
                resolutions=report.counts["resolutions"],
                demands=report.counts["demands"],
            )  # written on commit: a dry run or a failure leaves no line
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


class _Importer:
    def __init__(
        self,
        minutes: Minutes,
        report: ImportReport,
        allow_removals: bool,
        reassign: frozenset[int],
    ) -> None:
        self.minutes = minutes
        self.report = report
        self.allow_removals = allow_removals
        self.reassign = reassign
        self.entries: dict[int, int] = {}  # Sachstände per demand id (only those with some)
        self.moved: list[str] = []  # demands with Sachstände that would change their wording
        self.lands = {land.code: land for land in Land.objects.all()}
        self.touched_clause_ids: list[int] = []
        self.created_resolutions: list[str] = []

    def land(self, code: str | None) -> Land | None:
        return self.lands[code] if code else None

    def run(self, source_name: str, source_sha256: str) -> Conference:
        conference = self.conference()
        demands = Demand.objects.filter(clause__resolution__conference=conference)
        self.entries = follow_up_counts(list(demands.values_list("pk", flat=True)))
        agenda = self.agenda(conference)
        # locked, like a curator's save (services.resolution_lock): one waits for the other
        locked = conference.resolutions.select_for_update().prefetch_related("applicants")
        existing = {r.top: r for r in locked}
        seen = set()
        for item in self.minutes.resolutions:
            seen.add(item.top)
            self.resolution(conference, existing.get(item.top), item, agenda)
        if self.moved:
            raise NiederschriftError(moved_message(self.moved))
        if self.created_resolutions:
            self.report.created.append(f"Beschlüsse: TOP {', '.join(self.created_resolutions)}")
        gone = [top for top in existing if top not in seen]
        self.check_removal("Beschlüsse", gone)
        for top in gone:
            delete_row(existing[top], f"Beschluss TOP {top}")
            self.report.removed.append(f"Beschluss TOP {top}")
        services.clause_search_vectors_update(Clause.objects.filter(id__in=self.touched_clause_ids))
        services.references_link()
        services.demand_chains_link()
        self.report.warnings = list(self.minutes.warnings)
        if conference.warnings != self.report.warnings:
            conference.warnings = self.report.warnings
            if not self.report.created:
                self.report.changed.append("Warnungen der Quelle")
        if self.report.has_changes:
            conference.source_name = source_name or conference.source_name
            conference.source_sha256 = source_sha256 or conference.source_sha256
            conference.imported_at = timezone.now()
        conference.save()
        resolutions = self.minutes.resolutions
        self.report.counts = {
            "resolutions": len(resolutions),
            "clauses": sum(len(r.clauses) for r in resolutions),
            "demands": sum(len(c.demands) for r in resolutions for c in r.clauses),
            "notes": sum(len(r.notes) for r in resolutions),
            "references": sum(len(r.references) for r in resolutions),
        }
        return conference

    def conference(self) -> Conference:
        conf = self.minutes.conference
        values = {
            "year": conf.year,
            "place": conf.place,
            "first_day": conf.first_day,
            "last_day": conf.last_day,
            "chair": self.land(conf.chair),
            "motto": conf.motto,
        }
        conference = Conference.objects.filter(number=conf.number).first()
        if conference is None:
            conference = Conference.objects.create(number=conf.number, **values)
            self.report.created.append(f"Konferenz {conference}")
        elif changed := diff(conference, values):
            self.report.changed.append(f"Konferenz: {', '.join(changed)}")
        return conference

    def agenda(self, conference: Conference) -> dict[str, AgendaItem]:
        existing = {a.top: a for a in conference.agenda_items.prefetch_related("applicants")}
        result = {}
        created: list[str] = []
        for position, item in enumerate(self.minutes.agenda):
            values = {
                "title": item.title,
                "group": item.group,
                "lead": self.land(item.lead),
                "consent_list": item.consent_list,
                "position": position,
            }
            agenda_item = existing.pop(item.top, None)
            if agenda_item is None:
                agenda_item = AgendaItem.objects.create(
                    conference=conference, top=item.top, **values
                )
                self.set_lands(agenda_item.applicants, item.applicants)
                created.append(item.top)
            else:
                changed = diff(agenda_item, values)
                if changed:
                    agenda_item.save()
                if self.set_lands(agenda_item.applicants, item.applicants):
                    changed.append("Antragsteller")
                if changed:
                    self.report.changed.append(f"Tagesordnung TOP {item.top}: {', '.join(changed)}")
            result[item.top] = agenda_item
        if created:
            self.report.created.append(f"Tagesordnung: TOP {', '.join(created)}")
        self.check_removal("Tagesordnungspunkte", list(existing))
        for top, agenda_item in existing.items():
            delete_row(agenda_item, f"Tagesordnungspunkt TOP {top}")
            self.report.removed.append(f"Tagesordnung TOP {top}")
        return result

    def check_removal(self, what: str, tops: list[str]) -> None:
        """A source that lacks whole TOPs is more often cut off than corrected: ask first."""
        if tops and not self.allow_removals:
            raise NiederschriftError(
                f"Die Quelle enthält diese {what} der {self.report.conference_number}. IntMK "
                f"nicht mehr: TOP {', '.join(tops)}. Ist die Datei vollständig? Wer sie "
                "wirklich löschen will, importiert erneut mit --entfernen."
            )

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
        item: ResolutionRecord,
        agenda: dict[str, AgendaItem],
    ) -> None:
        values = {
            "agenda_item": agenda.get(item.top),
            "title": item.title,
            "vote": item.vote or "",
            "consent_list": item.consent_list,
            "lead": self.land(item.lead),
            "rapporteur": self.land(item.rapporteur),
            "line_count": item.line_count,
        }
        changed: list[str] = []
        is_new = resolution is None
        if resolution is None:
            resolution = Resolution.objects.create(conference=conference, top=item.top, **values)
            self.created_resolutions.append(item.top)
        elif changed := diff(resolution, values):
            resolution.save()
        if self.set_lands(resolution.applicants, item.applicants):
            changed.append("Antragsteller")
        clause_changes = self.clauses(resolution, item.clauses)
        if clause_changes and services.resolution_review_clear(resolution):
            clause_changes.append("Prüfvermerk aufgehoben")  # its demands are machine-made again
        changed += clause_changes
        changed += self.notes(resolution, item.notes)
        changed += self.references(resolution, item.references)
        if changed and not is_new:
            self.report.changed.append(f"Beschluss TOP {item.top}: {', '.join(changed)}")

    def clauses(self, resolution: Resolution, items: list[ClauseRecord]) -> list[str]:
        existing = list(resolution.clauses.prefetch_related("demands"))
        labels = {clause.pk: f"TOP {resolution.top}, {clause}" for clause in existing}
        texts = {clause.pk: clause.text for clause in existing}  # before this import
        pairing = pair_rows(
            existing,
            items,
            (lambda c: c.text, lambda i: i.text),
            Similar(lambda c: c.text, lambda i: i.text),
            (lambda c: c.number or None, lambda i: i.number),
        )
        paired = pairing.paired
        changed = []
        for gone in pairing.unpaired:
            delete_row(gone, f"TOP {resolution.top}, {gone}")
            changed.append(f"{gone} entfernt")
        rows = write_rows(
            paired,
            items,
            lambda item: {
                "number": item.number or "",
                "line_from": item.line_from,
                "line_to": item.line_to,
                "text": item.text,
                "kind": item.kind,
            },
            lambda values: Clause(resolution=resolution, **values),
        )
        for (clause, fields), item in zip(rows, items, strict=True):
            if fields:
                self.touched_clause_ids.append(clause.pk)
                text = wording_change(texts[clause.pk], clause.text) if "Text" in fields else ""
                changed.append(f"{clause} ({', '.join(fields)}){text}")
            old_demands = [] if fields == ["neu"] else list(clause.demands.all())
            label = labels.get(clause.pk, "")
            changed += self.demands(clause, label, old_demands, item.demands)
        return changed

    def demands(
        self, clause: Clause, label: str, existing: list[Demand], items: list[DemandRecord]
    ) -> list[str]:
        """``label``: the clause's place before this import ("TOP 3.3, Ziffer 2")."""
        pairing = pair_rows(
            existing,
            items,
            (
                lambda d: (d.kind, d.addressee, d.wording),
                lambda i: (i.kind, i.addressee, i.wording),
            ),
            (lambda d: d.wording, lambda i: i.wording),
            Similar(lambda d: d.wording, lambda i: i.wording),
        )
        paired = pairing.paired
        wordings = {demand.pk: demand.wording for demand in existing}  # before this import
        for index in sorted(pairing.by_position):
            demand = paired[index]
            if demand and demand.pk not in self.reassign and (count := self.entries.get(demand.pk)):
                self.moved.append(moved_line(label, demand, count, items[index].wording))
        changed = []
        for gone in pairing.unpaired:
            delete_row(gone, f"TOP {clause.resolution.top}, {clause}: {gone}")
            changed.append(f"{clause}: {gone} entfernt")
        rows = write_rows(
            paired,
            items,
            lambda item: {
                "addressee": item.addressee,
                "level": item.level,
                "kind": item.kind,
                "wording": item.wording,
            },
            lambda values: Demand(clause=clause, **values),
        )
        changed += [
            f"{clause}: Forderung {demand.position + 1} ({', '.join(fields)})"
            + (wording_change(wordings[demand.pk], demand.wording) if "Wortlaut" in fields else "")
            + kept_note(fields, self.entries.get(demand.pk, 0))
            for demand, fields in rows
            if fields
        ]
        return changed

    def notes(self, resolution: Resolution, items: list[NoteRecord]) -> list[str]:
        wanted = [(self.lands[n.land].pk, n.line_from, n.line_to, n.text) for n in items]
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

    def references(self, resolution: Resolution, items: list[ReferenceRecord]) -> list[str]:
        wanted = [(r.conference, r.top, r.clause or "") for r in items]
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
