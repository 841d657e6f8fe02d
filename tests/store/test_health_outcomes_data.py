"""The indicator store's health outcomes, checked against the vendored source files (real values)."""

from __future__ import annotations

import pandas as pd
import pytest

from lsc_phm import config, indicators
from lsc_phm.domain import indicator_data
from lsc_phm.stats import wilson_ci
from lsc_phm.store.db import Database

RAW = config.RAW_DIR


def _one(db: Database, indicator: str, area: str, period: str) -> pd.Series:
    rows = db.execute(
        "select * from mart_indicator_values where indicator_id = $i and area_code = $a and period = $p "
        "and (imd_vintage = 2025 or imd_vintage is null)",
        {"i": indicator, "a": area, "p": period},
    )
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_icb_diabetes_published_count_and_denominator(db: Database) -> None:
    # FingertipsNext seed, indicator 241 (diabetes QOF prevalence 17+), ICB E54000048, Year 2022 (= 2022/23):
    # Count 116,214, Denominator 1,490,473 (data/SOURCES.md; shared SOURCES check against QOF 2022-23).
    row = _one(db, "diabetes_qof_fingertips", "E54000048", "2022/23")
    assert (row["numerator"], row["denominator"]) == (116_214, 1_490_473)
    assert row["ci_source"] == "published"
    assert row["value"] == pytest.approx(100 * 116_214 / 1_490_473, abs=1e-4)


def test_computed_here_agrees_with_published(db: Database) -> None:
    # QOF 2022-23 DM register and 17+ list summed here over QE1's practices = OHID's published ICB count/denominator
    computed = _one(db, "qof_dm", "E54000048", "2022-23")
    published = _one(db, "diabetes_qof_fingertips", "E54000048", "2022/23")
    assert (computed["numerator"], computed["denominator"]) == (published["numerator"], published["denominator"])
    assert computed["ci_source"] == "computed here"
    # Wilson limits computed here = OHID's published 95% limits (to the published precision)
    assert computed["lowercl"] == pytest.approx(published["lowercl"], abs=1e-4)
    assert computed["uppercl"] == pytest.approx(published["uppercl"], abs=1e-4)
    # and on every row of every published proportion tagged as Wilson (so recomputed here at 99.8%): our Wilson limits
    # from the count and denominator equal OHID's to its published precision (some rows are rounded to 1 dp)
    tagged = [i.id for i in indicators.REGISTRY if indicators.WILSON_PUBLISHED_TAG in i.tags]
    assert set(tagged) == {
        "smoking_at_delivery",
        "breast_screening_53_70",
        "diabetes_qof_fingertips",
        "dementia_qof_fingertips",
        "smoking_qof_15plus",
    }
    rows = db.execute(
        "select indicator_id, numerator, denominator, lowercl, uppercl from mart_indicator_values "
        "where indicator_id in (select unnest($ids)) and numerator is not null and lowercl is not null "
        "and denominator > 0",
        {"ids": tagged},
    )
    assert len(rows) > 500
    limits = wilson_ci(rows["numerator"], rows["denominator"], 0.95)
    assert (100 * limits["lowercl"]).to_numpy() == pytest.approx(rows["lowercl"].to_numpy(), abs=0.051)
    assert (100 * limits["uppercl"]).to_numpy() == pytest.approx(rows["uppercl"].to_numpy(), abs=0.051)
    # children in absolute low-income families uses another method (not Wilson): not tagged, never recomputed
    assert indicators.WILSON_PUBLISHED_TAG not in indicators.get("children_absolute_low_income").tags


def test_icb_bad_or_very_bad_health_from_ts037(db: Database) -> None:
    # Independently from the vendored files: TS037 "Bad health" + "Very bad health" over the ICB's 1,060 LSOAs 2021
    # (ONS LSOA21 -> ICB24 lookup) = 105,018 of 1,717,607 usual residents = 6.11% (England 2,911,044 / 56,489,964 =
    # 5.15%, as in the shared SOURCES.md check).
    ts037 = pd.read_parquet(RAW / "census2021_ts037_general_health_lsoa21.parquet")
    lookup = pd.read_parquet(RAW / "lookup_lsoa21_wd24_lad24_sicbl24_icb24.parquet")
    icb_lsoas = set(lookup.loc[lookup["ICB24CD"] == "E54000048", "LSOA21CD"])
    mine = ts037[ts037["lsoa21_code"].isin(icb_lsoas)]
    assert len(mine) == 1_060
    bad = int((mine["Bad health"] + mine["Very bad health"]).sum())
    assert (bad, int(mine["total_residents"].sum())) == (105_018, 1_717_607)
    row = _one(db, "census_bad_health", "E54000048", "2021")
    assert (row["numerator"], row["denominator"]) == (105_018, 1_717_607)
    assert row["value"] == pytest.approx(6.114, abs=0.001)
    assert row["ci_source"] == "computed here" and row["lowercl"] < row["value"] < row["uppercl"]
    england = _one(db, "census_bad_health", "E92000001", "2021")
    assert (england["numerator"], england["denominator"]) == (2_911_044, 56_489_964)


def test_unpaid_care_uses_nested_columns_correctly(db: Database) -> None:
    # TS039 England: 53,413,167 aged 5+, of whom 4,678,326 (8.8%) provide some unpaid care (shared SOURCES.md check)
    england = _one(db, "census_unpaid_care", "E92000001", "2021")
    assert (england["numerator"], england["denominator"]) == (4_678_326, 53_413_167)


