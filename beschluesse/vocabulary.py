"""The fixed vocabularies of the register: votes, kinds of clause and demand, levels."""

from django.db import models


class Vote(models.TextChoices):
    UNANIMOUS = "einstimmig", "einstimmig"
    MAJORITY = "mehrheitlich", "mehrheitlich"


class Kind(models.TextChoices):
    """Kinds of clause and demand (shared/DOMAIN.md, "Kinds of clause")."""

    FORDERUNG = "forderung", "Forderung"
    PRUEFBITTE = "pruefbitte", "Prüfbitte"
    BITTE = "bitte", "Bitte / Appell"
    EMPFEHLUNG = "empfehlung", "Empfehlung"
    AUFTRAG = "auftrag", "Auftrag"
    SELBSTVERPFLICHTUNG = "selbstverpflichtung", "Selbstverpflichtung"
    BEGRUESSUNG = "begruessung", "Begrüßung"
    FESTSTELLUNG = "feststellung", "Feststellung"
    KENNTNISNAHME = "kenntnisnahme", "Kenntnisnahme"
    SONSTIGES = "sonstiges", "Sonstiges"


# Kinds that are followed up in the Erfolgskontrolle; the others only note, welcome or state.
FOLLOWED_UP_KINDS = frozenset(
    {
        Kind.FORDERUNG,
        Kind.PRUEFBITTE,
        Kind.BITTE,
        Kind.EMPFEHLUNG,
        Kind.AUFTRAG,
        Kind.SELBSTVERPFLICHTUNG,
    }
)


class Level(models.TextChoices):
    BUND = "bund", "Bund"
    LAND = "land", "Länder"
    KOMMUNE = "kommune", "Kommunen"
    OTHER = "other", "Sonstige"
