"""Browser tests: start `streamlit run app.py` headless on a free port and drive Debian's Chromium with Playwright.

Screenshots go to ``screenshots/`` (git-ignored). In CI (CI=true) a missing Chromium is a failure; on a developer
machine without /usr/bin/chromium the browser tests are skipped with a message saying how to install it.

Under pytest-xdist (``make test`` runs ``pytest -n 2``) browser tests may run in both workers at once, each worker
with its own server(s) and Chromium. Nothing collides: each server takes a port the system hands out (and retries on
another if that port was taken before the server bound it), server logs carry the worker's name, and every test
writes its own screenshots. (``--dist loadgroup`` would keep them in one worker, but with pytest 9.2 and
pytest-xdist 3.8 it does not group: xdist marks a group by rewriting ``item._nodeid``, which pytest 9 no longer reads.)
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("LSC_PHM_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/e2e as ``e2e``, so ``-m "not e2e"`` leaves all browser tests out."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _log_path(log_name: str) -> Path:
    """``screenshots/<log_name>``, with the xdist worker's name (gw0, gw1...) before the suffix under xdist."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    name = Path(log_name)
    return SCREENSHOTS / (f"{name.stem}.{worker}{name.suffix}" if worker else log_name)


#: Attempts at starting a server when the port it was given is taken meanwhile (by another worker's server).
PORT_ATTEMPTS = 3


#: The log file of each running server, by URL (see :func:`server_log`).
SERVER_LOGS: dict[str, Path] = {}


@contextlib.contextmanager
def streamlit_server(log_name: str = "streamlit.log"):
    """Start `streamlit run app.py` on a free port, yield its URL, stop it; fail on a traceback in its log."""
    log = _log_path(log_name)
    log.parent.mkdir(exist_ok=True)
    for attempt in range(PORT_ATTEMPTS):
        port = _free_port()
        with log.open("w") as handle:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "streamlit",
                    "run",
                    "app.py",
                    "--server.headless",
                    "true",
                    "--server.port",
                    str(port),
                    "--browser.gatherUsageStats",
                    "false",
                ],
                cwd=ROOT,
                stdout=handle,
                stderr=subprocess.STDOUT,
            )
        url = f"http://127.0.0.1:{port}"
        if _wait_until_healthy(process, url, log):
            break
        if attempt == PORT_ATTEMPTS - 1:
            pytest.fail(f"streamlit could not get a free port in {PORT_ATTEMPTS} attempts: {log.read_text()[-2000:]}")
    SERVER_LOGS[url] = log
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    assert "Traceback" not in log.read_text(), f"the app logged a traceback: {log.read_text()[-3000:]}"
    # static/ is in the repository, so a fresh start never warns about it
    assert "no static folder found" not in log.read_text(), "Streamlit started without the static/ folder"


def _wait_until_healthy(process: subprocess.Popen, url: str, log: Path) -> bool:
    """Wait for the server's health check; False if it exited because its port was taken, fail on anything else."""
    deadline = time.time() + 90
    while time.time() < deadline:
        if process.poll() is not None:
            if "is not available" in log.read_text():  # Streamlit 1.67: "Port 8501 is not available"
                return False
            pytest.fail(f"streamlit exited early with code {process.returncode}: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return True
        except OSError:
            time.sleep(0.5)
    process.kill()
    pytest.fail("streamlit did not answer its health check within 90 s")


@pytest.fixture(scope="session")
def app_url(db) -> str:  # noqa: ARG001 - `db` builds the database first
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} not found: install Debian's 'chromium' package to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    page = context.new_page()
    yield page
    context.close()


def wait_for_app(page, timeout_ms: int = 60_000) -> None:
    """Wait until Streamlit has finished running the script and no skeleton is left."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout_ms)
    page.wait_for_function("document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0", timeout=timeout_ms)


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under screenshots/ and return its path."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def choose(page, label: str, option: str, timeout_ms: int = 120_000) -> None:
    """Open a selectbox (a react-aria combobox in Streamlit 1.67) by its label, click an option, wait for the rerun.

    The list is opened only once the app is idle, and the choice is confirmed: the box must show ``option`` after the
    rerun. A rerun that is still sending the page can redraw the box while its list is open, and the click then lands
    on nothing (the choice is silently lost; the page and its URL rightly keep the old value), so a lost click is
    retried once, and a second loss fails here, with what the box shows, rather than later as a missing URL change.
    """
    settle(page, timeout_ms)
    box = page.get_by_role("combobox", name=label).first
    wanted = page.get_by_role("option", name=option, exact=True)
    for _attempt in range(2):
        box.click()
        try:
            wanted.wait_for(timeout=5_000)
        except PlaywrightTimeout:  # not in view (the list is virtualised): type to filter it
            box.fill(option)
        wanted.click()
        settle(page, timeout_ms)
        shown = box.input_value() if box.evaluate("e => 'value' in e") else box.inner_text()
        if option in shown:
            return
    pytest.fail(f"choosing {option!r} in {label!r} did not take: the box shows {shown!r}")


def server_log(url: str) -> str:
    """Everything the server at ``url`` has logged so far (stdout and stderr)."""
    return SERVER_LOGS[url].read_text(errors="replace")


def assert_no_new_traceback(url: str, offset: int, what: str) -> int:
    """Fail on a traceback logged since ``offset`` (a length of :func:`server_log`); return the log's new length."""
    text = server_log(url)
    new = text[offset:]
    assert "Traceback" not in new, f"{what}: the server logged a traceback:\n{new[-3000:]}"
    return len(text)


