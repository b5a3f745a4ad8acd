"""Placeholder: the DOCX renderer is written on another branch and replaces this module."""

from erfolgskontrolle.report.schema import ReportData


def render_docx(data: ReportData) -> bytes:
    raise NotImplementedError("Der Word-Export folgt.")
