"""MSOA (2011) as a level of the indicator store: built from 2011 LSOAs, with official boundaries.

Expected figures are recomputed here from the vendored source files (not from the database) or by hand.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest

from lsc_phm import config
from lsc_phm.cli import main
from lsc_phm.domain import geography, indicator_data

BARROW_001 = "E02003977"  # Barrow-in-Furness 001: LSOAs E01019144-E01019147


def test_msoas_of_the_icb_match_the_official_lookup_and_boundary_file(db):
    lookup = pd.read_parquet(config.DATA_DIR / "raw" / "lookup_lsoa11_msoa11.parquet")
    icb_lsoas = db.execute("select lsoa_code from mart_lsoas where imd_vintage = 2019 and icb_code = 'E54000048'")
    expected = set(lookup.loc[lookup["LSOA11CD"].isin(icb_lsoas["lsoa_code"]), "MSOA11CD"])
    areas = db.execute(
        "select area_code from mart_areas where imd_vintage = 2019 and icb_code = 'E54000048' and level = 'msoa'"
    )
    assert set(areas["area_code"]) == expected and len(expected) == 217  # the 217 features of the boundary file
    drawn = db.query("boundaries", vintage=2019, icb="E54000048", level="msoa")
    assert set(drawn["area_code"]) == expected
    # 2021 LSOAs have no exact route to 2011 MSOAs: no MSOA level in the IMD 2025 geography
    assert db.execute("select count(*) as n from mart_areas where imd_vintage = 2025 and level = 'msoa'")["n"][0] == 0
    assert (
        db.execute("select count(*) as n from mart_indicator_values where imd_vintage = 2025 and area_level = 'msoa'")[
            "n"
        ][0]
        == 0
    )


def test_msoa_counts_are_sums_of_their_lsoas_with_wilson_intervals(db, icb2019):
    # ONS mid-2020 SAPE for Barrow-in-Furness 001's four LSOAs: totals 1360 + 1949 + 1353 + 1555 = 6,217 residents;
    # aged 65+ 412 + 380 + 298 + 241 = 1,331 -> 21.41%, Wilson 95% 20.40 to 22.44.
    pop = pd.read_parquet(config.DATA_DIR / "raw" / "population_sape_mid2020_lsoa11.parquet")
    members = pop[pop["lsoa11cd"].isin(["E01019144", "E01019145", "E01019146", "E01019147"])]
    assert (members["total"].sum(), members["age_65plus"].sum()) == (6217, 1331)
    table = indicator_data.values(db, icb2019, "pct_aged_65_plus", "msoa", "mid-2020").set_index("area_code")
    row = table.loc[BARROW_001]
    assert (row["numerator"], row["denominator"]) == (1331, 6217)
    assert (row["value"], row["lowercl"], row["uppercl"]) == (21.4, 20.4, 22.4)
    assert row["comparison"] == "Higher"  # England 18.5% lies below the interval
    assert "computed here for an MSOA (2011)" in row["method"]
    assert len(table) == 217 and table["value"].notna().all()


def test_msoa_imd_score_is_population_weighted_and_labelled_computed(db, icb2019):
    # IoD2019 scores x mid-2015 denominators: (18.585*1375 + 16.381*1949 + 13.996*1449 + 22.800*1578) / 6351 = 17.909
    table = indicator_data.values(db, icb2019, "imd_score", "msoa", "2019").set_index("area_code")
    row = table.loc[BARROW_001]
    assert row["value"] == pytest.approx(17.91, abs=0.005)
    assert row["comparison"] == "Not compared"
    assert "computed here for an MSOA (2011)" in row["method"] and "population-weighted" in row["method"]


def test_cli_table_at_msoa_level(db, capsys):
    status = main(["table", "pct_aged_65_plus", "--level", "msoa", "--imd", "2019"])
    out = capsys.readouterr().out
    frame = pd.read_csv(io.StringIO(out)).set_index("area_code")
    assert status == 0 and len(frame) == 217
    assert frame.loc[BARROW_001, "area_name"] == "Barrow-in-Furness 001"
    assert (frame.loc[BARROW_001, "numerator"], frame.loc[BARROW_001, "denominator"]) == (1331, 6217)


def test_cli_says_why_there_is_no_msoa_level_with_imd_2025(db, capsys):
    status = main(["table", "census_bad_health", "--level", "msoa", "--imd", "2025"])
    err = capsys.readouterr().err
    assert status == 2
    assert "no values at level 'msoa'" in err and "2011 MSOAs" in err and "IMD 2019 geography only" in err
    assert geography.MSOA_NOT_AVAILABLE.split(";")[0] in err
