"""Synthetic progress entries over all demands of the register, written with COPY.

The same register, people and ``random.Random`` seed give the same entries (demands, Länder,
authors, texts) in the same order. Shares: most entries of a demand come from its lead Land,
some from co-applicants, a few from other Länder; the secretariat records some on behalf of a
Land; a few correct an earlier entry, a fifth carry evidence links; spread over two years.
"""

import datetime
import random
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from beschluesse.models import Conference, Demand, Resolution
from erfolgskontrolle.models import (
    EvidenceLink,
    Implementation,
    ProgressEntry,
    ReportingRound,
    Source,
    Stance,
)
from erfolgskontrolle.services import reporting_round_open
from intmk.laender import LAENDER
from intmk.models import Land, Role, RoleKind, User

LEAD_SHARE = 0.6
APPLICANT_SHARE = 0.3
ON_BEHALF_SHARE = 0.05
CORRECTION_SHARE = 0.01
LINK_SHARE = 0.2
HISTORY_DAYS = 730  # entries spread over two years
ROUND_DAYS = 30  # deadline of the rounds opened here

SENTENCES = [
    "Das Land hat die Forderung im zuständigen Fachausschuss beraten.",
    "Ein Referentenentwurf liegt vor; die Ressortabstimmung läuft.",
    "Die Mittel sind im Entwurf des Landeshaushalts veranschlagt.",
    "Der Bund hat auf Nachfrage noch keine Stellungnahme abgegeben.",
    "Die Umsetzung erfolgt schrittweise gemeinsam mit den Kommunen.",
    "Ein Modellprojekt ist gestartet und wird wissenschaftlich begleitet.",
    "Die länderoffene Arbeitsgruppe hat einen Zwischenbericht vorgelegt.",
    "Das Anliegen wurde in die Bund-Länder-Gespräche eingebracht.",
    "Die Verwaltungsvorschrift ist angepasst und veröffentlicht.",
    "Eine Evaluation ist für das kommende Jahr vorgesehen.",
]

ENTRY_COLUMNS = [
    "id", "demand_id", "land_id", "author_id", "on_behalf", "fact_date", "stance_id",
    "implementation_id", "text", "corrects_id", "source", "created_at",
]  # fmt: skip
LINK_COLUMNS = ["entry_id", "position", "url", "label"]


@dataclass(frozen=True)
class People:
    officials: dict[str, User]  # Land code → the official who writes that Land's entries
    secretariat: User  # writes the entries on behalf of a Land and opens the rounds


@dataclass(frozen=True)
class DemandFacts:
    pk: int
    lead_id: int | None
    applicant_ids: tuple[int, ...]


def officials_ensure(*, password: str | None = None) -> dict[str, User]:
    """One official per Land: the Land's existing official with the lowest id (in development
    the demo accounts berlin, bayern, hessen, mv), else a new "amt-<code>" account ("amt-de-nw").

    New accounts get `password` (already hashed) or an unusable one: nobody signs in as them
    unless an administrator sets a password."""
    lands = {land.code: land for land in Land.objects.all()}
    existing: dict[str, User] = {}
    roles = Role.objects.filter(kind=RoleKind.OFFICIAL, land__isnull=False)
    for role in roles.select_related("user", "land").order_by("user_id"):
        assert role.land is not None  # filtered above; tells mypy
        existing.setdefault(role.land.code, role.user)
    officials = {}
    for code, name in LAENDER:
        if code in existing:
            officials[code] = existing[code]
            continue
        username = f"amt-{code.lower()}"
        user = User(
            username=username, first_name="Amt", last_name=name, email=f"{username}@example.org"
        )
        if password is None:
            user.set_unusable_password()
        else:
            user.password = password
        user.save()
        Role.objects.create(user=user, kind=RoleKind.OFFICIAL, land=lands[code])
        officials[code] = user
    return officials


def rounds_open(*, opened_by: User) -> int:
    """An open reporting round for each conference without one: all its demands, its lead
    Länder reporting. Returns how many were opened."""
    deadline = timezone.localdate() + datetime.timedelta(days=ROUND_DAYS)
    opened = 0
    waiting = Conference.objects.exclude(pk__in=ReportingRound.objects.open().values("conference"))
    for conference in waiting.order_by("number"):
        demands = Demand.objects.filter(clause__resolution__conference=conference)
        leads = Land.objects.filter(
            pk__in=Resolution.objects.filter(conference=conference).values("lead")
        )
        if not demands.exists() or not leads.exists():
            continue  # a round needs both; such a conference has nothing to follow up
        reporting_round_open(
            conference=conference,
            title=_free_title(conference),
            deadline=deadline,
            demands=demands,
            lands=leads,
            opened_by=opened_by,
        )
        opened += 1
    return opened


