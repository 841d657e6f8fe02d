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
    images.clear_cache()
    first = images.chart_png(_chart(100))
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    again = images.chart_png(_chart(100))  # a new but identical chart object: served from the cache
    assert again is first
    assert images.cache_stats()["hits"] == 1
    other = images.chart_png(_chart(140))
    assert other != first and images.cache_stats()["misses"] == 2


def test_size_is_read_from_the_png():
    rendered = images.render_spec(_chart(100).to_json(validate=False), scale=2.0)
    assert images.png_size(rendered.png) == (rendered.width_px, rendered.height_px)
    # 200 x 100 plot plus axes and labels, at 2 pixels per unit
    assert rendered.width_px > 400 and rendered.height_px > 200 and rendered.scale == 2.0
    with pytest.raises(ValueError, match="not a PNG"):
        images.png_size(b"GIF89a" + b"\0" * 30)


def test_threads_render_each_distinct_chart_once():
    images.clear_cache()
    specs = [_chart(h).to_json(validate=False) for h in (60, 70, 60, 80)]
    rendered = images.render_specs(specs)
    assert [r.height_px for r in rendered][0] == rendered[2].height_px
    assert rendered[0].height_px < rendered[1].height_px < rendered[3].height_px
    stats = images.cache_stats()
    assert stats["hits"] + stats["misses"] == 4 and stats["misses"] in (3, 4)  # two threads may race on one spec


def test_disk_cache_is_read_back_and_dropped_when_the_database_changes(tmp_path):
    spec = _chart(90).to_json(validate=False)
    try:
        folder = images.use_disk_cache(tmp_path, "ab" * 32)
        images.clear_cache()
        first = images.render_spec(spec)
        assert len(list(folder.glob("*.png"))) == 1
        images.clear_cache()  # a new process: memory empty, the disk has it
        again = images.render_spec(spec)
        assert again.png == first.png and images.cache_stats() == {"hits": 0, "disk_hits": 1, "misses": 0, "kept": 1}
        newer = images.use_disk_cache(tmp_path, "cd" * 32)  # the database was rebuilt: old pictures removed
        assert not folder.exists() and newer.is_dir() and not list(newer.iterdir())
        with pytest.raises(ValueError, match="fingerprint"):
            images.use_disk_cache(tmp_path, "../x")
    finally:
        images.use_disk_cache(None)


def test_a_spec_vega_lite_cannot_compile_is_refused():
    with pytest.raises(ValueError):
        images.spec_png('{"mark": "no-such-mark", "data": {"values": []}}')
