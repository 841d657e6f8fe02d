"""AppTest of the Core20PLUS5 page: every level, every PLUS measure, confidence, vintage, scorecard."""

from __future__ import annotations

import pytest

from tests.conftest import open_page, page_text


@pytest.fixture()
def at(db):  # noqa: ARG001 - `db` builds the database first
    return open_page("pages/core20plus5.py")


_text = page_text


def _open_tab(app, label: str) -> None:
    """Tabs are lazy (only the open one runs) and bound to the URL; open one as a click would."""
    app.session_state["c20_tab"] = label
    app.run()
    assert not app.exception


def test_default_view_has_cards_for_missing_data(at):
    assert "wards** have at least 50%" in _text(at)
    assert "No open data yet" not in _text(at)  # lazy tabs: the clinical areas have not run yet
    _open_tab(at, "5 clinical areas")
    text = _text(at)
    assert "No open data yet" in text
    assert "smoking at time of delivery" in text
    _open_tab(at, "Scorecard")
    grid = at.dataframe[0].value
    assert list(grid.columns[:5]) == ["Group", "Indicator", "Period", "England", "ICB"]
    cancer = grid[grid["Indicator"] == "Cancers diagnosed at stage 1 or 2 (%)"].iloc[0]
    # Fingertips 93671 (2022, in the database): England 56.8; Blackpool 55.8 similar, Lancashire 53.6 worse
    assert (cancer["Period"], cancer["England"], cancer["Blackpool"], cancer["Lancashire"]) == (
        "2022", "56.8", "55.8 ●", "53.6 ▼")
    assert cancer["ICB"] == ""  # no published ICB value, none estimated; the legend says why
    assert "no published value for the ICB" in " ".join(h.proto.body for h in at.get("html"))


def test_scorecard_cell_click_opens_the_indicator_detail(at):
    _open_tab(at, "Scorecard")
    grid = at.dataframe[0].value
    row = int(grid.index[grid["Indicator"] == "Cancers diagnosed at stage 1 or 2 (%)"][0])
    at.session_state["c20_scorecard_grid"] = {"selection": {"rows": [], "columns": [], "cells": [[row, "Blackpool"]]}}
    at.run()
    assert not at.exception
    assert at.selectbox(key="c20_scorecard_indicator").value == "cancer_stage_1_2"


@pytest.mark.parametrize("level", ["place", "district", "sicbl", "icb", "ward"])
def test_each_level(at, level):
    at.radio(key="c20_level").set_value(level).run()
    assert not at.exception


def test_plus_measures_confidence_and_vintage(at):
    _open_tab(at, "PLUS groups")
    for measure in ("pct_disabled", "pct_aged_65_plus", "pct_aged_0_15", "pct_ethnic_minority"):
        at.selectbox(key="c20_plus_indicator").set_value(measure).run()
        assert not at.exception
    at.radio(key="c20_confidence").set_value("99.8%").run()
    assert not at.exception
    at.session_state["imd_vintage"] = 2025
    at.run()
    assert not at.exception
    assert "IMD 2025" in _text(at)


@pytest.mark.usefixtures("db")
def test_clinical_area_charts_are_built_once_per_icb_and_confidence(monkeypatch):
    """Revisiting the clinical-areas tab (another session, or a rerun) shows the charts already made:
    the Altair builders run only on the first visit, and the page shows the same number of charts each time."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from lsc_phm.render import charts_inequalities
    from tests.conftest import APP_PATH, count_elements

    calls = {"trend_chart": 0, "comparison_bars": 0}
    for name in calls:
        original = getattr(charts_inequalities, name)

        def counting(*args, _name=name, _original=original, **kwargs):
            calls[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(charts_inequalities, name, counting)
    st.cache_data.clear()
    shown = []
    for _ in range(2):
        app = AppTest.from_file(APP_PATH, default_timeout=90)  # a new session each time; caches kept
        app.query_params["c20_tab"] = "5 clinical areas"
        app.switch_page("pages/core20plus5.py")
        app.run()
        assert not app.exception
        shown.append((count_elements(app, "vega_lite_chart") or len(app.get("arrow_vega_lite_chart")), dict(calls)))
    (first_charts, first_calls), (second_charts, second_calls) = shown
    # Lancashire and South Cumbria, IMD 2019: 17 indicator cards; breast screening has no place value ("No open data
    # yet", no chart), the other 16 have values and a trend of 2+ periods (32 charts); QOF asthma is on two cards
    # (respiratory, children's asthma), so 15 distinct charts of each kind are built
    assert first_calls == {"trend_chart": 15, "comparison_bars": 15}
    assert second_calls == first_calls  # nothing rebuilt on the second visit
    assert first_charts == second_charts == 32


def test_core20_movers_block_and_scorecard_comparator(at):
    at.session_state["imd_vintage"] = 2025
    at.run()
    assert not at.exception
    text = _text(at)
    assert "Core20 movers: IMD 2019 to IMD 2025" in [h.value for h in at.subheader] and "not a time series" in text
    movers = next(df.value for df in at.dataframe if "Left: residents (unchanged)" in df.value.columns)
    blackpool = movers.set_index("Area").loc["Blackpool"]  # tests/domain/test_core20_movers.py
    assert (blackpool["Entered: unchanged LSOAs"], blackpool["Left: residents (unchanged)"]) == (1, 7065)
    _open_tab(at, "Scorecard")
    england_grid = at.dataframe[0].value.set_index("Indicator")
    at.radio(key="c20_comparator").set_value("neighbours").run()
    assert not at.exception
    grid = at.dataframe[0].value.set_index("Indicator")
    row = "Cancers diagnosed at stage 1 or 2 (%)"
    # England's column is unchanged; Blackburn with Darwen's 49.0 is worse than England (56.8) and than the median
    # of its neighbours (55.27): the symbol stays ▼, and the detail says which benchmark each row uses
    assert grid.loc[row, "England"] == england_grid.loc[row, "England"] == "56.8"
    assert "Places that are one district or unitary authority" in _text(at)
    # Preventable CVD mortality (under 75), Blackburn with Darwen 47.2: worse than England (30.2), similar to the
    # median of its 15 neighbours (45.16) within its own 95% interval
    cvd = next(i for i in grid.index if str(i).startswith("Preventable CVD mortality"))
    assert england_grid.loc[cvd, "Blackburn with Darwen"].endswith("▼")
    assert grid.loc[cvd, "Blackburn with Darwen"].endswith("●")
