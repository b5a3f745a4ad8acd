import datetime
import random
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from beschluesse.models import Conference, Demand, Resolution
from erfolgskontrolle.demo.entries import People, entries_fill, officials_ensure, rounds_open
from erfolgskontrolle.models import Implementation, ProgressEntry, ReportingRound, Stance
from erfolgskontrolle.services import Link, progress_entry_create, reporting_round_open
from intmk.models import Land, User

# (username, Land, TOP, Ziffer, stance, implementation, days ago, text, links)
DEMO_ENTRIES = [
    (
        "berlin",
        "DE-BE",
        "3.3",
        "4",
        "abgelehnt",
        "offen",
        40,
        "Das BMAS sieht derzeit keinen Spielraum für eine Regelung zur Sprachmittlung im SGB V.",
        [],
    ),
    (
        "berlin",
        "DE-BE",
        "3.3",
        "7",
        "in Prüfung",
        "in Umsetzung",
        12,
        "Das BMFSFJ hat ein Modellprojekt zur Beratung geflüchteter Menschen mit Behinderungen "
        "ausgeschrieben.",
        [("Pressemitteilung des BMFSFJ", "https://www.bmfsfj.de/")],
    ),
    (
        "bayern",
        "DE-BY",
        "3.3",
        "7",
        "in Prüfung",
        "offen",
        5,
        "Aus bayerischer Sicht ist das Modellprojekt noch nicht angelaufen.",
        [],
    ),
    (
        "sekretariat",
        "DE-NW",
        "3.6",
        "",
        "teilweise zugestimmt",
        "in Umsetzung",
        20,
        "Nach telefonischer Rückmeldung Nordrhein-Westfalens: Der Bund hat ein Beteiligungsformat "
        "mit Selbstorganisationen der Sinti und Roma angekündigt.",
        [("Bundesregierung", "https://www.bundesregierung.de/")],
    ),
]


class Command(BaseCommand):
    help = (
        "Legt Demo-Sachstände und eine laufende Berichtsrunde zur 19. IntMK an "
        "(nur im Entwicklungsbetrieb, nach import_niederschrift und demo_accounts). "
        "Mit --entries N zusätzlich synthetische Sachstände über alle Forderungen aller "
        "Konferenzen, bis es N sind, und eine offene Berichtsrunde je Konferenz."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--entries", type=int, default=None, help="Sachstände insgesamt (synthetisch ergänzt)"
        )
        parser.add_argument("--seed", type=int, default=1, help="Startwert für den Zufall")

    def handle(self, *args: Any, entries: int | None, seed: int, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Demodaten werden nur im Entwicklungsbetrieb (DEBUG) angelegt.")
        if entries is not None and entries < 0:
            raise CommandError("--entries darf nicht negativ sein.")
        self.small_demo()
        if entries is not None:
            self.large_demo(total=entries, seed=seed)

    def small_demo(self) -> None:
        """The few hand-written entries and the round of the 19th IntMK, once."""
        if ProgressEntry.objects.exists() or ReportingRound.objects.exists():
            self.stdout.write("Demo-Erfolgskontrolle: vorhanden (nichts geändert)")
            return
        try:
            conference = Conference.objects.get(number=19)
            users = {
                u.username: u
                for u in User.objects.filter(username__in=["berlin", "bayern", "sekretariat"])
            }
            users["sekretariat"]  # noqa: B018 - the round needs its opener
        except (Conference.DoesNotExist, KeyError):
            raise CommandError(
                "Zuerst die 19. IntMK importieren und die Demo-Konten anlegen."
            ) from None
        demands = Demand.objects.filter(clause__resolution__conference=conference)
        with transaction.atomic():
            # The round first: entries recorded after its opening count as answers in it.
            leads = Land.objects.filter(
                pk__in=Resolution.objects.filter(conference=conference).values("lead")
            )
            reporting_round = reporting_round_open(
                conference=conference,
                title="Erfolgskontrolle 2025",
                deadline=timezone.localdate() + datetime.timedelta(days=21),
                demands=list(demands),
                lands=list(leads),
                opened_by=users["sekretariat"],
            )
            self.entries_create(demands, users)
        self.stdout.write(
            f"Demo-Erfolgskontrolle: {len(DEMO_ENTRIES)} Sachstände, Runde „{reporting_round}“"
        )

    def large_demo(self, *, total: int, seed: int) -> None:
        """Synthetic entries up to `total`, by one official per Land (the demo accounts where
        there are, else new "amt-<code>" accounts without a usable password) and, on behalf of
        a Land, the demo secretariat; an open round for each conference without one. The same
        register, `total` and `seed` give the same entries; a second run adds nothing."""
        started = time.perf_counter()
        secretariat = User.objects.filter(username="sekretariat").first()
        if secretariat is None:  # small_demo returns early when a demo exists already
            raise CommandError("Zuerst die Demo-Konten anlegen (manage.py demo_accounts).")
        with transaction.atomic():
            people = People(officials=officials_ensure(), secretariat=secretariat)
            opened = rounds_open(opened_by=secretariat)
            added = entries_fill(
                total=total, people=people, rng=random.Random(f"demo-{seed}-{total}")
            )
        demands = Demand.objects.filter(progress_entries__isnull=False).distinct().count()
        self.stdout.write(
            f"Demo-Sachstände: {added} neu, {ProgressEntry.objects.count()} insgesamt zu "
            f"{demands} von {Demand.objects.count()} Forderungen aus "
            f"{Conference.objects.count()} Konferenzen; {opened} Berichtsrunden eröffnet "
            f"({time.perf_counter() - started:.0f} s)"
        )

    def entries_create(self, demands: Any, users: dict[str, User]) -> None:
        today = timezone.localdate()
        for username, code, top, number, stance, implementation, days, text, links in DEMO_ENTRIES:
            # Ziffer "" means the first demand of the TOP.
            matches = demands.filter(clause__resolution__top=top)
            demand = (matches.filter(clause__number=number) if number else matches).first()
            if demand is None or username not in users:
                continue
            land = Land.objects.get(code=code)
            progress_entry_create(
                demand=demand,
                land=land,
                author=users[username],
                on_behalf=username == "sekretariat",
                fact_date=today - datetime.timedelta(days=days),
                stance=Stance.objects.get(name=stance),
                implementation=Implementation.objects.get(name=implementation),
                text=text,
                links=[Link(url=url, label=label) for label, url in links],
            )
