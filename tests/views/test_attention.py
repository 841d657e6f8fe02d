"""What needs attention: Blackpool's groups from the built database, the gap in people, comparators and targets."""

from __future__ import annotations

import pytest

from lsc_phm import indicators
from lsc_phm.reports import attention_report
from lsc_phm.views import (
    attention,
    attention_comparators,
    attention_direction,
    attention_targets,
    attention_user_area,
    place_profile_user,
)

BLACKPOOL = "QE1-E06000009"


@pytest.fixture(scope="module")
def blackpool(db, icb2019):
    return attention.attention(db, icb2019, BLACKPOOL)


def test_children_in_low_income_families_are_worse_and_getting_worse(blackpool):
    row = blackpool.table.set_index("indicator_id").loc["children_absolute_low_income"]
    # Fingertips 93701, 2022/23: Blackpool 23.9% (23.13-24.62) vs England 15.6%; 2021/22 19.3% (18.65-20.04): the
    # intervals do not overlap, and OHID's 5-point trend says "No significant change", so the latest change decides
    assert row["group"] == "Worse and getting worse"
    assert (row["value"], row["comparator_value"], row["comparison"]) == (23.9, 15.6, "Worse")
    assert row["direction_basis"] == (
        "rose significantly in the latest year (19.3% to 23.9%, 95% intervals do not "
        "overlap); OHID's five-year trend: no significant change"
    )
    assert attention_direction.decided_by_latest_change(row["direction_basis"])
    assert attention_direction.direction_phrase(row) == "getting worse: " + row["direction_basis"]
    assert attention_direction.direction_phrase(
        blackpool.table.set_index("indicator_id").loc["smoking_at_delivery"]
    ) == ("improving")  # OHID's trend decided
    # (23.9 - 15.6) x 25,001 / 100 = 2,075.08, interval (23.13 - 15.6) x 250.01 to (24.62 - 15.6) x 250.01
    assert (row["people"], row["people_lowercl"], row["people_uppercl"]) == pytest.approx(
        (2075.083, 1882.5753, 2255.0902)
    )
    # gaps 7.4, 5.4, 3.5, 4.0, 8.3 points: no clear change
    assert row["gap_trend"] == "no clear change"
    full = blackpool.table[blackpool.table["indicator_id"] == "children_absolute_low_income"].iloc[0]
    sentence = attention_report.people_sentence(full, "Blackpool")
    assert sentence == (
        "About 2,080 more children in absolute low-income families in Blackpool than at England's "
        "rate (1,880 to 2,260; 2022/23)."
    )


def test_groups_and_reasons_for_no_people(blackpool):
    table = blackpool.table.set_index("indicator_id")
    assert list(dict.fromkeys(table["group"])) == [g for g in attention.GROUPS if g in set(table["group"])]
    # OHID's own comparison, no interval: worse; not testable for direction
    assert table.loc["smoking_adults", "group"] == "Worse and not improving"
    assert "survey estimate" in table.loc["smoking_adults", "people_note"]
    assert "life expectancy is in years" in table.loc["le_male", "people_note"]
    assert "age-standardised" in table.loc["preventable_cvd_mortality", "people_note"]
    # smoking at delivery: OHID's trend "Decreasing and getting better"
    assert table.loc["smoking_at_delivery", "group"] == "Worse but improving"
    assert table.loc["pct_aged_65_plus", "group"] == "Not judged"  # no polarity


def test_every_survey_indicator_is_never_multiplied_by_its_sample():
    surveys = {
        i.id
        for i in indicators.REGISTRY
        if any(word in i.definition for word in ("Active Lives", "APS", "Annual Population Survey"))
        and i.value_type == "proportion"
    }
    assert surveys <= attention.SURVEY_IDS


def test_comparator_the_icb_and_bad_input(db, icb2019):
    icb = attention_comparators.comparator_for(db, icb2019, "E54000048")
    against_icb = attention.attention(db, icb2019, BLACKPOOL, icb).table.set_index("indicator_id")
    assert against_icb.loc["children_absolute_low_income", "comparator_name"] == icb.name
    assert "attention_comparator=E54000048" in against_icb.loc["children_absolute_low_income", "detail_link"]
    with pytest.raises(ValueError, match="no indicator values are held for comparator"):
        attention_comparators.comparator_for(db, icb2019, "nowhere")
    with pytest.raises(ValueError, match="must be another area"):
        attention.attention(db, icb2019, BLACKPOOL, attention_comparators.Comparator(BLACKPOOL, "Blackpool"))
    assert attention_comparators.resolve_area(db, icb2019, "blackpool") == (BLACKPOOL, "Blackpool")


