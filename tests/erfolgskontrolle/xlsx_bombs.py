"""Small XLSX files that cost a naive reader minutes and gigabytes (issue 10): millions of
shared strings, or one cell far right (column XFD) on thousands of rows."""

import io
import zipfile

import openpyxl

from erfolgskontrolle.exchange import HEADERS


def _valid_xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(HEADERS))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _replace(data: bytes, replacements: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        names = source.namelist()
        for name in names:
            target.writestr(name, replacements.get(name, source.read(name)))
        for name, content in replacements.items():
            if name not in names:
                target.writestr(name, content)
    return out.getvalue()


def shared_strings_bomb(count: int = 2_000_000) -> bytes:
    """A header row and `count` one-letter shared strings."""
    strings = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" '
        b'uniqueCount="%d">' % (count, count) + b"<si><t>a</t></si>" * count + b"</sst>"
    )
    data = _valid_xlsx()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read("[Content_Types].xml")
        rels = source.read("xl/_rels/workbook.xml.rels")
    if b"sharedStrings" not in types:
        types = types.replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
    if b"sharedStrings" not in rels:
        rels = rels.replace(
            b"</Relationships>",
            b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
    return _replace(
        data,
        {
            "xl/sharedStrings.xml": strings,
            "[Content_Types].xml": types,
            "xl/_rels/workbook.xml.rels": rels,
        },
    )


def far_column(rows: int = 5000, cells_per_row: int = 1) -> bytes:
    """A header row, then `rows` rows with `cells_per_row` cells ending in column XFD."""
    cells = b"".join(b'<c t="inlineStr"><is><t>x</t></is></c>' for _ in range(cells_per_row - 1))
    body = b"".join(
        b'<row r="%d">%s<c r="XFD%d" t="inlineStr"><is><t>x</t></is></c></row>' % (n, cells, n)
        for n in range(2, rows + 2)
    )
    header = b"".join(
        b'<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (bytes([65 + i]), h.encode("utf-8"))
        for i, h in enumerate(HEADERS)
    )
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1">' + header + b"</row>" + body + b"</sheetData></worksheet>"
    )
    return _replace(_valid_xlsx(), {"xl/worksheets/sheet1.xml": sheet})
