from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from intmk.models import Land, Role, RoleKind, User


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    kind: str
    land: str | None = None  # ISO 3166-2 code
    year: int | None = None

    @property
    def password(self) -> str:
        return f"{self.username}-demo-2024"

    @property
    def is_admin(self) -> bool:
        return self.kind == RoleKind.ADMIN


# Demo accounts for a local try-out; listed in README.md. Never created in production.
DEMO_ACCOUNTS = [
    DemoAccount("admin", "Andreas", "Krüger", RoleKind.ADMIN),
    DemoAccount("leser", "Lea", "Hartmann", RoleKind.READER),
    DemoAccount("berlin", "Miriam", "Özdemir", RoleKind.OFFICIAL, "DE-BE"),
    DemoAccount("bayern", "Johannes", "Huber", RoleKind.OFFICIAL, "DE-BY"),
    DemoAccount("hessen", "Claudia", "Becker", RoleKind.OFFICIAL, "DE-HE"),
    DemoAccount("mv", "Anke", "Brandt", RoleKind.OFFICIAL, "DE-MV"),
    # Mecklenburg-Vorpommern chaired the 19th IntMK (2024) and runs its reporting rounds.
    DemoAccount("sekretariat", "Stefan", "Lorenz", RoleKind.SECRETARIAT, "DE-MV", 2024),
    # Niedersachsen chairs from 1 July 2025 and compiles the Erfolgskontrolle of the 19th
    # (erfolgskontrolle/report/compiler.py); the same demo person, so one login shows both.
    DemoAccount("sekretariat", "Stefan", "Lorenz", RoleKind.SECRETARIAT, "DE-NI", 2025),
]


class Command(BaseCommand):
    help = "Legt die Demo-Konten mit ihren Rollen an (nur im Entwicklungsbetrieb, DEBUG=True)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo-Konten werden nur im Entwicklungsbetrieb (DEBUG) angelegt.")
        lands = {land.code: land for land in Land.objects.all()}
        with transaction.atomic():
            for account in DEMO_ACCOUNTS:
                user, created = User.objects.get_or_create(
                    username=account.username,
                    defaults={
                        "first_name": account.first_name,
                        "last_name": account.last_name,
                        "email": f"{account.username}@example.org",
                        "is_staff": account.is_admin,
                        "is_superuser": account.is_admin,
                    },
                )
                if created:  # an existing account keeps the password its owner may have changed
                    user.set_password(account.password)
                    user.save()
                role, _ = Role.objects.get_or_create(
                    user=user,
                    kind=account.kind,
                    land=lands[account.land] if account.land else None,
                    year=account.year,
                )
                state = "angelegt" if created else "vorhanden"
                self.stdout.write(f"Demo-Konto {account.username}: {state} ({role})")
