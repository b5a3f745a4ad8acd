"""Writes to the Beschlussregister outside the import: derived data (the search columns of
clauses, the links of references and of repeated demands) and a curator's corrections and
review mark. The import itself lives in `importer/write.py`."""

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchVector
from django.db import transaction
from django.db.models import Case, F, FloatField, IntegerField, Model, QuerySet, Value, When
from django.utils import timezone

from beschluesse.extensions import follow_up_counts
from beschluesse.importer.repeats import Earlier, best_earlier, says_repeat
from beschluesse.models import Clause, Demand, Kind, Reference, Resolution
from beschluesse.search import search_words_of
from intmk.audit import audit
from intmk.models import Land, User


def clause_search_vectors_update(clauses: QuerySet[Clause]) -> None:
    """Recompute the German full-text vectors of these clauses and their stemmed words (kept in
    columns for the indexes)."""
    clauses.update(search_vector=SearchVector("text", config="german"))
    clauses.update(search_words=search_words_of(F("search_vector")))


def references_link() -> int:
    """Point every unlinked reference at its resolution if that is in the database now.

    Runs after every import, so a reference from the 19th to the 18th IntMK is linked as soon
    as the 18th arrives, whichever came first.
    """
    linked = 0
    unlinked = Reference.objects.filter(target__isnull=True)
    keys = {(r.conference_number, r.top) for r in unlinked}
    if not keys:
        return 0
    targets = {
        (r.conference.number, r.top): r.pk
        for r in Resolution.objects.filter(
            conference__number__in={n for n, _ in keys}
        ).select_related("conference")
    }
    for reference in unlinked:
        target = targets.get((reference.conference_number, reference.top))
        if target:
            reference.target_id = target
            reference.save(update_fields=["target"])
            linked += 1
    return linked


@transaction.atomic
def demand_chains_link() -> int:
    """Link every demand that repeats an earlier one to it, if both are in the database now
    (rules in `importer/repeats.py`); returns how many were linked.

    Runs after every import next to `references_link`, so the order in which conferences arrive
    does not matter. Only demands without a link are looked at and changed: a link once set,
    by this or by a person, stays. Four queries whatever the size of the register.
    """
    candidates = [
        (pk, wording, level, resolution_id)
        for pk, wording, level, clause_text, resolution_id in Demand.objects.filter(
            repeats__isnull=True, clause__resolution__references__target__isnull=False
        )
        .order_by("pk")
        .distinct()
        .values_list("pk", "wording", "level", "clause__text", "clause__resolution_id")
        if says_repeat(wording) or says_repeat(clause_text)
    ]
    if not candidates:
        return 0
    # Only references back in time: a later resolution may name this one, but is not repeated.
    named: dict[int, dict[int, str]] = defaultdict(dict)  # resolution -> target -> Ziffer
    for resolution_id, target_id, clause_number in Reference.objects.filter(
        resolution_id__in={c[3] for c in candidates},
        target__conference__number__lt=F("resolution__conference__number"),
    ).values_list("resolution_id", "target_id", "clause_number"):
        named[resolution_id].setdefault(target_id, clause_number)
    earlier: dict[int, list[tuple[int, str, str, str]]] = defaultdict(list)
    for pk, wording, level, resolution_id, number in (
        Demand.objects.filter(clause__resolution_id__in={t for n in named.values() for t in n})
        .order_by("pk")
        .values_list("pk", "wording", "level", "clause__resolution_id", "clause__number")
    ):
        earlier[resolution_id].append((pk, wording, level, number))
    links: dict[int, tuple[int, float]] = {}
    for pk, wording, level, resolution_id in candidates:
        choices = [
            Earlier(other, other_wording, other_level, bool(ziffer) and number == ziffer)
            for target, ziffer in named[resolution_id].items()
            for other, other_wording, other_level, number in earlier[target]
        ]
        if found := best_earlier(wording, level, choices):
            links[pk] = found
    if not links:
        return 0
    return Demand.objects.filter(pk__in=links, repeats__isnull=True).update(
        repeats=Case(
            *(When(pk=pk, then=Value(other)) for pk, (other, _) in links.items()),
            output_field=IntegerField(),
        ),
        repeats_similarity=Case(
            *(When(pk=pk, then=Value(alike)) for pk, (_, alike) in links.items()),
            output_field=FloatField(),
        ),
    )