def test_trajectory_towards_smokefree_2030(blackpool):
    # 2020-2024: 21.8, 19.3, 17.2, 19.4, 20.8 (OHID 92443): slope -0.19 a year, 18.18% in 2030, above 5%
    out = attention_targets.area_trajectory(
        blackpool, "smoking_adults", attention_targets.Target("ambition", 2030, None, "smokefree_2030")
    )
    assert out["verdict"] == "not on track at the recent rate"
    assert out["projected"] == pytest.approx(18.18)
    assert out["periods"] == ("2020", "2021", "2022", "2023", "2024")
    assert "Advancing our health" in out["target_source"]
    england = attention_targets.area_trajectory(blackpool, "smoking_adults", attention_targets.Target("england", 2030))
    assert england["target"] == 10.4  # England 2024
    with pytest.raises(ValueError, match="must be after the latest data"):
        attention_targets.area_trajectory(blackpool, "smoking_adults", attention_targets.Target("number", 2020, 5.0))
    with pytest.raises(ValueError, match="unknown target kind"):
        attention_targets.area_trajectory(blackpool, "smoking_adults", attention_targets.Target("wish", 2030))


def test_core20_against_the_rest_of_blackpool_in_people(db, icb2025):
    found = attention.attention(db, icb2025, BLACKPOOL)
    table = attention.core20_people(db, icb2025, BLACKPOOL, found.table).set_index("indicator_id")
    row = table.loc["census_bad_health"]
    # Census 2021 TS037 summed over Blackpool's 2021 LSOAs by IMD 2025 decile: Core20 (deciles 1-2) 6,526 + 1,751 =
    # 8,277 of 56,568 + 18,417 = 74,985 (11.038%); the rest 4,604 of 66,053 (6.970%);
    # (11.038 - 6.970) x 74,985 / 100 = 3,050.4 more residents in bad or very bad health
    assert row["people"] == pytest.approx((8277 / 74985 - 4604 / 66053) * 74985, rel=1e-9)
    assert round(row["people"]) == 3050
    assert row["people_lowercl"] < row["people"] < row["people_uppercl"]
    assert attention.core20_people(db, icb2025, "E07000117", found.table).empty  # a district: not by place


def test_against_the_15_nearest_neighbours_worked_by_hand(db, icb2025):
    found = attention.attention(
        db, icb2025, BLACKPOOL, attention_comparators.comparator_for(db, icb2025, "neighbours", BLACKPOOL)
    )
    table = found.table.set_index("indicator_id")
    bad = table.loc["census_bad_health"]
    # Census 2021 TS037, bad or very bad health, Blackpool's 15 neighbours (similar.nearest_neighbours): Hull 18,253
    # of 267,023; Hyndburn 5,744/82,224; Thanet 10,185/140,602; Great Yarmouth 7,231/99,737; Hastings 6,615/90,998;
    # Middlesbrough 10,519/143,926; Stoke 19,022/258,377; Gateshead 14,452/196,162; St Helens 13,768/183,256; South
    # Tyneside 11,336/147,793; Halton 9,872/128,480; Hartlepool 7,364/92,356; Liverpool 38,771/486,082; Sunderland
    # 21,939/274,214; Knowsley 13,296/154,507. Every one has counts, so pooled: 208,367 / 2,745,737 = 7.5887%.
    # Blackpool 9.133% (8.984 to 9.284) is above it: Worse; the highest of the 16 (Knowsley next, 8.605%).
    assert bad["comparator_value"] == pytest.approx(100 * 208367 / 2745737)
    assert (bad["comparison"], bad["rank_group"]) == ("Worse", "highest of 16 similar areas")
    assert bad["comparator_method"] == "pooled from the counts of 15 peers, Wilson 95% interval"
    # (9.133 - 7.5887) x 141,038 / 100 = 2,178.0 more residents in bad or very bad health than at the group's rate
    assert bad["people"] == pytest.approx((9.133 - 100 * 208367 / 2745737) * 1410.38)
    assert bad["comparator_name"] == "the similar-areas group"
    # Male life expectancy 2023-25, the 15 neighbours: 75.5, 75.9, 76.7, 76.9, 77.0, 77.0, 77.1, 77.1, 77.2, 77.3,
    # 77.3, 77.3, 77.5, 77.9, 78.2: no counts, so their median, the 8th, 77.1. Blackpool 74.2 has no interval in the
    # extract, so no comparison (and no significance) is claimed; its rank is still given.
    le_male = table.loc["le_male"]
    assert (le_male["comparator_value"], le_male["comparison"]) == (77.1, "Not compared")
    assert le_male["comparator_method"] == "median of 15 peers' values"
    assert le_male["rank_group"] == "lowest of 16 similar areas" and le_male["group"] == "Not judged"
    # children in low-income families is held for the ICB's 16 districts only: no group value, said so
    assert "fewer than half its members" in table.loc["children_absolute_low_income", "comparison_basis"]
    assert "attention_comparator=neighbours" in bad["detail_link"]


