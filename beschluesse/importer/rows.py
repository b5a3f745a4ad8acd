"""Writing one list of rows in place: pair each incoming item with the row it updates, update or
create, park moved rows so unique keys never collide, and delete what the source no longer has
unless the follow-up holds on to it. Used by the import (`write.py`) for clauses and demands."""

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db.models import F, Model, ProtectedError

from beschluesse.importer.errors import NiederschriftError
from beschluesse.models import Clause, Demand

M = TypeVar("M", bound=Model)

# Positions (and clause numbers) are unique per parent; rows that move are parked this far out
# first, so that no update collides with a row that has not moved yet.
_PARKING_OFFSET = 10_000


def pair_rows(
    existing: list[M],
    items: list[dict[str, Any]],
    *matchers: tuple[Callable[[M], Any], Callable[[dict[str, Any]], Any]],
) -> tuple[list[M | None], list[M]]:
    """Pair each incoming item with the row it updates; return the pairs and the rows left over.

    The matchers are tried in turn (same text, then same number, …); what is still unpaired is
    paired in order. A clause inserted in the middle therefore does not shift the identity of
    the clauses after it, and what hangs on them stays with the right text.
    """
    paired: list[M | None] = [None] * len(items)
    free = list(existing)
    for row_key, item_key in matchers:
        for index, item in enumerate(items):
            key = item_key(item)
            if paired[index] is not None or key is None:
                continue
            match = next((row for row in free if row_key(row) == key), None)
            if match is not None:
                paired[index] = match
                free.remove(match)
    for index in range(len(items)):
        if paired[index] is None and free:
            paired[index] = free.pop(0)
    return paired, free


def write_rows(
    paired: list[M | None],
    items: list[dict[str, Any]],
    values_of: Callable[[dict[str, Any]], dict[str, Any]],
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
