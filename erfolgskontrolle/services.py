"""Writes of the follow-up: typed, keyword-only, one transaction each, attributable."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from beschluesse.models import Demand
from erfolgskontrolle.models import (
    EvidenceLink,
    Implementation,
    ProgressEntry,
    Source,
    Stance,
)
from intmk.models import Land, User


@dataclass(frozen=True)
class Link:
    url: str
    label: str


def progress_entry_create(
    *,
    demand: Demand,
    land: Land,
    author: User,
    on_behalf: bool,
    fact_date: datetime.date,
    stance: Stance,
    implementation: Implementation,
    text: str,
    links: Sequence[Link] = (),
    corrects: ProgressEntry | None = None,
    source: str = Source.FORM,
) -> ProgressEntry:
    """Append one entry. Callers have checked the right to speak for `land` (access module).

    Nothing is overwritten: two people saving the same demand at once both get their entry."""
    if corrects is not None and corrects.demand_id != demand.pk:
        raise ValueError("Ein Eintrag kann nur Einträge derselben Forderung korrigieren.")
    with transaction.atomic():
        entry = ProgressEntry.objects.create(
            demand=demand,
            land=land,
            author=author,
            on_behalf=on_behalf,
            fact_date=fact_date,
            stance=stance,
            implementation=implementation,
            text=text,
            corrects=corrects,
            source=source,
        )
        EvidenceLink.objects.bulk_create(
            EvidenceLink(entry=entry, position=i, url=link.url, label=link.label)
            for i, link in enumerate(links)
        )
    return entry


@dataclass(frozen=True)
class EntryDraft:
    """One checked row of an uploaded table: the entry to append for `demand`."""

    demand: Demand
    fact_date: datetime.date
    stance: Stance
    implementation: Implementation
    text: str
    links: tuple[Link, ...] = ()


def progress_entries_import(
    *, drafts: Sequence[EntryDraft], land: Land, author: User, on_behalf: bool
) -> int:
    """Append the entries of an uploaded table, all or none. Callers have checked every row and
    the right to speak for `land` for each demand (access module). Returns how many were written."""
    with transaction.atomic():
        for draft in drafts:
            progress_entry_create(
                demand=draft.demand,
                land=land,
                author=author,
                on_behalf=on_behalf,
                fact_date=draft.fact_date,
                stance=draft.stance,
                implementation=draft.implementation,
                text=draft.text,
                links=draft.links,
                source=Source.UPLOAD,
            )
    return len(drafts)


def progress_entries_create_bulk(
    *,
    targets: Sequence[tuple[Demand, bool]],
    land: Land,
    author: User,
    fact_date: datetime.date,
    stance: Stance,
    implementation: Implementation,
    text: str,
    links: Sequence[Link] = (),
) -> list[ProgressEntry]:
    """One entry with the same state and text for each (demand, on_behalf), all or none.

    Callers have checked the right to speak for `land` for every demand (access module)."""
    with transaction.atomic():
        return [
            progress_entry_create(
                demand=demand,
                land=land,
                author=author,
                on_behalf=on_behalf,
                fact_date=fact_date,
                stance=stance,
                implementation=implementation,
                text=text,
                links=links,
                source=Source.BULK,
            )
            for demand, on_behalf in targets
        ]
