from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """Custom from the start, so that roles and the Land can be added without a swap later."""

    class Meta:
        verbose_name = "Benutzer"
        verbose_name_plural = "Benutzer"


class Land(models.Model):
    # ISO 3166-2 code, e.g. "DE-MV"; the export and the import speak these codes.
    code = models.CharField("Code", max_length=5, unique=True)
    name = models.CharField("Name", max_length=40, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "Land"
        verbose_name_plural = "Länder"

    def __str__(self) -> str:
        return self.name
