"""Shared argument checks and helpers for :mod:`lsc_phm.stats`.

Every check raises :class:`ValueError` with an exact, documented message (never
``assert``, which ``python -O`` removes). The messages are part of the public
contract and are asserted in ``tests/stats``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

# scipy.special, not scipy.stats, throughout lsc_phm.stats: the quantile functions scipy.stats evaluates for the
# normal, chi-square and t distributions are these special functions (ndtri, gammaincinv, chdtrc, stdtrit), and
# importing scipy.stats adds some 46 MB to the dashboard server's memory.
from scipy import special

FloatArray = npt.NDArray[np.float64]

CONFIDENCE_MESSAGE = "confidence level must be between 90 and 100 or between 0.9 and 1"
TWO_LEVELS_MESSAGE = "two confidence levels can only be given as 0.95 and 0.998 (95 and 99.8)"
TWO_LEVELS = (0.95, 0.998)

POLARITIES = ("high_is_good", "low_is_good", "no_judgement")
POLARITY_MESSAGE = "polarity must be one of 'high_is_good', 'low_is_good', 'no_judgement'"


def _one_level(level: Any) -> float:
    """Normalise one confidence level (fraction or percentage) to a fraction."""
    try:
        c = float(level)
    except (TypeError, ValueError):
        raise ValueError(CONFIDENCE_MESSAGE) from None
    if 0.9 <= c <= 1.0:
        return c
    if 90.0 <= c <= 100.0:
        return c / 100.0
    raise ValueError(CONFIDENCE_MESSAGE)


def confidence_levels(confidence: float | Sequence[float], *, allow_many: bool = False) -> tuple[float, ...]:
    """Validate a confidence argument and return the levels as fractions.

    Parameters
    ----------
    confidence : float or sequence of float
        A level in [0.9, 1] or [90, 100], or a sequence of such levels.
    allow_many : bool, default False
        If False, only one level or exactly the pair (0.95, 0.998) is accepted
        (the PHEindicatormethods rule for proportions, rates, means, DSR and ISR).
        If True, any non-empty sequence of valid levels is accepted (LE, SII).

    Returns
    -------
    tuple of float
        The levels as fractions, in the order given.
    """
    if isinstance(confidence, (str, bytes)):
        raise ValueError(CONFIDENCE_MESSAGE)
    if np.ndim(confidence) == 0:
        return (_one_level(confidence),)
    levels = tuple(_one_level(c) for c in confidence)  # type: ignore[union-attr]
    if len(levels) == 0:
        raise ValueError(CONFIDENCE_MESSAGE)
    if len(levels) == 1 or allow_many:
        return levels
    if len(levels) == 2 and np.allclose(levels, TWO_LEVELS, rtol=0, atol=1e-12):
        return TWO_LEVELS
    raise ValueError(TWO_LEVELS_MESSAGE)


def z_value(level: float) -> float:
    """Two-sided standard normal quantile Φ⁻¹((1 + c) / 2); +inf for c = 1."""
    return float(special.ndtri((1.0 + level) / 2.0))  # the standard normal quantile (norm.ppf)


def level_suffix(level: float) -> str:
    """Column suffix for a level: 0.95 → ``"95_0"``, 0.998 → ``"99_8"``."""
    return f"{100.0 * level:.1f}".replace(".", "_")


def level_label(levels: Sequence[float]) -> str:
    """Text for the ``confidence`` column: ``"95%"`` or ``"95%, 99.8%"``."""
    return ", ".join(f"{round(100.0 * c, 6):g}%" for c in levels)


def ci_column_names(levels: Sequence[float], prefix: str = "") -> list[tuple[str, str]]:
    """Lower/upper column names for each level.

    One level gives ``[("lowercl", "uppercl")]``; several give
    ``[("lower95_0cl", "upper95_0cl"), ("lower99_8cl", "upper99_8cl")]``.
    ``prefix`` (e.g. ``"sii_"``) always forces the level-suffixed form.
    """
    if len(levels) == 1 and not prefix:
        return [("lowercl", "uppercl")]
    return [(f"{prefix}lower{level_suffix(c)}cl", f"{prefix}upper{level_suffix(c)}cl") for c in levels]


def as_float_array(values: Any, name: str) -> FloatArray:
    """Convert scalars/array-likes to a 1-D float array (NA → NaN).

    Raises ``ValueError("<name> must be numeric")`` for non-numeric input.
    """
    if isinstance(values, (pd.Series, pd.Index)):
        values = values.to_numpy(dtype="float64", na_value=np.nan)
    try:
        arr = np.asarray(values, dtype="float64")
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numeric") from None
    return np.atleast_1d(arr).reshape(-1)


def same_length(arrays: dict[str, FloatArray]) -> int:
    """Check that all arrays have the same length (length-1 arrays broadcast)."""
    lengths = {len(a) for a in arrays.values()}
    lengths.discard(1)
    if len(lengths) > 1:
        names = ", ".join(arrays)
        raise ValueError(f"{names} must have the same length")
    return lengths.pop() if lengths else 1


def check_polarity(polarity: str) -> str:
    """Validate a polarity string."""
    if polarity not in POLARITIES:
        raise ValueError(POLARITY_MESSAGE)
    return polarity


def check_multiplier(multiplier: float) -> float:
    """Multipliers must be finite and non-zero."""
    m = float(multiplier)
    if not np.isfinite(m) or m == 0:
        raise ValueError("multiplier must be a finite non-zero number")
    return m


def check_columns(df: pd.DataFrame, columns: Sequence[str]) -> None:
    """Raise ``ValueError("column 'x' not found in data")`` for missing columns."""
    for col in columns:
        if col not in df.columns:
            raise ValueError(f"column '{col}' not found in data")
