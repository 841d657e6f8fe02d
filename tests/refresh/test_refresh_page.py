"""Data and methods: the sources table, the refresh button behind a confirmation, and a refusal shown on the page."""

from __future__ import annotations

import pytest

from tests.conftest import open_page, page_text
from tests.refresh.conftest import snapshot


def test_sources_table_and_confirmation_before_any_download(replay, workspace):
    app = open_page("pages/data_and_methods.py")
    assert "Sources and releases" in [s.value for s in app.subheader]
    run = app.button(key="refresh_run")
    assert run.disabled  # no download without the tick
    assert replay.requests == []
    app.checkbox(key="refresh_confirmed").check().run()
    assert not app.button(key="refresh_run").disabled
    assert replay.requests == []  # ticking alone fetches nothing


def test_refused_refresh_is_explained_and_changes_nothing(replay, workspace):
    replay.scenario = {"status": 500}
    before = snapshot(workspace)
    app = open_page("pages/data_and_methods.py")
    app.multiselect(key="refresh_sources").set_value(["fingertips"]).run()
    app.checkbox(key="refresh_confirmed").check().run()
    app.button(key="refresh_run").click().run()
    assert not app.exception
    errors = [e.value for e in app.error]
    assert len(errors) == 1 and "answered HTTP 500" in errors[0]
    assert errors[0].endswith("Nothing was replaced: the last good database keeps serving")
    assert replay.requests == [
        "/fingertips/api/all_data/csv/by_indicator_id?indicator_ids=90366&child_area_type_id=501&parent_area_type_id=15"
    ]
    assert snapshot(workspace) == before


def test_how_was_this_calculated_names_the_release():
    # The map explorer's default indicator is the IMD 2019 score: its popover names the release from datasets.toml.
    # The popover's contents are written while it is open (map_method_popover).
    app = open_page("pages/map_explorer.py")
    assert "Release: imd2019_lsoa11" not in page_text(app)
    app.session_state["map_method_popover"] = True
    app.run()
    assert "Release: imd2019_lsoa11: release 2019-09-26, retrieved 2026-11-22 (vendored snapshot)" in page_text(app)


@pytest.mark.slow  # a real refresh and build, then the page
def test_new_fingertips_period_is_on_the_page_after_the_swap(replay, workspace, capsys):
    # The replay adds "2024 - 26" to Fingertips 90366 (the vendored "2023 - 25" + 0.2): after
    # `python -m lsc_phm refresh fingertips`, the map explorer's life expectancy (male) by places opens on the new
    # period, and Blackburn with Darwen (vendored 76.6 in 2023 - 25) reads 76.8.
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from lsc_phm import cli
    from tests.conftest import APP_PATH

    replay.scenario = {"new_period": {90366: "2024 - 26"}}
    assert cli.main(["refresh", "fingertips"]) == 0
    assert "  new periods: 2024 - 26" in capsys.readouterr().out
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(APP_PATH, default_timeout=90)
    app.session_state["imd_vintage"] = 2019
    app.switch_page("pages/map_explorer.py")
    for key, value in {"map_indicator": "le_male", "map_level": "place", "map_table": "true"}.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception
    assert next(s for s in app.selectbox if s.label == "Period").value == "2024 - 26"
    # on screen in the one period style (the source's label "2024 - 26" is shown as 2024-26)
    assert "Life expectancy at birth (male) by places, 2024-26" in [s.value for s in app.subheader]
    table = app.dataframe[-1].value
    value = next(c for c in table.columns if c.startswith("Value"))
    assert table.loc[table["Area"] == "Blackburn with Darwen", value].tolist() == ["76.8"]  # shown as formatted text
