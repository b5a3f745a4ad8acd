"""Shared fixtures. The register is public, so the only persona the pages need is anonymous."""

import pytest
from django.test import Client

from beschluesse.models import Conference
from tests.factories import make_conference


@pytest.fixture
def anonymous() -> Client:
    return Client()


@pytest.fixture
def conference_19(db) -> Conference:  # type: ignore[no-untyped-def]
    return make_conference(number=19, year=2024)
