"""Every page, every lazy tab: each chart draws only palette colours, and no table shows a raw column name.

One AppTest run per page and tab checks both, so the whole app is swept once.
"""

from __future__ import annotations

import json

import pytest
from coloraide import Color

from lsc_phm.render import palette, tables
from tests.conftest import run_page, shared_page
from tests.render.test_palette import spec_colours

PAGES = {
    "pages/home.py": (None, [None]),
    "pages/map_explorer.py": ("map_table", [True]),  # the table opened
    "pages/inequalities.py": ("ineq_tab", ["By deprivation", "Life expectancy", "Smoking", "Spine chart"]),
    "pages/core20plus5.py": ("c20_tab", ["Core20", "PLUS groups", "5 clinical areas", "Scorecard"]),
    "pages/place_profile.py": (None, [None]),
    "pages/data_and_methods.py": (None, [None]),
}


def hues(colours: set[str]) -> set[int]:
    """Distinct hues among chromatic colours (OKLCh chroma above 0.03), in 30-degree bins; greys are no hue."""
    out = set()
    for colour in colours:
        lightness, chroma, hue = Color(colour).convert("oklch").coords(nans=False)
        if chroma > 0.03:
            out.add(int(hue // 30))
    return out


def test_hue_counter():
    # ten BuGn decile shades are one or two hues; the six comparison colours are several
    assert len(hues(set(palette.DECILE_COLOURS))) <= 3
    assert len(hues({"#000000", "#ffffff", "#b0b0b0"})) == 0
    assert len(hues({palette.COMPARISON_COLOURS[c] for c in palette.DISTINCT_COMPARISONS})) >= 4


def _views(page: str):
    key, tabs = PAGES[page]
    app = shared_page(page) if tabs == [None] else run_page(page)  # a page without tabs is only read
    for tab in tabs:
        if tab is not None:
            app.session_state[key] = tab
            app.run()
            assert not app.exception, (page, tab)
        yield tab, app


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.usefixtures("db")
def test_charts_use_palette_colours_and_tables_have_human_headers(page):
    allowed = palette.all_colours()
    charts = tables_seen = legends = 0
    for tab, app in _views(page):
        for chart in app.get("vega_lite_chart"):
            spec = json.loads(chart.proto.spec)
            stray = spec_colours(spec) - allowed
            assert not stray, (page, tab, sorted(stray))
            assert len(hues(spec_colours(spec))) <= palette.MAX_HUES, (page, tab, spec.get("title"))
            charts += 1
        for block in app.get("html"):  # map legends and grid legends
            stray = spec_colours(block.proto.body) - allowed
            assert not stray, (page, tab, sorted(stray))
            legends += 1
        for frame in app.dataframe:
            raw = [str(c) for c in frame.value.columns if tables.is_raw_name(str(c))]
            assert not raw, (page, tab, raw)
            tables_seen += 1
    # the sweep saw what each page is known to show
    assert tables_seen > 0 or page == "pages/home.py", page
    assert charts > 0 or page in ("pages/map_explorer.py", "pages/data_and_methods.py"), page
    assert legends > 0 or page not in ("pages/map_explorer.py", "pages/core20plus5.py"), page
