import getpass
import hashlib
import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beschluesse.importer.errors import NiederschriftError
from beschluesse.importer.minutes import niederschrift_import


class Command(BaseCommand):
    help = (
        "Importiert die Niederschrift einer IntMK (Text, PDF mit Textebene, DOCX oder "
        "JSON-Export). Wiederholter Import derselben Datei ändert nichts; eine korrigierte "
        "Fassung aktualisiert den Bestand und nennt die Unterschiede."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Pfad zur Niederschrift")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Nur prüfen und berichten, nichts speichern.",
        )
        parser.add_argument(
            "--benutzer",
            default=getpass.getuser(),
            help="Wer importiert, für den Importlauf (Standard: der angemeldete Systembenutzer).",
        )
        parser.add_argument(
            "--entfernen",
            action="store_true",
            help="TOPs löschen, die in der Quelle fehlen (sonst bricht der Import dann ab).",
        )
        parser.add_argument(
            "--zuordnen",
            action="append",
            type=int,
            default=[],
            metavar="FORDERUNGS_ID",
            help=(
                "Diese Forderung (ID aus der Abbruchmeldung) behält ihre Sachstände auch unter dem "
                "neuen Wortlaut, den die Meldung genannt hat. Mehrfach angebbar."
            ),
        )

    def handle(
        self,
        *args: Any,
        path: str,
        dry_run: bool,
        entfernen: bool,
        benutzer: str,
        zuordnen: list[int],
        **options: Any,
    ) -> None:
        file = Path(path)
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(
                f"Die Datei {path} kann nicht gelesen werden: {exc.strerror}."
            ) from exc
        if len(benutzer) > 150 or not benutzer.isprintable() or _has_surrogate(benutzer):
            raise CommandError(
                "--benutzer muss ein Name aus höchstens 150 druckbaren Zeichen sein."
            )
        try:
            report = niederschrift_import(
                content=content,
                source_name=_readable(file.name)[:255],
                source_sha256=hashlib.sha256(content).hexdigest(),
                dry_run=dry_run,
                allow_removals=entfernen,
                performed_by=benutzer,
                reassign=zuordnen,
            )
        except NiederschriftError as exc:
            raise CommandError(f"Import abgebrochen, nichts wurde gespeichert.\n{exc}") from exc
        self.stdout.write(report.as_text(dry_run=dry_run))


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= char <= "\udfff" for char in text)


def _readable(name: str) -> str:
    """A file name as text the database can store: bytes that are not UTF-8 (a name from a
    Windows archive, "M\\xe4rz") arrive as surrogates and are shown as "�"."""
    return os.fsencode(name).decode("utf-8", errors="replace")
