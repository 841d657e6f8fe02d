"""Map classes: breaks (quantiles, Fisher-Jenks natural breaks, diverging around 0), colours and the legend.

:func:`classify` returns a :class:`Legend` holding the class breaks and colours; :func:`class_index` puts every value
in a class with those same breaks, so the map's fills and its legend cannot drift apart (see
:mod:`lsc_phm.render.maps`).

References
----------
.. [1] Fisher, W. D. (1958). On grouping for maximum homogeneity. Journal of the American Statistical Association,
   53(284), 789-798. Jenks, G. F. (1977). Optimal data classification for choropleth maps. University of Kansas.
.. [2] Brewer, C. A. ColorBrewer 2.0, colour advice for cartography (colour-blind safe schemes).
   https://colorbrewer2.org/
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from lsc_phm.render import palette

Method = Literal["quantiles", "natural_breaks"]
METHODS: dict[str, str] = {"quantiles": "Quantiles", "natural_breaks": "Natural breaks"}
SEQUENTIAL_SCHEME = palette.SEQUENTIAL_SCHEME
DIVERGING_SCHEME = palette.DIVERGING_SCHEME
#: Deciles: 1 (most deprived) darkest; the same colours as the deprivation charts (lsc_phm.render.palette).
DECILE_COLOURS: tuple[str, ...] = palette.DECILE_COLOURS
NO_DATA_COLOUR = palette.NO_DATA_COLOUR
SUPPRESSED_COLOUR = palette.SUPPRESSED_COLOUR
NEUTRAL_COLOUR = palette.NEUTRAL_COLOUR
#: Class indices for areas without a value (after the value classes in the colour list).
NO_DATA, SUPPRESSED = -1, -2
DEFAULT_CLASSES = 5


@dataclass(frozen=True)
class LegendClass:
    """One legend entry: its label, fill colour, the data range it holds and how many areas fall in it."""

    label: str
    colour: str
    lower: float | None
    upper: float | None
    areas: int


@dataclass(frozen=True)
class Legend:
    """Class breaks and colours shared by the fills and the legend.

    Attributes
    ----------
    title : str
        Caption above the legend.
    method : str
        ``quantiles``, ``natural_breaks``, ``unique`` (few distinct values) or ``deciles``.
    breaks : tuple of float
        Inclusive upper bound of each value class, ascending; a value ``v`` is in the first class with
        ``v <= break`` (values above the last break go in the last class).
    classes : tuple of LegendClass
        One per break, in the same order, with the same colours the map fills with.
    missing : tuple of LegendClass
        Entries for suppressed values and areas with no data (only those that occur).
    diverging : bool
        Whether the classes are differences centred on 0.
    """

    title: str
    method: str
    breaks: tuple[float, ...]
    classes: tuple[LegendClass, ...]
    missing: tuple[LegendClass, ...]
    diverging: bool = False

    @property
    def colours(self) -> tuple[str, ...]:
        """The fill colour of each value class (same order as :attr:`breaks`)."""
        return tuple(c.colour for c in self.classes)

    def palette(self) -> list[str]:
        """Colours indexed as the map uses them: value classes, then no data (-1) and suppressed (-2) last."""
        return [*self.colours, SUPPRESSED_COLOUR, NO_DATA_COLOUR]

    def colour_of(self, k: int) -> str:
        """The fill colour for class index ``k`` (:data:`NO_DATA` and :data:`SUPPRESSED` included)."""
        return self.palette()[k]


def fisher_jenks_breaks(values: Iterable[float], k: int) -> list[float]:
    """Optimal natural breaks (Fisher-Jenks): the ``k`` class upper bounds minimising within-class squared deviation.

    Parameters
    ----------
    values : iterable of float
        Finite values (NaN is dropped).
    k : int
        Number of classes, at least 1; reduced to the number of distinct values if larger.

    Returns
    -------
    list of float
        Ascending class upper bounds; the last is the maximum. Same result as ``mapclassify.FisherJenks(y, k).bins``.

    Raises
    ------
    ValueError
        If there is no finite value or ``k`` < 1.

    Notes
    -----
    Dynamic programming over the sorted values (Fisher 1958), vectorised over the candidate class starts, so it
    costs O(k n^2) arithmetic but only O(k n) numpy calls. Ties are handled because a class may start anywhere.
    """
    y = np.sort(np.asarray(pd.to_numeric(pd.Series(list(values)), errors="coerce").dropna(), dtype="float64"))
    if k < 1:
        raise ValueError("k must be at least 1")
    if y.size == 0:
        raise ValueError("natural breaks need at least one value")
    k = min(k, np.unique(y).size)
    n = y.size
    if k == 1:
        return [float(y[-1])]
    s1 = np.concatenate([[0.0], np.cumsum(y)])
    s2 = np.concatenate([[0.0], np.cumsum(y * y)])
    # cost[i, j]: squared deviation of y[i:j] (j exclusive), computed on the fly per j
    best = np.full((k + 1, n + 1), np.inf)
    start = np.zeros((k + 1, n + 1), dtype=np.int64)
    best[0, 0] = 0.0
    for classes in range(1, k + 1):
        for j in range(classes, n + 1):
            i = np.arange(classes - 1, j)  # the last class is y[i:j]
            count = j - i
            ssd = (s2[j] - s2[i]) - (s1[j] - s1[i]) ** 2 / count
            total = best[classes - 1, i] + ssd
            pick = int(np.argmin(total))
            best[classes, j] = total[pick]
            start[classes, j] = i[pick]
    bounds, j = [], n
    for classes in range(k, 0, -1):
        bounds.append(float(y[j - 1]))
        j = start[classes, j]
    return sorted(bounds)


def _breaks(values: np.ndarray, method: Method, k: int) -> tuple[list[float], str]:
    unique = np.unique(values)
    if unique.size <= k:
        return [float(v) for v in unique], "unique"
    if method == "quantiles":
        qs = np.quantile(values, np.linspace(0, 1, k + 1)[1:], method="linear")
        return [float(b) for b in np.unique(qs)], method
    if method == "natural_breaks":
        return fisher_jenks_breaks(values, k), method
    raise ValueError(f"classification method must be one of {', '.join(METHODS)}, not '{method}'")


def _sequential(n: int) -> list[str]:
    if n <= 0:
        return []
    return palette.sequential(n)


def format_number(value: float, decimals: int, signed: bool = False) -> str:
    """Format a number with thousands separators and ``decimals`` places (``+`` sign if ``signed``)."""
    text = f"{value:{'+' if signed else ''},.{max(decimals, 0)}f}"
    return text.replace("-", "\u2212")


def format_value(value: float | None, unit: str, decimals: int) -> str:
    """Format a value with its unit as an analyst would write it ("23.4%", "78.1 years", "12.34")."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no data"
    text = format_number(float(value), decimals)
    if unit == "%":
        return f"{text}%"
    if unit in ("", "score", "index", "decile"):
        return text
    return f"{text} {unit}"


