"""A custom footprint's profile and briefing: the same numbers as its deprivation summary, per-member values."""

from __future__ import annotations

from lsc_phm.domain import deprivation
from lsc_phm.publish import briefing


def test_pennine_lancashire_profile_and_briefing(db, icb2019, built_profile):
    profile = built_profile(icb2019, "QE1-FP-pennine-lancashire")
    assert profile.area.label == "Footprint: Pennine Lancashire" and profile.area.lsoas == 343
    summary = deprivation.summaries(db, icb2019, "footprint", 2019).set_index("area_code")
    share = summary.loc["QE1-FP-pennine-lancashire", "core20_population_share"]  # 41.2%
    headline = " ".join(profile.section("headline").sentences)
    assert f"{share:.1f}%" in headline and "Core20" in headline
    smoking = profile.section("smoking")
    members = smoking.tables["smoking_by_member_district"]
    assert {"Blackburn with Darwen", "Burnley", "Hyndburn", "Pendle", "Rossendale", "Ribble Valley"} <= set(
        members["area_name"]
    )
    assert any("custom footprint" in sentence for sentence in smoking.sentences)
    html = briefing.render_briefing(profile, "html").decode("utf-8")
    assert "Pennine Lancashire" in html
