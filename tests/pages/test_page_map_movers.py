"""AppTest of the map explorer's Core20 movers layer (the drawing itself is checked in tests/render)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lsc_phm.domain import core20_movers
from tests.conftest import APP_PATH


@pytest.mark.usefixtures("db")
def test_movers_toggle_draws_the_layer_with_its_caveat_in_imd_2025_only():
    at = AppTest.from_file(APP_PATH, default_timeout=60)
    at.switch_page("pages/map_explorer.py")
    at.run()
    assert "map_core20_movers" not in [t.key for t in at.toggle]  # the map options are drawn only when opened
    at.session_state["map_options"] = True  # what a click on "Map options" sets
    at.run()
    assert not at.toggle(key="map_core20_movers").disabled  # the default vintage: IMD 2025 (2021 LSOAs)
    at.session_state["imd_vintage"] = 2019
    at.run()
    assert at.toggle(key="map_core20_movers").disabled  # IMD 2019 geography (2011 LSOAs)
    at.session_state["imd_vintage"] = 2025
    at.run()
    at.toggle(key="map_core20_movers").set_value(True).run()
    assert not at.exception
    assert core20_movers.MOVERS_CAVEAT in [c.value for c in at.caption]
    legend = " ".join(h.proto.body for h in at.get("html"))
    assert "Entered the Core20 (IMD 2019 to 2025, solid)" in legend and "Left the Core20" in legend
    at.session_state["map_options"] = False  # the popover closed: its widgets are gone, their values stay
    at.run()
    assert "map_core20_movers" not in [t.key for t in at.toggle]
    assert core20_movers.MOVERS_CAVEAT in [c.value for c in at.caption]
