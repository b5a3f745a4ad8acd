from collections.abc import Collection, Iterable
from typing import Self

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.text import Truncator
from simple_history.models import HistoricalRecords

from beschluesse import chains
from beschluesse.choices import FOLLOWED_UP_KINDS as FOLLOWED_UP_KINDS
from beschluesse.choices import Kind as Kind
from beschluesse.choices import Level as Level
from beschluesse.choices import Vote as Vote
from beschluesse.topsort import top_sort_key
from intmk.laender import LAENDER
from intmk.models import Land
from intmk.roles import Principal


class ConferenceQuerySet(models.QuerySet["Conference"]):
    def of_secretariat(self, p: Principal) -> Self:
        """The conferences `p` runs as secretariat: chaired by its Land in its year."""
        condition = models.Q(pk__in=[])
        for land_id, year in p.secretariat:
            condition |= models.Q(chair_id=land_id, year=year)
        return self.filter(condition)

    def managed_by(self, p: Principal) -> Self:
        """The conferences `p.manages`: all for admins, its own for the secretariat."""
        return self if p.is_admin else self.of_secretariat(p)


class Conference(models.Model):
    number = models.PositiveSmallIntegerField("Nummer", unique=True)  # 19 for the 19th IntMK
    year = models.PositiveSmallIntegerField("Jahr")
    place = models.CharField("Ort", max_length=100, blank=True)
    first_day = models.DateField("Erster Tag", null=True, blank=True)
    last_day = models.DateField("Letzter Tag", null=True, blank=True)
    chair = models.ForeignKey(
        Land, verbose_name="Vorsitz", on_delete=models.PROTECT, null=True, blank=True
    )
    motto = models.CharField("Motto", max_length=200, blank=True)
    source_name = models.CharField("Quelldokument", max_length=255, blank=True)
    source_sha256 = models.CharField("Prüfsumme der Quelle", max_length=64, blank=True)
    imported_at = models.DateTimeField("Importiert am", null=True, blank=True)
    # What the importer found inconsistent in the source (e.g. applicants that disagree between
    # agenda and resolution page); kept so that the export carries them on.
    warnings = models.JSONField("Warnungen", default=list, blank=True)

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = "Konferenz"
        verbose_name_plural = "Konferenzen"

    def __str__(self) -> str:
        return f"{self.number}. IntMK {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("beschluesse:conference-detail", args=[self.number])


