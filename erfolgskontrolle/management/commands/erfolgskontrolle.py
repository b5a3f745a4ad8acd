"""The Erfolgskontrolle for scripts and the bench: write a format of the draft or of a stored
edition to a file, or freeze a new edition in the name of a user."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beschluesse.models import Conference
from erfolgskontrolle.models import Edition
from erfolgskontrolle.report import build, render, services
from intmk.models import User


class Command(BaseCommand):
    help = (
        "Erfolgskontrolle einer Konferenz: Entwurf oder Ausgabe als Datei schreiben "
        "(--format, --output, --ausgabe) oder eine Ausgabe festschreiben (--festschreiben)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("konferenz", type=int, help="Nummer der Konferenz, z. B. 19")
        parser.add_argument("--format", help="html, pdf, docx, xlsx oder csv")
        parser.add_argument("--output", type=Path, help="Zieldatei")
        parser.add_argument("--ausgabe", type=int, help="gespeicherte Ausgabe statt des Entwurfs")
        parser.add_argument("--festschreiben", action="store_true", help="neue Ausgabe anlegen")
        parser.add_argument("--benutzer", help="wer festschreibt (Benutzername)")

    def handle(self, *args: Any, **options: Any) -> None:
        number = options["konferenz"]
        try:
            conference = Conference.objects.get(number=number)
        except Conference.DoesNotExist:
            raise CommandError(f"Die {number}. IntMK ist nicht in der Datenbank.") from None
        if options["festschreiben"]:
            self.freeze(conference, options["benutzer"])
        else:
            self.write(conference, options["format"], options["output"], options["ausgabe"])

    def freeze(self, conference: Conference, username: str | None) -> None:
        if not username:
            raise CommandError("Bitte mit --benutzer angeben, wer die Ausgabe festschreibt.")
        try:
            user = User.objects.get(username=username, is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"Den Benutzer „{username}“ gibt es nicht.") from None
        edition = services.edition_freeze(conference=conference, frozen_by=user)
        self.stdout.write(f"{edition} festgeschrieben ({edition.files.count()} Dateien).")

    def write(
        self, conference: Conference, fmt: str | None, output: Path | None, number: int | None
    ) -> None:
        if fmt not in render.FORMATS:
            raise CommandError(
                f"Unbekanntes Format „{fmt or ''}“; möglich sind: {', '.join(render.FORMATS)}."
            )
        if output is None:
            raise CommandError("Bitte mit --output die Zieldatei angeben.")
        if number is None:
            try:
                content = render.render(build.report_data(conference), fmt)
            except NotImplementedError:
                raise CommandError(f"Das Format {fmt} ist noch nicht verfügbar.") from None
        else:
            edition = Edition.objects.filter(conference=conference, number=number).first()
            if edition is None:
                raise CommandError(f"Ausgabe {number} der {conference} gibt es nicht.")
            stored = edition.files.filter(format=fmt).first()
            if stored is None:
                raise CommandError(f"Ausgabe {number} hat keine Datei im Format {fmt}.")
            content = bytes(stored.content)
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Die Datei {output} lässt sich nicht schreiben: {error}") from None
        self.stdout.write(f"{output} geschrieben ({len(content)} Bytes).")
