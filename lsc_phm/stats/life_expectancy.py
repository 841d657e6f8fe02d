"""Period life expectancy from an abridged life table (Chiang II, Silcocks variance).

Functions
---------
life_expectancy
    Life expectancy for one population from deaths and populations in the 20
    standard age bands (0, 1-4, 5-9, …, 85-89, 90+).
life_expectancy_grouped
    The same for each group of a long data frame (a bad group gets a row with
    its reason; the others compute).
healthy_life_expectancy
    Healthy life expectancy by the Sullivan method (life table plus the
    prevalence of good health by age band), with its confidence interval.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._validation import as_float_array, check_columns, ci_column_names, confidence_levels, level_label, z_value

__all__ = ["LE_AGE_BANDS", "healthy_life_expectancy", "life_expectancy", "life_expectancy_grouped"]

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


def _end_age(label: str) -> float | None:
    """The last age of a closed band ("5-9" -> 9, "5 to 9" -> 9); None for one age ("0") or an open band ("90+")."""
    numbers = re.findall(r"\d+", label)
    if len(numbers) < 2 or "+" in label:
        return None
    return float(numbers[1])


def _band_problem(labels: list[str], starts: np.ndarray) -> str | None:
    """Why sorted bands cannot make a life table comparable with OHID's: no open 90+ band, or a gap or overlap."""
    last = labels[-1]
    if starts[-1] != 90 or _end_age(last) is not None:
        return (
            NOT_CALCULATED + f"the last age band must be the open-ended 90+ band, as in OHID and ONS life "
            f"tables, not '{last}'"
        )
    for label, following, next_start in zip(labels[:-1], labels[1:], starts[1:], strict=True):
        end = _end_age(label)
        if end is not None and end + 1 < next_start:
            return (
                NOT_CALCULATED + f"the age bands leave a gap between '{label}' and '{following}' (ages "
                f"{end + 1:g} to {next_start - 1:g} are missing)"
            )
        if end is not None and end + 1 > next_start:
            return NOT_CALCULATED + f"the age bands '{label}' and '{following}' overlap"
    return None


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


def _life_table(d: np.ndarray, p: np.ndarray, widths: np.ndarray, a: np.ndarray) -> dict[str, np.ndarray]:
    """Chiang II life table for bands of the given widths (the last band open).

    Returns the arrays ``e`` (life expectancy at the start of each band), ``var``
    (its variance, Chiang; Silcocks for the open band), ``l`` (survivors at the
    start of each band, l_0 = 100,000) and ``big_l`` (person-years lived in it).
    """
    k = len(d)
    mx = d / p
    n = widths
    # probability of dying in each closed interval
    nm = n * mx[:-1]
    q = np.where(d[:-1] <= p[:-1] / (n * a[:-1]), nm / (1.0 + nm * (1.0 - a[:-1])), 1.0)
    q = np.append(q, 1.0)  # everyone alive at the start of the open band dies in it
    survivors = 100_000.0 * np.concatenate(([1.0], np.cumprod(1.0 - q)))  # l_1 .. l_{k+1} (= 0)
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
    return {"e": e, "var": var, "l": l_, "big_l": big_l}


def _bands(age_bands: Sequence[Any], size: int) -> tuple[list[str], np.ndarray, np.ndarray, str | None]:
    """Labels, start ages and sort order of the bands, and why they cannot be used (or None)."""
    labels = [str(b) for b in age_bands]
    if len(labels) != size:
        raise ValueError("deaths, populations and age_bands must have the same length")
    starts = np.array([_start_age(b) for b in labels])
    order = np.argsort(starts, kind="stable")
    sorted_starts = starts[order]
    reason = None
    if len(starts) < 2:
        reason = NOT_CALCULATED + "at least two age bands are needed"
    elif len(np.unique(starts)) != len(starts):
        reason = NOT_CALCULATED + "two age bands start at the same age"
    elif sorted_starts[0] != 0:
        reason = NOT_CALCULATED + "the first age band must start at age 0"
    else:
        reason = _band_problem([labels[i] for i in order], sorted_starts)
    return labels, starts, order, reason


