"""The real minutes of the 19th IntMK through the command line and the API, as users run them."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client

from beschluesse.models import Clause, Conference, Demand, DissentNote, Resolution

SEED = Path(settings.BASE_DIR) / "fixtures" / "19-intmk-2024-niederschrift.txt"


def import_file(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("import_niederschrift", str(path), *args, stdout=out)
    return out.getvalue()


def export(number: int = 19) -> str:
    out = StringIO()
    call_command("export_konferenz", str(number), stdout=out)
    return out.getvalue()


@pytest.fixture
def seed_imported(db: None) -> str:
    return import_file(SEED)


def test_the_seed_import_reports_created_rows_and_the_inconsistencies_of_the_source(
    seed_imported: str,
) -> None:
    assert "Neu angelegt" in seed_imported
    assert "Konferenz 19. IntMK 2024" in seed_imported
    warnings = seed_imported.split("Warnungen (")[-1]
    assert (
        "  - TOP 3.7: Die Antragsteller weichen voneinander ab – Tagesordnung: Berlin, Bremen, "
        "Nordrhein-Westfalen, Rheinland-Pfalz; Grüne Liste (TOP 1.1): Hamburg, "
        "Nordrhein-Westfalen, Thüringen; Beschlussseite: Berlin, Bremen, Nordrhein-Westfalen, "
        "Rheinland-Pfalz.\n"
    ) in warnings
    assert "  - TOP 1.2: Der Titel in der Tagesordnung" in warnings
    assert "  - TOP 3.3: Der Titel in der Tagesordnung" in warnings
    conference = Conference.objects.get(number=19)
    assert (conference.year, conference.place, conference.chair.code) == (
        2024,
        "Rostock-Warnemünde",
        "DE-MV",
    )
    assert Resolution.objects.count() == 24
    assert DissentNote.objects.count() == 2


def test_importing_the_seed_twice_changes_nothing(seed_imported: str) -> None:
    demand_ids = sorted(Demand.objects.values_list("id", flat=True))

    second = import_file(SEED)

    assert "Keine Änderungen" in second
    assert sorted(Demand.objects.values_list("id", flat=True)) == demand_ids


def test_a_corrected_version_of_the_minutes_updates_in_place_and_names_the_change(
    seed_imported: str, tmp_path: Path
) -> None:
    clause = Clause.objects.get(resolution__top="3.3", number="3")
    corrected = tmp_path / "korrigiert.txt"
    text = SEED.read_text(encoding="utf-8")
    assert text.count("Der Bund wird zudem gebeten zu prüfen") == 1
    corrected.write_text(
        text.replace(
            "Der Bund wird zudem gebeten zu prüfen", "Der Bund wird dringend gebeten zu prüfen"
        ),
        encoding="utf-8",
    )

    report = import_file(corrected)

    assert "Beschluss TOP 3.3: Ziffer 3 (Text" in report
    clause.refresh_from_db()
    assert "dringend gebeten" in clause.text


def test_export_then_import_then_export_is_identical(seed_imported: str, tmp_path: Path) -> None:
    first = export()
    path = tmp_path / "19.json"
    path.write_text(first, encoding="utf-8")

    report = import_file(path)

    assert "Keine Änderungen" in report
    assert export() == first


def test_an_export_imports_into_an_empty_database_and_exports_the_same(
    seed_imported: str, tmp_path: Path
) -> None:
    first = export()
    path = tmp_path / "19.json"
    path.write_text(first, encoding="utf-8")
    Conference.objects.all().delete()

    import_file(path)

    assert export() == first


def test_the_api_returns_the_same_json_as_the_command(seed_imported: str, client: Client) -> None:
    response = client.get("/api/konferenzen/19.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.content.decode() == export()
    data = json.loads(response.content)
    assert data["konferenz"] == {
        "nummer": 19,
        "jahr": 2024,
        "ort": "Rostock-Warnemünde",
        "beginn": "2024-03-20",
        "ende": "2024-03-21",
        "vorsitz": "DE-MV",
        "motto": "Miteinander wachsen",
    }


@pytest.mark.django_db
def test_the_api_answers_404_for_an_unknown_conference(client: Client) -> None:
    assert client.get("/api/konferenzen/99.json").status_code == 404


@pytest.mark.django_db
def test_export_of_an_unknown_conference_is_refused_in_german() -> None:
    with pytest.raises(CommandError, match="Die 99. IntMK ist nicht in der Datenbank"):
        export(99)


BAD_INPUTS = {
    "leer": (b"", "leer"),
    "binaer": (bytes(range(256)) * 20, "weder Text noch PDF"),
    "keine-niederschrift": (b"Einkaufsliste\n\nMilch\nBrot\n", "Niederschrift"),
    "abgeschnitten": (SEED.read_text()[: len(SEED.read_text()) // 2].encode(), "abgeschnitten"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_is_refused_in_german_and_writes_nothing(name: str, tmp_path: Path) -> None:
    content, expected = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(CommandError) as excinfo:
        import_file(path)

    assert "nichts wurde gespeichert" in str(excinfo.value)
    assert expected.lower() in str(excinfo.value).lower()
    assert Conference.objects.count() == 0


def test_bad_input_ends_the_command_with_a_non_zero_exit_code(tmp_path: Path) -> None:
    empty = tmp_path / "leer.txt"
    empty.write_bytes(b"")

    result = subprocess.run(
        [sys.executable, "manage.py", "import_niederschrift", str(empty)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={**os.environ},
        check=False,
    )

    assert result.returncode != 0
    assert "Die Datei ist leer" in result.stderr


def test_a_file_cut_off_before_a_resolution_leaves_the_imported_conference_as_it_was(
    seed_imported: str, tmp_path: Path
) -> None:
    text = SEED.read_text(encoding="utf-8")
    cut = tmp_path / "abgeschnitten.txt"
    cut.write_text(text[: text.index("## TOP 5.1")], encoding="utf-8")
    demands = Demand.objects.count()

    with pytest.raises(CommandError, match="nichts wurde gespeichert"):
        import_file(cut)

    assert Resolution.objects.count() == 24
    assert Demand.objects.count() == demands
