from django.urls import path

from erfolgskontrolle.views import entries, exchange, report, rounds, start, tasks

app_name = "erfolgskontrolle"

urlpatterns = [
    path("start/", start.start, name="start"),
    path("aufgaben/", tasks.task_list, name="task-list"),
    path("aufgaben/sammelerfassung/", tasks.bulk_entry_create, name="bulk-entry-create"),
    path("forderungen/<int:demand_id>/", entries.demand_detail, name="demand-detail"),
    path("forderungen/<int:demand_id>/sachstand/", entries.entry_create, name="entry-create"),
    path(
        "forderungen/<int:demand_id>/sachstand/abschnitt/",
        entries.entry_create_section,
        name="entry-create-section",
    ),
    path(
        "forderungen/<int:demand_id>/sachstand/zeile/",
        entries.entry_create_row,
        name="entry-create-row",
    ),
    path("tabelle/", exchange.exchange_page, name="exchange"),
    path("tabelle/<str:land_code>.<str:file_format>", exchange.entries_export, name="export"),
    path("tabelle/<str:land_code>/hochladen/", exchange.entries_import, name="import"),
    path(
        "tabelle/<str:land_code>/bestaetigen/",
        exchange.entries_import_confirm,
        name="import-confirm",
    ),
    path("runden/", rounds.round_list, name="round-list"),
    path("runden/neu/<int:number>/", rounds.round_create, name="round-create"),
    path("runden/<int:round_id>/", rounds.round_detail, name="round-detail"),
    path("runden/<int:round_id>/schliessen/", rounds.round_close, name="round-close"),
    path("runden/<int:round_id>/erinnern/", rounds.round_remind, name="round-remind"),
    path("runden/<int:round_id>/laender/<str:land_code>/", rounds.round_land, name="round-land"),
    path(
        "runden/konferenz/<int:number>/sachstaende.<str:file_format>",
        rounds.conference_table_export,
        name="conference-table",
    ),
    path("erfolgskontrolle/", report.report_index, name="report-index"),
    path("erfolgskontrolle/<int:number>/", report.report_draft, name="report-draft"),
    path(
        "erfolgskontrolle/<int:number>/entwurf.<str:fmt>",
        report.report_draft_file,
        name="report-draft-file",
    ),
    path("erfolgskontrolle/<int:number>/bearbeiten/", report.report_edit, name="report-edit"),
    path(
        "erfolgskontrolle/<int:number>/festschreiben/",
        report.edition_freeze,
        name="edition-freeze",
    ),
    path(
        "erfolgskontrolle/<int:number>/ausgaben/<int:edition_number>/",
        report.edition_detail,
        name="edition-detail",
    ),
    path(
        "erfolgskontrolle/<int:number>/ausgaben/<int:edition_number>/bericht.<str:fmt>",
        report.edition_file,
        name="edition-file",
    ),
    path(
        "erfolgskontrolle/<int:number>/ausgaben/<int:edition_number>/veroeffentlichen/",
        report.edition_publish,
        name="edition-publish",
    ),
]
