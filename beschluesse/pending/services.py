"""The writes of an upload: read and keep it, correct it, import it (``<thing>_<verb>``)."""

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from beschluesse.importer.errors import NiederschriftError
from beschluesse.importer.exchange import Minutes
from beschluesse.importer.minutes import minutes_read
from beschluesse.importer.readers import read_document
from beschluesse.importer.report import ImportReport
from beschluesse.importer.schema import validate_exchange
from beschluesse.importer.write import conference_import
from beschluesse.models import ImportRun
from beschluesse.pending.corrections import Change, CorrectionError
from beschluesse.pending.models import PendingImport
from intmk.models import User

STALE = (
    "Die Vorschau wurde inzwischen geändert (in einem anderen Fenster?). Bitte prüfen Sie die "
    "Stelle erneut und korrigieren Sie dann noch einmal."
)


@dataclass(frozen=True)
class ParsedUpload:
    kind: str
    source_text: str
    minutes: Minutes


def upload_parse(content: bytes) -> ParsedUpload:
    """Read a file of any supported format into the exchange format; NiederschriftError (German)
    when it cannot be read. Nothing is stored."""
    document = read_document(content)
    minutes = minutes_read(document)
    if document.json is not None:
        source_text = json.dumps(document.json, ensure_ascii=False, indent=1)
    else:
        source_text = document.text or ""
        validate_exchange(minutes.to_json())  # e.g. mojibake, a TOP too long for its column
    # PostgreSQL stores no NUL character; a PDF's text layer may carry one.
    return ParsedUpload(document.kind, source_text.replace("\x00", ""), minutes)


def pending_import_create(
    *, owner: User, source_name: str, source_sha256: str, parsed: ParsedUpload
) -> PendingImport:
    """Keep a parsed upload for its owner; uploads older than a day go at the same time."""
    with transaction.atomic():
        PendingImport.objects.expired().delete()
        return PendingImport.objects.create(
            owner=owner,
            source_name="".join(c for c in source_name if c.isprintable())[:255],
            source_sha256=source_sha256,
            source_kind=parsed.kind,
            source_text=parsed.source_text,
            data=parsed.minutes.to_json(),
        )


def pending_import_correct(
    *,
    pending: PendingImport,
    author: str,
    version: int,
    change: Callable[[Minutes], list[Change]],
) -> list[Change]:
    """Apply one correction to the pending data and log it; CorrectionError (German) when the
    form came from an older state of the preview or the result is no valid exchange document."""
    with transaction.atomic():
        locked = _locked(pending)
        if locked.version != version:
            raise CorrectionError(STALE)
        minutes = locked.minutes()
        changes = change(minutes)
        locked.data = minutes.to_json()
        try:
            validate_exchange(locked.data)
        except NiederschriftError as exc:
            raise CorrectionError(str(exc)) from exc
        _log(locked, author, changes)
        locked.save(update_fields=["data", "corrections"])
    return changes


def pending_import_decide(
    *,
    pending: PendingImport,
    author: str,
    version: int,
    allow_removals: bool,
    reassign: list[int],
) -> list[Change]:
    """Record the curator's decisions for a re-import (see the model), logged as corrections."""
    with transaction.atomic():
        locked = _locked(pending)
        if locked.version != version:
            raise CorrectionError(STALE)
        changes: list[Change] = []
        if locked.allow_removals != allow_removals:
            yes_no = {True: "ja", False: "nein"}
            changes.append(
                (
                    "Fehlende TOPs entfernen",
                    yes_no[locked.allow_removals],
                    yes_no[allow_removals],
                )
            )
        if sorted(locked.reassign) != sorted(reassign):
            changes.append(
                (
                    "Forderungen mit Sachständen dem neuen Wortlaut zugeordnet",
                    _ids(locked.reassign),
                    _ids(reassign),
                )
            )
        locked.allow_removals, locked.reassign = allow_removals, sorted(reassign)
        _log(locked, author, changes)
        locked.save(update_fields=["allow_removals", "reassign", "corrections"])
    return changes


def _ids(ids: list[int]) -> str:
    return ", ".join(f"ID {pk}" for pk in sorted(ids)) or "keine"


def _log(pending: PendingImport, author: str, changes: list[Change]) -> None:
    stamp = timezone.now().isoformat(timespec="seconds")
    pending.corrections = [
        *pending.corrections,
        *(
            {"wer": author, "wann": stamp, "was": what, "vorher": before, "nachher": after}
            for what, before, after in changes
        ),
    ]


def _import(pending: PendingImport, *, dry_run: bool, performed_by: str = "") -> ImportReport:
    """The pending data through `conference_import`, with the curator's re-import decisions."""
    return conference_import(
        minutes=pending.minutes(),
        source_name=pending.source_name,
        source_sha256=pending.source_sha256,
        dry_run=dry_run,
        performed_by=performed_by,
        allow_removals=pending.allow_removals,
        reassign=pending.reassign,
    )


def pending_import_dry_run(*, pending: PendingImport) -> ImportReport:
    """What the import would do now; NiederschriftError when it would refuse."""
    return _import(pending, dry_run=True)


GONE = "Dieser Import wurde schon bestätigt oder verworfen."


def _locked(pending: PendingImport) -> PendingImport:
    """The pending import, locked; CorrectionError when another tab confirmed or discarded it."""
    locked = PendingImport.objects.select_for_update().filter(pk=pending.pk).first()
    if locked is None:
        raise CorrectionError(GONE)
    return locked


def pending_import_confirm(*, pending: PendingImport, performed_by: str) -> ImportReport:
    """Import the corrected data in one transaction and drop the pending import. The import
    checks the register as it is now, so a preview that went stale meanwhile cannot slip
    through; its refusal (NiederschriftError) leaves everything as it was."""
    with transaction.atomic():
        # A second click on the button (or a second tab) waits here and then finds nothing.
        if not PendingImport.objects.select_for_update().filter(pk=pending.pk).exists():
            raise NiederschriftError(GONE)
        report = _import(pending, dry_run=False, performed_by=performed_by)
        if report.has_changes and pending.corrections:
            run = ImportRun.objects.filter(conference__number=report.conference_number).latest("pk")
            run.report = f"{run.report}\n{corrections_text(pending.corrections)}"
            run.save(update_fields=["report"])
        pending.delete()
    return report


def corrections_text(corrections: list[dict[str, str]]) -> str:
    lines = [f"Korrekturen in der Vorschau ({len(corrections)}):"]
    for c in corrections:
        before = c["vorher"] or "–"
        after = c["nachher"] or "–"
        lines.append(f"  - {c['wer']}, {c['wann']}: {c['was']}: {before} → {after}")
    return "\n".join(lines)


def report_summary(report: ImportReport) -> str:
    """One German sentence for the success message."""
    counts = report.counts
    content = (
        f"{counts['resolutions']} Beschlüsse, {counts['clauses']} Ziffern, "
        f"{counts['demands']} Forderungen"
    )
    if not report.has_changes:
        number = report.conference_number
        return f"Keine Änderungen: die {number}. IntMK stand schon so im Register ({content})."
    parts = [
        f"{len(rows)} {label}"
        for rows, label in (
            (report.created, "neu angelegt"),
            (report.changed, "geändert"),
            (report.removed, "entfernt"),
        )
        if rows
    ]
    return (
        f"Die {report.conference_number}. IntMK wurde importiert ({content}); Bericht: "
        f"{', '.join(parts)}, {len(report.warnings)} Warnungen der Quelle."
    )
