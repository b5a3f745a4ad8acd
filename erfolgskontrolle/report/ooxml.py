"""Byte-stable Office files: the same report data gives the same DOCX and XLSX bytes.

python-docx and openpyxl stamp the zip entries with the current time and openpyxl writes "now"
as the workbook's modification time. Rewriting the archive with the report's own time ("Stand")
makes a rendering reproducible, so that a file can be checked against an edition's SHA-256.
"""

import datetime
import io
import re
import zipfile
from typing import Any, TypeVar

T = TypeVar("T")
# What XML 1.0 cannot hold; a text pasted from Word can carry such characters (\x0b, \x0c).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_CORE = "docProps/core.xml"
_CORE_TIMES = re.compile(
    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)"
)


def as_of_utc(as_of: str) -> datetime.datetime:
    """The report's "Stand" as a naive UTC time (what the Office core properties store)."""
    moment = datetime.datetime.fromisoformat(as_of)
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return moment


def stable_zip(blob: bytes, *, as_of: str) -> bytes:
    """The archive with every entry dated `as_of` and the core properties' created/modified
    times set to it; the order and content of the entries stay as they are."""
    moment = as_of_utc(as_of)
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    date_time = (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, 0)
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(blob)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == _CORE:
                content = _CORE_TIMES.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return output.getvalue()


def xml_safe(data: T) -> T:
    """A copy of the report's data without characters that an Office file cannot store."""
    value: Any = data
    if isinstance(value, str):
        return _NOT_XML.sub("", value)  # type: ignore[return-value]
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}  # type: ignore[return-value]
    if isinstance(value, list):
        return [xml_safe(item) for item in value]  # type: ignore[return-value]
    return data
