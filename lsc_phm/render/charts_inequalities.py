"""Altair charts for the inequalities and Core20PLUS5 pages (no streamlit).

Every colour comes from :mod:`lsc_phm.render.palette` (decile colours for deprivation groups, the comparison colours
with a shape or text label beside every one), chart titles and axis titles in words, and group 1 always labelled
"most deprived". Legends list only the categories present, in full.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lsc_phm.render import palette
from lsc_phm.render.charts import comparison_colour, comparison_legend, comparison_shape
from lsc_phm.render.formats import period_label

#: Kept as names for callers: the palette module's comparison colours, shapes and symbols.
SIGNIFICANCE_COLOURS: dict[str, str] = palette.COMPARISON_COLOURS
SIGNIFICANCE_SHAPES: dict[str, str] = palette.COMPARISON_SHAPES
#: Funnel-plot positions, lines and symbols (the palette module's).
FUNNEL_COLOURS: dict[str, str] = palette.FUNNEL_COLOURS
FUNNEL_SHAPES: dict[str, str] = palette.FUNNEL_SHAPES
FUNNEL_ICONS: dict[str, str] = palette.FUNNEL_SYMBOLS
FUNNEL_LINES: dict[str, list[int]] = {"Benchmark": [1, 0], "95% limits": [6, 3], "99.8% limits": [2, 2]}
FUNNEL_LINE_COLOUR = palette.INK
__all__ = ["gradient_bars", "spine_chart", "share_bars", "comparison_bars", "significance_label", "funnel_plot"]


def significance_label(comparison: str) -> str:
    """The comparison text with its symbol, e.g. "▼ Worse" (so meaning never rests on colour alone)."""
    return palette.comparison_label(comparison)


def _group_count(table: pd.DataFrame) -> int:
    """10 or 5: from the "K (least deprived)" label where present, else 10 when any group number is above 5."""
    found = table["group_label"].astype(str).str.extract(r"^(\d+) \(least deprived\)")[0].dropna()
    if len(found):
        return int(found.iloc[0])
    return 10 if pd.to_numeric(table["deprivation_group"]).max() > 5 else 5


def gradient_bars(
    table: pd.DataFrame,
    title: str,
    unit: str,
    group_title: str,
    benchmark: float | None = None,
    benchmark_label: str = "Area average",
    *,
    groups: int | None = None,
    decimals: int = 2,
) -> alt.LayerChart:
    """Vertical bars by deprivation group (1 = most deprived on the left) with CI whiskers and value labels.

    Each bar takes its own group's colour (:func:`lsc_phm.render.palette.group_colour`), so an area without some
    groups (Blackpool has no national decile 9 or 10) still draws decile 6 in decile 6's colour. ``groups`` is 10
    (deciles) or 5 (quintiles); by default it is read from the table. Values show to ``decimals`` places.
    """
    groups = groups or _group_count(table)
    order = list(table["group_label"])
    colours = [palette.group_colour(int(g), groups) for g in table["deprivation_group"]]
    number = f",.{decimals}f"
    base = alt.Chart(
        table,
        title=alt.Title(
            title,
            subtitle="Group 1 = most deprived; whiskers = confidence interval"
            if table["lowercl"].notna().any()
            else "Group 1 = most deprived; no confidence interval (no counts)",
        ),
    )
    x = alt.X(
        "group_label:N",
        sort=order,
        title=group_title,
        axis=alt.Axis(labelAngle=-35, labelLimit=160, labelOverlap=False, labelAlign="right"),
    )
    bars = base.mark_bar(stroke=palette.INK_SOFT, strokeWidth=0.5).encode(
        x=x,
        y=alt.Y("value:Q", title=unit),
        color=alt.Color("group_label:N", sort=order, scale=alt.Scale(domain=order, range=colours), legend=None),
        tooltip=[
            alt.Tooltip("group_label:N", title="Group"),
            alt.Tooltip("value:Q", title="Value", format=number),
            alt.Tooltip("lowercl:Q", title="Lower CI", format=number),
            alt.Tooltip("uppercl:Q", title="Upper CI", format=number),
            alt.Tooltip("units:Q", title="Units"),
            alt.Tooltip("population:Q", title="Population", format=",.0f"),
        ],
    )
    labels = base.mark_text(dy=-8, fontSize=11, color=palette.INK).encode(
        x=x, y="value:Q", text=alt.Text("value:Q", format=number)
    )
    layers: list[alt.Chart] = [bars]
    if table["lowercl"].notna().any():
        layers.append(
            base.mark_rule(color=palette.INK_SOFT, strokeWidth=1.5).encode(x=x, y="lowercl:Q", y2="uppercl:Q")
        )
    else:
        layers.append(labels)
    if benchmark is not None and benchmark == benchmark:
        line = pd.DataFrame({"benchmark": [benchmark], "label": [benchmark_label]})
        layers.append(
            alt.Chart(line)
            .mark_rule(strokeDash=[5, 3], color=palette.INK)
            .encode(
                y="benchmark:Q", tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("benchmark:Q", format=number)]
            )
        )
    return alt.layer(*layers).properties(height=320)


def spine_chart(frame: pd.DataFrame, area_name: str, benchmark: str = "England") -> alt.LayerChart:
    """Fingertips-style spine chart: range of English districts (worst left, best right), 25th-75th band, the
    benchmark (England, or a peer group's value in ``england_value``) at the centre line, the area's value as a marker
    coloured *and* shaped by its comparison with the benchmark, with the comparison written at the right-hand end of
    the row. One legend (colour and shape merged), listing only the comparisons present, with symbols drawn exactly
    as the markers."""
    data = frame.dropna(subset=["pos_worst", "pos_best"]).copy()
    data["comparison"] = [
        c if isinstance(c, str) and c in palette.COMPARISON_COLOURS else palette.NOT_COMPARED
        for c in data["comparison"]
    ]
    data["label"] = data["comparison"].map(significance_label)
    data["short"] = data["comparison"].map(palette.comparison_short)
    order = list(data["indicator"])
    present = palette.present(data["comparison"])
    y = alt.Y("indicator:N", sort=order, title=None, axis=alt.Axis(labelLimit=0))
    base = alt.Chart(
        data,
        title=alt.Title(
            f"{area_name}: spine chart against {benchmark} and the range of English local authorities",
            subtitle=[
                "Grey bar: worst (left) to best (right) English district or unitary authority (lowest to highest",
                f"where there is no judgement); dark band: 25th-75th percentile; black line: {benchmark}",
            ],
        ),
    )
    full = base.mark_bar(color=palette.RANGE_FULL, height=14).encode(
        y=y,
        x=alt.X(
            "pos_worst:Q",
            title=f"Relative position ({benchmark} = centre)",
            scale=alt.Scale(domain=[0, 1.2]),
            axis=alt.Axis(labels=False, ticks=False, grid=False),
        ),
        x2="pos_best:Q",
    )
    band = base.mark_bar(color=palette.RANGE_MIDDLE, height=14).encode(y=y, x="pos_q25:Q", x2="pos_q75:Q")
    england = alt.Chart(pd.DataFrame({"x": [0.5]})).mark_rule(color=palette.INK, strokeWidth=2).encode(x="x:Q")
    legend = comparison_legend(columns=3, symbolSize=120, symbolStrokeColor=palette.INK, symbolStrokeWidth=0.8)
    points = base.mark_point(size=160, filled=True, stroke=palette.INK, strokeWidth=0.8, opacity=1).encode(
        y=y,
        x="pos_value:Q",
        color=comparison_colour("comparison", present, legend),
        shape=comparison_shape("comparison", present, legend),
        tooltip=[
            alt.Tooltip("indicator:N", title="Indicator"),
            alt.Tooltip("period:N", title="Period"),
            alt.Tooltip("value:Q", title="Value"),
            alt.Tooltip("england_value:Q", title=benchmark),
            alt.Tooltip("worst:Q", title="Worst / lowest"),
            alt.Tooltip("best:Q", title="Best / highest"),
            alt.Tooltip("label:N", title=f"vs {benchmark}"),
        ],
    )
    text = base.mark_text(align="left", fontSize=11, color=palette.INK).encode(y=y, x=alt.datum(1.03), text="short:N")
    return alt.layer(full, band, england, points, text).properties(height=alt.Step(26))


def share_bars(
    frame: pd.DataFrame,
    title: str,
    value_col: str = "core20_population_share",
    unit: str = "Share of population (%)",
    category: str = "area_name",
    colour_col: str = "imd_vintage",
) -> alt.LayerChart:
    """Horizontal bars (largest first), one palette colour per IMD vintage, with value labels."""
    data = frame.copy()
    data[colour_col] = data[colour_col].astype(str)
    order = data.groupby(category)[value_col].max().sort_values(ascending=False).index.tolist()
    domain = sorted(data[colour_col].unique())
    if len(domain) > len(palette.VINTAGE_COLOURS):
        raise ValueError(f"share_bars draws at most {len(palette.VINTAGE_COLOURS)} groups, not {len(domain)}")
    colours = list(palette.VINTAGE_COLOURS)[: len(domain)]
    base = alt.Chart(data, title=title)
    y = alt.Y(f"{category}:N", sort=order, title=None, axis=alt.Axis(labelLimit=0))
    bars = base.mark_bar().encode(
        y=y,
        x=alt.X(f"{value_col}:Q", title=unit),
        yOffset=alt.YOffset(f"{colour_col}:N"),
        color=alt.Color(
            f"{colour_col}:N",
            title="IMD",
            scale=alt.Scale(domain=domain, range=colours),
            legend=alt.Legend(orient="bottom", labelLimit=0),
        ),
        tooltip=[
            alt.Tooltip(f"{category}:N", title="Area"),
            alt.Tooltip(f"{colour_col}:N", title="IMD"),
            alt.Tooltip(f"{value_col}:Q", title="Value", format=".1f"),
        ],
    )
    text = base.mark_text(align="left", dx=3, fontSize=10, color=palette.INK).encode(
        y=y, x=f"{value_col}:Q", yOffset=alt.YOffset(f"{colour_col}:N"), text=alt.Text(f"{value_col}:Q", format=".1f")
    )
    return alt.layer(bars, text).properties(height=alt.Step(11))


def comparison_bars(
    frame: pd.DataFrame,
    title: str,
    unit: str,
    benchmark: float | None = None,
    benchmark_label: str = "England",
    target: float | None = None,
    target_label: str = "",
    decimals: int = 1,
) -> alt.LayerChart:
    """Horizontal bars per area with CI whiskers, coloured by comparison and labelled with the value and the
    comparison text (symbol + words) at the end of each bar."""
    data = frame[frame["value"].notna()].copy()
    if "period" in data.columns:  # tooltips: one period style
        data["period"] = [period_label(p) if isinstance(p, str) else p for p in data["period"]]
    data["comparison"] = [
        c if isinstance(c, str) and c in palette.COMPARISON_COLOURS else palette.NOT_COMPARED
        for c in data["comparison"]
    ]
    data["label"] = data["comparison"].map(significance_label)
    lines = [v for v in (benchmark, target) if v is not None and v == v]
    data["text_x"] = data[["value", "uppercl"]].max(axis=1).clip(lower=max(lines, default=float("-inf")))
    data["text"] = [
        f"{v:,.{decimals}f}  {label}"
        for v, label in zip(data["value"], data["comparison"].map(palette.comparison_short), strict=False)
    ]
    x_max = float(data["text_x"].max()) * 1.15 if len(data) else None  # room for the labels
    present = palette.present(data["comparison"])
    base = alt.Chart(data, title=title)
    y = alt.Y("area_name:N", sort="-x", title=None, axis=alt.Axis(labelLimit=0))
    layers: list[alt.Chart] = [
        base.mark_bar(stroke=palette.OUTLINE, strokeWidth=0.5).encode(
            y=y,
            x=alt.X("value:Q", title=unit, scale=alt.Scale(domainMax=x_max) if x_max and x_max > 0 else alt.Undefined),
            color=comparison_colour("comparison", present),
            tooltip=[
                alt.Tooltip("area_name:N", title="Area"),
                alt.Tooltip("value:Q", title="Value"),
                alt.Tooltip("lowercl:Q", title="Lower CI"),
                alt.Tooltip("uppercl:Q", title="Upper CI"),
                alt.Tooltip("label:N", title="vs England"),
                alt.Tooltip("period:N", title="Period"),
            ],
        ),
        base.mark_text(align="left", dx=4, fontSize=10, color=palette.INK).encode(
            y=y, x=alt.X("text_x:Q"), text="text:N"
        ),
    ]
    if data["lowercl"].notna().any():
        layers.append(base.mark_rule(color=palette.INK_SOFT).encode(y=y, x="lowercl:Q", x2="uppercl:Q"))
    for value, label, dash in ((benchmark, benchmark_label, [5, 3]), (target, target_label, [2, 2])):
        if value is not None and value == value:
            layers.append(
                alt.Chart(pd.DataFrame({"v": [value], "label": [label]}))
                .mark_rule(strokeDash=dash, color=palette.INK, strokeWidth=1.5)
                .encode(x="v:Q", tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("v:Q", title="Value")])
            )
    return alt.layer(*layers).properties(height=alt.Step(24))


def _funnel_lines(limits: pd.DataFrame) -> pd.DataFrame:
    """The funnel's lines in long form (``denominator, limit, line, series``): the benchmark and the lower and upper
    95% and 99.8% limits of :func:`lsc_phm.stats.funnel_limits` output, one series each."""
    lines = []
    for label, lo, hi in (
        ("95% limits", "lower_limit_95_0", "upper_limit_95_0"),
        ("99.8% limits", "lower_limit_99_8", "upper_limit_99_8"),
    ):
        for side, column in (("lower", lo), ("upper", hi)):
            lines.append(
                pd.DataFrame(
                    {
                        "denominator": limits["denominator"],
                        "limit": limits[column],
                        "line": label,
                        "series": f"{label} {side}",
                    }
                )
            )
    lines.append(
        pd.DataFrame(
            {
                "denominator": limits["denominator"],
                "limit": limits["baseline"],
                "line": "Benchmark",
                "series": "Benchmark",
            }
        )
    )
    return pd.concat(lines, ignore_index=True)


def funnel_plot(
    points: pd.DataFrame, limits: pd.DataFrame, title: str, unit: str, benchmark_label: str
) -> alt.LayerChart:
    """Funnel plot: each practice's value against its list size, with 95% and 99.8% limits around a benchmark.

    ``points`` needs ``practice_code, practice_name, numerator, denominator, value, position`` (suppressed rows are
    left out); ``limits`` is :func:`lsc_phm.stats.funnel_limits` output. Position is shown by colour AND shape, and
    every point names its practice, value, register and list size on hover.
    """
    shown = points[~points["suppressed"].astype(bool)].dropna(subset=["value", "denominator"]).copy()
    line_data = _funnel_lines(limits)
    span = [float(limits["denominator"].min()), float(limits["denominator"].max())]
    x = alt.X(
        "denominator:Q",
        title="List size (registered patients, log scale)",
        scale=alt.Scale(type="log", domain=span, nice=False),
    )
    order = list(FUNNEL_LINES)
    line_chart = (
        alt.Chart(line_data)
        .mark_line(color=FUNNEL_LINE_COLOUR)
        .encode(
            x=x,
            y=alt.Y("limit:Q", title=unit, scale=alt.Scale(zero=False)),
            detail="series:N",
            strokeDash=alt.StrokeDash(
                "line:N",
                title=f"Lines (benchmark: {benchmark_label})",
                scale=alt.Scale(domain=order, range=[FUNNEL_LINES[k] for k in order]),
                legend=alt.Legend(orient="bottom"),
            ),
        )
    )
    domain = list(FUNNEL_COLOURS)
    dots = (
        alt.Chart(shown)
        .mark_point(filled=True, size=70, stroke=palette.INK, strokeWidth=0.4, opacity=1)
        .encode(
            x=x,
            y=alt.Y("value:Q", title=unit),
            color=alt.Color(
                "position:N",
                title="Position",
                scale=alt.Scale(domain=domain, range=[FUNNEL_COLOURS[k] for k in domain]),
                legend=comparison_legend(columns=3),
            ),
            shape=alt.Shape(
                "position:N",
                title="Position",
                scale=alt.Scale(domain=domain, range=[FUNNEL_SHAPES[k] for k in domain]),
                legend=comparison_legend(columns=3),
            ),
            tooltip=[
                alt.Tooltip("practice_name:N", title="Practice"),
                alt.Tooltip("practice_code:N", title="Code"),
                alt.Tooltip("value:Q", title=unit, format=".2f"),
                alt.Tooltip("numerator:Q", title="On the register", format=",.0f"),
                alt.Tooltip("denominator:Q", title="List size", format=",.0f"),
                alt.Tooltip("position:N", title="Position"),
            ],
        )
    )
    return alt.layer(
        line_chart,
        dots,
        title=alt.Title(
            title,
            subtitle=f"Centre line: {benchmark_label}; dashed: 95% limits; dotted: 99.8% limits. "
            "Colour and shape show each practice's position.",
        ),
    ).properties(height=380)
