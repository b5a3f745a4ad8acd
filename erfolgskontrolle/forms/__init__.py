"""All forms of the follow-up, one module per area, importable from here."""

from erfolgskontrolle.forms.entries import (
    BulkEntryForm,
    EntryFieldsForm,
    EntryForm,
    correction_initial,
)
from erfolgskontrolle.forms.fields import (
    CountedTextField,
    DateInput,
    EvidenceUrlField,
    too_long_message,
)
from erfolgskontrolle.forms.report import ReportTextsForm
from erfolgskontrolle.forms.rounds import RoundOpenForm, example_deadline, proposed_title
from erfolgskontrolle.forms.tables import (
    Confirmation,
    ConfirmForm,
    UploadForm,
    confirmation_summary,
    sign_conflicts,
    summary,
)

__all__ = [
    "BulkEntryForm",
    "ConfirmForm",
    "Confirmation",
    "CountedTextField",
    "DateInput",
    "EntryFieldsForm",
    "EntryForm",
    "EvidenceUrlField",
    "ReportTextsForm",
    "RoundOpenForm",
    "UploadForm",
    "confirmation_summary",
    "correction_initial",
    "example_deadline",
    "proposed_title",
    "sign_conflicts",
    "summary",
    "too_long_message",
]
