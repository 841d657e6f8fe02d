"""Peer comparators and ranks: values worked from the source files."""

from __future__ import annotations

import pandas as pd
import pytest

from lsc_phm import config
from lsc_phm.domain import comparators, similar
from lsc_phm.stats import wilson_ci

BLACKPOOL = "E06000009"


def test_blackpool_male_life_expectancy_is_the_lowest_of_294_authorities(db, icb2025):
    # Fingertips 90366 (data/raw/fingertips_90366_life_expectancy.parquet), period "2023 - 25", Male: of the 296
    # districts and UAs of 2024, City of London and Isles of Scilly have no value, leaving 294; Blackpool's 74.2 is
    # the lowest (next: Kingston upon Hull 75.5, Middlesbrough 75.9).
    raw = pd.read_parquet(config.RAW_DIR / "fingertips_90366_life_expectancy.parquet")
    current = set(similar.authority_profiles(db, "district")["area_code"])
    male = raw[(raw["period"] == "2023 - 25") & (raw["inequality"] == "Male") & raw["area_code"].isin(current)]
    male = male.dropna(subset=["value"]).sort_values("value")
    assert len(male) == 294 and male["area_code"].iloc[0] == BLACKPOOL and male["value"].iloc[0] == 74.2

    bench = comparators.benchmarks(db, icb2025, BLACKPOOL, "neighbours", ("le_male",)).iloc[0]
    assert bench["period"] == "2023 - 25"
    assert (bench["rank_all_lowest"], bench["rank_all_of"]) == (1, 294)
    assert bench["rank_all"] == "lowest of 294 English districts and unitary authorities"
    assert bench["rank_group"] == "lowest of 16 similar areas"
    neighbours = similar.nearest_neighbours(db, BLACKPOOL)["code"]
    peer_values = male[male["area_code"].isin(neighbours)]["value"]
    assert bench["comparator_value"] == pytest.approx(peer_values.median())
    assert bench["comparator_method"] == "median of 15 peers' values"


def test_pooled_peer_value_for_a_crude_proportion_from_census_counts(db, icb2025):
    # Census 2021 TS037: bad + very bad health over all residents, summed over the LSOAs of Blackpool's 15
    # neighbours (ONS LSOA21 -> LAD24 lookup), with a Wilson 95% interval.
    health = pd.read_parquet(config.RAW_DIR / "census2021_ts037_general_health_lsoa21.parquet")
    lookup = pd.read_parquet(config.RAW_DIR / "lookup_lsoa21_wd24_lad24_sicbl24_icb24.parquet")
    merged = health.merge(lookup[["LSOA21CD", "LAD24CD"]], left_on="lsoa21_code", right_on="LSOA21CD")
    neighbours = set(similar.nearest_neighbours(db, BLACKPOOL)["code"])
    peers = merged[merged["LAD24CD"].isin(neighbours)]
    bad = int((peers["Bad health"] + peers["Very bad health"]).sum())
    total = int(peers["total_residents"].sum())
    limits = wilson_ci([bad], [total], 0.95)

    bench = comparators.benchmarks(db, icb2025, BLACKPOOL, "neighbours", ("census_bad_health",)).iloc[0]
    assert bench["comparator_value"] == pytest.approx(100 * bad / total)
    assert bench["comparator_lowercl"] == pytest.approx(100 * limits["lowercl"].iloc[0])
    assert bench["comparator_method"] == "pooled from the counts of 15 peers, Wilson 95% interval"
    # Blackpool 9.13% (8.98 to 9.28) lies above the pooled peer value (7.59%): worse than its similar areas
    spine = pd.DataFrame(
        {
            "indicator_id": ["census_bad_health"],
            "period": ["2021"],
            "value": [9.13],
            "lowercl": [8.98],
            "uppercl": [9.28],
            "polarity": ["low_is_good"],
            "comparison": ["Worse"],
            "england_value": [5.15],
            "worst": [9.13],
            "q25": [4.9],
            "q75": [6.1],
            "best": [2.9],
        }
    )
    judged = comparators.spine_against(spine, pd.DataFrame([bench]), "neighbours").iloc[0]
    assert judged["comparison"] == "Worse" and judged["england_value"] == pytest.approx(round(100 * bad / total, 2))
    assert judged["benchmark"] == "15 nearest neighbours"


def test_a_peer_comparison_needs_the_areas_own_interval(db, icb2025):
    # Life expectancy in the Fingertips extract carries OHID's comparison with England but no limits: against peers
    # it is not compared (OHID's England verdict is not carried over).
    bench = comparators.benchmarks(db, icb2025, BLACKPOOL, "decile", ("le_male",))
    spine = pd.DataFrame(
        {
            "indicator_id": ["le_male"],
            "period": ["2023 - 25"],
            "value": [74.2],
            "lowercl": [None],
            "uppercl": [None],
            "polarity": ["high_is_good"],
            "comparison": ["Worse"],
            "england_value": [79.7],
            "worst": [74.2],
            "q25": [78.0],
            "q75": [80.5],
            "best": [84.0],
        }
    )
    judged = comparators.spine_against(spine, bench, "decile").iloc[0]
    assert judged["comparison"] == "Not compared"
    assert "no confidence interval" in judged["comparison_basis"]
    assert judged["rank_group"] == "lowest of 30 authorities in its deprivation decile"


def test_counties_and_unknown_comparators_are_refused_with_a_reason(db, icb2025):
    with pytest.raises(ValueError, match="is a county"):
        comparators.benchmarks(db, icb2025, "E10000017", "neighbours", ("le_male",))
    with pytest.raises(ValueError, match="comparator must be one of"):
        comparators.peer_group(db, BLACKPOOL, "cipfa")
