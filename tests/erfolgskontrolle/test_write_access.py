"""Every write URL against every persona: who may write (2xx/3xx), who is refused, and that a
refusal writes nothing.

One table; a new write URL gets a row here. Refusals: 302 to the login for anonymous users,
403 for signed-in users who may not write, 404 where the object must not be revealed.
"""

import csv
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beschluesse.models import Demand
from erfolgskontrolle.exchange import HEADERS
from erfolgskontrolle.models import Implementation, ProgressEntry, ReportingRound, Stance
from intmk.models import Land, RoleKind, User
from tests.conftest import client_for
from tests.factories import (
    make_clause,
    make_conference,
    make_demand,
    make_resolution,
    make_round,
    make_user,
)

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "no_role",
    "reader",
    "official_berlin",
    "official_bayern",
    "secretariat",  # Mecklenburg-Vorpommern, chair of the 19th IntMK (2024)
    "secretariat_2023",  # Hessen, chair of the 18th IntMK: not this conference's secretariat
    "admin_user",
]


@dataclass
class World:
    demand: Demand  # 19th IntMK, TOP 3.3, Berlin leads
    round: ReportingRound  # open round of the 19th IntMK


@pytest.fixture
def world(secretariat: User) -> World:
    conference = make_conference(number=19, year=2024, chair="DE-MV")
    make_conference(number=18, year=2023, chair="DE-HE")
    resolution = make_resolution(conference=conference, top="3.3", lead="DE-BE")
    demand = make_demand(clause=make_clause(resolution=resolution, number="3"))
    reporting_round = make_round(
        conference=conference,
        opened_by=secretariat,
        demands=[demand],
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    return World(demand=demand, round=reporting_round)


@pytest.fixture
def secretariat_2023(db) -> User:  # type: ignore[no-untyped-def]
    return make_user(username="sekretariat-he", roles=[(RoleKind.SECRETARIAT, "DE-HE", 2023)])


def entry_fields(land_code: str) -> dict[str, Any]:
    return {
        "land": land_code,
        "fact_date": "2024-10-01",
        "stance": Stance.objects.get(name="in Prüfung").pk,
        "implementation": Implementation.objects.get(name="in Umsetzung").pk,
        "text": "Der Bund hat einen Referentenentwurf vorgelegt.",
    }


def upload(world: World, land_name: str) -> dict[str, Any]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADERS)
    row = dict.fromkeys(HEADERS, "")
    row |= {
        "Forderungs-ID": str(world.demand.pk),
        "Land": land_name,
        "Stand vom (TT.MM.JJJJ)": "01.10.2024",
        "Haltung": "in Prüfung",
        "Umsetzung": "in Umsetzung",
        "Sachstand": "Der Bund hat einen Referentenentwurf vorgelegt.",
    }
    writer.writerow([row[h] for h in HEADERS])
    file = io.BytesIO(buffer.getvalue().encode("utf-8"))
    file.name = "sachstaende.csv"
    return {"file": file}


@dataclass
class WriteUrl:
    url: Callable[[World], str]
    data: Callable[[World], dict[str, Any]]
    written: Callable[[World], bool]  # did the request change anything?
    allowed: set[str]  # personas that may write; all others are refused
    refusal: int = 403
    other_refusals: dict[str, int] = field(default_factory=dict)  # persona -> status


def entries_written(world: World) -> bool:
    return ProgressEntry.objects.exists()


