"""The fields a curator corrects, shared by the import preview (`pending/forms.py`, on parsed
minutes) and the curation of a saved resolution (`curation.py`), so that both offer the same
choices and say the same German messages.

The two sets of forms differ only where their data does: the preview names Länder by code (it
edits the exchange format), curation by row; the preview posts one correction at a time with
the version it saw, curation the whole resolution at once.
"""

from django import forms

from beschluesse.models import FOLLOWED_UP_KINDS, Demand, Kind, Level, Vote

ADDRESSEE_MAX = Demand._meta.get_field("addressee").max_length or 120
VOTES = [("", "keine Abstimmung (z. B. mündlicher Bericht)"), *Vote.choices]
# A demand is what gets followed up: a Feststellung or Begrüßung is never one.
DEMAND_KINDS = [(value, label) for value, label in Kind.choices if value in FOLLOWED_UP_KINDS]
LEAD_MESSAGE = "Federführend kann nur ein Land sein, das unter den Antragstellern angekreuzt ist."


def _choose(what: str) -> dict[str, str]:
    return {"required": f"Bitte wählen Sie {what}.", "invalid_choice": f"Bitte wählen Sie {what}."}


def title_field(*, rows: int = 2) -> forms.CharField:
    return forms.CharField(
        label="Titel",
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": "Bitte geben Sie den Titel des Beschlusses an."},
    )


def vote_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Abstimmung",
        choices=VOTES,
        required=False,
        error_messages=_choose("einstimmig, mehrheitlich oder keine Abstimmung"),
    )


def consent_list_field() -> forms.BooleanField:
    return forms.BooleanField(label="Auf der Grünen Liste", required=False)


def clause_kind_field(label: str = "Art der Ziffer") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=Kind.choices, error_messages=_choose("eine Art aus der Liste")
    )


def demand_kind_field(*, initial: str | None = None) -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Art",
        choices=DEMAND_KINDS,
        initial=initial,
        error_messages={
            "required": "Bitte wählen Sie die Art der Forderung.",
            "invalid_choice": "Forderungen sind Forderung, Prüfbitte, Bitte/Appell, "
            "Empfehlung, Auftrag oder Selbstverpflichtung.",
        },
    )


def addressee_field(*, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label="Adressat",
        max_length=ADDRESSEE_MAX,
        required=required,
        error_messages={
            "required": "Bitte nennen Sie den Adressaten, z. B. Bund oder BAMF.",
            "max_length": f"Der Adressat darf höchstens {ADDRESSEE_MAX} Zeichen lang sein.",
        },
    )


def level_field(*, initial: str | None = None) -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Ebene",
        choices=Level.choices,
        initial=initial,
        error_messages=_choose("die Ebene aus der Liste"),
    )


def wording_field(*, required: bool = True, label: str = "Wortlaut") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Der Satz aus der Ziffer, der die Forderung trägt.",
        error_messages={"required": "Bitte geben Sie den Satz an, der die Forderung trägt."},
    )
