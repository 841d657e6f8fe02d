"""Reading a user's file with bounded work: size, zip containers, rows and cells checked before the work is done.

Every file a user gives (an upload of values, a list of codes, a slide template) is untrusted. The limits here are
the only ones the code enforces, and the page and the command line state them from these same constants:

* :data:`MAX_BYTES`: the file itself (50 MB, as Streamlit's uploader counts: MB = 1024 * 1024 bytes);
* :data:`MAX_UNPACKED_BYTES` and :data:`MAX_MEMBERS`: what a zip container (``.xlsx``, ``.pptx``) may expand to and
  how many members it may hold, read from its directory before any member is decompressed (a "zip bomb" of a few
  MB can expand to gigabytes);
* :data:`MAX_ROWS`: data rows (or codes in a list), counted while reading and stopped at the first row over the
  limit, so a file of millions of rows is refused after reading one row more than the limit, never in full.

Reading a workbook streams its first sheet (openpyxl read-only mode) and stops at the limit; the sheet's stated
dimension refuses an oversized sheet before any row is read. A CSV is parsed for at most one row over the limit.
"""

from __future__ import annotations

import io
import math
import posixpath
import re
import struct
import zipfile
import zlib

import pandas as pd

#: Files larger than this (50 MB, counted as Streamlit does: MB = 1024 * 1024 bytes) are refused before they are read.
#: ``.streamlit/config.toml`` sets ``server.maxUploadSize = 50`` so the page's uploader states and enforces the same
#: limit ("50MB per file"); tests/domain/test_uploads.py checks the two agree.
MAX_BYTES = 50 * 1024 * 1024
#: Data rows above this are refused, and so are lists of more codes (an ICB has about 1,000 LSOAs; England 34,000).
MAX_ROWS = 100_000
#: A zip container (.xlsx, .pptx) whose members add up to more than this uncompressed (100 MB) is refused unopened.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
#: A zip container with more members than this is refused unopened (a workbook has about 10, a template 50-300).
MAX_MEMBERS = 1_000

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary Office formats (.xls, .ppt)
_END_OF_DIRECTORY = b"PK\x05\x06"
_EMPTY = "The file is empty: it needs a header row (e.g. code,value) and one row per area."


class UploadError(ValueError):
    """The uploaded file cannot be used; the message says exactly why (shown to the user as it is)."""


def limits_sentence() -> str:
    """The limits in words, for the page and ``--help`` (from the constants the code enforces)."""
    return (
        f"{MAX_BYTES // 1024 // 1024} MB or smaller, at most {MAX_ROWS:,} rows (or codes); an Excel file may "
        f"expand to at most {MAX_UNPACKED_BYTES // 1024 // 1024} MB and {MAX_MEMBERS:,} parts"
    )


def _megabytes(size: int) -> str:
    """Rounded up, so a size just over a limit never reads as the limit itself."""
    return f"{math.ceil(size / 1024 / 1024 * 10) / 10:,.1f} MB"


def check_size(size: int) -> None:
    """Refuse a file larger than :data:`MAX_BYTES` (before it is read).

    Raises
    ------
    UploadError
        For a file over the limit (a file of exactly 50 MB passes).
    """
    if size > MAX_BYTES:
        raise UploadError(
            f"The file is {_megabytes(size)}; files must be {MAX_BYTES // 1024 // 1024} MB or smaller. "
            "Upload one geography and the columns you need only."
        )


def _declared_members(data: bytes) -> int | None:
    """The member count a zip file's end-of-directory record states, read without parsing the directory."""
    position = data.rfind(_END_OF_DIRECTORY, max(0, len(data) - 65_557))
    if position < 0 or position + 12 > len(data):
        return None
    return struct.unpack("<H", data[position + 10 : position + 12])[0]


