"""AppTest of the 'Your data' page: a good upload of 50 LSOAs, every bad file's message, and a drawn area."""

from __future__ import annotations

import pytest

from lsc_phm.render.tables import COLUMN_LABELS, human_name
from tests.conftest import count_elements, open_page
from tests.domain.test_uploads import BAD_FILES, burnley_msoa_file, fifty_lsoa_file


def _h(raw: str) -> str:
    """The header a raw column gets on screen (tables for people)."""
    return COLUMN_LABELS.get(raw) or human_name(raw)


PAGE = "pages/your_data.py"


def _unescape(text: str) -> str:
    return text.replace("\\", "").replace("`", "")  # url.plain: escaped, inert code spans


@pytest.fixture()
def at(db):  # noqa: ARG001 - `db` builds the database first
    return open_page(PAGE)


@pytest.fixture(scope="module")
def lsoas50(db):
    frame = db.execute(
        "select lsoa_code, imd_decile, imd_score, deprivation_population as population from mart_lsoas "
        "where imd_vintage = 2025 and icb_code = 'E54000048' order by lsoa_code"
    )
    return frame.iloc[::20].head(50).reset_index(drop=True)


def test_page_explains_and_saves_nothing(at):
    text = "\n".join(m.value for m in at.markdown)
    assert "Nothing is saved" in text
    assert not at.error and not at.success


