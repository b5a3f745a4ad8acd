"""Error pages speak German: 400, 403, 404 and 500 (the 500 page renders without a request's
context, since whatever failed may fail again)."""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import include, path

pytestmark = pytest.mark.django_db


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("kaputt")


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("seltsam")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


urlpatterns = [
    path("kaputt/", broken),
    path("seltsam/", suspicious),
    path("verboten/", forbidden),
    path("", include("intmk.urls")),
]
with_failing_views = override_settings(ROOT_URLCONF=__name__)


@with_failing_views
def test_it_answers_a_server_error_with_a_german_page() -> None:
    response = Client(raise_request_exception=False).get("/kaputt/")

    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert "Ein Fehler ist aufgetreten" in html
    assert "/static/css/app.css" in html
    assert "Server Error" not in html


@with_failing_views
def test_it_answers_a_bad_request_with_a_german_page() -> None:
    response = Client().get("/seltsam/")

    assert response.status_code == 400
    assert "Ungültige Anfrage" in response.content.decode()
    assert "Bad Request" not in response.content.decode()


@with_failing_views
def test_it_answers_a_refusal_with_a_german_page() -> None:
    response = Client().get("/verboten/")

    assert response.status_code == 403
    assert "Kein Zugriff" in response.content.decode()


def test_it_answers_an_unknown_address_with_a_german_page() -> None:
    response = Client().get("/gibt-es-nicht/")

    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()
