"""A structural zero is shown as 0 with its reason, never hidden as a small count."""

from __future__ import annotations

from lsc_phm.domain import indicator_data


def test_ward_with_no_core20_lsoa_shows_zero_not_suppressed(db, icb2025):
    # Adlington & Anderton (Chorley, E05013064): none of its 2021 LSOAs is in national IMD 2025 deciles 1-2, so its
    # Core20 population is 0 of 7,900: a structural zero (a Core20 count is 0 or at least one LSOA's population).
    lsoas = db.execute(
        "select count(*) as n, count(*) filter (where imd_decile <= 2) as core20 from mart_lsoas "
        "where imd_vintage = 2025 and ward_code = 'E05013064'"
    ).iloc[0]
    assert lsoas["n"] > 0 and lsoas["core20"] == 0
    wards = indicator_data.values(db, icb2025, "core20_population_share", "ward", "2025").set_index("area_code")
    row = wards.loc["E05013064"]
    assert (row["value"], row["numerator"], row["denominator"], row["suppressed"]) == (0.0, 0.0, 7900.0, False)
    assert row["comparison_basis"].startswith("structural zero: no LSOA of the area is in national IMD deciles 1-2")
    # before, all 157 wards with no Core20 LSOA showed "Suppressed"; now no ward's Core20 share is suppressed
    assert (wards["numerator"] == 0).sum() == 157 and not wards["suppressed"].any()


def test_small_counts_without_a_structural_reason_are_still_suppressed(db, icb2025):
    # Census 2021 50+ hours of unpaid care has no structural-zero rule: LSOA counts below 10 stay hidden
    lsoas = indicator_data.values(db, icb2025, "census_unpaid_care_50h", "lsoa", "2021")
    assert lsoas["suppressed"].any()
    assert (lsoas.loc[lsoas["suppressed"], "comparison"] == "Suppressed").all()
