"""One period style on every page: "2022-24" (pooled), "2024/25" (financial), "2024" (single), as
:func:`lsc_phm.render.formats.period_label` writes them; never OHID's "2022 - 24" or QOF's "2024-25".

Swept: every table cell, every chart's data (the period axis and tooltips) and title, and every line of text.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from lsc_phm.render.formats import periods_in_text
from tests.conftest import APP_PATH
from tests.pages.sweep import cells, chart_frames, chart_titles, table_frames, texts

_PERIOD = re.compile(r"\b(?:19|20)\d{2}(?:/\d{2})?(?: - |-)\d{2}(?:/\d{2})?\b")


def other_styles(strings) -> set[str]:
    """Periods written in a style other than the app's."""
    return {m.group(0) for s in strings for m in _PERIOD.finditer(str(s)) if periods_in_text(m.group(0)) != m.group(0)}


def test_the_sweep_finds_other_styles() -> None:
    assert other_styles(["LE 2022 - 24", "QOF 2024-25", "2022-24", "2024/25", "aged 20-24", "2018/19 - 20/21"]) == {
        "2022 - 24", "2024-25", "2018/19 - 20/21"}


PAGES = [
    ("home", 2025, {}),
    ("home", 2019, {}),
    ("map_explorer", 2025, {"map_indicator": "qof_hyp", "map_level": "sicbl", "map_table": "true"}),
    ("map_explorer", 2019, {"map_indicator": "le_male", "map_level": "place", "map_table": "true"}),
    ("core20plus5", 2025, {}),
    ("core20plus5", 2025, {"c20_tab": "PLUS groups"}),
    ("core20plus5", 2025, {"c20_tab": "5 clinical areas"}),
    ("core20plus5", 2019, {"c20_tab": "Scorecard"}),
    ("inequalities", 2025, {"ineq_tab": "Life expectancy"}),
    ("place_profile", 2025, {"profile_area": "QE1-E06000009"}),
    ("data_and_methods", 2025, {}),
    ("inequalities", 2019, {"ineq_tab": "Smoking"}),
]


@pytest.mark.parametrize("page, vintage, query", PAGES)
def test_one_period_style(db, page, vintage, query) -> None:
    at = AppTest.from_file(APP_PATH, default_timeout=180)
    at.session_state["imd_vintage"] = vintage
    if page != "home":
        at.switch_page(f"pages/{page}.py")
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    found = {
        "tables": other_styles(cells(table_frames(at))),
        "charts": other_styles(cells(chart_frames(at))) | other_styles(chart_titles(at)),
        "text": other_styles(texts(at)),
    }
    assert found == {"tables": set(), "charts": set(), "text": set()}
