"""generate_demo fills the database with synthetic conferences through the real import."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from beschluesse.demo.conference import demo_conference
from beschluesse.models import Conference, Demand, DissentNote, Reference, Resolution

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def development_mode(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = True


def test_it_refuses_to_run_in_production(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = False

    with pytest.raises(CommandError, match="nur im Entwicklungsbetrieb"):
        generate(conferences=1)
    assert Conference.objects.count() == 0


def generate(*, conferences: int, seed: int = 1) -> str:
    out = StringIO()
    call_command("generate_demo", conferences=conferences, seed=seed, stdout=out)
    return out.getvalue()


def test_it_creates_conferences_counting_down_from_18() -> None:
    generate(conferences=3)

    assert list(Conference.objects.values_list("number", "year")) == [
        (18, 2023),
        (17, 2022),
        (16, 2021),
    ]


def test_it_rotates_the_chair_alphabetically_like_the_real_conferences() -> None:
    generate(conferences=2)

    chairs = dict(Conference.objects.values_list("number", "chair__code"))
    assert chairs == {18: "DE-HE", 17: "DE-HH"}


def test_it_creates_about_25_resolutions_with_demands_per_conference() -> None:
    generate(conferences=2)

    assert 40 <= Resolution.objects.count() <= 60
    assert Demand.objects.count() >= 60
    assert set(Demand.objects.values_list("level", flat=True)) >= {"bund", "land", "kommune"}
    assert Demand.objects.values("kind").distinct().count() >= 5


def test_it_adds_dissent_notes_and_references_to_earlier_conferences() -> None:
    generate(conferences=4)

    assert DissentNote.objects.exists()
    assert Reference.objects.filter(target__isnull=False).exists()


def test_running_twice_adds_new_numbers_instead_of_duplicating() -> None:
    generate(conferences=2)
    generate(conferences=2)

    numbers = list(Conference.objects.values_list("number", flat=True))
    assert numbers == [18, 17, 16, 15]


def test_it_skips_numbers_that_exist() -> None:
    Conference.objects.create(number=18, year=2023)

    generate(conferences=1)

    assert list(Conference.objects.values_list("number", flat=True)) == [18, 17]


def test_it_is_deterministic_for_a_seed() -> None:
    assert demo_conference(number=12, seed=7) == demo_conference(number=12, seed=7)
    assert demo_conference(number=12, seed=7) != demo_conference(number=12, seed=8)


def test_it_reports_in_german() -> None:
    output = generate(conferences=1)

    assert output.startswith("1 Demo-Konferenz angelegt (18. IntMK):")
    assert "Beschlüsse" in output and "Forderungen" in output
