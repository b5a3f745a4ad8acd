from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    """Custom from the start; what a user may do comes from their `Role` rows."""

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


class RoleKind(models.TextChoices):
    OFFICIAL = "official", "Landesbeauftragte/r"
    SECRETARIAT = "secretariat", "Geschäftsstelle (Vorsitzland)"
    ADMIN = "admin", "Administration"
    READER = "reader", "Lesezugriff"


class Role(models.Model):
    """One role of a user; a user may hold several.

    - official: records entries in the name of `land`.
    - secretariat: the chairing Land's secretariat of the conference held in `year`
      (`land` is the chairing Land); sees and edits everything of that conference.
    - admin: curates vocabularies, users and rounds everywhere.
    - reader: reads the follow-up, changes nothing (ministries, the Bund's liaison).
    """

    user = models.ForeignKey(
        User, verbose_name="Benutzer", on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField("Rolle", max_length=20, choices=RoleKind.choices)
    land = models.ForeignKey(
        Land, verbose_name="Land", on_delete=models.PROTECT, null=True, blank=True
    )
    year = models.PositiveSmallIntegerField("Konferenzjahr", null=True, blank=True)
    history = HistoricalRecords()  # who granted or withdrew which role, and when

    class Meta:
        ordering = ["user", "kind", "land", "year"]
        verbose_name = "Rolle"
        verbose_name_plural = "Rollen"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "land", "year"],
                nulls_distinct=False,
                name="unique_role",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=RoleKind.OFFICIAL, land__isnull=False, year__isnull=True)
                    | Q(kind=RoleKind.SECRETARIAT, land__isnull=False, year__isnull=False)
                    | Q(
                        kind__in=[RoleKind.ADMIN, RoleKind.READER],
                        land__isnull=True,
                        year__isnull=True,
                    )
                ),
                name="role_land_and_year_fit_kind",
            ),
        ]

    def __str__(self) -> str:
        label = self.get_kind_display()
        if self.kind == RoleKind.SECRETARIAT:
            return f"{label} {self.land} {self.year}"
        return f"{label} {self.land}" if self.land_id else label
