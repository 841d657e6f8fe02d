"""Page data for the inequalities page: indicator values by deprivation group, SII/RII, gaps and published series.

Three kinds of unit can be ranked by deprivation:

* **LSOAs** (neighbourhoods) for LSOA-based measures (deprivation domains, Census 2021 PLUS measures, age shares).
  Groups are either *national* IMD deciles/quintiles (each LSOA's published national decile: the Core20 framing) or
  *local* deciles/quintiles of the LSOAs' IMD scores within the ICB or one place (Fingertips "assigning deprivation
  categories", :func:`lsc_phm.stats.quantiles`).
* **Electoral wards**, ranked locally by their population-weighted average IMD score.
* **GP practices** for QOF registers and GP-recorded smoking (OHID Fingertips 91547, published per practice), ranked
  locally by the practice's published IMD 2025 score (OHID Fingertips 94240) with groups weighted by list size (the
  indicator's denominator for smoking), because no practice-to-LSOA file is in the data.
* **Primary care networks** (the ICB's neighbourhoods) for QOF registers: each PCN's registers and list sizes
  summed over its practices, ranked by the list-weighted average of its practices' scores (:mod:`lsc_phm.domain.pcn`);
  also OHID's own PCN values (breast screening) and GP-recorded smoking summed from OHID's practice counts.

Counts and denominators are summed per group in SQL (national groups) or here after the local assignment; intervals
are Wilson score intervals from the pooled counts (:func:`lsc_phm.stats.wilson_ci`). Measures without counts are
shown as population-weighted means without an interval. The SII, RII and gaps come from :mod:`lsc_phm.stats`.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: assigning deprivation categories; slope index of
   inequality. https://fingertips.phe.org.uk/profile/guidance
.. [2] Low A, Low A. Measuring the gap: quantifying and comparing local health inequalities. J Public Health
   2004;26:388-395.
.. [3] NHS England. Core20PLUS5: an approach to reducing healthcare inequalities (2021).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain import benchmarking, geography, indicator_data, pcn
from lsc_phm.domain.geography import Icb
from lsc_phm.stats import core20_gap, funnel_limits, funnel_significance, gap, quantiles, sii, suppress, wilson_ci
from lsc_phm.store.db import Database

Unit = Literal["lsoa", "ward", "practice", "pcn"]
Framing = Literal["national", "local"]

#: Fixed seed for the simulated SII limits, so that the page, exports and tests give the same figures.
SII_SEED = 20240501
SII_REPETITIONS = 100_000
#: Weighted R-squared below which the gradient is called far from straight.
LINEARITY_THRESHOLD = 0.7

UNIT_LABELS: dict[str, str] = {
    "lsoa": "Neighbourhoods (LSOAs)",
    "ward": "Electoral wards",
    "practice": "GP practices (QOF, OHID)",
    "pcn": "Primary care networks (QOF, OHID)",
}
#: Indicators that can be shown by deprivation group, per unit.
GRADIENT_INDICATORS: dict[str, tuple[str, ...]] = {
    # health outcomes first (the page opens on the first one with data: bad or very bad health with IMD 2025, modelled
    # CKD with IMD 2019); demographics next; IMD domains last, as deprivation measures (modelled, no significance test)
    "lsoa": ("census_bad_health", "modelled_ckd_prevalence", "census_unpaid_care", "census_unpaid_care_50h",
             "census_household_deprived", "modelled_stroke_prevalence", "pct_disabled", "pct_ethnic_minority",
             "pct_aged_65_plus", "pct_aged_0_15", "income_deprivation_rate", "employment_deprivation_rate"),
    "ward": ("census_bad_health", "modelled_ckd_prevalence", "census_unpaid_care", "census_household_deprived",
             "modelled_stroke_prevalence", "pct_disabled", "pct_ethnic_minority", "pct_aged_65_plus", "pct_aged_0_15",
             "income_deprivation_rate"),
    # QOF registers, then GP-recorded smoking 15+ as OHID publishes it per practice (Fingertips 91547)
    "practice": tuple(f"qof_{code.lower()}" for code in indicators.QOF_GROUPS) + ("smoking_qof_15plus",),
    # QOF registers summed here from practices, then what OHID publishes for PCNs (lsc_phm.domain.pcn.PUBLISHED_IDS),
    # then OHID's practice counts of smokers summed here into whole PCNs (lsc_phm.domain.pcn.SUMMED_IDS)
    "pcn": tuple(f"qof_{code.lower()}" for code in indicators.QOF_GROUPS) + ("breast_screening_53_70",
                                                                            "smoking_qof_15plus"),
}
GROUP_COLUMNS: tuple[str, ...] = (
    "deprivation_group", "group_label", "units", "population", "numerator", "denominator", "value", "lowercl",
    "uppercl", "confidence", "method", "suppressed", "suppression_reason",
)


class NoData(ValueError):
    """An indicator has no values for this ICB (or area) at the unit asked for.

    Not a fault: any English ICB can be configured, and some sources cover only part of England (the GP practice
    deprivation scores in the data are Lancashire and South Cumbria's). Pages show the message as "no data for this
    ICB" instead of a chart; the message says which indicator, unit and period are missing and why.
    """


def group_label(group: int, groups: int) -> str:
    """Axis label of a deprivation group: ``"1 (most deprived)"`` ... ``"10 (least deprived)"``."""
    if group == 1:
        return "1 (most deprived)"
    if group == groups:
        return f"{groups} (least deprived)"
    return str(group)


def group_word(groups: int) -> str:
    """'fifth' for quintiles, 'tenth' for deciles."""
    return {5: "fifth", 10: "tenth"}.get(groups, f"1/{groups}")


def _check(unit: str, framing: str, groups: int) -> None:
    if unit not in UNIT_LABELS:
        raise ValueError(f"unit must be one of {', '.join(UNIT_LABELS)}, not '{unit}'")
    if framing not in ("national", "local"):
        raise ValueError(f"framing must be 'national' or 'local', not '{framing}'")
    if framing == "national" and unit != "lsoa":
        raise ValueError("national deciles exist for LSOAs only: wards, practices and PCNs are ranked locally")
    if groups not in (5, 10):
        raise ValueError("groups must be 5 (quintiles) or 10 (deciles)")


def periods(db: Database, icb: Icb, indicator_id: str, unit: str) -> tuple[str, ...]:
    """Periods (most recent first) in which the indicator has values at ``unit`` level for the ICB."""
    indicators.get(indicator_id)
    if unit == "pcn" and not indicator_id.startswith("qof_"):
        return pcn.published_periods(db, icb, indicator_id)
    if unit == "practice" and not indicator_id.startswith("qof_"):  # OHID's practice series, its own period labels
        table = indicator_data.practice_availability_table(db, icb)
        table = table[(table["indicator_id"] == indicator_id) & (table["level"] == "practice")]
        return tuple(table.sort_values("period_sort", ascending=False)["period"])
    if unit in ("practice", "pcn"):
        return tuple(db.query("ineq_practice_periods", icb=icb.code)["period"])
    table = indicator_data.availability_table(db, icb)
    return indicator_data.availability(table, indicator_id).periods(unit)


def unit_values(db: Database, icb: Icb, indicator_id: str, unit: str, period: str, area: str = "") -> pd.DataFrame:
    """One row per LSOA, ward or practice with its deprivation score, population weight, value and counts.

    Parameters
    ----------
    area : str, default ""
        A place code (LSOAs, wards) or sub-ICB code (practices, PCNs) to restrict to; "" = the whole ICB.
    """
    indicators.get(indicator_id)
    if unit == "lsoa":
        return db.query("ineq_lsoa_values", indicator=indicator_id, vintage=icb.imd_vintage, icb=icb.code,
                        place=area, period=str(period))
    if unit == "ward":
        return db.query("ineq_ward_values", indicator=indicator_id, vintage=icb.imd_vintage, icb=icb.code,
                        place=area, period=str(period))
    if unit == "practice" and not indicator_id.startswith("qof_"):  # OHID's practice values (e.g. 91547)
        return db.query("ineq_practice_ohid_values", indicator=indicator_id, icb=icb.code, sicbl=area,
                        period=str(period))
    if unit == "practice":
        return db.query("ineq_practice_values", indicator=indicator_id, icb=icb.code, sicbl=area, period=str(period))
    if unit == "pcn" and not indicator_id.startswith("qof_"):  # OHID's PCN values, or its practice counts summed
        return db.query("ineq_pcn_published_values", indicator=indicator_id, icb=icb.code, sicbl=area,
                        period=str(period), ci_source=pcn.store_ci_source(indicator_id))
    if unit == "pcn":
        return db.query("ineq_pcn_values", indicator=indicator_id, icb=icb.code, sicbl=area, period=str(period))
    raise ValueError(f"unit must be one of {', '.join(UNIT_LABELS)}, not '{unit}'")


def practice_source_note(practices: pd.DataFrame, period: str) -> str:
    """Whose practice values and limits a table of an OHID practice indicator holds (e.g. GP-recorded smoking).

    ``practices`` comes from :func:`lsc_phm.domain.indicator_data.values` at practice level; its ``method`` says for
    each row whether OHID published the limits or they were computed here (Wilson) from OHID's count and denominator.
    """
    published = int(practices["method"].str.startswith("published by OHID").sum())
    computed = int(practices["method"].str.startswith("value, count and denominator published by OHID").sum())
    limits = (f"95% limits as published by OHID for {published} practices" if published else "") + \
        ("; " if published and computed else "") + \
        (f"no limits published for {computed} practices, so Wilson limits are computed here from OHID's count and "
         "denominator" if computed else "")
    return (f"{period}: values, counts and denominators **published by OHID** (Fingertips, per practice); "
            f"{limits or 'no limits'}. Counts below 10 are suppressed.")


def weighted_groups(scores: pd.Series, weights: pd.Series, groups: int) -> pd.Series:
    """Deprivation groups holding roughly equal shares of the total weight (e.g. registered patients).

    Units are sorted from most to least deprived (highest score first); a unit goes to group
    ``floor(K * m) + 1``, where ``m`` is the midpoint of its slice of the cumulative weight (0-1). Each group then
    holds about 1/K of the weight, as population-weighted deciles do.

    Raises
    ------
    ValueError
        If a score or weight is missing or a weight is not positive.
    """
    if scores.isna().any() or weights.isna().any() or (weights <= 0).any():
        raise ValueError("scores and weights must be present and weights greater than zero")
    order = scores.sort_values(ascending=False, kind="mergesort").index
    w = weights.loc[order].astype("float64")
    midpoint = (w.cumsum() - w / 2.0) / w.sum()
    group = np.minimum(np.floor(midpoint * groups) + 1, groups)
    return pd.Series(group.to_numpy(), index=order, name="quantile").reindex(scores.index)


def assign_local_groups(units: pd.DataFrame, unit: str, groups: int) -> pd.Series:
    """Local deprivation group (1 = most deprived) of each unit.

    LSOAs and wards: :func:`lsc_phm.stats.quantiles` of their IMD scores (equal numbers of units, ties share a
    group). Practices and PCNs: :func:`weighted_groups` by list size.
    """
    if unit in ("practice", "pcn"):
        return weighted_groups(units["imd_score"], units["population"], groups)
    return quantiles(units["imd_score"], n=groups, invert=True)


def _aggregate(units: pd.DataFrame, group: pd.Series) -> pd.DataFrame:
    frame = units.assign(deprivation_group=group.to_numpy()).dropna(subset=["deprivation_group"])
    frame["weighted"] = frame["population"] * frame["value"]
    out = frame.groupby("deprivation_group").agg(
        units=("unit_code", "count"), population=("population", "sum"),
        numerator=("numerator", lambda s: s.sum(min_count=1)),
        denominator=("denominator", lambda s: s.sum(min_count=1)),
        units_with_counts=("numerator", "count"), weighted=("weighted", "sum"),
    ).reset_index()
    out["weighted_value"] = out["weighted"] / out["population"]
    out["deprivation_group"] = out["deprivation_group"].astype("int64")
    return out.drop(columns="weighted")


def _finish(aggregated: pd.DataFrame, indicator: indicators.Indicator, groups: int, confidence: float,
            threshold: int) -> pd.DataFrame:
    """Values and Wilson intervals per group (counts) or population-weighted means (no counts), suppressed."""
    frame = aggregated.copy()
    # counts pool into a Wilson interval for proportions: computed here (QOF, Census), or published by OHID with the
    # publisher's own Wilson limits (e.g. breast screening by PCN: the group pools OHID's counts and denominators)
    wilson = indicator.ci_method == "wilson" or indicators.WILSON_PUBLISHED_TAG in indicator.tags
    has_counts = (wilson and frame["numerator"].notna().all()
                  and (frame["units_with_counts"] == frame["units"]).all() and (frame["denominator"] > 0).all())
    if has_counts:
        limits = wilson_ci(frame["numerator"], frame["denominator"], confidence)
        frame["value"] = 100.0 * frame["numerator"] / frame["denominator"]
        frame["lowercl"] = 100.0 * limits["lowercl"].to_numpy()
        frame["uppercl"] = 100.0 * limits["uppercl"].to_numpy()
        frame["confidence"] = f"{confidence:.1%}".replace(".0%", "%")
        frame["method"] = "Wilson score interval from the pooled count and denominator of the group"
    else:
        frame["value"] = frame["weighted_value"]
        frame["lowercl"] = np.nan
        frame["uppercl"] = np.nan
        frame["numerator"] = np.nan
        frame["denominator"] = np.nan
        frame["confidence"] = ""
        frame["method"] = "population-weighted mean of the units' values; no counts, so no confidence interval"
    frame["numerator"] = frame["numerator"].astype("float64")
    frame["_total"] = 1
    frame = suppress(frame, "numerator", threshold=threshold, value_cols=["value", "lowercl", "uppercl"],
                     group_cols="_total").drop(columns="_total")
    frame["group_label"] = [group_label(int(g), groups) for g in frame["deprivation_group"]]
    for column in ("value", "lowercl", "uppercl"):
        frame[column] = frame[column].round(max(indicator.decimals, 2))
    return frame[list(GROUP_COLUMNS)].sort_values("deprivation_group").reset_index(drop=True)


@dataclass(frozen=True)
class Gradient:
    """An indicator by deprivation group, with the words needed to read it."""

    indicator_id: str
    unit: str
    framing: str
    groups: int
    period: str
    area: str
    table: pd.DataFrame
    units: pd.DataFrame
    description: str

    @property
    def has_ci(self) -> bool:
        """Whether the groups carry confidence intervals (counts were available)."""
        return bool(self.table["lowercl"].notna().any())


def gradient(db: Database, icb: Icb, indicator_id: str, unit: str = "lsoa", framing: str = "national",
             groups: int = 10, period: str | None = None, area: str = "", confidence: float = 0.95,
             threshold: int = config.SUPPRESSION_THRESHOLD) -> Gradient:
    """Return an indicator's value by deprivation group.

    Parameters
    ----------
    db : Database
    icb : Icb
    indicator_id : str
        One of :data:`GRADIENT_INDICATORS` for the unit.
    unit : {"lsoa", "ward", "practice", "pcn"}, default "lsoa"
    framing : {"national", "local"}, default "national"
        National IMD deciles/quintiles (LSOAs only) or groups ranked within the ICB or ``area``.
    groups : {10, 5}, default 10
    period : str, optional
        Default: the most recent period.
    area : str, default ""
        Place code (LSOAs, wards) or sub-ICB code (practices); "" = the whole ICB.
    confidence : {0.95, 0.998}, default 0.95
    threshold : int, default 10
        Group counts below this are suppressed (with secondary suppression).

    Returns
    -------
    Gradient
        ``table`` has :data:`GROUP_COLUMNS` (group 1 = most deprived); ``units`` the per-unit rows with their group.

    Raises
    ------
    NoData
        (a ValueError) If the indicator has no values at that unit for this ICB or area (e.g. practice-level QOF
        where no practice has a published deprivation score); the message starts "no data for".
    ValueError
        For an unknown indicator, unit, framing or group count, or national framing for wards or practices.
    """
    indicator = indicators.get(indicator_id)
    _check(unit, framing, groups)
    if confidence not in (0.95, 0.998):
        raise ValueError("confidence must be 0.95 or 0.998")
    noun = {"lsoa": "LSOA", "ward": "electoral ward", "practice": "GP practice",
            "pcn": "primary care network"}[unit]
    if period is None:
        available = periods(db, icb, indicator_id, unit)
        if not available:
            raise NoData(f"no data for this ICB: {indicator.name} has no values by {noun} for {icb.name} with the "
                         f"IMD {icb.imd_vintage} geography")
        period = available[0]
    units = unit_values(db, icb, indicator_id, unit, period, area)
    if units.empty:
        where = "this ICB" if not area else "the chosen area"
        whole_icb = units if not area else unit_values(db, icb, indicator_id, unit, period)
        why = (" (no GP practice of this ICB has both a register and a published deprivation score, OHID "
               "Fingertips 94240, in the data)" if unit == "practice" and whole_icb.empty else "")
        raise NoData(f"no data for {where}: {indicator.name} has no values by {noun} in {period}{why}")
    word = group_word(groups)
    scope = "the ICB" if not area else "the chosen area"
    if framing == "national":
        aggregated = db.query("ineq_national_deciles", indicator=indicator_id, vintage=icb.imd_vintage, icb=icb.code,
                              place=area, period=str(period), groups=groups)
        units = units.assign(deprivation_group=np.ceil(units["imd_decile"] / (10 // groups)).astype("int64"))
        description = (f"National IMD {'deciles' if groups == 10 else 'quintiles'} (IMD {icb.imd_vintage}): each "
                       f"LSOA's published national {'decile' if groups == 10 else 'quintile'}; group 1 = the most "
                       f"deprived {word} of England (deciles 1-2 = Core20).")
    else:
        group = assign_local_groups(units, unit, groups)
        units = units.assign(deprivation_group=group.to_numpy())
        aggregated = _aggregate(units, group)
        if unit == "practice" and not indicator_id.startswith("qof_"):
            description = (f"Local {'deciles' if groups == 10 else 'quintiles'} of {scope}'s GP practices by their "
                           "published IMD 2025 score (OHID Fingertips 94240), weighted by the indicator's "
                           f"denominator ({indicator.age} patients with a recorded status) so each group holds about "
                           f"a {word} of them; group 1 = most deprived. Practice values, counts and denominators "
                           f"{period} are published by OHID; the group values pool them (computed here).")
        elif unit == "practice":
            description = (f"Local {'deciles' if groups == 10 else 'quintiles'} of {scope}'s GP practices by their "
                           "published IMD 2025 score (OHID Fingertips 94240), weighted by list size so each group "
                           f"holds about a {word} of registered patients; group 1 = most deprived.")
        elif unit == "pcn" and indicator_id in pcn.SUMMED_IDS:
            description = (f"Local {'deciles' if groups == 10 else 'quintiles'} of the {len(units)} primary care "
                           f"networks of {scope} whose every practice has a value (the others have none), ranked by "
                           "the list-weighted average of their practices' published IMD 2025 scores (OHID Fingertips "
                           "94240; averaged here) and weighted by the PCN's denominator; PCN values are computed here "
                           f"by summing OHID's published practice counts ({period}); group 1 = most deprived.")
        elif unit == "pcn" and not indicator_id.startswith("qof_"):
            description = (
                f"Local {'deciles' if groups == 10 else 'quintiles'} of the {len(units)} primary care "
                f"networks of {scope} with a value published by OHID (Fingertips; the other PCNs have "
                "none in the data held), ranked by the list-weighted average of their practices' published "
                "IMD 2025 scores (OHID Fingertips 94240; averaged here) and weighted by OHID's denominators; "
                "PCN values, counts and denominators are OHID's (published); the group values pool them "
                "(computed here); group 1 = most deprived."
            )
        elif unit == "pcn":
            description = (f"Local {'deciles' if groups == 10 else 'quintiles'} of {scope}'s primary care networks "
                           "by the list-weighted average of their practices' published IMD 2025 scores (OHID "
                           "Fingertips 94240; averaged here), weighted by list size so each group holds about a "
                           f"{word} of registered patients; whole PCNs stay in one group; group 1 = most deprived. "
                           "PCN values computed here from QOF practice registers.")
        else:
            noun = "LSOAs" if unit == "lsoa" else "wards"
            description = (f"Local {'deciles' if groups == 10 else 'quintiles'}: {scope}'s {noun} ranked by IMD "
                           f"{icb.imd_vintage} score (Fingertips method, equal numbers of {noun}); group 1 = the most "
                           f"deprived {word} of {scope}, not of England.")
    table = _finish(aggregated, indicator, groups, confidence, threshold)
    return Gradient(indicator_id, unit, framing, groups, str(period), area, table, units, description)


# --------------------------------------------------------------------------------------------------- measures
MEASURE_COLUMNS: tuple[str, ...] = ("measure", "value", "lowercl", "uppercl", "unit", "note")


def _sii_inputs(table: pd.DataFrame) -> str | None:
    """Why an SII cannot be calculated from this table, or None."""
    if table["value"].isna().any():
        return "a group has no value (suppressed or missing)"
    return None


def _absent_groups(table: pd.DataFrame, groups: int) -> list[int]:
    """Group numbers 1..groups with no row in the table (e.g. national decile 1 in an ICB with no such LSOA)."""
    return sorted(set(range(1, groups + 1)) - set(int(g) for g in table["deprivation_group"]))


def _run_sii(table: pd.DataFrame, positions: str, with_ci: bool, confidence: float) -> pd.DataFrame:
    """SII of a gradient table: from the groups' unrounded counts when there are counts.

    The standard errors come from the counts' 95% Wilson limits inside :func:`lsc_phm.stats.sii`, whatever level
    the page shows (earlier the page's 99.8% limits, rounded, were read as 95% limits, which made the 99.8% SII
    interval about 1.58 times too wide); ``confidence`` is only the level of the simulated SII limits.
    """
    groups = table["deprivation_group"].to_numpy()
    if positions == "local":
        # Local ridits need only the order of the groups and the area's population in each, so groups that are
        # absent here (national deciles with no LSOA in the area) are skipped by numbering the present ones 1..K.
        groups = pd.Series(groups).rank(method="dense").astype("int64").to_numpy()
    if with_ci:
        return sii(groups, table["population"], numerator=table["numerator"], denominator=table["denominator"],
                   value_type="proportion", multiplier=100, confidence=confidence, repetitions=SII_REPETITIONS,
                   seed=SII_SEED, positions=positions)
    return sii(groups, table["population"], table["value"], se=np.zeros(len(table)), value_type="normal",
               confidence=confidence, repetitions=1000, seed=SII_SEED, positions=positions)


def _limits(frame: pd.DataFrame, prefix: str, confidence: float) -> tuple[float, float]:
    suffix = f"{confidence * 100:.1f}".replace(".", "_")
    return float(frame[f"{prefix}_lower{suffix}cl"].iloc[0]), float(frame[f"{prefix}_upper{suffix}cl"].iloc[0])


@dataclass(frozen=True)
class Measures:
    """SII, RII and gaps side by side, the end groups' values and the linearity check (R²).

    The sentences that describe them are written by :mod:`lsc_phm.reports.narrative`
    (:func:`~lsc_phm.reports.narrative.gradient_sentence`, :func:`~lsc_phm.reports.narrative.linearity_warning`).
    """

    table: pd.DataFrame
    r_squared: float
    most_deprived: float | None = None
    least_deprived: float | None = None

    @property
    def linear(self) -> bool:
        """Whether a straight line describes the gradient well (weighted R² at least :data:`LINEARITY_THRESHOLD`)."""
        return not (self.r_squared == self.r_squared and self.r_squared < LINEARITY_THRESHOLD)


def measures(db: Database, icb: Icb, result: Gradient, confidence: float = 0.95) -> Measures:
    """Local SII, national ("new") SII, RII, most-vs-least-deprived gap and Core20-vs-rest gap for a gradient.

    Parameters
    ----------
    result : Gradient
        From :func:`gradient`; its table gives the local SII, RII and the gap.
    confidence : {0.95, 0.998}, default 0.95
        Level of every interval (the SII limits are simulated, seed :data:`SII_SEED`).

    Returns
    -------
    Measures
        ``table`` has :data:`MEASURE_COLUMNS`, one row per measure; limits are NaN where no interval applies, and
        ``note`` says why.

    Notes
    -----
    * The SII, RII and gap are computed from the groups' unrounded counts (standard errors from the counts, not
      from the rounded limits shown). RII and gap ratio both read most deprived / least deprived
      (:data:`lsc_phm.stats.RII_DIRECTION`).
    * Local SII: ridits from the area's own population in each group (Low & Low). National ("new") SII: LSOAs in
      national IMD deciles, ridits at the national positions 0.05, 0.15, ... (each national decile holds a tenth
      of England's LSOAs); it needs all ten deciles to be present. A positive SII means the value is higher at
      the least deprived end.
    * Indicators without counts get point estimates only (weighted least squares with zero standard errors).
    * The Core20 gap pools the counts of national deciles 1-2 against the rest (:func:`lsc_phm.stats.core20_gap`).
    """
    indicator = indicators.get(result.indicator_id)
    table = result.table
    with_ci = result.has_ci
    unit_text = "percentage points" if indicator.unit == "%" else indicator.unit
    rows: list[dict[str, object]] = []
    r2 = float("nan")

    problem = _sii_inputs(table)
    if problem is None and len(table) >= 5:
        local = _run_sii(table, "local", with_ci, confidence)
        r2 = float(local["r_squared"].iloc[0])
        lo, hi = _limits(local, "sii", confidence) if with_ci else (np.nan, np.nan)
        absent = _absent_groups(table, result.groups)
        notes = ([] if with_ci else ["point estimate only: no counts, so no interval"]) + (
            [f"ridits over the groups present: group(s) {', '.join(map(str, absent))} have no "
             f"{'LSOAs' if result.unit == 'lsoa' else 'units'} in this area"] if absent else [])
        rows.append({"measure": "SII, local (ridits from this area's population)", "value": float(local["sii"].iloc[0]),
                     "lowercl": lo, "uppercl": hi, "unit": unit_text, "note": "; ".join(notes)})
        rlo, rhi = _limits(local, "rii", confidence) if with_ci else (np.nan, np.nan)
        rows.append(
            {
                "measure": "RII (most / least deprived end of the fitted line)",
                "value": float(local["rii"].iloc[0]),
                "lowercl": rlo,
                "uppercl": rhi,
                "unit": "ratio",
                "note": "; ".join(notes),
            }
        )
    else:
        reason = problem or "fewer than 5 groups"
        rows.append({"measure": "SII, local (ridits from this area's population)", "value": np.nan, "lowercl": np.nan,
                     "uppercl": np.nan, "unit": unit_text, "note": f"cannot be calculated: {reason}"})
        rows.append(
            {
                "measure": "RII (most / least deprived end of the fitted line)",
                "value": np.nan,
                "lowercl": np.nan,
                "uppercl": np.nan,
                "unit": "ratio",
                "note": f"cannot be calculated: {reason}",
            }
        )

    national_table: pd.DataFrame | None = None
    if result.unit == "lsoa":
        national_table = (table if result.framing == "national" and result.groups == 10 else
                          gradient(db, icb, result.indicator_id, "lsoa", "national", 10, result.period, result.area,
                                   confidence).table)
    if national_table is None:
        rows.append({"measure": "SII, national ('new' SII: national decile positions)", "value": np.nan,
                     "lowercl": np.nan, "uppercl": np.nan, "unit": unit_text,
                     "note": "not applicable: practices, PCNs and wards have no national IMD decile here"})
    elif len(national_table) < 10 or _sii_inputs(national_table) is not None:
        missing = sorted(set(range(1, 11)) - set(national_table["deprivation_group"]))
        reason = (f"national decile(s) {', '.join(map(str, missing))} have no LSOAs in this area" if missing
                  else _sii_inputs(national_table))
        rows.append(
            {
                "measure": "SII, national ('new' SII: national decile positions)",
                "value": np.nan,
                "lowercl": np.nan,
                "uppercl": np.nan,
                "unit": unit_text,
                "note": f"cannot be calculated: {reason}",
            }
        )
    else:
        national = _run_sii(national_table, "national", with_ci, confidence)
        lo, hi = _limits(national, "sii", confidence) if with_ci else (np.nan, np.nan)
        rows.append({"measure": "SII, national ('new' SII: national decile positions)",
                     "value": float(national["sii"].iloc[0]), "lowercl": lo, "uppercl": hi, "unit": unit_text,
                     "note": "" if with_ci else "point estimate only: no counts, so no interval"})

    word = group_word(result.groups)
    ends: tuple[float | None, float | None] = (None, None)
    first, last = table.iloc[0], table.iloc[-1]
    gap_label = f"Gap: most vs least deprived {word} (group 1 - group {result.groups})"
    ratio_label = f"Ratio: most / least deprived {word}"
    if (len(table) >= 2 and int(first["deprivation_group"]) == 1 and int(last["deprivation_group"]) == result.groups
            and pd.notna(first["value"]) and pd.notna(last["value"])):
        if with_ci:
            # from the unrounded counts, not the rounded display values
            ends_x = np.array([first["numerator"], last["numerator"]], dtype="float64")
            ends_n = np.array([first["denominator"], last["denominator"]], dtype="float64")
            ends_ci = wilson_ci(ends_x, ends_n, confidence)
            out = gap([1, result.groups], 100.0 * ends_x / ends_n, 100.0 * ends_ci["lowercl"].to_numpy(),
                      100.0 * ends_ci["uppercl"].to_numpy(), value_type="proportion", scale=100, confidence=confidence)
            absolute, relative = out.iloc[0], out.iloc[1]
            rows.append({"measure": gap_label, "value": absolute["value"], "lowercl": absolute["lowercl"],
                         "uppercl": absolute["uppercl"], "unit": unit_text, "note": absolute["significance"]})
            rows.append({"measure": ratio_label, "value": relative["value"], "lowercl": relative["lowercl"],
                         "uppercl": relative["uppercl"], "unit": "ratio", "note": ""})
        else:
            rows.append({"measure": gap_label, "value": first["value"] - last["value"], "lowercl": np.nan,
                         "uppercl": np.nan, "unit": unit_text, "note": "no counts, so no interval or significance"})
            rows.append({"measure": ratio_label, "value": first["value"] / last["value"] if last["value"] else np.nan,
                         "lowercl": np.nan, "uppercl": np.nan, "unit": "ratio", "note": ""})
        ends = (float(first["value"]), float(last["value"]))
    else:
        for label, unit_ in ((gap_label, unit_text), (ratio_label, "ratio")):
            rows.append({"measure": label, "value": np.nan, "lowercl": np.nan, "uppercl": np.nan, "unit": unit_,
                         "note": f"cannot be calculated: group 1 or group {result.groups} is missing or suppressed"})

    core_note = ""
    core_row = {"measure": "Gap: Core20 (national deciles 1-2) - rest", "value": np.nan, "lowercl": np.nan,
                "uppercl": np.nan, "unit": unit_text, "note": ""}
    if national_table is None:
        core_note = "not applicable: practices, PCNs and wards have no national IMD decile here"
    elif not with_ci:
        core_note = "not applicable: needs counts"
    else:
        raw = db.query("ineq_national_deciles", indicator=result.indicator_id, vintage=icb.imd_vintage, icb=icb.code,
                       place=result.area, period=result.period, groups=10)
        try:
            out = core20_gap(raw["deprivation_group"], raw["numerator"], raw["denominator"], value_type="proportion",
                             confidence=confidence)
            small = raw.loc[raw["deprivation_group"] <= 2, "numerator"].sum()
            if small < config.SUPPRESSION_THRESHOLD:
                core_note = "suppressed: Core20 count below 10"
            else:
                core_row.update(value=out.iloc[0]["value"], lowercl=out.iloc[0]["lowercl"],
                                uppercl=out.iloc[0]["uppercl"], note=out.iloc[0]["significance"])
                rows.append(core_row)
                rows.append({"measure": "Ratio: Core20 / rest", "value": out.iloc[1]["value"],
                             "lowercl": out.iloc[1]["lowercl"], "uppercl": out.iloc[1]["uppercl"], "unit": "ratio",
                             "note": f"Core20 {out.iloc[0]['value_a']:.2f}% vs rest {out.iloc[0]['value_b']:.2f}%"})
        except ValueError as error:
            core_note = f"cannot be calculated: {error}"
    if core_note:
        core_row["note"] = core_note
        rows.append(core_row)

    frame = pd.DataFrame(rows, columns=list(MEASURE_COLUMNS))
    for column in ("value", "lowercl", "uppercl"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").round(3)
    return Measures(frame, r2, *ends)


# --------------------------------------------------------------------------------------------------- funnel plot
FUNNEL_BENCHMARKS: dict[str, str] = {"icb": "the ICB", "england": "England"}
#: Plain words for the funnel_significance labels (PHEindicatormethods wording), most extreme high first.
FUNNEL_WORDS: dict[str, str] = {
    "High (0.001)": "Above the 99.8% limit",
    "High (0.025)": "Above the 95% limit",
    "Not significant": "Within the 95% limits",
    "Low (0.025)": "Below the 95% limit",
    "Low (0.001)": "Below the 99.8% limit",
}
FUNNEL_SUPPRESSED = "Suppressed (register count below 10)"
FUNNEL_COLUMNS: tuple[str, ...] = (
    "practice_code", "practice_name", "numerator", "denominator", "value", "benchmark", "benchmark_value",
    "position", "funnel_label", "suppressed", "indicator", "period", "confidence", "method", "source",
)


@dataclass(frozen=True)
class PracticeFunnel:
    """QOF prevalence by practice against a benchmark, with 95% and 99.8% funnel limits.

    ``points`` has :data:`FUNNEL_COLUMNS` (one row per practice, suppressed ones with no value and not plotted);
    ``limits`` is :func:`lsc_phm.stats.funnel_limits` on a grid of list sizes; ``counts`` the number of practices
    in each position.
    """

    indicator_id: str
    period: str
    area: str
    benchmark: str
    benchmark_name: str
    baseline: float
    points: pd.DataFrame
    limits: pd.DataFrame
    counts: dict[str, int]
    description: str


def practice_funnel(db: Database, icb: Icb, indicator_id: str, period: str, area: str = "", benchmark: str = "icb",
                    threshold: int = config.SUPPRESSION_THRESHOLD) -> PracticeFunnel:
    """Funnel plot data: each practice's recorded prevalence against the ICB's or England's, at 95% and 99.8%.

    Parameters
    ----------
    db : Database
    icb : Icb
    indicator_id : str
        A QOF register (``qof_*``).
    period : str
        QOF year, e.g. "2024-25".
    area : str, default ""
        A sub-ICB location code to restrict the practices to (practices with a published deprivation score there,
        as on the rest of the page); "" = every practice of the ICB.
    benchmark : {"icb", "england"}, default "icb"
        Centre line: the whole ICB's prevalence (all its practices' registers over list sizes) or England's.
    threshold : int, default 10
        Practices with a register count below this are suppressed (no value, not plotted).

    Returns
    -------
    PracticeFunnel

    Raises
    ------
    ValueError
        For an indicator that is not a QOF register, an unknown benchmark, or no practice values.

    Notes
    -----
    Limits: p̄ ∓ z·√(p̄(1 − p̄)/N) around the benchmark p̄ (z = 1.96 and 3.09), the Fingertips funnel-plot method
    (:func:`lsc_phm.stats.funnel_limits`); each practice's position comes from the same rule at its own list size
    (:func:`lsc_phm.stats.funnel_significance`), from the unrounded register count and list size. The
    benchmark is treated as fixed; with the ICB as benchmark the practices are part of it.
    """
    indicator = indicators.get(indicator_id)
    if not indicator_id.startswith("qof_"):
        raise ValueError(f"'{indicator_id}' is not a QOF register, so it has no practice funnel plot")
    if benchmark not in FUNNEL_BENCHMARKS:
        raise ValueError(f"benchmark must be one of {', '.join(FUNNEL_BENCHMARKS)}, not '{benchmark}'")
    practices = indicator_data.values(db, icb, indicator_id, "practice", str(period), 0.95, threshold)
    if area:
        codes = set(unit_values(db, icb, indicator_id, "practice", str(period), area)["unit_code"])
        practices = practices[practices["area_code"].isin(codes)]
    if practices.empty:
        raise ValueError(f"'{indicator_id}' has no practice values for period {period} in this area")
    centres = db.query("ineq_funnel_benchmarks", indicator=indicator_id, icb=icb.code, period=str(period))
    level = "icb" if benchmark == "icb" else "england"
    centre = centres[centres["area_level"] == level]
    if centre.empty or not (centre["denominator"].iloc[0] > 0):
        raise ValueError(f"no {FUNNEL_BENCHMARKS[benchmark]} value for '{indicator_id}' in {period}")
    base = float(centre["numerator"].iloc[0] / centre["denominator"].iloc[0])
    benchmark_name = icb.name if level == "icb" else "England"

    shown = practices[~practices["suppressed"].astype(bool) & practices["numerator"].notna()
                      & (practices["denominator"] > 0)]
    labels = funnel_significance(shown["numerator"], shown["denominator"], "proportion", baseline=100.0 * base)
    position = pd.Series(FUNNEL_SUPPRESSED, index=practices.index, dtype=object)
    position.loc[shown.index] = labels.map(FUNNEL_WORDS).to_numpy()
    funnel_label = pd.Series("", index=practices.index, dtype=object)
    funnel_label.loc[shown.index] = labels.to_numpy()
    points = pd.DataFrame({
        "practice_code": practices["area_code"], "practice_name": practices["area_name"],
        "numerator": practices["numerator"], "denominator": practices["denominator"], "value": practices["value"],
        "benchmark": benchmark_name, "benchmark_value": round(100.0 * base, indicator.decimals),
        "position": position, "funnel_label": funnel_label, "suppressed": practices["suppressed"].astype(bool),
        "indicator": indicator.name, "period": str(period), "confidence": "95% and 99.8% funnel limits",
        "method": "Fingertips funnel plot: normal-approximation limits around the benchmark proportion "
                  "(lsc_phm.stats.funnel_limits, funnel_significance)",
        "source": practices["source"],
    })
    points.loc[points["suppressed"], "denominator"] = np.nan  # list size would help recover a hidden register count
    points = points.sort_values(["suppressed", "denominator"], ascending=[True, False]).reset_index(drop=True)
    sizes = shown["denominator"].to_numpy(dtype="float64")
    grid = np.geomspace(max(1.0, sizes.min() / 1.2), sizes.max() * 1.2, 120) if len(sizes) else np.array([1.0, 2.0])
    limits = funnel_limits([base], [1.0], "proportion", grid=grid, baseline=100.0 * base)
    counts = {word: int((points["position"] == word).sum()) for word in [*FUNNEL_WORDS.values(), FUNNEL_SUPPRESSED]}
    scope = "the chosen sub-ICB location's" if area else "the ICB's"
    description = (f"{len(shown)} of {scope} {len(points)} GP practices plotted by list size. Centre line: "
                   f"{benchmark_name}, {100.0 * base:.{indicator.decimals}f}% ({indicator.name}, {period}, QOF); "
                   "lines are the 95% and 99.8% control limits. A practice outside the 99.8% limits is very unlikely "
                   "to differ from the benchmark by chance alone; recorded prevalence also reflects case-finding and "
                   "coding, not only disease.")
    return PracticeFunnel(indicator_id, str(period), area, benchmark, benchmark_name, 100.0 * base,
                          points[list(FUNNEL_COLUMNS)], limits, counts, description)


# --------------------------------------------------------------------------------------------------- published series
@dataclass(frozen=True)
class PublishedSeries:
    """A published indicator over time for the ICB's districts or places, with England and the coverage gaps."""

    indicator_id: str
    level: str
    series: pd.DataFrame
    latest: pd.DataFrame
    missing: tuple[str, ...]
    best_worst: dict[str, object]


