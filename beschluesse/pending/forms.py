"""The forms of the upload and of the corrections in its preview (German messages)."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from beschluesse import correction_fields as fields
from beschluesse.models import Resolution
from beschluesse.pending.corrections import DemandFacts, ResolutionFacts
from intmk.laender import LAENDER

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # as the table upload; nginx lets 10 MB through


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
    title = fields.title_field()
    applicants = forms.MultipleChoiceField(
        label="Antragsteller",
        choices=LAENDER,
        required=False,
        error_messages={"invalid_choice": "Bitte nur Länder aus der Liste ankreuzen."},
    )
    lead = forms.ChoiceField(
        label="Federführend",
        choices=[("", "kein Land"), *LAENDER],
        required=False,
        error_messages={"invalid_choice": "Bitte ein Land aus der Liste wählen."},
    )
    vote = fields.vote_field()
    consent_list = fields.consent_list_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not Resolution.lead_fits(data.get("lead") or None, data.get("applicants", [])):
            self.add_error("lead", fields.LEAD_MESSAGE)
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
    kind = fields.clause_kind_field()


class DemandForm(_Versioned):
    kind = fields.demand_kind_field()
    addressee = fields.addressee_field()
    level = fields.level_field()

    def facts(self) -> DemandFacts:
        d = self.cleaned_data
        return DemandFacts(
            kind=d["kind"], addressee=" ".join(d["addressee"].split()), level=d["level"]
        )


class DemandAddForm(DemandForm):
    wording = fields.wording_field()

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
