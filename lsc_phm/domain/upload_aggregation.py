"""An upload shown and summed: its values with Wilson intervals and suppression, and sums into larger areas.

Only additive data (numerator and denominator, or plain counts) is summed into larger areas, by adding counts and
denominators, never rates; other values are shown per area and never combined. Counts below 10 are suppressed
wherever they are shown. Uploads are checked in :mod:`lsc_phm.domain.uploads`.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: Wilson score interval.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lsc_phm import config
from lsc_phm.domain.uploads import Reference, Upload
from lsc_phm.stats import suppress, wilson_ci

#: Larger areas each geography can be summed into.
AGGREGATION_LEVELS: dict[str, tuple[str, ...]] = {
    "lsoa": ("ward", "district", "place", "footprint", "sicbl", "icb"),
    "ward": ("district", "place", "icb"),
    "msoa": ("district", "place", "icb"),
    "district": ("place", "icb"),
    "practice": ("pcn", "sicbl", "icb"),
}


def finish_values(
    frame: pd.DataFrame,
    upload: Upload,
    confidence: float = 0.95,
    threshold: int = config.SUPPRESSION_THRESHOLD,
    group_total: bool = False,
) -> pd.DataFrame:
    """Return the values of an upload ready to show: Wilson limits, suppression and how each value was made.

    Parameters
    ----------
    frame : pandas.DataFrame
        Per-area rows of the upload, as uploaded or summed into larger areas (``numerator`` and ``denominator``,
        or ``value``).
    upload : Upload
        The checked upload (:func:`lsc_phm.domain.uploads.read_upload`), for its name, unit and kind of data.
    confidence : float, default 0.95
        Level of the Wilson score interval.
    threshold : int, default config.SUPPRESSION_THRESHOLD
        Counts below this are suppressed (:func:`lsc_phm.stats.suppress`).
    group_total : bool, default False
        Suppress within the whole frame as one group (secondary suppression, so a suppressed count cannot be
        worked out from the others): the rows are the groups of one gradient by deprivation.

    Returns
    -------
    pandas.DataFrame
        A copy with ``value`` (a percentage from counts), ``lowercl``/``uppercl`` (Wilson, percentages; NaN without
        counts), suppression columns, ``indicator``, ``unit``, ``method`` and ``source``; values rounded to 2 places.
    """
    out = frame.copy()
    out["lowercl"] = np.nan
    out["uppercl"] = np.nan
    if upload.has_counts:
        ok = out["denominator"] > 0
        limits = wilson_ci(out.loc[ok, "numerator"], out.loc[ok, "denominator"], confidence)
        out.loc[ok, "value"] = 100.0 * out.loc[ok, "numerator"] / out.loc[ok, "denominator"]
        out.loc[ok, "lowercl"] = 100.0 * limits["lowercl"].to_numpy()
        out.loc[ok, "uppercl"] = 100.0 * limits["uppercl"].to_numpy()
        count_col = "numerator"
    elif upload.additive:
        out["count"] = out["value"]
        count_col = "count"
    else:
        count_col = None
    if count_col is not None:
        out["_total"] = 1
        out = suppress(
            out,
            count_col,
            threshold=threshold,
            value_cols=[c for c in ("value", "lowercl", "uppercl", "numerator", "count") if c in out],
            group_cols="_total" if group_total else None,
        ).drop(columns="_total")
        out = out.drop(columns=[c for c in ("count",) if c in out])
    else:
        out["suppressed"] = False
        out["suppression_reason"] = ""
    for column in ("value", "lowercl", "uppercl"):
        out[column] = out[column].round(2)
    out["indicator"] = upload.name
    out["unit"] = upload.unit
    out["method"] = (
        "percentage from the uploaded numerator and denominator; Wilson score interval"
        if upload.has_counts
        else "value as uploaded; no interval"
    )
    out["source"] = "uploaded by the user (not checked against any publication)"
    return out


def values(upload: Upload) -> pd.DataFrame:
    """The uploaded values at their own geography, with intervals (counts) and suppression of counts below 10."""
    return finish_values(upload.data, upload).sort_values("area_code").reset_index(drop=True)


def _parents(upload: Upload, reference: Reference, level: str) -> pd.DataFrame:
    """``area_code`` (upload unit) -> ``parent_code``, ``parent_name`` at ``level``, and each parent's unit count."""
    if upload.geography == "lsoa":
        areas = reference.areas[
            (reference.areas["imd_vintage"] == upload.vintage) & (reference.areas["level"] == level)
        ]
        links = areas[["lsoa_code", "area_code", "area_name"]].rename(
            columns={"lsoa_code": "unit", "area_code": "parent_code", "area_name": "parent_name"}
        )
    elif upload.geography == "practice":
        practices = reference.practices
        if level == "icb":
            links = pd.DataFrame(
                {
                    "unit": practices["practice_code"],
                    "parent_code": reference.icb_code,
                    "parent_name": reference.icb_name,
                }
            )
        else:
            column = {"pcn": "pcn_code", "sicbl": "sicbl_code"}[level]
            names = (
                dict(zip(practices["pcn_code"], practices["pcn_name"], strict=False))
                if level == "pcn"
                else dict(
                    zip(
                        *reference.areas[reference.areas["level"] == "sicbl"][["area_code", "area_name"]]
                        .drop_duplicates()
                        .to_numpy()
                        .T,
                        strict=False,
                    )
                )
            )
            links = pd.DataFrame({"unit": practices["practice_code"], "parent_code": practices[column]})
            links["parent_name"] = links["parent_code"].map(names).fillna(links["parent_code"])
    else:
        units = reference.areas[
            (reference.areas["imd_vintage"] == upload.vintage) & (reference.areas["level"] == upload.geography)
        ].drop_duplicates("area_code")
        if level == "icb":
            links = pd.DataFrame(
                {"unit": units["area_code"], "parent_code": reference.icb_code, "parent_name": reference.icb_name}
            )
        else:
            column = {"district": "lad_code", "place": "place_code"}[level]
            parents = reference.areas[
                (reference.areas["imd_vintage"] == upload.vintage) & (reference.areas["level"] == level)
            ].drop_duplicates("area_code")
            links = pd.DataFrame({"unit": units["area_code"].to_numpy(), "parent_code": units[column].to_numpy()})
            names = dict(zip(parents["area_code"], parents["area_name"], strict=False))
            links["parent_name"] = links["parent_code"].map(names)
    links = links.dropna(subset=["parent_code"]).drop_duplicates()
    sizes = links.groupby("parent_code")["unit"].nunique().rename("units_in_area")
    return links.merge(sizes, left_on="parent_code", right_index=True)


