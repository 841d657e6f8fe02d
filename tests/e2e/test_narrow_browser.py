"""Browser test at 800 px: the sidebar starts collapsed, headline numbers are shown whole, charts fit the page."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot, wait_for_app


@pytest.mark.e2e
def test_overview_at_800_px(app_url: str, browser) -> None:
    context = browser.new_context(viewport={"width": 800, "height": 1000})
    page = context.new_page()
    try:
        page.goto(app_url)
        wait_for_app(page)
        page.wait_for_selector("[data-testid='stMetricValue']")
        # collapsed: the sidebar's "expand" button is shown and its "collapse" button is gone
        page.wait_for_selector("[data-testid='stExpandSidebarButton']", state="visible", timeout=15_000)
        assert page.locator("[data-testid='stSidebarCollapseButton'] button").count() == 0
        values = page.locator("[data-testid='stMetricValue']")
        texts = [values.nth(i).inner_text() for i in range(values.count())]
        assert "1,701,655" in texts and "1,717,511" in texts  # whole, not "1,70…"
        clipped = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stMetricValue"] *')]
            .filter(e => e.scrollWidth > e.clientWidth + 1).length""")
        assert clipped == 0
        main_width = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').clientWidth")
        widest = page.evaluate("""() => Math.max(...[...document.querySelectorAll(
            '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg')]
            .map(e => e.getBoundingClientRect().right))""")
        assert widest <= main_width + 1  # no chart runs off the right-hand edge
        screenshot(page, "overview_800")
    finally:
        context.close()
