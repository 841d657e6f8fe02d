"""Confidence intervals for proportions, counts, crude rates and means.

Functions
---------
wilson_ci, proportion
    Wilson score interval (no continuity correction) for a proportion.
exact_poisson_ci, byars_ci, rate
    Exact (chi-square) and Byars' approximate limits for a Poisson count, and
    crude rates that switch between them at 10 events.
mean_ci
    Student's t interval for a mean.

All functions are pure: they take numbers or array-likes and return a new
:class:`pandas.DataFrame` with the columns ``value, lowercl, uppercl,
confidence, statistic, method`` (or, for the pair of levels (0.95, 0.998),
``lower95_0cl, upper95_0cl, lower99_8cl, upper99_8cl`` instead of
``lowercl, uppercl``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import special  # not scipy.stats: see _validation.py

from ._validation import (
    FloatArray,
    as_float_array,
    check_multiplier,
    ci_column_names,
    confidence_levels,
    level_label,
    same_length,
    z_value,
)

__all__ = [
    "wilson_ci",
    "proportion",
    "exact_poisson_ci",
    "byars_ci",
    "rate",
    "mean_ci",
    "exact_poisson_limits",
    "byars_limits",
    "poisson_limits",
    "wilson_limits",
]

#: Counts below this use exact Poisson limits in :func:`rate`, :func:`byars_ci`
#: and indirect standardisation; counts at or above it use Byars' approximation.
EXACT_BELOW = 10


# --------------------------------------------------------------------------
# Array-level helpers (no validation; used across the package)
# --------------------------------------------------------------------------
def wilson_limits(x: FloatArray, n: FloatArray, level: float) -> tuple[FloatArray, FloatArray]:
    """Wilson score limits on the 0–1 scale for arrays of counts, without validation (the callers check).

    See docs/methods.md#proportions-with-wilson-score-intervals.

    Parameters
    ----------
    x, n : numpy.ndarray
        Numerators and denominators (float arrays of one shape).
    level : float
        Confidence level in (0, 1]; 1 gives (0, 1).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Lower and upper limits; NaN where ``x`` or ``n`` is NaN.

    References
    ----------
    .. [1] Wilson EB. Probable inference, the law of succession, and statistical inference. J Am Stat Assoc
       1927;22:209-212.
    """
    if level >= 1.0:
        lower = np.where(np.isnan(x + n), np.nan, 0.0)
        upper = np.where(np.isnan(x + n), np.nan, 1.0)
        return lower, upper
    # the Wilson score limits as statsmodels' proportion_confint(method="wilson") computes them (tests compare the
    # two on a grid), written out so that the dashboard need not import statsmodels and scipy.stats (server memory)
    z = -float(special.ndtri((1.0 - level) / 2.0))  # norm.isf((1 - c) / 2), as statsmodels takes it
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / n
        denom = 1.0 + z * z / n
        centre = (p + z * z / (2.0 * n)) / denom
        half = z * np.sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n)) / denom
    lower = np.clip(centre - half, 0.0, 1.0)
    upper = np.clip(centre + half, 0.0, 1.0)
    return np.asarray(lower, dtype="float64"), np.asarray(upper, dtype="float64")


def exact_poisson_limits(count: Any, level: float) -> tuple[FloatArray, FloatArray]:
    """Exact Poisson limits for observed counts from chi-square quantiles.

    ``O_L = χ²_{(1-c)/2}(2O) / 2`` (0 when O = 0) and
    ``O_U = χ²_{(1+c)/2}(2O + 2) / 2``. Non-integer counts are allowed.
    ``level`` is a fraction; NaN counts give NaN limits.
    """
    o = np.asarray(count, dtype="float64")
    # chi2.ppf(q, df) / 2 = gammaincinv(df / 2, q): the chi-square quantile as scipy.stats computes it
    with np.errstate(invalid="ignore"):
        lower = np.where(o > 0, special.gammaincinv(np.where(o > 0, o, 1.0), (1.0 - level) / 2.0), 0.0)
        upper = special.gammaincinv(o + 1.0, (1.0 + level) / 2.0)
    lower = np.where(np.isnan(o), np.nan, lower)
    return np.asarray(lower, dtype="float64"), np.asarray(upper, dtype="float64")


def byars_limits(count: Any, level: float) -> tuple[FloatArray, FloatArray]:
    """Byars' approximate Poisson limits.

    ``O_L = O (1 - 1/(9O) - z/(3√O))³`` (NaN if negative; 0 when O = 0) and
    ``O_U = (O+1) (1 - 1/(9(O+1)) + z/(3√(O+1)))³``.
    """
    o = np.asarray(count, dtype="float64")
    z = z_value(level)
    with np.errstate(divide="ignore", invalid="ignore"):
        safe = np.where(o > 0, o, 1.0)
        lower = np.where(o > 0, o * (1.0 - 1.0 / (9.0 * safe) - z / (3.0 * np.sqrt(safe))) ** 3, 0.0)
        lower = np.where(lower < 0, np.nan, lower)
        o1 = o + 1.0
        upper = o1 * (1.0 - 1.0 / (9.0 * o1) + z / (3.0 * np.sqrt(o1))) ** 3
    lower = np.where(np.isnan(o), np.nan, lower)
    return np.asarray(lower, dtype="float64"), np.asarray(upper, dtype="float64")


def poisson_limits(count: Any, level: float, exact_below: float = EXACT_BELOW) -> tuple[FloatArray, FloatArray]:
    """Exact limits for counts below ``exact_below``, Byars' limits otherwise."""
    o = np.asarray(count, dtype="float64")
    el, eu = exact_poisson_limits(o, level)
    bl, bu = byars_limits(o, level)
    use_exact = o < exact_below
    return np.where(use_exact, el, bl), np.where(use_exact, eu, bu)


