"""A number shown in two views comes out the same in both (one computation, rounded once for display)."""

from __future__ import annotations

from lsc_phm.views import overview


def test_icb_core20_share_is_the_same_on_overview_and_place_profile(db, icb2019, built_profile) -> None:
    # IMD 2019 Core20 share of QE1 = 29.047% (mid-2015 denominators in deciles 1-2 / all): shown as 29.0% everywhere.
    # It must not be rounded to 29.05 first and then to 29.1.
    share = db.execute(
        "select 100.0 * sum(deprivation_population) filter (where imd_decile <= 2) / "
        "sum(deprivation_population) as s from mart_lsoas where imd_vintage = 2019 "
        "and icb_code = 'E54000048'"
    )["s"].iloc[0]
    assert round(share, 3) == 29.047
    on_overview = {h.label: h.value for h in overview.headlines(db, "E54000048")}["Core20 share, IMD 2019"]
    profile = built_profile(icb2019, "E54000048")
    on_profile = {k.label: k.value for k in profile.section("headline").key_figures}["Core20 share, IMD 2019"]
    assert on_overview == "29.0%"
    assert on_profile.startswith("29.0")
