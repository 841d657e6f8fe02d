"""Page data for the Core20PLUS5 page's delivery measures: SMI health checks, childhood vaccination, hypertension.

* **SMI physical health checks** (NHS England; sub-ICB, place where sub-ICBs nest, ICB, England), the latest
  quarter by level and the ICB's trend against England.
* **Childhood vaccination** (UKHSA COVER, by upper-tier authority), against England and the 95% target.
* **Hypertension by deprivation**: CVDPREVENT's England gradient of hypertension treated to target by IMD quintile,
  with its SII and RII, beside the ICB's QOF hypertension register by practice deprivation quintile.

The Core20 shares, PLUS groups and the scorecard are in :mod:`lsc_phm.views.core20plus5`.

References
----------
.. [1] UKHSA. Quarterly vaccination coverage statistics for children aged up to 5 years in England (COVER).
   https://www.gov.uk/government/collections/vaccine-uptake
.. [2] NHS England. Physical health checks for people with severe mental illness.
   https://www.england.nhs.uk/statistics/statistical-work-areas/serious-mental-illness-smi/
.. [3] CVDPREVENT audit data explorer. https://www.cvdprevent.nhs.uk/data-explorer
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lsc_phm import indicators
from lsc_phm.domain import benchmarking, geography, indicator_data
from lsc_phm.domain import core20plus5 as registry
from lsc_phm.domain.geography import Icb
from lsc_phm.stats import compare, sii
from lsc_phm.store.db import Database
from lsc_phm.views import inequalities

# --------------------------------------------------------------------------------------------------- SMI health checks
SMI_INDICATOR = "smi_health_checks"
SMI_CAVEATS: tuple[str, ...] = (
    "Experimental statistics: NHS England's SDCS collection, with incomplete submissions in its early years.",
    "NHS England later revised Q1 2023-24 for the Lancashire and South Cumbria sub-ICB locations (an extract error); "
    "it is not known whether the file held has the revised or the original values, so that quarter is marked.",
    "Each quarter counts checks in the 12 months to its end, so consecutive quarters overlap.",
    "Sub-ICB codes before July 2022 are CCG codes, mapped to sub-ICB locations by their ODS code (ONS lookup held); "
    "the ICB and England are sums of counts, computed here, with Wilson 95% intervals.",
)


@dataclass(frozen=True)
class SmiHealthChecks:
    """What the SMI health-check section shows: the latest quarter by level, the ICB's trend and its caveats."""

    period: str
    by_level: pd.DataFrame
    trend: pd.DataFrame
    recent_trend: str
    caveats: tuple[str, ...]


def smi_health_checks(db: Database, icb: Icb, confidence: float = 0.95) -> SmiHealthChecks:
    """SMI physical health checks (all six) for the ICB, its places where sub-ICBs nest, and its sub-ICB locations.

    Counts are summed over sub-ICB locations at build time with Wilson intervals
    (docs/methods.md#sums-of-small-areas-and-practices, docs/methods.md#proportions-with-wilson-score-intervals).

    Returns
    -------
    SmiHealthChecks
        ``by_level``: the export columns of :func:`lsc_phm.domain.indicator_data.values` plus ``level`` (ICB, place,
        sub-ICB) for the latest quarter; ``trend``: every quarter for the ICB and England with the comparison of each
        ICB point with England's; ``recent_trend``: the Fingertips recent-trend wording for the ICB.

    Raises
    ------
    ValueError
        If the ICB has no SMI health-check values.
    """
    available = indicator_data.availability(indicator_data.availability_table(db, icb), SMI_INDICATOR)
    period = available.latest("icb") or available.latest("sicbl")
    if period is None:
        raise ValueError(f"no SMI physical health check values for {icb.name}")
    frames = [
        indicator_data.values(db, icb, SMI_INDICATOR, level, period, confidence).assign(
            level=geography.LEVEL_LABELS[level]
        )
        for level in ("icb", "place", "sicbl")
        if level in available.levels
    ]
    by_level = pd.concat(frames, ignore_index=True)
    by_level = by_level[
        (by_level["level"] != geography.LEVEL_LABELS["place"]) | by_level["area_code"].map(geography.is_icb_place)
    ]
    indicator = indicators.get(SMI_INDICATOR)
    series = indicator_data.series(db, icb, SMI_INDICATOR, [icb.code, "E92000001"])
    series = series.assign(
        is_england=series["area_code"] == "E92000001",
        area_name=np.where(series["area_code"] == "E92000001", "England", f"ICB ({icb.ods_code})"),
    )
    trend = benchmarking.series_comparison(series, indicator).sort_values(["is_england", "period_sort"])
    marker = benchmarking.recent_trend(series[~series["is_england"]], indicator)
    return SmiHealthChecks(period, by_level.reset_index(drop=True), trend.reset_index(drop=True), marker, SMI_CAVEATS)