class AgendaItem(models.Model):
    conference = models.ForeignKey(
        Conference, verbose_name="Konferenz", on_delete=models.CASCADE, related_name="agenda_items"
    )
    top = models.CharField("TOP", max_length=20)
    sort_key = models.CharField(max_length=60, editable=False)
    title = models.TextField("Titel")
    group = models.CharField("Gruppe", max_length=300, blank=True)
    applicants = models.ManyToManyField(
        Land, verbose_name="Antragsteller", blank=True, related_name="+"
    )
    lead = models.ForeignKey(
        Land,
        verbose_name="Federführend",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    consent_list = models.BooleanField("Grüne Liste", default=False)
    position = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        ordering = ["conference", "position", "sort_key", "top"]
        verbose_name = "Tagesordnungspunkt"
        verbose_name_plural = "Tagesordnungspunkte"
        constraints = [
            models.UniqueConstraint(fields=["conference", "top"], name="unique_agenda_top")
        ]

    def __str__(self) -> str:
        return f"TOP {self.top} {self.title}"

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.sort_key = top_sort_key(self.top)
        super().save(*args, **kwargs)

    @property
    def applied_by_all_lands(self) -> bool:
        """Every Land applies ("alle Länder"); reads prefetched applicants."""
        return len(self.applicants.all()) == len(LAENDER)


class ResolutionQuerySet(models.QuerySet["Resolution"]):
    def for_page(self) -> "ResolutionQuerySet":
        return self.select_related(
            "conference", "lead", "rapporteur", "reviewed_by"
        ).prefetch_related("applicants")

    def of_lands(self, land_ids: Iterable[int]) -> "ResolutionQuerySet":
        """Resolutions these Länder lead or apply for; may repeat rows, so use as a subquery."""
        land_ids = list(land_ids)
        return self.filter(models.Q(lead_id__in=land_ids) | models.Q(applicants__in=land_ids))


class Resolution(models.Model):
    conference = models.ForeignKey(
        Conference, verbose_name="Konferenz", on_delete=models.CASCADE, related_name="resolutions"
    )
    agenda_item = models.OneToOneField(
        AgendaItem,
        verbose_name="Tagesordnungspunkt",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolution",
    )
    top = models.CharField("TOP", max_length=20)
    sort_key = models.CharField(max_length=60, editable=False)
    title = models.TextField("Titel")
    vote = models.CharField(
        "Abstimmung", max_length=20, choices=Vote.choices, blank=True
    )  # blank: no vote, e.g. an oral report
    consent_list = models.BooleanField("Grüne Liste", default=False)
    applicants = models.ManyToManyField(
        Land, verbose_name="Antragsteller", blank=True, related_name="+"
    )
    lead = models.ForeignKey(
        Land,
        verbose_name="Federführend",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    rapporteur = models.ForeignKey(
        Land,
        verbose_name="Berichterstatter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    line_count = models.PositiveIntegerField("Zeilen", default=0)
    # Null while the demands are as the importer recognised them ("maschinell erkannt"); set
    # when a curator confirms them, cleared by a re-import that changes clauses or demands.
    reviewed_at = models.DateTimeField("Geprüft am", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Geprüft von",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ResolutionQuerySet.as_manager()
    # Corrections by curators and changes by re-imports: who, when, what before.
    history = HistoricalRecords(m2m_fields=[applicants], excluded_fields=["sort_key"])

    class Meta:
        ordering = ["conference", "sort_key", "top"]
        verbose_name = "Beschluss"
        verbose_name_plural = "Beschlüsse"
        constraints = [
            models.UniqueConstraint(fields=["conference", "top"], name="unique_resolution_top")
        ]

    def __str__(self) -> str:
        return f"{self.conference.number}. IntMK, TOP {self.top}: {self.title}"

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.sort_key = top_sort_key(self.top)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("beschluesse:resolution-detail", args=[self.conference.number, self.top])

    @property
    def applied_by_all_lands(self) -> bool:
        """Every Land applies ("alle Länder"); reads prefetched applicants."""
        return len(self.applicants.all()) == len(LAENDER)

    @staticmethod
    def lead_fits(lead: object, applicants: Collection[object]) -> bool:
        """The one rule for the lead (curation, import preview): one of the applicants; without
        applicants a Land may still lead (the chair for TOP 1.1, the Grüne Liste)."""
        return lead is None or not applicants or lead in applicants


class Clause(models.Model):
    resolution = models.ForeignKey(
        Resolution, verbose_name="Beschluss", on_delete=models.CASCADE, related_name="clauses"
    )
    position = models.PositiveSmallIntegerField("Reihenfolge")
    number = models.CharField("Ziffer", max_length=10, blank=True)  # blank: unnumbered paragraph
    line_from = models.PositiveIntegerField("Zeile von", null=True, blank=True)
    line_to = models.PositiveIntegerField("Zeile bis", null=True, blank=True)
    text = models.TextField("Text")
    kind = models.CharField("Art", max_length=30, choices=Kind.choices, default=Kind.SONSTIGES)
    search_vector = SearchVectorField(null=True, editable=False)
    # The stemmed words of the text, " berufssprachkurs integrationskur … ", for searching
    # parts of German compounds (beschluesse/search.py); recomputed with `search_vector`.
    search_words = models.TextField(default="", editable=False)

    history = HistoricalRecords(excluded_fields=["search_vector", "search_words"])

    class Meta:
        ordering = ["resolution", "position"]
        verbose_name = "Ziffer"
        verbose_name_plural = "Ziffern"
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "position"], name="unique_clause_position"
            ),
            models.UniqueConstraint(
                fields=["resolution", "number"],
                condition=~models.Q(number=""),
                name="unique_clause_number",
            ),
            models.CheckConstraint(
                condition=models.Q(line_from__isnull=True)
                | models.Q(line_to__isnull=True)
                | models.Q(line_from__lte=models.F("line_to")),
                name="clause_lines_ordered",
            ),
        ]
        indexes = [GinIndex(fields=["search_vector"], name="clause_search_idx")]

    def __str__(self) -> str:
        return f"Ziffer {self.number}" if self.number else f"Absatz {self.position + 1}"

    def get_absolute_url(self) -> str:
        return f"{self.resolution.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"ziffer-{self.number}" if self.number else f"absatz-{self.position + 1}"


class DemandQuerySet(models.QuerySet["Demand"]):
    def for_list(self) -> Self:
        return self.select_related(
            "clause__resolution__conference", "clause__resolution__lead"
        ).order_by(
            "-clause__resolution__conference__number",
            "clause__resolution__sort_key",
            "clause__position",
            "position",
        )

    def with_chain(self) -> Self:
        """With the earlier demands each repeats, in the same query (`Demand.chain`)."""
        return chains.with_chain(self)


class Demand(models.Model):
    """What a clause asks of someone; a clause may carry several."""

    clause = models.ForeignKey(
        Clause, verbose_name="Ziffer", on_delete=models.CASCADE, related_name="demands"
    )
    position = models.PositiveSmallIntegerField("Reihenfolge")
    addressee = models.CharField("Adressat", max_length=120)  # as worded: "Bund", "BAMF", …
    level = models.CharField("Ebene", max_length=10, choices=Level.choices)
    kind = models.CharField("Art", max_length=30, choices=Kind.choices)
    wording = models.TextField("Wortlaut")  # the sentence that carries the demand
    # The earlier demand this one repeats ("bekräftigt ihre Forderung …" with a reference to the
    # earlier resolution); set by `services.demand_chains_link` only while empty, so a link a
    # person made is never overwritten. Following it gives the chain ("offen seit der 16. IntMK").
    repeats = models.ForeignKey(
        "Demand",
        verbose_name="Wiederholt die Forderung",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repeated_by",
    )
    # How alike the two wordings were when the link was found (importer/repeats.py); empty when
    # a person set the link.
    repeats_similarity = models.FloatField("Ähnlichkeit zur wiederholten", null=True, blank=True)

    objects = DemandQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["clause", "position"]
        verbose_name = "Forderung"
        verbose_name_plural = "Forderungen"
        constraints = [
            models.UniqueConstraint(fields=["clause", "position"], name="unique_demand_position")
        ]

    def __str__(self) -> str:
        # With the wording: two demands of one clause often read "Forderung an Bund" alike.
        wording = Truncator(self.wording).chars(60)
        return f"{self.get_kind_display()} an {self.addressee}: „{wording}“"

    def get_absolute_url(self) -> str:
        return self.clause.get_absolute_url()

    @property
    def chain(self) -> list[chains.ChainLink]:
        """The earlier demands this one repeats, oldest first; read `with_chain()`."""
        return chains.links_of(getattr(self, "chain_json", None))

    @property
    def fundstelle(self) -> str:
        """Where the demand stands in the minutes: "19. IntMK, TOP 3.3, Ziffer 1"."""
        return self._fundstelle(str(self.clause.resolution.conference.number) + ". IntMK")

    @property
    def fundstelle_with_year(self) -> str:
        """ "19. IntMK 2024, TOP 3.3, Ziffer 1"."""
        return self._fundstelle(str(self.clause.resolution.conference))

    def _fundstelle(self, conference: str) -> str:
        place = f"{conference}, TOP {self.clause.resolution.top}"
        return f"{place}, Ziffer {self.clause.number}" if self.clause.number else place


class DissentNote(models.Model):
    """A "Protokollnotiz <Land>": a Land's dissent or remark, printed after the resolution."""

    resolution = models.ForeignKey(
        Resolution,
        verbose_name="Beschluss",
        on_delete=models.CASCADE,
        related_name="dissent_notes",
    )
    land = models.ForeignKey(Land, verbose_name="Land", on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField("Reihenfolge", default=0)
    line_from = models.PositiveIntegerField("Zeile von", null=True, blank=True)
    line_to = models.PositiveIntegerField("Zeile bis", null=True, blank=True)
    text = models.TextField("Text")

    class Meta:
        ordering = ["resolution", "position"]
        verbose_name = "Protokollnotiz"
        verbose_name_plural = "Protokollnotizen"

    def __str__(self) -> str:
        return f"Protokollnotiz {self.land}"


class Reference(models.Model):
    """A reference to an earlier resolution; linked once that resolution is in the database."""

    resolution = models.ForeignKey(
        Resolution, verbose_name="Beschluss", on_delete=models.CASCADE, related_name="references"
    )
    position = models.PositiveSmallIntegerField("Reihenfolge", default=0)
    conference_number = models.PositiveSmallIntegerField("Konferenz")
    top = models.CharField("TOP", max_length=20)
    clause_number = models.CharField("Ziffer", max_length=10, blank=True)
    target = models.ForeignKey(
        Resolution,
        verbose_name="Verweist auf",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referenced_by",
    )

    class Meta:
        ordering = ["resolution", "position"]
        verbose_name = "Verweis"
        verbose_name_plural = "Verweise"

    def __str__(self) -> str:
        suffix = f" Ziffer {self.clause_number}" if self.clause_number else ""
        return f"Beschluss der {self.conference_number}. IntMK (TOP {self.top}{suffix})"


# Who imported what, when (the ImportRun model); after the Conference it points at.
from beschluesse.import_runs import ImportRun as ImportRun  # noqa: E402
from beschluesse.pending.models import PendingImport as PendingImport  # noqa: E402
