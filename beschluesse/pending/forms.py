"""The forms of the upload and of the corrections in its preview (German messages)."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from beschluesse.models import FOLLOWED_UP_KINDS, Demand, Kind, Level, Resolution, Vote
from beschluesse.pending.corrections import DemandFacts, ResolutionFacts
from intmk.laender import LAENDER

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # as the table upload; nginx lets 10 MB through
VOTES = [("", "keine Abstimmung"), *Vote.choices]
DEMAND_KINDS = [(value, label) for value, label in Kind.choices if value in FOLLOWED_UP_KINDS]
ADDRESSEE_MAX = Demand._meta.get_field("addressee").max_length or 120


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Niederschrift",
        help_text="PDF mit Textebene, Word (DOCX), Text oder ein JSON-Export des Registers, "
        "höchstens 5 MB.",
        error_messages={
            "required": "Bitte eine Datei auswählen.",
            "empty": "Die Datei ist leer.",
            "invalid": "Es kam keine Datei an. Bitte wählen Sie die Datei erneut aus.",
            "missing": "Es kam keine Datei an. Bitte wählen Sie die Datei erneut aus.",
        },
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_UPLOAD_BYTES:
            raise ValidationError("Die Datei ist größer als 5 MB.")
        return upload


class _Versioned(forms.Form):
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": "Das Formular ist unvollständig; bitte neu laden."},
    )


class ResolutionForm(_Versioned):
    title = forms.CharField(
        label="Titel", error_messages={"required": "Bitte einen Titel angeben."}
    )
    applicants = forms.MultipleChoiceField(
        label="Antragsteller",
        choices=LAENDER,
        required=False,
        error_messages={"invalid_choice": "Bitte nur Länder aus der Liste wählen."},
    )
    lead = forms.ChoiceField(
        label="Federführend",
        choices=[("", "kein Land"), *LAENDER],
        required=False,
        error_messages={"invalid_choice": "Bitte ein Land aus der Liste wählen."},
    )
    vote = forms.ChoiceField(
        label="Abstimmung",
        choices=VOTES,
        required=False,
        error_messages={"invalid_choice": "Bitte einstimmig, mehrheitlich oder keine wählen."},
    )
    consent_list = forms.BooleanField(label="Grüne Liste", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not Resolution.lead_fits(data.get("lead") or None, data.get("applicants", [])):
            self.add_error("lead", "Das federführende Land muss einer der Antragsteller sein.")
        return data

    def facts(self) -> ResolutionFacts:
        d = self.cleaned_data
        return ResolutionFacts(
            title=" ".join(d["title"].split()),
            applicants=list(d["applicants"]),
            lead=d["lead"] or None,
            vote=d["vote"] or None,
            consent_list=d["consent_list"],
        )


class ClauseForm(_Versioned):
    kind = forms.ChoiceField(
        label="Art der Ziffer",
        choices=Kind.choices,
        error_messages={
            "required": "Bitte eine Art wählen.",
            "invalid_choice": "Bitte eine Art aus der Liste wählen.",
        },
    )


class DemandForm(_Versioned):
    kind = forms.ChoiceField(
        label="Art",
        choices=DEMAND_KINDS,
        error_messages={
            "required": "Bitte eine Art wählen.",
            "invalid_choice": "Forderungen sind Forderung, Prüfbitte, Bitte/Appell, "
            "Empfehlung, Auftrag oder Selbstverpflichtung.",
        },
    )
    addressee = forms.CharField(
        label="Adressat",
        max_length=ADDRESSEE_MAX,
        error_messages={
            "required": "Bitte den Adressaten angeben, z. B. Bund oder BAMF.",
            "max_length": f"Der Adressat darf höchstens {ADDRESSEE_MAX} Zeichen haben.",
        },
    )
    level = forms.ChoiceField(
        label="Ebene",
        choices=Level.choices,
        error_messages={
            "required": "Bitte die Ebene wählen.",
            "invalid_choice": "Bitte eine Ebene aus der Liste wählen.",
        },
    )

    def facts(self) -> DemandFacts:
        d = self.cleaned_data
        return DemandFacts(
            kind=d["kind"], addressee=" ".join(d["addressee"].split()), level=d["level"]
        )


class DemandAddForm(DemandForm):
    wording = forms.CharField(
        label="Wortlaut",
        widget=forms.Textarea,
        error_messages={"required": "Bitte den Satz angeben, der die Forderung trägt."},
    )

    def wording_text(self) -> str:
        return " ".join(self.cleaned_data["wording"].split())


class VersionForm(_Versioned):
    """Removing a demand: only the version."""


class DecisionForm(_Versioned):
    """A re-import's decisions: delete missing TOPs, keep Sachstände with a new wording."""

    allow_removals = forms.BooleanField(label="Fehlende TOPs entfernen", required=False)
    reassign = forms.CharField(
        label="Forderungs-IDs, die den neuen Wortlaut übernehmen",
        required=False,
    )

    def __init__(self, *args: Any, demand_ids: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.demand_ids = demand_ids  # the demands of the conference in the register

    def clean_reassign(self) -> list[int]:
        words = [w for w in re.split(r"[\s,;]+", self.cleaned_data["reassign"]) if w]
        if not all(w.isdigit() and len(w) < 10 for w in words):
            raise ValidationError(
                "Bitte nur Forderungs-IDs (Zahlen) angeben, getrennt durch Komma oder Leerzeichen."
            )
        ids = sorted({int(w) for w in words})
        unknown = [str(pk) for pk in ids if pk not in self.demand_ids]
        if unknown:
            raise ValidationError(
                f"Diese IDs sind keine Forderungen dieser Konferenz: {', '.join(unknown)}."
            )
        return ids
