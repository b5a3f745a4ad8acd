"""Placeholder until this module is written (issue 3)."""

from django.http import HttpRequest, HttpResponse


def round_list(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def round_create(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def round_detail(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def round_close(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise NotImplementedError
