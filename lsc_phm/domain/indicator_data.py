"""Indicator values as every view shows them: with intervals, England comparison, disclosure control and metadata.

A number on screen, in a CSV download, in the CLI and in a briefing comes from :func:`values`, so all of them carry
the same suppression, rounding and metadata.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: comparing with a benchmark (single confidence interval
   rule), Wilson score intervals for proportions. https://fingertips.phe.org.uk/profile/guidance
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain.geography import Icb, check_level
from lsc_phm.stats import compare_many, suppress, wilson_ci
from lsc_phm.store.db import Database

CI_METHOD_TEXT: dict[str, str] = {
    "wilson": "Wilson score interval (computed from the count and denominator)",
    "published": "95% confidence interval as published",
    "none": "no confidence interval in the source",
}
EXPORT_COLUMNS: tuple[str, ...] = (
    "area_code", "area_name", "indicator_id", "indicator", "period", "value", "lowercl", "uppercl", "unit",
    "numerator", "denominator", "england_value", "comparison", "confidence", "method", "suppressed",
    "suppression_reason", "source",
)


@dataclass(frozen=True)
class Availability:
    """Which levels and periods an indicator has values for, within one ICB and IMD vintage."""

    indicator_id: str
    levels: tuple[str, ...]
    periods_by_level: dict[str, tuple[str, ...]]

    def periods(self, level: str) -> tuple[str, ...]:
        """Periods available at ``level``, most recent first (empty if none)."""
        return self.periods_by_level.get(level, ())

    def latest(self, level: str) -> str | None:
        """The most recent period at ``level``, or None."""
        periods = self.periods(level)
        return periods[0] if periods else None


def availability_table(db: Database, icb: Icb) -> pd.DataFrame:
    """Return one row per indicator x level x period that has data for the ICB's areas."""
    return db.query("indicator_availability", vintage=icb.imd_vintage, icb=icb.code)


def practice_availability_table(db: Database, icb: Icb) -> pd.DataFrame:
    """Like :func:`availability_table`, for the practice-level indicators (QOF) at ``practice`` and ``pcn`` level."""
    return db.query("practice_availability", icb=icb.code)


_LEVEL_ORDER = ("lsoa", "ward", "district", "place", "sicbl", "icb", "pcn", "practice")


def availability_map(table: pd.DataFrame) -> dict[str, Availability]:
    """Summarise :func:`availability_table` for every registered indicator in one pass.

    Returns
    -------
    dict
        Indicator id -> :class:`Availability` (levels smallest first, periods most recent first); indicators with
        no data for the ICB and vintage map to an empty :class:`Availability`.
    """
    ordered = table.sort_values(["indicator_id", "period_sort"], ascending=[True, False], na_position="last")
    periods: dict[str, dict[str, list[str]]] = {}
    for indicator_id, level, period in ordered[["indicator_id", "level", "period"]].itertuples(index=False):
        periods.setdefault(indicator_id, {}).setdefault(level, []).append(period)
    result = {}
    for indicator_id in indicators.all_ids():
        by_level = periods.get(indicator_id, {})
        levels = tuple(level for level in _LEVEL_ORDER if level in by_level)
        result[indicator_id] = Availability(indicator_id, levels, {lv: tuple(by_level[lv]) for lv in levels})
    return result


def availability(table: pd.DataFrame, indicator_id: str) -> Availability:
    """Summarise :func:`availability_table` for one indicator (levels ordered smallest first)."""
    indicators.get(indicator_id)
    return availability_map(table[table["indicator_id"] == indicator_id])[indicator_id]


def _source_text(indicator: indicators.Indicator, db: Database) -> str:
    catalogue = db.query("datasets").set_index("dataset")
    titles = [f"{catalogue.loc[key, 'publisher']}: {catalogue.loc[key, 'title']}"
              for key in indicator.sources if key in catalogue.index]
    return "; ".join(titles)


