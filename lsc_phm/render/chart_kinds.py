"""Charts drawn from data: a chart kind, the frame it plots and its options, as :mod:`lsc_phm.reports` describes
each chart of a profile and a briefing without drawing it.

Reports hand over plain data (an object with ``kind``, ``frame`` and ``options``, :class:`ChartData`); the page, the
PowerPoint, the PDF handout and the HTML each draw it here with :func:`draw`, so one description gives one chart
everywhere. The kinds are the drawing functions of :mod:`lsc_phm.render.charts` and
:mod:`lsc_phm.render.charts_inequalities`, called as ``function(frame, **options)``, and :func:`trend_panels`.

References
----------
.. [1] Satyanarayan A, Moritz D, Wongsuphasawat K, Heer J. Vega-Lite: a grammar of interactive graphics. IEEE
   Transactions on Visualization and Computer Graphics 2017;23:341-350.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

import altair as alt
import pandas as pd

from lsc_phm.render import charts, charts_inequalities, palette


class ChartData(Protocol):
    """What :func:`draw` needs: the chart's kind (a key of :data:`KINDS`), its frame and its keyword options."""

    kind: str
    frame: pd.DataFrame
    options: Mapping[str, Any]


def trend_panels(frame: pd.DataFrame, panels: list[dict[str, Any]]) -> alt.TopLevelMixin:
    """Small trend charts, two a row: the area and England in each indicator's own unit, the area solid, England
    dashed; each panel titled with its indicator and a subtitle (e.g. its tested direction).

    Parameters
    ----------
    frame : pandas.DataFrame
        ``indicator_id, period, value, who`` (``who``: the area's name or "England"), all panels' rows.
    panels : list of dict
        One per panel, in order: ``indicator_id``, ``title``, ``subtitle``, ``unit``, ``area_name`` and ``periods``
        (the area's periods in order, which set the x axis).

    Raises
    ------
    ValueError
        If there is no panel.
    """
    if not panels:
        raise ValueError("trend_panels needs at least one panel")
    drawn = []
    for panel in panels:
        data = frame[frame["indicator_id"] == panel["indicator_id"]].drop(columns="indicator_id")
        title = alt.Title(panel["title"], subtitle=panel["subtitle"], anchor="start")
        who = [panel["area_name"], "England"]
        drawn.append(
            alt.Chart(data, title=title)
            .mark_line(point=True)
            .encode(
                x=alt.X(
                    "period:N",
                    sort=list(panel["periods"]),
                    title=None,
                    axis=alt.Axis(labelAngle=-45, labelOverlap="greedy"),
                ),
                y=alt.Y("value:Q", title=panel["unit"], scale=alt.Scale(zero=False), axis=alt.Axis(tickCount=4)),
                color=alt.Color("who:N", title=None, scale=alt.Scale(domain=who, range=[palette.SERIES, palette.INK])),
                strokeDash=alt.StrokeDash("who:N", legend=None, scale=alt.Scale(domain=who, range=[[1, 0], [4, 3]])),
            )
            .properties(width=260, height=140)
        )
    grid = alt.vconcat(*[alt.hconcat(*drawn[i : i + 2]) for i in range(0, len(drawn), 2)])
    return grid.configure_legend(orient="bottom")


#: Every chart kind a report may ask for, with the function that draws it.
KINDS: dict[str, Callable[..., Any]] = {
    "decile_share": charts.decile_share_chart,
    "decile_share_slide": charts.decile_share_slide_chart,
    "indicator": charts.indicator_chart,
    "england_ratio": charts.england_ratio_chart,
    "gradient": charts.gradient_chart,
    "comparison_bars": charts_inequalities.comparison_bars,
    "trend_panels": trend_panels,
}


def draw(chart: ChartData) -> alt.TopLevelMixin:
    """The Altair chart of ``chart``: ``KINDS[chart.kind](chart.frame, **chart.options)``.

    Raises
    ------
    ValueError
        If the kind is unknown, or its function draws nothing from this frame.
    """
    function = KINDS.get(chart.kind)
    if function is None:
        raise ValueError(f"unknown chart kind '{chart.kind}'; kinds: {', '.join(KINDS)}")
    drawn = function(chart.frame, **dict(chart.options))
    if drawn is None:
        raise ValueError(f"a '{chart.kind}' chart has nothing to draw in this frame")
    return drawn
