"""The secretariat's texts of a report: the preface and one comment per resolution."""

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

    def changed_comments(self) -> dict[Resolution, str]:
        """The comments that differ from the stored ones (valid forms only)."""
        return {
            resolution: self.cleaned_data[self.comment_field(resolution)]
            for resolution in self.resolutions
            if self.comment_field(resolution) in self.changed_data
        }

    @staticmethod
    def comment_field(resolution: Resolution) -> str:
        return f"anmerkung_{resolution.pk}"

    def comment_fields(self) -> list[forms.BoundField]:
        return [self[self.comment_field(resolution)] for resolution in self.resolutions]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # Windows line ends from the browser would count as a change against the stored text.
        return {key: value.replace("\r\n", "\n").strip() for key, value in cleaned.items()}
