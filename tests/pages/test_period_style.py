"""One period style on every page: "2022-24" (pooled), "2024/25" (financial), "2024" (single), as
:func:`lsc_phm.render.formats.period_label` writes them; never OHID's "2022 - 24" or QOF's "2024-25".

Swept: every table cell, every chart's data (the period axis and tooltips) and title, and every line of text.
"""

from __future__ import annotations

import re

import pytest

from lsc_phm.render.formats import periods_in_text
from tests.conftest import run_page, shared_page
from tests.domain.test_uploads import fifty_lsoa_file
from tests.pages.sweep import cells, chart_frames, chart_titles, table_frames, texts

_PERIOD = re.compile(r"\b(?:19|20)\d{2}(?:/\d{2})?(?: - |-)\d{2}(?:/\d{2})?\b")


def _fifty_lsoas(db) -> bytes:
    frame = db.execute(
        "select lsoa_code from mart_lsoas where imd_vintage = 2025 and icb_code = 'E54000048' order by lsoa_code"
    )
    return fifty_lsoa_file(frame.iloc[::20].head(50).reset_index(drop=True))


def other_styles(strings) -> set[str]:
    """Periods written in a style other than the app's."""
    return {m.group(0) for s in strings for m in _PERIOD.finditer(str(s)) if periods_in_text(m.group(0)) != m.group(0)}


def test_the_sweep_finds_other_styles() -> None:
    assert other_styles(["LE 2022 - 24", "QOF 2024-25", "2022-24", "2024/25", "aged 20-24", "2018/19 - 20/21"]) == {
        "2022 - 24",
        "2024-25",
        "2018/19 - 20/21",
    }


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
    ("attention", 2025, {"attention_area": "blackpool", "attention_indicator": "children_absolute_low_income"}),
    ("attention", 2019, {"attention_area": "QE1-E06000008", "attention_comparator": "neighbours"}),
    ("your_data", 2025, {}),
]


@pytest.mark.parametrize("page, vintage, query", PAGES)
def test_one_period_style(db, page, vintage, query) -> None:
    if page == "your_data":  # the page shows periods only once a file is read: the 50-LSOA test file
        at = run_page(page, vintage, **query)
        at.file_uploader(key="your_file").set_value(("fifty.csv", _fifty_lsoas(db), "text/csv")).run()
        assert not at.exception and at.success
    else:
        at = shared_page(page, vintage, **query)
    found = {
        "tables": other_styles(cells(table_frames(at))),
        "charts": other_styles(cells(chart_frames(at))) | other_styles(chart_titles(at)),
        "text": other_styles(texts(at)),
    }
    assert found == {"tables": set(), "charts": set(), "text": set()}
