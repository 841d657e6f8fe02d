"""The direction of an attention-list row over time and the words every display uses for it: the recent trend
(OHID's published trend, else the chi-square test for trend computed here), the latest change where the trend finds
no significant change, and the trend of the gap with the comparator.

The attention list itself is :mod:`lsc_phm.views.attention`. See ``docs/methods.md#what-needs-attention``.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: recent trends.
   https://fingertips.phe.org.uk/profile/guidance
"""

from __future__ import annotations

import re

import pandas as pd

from lsc_phm import indicators
from lsc_phm.domain import benchmarking
from lsc_phm.stats import gap_trend


def _kind(period: object) -> str:
    return re.sub(r"\d", "9", str(period))


def same_kind(series: pd.DataFrame) -> pd.DataFrame:
    """The periods of the same kind (single years, pooled, quarters) as the latest one, oldest first."""
    ordered = series.sort_values("period_sort")
    if ordered.empty:
        return ordered
    kind = _kind(ordered["period"].iloc[-1])
    return ordered[[_kind(p) == kind for p in ordered["period"]]]


def _shown(value: float, indicator: indicators.Indicator) -> str:
    text = f"{value:,.{indicator.decimals}f}"
    return f"{text}%" if indicator.unit == "%" else f"{text} {indicator.unit}"


def _single_years(periods: pd.Series) -> bool:
    """Whether the periods are single years ("2022", "2022/23"), so that "latest year" and "five-year" are true."""
    return all(re.fullmatch(r"\d{4}(/\d{2})?", str(p)) for p in periods)


def latest_change(series: pd.DataFrame, indicator: indicators.Indicator) -> tuple[str, str]:
    """Direction from the latest change: ("getting worse" | "improving" | "increasing" | "decreasing", words) when the
    latest and previous 95% intervals (periods of the same kind) do not overlap; ("", reason) otherwise.

    The words say the change and the test, e.g. "rose significantly in the latest year (19.3% to 23.9%, 95%
    intervals do not overlap)": non-overlapping 95% intervals imply a difference significant at least at 5%.
    """
    polarity = indicator.polarity
    kept = same_kind(series.dropna(subset=["value"]))
    if len(kept) < 2:
        return "", "no earlier period of the same kind"
    last, prev = kept.iloc[-1], kept.iloc[-2]
    if any(pd.isna(v) for v in (last["lowercl"], last["uppercl"], prev["lowercl"], prev["uppercl"])):
        return "", "no intervals to test the latest change"
    if not (last["uppercl"] < prev["lowercl"] or prev["uppercl"] < last["lowercl"]):
        return "", f"latest change {prev['period']} to {last['period']}: 95% intervals overlap"
    rose = last["value"] > prev["value"]
    worse = (rose and polarity == "low_is_good") or (not rose and polarity == "high_is_good")
    span = "year" if _single_years(kept["period"].tail(2)) else "period"
    words = (
        f"{'rose' if rose else 'fell'} significantly in the latest {span} ({_shown(prev['value'], indicator)} "
        f"to {_shown(last['value'], indicator)}, 95% intervals do not overlap)"
    )
    if polarity == "no_judgement":
        return ("increasing" if rose else "decreasing"), words
    return ("getting worse" if worse else "improving"), words


def trend_words(trend: str, series: pd.DataFrame) -> str:
    """The recent trend named by who made it: "OHID's five-year trend: no significant change" (OHID's published
    trend), "five-year trend (chi-square test for trend, computed here): ..." or why no trend was tested."""
    years = _single_years(same_kind(series.dropna(subset=["value"]))["period"].tail(5))
    span = "five-year" if years else "five-point"
    if trend.endswith(benchmarking.OHID_TREND):
        return f"OHID's {span} trend: {trend.removesuffix(benchmarking.OHID_TREND).lower()}"
    if trend.startswith("Trend test not applicable"):
        return f"no {span} trend tested: {trend.removeprefix('Trend test not applicable: ')}"
    return f"{span} trend (chi-square test for trend at 99.8%, computed here): {trend.lower()}"


def direction(series: pd.DataFrame, indicator: indicators.Indicator) -> tuple[str, str]:
    """The indicator's direction for the area and which rule decided it.

    The recent trend governs where it shows a significant direction (OHID's published trend first, else the
    chi-square test computed here). Where it does not, a latest change with non-overlapping 95% intervals decides,
    and the basis says both facts, e.g. "rose significantly in the latest year (19.3% to 23.9%, 95% intervals do
    not overlap); OHID's five-year trend: no significant change".

    Returns
    -------
    tuple of str
        ``("getting worse" | "improving" | "no significant change" | "not tested", basis)``.
    """
    trend = benchmarking.recent_trend(series, indicator)
    said = trend_words(trend, series)
    if "getting worse" in trend:
        return "getting worse", said
    if "getting better" in trend:
        return "improving", said
    moved, basis = latest_change(series, indicator)
    if moved in ("getting worse", "improving"):
        return moved, f"{basis}; {said}"
    if trend.startswith(("No significant change", "Increasing", "Decreasing")) or basis.endswith("intervals overlap"):
        return "no significant change", f"{said}; {basis}"
    return "not tested", f"{said}; {basis}"


def decided_by_latest_change(direction_basis: str) -> bool:
    """Whether a row's direction was decided by the latest change rather than by the recent trend (the rows whose
    every display must say both facts)."""
    return " significantly in the latest " in str(direction_basis).split(";")[0]


def direction_phrase(row: pd.Series | dict) -> str:
    """The direction as every display of a row must say it: the direction alone ("getting worse") where the recent
    trend decided, and both facts where the latest change decided against a trend of no significant change ("getting
    worse: rose significantly in the latest year (19.3% to 23.9%, 95% intervals do not overlap); OHID's five-year
    trend: no significant change"). For the page, the CLI and the briefing's messages alike."""
    moving, basis = str(row["direction"]), str(row["direction_basis"])
    return f"{moving}: {basis}" if decided_by_latest_change(basis) else moving


def gap_direction(area: pd.DataFrame, comparator: pd.DataFrame) -> tuple[str, str]:
    """Widening / narrowing / no clear change of the gap over the comparable points (:func:`lsc_phm.stats.gap_trend`),
    or why it was not tested."""
    kept = same_kind(area.dropna(subset=["value", "lowercl", "uppercl"]))
    joined = kept.merge(
        comparator[["period", "value", "lowercl", "uppercl"]].dropna(), on="period", suffixes=("", "_c")
    )
    joined = joined[(joined["uppercl"] > joined["lowercl"]) | (joined["uppercl_c"] > joined["lowercl_c"])]
    if len(joined) < 5:
        return "not tested", f"needs 5 periods with intervals for both, has {len(joined)}"
    joined = joined.tail(5)  # the recent five, as the recent trend
    out = gap_trend(
        joined["period_sort"],
        joined["value"],
        joined["lowercl"],
        joined["uppercl"],
        joined["value_c"],
        joined["lowercl_c"],
        joined["uppercl_c"],
    ).iloc[0]
    return str(out["direction"]), (
        f"slope of the gap {out['value']:+.2f} per year (95% CI {out['lowercl']:+.2f} "
        f"to {out['uppercl']:+.2f}), {joined['period'].iloc[0]} to "
        f"{joined['period'].iloc[-1]}"
    )
