"""Data and methods: the sources table, the refresh button behind a confirmation, and a refusal shown on the page."""

from __future__ import annotations

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
    assert replay.requests == ["/fingertips/api/all_data/csv/by_indicator_id?indicator_ids=90366&child_area_type_id=501"
                               "&parent_area_type_id=15"]
    assert snapshot(workspace) == before


def test_how_was_this_calculated_names_the_release():
    # The map explorer's default indicator is the IMD 2019 score: its popover names the release from datasets.toml.
    app = open_page("pages/map_explorer.py")
    assert "Release: imd2019_lsoa11: release 2019-09-26, retrieved 2026-11-22 (vendored snapshot)" in page_text(app)
