"""Altair trend charts (no streamlit): small multiples over time, one panel per area, England in every panel.

Every colour comes from :mod:`lsc_phm.render.palette`; single years, pooled years and financial years are never
joined into one line; a panel with too few periods shows its points compared with England (colour and shape, from
:mod:`lsc_phm.render.charts`) instead of a trend.
"""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from lsc_phm.render import palette
from lsc_phm.render.charts import comparison_colour, comparison_legend, comparison_shape, with_comparison_labels
from lsc_phm.render.formats import period_label

_POOLED = re.compile(r"^\d{4} - \d{2,4}$")  # Fingertips pooled years: "2021 - 23"
_FINANCIAL = re.compile(r"^\d{4}[/-]\d{2}$")  # "2023/24", QOF "2023-24"
_SINGLE = re.compile(r"^\d{4}$")


def period_type(period: str) -> str:
    """The kind of period a label names: "single year", "pooled years", "financial year" or "other".

    >>> [period_type(p) for p in ("2024", "2021 - 23", "2023/24", "2023-24", "Q1 2024")]
    ['single year', 'pooled years', 'financial year', 'financial year', 'other']
    """
    text = str(period).strip()
    if _SINGLE.match(text):
        return "single year"
    if _POOLED.match(text):
        return "pooled years"
    if _FINANCIAL.match(text):
        return "financial year"
    return "other"


def _trend_panels(
    series: pd.DataFrame, highlight: list[str] | None, min_points: int
) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The rows of :func:`trend_chart`: each area's series with England's beside it in its panel.

    Returns the rows (with ``panel``, ``role``, ``as_points`` and ``line_id``, one line per area and period type),
    the panels' area names in order and the periods in order.
    """
    data = series.copy()
    data["is_england"] = data["is_england"].astype(bool)
    data["period_type"] = data["period"].map(period_type)  # typed from the source's label, then written one way
    data = with_comparison_labels(data)
    data["period"] = data["period"].map(period_label)
    order = data.sort_values("period_sort")["period"].drop_duplicates().tolist()
    local = data[~data["is_england"]]
    names = sorted(local["area_name"].unique())
    if highlight:
        names = [n for n in names if n in set(highlight)] or names
    england = data[data["is_england"]]
    frames = []
    for name in names:
        own = local[local["area_name"] == name].assign(panel=name, role="Area")
        points = own["value"].notna().sum()
        own = own.assign(as_points=points < min_points)
        frames.append(own)
        frames.append(england.assign(panel=name, role="England", as_points=False))
    if not frames:  # England only
        frames.append(england.assign(panel="England", role="England", as_points=False))
    panels = pd.concat(frames, ignore_index=True)
    panels["line_id"] = panels["role"] + " · " + panels["period_type"]
    return panels, names, order


def trend_chart(
    series: pd.DataFrame,
    title: str,
    unit: str,
    highlight: list[str] | None = None,
    columns: int = 3,
    min_points: int = 3,
) -> alt.FacetChart:
    """Small multiples over time: one panel per area (shared y scale), England as a dashed black line in each.

    * One series colour (:data:`palette.SERIES`) and black for England: never more than two hues.
    * One period type per line: single years, pooled years and financial years are never joined into one line
      (each type is its own line segment, told apart by ``detail``).
    * A panel with fewer than ``min_points`` periods is not a trend: its points are drawn alone, coloured and
      shaped by their comparison with England (``comparison`` column, as from
      :func:`lsc_phm.domain.benchmarking.series_comparison`; "Not compared" without one).

    Parameters
    ----------
    series : pandas.DataFrame
        ``area_name``, ``period``, ``period_sort``, ``value``, ``lowercl``, ``uppercl``, ``is_england`` and
        optionally ``comparison``.
    title, unit : str
    highlight : list of str, optional
        Only these areas get panels (default: every area).
    columns : int, default 3
        Panels per row.
    min_points : int, default 3
        Fewer periods than this are shown as points, not as a line.
    """
    panels, names, order = _trend_panels(series, highlight, min_points)
    x = alt.X("period:N", sort=order, title="Period", axis=alt.Axis(labelAngle=-45, labelLimit=0))
    y = alt.Y("value:Q", title=unit, scale=alt.Scale(zero=False))
    tooltip = [
        alt.Tooltip("area_name:N", title="Area"),
        alt.Tooltip("period:N", title="Period"),
        alt.Tooltip("value:Q", title="Value"),
        alt.Tooltip("lowercl:Q", title="Lower CI"),
        alt.Tooltip("uppercl:Q", title="Upper CI"),
        alt.Tooltip("label:N", title="vs England"),
    ]
    base = alt.Chart()
    layers: list[alt.Chart] = []
    if panels.loc[panels["role"] == "Area", "lowercl"].notna().any():
        layers.append(
            base.transform_filter("datum.role == 'Area' && !datum.as_points && isValid(datum.lowercl)")
            .mark_area(opacity=0.15, color=palette.SERIES)
            .encode(x=x, y=alt.Y("lowercl:Q", title=unit), y2="uppercl:Q", detail="line_id:N")
        )
    layers.append(
        base.transform_filter("datum.role == 'England'")
        .mark_line(color=palette.INK, strokeDash=[6, 3], strokeWidth=1.5)
        .encode(x=x, y=y, detail="line_id:N", tooltip=tooltip)
    )
    mixed = panels["period_type"].nunique() > 1
    width = (
        alt.condition("datum.period_type == 'pooled years'", alt.value(1), alt.value(2.5)) if mixed else alt.value(2)
    )
    layers.append(
        base.transform_filter("datum.role == 'Area' && !datum.as_points")
        .mark_line(color=palette.SERIES, point=alt.OverlayMarkDef(color=palette.SERIES, size=20))
        .encode(
            x=x,
            y=y,
            detail="line_id:N",
            strokeWidth=width,
            tooltip=[*tooltip, alt.Tooltip("period_type:N", title="Period type")],
        )
    )
    few = panels[(panels["role"] == "Area") & panels["as_points"]]
    if not few.empty:
        present = palette.present(few["comparison"])
        legend = comparison_legend(columns=3)
        layers.append(
            base.transform_filter("datum.role == 'Area' && datum.as_points")
            .mark_point(filled=True, size=120, opacity=1, stroke=palette.INK, strokeWidth=0.8)
            .encode(
                x=x,
                y=y,
                color=comparison_colour("comparison", present, legend),
                shape=comparison_shape("comparison", present, legend),
                tooltip=tooltip,
            )
        )
    subtitle = "Green line: the area; black dashed line: England in every panel; shared scale"
    if not few.empty:
        subtitle += f"; fewer than {min_points} periods are shown as points compared with England, not as a trend"
    if mixed:
        subtitle += "; single-year and pooled periods are separate lines (thin line: pooled years)"
    return (
        alt.layer(*layers, data=panels)
        .properties(width=190, height=140)
        .facet(
            facet=alt.Facet("panel:N", title=None, sort=names, header=alt.Header(labelFontWeight="bold", labelLimit=0)),
            columns=columns,
            title=alt.Title(title, subtitle=subtitle),
        )
        .resolve_scale(y="shared")
    )
