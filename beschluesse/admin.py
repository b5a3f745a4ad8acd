from django.contrib import admin
from django.http import HttpRequest

from beschluesse.models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin[ImportRun]):
    """The import history is evidence: it can be read, never written by hand."""

    list_display = ["performed_at", "conference", "performed_by", "source_name"]
    list_filter = ["conference"]
    readonly_fields = [
        "conference",
        "performed_at",
        "performed_by",
        "source_name",
        "source_sha256",
        "report",
        "previous",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ImportRun | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ImportRun | None = None) -> bool:
        return False
