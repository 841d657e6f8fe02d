"""Safe exports: CSV that is harmless to open in a spreadsheet, with the metadata columns kept.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage return) can be run as a formula by Excel or
LibreOffice ("CSV injection"). Text cells starting with those characters are prefixed with a single quote, as OWASP
recommends; numbers are left as numbers (a negative number is data, not a formula).

A line break inside a cell is a second way in: a spreadsheet that splits rows on a bare carriage return reads
``'Preston\\r=1+1'`` as a new row starting ``=1+1``. So carriage returns inside text are turned into line feeds,
every line of a cell gets the guard (not only the first), and cells holding a line break are quoted. Every CSV the
project writes (downloads in the app and the command line) goes through :func:`write_csv`.

References
----------
.. [1] OWASP. CSV Injection. https://owasp.org/www-community/attacks/CSV_Injection
.. [2] Shafranovich Y. RFC 4180: Common Format and MIME Type for CSV Files (fields with line breaks are quoted).
   https://www.rfc-editor.org/rfc/rfc4180
"""

from __future__ import annotations

import csv
import io
from typing import TextIO

import pandas as pd

_DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _guard_line(line: str) -> str:
    return "'" + line if line.startswith(_DANGEROUS_PREFIXES) else line


def neutralise_cell(value: object) -> object:
    """Return ``value`` made inert for a spreadsheet if it is text: CR -> LF, and a quote before any line
    (the first or one after a line break) that a spreadsheet would treat as a formula."""
    if not isinstance(value, str):
        return value
    if "\r" in value or "\n" in value:
        lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return "\n".join(_guard_line(line) for line in lines)
    return _guard_line(value)


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` whose text cells (and column names) cannot start a spreadsheet formula."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if isinstance(series.dtype, pd.CategoricalDtype):
            series = series.astype(object)
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            out[column] = series.map(neutralise_cell)
    out.columns = [neutralise_cell(str(c)) for c in out.columns]
    return out


def write_csv(frame: pd.DataFrame, handle: TextIO) -> None:
    """Write ``frame`` as spreadsheet-safe CSV to a text handle (cells with a line break are quoted)."""
    safe_frame(frame).to_csv(handle, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """Encode ``frame`` as spreadsheet-safe UTF-8 CSV (with a BOM so Excel reads accents correctly)."""
    buffer = io.StringIO()
    write_csv(frame, buffer)
    return buffer.getvalue().encode("utf-8-sig")
