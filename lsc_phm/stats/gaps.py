"""Gaps between two deprivation groups: most vs least deprived, and the Core20 vs the rest.

Functions
---------
gap
    Absolute and relative gap between the most and least deprived quantile,
    with MOVER confidence limits.
core20_gap
    The same for the Core20 (most deprived 20% nationally) against the rest,
    pooling counts first.
sii_most_minus_least
    The SII of :func:`lsc_phm.stats.sii` turned to read most deprived minus
    least deprived, like every gap.

Every difference reads most deprived minus least deprived and every ratio most
over least deprived (:data:`SII_MOST_MINUS_LEAST`, :data:`RII_DIRECTION`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from ._validation import as_float_array, check_multiplier, confidence_levels, level_label, z_value
from .intervals import poisson_limits, wilson_limits

__all__ = ["RII_DIRECTION", "SII_MOST_MINUS_LEAST", "check_value_type", "core20_gap", "gap", "sii_most_minus_least"]

ValueType = Literal["rate", "proportion", "normal"]
_VALUE_TYPES = ("rate", "proportion", "normal")
#: The one direction of every ratio between deprivation groups in lsc-phm (RII, gap ratio, Core20 ratio).
RII_DIRECTION = "most deprived / least deprived"
#: The direction of every difference between deprivation groups that lsc-phm shows (SII, gap, Core20 gap).
SII_MOST_MINUS_LEAST = "most deprived minus least deprived"


def sii_most_minus_least(result: pd.DataFrame) -> pd.DataFrame:
    """The SII of :func:`lsc_phm.stats.sii` turned to read most deprived minus least deprived, as every gap does.

    :func:`lsc_phm.stats.sii` keeps the PHEindicatormethods sign (fitted value at the least deprived end minus
    the most deprived end), so a value higher where people are more deprived has a negative SII beside a
    positive gap (group 1 minus group K). This returns a copy with ``sii`` and ``value`` negated, every SII
    limit negated and swapped (lower <- -upper), and ``sii_direction`` set to :data:`SII_MOST_MINUS_LEAST`;
    the RII is unchanged (it already reads most / least deprived).

    Parameters
    ----------
    result : pandas.DataFrame
        The output of :func:`lsc_phm.stats.sii` (or :func:`lsc_phm.stats.sii_grouped`).

    Returns
    -------
    pandas.DataFrame
        A copy, the SII and its limits read most deprived minus least deprived, with ``sii_direction``.

    Notes
    -----
    Negating a slope negates its simulated order statistics, so the limits are exactly the negated, swapped limits
    of the same simulation: nothing is re-simulated and significance is unchanged.

    References
    ----------
    .. [1] Low A, Low A. Measuring the gap: quantifying and comparing local health inequalities. J Public Health
       2004;26:388-395.

    Examples
    --------
    >>> from lsc_phm.stats import sii
    >>> out = sii(range(1, 6), [100] * 5, [20, 18, 16, 14, 12], se=[0.0] * 5, value_type="normal",
    ...           repetitions=1000, seed=1)
    >>> round(float(out["sii"].iloc[0]), 6), round(float(sii_most_minus_least(out)["sii"].iloc[0]), 6)
    (-10.0, 10.0)
    """
    out = result.copy()
    for column in ("sii", "value"):
        if column in out:
            out[column] = -out[column]
    for low in [c for c in out.columns if re.fullmatch(r"(sii_)?lower(\d+_\d+)?cl", c)]:
        high = low.replace("lower", "upper", 1)
        if high in out:
            out[low], out[high] = -out[high], -out[low]
    out["sii_direction"] = SII_MOST_MINUS_LEAST
    return out


def check_value_type(value_type: str) -> None:
    """Check that ``value_type`` names a kind of value the gap and SII methods know.

    Parameters
    ----------
    value_type : str
        "rate", "proportion" or "normal" (see docs/methods.md#slope-and-relative-index-of-inequality).

    Raises
    ------
    ValueError
        If ``value_type`` is anything else.
    """
    if value_type not in _VALUE_TYPES:
        raise ValueError("value_type must be one of 'rate', 'proportion', 'normal'")


def _single_level(confidence: float | Sequence[float]) -> float:
    levels = confidence_levels(confidence, allow_many=True)
    if len(levels) != 1:
        raise ValueError("gap accepts a single confidence level")
    return levels[0]


def _gap_frame(
    labels: tuple[str, str],
    values: tuple[float, float],
    lows: tuple[float, float],
    highs: tuple[float, float],
    level: float,
    comparison: str,
) -> pd.DataFrame:
    va, vb = values
    la, lb = lows
    ua, ub = highs
    z = z_value(level)
    diff = va - vb
    diff_lo = diff - np.sqrt((va - la) ** 2 + (ub - vb) ** 2)
    diff_hi = diff + np.sqrt((ua - va) ** 2 + (vb - lb) ** 2)
    if min(va, vb, la, lb, ua, ub) > 0:
        se_log = np.sqrt(((np.log(ua) - np.log(la)) / (2 * z)) ** 2 + ((np.log(ub) - np.log(lb)) / (2 * z)) ** 2)
        ratio = va / vb
        ratio_lo, ratio_hi = ratio * np.exp(-z * se_log), ratio * np.exp(z * se_log)
    else:
        ratio = va / vb if vb > 0 and va >= 0 else float("nan")
        ratio_lo = ratio_hi = float("nan")

    # The verdict comes from the interval shown on the same row, never from a separate rule, so the
    # label and the interval cannot disagree: the difference is significant when its interval
    # excludes 0, the ratio when its interval excludes 1 (both at the level of the limits).
    pct = level_label([level])
    verdicts = [
        _verdict(diff_lo, diff_hi, 0.0, pct, "difference", "0"),
        _verdict(ratio_lo, ratio_hi, 1.0, pct, "ratio", "1"),
    ]
    common = {"comparison": comparison, "group_a": labels[0], "group_b": labels[1], "value_a": va, "value_b": vb}
    rows = [
        {
            **common,
            "value": diff,
            "lowercl": diff_lo,
            "uppercl": diff_hi,
            "statistic": "absolute gap (a - b)",
            "method": "difference; limits by MOVER (Newcombe) from the two confidence intervals",
        },
        {
            **common,
            "value": ratio,
            "lowercl": ratio_lo,
            "uppercl": ratio_hi,
            "statistic": "relative gap (a / b)",
            "method": "ratio; limits on the log scale with standard errors from the two confidence intervals",
        },
    ]
    out = pd.DataFrame(rows)
    out.insert(out.columns.get_loc("statistic"), "confidence", level_label([level]))
    out["significant"] = pd.array([v[0] for v in verdicts], dtype="boolean")
    out["significance"] = [v[1] for v in verdicts]
    return out


def _verdict(lo: float, hi: float, null: float, pct: str, what: str, null_text: str) -> tuple[Any, str]:
    """(significant, text) from whether the interval [lo, hi] excludes ``null``."""
    if not (np.isfinite(lo) and np.isfinite(hi)):
        return pd.NA, f"Cannot be assessed: the {pct} confidence interval of the {what} cannot be calculated"
    if lo > null or hi < null:
        return True, f"Significant at the {pct} level: the {pct} confidence interval of the {what} excludes {null_text}"
    return False, (
        f"Not significant at the {pct} level: the {pct} confidence interval of the {what} includes {null_text}"
    )


def gap(
    quantile: Any,
    value: Any,
    lower: Any,
    upper: Any,
    value_type: ValueType = "rate",
    scale: float = 1,
    confidence: float = 0.95,
    most_deprived: Any = None,
    least_deprived: Any = None,
) -> pd.DataFrame:
    """Absolute and relative gap between the most and least deprived quantile.

    Parameters
    ----------
    quantile : array-like
        Quantile labels (1 = most deprived by default), each once.
    value, lower, upper : array-like of float
        Value of each quantile and its confidence limits at level ``confidence``.
    value_type : {"rate", "proportion", "normal"}, default "rate"
        Kind of value (proportions are checked to lie in [0, scale]).
    scale : float, default 1
        For proportions, what the values are multiplied by (100 for percentages);
        value/scale must then lie in [0, 1].
    confidence : float, default 0.95
        Level of the supplied limits, which is also the level of the gap limits.
    most_deprived, least_deprived : optional
        Labels to compare; default the smallest and largest label.

    Returns
    -------
    pandas.DataFrame
        Two rows (absolute gap, relative gap) with ``comparison, group_a,
        group_b, value_a, value_b, value, lowercl, uppercl, confidence,
        statistic, method, significant`` (nullable boolean) and
        ``significance`` (text).

    Notes
    -----
    * Absolute gap a − b with MOVER limits (Newcombe's method of recovering
      variance estimates) [1]_ [2]_:
      L = d − √((a − l_a)² + (u_b − b)²), U = d + √((u_a − a)² + (b − l_b)²).
      This keeps the asymmetry of each interval (e.g. Wilson or Byars).
    * Relative gap a/b on the log scale: SE(log a) = (log u_a − log l_a)/(2z),
      limits exp(log(a/b) ∓ z√(SE_a² + SE_b²)). NaN when any value or limit ≤ 0.
    * Direction: group a is the most deprived, so the absolute gap is
      most − least and the ratio most / least deprived, the same direction as
      the RII of :func:`sii` (most deprived end over least deprived end).
    * Significance comes from the interval shown on the same row: the
      difference is significant when its interval excludes 0, the ratio when
      its interval excludes 1, at the level of the limits. The overlap of
      83.4% intervals [3]_ is not used: it can call a difference significant
      while its own 95% interval contains 0 (a = 10 (SE 0.1), b = 10.58
      (SE 0.3) gives (−1.20, 0.04)). ``significant`` is NA (with the
      reason) when the interval cannot be calculated.

    References
    ----------
    .. [1] Newcombe RG. Interval estimation for the difference between independent
       proportions: comparison of eleven methods. Stat Med 1998;17:873–890.
    .. [2] Zou GY, Donner A. Construction of confidence limits about effect measures:
       a general approach. Stat Med 2008;27:1693–1702.
    .. [3] Knol MJ, Pestman WR, Grobbee DE. The (mis)use of overlap of confidence
       intervals to assess effect modification. Eur J Epidemiol 2011;26:253–254.

    Examples
    --------
    >>> out = gap([1, 2, 3, 4, 5], [300, 250, 200, 180, 150],
    ...           [270, 220, 175, 160, 130], [330, 280, 225, 200, 170])
    >>> out[["statistic", "value"]]
                  statistic  value
    0  absolute gap (a - b)  150.0
    1  relative gap (a / b)    2.0
    """
    check_value_type(value_type)
    level = _single_level(confidence)
    sc = check_multiplier(scale)
    labels = pd.Series(np.asarray(quantile, dtype=object).reshape(-1))
    v = as_float_array(value, "value")
    lo = as_float_array(lower, "lower")
    hi = as_float_array(upper, "upper")
    if not (len(labels) == len(v) == len(lo) == len(hi)):
        raise ValueError("quantile, value, lower and upper must have the same length")
    if labels.duplicated().any():
        raise ValueError("each quantile must appear exactly once")
    a_label = labels.min() if most_deprived is None else most_deprived
    b_label = labels.max() if least_deprived is None else least_deprived
    for lab in (a_label, b_label):
        if not (labels == lab).any():
            raise ValueError(f"quantile {lab!r} not found")
    ia = int(np.flatnonzero(labels == a_label)[0])
    ib = int(np.flatnonzero(labels == b_label)[0])
    if np.any(np.isnan([v[ia], v[ib], lo[ia], lo[ib], hi[ia], hi[ib]])):
        raise ValueError("value, lower and upper of the compared quantiles must not be missing")
    if value_type == "proportion" and np.any(np.array([v[ia], v[ib], lo[ia], lo[ib], hi[ia], hi[ib]]) / sc > 1):
        raise ValueError("for value_type 'proportion', value/scale, lower/scale and upper/scale must be at most 1")
    return _gap_frame(
        (str(a_label), str(b_label)),
        (float(v[ia]), float(v[ib])),
        (float(lo[ia]), float(lo[ib])),
        (float(hi[ia]), float(hi[ib])),
        level,
        f"quantile {a_label} vs quantile {b_label}",
    )


def core20_gap(
    quantile: Any,
    numerator: Any,
    denominator: Any,
    value_type: Literal["rate", "proportion"] = "rate",
    multiplier: float | None = None,
    core20_quantiles: Sequence[Any] = (1, 2),
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Gap between the Core20 (most deprived 20% nationally) and everyone else.

    Parameters
    ----------
    quantile : array-like
        National deprivation quantile of each row (deciles by default).
    numerator, denominator : array-like of float
        Counts (events or people with the characteristic) and populations.
    value_type : {"rate", "proportion"}, default "rate"
        Crude rate (Byars/exact limits) or proportion (Wilson limits).
    multiplier : float, optional
        Defaults to 100,000 for rates and 100 (percentage) for proportions.
    core20_quantiles : sequence, default (1, 2)
        Labels making up Core20: national IMD deciles 1 and 2 (use ``(1,)`` for
        quintiles).
    confidence : float, default 0.95
        Level of the limits.

    Returns
    -------
    pandas.DataFrame
        As :func:`gap`, with ``group_a`` = "Core20" and ``group_b`` = "Rest".

    Notes
    -----
    Counts and denominators are summed within Core20 and within the rest; each
    pooled value gets a Wilson (proportion) or Byars/exact Poisson (rate)
    interval, and the gaps are formed as in :func:`gap` (MOVER for the
    difference, log scale for the ratio), each judged significant when its
    own interval excludes 0 (difference) or 1 (ratio). The ratio is
    Core20 / rest, the direction of every ratio in lsc-phm (most / least
    deprived).

    References
    ----------
    .. [1] Zou GY, Donner A. Stat Med 2008;27:1693–1702.
    .. [2] NHS England. Core20PLUS5: an approach to reducing healthcare inequalities.

    Examples
    --------
    >>> out = core20_gap(range(1, 11), [30, 28, 20, 20, 18, 16, 15, 14, 12, 10],
    ...                  [1000] * 10, value_type="proportion")
    >>> out[["statistic", "value_a", "value_b"]]
                  statistic  value_a  value_b
    0  absolute gap (a - b)      2.9   1.5625
    1  relative gap (a / b)      2.9   1.5625
    """
    if value_type not in ("rate", "proportion"):
        raise ValueError("value_type must be one of 'rate', 'proportion'")
    level = _single_level(confidence)
    m = check_multiplier(multiplier if multiplier is not None else (100_000 if value_type == "rate" else 100))
    labels = pd.Series(np.asarray(quantile, dtype=object).reshape(-1))
    x = as_float_array(numerator, "numerator")
    n = as_float_array(denominator, "denominator")
    if not (len(labels) == len(x) == len(n)):
        raise ValueError("quantile, numerator and denominator must have the same length")
    if np.any(np.isnan(x)) or np.any(np.isnan(n)):
        raise ValueError("numerator and denominator must not be missing")
    if np.any(x < 0):
        raise ValueError("numerators must be greater than or equal to zero")
    if np.any(n <= 0):
        raise ValueError("denominators must be greater than zero")
    in_core = labels.isin(list(core20_quantiles)).to_numpy()
    if not in_core.any() or in_core.all():
        raise ValueError("both Core20 and the rest must contain at least one row")
    xs = np.array([x[in_core].sum(), x[~in_core].sum()])
    ns = np.array([n[in_core].sum(), n[~in_core].sum()])
    if value_type == "proportion":
        if np.any(xs > ns):
            raise ValueError("numerators must be less than or equal to denominators for a proportion")
        lo, hi = wilson_limits(xs, ns, level)
    else:
        lo, hi = poisson_limits(xs, level)
        lo, hi = lo / ns, hi / ns
    vals = xs / ns * m
    return _gap_frame(
        ("Core20", "Rest"),
        (float(vals[0]), float(vals[1])),
        (float(lo[0] * m), float(lo[1] * m)),
        (float(hi[0] * m), float(hi[1] * m)),
        level,
        "Core20 vs rest",
    )