def same_kind_of_period(series: pd.DataFrame) -> pd.DataFrame:
    """Keep, for each area, only the periods of the same kind as its latest one (e.g. 3-year pooled "2022 - 24" or
    single years "2024"), so a trend line never mixes single-year and pooled periods.

    Examples
    --------
    >>> frame = pd.DataFrame({"area_code": ["A"] * 3, "period": ["2018", "2019", "2019 - 21"],
    ...                       "period_sort": [2018.0, 2019.0, 2021.0]})
    >>> list(same_kind_of_period(frame)["period"])
    ['2019 - 21']
    """
    if series.empty:
        return series
    kinds = series["period"].astype(str).str.replace(r"\d", "9", regex=True)
    latest = series.assign(kind=kinds).sort_values("period_sort").groupby("area_code")["kind"].last()
    return series[kinds.to_numpy() == series["area_code"].map(latest).to_numpy()].reset_index(drop=True)


def published_series(db: Database, icb: Icb, indicator_id: str, level: str = "district",
                     with_latest: bool = True) -> PublishedSeries:
    """Every period of a published series (LE, HLE, SII in LE, smoking) for the ICB's districts or places + England.

    ``with_latest=False`` skips ``latest`` and ``best_worst`` (left empty) for callers that draw the series only.

    Returns
    -------
    PublishedSeries
        ``series`` (area_code, area_name, period, period_sort, value, lowercl, uppercl, is_england; per area only the
        periods of the same kind as its latest, see :func:`same_kind_of_period`), ``latest`` (the
        most recent period's values for the ICB's areas, from :func:`lsc_phm.domain.indicator_data.values`), ``missing``
        (areas with no value in any period) and ``best_worst`` (best, worst and the gap between them in the latest
        period, by the indicator's polarity; for no-judgement indicators highest and lowest).

    Raises
    ------
    ValueError
        For an unknown indicator or a level other than district or place.
    """
    indicator = indicators.get(indicator_id)
    geography.check_level(level, ("district", "place"))
    areas = geography.areas(db, icb, level)
    names = dict(zip(areas["area_code"], areas["area_name"], strict=False))
    partial = set(areas.loc[~areas["whole_area_in_icb"].astype(bool), "area_code"])
    for code in partial:
        names[code] = f"{names[code]} (part in ICB)"
    codes = list(names) + [config.ENGLAND_CODE]
    series = same_kind_of_period(indicator_data.series(db, icb, indicator_id, codes))
    series = series.assign(is_england=series["area_code"] == config.ENGLAND_CODE)
    series = benchmarking.series_comparison(series, indicator)
    series["area_name"] = [("England" if code == config.ENGLAND_CODE else names.get(code, name))
                           for code, name in zip(series["area_code"], series["area_name"], strict=False)]
    missing = tuple(sorted(names[c] for c in names if c not in set(series["area_code"])))
    local = series[~series["is_england"]]
    latest = pd.DataFrame(columns=list(indicator_data.EXPORT_COLUMNS))
    best_worst: dict[str, object] = {}
    if not local.empty and with_latest:
        period = local.sort_values("period_sort").iloc[-1]["period"]
        latest = indicator_data.values(db, icb, indicator_id, level, period)
        latest["area_name"] = [names.get(c, n) for c, n in zip(latest["area_code"], latest["area_name"], strict=False)]
        present = latest[latest["value"].notna()]
        if len(present) >= 2:
            high = present.loc[present["value"].idxmax()]
            low = present.loc[present["value"].idxmin()]
            if indicator.polarity == "low_is_good":
                best, worst = low, high
            else:
                best, worst = high, low
            best_worst = {"period": period, "best_area": best["area_name"], "best_value": float(best["value"]),
                          "worst_area": worst["area_name"], "worst_value": float(worst["value"]),
                          "gap": round(abs(float(high["value"]) - float(low["value"])), indicator.decimals),
                          "judged": indicator.polarity != "no_judgement", "areas": len(present)}
    return PublishedSeries(indicator_id, level, series, latest, missing, best_worst)