def _selected(result: pd.DataFrame, ages: Sequence[int] | None, all_ages: bool) -> pd.DataFrame:
    if ages is None:
        return result if all_ages else result.iloc[:1].reset_index(drop=True)
    wanted = [float(x) for x in ages]
    available = set(result["start_age"].astype(float))
    missing = [x for x in wanted if x not in available]
    if missing:
        raise ValueError(f"ages must be start ages of the age bands; not found: {', '.join(f'{x:g}' for x in missing)}")
    picked = result.set_index(result["start_age"].astype(float)).loc[wanted]
    return picked.reset_index(drop=True)


def life_expectancy(
    deaths: Any,
    populations: Any,
    age_bands: Sequence[str] = LE_AGE_BANDS,
    confidence: float | Sequence[float] = 0.95,
    all_ages: bool = False,
    ages: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Life expectancy with confidence limits from an abridged life table.

    Parameters
    ----------
    deaths : array-like of float
        Deaths D_j in each age band.
    populations : array-like of float
        Population (person-years at risk) P_j in each band.
    age_bands : sequence of str, default LE_AGE_BANDS
        Band labels matched by position to ``deaths``; the start age is the
        first integer in each label ("0", "1-4", "5 – 9", "90 +" all work);
        rows are sorted by start age and the last band is open. The OHID/ONS
        standard is the 20 bands 0, 1-4, 5-9, …, 85-89, 90+ (PHEindicatormethods
        accepts only those); other contiguous sets from 0 to an open 90+ band
        are calculated too and say so in ``method``. Bands that cannot make a
        comparable life table (not starting at 0, two bands with one start age,
        a single band, no open-ended 90+ band, e.g. ending 85+, or a gap or
        overlap between bands, e.g. "1-4" then "10-14") give a row with no
        value and the reason, not an error, as PHEindicatormethods gives no
        value for them.
    confidence : float or sequence of float, default 0.95
        One or more levels, each in [0.9, 1] or [90, 100].
    all_ages : bool, default False
        False returns life expectancy at birth only; True returns one row per
        band (life expectancy at the start age of each band).
    ages : sequence of int, optional
        Start ages to return (e.g. ``[0, 65]``), in that order; overrides
        ``all_ages``.

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
        same length"), a label has no start age, or ``ages`` asks for an age
        that is not the start of a band.

    Notes
    -----
    Chiang II method [1]_ [2]_ [3]_ with a_j = 0.1 for the one-year band at
    age 0 and 0.5 otherwise, M_j = D_j/P_j, q_j = n_j M_j / (1 + n_j M_j (1 − a_j))
    (q_j = 1 if D_j > P_j/(n_j a_j)), q = 1 for the open band, l_0 = 100,000,
    L_j = n_j(l_{j+1} + a_j d_j), L_open = l_open / M_open, e_j = T_j / l_j.
    The variance is Chiang's, s²_j = q_j²(1 − q_j)/D_j, with Silcocks' term
    for the open interval s²_open = 4 / (D M²) [4]_:
    Var(e_j) = Σ_{k≥j} l_k² ((1 − a_k) n_k + e_{k+1})² s²_k / l_j² (open
    interval: (l/2)² s²). Limits are e ∓ z_c·SE.

    Small-population rules [5]_ [6]_: the whole table is not calculated (value
    and limits NaN, reason in ``statistic``) when there are missing inputs,
    negative deaths, a zero population, deaths above the population, total
    population ≤ 5,000, or no deaths in the open band (infinite life
    expectancy). A value whose 95% interval is wider than 20 years (1.96·SE >
    10, whatever levels are requested) is suppressed (NaN) but its limits are
    kept.

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
    if len(d) != len(p):
        raise ValueError("deaths, populations and age_bands must have the same length")
    labels, starts, order, reason = _bands(age_bands, len(d))
    d, p, starts = d[order], p[order], starts[order]
    labels = [labels[i] for i in order]
    table = _table(d, p, starts, reason)
    return _selected(_frame(labels, starts, d, p, table, levels), ages, all_ages)


def _table(d: np.ndarray, p: np.ndarray, starts: np.ndarray, reason: str | None) -> dict[str, Any]:
    """The life table (or NaNs) with the reason it is missing and the method text."""
    k = len(d)
    method = METHOD
    if reason is None:
        reason = _invalid_reason(d, p)
    if reason is None:
        widths = np.diff(starts)
        a = np.full(k, 0.5)
        if widths[0] == 1:
            a[0] = 0.1
        table = _life_table(d, p, widths, a)
        if not np.array_equal(starts, _STARTS):
            method = (
                f"{METHOD} (non-standard age bands: last band {starts[-1]:g}+; not comparable with OHID/ONS figures)"
            )
    else:
        nan = np.full(k, np.nan)
        table = {"e": nan, "var": nan, "l": nan, "big_l": nan}
    table["reason"] = reason
    table["method"] = method
    return table


def _frame(
    labels: list[str], starts: np.ndarray, d: np.ndarray, p: np.ndarray, table: dict[str, Any], levels: Sequence[float]
) -> pd.DataFrame:
    k = len(d)
    e, se, reason = table["e"], np.sqrt(table["var"]), table["reason"]
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
    out["method"] = [table["method"]] * k
    return pd.DataFrame(out)


def life_expectancy_grouped(
    df: pd.DataFrame,
    deaths_col: str,
    pop_col: str,
    age_col: str,
    group_cols: str | Sequence[str],
    confidence: float | Sequence[float] = 0.95,
    all_ages: bool = False,
    ages: Sequence[int] | None = None,
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
    ages : sequence of int, optional
        Start ages to return for every group, as for :func:`life_expectancy`.

    Returns
    -------
    pandas.DataFrame
        The group columns followed by the columns of :func:`life_expectancy`.
        A group whose input cannot make a life table (unreadable or unusable
        bands, a requested age it does not have, or any rule of
        :func:`life_expectancy`) gets one row with no value and the reason in
        ``statistic``; the other groups compute.

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
    levels = confidence_levels(confidence, allow_many=True)
    parts = []
    for key, part in df.groupby(groups, sort=False, dropna=False):
        keys = key if isinstance(key, tuple) else (key,)
        try:
            res = life_expectancy(
                part[deaths_col], part[pop_col], list(part[age_col]), confidence=levels, all_ages=all_ages, ages=ages
            )
        except ValueError as error:
            res = pd.DataFrame(
                [
                    {
                        "age_band": None,
                        "start_age": np.nan,
                        "value": np.nan,
                        **{c: np.nan for pair in ci_column_names(levels) for c in pair},
                        "pops_used": np.nan,
                        "dths_used": np.nan,
                        "confidence": level_label(levels),
                        "statistic": NOT_CALCULATED + str(error),
                        "method": METHOD,
                    }
                ]
            )
        for col, val in reversed(list(zip(groups, keys, strict=True))):
            res.insert(0, col, val)
        parts.append(res)
    return pd.concat(parts, ignore_index=True)


HLE_METHOD = "Sullivan method on a Chiang II abridged life table; variance from the prevalence of good health"


def healthy_life_expectancy(
    deaths: Any,
    populations: Any,
    good_health: Any,
    respondents: Any = None,
    age_bands: Sequence[str] = LE_AGE_BANDS,
    confidence: float | Sequence[float] = 0.95,
    all_ages: bool = False,
    ages: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Healthy life expectancy by the Sullivan method, with confidence limits.

    Parameters
    ----------
    deaths, populations : array-like of float
        Deaths and populations by age band, as for :func:`life_expectancy`.
    good_health : array-like of float
        Proportion of people in each band reporting good health (0–1), e.g.
        "good" or "very good" general health in the Annual Population Survey
        or the Census.
    respondents : array-like of float, optional
        Number of survey respondents in each band behind ``good_health`` (for
        the interval). Without it only the value is returned (limits NaN).
    age_bands, confidence, all_ages, ages
        As for :func:`life_expectancy`.

    Returns
    -------
    pandas.DataFrame
        ``age_band, start_age, value`` (healthy life expectancy at that age),
        limits, ``life_expectancy`` (the life table's e_x),
        ``proportion_of_life_in_good_health`` (HLE / LE, %), ``confidence``,
        ``statistic`` ("healthy life expectancy at birth", ... or why it is
        missing) and ``method``. The life table's own small-population rules
        apply.

    Raises
    ------
    ValueError
        As for :func:`life_expectancy`; also when ``good_health`` is missing
        or outside [0, 1], or ``respondents`` is not greater than zero.

    Notes
    -----
    Sullivan [1]_ [2]_: with the life table's person-years L_j and survivors
    l_x, and π_j the proportion in good health,

    .. math::
        HLE_x = \\frac{\\sum_{j \\ge x} \\pi_j L_j}{l_x}, \\qquad
        \\operatorname{Var}(HLE_x) = \\frac{\\sum_{j \\ge x} L_j^2\\, \\pi_j (1 - \\pi_j) / N_j}{l_x^2}

    where N_j is the number of respondents. The variance allows for the
    sampling error of the prevalence only, as in the ONS and Jagger et al.
    guidance [2]_ [3]_ (the mortality component is small by comparison and is
    left out). Limits are HLE ∓ z_c·SE.

    References
    ----------
    .. [1] Sullivan DF. A single index of mortality and morbidity. HSMHA Health
       Reports 1971;86:347–354.
    .. [2] Jagger C, Van Oyen H, Robine JM. Health Expectancy Calculation by the
       Sullivan Method: A Practical Guide, 4th ed. Newcastle University; 2014.
    .. [3] Office for National Statistics. Health state life expectancies, UK:
       methodology (Sullivan method; confidence intervals).

    Examples
    --------
    >>> out = healthy_life_expectancy([0] * 19 + [100], [1000] * 19 + [500], [0.8] * 20)
    >>> out[["value", "life_expectancy"]]
       value  life_expectancy
    0   76.0             95.0
    """
    levels = confidence_levels(confidence, allow_many=True)
    d = as_float_array(deaths, "deaths")
    p = as_float_array(populations, "populations")
    pi = as_float_array(good_health, "good_health")
    if not (len(d) == len(p) == len(pi)):
        raise ValueError("deaths, populations, good_health and age_bands must have the same length")
    if np.any(np.isnan(pi)) or np.any((pi < 0) | (pi > 1)):
        raise ValueError("good_health must be a proportion between 0 and 1 in every age band")
    n_resp = None
    if respondents is not None:
        n_resp = as_float_array(respondents, "respondents")
        if len(n_resp) != len(d):
            raise ValueError("respondents must have one value per age band")
        if np.any(np.isnan(n_resp)) or np.any(n_resp <= 0):
            raise ValueError("respondents must be greater than zero in every age band")
    labels, starts, order, reason = _bands(age_bands, len(d))
    d, p, pi, starts = d[order], p[order], pi[order], starts[order]
    labels = [labels[i] for i in order]
    table = _table(d, p, starts, reason)
    l_, big_l = table["l"], table["big_l"]
    with np.errstate(divide="ignore", invalid="ignore"):
        hle = np.cumsum((pi * big_l)[::-1])[::-1] / l_
        if n_resp is not None:
            var = np.cumsum((big_l**2 * pi * (1 - pi) / n_resp[order])[::-1])[::-1] / l_**2
        else:
            var = np.full(len(d), np.nan)
    se = np.sqrt(var)
    k = len(d)
    out: dict[str, Any] = {"age_band": labels, "start_age": starts.astype(int), "value": hle}
    for (lo_name, hi_name), c in zip(ci_column_names(levels), levels, strict=True):
        out[lo_name] = hle - z_value(c) * se
        out[hi_name] = hle + z_value(c) * se
    out["life_expectancy"] = table["e"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["proportion_of_life_in_good_health"] = 100.0 * hle / table["e"]
    out["confidence"] = [level_label(levels)] * k
    if table["reason"] is not None:
        out["statistic"] = [table["reason"].replace("life expectancy", "healthy life expectancy", 1)] * k
    else:
        out["statistic"] = [
            "healthy life expectancy at birth" if s == 0 else f"healthy life expectancy at age {int(s)}" for s in starts
        ]
    out["method"] = [HLE_METHOD + ("" if table["method"] == METHOD else " (non-standard age bands)")] * k
    return _selected(pd.DataFrame(out), ages, all_ages)
