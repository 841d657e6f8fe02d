"""AppTest of the two IMD vintage controls (sidebar radio and the compact copy at the top of the page body): one
value, whichever is used."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP_PATH


@pytest.fixture()
def app(db) -> AppTest:  # noqa: ARG001 - `db` builds the database first
    return AppTest.from_file(APP_PATH, default_timeout=90)


def _lsoas(app: AppTest) -> str:
    return " ".join(c.value for c in app.sidebar.caption)


def test_compact_switch_changes_the_shared_vintage_and_the_sidebar_follows(app: AppTest) -> None:
    app.run()
    compact = app.radio(key="imd_vintage_compact")
    assert compact.value == 2025 and app.sidebar.radio(key="imd_vintage").value == 2025
    assert "1,060 LSOAs" in _lsoas(app)  # IMD 2025: QE1's 2021 LSOAs
    compact.set_value(2019).run()
    assert not app.exception
    # IMD 2019: QE1's 1,058 2011 LSOAs; the sidebar radio (bound to the URL) shows the same vintage
    assert app.session_state["imd_vintage"] == 2019
    assert app.sidebar.radio(key="imd_vintage").value == 2019
    assert "1,058 LSOAs" in _lsoas(app)
    assert app.query_params.get("imd_vintage") in ("2019", ["2019"])


def test_sidebar_switch_moves_the_compact_copy(app: AppTest) -> None:
    app.query_params["imd_vintage"] = "2019"
    app.run()
    assert app.radio(key="imd_vintage_compact").value == 2019
    app.sidebar.radio(key="imd_vintage").set_value(2025).run()
    assert not app.exception
    assert app.radio(key="imd_vintage_compact").value == 2025
    assert "1,060 LSOAs" in _lsoas(app)