def class_index(values: Iterable[float], legend: Legend) -> np.ndarray:
    """The class of each value under ``legend``'s breaks (:data:`NO_DATA` for NaN)."""
    y = np.asarray(pd.to_numeric(pd.Series(list(values), dtype="float64"), errors="coerce"), dtype="float64")
    out = np.searchsorted(np.asarray(legend.breaks, dtype="float64"), y, side="left")
    out = np.minimum(out, len(legend.breaks) - 1)
    return np.where(np.isnan(y), NO_DATA, out).astype(np.int64)


def classify(
    values: Iterable[float],
    method: Method = "quantiles",
    k: int = DEFAULT_CLASSES,
    *,
    title: str = "",
    unit: str = "",
    decimals: int = 1,
    deciles: bool = False,
    diverging: bool = False,
    suppressed: int = 0,
) -> Legend:
    """Compute class breaks and colours for a set of values, and the legend that describes them.

    Parameters
    ----------
    values : iterable of float
        The values to map (NaN = no data; suppressed values must already be NaN).
    method : {"quantiles", "natural_breaks"}, default "quantiles"
    k : int, default 5
        Number of classes (fewer if there are fewer distinct values; ignored for deciles).
    title : str
        Legend caption.
    unit, decimals : str, int
        How values are written in the legend (see :func:`format_value`).
    deciles : bool, default False
        Values are national deciles 1-10: one class each, 1 (most deprived) darkest.
    diverging : bool, default False
        Values are differences from a benchmark: classes are made separately below and above 0 (at most ``k // 2 + 1``
        each, 0 its own neutral class when it occurs) on the PiYG palette, green below and pink above.
    suppressed : int, default 0
        How many areas are suppressed (for the legend entry; they are drawn in :data:`SUPPRESSED_COLOUR`).

    Returns
    -------
    Legend

    Raises
    ------
    ValueError
        For an unknown method or ``k`` < 1.
    """
    if method not in METHODS:
        raise ValueError(f"classification method must be one of {', '.join(METHODS)}, not '{method}'")
    if k < 1:
        raise ValueError("k must be at least 1")
    y = np.asarray(pd.to_numeric(pd.Series(list(values), dtype="float64"), errors="coerce"), dtype="float64")
    finite = y[~np.isnan(y)]
    missing_count = int(np.isnan(y).sum()) - suppressed

    if deciles:
        breaks, colours, used = [float(d) for d in range(1, 11)], list(DECILE_COLOURS), "deciles"
        labels = [
            f"{d} (most deprived)" if d == 1 else f"{d} (least deprived)" if d == 10 else str(d) for d in range(1, 11)
        ]
    elif finite.size == 0:
        breaks, colours, labels, used = [], [], [], method
    elif diverging:
        breaks, colours, used = _diverging_breaks(finite, method, k)
        labels = []
    else:
        breaks, used = _breaks(finite, method, k)
        colours = _sequential(len(breaks))
        labels = []

    provisional = Legend(
        title, used, tuple(breaks), tuple(LegendClass("", c, None, None, 0) for c in colours), (), diverging
    )
    index = class_index(finite, provisional) if breaks else np.array([], dtype=np.int64)
    classes = []
    for position, (_upper, colour) in enumerate(zip(breaks, colours, strict=False)):
        members = finite[index == position]
        lower_value = float(members.min()) if members.size else None
        upper_value = float(members.max()) if members.size else None
        if labels:
            label = labels[position]
        elif lower_value is None:
            label = "(no areas)"
        elif lower_value == upper_value:
            label = format_value(lower_value, unit, decimals) if not diverging else _signed(lower_value, unit, decimals)
        elif diverging:
            label = f"{_signed(lower_value, unit, decimals)} to {_signed(upper_value, unit, decimals)}"
        else:
            label = f"{format_value(lower_value, unit, decimals)} to {format_value(upper_value, unit, decimals)}"
        classes.append(LegendClass(label, colour, lower_value, upper_value, int(members.size)))
    missing = []
    if suppressed:
        missing.append(LegendClass("Suppressed (count below 10)", SUPPRESSED_COLOUR, None, None, int(suppressed)))
    if missing_count > 0:
        missing.append(LegendClass("No data", NO_DATA_COLOUR, None, None, missing_count))
    return Legend(title, used, tuple(breaks), tuple(classes), tuple(missing), diverging)


