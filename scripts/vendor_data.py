"""Copy the official source files the project uses into ``data/`` as compact Parquet.

Run by a developer when the vendored data must be refreshed, never by the app::

    python scripts/vendor_data.py --source PATH/TO/bundle/data

Values are copied unchanged: CSV text is parsed (thousands separators removed where the
publisher's file carries them as text), column names are kept, and the result is written
as zstd-compressed Parquet. Boundary GeoJSON files are copied byte for byte. What each
file is, and where it came from, is recorded in ``data/datasets.toml`` and
``data/SOURCES.md``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
BOUNDARIES = ROOT / "data" / "boundaries"

# target parquet name -> (path inside the bundle, read_csv keyword arguments)
CSV_FILES: dict[str, tuple[str, dict]] = {
    "imd2019_lsoa11": ("imd2019/imd2019_lsoa11_england_tidy.csv", {}),
    "imd2019_file10_lad19": ("imd2019/imd2019_lad19_summary_file10_subset.csv", {}),
    "imd2025_file1_lsoa21": ("imd2025/File_1_IoD2025_Index_of_Multiple_Deprivation.csv", {"encoding": "utf-8-sig"}),
    "imd2025_lsoa21": ("imd2025/imd2025_england_lsoa21.csv", {}),
    "imd2025_file10_ltla24": ("imd2025/imd2025_england_ltla24.csv", {}),
    "imd2025_file13_icb24": ("imd2025/imd2025_england_icb24.csv", {}),
    "lookup_lsoa11_sicbl22_icb22_lad22": ("lookups/lsoa11_sicbl22_icb22_lad22_en_ons_jul2022.csv", {}),
    "lookup_lsoa11_wd19_lad19": ("lookups/lsoa11_wd19_lad19_ew_ons_bestfit.csv", {}),
    "lookup_lsoa11_lsoa21_lad22": ("lookups/lsoa11_lsoa21_lad22_ew_ons.csv", {}),
    "lookup_lsoa11_msoa11": ("lookups/lsoa11_msoa11_ew_ons.csv", {}),
    "lookup_lad21_utla21": ("lookups/lad21_utla21_ew_ons.csv", {}),
    "lookup_lsoa21_wd24_lad24_sicbl24_icb24": ("geo2021/lookup_lsoa21_wd24_lad24_sicbl24_icb24_england.csv", {}),
    "population_sape_mid2020_lsoa11": ("population/ons_sape_mid2020_lsoa11_ew_5yr_bands.csv", {}),
    "census2021_residents_age6_lsoa21": ("geo2021/census2021_usual_residents_lsoa21_age6_ew.csv", {}),
    "census2021_ts021_ethnic_group_lsoa21": ("census2021/census2021_ts021_ethnic_group_lsoa21_ew.csv", {}),
    "census2021_ts038_disability_lsoa21": ("census2021/census2021_ts038_disability_lsoa21_ew.csv", {}),
    "fingertips_90366_life_expectancy": (
        "life_expectancy/fingertips_90366_life_expectancy_at_birth_lad_england.csv",
        {},
    ),
    "fingertips_90362_healthy_life_expectancy": (
        "life_expectancy/fingertips_90362_healthy_life_expectancy_at_birth_ua_england.csv",
        {},
    ),
    "fingertips_92901_inequality_in_le": ("life_expectancy/fingertips_92901_inequality_in_le_sii_lad_england.csv", {}),
    "fingertips_92443_smoking_adults": (
        "smoking/fingertips_92443_smoking_prevalence_adults_18plus_aps_lad_england.csv",
        {},
    ),
    "fingertips_92445_smoking_routine_manual": (
        "smoking/fingertips_92445_smoking_prevalence_routine_manual_18_64_aps_lad_england.csv",
        {},
    ),
    "fingertips_93563_dental_decay_5yo": (
        "core20plus5/fingertips_93563_five_year_olds_visible_dental_decay_lad_england.csv",
        {},
    ),
    "fingertips_91112_health_checks": ("core20plus5/fingertips_91112_nhs_health_checks_received_ua_england.csv", {}),
    "fingertips_848_depression_prevalence": (
        "core20plus5/fingertips_848_depression_qof_prevalence_18plus_lad_england.csv",
        {},
    ),
    "ons_els_healthy_life_expectancy": (
        "fingertips_full/ons_explore_local_statistics/ons_els_healthy-life-expectancy.csv",
        {"encoding": "utf-8-sig"},
    ),
    "ons_els_cancer_stage_1_2": (
        "fingertips_full/ons_explore_local_statistics/ons_els_cancer-diagnosis-at-stage-1-and-2.csv",
        {"encoding": "utf-8-sig"},
    ),
    "ons_els_preventable_cvd_mortality": (
        "fingertips_full/ons_explore_local_statistics/ons_els_preventable-cardiovascular-mortality-england.csv",
        {"encoding": "utf-8-sig"},
    ),
    "ons_els_cigarette_smokers": (
        "fingertips_full/ons_explore_local_statistics/ons_els_cigarette-smokers.csv",
        {"encoding": "utf-8-sig"},
    ),
    "qof_2022_23_prevalence": ("core20plus5/qof_2022_23_PREVALENCE_2223_practice_england.csv", {}),
    "qof_2024_25_prevalence": ("core20plus5/qof_2024_25_PREVALENCE_2425_practice_england.csv", {}),
    "qof_2022_23_mapping": ("core20plus5/qof_2022_23_MAPPING_NHS_GEOGRAPHIES_2223.csv", {}),
    "gp_practice_map_jul2026": ("gp_practices/gp_reg_pat_prac_map_jul2026_england.csv", {}),
    "gp_practice_imd2025_score": ("gp_practices/lsc_gp_practice_imd2025_score_fingertips94240.csv", {}),
    "ons_health_index_scores": ("ons_health_index/ons_health_index_scores_ltla21_england_2015_2021.csv", {}),
    "ons_health_index_indicators": (
        "ons_health_index/ons_health_index_underlying_indicators_ltla21_england_2015_2021.csv",
        {},
    ),
    # health outcomes with counts and intervals, and small-area health
    "fingertipsnext_healthdata_lsc": ("indicators_with_ci/fingertipsnext_seed_healthdata_lsc_2018_2024.csv", {}),
    "ons_els_cigarette_smokers_annual": (
        "indicators_with_ci/ons_els_cigarette_smokers_annual_aps_la_2012_2023.csv",
        {},
    ),
    "census2021_ts037_general_health_lsoa21": ("census2021/census2021_ts037_general_health_lsoa21_ew.csv", {}),
    "census2021_ts039_unpaid_care_lsoa21": ("census2021/census2021_ts039_unpaid_care_lsoa21_ew.csv", {}),
    "census2021_ts011_household_deprivation_lsoa21": (
        "census2021/census2021_ts011_household_deprivation_lsoa21_ew.csv",
        {},
    ),
    "ons_els_adult_obesity": (
        "indicators_with_ci/ons_els_adult_obesity_18plus_la_2015_16_to_2023_24.csv",
        {"encoding": "utf-8-sig"},
    ),
    "ons_els_reception_excess_weight": (
        "indicators_with_ci/ons_els_child_overweight_reception_la_2006_07_to_2021_22.csv",
        {"encoding": "utf-8-sig"},
    ),
    "ons_els_year6_excess_weight": (
        "indicators_with_ci/ons_els_child_overweight_year6_la_2006_07_to_2021_22.csv",
        {"encoding": "utf-8-sig"},
    ),
    "fingertips_91547_smoking_qof_15plus": (
        "indicators_with_ci/fingertips_91547_smoking_prevalence_qof_15plus_lsc_practices_las.csv",
        {},
    ),
    "modelled_qof_ckd_stroke_lsoa11": (
        "small_area_health/modelled_qof_prevalence_lsoa11_england_ckd_stroke_gp_attribution.csv",
        {},
    ),
    "gp_reg_pat_prac_lsoa_apr2020_pennine": (
        "small_area_health/gp_reg_pat_prac_lsoa_all_apr2020_pennine_lancashire.csv",
        {"dtype": {"NUMBER_OF_PATIENTS": "int64"}},
    ),
    # Core20PLUS5 delivery measures with numerators and denominators
    "smi_physical_health_checks_subicb": (
        "core20plus5_delivery/smi_physical_health_checks_subicb_q3_1819_to_q4_2324_england.csv",
        {},
    ),
    "cover_2024_25_q4_utla": (
        "core20plus5_delivery/cover_2024_25_utla_table10_num_den_england.csv",
        {"dtype": str, "thousands": None},
    ),
    "cvdprevent_england_imd_quintile": ("core20plus5_delivery/cvdprevent_england_by_imd_quintile_to_mar2026.csv", {}),
}

#: Row filters that keep the vendored copies compact (applied after reading; values untouched).
ROW_FILTERS: dict[str, object] = {
    # the pseudo-code NO2011 (103 patients with no 2011 LSOA) names no neighbourhood, so cannot enter the Core20
    "gp_reg_pat_prac_lsoa_apr2020_pennine": lambda f: f[f["LSOA_CODE"] != "NO2011"],
    # population by age band (337, 92708) is not used: the app's populations come from ONS/Census files
    "fingertipsnext_healthdata_lsc": lambda f: f[~f["IndicatorId"].isin([337, 92708])],
    # England LSOAs only (Welsh W01 rows dropped): the national gradients need every English LSOA
    "census2021_ts037_general_health_lsoa21": lambda f: f[f["lsoa21_code"].str.startswith("E")],
    "census2021_ts039_unpaid_care_lsoa21": lambda f: f[f["lsoa21_code"].str.startswith("E")],
    "census2021_ts011_household_deprivation_lsoa21": lambda f: f[f["lsoa21_code"].str.startswith("E")],
}

GEOJSON_FILES: dict[str, str] = {
    "lsoa11_dec2011_bgc_lsc.geojson": "boundaries/lsc_lsoa11_dec2011_bgc.geojson",
    "lsoa21_dec2021_bsc_v4_lsc.geojson": "geo2021/lsoa21_bsc_v4_lsc.geojson",
    "msoa11_dec2011_bgc_lsc.geojson": "boundaries/lsc_msoa11_dec2011_bgc.geojson",
}


#: Derived files: target parquet name -> (path inside the bundle, function turning that file into the table kept).
#: Local authority land areas are measured once here, from ONS boundaries in British National Grid (EPSG:27700),
#: so that the build needs no geometry library for population density.
def _lad21_areas(path: Path) -> pd.DataFrame:
    import geopandas as gpd  # vendoring only

    lads = gpd.read_file(path).to_crs(27700)
    areas = pd.DataFrame({"LAD21CD": lads["LAD21CD"], "LAD21NM": lads["LAD21NM"], "area_km2": lads.area / 1e6})
    return areas.sort_values("LAD21CD").reset_index(drop=True)


DERIVED_FILES: dict[str, tuple[str, object]] = {
    "lad21_area_buc": ("boundaries/lad_dec2021_buc_england.geojson", _lad21_areas)
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True, type=Path, help="the bundle's data/ folder")
    parser.add_argument("--only", nargs="*", default=None, help="vendor only these target names")
    args = parser.parse_args(argv)
    src: Path = args.source
    if not src.is_dir():
        print(f"error: {src} is not a folder", file=sys.stderr)
        return 2
    RAW.mkdir(parents=True, exist_ok=True)
    BOUNDARIES.mkdir(parents=True, exist_ok=True)
    for name, (rel, kwargs) in CSV_FILES.items():
        if args.only is not None and name not in args.only:
            continue
        frame = pd.read_csv(src / rel, low_memory=False, **{"thousands": ",", **kwargs})
        if name in ROW_FILTERS:
            frame = ROW_FILTERS[name](frame).reset_index(drop=True)
        frame.to_parquet(RAW / f"{name}.parquet", compression="zstd", index=False)
        print(f"{name}: {len(frame):,} rows")
    for name, (rel, derive) in DERIVED_FILES.items():
        if args.only is not None and name not in args.only:
            continue
        frame = derive(src / rel)
        frame.to_parquet(RAW / f"{name}.parquet", compression="zstd", index=False)
        print(f"{name}: {len(frame):,} rows (derived)")
    for name, rel in GEOJSON_FILES.items():
        if args.only is not None and name not in args.only:
            continue
        shutil.copyfile(src / rel, BOUNDARIES / name)
        print(f"{name}: copied")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
