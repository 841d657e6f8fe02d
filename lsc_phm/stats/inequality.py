"""Measures of inequality across deprivation quantiles.

Functions
---------
sii
    Slope index of inequality (SII) and relative index of inequality (RII),
    with simulated confidence limits and a linearity diagnostic.
gap
    Absolute and relative gap between the most and least deprived quantile.
core20_gap
    The same for the Core20 (most deprived 20% nationally) against the rest,
    pooling counts first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
    level_suffix,
    z_value,
)
from .intervals import _wilson_limits, poisson_limits

__all__ = ["RII_DIRECTION", "core20_gap", "gap", "sii", "sii_grouped"]

ValueType = Literal["rate", "proportion", "normal"]
_VALUE_TYPES = ("rate", "proportion", "normal")
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


def _check_value_type(value_type: str) -> None:
    if value_type not in _VALUE_TYPES:
        raise ValueError("value_type must be one of 'rate', 'proportion', 'normal'")


def _order_statistic_limits(sorted_or_raw: FloatArray, level: float) -> tuple[float, float]:
    """Limits as the round(R(1−c'))-th and round(R·c')-th smallest of R values."""
    r = len(sorted_or_raw)
    c2 = level + (1.0 - level) / 2.0
    i_lo = min(max(round(r * (1.0 - c2)), 1), r) - 1
    i_hi = min(max(round(r * c2), 1), r) - 1
    part = np.partition(sorted_or_raw, [i_lo, i_hi])
    return float(part[i_lo]), float(part[i_hi])


# --------------------------------------------------------------------------
# SII / RII
# --------------------------------------------------------------------------
def sii(
    quantile: Any,
    population: Any,
    value: Any = None,
    lower: Any = None,
    upper: Any = None,
    se: Any = None,
    value_type: ValueType = "rate",
    multiplier: float = 1,
    transform: bool = False,
    confidence: float | Sequence[float] = 0.95,
    repetitions: int = 100_000,
    seed: int | np.random.Generator | None = None,
    rii: bool = True,
    positions: Literal["local", "national"] = "local",
    national_population_shares: Any = None,
    limits_confidence: float = 0.95,
    numerator: Any = None,
    denominator: Any = None,
    reliability: bool = False,
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
    numerator, denominator : array-like of float, optional
        For ``value_type="proportion"``: counts x_k and denominators n_k
        (default ``population``). The value is x_k/n_k and, unless limits or
        ``se`` are supplied, the standard errors come from the Wilson 95% limits
        of the counts. No rounding is involved.
    reliability : bool, default False
        Also run 9 further independent simulations of ``repetitions`` draws and
        report, per level, the mean absolute difference of their limits from the
        reported (first) limits: ``sii_mad95_0`` and ``rii_mad95_0`` (the
        PHEindicatormethods ``reliability_stat``). Costs 10 times the time.

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
    _check_value_type(value_type)
    levels = confidence_levels(confidence, allow_many=True)
    (limits_level,) = confidence_levels(limits_confidence)
    m = check_multiplier(multiplier)
    if positions not in ("local", "national"):
        raise ValueError("positions must be 'local' or 'national'")
    if isinstance(repetitions, bool) or not isinstance(repetitions, (int, np.integer)) or repetitions < 1000:
        raise ValueError("repetitions must be an integer of at least 1000")

    q = as_float_array(quantile, "quantile")
    pop = as_float_array(population, "population")
    if numerator is not None:
        if value_type != "proportion":
            raise ValueError("numerator and denominator can only be given for value_type 'proportion'")
        x = as_float_array(numerator, "numerator")
        n = pop if denominator is None else as_float_array(denominator, "denominator")
        if not (len(x) == len(n) == len(q)):
            raise ValueError("numerator and denominator must have the same length as quantile")
        if np.any(np.isnan(x)) or np.any(np.isnan(n)) or np.any(n <= 0) or np.any(x < 0) or np.any(x > n):
            raise ValueError("numerator must be between 0 and denominator, and denominator greater than zero")
        y = x / n
        if se is None and lower is None and upper is None:
            lower, upper = _wilson_limits(x, n, 0.95)
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
    if transform and value_type == "normal":
        raise ValueError("transform can only be used with value_type 'rate' or 'proportion'")

    order = np.argsort(q)
    pop, y = pop[order], y[order]
    g, ginv, g_name = _transforms(value_type)
    if se is not None:
        if transform:
            raise ValueError("transform requires lower and upper confidence limits, not se")
        s = as_float_array(se, "se")
        if len(s) != len(q):
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
        if not (len(lo) == len(hi) == len(q)):
            raise ValueError("lower and upper must have the same length as value")
        if np.any(np.isnan(lo)) or np.any(np.isnan(hi)):
            raise ValueError("lower and upper must not be missing")
        lo, hi = lo[order], hi[order]
        checked = [y, lo, hi]
    if value_type == "rate" and any(np.any(a <= 0) for a in checked):
        raise ValueError("for value_type 'rate', value, lower and upper must be greater than zero")
    if value_type == "proportion" and any(np.any((a <= 0) | (a >= 1)) for a in checked):
        raise ValueError("for value_type 'proportion', value, lower and upper must be strictly between 0 and 1")
    if se is None:
        s = (g(hi) - g(lo)) / (2.0 * z_value(limits_level))

    a = pop / pop.sum()
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
    b = np.cumsum(shares) - shares / 2.0

    # Weighted least squares as OLS of sqrt(a)*Y on [sqrt(a), sqrt(a)*B]:
    # coef = H @ Y with H = (X'X)^-1 X' diag(sqrt(a)), shape (2, K).
    ra = np.sqrt(a)
    design = np.column_stack([ra, ra * b])
    hat = np.linalg.lstsq(design, np.diag(ra), rcond=None)[0]
    fit_y = g(y) if transform else y
    beta0, beta1 = hat @ fit_y
    fitted = beta0 + beta1 * b
    ybar = float(np.sum(a * fit_y))
    ss_tot = float(np.sum(a * (fit_y - ybar) ** 2))
    r2 = 1.0 - float(np.sum(a * (fit_y - fitted) ** 2)) / ss_tot if ss_tot > 0 else float("nan")

    if not transform:
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

    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    simulate = _Simulation(hat, g(y), s, ginv, transform, m, beta0, beta1, int(repetitions))
    sii_limits, rii_limits = simulate(rng, levels)

    out: dict[str, Any] = {}
    out["sii"] = float(sii_value)
    for (lo_name, hi_name), (l_, u_) in zip(ci_column_names(levels, "sii_"), sii_limits, strict=True):
        out[lo_name], out[hi_name] = float(l_), float(u_)
    if rii:
        out["rii"] = float(rii_value)
        for (lo_name, hi_name), (l_, u_) in zip(ci_column_names(levels, "rii_"), rii_limits, strict=True):
            out[lo_name], out[hi_name] = float(l_), float(u_)
    if reliability:
        batches = [simulate(rng, levels) for _ in range(9)]
        for i, c in enumerate(levels):
            suffix = level_suffix(c)
            out[f"sii_mad{suffix}"] = float(
                np.mean([abs(np.array(bs[i]) - np.array(sii_limits[i])) for bs, _ in batches])
            )
            if rii:
                out[f"rii_mad{suffix}"] = float(
                    np.mean([abs(np.array(br[i]) - np.array(rii_limits[i])) for _, br in batches])
                )
    out["intercept"] = float(intercept)
    out["r_squared"] = r2
    out["value"] = float(sii_value)
    for (lo_name, hi_name), (l_, u_) in zip(ci_column_names(levels), sii_limits, strict=True):
        out[lo_name], out[hi_name] = float(l_), float(u_)
    out["n_quantiles"] = k
    out["value_type"] = value_type
    out["transform"] = g_name if transform else "none"
    out["positions"] = positions
    out["repetitions"] = int(repetitions)
    out["limits_confidence"] = (
        "se given" if se is not None else level_label([limits_level])
    )
    out["confidence"] = level_label(levels)
    out["statistic"] = "slope index of inequality"
    out["rii_direction"] = RII_DIRECTION
    out["method"] = f"weighted least squares on ridit; limits by simulation ({int(repetitions)} repetitions)"
    return pd.DataFrame([out])


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
    columns = {"value": value_col, "lower": lower_col, "upper": upper_col, "se": se_col,
               "numerator": numerator_col, "denominator": denominator_col}
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


#: The one direction of every ratio between deprivation groups in lsc-phm (RII, gap ratio, Core20 ratio).
RII_DIRECTION = "most deprived / least deprived"


class _Simulation:
    """One batch of simulated SII/RII limits; RII most/least deprived.

    See docs/methods.md#slope-and-relative-index-of-inequality (confidence limits by simulation).
    """

    def __init__(self, hat: FloatArray, gy: FloatArray, s: FloatArray, ginv: Callable[[Any], Any], transform: bool,
                 m: float, beta0: float, beta1: float, repetitions: int) -> None:
        self.hat, self.gy, self.s, self.ginv = hat, gy, s, ginv
        self.transform, self.m, self.beta0, self.beta1, self.r = transform, m, beta0, beta1, repetitions

    def __call__(
        self, rng: np.random.Generator, levels: Sequence[float]
    ) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
        ginv, m = self.ginv, self.m
        draws = rng.standard_normal((len(self.gy), self.r))
        draws *= self.s[:, None]
        draws += self.gy[:, None]
        if not self.transform:
            draws = ginv(draws)
        coef = self.hat @ draws  # (2, R): all replicates in one product
        sii_limits: list[tuple[float, float]] = []
        rii_limits: list[tuple[float, float]] = []
        if not self.transform:
            with np.errstate(divide="ignore", invalid="ignore"):
                rii_sims = coef[0] / (coef[0] + coef[1])
                if m < 0:
                    rii_sims = 1.0 / rii_sims
            sii_sims = m * coef[1]
            for c in levels:
                sii_limits.append(_order_statistic_limits(sii_sims, c))
                rii_limits.append(_order_statistic_limits(rii_sims, c))
            return sii_limits, rii_limits
        mid = self.beta0 + self.beta1 / 2.0
        for c in levels:
            s_lo, s_hi = _order_statistic_limits(coef[1], c)
            sii_at = [(ginv(mid + sl / 2.0) - ginv(mid - sl / 2.0)) * m for sl in (s_lo, s_hi)]
            # most / least deprived: falls as the slope rises, so the low slope gives the upper RII limit
            rii_at = [ginv(mid - sl / 2.0) / ginv(mid + sl / 2.0) for sl in (s_lo, s_hi)]
            if m < 0:
                sii_limits.append((sii_at[1], sii_at[0]))
                rii_limits.append((1.0 / rii_at[0], 1.0 / rii_at[1]))
            else:
                sii_limits.append((sii_at[0], sii_at[1]))
                rii_limits.append((rii_at[1], rii_at[0]))
        return sii_limits, rii_limits


# --------------------------------------------------------------------------
# Gaps
# --------------------------------------------------------------------------
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
    verdicts = [_verdict(diff_lo, diff_hi, 0.0, pct, "difference", "0"),
                _verdict(ratio_lo, ratio_hi, 1.0, pct, "ratio", "1")]
    common = {
        "comparison": comparison,
        "group_a": labels[0],
        "group_b": labels[1],
        "value_a": va,
        "value_b": vb,
    }
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
    return (
        False,
        f"Not significant at the {pct} level: the {pct} confidence interval of the {what} includes {null_text}",
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
      its interval excludes 1, at the level of the limits. (An earlier version
      used the overlap of 83.4% intervals [3]_, which can call a difference
      significant while its own 95% interval contains 0: a = 10 (SE 0.1),
      b = 10.58 (SE 0.3) gives (−1.20, 0.04).) ``significant`` is NA (with the
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
    _check_value_type(value_type)
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
        lo, hi = _wilson_limits(xs, ns, level)
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
