"""Placeholder: the XLSX and CSV renderers are written on another branch and replace this
module."""

from erfolgskontrolle.report.schema import ReportData


def render_xlsx(data: ReportData) -> bytes:
    raise NotImplementedError("Der Excel-Export folgt.")


def render_csv(data: ReportData) -> bytes:
    raise NotImplementedError("Der CSV-Export folgt.")
