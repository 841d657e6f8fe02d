"""Altair charts built from page data (no streamlit). Colour-blind-safe palettes; titles and axes in words.

Decile 1 is always labelled "most deprived" on deprivation axes.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

#: ColorBrewer-style sequential blues for deciles 1 (dark: most deprived) to 10.
DECILE_COLOURS = ["#08306b", "#08519c", "#2171b5", "#4292c6", "#6baed6", "#9ecae1", "#c6dbef", "#deebf7",
                  "#eef5fb", "#f7fbff"]
#: Decile labels as shown on every deprivation axis and legend (decile 1 = most deprived).
DECILE_LABELS = tuple(
    f"{d} (most deprived)" if d == 1 else (f"{d} (least deprived)" if d == 10 else str(d)) for d in range(1, 11)
)
#: Significance colours (Fingertips-like but colour-blind safe: blue/orange for no judgement, text always shown).
COMPARISON_COLOURS = {
    "Better": "#1b7837", "Similar": "#f1c232", "Worse": "#b2182b", "Higher": "#2166ac", "Lower": "#e08214",
    "Not compared": "#bdbdbd", "Not compared (no confidence interval)": "#bdbdbd", "Suppressed": "#d9d9d9",
}


def decile_share_bars(frame: pd.DataFrame) -> alt.Chart:
    """Stacked horizontal bars: each place's population share by national IMD decile, one row per vintage."""
    return (
        alt.Chart(frame, title="Population by national IMD decile (decile 1 = most deprived 10% of England)")
        .mark_bar()
        .encode(
            x=alt.X("sum(population_share):Q", title="Share of population (%)", scale=alt.Scale(domain=[0, 100])),
            y=alt.Y("imd_vintage:N", title=None),
            row=alt.Row("place_name:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left")),
            color=alt.Color("imd_decile_label:N", title="IMD decile",
                            scale=alt.Scale(domain=list(DECILE_LABELS), range=DECILE_COLOURS)),
            order=alt.Order("imd_decile:Q"),
            tooltip=[alt.Tooltip("place_name:N", title="Place"), alt.Tooltip("imd_vintage:N", title="IMD"),
                     alt.Tooltip("imd_decile_label:N", title="Decile"),
                     alt.Tooltip("population_share:Q", title="Share (%)", format=".1f"),
                     alt.Tooltip("lsoas:Q", title="LSOAs")],
        )
        .properties(height=40)
    )


def value_with_ci_bars(frame: pd.DataFrame, title: str, unit: str, benchmark: float | None = None,
                       category: str = "area_name") -> alt.LayerChart:
    """Horizontal bars with 95% CI whiskers and an England line, coloured by comparison (label in the tooltip)."""
    base = alt.Chart(frame, title=title)
    colour = alt.Color("comparison:N", title="Compared with England",
                       scale=alt.Scale(domain=list(COMPARISON_COLOURS), range=list(COMPARISON_COLOURS.values())))
    bars = base.mark_bar().encode(
        y=alt.Y(f"{category}:N", title=None, sort="-x"),
        x=alt.X("value:Q", title=unit),
        color=colour,
        tooltip=[alt.Tooltip(f"{category}:N", title="Area"), alt.Tooltip("value:Q", title="Value"),
                 alt.Tooltip("lowercl:Q", title="Lower CI"), alt.Tooltip("uppercl:Q", title="Upper CI"),
                 alt.Tooltip("comparison:N", title="vs England"), alt.Tooltip("period:N", title="Period")],
    )
    layers = [bars]
    if frame["lowercl"].notna().any():
        layers.append(base.mark_rule(color="#333").encode(y=f"{category}:N", x="lowercl:Q", x2="uppercl:Q"))
    if benchmark is not None and benchmark == benchmark:
        layers.append(alt.Chart(pd.DataFrame({"england": [benchmark]})).mark_rule(strokeDash=[4, 3], color="#000")
                      .encode(x="england:Q", tooltip=[alt.Tooltip("england:Q", title="England")]))
    return alt.layer(*layers)