def _free_title(conference: Conference) -> str:
    rounds = ReportingRound.objects.filter(conference=conference)
    taken = set(rounds.values_list("title", flat=True))
    title = f"Erfolgskontrolle der {conference.number}. IntMK"
    number = 2
    while title in taken:
        title = f"Erfolgskontrolle der {conference.number}. IntMK ({number})"
        number += 1
    return title


def demand_facts() -> list[DemandFacts]:
    """Every demand of the register with the Länder that draw its entries, in id order."""
    applicants = Resolution.applicants.through.objects.all()
    by_resolution: dict[int, list[int]] = {}
    for resolution_id, land_id in applicants.values_list("resolution_id", "land_id"):
        by_resolution.setdefault(resolution_id, []).append(land_id)
    demands = Demand.objects.order_by("pk").values_list(
        "pk", "clause__resolution__lead_id", "clause__resolution_id"
    )
    return [
        DemandFacts(pk, lead_id, tuple(by_resolution.get(resolution_id, ())))
        for pk, lead_id, resolution_id in demands
    ]


def entries_fill(*, total: int, people: People, rng: random.Random) -> int:
    """Synthetic entries until the register holds `total`; returns how many were added."""
    missing = total - ProgressEntry.objects.count()
    if missing <= 0:
        return 0
    entries_add(missing, people, demand_facts(), rng)
    return missing


def entries_add(count: int, people: People, demands: list[DemandFacts], rng: random.Random) -> None:
    """`count` progress entries over `demands` with COPY, ids in the order of `created_at`.

    COPY because bulk_create would overwrite `created_at` (auto_now_add) with the present, and
    is several times slower for 100,000 rows."""
    if not demands:
        return
    land_ids = list(Land.objects.values_list("pk", flat=True))
    code_by_land = dict(Land.objects.values_list("pk", "code"))
    stances = list(Stance.objects.values_list("pk", flat=True))
    implementations = list(Implementation.objects.values_list("pk", flat=True))
    sources, source_weights = [Source.FORM, Source.BULK, Source.UPLOAD], [70, 20, 10]
    # Some demands draw far more attention than others.
    weights = [rng.uniform(0.2, 1.8) for _ in demands]
    now = timezone.now()
    created = sorted(
        now - datetime.timedelta(seconds=rng.uniform(0, HISTORY_DAYS * 86400)) for _ in range(count)
    )
    first_id = (ProgressEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    entries: list[tuple[Any, ...]] = []
    links: list[tuple[Any, ...]] = []
    newest: dict[tuple[int, int], int] = {}  # (demand, Land) → newest entry id so far
    for index, (demand, created_at) in enumerate(
        zip(rng.choices(demands, weights=weights, k=count), created, strict=True)
    ):
        entry_id = first_id + index
        land_id = _pick_land(demand, land_ids, rng)
        on_behalf = rng.random() < ON_BEHALF_SHARE
        corrects = newest.get((demand.pk, land_id)) if rng.random() < CORRECTION_SHARE else None
        text = " ".join(rng.sample(SENTENCES, k=rng.randint(1, 3)))
        author = people.secretariat if on_behalf else people.officials[code_by_land[land_id]]
        entries.append(
            (
                entry_id,
                demand.pk,
                land_id,
                author.pk,
                on_behalf,
                timezone.localdate(created_at) - datetime.timedelta(days=rng.randint(0, 30)),
                rng.choice(stances),
                rng.choice(implementations),
                f"Korrektur: {text}" if corrects else text,
                corrects,
                rng.choices(sources, weights=source_weights)[0],
                created_at,
            )
        )
        newest[(demand.pk, land_id)] = entry_id
        if rng.random() < LINK_SHARE:
            for position in range(rng.randint(1, 2)):
                number = rng.randint(1000, 15000)
                links.append(
                    (
                        entry_id,
                        position,
                        f"https://dserver.bundestag.de/btd/20/{number:05d}.pdf",
                        f"BT-Drs. 20/{number}",
                    )
                )
    with transaction.atomic():
        _copy(ProgressEntry._meta.db_table, ENTRY_COLUMNS, entries)
        _copy(EvidenceLink._meta.db_table, LINK_COLUMNS, links)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                [ProgressEntry._meta.db_table, first_id + count - 1],
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would after a while in production


def _pick_land(demand: DemandFacts, land_ids: list[int], rng: random.Random) -> int:
    draw = rng.random()
    others = [land for land in demand.applicant_ids if land != demand.lead_id]
    if demand.lead_id and draw < LEAD_SHARE:
        return demand.lead_id
    if others and draw < LEAD_SHARE + APPLICANT_SHARE:
        return rng.choice(others)
    return rng.choice(land_ids)


def _copy(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
