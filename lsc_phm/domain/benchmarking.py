"""Benchmarking: spine-chart data (an area against England and the range across English local authorities) and the
recent-trend marker.

The spine chart follows the Fingertips area profile layout: one row per indicator, England at the centre, the range
of all English districts and unitary authorities from worst to best (lowest to highest for indicators with no
judgement) with the 25th-75th percentile band, and the area's value coloured and labelled by its significance
against England (single confidence interval rule, :func:`lsc_phm.stats.compare_many`).

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: spine charts; comparing with a benchmark; recent trends.
   https://fingertips.phe.org.uk/profile/guidance
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain import indicator_data
from lsc_phm.domain.geography import Icb
from lsc_phm.render import palette
from lsc_phm.stats import compare_many, suppress, trend
from lsc_phm.store.db import Database

#: Indicators shown on the spine chart: those published (or aggregated) for every English district.
SPINE_INDICATORS: tuple[str, ...] = (
    "le_male",
    "le_female",
    "hle_male",
    "hle_female",
    "sii_le_male",
    "sii_le_female",
    "census_bad_health",
    "census_unpaid_care",
    "census_household_deprived",
    "cigarette_smokers_annual",
    "smoking_adults",
    "smoking_routine_manual",
    "cigarette_smokers_5yr",
    "cancer_stage_1_2",
    "preventable_cvd_mortality",
    "dental_decay_5yo",
    "health_checks_received",
    "depression_prevalence_fingertips",
    "adult_obesity",
    "reception_excess_weight",
    "year6_excess_weight",
    "imd_score",
    "income_deprivation_rate",
    "core20_population_share",
    "pct_aged_65_plus",
    "pct_aged_0_15",
    "pct_ethnic_minority",
    "pct_disabled",
)
SPINE_COLUMNS: tuple[str, ...] = (
    "indicator_id",
    "indicator",
    "unit",
    "polarity",
    "period",
    "count",
    "value",
    "lowercl",
    "uppercl",
    "england_value",
    "comparison",
    "comparison_basis",
    "worst",
    "q25",
    "q75",
    "best",
    "districts",
    "range_label",
    "suppressed",
)


def spine(
    db: Database, icb: Icb, area_code: str, confidence: float = 0.95, indicator_ids: tuple[str, ...] = SPINE_INDICATORS
) -> pd.DataFrame:
    """Spine-chart rows for one district or place (each indicator's most recent period for the area).

    Parameters
    ----------
    db : Database
    icb : Icb
        Gives the IMD vintage for LSOA-based measures.
    area_code : str
        A district or place code.
    confidence : {0.95, 0.998}, default 0.95
        Level of the England comparison. Wilson intervals are recomputed from counts; published intervals are 95%
        only, so at 99.8% they are "Not compared".
    indicator_ids : tuple of str

    Returns
    -------
    pandas.DataFrame
        :data:`SPINE_COLUMNS` plus ``pos_value``, ``pos_worst``, ``pos_q25``, ``pos_q75``, ``pos_best`` (0-1
        positions for the chart: England at 0.5, worst (or lowest) towards 0, best (or highest) towards 1, scaled by
        the largest distance from England to either end). ``worst``/``best`` are the minimum/maximum over English
        districts in the same period, oriented by polarity.

    Raises
    ------
    ValueError
        For a confidence level other than 0.95 or 0.998, or an unknown indicator.
    """
    if confidence not in (0.95, 0.998):
        raise ValueError("confidence must be 0.95 or 0.998")
    registry = {i: indicators.get(i) for i in indicator_ids}
    frame = db.query("spine_area_values", area_code=area_code, vintage=icb.imd_vintage, indicators=list(indicator_ids))
    if frame.empty:
        return pd.DataFrame(columns=list(SPINE_COLUMNS))
    rows = []
    for record in frame.to_dict("records"):
        indicator = registry[record["indicator_id"]]
        compared = indicator_data.compare_with_england(pd.DataFrame([record]), indicator, confidence).iloc[0]
        low, high, comparison = compared["lowercl"], compared["uppercl"], compared["comparison"]
        lowest, highest = record["district_min"], record["district_max"]
        if indicator.polarity == "low_is_good":
            worst, best, q_worst, q_best = highest, lowest, record["district_q75"], record["district_q25"]
            label = "worst to best"
        elif indicator.polarity == "high_is_good":
            worst, best, q_worst, q_best = lowest, highest, record["district_q25"], record["district_q75"]
            label = "worst to best"
        else:
            worst, best, q_worst, q_best = lowest, highest, record["district_q25"], record["district_q75"]
            label = "lowest to highest (no judgement)"
        rows.append(
            {
                "indicator_id": indicator.id,
                "indicator": indicator.name,
                "unit": indicator.unit,
                "polarity": indicator.polarity,
                "period": record["period"],
                "count": record["numerator"],
                "value": record["value"],
                "lowercl": low,
                "uppercl": high,
                "england_value": record["england_value"],
                "comparison": comparison,
                "comparison_basis": compared["comparison_basis"],
                "worst": worst,
                "q25": q_worst,
                "q75": q_best,
                "best": best,
                "districts": record["districts"],
                "range_label": label,
            }
        )
    out = pd.DataFrame(rows)
    out["count"] = out["count"].astype("float64")
    # a structural zero (indicators.Indicator.structural_zero) is shown as 0, not hidden as a small count
    structural = ((out["count"] == 0) & out["indicator_id"].map(lambda i: bool(registry[i].structural_zero))).to_numpy()
    out.loc[structural, "count"] = np.nan
    out = suppress(
        out, "count", threshold=config.SUPPRESSION_THRESHOLD, value_cols=["value", "lowercl", "uppercl", "comparison"]
    )
    out.loc[structural, "count"] = 0.0
    out.loc[out["suppressed"], "comparison"] = "Suppressed"
    out = out.drop(columns="suppression_reason")
    # chart positions: England at 0.5; the worse end (or lower, for no judgement) towards 0
    sign = np.where(out["polarity"] == "low_is_good", -1.0, 1.0)
    england = out["england_value"].astype("float64")
    half_range = np.maximum((out["worst"] - england).abs(), (out["best"] - england).abs()).replace(0, np.nan)
    for column in ("value", "worst", "q25", "q75", "best"):
        out[f"pos_{column}"] = (0.5 + 0.5 * sign * (out[column].astype("float64") - england) / half_range).clip(0, 1)
    order = {i: n for n, i in enumerate(indicator_ids)}
    out = out.sort_values("indicator_id", key=lambda s: s.map(order)).reset_index(drop=True)
    for column in ("value", "lowercl", "uppercl", "england_value", "worst", "q25", "q75", "best"):
        out[column] = pd.to_numeric(out[column], errors="coerce").round(2)
    return out


TREND_MEANING = (
    "Recent trend (Fingertips method): chi-square test for linear trend in the proportion over the last 5 "
    "periods with counts, at the 99.8% level; ↑ increasing, ↓ decreasing, → no significant change, with "
    "'getting better/worse' from the indicator's polarity. Only periods of the same kind as the latest "
    "(single years, or pooled) are used. Where OHID publishes its own recent trend for the latest period "
    '(also for rates and standardised values), that is shown instead, labelled "OHID\'s trend".'
)
#: Suffix marking a trend taken from the publisher (OHID) rather than computed here.
OHID_TREND = " (OHID's trend)"

TREND_ARROWS = palette.TREND_ARROWS


def trend_arrow(marker: str) -> str:
    """The arrow for a :func:`trend_marker` result ("" when the test did not run)."""
    return palette.trend_arrow(marker)


#: Why the chi-square test for trend is not applied to a published proportion whose publisher's limits are not binomial
#: (Wilson) limits of its count and denominator (e.g. children in low-income families, survey-weighted measures).
NOT_BINOMIAL = (
    "Trend test not applicable: the publisher's limits show its counts are not simple binomial counts "
    "(the chi-square test for trend assumes they are); OHID's own trend is shown where it publishes one"
)


def binomial_counts(indicator: indicators.Indicator) -> bool:
    """Whether an indicator's counts are binomial counts over their denominators, as the chi-square test for trend
    assumes: counted here (Wilson limits), or published with OHID's Wilson limits (``WILSON_PUBLISHED_TAG``).

    OHID's children in absolute low-income families (93701) are an example that is not: its counts are DWP's
    (rounded) and its limits are not Wilson limits of them, and a chi-square test on its counts of about 10 million
    children finds a "significant" trend in year-to-year noise (England 15.4%, 16.1%, 15.6%, 15.3%, 15.6%: decreasing
    by the test; OHID: no significant change).
    """
    if indicator.ci_method == "wilson":
        return True
    return indicator.ci_method == "published" and (
        indicators.WILSON_PUBLISHED_TAG in indicator.tags or indicator.id in indicators.WILSON_WHERE_NOT_PUBLISHED
    )


def trend_marker(series: pd.DataFrame, indicator: indicators.Indicator, n_points: int = 5) -> str:
    """The Fingertips recent-trend wording for one area's series, or why it does not apply.

    Parameters
    ----------
    series : pandas.DataFrame
        One area's rows with ``period_sort``, ``numerator`` and ``denominator`` (from
        :func:`lsc_phm.domain.indicator_data.series`).
    indicator : Indicator
    n_points : int, default 5
        Periods the chi-square test for trend uses (Fingertips: the last 5).

    Returns
    -------
    str
        E.g. "Increasing and getting worse", "No significant change", "Trend test not applicable: no counts", or
        "Trend test not applicable: needs 5 periods with counts, has 2".
    """
    ordered = series.sort_values("period_sort")
    if "period" in ordered and not ordered.empty:
        # never mix single-year and pooled periods: keep the periods of the same kind as the latest
        kind = re.sub(r"\d", "9", str(ordered["period"].iloc[-1]))
        ordered = ordered[[re.sub(r"\d", "9", str(p)) == kind for p in ordered["period"]]]
    if not indicator.is_crude:
        return f"Trend test not applicable: {indicator.standardisation} values (the test is for crude proportions)"
    with_counts = ordered.dropna(subset=["numerator", "denominator"])
    with_counts = with_counts[with_counts["denominator"] > 0]
    if with_counts.empty or indicator.value_type not in ("proportion",):
        return "Trend test not applicable: no counts"
    if not binomial_counts(indicator):
        return NOT_BINOMIAL
    if len(with_counts) < n_points:
        return f"Trend test not applicable: needs {n_points} periods with counts, has {len(with_counts)}"
    result = trend(with_counts["numerator"], with_counts["denominator"], indicator.polarity, 0.998, n_points)
    return str(result["trend"].iloc[0])


def recent_trend(series: pd.DataFrame, indicator: indicators.Indicator, n_points: int = 5) -> str:
    """The recent trend to show for one area's series: OHID's own published trend for the latest period where it
    gives one (labelled), else :func:`trend_marker` (computed here by the Fingertips method, or why not).

    Parameters
    ----------
    series : pandas.DataFrame
        One area's rows with ``period``, ``period_sort``, ``numerator``, ``denominator`` and, optionally,
        ``published_trend`` (from :func:`lsc_phm.domain.indicator_data.series`).

    Examples
    --------
    >>> from lsc_phm import indicators
    >>> frame = pd.DataFrame({"period": ["2022", "2023"], "period_sort": [2022.0, 2023.0], "numerator": [None, None],
    ...                       "denominator": [None, None], "published_trend": [None, "Decreasing and getting better"]})
    >>> recent_trend(frame, indicators.get("alcohol_related_mortality"))
    "Decreasing and getting better (OHID's trend)"
    """
    if "published_trend" in series and not series.empty:
        latest = series.sort_values("period_sort").iloc[-1]["published_trend"]
        if isinstance(latest, str) and latest.startswith(tuple(TREND_ARROWS)):
            return latest + OHID_TREND
    return trend_marker(series, indicator, n_points)


def recent_trends(db: Database, icb: Icb, indicator_id: str, area_codes: list[str]) -> dict[str, str]:
    """:func:`recent_trend` for several areas of one indicator, from one series query (area code -> wording)."""
    indicator = indicators.get(indicator_id)
    codes = [str(code) for code in dict.fromkeys(area_codes) if isinstance(code, str) and code]
    if not codes:
        return {}
    history = indicator_data.series(db, icb, indicator_id, codes)
    history = history[history["value"].notna()]
    return {code: recent_trend(history[history["area_code"] == code], indicator) for code in codes}


def series_comparison(series: pd.DataFrame, indicator: indicators.Indicator, level: float = 0.95) -> pd.DataFrame:
    """Add a ``comparison`` column to a trend series: each local point against England's value in the same period.

    The Fingertips single-interval rule (:func:`lsc_phm.stats.compare_many`): *better/worse* (or *higher/lower*)
    only when England's value lies outside the point's confidence interval; "Not compared (no confidence interval)"
    for points without one or without an England value that period. England's own rows get an empty label.

    Parameters
    ----------
    series : pandas.DataFrame
        ``area_code``, ``period``, ``value``, ``lowercl``, ``uppercl`` and ``is_england`` (as
        :func:`lsc_phm.views.inequality_series.published_series` returns).
    indicator : Indicator
        For its polarity.
    level : float, default 0.95
        Level of the supplied intervals (published intervals are 95%).

    Returns
    -------
    pandas.DataFrame
        A copy of ``series`` with ``england_value`` and ``comparison``.

    Raises
    ------
    ValueError
        If a required column is missing.
    """
    needed = {"area_code", "period", "value", "lowercl", "uppercl", "is_england"}
    missing = needed - set(series.columns)
    if missing:
        raise ValueError(f"series lacks columns {sorted(missing)}")
    out = series.copy()
    is_england = out["is_england"].astype(bool)
    england = out.loc[is_england].drop_duplicates("period").set_index("period")["value"]
    out["england_value"] = out["period"].map(england).astype(float)
    comparable = (
        ~is_england
        & out["value"].notna()
        & out["lowercl"].notna()
        & out["uppercl"].notna()
        & out["england_value"].notna()
    ).to_numpy()
    labels = np.full(len(out), "Not compared (no confidence interval)", dtype=object)
    if comparable.any():
        labels[comparable] = compare_many(
            out.loc[comparable, "value"].astype(float),
            out.loc[comparable, "lowercl"].astype(float),
            out.loc[comparable, "uppercl"].astype(float),
            out.loc[comparable, "england_value"].astype(float),
            indicator.polarity,
            level,
        ).to_numpy()
    labels[is_england.to_numpy()] = ""
    out["comparison"] = labels
    return out