def _method_labels(count: FloatArray, exact_below: float) -> list[str]:
    """'Exact' below the switch, 'Byars' at or above it, 'NA' for a missing count."""
    return ["NA" if np.isnan(c) else ("Exact" if c < exact_below else "Byars") for c in count]


def _frame(
    columns: dict[str, Any],
    levels: Sequence[float],
    limits: list[tuple[FloatArray, FloatArray]],
    statistic: str | Sequence[str],
    method: str | Sequence[str],
    n_rows: int,
) -> pd.DataFrame:
    """Assemble the standard output frame."""
    out: dict[str, Any] = dict(columns)
    for (lo_name, hi_name), (lo, hi) in zip(ci_column_names(levels), limits, strict=True):
        out[lo_name] = lo
        out[hi_name] = hi
    out["confidence"] = [level_label(levels)] * n_rows
    out["statistic"] = [statistic] * n_rows if isinstance(statistic, str) else list(statistic)
    out["method"] = [method] * n_rows if isinstance(method, str) else list(method)
    return pd.DataFrame(out)


def _check_proportion_inputs(x: FloatArray, n: FloatArray) -> None:
    with np.errstate(invalid="ignore"):
        if np.any(x < 0):
            raise ValueError("numerators must be greater than or equal to zero")
        if np.any(n <= 0):
            raise ValueError("denominators must be greater than zero")
        if np.any(x > n):
            raise ValueError("numerators must be less than or equal to denominators for a proportion")