def indicator_chart(figures: pd.DataFrame, title: str, subtitle: str = "") -> alt.FacetChart | None:
    """Small multiples: one bar per indicator with its confidence interval and England as a black tick.

    Scales are independent per indicator (units differ). Colour = the England comparison (text in the tooltip).
    Returns None when no indicator has a value.
    """
    frame = figures[figures["value"].notna()].copy()
    if frame.empty:
        return None
    frame["label"] = [f"{name} ({period})" for name, period in zip(frame["indicator"], frame["period"])]
    frame["shown"] = [v if isinstance(v, str) and v else a for v, a in zip(frame["value_for"], frame["area_name"])]
    frame["text_x"] = frame[["value", "uppercl", "england_value"]].max(axis=1)
    frame = frame[["label", "shown", "value", "lowercl", "uppercl", "england_value", "comparison", "unit", "period",
                   "text_x"]]
    present = [c for c in COMPARISON_COLOURS if c in set(frame["comparison"])]
    base = alt.Chart()
    colour = alt.Color("comparison:N", title="Compared with England",
                       scale=alt.Scale(domain=present, range=[COMPARISON_COLOURS[c] for c in present]),
                       legend=alt.Legend(orient="bottom", columns=3, labelLimit=400))
    tooltip = [alt.Tooltip("label:N", title="Indicator"), alt.Tooltip("shown:N", title="Value for"),
               alt.Tooltip("value:Q", title="Value"), alt.Tooltip("lowercl:Q", title="Lower CI"),
               alt.Tooltip("uppercl:Q", title="Upper CI"), alt.Tooltip("england_value:Q", title="England"),
               alt.Tooltip("comparison:N", title="vs England"), alt.Tooltip("unit:N", title="Unit")]
    bars = base.mark_bar(height=16).encode(
        x=alt.X("value:Q", title=None, scale=alt.Scale(zero=True)),
        y=alt.Y("shown:N", title=None, axis=alt.Axis(labels=False, ticks=False)), color=colour, tooltip=tooltip)
    whiskers = base.mark_rule(color="#333", strokeWidth=1.5).encode(
        x="lowercl:Q", x2="uppercl:Q", y=alt.Y("shown:N"))
    england = base.mark_tick(color="#000", thickness=3, size=26).encode(
        x=alt.X("england_value:Q"), y=alt.Y("shown:N"), tooltip=tooltip)
    labels = base.mark_text(align="left", dx=6, fontSize=11, fontWeight="bold").encode(
        x="text_x:Q", y="shown:N", text=alt.Text("value:Q", format=",.1f"))
    return (
        alt.layer(bars, whiskers, england, labels, data=frame)
        .properties(width=420, height=26)
        .facet(row=alt.Row("label:N", title=None, sort=list(frame["label"]),
                           header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top",
                                             labelFontSize=12,
                                             labelFontWeight="bold", labelPadding=2)),
               title=alt.Title(title, subtitle=[x for x in (subtitle, "Bar = value with confidence interval; black tick "
                                                                          "= England") if x]))
        .resolve_scale(x="independent")
        .configure_facet(spacing=8)
    )


def gradient_chart(gradient: pd.DataFrame, title: str, facet_width: int = 300) -> alt.FacetChart:
    """Bars with 95% CIs by national IMD decile, one panel per measure (``facet_width`` pixels each)."""
    base = alt.Chart()
    x = alt.X("imd_decile_label:N", title="National IMD decile (1 = most deprived)", sort=list(DECILE_LABELS),
              axis=alt.Axis(labelAngle=-40))
    bars = base.mark_bar(color="#2171b5").encode(
        x=x, y=alt.Y("value:Q", title="% of residents"),
        tooltip=[alt.Tooltip("measure:N"), alt.Tooltip("imd_decile_label:N", title="Decile"),
                 alt.Tooltip("value:Q", title="%"), alt.Tooltip("lowercl:Q", title="Lower CI"),
                 alt.Tooltip("uppercl:Q", title="Upper CI"), alt.Tooltip("denominator:Q", title="Residents")])
    whiskers = base.mark_rule(color="#333").encode(x=x, y="lowercl:Q", y2="uppercl:Q")
    return (alt.layer(bars, whiskers, data=gradient).properties(width=facet_width, height=200)
            .facet(column=alt.Column("measure:N", title=None, header=alt.Header(labelFontSize=12, labelFontWeight="bold")),
                   title=alt.Title(title, subtitle="95% confidence intervals (Wilson); LSOAs grouped by national decile"))
            .resolve_scale(x="independent", y="independent"))



#: Smallest label size (points) of a chart as placed on a slide or a printed page.
MIN_PLACED_FONT_PT = 12


def readable(chart: alt.TopLevelMixin, font_size: float) -> alt.TopLevelMixin:
    """Set every text size of a chart (axes, legends, facet headers, titles) to at least ``font_size``.

    Vega-Lite's defaults (10-11 px) are too small once a chart is scaled onto a slide; with every size set
    explicitly, the placed size of the smallest text is ``font_size`` times the placement scale (see
    :func:`min_font_size`).
    """
    size = float(font_size)
    return (chart.configure_axis(labelFontSize=size, titleFontSize=size, labelLimit=0)
            .configure_legend(labelFontSize=size, titleFontSize=size, labelLimit=0, symbolSize=size * 12)
            .configure_header(labelFontSize=size, titleFontSize=size)
            .configure_title(fontSize=size + 2, subtitleFontSize=size, anchor="start")
            .configure_text(fontSize=size))


