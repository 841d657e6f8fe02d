"""AppTest of the map explorer page: every level, URL choices, bad URL values, and the area profile.

The map itself (st_folium) is a component AppTest cannot drive; the browser tests in tests/e2e cover it.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP_PATH


def _run(vintage: int | None = 2019, **query) -> AppTest:
    """The map explorer with ``query`` in the URL, in the IMD 2019 geography (which these tests' figures are from)
    unless ``vintage`` says otherwise (None: the app's default, IMD 2025)."""
    at = AppTest.from_file(APP_PATH, default_timeout=60)
    if vintage is not None:
        at.session_state["imd_vintage"] = vintage
    at.switch_page("pages/map_explorer.py")
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    return at


def _select(at: AppTest, label: str):
    return next(s for s in at.selectbox if s.label == label)


@pytest.mark.parametrize(
    "indicator, level, heading, rows",
    [
        ("imd_score", "lsoa", "IMD score by LSOAs, 2019", 1058),
        ("imd_score", "ward", "IMD score by electoral wards, 2019", 320),
        ("pct_aged_65_plus", "msoa", "Aged 65 and over by MSOAs (2011), mid-2020", 217),
        ("smoking_adults", "district", "Smoking prevalence (adults 18+) by districts, 2024", 18),
        ("le_male", "place", "Life expectancy at birth (male) by places, 2023-25", 5),
        ("qof_hyp", "sicbl", "Hypertension: QOF recorded prevalence by sub-ICB locations, 2024/25", 8),
    ],
)
def test_every_level(db, indicator, level, heading, rows):
    at = _run(map_indicator=indicator, map_level=level, map_table="true")
    assert not at.exception
    assert not at.warning
    assert _select(at, "Geography").value == level
    assert heading in [s.value for s in at.subheader]
    table = at.dataframe[-1].value
    assert len(table) == rows
    # people's headers (the CSV keeps the raw names)
    assert {"Area", "Area code", "District", "Place"} <= set(table.columns)
    assert any(c.startswith("Value") for c in table.columns)
    # constant metadata is in the caption (and the CSV), not repeated on every row of the message
    assert not {"Source", "Method", "Indicator", "Indicator code", "Period", "Unit"} & set(table.columns)
    assert not any(c.startswith("England") for c in table.columns)
    caption = next(c.value for c in at.caption if "values suppressed" in c.value)
    assert "Source: " in caption
    interval_columns = {"Lower CI (%)", "Upper CI (%)", "Count", "Denominator", "Compared with England"}
    if indicator in (
        "qof_hyp",
        "pct_aged_65_plus",
    ):  # QOF prevalence has Wilson intervals and a comparison with England: shown
        assert interval_columns <= set(table.columns)
    if indicator == "imd_score":  # no interval, no counts, nothing compared: those empty columns are not sent
        assert not {c.split(" (")[0] for c in interval_columns} & {c.split(" (")[0] for c in table.columns}


def test_levels_without_data_are_not_offered_and_explained(db):
    at = _run(map_indicator="qof_hyp")
    # footprints made of whole sub-ICB locations (West Lancashire = 02G) get QOF summed from them
    assert _select(at, "Geography").options == ["Sub-ICB location", "Footprint (custom area)"]
    assert any("QOF registers are published per GP practice" in c.value for c in at.caption)


def test_default_is_imd_score_by_lsoa_with_nothing_in_the_url(db):
    at = _run(vintage=None)  # the app's default vintage: IMD 2025 (Census 2021 geography)
    assert not at.exception
    assert (_select(at, "Indicator").value, _select(at, "Geography").value, _select(at, "Period").value) == (
        "imd_score",
        "lsoa",
        "2025",
    )
    assert "map_indicator" not in at.query_params


def test_bad_url_values_fall_back_with_a_warning(db):
    at = _run(map_indicator="not_an_indicator", map_level="county", map_area="E99999999")
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert (
        "The link asked for indicator `not_an_indicator`, which is not available here, so the page shows "
        "the default instead."
    ) in warnings
    assert any("geography level `county`" in w for w in warnings)
    assert any("area `E99999999`" in w for w in warnings)
    assert _select(at, "Indicator").value == "imd_score"
    assert _select(at, "Geography").value == "lsoa"


def test_level_not_available_for_indicator_falls_back(db):
    at = _run(map_indicator="smoking_adults", map_level="lsoa")
    assert not at.exception
    assert any("geography level `lsoa`" in w.value for w in at.warning)
    assert _select(at, "Geography").value == "district"


def test_selected_area_from_url_shows_its_profile(db, icb2019):
    # Claremont ward, Blackpool (E05001647): IMD 2019 average score 78.475 (File 10 method; shown to the registry's
    # 2 dp: the float 78.475 is 78.47499..., so 78.47), rank 2 of 7,180 wards;
    # its district's adult smoking 20.8% (2024) and its sub-ICB's (00R) hypertension register 19.44% (2024-25).
    from lsc_phm.domain import deprivation

    summary = deprivation.summaries(db, icb2019, "ward").set_index("area_code")
    expected = summary.loc["E05001647"]
    assert expected["avg_score"] == pytest.approx(78.475, abs=1e-3)
    at = _run(map_indicator="imd_score", map_level="ward", map_area="E05001647")
    assert not at.exception
    assert "Claremont" in [s.value for s in at.subheader]
    text = "\n".join(m.value for m in at.markdown)
    assert f"Average IMD score **78.47** (rank {int(expected['avg_score_rank'])} of" in text
    assert "**Smoking prevalence (adults 18+)**, Blackpool (district), 2024: **20.8%**" in text
    assert (
        "**Hypertension: QOF recorded prevalence**, Blackpool (00R) (sub-ICB "
        "location), 2024/25: **19.44% (95% CI 19.25 to 19.62)**" in text
    )
    assert at.query_params["map_area"] == "E05001647"


def test_msoa_profile_panel(db):
    # Barrow-in-Furness 001 (E02003977): IMD 2019 score 17.91 (population-weighted, computed here; see
    # tests/store/test_msoa_level.py); no ward is named as its parent (MSOAs do not nest in wards)
    at = _run(map_indicator="imd_score", map_level="msoa", map_area="E02003977")
    assert not at.exception
    assert "Barrow-in-Furness 001" in [s.value for s in at.subheader]
    text = "\n".join(m.value for m in at.markdown)
    assert "IMD 2019 score **17.91** (population-weighted average of its LSOAs' scores, computed here)" in text
    assert "**Part of** district: Barrow-in-Furness" in text and "ward:" not in text
    assert any("computed here for an MSOA (2011)" in c.value for c in at.caption)


def test_msoa_level_is_explained_where_missing(db):
    at = AppTest.from_file(APP_PATH, default_timeout=60)
    at.session_state["imd_vintage"] = 2025  # 2021 LSOAs: no exact route to 2011 MSOAs
    at.switch_page("pages/map_explorer.py")
    at.query_params["map_indicator"] = "census_bad_health"
    at.run()
    assert not at.exception
    assert _select(at, "Indicator").value == "census_bad_health"
    assert "msoa" not in _select(at, "Geography").options
    assert any("Not available by MSOA: MSOAs here are the 2011 MSOAs" in c.value for c in at.caption)
    at = _run(map_indicator="smoking_adults")  # published for districts: no MSOA values in any vintage
    assert any("Not available by LSOA, MSOA (2011), Electoral ward" in c.value for c in at.caption)


def test_table_is_sent_only_when_opened(db):
    # Closed (the default): no data grid in the page, but the CSV of every area and the expander that opens it
    at = _run(map_indicator="imd_score", map_level="ward")
    assert not at.exception
    assert len(at.dataframe) == 0
    assert [e.label for e in at.expander] == [
        "Choose from the list of 320 electoral wards",
        "Table of the values (320 areas): sort by any column",
    ]
    assert "CSV" in " ".join(b.proto.label for b in at.get("download_button"))
    at.session_state["map_table"] = True  # what the click on the expander sets
    at.run()
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 320  # (the address bar: the browser test)


def test_area_list_is_sent_only_when_opened_and_its_choice_is_the_selection(db):
    at = _run(map_indicator="imd_score", map_level="ward")
    assert not at.exception
    assert [s.label for s in at.selectbox if s.label.startswith("Area (")] == []  # closed: no list of 320 wards
    at.session_state["map_area_list"] = True  # what the click on the expander sets
    at.run()
    box = at.selectbox(key="map_area_pick")
    assert box.label == "Area (electoral wards)" and len(box.options) == 320
    box.set_value("E05001647").run()  # Claremont ward, Blackpool (2019 wards)
    assert not at.exception
    assert "Claremont" in [s.value for s in at.subheader]
    assert at.query_params["map_area"] == "E05001647"
    assert at.selectbox(key="map_area_pick").value == "E05001647"  # the list shows the selection


def test_table_can_be_limited_to_a_district_and_download_matches(db):
    at = _run(map_indicator="imd_score", map_level="ward", map_table="true")
    _select(at, "District").set_value("Blackpool").run()
    assert not at.exception
    assert [e.label for e in at.expander][-1] == "Table of the values (21 areas in Blackpool): sort by any column"
    table = at.dataframe[-1].value
    assert set(table["District"]) == {"Blackpool"}
    assert len(table) == 21  # Blackpool's 21 wards (2019 boundaries)
    assert table["Area"].iloc[0] == "Bloomfield"  # sorted most deprived first
    assert table["Value (score)"].is_monotonic_decreasing


def test_changing_indicator_keeps_a_valid_level_and_period(db):
    at = _run(map_indicator="imd_score", map_level="ward")
    _select(at, "Indicator").set_value("smoking_adults").run()
    assert not at.exception
    assert _select(at, "Geography").value == "district"
    assert _select(at, "Period").value == "2024"
    assert at.query_params["map_indicator"] == "smoking_adults"
