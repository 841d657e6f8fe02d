"""Hostile and careless files through the upload checks: each gets one clear sentence, or is read as it should be.

Every limit is tested at, just under and just over it. Bombs and big sheets are built in memory (tests/hostile_files).
The same cases run through the CLI (tests/test_cli_hostile.py) and the Your data page
(tests/pages/test_page_hostile.py).
"""

from __future__ import annotations

import time
import tracemalloc

import pytest

from lsc_phm.domain import upload_aggregation, upload_files, upload_gradient, uploads
from tests import hostile_files as hf

GOOD = "E01012571"  # an LSOA 2021 code of Lancashire and South Cumbria (Blackburn with Darwen 001A)

#: name -> (file name, bytes, the message expected, or None when the file must be read).
HOSTILE: dict[str, tuple[str, bytes, str | None]] = {
    "empty": ("empty.csv", b"", "The file is empty: it needs a header row (e.g. code,value) and one row per area."),
    "blank lines only": (
        "blank.csv",
        b"\n\n  \n",
        "The file is empty: it needs a header row (e.g. code,value) and one row per area.",
    ),
    "header only": ("header.csv", b"code,value\n", "The file has a header row but no data rows."),
    "header-only workbook": (
        "header.xlsx",
        hf.xlsx([["code", "value"]]),
        "The file has a header row but no data rows.",
    ),
    "UTF-16": (
        "utf16.csv",
        f"code,value\n{GOOD},1\n".encode("utf-16"),
        "The file is UTF-16 text (Excel's 'Unicode Text'): in Excel use 'Save as: CSV UTF-8', then upload again.",
    ),
    # é is byte 32: 16 bytes of header line and 15 before it
    "Windows-1252": (
        "ansi.csv",
        f"code,value,name\n{GOOD},1,Caf\xe9\n".encode("cp1252"),
        "The file is not UTF-8 text (byte 32 cannot be read; UTF-16 or an older Windows encoding?). In "
        "Excel use 'Save as: CSV UTF-8', then upload again.",
    ),
    "xlsx renamed .csv": (
        "data.csv",
        hf.xlsx([["code", "value"], [GOOD, "1"]]),
        "The file is an Excel workbook (or another zip file) with a .csv name: rename it to .xlsx, "
        "or in Excel use 'Save as: CSV UTF-8', then upload again.",
    ),
    "xls renamed .csv": (
        "old.csv",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
        "The file is an old Excel workbook (.xls) with a .csv name: in Excel use 'Save as: CSV "
        "UTF-8' (or .xlsx), then upload again.",
    ),
    "text renamed .xlsx": (
        "data.xlsx",
        f"code,value\n{GOOD},1\n".encode(),
        "The Excel file cannot be read: it is not a complete Office file (a zip container). Save "
        "it again from the application and upload it again.",
    ),
    "inf": (
        "inf.csv",
        f"code,value\n{GOOD},inf\n".encode(),
        "Column 'value' has 1 value(s) that are infinite or too large: row 2 'inf'. Numbers must be finite and at "
        "most 1,000,000,000,000,000.",
    ),
    "Infinity and 1e309": (
        "big.csv",
        f"code,numerator,denominator\n{GOOD},1,Infinity\nE01012572,1e309,1e309\n".encode(),
        "Column 'numerator' has 1 value(s) that are infinite or too large: row 3 '1e309'. Numbers "
        "must be finite and at most 10,000,000,000.",
    ),
    "overflowing counts": (
        "overflow.csv",
        f"code,numerator,denominator\n{GOOD},1,9223372036854775807\nE01012572,1,9223372036854775807\n".encode(),
        "Column 'denominator' has 2 value(s) that are infinite or too large: row 2 "
        "'9223372036854775807', row 3 '9223372036854775807'. Numbers must be finite and at most "
        "10,000,000,000.",
    ),
    "NaN": (
        "nan.csv",
        f"code,value\n{GOOD},NaN\n".encode(),
        "Column 'value' has 1 value(s) that are not numbers: row 2 'NaN'. Use plain numbers (e.g. 12.5), or leave "
        "the cell empty for no data.",
    ),
    "-inf": (
        "minf.csv",
        f"code,value\n{GOOD},-inf\n".encode(),
        "Column 'value' has 1 value(s) that are infinite or too large: row 2 '-inf'. Numbers must be finite and "
        "at most 1,000,000,000,000,000.",
    ),
    "duplicate codes": (
        "dup.csv",
        f"code,value\n{GOOD},1\n{GOOD.lower()},2\n".encode(),
        f"1 code(s) appear more than once: {GOOD} (2 rows). Give one row per area.",
    ),
    "zip-bomb workbook": (
        "bomb.xlsx",
        hf.xlsx_bomb(),
        "The Excel file expands to 100.1 MB when unpacked; at most 100 MB is read. Remove large "
        "pictures or embedded files, or upload only the data you need.",
    ),
    "3 million rows": (
        "rows.xlsx",
        hf.three_million_rows(True),
        "The first sheet has 2,999,999 rows; at most 100,000 can be read.",
    ),
    "3 million rows, no stated range": (
        "rows.xlsx",
        hf.three_million_rows(False),
        "The first sheet has more than 100,000 rows; at most 100,000 can be read.",
    ),
    "an executable": (
        "setup.exe",
        b"MZ\x90\x00",
        "Files of type '.exe' cannot be read: upload a .csv (UTF-8) or .xlsx file.",
    ),
    # read as they should be
    "UTF-8 with a BOM": ("bom.csv", f"\ufeffcode,value\n{GOOD},1\n".encode(), None),
    "formula in a name": (
        "formula.csv",
        f'code,value,name\n{GOOD},1,"=HYPERLINK(""http://evil.example"",""x"")"\n'.encode(),
        None,
    ),
    "Markdown in a name": (
        "md.csv",
        f"code,value,name\n{GOOD},1,[Sign in again](https://evil.example/login)\n".encode(),
        None,
    ),
    "CR inside a name": ("cr.csv", f"code,value,name\n{GOOD},1,North\rBurnley\nE01012572,2,x\n".encode(), None),
    "CRLF inside a quoted name": (
        "crlf.csv",
        f'code,value,name\r\n{GOOD},1,"North\r\nBurnley"\r\nE01012572,2,x\r\n'.encode(),
        None,
    ),
    "CR inside a workbook name": ("cr.xlsx", hf.xlsx([["code", "value", "name"], [GOOD, "1", "North\rBurnley"]]), None),
    "whole-England sized counts": (
        "england.csv",
        f"code,numerator,denominator\n{GOOD},56000000,57000000\n".encode(),
        None,
    ),
}


