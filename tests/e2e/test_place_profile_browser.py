"""Browser test of the place-profile page (headless Chromium against `streamlit run app.py`)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import choose, screenshot, wait_for_app

pytestmark = pytest.mark.e2e


def test_place_profile_icb(app_url, page):
    page.goto(f"{app_url}/place_profile")
    wait_for_app(page, 120_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_role("heading", name="Place profile and briefing").is_visible()
    assert page.get_by_text("Things to note").first.is_visible()
    assert page.locator("[data-testid='stDownloadButton']").count() >= 10
    path = screenshot(page, "place_profile_icb")
    assert path.stat().st_size > 50_000


def test_place_profile_blackpool_from_url(app_url, page):
    page.goto(f"{app_url}/place_profile?profile_area=QE1-E06000009")
    wait_for_app(page, 120_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("56.3%").first.is_visible()
    assert page.locator("[data-testid='stWarning']").count() == 0
    screenshot(page, "place_profile_blackpool")


def test_place_profile_bad_url_value(app_url, page):
    page.goto(f"{app_url}/place_profile?profile_area=NOPE")
    wait_for_app(page, 120_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("[data-testid='stAlertContentWarning']").first.is_visible() or \
        page.get_by_text("is not the ICB, a place or a district").first.is_visible()


def test_choosing_areas_in_the_menu_by_click(app_url, page):
    # Regression: choosing an area used to write the label into the URL and crash the page
    # ("Cannot directly delete query parameter 'profile_area' - it is bound to a widget").
    page.goto(f"{app_url}/place_profile")
    wait_for_app(page, 120_000)
    for option, code in [("Place: Blackpool", "QE1-E06000009"), ("District: Burnley", "E07000117")]:
        choose(page, "Area", option)
        assert page.locator("[data-testid='stException']").count() == 0
        assert page.locator("[data-testid='stAlertContentWarning']").count() == 0
        # the address bar names the area chosen (a code, not the label), so the link reproduces the view
        page.wait_for_function(f"location.search.includes('profile_area={code}')", timeout=60_000)
    page.get_by_text("2025", exact=True).first.click()  # the vintage radio in the sidebar, after a choice
    wait_for_app(page, 120_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_label("Area").first.is_visible()
