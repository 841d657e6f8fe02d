"""Funnel plots: 95% and 99.8% control limits, chart points and the significance of each unit.

Functions
---------
funnel_limits
    95% and 99.8% funnel-plot control limits for proportions, rates and
    ratios (observed / expected, reference 1), around the overall value or a
    given benchmark.
funnel_points
    The value and derived denominator of each unit for a rate funnel.
funnel_significance
    Where each unit falls against the 95% and 99.8% funnel limits.

See docs/methods.md#funnel-plots.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import special  # not scipy.stats: see _validation.py

from ._validation import as_float_array, check_multiplier, level_suffix, z_value
from .intervals import EXACT_BELOW, poisson_limits

__all__ = ["DSR_NOT_APPLICABLE", "FUNNEL_LABELS", "funnel_limits", "funnel_points", "funnel_significance"]

_FUNNEL_LEVELS = (0.95, 0.998)


def _bisect(func: Any, lo: np.ndarray, hi: np.ndarray, iterations: int = 80) -> np.ndarray:
    """Vectorised bisection for an increasing function with func(lo) < 0 < func(hi)."""
    lo, hi = lo.copy(), hi.copy()
    for _ in range(iterations):
        mid = (lo + hi) / 2.0
        pos = func(mid) > 0
        hi = np.where(pos, mid, hi)
        lo = np.where(pos, lo, mid)
    return (lo + hi) / 2.0


def _poisson_funnel_events(expected: np.ndarray, tail: float) -> tuple[np.ndarray, np.ndarray]:
    """Observed counts at the lower and upper exact control limits for E events.

    Lower: O with P(X ≤ O | E) = tail, i.e. regularised Q(O+1, E) = tail (0 if
    e^{-E} ≥ tail). Upper: O with P(X ≥ O | E) = tail, i.e. P(O, E) = tail.
    O is treated as continuous via the incomplete gamma function.
    """
    top = expected + 20.0 * np.sqrt(expected) + 20.0
    zero = np.zeros_like(expected)
    lower = _bisect(lambda o: special.gammaincc(o + 1.0, expected) - tail, zero, expected.copy())
    lower = np.where(np.exp(-expected) >= tail, 0.0, lower)
    upper = _bisect(lambda o: tail - special.gammainc(np.maximum(o, 1e-300), expected), zero, top)
    return lower, upper


def funnel_limits(
    numerators: Any,
    denominators: Any,
    statistic: Literal["proportion", "rate", "ratio"] = "proportion",
    multiplier: float | None = None,
    grid: Sequence[float] | None = None,
    n_points: int = 100,
    baseline: float | None = None,
) -> pd.DataFrame:
    """95% and 99.8% funnel-plot control limits around the overall value or a benchmark.

    Parameters
    ----------
    numerators, denominators : array-like of float
        Counts and denominators of the units plotted (areas, practices). For
        ``statistic="ratio"`` the observed and **expected** events (e.g. of an
        SMR). No missing values.
    statistic : {"proportion", "rate", "ratio"}, default "proportion"
        Proportion (normal approximation limits), crude rate (exact Poisson) or
        ratio observed / expected against the reference 1 (exact Poisson).
    multiplier : float, optional
        Defaults to 100 (percentage) for proportions, 100,000 for rates and 1
        for ratios (100 gives a ratio x 100, as for ISRs).
    grid : sequence of float, optional
        Denominators (expected events for ratios) at which to compute the
        limits. Default: ``n_points`` values spaced geometrically from half the
        smallest to 1.1 × the largest denominator (at least 1).
    n_points : int, default 100
        Number of grid points when ``grid`` is not given.
    baseline : float, optional
        The centre line on the output scale (e.g. 7.2 for 7.2%, or England's
        rate per 100,000), when units are compared with a benchmark rather
        than with their own overall value. Default: Σ numerators / Σ
        denominators × multiplier (for ratios, 1 × multiplier).

    Returns
    -------
    pandas.DataFrame
        One row per grid point: ``denominator, baseline, lower_limit_95_0,
        upper_limit_95_0, lower_limit_99_8, upper_limit_99_8, statistic,
        method``.

    Notes
    -----
    Proportions [1]_ [2]_: limit(N) = p̄ ∓ z·√(p̄(1 − p̄)/N) with z = Φ⁻¹(0.975)
    or Φ⁻¹(0.999), × multiplier and clipped to [0, multiplier] (the package
    clips at 100 whatever the multiplier).

    Rates and ratios: exact Poisson limits around the expected count E = r̄N
    (r̄ = ΣO/ΣN, or the baseline; for ratios E is the expected count itself and
    the reference is 1). The lower limit is O_L/N where O_L solves
    P(X ≤ O_L | E) = tail (0 if no such O ≥ 0), and the upper limit is
    O_U/N where P(X ≥ O_U | E) = tail, with tail = 0.025 or 0.001. These are
    the same curves as the chi-square forms of docs/methods.md#funnel-plots — for a ratio,
    the point (λ_U(O), O/λ_U(O)) with λ_U = χ²_{1−p}(2O+2)/2 lies on the lower
    line and (λ_L(O), O/λ_L(O)) with λ_L = χ²_p(2O)/2 on the upper line —
    evaluated at given denominators instead of given event counts: O is
    inverted continuously through the regularised incomplete gamma function
    (vectorised bisection to machine precision) rather than by the package's
    bisection on a Poisson series.

    References
    ----------
    .. [1] Spiegelhalter DJ. Funnel plots for comparing institutional performance.
       Stat Med 2005;24:1185–1202.
    .. [2] OHID/PHE. Fingertips Public Health Technical Guidance: funnel plots.

    Examples
    --------
    >>> out = funnel_limits([20, 30], [100, 100], grid=[100])
    >>> out[["denominator", "baseline", "lower_limit_95_0", "upper_limit_95_0"]].round(2)
       denominator  baseline  lower_limit_95_0  upper_limit_95_0
    0        100.0      25.0             16.51             33.49
    """
    if statistic not in ("proportion", "rate", "ratio"):
        raise ValueError("statistic must be 'proportion', 'rate' or 'ratio'")
    default_m = {"proportion": 100, "rate": 100_000, "ratio": 1}[statistic]
    m = check_multiplier(multiplier if multiplier is not None else default_m)
    x = as_float_array(numerators, "numerators")
    n = as_float_array(denominators, "denominators")
    if len(x) != len(n) or len(x) == 0:
        raise ValueError("numerators and denominators must have the same non-zero length")
    if np.any(np.isnan(x)) or np.any(np.isnan(n)):
        raise ValueError("numerators and denominators must not be missing")
    if np.any(x < 0):
        raise ValueError("numerators must be greater than or equal to zero")
    if np.any(n <= 0):
        raise ValueError("denominators must be greater than zero")
    if statistic == "proportion" and np.any(x > n):
        raise ValueError("numerators must be less than or equal to denominators for a proportion")
    if grid is None:
        if isinstance(n_points, bool) or not isinstance(n_points, (int, np.integer)) or n_points < 2:
            raise ValueError("n_points must be an integer of at least 2")
        big_n = np.geomspace(max(1.0, n.min() / 2.0), max(2.0, n.max() * 1.1), int(n_points))
    else:
        big_n = as_float_array(grid, "grid")
        if np.any(np.isnan(big_n)) or np.any(big_n <= 0):
            raise ValueError("grid values must be greater than zero")
    if baseline is None:
        base = 1.0 if statistic == "ratio" else x.sum() / n.sum()
    else:
        base = float(baseline) / m
        upper = 1.0 if statistic == "proportion" else np.inf
        if not (0.0 < base < upper):
            raise ValueError("baseline must be greater than zero (and below the multiplier for a proportion)")
    out: dict[str, Any] = {"denominator": big_n, "baseline": np.full(len(big_n), base * m)}
    for c in _FUNNEL_LEVELS:
        suffix = level_suffix(c)
        if statistic == "proportion":
            half = z_value(c) * np.sqrt(base * (1 - base) / big_n)
            lo, hi = np.clip(base - half, 0, 1), np.clip(base + half, 0, 1)
        else:
            o_lo, o_hi = _poisson_funnel_events(base * big_n, (1 - c) / 2)
            lo, hi = o_lo / big_n, o_hi / big_n
        out[f"lower_limit_{suffix}"] = lo * m
        out[f"upper_limit_{suffix}"] = hi * m
    if statistic == "proportion":
        out["statistic"] = "percentage" if m == 100 else f"proportion of {m:g}"
        out["method"] = (
            "normal approximation around the overall proportion"
            if baseline is None
            else "normal approximation around the benchmark proportion"
        )
    elif statistic == "rate":
        out["statistic"] = f"rate per {m:g}"
        out["method"] = (
            "exact Poisson around the overall rate" if baseline is None else "exact Poisson around the benchmark rate"
        )
    else:
        out["statistic"] = "ratio" if m == 1 else f"ratio x {m:g}"
        out["method"] = "exact Poisson around the expected count (observed / expected, reference 1)"
    return pd.DataFrame(out)


#: Labels of :func:`funnel_significance` (PHEindicatormethods wording), most extreme first.
FUNNEL_LABELS = ("High (0.001)", "High (0.025)", "Not significant", "Low (0.025)", "Low (0.001)")
DSR_NOT_APPLICABLE = "Not applicable for events less than 10 for dsrs"


def funnel_points(
    events: Any,
    rates: Any,
    multiplier: float = 100_000,
    rate_type: Literal["dsr", "crude"] = "dsr",
    denominators: Any = None,
    years: float = 1,
) -> pd.DataFrame:
    """Chart value and derived denominator of each unit for a rate funnel plot.

    Parameters
    ----------
    events : array-like of float
        Event count O of each unit.
    rates : array-like of float
        Its rate r per ``multiplier`` (a DSR or a crude rate).
    multiplier : float, default 100000
        Rate per this many people.
    rate_type : {"dsr", "crude"}, default "dsr"
        Kind of rate.
    denominators : array-like of float, optional
        Populations; needed for crude rates of units with no events (the rate
        is then 0 and cannot give a denominator).
    years : float, default 1
        Number of years the data cover (denominators are per year).

    Returns
    -------
    pandas.DataFrame
        ``events, rate, chart_value`` (the value to plot) and
        ``denominator_derived`` (the population at which to plot it, per
        year), ``rate_type``, ``note``.

    Raises
    ------
    ValueError
        For negative events, non-positive rates with events, or crude rates
        with zero events and no denominator.

    Notes
    -----
    As PHEindicatormethods ``calculate_funnel_points`` (docs/methods.md#funnel-plots) [1]_:
    the denominator behind a rate is D = M·O/r, per year D/years. For a DSR,
    units with fewer than 10 events are not plotted (chart value and
    denominator NaN, "< 10 events"), the Fingertips rule for DSRs. For a
    crude rate with no events the supplied denominator is used.

    References
    ----------
    .. [1] OHID/PHE. Fingertips Public Health Technical Guidance: funnel plots.

    Examples
    --------
    >>> funnel_points([50, 5], [250.0, 100.0])[["chart_value", "denominator_derived"]]
       chart_value  denominator_derived
    0        250.0              20000.0
    1          NaN                  NaN
    """
    if rate_type not in ("dsr", "crude"):
        raise ValueError("rate_type must be 'dsr' or 'crude'")
    m = check_multiplier(multiplier)
    o = as_float_array(events, "events")
    r = as_float_array(rates, "rates")
    if len(o) != len(r):
        raise ValueError("events and rates must have the same length")
    if float(years) <= 0:
        raise ValueError("years must be greater than zero")
    if np.any(np.isnan(o)) or np.any(o < 0):
        raise ValueError("events must be greater than or equal to zero and not missing")
    if np.any((o > 0) & ~(r > 0)):
        raise ValueError("rates must be greater than zero where there are events")
    with np.errstate(divide="ignore", invalid="ignore"):
        derived = np.where(o > 0, m * o / r, np.nan)
    note = np.full(len(o), "", dtype=object)
    chart = r.copy()
    if rate_type == "dsr":
        small = o < EXACT_BELOW
        chart = np.where(small, np.nan, r)
        derived = np.where(small, np.nan, derived)
        note[small] = "< 10 events: not plotted (DSR)"
    else:
        zero = o == 0
        if zero.any():
            if denominators is None:
                raise ValueError("denominators are needed for crude rates of units with no events")
            d = as_float_array(denominators, "denominators")
            if len(d) != len(o):
                raise ValueError("denominators must have the same length as events")
            derived = np.where(zero, d, derived)
    return pd.DataFrame(
        {
            "events": o,
            "rate": r,
            "chart_value": chart,
            "denominator_derived": derived / years,
            "rate_type": rate_type,
            "note": note,
        }
    )


def funnel_significance(
    numerators: Any,
    denominators: Any,
    statistic: Literal["proportion", "rate", "ratio"] = "proportion",
    baseline: float | None = None,
    multiplier: float | None = None,
    rate_type: Literal["dsr", "crude"] = "crude",
) -> pd.Series:
    """Label each unit by where it falls against the 95% and 99.8% funnel limits.

    Parameters
    ----------
    numerators, denominators : array-like of float
        Proportions: counts and denominators. Rates: events and (derived)
        denominators (see :func:`funnel_points`). Ratios: observed and expected
        events.
    statistic : {"proportion", "rate", "ratio"}, default "proportion"
        As for :func:`funnel_limits`.
    baseline : float, optional
        The centre line on the output scale (as for :func:`funnel_limits`);
        default the overall value (1 for ratios).
    multiplier : float, optional
        Scale of ``baseline``; defaults as for :func:`funnel_limits`.
    rate_type : {"dsr", "crude"}, default "crude"
        For rates: DSR units with fewer than 10 events are "Not applicable for
        events less than 10 for dsrs", whatever their denominator, including
        units with no events, whose denominator :func:`funnel_points` cannot
        derive (NaN), as in PHEindicatormethods.

    Returns
    -------
    pandas.Series
        One of "High (0.001)" (above the 99.8% limit), "High (0.025)" (above
        the 95% limit only), "Not significant", "Low (0.025)", "Low (0.001)",
        or the DSR not-applicable text; NA for a unit with a missing count.

    Notes
    -----
    docs/methods.md#funnel-plots and the Fingertips funnel-plot guidance [1]_:

    * Proportions: p = x/n against p̄ ∓ z√(p̄(1 − p̄)/n), checked in the order
      below 99.8%, below 95%, above 99.8%, above 95%.
    * Ratios (O, E) against 1, and rates as ratios with E = r̄·D: with Poisson
      limits of O (exact below 10 events, Byars otherwise) at 99.8% and 95%,
      "High" when 1 < O_L/E, "Low" when 1 > O_U/E, 99.8% first.

    References
    ----------
    .. [1] OHID/PHE. Fingertips Public Health Technical Guidance: funnel plots.

    Examples
    --------
    >>> funnel_significance([10, 25, 60], [100, 100, 100], baseline=25).tolist()
    ['Low (0.001)', 'Not significant', 'High (0.001)']
    """
    if statistic not in ("proportion", "rate", "ratio"):
        raise ValueError("statistic must be 'proportion', 'rate' or 'ratio'")
    if rate_type not in ("dsr", "crude"):
        raise ValueError("rate_type must be 'dsr' or 'crude'")
    default_m = {"proportion": 100, "rate": 100_000, "ratio": 1}[statistic]
    m = check_multiplier(multiplier if multiplier is not None else default_m)
    index = numerators.index if isinstance(numerators, pd.Series) else None
    x = as_float_array(numerators, "numerators")
    n = as_float_array(denominators, "denominators")
    if len(x) != len(n):
        raise ValueError("numerators and denominators must have the same length")
    # a DSR unit with fewer than 10 events is labelled by its count alone: its denominator may be missing or zero
    dsr_small = (statistic == "rate") & (rate_type == "dsr") & ~np.isnan(x) & (np.nan_to_num(x, nan=0.0) < EXACT_BELOW)
    present = ~np.isnan(x) & ~np.isnan(n) & ~dsr_small
    if np.any(x[~np.isnan(x)] < 0) or np.any(n[present] <= 0):
        raise ValueError("numerators must be at least zero and denominators greater than zero")
    if statistic == "proportion" and np.any(x[present] > n[present]):
        raise ValueError("numerators must be less than or equal to denominators for a proportion")
    if baseline is not None:
        base = float(baseline) / m
    elif statistic == "ratio":
        base = 1.0
    else:  # every unit with a count and a usable denominator, the small DSR units included, as before
        known = ~np.isnan(x) & (np.nan_to_num(n, nan=0.0) > 0)
        base = x[known].sum() / n[known].sum()
    labels = np.full(len(x), None, dtype=object)
    xs, ns = x[present], n[present]
    if statistic == "proportion":
        p = xs / ns
        sd = np.sqrt(base * (1 - base) / ns)
        z95, z998 = z_value(0.95), z_value(0.998)
        res = np.select(
            [p < base - z998 * sd, p < base - z95 * sd, p > base + z998 * sd, p > base + z95 * sd],
            ["Low (0.001)", "Low (0.025)", "High (0.001)", "High (0.025)"],
            default="Not significant",
        )
    else:
        expected = ns if statistic == "ratio" else base * ns
        lo998, hi998 = poisson_limits(xs, 0.998)
        lo95, hi95 = poisson_limits(xs, 0.95)
        lo998, lo95 = np.nan_to_num(lo998), np.nan_to_num(lo95)
        res = np.select(
            [lo998 / expected > 1, lo95 / expected > 1, hi998 / expected < 1, hi95 / expected < 1],
            ["High (0.001)", "High (0.025)", "Low (0.001)", "Low (0.025)"],
            default="Not significant",
        )
    labels[present] = res
    labels[dsr_small] = DSR_NOT_APPLICABLE
    return pd.Series(labels, index=index, name="funnel_significance", dtype=object)