# Curation: corrections of an imported resolution and the review mark ------------------------


class CurationRefused(Exception):
    """A correction that would break the register or lose follow-up; the message is German."""


@dataclass(frozen=True)
class DemandCorrection:
    kind: str
    addressee: str
    level: str


@dataclass(frozen=True)
class NewDemand:
    clause_id: int
    kind: str
    addressee: str
    level: str
    wording: str


@dataclass(frozen=True)
class ResolutionCorrection:
    """What the curator wants the resolution to say; unchanged values change nothing."""

    title: str
    applicants: frozenset[Land]
    lead: Land | None
    vote: str
    consent_list: bool
    clause_kinds: Mapping[int, str] = field(default_factory=dict)  # by clause id
    demands: Mapping[int, DemandCorrection] = field(default_factory=dict)  # by demand id
    removed_demand_ids: frozenset[int] = frozenset()
    new_demands: Sequence[NewDemand] = ()


def resolution_correct(
    *, resolution: Resolution, user: User, correction: ResolutionCorrection, reason: str = ""
) -> list[str]:
    """Apply a curator's correction in one transaction; what changed, in German.

    Every changed row gets a history record with `user`, one time and the reason, so the
    resolution page shows the correction as one event. A demand with Sachstände is never
    removed (`CurationRefused`), nor may the lead be other than one of the applicants.
    """
    if not Resolution.lead_fits(correction.lead, correction.applicants):
        raise CurationRefused("Federführend kann nur ein Land sein, das den Antrag stellt.")
    now = timezone.now()
    reason = reason or "Korrektur im Register"
    with transaction.atomic():
        resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
        changes = _resolution_fields_correct(resolution, correction, user, now, reason)
        clauses = {c.pk: c for c in resolution.clauses.prefetch_related("demands")}
        demands = {d.pk: d for c in clauses.values() for d in c.demands.all()}
        asked = {*correction.demands, *correction.removed_demand_ids}
        if (
            not asked <= demands.keys()
            or not {
                *correction.clause_kinds,
                *(new.clause_id for new in correction.new_demands),
            }
            <= clauses.keys()
        ):
            raise CurationRefused(
                "Der Beschluss wurde inzwischen geändert, etwa durch einen Import. Bitte laden "
                "Sie die Seite neu und tragen Sie Ihre Korrekturen erneut ein."
            )
        changes += _demands_remove(demands, correction.removed_demand_ids, user, now, reason)
        for clause_id, kind in correction.clause_kinds.items():
            clause = clauses[clause_id]
            if clause.kind != kind:
                changes.append(f"{clause}: Art {clause.get_kind_display()} → {Kind(kind).label}")
                clause.kind = kind
                _save_with_history(clause, user, now, reason)
        for demand_id, wanted in correction.demands.items():
            if demand_id in correction.removed_demand_ids:
                continue
            demand = demands[demand_id]
            values = {"kind": wanted.kind, "addressee": wanted.addressee, "level": wanted.level}
            if changed := [
                name for name, value in values.items() if getattr(demand, name) != value
            ]:
                changes.append(f"{demand.clause}: {demand} ({', '.join(_labels(Demand, changed))})")
                for name in changed:
                    setattr(demand, name, values[name])
                _save_with_history(demand, user, now, reason)
        for new in correction.new_demands:
            clause = clauses[new.clause_id]
            demand = Demand(
                clause=clause,
                position=max((d.position for d in clause.demands.all()), default=-1) + 1,
                kind=new.kind,
                addressee=new.addressee,
                level=new.level,
                wording=new.wording,
            )
            _save_with_history(demand, user, now, reason)
            changes.append(f"{clause}: {demand} hinzugefügt")
        if changes:
            audit(
                user,
                "resolution.correct",
                conference=resolution.conference.number,
                top=resolution.top,
                changes=len(changes),
            )
    return changes