def _signed(value: float, unit: str, decimals: int) -> str:
    if value == 0:
        return "same as England"
    text = format_number(value, decimals, signed=True)
    return f"{text} pp" if unit == "%" else (f"{text} {unit}" if unit not in ("", "score", "index") else text)


def _diverging_breaks(values: np.ndarray, method: Method, k: int) -> tuple[list[float], list[str], str]:
    per_side = max(1, k // 2 + (1 if k % 2 else 0))
    below, above = values[values < 0], values[values > 0]
    used = method
    below_breaks: list[float] = []
    if below.size:
        # classify the distances below 0; each class's upper bound (in values) is minus its smallest distance
        distance_breaks, used_below = _breaks(-below, method, per_side)
        below_index = np.searchsorted(np.asarray(distance_breaks), -below, side="left")
        below_breaks = sorted(
            float(below[below_index == position].max())
            for position in range(len(distance_breaks))
            if (below_index == position).any()
        )
        used = used_below if used_below == "unique" else used
    above_breaks = _breaks(above, method, per_side)[0] if above.size else []
    zero = bool((values == 0).any())
    m = max(len(below_breaks), len(above_breaks), 1)
    ramp = palette.diverging(2 * m + 1)  # pink (0) ... neutral (m) ... green (2m)
    colours = [ramp[m + (len(below_breaks) - position)] for position in range(len(below_breaks))]
    breaks = list(below_breaks)
    if zero:
        breaks.append(0.0)
        colours.append(NEUTRAL_COLOUR)
    colours += [ramp[m - (position + 1)] for position in range(len(above_breaks))]
    breaks += above_breaks
    return breaks, colours, used
