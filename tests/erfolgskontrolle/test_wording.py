"""Wording (issue 8, part 6): own German messages, a future example date, no repeated round
title, no "nach Relevanz geordnet" for nothing found, demands told apart by their wording."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from beschluesse.models import Conference, Demand, Kind
from erfolgskontrolle.forms import example_deadline
from erfolgskontrolle.models import ReportingRound
from intmk.models import User
from tests.conftest import client_for
from tests.factories import land, make_clause, make_demand, make_resolution, make_round

pytestmark = pytest.mark.django_db

DJANGO_REQUIRED = "Dieses Feld ist zwingend erforderlich."
TODAY = timezone.localdate()
NEXT_MONTH = TODAY + datetime.timedelta(days=30)


def html_of(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


@pytest.fixture
def twins(conference_19: Conference) -> list[Demand]:
    """Two demands of one clause that read the same by kind and addressee."""
    resolution = make_resolution(conference=conference_19, top="3.3", lead="DE-BE")
    clause = make_clause(
        resolution=resolution,
        number="3",
        kind=Kind.FORDERUNG,
        text="Die IntMK fordert den Bund auf, Dolmetschen zu regeln und Sprachkurse zu zahlen.",
    )
    return [
        make_demand(clause=clause, wording="fordert den Bund auf, Dolmetschen zu regeln"),
        make_demand(clause=clause, wording="fordert den Bund auf, Sprachkurse zu finanzieren"),
    ]


# Own messages ----------------------------------------------------------------------------------


def test_an_empty_login_names_the_missing_fields_in_own_words(anonymous: Client):
    html = html_of(anonymous.post("/konto/anmelden/", {}))

    assert DJANGO_REQUIRED not in html
    assert "Bitte geben Sie Ihren Benutzernamen ein." in html
    assert "Bitte geben Sie Ihr Passwort ein." in html


def test_an_empty_password_change_names_the_missing_fields(official_berlin: User):
    html = html_of(client_for(official_berlin).post("/konto/passwort/", {}))

    assert DJANGO_REQUIRED not in html
    for message in (
        "Bitte geben Sie Ihr bisheriges Passwort ein.",
        "Bitte geben Sie ein neues Passwort ein.",
        "Bitte wiederholen Sie das neue Passwort.",
    ):
        assert message in html


def test_password_change_mismatch_and_wrong_old_password_in_own_words(official_berlin: User):
    html = html_of(
        client_for(official_berlin).post(
            "/konto/passwort/",
            {"old_password": "falsch", "new_password1": "a-b-c-d-1", "new_password2": "x-y-z-9"},
        )
    )

    assert "Das bisherige Passwort ist falsch." in html
    assert "Die beiden neuen Passwörter stimmen nicht überein." in html


def test_an_empty_or_wrong_reset_address_in_own_words(anonymous: Client):
    empty = html_of(anonymous.post("/konto/passwort-vergessen/", {}))
    wrong = html_of(anonymous.post("/konto/passwort-vergessen/", {"email": "kein-at"}))

    assert DJANGO_REQUIRED not in empty
    assert "Bitte geben Sie Ihre E-Mail-Adresse ein." in empty
    assert "Bitte geben Sie eine gültige E-Mail-Adresse ein" in wrong


def test_an_empty_round_form_names_every_missing_field_in_own_words(
    twins: list[Demand], secretariat: User
):
    response = client_for(secretariat).post("/runden/neu/19/", {})

    html = html_of(response)
    assert response.status_code == 200 and DJANGO_REQUIRED not in html
    for message in (
        "Bitte geben Sie der Runde eine Bezeichnung.",
        "Bitte geben Sie die Frist an.",
        "Bitte wählen Sie mindestens eine Forderung.",
        "Bitte wählen Sie mindestens ein Land.",
    ):
        assert message in html


@pytest.mark.parametrize(
    "url",
    ["/forderungen/{pk}/sachstand/", "/aufgaben/sammelerfassung/", "/tabelle/DE-BE/hochladen/"],
)
def test_empty_follow_up_forms_use_own_words(twins: list[Demand], official_berlin: User, url: str):
    response = client_for(official_berlin).post(url.format(pk=twins[0].pk), {})

    html = html_of(response)
    assert response.status_code in (200, 400)
    assert "kern-error" in html or "kern-alert--danger" in html
    assert DJANGO_REQUIRED not in html


def test_a_stale_filter_value_gets_an_own_message(anonymous: Client):
    html = html_of(anonymous.get("/forderungen/", {"art": "gibt-es-nicht"}))

    assert "Bitte eine gültige Auswahl treffen" not in html
    assert "Diesen Wert gibt es in der Auswahl nicht (mehr)" in html


# The round form --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "today, expected",
    [
        (datetime.date(2026, 11, 30), datetime.date(2027, 1, 31)),
        (datetime.date(2025, 1, 15), datetime.date(2025, 3, 31)),
        (datetime.date(2025, 10, 1), datetime.date(2025, 12, 31)),
    ],
)
def test_the_example_deadline_is_the_end_of_the_month_after_next(
    today: datetime.date, expected: datetime.date
):
    assert example_deadline(today) == expected


def test_the_round_forms_example_date_lies_in_the_future(twins: list[Demand], secretariat: User):
    html = html_of(client_for(secretariat).get("/runden/neu/19/"))

    hint = re.search(r'id="id_deadline_hinweis">[^<]*z\. B\. (\d\d)\.(\d\d)\.(\d{4})', html)
    assert hint, "no example date in the hint"
    day, month, year = (int(part) for part in hint.groups())
    assert datetime.date(year, month, day) > TODAY
    assert "28.02.2025" not in html


def test_a_mistyped_deadline_gets_a_future_example(twins: list[Demand], secretariat: User):
    response = client_for(secretariat).post(
        "/runden/neu/19/",
        {
            "title": "Runde",
            "deadline": "bald",
            "demands": [twins[0].pk],
            "lands": [land("DE-BE").pk],
        },
    )

    assert f"z. B. {example_deadline():%d.%m.%Y}" in html_of(response)


def post_round(client: Client, demands: list[Demand], title: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/runden/neu/19/",
        {
            "title": title,
            "deadline": NEXT_MONTH.isoformat(),
            "demands": [d.pk for d in demands],
            "lands": [land("DE-BE").pk],
        },
    )


@pytest.mark.parametrize("title", ["Erfolgskontrolle 2025", "  erfolgskontrolle 2025 "])
def test_a_new_round_may_not_repeat_a_title_of_its_conference(
    twins: list[Demand], secretariat: User, title: str
):
    old = make_round(
        conference=twins[0].clause.resolution.conference,
        opened_by=secretariat,
        demands=twins,
        title="Erfolgskontrolle 2025",
    )
    old.closed_at, old.closed_by = timezone.now(), secretariat
    old.save()

    response = post_round(client_for(secretariat), twins, title)

    assert response.status_code == 200
    assert "Diese Konferenz hat bereits eine Berichtsrunde „" in html_of(response)
    assert ReportingRound.objects.count() == 1


def test_the_proposed_title_of_a_further_round_is_new(twins: list[Demand], secretariat: User):
    old = make_round(
        conference=twins[0].clause.resolution.conference,
        opened_by=secretariat,
        demands=twins,
        title="Erfolgskontrolle 2025",
    )
    old.closed_at, old.closed_by = timezone.now(), secretariat
    old.save()

    html = html_of(client_for(secretariat).get("/runden/neu/19/"))

    assert 'value="Erfolgskontrolle 2025 – 2. Runde"' in html


def test_the_same_title_in_another_conference_is_fine(twins: list[Demand], secretariat: User):
    from tests.factories import make_conference

    other = make_conference(number=18, year=2023)
    make_round(conference=other, opened_by=secretariat, demands=[], title="Erfolgskontrolle 2025")

    assert post_round(client_for(secretariat), twins, "Erfolgskontrolle 2025").status_code == 303


# Counts ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/forderungen/", "/aufgaben/"])
def test_nothing_found_is_not_ordered_by_relevance(
    twins: list[Demand], official_berlin: User, url: str
):
    client = client_for(official_berlin)

    nothing = html_of(client.get(url, {"q": "Raumfahrt"}))
    found = html_of(client.get(url, {"q": "Dolmetschen"}))

    assert "0 Forderungen gefunden" in nothing and "Relevanz" not in nothing
    assert "2 Forderungen gefunden, nach Relevanz geordnet" in found


# Demands told apart ----------------------------------------------------------------------------


def test_twin_demands_show_their_wording_on_the_round_form(twins: list[Demand], secretariat: User):
    html = html_of(client_for(secretariat).get("/runden/neu/19/"))

    labels = re.findall(r'<label class="kern-label" for="forderung-\d+">(.*?)</label>', html, re.S)
    assert len(labels) == 2 and labels[0] != labels[1]
    assert "Dolmetschen" in labels[0] and "Sprachkurse" in labels[1]


def test_twin_demands_show_their_wording_on_the_task_list(
    twins: list[Demand], official_berlin: User
):
    html = html_of(client_for(official_berlin).get("/aufgaben/"))

    labels = re.findall(r"Für Sammelerfassung auswählen: ([^<]*)</span>", html)
    assert len(labels) == 2 and labels[0] != labels[1]
    assert "Dolmetschen" in html and "Sprachkurse" in html


def test_twin_demands_have_different_page_titles(twins: list[Demand], official_berlin: User):
    client = client_for(official_berlin)

    titles = [
        re.search(r"<title>(.*?)</title>", html_of(client.get(f"/forderungen/{d.pk}/")), re.S)
        for d in twins
    ]

    assert titles[0] and titles[1]
    assert titles[0].group(1) != titles[1].group(1)
    assert "Dolmetschen" in titles[0].group(1)
