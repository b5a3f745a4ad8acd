from django.urls import path

from beschluesse import views

app_name = "beschluesse"

urlpatterns = [
    path("", views.conference_list, name="conference-list"),
    path("konferenzen/<int:number>/", views.conference_detail, name="conference-detail"),
    path(
        "konferenzen/<int:number>/top/<str:top>/",
        views.resolution_detail,
        name="resolution-detail",
    ),
    path("forderungen/", views.demand_list, name="demand-list"),
]