WRITE_URLS = {
    "Sachstand für Berlin": WriteUrl(
        url=lambda w: reverse("erfolgskontrolle:entry-create", args=[w.demand.pk]),
        data=lambda w: entry_fields("DE-BE"),
        written=entries_written,
        allowed={"official_berlin", "secretariat", "admin_user"},
    ),
    "Sachstand für Bayern": WriteUrl(
        url=lambda w: reverse("erfolgskontrolle:entry-create", args=[w.demand.pk]),
        data=lambda w: entry_fields("DE-BY"),
        written=entries_written,
        allowed={"official_bayern", "secretariat", "admin_user"},
    ),
    "Sachstand für Berlin von der Forderungsseite": WriteUrl(
        url=lambda w: reverse("erfolgskontrolle:entry-create-section", args=[w.demand.pk]),
        data=lambda w: entry_fields("DE-BE"),
        written=entries_written,
        allowed={"official_berlin", "secretariat", "admin_user"},
    ),
    "Sachstand für Berlin aus einer Aufgabenzeile": WriteUrl(
        url=lambda w: reverse("erfolgskontrolle:entry-create-row", args=[w.demand.pk]),
        data=lambda w: entry_fields("DE-BE"),
        written=entries_written,
        allowed={"official_berlin", "secretariat", "admin_user"},
    ),
    "Sachstand einer unbekannten Forderung": WriteUrl(
        url=lambda w: reverse("erfolgskontrolle:entry-create", args=[w.demand.pk + 1000]),
        data=lambda w: entry_fields("DE-BE"),
        written=entries_written,
        allowed=set(),
        refusal=404,
    ),
    "Sammelerfassung für Berlin": WriteUrl(
        url=lambda w: reverse("erfolgskontrolle:bulk-entry-create"),
        data=lambda w: entry_fields("DE-BE") | {"forderungen": [w.demand.pk]},
        written=entries_written,
        allowed={"official_berlin", "secretariat", "admin_user"},
    ),
    "Tabelle von Berlin hochladen": WriteUrl(
        url=lambda w: reverse("erfolgskontrolle:import", args=["DE-BE"]),
        data=lambda w: upload(w, "Berlin"),
        written=entries_written,
        allowed={"official_berlin", "secretariat", "admin_user"},
        # Another year's secretariat may exchange Berlin's rows of its own conference; a row of
        # this conference is not in its table, which the upload reports per row (400).
        other_refusals={"secretariat_2023": 400},
    ),
    "Berichtsrunde eröffnen": WriteUrl(
        url=lambda w: reverse("erfolgskontrolle:round-create", args=[19]),
        data=lambda w: {
            "title": "Zweite Runde",
            "deadline": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(),
            "demands": [w.demand.pk],
            "lands": [Land.objects.get(code="DE-BE").pk],
        },
        # The fixture's round is open; a second one is only possible after closing it, so the
        # test closes it first (see below) and counts rounds.
        written=lambda w: ReportingRound.objects.count() > 1,
        allowed={"secretariat", "admin_user"},
    ),
    "Berichtsrunde schließen": WriteUrl(
        url=lambda w: reverse("erfolgskontrolle:round-close", args=[w.round.pk]),
        data=lambda w: {},
        written=lambda w: ReportingRound.objects.filter(closed_at__isnull=False).exists(),
        allowed={"secretariat", "admin_user"},
    ),
    "Unbekannte Berichtsrunde schließen": WriteUrl(
        url=lambda w: reverse("erfolgskontrolle:round-close", args=[w.round.pk + 1000]),
        data=lambda w: {},
        written=lambda w: ReportingRound.objects.filter(closed_at__isnull=False).exists(),
        allowed=set(),
        refusal=404,
    ),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", list(WRITE_URLS))
def test_write_urls_answer_each_persona_as_the_rules_say(
    name: str, persona: str, world: World, request: pytest.FixtureRequest
) -> None:
    case = WRITE_URLS[name]
    if name == "Berichtsrunde eröffnen":
        ReportingRound.objects.update(closed_at=timezone.now(), closed_by=world.round.opened_by)
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    client = Client() if user is None else client_for(user)

    response = client.post(case.url(world), case.data(world))

    if persona in case.allowed:
        assert response.status_code in (200, 201, 302, 303), response.content.decode()[:2000]
        assert response.status_code != 200 or "kern-error" not in response.content.decode()
        assert case.written(world)
    else:
        if user is None:
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("login"))
        elif persona in case.other_refusals:
            assert response.status_code == case.other_refusals[persona]
        elif case.refusal == 404 and persona in {"no_role", "reader"}:
            assert response.status_code in (403, 404)  # no role: refused before the lookup
        else:
            assert response.status_code == case.refusal
        assert not case.written(world)


def test_a_forged_land_is_refused_even_when_other_fields_are_wrong(
    world: World, official_bayern: User
) -> None:
    data = entry_fields("DE-BE") | {"text": "", "fact_date": "kein Datum"}

    response = client_for(official_bayern).post(
        reverse("erfolgskontrolle:entry-create", args=[world.demand.pk]), data
    )

    assert response.status_code == 403
    assert not ProgressEntry.objects.exists()
