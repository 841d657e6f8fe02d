"""Browser test of the place-profile page (headless Chromium against `streamlit run app.py`)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot, wait_for_app

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
