"""The built database against published figures (MHCLG IoD2019/IoD2025, ONS lookups and populations)."""

from __future__ import annotations

import pandas as pd
import pytest

from lsc_phm.store.db import Database


def _deciles(db: Database, vintage: int) -> pd.Series:
    frame = db.execute(
        "select imd_decile, count(*) as n from mart_lsoas where imd_vintage = $v group by imd_decile order by "
        "imd_decile",
        {"v": vintage},
    )
    return frame.set_index("imd_decile")["n"]


def test_imd2019_national_decile_counts(db: Database) -> None:
    # 32,844 English LSOAs in 10 deciles: MHCLG puts 3,284 or 3,285 in each (SOURCES.md spot check lists them).
    counts = _deciles(db, 2019)
    assert counts.sum() == 32_844
    assert counts.tolist() == [3284, 3284, 3285, 3284, 3285, 3284, 3284, 3285, 3284, 3285]


def test_imd2025_national_decile_counts(db: Database) -> None:
    # 33,755 English LSOAs (2021): 3,375 or 3,376 per decile.
    counts = _deciles(db, 2025)
    assert counts.sum() == 33_755
    assert set(counts.tolist()) == {3375, 3376}
    assert counts.tolist() == [3375, 3376] * 5


@pytest.mark.parametrize(("vintage", "decile_one"), [(2019, 39), (2025, 38)])
def test_blackpool_lsoas_in_most_deprived_decile(db: Database, vintage: int, decile_one: int) -> None:
    # Published: Blackpool has 39 of its 94 LSOAs in national decile 1 in IMD 2019 (File 10 proportion 0.4149)
    # and 38 of 94 in IMD 2025 (File 10 proportion 0.4043).
    row = db.execute(
        "select count(*) filter (where imd_decile = 1) as d1, count(*) as n from mart_lsoas "
        "where imd_vintage = $v and lad_code = 'E06000009'",
        {"v": vintage},
    ).iloc[0]
    assert (row.d1, row.n) == (decile_one, 94)


def test_imd2019_district_average_scores_match_file10(db: Database) -> None:
    # Our population-weighted average scores (mid-2015 denominators) against the published File 10 for all 317
    # districts. The LSOA scores we hold carry 3 decimal places, so a weighted mean can land either side of a
    # rounding boundary: we require agreement within 0.001 everywhere (i.e. to 3 dp up to the last digit's
    # rounding), and exact equality after rounding for at least 300 of the 317 (305 in practice).
    frame = db.execute(
        "select s.area_code, s.avg_score, p.avg_score as published from mart_deprivation_summaries s "
        "join stg_imd__published_summaries p on p.area_code = s.area_code and p.imd_vintage = 2019 and p.level = 'lad' "
        "where s.imd_vintage = 2019 and s.level = 'district'"
    )
    assert len(frame) == 317
    assert (frame["avg_score"] - frame["published"]).abs().max() < 0.001
    assert (frame["avg_score"].round(3) == frame["published"]).sum() >= 300
    blackpool = frame.set_index("area_code").loc["E06000009"]
    assert round(blackpool.avg_score, 3) == 45.039  # File 10: Blackpool average score 45.039, rank 1


def test_icb_footprint_from_lookups(db: Database) -> None:
    # ONS lookups: QE1 has 1,058 LSOA11 (July 2022) and 1,060 LSOA21 (April 2024), including 9 LSOAs outside the
    # 16 Lancashire/Cumbria districts: 6 Copeland + 3 Craven (2011 basis), 6 Cumberland + 3 North Yorkshire (2021).
    counts = db.execute(
        "select imd_vintage, lad_code, count(*) as n from mart_lsoas where icb_code = 'E54000048' group by all"
    )
    by_vintage = counts.groupby("imd_vintage")["n"].sum()
    assert by_vintage[2019] == 1058 and by_vintage[2025] == 1060
    outside_2019 = counts[(counts.imd_vintage == 2019) & counts.lad_code.isin(["E07000029", "E07000163"])]
    assert outside_2019.set_index("lad_code")["n"].to_dict() == {"E07000029": 6, "E07000163": 3}
    outside_2025 = counts[(counts.imd_vintage == 2025) & counts.lad_code.isin(["E06000063", "E06000065"])]
    assert outside_2025.set_index("lad_code")["n"].to_dict() == {"E06000063": 6, "E06000065": 3}


def test_places_derived_from_lookups(db: Database) -> None:
    # SOURCES.md: Lancashire 756 LSOAs, Blackburn with Darwen 91, Blackpool 94, South Cumbria 114 (Barrow 49 +
    # South Lakeland 59 + Copeland 6), Craven 3 (2011 basis).
    places = (
        db.execute(
            "select place_name, count(*) as n from mart_lsoas where icb_code = 'E54000048' and imd_vintage = 2019 "
            "group by place_name"
        )
        .set_index("place_name")["n"]
        .to_dict()
    )
    assert places == {
        "Lancashire": 756,
        "Blackburn with Darwen": 91,
        "Blackpool": 94,
        "South Cumbria": 114,
        "North Yorkshire (part)": 3,
    }


def test_populations_match_published_totals(db: Database) -> None:
    # ONS mid-2020 LSOA estimates: QE1 total 1,701,655; Blackpool 138,381. Census 2021 (custom dataset, perturbed
    # cells) for the 1,060 LSOAs: 1,717,511; Blackpool 141,037 (geo2021/SOURCES.md).
    frame = db.execute(
        "select imd_vintage, sum(residents) as total, sum(residents) filter (where lad_code = 'E06000009') as "
        "blackpool from mart_lsoas where icb_code = 'E54000048' group by imd_vintage order by imd_vintage"
    )
    assert frame["total"].tolist() == [1_701_655, 1_717_511]
    assert frame["blackpool"].tolist() == [138_381, 141_037]


