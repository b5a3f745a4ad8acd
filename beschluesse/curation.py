"""The forms of a curator's correction of one resolution (`/konferenzen/N/top/T/bearbeiten/`).

Plain Django forms, one per row with a prefix (`ziffer-<id>`, `forderung-<id>`, `neu-<id>`),
bundled by `CurationForm`, which also offers the error list to `_error_summary.html` and
turns the valid data into a `services.ResolutionCorrection`.
"""

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.forms import BoundField
from django.http import QueryDict

from beschluesse import correction_fields as fields
from beschluesse.models import Clause, Demand, Kind, Level, Resolution
from beschluesse.services import DemandCorrection, NewDemand, ResolutionCorrection
from intmk.models import Land


class ResolutionForm(forms.Form):
    title = fields.title_field(rows=3)
    applicants = forms.ModelMultipleChoiceField(
        label="Antragsteller",
        queryset=Land.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Bitte nur Länder aus der Liste ankreuzen.",
            "invalid_pk_value": "Bitte nur Länder aus der Liste ankreuzen.",
        },
    )
    lead = forms.ModelChoiceField(
        label="Federführend",
        queryset=Land.objects.all(),
        required=False,
        empty_label="keine Federführung",
        error_messages={"invalid_choice": "Bitte ein Land aus der Liste wählen."},
    )
    vote = fields.vote_field()
    consent_list = fields.consent_list_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not Resolution.lead_fits(data.get("lead"), set(data.get("applicants") or ())):
            self.add_error("lead", fields.LEAD_MESSAGE)
        return data


class ClauseForm(forms.Form):
    kind = fields.clause_kind_field("Art")


class DemandForm(forms.Form):
    kind = fields.demand_kind_field()
    addressee = fields.addressee_field()
    level = fields.level_field()
    remove = forms.BooleanField(label="Diese Forderung entfernen", required=False)


class NewDemandForm(forms.Form):
    """A demand the importer missed; left empty, nothing is added."""

    wording = fields.wording_field(required=False, label="Wortlaut der neuen Forderung")
    kind = fields.demand_kind_field(initial=Kind.FORDERUNG)
    addressee = fields.addressee_field(required=False)
    level = fields.level_field(initial=Level.BUND)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("wording") and not data.get("addressee"):
            self.add_error("addressee", "Bitte nennen Sie den Adressaten der neuen Forderung.")
        if data.get("addressee") and not data.get("wording"):
            self.add_error("wording", "Bitte geben Sie den Wortlaut der neuen Forderung an.")
        return data


@dataclass
class DemandRow:
    demand: Demand
    form: DemandForm


@dataclass
class ClauseRow:
    clause: Clause
    form: ClauseForm
    new: NewDemandForm
    demands: list[DemandRow] = field(default_factory=list)


class CurationForm:
    """All forms of one resolution's edit page; `resolution` must have its clauses and their
    demands prefetched."""

    def __init__(self, resolution: Resolution, data: QueryDict | None = None) -> None:
        self.resolution = resolution
        self.refused: list[str] = []  # what the service refused, e.g. a demand with Sachstände
        self.main = ResolutionForm(
            data,
            initial={
                "title": resolution.title,
                "applicants": list(resolution.applicants.all()),
                "lead": resolution.lead,
                "vote": resolution.vote,
                "consent_list": resolution.consent_list,
            },
        )
        self.clauses = []
        for clause in resolution.clauses.all():
            row = ClauseRow(
                clause,
                ClauseForm(data, prefix=f"ziffer-{clause.pk}", initial={"kind": clause.kind}),
                NewDemandForm(data, prefix=f"neu-{clause.pk}"),
            )
            _label(row.form, str(clause))
            _label(row.new, f"{clause}, neue Forderung")
            for demand in clause.demands.all():
                initial = {"kind": demand.kind, "addressee": demand.addressee}
                form = DemandForm(
                    data,
                    prefix=f"forderung-{demand.pk}",
                    initial={**initial, "level": demand.level},
                )
                _label(form, f"{clause}, Forderung an {demand.addressee}")
                row.demands.append(DemandRow(demand, form))
            self.clauses.append(row)

    @property
    def stand(self) -> str:
        """A fingerprint of what the page shows of the resolution as it is now. The page sends
        it back; when it differs, someone changed the resolution meanwhile (two curators, or an
        import) and saving the page would silently undo that."""
        shown = [self.main.initial] + [
            (row.clause.pk, row.form.initial, [(d.demand.pk, d.form.initial) for d in row.demands])
            for row in self.clauses
        ]
        return hashlib.sha256(repr(shown).encode()).hexdigest()[:16]

    def all_forms(self) -> list[forms.Form]:
        result: list[forms.Form] = [self.main]
        for row in self.clauses:
            result += [row.form, *(d.form for d in row.demands), row.new]
        return result

    def is_valid(self) -> bool:
        valid = [form.is_valid() for form in self.all_forms()]  # each form, for its errors
        return all(valid)

    def correction(self) -> ResolutionCorrection:
        main = self.main.cleaned_data
        demands = {}
        removed = set()
        new = []
        for row in self.clauses:
            for d in row.demands:
                data = d.form.cleaned_data
                demands[d.demand.pk] = DemandCorrection(
                    kind=data["kind"], addressee=data["addressee"].strip(), level=data["level"]
                )
                if data["remove"]:
                    removed.add(d.demand.pk)
            if (wording := row.new.cleaned_data["wording"].strip()) != "":
                new.append(
                    NewDemand(
                        clause_id=row.clause.pk,
                        kind=row.new.cleaned_data["kind"],
                        addressee=row.new.cleaned_data["addressee"].strip(),
                        level=row.new.cleaned_data["level"],
                        wording=wording,
                    )
                )
        return ResolutionCorrection(
            title=main["title"].strip(),
            applicants=frozenset(main["applicants"]),
            lead=main["lead"],
            vote=main["vote"],
            consent_list=main["consent_list"],
            clause_kinds={row.clause.pk: row.form.cleaned_data["kind"] for row in self.clauses},
            demands=demands,
            removed_demand_ids=frozenset(removed),
            new_demands=new,
        )

    # What `_error_summary.html` reads of a form.

    @property
    def errors(self) -> bool:
        return bool(self.refused) or any(form.errors for form in self.all_forms())

    def non_field_errors(self) -> list[str]:
        return self.refused + [str(e) for f in self.all_forms() for e in f.non_field_errors()]

    def hidden_fields(self) -> list[BoundField]:
        return []

    def visible_fields(self) -> list[BoundField]:
        return [bound for form in self.all_forms() for bound in form.visible_fields()]


def _label(form: forms.Form, place: str) -> None:
    """Name the place in each label, so that the error list says which Ziffer is meant."""
    for name, form_field in form.fields.items():
        form.fields[name].label = f"{place}: {form_field.label}"
