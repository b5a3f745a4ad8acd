"""Plain text and JSON uploads, and the blank-line layout every reader's text ends with.

Text is decoded as UTF-8 (with or without BOM), UTF-16 with BOM, or else Windows-1252, and
refused when it is binary; a JSON upload must be our conference export (``{"konferenz": …}``).
``collapse_blank_lines`` is shared by the PDF and DOCX readers.
"""

import codecs
import json
from typing import Any

from beschluesse.importer.errors import NiederschriftError
from intmk.encoding import describe, find_mojibake

_ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")
_MIN_PRINTABLE_SHARE = 0.95


def _binary_error() -> NiederschriftError:
    return NiederschriftError(
        "Unbekanntes Dateiformat: Die Datei ist weder Text noch PDF, DOCX oder ein JSON-Export "
        "der Beschlussverfolgung und kann nicht gelesen werden."
    )


def decode_text(data: bytes) -> str:
    """Decode text as UTF-8 (with or without BOM), UTF-16 with BOM, or else Windows-1252;
    refuse text with mojibake ("fÃ¼r", "fšr": see ``intmk.encoding``)."""
    invalid: UnicodeDecodeError | None = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _binary_error() from exc
    elif b"\x00" in data:
        raise _binary_error()
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            invalid = exc
            if any(byte < 0x20 and chr(byte) not in _ALLOWED_CONTROLS for byte in data):
                raise _binary_error() from None
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as exc:  # bytes that cp1252 leaves undefined
                raise _binary_error() from exc
    if not _mostly_printable(text):
        raise _binary_error()
    _refuse_mojibake(data, text, invalid)
    return text


def _refuse_mojibake(data: bytes, text: str, invalid: UnicodeDecodeError | None) -> None:
    found = find_mojibake(text.splitlines())
    if not found:
        return
    stray = ""
    if invalid is not None and any("Ã" in m.found or "â" in m.found for m in found):
        offset = invalid.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)  # utf-8-sig
        line = data[:offset].count(b"\n") + 1
        stray = (
            f"Die Datei ist UTF-8, enthält aber in Zeile {line} ein Byte "
            f"(0x{data[offset]:02X}), das in UTF-8 nicht vorkommen darf; als "
            "Windows-1252 gelesen würden alle Umlaute falsch. "
        )
    raise NiederschriftError(
        f"Die Datei ist falsch kodiert und wird nicht gespeichert. {stray}Diese Wörter wurden "
        "mit einer falschen Zeichentabelle gelesen (UTF-8 als Windows-1252 oder Mac-Roman, "
        f"oder umgekehrt):\n{describe(found, lambda m: f'Zeile {m.text + 1}')}\n"
        "Bitte die Niederschrift aus der Originaldatei (PDF oder DOCX) neu erzeugen oder als "
        "UTF-8 speichern und erneut hochladen."
    )


def _mostly_printable(text: str) -> bool:
    printable = sum(1 for char in text if char.isprintable() or char in _ALLOWED_CONTROLS)
    return printable >= _MIN_PRINTABLE_SHARE * len(text)


def is_json_array(text: str) -> bool:
    """A JSON array: it parses, or it opens like one ("[{", "[[", "[]", '["'); text in brackets
    ("[Entwurf] Niederschrift …") stays text."""
    stripped = text.lstrip()
    if not stripped.startswith("["):
        return False
    if stripped[1:].lstrip()[:1] in ("{", "[", "]", '"'):
        return True
    try:
        json.loads(stripped)
    except json.JSONDecodeError:
        return False
    return True


def exchange_json(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NiederschriftError(
            "Die Datei sieht aus wie ein JSON-Export, ist aber ungültig oder unvollständig "
            f"(Zeile {exc.lineno}, Spalte {exc.colno}). Bitte den Export erneut erzeugen."
        ) from exc
    except RecursionError as exc:  # "[[[[…" thousands deep: no export nests like that
        raise NiederschriftError(
            "Die JSON-Datei ist zu tief verschachtelt (Listen oder Objekte in Tausenden Ebenen) "
            "und ist kein Export der Beschlussverfolgung."
        ) from exc
    except ValueError as exc:  # an integer of more than 4300 digits
        raise NiederschriftError(
            "Die JSON-Datei enthält eine Zahl mit Tausenden Ziffern; ein Export der "
            "Beschlussverfolgung enthält nur kleine Zahlen (Konferenznummer, Jahr, Zeilen)."
        ) from exc
    if not isinstance(value, dict):
        raise NiederschriftError(
            "Die Datei ist JSON, aber kein Konferenz-Export der Beschlussverfolgung: Sie enthält "
            "eine Liste („[ … ]“) statt eines Objekts mit dem Abschnitt „konferenz“. Bitte den "
            "Export einer einzelnen Konferenz hochladen."
        )
    if "konferenz" not in value:
        raise NiederschriftError(
            "Die JSON-Datei ist kein Export der Beschlussverfolgung: es fehlt der Abschnitt "
            "„konferenz“."
        )
    return value


def collapse_blank_lines(lines: list[str]) -> str:
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1]):
            out.append(line.rstrip() if line.strip() else "")
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"