def readable_spec(chart: alt.TopLevelMixin, font_size: float) -> dict:
    """The chart's Vega-Lite specification with every text size at least ``font_size`` (see :func:`readable`);
    sizes set explicitly inside the chart (a facet header, a text mark) are raised too."""
    spec = readable(chart, font_size).to_dict(validate=False)  # built by this module: skip schema validation

    def raise_sizes(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key.lower().endswith("fontsize") and isinstance(value, (int, float)):
                    node[key] = max(float(value), float(font_size))
                else:
                    raise_sizes(value)
        elif isinstance(node, list):
            for value in node:
                raise_sizes(value)

    raise_sizes(spec)
    return spec


def min_font_size(spec: dict | list | object) -> float:
    """The smallest font size set anywhere in a Vega-Lite specification (``inf`` when none is set)."""
    sizes: list[float] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key.lower().endswith("fontsize") and isinstance(value, (int, float)):
                    sizes.append(float(value))
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return min(sizes) if sizes else float("inf")


def _short_labels(names: list[str]) -> tuple[list[str], str]:
    """Drop a measure name shared by several indicators ("Hypertension: QOF recorded prevalence" ->
    "Hypertension") and return the labels with a note saying what was dropped."""
    suffixes = [name.split(": ", 1)[1] if ": " in name else "" for name in names]
    shared = {x for x in suffixes if x and suffixes.count(x) > 1}
    labels = [name.split(": ", 1)[0] if suffix in shared else name for name, suffix in zip(names, suffixes)]
    notes = []
    for suffix in sorted(shared):
        which = [label for label, x in zip(labels, suffixes) if x == suffix]
        notes.append(f"{which[0]} to {which[-1]}: {suffix}" if len(which) > 2 else f"{' and '.join(which)}: {suffix}")
    return labels, "; ".join(notes)


def england_ratio_chart(figures: pd.DataFrame, title: str, subtitle: str = "") -> alt.LayerChart | None:
    """One bar per indicator: the area's value as a multiple of England's (England = 1, a dashed line).

    Compact enough to read at slide size (one row per indicator, whatever the units). Each bar's label gives the
    value, England's value and the comparison in words (colour repeats it, never carries it alone); rows whose value
    belongs to another area (``value_for``) say whose value it is.
    Returns None when no indicator has both a value and an England value.
    """
    frame = figures[figures["value"].notna() & figures["england_value"].notna()
                    & (figures["england_value"] != 0)].copy()
    if frame.empty:
        return None
    own = [str(a) for a in frame["area_name"]]
    shown = [v if isinstance(v, str) and v else a for v, a in zip(frame["value_for"], own)]
    labels, dropped = _short_labels([str(n) for n in frame["indicator"]])
    # multi-line labels ("|" = line break) keep the chart narrow enough to read at slide size
    frame["row"] = ["|".join(textwrap.wrap(f"{label} ({period})" + ("" if s == a else f" [{_short_area(s)} value]"), 30))
                    for label, period, s, a in zip(labels, frame["period"], shown, own)]
    frame["ratio"] = frame["value"] / frame["england_value"]
    words = {"Not compared (no confidence interval)": "not tested", "Not compared": "not tested"}
    frame["text"] = [f"{v:,.1f}{'%' if u == '%' else ''} vs {e:,.1f} · {words.get(c, str(c).lower())}"
                     for v, e, u, c in zip(frame["value"], frame["england_value"], frame["unit"], frame["comparison"])]
    present = [c for c in COMPARISON_COLOURS if c in set(frame["comparison"])]
    frame = frame[["row", "ratio", "text", "comparison", "value", "england_value", "unit"]]
    base = alt.Chart(frame)
    y = alt.Y("row:N", title=None, sort=list(frame["row"]), axis=alt.Axis(labelExpr="split(datum.label, '|')"))
    bars = base.mark_bar(height=16).encode(
        x=alt.X("ratio:Q", title="Multiple of England's value (England = 1)", scale=alt.Scale(zero=True)),
        y=y, color=alt.Color("comparison:N", legend=None,
                             scale=alt.Scale(domain=present, range=[COMPARISON_COLOURS[c] for c in present])),
        tooltip=[alt.Tooltip("row:N", title="Indicator"), alt.Tooltip("value:Q", title="Value"),
                 alt.Tooltip("england_value:Q", title="England"), alt.Tooltip("comparison:N", title="vs England")])
    england = alt.Chart(pd.DataFrame({"x": [1.0]})).mark_rule(strokeDash=[5, 3], color="#000", strokeWidth=2).encode(
        x="x:Q")
    labels_layer = base.mark_text(align="left", dx=4).encode(x="ratio:Q", y=y, text="text:N")
    notes = [line for x in (subtitle, dropped) if x for line in textwrap.wrap(x, 60)]
    return alt.layer(bars, england, labels_layer).properties(
        width=250, height=alt.Step(40),
        title=alt.Title(textwrap.wrap(title, 50), subtitle=notes or "Label: value vs England; dashed line = England"))


def _short_area(name: str) -> str:
    """"NHS Lancashire and South Cumbria Integrated Care Board" -> "ICB" (for row labels; the subtitle names it)."""
    return "ICB" if "Integrated Care Board" in name else name
