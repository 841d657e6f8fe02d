"""Safe exports: CSV that is harmless to open in a spreadsheet, with the metadata columns kept.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage return) can be run as a formula by Excel or
LibreOffice ("CSV injection"). Text cells starting with those characters are prefixed with a single quote, as OWASP
recommends; numbers are left as numbers (a negative number is data, not a formula).

References
----------
.. [1] OWASP. CSV Injection. https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

import pandas as pd

_DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Return ``value`` with a leading quote if it is text a spreadsheet would treat as a formula."""
    if isinstance(value, str) and value.startswith(_DANGEROUS_PREFIXES):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` whose text cells (and column names) cannot start a spreadsheet formula."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise_cell)
    out.columns = [neutralise_cell(str(c)) for c in out.columns]
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """Encode ``frame`` as spreadsheet-safe UTF-8 CSV (with a BOM so Excel reads accents correctly)."""
    return safe_frame(frame).to_csv(index=False, lineterminator="\n").encode("utf-8-sig")
