"""The secretariat's texts of a report: the preface and one comment per resolution.

Two people may edit at once. Each text carries a fingerprint of what the form showed
(`stand_<field>`); a text that someone else changed meanwhile is not overwritten but shown
again with the newer version, and saved only when the user submits once more, as the entry
form does with newer entries.
"""

import hashlib
from typing import Any

from django import forms

from beschluesse.models import Conference, Resolution
from erfolgskontrolle.models import Report, ResolutionComment

MAX_TEXT = 20_000


class ReportTextsForm(forms.Form):
    preface = forms.CharField(
        label="Vorbemerkung",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Steht vor der Zusammenfassung; Absätze durch eine Leerzeile trennen.",
    )

    def __init__(self, *args: Any, resolutions: list[Resolution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.resolutions = resolutions
        self.untouched: set[str] = set()  # shown and sent back unchanged: not the user's edit
        for resolution in resolutions:
            self.fields[self.comment_field(resolution)] = forms.CharField(
                label=f"Anmerkung zu TOP {resolution.top}: {resolution.title}",
                required=False,
                max_length=MAX_TEXT,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    @classmethod
    def for_conference(cls, conference: Conference, data: Any = None) -> "ReportTextsForm":
        """The form with the stored texts; resolutions with demands, in agenda order."""
        resolutions = list(
            Resolution.objects.filter(conference=conference, clauses__demands__isnull=False)
            .distinct()
            .order_by("sort_key", "top")
        )
        report = Report.objects.filter(conference=conference).first()
        comments = dict(
            ResolutionComment.objects.filter(report=report).values_list("resolution_id", "text")
        )
        initial = {"preface": report.preface if report else ""} | {
            cls.comment_field(r): comments.get(r.pk, "") for r in resolutions
        }
        return cls(data, initial=initial, resolutions=resolutions)

    def changed_texts(self) -> set[str]:
        """The fields the user changed and that differ from the stored text (valid forms)."""
        return set(self.changed_data) - self.untouched

    def changed_preface(self) -> str | None:
        return self.cleaned_data["preface"] if "preface" in self.changed_texts() else None

    def changed_comments(self) -> dict[Resolution, str]:
        """The comments that differ from the stored ones (valid forms only)."""
        changed = self.changed_texts()
        return {
            resolution: self.cleaned_data[self.comment_field(resolution)]
            for resolution in self.resolutions
            if self.comment_field(resolution) in changed
        }

    @staticmethod
    def comment_field(resolution: Resolution) -> str:
        return f"anmerkung_{resolution.pk}"

    def comment_fields(self) -> list[forms.BoundField]:
        return [self[self.comment_field(resolution)] for resolution in self.resolutions]

    @staticmethod
    def fingerprint(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def seen(self) -> dict[str, str]:
        """Per field, the fingerprint of the stored text the page shows (hidden `stand_…`):
        after a conflict the newer text, so that saving again is the user's decision."""
        return {name: self.fingerprint(str(self.initial.get(name, ""))) for name in self.fields}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # Windows line ends from the browser would count as a change against the stored text.
        cleaned = {key: value.replace("\r\n", "\n").strip() for key, value in cleaned.items()}
        self.untouched = set()
        for name, value in cleaned.items():
            stored = str(self.initial.get(name, ""))
            posted = self.data.get(f"stand_{name}")
            if posted and self.fingerprint(value) == posted:
                self.untouched.add(name)  # as shown: keep whatever is stored now
                continue
            # Without a fingerprint (a client other than this form) there is nothing to compare.
            if posted and value != stored and posted != self.fingerprint(stored):
                self.add_error(
                    name,
                    f"Inzwischen hat jemand diesen Text geändert; er lautet jetzt: „{stored}“. "
                    f"Ihr Text wurde nicht gespeichert. Übernehmen Sie, was davon bleiben soll, "
                    f"und speichern Sie erneut."
                    if stored
                    else "Inzwischen hat jemand diesen Text gelöscht. Ihr Text wurde nicht "
                    "gespeichert; speichern Sie erneut, um ihn zu behalten.",
                )
        return cleaned
