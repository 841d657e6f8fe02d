"""Charts for primary care networks and uploaded data: a caterpillar plot (ranked values with their intervals).

PCNs have no boundaries, so they are compared on a caterpillar plot rather than a map: one row per PCN, ordered by
value, a point with its confidence interval, and reference lines. Comparison with the benchmark is carried by the
point's shape and the tooltip text as well as by colour.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lsc_phm.render import palette
from lsc_phm.render.formats import periods_in_text
from lsc_phm.render.palette import COMPARISON_COLOURS, COMPARISON_SHAPES

#: Names longer than this are wrapped onto several lines (whole words), never truncated or dropped.
WRAP_AT = 26
#: Height of one row of the chart, enough for a name wrapped on two lines.
ROW_HEIGHT = 26


def wrap_label(name: str, width: int = WRAP_AT) -> str:
    """A name with "|" between its lines of at most ``width`` characters (whole words; a longer word stays whole),
    which the chart's axis draws as separate lines.

    Examples
    --------
    >>> wrap_label("Chorley and South Ribble Network PCN")
    'Chorley and South Ribble|Network PCN'
    """
    lines: list[str] = []
    for word in str(name).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "|".join(lines)


def caterpillar(
    frame: pd.DataFrame, title: str, unit: str, references: dict[str, float] | None = None, label: str = "pcn_name"
) -> alt.LayerChart:
    """Ranked values with confidence intervals and labelled dashed reference lines (e.g. ICB and England).

    Every name is drawn in full (wrapped onto lines of :data:`WRAP_AT` characters, one row per unit, no label
    dropped for overlap), and every point has a dark outline, so a white "not compared" point stays visible.

    Parameters
    ----------
    frame : pandas.DataFrame
        ``label`` column, ``value``, ``lowercl``, ``uppercl``, ``comparison``; rows without a value are left out.
    title, unit : str
        Chart title and the value axis title.
    references : dict, optional
        Name -> value of vertical reference lines ("England", "ICB"); a NaN value draws no line.
    """
    data = frame[frame["value"].notna()].copy()
    for column in ("period", "source"):  # one period style in the chart's tooltips and data
        if column in data.columns:
            data[column] = [periods_in_text(v) if isinstance(v, str) else v for v in data[column]]
    data["_axis_label"] = [wrap_label(name) for name in data[label]]
    domain = [c for c in COMPARISON_COLOURS if c in set(data["comparison"])] or ["Similar"]
    base = alt.Chart(data, title=title)
    y = alt.Y(
        "_axis_label:N",
        title=None,
        sort=alt.EncodingSortField("value", order="descending"),
        axis=alt.Axis(labelExpr="split(datum.label, '|')", labelLimit=0, labelOverlap=False, labelFontSize=11),
    )
    tooltip = [
        alt.Tooltip(f"{label}:N", title="Name"),
        alt.Tooltip("value:Q", title="Value"),
        alt.Tooltip("lowercl:Q", title="Lower CI"),
        alt.Tooltip("uppercl:Q", title="Upper CI"),
        alt.Tooltip("comparison:N", title="vs England"),
    ]
    intervals = base.mark_rule(color=palette.INK_SOFT, strokeWidth=1.5).encode(
        y=y, x=alt.X("lowercl:Q", title=unit), x2="uppercl:Q"
    )
    points = base.mark_point(filled=True, size=110, stroke=palette.INK, strokeWidth=1, opacity=1).encode(
        y=y,
        x=alt.X("value:Q", title=unit, scale=alt.Scale(zero=False)),
        color=alt.Color(
            "comparison:N",
            title="Compared with England",
            scale=alt.Scale(domain=domain, range=[COMPARISON_COLOURS[c] for c in domain]),
        ),
        shape=alt.Shape(
            "comparison:N",
            title="Compared with England",
            scale=alt.Scale(domain=domain, range=[COMPARISON_SHAPES.get(c, "circle") for c in domain]),
        ),
        tooltip=tooltip,
    )
    layers: list[alt.Chart] = [intervals, points]
    for n, ((name, value), dash) in enumerate(zip((references or {}).items(), ([4, 3], [1, 2], [6, 2]), strict=False)):
        if value == value:  # labelled above the plot, one line of text per reference so two never overlap
            line = pd.DataFrame({"reference": [f"{name} {value:.1f}"], "value": [value]})
            rule = (
                alt.Chart(line)
                .mark_rule(strokeDash=dash, color=palette.INK, strokeWidth=1.5)
                .encode(
                    x="value:Q",
                    tooltip=[alt.Tooltip("reference:N", title="Line"), alt.Tooltip("value:Q", title="Value")],
                )
            )
            text = (
                alt.Chart(line)
                .mark_text(align="left", baseline="bottom", dx=3, dy=-2 - 13 * n, color=palette.INK, fontSize=11)
                .encode(x="value:Q", y=alt.value(0), text="reference:N")
            )
            layers += [rule, text]
    return alt.layer(*layers).properties(height=max(160, ROW_HEIGHT * len(data)))
