"""Bring your own data: read and check a user's file of values by area, and outline a user-defined area.

A file is a CSV (UTF-8) or Excel workbook with one row per area:

* an area-code column (``code``, or e.g. ``lsoa_code``, ``LSOA21CD``, ``MSOA11CD``, ``ward_code``, ``practice_code``)
  holding LSOA 2011 or 2021, MSOA 2011, electoral ward, district or GP practice codes of the configured ICB (one
  geography per file);
* either ``value``, or ``numerator`` and ``denominator`` (a proportion: shown as a percentage with a Wilson interval);
* optionally ``name``, ``unit`` and ``polarity`` (``high_is_good``, ``low_is_good`` or ``no_judgement``) for the
  data set; ``unit = count`` marks plain counts, which can be added up.

Everything here is pure: the file arrives as bytes and nothing is written anywhere. :func:`read_upload` and
:func:`validate` raise :class:`UploadError` with a message that says exactly what is wrong (and where); the page and
the CLI show it as it is. A checked :class:`Upload` is shown and summed into larger areas by
:mod:`lsc_phm.domain.upload_aggregation` (additive data only; counts below 10 suppressed) and grouped by deprivation
by :mod:`lsc_phm.domain.upload_gradient`.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: Wilson score interval; assigning deprivation categories;
   slope index of inequality.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lsc_phm.domain import deprivation
from lsc_phm.domain.geography import Icb
from lsc_phm.domain.upload_files import MAX_ROWS, UploadError, read_upload
from lsc_phm.store.db import Database

CODE_COLUMNS: tuple[str, ...] = (
    "code",
    "area_code",
    "areacode",
    "lsoa_code",
    "lsoa11cd",
    "lsoa21cd",
    "lsoa",
    "ward_code",
    "wd19cd",
    "wd24cd",
    "ward",
    "lad_code",
    "ladcd",
    "lad19cd",
    "lad24cd",
    "district_code",
    "practice_code",
    "practice",
    "org_code",
    "msoa_code",
    "msoa11cd",
    "msoa",
)
POLARITIES = ("high_is_good", "low_is_good", "no_judgement")
#: What each kind of code is called in messages, per IMD vintage (None: the same codes in both).
GEOGRAPHY_LABELS: dict[tuple[str, int | None], str] = {
    ("lsoa", 2019): "LSOA 2011",
    ("lsoa", 2025): "LSOA 2021",
    ("ward", 2019): "electoral ward (2019)",
    ("ward", 2025): "electoral ward (2024)",
    ("district", 2019): "district (2019)",
    ("district", 2025): "district (2024)",
    ("practice", None): "GP practice",
    ("msoa", 2019): "MSOA 2011",
}
#: The largest count (numerator, denominator or count) accepted: ten times England's population would still fit
#: (whole-England uploads have counts up to about 57 million), and sums of 100,000 such counts stay exact in float64.
MAX_COUNT = 10_000_000_000
#: The largest value accepted in a 'value' column: products with populations and sums over every row stay finite.
MAX_VALUE = 1e15
_LISTED = 10  # codes or rows named in a message before "and N more"


@dataclass(frozen=True)
class Reference:
    """The configured ICB's areas that uploaded codes are matched against."""

    icb_code: str
    icb_name: str
    lsoas: pd.DataFrame
    areas: pd.DataFrame
    practices: pd.DataFrame

    def known_codes(self) -> dict[tuple[str, int | None], set[str]]:
        """Codes per (geography, vintage)."""
        known: dict[tuple[str, int | None], set[str]] = {}
        for vintage, frame in self.lsoas.groupby("imd_vintage"):
            known[("lsoa", int(vintage))] = set(frame["lsoa_code"])
        for (vintage, level), frame in self.areas.groupby(["imd_vintage", "level"]):
            if level in ("ward", "district", "msoa"):
                known[(str(level), int(vintage))] = set(frame["area_code"])
        known[("practice", None)] = set(self.practices["practice_code"])
        return known


def load_reference(db: Database, icb: Icb) -> Reference:
    """Read the ICB's LSOAs, areas and practices for matching uploads (both IMD vintages)."""
    return Reference(
        icb.code,
        icb.name,
        db.query("upload_lsoas", icb=icb.code),
        db.query("upload_areas", icb=icb.code),
        db.query("upload_practices", icb=icb.code),
    )


