"""Gaps over time, gaps in people, and trajectories towards a target.

Functions
---------
gap_trend
    Whether the difference between an area and a benchmark (e.g. England) is widening, narrowing or showing no clear
    change: weighted least squares of the difference on time, weights from both confidence intervals.
gap_in_people
    A gap in rates turned into people: (area rate - benchmark rate) x the area's denominator, with an interval from
    the area's own confidence interval (the benchmark treated as fixed).
trajectory
    Linear projection of a series to a target year with a prediction interval, the annual change needed to reach a
    target, and a verdict ("on track", "not on track at the recent rate", "too few points to say").

Regression is written out from the textbook formulas with numpy and :mod:`scipy.special` (not scipy.stats or
statsmodels: see ``_validation.py``); the tests compare every result with statsmodels' WLS/OLS. Formulas, references
and limits: ``docs/methods.md#trend-of-the-gap-to-england``, ``docs/methods.md#gap-in-people``,
``docs/methods.md#trajectory-towards-a-target``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import special

from ._validation import as_float_array, check_multiplier, check_polarity, confidence_levels, same_length, z_value

__all__ = ["gap_in_people", "gap_trend", "trajectory"]

#: Fewest comparable points for a gap-trend test (as the Fingertips recent trend uses five).
GAP_TREND_MIN_POINTS = 5
#: Fewest points for a projection (two points fit any line exactly; three leave one degree of freedom).
TRAJECTORY_MIN_POINTS = 3
VERDICTS = ("on track", "not on track at the recent rate", "too few points to say")


def _t_quantile(p: float, df: float) -> float:
    return float(special.stdtrit(df, p))


def _weighted_line(t: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, float, float, float, float]:
    """Weighted least-squares line: (intercept, slope, weighted mean of t, Sxx, residual weighted sum of squares)."""
    t_bar = float(np.sum(w * t) / np.sum(w))
    y_bar = float(np.sum(w * y) / np.sum(w))
    sxx = float(np.sum(w * (t - t_bar) ** 2))
    slope = float(np.sum(w * (t - t_bar) * (y - y_bar)) / sxx)
    intercept = y_bar - slope * t_bar
    rss = float(np.sum(w * (y - intercept - slope * t) ** 2))
    return intercept, slope, t_bar, sxx, rss


def gap_trend(
    times: Any,
    values: Any,
    lower: Any,
    upper: Any,
    benchmark: Any,
    benchmark_lower: Any,
    benchmark_upper: Any,
    interval_level: float = 0.95,
    confidence: float = 0.95,
    min_points: int = GAP_TREND_MIN_POINTS,
) -> pd.DataFrame:
    """Test the trend of the difference between an area and a benchmark over time.

    Parameters
    ----------
    times : array-like of float
        The time of each point (e.g. the year a period ends), one per point.
    values, lower, upper : array-like of float
        The area's values and their confidence limits at ``interval_level``.
    benchmark, benchmark_lower, benchmark_upper : array-like of float
        The benchmark's values and limits in the same periods.
    interval_level : float, default 0.95
        Level of the supplied limits (used to turn each into a standard error).
    confidence : float, default 0.95
        Level of the two-sided test of the slope and of its interval.
    min_points : int, default 5
        Fewest points to test.

    Returns
    -------
    pandas.DataFrame
        One row: ``value`` (slope of the difference per unit of time), ``lowercl``, ``uppercl``, ``p_value``,
        ``latest_gap`` (the fitted difference at the last time), ``n_points``, ``direction`` ("widening",
        "narrowing", "no clear change" or "too few points (n of 5)"), ``confidence``, ``statistic``, ``method``.

    Raises
    ------
    ValueError
        If the arrays differ in length, a limit is missing or a point has no width in either interval.

    Notes
    -----
    The difference :math:`d_i = a_i - b_i` has variance :math:`v_i = s_{a,i}^2 + s_{b,i}^2`, each standard error
    being the interval's width over :math:`2 z` (symmetric-normal approximation; Wilson and Byars limits are
    slightly asymmetric). The line :math:`d = \\alpha + \\beta t` is fitted by weighted least squares with
    weights :math:`1 / v_i`; the standard error of the slope is :math:`\\sqrt{\\phi / S_{tt}}` with
    :math:`S_{tt} = \\sum w_i (t_i - \\bar t_w)^2` and :math:`\\phi = \\max(1, RSS_w / (n - 2))`: the residual
    scale is estimated (year-to-year variation beyond sampling error widens the interval) but never below the
    sampling error alone. The slope is tested with Student's t on n - 2 degrees of freedom, two-sided. A
    significant slope *widens* the gap when it has the sign of the fitted latest difference, and narrows it
    otherwise. Points are assumed independent (pooled, overlapping periods are not).

    References
    ----------
    .. [1] Draper NR, Smith H. Applied Regression Analysis, 3rd ed. Wiley; 1998, ch. 9 (weighted least squares).
    .. [2] OHID. Fingertips Public Health Technical Guidance: recent trends (five points).

    Examples
    --------
    >>> out = gap_trend([1, 2, 3, 4, 5], [20, 21, 22, 23, 24], [19, 20, 21, 22, 23], [21, 22, 23, 24, 25],
    ...                 [15, 15, 15, 15, 15], [15, 15, 15, 15, 15], [15, 15, 15, 15, 15])
    >>> float(out["value"].iloc[0]), out["direction"].iloc[0]
    (1.0, 'widening')
    """
    level = confidence_levels(confidence)[0]
    interval = confidence_levels(interval_level)[0]
    arrays = {
        name: as_float_array(a, name)
        for name, a in (
            ("times", times),
            ("values", values),
            ("lower", lower),
            ("upper", upper),
            ("benchmark", benchmark),
            ("benchmark_lower", benchmark_lower),
            ("benchmark_upper", benchmark_upper),
        )
    }
    n = same_length(arrays)
    if any(np.isnan(a).any() for a in arrays.values()):
        raise ValueError("every point needs a value and both limits for the area and the benchmark")
    z = z_value(interval)
    variance = ((arrays["upper"] - arrays["lower"]) / (2 * z)) ** 2 + (
        (arrays["benchmark_upper"] - arrays["benchmark_lower"]) / (2 * z)
    ) ** 2
    if np.any(variance <= 0):
        raise ValueError("every point needs a confidence interval of some width")
    method = "weighted least squares of the difference on time (weights from both intervals), t-test on the slope"
    base = {"confidence": level, "statistic": "slope of the difference per year", "method": method, "n_points": n}
    if n < max(3, min_points) or len(np.unique(arrays["times"])) < 2:
        return pd.DataFrame(
            [
                {
                    **base,
                    "value": np.nan,
                    "lowercl": np.nan,
                    "uppercl": np.nan,
                    "p_value": np.nan,
                    "latest_gap": np.nan,
                    "direction": f"too few points ({n} of {max(3, min_points)})",
                }
            ]
        )
    t, d = arrays["times"], arrays["values"] - arrays["benchmark"]
    intercept, slope, _, sxx, rss = _weighted_line(t, d, 1.0 / variance)
    scale = max(1.0, rss / (n - 2))
    se = float(np.sqrt(scale / sxx))
    half = _t_quantile(1 - (1 - level) / 2, n - 2) * se
    p_value = float(2 * special.stdtr(n - 2, -abs(slope) / se)) if se > 0 else 0.0
    latest_gap = intercept + slope * float(t.max())
    if p_value >= 1 - level:
        direction = "no clear change"
    else:
        direction = "widening" if np.sign(slope) == np.sign(latest_gap) else "narrowing"
    return pd.DataFrame(
        [
            {
                **base,
                "value": slope,
                "lowercl": slope - half,
                "uppercl": slope + half,
                "p_value": p_value,
                "latest_gap": latest_gap,
                "direction": direction,
            }
        ]
    )


def gap_in_people(
    value: Any, lower: Any, upper: Any, benchmark: Any, denominator: Any, multiplier: float = 100.0
) -> pd.DataFrame:
    """Turn the gap between an area's crude rate and a benchmark into people, with an interval.

    Parameters
    ----------
    value, lower, upper : array-like of float
        The area's crude value (proportion as a percentage, or a crude rate) and its confidence limits.
    benchmark : array-like of float
        The benchmark's value (e.g. England) in the same unit and period.
    denominator : array-like of float
        The area's denominator (the population the value is a share or rate of).
    multiplier : float, default 100
        The value's scale: 100 for a percentage, 1,000 or 100,000 for a rate per 1,000 or 100,000.

    Returns
    -------
    pandas.DataFrame
        ``value`` (people: positive means more people with the characteristic than at the benchmark's rate),
        ``lowercl``, ``uppercl``, ``statistic``, ``method``.

    Raises
    ------
    ValueError
        If the arrays differ in length or a denominator is negative.

    Notes
    -----
    :math:`G = (p - p_B) \\times n / m` and its limits :math:`(L - p_B) \\times n / m`, :math:`(U - p_B) \\times n
    / m`, where :math:`L, U` are the area's own limits (Wilson for proportions, Byars or exact Poisson for crude
    rates). The benchmark is treated as fixed, as in the Fingertips comparison with England: England's own sampling
    error is negligible beside a local area's. Only crude values: an age-standardised rate or a life expectancy
    describes a standard population, not the area's residents, so multiplying it by the area's denominator would
    not count real people.

    References
    ----------
    .. [1] OHID. Fingertips Public Health Technical Guidance: comparing with a benchmark.
    .. [2] Wilson EB. J Am Stat Assoc 1927;22:209-212.

    Examples
    --------
    >>> gap_in_people([20.0], [19.0], [21.0], [12.0], [10_000])["value"].round(6).tolist()
    [800.0]
    """
    m = check_multiplier(multiplier)
    arrays = {
        name: as_float_array(a, name)
        for name, a in (
            ("value", value),
            ("lower", lower),
            ("upper", upper),
            ("benchmark", benchmark),
            ("denominator", denominator),
        )
    }
    same_length(arrays)
    if np.any(arrays["denominator"] < 0):
        raise ValueError("denominators must not be negative")
    n, b = arrays["denominator"], arrays["benchmark"]
    return pd.DataFrame(
        {
            "value": (arrays["value"] - b) * n / m,
            "lowercl": (arrays["lower"] - b) * n / m,
            "uppercl": (arrays["upper"] - b) * n / m,
            "statistic": "gap in people ((area - benchmark) x denominator)",
            "method": "area's own confidence limits, benchmark fixed",
        }
    )


def trajectory(
    times: Any,
    values: Any,
    target: float,
    target_time: float,
    polarity: str = "low_is_good",
    confidence: float = 0.95,
    min_points: int = TRAJECTORY_MIN_POINTS,
) -> dict[str, Any]:
    """Project a series to a target time by a straight line and say whether it reaches the target.

    Parameters
    ----------
    times, values : array-like of float
        The recent points (e.g. the last five periods), time as a year.
    target : float
        The value to reach (same unit as ``values``).
    target_time : float
        When (e.g. 2030); must be after the last point.
    polarity : {"low_is_good", "high_is_good", "no_judgement"}, default "low_is_good"
        Which side of the target is met. With ``no_judgement`` the side is the one the target lies on from the
        latest value (reaching a value, not beating it).
    confidence : float, default 0.95
        Level of the prediction interval.
    min_points : int, default 3
        Fewest points to project.

    Returns
    -------
    dict
        ``n_points``, ``latest_time``, ``latest_value``, ``recent_change`` (slope per year), ``needed_change``
        ((target - latest) / (target_time - latest_time) per year), ``projected`` (at ``target_time``),
        ``lowercl``/``uppercl`` (prediction interval for a new observation then), ``verdict`` (one of
        :data:`VERDICTS`), ``confidence``, ``method``.

    Raises
    ------
    ValueError
        For arrays of different lengths, missing values, or a target time not after the last point.

    Notes
    -----
    Ordinary least squares :math:`y = \\alpha + \\beta t` over the points given. The prediction interval at
    :math:`t_0` is :math:`\\hat y_0 \\pm t_{n-2,1-\\alpha/2}\\, s \\sqrt{1 + 1/n + (t_0 - \\bar t)^2 / S_{tt}}`
    with :math:`s^2 = RSS / (n - 2)`. The verdict is "on track" when the projected value meets the target (at or
    below it when low is good, at or above when high is good), else "not on track at the recent rate"; with fewer
    than ``min_points`` points, "too few points to say". A straight line is an assumption: the recent rate may not
    continue, and the interval widens quickly beyond the data.

    References
    ----------
    .. [1] Draper NR, Smith H. Applied Regression Analysis, 3rd ed. Wiley; 1998, ch. 1 (prediction of a new
       observation).

    Examples
    --------
    >>> out = trajectory([2019, 2020, 2021, 2022, 2023], [20.0, 19.0, 18.0, 17.0, 16.0], 10.0, 2030)
    >>> out["recent_change"], out["needed_change"], round(out["projected"], 6), out["verdict"]
    (-1.0, -0.8571428571428571, 9.0, 'on track')
    """
    check_polarity(polarity)
    level = confidence_levels(confidence)[0]
    arrays = {"times": as_float_array(times, "times"), "values": as_float_array(values, "values")}
    n = same_length(arrays)
    t, y = arrays["times"], arrays["values"]
    if np.isnan(t).any() or np.isnan(y).any():
        raise ValueError("every point needs a time and a value")
    if not np.isfinite(float(target)) or not np.isfinite(float(target_time)):
        raise ValueError("the target and its year must be numbers")
    out: dict[str, Any] = {
        "n_points": n,
        "target": float(target),
        "target_time": float(target_time),
        "confidence": level,
        "method": "ordinary least squares line; prediction interval",
    }
    if n == 0:
        return {
            **out,
            "latest_time": np.nan,
            "latest_value": np.nan,
            "recent_change": np.nan,
            "needed_change": np.nan,
            "projected": np.nan,
            "lowercl": np.nan,
            "uppercl": np.nan,
            "verdict": VERDICTS[2],
        }
    order = np.argsort(t)
    t, y = t[order], y[order]
    latest_time, latest_value = float(t[-1]), float(y[-1])
    if float(target_time) <= latest_time:
        raise ValueError(f"the target year ({target_time:g}) must be after the latest data ({latest_time:g})")
    needed = (float(target) - latest_value) / (float(target_time) - latest_time)
    out.update(latest_time=latest_time, latest_value=latest_value, needed_change=needed)
    if n < max(3, min_points) or len(np.unique(t)) < 2:
        return {
            **out,
            "recent_change": np.nan,
            "projected": np.nan,
            "lowercl": np.nan,
            "uppercl": np.nan,
            "verdict": VERDICTS[2],
        }
    intercept, slope, t_bar, sxx, rss = _weighted_line(t, y, np.ones(n))
    s = float(np.sqrt(rss / (n - 2)))
    projected = intercept + slope * float(target_time)
    half = _t_quantile(1 - (1 - level) / 2, n - 2) * s * float(np.sqrt(1 + 1 / n + (target_time - t_bar) ** 2 / sxx))
    if polarity == "no_judgement":
        polarity = "low_is_good" if float(target) <= latest_value else "high_is_good"
    met = projected <= float(target) if polarity == "low_is_good" else projected >= float(target)
    return {
        **out,
        "recent_change": slope,
        "projected": projected,
        "lowercl": projected - half,
        "uppercl": projected + half,
        "verdict": VERDICTS[0] if met else VERDICTS[1],
    }
