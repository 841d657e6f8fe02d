"""Spreadsheet-safe CSV exports (lsc_phm.render.exports): formula-like text neutralised, numbers untouched."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from lsc_phm.render import exports


@pytest.mark.parametrize("text", ["=1+1", "+44 123", "-2+3", "@SUM(A1)", "\tx", '=HYPERLINK("http://x")'])
def test_dangerous_text_is_quoted(text):
    assert exports.neutralise_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Blackpool", "a=b", "", "1 (most deprived)", -3.5, 0, 12, None])
def test_safe_values_unchanged(value):
    assert exports.neutralise_cell(value) == value


def test_csv_bytes_neutralise_text_but_keep_numbers():
    frame = pd.DataFrame(
        {
            "area_name": ["=cmd|' /C calc'!A0", "Blackpool", "@x"],
            "value": [-1.5, 50.9, -0.25],
            "count": [-3, 10, 0],
            "comparison": ["Worse", "-", "+"],
        }
    )
    data = exports.to_csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["area_name"].tolist() == ["'=cmd|' /C calc'!A0", "Blackpool", "'@x"]
    assert back["value"].tolist() == [-1.5, 50.9, -0.25]
    assert back["count"].tolist() == [-3, 10, 0]
    assert back["comparison"].tolist() == ["Worse", "'-", "'+"]


def test_column_names_neutralised_and_input_not_mutated():
    frame = pd.DataFrame({"=bad": ["=x"]})
    out = exports.safe_frame(frame)
    assert list(out.columns) == ["'=bad"] and out.iloc[0, 0] == "'=x"
    assert frame.iloc[0, 0] == "=x"


def test_string_dtype_columns_are_neutralised():
    frame = pd.DataFrame({"name": pd.array(["=1", "ok", None], dtype="string")})
    assert exports.safe_frame(frame)["name"].tolist()[:2] == ["'=1", "ok"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Preston\r=1+1", "Preston\n'=1+1"),  # the case: a bare CR would start a new spreadsheet row
        ("Preston\r\n@SUM(A1)", "Preston\n'@SUM(A1)"),
        ("a\n-2+3\nok", "a\n'-2+3\nok"),
        ("=x\r+y", "'=x\n'+y"),  # first line and later lines both guarded
        ("two\nlines", "two\nlines"),  # harmless text keeps its words, CR/LF become LF
        ("\rx", "\nx"),  # a leading CR becomes an (empty) first line
    ],
)
def test_every_line_of_a_cell_is_guarded(text: str, expected: str) -> None:
    assert exports.neutralise_cell(text) == expected


def test_cells_with_line_breaks_are_quoted_so_no_row_is_injected() -> None:
    frame = pd.DataFrame({"area_name": ["Preston\r=1+1", "Blackpool"], "value": [1.5, 2.0]})
    text = exports.to_csv_bytes(frame).decode("utf-8-sig")
    assert "\r" not in text
    assert text == 'area_name,value\n"Preston\n\'=1+1",1.5\nBlackpool,2.0\n'
    # A reader that splits rows on any line break outside quotes sees 2 data rows, none starting with a formula.
    back = pd.read_csv(io.StringIO(text))
    assert back["area_name"].tolist() == ["Preston\n'=1+1", "Blackpool"]
    for line in text.splitlines():
        assert not line.startswith(("=", "+", "-", "@"))


def test_write_csv_is_the_same_guard_for_the_command_line() -> None:
    frame = pd.DataFrame({"name": pd.Categorical(["=1", "ok\r@x"])})
    handle = io.StringIO()
    exports.write_csv(frame, handle)
    assert handle.getvalue() == "name\n'=1\n\"ok\n'@x\"\n"
