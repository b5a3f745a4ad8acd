"""Build the report's data (`schema.ReportData`) from the database.

A constant number of queries whatever the number of demands and entries (about twenty): the
newest entry of every Land for every followed-up demand comes from one DISTINCT ON query, the
links of those entries from one more; everything else is one query per table. The current state
of a demand follows `erfolgskontrolle.state`: the lead Land's newest entry (any Land's when the
resolution has no lead); the newest entries of the other Länder are contributions.

Deterministic: the same database and the same `now` give the same dict (entries recorded after
`now` are left out), so a frozen edition can be checked against the log.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.utils import timezone

from beschluesse.chains import with_chain
from beschluesse.models import Conference, Demand, DissentNote, Reference, Resolution
from erfolgskontrolle import rounds
from erfolgskontrolle.models import Category, ReportingRound, ResolutionComment, Stance
from erfolgskontrolle.report import changes, compiler
from erfolgskontrolle.report.facts import (
    assessment_of,
    demand_ref,
    entry_data,
    fundstelle,
    iso_time,
    lines_of,
    newest_per_land,
    overdue_lands,
)
from erfolgskontrolle.report.schema import (
    SCHEMA_VERSION,
    Breakdown,
    ConferenceData,
    DemandData,
    OpenSince,
    ReportData,
    ResolutionData,
    RoundData,
    Share,
    Summary,
)
from intmk.models import User

# The order of the shares: what is done first, as the monitoring reports read (DOMAIN.md).
CATEGORY_ORDER = [
    Category.DONE,
    Category.PARTLY_DONE,
    Category.BEGUN,
    Category.NOT_BEGUN,
    Category.NOT_DONE,
    Category.OBSOLETE,
]
NONE_KEY = "none"
NONE_LABEL = "ohne Sachstand"
NO_GROUP = "ohne Gruppe"
NO_LEAD = "ohne Federführung"


def percent(count: int, total: int) -> float:
    return round(count * 100 / total, 1) if total else 0.0


def open_since_by_resolution(resolution_ids: Iterable[int]) -> dict[int, OpenSince]:
    """For each resolution that refers to an earlier one in the database: the earliest
    conference of that chain of references (one query over all linked references). A demand
    with a chain of its own (`chain_start`, read with the demands) takes that instead."""
    edges: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    linked = Reference.objects.filter(target__isnull=False).values_list(
        "resolution_id", "target_id", "target__conference__number", "target__conference__year"
    )
    for source, target, number, year in linked:
        edges[source].append((target, number, year))
    result: dict[int, OpenSince] = {}
    for resolution_id in resolution_ids:
        seen = {resolution_id}
        todo = [resolution_id]
        earliest: tuple[int, int] | None = None
        while todo:
            for target, number, year in edges.get(todo.pop(), []):
                if earliest is None or number < earliest[0]:
                    earliest = (number, year)
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        if earliest is not None:
            result[resolution_id] = {"number": earliest[0], "year": earliest[1]}
    return result


def chain_start(demand: Demand) -> OpenSince | None:
    """The conference of the oldest demand this one repeats (`Demand.chain`), if any."""
    chain = demand.chain
    return {"number": chain[0].conference, "year": chain[0].year} if chain else None


def shares(counts: Counter[str], keys: list[tuple[str, str]], total: int) -> list[Share]:
    return [
        {"key": key, "label": label, "count": counts[key], "percent": percent(counts[key], total)}
        for key, label in keys
    ]


def breakdown(
    rows: Iterable[tuple[str, str]], keys: list[str], order: list[str] | None = None
) -> list[Breakdown]:
    """(label, category key) per demand → one line per label with counts in the order of keys.
    Lines in `order` if given, else by descending total, then label."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for label, key in rows:
        counts[label][key] += 1
    labels = order or sorted(counts, key=lambda label: (-counts[label].total(), label))
    return [
        {
            "label": label,
            "total": counts[label].total(),
            "counts": [counts[label][key] for key in keys],
        }
        for label in labels
        if label in counts
    ]


def _conference_data(conference: Conference) -> ConferenceData:
    return {
        "number": conference.number,
        "year": conference.year,
        "place": conference.place,
        "first_day": conference.first_day.isoformat() if conference.first_day else None,
        "last_day": conference.last_day.isoformat() if conference.last_day else None,
        "chair": conference.chair.name if conference.chair else "",
        "motto": conference.motto,
    }


def _round_data(reporting_round: ReportingRound | None) -> RoundData | None:
    if reporting_round is None:
        return None
    closed_at = reporting_round.closed_at
    return {
        "title": reporting_round.title,
        "opened_at": iso_time(reporting_round.opened_at),
        "deadline": reporting_round.deadline.isoformat(),
        "closed_at": iso_time(closed_at) if closed_at else None,
    }


