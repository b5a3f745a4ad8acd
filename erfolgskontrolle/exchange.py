"""A Land's entries as a table: export to CSV or XLSX, edit in Excel, upload again.

One format both ways (`COLUMNS`): the first row holds the German headers, then one row per
demand, prefilled with the Land's newest entry. Only the columns from "Land" on are read back;
the descriptive ones help the reader and are ignored on upload.

Upload is all or nothing: every row is checked and every error reported with its row number
("Zeile 7: …", counted as Excel counts, the header being row 1) before anything is written. A row
equal to the Land's newest entry is "unverändert", so uploading an untouched export writes
nothing.

Stale files (a colleague saved a newer Sachstand after the download): every row carries, in
"Letzter Eintrag", the newest entry of its demand when the file was made. A changed row whose
demand has a newer entry since is a conflict (`CheckedTable.conflicts`): it is not written with
the others but shown with what was entered meanwhile, and written only when the user confirms
that row (`erfolgskontrolle/forms/tables.py`), as the web form does.

Files, cells and formula neutralisation: `tables.py`.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from django.db.models import OuterRef, QuerySet, Subquery

from beschluesse.models import Demand
from erfolgskontrolle import state
from erfolgskontrolle.models import (
    TEXT_MAX_LENGTH,
    Implementation,
    ProgressEntry,
    Stance,
    Vocabulary,
)
from erfolgskontrolle.services import EntryDraft, Link
from erfolgskontrolle.tables import (
    DATE_FORMAT,
    Cell,
    Column,
    ExchangeError,
    FileFormat,
    cell_text,
    links_text,
    read_fact_date,
    read_links,
    write_csv,
    write_xlsx,
)
from intmk.models import Land

V = TypeVar("V", bound=Vocabulary)

COLUMNS = (
    Column("Forderungs-ID", 14),
    Column("Konferenz", 16),
    Column("TOP", 8),
    Column("Ziffer", 8),
    Column("Adressat", 18),
    Column("Wortlaut", 60),
    Column("Federführend", 18),
    Column("Land", 18, editable=True),
    Column("Stand vom (TT.MM.JJJJ)", 14, editable=True),
    Column("Haltung", 22, editable=True),
    Column("Umsetzung", 22, editable=True),
    Column("Sachstand", 60, editable=True),
    Column("Belege", 50, editable=True),
    Column("Letzter Eintrag (nicht ändern)", 14),
)
HEADERS = tuple(column.header for column in COLUMNS)
ID, LAND, DATE, STANCE, IMPLEMENTATION, TEXT, LINKS = (
    "forderungs-id",
    "land",
    "stand vom",
    "haltung",
    "umsetzung",
    "sachstand",
    "belege",
)
READ_BACK = (ID, LAND, DATE, STANCE, IMPLEMENTATION, TEXT, LINKS)
BASIS = "letzter eintrag"  # optional: files made before it existed have no such column
UNKNOWN_BASIS = 0  # no entry has id 0: a row of such a file conflicts with any entry


def _key(header: str) -> str:
    """ "Stand vom (TT.MM.JJJJ)" and "stand vom" name the same column."""
    return " ".join(header.split("(")[0].split()).casefold()


_LABELS = {_key(column.header): column.header for column in COLUMNS}


# --- export ------------------------------------------------------------------------------------


def _with_land_entry(demands: QuerySet[Demand], land: Land) -> QuerySet[Demand]:
    """Annotate the Land's newest entry (what the row shows) and the demand's newest entry of
    any Land (what the row was made from, for the stale-file check)."""
    entries = ProgressEntry.objects.filter(demand=OuterRef("pk")).newest_first()
    return demands.annotate(
        land_entry_id=Subquery(entries.filter(land=land).values("pk")[:1]),
        newest_entry_id=Subquery(entries.values("pk")[:1]),
    )


def _land_entries(demands: Sequence[Demand]) -> dict[int, ProgressEntry]:
    """The newest entry of the Land per demand id, with vocabularies and links: two queries."""
    ids = [d.land_entry_id for d in demands if d.land_entry_id]  # type: ignore[attr-defined]
    if not ids:
        return {}
    entries = ProgressEntry.objects.filter(pk__in=ids)
    return {
        entry.demand_id: entry
        for entry in entries.select_related("stance", "implementation").prefetch_related("links")
    }


def table_rows(demands: QuerySet[Demand], land: Land) -> list[list[str | int]]:
    """One row per demand (in the order of `demands`), prefilled with the Land's newest entry."""
    annotated = list(_with_land_entry(demands, land))
    entries = _land_entries(annotated)
    rows: list[list[str | int]] = []
    for demand in annotated:
        resolution = demand.clause.resolution
        entry = entries.get(demand.pk)
        state: list[str | int] = ["", "", "", "", ""]
        if entry is not None:
            links = [Link(url=link.url, label=link.label) for link in entry.links.all()]
            state = [
                entry.fact_date.strftime(DATE_FORMAT),
                entry.stance.name,
                entry.implementation.name,
                entry.text,
                links_text(links),
            ]
        rows.append(
            [
                demand.pk,
                f"{resolution.conference.number}. IntMK {resolution.conference.year}",
                resolution.top,
                demand.clause.number,
                demand.addressee,
                demand.wording,
                resolution.lead.name if resolution.lead else "",
                land.name,
                *state,
                demand.newest_entry_id or "",  # type: ignore[attr-defined]
            ]
        )
    return rows


