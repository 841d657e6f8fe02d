"""Custom footprints (config/areas.toml) and familiar sub-ICB names, checked against the LSOA data by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from lsc_phm import config
from lsc_phm.domain import deprivation, geography, indicator_data
from lsc_phm.store import footprints

PENNINE = "QE1-FP-pennine-lancashire"
#: Blackburn with Darwen, Burnley, Hyndburn, Pendle, Rossendale, Ribble Valley (codes unchanged 2019 -> 2024)
PENNINE_DISTRICTS = ["E06000008", "E07000117", "E07000120", "E07000122", "E07000125", "E07000124"]


def _district_lsoas(db, vintage: int) -> pd.DataFrame:
    return db.execute(
        "select lsoa_code, deprivation_population, imd_decile from mart_lsoas "
        "where imd_vintage = $v and icb_code = 'E54000048' and lad_code in (select unnest($lads))",
        {"v": vintage, "lads": PENNINE_DISTRICTS},
    )


@pytest.mark.parametrize("vintage", [2019, 2025])
def test_pennine_lancashire_is_the_lsoas_of_its_six_districts(db, vintage):
    expected = _district_lsoas(db, vintage)
    members = db.execute(
        "select lsoa_code from mart_area_lsoas where imd_vintage = $v and level = 'footprint' and area_code = $fp",
        {"v": vintage, "fp": PENNINE},
    )
    assert set(members["lsoa_code"]) == set(expected["lsoa_code"])
    # 91 + 60 + 52 + 57 + 43 + 40 on the 2011 basis; Hyndburn 53 and Ribble Valley 39 on the 2021 basis
    assert len(members) == 343


@pytest.mark.parametrize("vintage", [2019, 2025])
def test_pennine_lancashire_core20_share_is_population_weighted(db, vintage):
    lsoas = _district_lsoas(db, vintage)
    # by hand: people in LSOAs of national deciles 1-2 over all people, with the deprivation population weights
    by_hand = (
        100.0
        * lsoas.loc[lsoas["imd_decile"] <= 2, "deprivation_population"].sum()
        / lsoas["deprivation_population"].sum()
    )
    icb = geography.resolve_icb(db, "E54000048", vintage)
    summary = deprivation.summaries(db, icb, "footprint", vintage, rounded=False).set_index("area_code")
    assert summary.loc[PENNINE, "core20_population_share"] == pytest.approx(by_hand, rel=1e-12)
    assert summary.loc[PENNINE, "lsoas"] == 343
    assert summary.loc[PENNINE, "summary_source"] == "computed from LSOAs (custom footprint)"
    assert set(summary.index) == {
        PENNINE,
        "QE1-FP-fylde-coast",
        "QE1-FP-central-lancashire",
        "QE1-FP-morecambe-bay",
        "QE1-FP-west-lancashire",
    }
    # Pennine Lancashire is the most deprived footprint of the five (average score rank 1)
    assert summary.loc[PENNINE, "avg_score_rank"] == 1


def test_morecambe_bay_is_lancaster_and_south_cumbria(db, icb2019):
    members = db.execute(
        "select m.lsoa_code, l.lad_code, l.place_code from mart_area_lsoas m join mart_lsoas l "
        "using (imd_vintage, lsoa_code) where m.imd_vintage = 2019 and m.level = 'footprint' "
        "and m.area_code = 'QE1-FP-morecambe-bay'"
    )
    # Lancaster 89 + Barrow-in-Furness 49 + South Lakeland 59 + Copeland 6 LSOAs (2011 basis)
    assert members["lad_code"].value_counts().to_dict() == {
        "E07000121": 89,
        "E07000031": 59,
        "E07000027": 49,
        "E07000029": 6,
    }


def test_footprint_indicator_is_summed_from_lsoa_counts(db, icb2019):
    lsoas = db.execute(
        "select numerator, denominator from mart_indicator_values where indicator_id = 'pct_aged_65_plus' "
        "and imd_vintage = 2019 and area_level = 'lsoa' and area_code in "
        "(select lsoa_code from mart_area_lsoas where imd_vintage = 2019 and level = 'footprint' and area_code = $fp)",
        {"fp": PENNINE},
    )
    frame = indicator_data.values(db, icb2019, "pct_aged_65_plus", "footprint", "mid-2020").set_index("area_code")
    row = frame.loc[PENNINE]
    assert row["numerator"] == lsoas["numerator"].sum()
    assert row["denominator"] == lsoas["denominator"].sum()
    assert row["value"] == pytest.approx(round(100 * lsoas["numerator"].sum() / lsoas["denominator"].sum(), 1))
    assert "computed here for a custom footprint" in row["method"]


def test_footprints_have_map_outlines(db):
    rows = db.execute("select imd_vintage, area_code from geo_boundaries where level = 'footprint'")
    assert len(rows) == 10 and set(rows["area_code"]) >= {PENNINE}


def test_unknown_member_code_is_a_clear_error(db):
    members = footprints.member_table(
        footprints.parse(
            'version = 1\n[[footprint]]\ncode = "x-fp"\nname = "Test"\nicb = "E54000048"\ndescription = "d"\n'
            'districts = ["E07000117", "E07999999"]\n'
        )
    )
    known = db.execute("select distinct icb_code, level, area_code from mart_areas")
    with pytest.raises(footprints.FootprintError, match=r"1 code\(s\).*district 'E07999999' in footprint 'Test'"):
        footprints.check_member_codes(members, known)
    footprints.check_member_codes(members[members["member_code"] == "E07000117"], known)  # known: no error


@pytest.mark.parametrize(
    "text, message",
    [
        ("version = 2\n", "must say 'version = 1'"),
        (
            "version = 1\n[[footprint]]\ncode = 'a-b'\nname = 'A'\nicb = 'E54000048'\ndescription = 'd'\n",
            "lists no members",
        ),
        (
            "version = 1\n[[footprint]]\ncode = 'a-b'\nname = 'A'\nicb = 'E54000048'\ndescription = 'd'\n"
            "district = ['E07000117']\n",
            "unknown key\\(s\\) district",
        ),
        (
            "version = 1\n" + "[[footprint]]\ncode = 'a-b'\nname = 'A'\nicb = 'E54000048'\ndescription = 'd'\n"
            "lsoas = ['E01000001']\n" * 2,
            "code 'a-b' is used by another footprint",
        ),
        ("version = [", "is not valid TOML"),
    ],
)
def test_malformed_footprint_files_are_refused(text, message):
    with pytest.raises(footprints.FootprintError, match=message):
        footprints.parse(text)


def test_shipped_file_lists_the_five_footprints():
    names = [fp.name for fp in footprints.load(config.AREAS_FILE)]
    assert names == ["Pennine Lancashire", "Fylde Coast", "Central Lancashire", "Morecambe Bay", "West Lancashire"]


def test_sub_icb_locations_have_their_familiar_names(db, icb2025):
    areas = geography.areas(db, icb2025, "sicbl").set_index("area_code")["area_name"]
    assert areas["E38000050"] == "East Lancashire (01A)"
    assert areas["E38000228"] == "Morecambe Bay (01K)"
    assert sorted(areas) == [
        "Blackburn with Darwen (00Q)",
        "Blackpool (00R)",
        "Chorley and South Ribble (00X)",
        "East Lancashire (01A)",
        "Fylde and Wyre (02M)",
        "Greater Preston (01E)",
        "Morecambe Bay (01K)",
        "West Lancashire (02G)",
    ]
    # every configured name says where it comes from, and the ONS code matches the lookup's
    for entry in config.SUB_ICB_NAMES:
        assert "CCG21NM" in entry.source and entry.ons_code in entry.source
        assert areas[entry.ons_code].startswith(entry.name)
    assert config.sub_icb_label("01A") == "East Lancashire (01A)"


def test_qof_for_a_footprint_of_whole_sub_icbs(db, icb2025):
    # West Lancashire's 73 LSOAs are exactly sub-ICB 02G's, so its registers are 02G's; the other footprints cut
    # across sub-ICB locations (e.g. 8 Ribble Valley LSOAs lie in Greater Preston, 01E) and get no QOF value
    footprints = indicator_data.values(db, icb2025, "qof_hyp", "footprint", "2024-25").set_index("area_code")
    sicbls = indicator_data.values(db, icb2025, "qof_hyp", "sicbl", "2024-25").set_index("area_code")
    west = footprints.loc["QE1-FP-west-lancashire"]
    assert west["numerator"] == sicbls.loc["E38000200", "numerator"]
    assert west["value"] == sicbls.loc["E38000200", "value"]
    assert footprints.drop(index="QE1-FP-west-lancashire")["value"].isna().all()
