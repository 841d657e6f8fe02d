"""Every chart on every page can be downloaded as PNG and every table as CSV (issue: downloads everywhere)."""

from __future__ import annotations

import pytest

from tests.conftest import count_elements, shared_page

PAGES = [
    "pages/home.py",
    "pages/inequalities.py",
    "pages/core20plus5.py",
    "pages/place_profile.py",
    "pages/data_and_methods.py",
    "pages/map_explorer.py",
    "pages/your_data.py",
]


@pytest.mark.usefixtures("db")
def test_counting_finds_the_overview_charts() -> None:
    # The overview draws 4 charts (deciles by place, male and female HLE, smoking): the counter must see them.
    app = shared_page("home")
    assert count_elements(app, "vega_lite_chart") == 4


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.usefixtures("db")
def test_each_chart_and_table_has_a_download(page: str) -> None:
    app = shared_page(page)
    charts = count_elements(app, "vega_lite_chart")
    tables = count_elements(app, "dataframe")
    buttons = [b.proto.label for b in app.get("download_button")]
    png = sum(label.endswith("PNG") for label in buttons)
    csv = sum("CSV" in label for label in buttons)
    assert png >= charts, f"{page}: {charts} charts but {png} PNG downloads"
    assert csv >= tables, f"{page}: {tables} tables but {csv} CSV downloads"