# --------------------------------------------------------------------------
# Proportions
# --------------------------------------------------------------------------
def wilson_ci(x: Any, n: Any, confidence: float | Sequence[float] = 0.95) -> pd.DataFrame:
    """Wilson score confidence interval for a proportion (0–1 scale).

    Parameters
    ----------
    x : float or array-like of float
        Numerator(s): number of people with the characteristic. Non-integer
        values are allowed; NaN gives a NaN row.
    n : float or array-like of float
        Denominator(s), same length as ``x`` (or a scalar).
    confidence : float or sequence of float, default 0.95
        0.95 or 95, or the pair (0.95, 0.998).

    Returns
    -------
    pandas.DataFrame
        One row per input with ``value`` (x/n), ``lowercl``, ``uppercl`` (or
        ``lower95_0cl, upper95_0cl, lower99_8cl, upper99_8cl``), ``confidence``,
        ``statistic`` ("proportion") and ``method`` ("Wilson").

    Raises
    ------
    ValueError
        "numerators must be greater than or equal to zero",
        "denominators must be greater than zero",
        "numerators must be less than or equal to denominators for a proportion",
        or the confidence-level messages.

    Notes
    -----
    With :math:`z = \\Phi^{-1}((1+c)/2)`, the limits are [1]_ [2]_

    .. math:: \\frac{2x + z^2 \\mp z\\sqrt{z^2 + 4x(1 - x/n)}}{2(n + z^2)}

    without continuity correction, clipped to [0, 1]: the same computation as
    ``statsmodels.stats.proportion.proportion_confint(method="wilson")`` (the
    tests compare the two), written out here so the dashboard does not import
    statsmodels. At ``confidence = 1`` the interval is (0, 1).

    References
    ----------
    .. [1] Wilson EB. Probable inference, the law of succession, and statistical
       inference. J Am Stat Assoc 1927;22:209–212.
    .. [2] Newcombe RG, Altman DG. Proportions and their differences. In: Altman DG
       et al. (eds) Statistics with Confidence, 2nd ed. BMJ Books; 2000, pp. 46–48.

    Examples
    --------
    >>> wilson_ci(10, 50)[["value", "lowercl", "uppercl"]].round(4)
       value  lowercl  uppercl
    0    0.2   0.1124   0.3304
    """
    return proportion(x, n, confidence=confidence, multiplier=1).drop(columns=["numerator", "denominator"])


def proportion(x: Any, n: Any, confidence: float | Sequence[float] = 0.95, multiplier: float = 100) -> pd.DataFrame:
    """Proportion (default: percentage) with Wilson score confidence limits.

    Parameters
    ----------
    x : float or array-like of float
        Numerator(s). NaN gives a NaN row.
    n : float or array-like of float
        Denominator(s), > 0 and ≥ ``x``.
    confidence : float or sequence of float, default 0.95
        0.95 or 95, or the pair (0.95, 0.998).
    multiplier : float, default 100
        Scale of the output: 100 gives a percentage, 1 a proportion.

    Returns
    -------
    pandas.DataFrame
        ``numerator, denominator, value, lowercl, uppercl, confidence,
        statistic, method``. ``statistic`` is "percentage" when the multiplier
        is 100, else "proportion of <multiplier>"; ``method`` is "Wilson".

    Notes
    -----
    value = x / n × multiplier; limits are the Wilson score limits
    (:func:`wilson_ci`) × multiplier. Rows are independent: aggregate grouped
    data (sum x and n per group) before calling.

    References
    ----------
    .. [1] Wilson EB. J Am Stat Assoc 1927;22:209–212.
    .. [2] Newcombe RG, Altman DG. Statistics with Confidence, 2nd ed. 2000, pp. 46–48.

    Examples
    --------
    >>> proportion([10, 45], [50, 90])[["value", "lowercl", "uppercl"]].round(2)
       value  lowercl  uppercl
    0   20.0    11.24    33.04
    1   50.0    39.88    60.12
    """
    levels = confidence_levels(confidence)
    m = check_multiplier(multiplier)
    xa = as_float_array(x, "x")
    na = as_float_array(n, "n")
    size = same_length({"x": xa, "n": na})
    xa = np.broadcast_to(xa, size).astype("float64")
    na = np.broadcast_to(na, size).astype("float64")
    _check_proportion_inputs(xa, na)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = xa / na * m
    limits = []
    for c in levels:
        lo, hi = wilson_limits(xa, na, c)
        limits.append((lo * m, hi * m))
    statistic = "percentage" if m == 100 else ("proportion" if m == 1 else f"proportion of {m:g}")
    return _frame({"numerator": xa, "denominator": na, "value": value}, levels, limits, statistic, "Wilson", size)