def test_duplicate_keys_resolved_by_the_stated_rule(db: Database) -> None:
    source = pd.read_parquet(RAW / "fingertipsnext_healthdata_lsc.parquet")
    assert (source["n_rows_same_key"] > 1).sum() > 100  # the source does carry duplicate keys
    key = ["fingertips_id", "area_code", "start_year", "sex", "age", "category_type", "category"]
    staged = db.execute("select * from stg_fingertipsnext__values")
    assert not staged.duplicated(key).any()
    # 352 (% with caring responsibility), E38000034, 2023: two rows, 20.365218 (453.36 / 2,226.15) and 20.3684
    # (467.68 / 2,296.11), equally complete; the rule keeps the unrounded value (more significant digits)
    row = staged[
        (staged["fingertips_id"] == "352") & (staged["area_code"] == "E38000034") & (staged["start_year"] == 2023)
    ]
    assert len(row) == 1 and row["value"].iloc[0] == pytest.approx(20.365218)
    assert row["rows_with_key"].iloc[0] == 2
    # every resolved key had as many source rows as the source's own n_rows_same_key says
    assert (staged["rows_with_key"] <= staged["n_rows_same_key"].clip(lower=1)).all()


def test_fingertips_flags_carried_as_publisher_comparison(db: Database) -> None:
    # Fingertips 90366 extract: Blackpool male LE 2023-25 = 74.2, compared_to_England "Worse"
    row = db.execute(
        "select value, published_comparison from mart_indicator_values where indicator_id = 'le_male' "
        "and area_code = 'E06000009' and period = '2023 - 25'"
    ).iloc[0]
    assert (row["value"], row["published_comparison"]) == (74.2, "Worse")


def test_england_by_deprivation_decile_rows(db: Database) -> None:
    deciles = db.execute("select * from mart_indicator_england_deciles where indicator_id = 'smoking_at_delivery'")
    assert not deciles.empty
    for _, group in deciles.groupby(["period", "category_type"]):
        assert sorted(group["decile"]) == list(range(1, 11))


def test_modelled_prevalence_has_no_interval_and_says_why(db: Database, icb2019) -> None:
    # Modelled CKD 2021/22: LSOA E01012671 (Blackpool) value in the source 0.0... x 100; no interval, reason given
    frame = indicator_data.values(db, icb2019, "modelled_ckd_prevalence", "lsoa", "2021/22")
    source = pd.read_parquet(RAW / "modelled_qof_ckd_stroke_lsoa11.parquet").set_index("LSOA11CD")
    one = frame.dropna(subset=["value"]).iloc[0]
    assert one["value"] == pytest.approx(100 * source.loc[one["area_code"], "ckd_18plus_qof_2021_22"], abs=0.005)
    assert frame["lowercl"].isna().all() and (frame["comparison"] == "Not compared").all()
    assert frame["comparison_basis"].str.contains("modelled estimate").all()


def test_comparison_rule_levels(db: Database, icb2025) -> None:
    # 95%: published limits; 99.8%: crude proportions recomputed from counts (computed here), DSRs not compared
    sat95 = indicator_data.values(db, icb2025, "smoking_at_delivery", "icb", "2023/24").iloc[0]
    assert sat95["comparison_basis"] == "95% CI (published)" and sat95["comparison"] == "Worse"
    sat998 = indicator_data.values(db, icb2025, "smoking_at_delivery", "icb", "2023/24", 0.998).iloc[0]
    assert sat998["comparison_basis"] == "99.8% CI (computed here)"
    assert sat998["lowercl"] < sat95["lowercl"]
    falls = indicator_data.values(db, icb2025, "falls_admissions_65plus", "icb", "2022/23", 0.998).iloc[0]
    assert falls["comparison"] == "Not compared" and "only 95% limits are published" in falls["comparison_basis"]
    # SATOD 2023/24 ICB: 10.0% (1,519 / 15,126) against England 7.4% (shared SOURCES.md)
    assert (sat95["numerator"], sat95["denominator"]) == (1_519, 15_126)


def test_small_area_health_outcomes_at_every_level(db: Database, icb2019, icb2025) -> None:
    # Census outcomes on the IMD 2025 (LSOA 2021) geography and modelled CKD on IMD 2019 (LSOA 2011), from LSOA up to
    # the ICB, so the map explorer (which lists every registry indicator with map levels) can map them by ward
    table = indicator_data.availability_table(db, icb2025)
    for indicator in ("census_bad_health", "census_unpaid_care", "census_household_deprived"):
        levels = indicator_data.availability(table, indicator).levels
        assert {"lsoa", "ward", "district", "place", "sicbl", "icb"} <= set(levels), (indicator, levels)
    levels = indicator_data.availability(
        indicator_data.availability_table(db, icb2019), "modelled_ckd_prevalence"
    ).levels
    assert {"lsoa", "ward", "district", "place", "icb"} <= set(levels)
    wards = indicator_data.values(db, icb2025, "census_bad_health", "ward", "2021")
    assert len(wards) > 200 and wards["value"].notna().all()
    assert (wards["comparison_basis"].str.startswith("95% CI (computed here)") | wards["suppressed"]).all()
