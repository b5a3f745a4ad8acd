"""Follow-up of the demands: append-only progress entries and reporting rounds.

Two axes per demand (shared/DOMAIN.md): the addressee's stance and the implementation. Their
names are data that admins extend; the defaults come from a data migration.
"""

import datetime
from typing import ClassVar

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from beschluesse.models import Conference, Demand
from intmk.models import Land

# The longest Sachstand a form or an uploaded table accepts (refused, never cut).
TEXT_MAX_LENGTH = 5000


class Vocabulary(models.Model):
    """A term of a vocabulary. Once an entry uses it, what it says is fixed (here and by a trigger,
    migration 0007): a rename would change what every earlier entry shows. Admins retire it
    (`active`) and add a new one; entries keep showing theirs."""

    name = models.CharField("Bezeichnung", max_length=80, unique=True)
    position = models.PositiveSmallIntegerField("Reihenfolge", default=0)
    # Terms in use cannot be deleted (entries point at them); admins retire them instead.
    active = models.BooleanField(
        "Auswählbar",
        default=True,
        help_text="Abwählen mustert die Bezeichnung aus: Formulare und Tabellen bieten sie nicht "
        "mehr an, vorhandene Sachstände zeigen sie weiter.",
    )
    entry_field: ClassVar[str]  # the ProgressEntry field that points here
    fixed_in_use: ClassVar[tuple[str, ...]] = ("name",)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        before = type(self)._default_manager.filter(pk=self.pk).values(*self.fixed_in_use).first()
        if before is None:  # a new term
            return
        changed = [f for f in self.fixed_in_use if before[f] != getattr(self, f)]
        if changed and ProgressEntry.objects.filter(**{self.entry_field: self.pk}).exists():
            message = (
                f"„{before['name']}“ steht schon in Sachständen und bleibt, wie es ist "
                "(sonst zeigten frühere Einträge etwas anderes, als erfasst wurde). Bitte "
                "„Auswählbar“ abwählen und eine neue Bezeichnung anlegen."
            )
            raise ValidationError(dict.fromkeys(changed, message))


class Stance(Vocabulary):
    """The addressee's stance: "zugestimmt", "in Prüfung", …"""

    entry_field = "stance"
    history = HistoricalRecords()

    class Meta(Vocabulary.Meta):
        verbose_name = "Haltung des Adressaten"
        verbose_name_plural = "Haltungen des Adressaten"


class Category(models.TextChoices):
    """How the report summarises an implementation state, in the shares of DOMAIN.md."""

    NOT_BEGUN = "not_begun", "nicht begonnen"
    BEGUN = "begun", "begonnen"
    PARTLY_DONE = "partly_done", "teilweise umgesetzt"
    DONE = "done", "umgesetzt"
    NOT_DONE = "not_done", "nicht umgesetzt"
    OBSOLETE = "obsolete", "erledigt/überholt"


class Implementation(Vocabulary):
    """The implementation state: "offen", "in Umsetzung", "umgesetzt", …"""

    category = models.CharField("Kategorie im Bericht", max_length=20, choices=Category.choices)
    entry_field = "implementation"
    fixed_in_use = ("name", "category")  # the category decides the report's shares
    history = HistoricalRecords()

    class Meta(Vocabulary.Meta):
        verbose_name = "Umsetzungsstand"
        verbose_name_plural = "Umsetzungsstände"


class Source(models.TextChoices):
    FORM = "form", "Formular"
    BULK = "bulk", "Sammelerfassung"
    UPLOAD = "upload", "Tabellen-Upload"


class ProgressEntryQuerySet(models.QuerySet["ProgressEntry"]):
    def for_display(self) -> "ProgressEntryQuerySet":
        return self.select_related(
            "land", "author", "stance", "implementation", "corrects__land"
        ).prefetch_related("links")

    def newest_first(self) -> "ProgressEntryQuerySet":
        return self.order_by("-created_at", "-id")


