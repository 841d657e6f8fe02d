"""A shared link reproduces what the user sees: choices made by click reach the browser's address bar as
codes, and opening that address in a new browser session shows the same choices.

Covers every URL-synced widget: the place profile's Area (``profile_area``), the map explorer's indicator, geography
and period (``map_indicator``, ``map_level``, ``map_period``; written by ``ui.url.sync``), the inequalities page's tab
(``ineq_tab``, bound by Streamlit) and the sidebar's IMD vintage (``imd_vintage``, bound by Streamlit).
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import assert_no_exception, choose, open_page

pytestmark = pytest.mark.e2e


def _fresh_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    return context, context.new_page()


def _box(page, label: str) -> str:
    """What a selectbox shows (its chosen option's label)."""
    return page.get_by_role("combobox", name=label).first.input_value()


def _reopen(browser, link: str, check) -> None:
    """Open ``link`` in a new browser session (nothing shared but the address) and run ``check(page)``."""
    context, page = _fresh_page(browser)
    try:
        open_page(page, link)
        assert_no_exception(page, f"opening {link}")
        check(page)
    finally:
        context.close()


def test_place_profile_link_reopens_the_area_chosen(app_url, page, browser):
    open_page(page, f"{app_url}/place_profile")
    choose(page, "Area", "District: Burnley")
    page.wait_for_function("location.search.includes('profile_area=E07000117')", timeout=60_000)
    link = page.evaluate("location.href")
    assert link.endswith("/place_profile?profile_area=E07000117")  # the code, never the label
    _reopen(browser, link, lambda again: _check_box(again, "Area", "District: Burnley"))


def test_map_explorer_link_reopens_indicator_geography_and_period(app_url, page, browser):
    open_page(page, f"{app_url}/map_explorer")
    choose(page, "Indicator", "Smoking · Smoking prevalence (adults 18+)")
    # districts are this indicator's first (default) level, so the link leaves them out; places are written
    choose(page, "Geography", "Place")
    page.wait_for_function(
        "location.search.includes('map_indicator=smoking_adults') && location.search.includes('map_level=place')",
        timeout=60_000,
    )
    periods = page.get_by_role("combobox", name="Period").first
    periods.click()
    options = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    assert len(options) >= 2, options  # smoking prevalence has several years by place
    older = options[1]
    choose(page, "Period", older)
    page.wait_for_function(
        "p => new URLSearchParams(location.search).get('map_period') === p", arg=older, timeout=60_000
    )
    link = page.evaluate("location.href")
    shown = {label: _box(page, label) for label in ("Indicator", "Geography", "Period")}
    assert shown == {"Indicator": "Smoking · Smoking prevalence (adults 18+)", "Geography": "Place", "Period": older}
    _reopen(browser, link, lambda again: [_check_box(again, label, value) for label, value in shown.items()])


def test_inequalities_link_reopens_the_tab_and_vintage(app_url, page, browser):
    open_page(page, f"{app_url}/inequalities")
    page.get_by_role("tab", name="Smoking").click()
    page.get_by_text("2019", exact=True).first.click()  # the sidebar's IMD vintage (the default is 2025)
    page.wait_for_function(
        "location.search.includes('ineq_tab=Smoking') && location.search.includes('imd_vintage=2019')", timeout=60_000
    )
    link = page.evaluate("location.href")

    def check(again) -> None:
        selected = again.eval_on_selector_all("[role=tab][aria-selected=true]", "t => t.map(x => x.innerText)")
        assert selected == ["Smoking"]
        assert again.get_by_role("radio", name="2019").first.is_checked()

    _reopen(browser, link, check)


def _check_box(page, label: str, value: str) -> None:
    assert _box(page, label) == value, f"{label}: {_box(page, label)!r} instead of {value!r}"
