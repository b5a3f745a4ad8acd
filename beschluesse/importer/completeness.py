"""Agenda items without a resolution page: a warning in the middle, a refusal at the end.

A file cut off at a page boundary, or after a full stop inside a resolution, still parses: what
gives it away is the agenda, which names TOPs whose pages never come. Not every agenda item has
a page, though: group headings ("3 Integration, Teilhabe …" above 3.2, 3.3 …) and sessions that
decide nothing (the seed's TOP 7 "Digitaler Austausch …", 8 "Kamingespräch" with its topics 8.1
to 8.5, 9 "Sonstiges"; see shared/DOMAIN.md) are left alone. Of the others, one missing between
two pages is reported as a warning (withdrawn or postponed); missing after the last page, the
file most likely ends early, and the import is refused. A curator who knows better imports the
corrected JSON export instead.
"""

import re
from collections.abc import Sequence

from beschluesse.importer.agenda import AgendaRow
from beschluesse.importer.errors import NiederschriftError

_NO_RESOLUTION = re.compile(
    r"^(?:Digitaler\s+)?Austausch\b|\bDialog\b|Kamingespräch|^Sonstiges\b|^Verschiedenes\b"
    r"|\bGespräch\s+mit\b",
    re.IGNORECASE,
)


def _expects_page(row: AgendaRow, rows: Sequence[AgendaRow]) -> bool:
    by_top = {r.top: r for r in rows}
    if any(other.top.startswith(f"{row.top}.") for other in rows):
        return False  # a group heading
    group = by_top.get(row.top.split(".")[0]) if "." in row.top else None
    titles = [row.titel] + ([group.titel] if group else [])
    return not any(_NO_RESOLUTION.search(title) for title in titles)


def missing_pages(agenda: Sequence[AgendaRow], page_tops: Sequence[str]) -> list[str]:
    """Warnings for agenda items without a page between pages; raise NiederschriftError when
    items after the last page have none (the file ends early)."""
    if not agenda or not page_tops:
        return []
    have = set(page_tops)
    positions = [i for i, row in enumerate(agenda) if row.top in have]
    last = max(positions) if positions else -1
    missing = [
        (i, row.top)
        for i, row in enumerate(agenda)
        if row.top not in have and _expects_page(row, agenda)
    ]
    after = [top for i, top in missing if i > last]
    if after:
        raise NiederschriftError(
            f"Die Niederschrift endet offenbar vorzeitig: Nach TOP {page_tops[-1]} fehlen die "
            f"Beschlussseiten von TOP {', '.join(after)}, die in der Tagesordnung stehen. Ist "
            "die Datei vollständig? Wenn diese TOPs wirklich keinen Beschluss haben, bitte den "
            "JSON-Export entsprechend bearbeiten und diesen importieren."
        )
    return [
        f"TOP {top} steht in der Tagesordnung, hat aber keine Beschlussseite "
        "(zurückgezogen oder vertagt?)."
        for i, top in missing
    ]
