"""The exchange format as typed minutes: the parser gives them, the import takes them, the export
gives them back, and German keys exist only in the JSON."""

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from beschluesse.demo.conference import demo_conference
from beschluesse.export import conference_export, exchange_json
from beschluesse.importer.errors import NiederschriftError
from beschluesse.importer.exchange import DemandRecord, Minutes
from beschluesse.importer.parser import parse_niederschrift
from beschluesse.importer.write import conference_import
from beschluesse.models import Conference, Demand

SEED = Path(settings.BASE_DIR) / "fixtures" / "19-intmk-2024-niederschrift.txt"


@pytest.fixture(scope="module")
def seed_minutes() -> Minutes:
    return parse_niederschrift(SEED.read_text(encoding="utf-8"))


def test_the_parser_gives_typed_minutes_with_english_attributes(seed_minutes: Minutes) -> None:
    conference = seed_minutes.conference
    assert (conference.number, conference.year, conference.chair) == (19, 2024, "DE-MV")
    assert conference.first_day == datetime.date(2024, 3, 20)
    resolution = seed_minutes.resolution("3.3")
    assert resolution is not None
    assert resolution.lead == "DE-BE"
    assert resolution.vote == "mehrheitlich"
    demands = [d for clause in resolution.clauses for d in clause.demands]
    assert demands and all(isinstance(d, DemandRecord) for d in demands)
    assert (demands[0].addressee, demands[0].level, demands[0].kind) == (
        "Bund",
        "bund",
        "pruefbitte",
    )
    assert seed_minutes.agenda_item("3.3") is not None


def test_json_keys_are_german_and_read_back_to_the_same_minutes(seed_minutes: Minutes) -> None:
    data = seed_minutes.to_json()

    assert set(data) == {"konferenz", "tagesordnung", "beschluesse", "warnungen"}
    assert data["konferenz"]["beginn"] == "2024-03-20"
    first_demand = next(
        d for r in data["beschluesse"] for z in r["ziffern"] for d in z["forderungen"]
    )
    assert set(first_demand) == {"adressat", "ebene", "art", "wortlaut"}
    assert Minutes.from_json(json.loads(json.dumps(data))) == seed_minutes


def test_reading_json_names_the_wrong_place_in_german(seed_minutes: Minutes) -> None:
    data = seed_minutes.to_json()
    data["beschluesse"][2]["ziffern"][0]["forderungen"] = [{"adressat": "Bund"}]

    with pytest.raises(NiederschriftError) as error:
        Minutes.from_json(data)

    assert "beschluesse[2].ziffern[0].forderungen[0]: es fehlt „ebene“" in str(error.value)


@pytest.mark.django_db
def test_export_of_an_import_gives_the_parsed_minutes_back(seed_minutes: Minutes) -> None:
    conference_import(minutes=seed_minutes, source_name="seed")

    exported = conference_export(Conference.objects.get(number=19))

    assert exported.conference == seed_minutes.conference
    # applicants are a set: the export lists them by Land code, the minutes by name
    expected = Minutes.from_json(seed_minutes.to_json())
    for row in [*expected.agenda, *expected.resolutions]:
        row.applicants.sort()
    assert exported.agenda == expected.agenda
    assert exported.resolutions == expected.resolutions
    out = StringIO()
    call_command("export_konferenz", "19", stdout=out)
    assert out.getvalue() == exchange_json(exported)


@pytest.mark.django_db
def test_minutes_built_in_code_import_without_json() -> None:
    minutes = demo_conference(number=12, seed=3)
    clause = next(c for r in minutes.resolutions for c in r.clauses if c.demands)
    clause.demands.append(DemandRecord("BAMF", "bund", "bitte", "Das BAMF möge berichten."))

    conference_import(minutes=minutes)

    assert Demand.objects.filter(addressee="BAMF", wording="Das BAMF möge berichten.").exists()


@pytest.mark.django_db
def test_typed_minutes_are_checked_like_json_before_anything_is_written(
    seed_minutes: Minutes,
) -> None:
    minutes = Minutes.from_json(seed_minutes.to_json())  # a copy to spoil
    minutes.resolutions[0].title = "Sprachf\u00c3\u00b6rderung f\u00c3\u00bcr alle"  # mojibake
    minutes.resolutions[1].top = "X" * 500

    with pytest.raises(NiederschriftError) as error:
        conference_import(minutes=minutes)

    assert "beschluesse[1].top: ist länger als" in str(error.value)
    assert "falsch kodiert" in str(error.value)
    assert not Conference.objects.exists()