# --------------------------------------------------------------------------------------------------- vaccination
#: Source of the 95% target for the routine childhood vaccinations shown.
VACCINATION_TARGET_SOURCE = (
    "95% coverage: the WHO European Region target for routine childhood vaccinations, which "
    "UKHSA's COVER reports and the NHS England childhood immunisation programme measure "
    "coverage against"
)


#: The Fingertips single-interval rule's verdicts, worded against a target (higher is better for coverage).
TARGET_WORDS: dict[str, str] = {
    "Better": "Above the target",
    "Worse": "Below the target",
    "Similar": "Not significantly different from the target",
    "Not compared": "Not compared (no interval)",
}


def target_comparison(value: float, lower: float, upper: float, target: float, level: float = 0.95) -> str:
    """Compare a coverage proportion with a target by the Fingertips single-interval rule
    (:func:`lsc_phm.stats.compare`, the target in place of England): below (or above) the target only when the target
    lies outside the interval (docs/methods.md#comparison-with-a-benchmark).

    >>> target_comparison(87.2, 83.8, 90.1, 95.0)
    'Below the target'
    >>> target_comparison(94.7, 93.2, 95.8, 95.0)
    'Not significantly different from the target'
    """
    return TARGET_WORDS[compare(value, lower, upper, target, "high_is_good", level)]


def vaccination(db: Database, icb: Icb, confidence: float = 0.95) -> pd.DataFrame:
    """Childhood vaccination coverage (COVER) for the ICB's upper-tier authorities, against England and the target.

    Returns
    -------
    pandas.DataFrame
        The export columns of :func:`lsc_phm.domain.indicator_data.values` for each vaccination indicator at
        upper-tier authority level, plus ``target`` (95) and ``target_comparison`` (:func:`target_comparison` at
        ``confidence``); an authority only partly in the ICB (Cumbria, the former county) keeps its "(whole)" name
        and the note that it includes areas outside the ICB.
    """
    table = indicator_data.availability_table(db, icb)
    frames = []
    for indicator_id in registry.VACCINATION_IDS:
        period = indicator_data.availability(table, indicator_id).latest("utla")
        if period is None:
            continue
        frames.append(indicator_data.values(db, icb, indicator_id, "utla", period, confidence))
    if not frames:
        return pd.DataFrame(columns=[*indicator_data.EXPORT_COLUMNS, "target", "target_comparison"])
    out = pd.concat(frames, ignore_index=True)
    out["target"] = indicators.VACCINATION_TARGET
    out["target_comparison"] = [
        target_comparison(v, lo, hi, indicators.VACCINATION_TARGET, confidence)
        for v, lo, hi in zip(out["value"], out["lowercl"], out["uppercl"], strict=True)
    ]
    return out


def utla_areas(db: Database, icb: Icb) -> pd.DataFrame:
    """The ICB's upper-tier authorities as COVER reports them (``area_code, area_name, lsoas, whole_area_in_icb,
    value_note``)."""
    return db.query("utla_areas", vintage=icb.imd_vintage, icb=icb.code)


# --------------------------------------------------------------------------------------------------- hypertension
HYPERTENSION_CONTROL = "CVDP007HYP"
#: Seed and draws for the England SII of hypertension control (fixed: the same figures every time).
SII_SEED = 20260331
SII_REPETITIONS = 20_000


@dataclass(frozen=True)
class HypertensionByDeprivation:
    """England's CVDPREVENT gradient by IMD quintile beside the ICB's hypertension register gradient."""

    england: pd.DataFrame
    england_control: pd.DataFrame
    england_inequality: pd.DataFrame
    local: inequalities.Gradient | None
    local_problem: str