def _resolution_fields_correct(
    resolution: Resolution,
    correction: ResolutionCorrection,
    user: User,
    now: datetime.datetime,
    reason: str,
) -> list[str]:
    changes = []
    _history_of(resolution, user, now, reason)
    if set(resolution.applicants.all()) != correction.applicants:
        resolution.applicants.set(correction.applicants)  # the m2m signal writes the history
        changes.append("Antragsteller")
    values = {
        "title": correction.title,
        "lead_id": correction.lead.pk if correction.lead else None,
        "vote": correction.vote,
        "consent_list": correction.consent_list,
    }
    if changed := [name for name, value in values.items() if getattr(resolution, name) != value]:
        for name in changed:
            setattr(resolution, name, values[name])
        resolution.save()
        changes += _labels(Resolution, [name.removesuffix("_id") for name in changed])
    return changes


def _demands_remove(
    demands: Mapping[int, Demand],
    ids: Collection[int],
    user: User,
    now: datetime.datetime,
    reason: str,
) -> list[str]:
    if not ids:
        return []
    if counts := follow_up_counts(ids):
        held = [f"{demands[pk].clause}: {demands[pk]}" for pk in sorted(counts)]
        raise CurationRefused(
            "An diesen Forderungen hängen Sachstände der Erfolgskontrolle, sie bleiben daher "
            f"erhalten: {'; '.join(held)}. Bitte Art oder Adressat korrigieren statt entfernen."
        )
    changes = []
    for pk in sorted(ids):
        demand = demands[pk]
        _history_of(demand, user, now, reason)
        demand.delete()
        changes.append(f"{demand.clause}: {demand} entfernt")
    return changes


def resolution_lock(resolution: Resolution) -> None:
    """Wait for another curator's save or an import of `resolution` (both lock its row), and
    keep them waiting until the caller's transaction ends."""
    list(Resolution.objects.select_for_update().filter(pk=resolution.pk).values_list("pk"))


def resolution_review_mark(*, resolution: Resolution, user: User) -> None:
    """A curator confirms the recognised demands of `resolution` ("geprüft")."""
    with transaction.atomic():
        resolution.reviewed_at = timezone.now()
        resolution.reviewed_by = user
        _save_with_history(resolution, user, resolution.reviewed_at, "Als geprüft markiert")
        audit(
            user,
            "resolution.review",
            conference=resolution.conference.number,
            top=resolution.top,
        )


def resolution_review_clear(resolution: Resolution) -> bool:
    """A re-import changed clauses or demands: they are machine-made again. Whether a mark was
    cleared. Runs inside the import's transaction."""
    if resolution.reviewed_at is None:
        return False
    resolution.reviewed_at = None
    resolution.reviewed_by = None
    resolution._change_reason = "Prüfvermerk durch Import aufgehoben"  # type: ignore[attr-defined]
    resolution.save(update_fields=["reviewed_at", "reviewed_by"])
    return True


def _history_of(row: Model, user: User, now: datetime.datetime, reason: str) -> None:
    """What simple_history writes for the next change of `row`: one user, time and reason."""
    row._history_user = user  # type: ignore[attr-defined]
    row._history_date = now  # type: ignore[attr-defined]
    row._change_reason = reason  # type: ignore[attr-defined]


def _save_with_history(row: Model, user: User, now: datetime.datetime, reason: str) -> None:
    _history_of(row, user, now, reason)
    row.save()


def _labels(model: type[Model], names: Iterable[str]) -> list[str]:
    return [str(getattr(model._meta.get_field(name), "verbose_name", name)) for name in names]
