"""Primary care networks: QOF prevalence from practice counts, list-weighted deprivation score, area PCNs."""

from __future__ import annotations

import duckdb
import pytest

from lsc_phm import config
from lsc_phm.domain import pcn
from lsc_phm.stats import wilson_ci
from lsc_phm.views import inequalities, inequality_measures

MID_FURNESS = "U25520"
#: Its four practices in the source file (QOF 2024-25 PREVALENCE, group HYP; PCN from the July 2026 practice map):
#: A82003 2151 / 11960, A82039 1579 / 8816, A82068 902 / 4701, A82651 907 / 4967
REGISTERS = {"A82003": (2151, 11960), "A82039": (1579, 8816), "A82068": (902, 4701), "A82651": (907, 4967)}


def test_pcn_hypertension_prevalence_is_its_practices_registers_over_list_sizes(db, icb2025):
    raw = duckdb.sql(
        f"select PRACTICE_CODE, REGISTER, PRACTICE_LIST_SIZE from '{config.RAW_DIR}/qof_2024_25_prevalence.parquet' "
        "where GROUP_CODE = 'HYP' and PRACTICE_CODE in ('A82003', 'A82039', 'A82068', 'A82651')"
    ).df()
    assert {r.PRACTICE_CODE: (r.REGISTER, r.PRACTICE_LIST_SIZE) for r in raw.itertuples()} == REGISTERS
    register, list_size = 2151 + 1579 + 902 + 907, 11960 + 8816 + 4701 + 4967  # 5539 / 30444
    table = pcn.pcn_table(db, icb2025, "qof_hyp", "2024-25").set_index("pcn_code")
    row = table.loc[MID_FURNESS]
    assert row["pcn_name"] == "Mid Furness PCN" and row["practices"] == 4
    assert row["numerator"] == register and row["list_size"] == list_size
    assert row["value"] == pytest.approx(round(100 * 5539 / 30444, 2))  # 18.19%
    limits = wilson_ci([register], [list_size], 0.95)
    assert row["lowercl"] == pytest.approx(round(100 * limits["lowercl"].iloc[0], 2))
    assert row["sicbl_name"] == "Morecambe Bay (01K)"


def test_pcn_deprivation_score_is_list_weighted(db, icb2025):
    scores = db.execute(
        "select practice_code, imd_score from stg_gp_practices__deprivation where practice_code in "
        "('A82003', 'A82039', 'A82068', 'A82651')"
    ).set_index("practice_code")["imd_score"]
    by_hand = sum(REGISTERS[c][1] * scores[c] for c in REGISTERS) / sum(v[1] for v in REGISTERS.values())
    table = pcn.pcn_table(db, icb2025, "qof_hyp", "2024-25").set_index("pcn_code")
    assert table.loc[MID_FURNESS, "imd_score"] == pytest.approx(round(by_hand, 2))
    # ranked: 1 = highest score; the ICB has 45 PCNs in the 2024-25 mapping
    assert table["deprivation_rank"].min() == 1 and len(table) == 45
    top = table.sort_values("deprivation_rank").iloc[0]
    assert top["imd_score"] == table["imd_score"].max()


def test_place_lists_its_pcns(db, icb2025):
    blackpool = pcn.area_pcns(db, icb2025, "QE1-E06000009")
    assert set(blackpool["sicbl_name"]) == {"Blackpool (00R)"}
    assert not blackpool["sicbl_partly_in_area"].any()
    assert "Blackpool Central West PCN" in set(blackpool["pcn_name"])
    cumbria = pcn.area_pcns(db, icb2025, "QE1-south-cumbria")
    assert cumbria["sicbl_partly_in_area"].all() and "Mid Furness PCN" in set(cumbria["pcn_name"])


def test_pcn_is_a_unit_on_the_inequalities_view(db, icb2025):
    result = inequalities.gradient(db, icb2025, "qof_hyp", "pcn", "local", 5, "2024-25")
    assert result.table["units"].sum() == 45
    assert "primary care networks" in result.description
    measures = inequality_measures.measures(db, icb2025, result).table.set_index("measure")
    assert measures["value"].notna().any()
    with pytest.raises(ValueError, match="PCNs are ranked locally"):
        inequalities.gradient(db, icb2025, "qof_hyp", "pcn", "national", 10, "2024-25")


def test_non_qof_indicator_is_refused(db, icb2025):
    with pytest.raises(ValueError, match="QOF registers only"):
        pcn.pcn_table(db, icb2025, "smoking_adults")