# --------------------------------------------------------------------------
# Counts and rates
# --------------------------------------------------------------------------
def exact_poisson_ci(count: Any, confidence: float | Sequence[float] = 0.95) -> pd.DataFrame:
    """Exact confidence interval for a Poisson count from chi-square quantiles.

    Parameters
    ----------
    count : float or array-like of float
        Observed count(s) O ≥ 0.
    confidence : float or sequence of float, default 0.95
        0.95 or 95, or the pair (0.95, 0.998).

    Returns
    -------
    pandas.DataFrame
        ``value`` (the count), ``lowercl``, ``uppercl``, ``confidence``,
        ``statistic`` ("count"), ``method`` ("Exact").

    Notes
    -----
    :math:`O_L = \\chi^2_{(1-c)/2}(2O)/2` and
    :math:`O_U = \\chi^2_{(1+c)/2}(2O+2)/2`; for O = 0 the lower limit is 0
    (scipy's chi-square with 0 df is undefined, so it is special-cased). This
    equals ``statsmodels.stats.rates.confint_poisson(method="exact-c")``.

    References
    ----------
    .. [1] Armitage P, Berry G, Matthews JNS. Statistical Methods in Medical
       Research, 4th ed. Blackwell; 2002.

    Examples
    --------
    >>> exact_poisson_ci([0, 5])[["value", "lowercl", "uppercl"]].round(3)
       value  lowercl  uppercl
    0    0.0    0.000    3.689
    1    5.0    1.623   11.668
    """
    levels = confidence_levels(confidence)
    o = as_float_array(count, "count")
    with np.errstate(invalid="ignore"):
        if np.any(o < 0):
            raise ValueError("counts must be greater than or equal to zero")
    limits = [exact_poisson_limits(o, c) for c in levels]
    return _frame({"value": o}, levels, limits, "count", "Exact", len(o))


def byars_ci(count: Any, confidence: float | Sequence[float] = 0.95, exact_below: float = EXACT_BELOW) -> pd.DataFrame:
    """Confidence interval for a Poisson count: Byars' method, exact below 10.

    Parameters
    ----------
    count : float or array-like of float
        Observed count(s) O ≥ 0.
    confidence : float or sequence of float, default 0.95
        0.95 or 95, or the pair (0.95, 0.998).
    exact_below : float, default 10
        Counts below this use exact chi-square limits (:func:`exact_poisson_ci`);
        set 0 for Byars' limits throughout.

    Returns
    -------
    pandas.DataFrame
        ``value`` (the count), ``lowercl``, ``uppercl``, ``confidence``,
        ``statistic`` ("count") and ``method`` ("Byars" or "Exact" per row).

    Notes
    -----
    Byars' approximation [1]_, with :math:`z = \\Phi^{-1}((1+c)/2)`:

    .. math::
        O_L = O\\left(1 - \\frac{1}{9O} - \\frac{z}{3\\sqrt{O}}\\right)^3, \\quad
        O_U = (O+1)\\left(1 - \\frac{1}{9(O+1)} + \\frac{z}{3\\sqrt{O+1}}\\right)^3

    A negative Byars lower limit (possible only for tiny counts at high
    confidence) is returned as NaN. Exact limits follow [2]_; 0 events give a
    lower limit of 0.

    References
    ----------
    .. [1] Breslow NE, Day NE. Statistical Methods in Cancer Research, Vol. II.
       IARC; 1987.
    .. [2] Armitage P, Berry G, Matthews JNS. Statistical Methods in Medical
       Research, 4th ed. Blackwell; 2002.

    Examples
    --------
    >>> byars_ci([5, 100])[["value", "lowercl", "uppercl", "method"]].round(2)
       value  lowercl  uppercl method
    0    5.0     1.62    11.67  Exact
    1  100.0    81.36   121.63  Byars
    """
    levels = confidence_levels(confidence)
    o = as_float_array(count, "count")
    with np.errstate(invalid="ignore"):
        if np.any(o < 0):
            raise ValueError("counts must be greater than or equal to zero")
    limits = [poisson_limits(o, c, exact_below) for c in levels]
    return _frame({"value": o}, levels, limits, "count", _method_labels(o, exact_below), len(o))


