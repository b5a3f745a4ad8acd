"""Writing one list of rows in place: pair each incoming item with the row it updates, update or
create, park moved rows so unique keys never collide, and delete what the source no longer has
unless the follow-up holds on to it. Used by the import (`write.py`) for clauses and demands."""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.db.models import F, Model, ProtectedError

from beschluesse.importer.errors import NiederschriftError
from beschluesse.importer.similarity import SIMILAR, similarity
from beschluesse.models import Clause, Demand

M = TypeVar("M", bound=Model)
T = TypeVar("T")  # an item of the exchange format (ClauseRecord, DemandRecord)

# Positions (and clause numbers) are unique per parent; rows that move are parked this far out
# first, so that no update collides with a row that has not moved yet.
_PARKING_OFFSET = 10_000


@dataclass(frozen=True)
class Similar:
    """A matcher that pairs by wording: the most similar pairs first (at least ``SIMILAR``), the
    nearer position on a tie."""

    row_text: Callable[[Any], str]
    item_text: Callable[[Any], str]


Matcher = tuple[Callable[[Any], Any], Callable[[Any], Any]] | Similar


@dataclass
class Pairing(Generic[M]):
    """Each incoming item's row (or None: a new row), the rows left over, and the items that
    were paired only by position (no matcher found them alike)."""

    paired: list[M | None]
    unpaired: list[M]
    by_position: set[int] = field(default_factory=set)


def pair_rows(existing: list[M], items: list[T], *matchers: Matcher) -> Pairing[M]:
    """Pair each incoming item with the row it updates.

    The matchers are tried in turn (same text, similar text, same number, …); what is still
    unpaired is paired in order. A clause inserted in the middle therefore does not shift the
    identity of the clauses after it, and what hangs on them stays with the right text.
    """
    paired: list[M | None] = [None] * len(items)
    free = list(existing)
    for matcher in matchers:
        if isinstance(matcher, Similar):
            _pair_similar(paired, free, items, matcher)
            continue
        row_key, item_key = matcher
        for index, item in enumerate(items):
            key = item_key(item)
            if paired[index] is not None or key is None:
                continue
            match = next((row for row in free if row_key(row) == key), None)
            if match is not None:
                paired[index] = match
                free.remove(match)
    by_position = set()
    for index in range(len(items)):
        if paired[index] is None and free:
            paired[index] = free.pop(0)
            by_position.add(index)
    return Pairing(paired, free, by_position)


def _pair_similar(paired: list[M | None], free: list[M], items: list[T], matcher: Similar) -> None:
    candidates = [
        (score, abs(getattr(row, "position", index) - index), index, row_index)
        for index, item in enumerate(items)
        if paired[index] is None
        for row_index, row in enumerate(free)
        if (score := similarity(matcher.row_text(row), matcher.item_text(item), at_least=SIMILAR))
        >= SIMILAR
    ]
    taken: set[int] = set()
    for _, _, index, row_index in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if paired[index] is None and row_index not in taken:
            paired[index] = free[row_index]
            taken.add(row_index)
    free[:] = [row for row_index, row in enumerate(free) if row_index not in taken]


def write_rows(
    paired: list[M | None],
    items: list[T],
    values_of: Callable[[T], dict[str, Any]],
    new_row: Callable[[dict[str, Any]], M],
) -> list[tuple[M, list[str]]]:
    """Update the paired rows, create the missing ones; return each row with what changed."""
    rows: list[tuple[M, list[str]]] = []
    for position, (row, item) in enumerate(zip(paired, items, strict=True)):
        values = {"position": position, **values_of(item)}
        if row is None:
            rows.append((new_row(values), ["neu"]))
        else:
            rows.append((row, diff(row, values)))
    if rows:
        _save_in_place(type(rows[0][0]), rows)
    return rows


def _save_in_place(model: type[Model], rows: list[tuple[Any, list[str]]]) -> None:
    """Save new and changed rows; park moved rows first so that unique keys never collide."""
    if any(row.pk and "Reihenfolge" in fields or "Ziffer" in fields for row, fields in rows):
        parked = [row.pk for row, fields in rows if row.pk]
        park: dict[str, Any] = {"position": F("position") + _PARKING_OFFSET}
        if model is Clause:
            park["number"] = ""
        model.objects.filter(pk__in=parked).update(**park)  # type: ignore[attr-defined]
        for row, _ in rows:
            row.save()
        return
    for row, fields in rows:
        if fields:
            row.save()


