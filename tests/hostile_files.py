"""Hostile and careless files, built in memory at test time (no big file is committed or written to disk).

A "zip bomb" here is a small zip whose members are highly compressible (zeros): a member's stated size is what the
checks read, so a bomb just over the 100 MB unpacked limit is enough to prove the refusal, and it is made in about
half a second. ``benchmarks/bench_hostile.py`` builds multi-gigabyte ones (8 GB by default).
"""

from __future__ import annotations

import functools
import io
import zipfile

from lsc_phm.domain import upload_files

_XLSX_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    b'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_XLSX_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def _cell(value: str) -> bytes:
    from xml.sax.saxutils import escape

    return b'<c t="inlineStr"><is><t xml:space="preserve">' + escape(value).encode() + b"</t></is></c>"


def xlsx(
    rows: list[list[str]],
    dimension: str | None = "auto",
    body: bytes | None = None,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """A minimal .xlsx (one sheet of inline strings), written by hand so that millions of rows take a second.

    ``dimension`` is the sheet's stated range ("auto": from ``rows``; None: none written); ``body`` replaces the
    rows' XML (for millions of identical rows); ``extra`` adds members (e.g. a bomb).
    """
    if dimension == "auto":
        dimension = f"A1:{chr(64 + max(len(r) for r in rows))}{len(rows)}"
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + (f'<dimension ref="{dimension}"/>'.encode() if dimension else b"")
        + b"<sheetData>"
        + (body if body is not None else b"".join(b"<row>" + b"".join(_cell(v) for v in r) + b"</row>" for r in rows))
        + b"</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _XLSX_TYPES)
        archive.writestr("_rels/.rels", _XLSX_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def with_zeros(container: bytes, name: str, size: int) -> bytes:
    """``container`` with one more member of ``size`` zero bytes (compressed about 1000 to 1)."""
    buffer = io.BytesIO(container)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open(name, "w", force_zip64=size > 2**31) as member:
            chunk = bytes(1 << 20)
            for _ in range(size >> 20):
                member.write(chunk)
            member.write(bytes(size & ((1 << 20) - 1)))
    return buffer.getvalue()


def with_members(container: bytes, count: int) -> bytes:
    """``container`` with ``count`` more empty members."""
    buffer = io.BytesIO(container)
    with zipfile.ZipFile(buffer, "a") as archive:
        for i in range(count):
            archive.writestr(f"docProps/x{i}.xml", b"")
    return buffer.getvalue()


@functools.cache
def xlsx_bomb() -> bytes:
    """A valid workbook with one member of zeros one byte past the unpacked limit (about 100 KB on disk)."""
    good = xlsx([["code", "value"], ["E01012571", "1"]])
    return with_zeros(good, "xl/media/zeros.bin", upload_files.MAX_UNPACKED_BYTES + 1)


@functools.cache
def three_million_rows(dimension: bool = True) -> bytes:
    """A 3,000,000-row workbook (about 0.4 MB on disk, 78 MB unpacked: under the unpacked limit, so the row limit is
    what refuses it). With ``dimension`` False it states no range, so the rows must be counted while streaming."""
    rows = 3_000_000
    body = b'<row><c t="inlineStr"><is><t>code</t></is></c></row>' + b"<row><c><v>1</v></c></row>" * (rows - 1)
    return xlsx([["code"]], dimension=f"A1:A{rows}" if dimension else None, body=body)
