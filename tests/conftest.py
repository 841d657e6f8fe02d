"""Shared fixtures: the built database (built once if stale) and the configured ICB in each vintage."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from lsc_phm.domain import geography
from lsc_phm.store import build
from lsc_phm.store.db import Database, open_database

#: app.py by absolute path (AppTest resolves relative paths against its caller's file).
APP_PATH = str(Path(__file__).resolve().parents[1] / "app.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under ``--dist loadgroup`` (the Makefile's), every test that reads a built place profile runs on one xdist
    worker, so each profile is built once per run (:func:`built_profile`) instead of once per worker."""
    for item in items:
        if "built_profile" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("built_profile"))


@pytest.fixture(scope="session", autouse=True)
def _scan_component_manifests_once():
    """Scan installed packages for Streamlit component manifests once per test session, not once per AppTest.

    Every fresh ``AppTest`` run calls ``streamlit.components.v2.manifest_scanner.scan_component_manifests``, which
    reads the metadata of every installed distribution: about 0.2 s of CPU per run, most of the cost of a cheap page
    run (profiled with cProfile, Streamlit 1.67). The installed packages do not change during a test session.
    """
    from streamlit.components.v2 import manifest_scanner

    original = manifest_scanner.scan_component_manifests
    manifest_scanner.scan_component_manifests = functools.cache(original)
    yield
    manifest_scanner.scan_component_manifests = original


@pytest.fixture(scope="session", autouse=True)
def _no_network():
    """No test may open a socket to a non-local address (tests/network_guard.py); the attempts are recorded."""
    from tests import network_guard

    network_guard.install()
    yield network_guard.ATTEMPTS
    network_guard.uninstall()
    assert not network_guard.ATTEMPTS, f"tests tried to reach non-local addresses: {network_guard.ATTEMPTS}"


@pytest.fixture(scope="session")
def db() -> Database:
    if build.is_stale():
        build.build()
    database = open_database()
    yield database
    database.close()


@pytest.fixture(scope="session")
def icb2019(db: Database) -> geography.Icb:
    return geography.resolve_icb(db, "E54000048", 2019)


@pytest.fixture(scope="session")
def icb2025(db: Database) -> geography.Icb:
    return geography.resolve_icb(db, "E54000048", 2025)


@pytest.fixture(scope="session")
def built_profile(db: Database):
    """``place_report.build`` for tests: each ICB, area and options built once per test process (a profile reads the
    database for some seconds), and every call handed its own deep copy (a few milliseconds), so a test that adds to
    a profile (a story, a map) changes nothing another test sees."""
    import copy

    from lsc_phm.reports import place_report

    built = {}

    def build(icb: geography.Icb, area: str, with_map: bool = True, page_charts: bool = True):
        key = (icb, area, with_map, page_charts)
        if key not in built:
            built[key] = place_report.build(db, icb, area, with_map=with_map, page_charts=page_charts)
        return copy.deepcopy(built[key])

    return build


def _page_file(page: str) -> str:
    """``page`` as app.py's navigation names it: "home" and "pages/home.py" are one page."""
    return page if page.startswith("pages/") else f"pages/{page}.py"


def run_page(page: str, vintage: int | None = None, timeout: float = 120, **query: str):
    """A fresh AppTest session of app.py opened on ``page`` ("pages/x.py", or "home"), run once.

    ``vintage`` goes into the session state before the first run (as the sidebar switch would set it) and ``query``
    into the URL. Streamlit's data caches are kept: every cached function is keyed by its arguments (ICB, vintage,
    indicator...), so a warm cache changes what a page costs, not what it shows. A test that changes what the
    database or the configuration holds clears the caches itself.
    """
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(APP_PATH, default_timeout=timeout)
    if vintage is not None:
        app.session_state["imd_vintage"] = vintage
    page = _page_file(page)
    if page != "pages/home.py":
        app.switch_page(page)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@functools.cache
def _shared_page(page: str, vintage: int | None, query: tuple[tuple[str, str], ...]):
    return run_page(page, vintage, **dict(query))


def shared_page(page: str, vintage: int | None = None, **query: str):
    """The finished AppTest of ``page`` in this state, run once per test process and shared by every test that asks
    for the same page, vintage and URL: for tests that only read what the page shows. A test that clicks, chooses or
    runs the page again takes its own with :func:`run_page`."""
    return _shared_page(_page_file(page), vintage, tuple(sorted(query.items())))


def open_page(page: str):
    """An AppTest of app.py switched to ``page``, after checking it ran without an exception."""
    return run_page(page, timeout=90)


def page_text(app) -> str:
    """All markdown, captions, warnings and info boxes of an AppTest page, joined."""
    parts = (
        [m.value for m in app.markdown]
        + [c.value for c in app.caption]
        + [w.value for w in app.warning]
        + [i.value for i in app.info]
    )
    return "\n".join(parts)


def count_elements(app, element_type: str) -> int:
    """Count elements of a type (e.g. "vega_lite_chart") anywhere in an AppTest page tree."""

    def walk(node) -> int:
        children = getattr(node, "children", {}) or {}
        return sum((getattr(c, "type", None) == element_type) + walk(c) for c in children.values())

    return sum(walk(root) for root in app._tree.children.values())