def write_table(rows: Sequence[Sequence[str | int]], file_format: FileFormat) -> bytes:
    if file_format == "csv":
        return write_csv(rows, HEADERS)
    return write_xlsx(
        rows,
        stances=[s.name for s in Stance.objects.filter(active=True)],
        implementations=[i.name for i in Implementation.objects.filter(active=True)],
        columns=COLUMNS,
    )


# --- checking the rows -------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    """A changed row whose demand got a newer entry after the file was made."""

    draft: EntryDraft
    row: int  # as Excel counts
    newer: list[ProgressEntry]  # entries saved since, newest first
    seen_id: int | None  # the newest of them: what the user has seen once shown


@dataclass
class CheckedTable:
    drafts: list[EntryDraft] = field(default_factory=list)  # changed rows without conflict
    conflicts: list[Conflict] = field(default_factory=list)
    unchanged: int = 0
    without_entry: int = 0
    errors: list[str] = field(default_factory=list)


def _column_positions(header: Sequence[Cell]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = _key(cell_text(cell))
        if key in READ_BACK or key == BASIS:
            if key in positions:
                raise ExchangeError(f"Die Spalte „{_LABELS[key]}“ steht zweimal in der Kopfzeile.")
            positions[key] = index
    missing = [_LABELS[key] for key in READ_BACK if key not in positions]
    if missing:
        names = ", ".join(f"„{name}“" for name in missing)
        raise ExchangeError(
            f"Die erste Zeile ist nicht die Kopfzeile der Austauschtabelle: es fehlen die Spalten "
            f"{names}. Bitte die Tabelle von dieser Seite herunterladen und ihre erste Zeile "
            f"unverändert lassen."
        )
    return positions


def _term(cell: Cell, label: str, terms: dict[str, V], allowed: str) -> tuple[V | None, str]:
    """The term a cell names, retired ones included (see `_retired`)."""
    text = cell_text(cell)
    if not text:
        return None, f"{label} fehlt. Erlaubt: {allowed}."
    term = terms.get(" ".join(text.split()).casefold())
    if term is None:
        return None, f"{label} „{text}“ ist unbekannt. Erlaubt: {allowed}."
    return term, ""


def _retired(draft: EntryDraft, stances_allowed: str, implementations_allowed: str) -> list[str]:
    """A new entry may not use a retired term; a row that repeats the Land's newest entry may
    (it writes nothing), so an untouched export still uploads after a term was retired."""
    return [
        f"{label} „{term.name}“ ist ausgemustert und steht nicht mehr zur Auswahl. "
        f"Erlaubt: {allowed}."
        for label, term, allowed in (
            ("Haltung", draft.stance, stances_allowed),
            ("Umsetzung", draft.implementation, implementations_allowed),
        )
        if not term.active
    ]


def _same_as(entry: ProgressEntry | None, draft: EntryDraft) -> bool:
    if entry is None:
        return False
    links = tuple(Link(url=link.url, label=link.label) for link in entry.links.all())
    return (
        entry.stance_id == draft.stance.pk
        and entry.implementation_id == draft.implementation.pk
        and cell_text(entry.text) == draft.text
        and entry.fact_date == draft.fact_date
        and links == draft.links
    )


def _demand_id(cell: Cell) -> int | None:
    text = cell_text(cell)
    return int(text) if text.isascii() and text.isdigit() else None


def _basis(cell: Cell | None) -> tuple[int | None, str]:
    """The entry a row was made from: None when the demand had none, UNKNOWN_BASIS for a file
    without the column; and, if the cell was edited into something else, why not usable."""
    if cell is None:
        return UNKNOWN_BASIS, ""
    text = cell_text(cell)
    if not text:
        return None, ""
    if text.isascii() and text.isdigit() and int(text) > 0:
        return int(text), ""
    return UNKNOWN_BASIS, (
        f"„{text}“ in der Spalte „{_LABELS[BASIS]}“ ist keine Eintragsnummer. Bitte diese Spalte "
        f"unverändert lassen (leer oder die Nummer aus der heruntergeladenen Datei)."
    )


def split_conflicts(
    rows: Sequence[tuple[EntryDraft, int, int | None]],
) -> tuple[list[EntryDraft], list[Conflict]]:
    """(draft, row, seen entry id) → the drafts to write and the conflicts to show."""
    newer = state.entries_since({draft.demand.pk: seen for draft, _, seen in rows})
    drafts, conflicts = [], []
    for draft, row, _ in rows:
        since = newer[draft.demand.pk]
        if since:
            conflicts.append(Conflict(draft=draft, row=row, newer=since, seen_id=since[0].pk))
        else:
            drafts.append(draft)
    return drafts, conflicts


def check_table(
    rows: Sequence[Sequence[Cell]], *, land: Land, demands: QuerySet[Demand]
) -> CheckedTable:
    """Check every row against the Land's table (`demands`); collect all errors."""
    if not rows:
        raise ExchangeError("Die Datei ist leer.")
    positions = _column_positions(rows[0])
    width = max(positions.values()) + 1
    body = [list(row) + [""] * (width - len(row)) for row in rows[1:]]

    ids = {_demand_id(row[positions[ID]]) for row in body} - {None}
    known = {d.pk: d for d in _with_land_entry(demands.filter(pk__in=ids), land)}
    entries = _land_entries(list(known.values()))
    stances = {s.name.casefold(): s for s in Stance.objects.all()}
    implementations = {i.name.casefold(): i for i in Implementation.objects.all()}
    stances_allowed = ", ".join(s.name for s in stances.values() if s.active)
    implementations_allowed = ", ".join(i.name for i in implementations.values() if i.active)
    land_names = {land.name.casefold(), land.code.casefold()}

    result = CheckedTable()
    changed: list[tuple[EntryDraft, int, int | None]] = []
    seen: dict[int, int] = {}
    for number, row in enumerate(body, start=2):
        cells = {key: row[index] for key, index in positions.items()}
        if not any(cell_text(cell) for cell in row):
            continue
        if not any(cell_text(cells[key]) for key in (STANCE, IMPLEMENTATION, TEXT)):
            result.without_entry += 1
            continue
        problems: list[str] = []
        id_text = cell_text(cells[ID])
        demand_id = _demand_id(cells[ID])
        demand = known.get(demand_id) if demand_id is not None else None
        if not id_text:
            problems.append("Forderungs-ID fehlt.")
        elif demand is None:
            problems.append(
                f"Die Forderung „{id_text}“ gibt es nicht in der Tabelle von {land.name}."
            )
        elif demand.pk in seen:
            problems.append(f"Die Forderung {demand.pk} steht schon in Zeile {seen[demand.pk]}.")
        else:
            seen[demand.pk] = number
        land_text = cell_text(cells[LAND])
        if land_text.casefold() not in land_names:
            problems.append(
                f"Land „{land_text}“ passt nicht: hier werden nur Sachstände von {land.name} "
                f"hochgeladen."
                if land_text
                else f"Land fehlt (erwartet: {land.name})."
            )
        fact_date, problem = read_fact_date(cells[DATE])
        problems += [problem] if problem else []
        stance, problem = _term(cells[STANCE], "Haltung", stances, stances_allowed)
        problems += [problem] if problem else []
        implementation, problem = _term(
            cells[IMPLEMENTATION], "Umsetzung", implementations, implementations_allowed
        )
        problems += [problem] if problem else []
        text = cell_text(cells[TEXT])
        if not text:
            problems.append("Sachstand fehlt.")
        elif len(text) > TEXT_MAX_LENGTH:
            problems.append(
                f"Sachstand ist {len(text)} Zeichen lang; höchstens {TEXT_MAX_LENGTH} sind erlaubt."
            )
        links, link_problems = read_links(cells[LINKS])
        problems += link_problems
        basis, problem = _basis(cells.get(BASIS))
        problems += [problem] if problem else []
        if problems:
            result.errors += [f"Zeile {number}: {problem}" for problem in problems]
            continue
        assert demand and fact_date and stance and implementation  # no problems, so all set
        draft = EntryDraft(
            demand=demand,
            fact_date=fact_date,
            stance=stance,
            implementation=implementation,
            text=text,
            links=links,
        )
        if _same_as(entries.get(demand.pk), draft):
            result.unchanged += 1
        elif retired := _retired(draft, stances_allowed, implementations_allowed):
            result.errors += [f"Zeile {number}: {problem}" for problem in retired]
        elif demand.newest_entry_id in (None, basis):  # type: ignore[attr-defined]
            result.drafts.append(draft)  # nothing saved since the file was made
        else:
            changed.append((draft, number, basis))
    if changed and not result.errors:
        drafts, result.conflicts = split_conflicts(changed)
        result.drafts += drafts
    return result
