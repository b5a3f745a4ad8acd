"""Mail the Land officials their open items of running reporting rounds (rules: reminders.py).

Meant to run once a day (cron, systemd timer). Idempotent: a second run on the same day sends
nothing twice, because each sent mail leaves a Reminder row.
"""

import argparse
import datetime
import smtplib
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from erfolgskontrolle import reminders, services
from intmk.audit import audit


def german_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"„{value}“ ist kein Datum; erwartet wird JJJJ-MM-TT, z. B. 2025-02-21."
        ) from None


class Command(BaseCommand):
    help = (
        "Erinnert die Landesbeauftragten per E-Mail an offene Forderungen laufender "
        "Berichtsrunden: einmal vor Fristablauf, danach wöchentlich."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--datum",
            type=german_date,
            help="Stichtag JJJJ-MM-TT statt heute (für Nachholläufe und Tests)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Nur anzeigen, was versendet würde; nichts senden, nichts speichern",
        )

    def handle(
        self, *args: Any, datum: datetime.date | None, dry_run: bool, **options: Any
    ) -> None:
        today = datum or timezone.localdate()
        due = reminders.reminders_due(today=today, days_before=settings.REMINDER_DAYS_BEFORE)
        if dry_run:
            for item in due:
                self.stdout.write(f"Probelauf – {item.line}")
            self.stdout.write(f"Probelauf am {today:%d.%m.%Y}: {len(due)} Erinnerungen fällig.")
            return
        sent, failed = 0, 0
        for item in due:
            try:
                if not services.reminder_send(due=item, today=today):
                    continue  # another run sent it a moment ago
            except (smtplib.SMTPException, OSError) as error:
                failed += 1
                self.stderr.write(f"Nicht gesendet – {item.line}: {error}")
                continue
            sent += 1
            self.stdout.write(item.line)
        self.stdout.write(f"{sent} Erinnerungen versendet am {today:%d.%m.%Y}.")
        audit("send_reminders", "reminders.send", date=today.isoformat(), sent=sent, failed=failed)
        if failed:
            raise CommandError(f"{failed} Erinnerungen konnten nicht versendet werden.")
