"""Each indicator to its own decimals (the registry's), one decimals rule per column, counts without decimals.

Real values: Blackpool's place profile (IMD 2025). ONS HLE (male) 2022-24 50.9 (47.3 to 54.4), registry 1 dp; QOF
hypertension 2024-25 19.44% (19.25 to 19.62), registry 2 dp; the Census 2021 gradients within Blackpool (TS038
disability by IMD 2025 decile): SII 12.23 (11.42 to 13.03) and Core20 gap 6.44 pp, shown to the 1 dp of
pct_disabled; bad health Core20 gap 4.07 (3.77 to 4.36) to the 1 dp of census_bad_health. Its similar places
(IMD 2025 comparators): HLE (male) decile peers 55.75 and nearest neighbours 55.70 (registry 1 dp: 55.8, 55.7);
bad health peers 6.53, neighbours 7.59 (1 dp: 6.5, 7.6); preventable CVD mortality peers 43.56, neighbours 38.67
(1 dp: 43.6, 38.7). The map explorer's area panel: Blackpool 010A (E01012673), IMD 2025 LSOA score 91.186 in
File 1 (imd2025_file1_lsoa21), rank 3, shown to the registry's 2 dp for imd_score: 91.19.
"""

from __future__ import annotations

import pandas as pd
import pytest

from lsc_phm.render import tables
from tests.conftest import run_page, shared_page


def test_counts_and_decile_numbers_have_no_decimals() -> None:
    frame = pd.DataFrame(
        {
            "practices": [3.0, None],
            "entered_changed_lsoas": [4.0, 2.0],
            "deprivation_group": [1.0, 2.0],
            "register": [5817.0, 4587.0],
            "value": [17.594, 15.64],
        }
    )
    shown = tables.for_people(frame, decimals=2)
    assert shown.frame["Practices"].tolist() == ["3", ""]  # never "3.00"
    assert {shown.formats[h] for h in ("Entered changed lsoas", "Deprivation group", "Register")} == {"localized"}
    assert shown.formats["Value"] == "%.2f"


def test_rows_of_several_indicators_each_to_its_own_decimals() -> None:
    frame = pd.DataFrame(
        {
            "indicator_id": ["hle_male", "qof_hyp"],
            "value": [50.9, 19.44],
            "lowercl": [47.3, 19.25],
            "previous_value": [51.8, 18.36],
        }
    )
    shown = tables.for_people(frame, decimals_by_indicator={"hle_male": 1, "qof_hyp": 2})
    assert shown.frame[["Value", "Lower CI", "Previous value"]].values.tolist() == [
        ["50.9", "47.3", "51.8"],
        ["19.44", "19.25", "18.36"],
    ]


@pytest.fixture(scope="module")
def profile_tables(db) -> list[pd.DataFrame]:  # noqa: ARG001 - db builds the database first
    at = shared_page("place_profile", 2025, profile_area="QE1-E06000009")
    return [d.value for d in at.dataframe]


def test_place_profile_values_and_inequality_rows_to_the_indicator_decimals(profile_tables) -> None:
    frames = profile_tables
    figures = pd.concat(
        [
            f
            for f in frames
            if {"Indicator code", "Value", "Lower CI"} <= set(f.columns) and "Statistic" not in f.columns
        ],
        ignore_index=True,
    ).set_index("Indicator code")
    assert figures.loc["hle_male", ["Value", "Lower CI", "Upper CI"]].tolist() == ["50.9", "47.3", "54.4"]
    assert figures.loc["qof_hyp", ["Value", "Lower CI", "Upper CI"]].tolist() == ["19.44", "19.25", "19.62"]
    stats = next(f for f in frames if "Statistic" in f.columns)
    rows = {
        (m, s.split(" (")[0]): (v, lo, hi)
        for m, s, v, lo, hi in stats[["Measure", "Statistic", "Value", "Lower CI", "Upper CI"]].itertuples(index=False)
    }
    assert rows[("Disabled (Equality Act)", "slope index of inequality")] == ("12.2", "11.4", "13.0")
    assert rows[("Disabled (Equality Act)", "Core20 minus rest")][0] == "6.4"
    assert rows[("Bad or very bad health", "Core20 minus rest")] == ("4.1", "3.8", "4.4")


def test_similar_places_columns_to_each_indicator_decimals(profile_tables) -> None:
    similar = next(f for f in profile_tables if "Deprivation-decile peers" in f.columns).set_index("Indicator")
    columns = ["Value", "Deprivation-decile peers", "15 nearest neighbours"]
    assert similar.loc["Healthy life expectancy at birth (male)", columns].tolist() == ["50.9", "55.8", "55.7"]
    assert similar.loc["Bad or very bad health (Census 2021)", columns].tolist() == ["9.1", "6.5", "7.6"]
    assert similar.loc["Preventable CVD mortality (under 75)", columns].tolist() == ["54.4", "43.6", "38.7"]


def test_map_area_panel_imd_score_to_the_registry_decimals(db) -> None:  # noqa: ARG001 - db builds the database
    at = run_page("map_explorer", 2025, map_indicator="imd_score", map_level="lsoa", map_area="E01012673")
    text = "\n".join(m.value for m in at.markdown)
    assert "IMD 2025 score **91.19**, rank **3** of England's LSOAs" in text
