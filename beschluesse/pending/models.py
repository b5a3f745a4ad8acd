"""A parsed upload waiting for its uploader's confirmation: never visible to anyone else."""

import datetime
from typing import Any, Self

from django.db import models
from django.urls import reverse
from django.utils import timezone

from beschluesse.importer.exchange import Minutes

# After a day an upload is stale: the register may have changed, and the file is at hand.
MAX_AGE = datetime.timedelta(days=1)


class PendingImportQuerySet(models.QuerySet["PendingImport"]):
    def current(self) -> Self:
        return self.filter(created_at__gte=timezone.now() - MAX_AGE)

    def expired(self) -> Self:
        return self.filter(created_at__lt=timezone.now() - MAX_AGE)

    def owned_by(self, user: Any) -> Self:
        return self.filter(owner_id=user.pk)


class PendingImport(models.Model):
    owner = models.ForeignKey(
        "intmk.User",  # as a string: importing settings here cost mypy the types of M2M links
        verbose_name="Hochgeladen von",
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField("Hochgeladen am", auto_now_add=True)
    source_name = models.CharField("Dateiname", max_length=255)
    source_sha256 = models.CharField("Prüfsumme", max_length=64)
    source_kind = models.CharField("Format", max_length=10)  # text, pdf, docx, json
    # What the reader made of the file (text for the parser, or the JSON as uploaded), shown
    # beside the preview.
    source_text = models.TextField("Quelltext")
    data = models.JSONField("Austauschformat")  # the parsed conference, corrections applied
    # [{"wer": "verwaltung", "wann": "2026-…", "was": "TOP 3.3: Titel", "vorher": …,
    #   "nachher": …}], oldest first; stored with the import for attribution.
    corrections = models.JSONField("Korrekturen", default=list, blank=True)
    # The curator's decisions for a re-import that the import refuses without them: delete TOPs
    # missing from the file, and demands (ids) with Sachstände that take the new wording.
    allow_removals = models.BooleanField("Fehlende TOPs entfernen", default=False)
    reassign = models.JSONField("Neuem Wortlaut zugeordnete Forderungen", default=list, blank=True)

    objects = PendingImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "Import in Vorbereitung"
        verbose_name_plural = "Importe in Vorbereitung"

    def __str__(self) -> str:
        return f"{self.source_name} ({self.created_at:%d.%m.%Y %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("beschluesse:import-preview", args=[self.pk])

    @property
    def conference_number(self) -> int:
        return int(self.data["konferenz"]["nummer"])

    def minutes(self) -> Minutes:
        """The stored exchange document, read and checked (it is JSON only in the database)."""
        return Minutes.from_json(self.data)

    @property
    def version(self) -> int:
        """Changes with every correction; forms carry it, so a form from an older state of the
        preview (a second tab) cannot correct the wrong row after rows moved."""
        return len(self.corrections)
