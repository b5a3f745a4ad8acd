"""Content-Security-Policy: no inline script or style on any page; the report's HTML file,
which keeps its styles inline to work offline, gets a policy of its own."""

import base64
import hashlib
import re

import pytest

from intmk.models import User
from tests.conftest import client_for
from tests.erfolgskontrolle.report_world import ReportWorld, make_report_world
from tests.factories import make_conference

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_it_sends_a_policy_without_unsafe_inline_on_the_start_page(anonymous) -> None:  # type: ignore[no-untyped-def]
    make_conference(number=19, year=2024)

    response = anonymous.get("/")

    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_it_renders_no_inline_script_handler_or_style_on_the_task_list(
    official_berlin: User, official_bayern: User
) -> None:
    world = make_report_world(berlin=official_berlin, bayern=official_bayern)
    client = client_for(official_berlin)

    html = client.get("/aufgaben/").content.decode()
    row = client.get(
        f"/forderungen/{world.to_bund.pk}/sachstand/zeile/", headers={"HX-Request": "true"}
    )
    html += row.content.decode()

    assert "data-zeile-schliessen" in html  # the row form with its "Abbrechen" is there
    assert "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\s(on[a-z]+|hx-on[^=]*|style)=", html)


def test_the_report_draft_page_has_no_style_attribute(
    official_berlin: User, official_bayern: User, reader: User
) -> None:
    make_report_world(berlin=official_berlin, bayern=official_bayern)

    response = client_for(reader).get("/erfolgskontrolle/19/")

    assert "report-swatch" in response.content.decode()
    assert not re.search(r"\sstyle=", response.content.decode())
    assert "unsafe-inline" not in response["Content-Security-Policy"]


@pytest.fixture
def world(official_berlin: User, official_bayern: User) -> ReportWorld:
    return make_report_world(berlin=official_berlin, bayern=official_bayern)


def test_the_html_file_allows_exactly_its_own_styles(world: ReportWorld, reader: User) -> None:
    response = client_for(reader).get("/erfolgskontrolle/19/entwurf.html")

    styles = re.findall(rb"<style>(.*?)</style>", response.content, re.DOTALL)
    expected = [
        "'sha256-" + base64.b64encode(hashlib.sha256(style).digest()).decode() + "'"
        for style in styles
    ]
    policy = directives(response["Content-Security-Policy"])
    assert len(styles) == 1
    assert policy["style-src"] == expected
    assert policy["default-src"] == ["'none'"]
    assert "script-src" not in policy  # falls back to default-src 'none'
    assert "unsafe-inline" not in response["Content-Security-Policy"]
