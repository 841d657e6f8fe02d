"""UKHSA COVER: quarterly childhood vaccination coverage, Table 10 (every antigen by upper-tier local authority).

UKHSA publishes each financial year's quarterly COVER data on one GOV.UK statistics page, read here through the
GOV.UK Content API (``https://www.gov.uk/api/content/<page path>``: JSON whose ``details.attachments`` lists each
file with its ``title``, ``filename`` and ``url``). Each quarter's data tables are one OpenDocument spreadsheet (ODS);
its sheet ``Table_10`` holds four lines of title and notes, then a header row (``Country``, ``Upper tier local
authority ODS code``, ..., ``Financial year Quarter``, ``12m_Denom``, ...), then one row per authority. Its sheet
``Revision_History`` lists each version with its date: the latest is the release recorded.

**Quarters.** The catalogue's data set holds one quarter (its key ``cover_2024_25_q4_utla`` names it, the indicator
registry describes its period as Q4 2024-25, and the England figure is checked against that quarter's 151
authorities). The adapter therefore fetches the newest version of *that* quarter's tables (UKHSA revises a quarter by
re-issuing its file with a new version), and refuses a file whose ``Financial year Quarter`` is another quarter. A new
quarter is a new period with its own release, so it comes in as a new vendored data set: a ``data/datasets.toml``
entry, the file in ``data/raw/``, ``queries/staging/stg_cover__vaccination.sql`` pointed at it and the period in
``lsc_phm/indicators_published.py`` (README, "Keeping the data current"). Earlier quarters of the same years were
published with other sheet layouts (``Data_file``, ``Table10``), so the layout check here also guards that.

The ODS is read with pandas' ``odf`` engine (odfpy); every cell is kept as published text, as vendored (``[c]``,
``[x]`` and ``[z]`` included: the staging SQL turns those into nulls).

References
----------
.. [1] UK Health Security Agency. Cover of vaccination evaluated rapidly (COVER) programme 2024 to 2025: quarterly
   data. https://www.gov.uk/government/statistics/cover-of-vaccination-evaluated-rapidly-cover-programme-2024-to-2025-quarterly-data
.. [2] Government Digital Service. GOV.UK Content API. https://content-api.publishing.service.gov.uk/
"""

from __future__ import annotations

import dataclasses
import io
import json
import urllib.parse
import zipfile
from pathlib import Path

import pandas as pd

from lsc_phm.refresh.base import (
    Fetcher,
    RefreshError,
    SourceAdapter,
    Staged,
    base_url,
    cast_to_schema,
    require_columns,
    today,
    write_parquet,
)
from lsc_phm.store import provenance
from lsc_phm.store.provenance import Release

DEFAULT_BASE = "https://www.gov.uk/"
DATASET = "cover_2024_25_q4_utla"
#: The statistics page of the financial year held, as a GOV.UK path.
PAGE_PATH = "government/statistics/cover-of-vaccination-evaluated-rapidly-cover-programme-2024-to-2025-quarterly-data"
#: The quarter held, as the file's ``Financial year Quarter`` writes it, and as the attachment titles name it.
QUARTER = "FY2024_25_Q4"
QUARTER_MONTHS = "January to March 2025"
SHEET = "Table_10"
HEADER_CELL = "Upper tier local authority ODS code"
_ODS_TYPES = ("application/vnd.oasis.opendocument.spreadsheet",)


def content_api_url(base: str, path: str = PAGE_PATH) -> str:
    """The GOV.UK Content API address of a page path."""
    return f"{base}api/content/{path}"


def ods_attachment(document: dict, months: str, url: str) -> tuple[str, str]:
    """The (title, absolute address) of the one ODS attachment whose title names ``months``.

    Raises
    ------
    RefreshError
        If the document is not a Content API page with attachments, or no ODS or more than one names the quarter.
    """
    try:
        attachments = document["details"]["attachments"]
    except (KeyError, TypeError):
        raise RefreshError(
            f"{url} is not the GOV.UK Content API page expected (no details.attachments); the refresh is refused"
        ) from None
    spreadsheets = [
        a
        for a in attachments
        if isinstance(a, dict)
        and (str(a.get("content_type", "")) in _ODS_TYPES or str(a.get("filename", "")).lower().endswith(".ods"))
    ]
    matching = [a for a in spreadsheets if months.lower() in str(a.get("title", "")).lower()]
    if len(matching) != 1:
        titles = "; ".join(repr(str(a.get("title", ""))) for a in spreadsheets) or "none"
        found = "no ODS data tables" if not matching else f"{len(matching)} ODS files"
        raise RefreshError(
            f"{url} lists {found} for {months} (ODS attachments: {titles}); the publisher's page has "
            "changed: the refresh is refused"
        )
    chosen = matching[0]
    return str(chosen.get("title", "")), urllib.parse.urljoin(url, str(chosen.get("url", "")))


