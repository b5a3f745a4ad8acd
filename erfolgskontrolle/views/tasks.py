"""Placeholder until this module is written (issue 3)."""

from django.http import HttpRequest, HttpResponse


def task_list(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def bulk_entry_create(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise NotImplementedError