def cvdprevent_england_quintiles(db: Database) -> pd.DataFrame:
    """CVDPREVENT's England values by patient IMD quintile (1 = most deprived), every indicator held."""
    return db.query("cvdprevent_england_quintiles")


def england_inequality(quintiles: pd.DataFrame, confidence: float = 0.95) -> pd.DataFrame:
    """Slope and relative index of inequality across England's five IMD quintiles, computed from the counts.

    The SII is reported as **most deprived minus least deprived** (percentage points): the fitted value at the most
    deprived end minus that at the least deprived end, so negative means lower where people are more deprived. The
    RII is most over least deprived. Weights are each quintile's denominator; limits are simulated
    (:func:`lsc_phm.stats.sii`, docs/methods.md#slope-and-relative-index-of-inequality) with the reliability check (9
    further simulations; the mean absolute difference of their limits from the reported ones). Five groups are the
    fewest the method accepts.

    Parameters
    ----------
    quintiles : pandas.DataFrame
        One indicator's rows of :func:`cvdprevent_england_quintiles` (five quintiles).
    confidence : {0.95, 0.998}

    Returns
    -------
    pandas.DataFrame
        One row: ``sii, sii_lowercl, sii_uppercl, rii, rii_lowercl, rii_uppercl, sii_limit_mad, rii_limit_mad,
        confidence, quintiles``.

    Raises
    ------
    ValueError
        Unless there are exactly quintiles 1 to 5 with counts.
    """
    if sorted(quintiles["quintile"].tolist()) != [1, 2, 3, 4, 5]:
        raise ValueError("England inequality needs one row for each IMD quintile 1 to 5")
    ordered = quintiles.sort_values("quintile")
    result = sii(
        ordered["quintile"].to_numpy(),
        ordered["denominator"].to_numpy(dtype=float),
        numerator=ordered["numerator"].to_numpy(dtype=float),
        denominator=ordered["denominator"].to_numpy(dtype=float),
        value_type="proportion",
        multiplier=100,
        confidence=confidence,
        repetitions=SII_REPETITIONS,
        seed=SII_SEED,
        reliability=True,
    )
    suffix = f"{confidence * 100:.1f}".replace(".", "_")
    row = result.iloc[0]
    # stats.sii reports least minus most deprived (fitted at B = 1 minus B = 0): negated here, limits swapped
    return pd.DataFrame(
        [
            {
                "sii": -float(row["sii"]),
                "sii_lowercl": -float(row[f"sii_upper{suffix}cl"]),
                "sii_uppercl": -float(row[f"sii_lower{suffix}cl"]),
                "rii": float(row["rii"]),
                "rii_lowercl": float(row[f"rii_lower{suffix}cl"]),
                "rii_uppercl": float(row[f"rii_upper{suffix}cl"]),
                "sii_limit_mad": float(row[f"sii_mad{suffix}"]),
                "rii_limit_mad": float(row[f"rii_mad{suffix}"]),
                "confidence": confidence,
                "quintiles": 5,
            }
        ]
    )


def hypertension_by_deprivation(db: Database, icb: Icb, confidence: float = 0.95) -> HypertensionByDeprivation:
    """CVDPREVENT's England gradient of hypertension treated to target by IMD quintile (national context) beside the
    ICB's QOF hypertension register by practice deprivation quintile (local groups)."""
    england = cvdprevent_england_quintiles(db)
    control = england[england["indicator_code"] == HYPERTENSION_CONTROL]
    local, problem = None, ""
    try:
        local = inequalities.gradient(db, icb, "qof_hyp", "practice", "local", 5, None, "", confidence)
    except inequalities.NoData as no_data:
        problem = str(no_data)
    labels = {1: "1 (most deprived)", 5: "5 (least deprived)"}
    control = control.assign(
        group_label=[labels.get(q, str(q)) for q in control["quintile"]],
        deprivation_group=control["quintile"],
        population=control["denominator"],
        units=np.nan,
    )
    return HypertensionByDeprivation(
        england, control.reset_index(drop=True), england_inequality(control, confidence), local, problem
    )
