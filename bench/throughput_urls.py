"""The project's URLs plus `/bench-ok/`, a view that returns "ok" (bench/bench_throughput.py)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from intmk.urls import urlpatterns as project_urlpatterns


def ok(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench-ok/", ok), *project_urlpatterns]
