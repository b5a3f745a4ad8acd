"""Uploading a Land's table: the form, the conflicts of a stale file and their confirmation.

Checking the rows: `exchange.py`; reading the file: `tables.py`.

A changed row whose demand got a newer entry after the file was made is not written with the
others. The page lists it with what was entered meanwhile ("Inzwischen hat … eingetragen") and
a box per row; only the rows the user ticks are written, as the web form saves only after the
user has seen the newer entries. The rows travel in the confirmation form, signed by the server
so that they cannot be changed on the way, and are checked again when confirmed: if yet another
entry came in meanwhile, the row is shown again instead of written.
"""

import datetime
from dataclasses import dataclass
from typing import Any, TypedDict, cast

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.http import QueryDict

from beschluesse.models import Demand
from erfolgskontrolle import state
from erfolgskontrolle.exchange import CheckedTable, Conflict, check_table
from erfolgskontrolle.models import Implementation, Stance
from erfolgskontrolle.services import EntryDraft, Link
from erfolgskontrolle.tables import MAX_UPLOAD_BYTES, ExchangeError, read_table
from intmk.models import Land

MAX_LISTED_ERRORS = 200
_SALT = "erfolgskontrolle.tabelle.konflikte"
CONFIRMATION_MAX_AGE = 24 * 60 * 60  # seconds; then the table is uploaded again


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Tabelle (XLSX oder CSV)",
        help_text="Excel-Arbeitsmappe (.xlsx) oder CSV-Datei (Semikolon oder Komma, UTF-8 oder "
        "Windows-1252), höchstens 5 MB, erste Zeile unverändert wie heruntergeladen.",
        error_messages={
            "required": "Bitte eine Datei auswählen.",
            "empty": "Die Datei ist leer.",
            "invalid": "Es kam keine Datei an. Bitte wählen Sie die Datei erneut aus.",
            "missing": "Es kam keine Datei an. Bitte wählen Sie die Datei erneut aus.",
        },
    )

    def __init__(self, *args: Any, land: Land, demands: QuerySet[Demand], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.land = land
        self.demands = demands
        self.checked = CheckedTable()

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_UPLOAD_BYTES:
            raise ValidationError(
                "Die Datei ist größer als 5 MB. Bitte nur die Zeilen mit Sachständen hochladen "
                "oder die Tabelle teilen."
            )
        try:
            self.checked = check_table(
                read_table(upload.read()), land=self.land, demands=self.demands
            )
        except ExchangeError as exc:  # a message of several lines lists one point a line
            lines = [line.strip().removeprefix("- ") for line in str(exc).splitlines()]
            raise ValidationError(lines) from exc
        errors = self.checked.errors
        if len(errors) > MAX_LISTED_ERRORS:
            rest = len(errors) - MAX_LISTED_ERRORS
            errors = [*errors[:MAX_LISTED_ERRORS], f"… und {rest} weitere Fehler."]
        if errors:
            raise ValidationError(errors)
        return upload


def summary(checked: CheckedTable, written: int) -> str:
    """ "12 Sachstände übernommen, 40 unverändert, 1 Zeile wegen neuerer Einträge nicht." """
    parts = [
        "1 Sachstand übernommen" if written == 1 else f"{written} Sachstände übernommen",
        f"{checked.unchanged} unverändert",
    ]
    if checked.without_entry:
        parts.append(f"{checked.without_entry} Zeilen ohne Sachstand übergangen")
    if checked.conflicts:
        count = len(checked.conflicts)
        rows = "1 Zeile" if count == 1 else f"{count} Zeilen"
        parts.append(f"{rows} wegen neuerer Einträge noch nicht übernommen (siehe unten)")
    return ", ".join(parts) + "."


def confirmation_summary(confirmation: "Confirmation", written: int) -> str:
    """ "1 Sachstand übernommen, 1 Zeile verworfen." """
    parts = ["1 Sachstand übernommen" if written == 1 else f"{written} Sachstände übernommen"]
    if confirmation.dropped:
        dropped = confirmation.dropped
        parts.append("1 Zeile verworfen" if dropped == 1 else f"{dropped} Zeilen verworfen")
    if confirmation.conflicts:
        count = len(confirmation.conflicts)
        rows = "1 Zeile" if count == 1 else f"{count} Zeilen"
        parts.append(f"{rows} wegen noch neuerer Einträge nicht übernommen (siehe unten)")
    return ", ".join(parts) + "."


# --- confirming conflicts ----------------------------------------------------------------------


class _Row(TypedDict):
    demand: int
    row: int
    seen: int | None
    date: str
    stance: int
    implementation: int
    text: str
    links: list[tuple[str, str]]


def sign_conflicts(conflicts: list[Conflict], *, land: Land, user_id: int) -> str:
    rows: list[_Row] = [
        {
            "demand": c.draft.demand.pk,
            "row": c.row,
            "seen": c.seen_id,
            "date": c.draft.fact_date.isoformat(),
            "stance": c.draft.stance.pk,
            "implementation": c.draft.implementation.pk,
            "text": c.draft.text,
            "links": [(link.label, link.url) for link in c.draft.links],
        }
        for c in conflicts
    ]
    payload = {"land": land.code, "user": user_id, "rows": rows}
    return signing.dumps(payload, salt=_SALT, compress=True)


@dataclass
class Confirmation:
    drafts: list[EntryDraft]  # ticked rows with nothing new since they were shown: write these
    conflicts: list[Conflict]  # rows with entries newer than the user has seen: show again
    dropped: int  # rows the user left unticked


class ConfirmForm(forms.Form):
    """The conflict rows of an upload, signed, and the rows the user ticks to write anyway."""

    zeilen = forms.CharField(widget=forms.HiddenInput)
    uebernehmen = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self, *args: Any, land: Land, user_id: int, demands: QuerySet[Demand], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.land = land
        self.user_id = user_id
        self.demands = demands
        self.confirmation = Confirmation([], [], 0)
        # Any row may be ticked; `clean` keeps only those in the signed rows.
        posted = self.data.getlist("uebernehmen") if isinstance(self.data, QueryDict) else []
        choices = cast(forms.TypedMultipleChoiceField, self.fields["uebernehmen"])
        choices.choices = [(value, value) for value in posted]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "zeilen" not in cleaned:
            raise ValidationError(_RESTART)
        try:
            payload = signing.loads(cleaned["zeilen"], salt=_SALT, max_age=CONFIRMATION_MAX_AGE)
        except signing.SignatureExpired:
            raise ValidationError(
                "Die Bestätigung ist älter als einen Tag. " + _RESTART, code="expired"
            ) from None
        except signing.BadSignature:
            raise ValidationError(_RESTART, code="invalid") from None
        if payload["land"] != self.land.code or payload["user"] != self.user_id:
            raise ValidationError(_RESTART, code="invalid")
        rows: list[_Row] = payload["rows"]
        ticked = set(cleaned.get("uebernehmen", []))
        chosen = [row for row in rows if row["demand"] in ticked]
        drafts = _drafts(chosen, self.demands)
        if len(drafts) != len(chosen):
            raise ValidationError(
                "Forderungen oder Auswahllisten haben sich inzwischen geändert. " + _RESTART
            )
        pairs = list(zip(drafts, chosen, strict=True))
        newer = state.entries_since({draft.demand.pk: row["seen"] for draft, row in pairs})
        confirmation = Confirmation([], [], len(rows) - len(pairs))
        for draft, row in pairs:
            since = newer[draft.demand.pk]
            if since:
                conflict = Conflict(draft=draft, row=row["row"], newer=since, seen_id=since[0].pk)
                confirmation.conflicts.append(conflict)
            else:
                confirmation.drafts.append(draft)
        self.confirmation = confirmation
        return cleaned


_RESTART = "Bitte laden Sie die Tabelle erneut hoch; es wurde nichts gespeichert."


def _drafts(rows: list[_Row], demands: QuerySet[Demand]) -> list[EntryDraft]:
    """The entries the signed rows ask for, leaving out those whose demand or terms can no
    longer be used: three queries."""
    by_id = demands.in_bulk([row["demand"] for row in rows])
    stances = Stance.objects.filter(active=True).in_bulk([row["stance"] for row in rows])
    implementations = Implementation.objects.filter(active=True).in_bulk(
        [row["implementation"] for row in rows]
    )
    drafts = []
    for row in rows:
        demand = by_id.get(row["demand"])
        stance = stances.get(row["stance"])
        implementation = implementations.get(row["implementation"])
        if demand is None or stance is None or implementation is None:
            continue
        drafts.append(
            EntryDraft(
                demand=demand,
                fact_date=datetime.date.fromisoformat(row["date"]),
                stance=stance,
                implementation=implementation,
                text=row["text"],
                links=tuple(Link(label=label, url=url) for label, url in row["links"]),
            )
        )
    return drafts
