"""The history of one resolution as curators read it: who changed what when, before → after.

Read from django-simple-history's tables in five queries whatever the length (the resolution's
records, their applicants, its clauses' and demands' records, the Länder). A correction writes
all its records with one time, user and reason (`services.resolution_correct`), so they form
one event here. Rows an import created together with the resolution are not listed (the
ImportRun tells that); an import's later changes are, as "Import".
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.utils.text import Truncator

from beschluesse.choices import Kind, Level, Vote
from beschluesse.models import Clause, Demand, Resolution
from intmk.models import Land

RESOLUTION_FIELDS = ("title", "vote", "consent_list", "lead_id", "rapporteur_id", "line_count")
CLAUSE_FIELDS = ("number", "kind", "text", "line_from", "line_to")
DEMAND_FIELDS = ("kind", "addressee", "level", "wording")
LABELS = {
    "title": "Titel",
    "vote": "Abstimmung",
    "consent_list": "Grüne Liste",
    "lead_id": "Federführend",
    "rapporteur_id": "Berichterstatter",
    "line_count": "Zeilen",
    "applicants": "Antragsteller",
    "number": "Ziffer",
    "kind": "Art",
    "text": "Text",
    "line_from": "Zeile von",
    "line_to": "Zeile bis",
    "addressee": "Adressat",
    "level": "Ebene",
    "wording": "Wortlaut",
}
CHOICES = {"kind": dict(Kind.choices), "level": dict(Level.choices), "vote": dict(Vote.choices)}
# Rows created this close to the resolution came with its first import.
WITH_THE_RESOLUTION = datetime.timedelta(minutes=5)


@dataclass
class Change:
    place: str  # "Beschluss", "Ziffer 2", "Ziffer 2, Forderung an Bund"
    what: str  # a field's label, or "hinzugefügt" / "entfernt"
    before: str = ""
    after: str = ""


@dataclass
class Event:
    when: datetime.datetime
    who: str  # the user's name, or "Import"
    reason: str
    changes: list[Change] = field(default_factory=list)


def resolution_history(resolution: Resolution) -> list[Event]:
    """Events newest first."""
    records = list(
        Resolution.history.filter(id=resolution.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    applicants_model = apps.get_model("beschluesse", "HistoricalResolution_applicants")
    applicants: dict[int, set[int]] = {r.history_id: set() for r in records}
    for history_id, land_id in applicants_model.objects.filter(
        history_id__in=list(applicants)
    ).values_list("history_id", "land_id"):
        applicants[history_id].add(land_id)
    clauses = list(
        Clause.history.filter(resolution_id=resolution.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    demands = list(
        Demand.history.filter(clause_id__in={c.id for c in clauses})
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    lands = dict(Land.objects.values_list("pk", "name"))
    born = records[0].history_date if records else None
    clause_places = {c.id: _clause_place(c) for c in clauses}  # the newest wins
    found: list[tuple[Any, Change | None]] = []
    for record, previous in _pairs(records):
        if _came_with_the_import(record, previous):
            continue
        found += [(record, c) for c in _changes("Beschluss", record, previous, RESOLUTION_FIELDS)]
        if record.history_type == "~" and record.history_change_reason:
            found.append((record, None))  # "Als geprüft markiert": an event without changes
        if (
            previous is not None
            and applicants[record.history_id] != applicants[previous.history_id]
        ):
            before, after = (
                ", ".join(sorted(lands[pk] for pk in applicants[r.history_id]))
                for r in (previous, record)
            )
            found.append((record, Change("Beschluss", "applicants", before, after)))
    for record, previous in _pairs(clauses):
        place = clause_places[record.id]
        found += [(record, c) for c in _changes(place, record, previous, CLAUSE_FIELDS, born)]
    for record, previous in _pairs(demands):
        place = f"{clause_places.get(record.clause_id, 'Ziffer')}, Forderung an "
        place += (previous or record).addressee
        found += [(record, c) for c in _changes(place, record, previous, DEMAND_FIELDS, born)]
    return _events(found, lands)


def _pairs(records: Sequence[Any]) -> Iterable[tuple[Any, Any]]:
    """Each record with the one before it of the same row."""
    last: dict[int, Any] = {}
    for record in records:
        yield record, last.get(record.id)
        last[record.id] = record


def _came_with_the_import(record: Any, previous: Any) -> bool:
    """The import creates a resolution, then sets its applicants: one act, not a change."""
    return (
        previous is not None
        and previous.history_type == "+"
        and record.history_user_id is None
        and previous.history_user_id is None
        and record.history_date - previous.history_date < WITH_THE_RESOLUTION
    )


def _clause_place(record: Any) -> str:
    return f"Ziffer {record.number}" if record.number else f"Absatz {record.position + 1}"


def _changes(
    place: str,
    record: Any,
    previous: Any,
    fields: Sequence[str],
    born: datetime.datetime | None = None,
) -> list[Change]:
    if record.history_type == "-":
        return [Change(place, "entfernt")]
    if record.history_type == "+":
        with_resolution = born is not None and record.history_date - born < WITH_THE_RESOLUTION
        if born is None or (record.history_user_id is None and with_resolution):
            return []
        return [Change(place, "hinzugefügt")]
    if previous is None:  # no record of the row before (migration 0005 writes one for each)
        return []
    return [
        Change(place, name, getattr(previous, name), getattr(record, name))
        for name in fields
        if getattr(previous, name) != getattr(record, name)
    ]


def _events(found: list[tuple[Any, Change | None]], lands: dict[int, str]) -> list[Event]:
    events: dict[tuple[Any, ...], Event] = {}
    for record, change in found:
        user = record.history_user
        # An import stamps each row with its own time: its changes form one event per minute.
        when = record.history_date if user else record.history_date.replace(second=0, microsecond=0)
        key = (when, record.history_user_id, record.history_change_reason or "")
        if key not in events:
            who = (user.get_full_name() or user.username) if user else "Import"
            events[key] = Event(when, who, record.history_change_reason or "")
        event = events[key]
        if change is None:
            continue
        same = next(
            (c for c in event.changes if (c.place, c.what) == (change.place, change.what)), None
        )
        if same is not None and change.what in LABELS:
            same.after = change.after  # several records of one row in one event
        else:
            event.changes.append(change)
    result = []
    for event in sorted(events.values(), key=lambda e: e.when, reverse=True):
        event.changes = [
            _shown(c, lands) for c in event.changes if c.before != c.after or c.what not in LABELS
        ]
        if event.changes or event.reason:
            result.append(event)
    return result


def _shown(change: Change, lands: dict[int, str]) -> Change:
    if change.what not in LABELS:
        return change
    return Change(
        change.place,
        LABELS[change.what],
        _value(change.what, change.before, lands),
        _value(change.what, change.after, lands),
    )


def _value(name: str, value: Any, lands: dict[int, str]) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if name in ("lead_id", "rapporteur_id"):
        return lands.get(value, "–")
    if name in CHOICES:
        return CHOICES[name].get(value, str(value))
    return Truncator(str(value)).chars(300)