def report_data(
    conference: Conference,
    *,
    edition: int | None = None,
    frozen_by: User | None = None,
    now: datetime.datetime | None = None,
) -> ReportData:
    """The report as it would be frozen at `now` (default: now); `edition` is the number of the
    edition being frozen (None for the draft), compared with the edition before it."""
    now = now or timezone.now()
    conference = Conference.objects.select_related("chair").get(pk=conference.pk)
    report = compiler.report_of(conference)
    compiled_by = compiler.compiler_of(conference, report)
    demands = list(
        with_chain(rounds.followed_up_demands(conference)).select_related(
            "clause__resolution__agenda_item"
        )
    )
    newest = newest_per_land(conference, until=now, links=True)
    resolutions: dict[int, Resolution] = {}
    for demand in demands:
        resolutions.setdefault(demand.clause.resolution_id, demand.clause.resolution)
    applicants: dict[int, list[str]] = defaultdict(list)
    for resolution_id, name in (
        Resolution.applicants.through.objects.filter(resolution_id__in=list(resolutions))
        .order_by("land__name")
        .values_list("resolution_id", "land__name")
    ):
        applicants[resolution_id].append(name)
    dissent: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for note in DissentNote.objects.filter(resolution_id__in=list(resolutions)).select_related(
        "land"
    ):
        dissent[note.resolution_id].append((note.land.name, note.text))
    comments = dict(
        ResolutionComment.objects.filter(report=report).values_list("resolution_id", "text")
        if report
        else []
    )
    open_since = open_since_by_resolution(resolutions)
    stances = list(Stance.objects.all())
    latest_round = (
        ReportingRound.objects.filter(conference=conference).order_by("-opened_at", "-id").first()
    )

    assessments = {d.pk: assessment_of(d, newest.get(d.pk, {})) for d in demands}
    by_resolution: dict[int, list[DemandData]] = defaultdict(list)
    for demand in demands:
        by_land = newest.get(demand.pk, {})
        assessment = assessments[demand.pk]
        by_resolution[demand.clause.resolution_id].append(
            {
                "id": demand.pk,
                "clause_number": demand.clause.number,
                "lines": lines_of(demand),
                "fundstelle": fundstelle(demand),
                "kind": demand.get_kind_display(),
                "addressee": demand.addressee,
                "level": demand.get_level_display(),
                "wording": demand.wording,
                "assessment": entry_data(assessment) if assessment else None,
                "contributions": [
                    entry_data(e)
                    for e in sorted(by_land.values(), key=lambda e: e.land.name)
                    if e is not assessment
                ],
                "open_since": chain_start(demand) or open_since.get(demand.clause.resolution_id),
            }
        )

    resolution_data: list[ResolutionData] = []
    for resolution in resolutions.values():
        agenda_item = resolution.agenda_item
        resolution_data.append(
            {
                "top": resolution.top,
                "title": resolution.title,
                "group": agenda_item.group if agenda_item else "",
                "applicants": applicants.get(resolution.pk, []),
                "lead": resolution.lead.name if resolution.lead else None,
                "vote": resolution.vote,
                "consent_list": resolution.consent_list,
                "dissent_notes": [
                    {"land": land, "text": text} for land, text in dissent.get(resolution.pk, [])
                ],
                "comment": comments.get(resolution.pk, ""),
                "url": resolution.get_absolute_url(),
                "demands": by_resolution[resolution.pk],
            }
        )

    def category(demand: Demand) -> str:
        entry = assessments[demand.pk]
        return entry.implementation.category if entry else NONE_KEY

    total = len(demands)
    category_keys = [(c.value, c.label) for c in CATEGORY_ORDER] + [(NONE_KEY, NONE_LABEL)]
    stance_counts = Counter(
        (entry.stance.name if entry else NONE_KEY) for entry in assessments.values()
    )
    stance_keys = [(s.name, s.name) for s in stances if s.active or stance_counts[s.name]]
    keys = [key for key, _ in category_keys]
    group_of = {
        r.pk: (r.agenda_item.group if r.agenda_item and r.agenda_item.group else NO_GROUP)
        for r in resolutions.values()
    }
    lead_of = {r.pk: (r.lead.name if r.lead else NO_LEAD) for r in resolutions.values()}
    leads = sorted(set(lead_of.values()))
    overdue = overdue_lands(latest_round, timezone.localdate(now))
    summary: Summary = {
        "total": total,
        "by_category": shares(Counter(category(d) for d in demands), category_keys, total),
        "by_stance": shares(stance_counts, [*stance_keys, (NONE_KEY, NONE_LABEL)], total),
        "by_addressee": breakdown(((d.addressee, category(d)) for d in demands), keys),
        "by_group": breakdown(
            ((group_of[d.clause.resolution_id], category(d)) for d in demands),
            keys,
            order=list(dict.fromkeys(group_of.values())),
        ),
        "by_lead": breakdown(
            ((lead_of[d.clause.resolution_id], category(d)) for d in demands),
            keys,
            order=[name for name in leads if name != NO_LEAD] + [NO_LEAD],
        ),
        "without_entry": [demand_ref(d) for d in demands if not newest.get(d.pk)],
        "overdue_lands": overdue,
    }
    return {
        "schema": SCHEMA_VERSION,
        "title": f"Erfolgskontrolle der {conference.number}. IntMK",
        "conference": _conference_data(conference),
        "compiler": {
            "land": compiled_by.land.name if compiled_by else "",
            "year": compiled_by.year if compiled_by else conference.year + 1,
            "label": compiled_by.label if compiled_by else "Geschäftsstelle der IntMK",
        },
        "as_of": iso_time(now),
        "edition": edition,
        "frozen_by": (frozen_by.get_full_name() or frozen_by.username) if frozen_by else None,
        "preface": report.preface if report else "",
        "round": _round_data(latest_round),
        "summary": summary,
        "changes": changes.changes_since(
            conference,
            demands=demands,
            assessments=assessments,
            overdue=overdue,
            latest_round=latest_round,
            edition=edition,
            now=now,
        ),
        "resolutions": resolution_data,
    }
