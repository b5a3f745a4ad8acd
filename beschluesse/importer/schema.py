"""Checks that a dict is a well-formed exchange document before anything is written.

Errors name the place in the document (``beschluesse[3].ziffern[1].art``) in German, so that
whoever edited a JSON export by hand finds the mistake.
"""

import datetime
import re
import reprlib
from typing import Any

from django.db.models import CharField, Model

from beschluesse.importer.errors import NiederschriftError
from beschluesse.models import (
    AgendaItem,
    Clause,
    Conference,
    Demand,
    Kind,
    Level,
    Reference,
    Resolution,
    Vote,
)
from intmk.encoding import find_mojibake
from intmk.laender import NAME_BY_CODE

_KINDS = set(Kind.values)
_LEVELS = set(Level.values)
_VOTES = set(Vote.values)
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# A JSON "\ud800" without its partner decodes to a lone surrogate, which no database encoding
# can store; PostgreSQL refuses NUL in text.
_SURROGATE = re.compile("[\ud800-\udfff]")
_MAX_SMALL = 32767  # PositiveSmallIntegerField: conference numbers and years
_MAX_INT = 2147483647  # PositiveIntegerField: line numbers


def _max_length(model: type[Model], field: str) -> int:
    """The column's width, so that the check and the database never disagree."""
    column = model._meta.get_field(field)
    assert isinstance(column, CharField) and column.max_length is not None
    return column.max_length


_TOP = _max_length(Resolution, "top")
_CLAUSE_NUMBER = _max_length(Clause, "number")
_shown = reprlib.Repr()
_shown.maxlevel, _shown.maxstring, _shown.maxother, _shown.maxlong = 2, 60, 60, 40


def _repr(value: Any) -> str:
    """A short repr for messages, also of values too big or too deep to print whole."""
    try:
        return _shown.repr(value)
    except (ValueError, RecursionError):
        return f"<{type(value).__name__}>"