# ------------------------------------------------------------------------------------------------ OHID's PCN values
def test_ohid_pcn_values_are_published_values_with_their_limits(db, icb2025):
    # the source file: OHID Fingertips 94063 (breast screening 53-70), Mid Furness PCN, 2023 (= 2023/24)
    raw = (
        duckdb.sql(
            f"select Value, LowerCI, UpperCI, Count, Denominator from "
            f"'{config.RAW_DIR}/fingertipsnext_healthdata_lsc.parquet'"
            " where AreaType = 'PCN' and IndicatorId = 94063 and AreaCode = 'U25520' and Year = 2023"
        )
        .df()
        .iloc[0]
    )
    assert (raw["Count"], raw["Denominator"]) == (3240, 4100)
    table = pcn.published_pcn_table(db, icb2025, "breast_screening_53_70").set_index("pcn_code")
    row = table.loc[MID_FURNESS]
    assert (
        row["period"] == "2023/24"
        and row["value_source"] == pcn.PUBLISHED_LABEL == "published by OHID (Fingertips PCN value)"
    )
    assert (
        (row["value"], row["lowercl"], row["uppercl"])
        == (round(raw["Value"], 1), round(raw["LowerCI"], 1), round(raw["UpperCI"], 1))
        == (79.0, 77.8, 80.2)
    )
    assert row["numerator"] == 3240 and row["comparison"] == "Better"  # England 69.9%, OHID's 95% limits above it
    # every PCN of the latest mapping is listed; the 30 without an OHID value say so
    assert len(table) == 45 and (table["value_source"] == pcn.PUBLISHED_LABEL).sum() == 15
    missing = table[table["value"].isna()]
    assert (missing["comparison"] == "Not published by OHID").all() and len(missing) == 30
    # the QOF table says its values are computed here
    assert (pcn.pcn_table(db, icb2025, "qof_hyp")["value_source"] == pcn.COMPUTED_LABEL).all()


def test_ohid_pcn_codes_match_the_practice_to_pcn_mapping(db, icb2025):
    check = pcn.membership_check(db, icb2025)
    ohid = check[check["ohid_indicators"].notna()]
    assert len(ohid) == 15 and ohid["in_latest_qof_mapping"].all()  # every OHID PCN code is a PCN of 2024-25
    # PCNs in an older mapping only: Wyre Rural Extended Neighbourhood (U63454); the 2022-23 "Unallocated" pool (U)
    # is no PCN, so its practice has none
    assert set(check.loc[~check["in_latest_qof_mapping"], "pcn_code"]) == {"U63454"}


def test_ohid_pcn_values_on_the_inequalities_view_and_cli_labels(db, icb2025):
    result = inequalities.gradient(db, icb2025, "breast_screening_53_70", "pcn", "local", 5)
    assert result.period == "2023/24" and result.table["units"].sum() == 15
    assert "published by OHID" in result.description
    # group 1 (most deprived fifth): Pendle West, Bay, Hyndburn Rural pooled: (2815 + 4635 + 2645) / (4450 + 6520 +
    # 3715)
    first = result.table.iloc[0]
    assert (first["numerator"], first["denominator"]) == (10095, 14685)
    assert first["value"] == round(100 * 10095 / 14685, 2) == 68.74
    sii = inequality_measures.measures(db, icb2025, result).table.iloc[0]
    assert sii["value"] < 0 and sii["uppercl"] < 0  # SII most minus least deprived: lower coverage where more deprived
    from lsc_phm.domain import indicator_data

    values = indicator_data.values(db, icb2025, "breast_screening_53_70", "pcn", "2023/24").set_index("area_code")
    assert values.loc[MID_FURNESS, "area_name"] == "Mid Furness PCN"  # OHID's rows have no name: QOF's
    assert values["method"].str.startswith("published by OHID").all()
    qof = indicator_data.values(db, icb2025, "qof_hyp", "pcn", "2024-25")
    assert qof["method"].str.startswith("computed here from QOF practice registers summed").all()


# ------------------------------------------------------------- GP-recorded smoking: OHID practice counts summed here
BLACKPOOL_CENTRAL_WEST = "U47882"
#: Its three practices in the source file (OHID Fingertips 91547, current smokers 15+ / patients 15+ with a status):
#: 2023/24 P81042 3687 / 12406, P81043 1608 / 5665, P81063 2847 / 9959 (no limits published for 2023/24);
#: 2022/23 P81042 3955 / 12543 (OHID's 95% limits 30.724-32.350), P81043 1631 / 5429, P81063 2939 / 10050
SMOKERS_2023_24 = {"P81042": (3687, 12406), "P81043": (1608, 5665), "P81063": (2847, 9959)}