def test_against_the_deprivation_decile_and_where_no_group_exists(db, icb2025):
    decile = attention_comparators.comparator_for(db, icb2025, "decile", BLACKPOOL)
    assert (decile.kind, decile.name) == ("decile", "the deprivation-decile group")
    table = attention.attention(db, icb2025, BLACKPOOL, decile).table.set_index("indicator_id")
    # Blackpool is in decile 1 with 29 other districts and unitary authorities (similar.deprivation_decile_peers)
    assert table.loc["census_bad_health", "rank_group"] == "highest of 30 authorities in its deprivation decile"
    with pytest.raises(ValueError, match="not a single English authority"):
        attention_comparators.comparator_for(db, icb2025, "neighbours", "E54000048")
    with pytest.raises(ValueError, match="needs the area"):
        attention_comparators.comparator_for(db, icb2025, "decile")


def test_best_quartile_of_similar_areas_as_a_target(db, icb2025):
    found = attention.attention(db, icb2025, BLACKPOOL)
    target = attention_targets.similar_quartile_target(db, icb2025, BLACKPOOL, "smoking_adults", 2030)
    # APS adult smoking 2024 (OHID 92443), Blackpool's 15 neighbours sorted: 8.3, 8.4, 8.5, 9.4, 11.7, 11.9, 12.3,
    # 13.0, 13.4, 13.8, 14.1, 14.8, 14.9, 15.9, 18.4. Low is good, so the 25th percentile: position (15 - 1) x 0.25
    # = 3.5, halfway between the 4th and 5th values: 9.4 + 0.5 x (11.7 - 9.4) = 10.55.
    assert target.value == pytest.approx(10.55)
    out = attention_targets.area_trajectory(found, "smoking_adults", target)
    # Blackpool 2020-2024: 21.8, 19.3, 17.2, 19.4, 20.8: slope -0.19 a year, projected 18.18% in 2030 > 10.55:
    # not on track; needed (10.55 - 20.8) / (2030 - 2024) = -1.708 a year
    assert out["verdict"] == "not on track at the recent rate"
    assert out["needed_change"] == pytest.approx((10.55 - 20.8) / 6)
    assert out["target_source"].startswith("The best quartile of similar areas, 10.6 (2024): the 25th percentile")
    with pytest.raises(ValueError, match="no polarity"):
        attention_targets.similar_quartile_target(db, icb2025, BLACKPOOL, "pct_aged_65_plus", 2030)


def test_export_rounds_people_and_values(blackpool):
    out = attention.export_table(blackpool).set_index("indicator_id")
    row = out.loc["children_absolute_low_income"]
    # 2,075.083 (1,882.575 to 2,255.090) people; 23.9 (23.13 to 24.62) to one decimal, as the indicator
    assert (row["people"], row["people_lowercl"], row["people_uppercl"]) == (2075, 1883, 2255)
    assert (row["value"], row["lowercl"], row["uppercl"], row["comparator_value"]) == ("23.9", "23.1", "24.6", "15.6")
    assert str(out["people"].dtype) == "Int64"


def test_a_user_defined_area_of_all_blackpool_lsoas(db, icb2025):
    lsoas = db.execute(
        "select lsoa_code from mart_lsoas where imd_vintage = 2025 and lad_code = 'E06000009' order by lsoa_code"
    )["lsoa_code"]
    spec = place_profile_user.UserAreaSpec("All of Blackpool", "blackpool.csv", tuple(lsoas), 2025)
    found = attention_user_area.user_area_attention(db, icb2025, spec)
    table = found.table.set_index("indicator_id")
    bad = table.loc["census_bad_health"]
    # Census 2021 TS037 summed over the 94 LSOAs: 12,881 of 141,038 in bad or very bad health; England 5.1532%:
    # 12,881 - 0.051532 x 141,038 = 5,613 more residents, as for the place Blackpool (same counts, same England)
    assert bad["people"] == pytest.approx(12881 - 141038 * bad["comparator_value"] / 100)
    assert round(bad["people"]) == 5613
    assert (bad["group"], bad["direction"]) == ("Worse and not improving", "not tested")
    assert set(table.index) == {
        "census_bad_health",
        "census_household_deprived",
        "census_household_deprived_2plus",
        "census_unpaid_care",
        "census_unpaid_care_50h",
        "pct_aged_0_15",
        "pct_aged_65_plus",
        "pct_disabled",
        "pct_ethnic_minority",
    }
    named = attention.attention(db, icb2025, BLACKPOOL).table.set_index("indicator_id")
    assert round(named.loc["census_bad_health", "people"]) == 5613
    assert [what.split(":")[0] for what, _ in attention_user_area.NOT_FOR_USER_AREAS][:3] == [
        "Published rates",
        "GP-recorded data",
        "Survey estimates",
    ]
