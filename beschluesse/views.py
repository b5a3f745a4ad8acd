from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from beschluesse.models import Conference


def conference_list(request: HttpRequest) -> HttpResponse:
    conferences = Conference.objects.select_related("chair")
    return render(request, "beschluesse/conference_list.html", {"conferences": conferences})
