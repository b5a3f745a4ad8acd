"""Placeholder until this module is written (issue 3)."""

from django.http import HttpRequest, HttpResponse


def demand_detail(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def entry_create(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise NotImplementedError
