"""What needs attention: Blackpool's groups from the built database, the gap in people, comparators and targets."""

from __future__ import annotations

import pytest

from lsc_phm import indicators
from lsc_phm.reports import attention_report
from lsc_phm.views import attention

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
    assert row["direction_basis"].startswith("latest change 2021/22 to 2022/23 (19.3 to 23.9)")
    # (23.9 - 15.6) x 25,001 / 100 = 2,075.08, interval (23.13 - 15.6) x 250.01 to (24.62 - 15.6) x 250.01
    assert (row["people"], row["people_lowercl"], row["people_uppercl"]) == pytest.approx((2075.083, 1882.5753,
                                                                                          2255.0902))
    # gaps 7.4, 5.4, 3.5, 4.0, 8.3 points: no clear change
    assert row["gap_trend"] == "no clear change"
    full = blackpool.table[blackpool.table["indicator_id"] == "children_absolute_low_income"].iloc[0]
    sentence = attention_report.people_sentence(full, "Blackpool")
    assert sentence == ("About 2,080 more children in absolute low-income families in Blackpool than at England's "
                        "rate (1,880 to 2,260; 2022/23).")


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
    surveys = {i.id for i in indicators.REGISTRY
               if any(word in i.definition for word in ("Active Lives", "APS", "Annual Population Survey"))
               and i.value_type == "proportion"}
    assert surveys <= attention.SURVEY_IDS


def test_comparator_the_icb_and_bad_input(db, icb2019):
    icb = attention.comparator_for(db, icb2019, "E54000048")
    against_icb = attention.attention(db, icb2019, BLACKPOOL, icb).table.set_index("indicator_id")
    assert against_icb.loc["children_absolute_low_income", "comparator_name"] == icb.name
    assert "attention_comparator=E54000048" in against_icb.loc["children_absolute_low_income", "detail_link"]
    with pytest.raises(ValueError, match="no indicator values are held for comparator"):
        attention.comparator_for(db, icb2019, "nowhere")
    with pytest.raises(ValueError, match="must be another area"):
        attention.attention(db, icb2019, BLACKPOOL, attention.Comparator(BLACKPOOL, "Blackpool"))
    assert attention.resolve_area(db, icb2019, "blackpool") == (BLACKPOOL, "Blackpool")


def test_trajectory_towards_smokefree_2030(blackpool):
    # 2020-2024: 21.8, 19.3, 17.2, 19.4, 20.8 (OHID 92443): slope -0.19 a year, 18.18% in 2030, above 5%
    out = attention.area_trajectory(blackpool, "smoking_adults", attention.Target("ambition", 2030, None,
                                                                                   "smokefree_2030"))
    assert out["verdict"] == "not on track at the recent rate"
    assert out["projected"] == pytest.approx(18.18)
    assert out["periods"] == ("2020", "2021", "2022", "2023", "2024")
    assert "Advancing our health" in out["target_source"]
    england = attention.area_trajectory(blackpool, "smoking_adults", attention.Target("england", 2030))
    assert england["target"] == 10.4  # England 2024
    with pytest.raises(ValueError, match="must be after the latest data"):
        attention.area_trajectory(blackpool, "smoking_adults", attention.Target("number", 2020, 5.0))
    with pytest.raises(ValueError, match="unknown target kind"):
        attention.area_trajectory(blackpool, "smoking_adults", attention.Target("wish", 2030))


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
