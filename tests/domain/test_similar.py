"""Similar places: nearest statistical neighbours, deprivation-decile peers and ranks, against the source files."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lsc_phm import config
from lsc_phm.domain import similar

BLACKPOOL = "E06000009"


def _raw(name: str) -> pd.DataFrame:
    return pd.read_parquet(config.RAW_DIR / f"{name}.parquet")


def test_distances_follow_the_formula_on_a_hand_worked_frame():
    # x = 0, 1, 0, 2 and y = 0, 0, 1, 2: both have mean 0.75 and population SD sqrt(2.75 / 4) = 0.829156.
    # With weights x 1, y 4: A-B = 1 / 0.829156 = 1.20605; A-C = sqrt(4) / 0.829156 = 2.41209;
    # A-D = sqrt(1 * 2^2 + 4 * 2^2) / 0.829156 = 5.39360.
    profiles = pd.DataFrame(
        {
            "area_code": ["A", "B", "C", "D"],
            "area_name": ["a", "b", "c", "d"],
            "x": [0.0, 1.0, 0.0, 2.0],
            "y": [0.0, 0.0, 1.0, 2.0],
        }
    )
    variables = (similar.NeighbourVariable("x", "x", 1.0), similar.NeighbourVariable("y", "y", 4.0))
    result = similar.neighbour_distances(profiles, "A", n=3, variables=variables)
    assert list(result.columns) == ["code", "name", "distance", "rank"]
    assert result["code"].tolist() == ["B", "C", "D"] and result["rank"].tolist() == [1, 2, 3]
    assert result["distance"].tolist() == pytest.approx([1.20605, 2.41209, 5.39360], abs=1e-5)


def test_bad_requests_say_what_is_wrong():
    profiles = pd.DataFrame({"area_code": ["A", "B"], "area_name": ["a", "b"], "x": [0.0, 1.0]})
    variables = (similar.NeighbourVariable("x", "x", 1.0),)
    with pytest.raises(ValueError, match="'Z' is not among the 2 authorities"):
        similar.neighbour_distances(profiles, "Z", n=1, variables=variables)
    with pytest.raises(ValueError, match="n must be at most 1"):
        similar.neighbour_distances(profiles, "A", n=5, variables=variables)
    with pytest.raises(ValueError, match="not an English local authority code"):
        similar.tier_of("W06000001")


def test_neighbours_are_deterministic_whatever_the_row_order(db):
    profiles = similar.authority_profiles(db, "district")
    first = similar.neighbour_distances(profiles, BLACKPOOL)
    shuffled = profiles.sample(frac=1.0, random_state=7).reset_index(drop=True)
    again = similar.neighbour_distances(shuffled, BLACKPOOL)
    pd.testing.assert_frame_equal(first, again)
    pd.testing.assert_frame_equal(first, similar.nearest_neighbours(db, "QE1-E06000009"))
    assert len(first) == 15 and first["distance"].is_monotonic_increasing


def test_blackpools_three_nearest_neighbours_recomputed_from_the_source_files(db):
    # Independent recomputation from data/raw: IoD2025 LSOA domain scores averaged over each 2024 district (ONS
    # LSOA21 -> LAD24 lookup) weighted by Census 2021 residents (age6 file, sum of bands); % aged 0-15 and 65+
    # from the age file; % ethnic minority = (total - White) / total from TS021; % disabled from TS038;
    # log(residents / km2) with the area of the December 2021 districts summed into 2024 districts.
    # Standardised over the 296 districts, weighted as NEIGHBOUR_VARIABLES, Euclidean distance:
    # Sunderland 1.98, Liverpool 2.08, Hartlepool 2.16.
    lads = _raw("lookup_lsoa21_wd24_lad24_sicbl24_icb24").rename(columns={"LSOA21CD": "lsoa", "LAD24CD": "lad"})
    lads = lads[["lsoa", "lad"]]
    scores = _raw("imd2025_lsoa21").rename(columns={"lsoa21_code": "lsoa"})
    age = _raw("census2021_residents_age6_lsoa21").rename(columns={"LSOA21CD": "lsoa"})
    ethnic = _raw("census2021_ts021_ethnic_group_lsoa21").rename(columns={"lsoa21_code": "lsoa"})
    disabled = _raw("census2021_ts038_disability_lsoa21").rename(columns={"lsoa21_code": "lsoa"})
    frame = lads.merge(scores, on="lsoa").merge(age, on="lsoa")
    frame = frame.merge(ethnic.add_prefix("eth_").rename(columns={"eth_lsoa": "lsoa"}), on="lsoa")
    frame = frame.merge(disabled.add_prefix("dis_").rename(columns={"dis_lsoa": "lsoa"}), on="lsoa")
    people = frame["sum_of_6_age_bands_derived"]
    domains = {
        "income_score": "Income_score",
        "employment_score": "Employment_score",
        "education_score": "Education_score",
        "health_score": "Health_score",
        "crime_score": "Crime_score",
        "barriers_score": "Housing_and_Services_score",
        "living_env_score": "Environment_score",
    }
    for ours, theirs in domains.items():
        frame[ours] = frame[theirs] * people
    frame["minority"] = frame["eth_total_residents"] - frame["eth_White"]
    sums = frame.groupby("lad")[
        [
            *domains,
            "sum_of_6_age_bands_derived",
            "Aged 15 years and under",
            "Aged 65 years and over",
            "minority",
            "eth_total_residents",
            "dis_Disabled under the Equality Act",
            "dis_total_residents",
        ]
    ].sum()
    residents = sums["sum_of_6_age_bands_derived"]
    profile = pd.DataFrame({name: sums[name] / residents for name in domains})
    profile["pct_aged_0_15"] = 100 * sums["Aged 15 years and under"] / residents
    profile["pct_aged_65_plus"] = 100 * sums["Aged 65 years and over"] / residents
    profile["pct_ethnic_minority"] = 100 * sums["minority"] / sums["eth_total_residents"]
    profile["pct_disabled"] = 100 * sums["dis_Disabled under the Equality Act"] / sums["dis_total_residents"]
    lookup = (
        _raw("lookup_lsoa11_lsoa21_lad22")[["LSOA21CD", "LAD22CD"]]
        .merge(lads, left_on="LSOA21CD", right_on="lsoa")
        .drop_duplicates()
    )
    home = (
        lookup.groupby(["LAD22CD", "lad"])
        .size()
        .reset_index(name="n")
        .sort_values(["n", "lad"], ascending=[False, True])
    )
    home = home.drop_duplicates("LAD22CD").merge(_raw("lad21_area_buc"), left_on="LAD22CD", right_on="LAD21CD")
    profile["residents_per_km2"] = residents / home.groupby("lad")["area_km2"].sum()
    data = profile[[v.column for v in similar.NEIGHBOUR_VARIABLES]].copy()
    data["residents_per_km2"] = np.log(data["residents_per_km2"])
    z = (data - data.mean()) / data.std(ddof=0)
    weights = np.array([v.weight for v in similar.NEIGHBOUR_VARIABLES])
    distance = np.sqrt((weights * (z - z.loc[BLACKPOOL]) ** 2).sum(axis=1)).drop(BLACKPOOL).sort_values()
    assert len(z) == 296
    assert distance.index[:3].tolist() == ["E08000024", "E08000012", "E06000001"]

    ours = similar.nearest_neighbours(db, BLACKPOOL)
    assert ours["name"].head(3).tolist() == ["Sunderland", "Liverpool", "Hartlepool"]
    assert ours["code"].head(3).tolist() == distance.index[:3].tolist()
    assert ours["distance"].head(3).tolist() == pytest.approx(distance.iloc[:3].tolist(), abs=1e-6)
    assert ours["distance"].head(3).round(2).tolist() == [1.98, 2.08, 2.16]


def test_imd2019_average_score_matches_file10_where_boundaries_are_unchanged(db):
    # IoD2019 File 10 "IMD - Average score" for Blackpool is 45.039 (population-weighted mean of its LSOA scores,
    # mid-2015 denominators); recomputed here on today's boundaries it must agree for an unchanged district.
    file10 = _raw("imd2019_file10_lad19").set_index("ltla19_code")["Score"]
    profiles = similar.authority_profiles(db, "district").set_index("area_code")
    assert file10.loc[BLACKPOOL] == pytest.approx(45.039, abs=0.001)
    assert profiles.loc[BLACKPOOL, "imd2019_average_score"] == pytest.approx(file10.loc[BLACKPOOL], abs=0.001)
    shared = file10.index.intersection(profiles.index)
    assert len(shared) == 289  # 296 today less Cumberland, Westmorland and Furness, N Yorkshire, Somerset, ...
    assert (profiles.loc[shared, "imd2019_average_score"] - file10.loc[shared]).abs().max() < 0.06


def test_blackpool_is_in_the_most_deprived_decile_with_29_others(db):
    # 296 districts ranked by IMD 2019 average score: ranks 1-30 form decile 1 (floor((r - 1) * 10 / 296) + 1);
    # Blackpool (45.04) is rank 1, Knowsley (43.01) 2, Liverpool (42.41) 3.
    peers = similar.deprivation_decile_peers(db, BLACKPOOL, include_self=True)
    assert len(peers) == 30 and set(peers["decile"]) == {1}
    assert peers["name"].head(3).tolist() == ["Blackpool", "Knowsley", "Liverpool"]
    assert BLACKPOOL not in similar.deprivation_decile_peers(db, BLACKPOOL)["code"].tolist()
    sizes = similar.assign_deprivation_deciles(similar.authority_profiles(db, "district"))["decile"].value_counts()
    assert sorted(sizes.tolist()) == [29, 29, 29, 29, 30, 30, 30, 30, 30, 30]


def test_rank_words_count_from_the_nearer_end_and_say_ties():
    values = pd.Series({"A": 1.0, "B": 2.0, "C": 2.0, "D": 5.0})
    assert similar.describe_rank(similar.rank_of(values, "A"), "areas") == "lowest of 4 areas"
    assert similar.describe_rank(similar.rank_of(values, "B"), "areas") == "=2nd lowest of 4 areas (tied with 1 other)"
    assert similar.describe_rank(similar.rank_of(values, "D"), "areas") == "highest of 4 areas"
    with pytest.raises(ValueError, match="'Z' has no value"):
        similar.rank_of(values, "Z")
