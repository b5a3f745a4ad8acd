from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from intmk.models import User

# Demo accounts for a local try-out; listed in README.md. Never created in production.
DEMO_ACCOUNTS = [
    # username, password, superuser, first name, last name
    ("admin", "admin-demo-2024", True, "Ada", "Admin"),
    ("leser", "leser-demo-2024", False, "Lea", "Leser"),
]


class Command(BaseCommand):
    help = "Legt die Demo-Konten an (nur im Entwicklungsbetrieb, DEBUG=True)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo-Konten werden nur im Entwicklungsbetrieb (DEBUG) angelegt.")
        for username, password, superuser, first_name, last_name in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first_name,
                    "last_name": last_name,
                    "is_staff": superuser,
                    "is_superuser": superuser,
                },
            )
            if created:  # an existing account keeps the password its owner may have changed
                user.set_password(password)
                user.save()
            state = "angelegt" if created else "vorhanden"
            self.stdout.write(f"Demo-Konto {username}: {state}")
