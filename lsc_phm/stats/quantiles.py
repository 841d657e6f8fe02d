"""Assigning areas to quantiles (e.g. deprivation deciles) the Fingertips way."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._validation import as_float_array

__all__ = ["quantiles"]


def _assign(values: np.ndarray, k: int, invert: bool) -> np.ndarray:
    out = np.full(len(values), np.nan)
    ok = ~np.isnan(values)
    n = int(ok.sum())
    if n < k:
        return out
    ranks = pd.Series(values[ok]).rank(method="min", ascending=not invert).to_numpy(dtype="float64")
    # Exactly this floating-point form (docs/methods.md#assigning-deprivation-quantiles): rewriting it
    # as (n + 1 - rank) * k / n changes results at class boundaries.
    q = np.floor(k + 1 - np.ceil((n + 1 - ranks) / (n / k)))
    q[q == 0] = 1
    out[ok] = q
    return out


def quantiles(values: Any, n: int = 10, invert: bool = True, groups: Any = None) -> pd.Series:
    """Assign each value to one of ``n`` quantiles (Fingertips method).

    Parameters
    ----------
    values : array-like of float
        The values to classify (e.g. IMD scores of LSOAs). NaN stays NaN.
    n : int, default 10
        Number of quantiles (10 = deciles, 5 = quintiles).
    invert : bool, default True
        True gives quantile 1 to the **highest** values (e.g. the most deprived
        by IMD score); False gives quantile 1 to the lowest values.
    groups : array-like, optional
        Group labels of the same length; quantiles are assigned within each
        group (e.g. within each region).

    Returns
    -------
    pandas.Series
        Float quantile numbers 1..n (NaN where the value is missing or the
        group has fewer than ``n`` non-missing values), aligned with ``values``
        (keeps its index if it is a Series), named "quantile".

    Raises
    ------
    ValueError
        "n must be an integer of at least 2", or "groups must have the same
        length as values".

    Notes
    -----
    Within a group of N non-missing values, rank the values (descending if
    ``invert``) with ties given the minimum rank, then [1]_

    .. math:: q = \\lfloor k + 1 - \\lceil (N + 1 - \\text{rank}) / (N / k) \\rceil \\rfloor

    with 0 set to 1. The expression is evaluated in exactly this
    floating-point form, because algebraically equal rewrites give different
    classes at boundaries (N = 28, k = 20, rank 8 gives 5 here, 6 if rewritten).
    Tied values always share a quantile, so quantiles can be unequal in size.

    References
    ----------
    .. [1] OHID. Fingertips Public Health Technical Guidance: Assigning
       deprivation categories.

    Examples
    --------
    >>> quantiles([10, 20, 30, 40, 50], n=5).tolist()
    [5.0, 4.0, 3.0, 2.0, 1.0]
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError("n must be an integer of at least 2")
    index = values.index if isinstance(values, pd.Series) else None
    x = as_float_array(values, "values")
    if groups is None:
        result = _assign(x, int(n), invert)
    else:
        g = pd.Series(np.asarray(groups, dtype=object).reshape(-1))
        if len(g) != len(x):
            raise ValueError("groups must have the same length as values")
        result = np.full(len(x), np.nan)
        for _, idx in g.groupby(g, sort=False, dropna=False).indices.items():
            result[idx] = _assign(x[idx], int(n), invert)
    return pd.Series(result, index=index, name="quantile")
