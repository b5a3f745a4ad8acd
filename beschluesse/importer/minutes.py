"""Minutes in any supported format into the register: read, parse, then ``conference_import``."""

from collections.abc import Collection

from beschluesse.importer.exchange import Minutes
from beschluesse.importer.parser import parse_niederschrift
from beschluesse.importer.readers import Document, read_document
from beschluesse.importer.report import ImportReport
from beschluesse.importer.write import conference_import


def minutes_read(document: Document) -> Minutes:
    """The minutes of a read document: our JSON export as it is, anything else parsed."""
    if document.json is not None:
        return Minutes.from_json(document.json)
    return parse_niederschrift(document.text or "")


def niederschrift_import(
    *,
    content: bytes,
    source_name: str = "",
    source_sha256: str = "",
    dry_run: bool = False,
    allow_removals: bool = False,
    performed_by: str = "",
    reassign: Collection[int] = (),
) -> ImportReport:
    """Read minutes in any supported format (detected from the content) and import them."""
    return conference_import(
        minutes=minutes_read(read_document(content)),
        source_name=source_name,
        source_sha256=source_sha256,
        dry_run=dry_run,
        allow_removals=allow_removals,
        performed_by=performed_by,
        reassign=reassign,
    )
