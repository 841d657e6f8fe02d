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
shown as population-weighted means without an interval. The SII, RII and gaps are in
:mod:`lsc_phm.views.inequality_measures`, the published series over time and England's gradients in
:mod:`lsc_phm.views.inequality_series`; the practice funnel plot in
:mod:`lsc_phm.views.inequality_funnel`.

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
from lsc_phm.domain import indicator_data, pcn
from lsc_phm.domain.geography import Icb
from lsc_phm.stats import quantiles, suppress, wilson_ci
from lsc_phm.store.db import Database

Unit = Literal["lsoa", "ward", "practice", "pcn"]
Framing = Literal["national", "local"]

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
    "lsoa": (
        "census_bad_health",
        "modelled_ckd_prevalence",
        "census_unpaid_care",
        "census_unpaid_care_50h",
        "census_household_deprived",
        "modelled_stroke_prevalence",
        "pct_disabled",
        "pct_ethnic_minority",
        "pct_aged_65_plus",
        "pct_aged_0_15",
        "income_deprivation_rate",
        "employment_deprivation_rate",
    ),
    "ward": (
        "census_bad_health",
        "modelled_ckd_prevalence",
        "census_unpaid_care",
        "census_household_deprived",
        "modelled_stroke_prevalence",
        "pct_disabled",
        "pct_ethnic_minority",
        "pct_aged_65_plus",
        "pct_aged_0_15",
        "income_deprivation_rate",
    ),
    # QOF registers, then GP-recorded smoking 15+ as OHID publishes it per practice (Fingertips 91547)
    "practice": tuple(f"qof_{code.lower()}" for code in indicators.QOF_GROUPS) + ("smoking_qof_15plus",),
    # QOF registers summed here from practices, then what OHID publishes for PCNs (lsc_phm.domain.pcn.PUBLISHED_IDS),
    # then OHID's practice counts of smokers summed here into whole PCNs (lsc_phm.domain.pcn.SUMMED_IDS)
    "pcn": tuple(f"qof_{code.lower()}" for code in indicators.QOF_GROUPS)
    + ("breast_screening_53_70", "smoking_qof_15plus"),
}
GROUP_COLUMNS: tuple[str, ...] = (
    "deprivation_group",
    "group_label",
    "units",
    "population",
    "numerator",
    "denominator",
    "value",
    "lowercl",
    "uppercl",
    "confidence",
    "method",
    "suppressed",
    "suppression_reason",
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
        return db.query(
            "ineq_lsoa_values",
            indicator=indicator_id,
            vintage=icb.imd_vintage,
            icb=icb.code,
            place=area,
            period=str(period),
        )
    if unit == "ward":
        return db.query(
            "ineq_ward_values",
            indicator=indicator_id,
            vintage=icb.imd_vintage,
            icb=icb.code,
            place=area,
            period=str(period),
        )
    if unit == "practice" and not indicator_id.startswith("qof_"):  # OHID's practice values (e.g. 91547)
        return db.query(
            "ineq_practice_ohid_values", indicator=indicator_id, icb=icb.code, sicbl=area, period=str(period)
        )
    if unit == "practice":
        return db.query("ineq_practice_values", indicator=indicator_id, icb=icb.code, sicbl=area, period=str(period))
    if unit == "pcn" and not indicator_id.startswith("qof_"):  # OHID's PCN values, or its practice counts summed
        return db.query(
            "ineq_pcn_published_values",
            indicator=indicator_id,
            icb=icb.code,
            sicbl=area,
            period=str(period),
            ci_source=pcn.store_ci_source(indicator_id),
        )
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
    limits = (
        (f"95% limits as published by OHID for {published} practices" if published else "")
        + ("; " if published and computed else "")
        + (
            f"no limits published for {computed} practices, so Wilson limits are computed here from OHID's count and "
            "denominator"
            if computed
            else ""
        )
    )
    return (
        f"{period}: values, counts and denominators **published by OHID** (Fingertips, per practice); "
        f"{limits or 'no limits'}. Counts below 10 are suppressed."
    )


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
    out = (
        frame.groupby("deprivation_group")
        .agg(
            units=("unit_code", "count"),
            population=("population", "sum"),
            numerator=("numerator", lambda s: s.sum(min_count=1)),
            denominator=("denominator", lambda s: s.sum(min_count=1)),
            units_with_counts=("numerator", "count"),
            weighted=("weighted", "sum"),
        )
        .reset_index()
    )
    out["weighted_value"] = out["weighted"] / out["population"]
    out["deprivation_group"] = out["deprivation_group"].astype("int64")
    return out.drop(columns="weighted")


def _finish(
    aggregated: pd.DataFrame, indicator: indicators.Indicator, groups: int, confidence: float, threshold: int
) -> pd.DataFrame:
    """Values and Wilson intervals per group (counts) or population-weighted means (no counts), suppressed."""
    frame = aggregated.copy()
    # counts pool into a Wilson interval for proportions: computed here (QOF, Census), or published by OHID with the
    # publisher's own Wilson limits (e.g. breast screening by PCN: the group pools OHID's counts and denominators)
    wilson = indicator.ci_method == "wilson" or indicators.WILSON_PUBLISHED_TAG in indicator.tags
    has_counts = (
        wilson
        and frame["numerator"].notna().all()
        and (frame["units_with_counts"] == frame["units"]).all()
        and (frame["denominator"] > 0).all()
    )
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
    frame = suppress(
        frame, "numerator", threshold=threshold, value_cols=["value", "lowercl", "uppercl"], group_cols="_total"
    ).drop(columns="_total")
    frame["group_label"] = [group_label(int(g), groups) for g in frame["deprivation_group"]]
    for column in ("value", "lowercl", "uppercl"):
        frame[column] = frame[column].round(max(indicator.decimals, 2))
    return frame[list(GROUP_COLUMNS)].sort_values("deprivation_group").reset_index(drop=True)


def _description(
    icb: Icb,
    indicator: indicators.Indicator,
    unit: str,
    framing: str,
    groups: int,
    period: str,
    area: str,
    n_units: int,
) -> str:
    """How the deprivation groups of a :class:`Gradient` were formed, whose values they hold and which is group 1."""
    indicator_id = indicator.id
    word = group_word(groups)
    scope = "the ICB" if not area else "the chosen area"
    if framing == "national":
        return (
            f"National IMD {'deciles' if groups == 10 else 'quintiles'} (IMD {icb.imd_vintage}): each "
            f"LSOA's published national {'decile' if groups == 10 else 'quintile'}; group 1 = the most "
            f"deprived {word} of England (deciles 1-2 = Core20)."
        )
    if unit == "practice" and not indicator_id.startswith("qof_"):
        return (
            f"Local {'deciles' if groups == 10 else 'quintiles'} of {scope}'s GP practices by their "
            "published IMD 2025 score (OHID Fingertips 94240), weighted by the indicator's "
            f"denominator ({indicator.age} patients with a recorded status) so each group holds about "
            f"a {word} of them; group 1 = most deprived. Practice values, counts and denominators "
            f"{period} are published by OHID; the group values pool them (computed here)."
        )
    if unit == "practice":
        return (
            f"Local {'deciles' if groups == 10 else 'quintiles'} of {scope}'s GP practices by their "
            "published IMD 2025 score (OHID Fingertips 94240), weighted by list size so each group "
            f"holds about a {word} of registered patients; group 1 = most deprived."
        )
    if unit == "pcn" and indicator_id in pcn.SUMMED_IDS:
        return (
            f"Local {'deciles' if groups == 10 else 'quintiles'} of the {n_units} primary care "
            f"networks of {scope} whose every practice has a value (the others have none), ranked by "
            "the list-weighted average of their practices' published IMD 2025 scores (OHID Fingertips "
            "94240; averaged here) and weighted by the PCN's denominator; PCN values are computed here "
            f"by summing OHID's published practice counts ({period}); group 1 = most deprived."
        )
    if unit == "pcn" and not indicator_id.startswith("qof_"):
        return (
            f"Local {'deciles' if groups == 10 else 'quintiles'} of the {n_units} primary care "
            f"networks of {scope} with a value published by OHID (Fingertips; the other PCNs have "
            "none in the data held), ranked by the list-weighted average of their practices' published "
            "IMD 2025 scores (OHID Fingertips 94240; averaged here) and weighted by OHID's "
            "denominators; PCN values, counts and denominators are OHID's (published); the group "
            "values pool them (computed here); group 1 = most deprived."
        )
    if unit == "pcn":
        return (
            f"Local {'deciles' if groups == 10 else 'quintiles'} of {scope}'s primary care networks "
            "by the list-weighted average of their practices' published IMD 2025 scores (OHID "
            "Fingertips 94240; averaged here), weighted by list size so each group holds about a "
            f"{word} of registered patients; whole PCNs stay in one group; group 1 = most deprived. "
            "PCN values computed here from QOF practice registers."
        )
    noun = "LSOAs" if unit == "lsoa" else "wards"
    return (
        f"Local {'deciles' if groups == 10 else 'quintiles'}: {scope}'s {noun} ranked by IMD "
        f"{icb.imd_vintage} score (Fingertips method, equal numbers of {noun}); group 1 = the most "
        f"deprived {word} of {scope}, not of England."
    )


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


def gradient(
    db: Database,
    icb: Icb,
    indicator_id: str,
    unit: str = "lsoa",
    framing: str = "national",
    groups: int = 10,
    period: str | None = None,
    area: str = "",
    confidence: float = 0.95,
    threshold: int = config.SUPPRESSION_THRESHOLD,
) -> Gradient:
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
    noun = {"lsoa": "LSOA", "ward": "electoral ward", "practice": "GP practice", "pcn": "primary care network"}[unit]
    if period is None:
        available = periods(db, icb, indicator_id, unit)
        if not available:
            raise NoData(
                f"no data for this ICB: {indicator.name} has no values by {noun} for {icb.name} with the "
                f"IMD {icb.imd_vintage} geography"
            )
        period = available[0]
    units = unit_values(db, icb, indicator_id, unit, period, area)
    if units.empty:
        where = "this ICB" if not area else "the chosen area"
        whole_icb = units if not area else unit_values(db, icb, indicator_id, unit, period)
        why = (
            " (no GP practice of this ICB has both a register and a published deprivation score, OHID "
            "Fingertips 94240, in the data)"
            if unit == "practice" and whole_icb.empty
            else ""
        )
        raise NoData(f"no data for {where}: {indicator.name} has no values by {noun} in {period}{why}")
    if framing == "national":
        aggregated = db.query(
            "ineq_national_deciles",
            indicator=indicator_id,
            vintage=icb.imd_vintage,
            icb=icb.code,
            place=area,
            period=str(period),
            groups=groups,
        )
        units = units.assign(deprivation_group=np.ceil(units["imd_decile"] / (10 // groups)).astype("int64"))
    else:
        group = assign_local_groups(units, unit, groups)
        units = units.assign(deprivation_group=group.to_numpy())
        aggregated = _aggregate(units, group)
    description = _description(icb, indicator, unit, framing, groups, period, area, len(units))
    table = _finish(aggregated, indicator, groups, confidence, threshold)
    return Gradient(indicator_id, unit, framing, groups, str(period), area, table, units, description)


__all__ = [
    "GRADIENT_INDICATORS",
    "GROUP_COLUMNS",
    "UNIT_LABELS",
    "Gradient",
    "NoData",
    "assign_local_groups",
    "gradient",
    "group_label",
    "group_word",
    "periods",
    "practice_source_note",
    "unit_values",
    "weighted_groups",
]
