"""The register's hook for other apps: demand annotators see every demand a page renders."""

import ast
from collections.abc import Sequence
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpRequest
from django.test import Client

from beschluesse import extensions
from beschluesse.models import Demand
from tests.factories import make_clause, make_conference, make_demand, make_resolution

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    seen: list[list[int]] = []

    def record(request: HttpRequest, demands: Sequence[Demand]) -> None:
        seen.append([d.pk for d in demands])
        for demand in demands:
            demand.follow_up = extensions.FollowUp(f"/weiter/{demand.pk}/", "geprüft", "heute")  # type: ignore[attr-defined]

    monkeypatch.setattr(extensions, "demand_annotators", [record])
    return seen


@pytest.fixture
def demands() -> list[Demand]:
    resolution = make_resolution(conference=make_conference(number=19), top="3.3")
    clause = make_clause(resolution=resolution, number="1")
    return [make_demand(clause=clause, wording=f"Forderung {i}") for i in range(3)]


@pytest.mark.parametrize("url", ["/konferenzen/19/top/3.3/", "/forderungen/"])
def test_each_annotator_gets_all_demands_of_the_page_at_once(
    anonymous: Client, calls: list[list[int]], demands: list[Demand], url: str
) -> None:
    html = anonymous.get(url).content.decode()

    assert calls == [[d.pk for d in demands]]
    for demand in demands:
        assert f'href="/weiter/{demand.pk}/"' in html
    assert "geprüft" in html


def test_without_annotators_the_pages_show_no_follow_up(
    anonymous: Client, monkeypatch: pytest.MonkeyPatch, demands: list[Demand]
) -> None:
    monkeypatch.setattr(extensions, "demand_annotators", [])

    html = anonymous.get("/forderungen/").content.decode()

    assert "Forderung 0" in html
    assert "Aktueller Stand" not in html


def test_the_register_never_imports_the_follow_up() -> None:
    for path in (Path(settings.BASE_DIR) / "beschluesse").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [alias.name for alias in node.names] if isinstance(node, ast.Import) else
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            )  # fmt: skip
            assert not any(n.split(".")[0] == "erfolgskontrolle" for n in names), path