def rate(x: Any, n: Any, confidence: float | Sequence[float] = 0.95, multiplier: float = 100_000) -> pd.DataFrame:
    """Crude rate with Byars (≥ 10 events) or exact Poisson (< 10) limits.

    Parameters
    ----------
    x : float or array-like of float
        Number of events, ≥ 0. NaN gives a NaN row.
    n : float or array-like of float
        Denominator (population or person-years), > 0. ``x > n`` is allowed.
    confidence : float or sequence of float, default 0.95
        0.95 or 95, or the pair (0.95, 0.998).
    multiplier : float, default 100000
        Rate per this many people.

    Returns
    -------
    pandas.DataFrame
        ``numerator, denominator, value, lowercl, uppercl, confidence,
        statistic`` ("rate per 100000") and ``method`` ("Byars" or "Exact").

    Notes
    -----
    value = x / n × M. The limits are the Poisson limits of x (see
    :func:`byars_ci`) divided by n and multiplied by M. The switch between
    exact and Byars is made on each row's own count.

    References
    ----------
    .. [1] Breslow NE, Day NE. Statistical Methods in Cancer Research, Vol. II. IARC; 1987.
    .. [2] Armitage P, Berry G, Matthews JNS. Statistical Methods in Medical Research,
       4th ed. Blackwell; 2002.

    Examples
    --------
    >>> rate(100, 50_000)[["value", "lowercl", "uppercl", "method"]].round(1)
       value  lowercl  uppercl method
    0  200.0    162.7    243.3  Byars
    """
    levels = confidence_levels(confidence)
    m = check_multiplier(multiplier)
    xa = as_float_array(x, "x")
    na = as_float_array(n, "n")
    size = same_length({"x": xa, "n": na})
    xa = np.broadcast_to(xa, size).astype("float64")
    na = np.broadcast_to(na, size).astype("float64")
    with np.errstate(invalid="ignore"):
        if np.any(xa < 0):
            raise ValueError("numerators must be greater than or equal to zero")
        if np.any(na <= 0):
            raise ValueError("denominators must be greater than zero")
    limits = []
    for c in levels:
        lo, hi = poisson_limits(xa, c)
        limits.append((lo / na * m, hi / na * m))
    return _frame(
        {"numerator": xa, "denominator": na, "value": xa / na * m},
        levels,
        limits,
        f"rate per {m:g}",
        _method_labels(xa, EXACT_BELOW),
        size,
    )


# --------------------------------------------------------------------------
# Means
# --------------------------------------------------------------------------
def mean_ci(values: Any, confidence: float | Sequence[float] = 0.95) -> pd.DataFrame:
    """Mean with a Student's t confidence interval.

    Parameters
    ----------
    values : array-like of float
        The observations of one group. A NaN propagates to every output
        (drop missing values first if that is not wanted).
    confidence : float or sequence of float, default 0.95
        0.95 or 95, or the pair (0.95, 0.998).

    Returns
    -------
    pandas.DataFrame
        One row: ``value_sum, value_count, stdev, value, lowercl, uppercl,
        confidence, statistic`` ("mean") and ``method`` ("Student's t-distribution").

    Notes
    -----
    value = Σx / n; stdev is the sample standard deviation (divisor n − 1);
    limits are value ∓ t_{(1+c)/2}(n − 1) · stdev / √n [1]_. With one value
    the limits are NaN. Equivalent to
    ``statsmodels.stats.weightstats.DescrStatsW(x).tconfint_mean()``.

    References
    ----------
    .. [1] Armitage P, Berry G, Matthews JNS. Statistical Methods in Medical Research,
       4th ed. Blackwell; 2002.

    Examples
    --------
    >>> mean_ci([20, 30, 40])[["value", "lowercl", "uppercl"]].round(3)
       value  lowercl  uppercl
    0   30.0    5.159   54.841
    """
    levels = confidence_levels(confidence)
    x = as_float_array(values, "values")
    if len(x) == 0:
        raise ValueError("values must contain at least one value")
    count = float(len(x))
    total = float(np.sum(x))
    mean = total / count
    sd = float(np.std(x, ddof=1)) if count > 1 else float("nan")
    limits = []
    for c in levels:
        if count > 1:
            half = float(special.stdtrit(count - 1.0, (1.0 + c) / 2.0)) * sd / np.sqrt(count)  # t.ppf
        else:
            half = float("nan")
        limits.append((np.array([mean - half]), np.array([mean + half])))
    return _frame(
        {"value_sum": [total], "value_count": [count], "stdev": [sd], "value": [mean]},
        levels,
        limits,
        "mean",
        "Student's t-distribution",
        1,
    )
