"""Reading an uploaded file into text lines (or our JSON export), whatever its format.

The format is detected from the content, never from the file name: administrators rename
files, and browsers send whatever name the file had. The text we return looks like the seed
(a PDF converted to text): one printed line per line, the margin line number in front
("17 text"), a blank line between paragraphs, the lead applicant wrapped as ``<u>Land</u>``.

This module holds only the dispatcher ``read_document``; each format has its own module:
``plain`` (text and our JSON export), ``pdf`` (PDFium via ``pdf_words``: margin line
numbers, running headers, footnotes, underlines) and ``docx`` (python-docx: paragraphs,
tables, list numbers).
"""

from dataclasses import dataclass
from typing import Any, Literal

from beschluesse.importer.errors import NiederschriftError
from beschluesse.importer.readers.docx import docx_text
from beschluesse.importer.readers.pdf import pdf_text
from beschluesse.importer.readers.plain import decode_text, exchange_json, is_json_array

DocumentKind = Literal["text", "pdf", "docx", "json"]

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Word .doc, Excel .xls


@dataclass(frozen=True)
class Document:
    """What a file turned out to be: text lines for the parser, or an exchange document."""

    kind: DocumentKind
    text: str | None = None
    json: dict[str, Any] | None = None


def read_document(data: bytes) -> Document:
    """Detect the format of ``data`` and return its text (or JSON); raise NiederschriftError."""
    if not data.strip():
        raise NiederschriftError("Die Datei ist leer.")
    head = data.lstrip()[:8]
    if head.startswith(b"%PDF-"):
        return Document(kind="pdf", text=pdf_text(data))
    if head.startswith(_ZIP_MAGIC):
        return Document(kind="docx", text=docx_text(data))
    if head.startswith(_OLE_MAGIC):
        raise NiederschriftError(
            "Die Datei ist ein altes Office-Dokument (.doc). Bitte in Word als DOCX oder PDF "
            "speichern und erneut hochladen."
        )
    text = decode_text(data)
    if text.lstrip().startswith("{") or is_json_array(text):
        return Document(kind="json", json=exchange_json(text))
    return Document(kind="text", text=text.replace("\r\n", "\n").replace("\r", "\n"))
