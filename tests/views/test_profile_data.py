"""ProfileData: one set of numbers per area, the same whether an area is chosen by name or drawn from its LSOAs."""

from __future__ import annotations

import pandas as pd
import pytest

from lsc_phm.views import place_profile, place_profile_user, profile_data

BLACKPOOL_PLACE = "QE1-E06000009"
DECILE_COLUMNS = [
    "imd_decile",
    "lsoas",
    "population",
    "residents",
    "bad_health",
    "general_health_total",
    "disabled",
    "disability_total",
]


@pytest.fixture(scope="module")
def blackpool_both(db, icb2025):
    """Blackpool chosen by name, and the same 94 LSOAs (2021 geography) listed as a user-defined area."""
    lsoas = db.execute(
        "select lsoa_code from mart_lsoas where imd_vintage = 2025 and lad_code = 'E06000009' order by lsoa_code"
    )["lsoa_code"]
    spec = place_profile_user.UserAreaSpec("All of Blackpool", "blackpool.csv", tuple(lsoas), 2025)
    return profile_data.profile_data(db, icb2025, BLACKPOOL_PLACE), profile_data.profile_data(db, icb2025, spec)


def test_all_94_blackpool_lsoas_give_blackpool_s_numbers(blackpool_both):
    named, user = blackpool_both
    assert user.is_user_area and not named.is_user_area
    assert named.area.lsoas == user.area.lsoas == 94  # Blackpool's 2021 LSOAs (ONS lookup)
    # residents: Census 2021 usual residents summed from the same 94 LSOAs
    assert named.population.residents == user.population.residents
    assert named.population.lsoas == user.population.lsoas == 94
    # File 10 summary of the place (computed at build time in SQL) and of the user area (computed here in Python)
    place = named.summaries[
        (named.summaries["imd_vintage"] == 2025) & (named.summaries["area_code"] == BLACKPOOL_PLACE)
    ].iloc[0]
    mine = user.summaries.iloc[0]
    for column in ("lsoas", "population", "pct_lsoas_most_deprived_10", "core20_population_share", "avg_score"):
        assert float(mine[column]) == pytest.approx(float(place[column]), rel=1e-9), column
    assert named.england_core20 == user.england_core20
    # residents and Census counts by national IMD decile, and the gradients built from them
    by_decile = named.deciles[named.deciles["imd_vintage"] == 2025][DECILE_COLUMNS].reset_index(drop=True)
    pd.testing.assert_frame_equal(by_decile.astype(float), user.deciles[DECILE_COLUMNS].astype(float))
    assert len(named.gradients) == len(user.gradients) == 2
    for a, b in zip(named.gradients, user.gradients, strict=True):
        pd.testing.assert_frame_equal(a.measure, b.measure, check_dtype=False)  # int sums vs float sums
        assert a.sii["value"] == pytest.approx(b.sii["value"]) and a.sii["lowercl"] == pytest.approx(b.sii["lowercl"])
        assert a.core20_gap["value"] == pytest.approx(b.core20_gap["value"])


def test_blackpool_core20_share_is_the_share_of_its_lsoas_in_deciles_1_and_2(db, blackpool_both):
    named, _ = blackpool_both
    # by hand from the mart: people in Blackpool's Core20 LSOAs over all its people (IMD 2025, Census weights)
    lsoas = db.execute(
        "select deprivation_population as w, imd_decile from mart_lsoas where imd_vintage = 2025 "
        "and lad_code = 'E06000009'"
    )
    by_hand = 100.0 * lsoas.loc[lsoas["imd_decile"] <= 2, "w"].sum() / lsoas["w"].sum()
    shares = named.summaries[named.summaries["imd_vintage"] == 2025]["core20_population_share"]
    assert shares.iloc[0] == pytest.approx(by_hand, rel=1e-9)


def test_one_function_for_every_kind_of_area(db, icb2019):
    icb_code = place_profile.choosable_areas(db, icb2019).query("level == 'icb'")["area_code"].iloc[0]
    for code, level in ((icb_code, "icb"), (BLACKPOOL_PLACE, "place"), ("E07000117", "district")):
        data = profile_data.profile_data(db, icb2019, code)
        assert data.area.level == level and data.vintage == 2019
        assert set(data.figures) == {key for key, _, _ in profile_data.INDICATOR_SECTIONS}
        assert data.map_lsoas is None
