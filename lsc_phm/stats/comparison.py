"""Comparing values with a benchmark and recent trends (funnel plots: :mod:`lsc_phm.stats.funnels`).

Functions
---------
compare, compare_many
    Fingertips single-interval comparison with a benchmark (e.g. England).
trend
    Fingertips recent-trend test for proportions (chi-square test for linear
    trend over the last five points).
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import special  # not scipy.stats: see _validation.py

from ._validation import as_float_array, check_polarity, confidence_levels, level_label, level_suffix, same_length

__all__ = ["compare", "compare_many", "trend"]

Polarity = Literal["high_is_good", "low_is_good", "no_judgement"]
NOT_COMPARED = "Not compared"
_WORDS: dict[str, tuple[str, str]] = {  # (benchmark below the CI, benchmark above the CI)
    "high_is_good": ("Better", "Worse"),
    "low_is_good": ("Worse", "Better"),
    "no_judgement": ("Higher", "Lower"),
}


def _compare_arrays(
    value: np.ndarray, lower: np.ndarray, upper: np.ndarray, benchmark: np.ndarray, polarity: str
) -> np.ndarray:
    above_word, below_word = _WORDS[polarity]
    missing = np.isnan(value) | np.isnan(lower) | np.isnan(upper) | np.isnan(benchmark)
    with np.errstate(invalid="ignore"):
        if np.any(lower > upper):
            raise ValueError("lower must be less than or equal to upper")
        higher = benchmark < lower
        lower_ = benchmark > upper
    return np.select([missing, higher, lower_], [NOT_COMPARED, above_word, below_word], default="Similar").astype(
        object
    )


def compare(value: float, lower: float, upper: float, benchmark: float, polarity: Polarity, level: float = 0.95) -> str:
    """Compare one value with a benchmark using its confidence interval.

    Parameters
    ----------
    value : float
        The local value (only checked for being present).
    lower, upper : float
        Its confidence limits at level ``level``.
    benchmark : float
        The comparator value (e.g. England), treated as fixed.
    polarity : {"high_is_good", "low_is_good", "no_judgement"}
        Whether a higher value is better, worse, or neither.
    level : float, default 0.95
        Level of the supplied interval (validated; the rule itself uses
        whatever interval is given, e.g. 95% or 99.8%).

    Returns
    -------
    str
        "Better"/"Similar"/"Worse" (with a polarity) or
        "Higher"/"Similar"/"Lower" (``no_judgement``); "Not compared" when the
        value, a limit or the benchmark is missing.

    Notes
    -----
    The Fingertips rule [1]_: the value is significantly different from the
    benchmark when the benchmark lies outside [lower, upper] (a benchmark
    exactly on a limit counts as similar). The benchmark's own uncertainty is
    ignored, as for England comparators in Fingertips.

    References
    ----------
    .. [1] OHID/PHE. Fingertips Public Health Technical Guidance: comparing
       indicator values with a benchmark.

    Examples
    --------
    >>> compare(25.0, 22.0, 28.0, 20.0, "low_is_good")
    'Worse'
    >>> compare(25.0, 22.0, 28.0, 24.0, "high_is_good")
    'Similar'
    """
    check_polarity(polarity)
    confidence_levels(level)
    v, lo, hi, b = (np.array([np.nan if pd.isna(a) else float(a)]) for a in (value, lower, upper, benchmark))
    return str(_compare_arrays(v, lo, hi, b, polarity)[0])


def compare_many(
    value: Any, lower: Any, upper: Any, benchmark: Any, polarity: Polarity, level: float = 0.95
) -> pd.Series:
    """Vectorised :func:`compare` over arrays (benchmark may be a scalar).

    Parameters
    ----------
    value, lower, upper : array-like of float
        Values and their confidence limits.
    benchmark : float or array-like of float
        One benchmark for all rows, or one per row.
    polarity : {"high_is_good", "low_is_good", "no_judgement"}
        As for :func:`compare`.
    level : float, default 0.95
        Level of the supplied intervals; used in the name of the result.

    Returns
    -------
    pandas.Series
        Object Series of comparison labels named e.g. "comparison_95_0",
        keeping the index of ``value`` if it is a Series.

    Notes
    -----
    Same rule as :func:`compare` [1]_.

    References
    ----------
    .. [1] OHID/PHE. Fingertips Public Health Technical Guidance.

    Examples
    --------
    >>> compare_many([10, 30, 20, None], [8, 25, 15, 1], [12, 35, 25, 2], 20, "no_judgement").tolist()
    ['Lower', 'Higher', 'Similar', 'Not compared']
    """
    check_polarity(polarity)
    c = confidence_levels(level)
    index = value.index if isinstance(value, pd.Series) else None
    arrs = {
        "value": as_float_array(value, "value"),
        "lower": as_float_array(lower, "lower"),
        "upper": as_float_array(upper, "upper"),
        "benchmark": as_float_array(benchmark, "benchmark"),
    }
    size = same_length(arrs)
    b = {k: np.broadcast_to(v, size) for k, v in arrs.items()}
    labels = _compare_arrays(b["value"], b["lower"], b["upper"], b["benchmark"], polarity)
    return pd.Series(labels, index=index, name=f"comparison_{level_suffix(c[0])}", dtype=object)


# --------------------------------------------------------------------------
# Recent trend
# --------------------------------------------------------------------------
def trend(
    numerators: Any,
    denominators: Any,
    polarity: Polarity = "no_judgement",
    confidence: float = 0.998,
    n_points: int = 5,
) -> pd.DataFrame:
    """Recent trend of a proportion: chi-square test for linear trend.

    Parameters
    ----------
    numerators, denominators : array-like of float
        Counts and denominators of consecutive periods, **oldest first**.
    polarity : {"high_is_good", "low_is_good", "no_judgement"}, default "no_judgement"
        Adds "and getting better/worse" to a significant trend.
    confidence : float, default 0.998
        Significance level of the test (99.8%, as in Fingertips).
    n_points : int, default 5
        Number of most recent points used.

    Returns
    -------
    pandas.DataFrame
        One row: ``points_used, chi_square, p_value, direction``
        ("Increasing", "Decreasing", "No significant change" or "Cannot be
        calculated"), ``trend`` (direction with the polarity wording, e.g.
        "Increasing and getting worse"), ``confidence, statistic, method``.

    Notes
    -----
    Uses the last ``n_points`` periods with scores t = 1..5 [1]_ [2]_. With
    p̄ = Σx/Σn, N = Σn:

    .. math::
        T = \\sum x_i t_i - \\bar p \\sum n_i t_i, \\quad
        V = \\bar p (1 - \\bar p) \\left[\\sum n_i t_i^2 - (\\sum n_i t_i)^2 / N\\right], \\quad
        \\chi^2 = T^2 / V \\ (1\\ \\text{df})

    The trend is significant when the p-value is below 1 − confidence; its
    direction is the sign of T. "Cannot be calculated" when fewer than
    ``n_points`` periods are given, any of the last ones is missing, or p̄ is 0 or 1.

    References
    ----------
    .. [1] Armitage P. Tests for linear trends in proportions and frequencies.
       Biometrics 1955;11:375–386.
    .. [2] OHID/PHE. Fingertips Public Health Technical Guidance: recent trends.

    Examples
    --------
    >>> trend([100, 120, 140, 160, 180], [1000] * 5, "low_is_good")["trend"].iloc[0]
    'Increasing and getting worse'
    """
    check_polarity(polarity)
    level = confidence_levels(confidence)
    if len(level) != 1:
        raise ValueError("trend accepts a single confidence level")
    if isinstance(n_points, bool) or not isinstance(n_points, (int, np.integer)) or n_points < 3:
        raise ValueError("n_points must be an integer of at least 3")
    x = as_float_array(numerators, "numerators")
    n = as_float_array(denominators, "denominators")
    if len(x) != len(n):
        raise ValueError("numerators and denominators must have the same length")
    with np.errstate(invalid="ignore"):
        if np.any(x < 0):
            raise ValueError("numerators must be greater than or equal to zero")
        if np.any(n <= 0):
            raise ValueError("denominators must be greater than zero")
        if np.any(x > n):
            raise ValueError("numerators must be less than or equal to denominators for a proportion")

    chi2 = p_value = float("nan")
    direction = "Cannot be calculated"
    used = min(len(x), n_points)
    if len(x) >= n_points:
        xs, ns = x[-n_points:], n[-n_points:]
        if not (np.any(np.isnan(xs)) or np.any(np.isnan(ns))):
            t = np.arange(1, n_points + 1, dtype="float64")
            big_n = ns.sum()
            pbar = xs.sum() / big_n
            stat_t = float(np.sum(xs * t) - pbar * np.sum(ns * t))
            var = float(pbar * (1 - pbar) * (np.sum(ns * t**2) - np.sum(ns * t) ** 2 / big_n))
            if var > 0:
                chi2 = stat_t**2 / var
                p_value = float(special.chdtrc(1.0, chi2))  # chi-square (1 df) upper tail, chi2.sf
                if p_value < 1.0 - level[0]:
                    direction = "Increasing" if stat_t > 0 else "Decreasing"
                else:
                    direction = "No significant change"
    text = direction
    if direction in ("Increasing", "Decreasing") and polarity != "no_judgement":
        better = (direction == "Increasing") == (polarity == "high_is_good")
        text = f"{direction} and getting {'better' if better else 'worse'}"
    return pd.DataFrame(
        [
            {
                "points_used": used,
                "chi_square": chi2,
                "p_value": p_value,
                "direction": direction,
                "trend": text,
                "confidence": level_label(level),
                "statistic": f"recent trend (last {n_points} points)",
                "method": "chi-square test for linear trend (Cochran-Armitage)",
            }
        ]
    )