@pytest.fixture(scope="module")
def reference(db, icb2025):
    return uploads.load_reference(db, icb2025)


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_file(reference, case):
    name, data, message = HOSTILE[case]
    if message is None:
        upload = uploads.parse(data, name, reference)
        assert upload.data["value"].map(float).apply(lambda v: v == v and abs(v) < float("inf")).all()
        assert "\r" not in upload.name and "\n" not in upload.name
        return
    with pytest.raises(upload_files.UploadError) as caught:
        uploads.parse(data, name, reference)
    assert str(caught.value) == message


def test_names_are_kept_as_one_line_of_text(reference):
    assert uploads.parse(HOSTILE["CR inside a name"][1], "cr.csv", reference).name == "North Burnley"
    assert uploads.parse(HOSTILE["CR inside a workbook name"][1], "cr.xlsx", reference).name == "North Burnley"
    assert (
        uploads.parse(HOSTILE["Markdown in a name"][1], "md.csv", reference).name
        == "[Sign in again](https://evil.example/login)"
    )  # text as typed; escaped where shown (render/text.py)


def test_whole_england_counts_do_not_overflow(reference):
    upload = uploads.parse(HOSTILE["whole-England sized counts"][1], "england.csv", reference)
    values = upload_aggregation.values(upload)
    # p = 56,000,000 / 57,000,000 = 98.2456%; Wilson half-width about 1.96 * sqrt(p (1 - p) / n) = 0.0034 points:
    # 98.2422 and 98.2490, rounded to 2 decimals
    assert (values["value"].iloc[0], values["lowercl"].iloc[0], values["uppercl"].iloc[0]) == (98.25, 98.24, 98.25)


def test_bombs_and_big_sheets_are_refused_fast_and_small(reference):
    for case in ("zip-bomb workbook", "3 million rows", "3 million rows, no stated range"):
        name, data, _ = HOSTILE[case]
        tracemalloc.start()
        started = time.perf_counter()
        with pytest.raises(upload_files.UploadError):
            upload_files.read_upload(data, name)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert seconds < 2.0, (case, seconds)
        assert peak < 50 * 1024 * 1024, (case, peak)  # the bomb unpacks to 100 MB, the sheets to 78 MB


# ------------------------------------------------------------------------------------------- each limit at its edge
def test_csv_row_limit_at_under_and_over():
    def rows(n: int) -> bytes:
        return b"code,value\n" + b"E01012571,1\n" * n

    assert len(upload_files.read_upload(rows(upload_files.MAX_ROWS - 1), "a.csv")) == 99_999
    assert len(upload_files.read_upload(rows(upload_files.MAX_ROWS), "a.csv")) == 100_000
    with pytest.raises(upload_files.UploadError, match=r"^The file has more than 100,000 rows; at most 100,000"):
        upload_files.read_upload(rows(upload_files.MAX_ROWS + 1), "a.csv")


