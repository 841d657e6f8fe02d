"""Render Altair charts to PNG without a browser (vl-convert), for downloads and briefings."""

from __future__ import annotations

import functools

import altair as alt
import vl_convert as vlc

#: Distinct chart images kept in memory (a briefing's PPTX and HTML share theirs; each is some 100 KB).
PNG_CACHE_SIZE = 32


def chart_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """Return the chart as PNG bytes (data embedded in the spec; no network access).

    The spec is serialised without Altair's jsonschema validation, which costs more than building it: vl-convert
    compiles the spec itself and raises on one it cannot render. The same spec is rendered once per process
    (:func:`spec_png` is cached), so a briefing's PPTX and HTML share their chart images.
    """
    return spec_png(chart.to_json(validate=False), scale=scale)


@functools.lru_cache(maxsize=PNG_CACHE_SIZE)
def spec_png(spec: str, scale: float = 2.0) -> bytes:
    """Return a Vega-Lite JSON specification rendered as PNG bytes (cached by spec and scale)."""
    return vlc.vegalite_to_png(spec, scale=scale)
