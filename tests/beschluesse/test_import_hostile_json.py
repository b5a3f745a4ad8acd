"""JSON exchange files that no export produces (NUL characters, lone surrogates, TOPs wider than
their column, absurd nesting or numbers) are refused in German through the command, before
anything reaches PostgreSQL, and nothing is written."""

import json
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from beschluesse.models import Conference
from tests.beschluesse.test_import_service import make_document, table_counts

pytestmark = pytest.mark.django_db


def import_text(tmp_path: Path, text: str) -> str:
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("import_niederschrift", str(path), stdout=out)
    return out.getvalue()


def refused(tmp_path: Path, text: str) -> str:
    with pytest.raises(CommandError) as excinfo:
        import_text(tmp_path, text)
    assert table_counts() == (0, 0, 0, 0)
    message = str(excinfo.value)
    assert message.startswith("Import abgebrochen, nichts wurde gespeichert.")
    return message


def test_a_nul_character_in_a_text_is_refused_naming_the_field(tmp_path: Path) -> None:
    document = make_document()
    document["beschluesse"][0]["ziffern"][1]["forderungen"][0]["wortlaut"] = "fordert\x00 den Bund"

    message = refused(tmp_path, json.dumps(document))  # written as "\u0000"

    assert "beschluesse[0].ziffern[1].forderungen[0].wortlaut: enthält ein NUL-Zeichen" in message


def test_a_lone_surrogate_is_refused_naming_the_field(tmp_path: Path) -> None:
    text = json.dumps(make_document()).replace("Wiesbaden", "Wiesbaden \\ud800", 1)

    message = refused(tmp_path, text)

    assert "konferenz.ort: enthält ein ungültiges Unicode-Zeichen" in message


def test_a_top_longer_than_its_column_is_refused(tmp_path: Path) -> None:
    document = make_document(top="3.3" + "-Nachtrag" * 5)

    message = refused(tmp_path, json.dumps(document))

    assert "tagesordnung[0].top: ist länger als 20 Zeichen (48)" in message
    assert "beschluesse[0].top: ist länger als 20 Zeichen (48)" in message


def test_an_addressee_longer_than_its_column_is_refused(tmp_path: Path) -> None:
    document = make_document()
    document["beschluesse"][0]["ziffern"][1]["forderungen"][0]["adressat"] = "Bund " * 30

    message = refused(tmp_path, json.dumps(document))

    assert "forderungen[0].adressat: ist länger als 120 Zeichen" in message


def test_nesting_a_hundred_thousand_deep_is_refused(tmp_path: Path) -> None:
    depth = 100_000
    text = '{"konferenz": ' + "[" * depth + "]" * depth + "}"

    message = refused(tmp_path, text)

    assert "zu tief verschachtelt" in message


def test_a_deeply_nested_value_in_a_field_is_named_without_printing_it(tmp_path: Path) -> None:
    text = json.dumps(make_document()).replace('"einstimmig"', "[" * 500 + "]" * 500, 1)

    message = refused(tmp_path, text)

    assert "beschluesse[0].abstimmung: unbekannter Wert [[" in message
    assert len(message) < 2000


def test_a_number_of_five_thousand_digits_is_refused(tmp_path: Path) -> None:
    text = json.dumps(make_document()).replace('"nummer": 18', '"nummer": 1' + "0" * 5000, 1)

    message = refused(tmp_path, text)

    assert "Zahl mit Tausenden Ziffern" in message


def test_a_huge_number_in_a_text_field_is_named_without_printing_it(tmp_path: Path) -> None:
    text = json.dumps(make_document()).replace('"DE-HE"', "9" * 4000, 1)

    message = refused(tmp_path, text)

    assert "konferenz.vorsitz: unbekannter Landescode" in message
    assert len(message) < 2000


def test_a_sound_document_still_imports(tmp_path: Path) -> None:
    import_text(tmp_path, json.dumps(make_document(), ensure_ascii=False))

    assert Conference.objects.count() == 1


def test_a_file_name_that_is_not_utf8_is_stored_readably(tmp_path: Path) -> None:
    path = tmp_path / os.fsdecode(b"Niederschrift_M\xe4rz.json")
    path.write_text(json.dumps(make_document()), encoding="utf-8")

    call_command("import_niederschrift", str(path), stdout=StringIO())

    assert Conference.objects.get().source_name == "Niederschrift_M\ufffdrz.json"


@pytest.mark.parametrize("name", ["x" * 151, "Müller\x00", os.fsdecode(b"M\xfcller")])
def test_an_unstorable_user_name_is_refused_in_german(name: str, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(make_document()), encoding="utf-8")

    with pytest.raises(CommandError, match="--benutzer muss ein Name aus höchstens 150"):
        call_command("import_niederschrift", str(path), "--benutzer", name, stdout=StringIO())
    assert table_counts() == (0, 0, 0, 0)