def delete_row(row: Model, what: str) -> None:
    """Delete a row the source no longer has, unless the follow-up holds on to it.

    Progress entries protect their demand (and so its clause and resolution): they are never
    deleted, so the import stops with the places concerned and the transaction writes nothing.
    """
    try:
        row.delete()
    except ProtectedError as exc:
        raise NiederschriftError(
            f"{what} fehlt in der Quelle, kann aber nicht entfernt werden: an diesen Forderungen "
            f"hängen Sachstände der Erfolgskontrolle, die nie gelöscht werden.\n"
            f"{_protected_places(exc.protected_objects)}\n"
            "Ist die Quelle vollständig? Sonst bitte so korrigieren, dass diese Forderungen "
            "erhalten bleiben."
        ) from exc


def _protected_places(protected: Iterable[Any]) -> str:
    """ "TOP 3.3, Ziffer 2 (Forderung an Bund: „fordert …“): 2 Sachstände", one line per
    demand."""
    # Duck-typed: the protecting rows live in erfolgskontrolle, which beschluesse never imports.
    counts = Counter(getattr(row, "demand_id", None) for row in protected)
    demands = Demand.objects.filter(pk__in=[pk for pk in counts if pk]).select_related(
        "clause__resolution"
    )
    lines = []
    for demand in sorted(
        demands, key=lambda d: (d.clause.resolution.sort_key, d.clause.position, d.position)
    ):
        count = counts[demand.pk]
        entries = "1 Sachstand" if count == 1 else f"{count} Sachstände"
        clause = demand.clause
        lines.append(f"  - TOP {clause.resolution.top}, {clause} ({demand}): {entries}")
    return "\n".join(lines)


def diff(obj: Any, values: dict[str, Any]) -> list[str]:
    """Set values on obj; return the verbose names of the fields that changed."""
    changed = []
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(str(obj._meta.get_field(name).verbose_name))
    return changed


_CONTEXT_WORDS = 3
_SHOWN_WORDS = 12


def wording_change(before: str, after: str) -> str:
    """The words that changed, with a few words around them, for the report:
    ': „… den Bund, die Mittel …“ → „… den Bund auf, die Mittel …“'."""
    old, new = before.split(), after.split()
    if old == new:
        return ""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0  # words equal at the end, not reaching into the equal start
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1

    def excerpt(words: list[str]) -> str:
        first = max(0, start - _CONTEXT_WORDS)
        last = min(len(words), len(words) - end + _CONTEXT_WORDS)
        shown = words[first:last]
        if len(shown) > _SHOWN_WORDS:
            shown = [*shown[: _SHOWN_WORDS // 2], "…", *shown[-_SHOWN_WORDS // 2 :]]
        lead = "… " if first else ""
        tail = " …" if last < len(words) else ""
        return f"„{lead}{' '.join(shown)}{tail}“" if shown else "(nichts)"

    return f": {excerpt(old)} → {excerpt(new)}"


def moved_line(label: str, demand: Demand, count: int, wording: str) -> str:
    """A demand with Sachstände that only its position would pair with ``wording``."""
    entries = "1 Sachstand" if count == 1 else f"{count} Sachstände"
    return (
        f"{label}, Forderungs-ID {demand.pk}: {demand.get_kind_display()} an "
        f"{demand.addressee} „{demand.wording}“ hat {entries} und findet in der neuen "
        f"Fassung keine Entsprechung. Nur nach ihrer Stelle käme sie zu „{wording}“ "
        f"(Ähnlichkeit {similarity(demand.wording, wording):.0%}, nötig sind {SIMILAR:.0%})."
    )


def kept_note(fields: list[str], count: int) -> str:
    """For the report: a demand whose wording changed keeps its Sachstände (similar wording)."""
    if not count or "Wortlaut" not in fields:
        return ""
    entries = "1 Sachstand bleibt" if count == 1 else f"{count} Sachstände bleiben"
    return f" – ähnlicher Wortlaut, {entries} bei ihr, bitte prüfen"


def moved_message(lines: list[str]) -> str:
    shown = "\n".join(f"  - {line}" for line in lines)
    return (
        "Forderungen mit Sachständen der Erfolgskontrolle kämen unter einen anderen Wortlaut:\n"
        f"{shown}\n"
        "Damit Sachstände nie stillschweigend zu einem anderen Text wandern, wurde nichts "
        "gespeichert. Ist der neue Wortlaut nur eine Umformulierung derselben Forderung, den "
        "Import mit --zuordnen <Forderungs-ID> wiederholen; sonst die Quelle so korrigieren, "
        "dass der bisherige Wortlaut erkennbar bleibt."
    )
