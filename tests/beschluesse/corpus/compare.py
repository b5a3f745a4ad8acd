"""Field-by-field comparison of an expected and a parsed conference (the corpus' measure)."""

import copy
from typing import Any

CONFERENCE_FIELDS = ("nummer", "jahr", "ort", "beginn", "ende", "vorsitz", "motto")
AGENDA_FIELDS = ("top", "titel", "gruppe", "antragsteller", "federfuehrend", "gruene_liste")
RESOLUTION_FIELDS = (
    "top",
    "titel",
    "abstimmung",
    "gruene_liste",
    "antragsteller",
    "federfuehrend",
    "berichterstatter",
    "zeilen",
)
CLAUSE_FIELDS = ("nummer", "zeile_von", "zeile_bis", "text", "art", "forderungen")
NOTE_FIELDS = ("land", "zeile_von", "zeile_bis", "text")

Mismatch = tuple[str, Any, Any]


def _value(item: dict[str, Any] | None, key: str) -> Any:
    if item is None:
        return "<fehlt>"
    value = item.get(key, "<fehlt>")
    if key == "forderungen" and isinstance(value, list):
        # kind and addressee: the wording is the clause text, compared there
        return [(demand["art"], demand["adressat"]) for demand in value]
    return value


def _items(
    where: str,
    expected: list[dict[str, Any]],
    actual: list[dict[str, Any]],
    fields: tuple[str, ...],
) -> tuple[int, list[Mismatch]]:
    count, wrong = 0, []
    for index in range(max(len(expected), len(actual))):
        want = expected[index] if index < len(expected) else None
        got = actual[index] if index < len(actual) else None
        for key in fields:
            count += 1
            if _value(want, key) != _value(got, key):
                wrong.append((f"{where}[{index}].{key}", _value(want, key), _value(got, key)))
    return count, wrong


def compare(expected: dict[str, Any], actual: dict[str, Any]) -> tuple[int, list[Mismatch]]:
    """Number of fields compared and the ones that differ (place, expected, parsed)."""
    count, wrong = _items(
        "konferenz", [expected["konferenz"]], [actual["konferenz"]], CONFERENCE_FIELDS
    )
    n, w = _items("tagesordnung", expected["tagesordnung"], actual["tagesordnung"], AGENDA_FIELDS)
    count, wrong = count + n, wrong + w
    n, w = _items("beschluesse", expected["beschluesse"], actual["beschluesse"], RESOLUTION_FIELDS)
    count, wrong = count + n, wrong + w
    pairs = list(zip(expected["beschluesse"], actual["beschluesse"], strict=False))
    for index, want in enumerate(expected["beschluesse"]):
        got = pairs[index][1] if index < len(pairs) else {"ziffern": [], "protokollnotizen": []}
        where = f"beschluesse[{index}]"
        n, w = _items(f"{where}.ziffern", want["ziffern"], got["ziffern"], CLAUSE_FIELDS)
        count, wrong = count + n, wrong + w
        notes_want, notes_got = want["protokollnotizen"], got["protokollnotizen"]
        n, w = _items(f"{where}.protokollnotizen", notes_want, notes_got, NOTE_FIELDS)
        count, wrong = count + n, wrong + w
    return count, wrong


def without_underlines(expected: dict[str, Any]) -> dict[str, Any]:
    """What plain text keeps of a conference whose lead applicants were marked only by
    underlining (pdftotext drops it): no lead where several Länder apply."""
    result = copy.deepcopy(expected)
    leads = {}
    for row in result["tagesordnung"]:
        if len(row["antragsteller"]) > 1:
            row["federfuehrend"] = None
        leads[row["top"]] = row["federfuehrend"]
    for resolution in result["beschluesse"]:
        resolution["federfuehrend"] = leads.get(resolution["top"], resolution["federfuehrend"])
    return result
