"""Altair charts for the inequalities and Core20PLUS5 pages (no streamlit).

Colour-blind-safe palettes (ColorBrewer blues for deprivation groups; blue/orange for higher/lower; a dark
blue/orange/grey scheme for better/similar/worse with a text label or shape beside every colour), chart titles and
axis titles in words, and group 1 always labelled "most deprived".
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lsc_phm.render.charts import DECILE_COLOURS

#: Significance colours: never red/green; every mark also carries its label (tooltip, shape or text).
SIGNIFICANCE_COLOURS: dict[str, str] = {
    "Better": "#2166ac", "Similar": "#fdb863", "Worse": "#b35806", "Higher": "#5e3c99", "Lower": "#e66101",
    "Not compared": "#969696", "Not compared (no confidence interval)": "#969696", "Suppressed": "#d9d9d9",
}
SIGNIFICANCE_SHAPES: dict[str, str] = {
    "Better": "triangle-up", "Similar": "circle", "Worse": "triangle-down", "Higher": "diamond", "Lower": "square",
    "Not compared": "cross", "Not compared (no confidence interval)": "cross", "Suppressed": "stroke",
}
SIGNIFICANCE_ICONS: dict[str, str] = {
    "Better": "▲ Better", "Similar": "● Similar", "Worse": "▼ Worse", "Higher": "◆ Higher", "Lower": "■ Lower",
    "Not compared": "✕ Not compared", "Not compared (no confidence interval)": "✕ Not compared (no CI)",
    "Suppressed": "— Suppressed",
}
#: Funnel-plot positions: one diverging colour-blind-safe scheme (ColorBrewer PuOr, no red/green) AND a shape for
#: each, so a practice's position never rests on colour alone. Kept here, in one place, until lsc_phm.render.palette
#: lands. Above/below carry no judgement: recorded prevalence reflects case-finding as well as disease.
FUNNEL_COLOURS: dict[str, str] = {
    "Above the 99.8% limit": "#5e3c99", "Above the 95% limit": "#b2abd2", "Within the 95% limits": "#969696",
    "Below the 95% limit": "#fdb863", "Below the 99.8% limit": "#e66101",
}
FUNNEL_SHAPES: dict[str, str] = {
    "Above the 99.8% limit": "triangle-up", "Above the 95% limit": "diamond", "Within the 95% limits": "circle",
    "Below the 95% limit": "square", "Below the 99.8% limit": "triangle-down",
}
FUNNEL_ICONS: dict[str, str] = {
    "Above the 99.8% limit": "▲", "Above the 95% limit": "◆", "Within the 95% limits": "●",
    "Below the 95% limit": "■", "Below the 99.8% limit": "▼",
}
#: Dash patterns of the funnel's centre line and its two control limits (all drawn in FUNNEL_LINE_COLOUR).
FUNNEL_LINES: dict[str, list[int]] = {"Benchmark": [1, 0], "95% limits": [6, 3], "99.8% limits": [2, 2]}
FUNNEL_LINE_COLOUR = "#252525"
SERIES_COLOURS = ["#1f78b4", "#e66101", "#5e3c99", "#b2abd2", "#fdb863", "#a6cee3", "#33a02c", "#b15928",
                  "#6a3d9a", "#ff7f00", "#999999", "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e",
                  "#e6ab02", "#a6761d"]


def significance_label(comparison: str) -> str:
    """The comparison text with its icon, e.g. "▼ Worse" (so meaning never rests on colour alone)."""
    return SIGNIFICANCE_ICONS.get(str(comparison), str(comparison))


def gradient_bars(table: pd.DataFrame, title: str, unit: str, group_title: str,
                  benchmark: float | None = None, benchmark_label: str = "Area average") -> alt.LayerChart:
    """Vertical bars by deprivation group (1 = most deprived on the left) with CI whiskers and value labels."""
    groups = len(table)
    colours = DECILE_COLOURS if groups == 10 else DECILE_COLOURS[::2]
    order = list(table["group_label"])
    base = alt.Chart(table, title=alt.Title(title, subtitle="Group 1 = most deprived; whiskers = confidence interval"
                                            if table["lowercl"].notna().any() else
                                            "Group 1 = most deprived; no confidence interval (no counts)"))
    x = alt.X("group_label:N", sort=order, title=group_title,
              axis=alt.Axis(labelAngle=-35, labelLimit=160, labelOverlap=False, labelAlign="right"))
    bars = base.mark_bar(stroke="#333", strokeWidth=0.5).encode(
        x=x, y=alt.Y("value:Q", title=unit),
        color=alt.Color("group_label:N", sort=order, scale=alt.Scale(domain=order, range=colours[:groups]),
                        legend=None),
        tooltip=[alt.Tooltip("group_label:N", title="Group"), alt.Tooltip("value:Q", title="Value", format=".2f"),
                 alt.Tooltip("lowercl:Q", title="Lower CI", format=".2f"),
                 alt.Tooltip("uppercl:Q", title="Upper CI", format=".2f"),
                 alt.Tooltip("units:Q", title="Units"), alt.Tooltip("population:Q", title="Population", format=",.0f")],
    )
    labels = base.mark_text(dy=-8, fontSize=11).encode(x=x, y="value:Q", text=alt.Text("value:Q", format=".1f"))
    layers: list[alt.Chart] = [bars]
    if table["lowercl"].notna().any():
        layers.append(base.mark_rule(color="#111", strokeWidth=1.5).encode(x=x, y="lowercl:Q", y2="uppercl:Q"))
    else:
        layers.append(labels)
    if benchmark is not None and benchmark == benchmark:
        line = pd.DataFrame({"benchmark": [benchmark], "label": [benchmark_label]})
        layers.append(alt.Chart(line).mark_rule(strokeDash=[5, 3], color="#000").encode(
            y="benchmark:Q", tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("benchmark:Q", format=".2f")]))
    return alt.layer(*layers).properties(height=320)


def spine_chart(frame: pd.DataFrame, area_name: str) -> alt.LayerChart:
    """Fingertips-style spine chart: range of English districts (worst left, best right), 25th-75th band, England
    at the centre line, the area's value as a shape coloured and shaped by its comparison with England."""
    data = frame.dropna(subset=["pos_worst", "pos_best"]).copy()
    data["label"] = data["comparison"].map(significance_label)
    order = list(data["indicator"])
    y = alt.Y("indicator:N", sort=order, title=None, axis=alt.Axis(labelLimit=300))
    base = alt.Chart(data, title=alt.Title(
        f"{area_name}: spine chart against England and the range of English local authorities",
        subtitle="Grey bar: worst (left) to best (right) English district or unitary authority, or lowest to highest "
                 "where there is no judgement; dark band: 25th-75th percentile; line: England"))
    full = base.mark_bar(color="#e0e0e0", height=14).encode(
        y=y, x=alt.X("pos_worst:Q", title="Relative position (England = centre)", scale=alt.Scale(domain=[0, 1]),
                     axis=alt.Axis(labels=False, ticks=False)), x2="pos_best:Q")
    band = base.mark_bar(color="#9e9e9e", height=14).encode(y=y, x="pos_q25:Q", x2="pos_q75:Q")
    england = alt.Chart(pd.DataFrame({"x": [0.5]})).mark_rule(color="#000", strokeWidth=2).encode(x="x:Q")
    points = base.mark_point(size=160, filled=True, stroke="#000", strokeWidth=0.8, opacity=1).encode(
        y=y, x="pos_value:Q",
        color=alt.Color("comparison:N", title="Compared with England",
                        scale=alt.Scale(domain=list(SIGNIFICANCE_COLOURS), range=list(SIGNIFICANCE_COLOURS.values())),
                        legend=alt.Legend(orient="bottom", columns=4, labelLimit=260)),
        shape=alt.Shape("comparison:N", title="Compared with England",
                        legend=alt.Legend(orient="bottom", columns=4, labelLimit=260),
                        scale=alt.Scale(domain=list(SIGNIFICANCE_SHAPES), range=list(SIGNIFICANCE_SHAPES.values()))),
        tooltip=[alt.Tooltip("indicator:N", title="Indicator"), alt.Tooltip("period:N", title="Period"),
                 alt.Tooltip("value:Q", title="Value"), alt.Tooltip("england_value:Q", title="England"),
                 alt.Tooltip("worst:Q", title="Worst / lowest"), alt.Tooltip("best:Q", title="Best / highest"),
                 alt.Tooltip("label:N", title="vs England")],
    )
    return alt.layer(full, band, england, points).properties(height=alt.Step(26))