class ProgressEntry(models.Model):
    """One dated statement of a Land about a demand. Never edited, never deleted.

    A correction is a new entry that names the entry it corrects. The database refuses UPDATE and
    DELETE on this table (trigger in migration 0002), so not even the admin site can change one.
    """

    demand = models.ForeignKey(
        Demand, verbose_name="Forderung", on_delete=models.PROTECT, related_name="progress_entries"
    )
    land = models.ForeignKey(Land, verbose_name="Land", on_delete=models.PROTECT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="Erfasst von", on_delete=models.PROTECT
    )
    # True when someone recorded in the name of a Land that is not their own (the secretariat).
    on_behalf = models.BooleanField("Im Auftrag erfasst", default=False)
    fact_date = models.DateField("Stand vom")
    stance = models.ForeignKey(Stance, verbose_name="Haltung", on_delete=models.PROTECT)
    implementation = models.ForeignKey(
        Implementation, verbose_name="Umsetzung", on_delete=models.PROTECT
    )
    text = models.TextField("Sachstand")
    corrects = models.ForeignKey(
        "self",
        verbose_name="Korrigiert Eintrag",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    source = models.CharField("Erfasst über", max_length=10, choices=Source.choices)
    created_at = models.DateTimeField("Erfasst am", auto_now_add=True, db_index=True)

    objects = ProgressEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "Sachstand"
        verbose_name_plural = "Sachstände"
        indexes = [
            models.Index(fields=["demand", "land", "-created_at", "-id"], name="entry_demand_land"),
            models.Index(fields=["demand", "-created_at", "-id"], name="entry_demand"),
            models.Index(fields=["land", "-created_at"], name="entry_land"),
            # The demand list's search in Sachstände (follow_up.search_entries).
            GinIndex(SearchVector("text", config="german"), name="entry_text_search"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(corrects=models.F("id")), name="entry_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.land}: {self.implementation} ({self.fact_date:%d.%m.%Y})"

    def get_absolute_url(self) -> str:
        return (
            reverse("erfolgskontrolle:demand-detail", args=[self.demand_id]) + f"#eintrag-{self.pk}"
        )


class EvidenceLink(models.Model):
    """A source for an entry: law gazette, Bundestag printed paper, press release."""

    entry = models.ForeignKey(
        ProgressEntry, verbose_name="Sachstand", on_delete=models.PROTECT, related_name="links"
    )
    position = models.PositiveSmallIntegerField("Reihenfolge")
    url = models.URLField(
        "Adresse", max_length=500, validators=[URLValidator(schemes=["http", "https"])]
    )
    label = models.CharField("Bezeichnung", max_length=200)

    class Meta:
        ordering = ["entry", "position"]
        verbose_name = "Beleg"
        verbose_name_plural = "Belege"
        constraints = [
            models.UniqueConstraint(fields=["entry", "position"], name="unique_link_position"),
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="link_http_only",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class ReportingRoundQuerySet(models.QuerySet["ReportingRound"]):
    def open(self) -> "ReportingRoundQuerySet":
        return self.filter(closed_at__isnull=True)

    def for_list(self) -> "ReportingRoundQuerySet":
        return self.select_related("conference", "opened_by", "closed_by")


class ReportingRound(models.Model):
    """The secretariat asks Länder to report on demands of a conference by a deadline."""

    conference = models.ForeignKey(
        Conference,
        verbose_name="Konferenz",
        on_delete=models.PROTECT,
        related_name="reporting_rounds",
    )
    title = models.CharField("Bezeichnung", max_length=200)
    deadline = models.DateField("Frist")
    demands = models.ManyToManyField(Demand, verbose_name="Forderungen", related_name="rounds")
    lands = models.ManyToManyField(Land, verbose_name="Berichtende Länder", related_name="rounds")
    opened_at = models.DateTimeField("Eröffnet am", auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Eröffnet von",
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField("Geschlossen am", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Geschlossen von",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ReportingRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = "Berichtsrunde"
        verbose_name_plural = "Berichtsrunden"
        constraints = [
            models.UniqueConstraint(
                fields=["conference"],
                condition=Q(closed_at__isnull=True),
                name="one_open_round_per_conference",
                violation_error_message="Für diese Konferenz läuft bereits eine Berichtsrunde.",
            ),
            # The title names the round in lists and mail subjects: two alike would be confused.
            models.UniqueConstraint(
                "conference",
                Lower("title"),
                name="unique_round_title_per_conference",
                violation_error_message="Diese Konferenz hat bereits eine Berichtsrunde mit "
                "dieser Bezeichnung.",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True, closed_by__isnull=True)
                | Q(closed_at__isnull=False, closed_by__isnull=False),
                name="round_closed_with_who",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("erfolgskontrolle:round-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def reference_day(self, today: datetime.date | None = None) -> datetime.date:
        """The day the round is judged on: today while it is open, the closing day afterwards."""
        if self.closed_at is not None:
            return timezone.localdate(self.closed_at)
        return today or timezone.localdate()

    def deadline_passed(self, today: datetime.date | None = None) -> bool:
        """The deadline day itself is still on time; it has passed from the day after."""
        return self.reference_day(today) > self.deadline


class ReminderKind(models.TextChoices):
    OPENED = "opened", "Eröffnung der Runde"
    BEFORE = "before", "vor Fristablauf"
    OVERDUE = "overdue", "überfällig"
    MANUAL = "manual", "von der Geschäftsstelle gesendet"


class Reminder(models.Model):
    """A mail about a round that went out (the opening notice, a reminder); makes sending
    idempotent and leaves a log."""

    round = models.ForeignKey(
        ReportingRound, verbose_name="Berichtsrunde", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="Empfänger", on_delete=models.CASCADE
    )
    land = models.ForeignKey(Land, verbose_name="Land", on_delete=models.PROTECT)
    kind = models.CharField("Art", max_length=10, choices=ReminderKind.choices)
    sent_on = models.DateField("Gesendet am")
    open_items = models.PositiveIntegerField("Offene Forderungen")
    sent_at = models.DateTimeField("Gesendet um", auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = "Erinnerung"
        verbose_name_plural = "Erinnerungen"
        constraints = [
            models.UniqueConstraint(
                fields=["round", "user", "land", "kind", "sent_on"], name="one_reminder_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} an {self.user} ({self.sent_on:%d.%m.%Y})"


# The report's models live in their own module; imported here so that Django registers them.
from erfolgskontrolle.report.models import (  # noqa: E402
    Edition as Edition,
)
from erfolgskontrolle.report.models import (  # noqa: E402
    EditionFile as EditionFile,
)
from erfolgskontrolle.report.models import (  # noqa: E402
    FileFormat as FileFormat,
)
from erfolgskontrolle.report.models import (  # noqa: E402
    Publication as Publication,
)
from erfolgskontrolle.report.models import (  # noqa: E402
    Report as Report,
)
from erfolgskontrolle.report.models import (  # noqa: E402
    ResolutionComment as ResolutionComment,
)

# The follow-up's reads of demands (the proxy TrackedDemand); after the models they read.
from erfolgskontrolle.tracked import (  # noqa: E402
    TrackedDemand as TrackedDemand,
)
