"""Search finds what people type: parts of German compounds and both forms of a word."""

import re

import pytest
from django.test import Client

from tests.beschluesse.test_pages import html_of, make_demand_in
from tests.factories import make_conference

pytestmark = pytest.mark.django_db


@pytest.fixture
def demands() -> None:
    conference = make_conference(number=19)
    texts = {
        "1": (
            "Berufssprachkurse",
            "Die IntMK fordert den Bund auf, die Berufssprachkurse zu sichern.",
        ),
        "2": ("Deutschsprachkurse", "Die IntMK bittet den Bund, Deutschsprachkurse auszubauen."),
        "3": ("Integrationskurs", "Die IntMK fordert, den Integrationskurs zu öffnen."),
        "4": ("Integrationskurse", "Die IntMK fordert mehr Integrationskurse für Frauen."),
        "5": ("Kurzarbeit", "Die IntMK fordert Regeln für Kurzarbeit und die EU-Mittel."),
    }
    for top, (wording, text) in texts.items():
        make_demand_in(conference=conference, top=top, wording=wording, text=text)


def found(client: Client, query: str) -> set[str]:
    html = html_of(client.get("/forderungen/", {"q": query}))
    wordings = {"Berufssprachkurse", "Deutschsprachkurse", "Integrationskurs", "Integrationskurse"}
    wordings |= {"Kurzarbeit"}
    return {w for w in wordings if re.search(rf">\s*{w}\s*<", html)}


def test_a_word_finds_the_compounds_that_contain_it(demands: None, anonymous: Client) -> None:
    assert found(anonymous, "Sprachkurs") == {"Berufssprachkurse", "Deutschsprachkurse"}


def test_singular_and_plural_give_the_same_results(demands: None, anonymous: Client) -> None:
    singular = found(anonymous, "Integrationskurs")
    plural = found(anonymous, "Integrationskurse")

    assert singular == plural == {"Integrationskurs", "Integrationskurse"}


def test_short_words_match_whole_words_only(demands: None, anonymous: Client) -> None:
    assert found(anonymous, "EU") == {"Kurzarbeit"}
    assert found(anonymous, "Kur") == set()  # not inside "Kurzarbeit" or "Sprachkurse"


def test_every_word_must_occur_and_excluded_words_stay_out(
    demands: None, anonymous: Client
) -> None:
    assert found(anonymous, "Sprachkurs Beruf") == {"Berufssprachkurse"}
    assert found(anonymous, "Sprachkurs -Deutschsprachkurse") == {"Berufssprachkurse"}
    assert found(anonymous, "für Frauen") == {"Integrationskurse"}


def test_full_text_matches_rank_before_word_parts(demands: None, anonymous: Client) -> None:
    html = html_of(anonymous.get("/forderungen/", {"q": "Integrationskurse"}))

    assert html.index("IntMK, TOP 4,") < html.index("IntMK, TOP 3,")