def trend_chart(series: pd.DataFrame, title: str, unit: str, highlight: list[str] | None = None) -> alt.LayerChart:
    """Lines over time for areas, England as a thick dashed black line, CI band where the series has one.

    One data source for every layer (England is told apart by encoding, not by a second dataset), so the layers
    always share one x and y scale however the chart is embedded.
    """
    data = series.copy()
    data["who"] = data["area_name"]
    data["is_england"] = data["is_england"].astype(bool)
    order = data.sort_values("period_sort")["period"].drop_duplicates().tolist()
    local_names = sorted(data.loc[~data["is_england"], "who"].unique())
    names = local_names + sorted(data.loc[data["is_england"], "who"].unique())
    colours = (SERIES_COLOURS * (1 + len(local_names) // len(SERIES_COLOURS)))[:len(local_names)]
    colours += ["#000000"] * (len(names) - len(local_names))
    x = alt.X("period:N", sort=order, title="Period", axis=alt.Axis(labelAngle=-40))
    y = alt.Y("value:Q", title=unit, scale=alt.Scale(zero=False))
    colour = alt.Color("who:N", title="Area", scale=alt.Scale(domain=names, range=colours),
                       # a long legend goes to the right, so it never takes the plot's height
                       legend=(alt.Legend(orient="bottom", columns=3, labelLimit=220) if len(names) <= 4 else
                               alt.Legend(orient="right", columns=1 if len(names) <= 12 else 2, labelLimit=170,
                                          symbolLimit=0)))
    tooltip = [alt.Tooltip("who:N", title="Area"), alt.Tooltip("period:N", title="Period"),
               alt.Tooltip("value:Q", title="Value"), alt.Tooltip("lowercl:Q", title="Lower CI"),
               alt.Tooltip("uppercl:Q", title="Upper CI")]
    base = alt.Chart(data)
    lines = base.mark_line(point=True).encode(
        x=x, y=y, color=colour, tooltip=tooltip,
        strokeDash=alt.StrokeDash("is_england:N", legend=None,
                                  scale=alt.Scale(domain=[False, True], range=[[1, 0], [6, 3]])),
        strokeWidth=alt.StrokeWidth("is_england:N", legend=None,
                                    scale=alt.Scale(domain=[False, True], range=[2, 3])),
    )
    layers: list[alt.Chart] = []
    if data.loc[~data["is_england"], "lowercl"].notna().any():
        layers.append(base.transform_filter("!datum.is_england && isValid(datum.lowercl)")
                      .mark_area(opacity=0.12).encode(x=x, y=alt.Y("lowercl:Q", title=unit), y2="uppercl:Q",
                                                      color=colour))
    layers.append(lines)
    rows_in_legend = len(names) if len(names) <= 12 else -(-len(names) // 2)
    height = max(320, 22 * rows_in_legend) if len(names) > 4 else 320  # room for every legend entry
    return alt.layer(*layers, title=alt.Title(title, subtitle="Black dashed line: England")).properties(height=height)


def share_bars(frame: pd.DataFrame, title: str, value_col: str = "core20_population_share",
               unit: str = "Share of population (%)", category: str = "area_name",
               colour_col: str = "imd_vintage") -> alt.LayerChart:
    """Horizontal bars (largest first), one colour per IMD vintage (blue 2019, orange 2025), with value labels."""
    data = frame.copy()
    data[colour_col] = data[colour_col].astype(str)
    order = (data.groupby(category)[value_col].max().sort_values(ascending=False).index.tolist())
    domain = sorted(data[colour_col].unique())
    palette = ["#2166ac", "#e08214", "#5e3c99", "#969696"][:len(domain)]
    base = alt.Chart(data, title=title)
    y = alt.Y(f"{category}:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    bars = base.mark_bar().encode(
        y=y, x=alt.X(f"{value_col}:Q", title=unit), yOffset=alt.YOffset(f"{colour_col}:N"),
        color=alt.Color(f"{colour_col}:N", title="IMD", scale=alt.Scale(domain=domain, range=palette)),
        tooltip=[alt.Tooltip(f"{category}:N", title="Area"), alt.Tooltip(f"{colour_col}:N", title="IMD"),
                 alt.Tooltip(f"{value_col}:Q", title="Value", format=".1f")],
    )
    text = base.mark_text(align="left", dx=3, fontSize=10).encode(
        y=y, x=f"{value_col}:Q", yOffset=alt.YOffset(f"{colour_col}:N"),
        text=alt.Text(f"{value_col}:Q", format=".1f"))
    return alt.layer(bars, text).properties(height=alt.Step(11))


def comparison_bars(frame: pd.DataFrame, title: str, unit: str, benchmark: float | None = None,
                    benchmark_label: str = "England", target: float | None = None,
                    target_label: str = "") -> alt.LayerChart:
    """Horizontal bars per area with CI whiskers, coloured by comparison and labelled with the comparison text."""
    data = frame[frame["value"].notna()].copy()
    data["label"] = data["comparison"].map(significance_label)
    present = [c for c in SIGNIFICANCE_COLOURS if c in set(data["comparison"])]
    base = alt.Chart(data, title=title)
    y = alt.Y("area_name:N", sort="-x", title=None, axis=alt.Axis(labelLimit=300))
    layers: list[alt.Chart] = [
        base.mark_bar().encode(
            y=y, x=alt.X("value:Q", title=unit),
            color=alt.Color("comparison:N", title="Compared with England",
                            scale=alt.Scale(domain=present, range=[SIGNIFICANCE_COLOURS[c] for c in present]),
                            legend=alt.Legend(orient="bottom", labelLimit=260)),
            tooltip=[alt.Tooltip("area_name:N", title="Area"), alt.Tooltip("value:Q", title="Value"),
                     alt.Tooltip("lowercl:Q", title="Lower CI"), alt.Tooltip("uppercl:Q", title="Upper CI"),
                     alt.Tooltip("label:N", title="vs England"), alt.Tooltip("period:N", title="Period")]),
        base.mark_text(align="left", dx=4, fontSize=10).encode(y=y, x=alt.X("value:Q"), text="label:N"),
    ]
    if data["lowercl"].notna().any():
        layers.append(base.mark_rule(color="#111").encode(y=y, x="lowercl:Q", x2="uppercl:Q"))
    for value, label, dash in ((benchmark, benchmark_label, [5, 3]), (target, target_label, [2, 2])):
        if value is not None and value == value:
            layers.append(alt.Chart(pd.DataFrame({"v": [value], "label": [label]})).mark_rule(
                strokeDash=dash, color="#000", strokeWidth=1.5).encode(
                x="v:Q", tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("v:Q", title="Value")]))
    return alt.layer(*layers).properties(height=alt.Step(24))


def funnel_plot(points: pd.DataFrame, limits: pd.DataFrame, title: str, unit: str,
                benchmark_label: str) -> alt.LayerChart:
    """Funnel plot: each practice's value against its list size, with 95% and 99.8% limits around a benchmark.

    ``points`` needs ``practice_code, practice_name, numerator, denominator, value, position`` (suppressed rows are
    left out); ``limits`` is :func:`lsc_phm.stats.funnel_limits` output. Position is shown by colour AND shape, and
    every point names its practice, value, register and list size on hover.
    """
    shown = points[~points["suppressed"].astype(bool)].dropna(subset=["value", "denominator"]).copy()
    lines = []
    for label, lo, hi in (("95% limits", "lower_limit_95_0", "upper_limit_95_0"),
                          ("99.8% limits", "lower_limit_99_8", "upper_limit_99_8")):
        for side, column in (("lower", lo), ("upper", hi)):
            lines.append(pd.DataFrame({"denominator": limits["denominator"], "limit": limits[column], "line": label,
                                       "series": f"{label} {side}"}))
    lines.append(pd.DataFrame({"denominator": limits["denominator"], "limit": limits["baseline"],
                               "line": "Benchmark", "series": "Benchmark"}))
    line_data = pd.concat(lines, ignore_index=True)
    span = [float(limits["denominator"].min()), float(limits["denominator"].max())]
    x = alt.X("denominator:Q", title="List size (registered patients, log scale)",
              scale=alt.Scale(type="log", domain=span, nice=False))
    order = list(FUNNEL_LINES)
    line_chart = alt.Chart(line_data).mark_line(color=FUNNEL_LINE_COLOUR).encode(
        x=x, y=alt.Y("limit:Q", title=unit, scale=alt.Scale(zero=False)), detail="series:N",
        strokeDash=alt.StrokeDash("line:N", title=f"Lines (benchmark: {benchmark_label})",
                                  scale=alt.Scale(domain=order, range=[FUNNEL_LINES[k] for k in order]),
                                  legend=alt.Legend(orient="bottom")),
    )
    domain = list(FUNNEL_COLOURS)
    dots = alt.Chart(shown).mark_point(filled=True, size=70, stroke="#000", strokeWidth=0.4, opacity=0.9).encode(
        x=x, y=alt.Y("value:Q", title=unit),
        color=alt.Color("position:N", title="Position", scale=alt.Scale(domain=domain,
                                                                         range=[FUNNEL_COLOURS[k] for k in domain]),
                        legend=alt.Legend(orient="bottom", columns=3, labelLimit=240)),
        shape=alt.Shape("position:N", title="Position", scale=alt.Scale(domain=domain,
                                                                         range=[FUNNEL_SHAPES[k] for k in domain]),
                        legend=alt.Legend(orient="bottom", columns=3, labelLimit=240)),
        tooltip=[alt.Tooltip("practice_name:N", title="Practice"), alt.Tooltip("practice_code:N", title="Code"),
                 alt.Tooltip("value:Q", title=unit, format=".2f"),
                 alt.Tooltip("numerator:Q", title="On the register", format=",.0f"),
                 alt.Tooltip("denominator:Q", title="List size", format=",.0f"),
                 alt.Tooltip("position:N", title="Position")],
    )
    return alt.layer(line_chart, dots, title=alt.Title(
        title, subtitle=f"Centre line: {benchmark_label}; dashed: 95% limits; dotted: 99.8% limits. "
                        "Colour and shape show each practice's position.")).properties(height=380)
