"""Tables for people: human column names with units, numbers to the indicator's decimals, blanks (not "None") for
missing values with a note saying why, as a pandas Styler (no streamlit). CSV downloads keep the raw names.

Every table the app shows goes through :func:`for_people` (via ``ui.components.table``); the page tests check that
no displayed header is a raw ``snake_case`` name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from lsc_phm.render.formats import fixed, periods_in_text

#: Raw column name -> the header people read. Value-like columns get the unit appended by :func:`for_people`.
COLUMN_LABELS: dict[str, str] = {
    "area_code": "Area code",
    "area_name": "Area",
    "indicator_id": "Indicator code",
    "indicator": "Indicator",
    "period": "Period",
    "value": "Value",
    "lowercl": "Lower CI",
    "uppercl": "Upper CI",
    "unit": "Unit",
    "numerator": "Count",
    "denominator": "Denominator",
    "count": "Count",
    "england_value": "England",
    "comparison": "Compared with England",
    "confidence": "Confidence level",
    "method": "Method",
    "suppressed": "Suppressed",
    "suppression_reason": "Why blank",
    "source": "Source",
    "level": "Geography",
    "clinical_area": "Clinical area",
    "imd_vintage": "IMD vintage",
    "imd_decile": "IMD decile",
    "imd_decile_label": "IMD decile",
    "population": "Population",
    "population_share": "Share of population (%)",
    "lsoas": "LSOAs",
    "core20_population_share": "Core20 share (%)",
    "avg_score": "Average IMD score",
    "avg_score_rank": "Rank of average score",
    "avg_rank": "Average rank",
    "avg_rank_rank": "Rank of average rank",
    "pct_lsoas_most_deprived_10": "LSOAs in most deprived 10% (%)",
    "lsoas_decile_1": "LSOAs in decile 1",
    "lsoas_core20": "LSOAs in deciles 1-2",
    "core20_ward": "≥50% Core20",
    "district": "District",
    "place": "Place",
    "lad_name": "District",
    "place_name": "Place",
    "ward_name": "Ward",
    "deprivation_group": "Deprivation group",
    "group": "Group",
    "group_label": "Deprivation group",
    "units": "Units",
    "measure": "Measure",
    "note": "Note",
    "grouping": "Grouping",
    "worst": "Worst / lowest",
    "best": "Best / highest",
    "q25": "25th percentile",
    "q75": "75th percentile",
    "districts": "English LAs in range",
    "range_label": "Range",
    "polarity": "Polarity",
    "name": "Name",
    "theme": "Theme",
    "definition": "Definition",
    "value_type": "Value type",
    "ci_method": "Interval method",
    "levels": "Levels",
    "periods": "Periods",
    "sources": "Sources",
    "notes": "Notes",
    "core20plus5": "Core20PLUS5 area",
    "id": "Code",
    "url": "Link",
    "rows": "Rows",
    "dataset": "Data set",
    "release_source": "Release: where the date comes from",
    "publisher": "Publisher",
    "licence": "Licence",
    "file": "File",
    "title": "Title",
    "description": "Description",
    "whole_area_in_icb": "Whole area in ICB",
    "place_code": "Place code",
    "lad_code": "District code",
    "ward_code": "Ward code",
    "sicbl_code": "Sub-ICB code",
    "sicbl_name": "Sub-ICB location",
    "icb_code": "ICB code",
    "icb_name": "ICB",
    "ods_code": "ODS code",
    "lsoa_code": "LSOA code",
    "lsoa_name": "LSOA",
    "imd_score": "IMD score",
    "imd_rank": "IMD rank",
    "areas_ranked": "Areas ranked",
    "value_for": "Value for",
    "gap_to_ambition": "Gap to ambition (pp)",
    "ambition": "Ambition (%)",
    "label": "Label",
    "practice_code": "Practice code",
    "practice_name": "Practice",
    "list_size": "List size",
    "ambition_gap": "Gap to ambition (pp)",
    "figure": "Figure",
    "detail": "Detail",
    "rank": "Rank",
}
#: Columns holding the indicator's own values (formatted to its decimals; its unit in the header).
VALUE_COLUMNS: tuple[str, ...] = ("value", "lowercl", "uppercl", "england_value", "worst", "best", "q25", "q75")
#: A comparator's value of the same indicator (similar places): written to the indicator's decimals like ``value``.
COMPARATOR_VALUE_COLUMNS: tuple[str, ...] = ("decile_value", "neighbours_value")
#: Whole-number columns.
COUNT_COLUMNS: tuple[str, ...] = (
    "numerator",
    "denominator",
    "count",
    "population",
    "lsoas",
    "units",
    "rows",
    "practices",
    "districts",
    "lsoas_decile_1",
    "lsoas_core20",
    "list_size",
    "areas_ranked",
    "imd_rank",
    "avg_score_rank",
    "avg_rank_rank",
    "register",
    "deprivation_rank",
    "core20_population",
    "patients",
    "residents",
)
_RAW = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$|^[a-z0-9]+$")
SUPPRESSED_NOTE = "suppressed (count below 10)"
NO_DATA_NOTE = "no data published"


def is_raw_name(name: str) -> bool:
    """Whether a header looks like a raw identifier (``lower_case`` or ``lowercl``) rather than words for people.

    >>> [is_raw_name(n) for n in ("indicator_id", "lowercl", "Lower CI", "IMD vintage")]
    [True, True, False, False]
    """
    return bool(_RAW.match(str(name)))


def human_name(name: str, unit: str = "") -> str:
    """The header people read for a raw column name (with the unit for value columns)."""
    label = COLUMN_LABELS.get(name)
    if label is None:
        label = str(name).replace("_", " ").strip()
        label = label[:1].upper() + label[1:] if is_raw_name(str(name)) else label
    if unit and name in VALUE_COLUMNS:
        label = f"{label} ({unit})"
    return label


@dataclass
class PeopleTable:
    """What :func:`for_people` returns.

    Attributes
    ----------
    frame : pandas.DataFrame
        The table to show: human headers; columns with missing values as text (formatted numbers, "" for
        missing) because Streamlit draws a null cell as a grey "None"; booleans as "Yes" / "No".
    formats : dict
        Header -> number format for the numeric columns left numeric (printf ``"%.1f"`` or ``"localized"`` for
        whole numbers with thousands separators), for Streamlit's ``NumberColumn``.
    note : str
        Why value cells are blank ("" if none are).
    """

    frame: pd.DataFrame
    formats: dict[str, str]
    note: str


#: Name endings of whole-number columns beyond :data:`COUNT_COLUMNS` (counts of LSOAs, people, practices; decile
#: and group numbers).
_WHOLE_SUFFIXES: tuple[str, ...] = (
    "_lsoas",
    "_residents",
    "_count",
    "_population",
    "_practices",
    "_patients",
    "_decile",
    "_group",
)


def _places(column: str, decimals: int | None) -> int:
    """One decimals rule per column: counts, ranks and decile numbers 0; the indicator's values ``decimals`` (2 when
    not given); shares and percentages 1; anything else 2."""
    if (
        column in COUNT_COLUMNS
        or column == "rank"
        or column.endswith("_rank")
        or column.endswith(_WHOLE_SUFFIXES)
        or column.startswith("lsoas_")
    ):
        return 0
    if column in VALUE_COLUMNS:
        return 2 if decimals is None else decimals
    return 1 if ("share" in column or column.startswith("pct")) else 2


def for_people(
    frame: pd.DataFrame,
    *,
    decimals: int | None = None,
    unit: str = "",
    labels: dict[str, str] | None = None,
    columns: list[str] | None = None,
    decimals_by_indicator: dict[str, int] | None = None,
) -> PeopleTable:
    """Rename, format and blank a table for display (no Styler: cheap enough for a thousand rows on every rerun).

    Parameters
    ----------
    frame : pandas.DataFrame
        The table as exported (raw column names).
    decimals : int, optional
        Decimals for the indicator's value columns (default 2); counts and ranks get 0, shares 1, others 2.
    unit : str, optional
        The indicator's unit, appended to value column headers ("Value (%)").
    labels : dict, optional
        Extra or overriding raw -> header names.
    columns : list of str, optional
        The raw columns to show, in order (default: all).
    decimals_by_indicator : dict, optional
        Registry decimals by indicator id. When ``decimals`` is not given and the table has an ``indicator_id``
        column (rows of several indicators), each row's values are written to its own indicator's decimals.

    Returns
    -------
    PeopleTable
    """
    ids = frame["indicator_id"].reset_index(drop=True) if "indicator_id" in frame.columns else None
    data = frame[columns] if columns is not None else frame
    data = data.reset_index(drop=True)
    per_row = (
        [decimals_by_indicator.get(i) if isinstance(i, str) else None for i in ids]
        if decimals is None and decimals_by_indicator and ids is not None
        else None
    )
    names = {**COLUMN_LABELS, **(labels or {})}
    out: dict[str, object] = {}
    formats: dict[str, str] = {}
    for column in data.columns:
        label = names[column] if column in names else human_name(column)
        if column in VALUE_COLUMNS and unit:
            label = f"{label} ({unit})"
        while label in out:
            label += " "
        series = data[column]
        missing = series.isna()
        if pd.api.types.is_bool_dtype(series) or (
            series.dtype == object and series.notna().any() and series.dropna().map(lambda v: isinstance(v, bool)).all()
        ):
            out[label] = ["Yes" if v is True else ("No" if v is False else "") for v in series]
        elif pd.api.types.is_numeric_dtype(series) and column in ("imd_vintage", "imd_decile", "year"):
            out[label] = ["" if pd.isna(v) else f"{int(v)}" for v in series]
        elif pd.api.types.is_numeric_dtype(series) and per_row is not None and _is_value_column(column):
            fallback = _places(column, decimals)  # each row to its indicator's decimals
            out[label] = [
                "" if pd.isna(v) else fixed(v, fallback if d is None else d)
                for v, d in zip(series, per_row, strict=True)
            ]
        elif pd.api.types.is_numeric_dtype(series):
            places = _places(column, decimals)
            if missing.any():
                out[label] = ["" if pd.isna(v) else f"{v:,.{places}f}" for v in series]
            else:
                out[label] = series
                formats[label] = "localized" if places == 0 else f"%.{places}f"
        elif series.dtype == object or pd.api.types.is_string_dtype(series):
            # periods, and periods inside notes, in the one style on screen (the CSV keeps the source's labels)
            out[label] = [
                "" if m else periods_in_text(v) if isinstance(v, str) else v
                for v, m in zip(series, missing, strict=True)
            ]
        elif missing.any():
            out[label] = series.astype(object).where(~missing, "")
        else:
            out[label] = series
    shown = pd.DataFrame(out, index=data.index)
    return PeopleTable(shown, formats, _blank_note(data))


def _is_value_column(column: object) -> bool:
    """An indicator's own value: ``value``, its limits, England's, its similar places' and the previous period's."""
    name = str(column)
    return name in VALUE_COLUMNS or name in COMPARATOR_VALUE_COLUMNS or name.removeprefix("previous_") in VALUE_COLUMNS


def _blank_note(data: pd.DataFrame) -> str:
    """Say why value cells are blank: suppressed (count below 10) or no data."""
    if "value" not in data.columns:
        return ""
    blank = data["value"].isna()
    if not blank.any():
        return ""
    suppressed = (
        (data["suppressed"].fillna(False).astype(bool) & blank)
        if "suppressed" in data.columns
        else pd.Series(False, index=data.index)
    )
    parts = []
    if suppressed.any():
        parts.append(f"{int(suppressed.sum())} {SUPPRESSED_NOTE}")
    if (blank & ~suppressed).any():
        parts.append(f"{int((blank & ~suppressed).sum())} {NO_DATA_NOTE}")
    return "Blank values: " + "; ".join(parts) + "."
