"""Shared fixtures and the personas of the follow-up.

Personas: the official of Berlin (lead applicant of TOP 3.3), the official of Bayern, the
secretariat of Mecklenburg-Vorpommern (chair of the 19th IntMK, 2024), the secretariat of
Niedersachsen 2025 (which compiles the Erfolgskontrolle of the 19th, report/compiler.py), an
admin, a reader, a signed-in user without any role, and anonymous.
"""

import pytest
from django.test import Client

from beschluesse.models import Conference
from intmk.models import RoleKind, User
from tests.factories import make_conference, make_user


@pytest.fixture
def anonymous() -> Client:
    return Client()


@pytest.fixture
def conference_19(db) -> Conference:  # type: ignore[no-untyped-def]
    return make_conference(number=19, year=2024)


@pytest.fixture
def official_berlin(db) -> User:  # type: ignore[no-untyped-def]
    return make_user(
        username="berlin",
        roles=[(RoleKind.OFFICIAL, "DE-BE", None)],
        first_name="Bea",
        last_name="Berlin",
    )


@pytest.fixture
def official_bayern(db) -> User:  # type: ignore[no-untyped-def]
    return make_user(
        username="bayern",
        roles=[(RoleKind.OFFICIAL, "DE-BY", None)],
        first_name="Benno",
        last_name="Bayer",
    )


@pytest.fixture
def secretariat(db) -> User:  # type: ignore[no-untyped-def]
    return make_user(
        username="sekretariat",
        roles=[(RoleKind.SECRETARIAT, "DE-MV", 2024)],
        first_name="Sina",
        last_name="Sekretariat",
    )


@pytest.fixture
def secretariat_ni(db) -> User:  # type: ignore[no-untyped-def]
    return make_user(
        username="sekretariat-ni",
        roles=[(RoleKind.SECRETARIAT, "DE-NI", 2025)],
        first_name="Nora",
        last_name="Niedersachsen",
    )


@pytest.fixture
def admin_user(db) -> User:  # type: ignore[no-untyped-def]
    # Replaces pytest-django's fixture of that name, so its `admin_client` signs in as this one.
    user = make_user(username="verwaltung", roles=[(RoleKind.ADMIN, None, None)])
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def reader(db) -> User:  # type: ignore[no-untyped-def]
    return make_user(username="leser", roles=[(RoleKind.READER, None, None)])


@pytest.fixture
def no_role(db) -> User:  # type: ignore[no-untyped-def]
    return make_user(username="ohnerolle")


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
