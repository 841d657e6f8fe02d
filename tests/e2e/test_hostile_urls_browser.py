"""Hostile links: every page opened with attacker-controlled text in every URL parameter the app reads.

Each page is loaded once with clean parameters (the baseline: the hosts it contacts on its own, e.g. map tiles, and
its own outside links, e.g. the licence) and then once per payload with that payload in *every* parameter at once.
After each load: no exception box, no traceback in the server log, no ``<a>`` or ``<img>`` pointing outside the app in
the main area or sidebar beyond the baseline's, no request to a host the clean page did not contact (and never to a
payload's host), no JavaScript dialog, and every echoed value shortened to 60 characters.

Cases that need care: ``?profile_area=![x](http://host/track.png) [Session expired: sign in](https://evil.example/
login)`` must show neither a working phishing link nor make the browser fetch the image; and URL text inside
backslash escapes must not be turned into links by GitHub-flavoured Markdown's autolinks.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import pytest

from tests.e2e.conftest import (
    assert_no_exception,
    assert_no_new_traceback,
    foreign_elements,
    open_page,
    server_log,
    streamlit_server,
)
from tests.pages.test_url_params import URL_PARAMETERS, VIEW_IDS, VIEWS

pytestmark = pytest.mark.e2e

PAYLOADS = {
    "phishing": "![x](http://127.0.0.1:9/track.png) [Session expired: sign in](https://evil.example/login)",
    "autolinks": "https://evil.example/login www.evil.example phish@evil.example",
    "html": "<img src=x onerror=alert(1)><script>alert(2)</script><a href='https://evil.example'>x</a>",
    "directives": ":red[x] :material/warning: $$x$$ **bold** # heading `code`",
    # 4,500 characters in each of the 17 parameters: about 100 KB of link in all once encoded, under the web server's
    # limit on a request (a longer link is refused by Tornado with an HTTP error before the app runs)
    "long": ("[Sign in](https://evil.example/login) " * 300)[:4_500],
}
FORBIDDEN_HOSTS = ("evil.example", "127.0.0.1:9")
#: Pages that say which link value they could not use (the others ignore unknown values silently).
ECHOING_PAGES = ("map_explorer", "place_profile")


@pytest.fixture(scope="module")
def hostile_app_url(db) -> str:  # noqa: ARG001 - `db` builds the database first
    with streamlit_server("streamlit_hostile_urls.log") as url:
        yield url


@pytest.fixture(scope="module")
def baseline() -> dict[str, tuple[set[str], set[str]]]:
    """Per page, with clean parameters: the hosts it contacts and its own outside links (e.g. the licence's)."""
    return {}


def _load(browser, url: str) -> tuple[object, list[str], list[str], object]:
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    page = context.new_page()
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_page(page, url)
    page.wait_for_timeout(1500)  # let images and component iframes start their requests
    return page, requests, dialogs, context


@pytest.mark.parametrize("payload_name", list(PAYLOADS))
@pytest.mark.parametrize(("path", "fixed"), VIEWS, ids=VIEW_IDS)
def test_hostile_values_in_every_parameter(
    browser, hostile_app_url: str, baseline, path: str, fixed: dict, payload_name: str
) -> None:
    """A lazy tab (``fixed``: the parameter that opens it) gets the payload in every other parameter."""
    app_host = urlsplit(hostile_app_url).netloc
    clean = f"{path}?{urlencode(fixed)}" if fixed else path
    if clean not in baseline:
        page, requests, _, context = _load(browser, f"{hostile_app_url}/{clean}")
        assert_no_exception(page, f"/{clean} (clean)")
        own_links = set(foreign_elements(page, hostile_app_url))
        assert not {link for link in own_links if any(bad in link for bad in FORBIDDEN_HOSTS)}
        baseline[clean] = ({urlsplit(r).netloc for r in requests if r.startswith("http")}, own_links)
        context.close()
    baseline_hosts, own_links = baseline[clean]
    payload = PAYLOADS[payload_name]
    offset = len(server_log(hostile_app_url))
    query = urlencode({**{name: payload for name in URL_PARAMETERS}, **fixed})
    what = f"/{clean} with the {payload_name} payload in {len(URL_PARAMETERS) - len(fixed)} parameters"
    page, requests, dialogs, context = _load(browser, f"{hostile_app_url}/{path}?{query}")
    try:
        assert_no_exception(page, what)
        assert_no_new_traceback(hostile_app_url, offset, what)
        injected = set(foreign_elements(page, hostile_app_url)) - own_links
        assert not injected, f"{what}: links or images to other hosts: {sorted(injected)}"
        hosts = {urlsplit(r).netloc for r in requests if r.startswith("http")}
        assert not {h for h in hosts if any(bad in h for bad in FORBIDDEN_HOSTS)}, f"{what}: {sorted(hosts)}"
        unexpected = hosts - baseline_hosts - {app_host}
        assert not unexpected, f"{what}: requests to {sorted(unexpected)}"
        assert not dialogs, f"{what}: a script ran ({dialogs})"
        text = page.inner_text("[data-testid='stMain']")
        assert payload[:200] not in text, f"{what}: the value was echoed unshortened"
        echoed = page.eval_on_selector_all("[data-testid='stAlert'] code", "codes => codes.map(c => c.innerText)")
        assert all(len(value) <= 60 for value in echoed), f"{what}: echoed at length {max(map(len, echoed))}"
        if path in ECHOING_PAGES:
            assert echoed, f"{what}: the page did not say that the link's value is not available"
    finally:
        context.close()
