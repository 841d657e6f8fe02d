"""Browser test of the 'Your data' page with a real file chooser: a good 50-LSOA file is mapped, and each bad file
shows its message (files written to a temporary folder and picked with page.set_input_files)."""

from __future__ import annotations

import re

import pytest

from tests.domain.test_uploads import BAD_FILES, fifty_lsoa_file
from tests.e2e.conftest import screenshot, wait_for_app
from tests.e2e.test_map_browser import _wait_for_polygons

FILE_INPUT = "[data-testid='stFileUploader'] input[type='file']"


def _open(app_url, page) -> None:
    page.goto(app_url)  # the app's root first (see test_inequalities_browser)
    wait_for_app(page, timeout_ms=120_000)
    page.goto(f"{app_url}/your_data")
    wait_for_app(page, timeout_ms=120_000)
    assert page.locator("[data-testid='stException']").count() == 0


def _choose_file(page, path, uploader: int = 0) -> None:
    """Pick a file in the page's ``uploader``-th file chooser (0 = values by area, 1 = a list of codes)."""
    box = page.locator("[data-testid='stFileUploader']").nth(uploader)
    remove = box.locator("[data-testid='stFileUploaderDeleteBtn'] button")
    if remove.count():  # one file at a time: take the previous one away first
        remove.first.click()
        wait_for_app(page, timeout_ms=120_000)
    box.locator("input[type='file']").set_input_files(str(path))
    page.wait_for_timeout(500)
    wait_for_app(page, timeout_ms=120_000)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.e2e
def test_fifty_lsoas_are_mapped_and_graded(app_url, page, db, tmp_path):
    lsoas = (
        db.execute(
            "select lsoa_code from mart_lsoas where imd_vintage = 2025 and icb_code = 'E54000048' order by lsoa_code"
        )
        .iloc[::20]
        .head(50)
        .reset_index(drop=True)
    )
    path = tmp_path / "fifty.csv"
    path.write_bytes(fifty_lsoa_file(lsoas))
    _open(app_url, page)
    _choose_file(page, path)
    assert page.locator("[data-testid='stException']").count() == 0
    assert "50 LSOA 2021 areas read" in _flat(page.locator("[data-testid='stAlert']").first.inner_text())
    _wait_for_polygons(page, 50)  # the 50 uploaded LSOAs, drawn offline (canvas; see test_map_browser)
    assert page.get_by_text("By deprivation").count() >= 1
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for(timeout=60_000)
    screenshot(page, "your_data_fifty_lsoas")


@pytest.mark.e2e
def test_each_bad_file_gets_its_message_in_the_browser(app_url, page, tmp_path):
    _open(app_url, page)
    # the chooser states the app's own limit (server.maxUploadSize = 50), not Streamlit's default 200MB
    assert re.search(r"\b50 ?MB per file", page.locator("[data-testid='stFileUploader']").first.inner_text())
    for case, (name, data, message) in BAD_FILES.items():
        if case == "not a table":  # the chooser only offers .csv and .xlsx
            continue
        path = tmp_path / name
        path.write_bytes(data)
        _choose_file(page, path)
        if case == "50 MB":  # the chooser itself refuses it (server.maxUploadSize = 50, the app's own limit)
            page.get_by_text(re.compile(r"must be 50(\.0)? ?MB or smaller")).first.wait_for(timeout=60_000)
            continue
        alert = page.locator("[data-testid='stAlert']").filter(has_text=f"{name} cannot be used")
        alert.first.wait_for(timeout=60_000)
        assert _flat(alert.first.inner_text()).endswith(_flat(message)), case
        assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, "your_data_bad_file")


@pytest.mark.e2e
def test_an_uploaded_list_of_codes_becomes_an_area_in_the_place_profile(app_url, page, db, tmp_path):
    """The neighbourhood-team flow: upload a list of LSOA codes, then open the place profile in the same session."""
    lsoas = db.execute(
        "select lsoa_code, imd_decile, deprivation_population from mart_lsoas where imd_vintage = 2025 "
        "and ward_code in ('E05015186', 'E05015187', 'E05015188') order by lsoa_code"
    )
    w = lsoas["deprivation_population"]
    share = f"{100.0 * w[lsoas['imd_decile'] <= 2].sum() / w.sum():.1f}%"  # by hand: 51.9%
    path = tmp_path / "our_patch.csv"
    path.write_text("code\n" + "\n".join(lsoas["lsoa_code"]) + "\n")
    _open(app_url, page)
    _choose_file(page, path, uploader=1)
    assert page.locator("[data-testid='stException']").count() == 0
    page.get_by_text("User-defined area").first.wait_for(timeout=60_000)
    assert page.get_by_text(share).first.is_visible()
    page.get_by_role("link", name="Place profile and briefing").first.click()  # same session: the area is kept
    wait_for_app(page, timeout_ms=120_000)
    box = page.get_by_role("combobox", name="Area").first
    box.click()
    page.keyboard.type("Your area")  # the list is long and virtualised: filter it to the user-defined area
    page.get_by_role("option", name="Your area (user-defined), from our patch.csv: My area", exact=True).click()
    wait_for_app(page, timeout_ms=120_000)
    assert page.locator("[data-testid='stException']").count() == 0
    page.get_by_text("computed here from 13 LSOAs").first.wait_for(timeout=60_000)
    assert page.get_by_text(share).first.is_visible()
    screenshot(page, "place_profile_user_area")