@pytest.mark.parametrize("stated", [True, False])
def test_workbook_row_limit_at_under_and_over(monkeypatch, stated):
    monkeypatch.setattr(upload_files, "MAX_ROWS", 20)  # the same code path as 100,000, without a 100,000-row file

    def book(n: int) -> bytes:
        return hf.xlsx([["code", "value"]] + [[GOOD, "1"]] * n, dimension="auto" if stated else None)

    assert len(upload_files.read_upload(book(19), "a.xlsx")) == 19
    assert len(upload_files.read_upload(book(20), "a.xlsx")) == 20
    with pytest.raises(upload_files.UploadError, match="The first sheet has (21|more than 20) rows; at most 20 can"):
        upload_files.read_upload(book(21), "a.xlsx")


def test_code_list_limit_at_under_and_over(reference, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ROWS", 2)
    codes = reference.lsoas[reference.lsoas["imd_vintage"] == 2025]["lsoa_code"].head(3).tolist()
    assert uploads.user_area(codes[:1], reference).summary["lsoas"] == 1
    assert uploads.user_area(codes[:2], reference).summary["lsoas"] == 2
    with pytest.raises(upload_files.UploadError, match="^The list has 3 codes; at most 2 can be read.$"):
        uploads.user_area(codes, reference)


def test_unpacked_size_limit_at_under_and_over():
    book = hf.with_zeros(hf.xlsx([["code"], [GOOD]]), "xl/media/zeros.bin", 1000)
    import io
    import zipfile

    total = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(book)).infolist())
    upload_files.check_zip(book, "Excel file", max_unpacked=total + 1)
    upload_files.check_zip(book, "Excel file", max_unpacked=total)
    with pytest.raises(upload_files.UploadError, match="expands to"):
        upload_files.check_zip(book, "Excel file", max_unpacked=total - 1)


def test_member_limit_at_under_and_over():
    book = hf.with_members(hf.xlsx([["code"], [GOOD]]), 5)  # 5 + 5 members
    upload_files.check_zip(book, "Excel file", max_members=11)
    upload_files.check_zip(book, "Excel file", max_members=10)
    with pytest.raises(upload_files.UploadError, match="^The Excel file holds 10 parts; at most 9 are read"):
        upload_files.check_zip(book, "Excel file", max_members=9)
    many = hf.with_members(hf.xlsx([["code"], [GOOD]]), upload_files.MAX_MEMBERS)
    with pytest.raises(upload_files.UploadError, match="holds 1,005 parts; at most 1,000 are read"):
        upload_files.read_upload(many, "many.xlsx")


def test_count_and_value_limits_at_under_and_over(reference):
    for column, limit in (("numerator", uploads.MAX_COUNT), ("value", uploads.MAX_VALUE)):
        header = "code,numerator,denominator" if column == "numerator" else "code,value"
        for number, ok in ((limit - 1, True), (limit, True), (limit * 1.0001, False)):
            cells = f"{number:.0f},{uploads.MAX_COUNT}" if column == "numerator" else f"{number:.0f}"
            data = f"{header}\n{GOOD},{cells}\n".encode()
            if ok:
                assert uploads.parse(data, "a.csv", reference).data["value"].notna().all()
            else:
                with pytest.raises(
                    upload_files.UploadError, match=f"Column '{column}' has 1 value.*infinite or too large"
                ):
                    uploads.parse(data, "a.csv", reference)


def test_degenerate_but_valid_uploads_raise_no_warning(reference):
    """Zero counts, one area and equal values: every table and gradient is made without a NumPy warning (warnings are
    errors in this suite), and what cannot be computed says so."""
    codes = reference.lsoas[reference.lsoas["imd_vintage"] == 2025]["lsoa_code"].head(30).tolist()
    files = {
        "zeros": "code,numerator,denominator\n" + "".join(f"{c},0,100\n" for c in codes),
        "one area": f"code,numerator,denominator\n{codes[0]},5,100\n",
        "equal values": "code,value\n" + "".join(f"{c},7\n" for c in codes),
        "zero counts": "code,value,unit\n" + "".join(f"{c},0,count\n" for c in codes),
    }
    for label, text in files.items():
        upload = uploads.parse(text.encode(), f"{label}.csv", reference)
        upload_aggregation.values(upload)
        if upload.additive:
            upload_aggregation.aggregate(upload, reference, "district")
        for framing in ("national", "local"):
            measures = upload_gradient.gradient(upload, reference, framing, 10).measures
            assert set(measures["measure"]) == {"SII", "RII"}
    one = upload_gradient.gradient(uploads.parse(files["one area"].encode(), "one.csv", reference), reference).measures
    assert one["note"].str.startswith("cannot be calculated: fewer than 5 groups").all()