def test_gp_recorded_smoking_by_pcn_is_its_practices_ohid_counts_summed_with_wilson_limits(db, icb2025):
    raw = duckdb.sql(
        f'select "Area Code" as code, "Count" as n, "Denominator" as d '
        f"from '{config.RAW_DIR}/fingertips_91547_smoking_qof_15plus.parquet' "
        "where \"Time period\" = '2023/24' and \"Area Code\" in ('P81042', 'P81043', 'P81063')"
    ).df()
    assert {r.code: (r.n, r.d) for r in raw.itertuples()} == SMOKERS_2023_24
    # by hand: 3687 + 1608 + 2847 = 8142 smokers of 12406 + 5665 + 9959 = 28030, p = 29.047%; Wilson 95%
    # (z = 1.96): centre (p + z^2/2n) / (1 + z^2/n) = 0.290503, half-width 0.005315, so 28.52% to 29.58%
    table = pcn.indicator_table(db, icb2025, "smoking_qof_15plus").set_index("pcn_code")
    row = table.loc[BLACKPOOL_CENTRAL_WEST]
    assert row["period"] == "2023/24" and (row["numerator"], row["denominator"]) == (8142, 28030)
    assert (row["value"], row["lowercl"], row["uppercl"]) == (29.0, 28.5, 29.6)
    assert row["value_source"] == pcn.SUMMED_LABEL == "computed here (OHID practice counts summed; Wilson interval)"
    assert "computed here from OHID's practice counts summed" in row["method"]
    assert row["comparison"] == "Not compared"  # OHID gives no England value for 2023/24 in the data held
    assert len(table) == 45 and table["value"].notna().all()  # every PCN's practices have a 2023/24 value
    # 2022/23: England 14.7%; 8525 / 28022 = 30.4% (Wilson 29.9-31.0) is worse; four PCNs miss a practice value
    earlier = pcn.indicator_table(db, icb2025, "smoking_qof_15plus", "2022/23").set_index("pcn_code")
    row = earlier.loc[BLACKPOOL_CENTRAL_WEST]
    assert (row["numerator"], row["value"], row["lowercl"], row["uppercl"]) == (8525, 30.4, 29.9, 31.0)
    assert (row["england_value"], row["comparison"]) == (14.7, "Worse")
    missing = earlier[earlier["value"].isna()]
    assert len(missing) == 4 and (missing["comparison"] == "Not every practice has a value").all()
    assert pcn.published_periods(db, icb2025, "smoking_qof_15plus") == ("2023/24", "2022/23")


def test_gp_recorded_smoking_by_practice_and_pcn_on_the_inequalities_view(db, icb2025):
    assert inequalities.periods(db, icb2025, "smoking_qof_15plus", "practice") == ("2023/24", "2022/23")
    result = inequalities.gradient(db, icb2025, "smoking_qof_15plus", "practice", "local", 5, "2023/24")
    assert "published by OHID" in result.description and result.has_ci
    # every practice with a value and a published deprivation score, pooled: the groups' counts add up to theirs
    units = result.units
    assert result.table["numerator"].sum() == units["numerator"].sum()
    adelaide = units.set_index("unit_code").loc["P81042"]
    assert (adelaide["numerator"], adelaide["denominator"]) == SMOKERS_2023_24["P81042"]
    sii = inequality_measures.measures(db, icb2025, result).table.iloc[0]
    assert sii["value"] > 0 and sii["lowercl"] > 0  # SII most minus least deprived: more smoking where more deprived
    from lsc_phm.domain import indicator_data

    practices = indicator_data.values(db, icb2025, "smoking_qof_15plus", "practice", "2023/24").set_index("area_code")
    # no limits published for 2023/24: Wilson from 3687 / 12406 (p = 29.72%): 28.92% to 30.53%, computed here
    assert (practices.loc["P81042", "lowercl"], practices.loc["P81042", "uppercl"]) == (28.9, 30.5)
    assert practices["method"].str.startswith("value, count and denominator published by OHID, limits computed").all()
    older = indicator_data.values(db, icb2025, "smoking_qof_15plus", "practice", "2022/23").set_index("area_code")
    # OHID's own limits for 2022/23 (30.724 to 32.350 in the file)
    assert (older.loc["P81042", "lowercl"], older.loc["P81042", "uppercl"]) == (30.7, 32.4)
    assert older["method"].str.startswith("published by OHID").all()
    note = inequalities.practice_source_note(practices.reset_index(), "2023/24")
    assert "values, counts and denominators **published by OHID**" in note and "Wilson limits are computed" in note
    pcns = inequalities.gradient(db, icb2025, "smoking_qof_15plus", "pcn", "local", 5, "2023/24")
    assert pcns.table["units"].sum() == 45 and "summing OHID's published practice counts" in pcns.description


