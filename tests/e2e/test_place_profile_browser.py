"""Browser test of the place-profile page (headless Chromium against `streamlit run app.py`)."""

from __future__ import annotations

from pathlib import Path

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
    assert (
        page.locator("[data-testid='stAlertContentWarning']").first.is_visible()
        or page.get_by_text("is not the ICB, a place or a district").first.is_visible()
    )


def test_choosing_areas_in_the_menu_by_click(app_url, page):
    # Choosing an area writes its code into the URL, which Streamlit refuses for a widget-bound parameter if done the
    # wrong way ("Cannot directly delete query parameter 'profile_area' - it is bound to a widget").
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


def test_briefing_downloads_and_the_static_map_on_demand(app_url, page):
    # The page is built without the static map and without the briefing libraries (server memory): the map is
    # drawn when its section's "More" is opened, the files when their button is clicked. Both must still work.
    import io
    import zipfile

    from PIL import Image

    page.goto(f"{app_url}/place_profile?profile_area=QE1-E06000009")
    wait_for_app(page, 120_000)
    assert page.locator("[data-testid='stImage']").count() == 0
    page.get_by_text("More: every sentence, picture and table of this section").first.click()
    page.locator("[data-testid='stImage']").first.wait_for(timeout=120_000)
    wait_for_app(page, 120_000)
    assert page.get_by_text("LSOAs by national IMD decile (static map; decile 1 = most deprived)").first.is_visible()
    with page.expect_download(timeout=120_000) as png_download:
        page.get_by_role("button", name="Download PNG").first.click()
    assert png_download.value.suggested_filename == "briefing_QE1-E06000009_blackpool_imd2025_lsoa_decile_map.png"
    with Image.open(png_download.value.path()) as picture:  # closed: an open file is a ResourceWarning, an error here
        assert picture.size[0] > 500

    wait_for_app(page, 120_000)  # the PNG button's rerun has finished: a click during it can be lost
    page.get_by_text("Download the briefing (PowerPoint, HTML, PDF)").first.click()
    page.get_by_role("button", name="Printable HTML").first.wait_for(state="visible", timeout=60_000)
    wait_for_app(page, 120_000)
    with page.expect_download(timeout=180_000) as html_download:
        page.get_by_role("button", name="Printable HTML").first.click()
    document = Path(html_download.value.path()).read_text(encoding="utf-8")
    assert html_download.value.suggested_filename == "briefing_QE1-E06000009_blackpool_imd2025.html"
    assert "<h1>Place profile: Blackpool</h1>" in document
    assert "alt='Population and Core20 share: lsoa decile map' src='data:image/png;base64," in document  # the map
    with page.expect_download(timeout=180_000) as pptx_download:
        page.get_by_role("button", name="PowerPoint (editable)").first.click()
    deck = Path(pptx_download.value.path()).read_bytes()
    assert pptx_download.value.suggested_filename == "briefing_QE1-E06000009_blackpool_imd2025.pptx"
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        assert "ppt/presentation.xml" in archive.namelist()
        assert sum(name.startswith("ppt/slides/slide") for name in archive.namelist()) >= 8
    assert page.locator("[data-testid='stException']").count() == 0