def _sheet(book: pd.ExcelFile, name: str, url: str) -> pd.DataFrame:
    if name not in book.sheet_names:
        raise RefreshError(
            f"{url} has no sheet {name!r} (it has {', '.join(map(repr, book.sheet_names))}); the "
            "publisher's format has changed: the refresh is refused"
        )
    return pd.read_excel(book, sheet_name=name, header=None, dtype=str)


def _table_below(sheet: pd.DataFrame, first_header: str, url: str, name: str) -> pd.DataFrame:
    """The table whose header row is the first row holding ``first_header``, with that row as column names."""
    rows = [i for i in range(len(sheet)) if (sheet.iloc[i].astype("string").str.strip() == first_header).any()]
    if not rows:
        raise RefreshError(
            f"sheet {name!r} of {url} has no header row with {first_header!r}; the publisher's "
            "format has changed: the refresh is refused"
        )
    header = [str(c).strip() if pd.notna(c) else "" for c in sheet.iloc[rows[0]]]
    table = sheet.iloc[rows[0] + 1 :].copy()
    table.columns = header
    table = table.loc[:, [c != "" for c in header]]
    return table.dropna(how="all").reset_index(drop=True)


def read_table_10(body: bytes, url: str) -> tuple[pd.DataFrame, Release]:
    """Table 10 of a COVER data-tables ODS, cells as published text, and its release from the revision history.

    Parameters
    ----------
    body : bytes
        The ODS file.
    url : str
        Where it came from, for messages and the release record.

    Returns
    -------
    (DataFrame, Release)
        One row per authority with the published columns; the release date and version of the latest revision.

    Raises
    ------
    RefreshError
        If the file is not a readable ODS or lacks the sheets and header rows described above.
    """
    try:
        with pd.ExcelFile(io.BytesIO(body), engine="odf") as book:
            table = _table_below(_sheet(book, SHEET, url), HEADER_CELL, url, SHEET)
            history = _table_below(_sheet(book, "Revision_History", url), "Date", url, "Revision_History")
    except RefreshError:
        raise
    except (zipfile.BadZipFile, ValueError, KeyError, IndexError, OSError) as error:
        raise RefreshError(
            f"{url} is not a readable OpenDocument spreadsheet ({error.__class__.__name__}); the "
            "download may be incomplete or the publisher's format may have changed"
        ) from None
    require_columns(history, ("Version number", "Date"), f"{url} (Revision_History)")
    versions = pd.to_numeric(history["Version number"], errors="coerce")
    dates = pd.to_datetime(history["Date"], errors="coerce")
    known = versions.notna() & dates.notna()
    if not known.any():
        raise RefreshError(f"the Revision_History of {url} lists no dated version; the refresh is refused")
    latest = versions[known].idxmax()
    release = Release(
        release=dates[latest].date().isoformat(),
        retrieved=today(),
        version=f"{QUARTER} version {int(versions[latest])}",
        url=url,
        origin=provenance.REFRESHED,
    )
    return table, release


class CoverAdapter(SourceAdapter):
    """COVER Table 10 for the quarter the catalogue holds (revisions of that quarter)."""

    name = "cover"
    publisher = "UK Health Security Agency (COVER programme)"
    cadence = (
        "quarterly (about three months after each quarter ends; a quarter's file is re-issued with a new "
        "version when revised)"
    )
    datasets = (DATASET,)

    def fetch(self, fetcher: Fetcher, staging: Path, current: dict[str, Path]) -> list[Staged]:
        base = base_url(self.name, DEFAULT_BASE)
        page_url = content_api_url(base)
        try:
            document = json.loads(fetcher.get(page_url).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise RefreshError(
                f"{page_url} did not return the JSON of the GOV.UK Content API; the refresh is refused"
            ) from None
        _, ods_url = ods_attachment(document, QUARTER_MONTHS, page_url)
        table, release = read_table_10(fetcher.get(ods_url), ods_url)
        columns = tuple(self.schemas[DATASET])
        require_columns(table, columns, f"{ods_url} ({SHEET})")
        quarters = sorted(set(table["Financial year Quarter"].dropna().astype(str).str.strip()))
        if quarters != [QUARTER]:
            raise RefreshError(
                f"{ods_url} holds {', '.join(quarters) or 'no quarter'}, not {QUARTER}: a new COVER "
                f"quarter comes in as a new vendored data set, not as a refresh of {DATASET} (see "
                "README, 'Keeping the data current')"
            )
        frame = cast_to_schema(table, {c: "VARCHAR" for c in table.columns}, DATASET)
        period = f"{QUARTER} ({QUARTER_MONTHS})"
        return [Staged(DATASET, write_parquet(frame, staging, DATASET), dataclasses.replace(release, period=period))]
