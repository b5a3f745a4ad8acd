"""Minutes in a wrong encoding are refused in German through the command, before anything is
stored: UTF-8 read as Windows-1252 or Mac-Roman ("fÃ¼r", "f√ºr"), a Mac-Roman file read as
Windows-1252 ("Sprachfšrderangebote"), UTF-8 with one stray byte, and JSON exports whose
escaped texts carry the same damage. Genuine Windows-1252 files still import."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from beschluesse.models import Conference, Resolution
from tests.beschluesse.test_import_service import make_document

pytestmark = pytest.mark.django_db

SEED_TEXT = (Path(settings.BASE_DIR) / "fixtures" / "19-intmk-2024-niederschrift.txt").read_text()


def refused(tmp_path: Path, content: bytes) -> str:
    path = tmp_path / "niederschrift.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError) as excinfo:
        call_command("import_niederschrift", str(path), stdout=StringIO())
    assert Conference.objects.count() == 0
    message = str(excinfo.value)
    assert "nichts wurde gespeichert" in message
    return message


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_utf8_read_as_windows_1252_is_refused_naming_line_and_word(tmp_path: Path) -> None:
    garbled = SEED_TEXT.encode("utf-8").decode("cp1252", errors="replace")

    message = refused(tmp_path, garbled.encode("utf-8"))

    assert "Die Datei ist falsch kodiert" in message
    assert f"Zeile {line_of(SEED_TEXT, 'Ministerium für')}: „fÃ¼r“ (gemeint wohl „für“)" in message


def test_utf8_read_as_mac_roman_is_refused(tmp_path: Path) -> None:
    garbled = SEED_TEXT.encode("utf-8").decode("mac_roman")

    message = refused(tmp_path, garbled.encode("utf-8"))

    assert "„f√ºr“ (gemeint wohl „für“)" in message


def test_a_mac_roman_file_is_refused_instead_of_read_as_windows_1252(tmp_path: Path) -> None:
    content = SEED_TEXT.encode("mac_roman", errors="replace")

    message = refused(tmp_path, content)

    assert f"Zeile {line_of(SEED_TEXT, 'Ministerium für')}: „fŸr“ (gemeint wohl „für“)" in message
    assert "… und 1149 weitere" in message


def test_mac_roman_mojibake_saved_as_utf8_is_refused(tmp_path: Path) -> None:
    garbled = SEED_TEXT.encode("mac_roman", errors="replace").decode("cp1252", errors="replace")
    start = garbled.index("Sprachfšrderangebote")

    message = refused(tmp_path, garbled[start:].encode("utf-8"))

    assert "Zeile 1: „Sprachfšrderangebote“ (gemeint wohl „Sprachförderangebote“)" in message


def test_utf8_with_one_stray_byte_is_refused_naming_the_line_of_the_byte(tmp_path: Path) -> None:
    content = SEED_TEXT.encode("utf-8").replace(b"Tagesordnung", b"Tagesordnung\xa0", 1)

    message = refused(tmp_path, content)

    line = line_of(SEED_TEXT, "Tagesordnung")
    assert f"enthält aber in Zeile {line} ein Byte (0xA0)" in message
    assert "„fÃ¼r“ (gemeint wohl „für“)" in message


def test_a_json_export_with_escaped_mojibake_is_refused_naming_the_field(tmp_path: Path) -> None:
    document = make_document()
    clause = document["beschluesse"][0]["ziffern"][1]
    clause["text"] = "Die IntMK fordert den Bund auf, Sprachkurse fÃ¼r alle zu entwickeln."

    message = refused(tmp_path, json.dumps(document).encode())  # "f\u00c3\u00bcr"

    assert "beschluesse[0].ziffern[1].text: „fÃ¼r“ ist falsch kodiert" in message


def test_a_genuine_windows_1252_file_still_imports(tmp_path: Path) -> None:
    path = tmp_path / "niederschrift.txt"
    path.write_bytes(SEED_TEXT.encode("cp1252", errors="replace"))

    call_command("import_niederschrift", str(path), stdout=StringIO())

    assert Resolution.objects.filter(conference__number=19).count() > 20
    assert "Sprachförderangebote" in Resolution.objects.get(top="4.2").title


def test_the_stray_byte_is_named_in_a_file_with_a_byte_order_mark(tmp_path: Path) -> None:
    content = SEED_TEXT.encode("utf-8-sig").replace(b"Tagesordnung", b"Tagesordnung\xe9", 1)

    message = refused(tmp_path, content)

    assert f"Zeile {line_of(SEED_TEXT, 'Tagesordnung')} ein Byte (0xE9)" in message
