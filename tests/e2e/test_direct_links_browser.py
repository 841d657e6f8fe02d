"""Every page opened by direct link on a freshly started server runs inside app.py's frame.

Regression test: with a `pages/` folder next to app.py, Streamlit 1.67 serves a direct link through its legacy
page discovery until some session has run `st.navigation`; `ui.frame.require_app_frame` reroutes it.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot, streamlit_server, wait_for_app

PAGES = ["map_explorer", "inequalities", "core20plus5", "place_profile", "data_and_methods", "your_data"]


@pytest.fixture(scope="module")
def fresh_app_url(db) -> str:  # noqa: ARG001 - `db` builds the database first
    with streamlit_server("streamlit_direct_links.log") as url:
        yield url


@pytest.mark.e2e
@pytest.mark.parametrize("path", PAGES)
def test_direct_link_runs_inside_the_frame(fresh_app_url: str, page, path: str) -> None:
    page.goto(f"{fresh_app_url}/{path}")
    wait_for_app(page)
    try:  # the guard's rerun through app.py can start after the first run has finished on a loaded machine
        page.wait_for_function(
            "(document.querySelector(\"[data-testid='stSidebar']\")?.innerText || '').includes('IMD vintage')",
            timeout=60_000,
        )
    except Exception:
        pass  # the assertion below says what the sidebar shows
    wait_for_app(page)
    sidebar = page.inner_text("[data-testid='stSidebar']")
    assert "IMD vintage" in sidebar, f"/{path} was not run through app.py: sidebar shows {sidebar[:200]!r}"
    assert "Place profile and briefing" in sidebar  # titles from app.py's st.navigation, not file names
    assert page.locator("[data-testid='stException']").count() == 0
    if path == PAGES[0]:
        screenshot(page, "direct_link_map_explorer")
