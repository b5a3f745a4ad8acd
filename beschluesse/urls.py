from django.urls import path

from beschluesse import curation_views, views

app_name = "beschluesse"

urlpatterns = [
    path("", views.conference_list, name="conference-list"),
    path("konferenzen/<int:number>/", views.conference_detail, name="conference-detail"),
    path(
        "konferenzen/<int:number>/top/<str:top>/",
        views.resolution_detail,
        name="resolution-detail",
    ),
    path(
        "konferenzen/<int:number>/top/<str:top>/bearbeiten/",
        curation_views.resolution_edit,
        name="resolution-edit",
    ),
    path(
        "konferenzen/<int:number>/top/<str:top>/geprueft/",
        curation_views.resolution_review,
        name="resolution-review",
    ),
    path("verwaltung/pruefen/<int:number>/", curation_views.review_queue, name="review-queue"),
    path("forderungen/", views.demand_list, name="demand-list"),
]
