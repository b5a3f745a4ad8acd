from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beschluesse.export import conference_export, exchange_json
from beschluesse.models import Conference


class Command(BaseCommand):
    help = "Gibt eine Konferenz im Austauschformat (JSON) aus, z. B. export_konferenz 19."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("number", type=int, help="Nummer der Konferenz, z. B. 19")
        parser.add_argument("--output", "-o", help="Datei statt Standardausgabe")

    def handle(self, *args: Any, number: int, output: str | None, **options: Any) -> None:
        conference = Conference.objects.filter(number=number).first()
        if conference is None:
            raise CommandError(f"Die {number}. IntMK ist nicht in der Datenbank.")
        text = exchange_json(conference_export(conference))
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text)
        else:
            self.stdout.write(text, ending="")
