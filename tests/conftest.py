"""Shared fixtures: the built database (built once if stale) and the configured ICB in each vintage."""

from __future__ import annotations

from pathlib import Path

import pytest

from lsc_phm.domain import geography
from lsc_phm.store import build
from lsc_phm.store.db import Database, open_database

#: app.py by absolute path (AppTest resolves relative paths against its caller's file).
APP_PATH = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture(scope="session", autouse=True)
def _scan_component_manifests_once():
    """Scan installed packages for Streamlit component manifests once per test session, not once per AppTest.

    Every fresh ``AppTest`` run calls ``streamlit.components.v2.manifest_scanner.scan_component_manifests``, which
    reads the metadata of every installed distribution: about 0.2 s of CPU per run, most of the cost of a cheap page
    run (profiled with cProfile, Streamlit 1.67). The installed packages do not change during a test session.
    """
    import functools

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


def open_page(page: str):
    """An AppTest of app.py switched to ``page`` (caches cleared), after checking it ran without an exception."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    app = AppTest.from_file(APP_PATH, default_timeout=90)
    app.run()
    app.switch_page(page)
    app.run()
    assert not app.exception
    return app


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
