"""Demo accounts exist for a local try-out, never in production, and keep a changed password."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from intmk.models import User

pytestmark = pytest.mark.django_db


def run() -> str:
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    return out.getvalue()


def test_it_creates_the_accounts_listed_in_the_readme(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = True

    run()

    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("admin-demo-2024")
    reader = User.objects.get(username="leser")
    assert not reader.is_staff and reader.check_password("leser-demo-2024")


def test_running_it_again_keeps_a_password_the_user_changed(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = True
    run()
    admin = User.objects.get(username="admin")
    admin.set_password("selbst-gewaehlt-2024")
    admin.save()

    output = run()

    assert "Demo-Konto admin: vorhanden" in output
    assert User.objects.get(username="admin").check_password("selbst-gewaehlt-2024")


def test_it_refuses_to_run_in_production(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = False

    with pytest.raises(CommandError, match="nur im Entwicklungsbetrieb"):
        run()
    assert not User.objects.exists()
