"""Read-only JSON of the Beschlussregister."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from beschluesse.access import conference_for_view
from beschluesse.export import conference_export, exchange_json


@require_safe
def conference_json(request: HttpRequest, number: int) -> HttpResponse:
    conference = conference_for_view(number)
    return HttpResponse(
        exchange_json(conference_export(conference)),
        content_type="application/json; charset=utf-8",
    )