def england_gradient(db: Database, icb: Icb, indicator_id: str, period: str, confidence: float = 0.95) -> pd.DataFrame:
    """England's own gradient for an LSOA-based count indicator, by national IMD decile (every English LSOA), to draw
    beside the ICB's.

    Returns
    -------
    pandas.DataFrame
        ``deprivation_group, group_label, units, numerator, denominator, value, lowercl, uppercl, confidence, method``
        (percent; Wilson score interval at ``confidence``). Empty when the indicator has no counts.

    Raises
    ------
    ValueError
        For an unknown indicator or a confidence level other than 0.95 or 0.998.
    """
    indicator = indicators.get(indicator_id)
    if confidence not in (0.95, 0.998):
        raise ValueError("confidence must be 0.95 or 0.998")
    table = db.query("ineq_england_deciles", indicator=indicator_id, vintage=icb.imd_vintage, period=str(period))
    table = table[table["denominator"].fillna(0) > 0].copy()
    if table.empty or indicator.ci_method != "wilson":
        return pd.DataFrame(columns=["deprivation_group", "group_label", "units", "numerator", "denominator", "value",
                                     "lowercl", "uppercl", "confidence", "method"])
    limits = wilson_ci(table["numerator"].clip(upper=table["denominator"]), table["denominator"], confidence)
    table["value"] = (100.0 * limits["value"]).to_numpy()
    table["lowercl"] = (100.0 * limits["lowercl"]).to_numpy()
    table["uppercl"] = (100.0 * limits["uppercl"]).to_numpy()
    table["group_label"] = [group_label(int(g), 10) for g in table["deprivation_group"]]
    table["confidence"] = f"{confidence:.1%}".replace(".0%", "%")
    table["method"] = "Wilson score interval (computed here); every English LSOA by its national IMD decile"
    return table[["deprivation_group", "group_label", "units", "numerator", "denominator", "value", "lowercl",
                  "uppercl", "confidence", "method"]].reset_index(drop=True)