def test_fifty_lsoa_upload_is_mapped_summed_and_graded(at, lsoas50):
    at.file_uploader(key="your_file").set_value(("fifty.csv", fifty_lsoa_file(lsoas50), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert _unescape(at.success[0].value).startswith("**50 LSOA 2021 areas** read: Test measure (%)")
    assert [s.value for s in at.subheader][:2] == ["Summed into larger areas", "By deprivation"]
    assert count_elements(at, "vega_lite_chart") >= 1  # the gradient
    sii = next(df.value for df in at.dataframe if _h("measure") in df.value.columns)
    assert list(sii[_h("measure")]) == ["SII", "RII"] and sii[_h("value")].notna().all()
    at.selectbox(key="your_level").set_value("place").run()
    assert not at.exception
    places = next(df.value for df in at.dataframe if _h("units_in_area") in df.value.columns)
    assert places[_h("units_in_upload")].sum() == 50
    at.radio(key="your_framing").set_value("local").run()
    assert not at.exception and "Local deciles" in "\n".join(c.value for c in at.caption)


def test_msoa_2011_upload_is_mapped_and_summed(at):
    at.file_uploader(key="your_file").set_value(("msoa.csv", burnley_msoa_file(), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert _unescape(at.success[0].value).startswith("**12 MSOA 2011 areas** read: Test measure (%)")
    assert at.selectbox(key="your_level").options == ["District (local authority)", "Place", "ICB"]
    districts = next(df.value for df in at.dataframe if _h("units_in_area") in df.value.columns)
    assert districts[_h("units_in_upload")].sum() == 12
    assert at.radio(key="your_framing").options == ["Local deciles (this ICB)"]


# the file chooser itself refuses types other than .csv/.xlsx, so "not a table" is tested in tests/domain only
@pytest.mark.parametrize("case", [c for c in BAD_FILES if c != "not a table"])
def test_each_bad_file_gets_its_message(at, case):
    name, data, message = BAD_FILES[case]
    at.file_uploader(key="your_file").set_value((name, data, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1
    assert _unescape(at.error[0].value) == _unescape(f"**{name}** cannot be used. {message}")
    assert not at.success


def test_an_area_drawn_from_ward_codes(at):
    at.text_area(key="your_area_codes").set_value("E05001647, E05001648").run()
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert labels == ["LSOAs", "Population", "Average IMD score", "Core20 population share"]
    at.text_area(key="your_area_codes").set_value("E06000009").run()
    assert "drawn from LSOA or ward codes" in _unescape(at.error[0].value)


# ------------------------------------------------------------------------------------------------ user-defined areas
PATCH_WARDS = ("E05015186", "E05015187", "E05015188")  # Anchorsholme, Bispham, Bloomfield (Blackpool, 2024 wards)


def test_an_uploaded_list_is_a_user_area_in_the_place_profile(at, db):
    """Upload a list of real LSOA 2021 codes, then find the area in the place profile with its Core20 share."""
    lsoas = db.execute(
        "select lsoa_code, imd_decile, deprivation_population, residents from mart_lsoas "
        "where imd_vintage = 2025 and ward_code in ('E05015186', 'E05015187', 'E05015188') "
        "order by lsoa_code"
    )
    assert len(lsoas) == 13
    # by hand: people in LSOAs of national deciles 1-2 over everybody, weighted by the IoD population denominators
    core20 = lsoas.loc[lsoas["imd_decile"] <= 2, "deprivation_population"].sum()
    expected = round(100.0 * core20 / lsoas["deprivation_population"].sum(), 1)
    assert expected == 51.9
    listing = ("code\n" + "\n".join(lsoas["lsoa_code"]) + "\n").encode()
    at.text_input(key="your_area_name").set_value("North Blackpool patch").run()
    at.file_uploader(key="your_area_file").set_value(("our_patch.csv", listing, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert {m.label: m.value for m in at.metric}["Core20 population share"] == f"{expected:.1f}%"
    told = _unescape(at.info[0].value).replace("**", "")
    assert "User-defined area North Blackpool patch, drawn from the LSOA codes of our patch.csv: 13 LSOAs" in told

    at.switch_page("pages/place_profile.py").run()
    assert not at.exception, [e.value for e in at.exception]
    box = at.selectbox(key="profile_area")
    mine = "Your area (user-defined), from our patch.csv: North Blackpool patch"
    assert mine in box.options
    box.set_value("USER-AREA").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "User-defined area North Blackpool patch" in _unescape(at.info[0].value).replace("**", "")
    band = {m.label: m.value for m in at.metric}
    assert band["Core20 share, IMD 2025"] == f"{expected:.1f}%"
    assert band["Residents (Census 2021)"] == f"{int(lsoas['residents'].sum()):,}"
    text = "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)
    assert "computed here from 13 LSOAs" in text
    headers = [h.value for h in at.header]
    assert "Health outcomes computed for the area" in headers
    assert "Published figures for the districts it lies in" in headers


def test_a_pasted_ward_list_without_a_file(at):
    at.text_area(key="your_area_codes").set_value(", ".join(PATCH_WARDS)).run()
    assert not at.exception
    assert "drawn from the ward codes of pasted codes: 13 LSOAs" in _unescape(at.info[0].value)


def test_a_user_area_is_outlined_on_the_map_explorer(at):
    at.text_area(key="your_area_codes").set_value(", ".join(PATCH_WARDS)).run()
    at.switch_page("pages/map_explorer.py")
    at.session_state["map_options"] = True  # the "Map options" popover, opened
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    # 2024 ward codes: the area is in the IMD 2025 (LSOA 2021) geography, the sidebar's default: outlined at once
    assert at.session_state["imd_vintage"] == 2025
    assert not any("to see its outline" in c.value for c in at.caption)
    assert at.toggle(key="map_user_area").value is True
    assert at.toggle(key="map_core20").disabled  # one outline at a time
    legends = [h.proto.body for h in at.get("html") if "lsc-legend" in h.proto.body]
    assert "Your area (user-defined, 13 LSOAs): My area (outline)" in legends[0]
    at.toggle(key="map_user_area").set_value(False).run()
    legends = [h.proto.body for h in at.get("html") if "lsc-legend" in h.proto.body]
    assert not at.exception and "Your area" not in legends[0]
    # IMD 2019 (2011 LSOAs): no outline, and a caption says which vintage shows it
    at.sidebar.radio(key="imd_vintage").set_value(2019).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("choose IMD 2025 in the sidebar to see its outline" in c.value for c in at.caption)
    assert "map_user_area" not in [t.key for t in at.toggle]
