"""Admins extend the vocabularies here; entries, rounds and reminders can only be read.

A term that entries use keeps its wording (Vocabulary.clean says so on the form): admins retire
it ("Auswählbar") and add a new one.

Progress entries are append-only (the database refuses UPDATE and DELETE as well): a correction
is a new entry written in the application, never an edit here. Rounds are run in the app.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from erfolgskontrolle.models import (
    Edition,
    EditionFile,
    EvidenceLink,
    Implementation,
    ProgressEntry,
    Publication,
    Reminder,
    Report,
    ReportingRound,
    ResolutionComment,
    Stance,
)


class ReadOnlyMixin:
    """Shown, never added, changed or deleted (which also removes the delete action)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Stance)
class StanceAdmin(SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history ships no type hints
    list_display = ["name", "position", "active"]
    list_editable = ["position", "active"]
    search_fields = ["name"]


@admin.register(Implementation)
class ImplementationAdmin(SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history ships no type hints
    list_display = ["name", "category", "position", "active"]
    list_editable = ["position", "active"]
    list_filter = ["category", "active"]
    search_fields = ["name"]


class EvidenceLinkInline(ReadOnlyMixin, admin.TabularInline[EvidenceLink, ProgressEntry]):
    model = EvidenceLink
    fields = readonly_fields = ("position", "label", "url")
    extra = 0


@admin.register(ProgressEntry)
class ProgressEntryAdmin(ReadOnlyMixin, admin.ModelAdmin[ProgressEntry]):
    list_display = ["created_at", "place", "land", "implementation", "stance", "author"]
    list_filter = ["land", "implementation", "stance", "source", "on_behalf"]
    list_select_related = [
        "demand__clause__resolution__conference",
        "land",
        "implementation",
        "stance",
        "author",
    ]
    search_fields = ["text"]
    date_hierarchy = "created_at"
    inlines = [EvidenceLinkInline]
    fields = readonly_fields = (
        "place",
        "demand",
        "land",
        "author",
        "on_behalf",
        "fact_date",
        "stance",
        "implementation",
        "text",
        "corrects",
        "source",
        "created_at",
    )

    @admin.display(description="Fundstelle", ordering="demand__clause__resolution__conference")
    def place(self, entry: ProgressEntry) -> str:
        clause = entry.demand.clause
        resolution = clause.resolution
        return f"{resolution.conference.number}. IntMK, TOP {resolution.top}, {clause}"


@admin.register(ReportingRound)
class ReportingRoundAdmin(ReadOnlyMixin, admin.ModelAdmin[ReportingRound]):
    list_display = ["title", "conference", "deadline", "opened_at", "closed_at"]
    list_filter = ["conference"]
    list_select_related = ["conference"]
    fields = readonly_fields = (
        "conference",
        "title",
        "deadline",
        "lands",
        "opened_at",
        "opened_by",
        "closed_at",
        "closed_by",
    )


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyMixin, admin.ModelAdmin[Reminder]):
    list_display = ["sent_at", "round", "user", "land", "kind", "open_items"]
    list_filter = ["kind", "land"]
    list_select_related = ["round", "user", "land"]
    fields = readonly_fields = ("round", "user", "land", "kind", "sent_on", "open_items", "sent_at")


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history ships no type hints
    """Where an admin assigns a report to another secretariat (report/compiler.py)."""

    list_display = ["conference", "compiler_land", "compiler_year"]
    list_select_related = ["conference", "compiler_land"]
    fields = ["conference", "preface", "compiler_land", "compiler_year"]


@admin.register(ResolutionComment)
class ResolutionCommentAdmin(ReadOnlyMixin, SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history ships no type hints
    list_display = ["resolution", "report"]
    list_select_related = ["resolution__conference", "report__conference"]
    fields = readonly_fields = ("report", "resolution", "text")


class EditionFileInline(ReadOnlyMixin, admin.TabularInline[EditionFile, Edition]):
    model = EditionFile
    fields = readonly_fields = ("format", "size", "sha256")
    extra = 0


@admin.register(Edition)
class EditionAdmin(ReadOnlyMixin, admin.ModelAdmin[Edition]):
    """Frozen editions: read-only here, and the database refuses changes anyway."""

    list_display = ["conference", "number", "frozen_at", "frozen_by"]
    list_select_related = ["conference", "frozen_by"]
    fields = readonly_fields = ("conference", "number", "frozen_at", "frozen_by", "differences")
    inlines = [EditionFileInline]


@admin.register(Publication)
class PublicationAdmin(ReadOnlyMixin, admin.ModelAdmin[Publication]):
    list_display = ["edition", "published_at", "published_by"]
    list_select_related = ["edition__conference", "published_by"]
    fields = readonly_fields = ("edition", "published_at", "published_by")