#: Decile groupings OHID publishes England by, in the users' words.
PUBLISHED_DECILE_GROUPINGS: dict[str, str] = {
    "district": "District & UA deprivation deciles",
    "county": "County & UA deprivation deciles",
}


@dataclass(frozen=True)
class PublishedEnglandGradient:
    """OHID's England-by-deprivation-decile values for one indicator, grouping and period (publisher's figures)."""

    indicator_id: str
    grouping: str
    period: str
    category_type: str
    table: pd.DataFrame
    description: str
    #: The ICB's own published (or summed) value for the same period, and England's, where held (else None).
    icb_value: pd.Series | None = None
    england_value: float | None = None


def published_decile_indicators(db: Database) -> tuple[str, ...]:
    """Registry ids (in registry order) with an England-by-deprivation-decile series from OHID."""
    held = set(db.query("ineq_published_england_deciles_ids")["indicator_id"])
    return tuple(i for i in indicators.all_ids() if i in held)


def published_decile_options(db: Database, indicator_id: str) -> dict[str, tuple[str, ...]]:
    """Grouping (``district``/``county``) -> periods with a complete published series (10 deciles), latest first."""
    frame = _published_decile_rows(db, indicator_id)
    options: dict[str, tuple[str, ...]] = {}
    for grouping in PUBLISHED_DECILE_GROUPINGS:
        rows = frame[frame["grouping"] == grouping]
        options[grouping] = tuple(rows.sort_values("period_sort", ascending=False)["period"].drop_duplicates())
    return {grouping: found for grouping, found in options.items() if found}


