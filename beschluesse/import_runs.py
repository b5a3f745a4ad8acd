"""The record of every import that changed the register (re-exported by `models`)."""

from django.db import models

from beschluesse.models import Conference


class ImportRun(models.Model):
    """An import that changed the register: who ran it, when, from which file, what was before."""

    conference = models.ForeignKey(
        Conference, verbose_name="Konferenz", on_delete=models.CASCADE, related_name="import_runs"
    )
    performed_at = models.DateTimeField("Zeitpunkt")
    performed_by = models.CharField("Ausgeführt von", max_length=150)
    source_name = models.CharField("Quelldokument", max_length=255, blank=True)
    source_sha256 = models.CharField("Prüfsumme der Quelle", max_length=64, blank=True)
    report = models.TextField("Importbericht")
    # The conference in the exchange format before this import; null when it was new.
    previous = models.JSONField("Stand vorher", null=True, blank=True)

    class Meta:
        ordering = ["-performed_at"]
        verbose_name = "Importlauf"
        verbose_name_plural = "Importläufe"

    def __str__(self) -> str:
        return f"Import {self.conference} am {self.performed_at:%d.%m.%Y %H:%M}"