def check_zip(data: bytes, what: str, max_unpacked: int = MAX_UNPACKED_BYTES, max_members: int = MAX_MEMBERS) -> None:
    """Refuse a zip container whose members are too many or would expand too far, before any member is read.

    The member count comes from the end-of-directory record first (so a directory of millions of entries is never
    parsed), then the sizes from the directory (``zipfile.ZipFile.infolist``); Python's zip reader never returns
    more than a member's stated size, so the stated sizes bound what reading it can cost.

    Raises
    ------
    UploadError
        For a file that is not a zip container, or one over either limit (exactly at a limit passes).
    """
    declared = _declared_members(data)
    if declared is not None and declared > max_members:  # 0xFFFF (a zip64 count) lands here too
        raise UploadError(
            f"The {what} holds {declared:,} parts; at most {max_members:,} are read. Save it again "
            "from the application, without embedded files."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, struct.error):
        raise UploadError(
            f"The {what} cannot be read: it is not a complete Office file (a zip container). Save it "
            "again from the application and upload it again."
        ) from None
    if len(members) > max_members:
        raise UploadError(
            f"The {what} holds {len(members):,} parts; at most {max_members:,} are read. Save it again "
            "from the application, without embedded files."
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > max_unpacked:
        raise UploadError(
            f"The {what} expands to {_megabytes(unpacked)} when unpacked; at most "
            f"{max_unpacked // 1024 // 1024} MB is read. Remove large pictures or embedded files, or "
            "upload only the data you need."
        )


def _text_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))  # Excel stores 25 as 25.0 in some writers: read it as "25", as typed
    return str(value)


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_DIMENSION = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?dimension\s+ref="[A-Z]{1,3}\d+(?::[A-Z]{1,3}(\d+))?"')
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _first_sheet_part(archive: zipfile.ZipFile) -> str | None:
    """The zip member of a workbook's first sheet, from its relationships (None if they cannot be followed)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root_rels = etree.fromstring(archive.read("_rels/.rels"), parser)
        book = next(r.get("Target", "") for r in root_rels if r.get("Type") == _OFFICE_DOCUMENT).lstrip("/")
        folder, file = posixpath.split(book)
        sheets = etree.fromstring(archive.read(book), parser)
        first = next(el for el in sheets.iter() if isinstance(el.tag, str) and etree.QName(el).localname == "sheet")
        rels = etree.fromstring(archive.read(posixpath.join(folder, "_rels", file + ".rels")), parser)
        target = next(r.get("Target", "") for r in rels if r.get("Id") == first.get(_R_ID))
    except (KeyError, StopIteration, etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError):
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))


def _count_rows(data: bytes) -> None:
    """Refuse a workbook whose first sheet has more than :data:`MAX_ROWS` data rows, before any cell is parsed.

    The sheet's stated range is read from its start; the rows are then counted in the raw XML, a megabyte at a time,
    stopping at the first row over the limit (a fast byte scan: a 3-million-row sheet is refused in a second).
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        part = _first_sheet_part(archive)
        if part is None or part not in archive.namelist():
            return  # openpyxl then says the workbook cannot be read
        rows, tail, start = 0, b"", True
        with archive.open(part) as sheet:
            while chunk := sheet.read(1 << 20):
                window = tail + chunk
                if start:
                    stated = _DIMENSION.search(window[:65_536])
                    if stated and stated.group(1) and int(stated.group(1)) - 1 > MAX_ROWS:
                        raise UploadError(
                            f"The first sheet has {int(stated.group(1)) - 1:,} rows; at most {MAX_ROWS:,} can be read."
                        )
                    start = False
                # a tag that ends in the new chunk is new (one wholly in the previous tail was counted already)
                rows += sum(1 for match in _ROW_TAG.finditer(window) if match.end() > len(tail))
                if rows > MAX_ROWS + 1:  # the header and one row over the limit
                    raise UploadError(
                        f"The first sheet has more than {MAX_ROWS:,} rows; at most {MAX_ROWS:,} can be read."
                    )
                tail = window[-64:]