@dataclass(frozen=True)
class Upload:
    """A checked upload: one row per area with its value (and counts), and what the data set is."""

    geography: str
    vintage: int | None
    data: pd.DataFrame
    name: str
    unit: str
    polarity: str
    has_counts: bool

    @property
    def label(self) -> str:
        """The geography in words, e.g. "LSOA 2021"."""
        return GEOGRAPHY_LABELS[(self.geography, self.vintage)]

    @property
    def additive(self) -> bool:
        """Whether values can be summed into larger areas (numerator and denominator, or plain counts)."""
        return self.has_counts or self.unit.strip().lower() == "count"


# --------------------------------------------------------------------------------------------------- reading
def _listing(items: list[str]) -> str:
    shown = ", ".join(items[:_LISTED])
    return shown + (f" and {len(items) - _LISTED} more" if len(items) > _LISTED else "")


# --------------------------------------------------------------------------------------------------- checking
def _column(frame: pd.DataFrame, *names: str) -> str | None:
    lookup = {re.sub(r"\s+", "_", c.lower()): c for c in frame.columns}
    for name in names:
        if name in lookup:
            return lookup[name]
    return None


def _numbers(frame: pd.DataFrame, column: str, largest: float) -> pd.Series:
    """The column as finite float64 numbers (empty cells: NaN); anything else is refused naming the rows.

    float64 throughout: integer columns summed as int64 would wrap around silently past 9.2e18. With every number at
    most ``largest`` (:data:`MAX_COUNT` for counts) and at most :data:`MAX_ROWS` rows, every sum, product and square
    the statistics take stays far inside float64's range (and counts stay exact integers, below 2**53).
    """
    text = frame[column].astype(str).str.strip().str.replace(",", "", regex=False)
    numbers = pd.to_numeric(text.where(text != ""), errors="coerce").astype("float64")
    bad = numbers.isna() & (text != "")
    if bad.any():
        rows = [f"row {i + 2} '{frame[column].iloc[i]}'" for i in np.flatnonzero(bad.to_numpy())]
        raise UploadError(
            f"Column '{column}' has {int(bad.sum())} value(s) that are not numbers: {_listing(rows)}. "
            "Use plain numbers (e.g. 12.5), or leave the cell empty for no data."
        )
    huge = numbers.notna() & ~(numbers.abs() <= largest)  # inf, Infinity, 1e309 and finite numbers past the limit
    if huge.any():
        rows = [f"row {i + 2} '{frame[column].iloc[i]}'" for i in np.flatnonzero(huge.to_numpy())]
        raise UploadError(
            f"Column '{column}' has {int(huge.sum())} value(s) that are infinite or too large: "
            f"{_listing(rows)}. Numbers must be finite and at most {largest:,.0f}."
        )
    negative = numbers < 0
    if negative.any():
        rows = [f"row {i + 2} ({numbers.iloc[i]:g})" for i in np.flatnonzero(negative.to_numpy())]
        raise UploadError(
            f"Column '{column}' has {int(negative.sum())} negative value(s): {_listing(rows)}. "
            "Values, numerators and denominators must be zero or more."
        )
    return numbers


def _detect(codes: pd.Series, reference: Reference) -> tuple[str, int | None]:
    known = reference.known_codes()
    distinct = set(codes)
    matches = {key: len(distinct & found) for key, found in known.items()}
    kinds: dict[str, int] = {}
    for (kind, _), count in matches.items():
        kinds[kind] = max(kinds.get(kind, 0), count)
    present = {kind: count for kind, count in kinds.items() if count > 0}
    if not present:
        counts = codes.value_counts()
        listed = [f"{code} ({n} row{'s' if n > 1 else ''})" for code, n in counts.items()]
        raise UploadError(
            f"None of the {len(distinct)} codes is an LSOA (2011 or 2021), MSOA (2011), electoral ward, "
            f"district or GP practice code of {reference.icb_name}: {_listing(listed)}."
        )
    if len(present) > 1:
        words = {
            "lsoa": "LSOA",
            "msoa": "MSOA",
            "ward": "electoral ward",
            "district": "district",
            "practice": "GP practice",
        }
        parts = ", ".join(
            f"{count} {words[kind]} code(s)" for kind, count in sorted(present.items(), key=lambda item: -item[1])
        )
        raise UploadError(f"The file mixes geographies ({parts}): upload one geography per file.")
    kind = next(iter(present))
    candidates = [(matches[key], key[1] or 0, key) for key in matches if key[0] == kind]
    return max(candidates)[2]


