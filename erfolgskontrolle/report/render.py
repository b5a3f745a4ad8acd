"""Render the report's data (`schema.ReportData`) in each format; renderers never read the
database, so a frozen edition renders the same whatever happens to the log afterwards.

HTML and PDF are rendered here from one template (the PDF by WeasyPrint, tagged PDF/UA-1, with
bookmarks from the h1/h2 headings, a contents list with page numbers and "Seite x von y"); DOCX,
XLSX and CSV in `render_docx` and `render_tables`, imported only when asked for.
"""

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from erfolgskontrolle.report.schema import ReportData

FORMATS = ("html", "pdf", "docx", "xlsx", "csv")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
STATIC = Path(settings.BASE_DIR) / "static"
STYLE_ELEMENT = re.compile(rb"<style>(.*?)</style>", re.DOTALL)


def body_context(data: ReportData | dict[str, Any], **extra: Any) -> dict[str, Any]:
    """What `erfolgskontrolle/report/_body.html` needs: the data and its three breakdowns."""
    summary = data["summary"]
    return {
        "r": data,
        "breakdowns": [
            ("Nach Adressat", summary["by_addressee"], "Adressat"),
            ("Nach Themenbereich", summary["by_group"], "Themenbereich"),
            ("Nach federführendem Land", summary["by_lead"], "Land"),
        ],
        **extra,
    }


def _css(name: str) -> str:
    return (STATIC / "css" / name).read_text(encoding="utf-8")


def render_html(data: ReportData, *, pdf: bool = False) -> str:
    """A standalone page: styles inline, nothing fetched from anywhere."""
    extra: dict[str, Any] = {"css": mark_safe(_css("report.css")), "pdf": pdf}
    if pdf:
        # System fonts: KERN's Fira Sans comes as WOFF2, which costs WeasyPrint seconds per PDF.
        extra["pdf_css"] = mark_safe(_css("report-pdf.css"))
    return render_to_string("erfolgskontrolle/report/standalone.html", body_context(data, **extra))


def html_file_policy(content: bytes) -> str:
    """The Content-Security-Policy of a rendered HTML file: its own <style> elements (by
    SHA-256) and its inline SVG, nothing fetched, no script."""
    styles = [
        "'sha256-" + base64.b64encode(hashlib.sha256(style).digest()).decode("ascii") + "'"
        for style in STYLE_ELEMENT.findall(content)
    ]
    return "; ".join(
        [
            "default-src 'none'",
            "style-src " + (" ".join(styles) or "'none'"),
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


def render_pdf(data: ReportData) -> bytes:
    import weasyprint  # slow to import; only the PDF needs it

    document = weasyprint.HTML(string=render_html(data, pdf=True), base_url=STATIC.as_uri())
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    return pdf


def render(data: ReportData, fmt: str) -> bytes:
    """The report in one of FORMATS; ValueError for any other."""
    if fmt == "html":
        return render_html(data).encode("utf-8")
    if fmt == "pdf":
        return render_pdf(data)
    if fmt == "docx":
        from erfolgskontrolle.report.render_docx import render_docx

        return render_docx(data)
    if fmt == "xlsx":
        from erfolgskontrolle.report.render_tables import render_xlsx

        return render_xlsx(data)
    if fmt == "csv":
        from erfolgskontrolle.report.render_tables import render_csv

        return render_csv(data)
    raise ValueError(f"Unbekanntes Format: {fmt}")