def assert_no_exception(page, what: str) -> None:
    """Fail if the page shows Streamlit's exception box or an error box."""
    boxes = page.locator("[data-testid='stException']")
    assert boxes.count() == 0, f"{what}: exception shown: {boxes.first.inner_text()[:1000]}"


def foreign_elements(page, app_url: str) -> list[str]:
    """Links and images in the app's main area and sidebar that point anywhere but the app itself.

    Returns ``"a <href>"`` / ``"img <src>"`` strings for every ``<a href>`` whose host is not the app's (or whose scheme
    is not http(s)) and every ``<img>`` whose ``src`` is not the app's own, a ``data:`` or a ``blob:`` URL. Component
    iframes (the Leaflet map) are not searched: they draw the app's own data, not URL text.
    """
    return page.evaluate(
        """(origin) => {
            const roots = [...document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebar"]')];
            const out = [];
            for (const root of roots) {
                for (const a of root.querySelectorAll('a[href]')) {
                    const href = a.getAttribute('href');
                    let url;
                    try { url = new URL(href, location.href); } catch (e) { out.push('a ' + href); continue; }
                    if (url.origin !== origin) out.push('a ' + url.href);
                }
                for (const img of root.querySelectorAll('img')) {
                    const src = img.getAttribute('src') || '';
                    if (src.startsWith('data:') || src.startsWith('blob:')) continue;
                    let url; try { url = new URL(src, location.href); } catch (e) { out.push('img ' + src); continue; }
                    if (url.origin !== origin || !src) out.push('img ' + src);
                }
            }
            return out;
        }""",
        app_url,
    )


def settle(page, timeout_ms: int = 120_000) -> None:
    """Wait for the rerun a click starts: the script state may still read 'notRunning' just after the click."""
    page.wait_for_timeout(400)
    wait_for_app(page, timeout_ms)


def open_page(page, url: str, timeout_ms: int = 120_000) -> None:
    """Go to ``url`` and wait until the app has settled (a page may rerun itself once, see ui.frame)."""
    page.goto(url)
    wait_for_app(page, timeout_ms)
    settle(page, timeout_ms)


# ---------------------------------------------------------------------------------------------- generic widget driving
def visible_widgets(page) -> list[tuple[str, str, int, bool]]:
    """The widgets on screen as (kind, label, options, in_tab): selectboxes, radios, tabs, checkboxes/toggles.

    ``options`` is the number of radio options (0 for the others: a selectbox's options are counted when it opens);
    ``in_tab`` says whether the widget sits inside a tab's panel. Labels identify widgets between reruns; a widget
    without a label, or disabled, is skipped.
    """
    return [
        tuple(w)
        for w in page.evaluate(
            """() => {
            const visible = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
            const inTab = (e) => !!e.closest('[role=tabpanel]');
            const out = [];
            for (const c of document.querySelectorAll('[data-testid="stSelectbox"] [role=combobox]'))
                if (visible(c) && !c.disabled && c.getAttribute('aria-label'))
                    out.push(['selectbox', c.getAttribute('aria-label'), 0, inTab(c)]);
            for (const r of document.querySelectorAll('[data-testid="stRadio"]')) {
                const label = r.querySelector('[data-testid="stWidgetLabel"]');
                const inputs = [...r.querySelectorAll('input[type=radio]')];
                if (visible(r) && label && label.innerText.trim() && !inputs.every(i => i.disabled))
                    out.push(['radio', label.innerText.trim(), inputs.length, inTab(r)]);
            }
            for (const t of document.querySelectorAll('[role=tab]'))
                if (visible(t) && t.innerText.trim()) out.push(['tab', t.innerText.trim(), 0, false]);
            for (const c of document.querySelectorAll('[data-testid="stCheckbox"]')) {
                const input = c.querySelector('input');
                if (visible(c) && input && !input.disabled && c.innerText.trim())
                    out.push(['checkbox', c.innerText.trim(), 0, inTab(c)]);
            }
            return out;
        }"""
        )
    ]


def pick_option(page, label: str, which: str, timeout_ms: int = 120_000) -> str:
    """Open the selectbox ``label`` and choose its first, middle or last option (``which``); return the option text.

    The option list is virtualised (only the options in view exist in the page), so the first and last are reached
    with Home/End and the middle one by scrolling the list half-way.
    """
    combobox = page.get_by_role("combobox", name=label, exact=True).first
    combobox.click()
    listbox = page.get_by_role("listbox").last
    try:
        listbox.wait_for(timeout=10_000)
    except Exception:  # the list did not open on a click (e.g. the page re-rendered the box): open it by keyboard
        combobox.focus()
        page.keyboard.press("ArrowDown")
        listbox.wait_for(timeout=10_000)
    if which == "middle":
        options = listbox.get_by_role("option")
        total = int(options.first.get_attribute("aria-setsize") or options.count())
        target = total // 2 + 1
        listbox.evaluate(
            """(lb, target) => {
            let s = lb; while (s && s.scrollHeight <= s.clientHeight) s = s.parentElement;
            const first = lb.querySelector('[role=option]');
            if (s && first) s.scrollTop = (target - 1) * first.getBoundingClientRect().height;
        }""",
            target,
        )
        page.wait_for_timeout(200)
        options = listbox.get_by_role("option")
        best = min(
            range(options.count()),
            key=lambda i: abs(int(options.nth(i).get_attribute("aria-posinset") or i + 1) - target),
        )
        option = options.nth(best)
        text = option.inner_text()
        option.click()
    else:
        page.keyboard.press("Home" if which == "first" else "End")
        focused = listbox.locator("[role=option][data-focused]")
        text = focused.first.inner_text() if focused.count() else ""
        page.keyboard.press("Enter")
    settle(page, timeout_ms)
    return text
