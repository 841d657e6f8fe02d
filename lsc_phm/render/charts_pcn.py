"""Charts for primary care networks and uploaded data: a caterpillar plot (ranked values with their intervals).

PCNs have no boundaries, so they are compared on a caterpillar plot rather than a map: one row per PCN, ordered by
value, a point with its confidence interval, and reference lines. Comparison with the benchmark is carried by the
point's shape and the tooltip text as well as by colour.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lsc_phm.render import palette
from lsc_phm.render.palette import COMPARISON_COLOURS, COMPARISON_SHAPES


def caterpillar(frame: pd.DataFrame, title: str, unit: str, references: dict[str, float] | None = None,
                label: str = "pcn_name") -> alt.LayerChart:
    """Ranked values with confidence intervals and dashed reference lines (e.g. ICB and England).

    Parameters
    ----------
    frame : pandas.DataFrame
        ``label`` column, ``value``, ``lowercl``, ``uppercl``, ``comparison``; rows without a value are left out.
    title, unit : str
        Chart title and the value axis title.
    references : dict, optional
        Name -> value of vertical reference lines ("England", "ICB").
    """
    data = frame[frame["value"].notna()].copy()
    domain = [c for c in COMPARISON_COLOURS if c in set(data["comparison"])] or ["Similar"]
    base = alt.Chart(data, title=title)
    y = alt.Y(f"{label}:N", title=None, sort=alt.EncodingSortField("value", order="descending"))
    tooltip = [alt.Tooltip(f"{label}:N", title="Name"), alt.Tooltip("value:Q", title="Value"),
               alt.Tooltip("lowercl:Q", title="Lower CI"), alt.Tooltip("uppercl:Q", title="Upper CI"),
               alt.Tooltip("comparison:N", title="vs England")]
    intervals = base.mark_rule(color=palette.INK_SOFT).encode(y=y, x=alt.X("lowercl:Q", title=unit), x2="uppercl:Q")
    points = base.mark_point(filled=True, size=70).encode(
        y=y, x=alt.X("value:Q", title=unit, scale=alt.Scale(zero=False)),
        color=alt.Color("comparison:N", title="Compared with England",
                        scale=alt.Scale(domain=domain, range=[COMPARISON_COLOURS[c] for c in domain])),
        shape=alt.Shape("comparison:N", title="Compared with England",
                        scale=alt.Scale(domain=domain, range=[COMPARISON_SHAPES.get(c, "circle") for c in domain])),
        tooltip=tooltip)
    layers: list[alt.Chart] = [intervals, points]
    for (name, value), dash in zip((references or {}).items(), ([4, 3], [1, 2], [6, 2]), strict=False):
        if value == value:
            line = pd.DataFrame({"reference": [name], "value": [value]})
            layers.append(alt.Chart(line).mark_rule(strokeDash=dash, color=palette.INK).encode(
                x="value:Q", tooltip=[alt.Tooltip("reference:N", title="Line"), alt.Tooltip("value:Q", title="Value")]))
    return alt.layer(*layers).properties(height=max(160, 16 * len(data)))
