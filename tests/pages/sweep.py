"""What an AppTest page shows, gathered for sweeps across pages: every data frame (tables and the data behind each
chart) and every line of text (titles, markdown, captions, notices)."""

from __future__ import annotations

import pandas as pd
from streamlit import dataframe_util


def _walk(node, element_type: str, found: list) -> list:
    for child in (getattr(node, "children", {}) or {}).values():
        if getattr(child, "type", None) == element_type:
            found.append(child)
        _walk(child, element_type, found)
    return found


def chart_frames(app) -> list[pd.DataFrame]:
    """The data sets behind every Altair chart on the page (as sent to the browser)."""
    frames = []
    for root in app._tree.children.values():
        for chart in _walk(root, "vega_lite_chart", []):
            frames += [dataframe_util.convert_arrow_bytes_to_pandas_df(ds.data.data) for ds in chart.proto.datasets]
    return frames


def table_frames(app) -> list[pd.DataFrame]:
    """Every data frame and static table on the page."""
    return [element.value for element in (*app.dataframe, *app.table)]


def cells(frames: list[pd.DataFrame]) -> set[str]:
    """Every text cell of ``frames``."""
    return {value for frame in frames for column in frame.columns for value in frame[column] if isinstance(value, str)}


def texts(app) -> list[str]:
    """Every piece of text on the page: titles, headers, markdown, captions, notices and metric labels."""
    elements = (
        *app.title,
        *app.header,
        *app.subheader,
        *app.markdown,
        *app.caption,
        *app.info,
        *app.warning,
        *app.error,
        *app.success,
    )
    return [str(e.value) for e in elements] + [m.label for m in app.metric]


def chart_titles(app) -> list[str]:
    """The titles and axis labels' data of every chart: the text of each spec's title."""
    import json

    found = []
    for root in app._tree.children.values():
        for chart in _walk(root, "vega_lite_chart", []):
            spec = json.loads(chart.proto.spec)
            found += [str(t) for t in _titles(spec)]
    return found


def _titles(node) -> list:
    if isinstance(node, dict):
        out = []
        for key, value in node.items():
            if key in ("title", "text", "subtitle") and isinstance(value, str | list):
                out += value if isinstance(value, list) else [value]
            else:
                out += _titles(value)
        return out
    if isinstance(node, list):
        return [t for item in node for t in _titles(item)]
    return []