def test_imd2025_icb_summary_is_published_file13(db: Database) -> None:
    # IoD2025 File 13: QE1 decile-1 proportion 0.1802 (191 of 1,060 LSOAs), rank of average score 8 of 42.
    row = db.execute(
        "select * from mart_deprivation_summaries where imd_vintage = 2025 and level = 'icb' "
        "and area_code = 'E54000048'"
    ).iloc[0]
    assert round(row.pct_lsoas_most_deprived_10, 2) == 18.02
    assert row.avg_score_rank == 8 and row.areas_ranked == 42
    assert row.lsoas == 1060


def test_published_series_spot_values(db: Database) -> None:
    # Values from the sources' own spot checks (SOURCES.md): Blackpool smoking 2024 20.8%; Blackpool HLE 2022-24
    # male 50.9 (47.3-54.4); Lancashire county HLE 2022-24 male 59.3 (57.3-61.4); preventable CVD 2022-24
    # Blackpool 54.39 per 100,000; QOF 2022-23 Blackpool sub-ICB 00R hypertension 18.36%.
    def one(indicator: str, code: str, period: str) -> pd.Series:
        return db.execute(
            "select * from mart_indicator_values where indicator_id = $i and area_code = $c and period = $p limit 1",
            {"i": indicator, "c": code, "p": period},
        ).iloc[0]

    assert one("smoking_adults", "E06000009", "2024").value == pytest.approx(20.8)
    hle = one("hle_male", "E06000009", "2022 - 24")
    assert (hle.value, hle.lowercl, hle.uppercl) == pytest.approx((50.9, 47.3, 54.4))
    assert one("hle_male", "E10000017", "2022 - 24").value == pytest.approx(59.3)
    assert one("preventable_cvd_mortality", "E06000009", "2022 - 24").value == pytest.approx(54.39, abs=0.005)
    assert round(one("qof_hyp", "E38000015", "2022-23").value, 2) == 18.36


def test_place_takes_upper_tier_values_only_when_identical(db: Database) -> None:
    # Lancashire place = Lancashire county (all 756 of its LSOAs are in QE1): it gets the county's HLE.
    # South Cumbria is part of Westmorland and Furness: it gets W&F's HLE only as a labelled proxy
    # (ONS ELS HLE, W&F E06000064, male 2022-24: 62.8).
    frame = db.execute(
        "select area_code, value, value_note from mart_indicator_values where indicator_id = 'hle_male' "
        "and period = '2022 - 24' and area_level = 'place' and imd_vintage = 2019"
    )
    values = frame.set_index("area_code")
    assert values.loc["QE1-E10000017", "value"] == pytest.approx(59.3)
    assert pd.isna(values.loc["QE1-E10000017", "value_note"])
    assert values.loc["QE1-south-cumbria", "value"] == pytest.approx(62.8)
    assert values.loc["QE1-south-cumbria", "value_note"].startswith(
        "value for Westmorland and Furness, shown as a proxy"
    )
    # a place that is neither a whole authority nor configured with a proxy gets nothing
    assert "QE1-north-yorkshire-part" not in values.index


def test_wilson_intervals_added_for_counts(db: Database) -> None:
    # 00R hypertension 2022-23 is a register over a list; the Wilson 95% limits bracket the value tightly.
    row = db.execute(
        "select * from mart_indicator_values where indicator_id = 'qof_hyp' and area_code = 'E38000015' "
        "and period = '2022-23'"
    ).iloc[0]
    assert row.lowercl < row.value < row.uppercl
    assert row.uppercl - row.lowercl < 0.5


def test_every_catalogued_file_is_documented_in_sources() -> None:
    import tomllib

    from lsc_phm import config

    catalogue = tomllib.loads(config.DATASETS_FILE.read_text(encoding="utf-8"))
    catalogue = {key: entry for key, entry in catalogue.items() if not key.startswith("_")}  # "_": definitions
    sources = (config.DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for key, entry in catalogue.items():
        assert f"`{entry.get('file', f'raw/{key}.parquet')}`" in sources, key
    files = {p.name for p in (config.DATA_DIR / "raw").glob("*.parquet")}
    assert files == {f"{k}.parquet" for k, e in catalogue.items() if "file" not in e}


def test_fingertips_hle_agrees_with_ons_series_shown(db: Database) -> None:
    # The app shows ONS HLE with CIs; Fingertips 90362 (values only, 1 dp) must agree for every common
    # area/period/sex, e.g. Blackburn with Darwen 2022-24 male 54.0, female 54.4.
    frame = db.execute(
        "select f.area_code, f.period, f.sex, f.value as fingertips, v.value as ons "
        "from stg_fingertips__hle_crosscheck f join mart_indicator_values v "
        "on v.indicator_id = 'hle_' || f.sex and v.area_code = f.area_code and v.period = f.period"
    )
    assert len(frame) > 1000
    assert (frame["fingertips"] - frame["ons"].round(1)).abs().max() < 0.051
    bwd = frame[(frame.area_code == "E06000008") & (frame.period == "2022 - 24")].set_index("sex")["ons"]
    assert (bwd["male"], bwd["female"]) == pytest.approx((54.0, 54.4))


def test_lsoa11_to_lsoa21_lookup_covers_the_icb(db: Database) -> None:
    # Every QE1 2011 LSOA has at least one 2021 successor in the ONS lookup.
    missing = db.execute(
        "select count(*) as n from mart_lsoas l where l.imd_vintage = 2019 and l.icb_code = 'E54000048' "
        "and not exists (select 1 from stg_geography__lsoa11_to_lsoa21 m where m.lsoa11_code = l.lsoa_code)"
    )
    assert missing["n"].iloc[0] == 0