def aggregate(upload: Upload, reference: Reference, level: str) -> pd.DataFrame:
    """Sum an additive upload into larger areas (computed here): counts and denominators, never rates.

    Returns
    -------
    pandas.DataFrame
        ``area_code, area_name, units_in_upload, units_in_area, value, numerator, denominator, lowercl, uppercl,
        suppressed, suppression_reason, indicator, unit, method, source``; areas with no uploaded unit are left out,
        and ``units_in_upload < units_in_area`` says an area is only partly covered by the file.

    Raises
    ------
    ValueError
        If the data is not additive (values without numerator and denominator, and unit other than "count"), or the
        level is not one the upload's geography sums into.
    """
    allowed = AGGREGATION_LEVELS[upload.geography]
    if level not in allowed:
        raise ValueError(f"{upload.label} data can be summed into {', '.join(allowed)}, not '{level}'")
    if not upload.additive:
        raise ValueError(
            "these values cannot be added up (no numerator and denominator, and unit is not 'count'): "
            "they are shown per area and never combined"
        )
    links = _parents(upload, reference, level)
    joined = upload.data.merge(links, left_on="area_code", right_on="unit", how="inner")
    summed = (
        joined.groupby(["parent_code", "parent_name", "units_in_area"], dropna=False)
        .agg(
            units_in_upload=("area_code", "nunique"),
            numerator=("numerator", lambda s: s.sum(min_count=1)),
            denominator=("denominator", lambda s: s.sum(min_count=1)),
            value=("value", "sum"),
        )
        .reset_index()
    )
    summed = summed.rename(columns={"parent_code": "area_code", "parent_name": "area_name"})
    out = finish_values(summed, upload)
    out["method"] = (
        "computed here: "
        + ("numerators and denominators" if upload.has_counts else "counts")
        + f" of the uploaded {upload.label}s summed; "
        + out["method"]
    )
    columns = [
        "area_code",
        "area_name",
        "units_in_upload",
        "units_in_area",
        "value",
        "numerator",
        "denominator",
        "lowercl",
        "uppercl",
        "suppressed",
        "suppression_reason",
        "indicator",
        "unit",
        "method",
        "source",
    ]
    return out[columns].sort_values("area_code").reset_index(drop=True)