# ----------------------------------------------------------------------------------------------- PCNs add up to the ICB
def test_lsc_pcns_are_45_without_unallocated_and_sum_to_the_icb(db, icb2025):
    # QOF 2024-25 hypertension: the ICB's 45 PCNs hold every registered patient of its practices (1,868,985), and
    # England's "Unallocated" pool of practices outside any PCN (code U: 38 practices, 222,696 patients) is no PCN.
    table = pcn.pcn_table(db, icb2025, "qof_hyp", "2024-25")
    assert len(table) == 45 and table["pcn_code"].is_unique
    assert not table["pcn_name"].str.contains("unallocated", case=False).any() and "U" not in set(table["pcn_code"])
    icb = db.execute(
        "select numerator, denominator from mart_indicator_values where indicator_id = 'qof_hyp' "
        "and period = '2024-25' and area_level = 'icb' and area_code = 'E54000048'"
    ).iloc[0]
    assert table["list_size"].sum() == icb["denominator"] == 1_868_985
    assert table["numerator"].sum() == icb["numerator"]
    # the pool is now "no PCN": 39 English practices in 2024-25 (38 mapped to U, 1 with no mapping), none in the ICB
    pool = db.execute(
        "select count(distinct practice_code) as n, sum(list_size) as patients, "
        "count(*) filter (where icb_code = 'E54000048') as in_icb from stg_qof__prevalence "
        "where pcn_code is null and group_code = 'HYP' and period = '2024-25'"
    ).iloc[0]
    assert (pool["n"], pool["patients"], pool["in_icb"]) == (39, 222_741, 0)
    assert (
        db.execute(
            "select count(*) as n from mart_indicator_values where area_level = 'pcn' and "
            "(area_code = 'U' or area_name ilike 'unallocated%')"
        ).iloc[0]["n"]
        == 0
    )


def test_pcn_names_are_in_one_case(db, icb2025):
    # sources: "BLACKPOOL SOUTH PCN" (2026 map, upper case), "Barrow And Millom PCN" (2022-23, naive title case)
    names = set(pcn.pcn_table(db, icb2025, "qof_hyp", "2024-25")["pcn_name"])
    assert {
        "Blackpool South PCN",
        "Carnforth and Milnthorpe PCN",
        "Preston North & East PCN",
        "Lytham St Annes PCN",
        "Wyre Integrated Network Ltd PCN",
        "Kirkham & Wesham",
    } <= names
    assert not any(name.isupper() for name in names)
    assert db.execute("select pcn_title_case('WYRE RURAL EXTENDED NEIGHBOURHOOD (WREN) PCN') as n").iloc[0]["n"] == (
        "Wyre Rural Extended Neighbourhood (WREN) PCN"
    )


def test_pcns_are_compared_with_the_icb_built_from_practices(db, icb2025):
    # GP-recorded smoking 2023/24 has no England value (OHID's file ends at 2022/23 for England), but the ICB's value
    # is held (235,318 / 1,552,440 = 15.16%): each PCN is compared with it. Bay PCN (one practice): 8,426 / 45,734 =
    # 18.42%, Wilson 95% 18.07-18.78, above 15.16: worse (smoking: low is good).
    table = pcn.indicator_table(db, icb2025, "smoking_qof_15plus").set_index("pcn_code")
    assert (table["comparison"] == "Not compared").all() and len(table) == 45
    assert table["icb_value"].iloc[0] == 15.2
    assert table.loc["U27624", "icb_comparison"] == "Worse"
    assert set(table["icb_comparison"]) <= {"Better", "Similar", "Worse"}
    assert pcn.reference_values(db, icb2025, "smoking_qof_15plus", "2023/24")["ICB"] == 15.2
    # hypertension 2024-25: the ICB's 17.2% (its practices) and England's 15.23% are both reference lines
    refs = pcn.reference_values(db, icb2025, "qof_hyp", "2024-25")
    assert (refs["ICB"], refs["England"]) == (17.2, 15.23)
