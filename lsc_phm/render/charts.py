"""Altair charts built from page data (no streamlit). Every colour comes from :mod:`lsc_phm.render.palette`; titles and
axes in words; comparisons with England carry a shape or a text label as well as a colour.

Decile 1 is always labelled "most deprived" on deprivation axes. Trends over time are drawn by
:mod:`lsc_phm.render.charts_trends`.
"""

from __future__ import annotations

import copy
import textwrap

import altair as alt
import pandas as pd

from lsc_phm.render import palette
from lsc_phm.render.formats import period_label

#: National IMD deciles, 1 (darkest: most deprived) to 10 (the palette module's decile colours).
DECILE_COLOURS = list(palette.DECILE_COLOURS)
#: Decile labels as shown on every deprivation axis and legend (decile 1 = most deprived).
DECILE_LABELS = tuple(
    f"{d} (most deprived)" if d == 1 else (f"{d} (least deprived)" if d == 10 else str(d)) for d in range(1, 11)
)
#: Significance colours (the palette module's): kept as a name for callers.
COMPARISON_COLOURS = palette.COMPARISON_COLOURS
LEGEND_TITLE = "Compared with England"


#: Long legend labels break before their bracket ("Not compared" / "(no confidence interval)") instead of being cut.
LABEL_BREAK = "length(datum.label) > 20 ? split(replace(datum.label, ' (', '|('), '|') : datum.label"


def comparison_legend(**kwargs) -> alt.Legend:
    """A legend that never truncates a label (``labelLimit=0``; long labels on two lines) and outlines white
    symbols."""
    options = dict(
        orient="bottom",
        labelLimit=0,
        titleLimit=0,
        symbolStrokeColor=palette.OUTLINE,
        symbolStrokeWidth=0.8,
        symbolOpacity=1,
        symbolSize=160,
        direction="horizontal",
        labelExpr=LABEL_BREAK,
    )
    options.update(kwargs)
    return alt.Legend(**options)


def comparison_colour(field: str, present: list[str], legend: alt.Legend | None = None) -> alt.Color:
    """Colour by comparison, with only the categories ``present`` in the domain (so the legend lists only them)."""
    return alt.Color(
        f"{field}:N",
        title=LEGEND_TITLE,
        scale=alt.Scale(domain=present, range=[palette.COMPARISON_COLOURS[c] for c in present]),
        legend=legend if legend is not None else comparison_legend(),
    )


def comparison_shape(field: str, present: list[str], legend: alt.Legend | None = None) -> alt.Shape:
    """Marker shape by comparison (the second cue), same domain and legend as :func:`comparison_colour`."""
    return alt.Shape(
        f"{field}:N",
        title=LEGEND_TITLE,
        scale=alt.Scale(domain=present, range=[palette.COMPARISON_SHAPES[c] for c in present]),
        legend=legend if legend is not None else comparison_legend(),
    )


