from django.urls import path

from beschluesse import curation_views, views
from beschluesse.pending import views as pending

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
    path("verwaltung/import/", pending.import_upload, name="import-upload"),
    path("verwaltung/import/<int:pk>/", pending.import_preview, name="import-preview"),
    path("verwaltung/import/<int:pk>/bestaetigen/", pending.import_confirm, name="import-confirm"),
    path("verwaltung/import/<int:pk>/entscheidungen/", pending.import_decide, name="import-decide"),
    path("verwaltung/import/<int:pk>/verwerfen/", pending.import_discard, name="import-discard"),
    path(
        "verwaltung/import/<int:pk>/top/<str:top>/",
        pending.resolution_correct,
        name="import-resolution",
    ),
    path(
        "verwaltung/import/<int:pk>/top/<str:top>/ziffer/<int:clause>/",
        pending.clause_correct,
        name="import-clause",
    ),
    path(
        "verwaltung/import/<int:pk>/top/<str:top>/ziffer/<int:clause>/forderung/neu/",
        pending.demand_add,
        name="import-demand-add",
    ),
    path(
        "verwaltung/import/<int:pk>/top/<str:top>/ziffer/<int:clause>/forderung/<int:demand>/",
        pending.demand_correct,
        name="import-demand",
    ),
    path(
        "verwaltung/import/<int:pk>/top/<str:top>/ziffer/<int:clause>/forderung/<int:demand>/"
        "entfernen/",
        pending.demand_remove,
        name="import-demand-remove",
    ),
]
