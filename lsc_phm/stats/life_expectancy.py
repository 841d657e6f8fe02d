"""Period life expectancy from an abridged life table (Chiang II, Silcocks variance).

Functions
---------
life_expectancy
    Life expectancy for one population from deaths and populations in the 20
    standard age bands (0, 1-4, 5-9, …, 85-89, 90+).
life_expectancy_grouped
    The same for each group of a long data frame.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._validation import (
    as_float_array,
    check_columns,
    ci_column_names,
    confidence_levels,
    level_label,
    z_value,
)

__all__ = ["LE_AGE_BANDS", "life_expectancy", "life_expectancy_grouped"]

#: The 20 age bands of the abridged life table, youngest first.
LE_AGE_BANDS: tuple[str, ...] = ("0", "1-4") + tuple(f"{a}-{a + 4}" for a in range(5, 90, 5)) + ("90+",)
_STARTS = np.array([0, 1, *range(5, 95, 5)], dtype="float64")
_WIDTHS = np.diff(_STARTS)  # 19 closed intervals; the 20th is open
_MIN_POPULATION = 5000
METHOD = "Chiang II abridged life table, Silcocks variance"
NOT_CALCULATED = "life expectancy not calculated: "
SUPPRESSED = "life expectancy suppressed: 95% confidence interval wider than 20 years"


def _start_age(label: Any) -> float:
    match = re.search(r"\d+", str(label))
    if match is None:
        raise ValueError(f"cannot read a start age from age band '{label}'")
    return float(match.group())


def _invalid_reason(d: np.ndarray, p: np.ndarray) -> str | None:
    if np.any(np.isnan(d)) or np.any(np.isnan(p)):
        return NOT_CALCULATED + "missing deaths or population"
    if np.any(d < 0):
        return NOT_CALCULATED + "deaths must be greater than or equal to zero"
    if np.any(p <= 0):
        return NOT_CALCULATED + "population must be greater than zero in every age band"
    if np.any(d > p):
        return NOT_CALCULATED + "deaths exceed population in an age band"
    if np.sum(p) <= _MIN_POPULATION:
        return NOT_CALCULATED + "total population 5,000 or fewer"
    if d[-1] == 0:
        return NOT_CALCULATED + "no deaths in the 90+ age band"
    return None


def _life_table(d: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (e_j, Var(e_j)) for the 20 bands (Chiang II; Silcocks for 90+)."""
    k = len(d)
    a = np.full(k, 0.5)
    a[0] = 0.1
    mx = d / p
    n = _WIDTHS
    # probability of dying in each closed interval
    nm = n * mx[:-1]
    q = np.where(d[:-1] <= p[:-1] / (n * a[:-1]), nm / (1.0 + nm * (1.0 - a[:-1])), 1.0)
    q = np.append(q, 1.0)  # everyone alive at 90 dies in the open interval
    survivors = 100_000.0 * np.concatenate(([1.0], np.cumprod(1.0 - q)))  # l_1 .. l_21 (= 0)
    l_ = survivors[:-1]
    dx = l_ - survivors[1:]
    big_l = np.empty(k)
    big_l[:-1] = n * (survivors[1:-1] + a[:-1] * dx[:-1])
    big_l[-1] = l_[-1] / mx[-1]
    t = np.cumsum(big_l[::-1])[::-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        e = np.where(l_ > 0, t / l_, 0.0)
        s2 = np.where(d[:-1] > 0, q[:-1] ** 2 * (1.0 - q[:-1]) / d[:-1], 0.0)
        w = np.empty(k)
        w[:-1] = l_[:-1] ** 2 * ((1.0 - a[:-1]) * n + e[1:]) ** 2 * s2
        w[-1] = (l_[-1] / 2.0) ** 2 * 4.0 / (d[-1] * mx[-1] ** 2)
        var = np.where(l_ > 0, np.cumsum(w[::-1])[::-1] / l_**2, 0.0)
    return e, var


def life_expectancy(
    deaths: Any,
    populations: Any,
    age_bands: Sequence[str] = LE_AGE_BANDS,
    confidence: float | Sequence[float] = 0.95,
    all_ages: bool = False,
) -> pd.DataFrame:
    """Life expectancy with confidence limits from an abridged life table.

    Parameters
    ----------
    deaths : array-like of float
        Deaths D_j in each of the 20 age bands.
    populations : array-like of float
        Population (person-years at risk) P_j in each band.
    age_bands : sequence of str, default LE_AGE_BANDS
        Band labels matched by position to ``deaths``; the start age is the
        first integer in each label ("0", "1-4", "5 – 9", "90 +" all work).
        They must be the 20 bands 0, 1-4, 5-9, …, 85-89, 90+ in any order;
        rows are sorted by start age.
    confidence : float or sequence of float, default 0.95
        One or more levels, each in [0.9, 1] or [90, 100].
    all_ages : bool, default False
        False returns life expectancy at birth only; True returns one row per
        band (life expectancy at the start age of each band).

    Returns
    -------
    pandas.DataFrame
        ``age_band, start_age, value, lowercl, uppercl`` (or
        ``lower95_0cl, upper95_0cl, …`` for several levels), ``pops_used``,
        ``dths_used`` (population and deaths from that age up), ``confidence``,
        ``statistic`` ("life expectancy at birth" / "life expectancy at age 65",
        or the reason it is missing) and ``method``.

    Raises
    ------
    ValueError
        If lengths differ ("deaths, populations and age_bands must have the
        same length") or the bands are not the 20 standard bands.

    Notes
    -----
    Chiang II method [1]_ [2]_ [3]_ with a_j = 0.1 for age 0 and 0.5 otherwise,
    M_j = D_j/P_j, q_j = n_j M_j / (1 + n_j M_j (1 − a_j)) (q_j = 1 if
    D_j > P_j/(n_j a_j)), q = 1 for 90+, l_0 = 100,000, L_j = n_j(l_{j+1} + a_j d_j),
    L_90+ = l_90+ / M_90+, e_j = T_j / l_j. The variance is Chiang's,
    s²_j = q_j²(1 − q_j)/D_j, with Silcocks' term for the open interval
    s²_90+ = 4 / (D M²) [4]_:
    Var(e_j) = Σ_{k≥j} l_k² ((1 − a_k) n_k + e_{k+1})² s²_k / l_j² (open
    interval: (l/2)² s²). Limits are e ∓ z_c·SE.

    Small-population rules [5]_ [6]_: the whole table is not calculated (value
    and limits NaN, reason in ``statistic``) when there are missing inputs,
    negative deaths, a zero population, deaths above the population, total
    population ≤ 5,000, or no deaths in 90+ (infinite life expectancy). A value
    whose 95% interval is wider than 20 years (1.96·SE > 10, whatever levels
    are requested) is suppressed (NaN) but its limits are kept.

    References
    ----------
    .. [1] Chiang CL. Introduction to Stochastic Processes in Biostatistics. Wiley; 1968.
    .. [2] Newell C. Methods and Models in Demography. Wiley; 1994, pp. 63–81.
    .. [3] Office for National Statistics. Life expectancy at birth by health and
       local authorities in the UK, 1998–2000. Health Stat Q 2002;13:83–90.
    .. [4] Silcocks PBS, Jenner DA, Reza R. Life expectancy as a summary of mortality
       in a population. J Epidemiol Community Health 2001;55:38–43.
    .. [5] Toson B, Baker A. Life expectancy at birth: methodological options for
       small populations. National Statistics Methodological Series No 33. HMSO; 2003.
    .. [6] Eayres DP, Williams ES. Evaluation of methodologies for small area life
       expectancy estimation. J Epidemiol Community Health 2004;58:243–249.

    Examples
    --------
    >>> deaths = [0] * 19 + [100]
    >>> pops = [1000] * 19 + [500]
    >>> life_expectancy(deaths, pops)[["age_band", "value"]]
      age_band  value
    0        0   95.0
    """
    levels = confidence_levels(confidence, allow_many=True)
    d = as_float_array(deaths, "deaths")
    p = as_float_array(populations, "populations")
    labels = [str(b) for b in age_bands]
    if not (len(d) == len(p) == len(labels)):
        raise ValueError("deaths, populations and age_bands must have the same length")
    starts = np.array([_start_age(b) for b in labels])
    order = np.argsort(starts, kind="stable")
    if len(starts) != len(_STARTS) or not np.array_equal(starts[order], _STARTS):
        raise ValueError("age_bands must be the 20 bands 0, 1-4, 5-9, ..., 85-89, 90+")
    d, p, starts = d[order], p[order], starts[order]
    labels = [labels[i] for i in order]

    reason = _invalid_reason(d, p)
    k = len(d)
    if reason is None:
        e, var = _life_table(d, p)
        se = np.sqrt(var)
    else:
        e = np.full(k, np.nan)
        se = np.full(k, np.nan)

    out: dict[str, Any] = {"age_band": labels, "start_age": starts.astype(int)}
    wide = (z_value(0.95) * se > 10) | ~np.isfinite(e)
    out["value"] = np.where(wide, np.nan, e)
    for (lo_name, hi_name), c in zip(ci_column_names(levels), levels, strict=True):
        z = z_value(c)
        out[lo_name] = e - z * se
        out[hi_name] = e + z * se
    out["pops_used"] = np.cumsum(p[::-1])[::-1]
    out["dths_used"] = np.cumsum(d[::-1])[::-1]
    out["confidence"] = [level_label(levels)] * k
    if reason is not None:
        out["statistic"] = [reason] * k
    else:
        out["statistic"] = [
            SUPPRESSED if w else ("life expectancy at birth" if s == 0 else f"life expectancy at age {int(s)}")
            for w, s in zip(wide, starts, strict=True)
        ]
    out["method"] = [METHOD] * k
    result = pd.DataFrame(out)
    return result if all_ages else result.iloc[:1].reset_index(drop=True)


def life_expectancy_grouped(
    df: pd.DataFrame,
    deaths_col: str,
    pop_col: str,
    age_col: str,
    group_cols: str | Sequence[str],
    confidence: float | Sequence[float] = 0.95,
    all_ages: bool = False,
) -> pd.DataFrame:
    """Life expectancy for each group of a long data frame.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per group × age band.
    deaths_col, pop_col, age_col : str
        Columns of deaths, populations and age-band labels.
    group_cols : str or sequence of str
        Column(s) identifying the groups (e.g. area and sex).
    confidence : float or sequence of float, default 0.95
        One or more levels.
    all_ages : bool, default False
        As for :func:`life_expectancy`.

    Returns
    -------
    pandas.DataFrame
        The group columns followed by the columns of :func:`life_expectancy`.
        A group without exactly 20 rows raises the length/band ``ValueError``.

    Notes
    -----
    See :func:`life_expectancy` for the method and the small-population rules.

    References
    ----------
    .. [1] Chiang CL. Introduction to Stochastic Processes in Biostatistics. Wiley; 1968.
    .. [2] Silcocks PBS, Jenner DA, Reza R. J Epidemiol Community Health 2001;55:38–43.

    Examples
    --------
    >>> df = pd.DataFrame({"area": ["A"] * 20, "age": list(LE_AGE_BANDS),
    ...                    "deaths": [0] * 19 + [100], "pop": [1000] * 19 + [500]})
    >>> life_expectancy_grouped(df, "deaths", "pop", "age", "area")[["area", "value"]]
      area  value
    0    A   95.0
    """
    groups = [group_cols] if isinstance(group_cols, str) else list(group_cols)
    check_columns(df, [deaths_col, pop_col, age_col, *groups])
    parts = []
    for key, part in df.groupby(groups, sort=False, dropna=False):
        keys = key if isinstance(key, tuple) else (key,)
        res = life_expectancy(
            part[deaths_col], part[pop_col], list(part[age_col]), confidence=confidence, all_ages=all_ages
        )
        for col, val in reversed(list(zip(groups, keys, strict=True))):
            res.insert(0, col, val)
        parts.append(res)
    return pd.concat(parts, ignore_index=True)
