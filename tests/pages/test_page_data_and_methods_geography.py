"""AppTest of the Data and methods page's geography tab: familiar sub-ICB names, footprints and the PCN note."""

from __future__ import annotations

import pytest

from tests.conftest import shared_page


@pytest.mark.usefixtures("db")
def test_geography_tab_lists_names_and_footprints():
    at = shared_page("pages/data_and_methods.py")
    frames = [df.value for df in at.dataframe]
    names = next(f for f in frames if "name shown" in f.columns).set_index("Code")
    assert names.loc["01A", "name shown"] == "East Lancashire"
    assert "CCG21NM" in names.loc["01A", "source of the name"]
    footprints = next(f for f in frames if "Footprint name" in f.columns).set_index("Footprint name")
    assert footprints.loc["Pennine Lancashire", "Lsoas 2011"] == 343
    assert "place QE1-south-cumbria" in footprints.loc["Morecambe Bay", "Members"]
    assert any("no official boundary" in m.value for m in at.markdown)