def _read_xlsx(data: bytes) -> pd.DataFrame:
    check_zip(data, "Excel file")
    try:
        _count_rows(data)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError):
        raise UploadError(
            "The Excel file could not be read: save it as .xlsx (Excel 2007 or later) with the data on "
            "the first sheet, or as CSV UTF-8."
        ) from None
    import openpyxl  # only for workbooks that passed the checks above

    unreadable = (
        "The Excel file could not be read: save it as .xlsx (Excel 2007 or later) with the data on the first "
        "sheet, or as CSV UTF-8."
    )
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many types for a damaged workbook: one plain message
        raise UploadError(unreadable) from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise UploadError(unreadable)
        rows: list[tuple] = []
        try:
            for row in sheet.iter_rows(values_only=True):
                rows.append(row)
                if len(rows) > MAX_ROWS + 1:  # the header and one row over the limit: stop reading here
                    raise UploadError(
                        f"The first sheet has more than {MAX_ROWS:,} rows; at most {MAX_ROWS:,} can be read."
                    )
        except UploadError:
            raise
        except Exception:  # noqa: BLE001 - a damaged sheet part: the same plain message
            raise UploadError(unreadable) from None
    finally:
        book.close()
    rows = [row for row in rows if any(cell is not None and str(cell).strip() for cell in row)]
    if not rows:
        raise UploadError(_EMPTY)
    width = max(len(row) for row in rows)
    header = [_text_cell(cell) for cell in rows[0]] + [""] * (width - len(rows[0]))
    header = [name if name.strip() else f"Unnamed: {i}" for i, name in enumerate(header)]
    body = [[_text_cell(cell) for cell in row] + [""] * (width - len(row)) for row in rows[1:]]
    return pd.DataFrame(body, columns=header, dtype=str)


def _csv_text(data: bytes) -> str:
    if data.startswith(_ZIP_MAGIC):
        raise UploadError(
            "The file is an Excel workbook (or another zip file) with a .csv name: rename it to .xlsx, "
            "or in Excel use 'Save as: CSV UTF-8', then upload again."
        )
    if data.startswith(_OLE_MAGIC):
        raise UploadError(
            "The file is an old Excel workbook (.xls) with a .csv name: in Excel use 'Save as: CSV "
            "UTF-8' (or .xlsx), then upload again."
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UploadError(
            "The file is UTF-16 text (Excel's 'Unicode Text'): in Excel use 'Save as: CSV UTF-8', then upload again."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UploadError(
            f"The file is not UTF-8 text (byte {error.start + 1} cannot be read; UTF-16 or an "
            "older Windows encoding?). In Excel use 'Save as: CSV UTF-8', then upload again."
        ) from None
    if "\x00" in text:
        raise UploadError(
            "The file is not UTF-8 text (it contains NUL characters: UTF-16 or a binary file?). "
            "In Excel use 'Save as: CSV UTF-8', then upload again."
        )
    if "\n" in text:  # lines end in LF or CRLF: a lone CR is a line break typed inside a cell, not a new row
        text = re.sub(r"\r(?!\n)", " ", text)
    return text


def _read_csv(data: bytes) -> pd.DataFrame:
    text = _csv_text(data)
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True, nrows=MAX_ROWS + 1
        )
    except pd.errors.EmptyDataError:
        raise UploadError(_EMPTY) from None
    except pd.errors.ParserError as error:
        raise UploadError(f"The file is not a well-formed CSV ({str(error).strip().splitlines()[-1]}).") from None
    if len(frame) > MAX_ROWS:
        raise UploadError(f"The file has more than {MAX_ROWS:,} rows; at most {MAX_ROWS:,} can be read.")
    return frame


def read_upload(data: bytes, filename: str) -> pd.DataFrame:
    """Read an uploaded CSV or Excel file into a table of text cells, with bounded work.

    Raises
    ------
    UploadError
        For a file larger than 50 MB, an empty file, a file that is not UTF-8 text (or is a workbook with a .csv
        name), an unreadable workbook, a workbook that would expand past 100 MB or holds more than 1,000 parts, a
        file type other than .csv/.xlsx, or more than 100,000 rows.
    """
    check_size(len(data))
    if not data.strip():
        raise UploadError(_EMPTY)
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix in ("xlsx", "xlsm"):
        frame = _read_xlsx(data)
    elif suffix in ("csv", "txt", ""):
        frame = _read_csv(data)
    else:
        raise UploadError(f"Files of type '.{suffix}' cannot be read: upload a .csv (UTF-8) or .xlsx file.")
    if frame.empty:
        raise UploadError("The file has a header row but no data rows.")
    frame.columns = [" ".join(str(c).split()) for c in frame.columns]
    return frame
