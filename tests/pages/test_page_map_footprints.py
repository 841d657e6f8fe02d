"""AppTest of the map explorer at the custom-footprint level (config/areas.toml) and a footprint's profile panel."""

from __future__ import annotations

from tests.pages.test_page_map_explorer import _run, _select


def test_footprint_level_in_the_map_explorer(db):
    at = _run(map_indicator="core20_population_share", map_level="footprint", map_table="true")
    assert not at.exception
    assert _select(at, "Geography").value == "footprint"
    assert "Core20 population share by footprints, 2019" in [s.value for s in at.subheader]
    table = at.dataframe[-1].value
    assert len(table) == 5
    expected = db.execute(
        "select area_code, core20_population_share from mart_deprivation_summaries "
        "where imd_vintage = 2019 and level = 'footprint'"
    )
    pennine = expected.set_index("area_code").loc["QE1-FP-pennine-lancashire", "core20_population_share"]
    shown = table.set_index(next(c for c in table.columns if c in ("area_code", "Area code"))).loc[
        "QE1-FP-pennine-lancashire"
    ]
    assert shown[next(c for c in table.columns if str(c).startswith(("value", "Value")))] == round(pennine, 1) == 41.2
    assert any("computed here for a custom footprint" in c.value for c in at.caption)  # the method, once
    district = table[next(c for c in table.columns if c in ("district", "District"))]
    assert (district.isna() | (district == "")).all()  # no best-fit "parent" district for a footprint
    # the shapes are said to be what they are: unions of the members' LSOAs, not official (or best-fit ward) ones
    shapes = [c.value for c in at.caption if "Boundaries: ONS" in c.value]
    assert len(shapes) == 1 and "config/areas.toml) drawn as the union of their members' LSOAs" in shapes[0]
    assert "not official boundaries" in shapes[0] and "best-fit" not in shapes[0]


def test_footprint_profile_panel(db):
    at = _run(map_indicator="imd_score", map_level="footprint", map_area="QE1-FP-fylde-coast")
    assert not at.exception
    assert "Fylde Coast" in [s.value for s in at.subheader]
    text = "\n".join(m.value for m in at.markdown)
    assert "(rank 2 of 5; 1 = most deprived)" in text


def test_core20_shares_by_footprint(db, icb2019):
    from lsc_phm.views import core20plus5
    from tests.conftest import count_elements, open_page

    shares = core20plus5.core20_shares(db, icb2019, "footprint")
    pennine = shares[(shares["area_name"] == "Pennine Lancashire") & (shares["imd_vintage"] == 2019)]
    assert pennine["core20_population_share"].round(1).tolist() == [41.2] and pennine["lsoas"].tolist() == [343]
    at = open_page("pages/core20plus5.py")
    at.radio(key="c20_level").set_value("footprint").run()
    assert not at.exception
    assert count_elements(at, "vega_lite_chart") >= 1
