"""Slope and relative index of inequality across deprivation quantiles.

Functions
---------
sii
    Slope index of inequality (SII) and relative index of inequality (RII),
    with simulated confidence limits and a linearity diagnostic; how it fits
    and simulates is a :class:`SiiOptions`.
sii_grouped
    The same for several areas (or periods) of one table.

The two-group measures (:func:`gap`, :func:`core20_gap`) and
:func:`sii_most_minus_least` (the SII read most minus least deprived, like
every gap) are in :mod:`lsc_phm.stats.gaps` and re-exported here; the simulation of the limits and its reliability
check are in :mod:`lsc_phm.stats.sii_simulation`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, Literal

import numpy as np
import pandas as pd

from ._validation import (
    FloatArray,
    as_float_array,
    check_columns,
    check_multiplier,
    ci_column_names,
    confidence_levels,
    level_label,
    z_value,
)
from .gaps import (
    RII_DIRECTION,
    SII_MOST_MINUS_LEAST,
    ValueType,
    check_value_type,
    core20_gap,
    gap,
    sii_most_minus_least,
)
from .intervals import wilson_limits
from .sii_simulation import SiiSimulation, simulation_reliability

__all__ = [
    "RII_DIRECTION",
    "SII_MOST_MINUS_LEAST",
    "SiiOptions",
    "core20_gap",
    "gap",
    "sii",
    "sii_grouped",
    "sii_most_minus_least",
]

_Z95 = z_value(0.95)


def _logit(p: FloatArray) -> FloatArray:
    return np.log(p / (1.0 - p))


def _expit(x: FloatArray) -> FloatArray:
    return 1.0 / (1.0 + np.exp(-x))


def _transforms(value_type: str) -> tuple[Callable[[Any], Any], Callable[[Any], Any], str]:
    if value_type == "rate":
        return np.log, np.exp, "log"
    if value_type == "proportion":
        return _logit, _expit, "logit"
    return (lambda v: v), (lambda v: v), "none"


# ------------------------------------------------------------------------------------------------ SII / RII
@dataclass(frozen=True)
class SiiOptions:
    """How :func:`sii` fits the line and simulates its limits: everything but the data.

    Attributes
    ----------
    value_type : {"rate", "proportion", "normal"}, default "rate"
        Chooses the scale on which values are simulated.
    multiplier : float, default 1
        Multiplies the SII (e.g. 100 for proportions shown as percentages). A
        negative multiplier flips the sign of SII and inverts RII.
    transform : bool, default False
        Fit the regression on the log (rate) or logit (proportion) scale and
        back-transform (for gradients that are far from linear). Needs
        ``lower``/``upper`` (or counts) and a rate or proportion.
    confidence : float or sequence of float, default 0.95
        One or more levels for the simulated limits.
    repetitions : int, default 100000
        Number of simulations (≥ 1000).
    seed : int or numpy.random.Generator, optional
        Seed for reproducible limits.
    rii : bool, default True
        Also return the RII and its limits.
    positions : {"local", "national"}, default "local"
        How the ridit positions B_k are found: "local" from the area's own
        population in each quantile (Low & Low); "national" from the national
        share of each quantile (the NHS England "new SII", e.g. each national
        IMD decile holds about 10% of England's population, so B = 0.05, 0.15, …).
    national_population_shares : array-like of float, optional
        For ``positions="national"``: share (or population) of each quantile
        1..K nationally; normalised to sum to 1. Defaults to equal shares 1/K.
    limits_confidence : float, default 0.95
        Confidence level of the supplied ``lower``/``upper`` (e.g. 0.998 for
        99.8% limits). PHEindicatormethods always assumes 95%; passing limits at
        another level without saying so would make every standard error, and so
        the SII interval, too wide or too narrow (by z_0.998/z_0.95 ≈ 1.58).
    reliability : bool, default False
        Also run 9 further independent simulations of ``repetitions`` draws and
        report, per level, the mean absolute difference of their limits from the
        reported (first) limits: ``sii_mad95_0`` and ``rii_mad95_0`` (the
        PHEindicatormethods ``reliability_stat``). Costs 10 times the time.
    """

    value_type: ValueType = "rate"
    multiplier: float = 1
    transform: bool = False
    confidence: float | Sequence[float] = 0.95
    repetitions: int = 100_000
    seed: int | np.random.Generator | None = None
    rii: bool = True
    positions: Literal["local", "national"] = "local"
    national_population_shares: Any = None
    limits_confidence: float = 0.95
    reliability: bool = False

    def updated(self, **settings: Any) -> SiiOptions:
        """A copy with the given fields changed; an unknown name is a TypeError, as for any keyword argument."""
        unknown = sorted(set(settings) - {f.name for f in fields(self)})
        if unknown:
            raise TypeError(f"sii() got unexpected keyword argument(s): {', '.join(unknown)}")
        return replace(self, **settings) if settings else self


def sii(
    quantile: Any,
    population: Any,
    value: Any = None,
    lower: Any = None,
    upper: Any = None,
    se: Any = None,
    *,
    numerator: Any = None,
    denominator: Any = None,
    options: SiiOptions | None = None,
    **settings: Any,
) -> pd.DataFrame:
    """Slope and relative index of inequality with simulated confidence limits.

    Parameters
    ----------
    quantile : array-like of int
        Quantile number of each row, 1..K with 1 = **most deprived**; 5 ≤ K ≤ 100,
        each present exactly once (one area, one period).
    population : array-like of float
        Population of each quantile (> 0); gives the regression weights.
    value : array-like of float, optional
        Indicator value of each quantile. For ``value_type="proportion"`` on the
        0–1 scale (use ``multiplier=100`` to report percentage points). May be
        omitted for proportions given as counts (``numerator``).
    lower, upper : array-like of float, optional
        Confidence limits of ``value`` at level ``limits_confidence`` (used to
        derive standard errors).
    se : array-like of float, optional
        Standard error of each value on the transformed scale (log for rates,
        logit for proportions, identity for normal); used instead of the limits.
    numerator, denominator : array-like of float, optional
        For ``value_type="proportion"``: counts x_k and denominators n_k
        (default ``population``). The value is x_k/n_k and, unless limits or
        ``se`` are supplied, the standard errors come from the Wilson 95% limits
        of the counts. No rounding is involved.
    options : SiiOptions, optional
        How to fit and simulate (scale, multiplier, levels, repetitions, seed,
        positions, ...); default :class:`SiiOptions` ().
    **settings
        Any field of :class:`SiiOptions` by name (``value_type="proportion"``,
        ``confidence=0.998``, ...), overriding ``options``.

    Returns
    -------
    pandas.DataFrame
        One row: ``sii``, ``sii_lower95_0cl``, ``sii_upper95_0cl`` (one pair per
        level), ``rii`` and ``rii_lower…cl``/``rii_upper…cl`` (if ``rii``),
        ``sii_mad…``/``rii_mad…`` (if ``reliability``), ``intercept``,
        ``r_squared``, then the standard contract ``value`` (= sii),
        ``lowercl``/``uppercl`` (or level-suffixed, = the SII limits),
        ``n_quantiles, value_type, transform, positions, repetitions,
        limits_confidence, confidence, statistic`` ("slope index of
        inequality"), ``rii_direction`` and ``method``.

    Raises
    ------
    ValueError
        With an exact message for: a bad ``value_type``; fewer than 5 or more than
        100 quantiles; quantiles not numbered 1..K once each; non-positive or
        missing populations; missing values; neither ``se`` nor both limits (nor
        counts); negative or missing ``se``; missing limits; values outside the
        scale (rates must be > 0; proportions strictly between 0 and 1);
        ``transform`` with normal values or with ``se``; fewer than 1000
        repetitions; bad ``positions`` or national shares; counts for a value
        type other than proportion.

    Notes
    -----
    Following Low & Low [1]_ and the OHID Fingertips method [2]_:

    * a_k = P_k / ΣP; ridit B_k = Σ_{j<k} s_j + s_k/2 where s = a ("local") or
      the national shares ("national"). The regression weights are always a_k.
    * Weighted least squares of Y_k on B_k (one matrix product, ``numpy``):
      Y = y (or g(y) if ``transform``, g = log or logit). SII = m·β1 (fitted
      value at B = 1 minus B = 0, so a positive SII means the least deprived end
      is higher). With ``transform``, Y0 = g⁻¹(γ0), Y1 = g⁻¹(γ0 + γ1),
      SII = m(Y1 − Y0). ``intercept`` is β0 (unscaled) or Y0·|m|.
    * **Direction of the RII.** Everywhere in lsc-phm a ratio is *most deprived
      over least deprived*: RII = fitted value at the most deprived end (B = 0)
      divided by the fitted value at the least deprived end (B = 1), i.e.
      β0/(β0 + β1) or Y0/Y1, so RII > 1 means higher where people are more
      deprived, as for the gap ratio of :func:`gap` (group 1 / group K) and
      :func:`core20_gap` (Core20 / rest). PHEindicatormethods reports the
      reciprocal (B = 1 over B = 0); its RII and limits are 1/ours (limits
      swapped). A negative multiplier inverts the RII, as in the package.
    * Standard errors on the g scale: s_k = se_k, or
      (g(U_k) − g(L_k)) / (2·z) with z = Φ⁻¹((1 + limits_confidence)/2)
      (g = identity for normal values).
    * Simulation: draw ỹ_k ~ N(g(y_k), s_k) R times, back-transform unless
      ``transform``, refit every replicate in one matrix product, and take the
      round(R(1−c'))-th and round(R·c')-th smallest SII (RII) with
      c' = c + (1−c)/2. With ``transform`` the simulated slopes S are turned
      into limits by pivoting the fitted line about its midpoint
      x½ = γ0 + γ1/2: SII(S) = m(g⁻¹(x½ + S/2) − g⁻¹(x½ − S/2)). When m < 0
      the limits swap (this implementation swaps for m < 0 only, also for
      rates; PHEindicatormethods swaps rates for m < 1).
    * Reliability: MAD = mean over batches 2..10 and over {lower, upper} of
      |limit_b − limit_1| (docs/methods.md#slope-and-relative-index-of-inequality).
    * ``r_squared`` is the weighted R² of the fit on the fitting scale; values
      well below 1 (e.g. < 0.7) mean the gradient is far from a straight line
      and the SII should be read with care. NaN when all values are equal.

    References
    ----------
    .. [1] Low A, Low A. Measuring the gap: quantifying and comparing local health
       inequalities. J Public Health 2004;26:388–395.
    .. [2] OHID/PHE. Fingertips Public Health Technical Guidance: slope index of
       inequality.

    Examples
    --------
    >>> out = sii(range(1, 11), [1000] * 10, [100 + 5 * k for k in range(10)],
    ...           se=[1e-6] * 10, value_type="normal", repetitions=1000, seed=1)
    >>> round(float(out["sii"].iloc[0]), 6), round(float(out["r_squared"].iloc[0]), 6)
    (50.0, 1.0)
    """
    o = (options or SiiOptions()).updated(**settings)
    check_value_type(o.value_type)
    levels = confidence_levels(o.confidence, allow_many=True)
    (limits_level,) = confidence_levels(o.limits_confidence)
    m = check_multiplier(o.multiplier)
    if o.positions not in ("local", "national"):
        raise ValueError("positions must be 'local' or 'national'")
    repetitions = o.repetitions
    if isinstance(repetitions, bool) or not isinstance(repetitions, (int, np.integer)) or repetitions < 1000:
        raise ValueError("repetitions must be an integer of at least 1000")

    q, pop, y, lower, upper, limits_level = _sii_values(
        quantile, population, value, lower, upper, se, numerator, denominator, o, limits_level
    )
    k = len(q)
    order = np.argsort(q)
    pop, y = pop[order], y[order]
    g, ginv, g_name = _transforms(o.value_type)
    s = _sii_standard_errors(y, lower, upper, se, order, o, limits_level, g)

    a = pop / pop.sum()
    b = _ridits(a, k, o.positions, o.national_population_shares)
    hat, beta0, beta1, r2 = _weighted_fit(a, b, g(y) if o.transform else y)
    if not o.transform:
        sii_value = m * beta1
        rii_value = beta0 / (beta0 + beta1)  # most deprived end / least deprived end
        intercept = beta0
    else:
        y0, y1 = ginv(beta0), ginv(beta0 + beta1)
        sii_value = (y1 - y0) * m
        rii_value = y0 / y1
        intercept = y0 * abs(m)
    if m < 0:
        rii_value = 1.0 / rii_value

    seed = o.seed
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    simulate = SiiSimulation(hat, g(y), s, ginv, o.transform, m, beta0, beta1, int(repetitions))
    sii_limits, rii_limits = simulate(rng, levels)

    out: dict[str, Any] = {}
    out["sii"] = float(sii_value)
    for (lo_name, hi_name), (l_, u_) in zip(ci_column_names(levels, "sii_"), sii_limits, strict=True):
        out[lo_name], out[hi_name] = float(l_), float(u_)
    if o.rii:
        out["rii"] = float(rii_value)
        for (lo_name, hi_name), (l_, u_) in zip(ci_column_names(levels, "rii_"), rii_limits, strict=True):
            out[lo_name], out[hi_name] = float(l_), float(u_)
    if o.reliability:
        out.update(simulation_reliability(simulate, rng, levels, sii_limits, rii_limits, o.rii))
    out["intercept"] = float(intercept)
    out["r_squared"] = r2
    out["value"] = float(sii_value)
    for (lo_name, hi_name), (l_, u_) in zip(ci_column_names(levels), sii_limits, strict=True):
        out[lo_name], out[hi_name] = float(l_), float(u_)
    out["n_quantiles"] = k
    out["value_type"] = o.value_type
    out["transform"] = g_name if o.transform else "none"
    out["positions"] = o.positions
    out["repetitions"] = int(repetitions)
    out["limits_confidence"] = "se given" if se is not None else level_label([limits_level])
    out["confidence"] = level_label(levels)
    out["statistic"] = "slope index of inequality"
    out["rii_direction"] = RII_DIRECTION
    out["method"] = f"weighted least squares on ridit; limits by simulation ({int(repetitions)} repetitions)"
    return pd.DataFrame([out])


def _sii_values(
    quantile: Any,
    population: Any,
    value: Any,
    lower: Any,
    upper: Any,
    se: Any,
    numerator: Any,
    denominator: Any,
    o: SiiOptions,
    limits_level: float,
) -> tuple[FloatArray, FloatArray, FloatArray, Any, Any, float]:
    """The checked quantiles, populations and values of :func:`sii` (values from counts for proportions).

    Returns ``(quantile, population, value, lower, upper, limits_level)``: counts without limits or standard errors
    give Wilson 95% limits, so ``lower``, ``upper`` and their level may change here.
    """
    q = as_float_array(quantile, "quantile")
    pop = as_float_array(population, "population")
    if numerator is not None:
        if o.value_type != "proportion":
            raise ValueError("numerator and denominator can only be given for value_type 'proportion'")
        x = as_float_array(numerator, "numerator")
        n = pop if denominator is None else as_float_array(denominator, "denominator")
        if not (len(x) == len(n) == len(q)):
            raise ValueError("numerator and denominator must have the same length as quantile")
        if np.any(np.isnan(x)) or np.any(np.isnan(n)) or np.any(n <= 0) or np.any(x < 0) or np.any(x > n):
            raise ValueError("numerator must be between 0 and denominator, and denominator greater than zero")
        y = x / n
        if se is None and lower is None and upper is None:
            lower, upper = wilson_limits(x, n, 0.95)
            limits_level = 0.95
    elif value is None:
        raise ValueError("value (or numerator for proportions) must be supplied")
    else:
        y = as_float_array(value, "value")
    if not (len(q) == len(pop) == len(y)):
        raise ValueError("quantile, population and value must have the same length")
    if np.any(np.isnan(q)):
        raise ValueError("quantile must not be missing")
    k = len(np.unique(q))
    if not 5 <= k <= 100:
        raise ValueError("the number of quantiles must be between 5 and 100")
    if k != len(q):
        raise ValueError("each quantile must appear exactly once")
    if not np.array_equal(np.sort(q), np.arange(1, k + 1)):
        raise ValueError(f"quantiles must be numbered 1 to {k} with none missing")
    if np.any(np.isnan(pop)) or np.any(pop <= 0):
        raise ValueError("population must be greater than zero for every quantile")
    if np.any(np.isnan(y)):
        raise ValueError("value must not be missing")
    if o.transform and o.value_type == "normal":
        raise ValueError("transform can only be used with value_type 'rate' or 'proportion'")
    return q, pop, y, lower, upper, limits_level


def _sii_standard_errors(
    y: FloatArray,
    lower: Any,
    upper: Any,
    se: Any,
    order: Any,
    o: SiiOptions,
    limits_level: float,
    g: Callable[[Any], Any],
) -> FloatArray:
    """Standard errors of the (sorted) values on the fitting scale, from ``se`` or from the limits.

    ``(g(U) - g(L)) / (2 z)`` with z for ``limits_level``; the values and limits are checked against the scale.
    """
    n = len(order)
    if se is not None:
        if o.transform:
            raise ValueError("transform requires lower and upper confidence limits, not se")
        s = as_float_array(se, "se")
        if len(s) != n:
            raise ValueError("se must have the same length as value")
        if np.any(np.isnan(s)) or np.any(s < 0):
            raise ValueError("se must be greater than or equal to zero and not missing")
        s = s[order]
        checked = [y]
    else:
        if lower is None or upper is None:
            raise ValueError("either se or both lower and upper must be supplied")
        lo = as_float_array(lower, "lower")
        hi = as_float_array(upper, "upper")
        if not (len(lo) == len(hi) == n):
            raise ValueError("lower and upper must have the same length as value")
        if np.any(np.isnan(lo)) or np.any(np.isnan(hi)):
            raise ValueError("lower and upper must not be missing")
        lo, hi = lo[order], hi[order]
        checked = [y, lo, hi]
    if o.value_type == "rate" and any(np.any(a <= 0) for a in checked):
        raise ValueError("for value_type 'rate', value, lower and upper must be greater than zero")
    if o.value_type == "proportion" and any(np.any((a <= 0) | (a >= 1)) for a in checked):
        raise ValueError("for value_type 'proportion', value, lower and upper must be strictly between 0 and 1")
    if se is None:
        s = (g(hi) - g(lo)) / (2.0 * z_value(limits_level))
    return s


def _ridits(a: FloatArray, k: int, positions: str, national_population_shares: Any) -> FloatArray:
    """Ridit positions B_k: the midpoints of the cumulative shares, local (``a``) or national."""
    if positions == "national":
        if national_population_shares is None:
            shares = np.full(k, 1.0 / k)
        else:
            shares = as_float_array(national_population_shares, "national_population_shares")
            if len(shares) != k or np.any(np.isnan(shares)) or np.any(shares <= 0):
                raise ValueError("national_population_shares must have one positive value per quantile")
            shares = shares / shares.sum()
    else:
        shares = a
    return np.cumsum(shares) - shares / 2.0


def _weighted_fit(a: FloatArray, b: FloatArray, fit_y: FloatArray) -> tuple[Any, float, float, float]:
    """Weighted least squares of ``fit_y`` on the ridits: the hat matrix, intercept, slope and weighted R²."""
    # Weighted least squares as OLS of sqrt(a)*Y on [sqrt(a), sqrt(a)*B]:
    # coef = H @ Y with H = (X'X)^-1 X' diag(sqrt(a)), shape (2, K).
    ra = np.sqrt(a)
    design = np.column_stack([ra, ra * b])
    hat = np.linalg.lstsq(design, np.diag(ra), rcond=None)[0]
    beta0, beta1 = hat @ fit_y
    fitted = beta0 + beta1 * b
    ybar = float(np.sum(a * fit_y))
    ss_tot = float(np.sum(a * (fit_y - ybar) ** 2))
    r2 = 1.0 - float(np.sum(a * (fit_y - fitted) ** 2)) / ss_tot if ss_tot > 0 else float("nan")
    return hat, beta0, beta1, r2


def sii_grouped(
    df: pd.DataFrame,
    group_cols: str | Sequence[str],
    quantile_col: str,
    population_col: str,
    value_col: str | None = None,
    lower_col: str | None = None,
    upper_col: str | None = None,
    se_col: str | None = None,
    numerator_col: str | None = None,
    denominator_col: str | None = None,
    seed: int | np.random.Generator | None = None,
    **kwargs: Any,
) -> pd.DataFrame:
    """SII and RII for several areas (or periods, sexes) in one call.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per group × quantile.
    group_cols : str or sequence of str
        Column(s) identifying each area.
    quantile_col, population_col : str
        Quantile number (1 = most deprived) and population columns.
    value_col, lower_col, upper_col, se_col, numerator_col, denominator_col : str, optional
        Columns passed to :func:`sii` as ``value``, ``lower``, ``upper``,
        ``se``, ``numerator`` and ``denominator``.
    seed : int or numpy.random.Generator, optional
        One generator is made from it and used for the groups in turn, so the
        whole table is reproducible.
    **kwargs
        Any other argument of :func:`sii` (``value_type``, ``multiplier``,
        ``confidence``, ``limits_confidence``, ``repetitions``, ...).

    Returns
    -------
    pandas.DataFrame
        One row per group: the group columns, the columns of :func:`sii`, and
        ``note`` ("" or why the group has no SII). A group that lacks one of the
        K quantile labels present in the whole input (K is taken from the whole
        input, as PHEindicatormethods does), or whose input :func:`sii` rejects,
        gets a row with no values and the reason, while the other groups compute.

    Notes
    -----
    See :func:`sii` for the method [1]_.

    References
    ----------
    .. [1] Low A, Low A. J Public Health 2004;26:388–395.

    Examples
    --------
    >>> df = pd.DataFrame({"area": ["A"] * 5 + ["B"] * 4, "q": list(range(1, 6)) + [1, 2, 3, 4],
    ...                    "pop": [100] * 9, "y": [10, 12, 14, 16, 18, 5, 6, 7, 8], "se": [0.0] * 9})
    >>> out = sii_grouped(df, "area", "q", "pop", "y", se_col="se", value_type="normal",
    ...                   repetitions=1000, seed=1)
    >>> out["sii"].round(6).tolist()
    [10.0, nan]
    >>> out["note"].tolist()
    ['', 'not calculated: quantile(s) 5 missing in this group']
    """
    groups = [group_cols] if isinstance(group_cols, str) else list(group_cols)
    columns = {
        "value": value_col,
        "lower": lower_col,
        "upper": upper_col,
        "se": se_col,
        "numerator": numerator_col,
        "denominator": denominator_col,
    }
    check_columns(df, [*groups, quantile_col, population_col, *[c for c in columns.values() if c]])
    all_labels = set(pd.unique(df[quantile_col].dropna()))
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    rows: list[pd.DataFrame] = []
    for key, part in df.groupby(groups, sort=False, dropna=False):
        keys = key if isinstance(key, tuple) else (key,)
        missing = sorted(all_labels - set(part[quantile_col]))
        note = ""
        res: pd.DataFrame | None = None
        if missing:
            note = f"not calculated: quantile(s) {', '.join(str(m) for m in missing)} missing in this group"
        else:
            args = {name: part[col] for name, col in columns.items() if col}
            try:
                res = sii(part[quantile_col], part[population_col], seed=rng, **args, **kwargs)
            except ValueError as error:
                note = f"not calculated: {error}"
        if res is None:
            res = pd.DataFrame([{"sii": np.nan, "value": np.nan, "statistic": "slope index of inequality"}])
        res.insert(0, "note", note)
        for col, val in reversed(list(zip(groups, keys, strict=True))):
            res.insert(0, col, val)
        rows.append(res)
    out = pd.concat(rows, ignore_index=True)
    return out[[c for c in out.columns if c != "note"] + ["note"]]