def validate(frame: pd.DataFrame, reference: Reference) -> Upload:
    """Check a table read by :func:`read_upload` and return the clean :class:`Upload`.

    Raises
    ------
    UploadError
        With one message naming what is wrong: no code column, no value columns, blank codes, duplicate codes (listed
        with counts), non-numeric or negative values (rows listed), numerator above denominator or a zero
        denominator (rows listed), mixed geographies, unknown codes (listed with counts), an unknown polarity.
    """
    code_col = _column(frame, *CODE_COLUMNS)
    if code_col is None:
        raise UploadError(f"No column of area codes: name one column 'code' (found: {_listing(list(frame.columns))}).")
    value_col = _column(frame, "value")
    num_col = _column(frame, "numerator", "count")
    den_col = _column(frame, "denominator", "population")
    has_counts = num_col is not None and den_col is not None
    if not has_counts and value_col is None:
        raise UploadError(
            "No values: add a column 'value', or two columns 'numerator' and 'denominator' "
            f"(found: {_listing(list(frame.columns))})."
        )

    def first(column: str | None, default: str) -> str:  # a data set's name, unit or polarity: one line of text
        if column is None:
            return default
        cells = [" ".join(str(v).split()) for v in frame[column] if str(v).strip()]
        return cells[0] if cells else default

    codes = frame[code_col].astype(str).str.strip().str.upper()
    blank = codes == ""
    if blank.any():
        rows = [f"row {i + 2}" for i in np.flatnonzero(blank.to_numpy())]
        raise UploadError(f"{int(blank.sum())} row(s) have no area code: {_listing(rows)}.")
    counts = codes.value_counts()
    duplicates = counts[counts > 1]
    if not duplicates.empty:
        listed = [f"{code} ({n} rows)" for code, n in duplicates.items()]
        raise UploadError(
            f"{len(duplicates)} code(s) appear more than once: {_listing(listed)}. Give one row per area."
        )
    if has_counts:
        numerator, denominator = _numbers(frame, num_col, MAX_COUNT), _numbers(frame, den_col, MAX_COUNT)
        over = numerator > denominator
        if over.any():
            rows = [
                f"row {i + 2} ({codes.iloc[i]}: {numerator.iloc[i]:g} > {denominator.iloc[i]:g})"
                for i in np.flatnonzero(over.to_numpy())
            ]
            raise UploadError(
                f"{int(over.sum())} row(s) have a numerator larger than the denominator: {_listing(rows)}."
            )
        zero = denominator == 0
        if zero.any():
            rows = [f"row {i + 2} ({codes.iloc[i]})" for i in np.flatnonzero(zero.to_numpy())]
            raise UploadError(f"{int(zero.sum())} row(s) have a denominator of 0: {_listing(rows)}.")
        value = 100.0 * numerator / denominator
    else:
        numerator = denominator = pd.Series(np.nan, index=frame.index)
        unit_text = first(_column(frame, "unit"), "").strip().lower()
        value = _numbers(frame, value_col, MAX_COUNT if unit_text == "count" else MAX_VALUE)
    geography, vintage = _detect(codes, reference)
    known = reference.known_codes()[(geography, vintage)]
    unknown = codes[~codes.isin(known)]
    if not unknown.empty:
        listed = [f"{code} ({n} row{'s' if n > 1 else ''})" for code, n in unknown.value_counts().items()]
        raise UploadError(
            f"{unknown.nunique()} code(s) are not {GEOGRAPHY_LABELS[(geography, vintage)]} codes of "
            f"{reference.icb_name}: {_listing(listed)}. Check them, or remove those rows."
        )

    polarity = first(_column(frame, "polarity"), "no_judgement").lower()
    if polarity not in POLARITIES:
        raise UploadError(f"Polarity '{polarity}' is not one of {', '.join(POLARITIES)}.")
    unit = first(_column(frame, "unit"), "%" if has_counts else "")
    names = _names(reference, geography, vintage)
    data = pd.DataFrame(
        {
            "area_code": codes.to_numpy(),
            "area_name": codes.map(names).to_numpy(),
            "value": value.to_numpy(dtype="float64"),
            "numerator": numerator.to_numpy(dtype="float64"),
            "denominator": denominator.to_numpy(dtype="float64"),
        }
    )
    return Upload(geography, vintage, data, first(_column(frame, "name"), "Uploaded data"), unit, polarity, has_counts)