class _Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.texts: list[tuple[str, str]] = []  # (where, value), checked for mojibake at the end

    def fail(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def obj(self, value: Any, where: str, keys: tuple[str, ...]) -> bool:
        if not isinstance(value, dict):
            self.fail(where, "ist kein Objekt")
            return False
        missing = [k for k in keys if k not in value]
        if missing:
            self.fail(where, "es fehlt " + ", ".join(f"„{k}“" for k in missing))
            return False
        return True

    def text(
        self, value: Any, where: str, *, required: bool = True, max_length: int | None = None
    ) -> None:
        if not isinstance(value, str):
            self.fail(where, "muss ein Text sein")
        elif required and not value.strip():
            self.fail(where, "darf nicht leer sein")
        elif max_length and len(value) > max_length:
            self.fail(where, f"ist länger als {max_length} Zeichen ({len(value)})")
        elif "\x00" in value:
            self.fail(where, "enthält ein NUL-Zeichen (\\u0000), das nicht gespeichert werden kann")
        elif _SURROGATE.search(value):
            self.fail(
                where,
                "enthält ein ungültiges Unicode-Zeichen (ein einzelnes UTF-16-Surrogat "
                "U+D800–U+DFFF, in JSON etwa „\\ud800“ ohne sein Gegenstück)",
            )
        elif _PRIVATE_USE.search(value):
            # The search highlighting uses these characters as markers (beschluesse/filters.py).
            self.fail(where, "enthält Zeichen aus dem privaten Unicode-Bereich (U+E000–U+F8FF)")
        else:
            self.texts.append((where, value))

    def mojibake(self) -> None:
        """Words read with a wrong code table ("fÃ¼r", "fšr"), judged over the whole document."""
        for found in find_mojibake([value for _, value in self.texts]):
            self.fail(
                self.texts[found.text][0],
                f"„{found.found}“ ist falsch kodiert (gemeint wohl „{found.meant}“; UTF-8 mit "
                "falscher Zeichentabelle gelesen)",
            )

    def optional_text(self, value: Any, where: str, *, max_length: int) -> None:
        if value is not None:
            self.text(value, where, required=False, max_length=max_length)

    def number(
        self, value: Any, where: str, *, optional: bool = False, maximum: int = _MAX_INT
    ) -> None:
        if value is None and optional:
            return
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(where, "muss eine nicht-negative ganze Zahl sein")
        elif value > maximum:
            self.fail(where, f"ist größer als {maximum}")

    def flag(self, value: Any, where: str) -> None:
        if not isinstance(value, bool):
            self.fail(where, "muss true oder false sein")

    def land(self, value: Any, where: str, *, optional: bool = False) -> None:
        if value is None and optional:
            return
        if not isinstance(value, str) or value not in NAME_BY_CODE:
            self.fail(where, f"unbekannter Landescode {_repr(value)} (erwartet z. B. „DE-MV“)")

    def lands(self, value: Any, where: str) -> None:
        if not isinstance(value, list):
            self.fail(where, "muss eine Liste von Landescodes sein")
            return
        for i, code in enumerate(value):
            self.land(code, f"{where}[{i}]")

    def choice(self, value: Any, where: str, allowed: set[str], *, optional: bool = False) -> None:
        if value is None and optional:
            return
        if not isinstance(value, str) or value not in allowed:
            self.fail(
                where, f"unbekannter Wert {_repr(value)} (erlaubt: {', '.join(sorted(allowed))})"
            )

    def date(self, value: Any, where: str) -> None:
        if value is None:
            return
        try:
            datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            self.fail(where, f"kein Datum im Format JJJJ-MM-TT: {_repr(value)}")

    def items(self, value: Any, where: str) -> list[tuple[str, Any]]:
        if not isinstance(value, list):
            self.fail(where, "muss eine Liste sein")
            return []
        return [(f"{where}[{i}]", item) for i, item in enumerate(value)]


def validate_exchange(data: Any) -> None:
    """Raise NiederschriftError listing every problem; return quietly when the data is sound."""
    c = _Checker()
    if not c.obj(data, "Dokument", ("konferenz", "tagesordnung", "beschluesse")):
        raise NiederschriftError("Das Dokument ist kein gültiger Konferenz-Export: " + c.errors[0])
    _check_conference(c, data["konferenz"])
    tops: set[str] = set()
    for where, item in c.items(data["tagesordnung"], "tagesordnung"):
        _check_agenda_item(c, item, where, tops)
    tops = set()
    for where, item in c.items(data["beschluesse"], "beschluesse"):
        _check_resolution(c, item, where, tops)
    for where, warning in c.items(data.get("warnungen", []), "warnungen"):
        c.text(warning, where)
    c.mojibake()
    if c.errors:
        shown = "\n".join(f"  - {e}" for e in c.errors[:20])
        more = f"\n  … und {len(c.errors) - 20} weitere" if len(c.errors) > 20 else ""
        raise NiederschriftError(f"Das Dokument enthält Fehler:\n{shown}{more}")


def _check_conference(c: _Checker, conf: Any) -> None:
    keys = ("nummer", "jahr", "ort", "beginn", "ende", "vorsitz", "motto")
    if not c.obj(conf, "konferenz", keys):
        return
    c.number(conf["nummer"], "konferenz.nummer", maximum=_MAX_SMALL)
    if conf["nummer"] == 0:
        c.fail("konferenz.nummer", "muss größer als 0 sein")
    c.number(conf["jahr"], "konferenz.jahr", maximum=_MAX_SMALL)
    c.text(
        conf["ort"], "konferenz.ort", required=False, max_length=_max_length(Conference, "place")
    )
    c.date(conf["beginn"], "konferenz.beginn")
    c.date(conf["ende"], "konferenz.ende")
    c.land(conf["vorsitz"], "konferenz.vorsitz", optional=True)
    c.text(
        conf["motto"],
        "konferenz.motto",
        required=False,
        max_length=_max_length(Conference, "motto"),
    )


def _check_top(c: _Checker, item: dict[str, Any], where: str, seen: set[str]) -> None:
    c.text(item["top"], f"{where}.top", max_length=_TOP)
    if not isinstance(item["top"], str):
        return
    if item["top"] in seen:
        c.fail(f"{where}.top", f"TOP {item['top']} kommt doppelt vor")
    seen.add(item["top"])


def _check_agenda_item(c: _Checker, item: Any, where: str, seen: set[str]) -> None:
    keys = ("top", "titel", "gruppe", "antragsteller", "federfuehrend", "gruene_liste")
    if not c.obj(item, where, keys):
        return
    _check_top(c, item, where, seen)
    c.text(item["titel"], f"{where}.titel")
    group_length = _max_length(AgendaItem, "group")
    c.text(item["gruppe"], f"{where}.gruppe", required=False, max_length=group_length)
    c.lands(item["antragsteller"], f"{where}.antragsteller")
    c.land(item["federfuehrend"], f"{where}.federfuehrend", optional=True)
    c.flag(item["gruene_liste"], f"{where}.gruene_liste")


def _check_resolution(c: _Checker, item: Any, where: str, seen: set[str]) -> None:
    keys = (
        "top", "titel", "abstimmung", "gruene_liste", "antragsteller", "federfuehrend",
        "berichterstatter", "zeilen", "ziffern", "protokollnotizen", "verweise",
    )  # fmt: skip
    if not c.obj(item, where, keys):
        return
    _check_top(c, item, where, seen)
    c.text(item["titel"], f"{where}.titel")
    c.choice(item["abstimmung"], f"{where}.abstimmung", _VOTES, optional=True)
    c.flag(item["gruene_liste"], f"{where}.gruene_liste")
    c.lands(item["antragsteller"], f"{where}.antragsteller")
    c.land(item["federfuehrend"], f"{where}.federfuehrend", optional=True)
    c.land(item["berichterstatter"], f"{where}.berichterstatter", optional=True)
    c.number(item["zeilen"], f"{where}.zeilen")
    numbers: set[str] = set()
    for cw, clause in c.items(item["ziffern"], f"{where}.ziffern"):
        _check_clause(c, clause, cw, numbers)
    for nw, note in c.items(item["protokollnotizen"], f"{where}.protokollnotizen"):
        if c.obj(note, nw, ("land", "zeile_von", "zeile_bis", "text")):
            c.land(note["land"], f"{nw}.land")
            _check_lines(c, note, nw)
            c.text(note["text"], f"{nw}.text")
    for rw, ref in c.items(item["verweise"], f"{where}.verweise"):
        if c.obj(ref, rw, ("konferenz", "top", "ziffer")):
            c.number(ref["konferenz"], f"{rw}.konferenz", maximum=_MAX_SMALL)
            c.text(ref["top"], f"{rw}.top", max_length=_max_length(Reference, "top"))
            c.optional_text(ref["ziffer"], f"{rw}.ziffer", max_length=_CLAUSE_NUMBER)


def _check_lines(c: _Checker, item: dict[str, Any], where: str) -> None:
    c.number(item["zeile_von"], f"{where}.zeile_von", optional=True)
    c.number(item["zeile_bis"], f"{where}.zeile_bis", optional=True)
    first, last = item["zeile_von"], item["zeile_bis"]
    if isinstance(first, int) and isinstance(last, int) and first > last:
        c.fail(where, f"Zeile {first} liegt hinter Zeile {last}")


def _check_clause(c: _Checker, clause: Any, where: str, numbers: set[str]) -> None:
    if not c.obj(clause, where, ("nummer", "zeile_von", "zeile_bis", "text", "art", "forderungen")):
        return
    c.optional_text(clause["nummer"], f"{where}.nummer", max_length=_CLAUSE_NUMBER)
    if clause["nummer"] and isinstance(clause["nummer"], str):
        if clause["nummer"] in numbers:
            c.fail(f"{where}.nummer", f"Ziffer {clause['nummer']} kommt doppelt vor")
        numbers.add(clause["nummer"])
    _check_lines(c, clause, where)
    c.text(clause["text"], f"{where}.text")
    c.choice(clause["art"], f"{where}.art", _KINDS)
    for dw, demand in c.items(clause["forderungen"], f"{where}.forderungen"):
        if c.obj(demand, dw, ("adressat", "ebene", "art", "wortlaut")):
            c.text(
                demand["adressat"], f"{dw}.adressat", max_length=_max_length(Demand, "addressee")
            )
            c.choice(demand["ebene"], f"{dw}.ebene", _LEVELS)
            c.choice(demand["art"], f"{dw}.art", _KINDS)
            c.text(demand["wortlaut"], f"{dw}.wortlaut")
