"""The place profile's static LSOA decile map drawn on its own (the page draws it only when its section is opened)."""

from __future__ import annotations

import pytest

from lsc_phm.publish import briefing
from lsc_phm.render import images
from lsc_phm.reports import place_report, profile_model
from lsc_phm.views import profile_data

BLACKPOOL = "QE1-E06000009"


@pytest.mark.slow  # draws the static decile map of a place
def test_decile_map_is_the_map_build_draws(db, icb2019):
    with_map = place_report.build(db, icb2019, BLACKPOOL, page_charts=False)
    without = place_report.build(db, icb2019, BLACKPOOL, with_map=False, page_charts=False)
    drawn = profile_data.decile_map(db, icb2019, BLACKPOOL)
    assert drawn is not None and drawn.startswith(b"\x89PNG\r\n\x1a\n")
    assert with_map.section("headline").images == {profile_model.DECILE_MAP: drawn}
    assert without.section("headline").images == {}
    width, height = images.png_size(drawn)
    assert width > 500 and height > 300


def test_with_decile_map_copies_and_leaves_the_cached_profile_alone(db, icb2019, built_profile):
    profile = built_profile(icb2019, BLACKPOOL, with_map=False, page_charts=False)
    png = profile_data.decile_map(db, icb2019, BLACKPOOL)
    added = profile_model.with_decile_map(profile, png)
    assert added.section("headline").images == {profile_model.DECILE_MAP: png}
    assert profile.section("headline").images == {}  # the original (shared through st.cache_data) is unchanged
    assert [s.key for s in added.sections] == [s.key for s in profile.sections]
    assert added.section("smoking") is profile.section("smoking")
    assert profile_model.with_decile_map(profile, None) is profile
    # the HTML briefing of the copy carries the map (one <figure> more than without it)
    html_with = briefing.render_briefing(added, "html").decode("utf-8")
    html_without = briefing.render_briefing(profile, "html").decode("utf-8")
    assert html_with.count("<figure>") == html_without.count("<figure>") + 1


@pytest.mark.slow  # draws the static decile map of a place
def test_the_briefing_file_is_named_by_the_profile_s_file_stem(db, icb2019, tmp_path):
    profile = place_report.build(db, icb2019, "blackpool", with_map=False, page_charts=False)
    assert profile_model.file_stem(profile) == "briefing_QE1-E06000009_blackpool_imd2019"
    written = briefing.write_briefing(profile, "html", tmp_path)
    assert written == tmp_path / "briefing_QE1-E06000009_blackpool_imd2019.html"
