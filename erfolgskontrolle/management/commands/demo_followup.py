import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from beschluesse.models import Conference, Demand, Resolution
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
        "(nur im Entwicklungsbetrieb, nach import_niederschrift und demo_accounts)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Demodaten werden nur im Entwicklungsbetrieb (DEBUG) angelegt.")
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
