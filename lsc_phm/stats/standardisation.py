"""Direct and indirect age standardisation.

Functions
---------
dsr, dsr_grouped
    Directly standardised rate with Dobson confidence limits (ESP2013 default).
isr, smr
    Indirectly standardised rate and ratio (standardised mortality ratio).

The European Standard Population 2013 ships as the tuple :data:`ESP2013`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._validation import (
    as_float_array,
    check_columns,
    check_multiplier,
    ci_column_names,
    confidence_levels,
    level_label,
)
from .intervals import EXACT_BELOW, byars_limits, rate

__all__ = ["ESP2013", "ESP2013_BANDS", "dsr", "dsr_grouped", "dsr_non_independent", "isr", "smr"]

#: European Standard Population 2013, 19 five-year bands 0-4, 5-9, …, 85-89, 90+
#: (Eurostat 2013, with 0 and 1-4 merged and 90-94/95+ merged); sums to 100,000.
ESP2013: tuple[int, ...] = (
    5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
    7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000,
)  # fmt: skip

#: Labels of the ESP2013 bands, in the same order as :data:`ESP2013`.
ESP2013_BANDS: tuple[str, ...] = tuple(f"{a}-{a + 4}" for a in range(0, 90, 5)) + ("90+",)

DSR_SMALL_NUMBERS = "dsr NA for total count < 10"


def _dsr_row(
    counts: Any,
    populations: Any,
    standard_population: Any,
    levels: tuple[float, ...],
    multiplier: float,
    variance: float | None = None,
    method: str = "Dobson",
) -> dict[str, Any]:
    x = as_float_array(counts, "counts")
    n = as_float_array(populations, "populations")
    w = as_float_array(standard_population, "standard_population")
    if not (len(x) == len(n) == len(w)):
        raise ValueError("counts, populations and standard_population must have the same length")
    if np.any(np.isnan(n)):
        raise ValueError("populations must not contain missing values")
    if np.any(np.isnan(w)):
        raise ValueError("standard_population must not contain missing values")
    if np.any(n <= 0):
        raise ValueError("populations must all be greater than zero")
    if np.any(w < 0):
        raise ValueError("standard_population must all be greater than or equal to zero")
    if np.sum(w) <= 0:
        raise ValueError("standard_population must not sum to zero")
    x = np.where(np.isnan(x), 0.0, x)
    if np.any(x < 0):
        raise ValueError("counts must all be greater than or equal to zero")

    total = float(np.sum(x))
    wsum = float(np.sum(w))
    d = float(np.sum(w * x / n) / wsum)
    var = float(np.sum(w**2 * x / n**2) / wsum**2) if variance is None else variance
    row: dict[str, Any] = {"total_count": total, "total_pop": float(np.sum(n))}
    small = total < EXACT_BELOW
    row["value"] = np.nan if small else d * multiplier
    for (lo_name, hi_name), c in zip(ci_column_names(levels), levels, strict=True):
        if small:
            row[lo_name] = row[hi_name] = np.nan
            continue
        o_l, o_u = byars_limits(total, c)
        scale = np.sqrt(var / total)
        row[lo_name] = float((d + scale * (o_l - total)) * multiplier)
        row[hi_name] = float((d + scale * (o_u - total)) * multiplier)
    row["confidence"] = level_label(levels)
    row["statistic"] = DSR_SMALL_NUMBERS if small else f"dsr per {multiplier:g}"
    row["method"] = "NA" if small else method
    return row


def dsr(
    counts: Any,
    populations: Any,
    standard_population: Sequence[float] = ESP2013,
    confidence: float | Sequence[float] = 0.95,
    multiplier: float = 100_000,
) -> pd.DataFrame:
    """Directly standardised rate with Dobson confidence limits.

    Parameters
    ----------
    counts : array-like of float
        Events x_i per standardisation band (e.g. age band). NaN counts as 0.
    populations : array-like of float
        Population n_i per band, all > 0, no missing values.
    standard_population : sequence of float, default ESP2013
        Standard population w_i per band (≥ 0), matched **by position** to
        ``counts`` and ``populations``. The default is the 19-band ESP2013
        (0-4, 5-9, …, 90+).
    confidence : float or sequence of float, default 0.95
        0.95 or 95, or the pair (0.95, 0.998).
    multiplier : float, default 100000
        Rate per this many people.

    Returns
    -------
    pandas.DataFrame
        One row: ``total_count, total_pop, value, lowercl, uppercl,
        confidence, statistic`` ("dsr per 100000") and ``method`` ("Dobson").
        If the total count is below 10, ``value`` and the limits are NaN,
        ``statistic`` is "dsr NA for total count < 10" and ``method`` "NA".

    Notes
    -----
    The user must order counts, populations and the standard population by
    the same bands. With O = Σx_i [1]_ [2]_:

    .. math::
        D = \\frac{\\sum_i w_i x_i / n_i}{\\sum_i w_i}, \\qquad
        \\operatorname{Var}(D) = \\frac{\\sum_i w_i^2 x_i / n_i^2}{(\\sum_i w_i)^2}

    and the Dobson limits are :math:`D + \\sqrt{\\operatorname{Var}(D)/O}\\,(O_{L,U} - O)`
    where :math:`O_L, O_U` are Byars' limits of the total count O (Byars is
    used whatever the size of O; the result is not reported for O < 10).
    Events are assumed independent.

    References
    ----------
    .. [1] Dobson AJ, Kuulasmaa K, Eberle E, Scherer J. Confidence intervals for
       weighted sums of Poisson parameters. Stat Med 1991;10:457–462.
    .. [2] Breslow NE, Day NE. Statistical Methods in Cancer Research, Vol. II. IARC; 1987.
    .. [3] Eurostat. Revision of the European Standard Population. 2013 (KS-RA-13-028).

    Examples
    --------
    >>> out = dsr([10, 20, 30], [1000, 1000, 1000], standard_population=[1, 1, 1], multiplier=1000)
    >>> out[["total_count", "value", "statistic"]]
       total_count  value     statistic
    0         60.0   20.0  dsr per 1000
    """
    levels = confidence_levels(confidence)
    m = check_multiplier(multiplier)
    return pd.DataFrame([_dsr_row(counts, populations, standard_population, levels, m)])


def dsr_grouped(
    df: pd.DataFrame,
    count_col: str,
    pop_col: str,
    group_cols: str | Sequence[str],
    standard_population: Sequence[float] | str = ESP2013,
    confidence: float | Sequence[float] = 0.95,
    multiplier: float = 100_000,
    frequency_col: str | None = None,
    band_col: str | None = None,
) -> pd.DataFrame:
    """Directly standardised rates for each group of a long data frame.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per group × standardisation band, ordered by band within group.
    count_col : str
        Column of event counts.
    pop_col : str
        Column of populations.
    group_cols : str or sequence of str
        Column(s) identifying the groups (e.g. area code and year).
    standard_population : sequence of float or str, default ESP2013
        Either a sequence matched by position to each group's rows (every group
        must then have that many rows), or the name of a column of ``df``.
    confidence : float or sequence of float, default 0.95
        0.95 or 95, or the pair (0.95, 0.998).
    multiplier : float, default 100000
        Rate per this many people.
    frequency_col, band_col : str, optional
        For events that can repeat in one person: ``frequency_col`` holds the
        number of events per person f, ``count_col`` then holds the number of
        people with exactly f events, and ``band_col`` the band; every group is
        passed to :func:`dsr_non_independent`. ``standard_population`` must then
        be a column name.

    Returns
    -------
    pandas.DataFrame
        One row per group: the group columns followed by the columns of
        :func:`dsr` (or :func:`dsr_non_independent`). The input is not modified.

    Notes
    -----
    Applies :func:`dsr` to each group; see it for the formulas and the
    small-numbers rule.

    References
    ----------
    .. [1] Dobson AJ et al. Stat Med 1991;10:457–462.

    Examples
    --------
    >>> df = pd.DataFrame({"area": ["A"] * 3 + ["B"] * 3, "deaths": [10, 20, 30, 1, 2, 3],
    ...                    "pop": [1000] * 6})
    >>> dsr_grouped(df, "deaths", "pop", "area", standard_population=[1, 1, 1],
    ...             multiplier=1000)[["area", "value", "statistic"]]
      area  value                    statistic
    0    A   20.0                 dsr per 1000
    1    B    NaN  dsr NA for total count < 10
    """
    groups = [group_cols] if isinstance(group_cols, str) else list(group_cols)
    check_columns(df, [count_col, pop_col, *groups])
    if isinstance(standard_population, str):
        check_columns(df, [standard_population])
    levels = confidence_levels(confidence)
    m = check_multiplier(multiplier)
    if frequency_col is not None:
        if band_col is None or not isinstance(standard_population, str):
            raise ValueError("with frequency_col, give band_col and the standard population as a column name")
        check_columns(df, [frequency_col, band_col])
        parts = []
        for key, part in df.groupby(groups, sort=False, dropna=False):
            keys = key if isinstance(key, tuple) else (key,)
            res = dsr_non_independent(
                part[band_col],
                part[frequency_col],
                part[count_col],
                part[pop_col],
                part[standard_population],
                levels,
                m,
            )
            for col, val in reversed(list(zip(groups, keys, strict=True))):
                res.insert(0, col, val)
            parts.append(res)
        return pd.concat(parts, ignore_index=True)
    rows = []
    for key, part in df.groupby(groups, sort=False, dropna=False):
        keys = key if isinstance(key, tuple) else (key,)
        if isinstance(standard_population, str):
            w: Any = part[standard_population]
        else:
            w = standard_population
            if len(part) != len(w):
                raise ValueError(
                    "each group must have one row per standard population band "
                    f"({len(w)} rows); group {keys!r} has {len(part)}"
                )
        row = dict(zip(groups, keys, strict=True))
        row.update(_dsr_row(part[count_col], part[pop_col], w, levels, m))
        rows.append(row)
    return pd.DataFrame(rows)


NON_INDEPENDENT_METHOD = "Dobson, with confidence adjusted for non-independent events"


def dsr_non_independent(
    band: Any,
    frequency: Any,
    individuals: Any,
    populations: Any,
    standard_population: Any,
    confidence: float | Sequence[float] = 0.95,
    multiplier: float = 100_000,
) -> pd.DataFrame:
    """Directly standardised rate for events that can repeat in one person (non-independent events).

    Parameters
    ----------
    band : array-like
        Standardisation band (e.g. age band) of each row.
    frequency : array-like of float
        Number of events f per person (1, 2, 3, …) that the row describes.
    individuals : array-like of float
        Number of distinct people p_{i,f} in band i with exactly f events
        (NaN counts as 0).
    populations : array-like of float
        Population n_i of the row's band (> 0); must be the same on every row
        of a band.
    standard_population : array-like of float
        Standard population w_i of the row's band (≥ 0); the same on every row
        of a band.
    confidence : float or sequence of float, default 0.95
        0.95 or 95, or the pair (0.95, 0.998).
    multiplier : float, default 100000
        Rate per this many people.

    Returns
    -------
    pandas.DataFrame
        One row, as :func:`dsr` (``total_count`` = Σ f·p, the number of
        events), with ``method`` "Dobson, with confidence adjusted for
        non-independent events" and also ``total_individuals``. Below 10 events
        the value and limits are NaN (the :func:`dsr` rule).

    Raises
    ------
    ValueError
        When lengths differ, frequencies are not positive, counts are negative,
        or a band has more than one population or standard population.

    Notes
    -----
    OHID Fingertips technical guidance, DSR chapter, and PHEindicatormethods
    ``calculate_dsr(independent_events = FALSE)``
    (docs/methods.md#directly-standardised-rates-for-non-independent-events) [1]_ [2]_:
    events x_i = Σ_f f·p_{i,f}; D as for :func:`dsr`; the variance uses the
    frequency distribution of events per person,

    .. math::
        V_f = \\frac{\\sum_i p_{i,f} (w_i / n_i)^2}{(\\sum_i w_i)^2}, \\qquad
        \\operatorname{Var}(D) = \\sum_f f^2 V_f

    and the Dobson limits D + √(Var(D)/O)·(O_{L,U} − O) with Byars' limits of
    the total event count O. With one event per person this is :func:`dsr`.

    References
    ----------
    .. [1] OHID. Fingertips Public Health Technical Guidance: directly standardised
       rates, non-independent events.
    .. [2] Dobson AJ, Kuulasmaa K, Eberle E, Scherer J. Stat Med 1991;10:457–462.

    Examples
    --------
    >>> out = dsr_non_independent(["0-49", "0-49", "50+"], [1, 3, 2], [5, 2, 4], [100, 100, 200],
    ...                           [1, 1, 1], multiplier=100)
    >>> out.loc[0, ["total_count", "total_individuals", "value"]].tolist()
    [19.0, 11.0, 7.5]
    >>> out.loc[0, "method"]
    'Dobson, with confidence adjusted for non-independent events'
    """
    levels = confidence_levels(confidence)
    m = check_multiplier(multiplier)
    f = as_float_array(frequency, "frequency")
    p = as_float_array(individuals, "individuals")
    n = as_float_array(populations, "populations")
    w = as_float_array(standard_population, "standard_population")
    bands = pd.Series(np.asarray(band, dtype=object).reshape(-1))
    if not (len(bands) == len(f) == len(p) == len(n) == len(w)):
        raise ValueError("band, frequency, individuals, populations and standard_population must have the same length")
    if np.any(np.isnan(f)) or np.any(f <= 0):
        raise ValueError("frequency must be greater than zero on every row")
    p = np.where(np.isnan(p), 0.0, p)
    if np.any(p < 0):
        raise ValueError("individuals must all be greater than or equal to zero")
    frame = pd.DataFrame({"band": bands, "f": f, "p": p, "n": n, "w": w})
    per_band = frame.groupby("band", sort=False).agg(n=("n", "nunique"), w=("w", "nunique"))
    if (per_band["n"] > 1).any() or (per_band["w"] > 1).any():
        raise ValueError("populations and standard_population must be the same on every row of a band")
    bands_frame = (
        frame.assign(x=frame["f"] * frame["p"])
        .groupby("band", sort=False)
        .agg(x=("x", "sum"), n=("n", "first"), w=("w", "first"))
    )
    wsum = float(bands_frame["w"].sum())
    if wsum <= 0:
        raise ValueError("standard_population must not sum to zero")
    with np.errstate(divide="ignore", invalid="ignore"):
        v_f = frame.assign(term=frame["p"] * (frame["w"] / frame["n"]) ** 2).groupby("f")["term"].sum() / wsum**2
    variance = float(np.sum(np.asarray(v_f.index, dtype=float) ** 2 * v_f.to_numpy()))
    row = _dsr_row(
        bands_frame["x"],
        bands_frame["n"],
        bands_frame["w"],
        levels,
        m,
        variance=variance,
        method=NON_INDEPENDENT_METHOD,
    )
    row = {**row, "total_individuals": float(p.sum())}
    return pd.DataFrame([row])


def _indirect(
    counts: Any,
    populations: Any,
    reference_counts: Any,
    reference_populations: Any,
    confidence: float | Sequence[float],
    observed_total: float | None,
) -> tuple[float, float, tuple[float, ...], float]:
    """Observed, expected, levels, crude reference rate (validated)."""
    levels = confidence_levels(confidence)
    x = as_float_array(counts, "counts")
    n = as_float_array(populations, "populations")
    xr = as_float_array(reference_counts, "reference_counts")
    nr = as_float_array(reference_populations, "reference_populations")
    if not (len(x) == len(n) == len(xr) == len(nr)):
        raise ValueError("counts, populations, reference_counts and reference_populations must have the same length")
    x, n, xr = (np.where(np.isnan(a), 0.0, a) for a in (x, n, xr))
    if np.any(x < 0):
        raise ValueError("counts must all be greater than or equal to zero")
    if np.any(n < 0):
        raise ValueError("populations must all be greater than or equal to zero")
    if np.any(xr < 0):
        raise ValueError("reference_counts must all be greater than or equal to zero")
    if np.any(np.isnan(nr)) or np.any(nr <= 0):
        raise ValueError("reference_populations must all be greater than zero")
    observed = float(np.sum(x)) if observed_total is None else float(observed_total)
    if not np.isfinite(observed) or observed < 0:
        raise ValueError("observed_total must be greater than or equal to zero")
    expected = float(np.sum(xr / nr * n))
    if expected <= 0:
        raise ValueError("expected count must be greater than zero")
    return observed, expected, levels, float(np.sum(xr) / np.sum(nr))


def _indirect_frame(
    observed: float, expected: float, levels: tuple[float, ...], scale: float, statistic: str, reference: dict[str, Any]
) -> pd.DataFrame:
    """O / E × scale with the Poisson limits of O over E: the crude-rate interval of :func:`~.intervals.rate`
    (exact below 10 events, Byars otherwise), with E in place of the population."""
    frame = rate([observed], [expected], levels, multiplier=scale)
    frame = frame.rename(columns={"numerator": "observed", "denominator": "expected"})
    frame["statistic"] = statistic
    return frame.assign(**reference)


def smr(
    counts: Any,
    populations: Any,
    reference_counts: Any,
    reference_populations: Any,
    confidence: float | Sequence[float] = 0.95,
    refvalue: float = 1,
    observed_total: float | None = None,
) -> pd.DataFrame:
    """Indirectly standardised ratio (standardised mortality ratio, SMR).

    Parameters
    ----------
    counts : array-like of float
        Local events per band (NaN counts as 0).
    populations : array-like of float
        Local population per band (≥ 0; zero is allowed; NaN counts as 0).
    reference_counts : array-like of float
        Reference (e.g. England) events per band, matched by position.
    reference_populations : array-like of float
        Reference population per band (> 0).
    confidence : float or sequence of float, default 0.95
        0.95 or 95, or the pair (0.95, 0.998).
    refvalue : float, default 1
        Scale of the ratio: 1 gives a ratio, 100 gives "ratio x 100".
    observed_total : float, optional
        Total observed events, if known only as a total (overrides Σcounts).

    Returns
    -------
    pandas.DataFrame
        One row: ``observed, expected, value, lowercl, uppercl, confidence,
        statistic`` ("indirectly standardised ratio" or "… x 100"),
        ``method`` ("Exact" if observed < 10, else "Byars"), and the reference
        used: ``reference_value`` (the ratio's reference, 1 or 100),
        ``reference_rate`` (the crude reference rate per 100,000 behind the
        expected count) and ``reference_rate_statistic``.

    Notes
    -----
    Expected :math:`E = \\sum_i (x_{ref,i} / n_{ref,i}) n_i`; observed O = Σx_i.
    value = O / E × refvalue; limits are the Poisson limits of O (exact below
    10 events, Byars otherwise) divided by E, × refvalue [1]_ [2]_.

    References
    ----------
    .. [1] Breslow NE, Day NE. Statistical Methods in Cancer Research, Vol. II. IARC; 1987.
    .. [2] Armitage P, Berry G, Matthews JNS. Statistical Methods in Medical Research,
       4th ed. Blackwell; 2002.

    Examples
    --------
    >>> smr([30, 50], [1000, 1000], [200, 400], [10_000, 10_000])[["observed", "expected", "value"]]
       observed  expected     value
    0      80.0      60.0  1.333333
    """
    observed, expected, levels, ref_rate = _indirect(
        counts, populations, reference_counts, reference_populations, confidence, observed_total
    )
    scale = check_multiplier(refvalue)
    statistic = "indirectly standardised ratio" if scale == 1 else f"indirectly standardised ratio x {scale:g}"
    reference = {
        "reference_value": scale,
        "reference_rate": ref_rate * 100_000,
        "reference_rate_statistic": "crude reference rate per 100000 (sum of reference counts / populations)",
    }
    return _indirect_frame(observed, expected, levels, scale, statistic, reference)


def isr(
    counts: Any,
    populations: Any,
    reference_counts: Any,
    reference_populations: Any,
    confidence: float | Sequence[float] = 0.95,
    multiplier: float = 100_000,
    observed_total: float | None = None,
) -> pd.DataFrame:
    """Indirectly standardised rate.

    Parameters
    ----------
    counts, populations, reference_counts, reference_populations : array-like of float
        As for :func:`smr`, matched by position (band by band).
    confidence : float or sequence of float, default 0.95
        0.95 or 95, or the pair (0.95, 0.998).
    multiplier : float, default 100000
        Rate per this many people.
    observed_total : float, optional
        Total observed events, if known only as a total.

    Returns
    -------
    pandas.DataFrame
        One row: ``observed, expected, value, lowercl, uppercl, confidence,
        statistic`` ("indirectly standardised rate per 100000"), ``method``,
        ``reference_rate`` (the crude reference rate r the ratio is multiplied
        by, per ``multiplier``) and ``reference_rate_statistic``.

    Notes
    -----
    The SMR O/E multiplied by the crude reference rate
    :math:`r = \\sum x_{ref} / \\sum n_{ref} \\times M`; the limits are those of
    the SMR times r (exact Poisson below 10 events, Byars otherwise) [1]_ [2]_.

    References
    ----------
    .. [1] Breslow NE, Day NE. Statistical Methods in Cancer Research, Vol. II. IARC; 1987.
    .. [2] Armitage P, Berry G, Matthews JNS. Statistical Methods in Medical Research,
       4th ed. Blackwell; 2002.

    Examples
    --------
    >>> isr([30, 50], [1000, 1000], [200, 400], [10_000, 10_000])[["expected", "value"]].round(1)
       expected   value
    0      60.0  4000.0
    """
    observed, expected, levels, ref_rate = _indirect(
        counts, populations, reference_counts, reference_populations, confidence, observed_total
    )
    m = check_multiplier(multiplier)
    reference = {
        "reference_rate": ref_rate * m,
        "reference_rate_statistic": f"crude reference rate per {m:g} (sum of reference counts / populations)",
    }
    return _indirect_frame(
        observed, expected, levels, ref_rate * m, f"indirectly standardised rate per {m:g}", reference
    )
