"""Page data for the Core20PLUS5 page, checked against figures computed by hand from the database."""

from __future__ import annotations

import pandas as pd
import pytest

from lsc_phm.domain import core20plus5 as registry
from lsc_phm.views import core20plus5

BLACKPOOL = "E06000009"


@pytest.mark.parametrize("fixture, decile_1", [("icb2019", 39), ("icb2025", 38)])
def test_blackpool_lsoas_in_decile_1(db, request, fixture, decile_1):
    icb = request.getfixturevalue(fixture)
    counts = core20plus5.core20_lsoa_counts(db, icb)
    row = counts[(counts["level"] == "district") & (counts["area_code"] == BLACKPOOL)].iloc[0]
    assert row["lsoas"] == 94
    assert row["lsoas_decile_1"] == decile_1


def test_blackpool_core20_share_2019_equals_hand_computation(db, icb2019):
    hand = db.execute(
        "select sum(pop_total_mid2015) filter (where imd_decile <= 2) / sum(pop_total_mid2015) as share "
        "from (select l.imd_decile, l.deprivation_population as pop_total_mid2015 from mart_lsoas l "
        "where l.imd_vintage = 2019 and l.lad_code = $lad)",
        {"lad": BLACKPOOL},
    )
    expected = 100 * hand["share"].iloc[0]
    shares = core20plus5.core20_shares(db, icb2019, "district")
    got = shares[(shares["imd_vintage"] == 2019) & (shares["area_code"] == BLACKPOOL)]["core20_population_share"]
    assert got.iloc[0] == pytest.approx(expected, abs=0.01)
    counts = core20plus5.core20_lsoa_counts(db, icb2019)
    row = counts[(counts["level"] == "district") & (counts["area_code"] == BLACKPOOL)].iloc[0]
    assert row["core20_population_share"] == pytest.approx(expected, abs=0.01)


def test_core20_shares_cover_both_vintages_and_only_own_districts(db, icb2019):
    shares = core20plus5.core20_shares(db, icb2019, "district")
    assert set(shares["imd_vintage"]) == {2019, 2025}
    assert len(shares[shares["imd_vintage"] == 2019]) == 18  # 16 districts + Copeland and Craven parts
    places = core20plus5.core20_shares(db, icb2019, "place")
    assert places["core20_population_share"].between(0, 100).all()


def test_core20_wards_ranked_and_flagged(db, icb2019):
    wards = core20plus5.core20_wards(db, icb2019)
    assert len(wards) == 320
    assert wards["core20_population_share"].is_monotonic_decreasing
    assert (wards["core20_ward"] == (wards["core20_population_share"] >= 50)).all()


def test_scorecard_invents_no_icb_value_for_published_series(db, icb2019):
    card = core20plus5.scorecard(db, icb2019)
    icb_smoking = card[(card["indicator_id"] == "smoking_adults") & (card["level"] == "ICB")]
    assert len(icb_smoking) == 1 and icb_smoking["value"].isna().all()
    assert icb_smoking["blank_reason"].iloc[0] == core20plus5.BLANK_NO_ICB_VALUE
    hand = db.execute(
        "select 100.0 * sum(register) / sum(list_size) v from stg_qof__prevalence "
        "where icb_code = 'E54000048' and period = '2024-25' and group_code = 'HYP'"
    )
    icb_hyp = card[(card["indicator_id"] == "qof_hyp") & (card["level"] == "ICB")]["value"].iloc[0]
    assert icb_hyp == pytest.approx(hand["v"].iloc[0], abs=0.006)
    assert set(card.loc[card["level"] == "Place", "area_name"]) == {
        "Blackburn with Darwen",
        "Blackpool",
        "Lancashire",
        "South Cumbria",
    }
    assert (card.loc[card["indicator_id"] == "qof_hyp", "level"] == "Sub-ICB location").sum() == 8


def test_clinical_areas_name_every_gap_and_no_invented_maternity_data():
    maternity = registry.clinical_area("maternity")
    # the one open maternity measure held (OHID 93085, with counts); continuity of carer is published (MSDS), not held
    assert maternity.indicator_ids == ("smoking_at_delivery",)
    assert "Continuity of carer" in maternity.published[0].measure
    assert all(area.published for area in registry.CLINICAL_AREAS)
    with pytest.raises(ValueError, match="unknown clinical area"):
        registry.clinical_area("nope")


def test_plus_by_place_and_cancer_ambition(db, icb2025):
    frame = core20plus5.plus_by_area(db, icb2025, "pct_ethnic_minority", "place")
    assert frame["value"].notna().sum() >= 4
    cancer = core20plus5.cancer_ambition(core20plus5.latest_values(db, icb2025, "cancer_stage_1_2", "place"))
    present = cancer[cancer["value"].notna()]
    assert (present["gap_to_ambition"] < 0).all()  # every place is short of 75%
    with pytest.raises(ValueError, match="PLUS indicator"):
        core20plus5.plus_by_area(db, icb2025, "le_male")


def test_whole_and_part_districts_and_weighting_population_say_what_they_are(db, icb2019):
    """Copeland has 6 of its 49 LSOAs (2011 basis) in the ICB: the File 10-style share is the whole district's, the
    LSOA counts are the part in the ICB; Blackpool's 140,162 is the IoD2019 mid-2015 weighting population."""
    shares = core20plus5.core20_shares(db, icb2019, "district")
    copeland = shares[(shares["imd_vintage"] == 2019) & (shares["area_code"] == "E07000029")].iloc[0]
    assert (copeland["area_name"], copeland["lsoas"]) == ("Copeland (part), whole district", 49)
    counts = core20plus5.core20_lsoa_counts(db, icb2019)
    part = counts[(counts["level"] == "district") & (counts["area_code"] == "E07000029")].iloc[0]
    assert (part["area_name"], part["lsoas"]) == ("Copeland (part)", 6)
    blackpool = counts[(counts["level"] == "district") & (counts["area_code"] == BLACKPOOL)].iloc[0]
    assert (blackpool["area_name"], blackpool["population"]) == ("Blackpool", 140162)
    assert blackpool["population_source"] == "IoD2019 mid-2015 population denominators"


def test_latest_values_with_the_callers_availability_equal_the_database_lookup(db, icb2025):
    from lsc_phm.domain import indicator_data

    available = indicator_data.availability_map(indicator_data.availability_table(db, icb2025))
    for indicator_id, level in [("cancer_stage_1_2", "place"), ("qof_hyp", "sicbl")]:
        given = core20plus5.latest_values(db, icb2025, indicator_id, level, available=available[indicator_id])
        looked_up = core20plus5.latest_values(db, icb2025, indicator_id, level)
        pd.testing.assert_frame_equal(given, looked_up)
        assert given["value"].notna().any()
    with pytest.raises(ValueError, match="availability is for 'qof_hyp', not 'cancer_stage_1_2'"):
        core20plus5.latest_values(db, icb2025, "cancer_stage_1_2", "place", available=available["qof_hyp"])
