"""Synthetic but realistic conferences, to see how the pages behave with many years of data.

A thin wrapper: picks free conference numbers and writes each ``demo_conference`` (built in
``beschluesse/demo/``) through ``conference_import`` like a real one.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from beschluesse.demo.conference import demo_conference
from beschluesse.importer.write import conference_import
from beschluesse.models import Conference

FIRST_NUMBER = 18  # demo conferences count down from here, below the seed's 19th
MAX_NUMBER = 99


class Command(BaseCommand):
    help = (
        "Erzeugt synthetische, aber realistische Konferenzen für Tests mit vielen Daten "
        "(Nummern ab 18 abwärts, vorhandene werden übersprungen)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--conferences", type=int, default=1, help="Anzahl der Konferenzen")
        parser.add_argument("--seed", type=int, default=1, help="Startwert für den Zufall")

    def handle(self, *args: Any, conferences: int, seed: int, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "Demo-Konferenzen werden nur im Entwicklungsbetrieb (DEBUG) angelegt: sie tragen "
                "echte Konferenznummern und würden echte Verweise verknüpfen."
            )
        if conferences < 1:
            raise CommandError("--conferences muss mindestens 1 sein.")
        numbers = free_numbers(conferences)
        totals = {"resolutions": 0, "clauses": 0, "demands": 0}
        for number in numbers:
            report = conference_import(
                minutes=demo_conference(number=number, seed=seed),
                source_name="generate_demo",
                performed_by="generate_demo",
            )
            for key in totals:
                totals[key] += report.counts[key]
        listed = ", ".join(f"{n}." for n in numbers)
        self.stdout.write(
            f"{len(numbers)} Demo-Konferenz{'en' if len(numbers) != 1 else ''} angelegt "
            f"({listed} IntMK): "
            f"{totals['resolutions']} Beschlüsse, {totals['clauses']} Ziffern, "
            f"{totals['demands']} Forderungen."
        )


def free_numbers(count: int) -> list[int]:
    """Conference numbers not in the database yet: 18, 17, … 1, then 20, 21, …"""
    taken = set(Conference.objects.values_list("number", flat=True))
    candidates = [*range(FIRST_NUMBER, 0, -1), *range(FIRST_NUMBER + 2, MAX_NUMBER + 1)]
    free = [n for n in candidates if n not in taken]
    if len(free) < count:
        raise CommandError(f"Es sind nur noch {len(free)} Konferenznummern frei.")
    return free[:count]
