"""Page data for the practice funnel plot: each GP practice's value against the ICB's or England's.

Holds the practice-level proportions that have counts (QOF registers, GP-recorded smoking 15+), the plain words for
the funnel positions and :func:`practice_funnel`, which places each practice against 95% and 99.8% control limits
around a benchmark (the Fingertips funnel-plot method, :func:`lsc_phm.stats.funnel_limits`). The practices and their
deprivation scores come from :mod:`lsc_phm.views.inequalities`. See docs/methods.md#funnel-plots.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: funnel plots. https://fingertips.phe.org.uk/profile/guidance
.. [2] Spiegelhalter DJ. Funnel plots for comparing institutional performance. Stat Med 2005;24:1185-1202.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain import indicator_data
from lsc_phm.domain.geography import Icb
from lsc_phm.stats import funnel_limits, funnel_significance
from lsc_phm.store.db import Database
from lsc_phm.views.inequalities import GRADIENT_INDICATORS, unit_values

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
FUNNEL_SUPPRESSED_COUNT = "Suppressed (count below 10)"  # an indicator other than a QOF register


def funnel_indicator_ids() -> tuple[str, ...]:
    """The practice-level indicators a funnel plot is drawn for: every proportion with counts and denominators per
    practice (the QOF registers, GP-recorded smoking 15+)."""
    return tuple(i for i in GRADIENT_INDICATORS["practice"] if indicators.get(i).value_type == "proportion")


FUNNEL_COLUMNS: tuple[str, ...] = (
    "practice_code",
    "practice_name",
    "numerator",
    "denominator",
    "value",
    "benchmark",
    "benchmark_value",
    "position",
    "funnel_label",
    "suppressed",
    "indicator",
    "period",
    "confidence",
    "method",
    "source",
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


def practice_funnel(
    db: Database,
    icb: Icb,
    indicator_id: str,
    period: str,
    area: str = "",
    benchmark: str = "icb",
    threshold: int = config.SUPPRESSION_THRESHOLD,
) -> PracticeFunnel:
    """Funnel plot data: each practice's value against the ICB's or England's, at 95% and 99.8%.

    Parameters
    ----------
    db : Database
    icb : Icb
    indicator_id : str
        A practice-level proportion with counts (:func:`funnel_indicator_ids`: QOF registers, GP-recorded smoking).
    period : str
        The indicator's period, e.g. "2024-25" (QOF) or "2023/24" (OHID).
    area : str, default ""
        A sub-ICB location code to restrict the practices to (practices with a published deprivation score there,
        as on the rest of the page); "" = every practice of the ICB.
    benchmark : {"icb", "england"}, default "icb"
        Centre line: the whole ICB's value (all its practices' counts over their denominators) or England's.
    threshold : int, default 10
        Practices with a count below this are suppressed (no value, not plotted).

    Returns
    -------
    PracticeFunnel

    Raises
    ------
    ValueError
        For an indicator without practice counts, an unknown benchmark, no practice values, or no benchmark value
        for the period (e.g. England for GP-recorded smoking 2023/24).

    Notes
    -----
    Limits: p̄ ∓ z·√(p̄(1 − p̄)/N) around the benchmark p̄ (z = 1.96 and 3.09), the Fingertips funnel-plot method
    (:func:`lsc_phm.stats.funnel_limits`); each practice's position comes from the same rule at its own list size
    (:func:`lsc_phm.stats.funnel_significance`), from the unrounded count and denominator. The
    benchmark is treated as fixed; with the ICB as benchmark the practices are part of it.
    """
    indicator = indicators.get(indicator_id)
    if indicator_id not in funnel_indicator_ids():
        raise ValueError(f"'{indicator_id}' has no counts per practice, so it has no practice funnel plot")
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

    shown = practices[
        ~practices["suppressed"].astype(bool) & practices["numerator"].notna() & (practices["denominator"] > 0)
    ]
    labels = funnel_significance(shown["numerator"], shown["denominator"], "proportion", baseline=100.0 * base)
    hidden_word = FUNNEL_SUPPRESSED if indicator_id.startswith("qof_") else FUNNEL_SUPPRESSED_COUNT
    position = pd.Series(hidden_word, index=practices.index, dtype=object)
    position.loc[shown.index] = labels.map(FUNNEL_WORDS).to_numpy()
    funnel_label = pd.Series("", index=practices.index, dtype=object)
    funnel_label.loc[shown.index] = labels.to_numpy()
    points = pd.DataFrame(
        {
            "practice_code": practices["area_code"],
            "practice_name": practices["area_name"],
            "numerator": practices["numerator"],
            "denominator": practices["denominator"],
            "value": practices["value"],
            "benchmark": benchmark_name,
            "benchmark_value": round(100.0 * base, indicator.decimals),
            "position": position,
            "funnel_label": funnel_label,
            "suppressed": practices["suppressed"].astype(bool),
            "indicator": indicator.name,
            "period": str(period),
            "confidence": "95% and 99.8% funnel limits",
            "method": "Fingertips funnel plot: normal-approximation limits around the benchmark proportion "
            "(lsc_phm.stats.funnel_limits, funnel_significance)",
            "source": practices["source"],
        }
    )
    points.loc[points["suppressed"], "denominator"] = np.nan  # list size would help recover a hidden register count
    points = points.sort_values(["suppressed", "denominator"], ascending=[True, False]).reset_index(drop=True)
    sizes = shown["denominator"].to_numpy(dtype="float64")
    grid = np.geomspace(max(1.0, sizes.min() / 1.2), sizes.max() * 1.2, 120) if len(sizes) else np.array([1.0, 2.0])
    limits = funnel_limits([base], [1.0], "proportion", grid=grid, baseline=100.0 * base)
    counts = {word: int((points["position"] == word).sum()) for word in [*FUNNEL_WORDS.values(), hidden_word]}
    scope = "the chosen sub-ICB location's" if area else "the ICB's"
    size = "list size" if indicator_id.startswith("qof_") else "denominator (patients 15+ with a recorded status)"
    description = (
        f"{len(shown)} of {scope} {len(points)} GP practices plotted by {size}. Centre line: "
        f"{benchmark_name}, {100.0 * base:.{indicator.decimals}f}% ({indicator.name}, {period}"
        + (", QOF" if indicator_id.startswith("qof_") else ", OHID's practice counts summed")
        + "); "
        "lines are the 95% and 99.8% control limits. A practice outside the 99.8% limits is very unlikely "
        "to differ from the benchmark by chance alone; recorded values also reflect case-finding and "
        "coding, not only disease or behaviour."
    )
    return PracticeFunnel(
        indicator_id,
        str(period),
        area,
        benchmark,
        benchmark_name,
        100.0 * base,
        points[list(FUNNEL_COLUMNS)],
        limits,
        counts,
        description,
    )