def parse(data: bytes, filename: str, reference: Reference) -> Upload:
    """:func:`read_upload` then :func:`validate`."""
    return validate(read_upload(data, filename), reference)


def _names(reference: Reference, geography: str, vintage: int | None) -> dict[str, str]:
    if geography == "lsoa":
        frame = reference.lsoas[reference.lsoas["imd_vintage"] == vintage]
        return dict(zip(frame["lsoa_code"], frame["lsoa_name"], strict=False))
    if geography == "practice":
        return dict(zip(reference.practices["practice_code"], reference.practices["practice_name"], strict=False))
    frame = reference.areas[(reference.areas["imd_vintage"] == vintage) & (reference.areas["level"] == geography)]
    return dict(zip(frame["area_code"], frame["area_name"], strict=False))


# --------------------------------------------------------------------------------------------------- user areas
@dataclass(frozen=True)
class UserArea:
    """An area drawn from an uploaded list of LSOA or ward codes, for the session only."""

    name: str
    geography: str
    vintage: int
    lsoas: pd.DataFrame
    summary: dict[str, float]


def codes_from_file(data: bytes, filename: str) -> list[str]:
    """The area codes of an uploaded list (CSV or Excel with a code column; other columns are ignored).

    Raises
    ------
    UploadError
        For any reason :func:`read_upload` gives, no code column, or rows without a code.
    """
    frame = read_upload(data, filename)
    code_col = _column(frame, *CODE_COLUMNS)
    if code_col is None:
        raise UploadError(f"No column of area codes: name one column 'code' (found: {_listing(list(frame.columns))}).")
    codes = frame[code_col].astype(str).str.strip().str.upper()
    blank = codes == ""
    if blank.any():
        rows = [f"row {i + 2}" for i in np.flatnonzero(blank.to_numpy())]
        raise UploadError(f"{int(blank.sum())} row(s) have no area code: {_listing(rows)}.")
    return codes.tolist()


def user_area(codes: list[str], reference: Reference, name: str = "My area") -> UserArea:
    """Resolve a list of LSOA or ward codes to the LSOAs of one area and summarise its deprivation.

    The summary uses the MHCLG File 10 definitions, as the database does for every other area: population-weighted
    average IMD score, share of LSOAs in the most deprived national decile, and the Core20 population share (people
    in LSOAs of national deciles 1-2).

    Raises
    ------
    UploadError
        For an empty list, more than :data:`MAX_ROWS` codes, duplicates, codes that are neither LSOA nor ward codes of
        the ICB, or mixed geographies.
    """
    if len(codes) > MAX_ROWS:
        raise UploadError(f"The list has {len(codes):,} codes; at most {MAX_ROWS:,} can be read.")
    frame = pd.DataFrame({"code": codes, "value": ["0"] * len(codes)})
    if frame.empty:
        raise UploadError("The list of codes is empty.")
    checked = validate(frame, reference)
    if checked.geography not in ("lsoa", "ward"):
        raise UploadError(f"An area is drawn from LSOA or ward codes; these are {checked.label} codes.")
    lsoas = reference.lsoas[reference.lsoas["imd_vintage"] == checked.vintage]
    column = "lsoa_code" if checked.geography == "lsoa" else "ward_code"
    members = lsoas[lsoas[column].isin(checked.data["area_code"])]
    summary = deprivation.lsoa_summary(members)
    return UserArea(name, checked.geography, int(checked.vintage), members.reset_index(drop=True), summary)
