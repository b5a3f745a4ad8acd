"""Demo accounts exist for a local try-out, never in production, and keep a changed password."""

import re
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command

from intmk.models import Role, RoleKind, User
from intmk.roles import principal

pytestmark = pytest.mark.django_db


def run() -> str:
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    return out.getvalue()


def readme_accounts() -> dict[str, str]:
    """Username → password from the README's table of demo accounts."""
    readme = (django_settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\| `([a-z]+)` \| `([^`]+)` \|", readme, flags=re.MULTILINE))


def test_it_creates_the_accounts_listed_in_the_readme(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = True

    run()

    listed = readme_accounts()
    assert set(listed) == set(User.objects.values_list("username", flat=True))
    for username, password in listed.items():
        user = User.objects.get(username=username)
        assert user.check_password(password), username
        assert user.email == f"{username}@example.org"
        assert user.first_name and user.last_name


def test_it_gives_each_account_its_role(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = True

    run()

    def roles(username: str) -> list[tuple[str, str | None, int | None]]:
        return list(
            Role.objects.filter(user__username=username).values_list("kind", "land__code", "year")
        )

    assert roles("berlin") == [(RoleKind.OFFICIAL, "DE-BE", None)]
    assert roles("bayern") == [(RoleKind.OFFICIAL, "DE-BY", None)]
    assert roles("mv") == [(RoleKind.OFFICIAL, "DE-MV", None)]
    assert roles("sekretariat") == [
        (RoleKind.SECRETARIAT, "DE-MV", 2024),
        (RoleKind.SECRETARIAT, "DE-NI", 2025),
    ]
    assert roles("leser") == [(RoleKind.READER, None, None)]
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and principal(admin).is_admin
    reader = User.objects.get(username="leser")
    assert not reader.is_staff and principal(reader).is_reader
    assert not User.objects.filter(is_staff=True).exclude(username="admin").exists()


def test_running_it_again_keeps_a_password_the_user_changed(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = True
    run()
    admin = User.objects.get(username="admin")
    admin.set_password("selbst-gewaehlt-2024")
    admin.save()

    output = run()

    assert "Demo-Konto admin: vorhanden" in output
    assert User.objects.get(username="admin").check_password("selbst-gewaehlt-2024")
    assert Role.objects.filter(user__username="berlin").count() == 1


def test_it_refuses_to_run_in_production(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = False

    with pytest.raises(CommandError, match="nur im Entwicklungsbetrieb"):
        run()
    assert not User.objects.exists()
