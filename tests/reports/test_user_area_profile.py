"""A user-defined area (a session's list of LSOA or ward codes): its profile and briefing, computed here from LSOAs."""

from __future__ import annotations

import pytest

from lsc_phm.publish import briefing
from lsc_phm.reports import place_report
from lsc_phm.stats import wilson_ci
from lsc_phm.views import place_profile_user


@pytest.fixture(scope="module")
def blackpool(db):
    """Every 2021 LSOA of Blackpool: the user area must then agree with the district's own figures."""
    return db.execute(
        "select lsoa_code, imd_decile, deprivation_population from mart_lsoas "
        "where imd_vintage = 2025 and lad_code = 'E06000009' order by lsoa_code"
    )


def test_whole_district_as_a_user_area_agrees_with_the_district(db, icb2019, blackpool):
    spec = place_profile_user.UserAreaSpec("All of Blackpool", "blackpool.csv", tuple(blackpool["lsoa_code"]), 2025)
    profile = place_report.build(db, icb2019, spec)
    assert profile.area.label == "Your area (user-defined): All of Blackpool" and profile.area.lsoas == 94
    assert profile.icb.imd_vintage == 2025  # profiled in its codes' geography, whatever the sidebar says
    # Core20 share by hand from the 94 LSOAs, and the same as the district's own summary (computed at build time)
    w = blackpool["deprivation_population"]
    by_hand = 100.0 * w[blackpool["imd_decile"] <= 2].sum() / w.sum()
    district = db.execute(
        "select core20_population_share from mart_deprivation_summaries where imd_vintage = 2025 "
        "and level = 'district' and area_code = 'E06000009'"
    )["core20_population_share"].iloc[0]
    assert by_hand == pytest.approx(district, abs=0.01)
    core20 = next(k for k in profile.summary if k.label == "Core20 share, IMD 2025")
    assert core20.value == f"{by_hand:.1f}%" and "computed here from 94 LSOAs" in core20.detail
    # bad or very bad health: the LSOA counts summed, Wilson interval, equal to the district's value from the same
    outcomes = profile.section("health_outcomes").tables["health_outcomes"].set_index("indicator_id")
    bad = outcomes.loc["census_bad_health"]
    sums = db.execute(
        "select sum(numerator) as n, sum(denominator) as d from mart_indicator_values where "
        "indicator_id = 'census_bad_health' and area_level = 'lsoa' and imd_vintage = 2025 and "
        "area_code in (select lsoa_code from mart_lsoas where imd_vintage = 2025 and "
        "lad_code = 'E06000009')"
    )
    limits = wilson_ci(sums["n"].to_numpy(), sums["d"].to_numpy(), 0.95)
    assert bad["numerator"] == sums["n"].iloc[0] and bad["value"] == round(100 * limits["value"].iloc[0], 1)
    assert bad["lowercl"] == round(100 * limits["lowercl"].iloc[0], 1)
    published = db.execute(
        "select value from mart_indicator_values where indicator_id = 'census_bad_health' and "
        "area_level = 'district' and area_code = 'E06000009' and imd_vintage = 2025"
    )
    assert bad["value"] == round(published["value"].iloc[0], 1)
    assert "computed here from 94 LSOAs" in bad["method"] and bad["comparison"] == "Worse"
    # published rates are not combined: per district it lies in
    members = profile.section("by_district").tables["published_by_district"]
    assert set(members["area_name"]) == {"Blackpool"} and "le_male" in set(members["indicator_id"])
    html = briefing.render_briefing(profile, "html").decode("utf-8")
    assert "All of Blackpool" in html and "computed here from 94 LSOAs" in html
    assert briefing.render_briefing(profile, "pptx")[:2] == b"PK"
    assert profile.key_messages and all("computed here from 94 LSOAs" in m.text for m in profile.key_messages)


def test_part_of_a_district_is_marked_and_empty_areas_refused(db, icb2019, blackpool):
    spec = place_profile_user.UserAreaSpec("Ten LSOAs", "ten.csv", tuple(blackpool["lsoa_code"].head(10)), 2025)
    profile = place_report.build(db, icb2019, spec, with_map=False)
    members = profile.section("by_district").tables["published_by_district"]
    assert set(members["area_name"]) == {"Blackpool (part in area)"}
    with pytest.raises(ValueError, match="none of the 1 LSOA codes"):
        place_report.build(db, icb2019, place_profile_user.UserAreaSpec("x", "x.csv", ("E01999999",), 2025))
    with pytest.raises(ValueError, match="at least one LSOA"):
        place_profile_user.user_profile_area(place_profile_user.UserAreaSpec("x", "x.csv", (), 2025))
