"""lsc_phm.render.images: charts to PNG without a browser, each distinct chart rendered once."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from lsc_phm.render import images


def _chart(height: int) -> alt.Chart:
    frame = pd.DataFrame({"place": ["Blackpool", "Blackburn with Darwen"], "share": [54.0, 45.5]})
    return alt.Chart(frame).mark_bar().encode(x="share:Q", y="place:N").properties(width=200, height=height)


def test_png_is_rendered_once_per_distinct_chart():
    images.spec_png.cache_clear()
    first = images.chart_png(_chart(100))
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    again = images.chart_png(_chart(100))  # a new but identical chart object: served from the cache
    assert again is first
    assert images.spec_png.cache_info().hits == 1
    other = images.chart_png(_chart(140))
    assert other != first and images.spec_png.cache_info().misses == 2


def test_a_spec_vega_lite_cannot_compile_is_refused():
    with pytest.raises(ValueError):
        images.spec_png('{"mark": "no-such-mark", "data": {"values": []}}')
