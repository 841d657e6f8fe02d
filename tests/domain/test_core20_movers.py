"""Core20 movers between IMD 2019 and IMD 2025, worked from the source files."""

from __future__ import annotations

import pandas as pd
import pytest

from lsc_phm import config
from lsc_phm.domain import core20_movers


def _raw(name: str) -> pd.DataFrame:
    return pd.read_parquet(config.RAW_DIR / f"{name}.parquet")


def test_blackpool_unchanged_lsoas_entering_and_leaving_match_the_source_files(db, icb2025):
    # Unchanged LSOAs (CHGIND = U in the ONS LSOA 2011 -> 2021 lookup) in Blackpool (LAD 2024 E06000009): Core20 =
    # IMD decile 1-2 in IoD2019 File 2 (2011 code) and IoD2025 File 1 (2021 code, the same code when unchanged);
    # residents from Census 2021 (age6 file, sum of bands). Worked from those files: 1 LSOA entered (E01012685,
    # decile 3 -> 2, 1,359 residents); 5 left, each decile 2 -> 3: E01012676 (1,384), E01012677 (1,404), E01012689
    # (1,366), E01012732 (1,772), E01012742 (1,139): 7,065 residents.
    lookup = _raw("lookup_lsoa11_lsoa21_lad22")
    unchanged = lookup[lookup["CHGIND"] == "U"][["LSOA11CD", "LSOA21CD"]]
    imd2019 = _raw("imd2019_lsoa11")[["lsoa11cd", "imd_decile"]].rename(columns={"imd_decile": "d2019"})
    file1 = _raw("imd2025_file1_lsoa21").rename(
        columns={
            "LSOA code (2021)": "LSOA21CD",
            "Local Authority District code (2024)": "lad",
            "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOA": "d2025",
        }
    )
    people = _raw("census2021_residents_age6_lsoa21")[["LSOA21CD", "sum_of_6_age_bands_derived"]]
    frame = (
        unchanged.merge(imd2019, left_on="LSOA11CD", right_on="lsoa11cd")
        .merge(file1[["LSOA21CD", "lad", "d2025"]], on="LSOA21CD")
        .merge(people, on="LSOA21CD")
    )
    frame = frame[frame["lad"] == "E06000009"]
    entered = frame[(frame["d2019"] > 2) & (frame["d2025"] <= 2)]
    left = frame[(frame["d2019"] <= 2) & (frame["d2025"] > 2)]
    assert entered["LSOA21CD"].tolist() == ["E01012685"] and entered["sum_of_6_age_bands_derived"].sum() == 1359
    assert len(left) == 5 and left["sum_of_6_age_bands_derived"].sum() == 7065

    lsoas = core20_movers.mover_lsoas(db, icb2025)
    listed = core20_movers.movers_list(lsoas, "place")
    blackpool = listed[(listed["area_code"] == "QE1-E06000009") & (listed["boundary_change"] == "unchanged")]
    assert sorted(blackpool[blackpool["movement"] == "entered"]["lsoa_code"]) == ["E01012685"]
    assert sorted(blackpool[blackpool["movement"] == "left"]["lsoa_code"]) == sorted(left["LSOA21CD"])
    summary = core20_movers.movers_summary(lsoas, "place").set_index("area_code").loc["QE1-E06000009"]
    assert (summary["entered_unchanged_lsoas"], summary["entered_unchanged_residents"]) == (1, 1359)
    assert (summary["left_unchanged_lsoas"], summary["left_unchanged_residents"]) == (5, 7065)
    assert summary["entered_changed_lsoas"] == summary["left_changed_lsoas"] == 0  # no Blackpool LSOA changed


def test_changed_boundaries_are_reported_apart_and_mixed_parents_not_classified(db, icb2025):
    lsoas = core20_movers.mover_lsoas(db, icb2025)
    assert set(lsoas["boundary_change"]) <= {"unchanged", "split", "merged", "irregular"}
    mixed = lsoas[lsoas["core20_2019"] == "mixed"]
    assert (mixed["movement"] == "not classified").all()
    assert (mixed["boundary_change"].isin(["merged", "irregular"])).all()
    # a merged LSOA with one Core20 and one non-Core20 parent is not classified (e.g. in Lancashire: 1 LSOA)
    assert len(mixed) == 1 and all(" " in codes for codes in mixed["lsoa11_codes"])
    split = lsoas[lsoas["boundary_change"] == "split"]
    assert (split["imd2019_deciles"].str.count(" ") == 0).all()  # one 2011 parent each


def test_pcn_level_and_unknown_levels_say_why(db, icb2025):
    lsoas = core20_movers.mover_lsoas(db, icb2025)
    with pytest.raises(ValueError, match="PCNs have no boundaries"):
        core20_movers.movers_summary(lsoas, "pcn")
    with pytest.raises(ValueError, match="level must be one of"):
        core20_movers.movers_list(lsoas, "msoa")


def test_darwen_pcn_registered_patients_in_unchanged_lsoas_entering_and_leaving(db, icb2025):
    # Darwen PCN (U88348) in the July 2026 practice map: P81051 Darwen Healthcare (12,646 patients in April 2020),
    # P81140 Darwen Healthlink (16,526), P81633 Spring-Fenisco Healthlink (3,140): 32,312, all three flagged
    # PRACTICE_IN_PENNINE_PCN_LIST = Y (whole lists held). Their patients by LSOA 2011 joined to unchanged LSOAs
    # (CHGIND = U), IMD 2019 decile (2011 code) and IMD 2025 decile (same code), worked with pandas from data/raw:
    # entered (decile 3 -> 2): E01012585 17 (P81140 7 + P81633 10), E01012588 2, E01012644 1, E01025034 2,
    # E01025399 1, E01025442 2 = 25; left (decile 2 -> 3): E01012653 1,468 (637 + 752 + 79), E01025059 1,
    # E01025284 1 = 1,470.
    movers = core20_movers.pcn_movers(db, icb2025).set_index("pcn_code")
    darwen = movers.loc["U88348"]
    assert (darwen["pcn_name"], darwen["practices"], darwen["coverage"]) == ("Darwen PCN", 3, "covered")
    assert darwen["registered_patients"] == 32312
    assert (darwen["entered_unchanged_patients"], darwen["left_unchanged_patients"]) == (25, 1470)
    # none of its patients lives in a changed LSOA that moved: a structural zero, shown as 0 rather than suppressed
    assert (darwen["entered_changed_patients"], darwen["left_changed_patients"]) == (0, 0)
    # Blackpool practices are not in the April 2020 file: the PCN is listed with the reason and no counts
    blackpool = movers.loc["U97645"]
    assert blackpool["coverage"] == core20_movers.PCN_NOT_COVERED
    assert blackpool[[c for c in core20_movers.PCN_COLUMNS if c.endswith("patients")]].isna().all()
    # 13 PCNs have every practice in Blackburn with Darwen or East Lancashire; the other 32 of the ICB's 45 do not
    assert (movers["coverage"] == "covered").sum() == 13 and len(movers) == 45
