"""The Erfolgskontrolle report: the secretariat's texts, frozen editions, their files and their
publication. Part of the erfolgskontrolle app (imported by `erfolgskontrolle.models`), kept in its
own module so that neither grows past a readable size.

Editions, their files and publications are immutable: the database refuses UPDATE and DELETE
(trigger in migration 0003), as it does for progress entries.
"""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from beschluesse.models import Conference, Resolution
from intmk.models import Land
from intmk.roles import Principal


class Report(models.Model):
    """The secretariat's texts for one conference's report; who compiles it follows a rule
    (`erfolgskontrolle.report.compiler`) that an admin may override here (with history)."""

    conference = models.OneToOneField(
        Conference, verbose_name="Konferenz", on_delete=models.PROTECT, related_name="report"
    )
    preface = models.TextField("Vorbemerkung", blank=True)
    compiler_land = models.ForeignKey(
        Land,
        verbose_name="Geschäftsstelle (abweichend)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    compiler_year = models.PositiveSmallIntegerField("Jahr (abweichend)", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-conference__number"]
        verbose_name = "Erfolgskontrolle"
        verbose_name_plural = "Erfolgskontrollen"
        constraints = [
            models.CheckConstraint(
                condition=Q(compiler_land__isnull=True, compiler_year__isnull=True)
                | Q(compiler_land__isnull=False, compiler_year__isnull=False),
                name="report_compiler_land_and_year",
            )
        ]

    def __str__(self) -> str:
        return f"Erfolgskontrolle der {self.conference.number}. IntMK"

    def get_absolute_url(self) -> str:
        return reverse("erfolgskontrolle:report-draft", args=[self.conference.number])


class ResolutionComment(models.Model):
    """The secretariat's comment on one resolution in the report ("" once taken back)."""

    report = models.ForeignKey(
        Report, verbose_name="Erfolgskontrolle", on_delete=models.CASCADE, related_name="comments"
    )
    resolution = models.ForeignKey(Resolution, verbose_name="Beschluss", on_delete=models.CASCADE)
    text = models.TextField("Kommentar", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "resolution__sort_key"]
        verbose_name = "Kommentar zu einem Beschluss"
        verbose_name_plural = "Kommentare zu Beschlüssen"
        constraints = [
            models.UniqueConstraint(fields=["report", "resolution"], name="one_comment_per_top")
        ]

    def __str__(self) -> str:
        return f"Kommentar zu TOP {self.resolution.top}"


class EditionQuerySet(models.QuerySet["Edition"]):
    def visible_to(self, p: Principal) -> Self:
        """All editions for any role; only published ones for everyone else (anonymous too)."""
        if p.has_role:
            return self
        return self.filter(publication__isnull=False)

    def for_list(self) -> Self:
        """Newest first, without the stored data (large, not shown in lists)."""
        return self.defer("data").order_by("-number")

    def for_index(self, p: Principal) -> list[tuple[Conference, list["Edition"]]]:
        """The index of the Erfolgskontrolle: the conferences, newest first, each with the
        editions `p` may see. Without a role only the conferences that have a published
        edition, with those editions only."""
        editions = self.visible_to(p).select_related("conference", "publication").for_list()
        by_conference: dict[int, list[Edition]] = {}
        for edition in editions:
            by_conference.setdefault(edition.conference_id, []).append(edition)
        conferences = Conference.objects.select_related("chair").order_by("-number")
        if not p.has_role:
            conferences = conferences.filter(pk__in=list(by_conference))
        return [(c, by_conference.get(c.pk, [])) for c in conferences]


class Edition(models.Model):
    """The report's data as of `frozen_at`; the database refuses UPDATE and DELETE (migration
    0003). A corrected edition is a new number that lists what differs from the one before."""

    conference = models.ForeignKey(
        Conference, verbose_name="Konferenz", on_delete=models.PROTECT, related_name="editions"
    )
    number = models.PositiveSmallIntegerField("Ausgabe")
    data = models.JSONField("Inhalt")  # erfolgskontrolle.report.schema.ReportData
    frozen_at = models.DateTimeField("Festgeschrieben am")
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Festgeschrieben von",
        on_delete=models.PROTECT,
        related_name="+",
    )
    differences = models.JSONField("Unterschiede zur vorigen Ausgabe", default=list, blank=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "-number"]
        verbose_name = "Ausgabe der Erfolgskontrolle"
        verbose_name_plural = "Ausgaben der Erfolgskontrolle"
        constraints = [
            models.UniqueConstraint(fields=["conference", "number"], name="unique_edition_number")
        ]

    def __str__(self) -> str:
        return f"Erfolgskontrolle der {self.conference.number}. IntMK, Ausgabe {self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "erfolgskontrolle:edition-detail", args=[self.conference.number, self.number]
        )


class FileFormat(models.TextChoices):
    HTML = "html", "HTML"
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    XLSX = "xlsx", "Excel (XLSX)"
    CSV = "csv", "CSV"


class EditionFile(models.Model):
    """One rendered file of an edition, with its SHA-256; as immutable as the edition."""

    edition = models.ForeignKey(
        Edition, verbose_name="Ausgabe", on_delete=models.PROTECT, related_name="files"
    )
    format = models.CharField("Format", max_length=4, choices=FileFormat.choices)
    content = models.BinaryField("Inhalt")
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveIntegerField("Größe in Bytes")

    class Meta:
        ordering = ["edition", "format"]
        verbose_name = "Datei einer Ausgabe"
        verbose_name_plural = "Dateien einer Ausgabe"
        constraints = [
            models.UniqueConstraint(fields=["edition", "format"], name="one_file_per_format")
        ]

    def __str__(self) -> str:
        return f"{self.edition} ({self.format})"


class Publication(models.Model):
    """That an edition is public: a row of its own, so the edition never changes (trigger)."""

    edition = models.OneToOneField(
        Edition, verbose_name="Ausgabe", on_delete=models.PROTECT, related_name="publication"
    )
    published_at = models.DateTimeField("Veröffentlicht am")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Veröffentlicht von",
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-published_at"]
        verbose_name = "Veröffentlichung"
        verbose_name_plural = "Veröffentlichungen"

    def __str__(self) -> str:
        return f"{self.edition} veröffentlicht"
