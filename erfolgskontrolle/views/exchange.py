"""Placeholder until this module is written (issue 3)."""

from django.http import HttpRequest, HttpResponse


def exchange_page(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def entries_export(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def entries_import(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise NotImplementedError
