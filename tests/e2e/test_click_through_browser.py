"""Click through every widget of every page in the browser, as a user would, and fail on any exception.

Widgets are discovered on the page (not listed here), so the test keeps up with pages that change: every radio
option, every tab, every checkbox/toggle (on and back off), and the first, middle and last option of every selectbox
(option lists are virtualised; see :func:`tests.e2e.conftest.pick_option`). After each click the page must show no
exception box and the server log no traceback. Widgets that appear only after another choice (e.g. the district filter
for LSOAs) are visited when they appear; widgets inside a tab are visited while that tab is open (tabs are lazy), and
the sidebar's IMD vintage radio is visited on every page. A page stops after :data:`MAX_CLICKS` clicks.

Clicking matters: choosing an option such as "Place: Blackpool" on the place profile also rewrites a URL parameter
bound to a widget, which Streamlit refuses ("Cannot directly delete query parameter ... bound to a widget") if done
the wrong way; only a click shows it.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.conftest import (
    assert_no_exception,
    assert_no_new_traceback,
    open_page,
    pick_option,
    server_log,
    settle,
    streamlit_server,
    visible_widgets,
    wait_for_app,
)
from tests.pages.test_url_params import PAGES

pytestmark = pytest.mark.e2e

MAX_CLICKS = 60
CLICKS: dict[str, list[str]] = {}


@pytest.fixture(scope="module")
def click_app_url(db) -> str:  # noqa: ARG001 - `db` builds the database first
    with streamlit_server("streamlit_click_through.log") as url:
        yield url
    print(
        "\nclick-through: "
        + ", ".join(f"/{path} {len(clicks)}" for path, clicks in CLICKS.items())
        + f"; {sum(map(len, CLICKS.values()))} clicks in all"
    )


def _choices(kind: str, options: int) -> list[str]:
    # last option first, so that each widget ends on its first (usually default) option and the widgets visited
    # after it see the page's default state (e.g. the map explorer's IMD score by LSOA, with its district filter)
    if kind == "selectbox":
        return ["last", "middle", "first"]
    if kind == "radio":
        return [str(i) for i in reversed(range(options))]
    if kind == "checkbox":
        return ["on/off", "back"]
    return ["open"]


def _open_tab(page) -> str:
    return " ".join(page.eval_on_selector_all("[role=tab][aria-selected=true]", "tabs => tabs.map(t => t.innerText)"))


def _click(page, kind: str, label: str, choice: str) -> str:
    """Do one click; return what was chosen (for the failure message)."""
    if kind == "selectbox":
        return pick_option(page, label, choice)
    if kind == "radio":
        group = (
            page.locator("[data-testid='stRadio']")
            .filter(has=page.locator("[data-testid='stWidgetLabel']", has_text=re.compile(f"^{re.escape(label)}$")))
            .first
        )
        option = group.locator("label").filter(has=page.locator("input[type=radio]")).nth(int(choice))
        text = option.inner_text()
        option.click()
    elif kind == "checkbox":
        box = page.locator("[data-testid='stCheckbox']").filter(has_text=re.compile(f"^{re.escape(label)}$")).first
        text = label
        box.click()
    else:
        page.get_by_role("tab", name=label, exact=True).first.click()
        text = label
    settle(page)
    if kind == "tab":  # a lazy tab draws its content in the rerun that its click starts
        try:
            page.wait_for_function(
                """() => [...document.querySelectorAll('[role=tabpanel]')].some(
                p => p.offsetHeight > 0 && p.querySelector('[data-testid=stElementContainer]'))""",
                timeout=30_000,
            )
        except PlaywrightTimeout:
            pass  # an empty tab
        wait_for_app(page, 120_000)
    return text


def test_every_page_is_in_the_navigation(browser, click_app_url: str) -> None:
    page = browser.new_page()
    open_page(page, click_app_url)
    links = page.eval_on_selector_all("[data-testid='stSidebarNav'] a", "links => links.map(a => a.href)")
    page.close()
    assert sorted(link.removeprefix(click_app_url).strip("/") for link in links) == sorted(PAGES)


@pytest.mark.parametrize("path", PAGES)
def test_click_through_every_widget(page, click_app_url: str, path: str) -> None:
    offset = len(server_log(click_app_url))
    open_page(page, f"{click_app_url}/{path}")
    assert_no_exception(page, f"/{path}")
    offset = assert_no_new_traceback(click_app_url, offset, f"/{path}")
    done: set[tuple[str, ...]] = set()
    clicks: list[str] = CLICKS.setdefault(path or "overview", [])
    started = time.perf_counter()
    while len(clicks) < MAX_CLICKS:
        tab = _open_tab(page)
        todo = None
        for kind, label, options, in_tab in sorted(visible_widgets(page), key=lambda w: w[0] == "tab"):  # tabs last
            # widgets inside a tab are visited once per open tab (tab panels reuse labels); the rest once per page
            scope = tab if in_tab else ""
            todo = next(
                (
                    (kind, label, choice, scope)
                    for choice in _choices(kind, options)
                    if (kind, label, choice, scope) not in done
                ),
                None,
            )
            if todo:
                break
        if todo is None:
            break
        kind, label, choice, scope = todo
        done.add(todo)
        what = f"/{path}: {kind} {label!r} -> {choice}" + (f" (tab {scope})" if scope else "")
        chosen = _click(page, kind, label, choice)
        clicks.append(f"{what} [{chosen[:40]}]")
        assert_no_exception(page, what)
        offset = assert_no_new_traceback(click_app_url, offset, what)
    seconds = time.perf_counter() - started
    print(f"/{path}: {len(clicks)} clicks in {seconds:.0f} s:\n  " + "\n  ".join(clicks))
    assert clicks, f"/{path}: no widget found to click"
