"""data/datasets.toml: every data set records the publisher's release it holds and where that comes from, and the
Data and methods page shows it."""

from __future__ import annotations

import tomllib

from lsc_phm import config
from tests.conftest import open_page


def _catalogue() -> dict[str, dict]:
    catalogue = tomllib.loads(config.DATASETS_FILE.read_text(encoding="utf-8"))
    return {key: entry for key, entry in catalogue.items() if not key.startswith("_")}  # "_": definitions


# Releases filled from the evidence each entry's release_source names (checked by hand against it):
# the seed data bundle's population SOURCES.md "SAPE23DT2 ... released 16 Sep 2021"; NHS Digital QOF 2022-23 page
# "Publication Date: 7 Sep 2023"; the ELS metadata sourceDate 01/10/2024 and 07/05/2025; the ONS Census release page
# "29 November 2022"; IoD2025 File 10 is the corrected v2 (the seed data bundle's imd2025/SOURCES.md section 5).
FILLED = {
    "population_sape_mid2020_lsoa11": ("2021-09-16", "released 16 Sep 2021"),
    "qof_2022_23_prevalence": ("2023-09-07", "Publication Date: 7 Sep 2023"),
    "qof_2022_23_mapping": ("2023-09-07", "Publication Date: 7 Sep 2023"),
    "ons_els_cigarette_smokers_annual": ("2024-10-01", "sourceDate 01/10/2024"),
    "ons_els_adult_obesity": ("2025-05-07", "sourceDate 07/05/2025"),
    "census2021_ts021_ethnic_group_lsoa21": ("2022-11-29 (first release)", "29 November 2022"),
    "imd2025_file10_ltla24": ("2025-10-30, corrected re-issue 2025-11-17", "corrected v2"),
}

# Extracts that keep no upload date, and an edition whose release date was not found (a GOV.UK announcement's own
# date is not the release date): release is "" and release_source says why.
UNKNOWABLE = (
    "fingertips_90366_life_expectancy",
    "fingertipsnext_healthdata_lsc",
    "fingertips_91547_smoking_qof_15plus",
    "gp_practice_imd2025_score",
    "smi_physical_health_checks_subicb",
    "ons_health_index_scores",
)


def test_every_data_set_says_where_its_release_comes_from() -> None:
    for key, entry in _catalogue().items():
        assert isinstance(entry.get("release"), str), f"[{key}] has no release text"
        assert entry.get("release_source", "").strip(), f"[{key}] has no release_source"


def test_releases_are_the_ones_the_cited_evidence_gives() -> None:
    catalogue = _catalogue()
    for key, (release, quoted) in FILLED.items():
        assert catalogue[key]["release"] == release, key
        assert quoted in catalogue[key]["release_source"], key
    for key in UNKNOWABLE:
        assert catalogue[key]["release"] == "", key
        assert "not recorded" in catalogue[key]["release_source"], key


def test_data_and_methods_shows_each_release(db) -> None:
    # Both tables that show releases (the data sets, and the sources and releases): 19 of the 53 data sets have a
    # recorded release (13 before, 6 filled from the evidence above); the other 34 read "not recorded".
    app = open_page("pages/data_and_methods.py")
    tables = [f.value.set_index("Data set")["Release"] for f in app.dataframe if "Release" in f.value.columns]
    assert len(tables) == 2
    for releases in tables:
        assert len(releases) == len(_catalogue()) == 53
        assert releases["population_sape_mid2020_lsoa11"] == "2021-09-16"
        assert releases["census2021_ts021_ethnic_group_lsoa21"] == "2022-11-29 (first release)"
        assert releases["fingertips_90366_life_expectancy"] in ("", "not recorded")
        assert releases.isin(["", "not recorded"]).sum() == 34
    # the sources table says where each date comes from, or why there is none
    sources = next(f.value for f in app.dataframe if "Release: where the date comes from" in f.value.columns)
    evidence = sources.set_index("Data set")["Release: where the date comes from"]
    assert "released 16 Sep 2021" in evidence["population_sape_mid2020_lsoa11"]
    assert "not recorded" in evidence["fingertips_90366_life_expectancy"]
