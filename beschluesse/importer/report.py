"""The report of an import: what it created, changed and removed, in German for the person who
ran it (and stored with the ImportRun)."""

from dataclasses import dataclass, field


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
