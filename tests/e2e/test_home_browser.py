"""Browser test: the overview page in headless Chromium shows the headline figures and no error."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot, wait_for_app


@pytest.mark.e2e
def test_overview_in_browser(app_url: str, page) -> None:
    page.goto(app_url)
    wait_for_app(page)
    page.wait_for_selector("[data-testid='stMetricValue']")
    text = page.inner_text("[data-testid='stMain']")
    assert "1,701,655" in text and "1,717,511" in text
    assert "Core20 share, IMD 2019" in text
    assert page.locator("[data-testid='stException']").count() == 0
    page.wait_for_selector("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg")
    path = screenshot(page, "overview")
    assert path.stat().st_size > 10_000


@pytest.mark.e2e
def test_data_page_in_browser(app_url: str, page) -> None:
    page.goto(f"{app_url}/data_and_methods")
    wait_for_app(page)
    assert "Data and methods" in page.inner_text("[data-testid='stMain']")
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, "data_and_methods")
