"""Statistical disclosure control for published tables."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._validation import check_columns

__all__ = ["suppress", "SECONDARY_REASON"]

SECONDARY_REASON = "secondary suppression: would reveal a suppressed cell from the total"
_CI_COLUMN = re.compile(r"^(lower|upper)\d+_\dcl$")


def _default_value_cols(df: pd.DataFrame) -> list[str]:
    names = ["value", "lowercl", "uppercl"]
    return [c for c in df.columns if c in names or (isinstance(c, str) and _CI_COLUMN.match(c))]


def suppress(
    df: pd.DataFrame,
    count_col: str,
    threshold: float = 10,
    value_cols: Sequence[str] | None = None,
    group_cols: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Hide small counts, and the values derived from them, before publication.

    Parameters
    ----------
    df : pandas.DataFrame
        The table to publish. It is not modified.
    count_col : str
        Column holding the disclosive count (e.g. deaths, numerator).
    threshold : float, default 10
        Counts **below** this are suppressed (default: fewer than 10).
    value_cols : sequence of str, optional
        Columns hidden together with the count. Default: those of ``value,
        lowercl, uppercl`` and ``lowerNN_Ncl``/``upperNN_Ncl`` present in ``df``.
    group_cols : str or sequence of str, optional
        Columns defining groups **whose total is published** (e.g. an area and
        year, across deprivation deciles or age bands). When given, secondary
        suppression is applied within each group.

    Returns
    -------
    pandas.DataFrame
        A copy of ``df`` with ``count_col`` and the value columns set to NaN in
        suppressed rows, plus ``suppressed`` (bool) and ``suppression_reason``
        ("count below 10", the secondary reason, or "" when shown).

    Raises
    ------
    ValueError
        "threshold must be greater than zero" or "column 'x' not found in data".

    Notes
    -----
    Primary suppression: a row is hidden when its count is below the
    threshold (zero included; a missing count is left as it is).
    Secondary suppression: within each group with a published total, if
    exactly one cell is primary-suppressed it could be recovered as the total
    minus the others, so the next-smallest visible cell in that group (first
    in row order on ties) is hidden too. With two or more suppressed cells only
    their sum is recoverable, which is already protected by the threshold per
    cell. A group with a single visible cell left has nothing to hide
    alongside; such totals should not be published. Rounding and other
    disclosure rules are not applied here [1]_.

    References
    ----------
    .. [1] Office for National Statistics / NHS Digital. Disclosure control
       guidance for health statistics (small-number suppression and secondary
       suppression).

    Examples
    --------
    >>> df = pd.DataFrame({"area": ["A"] * 3, "deaths": [4, 12, 30], "value": [4.0, 12.0, 30.0]})
    >>> out = suppress(df, "deaths", group_cols="area")
    >>> out[["deaths", "value", "suppressed"]]
       deaths  value  suppressed
    0     NaN    NaN        True
    1     NaN    NaN        True
    2    30.0   30.0       False
    >>> out["suppression_reason"].tolist()[:2]
    ['count below 10', 'secondary suppression: would reveal a suppressed cell from the total']
    """
    if not np.isfinite(float(threshold)) or float(threshold) <= 0:
        raise ValueError("threshold must be greater than zero")
    groups: list[str] = (
        [] if group_cols is None else ([group_cols] if isinstance(group_cols, str) else list(group_cols))
    )
    hide = _default_value_cols(df) if value_cols is None else list(value_cols)
    check_columns(df, [count_col, *hide, *groups])

    out = df.copy()
    counts = pd.to_numeric(out[count_col], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(invalid="ignore"):
        primary = counts < threshold
    secondary = np.zeros(len(out), dtype=bool)
    if groups:
        for idx in out.groupby(groups, sort=False, dropna=False).indices.values():
            if int(primary[idx].sum()) != 1:
                continue
            candidates = idx[~primary[idx] & ~np.isnan(counts[idx])]
            if len(candidates):
                secondary[candidates[np.argmin(counts[candidates])]] = True

    suppressed = primary | secondary
    mask = pd.Series(suppressed, index=out.index)
    for col in dict.fromkeys([count_col, *hide]):
        out[col] = out[col].where(~mask)
    out["suppressed"] = suppressed
    out["suppression_reason"] = np.where(
        primary, f"count below {float(threshold):g}", np.where(secondary, SECONDARY_REASON, "")
    )
    return out
