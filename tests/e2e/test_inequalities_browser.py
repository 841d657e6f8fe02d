"""Browser check of the inequalities and Core20PLUS5 pages (screenshots for a human look)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot, wait_for_app


@pytest.mark.e2e
@pytest.mark.parametrize("path", ["inequalities", "core20plus5"])
def test_page_loads_without_exception(app_url, page, path):
    # open the app at its root first: a first-ever session that starts on a page URL can make Streamlit fall back
    # to the legacy pages/ directory navigation (conventions B1), which would not show the app's own sidebar
    page.goto(app_url)
    wait_for_app(page, timeout_ms=120_000)
    page.goto(f"{app_url}/{path}")
    wait_for_app(page, timeout_ms=120_000)
    page.wait_for_timeout(1500)
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, f"{path}_top")
    # open every tab so each one is drawn and photographed
    tabs = page.get_by_role("tab")
    for index in range(tabs.count()):
        tabs.nth(index).click()
        wait_for_app(page, timeout_ms=120_000)
        page.wait_for_timeout(1000)
        assert page.locator("[data-testid='stException']").count() == 0
        screenshot(page, f"{path}_tab{index + 1}")


@pytest.mark.e2e
def test_practice_funnel_plot_draws(app_url, page):
    page.goto(app_url)
    wait_for_app(page, timeout_ms=120_000)
    page.goto(f"{app_url}/inequalities")
    wait_for_app(page, timeout_ms=120_000)
    page.get_by_text("GP practices (QOF, OHID)").click()
    wait_for_app(page, timeout_ms=120_000)
    heading = page.get_by_text("Funnel plot: which practices stand out?")
    heading.wait_for(timeout=60_000)
    heading.scroll_into_view_if_needed()
    page.get_by_text("England", exact=True).first.click()  # benchmark: England
    wait_for_app(page, timeout_ms=120_000)
    page.get_by_text("Centre line: England", exact=False).first.wait_for(timeout=60_000)
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, "inequalities_practice_funnel")
