"""Browser test: at 800 px the sidebar starts closed, and the IMD vintage switch is still on the page; switching it
changes the address bar and the figures. At 1440 px the sidebar is open and holds the only visible switch."""

from __future__ import annotations

from tests.e2e.conftest import screenshot, server_log, wait_for_app

BOX = ".st-key-imd_vintage_compact_box"


def test_vintage_switch_reachable_at_800_px(app_url: str, browser) -> None:
    context = browser.new_context(viewport={"width": 800, "height": 1400})
    page = context.new_page()
    try:
        page.goto(app_url)
        wait_for_app(page)
        page.wait_for_selector("[data-testid='stExpandSidebarButton']", state="visible", timeout=15_000)
        compact = page.locator(BOX)
        compact.wait_for(state="visible", timeout=15_000)
        # IMD 2025: the smoking chart has no 2024 value for the three authorities partly in the ICB (said under it)
        page.get_by_text("Not shown, no 2024 value: Cumberland (part)").wait_for(timeout=30_000)
        screenshot(page, "vintage_compact_800")
        compact.get_by_text("2019", exact=True).click()
        page.wait_for_url("**imd_vintage=2019**", timeout=30_000)
        wait_for_app(page)
        # IMD 2019 (2019 districts): every district has a 2024 value, partial ones marked "(part)"
        page.get_by_text("an authority only partly in the ICB").first.wait_for(timeout=30_000)
        assert page.get_by_text("Not shown, no 2024 value").count() == 0
        assert compact.locator("input[type='radio']").nth(0).is_checked()  # 2019 is the first option
        # another page keeps the vintage, and its switch shows it
        page.goto(f"{app_url}/data_and_methods?imd_vintage=2019")
        wait_for_app(page)
        page.locator(BOX).wait_for(state="visible", timeout=15_000)
        assert page.locator(BOX).locator("input[type='radio']").nth(0).is_checked()
        screenshot(page, "vintage_compact_800_data_and_methods")
        # the copy writes the radio's session value on purpose (ui/vintage.py); .streamlit/config.toml keeps Streamlit
        # from logging that as a widget set both by default and through the Session State API
        assert "also had its value set via the Session State API" not in server_log(app_url)
    finally:
        context.close()


def test_compact_switch_hidden_while_sidebar_open_at_1440_px(app_url: str, browser) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 1400})
    page = context.new_page()
    try:
        page.goto(app_url)
        wait_for_app(page)
        page.wait_for_selector("[data-testid='stSidebar'][data-collapsed='false']", timeout=15_000)
        page.wait_for_selector("[data-testid='stMetricValue']")
        assert page.locator(BOX).count() == 1 and not page.locator(BOX).is_visible()
        screenshot(page, "vintage_compact_1440")
        # closing the sidebar brings the compact switch out
        page.locator("[data-testid='stSidebar']").hover()  # the collapse button shows on hover
        page.locator("[data-testid='stSidebarCollapseButton'] button").click()
        page.locator(BOX).wait_for(state="visible", timeout=15_000)
    finally:
        context.close()