def values(
    db: Database,
    icb: Icb,
    indicator_id: str,
    level: str,
    period: str,
    confidence: float = 0.95,
    threshold: int = config.SUPPRESSION_THRESHOLD,
) -> pd.DataFrame:
    """Return one indicator's values for the ICB's areas at ``level`` and ``period``, ready to show or export.

    Parameters
    ----------
    db : Database
    icb : Icb
    indicator_id : str
        A registry id.
    level : str
        Geography level (lsoa, ward, district, place, sicbl, icb; practice and pcn for QOF).
    period : str
        Period label as stored (see :func:`availability`).
    confidence : {0.95, 0.998}, default 0.95
        Level of the interval used for the England comparison. Wilson intervals are recomputed at that level from
        the counts; published intervals exist at 95% only, so at 99.8% those values are "Not compared".
    threshold : int, default ``config.SUPPRESSION_THRESHOLD``
        Counts below this are suppressed with their value and interval (with secondary suppression across the
        areas, whose total is published at the level above).

    Returns
    -------
    pandas.DataFrame
        :data:`EXPORT_COLUMNS`: one row per area (areas with no value keep a null value).

    Raises
    ------
    ValueError
        For an unknown indicator or level, or a confidence level other than 0.95 or 0.998.
    """
    indicator = indicators.get(indicator_id)
    check_level(level, ("lsoa", "ward", "district", "place", "sicbl", "icb", "pcn", "practice"))
    if confidence not in (0.95, 0.998):
        raise ValueError("confidence must be 0.95 or 0.998")
    if level in ("pcn", "practice"):
        frame = db.query("practice_values", indicator=indicator_id, icb=icb.code, level=level, period=str(period))
    else:
        frame = db.query("indicator_values", indicator=indicator_id, vintage=icb.imd_vintage, icb=icb.code,
                         level=level, period=str(period))
    if indicator.ci_method == "wilson" and confidence != 0.95:
        has_counts = frame["numerator"].notna() & (frame["denominator"] > 0)
        limits = wilson_ci(frame.loc[has_counts, "numerator"], frame.loc[has_counts, "denominator"], confidence)
        frame.loc[has_counts, "lowercl"] = 100.0 * limits["lowercl"].to_numpy()
        frame.loc[has_counts, "uppercl"] = 100.0 * limits["uppercl"].to_numpy()
    elif indicator.ci_method == "published" and confidence != 0.95:
        frame["lowercl"] = np.nan
        frame["uppercl"] = np.nan
    frame["comparison"] = compare_many(
        frame["value"], frame["lowercl"], frame["uppercl"], frame["england_value"], indicator.polarity, confidence
    ).to_numpy()
    if not indicator.has_ci:
        frame["comparison"] = "Not compared (no confidence interval)"
    frame["numerator"] = frame["numerator"].astype("float64")
    frame["_published_total"] = 1
    frame = suppress(frame, "numerator", threshold=threshold, value_cols=["value", "lowercl", "uppercl", "comparison"],
                     group_cols="_published_total").drop(columns="_published_total")
    frame.loc[frame["suppressed"], "comparison"] = "Suppressed"
    decimals = indicator.decimals
    for column in ("value", "lowercl", "uppercl", "england_value"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").round(decimals)
    frame["indicator_id"] = indicator.id
    frame["indicator"] = indicator.name
    frame["unit"] = indicator.unit
    frame["confidence"] = f"{confidence:.1%}".replace(".0%", "%") if indicator.has_ci else ""
    frame["method"] = CI_METHOD_TEXT[indicator.ci_method]
    frame["source"] = _source_text(indicator, db)
    frame["period"] = str(period)
    return frame[list(EXPORT_COLUMNS)]


def series(db: Database, icb: Icb, indicator_id: str, area_codes: list[str]) -> pd.DataFrame:
    """Return every period of an indicator for the given areas (and England if listed), oldest first."""
    indicators.get(indicator_id)
    frame = db.query("indicator_series", indicator=indicator_id, vintage=icb.imd_vintage, codes=list(area_codes))
    return frame.sort_values(["area_code", "period_sort"])