def with_comparison_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` with the columns the comparison charts colour, shape and label their marks by.

    Parameters
    ----------
    frame : pandas.DataFrame
        Indicator values; ``comparison`` (the England comparison) and ``period`` are used where present.

    Returns
    -------
    pandas.DataFrame
        A copy with ``comparison`` (one of :data:`lsc_phm.render.palette.COMPARISON_COLOURS`, "Not compared" where
        missing or unknown) and ``label`` (symbol and text, :func:`lsc_phm.render.palette.comparison_label`), so
        that significance is never carried by colour alone; ``period`` in the one period style unless the frame
        has ``period_type``.
    """
    data = frame.copy()
    if "comparison" not in data.columns:
        data["comparison"] = palette.NOT_COMPARED
    data["comparison"] = [
        c if isinstance(c, str) and c in palette.COMPARISON_COLOURS else palette.NOT_COMPARED
        for c in data["comparison"]
    ]
    data["label"] = data["comparison"].map(palette.comparison_label)
    if "period" in data.columns and "period_type" not in data.columns:  # tooltips: one period style
        data["period"] = [period_label(p) if isinstance(p, str) else p for p in data["period"]]
    return data


def decile_share_chart(shares: pd.DataFrame, title: str) -> alt.Chart:
    """:func:`decile_share_bars` titled for a page (one area's residents by national IMD decile)."""
    return decile_share_bars(shares).properties(title=title)


def decile_share_slide_chart(shares: pd.DataFrame, title: str, subtitle: str) -> alt.Chart:
    """:func:`decile_share_bars` for a slide: a title with a subtitle, 300 px wide."""
    return decile_share_bars(shares).properties(title=alt.Title(title, subtitle=subtitle), width=300)


def decile_share_bars(frame: pd.DataFrame) -> alt.Chart:
    """Stacked horizontal bars: each place's population share by national IMD decile, one row per vintage."""
    present = [label for label in DECILE_LABELS if label in set(frame["imd_decile_label"])]
    colours = [DECILE_COLOURS[DECILE_LABELS.index(label)] for label in present]
    return (
        alt.Chart(frame, title="Population by national IMD decile (decile 1 = most deprived 10% of England)")
        .mark_bar(stroke=palette.BACKGROUND, strokeWidth=0.3)
        .encode(
            x=alt.X("sum(population_share):Q", title="Share of population (%)", scale=alt.Scale(domain=[0, 100])),
            y=alt.Y("imd_vintage:N", title=None),
            row=alt.Row("place_name:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left", labelLimit=0)),
            color=alt.Color(
                "imd_decile_label:N",
                title="IMD decile",
                scale=alt.Scale(domain=present, range=colours),
                legend=alt.Legend(
                    orient="bottom",
                    columns=5,
                    labelLimit=0,
                    symbolOpacity=1,
                    symbolSize=160,
                    symbolStrokeColor=palette.OUTLINE,
                    symbolStrokeWidth=0.5,
                ),
            ),
            order=alt.Order("imd_decile:Q"),
            tooltip=[
                alt.Tooltip("place_name:N", title="Place"),
                alt.Tooltip("imd_vintage:N", title="IMD"),
                alt.Tooltip("imd_decile_label:N", title="Decile"),
                alt.Tooltip("population_share:Q", title="Share (%)", format=".1f"),
                alt.Tooltip("lsoas:Q", title="LSOAs"),
            ],
        )
        .properties(height=40)
    )


def value_with_ci_bars(
    frame: pd.DataFrame,
    title: str,
    unit: str,
    benchmark: float | None = None,
    category: str = "area_name",
    decimals: int = 1,
) -> alt.LayerChart:
    """Horizontal bars with CI whiskers and an England line, coloured by comparison and labelled with it in text."""
    data = with_comparison_labels(frame[frame["value"].notna()])
    line = benchmark if benchmark is not None and benchmark == benchmark else float("-inf")
    data["text_x"] = data[["value", "uppercl"]].max(axis=1).clip(lower=line)
    data["text"] = [
        f"{v:,.{decimals}f}  {label}"
        for v, label in zip(data["value"], data["comparison"].map(palette.comparison_short), strict=False)
    ]
    x_max = float(data["text_x"].max()) * 1.15 if len(data) else None  # room for the labels
    present = palette.present(data["comparison"])
    base = alt.Chart(
        data,
        title=alt.Title(
            title,
            subtitle="Dashed line: England; whiskers: 95% confidence interval"
            if data["lowercl"].notna().any()
            else "Dashed line: England",
        ),
    )
    y = alt.Y(f"{category}:N", title=None, sort="-x", axis=alt.Axis(labelLimit=0))
    bars = base.mark_bar(stroke=palette.OUTLINE, strokeWidth=0.5).encode(
        y=y,
        x=alt.X("value:Q", title=unit, scale=alt.Scale(domainMax=x_max) if x_max and x_max > 0 else alt.Undefined),
        color=comparison_colour("comparison", present),
        tooltip=[
            alt.Tooltip(f"{category}:N", title="Area"),
            alt.Tooltip("value:Q", title="Value"),
            alt.Tooltip("lowercl:Q", title="Lower CI"),
            alt.Tooltip("uppercl:Q", title="Upper CI"),
            alt.Tooltip("label:N", title="vs England"),
            alt.Tooltip("period:N", title="Period"),
        ],
    )
    layers = [bars]
    if data["lowercl"].notna().any():
        layers.append(base.mark_rule(color=palette.INK_SOFT).encode(y=y, x="lowercl:Q", x2="uppercl:Q"))
    layers.append(
        base.mark_text(align="left", dx=4, fontSize=10, color=palette.INK).encode(y=y, x="text_x:Q", text="text:N")
    )
    if benchmark is not None and benchmark == benchmark:
        layers.append(
            alt.Chart(pd.DataFrame({"england": [benchmark]}))
            .mark_rule(strokeDash=[4, 3], color=palette.INK)
            .encode(x="england:Q", tooltip=[alt.Tooltip("england:Q", title="England")])
        )
    return alt.layer(*layers).properties(height=alt.Step(24))


def _indicator_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`indicator_chart`: each indicator's label, whose value it is, its comparison text and where
    that text goes (right of the bar, its interval and England's tick)."""
    frame = with_comparison_labels(frame)
    frame["label_row"] = [
        f"{name} ({period})" for name, period in zip(frame["indicator"], frame["period"], strict=False)
    ]
    frame["shown"] = [
        v if isinstance(v, str) and v else a for v, a in zip(frame["value_for"], frame["area_name"], strict=False)
    ]
    frame["text_x"] = frame[["value", "uppercl", "england_value"]].max(axis=1)
    frame["text"] = [
        f"{v:,.1f}  {label}"
        for v, label in zip(frame["value"], frame["comparison"].map(palette.comparison_short), strict=False)
    ]
    return frame[
        [
            "label_row",
            "shown",
            "value",
            "lowercl",
            "uppercl",
            "england_value",
            "comparison",
            "label",
            "unit",
            "period",
            "text_x",
            "text",
        ]
    ]


def indicator_chart(figures: pd.DataFrame, title: str, subtitle: str = "") -> alt.FacetChart | None:
    """Small multiples: one bar per indicator with its confidence interval and England as a black tick.

    Scales are independent per indicator (units differ). Colour and the text beside the bar give the England
    comparison. Returns None when no indicator has a value.
    """
    frame = figures[figures["value"].notna()].copy()
    if frame.empty:
        return None
    frame = _indicator_rows(frame)
    present = palette.present(frame["comparison"])
    base = alt.Chart()
    colour = comparison_colour("comparison", present, comparison_legend(columns=3))
    tooltip = [
        alt.Tooltip("label_row:N", title="Indicator"),
        alt.Tooltip("shown:N", title="Value for"),
        alt.Tooltip("value:Q", title="Value"),
        alt.Tooltip("lowercl:Q", title="Lower CI"),
        alt.Tooltip("uppercl:Q", title="Upper CI"),
        alt.Tooltip("england_value:Q", title="England"),
        alt.Tooltip("label:N", title="vs England"),
        alt.Tooltip("unit:N", title="Unit"),
    ]
    bars = base.mark_bar(height=16, stroke=palette.OUTLINE, strokeWidth=0.5).encode(
        x=alt.X("value:Q", title=None, scale=alt.Scale(zero=True)),
        y=alt.Y("shown:N", title=None, axis=alt.Axis(labels=False, ticks=False)),
        color=colour,
        tooltip=tooltip,
    )
    whiskers = base.mark_rule(color=palette.INK_SOFT, strokeWidth=1.5).encode(
        x="lowercl:Q", x2="uppercl:Q", y=alt.Y("shown:N")
    )
    england = base.mark_tick(color=palette.INK, thickness=3, size=20).encode(
        x=alt.X("england_value:Q"), y=alt.Y("shown:N"), tooltip=tooltip
    )
    labels = base.mark_text(align="left", dx=6, fontSize=11, fontWeight="bold", color=palette.INK).encode(
        x="text_x:Q", y="shown:N", text="text:N"
    )
    return (
        alt.layer(bars, whiskers, england, labels, data=frame)
        .properties(width=420, height=26)
        .facet(
            row=alt.Row(
                "label_row:N",
                title=None,
                sort=list(frame["label_row"]),
                header=alt.Header(
                    labelAngle=0,
                    labelAlign="left",
                    labelAnchor="start",
                    labelOrient="top",
                    labelFontSize=12,
                    labelLimit=0,
                    labelFontWeight="bold",
                    labelPadding=2,
                ),
            ),
            title=alt.Title(
                title,
                subtitle=[
                    x
                    for x in (
                        subtitle,
                        "Bar = value with confidence interval; black tick "
                        "= England; the text beside each bar says "
                        "how it compares",
                    )
                    if x
                ],
            ),
        )
        .resolve_scale(x="independent")
        .configure_facet(spacing=8)
    )


def gradient_chart(gradient: pd.DataFrame, title: str, facet_width: int = 300) -> alt.FacetChart:
    """Bars by national IMD decile (decile colours, 1 = most deprived) with Wilson intervals, one panel per measure
    (``facet_width`` pixels each)."""
    base = alt.Chart()
    present = [label for label in DECILE_LABELS if label in set(gradient["imd_decile_label"])]
    x = alt.X(
        "imd_decile_label:N",
        title="National IMD decile (1 = most deprived)",
        sort=list(DECILE_LABELS),
        axis=alt.Axis(labelAngle=-40, labelLimit=0),
    )
    bars = base.mark_bar(stroke=palette.OUTLINE, strokeWidth=0.5).encode(
        x=x,
        y=alt.Y("value:Q", title="% of residents"),
        color=alt.Color(
            "imd_decile_label:N",
            legend=None,
            scale=alt.Scale(domain=present, range=[DECILE_COLOURS[DECILE_LABELS.index(p)] for p in present]),
        ),
        tooltip=[
            alt.Tooltip("measure:N"),
            alt.Tooltip("imd_decile_label:N", title="Decile"),
            alt.Tooltip("value:Q", title="%"),
            alt.Tooltip("lowercl:Q", title="Lower CI"),
            alt.Tooltip("uppercl:Q", title="Upper CI"),
            alt.Tooltip("denominator:Q", title="Residents"),
        ],
    )
    whiskers = base.mark_rule(color=palette.INK_SOFT).encode(x=x, y="lowercl:Q", y2="uppercl:Q")
    return (
        alt.layer(bars, whiskers, data=gradient)
        .properties(width=facet_width, height=200)
        .facet(
            column=alt.Column(
                "measure:N", title=None, header=alt.Header(labelFontSize=12, labelFontWeight="bold", labelLimit=0)
            ),
            title=alt.Title(title, subtitle="95% confidence intervals (Wilson); LSOAs grouped by national decile"),
        )
        .resolve_scale(x="independent", y="independent")
    )


#: Smallest label size (points) of a chart as placed on a slide or a printed page.
MIN_PLACED_FONT_PT = 12


def _readable_config(size: float) -> dict[str, dict[str, object]]:
    return {
        "axis": {"labelFontSize": size, "titleFontSize": size, "labelLimit": 0},
        "legend": {"labelFontSize": size, "titleFontSize": size, "labelLimit": 0, "symbolSize": size * 12},
        "header": {"labelFontSize": size, "titleFontSize": size},
        "title": {"fontSize": size + 2, "subtitleFontSize": size, "anchor": "start"},
        "text": {"fontSize": size},
    }


def readable(chart: alt.TopLevelMixin, font_size: float) -> alt.TopLevelMixin:
    """Set every text size of a chart (axes, legends, facet headers, titles) to at least ``font_size``.

    Vega-Lite's defaults (10-11 px) are too small once a chart is scaled onto a slide; with every size set
    explicitly, the placed size of the smallest text is ``font_size`` times the placement scale (see
    :func:`min_font_size`).
    """
    config = _readable_config(float(font_size))
    return (
        chart.configure_axis(**config["axis"])
        .configure_legend(**config["legend"])
        .configure_header(**config["header"])
        .configure_title(**config["title"])
        .configure_text(**config["text"])
    )


def readable_spec(chart: alt.TopLevelMixin, font_size: float) -> dict:
    """The chart's Vega-Lite specification with every text size at least ``font_size`` (see :func:`readable`);
    sizes set explicitly inside the chart (a facet header, a text mark) are raised too."""
    return readable_spec_dict(chart.to_dict(validate=False), font_size)  # built here: skip schema validation


def readable_spec_dict(spec: dict, font_size: float) -> dict:
    """:func:`readable_spec` for a specification already converted to a dict (``spec`` is not modified).

    Converting an Altair chart to a dict costs more than the chart's rendering checks need, so a caller trying
    several sizes converts once and calls this per size. The inline data (``datasets``) is shared, not copied.
    """
    size = float(font_size)
    out = {key: (value if key == "datasets" else copy.deepcopy(value)) for key, value in spec.items()}
    config = out.setdefault("config", {})
    for name, values in _readable_config(size).items():
        config[name] = {**config.get(name, {}), **values}

    def raise_sizes(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key.lower().endswith("fontsize") and isinstance(value, (int, float)):
                    node[key] = max(float(value), size)
                elif key not in ("datasets", "values"):
                    raise_sizes(value)
        elif isinstance(node, list):
            for value in node:
                raise_sizes(value)

    raise_sizes(out)
    return out


def min_font_size(spec: dict | list | object) -> float:
    """The smallest font size set anywhere in a Vega-Lite specification (``inf`` when none is set)."""
    sizes: list[float] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key.lower().endswith("fontsize") and isinstance(value, (int, float)):
                    sizes.append(float(value))
                elif key not in ("datasets", "values"):  # inline data: no sizes there
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
    labels = [
        name.split(": ", 1)[0] if suffix in shared else name for name, suffix in zip(names, suffixes, strict=False)
    ]
    notes = []
    for suffix in sorted(shared):
        which = [label for label, x in zip(labels, suffixes, strict=False) if x == suffix]
        notes.append(f"{which[0]} to {which[-1]}: {suffix}" if len(which) > 2 else f"{' and '.join(which)}: {suffix}")
    return labels, "; ".join(notes)


def england_ratio_chart(figures: pd.DataFrame, title: str, subtitle: str = "") -> alt.VConcatChart | None:
    """One small panel per indicator: the area's value as a bar on an axis in the indicator's own unit, England's
    value as a black tick across the bar's row. Panels are wide and low, so a slide chart stays wider than tall.

    Compact enough to read at slide size. Each panel is titled with the indicator and period, the value, England's
    value and the comparison in words (colour repeats it, never carries it alone), so no
    label sits in the plotting area where England's mark could cross it, and each panel's axis labels stand alone
    (no row label can overprint another). Rows whose value belongs to another area (``value_for``) say whose value
    it is. Returns None when no indicator has both a value and an England value.
    """
    frame = figures[
        figures["value"].notna() & figures["england_value"].notna() & (figures["england_value"] != 0)
    ].copy()
    if frame.empty:
        return None
    own = [str(a) for a in frame["area_name"]]
    shown = [v if isinstance(v, str) and v else a for v, a in zip(frame["value_for"], own, strict=True)]
    labels, dropped = _short_labels([str(n) for n in frame["indicator"]])
    words = {"Not compared (no confidence interval)": "not tested", "Not compared": "not tested"}
    present = [c for c in COMPARISON_COLOURS if c in set(frame["comparison"])]
    colour = alt.Color(
        "comparison:N", legend=None, scale=alt.Scale(domain=present, range=[COMPARISON_COLOURS[c] for c in present])
    )
    panels = []
    for label, row, whose, area in zip(labels, frame.to_dict("records"), shown, own, strict=True):
        unit = str(row["unit"])
        value_text = f"{row['value']:,.1f}{'%' if unit == '%' else ''}"
        england_text = f"{row['england_value']:,.1f}{'%' if unit == '%' else ''}"
        name = f"{label} ({row['period']})" + ("" if whose == area else f" [{_short_area(whose)} value]")
        data = pd.DataFrame(
            [
                {
                    "row": name,
                    "value": float(row["value"]),
                    "england": float(row["england_value"]),
                    "comparison": row["comparison"],
                    "unit": unit,
                }
            ]
        )
        top = max(float(row["value"]), float(row["england_value"])) * 1.1
        x = alt.X(
            "value:Q",
            title=None,
            scale=alt.Scale(domain=[0, top], nice=True),
            axis=alt.Axis(tickCount=3, labelOverlap="greedy", labelFlush=True, format=",.0f" if top >= 10 else ",.1f"),
        )
        bar = (
            alt.Chart(data)
            .mark_bar(height=12, stroke=palette.OUTLINE, strokeWidth=0.5)
            .encode(
                x=x,
                color=colour,
                tooltip=[
                    alt.Tooltip("row:N", title="Indicator"),
                    alt.Tooltip("value:Q", title="Value", format=",.1f"),
                    alt.Tooltip("england:Q", title="England", format=",.1f"),
                    alt.Tooltip("comparison:N", title="vs England"),
                ],
            )
        )
        england = (
            alt.Chart(data)
            .mark_tick(color=palette.INK, thickness=3, size=26)
            .encode(x=alt.X("england:Q", scale=alt.Scale(domain=[0, top], nice=True)))
        )
        heading = textwrap.wrap(
            f"{name}: {value_text} vs England {england_text} ({unit}) · "
            f"{words.get(row['comparison'], str(row['comparison']).lower())}",
            90,
        )
        panels.append(
            alt.layer(bar, england).properties(width=680, height=14, title=alt.Title(heading, anchor="start"))
        )
    notes = [line for x in (subtitle, dropped) if x for line in textwrap.wrap(x, 60)]
    return alt.vconcat(*panels, spacing=4).properties(
        title=alt.Title(
            textwrap.wrap(title, 50),
            subtitle=notes or "Bar: the area's value, in the indicator's unit; black tick = England",
        )
    )


def _short_area(name: str) -> str:
    """ "NHS Lancashire and South Cumbria Integrated Care Board" -> "ICB" (for row labels; the subtitle names it)."""
    return "ICB" if "Integrated Care Board" in name else name