def _published_decile_rows(db: Database, indicator_id: str) -> pd.DataFrame:
    """Every published decile row, with its grouping and geography version; one category type per period (the
    latest geography version OHID published it on), complete series (10 deciles) only."""
    indicators.get(indicator_id)
    frame = db.query("ineq_published_england_deciles", indicator=indicator_id)
    if frame.empty:
        return frame.assign(grouping=pd.Series(dtype="object"), version=pd.Series(dtype="float64"))
    text = frame["category_type"].astype(str)
    frame["grouping"] = np.where(text.str.contains("District", case=False), "district",
                                 np.where(text.str.contains("County", case=False), "county", ""))
    # geography version "4/23" -> 23 (the later boundaries where OHID published the same period on two)
    frame["version"] = pd.to_numeric(text.str.extract(r"4/(\d{2})")[0], errors="coerce")
    complete = frame.groupby(["grouping", "period", "category_type"])["deprivation_group"].transform("nunique") == 10
    frame = frame[complete & (frame["grouping"] != "")]
    latest = frame.groupby(["grouping", "period"])["version"].transform("max")
    return frame[frame["version"] == latest].reset_index(drop=True)


def published_england_gradient(db: Database, icb: Icb, indicator_id: str, grouping: str = "district",
                               period: str | None = None) -> PublishedEnglandGradient:
    """OHID's own England values by deprivation decile of district (or county/UA), with its published 95% limits.

    These are the publisher's figures, drawn as published: areas (not LSOAs) are grouped by the IMD 2019 decile of
    their district or county/unitary authority, so they are not comparable bar for bar with an LSOA gradient.

    Parameters
    ----------
    icb : Icb
        Whose own value for the same period is returned beside the gradient (``icb_value``), where held.
    grouping : {"district", "county"}
    period : str, optional
        Default: the latest period with a complete series.

    Raises
    ------
    NoData
        If OHID's extract has no complete England-by-decile series for the indicator, grouping and period.
    ValueError
        For an unknown indicator or grouping.
    """
    indicator = indicators.get(indicator_id)
    if grouping not in PUBLISHED_DECILE_GROUPINGS:
        raise ValueError(f"grouping must be one of {', '.join(PUBLISHED_DECILE_GROUPINGS)}, not '{grouping}'")
    rows = _published_decile_rows(db, indicator_id)
    rows = rows[rows["grouping"] == grouping]
    if rows.empty:
        raise NoData(f"OHID publishes no England-by-decile series of {indicator.name} by "
                     f"{PUBLISHED_DECILE_GROUPINGS[grouping].lower()} in the data held")
    if period is None:
        period = str(rows.sort_values("period_sort").iloc[-1]["period"])
    rows = rows[rows["period"] == period]
    if rows.empty:
        raise NoData(f"no England-by-decile series of {indicator.name} for {period}")
    table = rows.sort_values("deprivation_group").copy()
    table["deprivation_group"] = table["deprivation_group"].astype("int64")
    table["group_label"] = [group_label(int(g), 10) for g in table["deprivation_group"]]
    table["units"] = np.nan
    table["confidence"] = np.where(table["lowercl"].notna(), "95%", "")
    table["method"] = "published by OHID (value and 95% limits as published)"
    category = str(table["category_type"].iloc[0]).strip('"')
    kind = "district or unitary authority" if grouping == "district" else "county or unitary authority"
    description = (f"England by deprivation decile of {kind}, {period}, as published by OHID ({category}): every "
                   f"English {kind} grouped by its IMD 2019 deprivation decile; values and 95% limits as published. "
                   "Group 1 = most deprived. Areas, not neighbourhoods, are grouped, so the bars are not comparable "
                   "one for one with an LSOA gradient.")
    columns = ["deprivation_group", "group_label", "units", "numerator", "denominator", "value", "lowercl", "uppercl",
               "confidence", "method"]
    icb_rows = indicator_data.values(db, icb, indicator_id, "icb", period)
    icb_rows = icb_rows[icb_rows["value"].notna()]
    icb_value = icb_rows.iloc[0] if len(icb_rows) else None
    england = indicator_data.values(db, icb, indicator_id, "district", period)["england_value"].dropna()
    return PublishedEnglandGradient(indicator_id, grouping, period, category, table[columns].reset_index(drop=True),
                                    description, icb_value, float(england.iloc[0]) if len(england) else None)
