"""A Sachstand over the limit is refused with a message, never cut by the browser."""

import re

import pytest

from beschluesse.models import Demand
from erfolgskontrolle.models import ProgressEntry
from intmk.models import User
from tests.conftest import client_for
from tests.erfolgskontrolle.test_entries import demand, entry_data, entry_url  # noqa: F401

pytestmark = pytest.mark.django_db


def textarea(html: str) -> str:
    match = re.search(r"<textarea[^>]*>", html)
    assert match
    return match.group(0)


def test_the_form_counts_characters_and_sets_no_maxlength(
    demand: Demand,  # noqa: F811
    official_berlin: User,
) -> None:
    html = client_for(official_berlin).get(entry_url(demand)).content.decode()

    field = textarea(html)
    assert "maxlength" not in field  # the browser would cut a pasted text silently
    assert 'data-zeichen-max="5000"' in field
    assert 'aria-describedby="id_text_helptext id_text_zaehler"' in field
    assert '<p class="kern-hint char-count" id="id_text_zaehler"' in html
    assert "0 von 5.000 Zeichen" in html
    assert "Höchstens 5.000 Zeichen." in html


def test_an_over_long_text_is_refused_whole_and_kept_for_shortening(
    demand: Demand,  # noqa: F811
    official_berlin: User,
) -> None:
    text = "Wort " * 1199 + "Ende."
    assert len(text) == 6000

    response = client_for(official_berlin).post(entry_url(demand), entry_data(text=text))

    assert response.status_code == 200
    assert ProgressEntry.objects.count() == 0
    html = response.content.decode()
    assert (
        "Der Text ist 6.000 Zeichen lang; erlaubt sind höchstens 5.000. "
        "Bitte kürzen Sie ihn um 1.000 Zeichen."
    ) in html
    assert text in html  # all of it comes back, nothing cut
    assert "6.000 von 5.000 Zeichen – 1.000 zu viel" in html


def test_a_text_of_exactly_the_limit_is_saved_whole(
    demand: Demand,  # noqa: F811
    official_berlin: User,
) -> None:
    text = "x" * 4999 + "."

    response = client_for(official_berlin).post(entry_url(demand), entry_data(text=text))

    assert response.status_code == 303
    assert ProgressEntry.objects.get().text == text
