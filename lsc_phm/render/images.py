"""Render Altair charts to PNG without a browser (vl-convert), for downloads and briefings."""

from __future__ import annotations

import altair as alt
import vl_convert as vlc


def chart_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """Return the chart as PNG bytes (data embedded in the spec; no network access)."""
    return spec_png(chart.to_json(), scale=scale)


def spec_png(spec: str, scale: float = 2.0) -> bytes:
    """Return a Vega-Lite JSON specification rendered as PNG bytes."""
    return vlc.vegalite_to_png(spec, scale=scale)
