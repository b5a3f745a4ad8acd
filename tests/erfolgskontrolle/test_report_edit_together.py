"""Two people editing the report's texts at once: nobody's newer text is overwritten unseen."""

import re

import pytest
from django.test import Client

from erfolgskontrolle.models import Report, ResolutionComment
from intmk.models import User
from tests.conftest import client_for
from tests.erfolgskontrolle.report_world import ReportWorld, make_report_world

pytestmark = pytest.mark.django_db

EDIT = "/erfolgskontrolle/19/bearbeiten/"


@pytest.fixture
def world(official_berlin: User, official_bayern: User) -> ReportWorld:
    return make_report_world(berlin=official_berlin, bayern=official_bayern)


def opened(client: Client) -> dict[str, str]:
    """What the edit form sends back unchanged: every text and its fingerprint."""
    html = client.get(EDIT).content.decode()
    fields = dict(re.findall(r'type="hidden" name="(stand_[^"]+)" value="([^"]*)"', html))
    for name, text in re.findall(r'<textarea name="([^"]+)"[^>]*>\n?([^<]*)</textarea>', html):
        fields[name] = text
    return fields


def preface() -> str:
    return Report.objects.get().preface


def test_a_newer_preface_is_not_overwritten_by_a_form_opened_before(
    world: ReportWorld, secretariat_ni: User, admin_user: User
) -> None:
    first, second = client_for(secretariat_ni), client_for(admin_user)
    stale = opened(first)
    second.post(EDIT, {**opened(second), "preface": "Text der Verwaltung."})

    response = first.post(EDIT, {**stale, "preface": "Text der Geschäftsstelle."})

    assert response.status_code == 200
    assert preface() == "Text der Verwaltung."
    html = response.content.decode()
    changed = "Inzwischen hat jemand diesen Text geändert; er lautet jetzt: „Text der Verwaltung.“"
    assert changed in html

    again = first.post(EDIT, {**opened_from(html), "preface": "Text der Geschäftsstelle."})

    assert again.status_code == 303
    assert preface() == "Text der Geschäftsstelle."


def test_texts_the_user_left_alone_keep_a_newer_version(
    world: ReportWorld, secretariat_ni: User, admin_user: User
) -> None:
    first, second = client_for(secretariat_ni), client_for(admin_user)
    stale = opened(first)
    comment = next(name for name in stale if name.startswith("anmerkung_"))
    second.post(EDIT, {**opened(second), comment: "Anmerkung der Verwaltung."})

    response = first.post(EDIT, {**stale, "preface": "Neue Vorbemerkung."})

    assert response.status_code == 303
    assert preface() == "Neue Vorbemerkung."
    assert ResolutionComment.objects.get().text == "Anmerkung der Verwaltung."


def opened_from(html: str) -> dict[str, str]:
    return dict(re.findall(r'type="hidden" name="(stand_[^"]+)" value="([^"]*)"', html))
