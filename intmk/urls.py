from django.contrib import admin
from django.urls import include, path

from beschluesse import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/konferenzen/<int:number>.json", api.conference_json, name="api-conference"),
    path("", include("erfolgskontrolle.urls")),
    path("", include("beschluesse.urls")),
]
