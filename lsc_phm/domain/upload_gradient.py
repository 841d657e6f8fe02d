"""An upload by deprivation group: national or local IMD deciles (or quintiles), with the SII and RII across them.

National groups are the published national IMD deciles of LSOAs; local groups rank the ICB's units of the upload's
geography by IMD score. Uploads are checked in :mod:`lsc_phm.domain.uploads`; values per group are finished (Wilson
intervals, suppression) as in :mod:`lsc_phm.domain.upload_aggregation`.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: assigning deprivation categories; slope index of
   inequality.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lsc_phm import config
from lsc_phm.domain.upload_aggregation import finish_values
from lsc_phm.domain.uploads import Reference, Upload
from lsc_phm.stats import quantiles, sii, suppress

SII_SEED = 20260113
SII_REPETITIONS = 20_000


@dataclass(frozen=True)
class UploadGradient:
    """The upload by deprivation group, with the SII and RII across the groups."""

    framing: str
    groups: int
    table: pd.DataFrame
    measures: pd.DataFrame
    description: str


def _unit_deprivation(upload: Upload, reference: Reference) -> pd.DataFrame:
    """Per uploaded unit: national decile (LSOAs only), IMD score and population weight."""
    if upload.geography == "lsoa":
        lsoas = reference.lsoas[reference.lsoas["imd_vintage"] == upload.vintage]
        out = lsoas[["lsoa_code", "imd_decile", "imd_score", "population"]].rename(columns={"lsoa_code": "unit"})
    elif upload.geography == "practice":
        out = (
            reference.practices[["practice_code", "imd_score", "list_size"]]
            .rename(columns={"practice_code": "unit", "list_size": "population"})
            .assign(imd_decile=np.nan)
        )
    else:
        areas = reference.areas[
            (reference.areas["imd_vintage"] == upload.vintage) & (reference.areas["level"] == upload.geography)
        ].drop_duplicates("area_code")
        out = (
            areas[["area_code", "avg_score", "population"]]
            .rename(columns={"area_code": "unit", "avg_score": "imd_score"})
            .assign(imd_decile=np.nan)
        )
    return out


def gradient(
    upload: Upload, reference: Reference, framing: str = "national", groups: int = 10, confidence: float = 0.95
) -> UploadGradient:
    """The upload by national or local IMD decile (or quintile), with SII and RII from :func:`lsc_phm.stats.sii`.

    National groups: each LSOA's published national IMD decile (LSOA uploads only). Local groups: the ICB's units of
    the upload's geography ranked by IMD score (:func:`lsc_phm.stats.quantiles`; MSOAs, wards and districts by their
    population-weighted average score, practices by their published IMD 2025 score), so group 1 is the most deprived
    tenth of the ICB's units, whether or not they are all in the file. Counts: pooled numerators and denominators per
    group with Wilson intervals; values: population-weighted means without an interval.

    Raises
    ------
    ValueError
        For national framing of non-LSOA data, a group count other than 5 or 10.
    """
    if framing not in ("national", "local"):
        raise ValueError("framing must be 'national' or 'local'")
    if groups not in (5, 10):
        raise ValueError("groups must be 5 or 10")
    if framing == "national" and upload.geography != "lsoa":
        raise ValueError(f"national IMD deciles exist for LSOAs only; {upload.label} data is ranked locally")
    units = _unit_deprivation(upload, reference).dropna(subset=["imd_score"])
    if framing == "national":
        units["group"] = np.ceil(units["imd_decile"] / (10 // groups)).astype("int64")
    else:
        units["group"] = quantiles(units["imd_score"], n=groups, invert=True).to_numpy()
    data = upload.data.merge(units, left_on="area_code", right_on="unit", how="inner")
    data = data[data["value"].notna()]
    data["weighted"] = data["value"] * data["population"]
    table = (
        data.groupby("group")
        .agg(
            units=("area_code", "count"),
            population=("population", "sum"),
            numerator=("numerator", lambda s: s.sum(min_count=1)),
            denominator=("denominator", lambda s: s.sum(min_count=1)),
            weighted=("weighted", "sum"),
        )
        .reset_index()
    )
    counts_only = upload.additive and not upload.has_counts
    if counts_only:  # plain counts: summed per group (suppressed below 10) and shown per 1,000 people
        summed = data.groupby("group")["value"].sum()
        table["count"] = table["group"].map(summed).to_numpy()
        table["value"] = 1000.0 * table["count"] / table["population"]
    else:
        table["value"] = table["weighted"] / table["population"]
    table = table.rename(columns={"group": "deprivation_group"}).drop(columns="weighted")
    table["deprivation_group"] = table["deprivation_group"].astype("int64")
    if counts_only:
        table["_total"] = 1
        table = suppress(
            table, "count", threshold=config.SUPPRESSION_THRESHOLD, value_cols=["value", "count"], group_cols="_total"
        ).drop(columns="_total")
        finished = finish_values(
            table.drop(columns=["suppressed", "suppression_reason"]),
            Upload(
                upload.geography, upload.vintage, upload.data, upload.name, "per 1,000 people", upload.polarity, False
            ),
            confidence,
        )
        finished[["suppressed", "suppression_reason"]] = table[["suppressed", "suppression_reason"]].to_numpy()
        finished["method"] = (
            "uploaded counts summed per group, per 1,000 people (IMD population weights of the "
            "group's areas in the file); no interval"
        )
    else:
        finished = finish_values(table, upload, confidence, group_total=True)
    if not upload.has_counts and not counts_only:
        finished["method"] = "population-weighted mean of the uploaded values; no interval"
    finished["group_label"] = [
        f"{g} (most deprived)" if g == 1 else f"{g} (least deprived)" if g == groups else str(g)
        for g in finished["deprivation_group"]
    ]
    word = "deciles" if groups == 10 else "quintiles"
    if framing == "national":
        description = (
            f"National IMD {upload.vintage} {word}: each LSOA's published national group; group 1 = the "
            "most deprived of England (deciles 1-2 = Core20)."
        )
    else:
        description = (
            f"Local {word} of {reference.icb_name}'s {upload.label} areas ranked by IMD score (group 1 = "
            "most deprived locally, not nationally)."
        )
    return UploadGradient(framing, groups, finished, _measures(finished, upload, confidence), description)


def _measures(table: pd.DataFrame, upload: Upload, confidence: float) -> pd.DataFrame:
    rows = []
    if len(table) < 5 or table["value"].isna().any():
        reason = "fewer than 5 groups have data" if len(table) < 5 else "a group is suppressed or has no value"
        return pd.DataFrame(
            [
                {
                    "measure": m,
                    "value": np.nan,
                    "lowercl": np.nan,
                    "uppercl": np.nan,
                    "note": f"cannot be calculated: {reason}",
                }
                for m in ("SII", "RII")
            ]
        )
    ranks = np.arange(1, len(table) + 1)  # groups present, in order (local ridits from the population shares)
    if upload.has_counts:
        result = sii(
            ranks,
            table["population"],
            numerator=table["numerator"],
            denominator=table["denominator"],
            value_type="proportion",
            multiplier=100,
            confidence=confidence,
            repetitions=SII_REPETITIONS,
            seed=SII_SEED,
        )
        suffix = f"{confidence * 100:.1f}".replace(".", "_")
        for name in ("sii", "rii"):
            rows.append(
                {
                    "measure": name.upper(),
                    "value": float(result[name].iloc[0]),
                    "lowercl": float(result[f"{name}_lower{suffix}cl"].iloc[0]),
                    "uppercl": float(result[f"{name}_upper{suffix}cl"].iloc[0]),
                    "note": "simulated limits (Fingertips method)",
                }
            )
    else:
        result = sii(
            ranks,
            table["population"],
            table["value"],
            se=np.zeros(len(table)),
            value_type="normal",
            confidence=confidence,
            repetitions=1000,
            seed=SII_SEED,
        )
        for name in ("sii", "rii"):
            rows.append(
                {
                    "measure": name.upper(),
                    "value": float(result[name].iloc[0]),
                    "lowercl": np.nan,
                    "uppercl": np.nan,
                    "note": "point estimate only: no counts, so no interval",
                }
            )
    frame = pd.DataFrame(rows)
    for column in ("value", "lowercl", "uppercl"):
        frame[column] = frame[column].round(3)
    return frame
