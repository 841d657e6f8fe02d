"""Registry entries for an area's context: how deprived it is and who lives there.

Deprivation (MHCLG Indices of Deprivation 2019 and 2025: IMD score, Core20 population share, most-deprived-decile
share, income and employment rates, the domain deciles) and population with the Core20PLUS5 "PLUS" groups (ONS
population estimates and Census 2021: ages, ethnicity, disability).
:mod:`lsc_phm.indicators` assembles these into the one registry.
"""

from __future__ import annotations

from lsc_phm.indicator_model import Indicator

_IMD = ("imd2019_lsoa11", "imd2025_lsoa21", "imd2025_file1_lsoa21")
_IMD_SUMMARY = _IMD + ("imd2025_file10_ltla24", "imd2025_file13_icb24")
_CENSUS = ("census2021_residents_age6_lsoa21",)


def _decile(id_: str, domain: str) -> Indicator:
    return Indicator(
        id=id_,
        name=f"{domain} domain decile",
        theme="Deprivation",
        definition=(
            f"National decile of the LSOA on the IoD {domain} domain (1 = most deprived 10% of LSOAs in England)."
        ),
        unit="decile",
        value_type="decile",
        polarity="no_judgement",
        sources=_IMD,
        decimals=0,
    )


CONTEXT: tuple[Indicator, ...] = (
    # ---------------------------------------------------------------- deprivation
    Indicator(
        "imd_score",
        "IMD score",
        "Deprivation",
        "Index of Multiple Deprivation score. For an LSOA, its published score; for a larger area, the population-"
        "weighted average of its LSOAs' scores (MHCLG File 10 'average score'). Higher = more deprived.",
        "score",
        "score",
        "no_judgement",
        _IMD_SUMMARY,
        notes="IMD 2019 averages use the IoD2019 mid-2015 denominators; IMD 2025 districts and ICBs use the published "
        "File 10/13 averages, and wards, places and sub-ICBs are weighted by Census 2021 usual residents "
        "(the IoD2025 mid-2022 denominators are not available).",
        decimals=2,
    ),
    _decile("imd_decile", "Index of Multiple Deprivation (IMD)"),
    Indicator(
        "core20_population_share",
        "Core20 population share",
        "Deprivation",
        "Percentage of the population living in LSOAs in the 20% most deprived nationally (IMD national deciles 1-2): "
        "the Core20 of Core20PLUS5.",
        "%",
        "proportion",
        "no_judgement",
        _IMD + _CENSUS,
        notes="A complete count of small areas, not a sample: no confidence interval applies.",
        no_ci_reason="a complete count of small areas by a modelled deprivation score, not a sample: no interval "
        "applies",
        standardisation="not applicable",
        core20plus5="Core20",
        structural_zero="no LSOA of the area is in national IMD deciles 1-2 (a Core20 population is a sum of whole "
        "LSOAs, so it is 0 or at least one LSOA's population)",
    ),
    Indicator(
        "pct_lsoas_most_deprived_10",
        "LSOAs in most deprived 10%",
        "Deprivation",
        "Percentage of the area's LSOAs that are in the most deprived 10% of LSOAs in England (File 10 'proportion').",
        "%",
        "proportion",
        "no_judgement",
        _IMD_SUMMARY,
        no_ci_reason="a count of LSOAs ranked by a modelled score, not a sample: no interval applies",
        standardisation="not applicable",
    ),
    Indicator(
        "income_deprivation_rate",
        "Income deprivation rate",
        "Deprivation",
        "IoD Income domain score: percentage of the population experiencing deprivation relating to low income. "
        "Larger areas: population-weighted average of LSOA rates.",
        "%",
        "proportion",
        "no_judgement",
        _IMD,
        no_ci_reason="an IMD domain score: a deprivation measure modelled from administrative data, not a sample "
        "estimate, so no interval or significance test applies",
        standardisation="not applicable",
    ),
    Indicator(
        "employment_deprivation_rate",
        "Employment deprivation rate",
        "Deprivation",
        "IoD Employment domain score: percentage of the working-age population involuntarily excluded from work.",
        "%",
        "proportion",
        "no_judgement",
        _IMD,
        no_ci_reason="an IMD domain score: a deprivation measure modelled from administrative data, not a sample "
        "estimate, so no interval or significance test applies",
        standardisation="not applicable",
    ),
    _decile("health_deprivation_decile", "Health Deprivation and Disability"),
    _decile("education_deprivation_decile", "Education, Skills and Training"),
    _decile("barriers_deprivation_decile", "Barriers to Housing and Services"),
    _decile("living_environment_deprivation_decile", "Living Environment"),
    _decile("crime_deprivation_decile", "Crime"),
    # ---------------------------------------------------------------- population and PLUS groups
    Indicator(
        "population",
        "Population",
        "Population and PLUS groups",
        "Resident population: ONS mid-2020 LSOA estimates (with IMD 2019 geography) or Census 2021 usual residents "
        "(with IMD 2025 geography).",
        "people",
        "count",
        "no_judgement",
        ("population_sape_mid2020_lsoa11",) + _CENSUS,
        decimals=0,
        notes="Census 2021 custom-dataset cells are perturbed by ONS: small-area sums differ slightly from TS001.",
    ),
    Indicator(
        "pct_aged_65_plus",
        "Aged 65 and over",
        "Population and PLUS groups",
        "Percentage of residents aged 65 and over.",
        "%",
        "proportion",
        "no_judgement",
        ("population_sape_mid2020_lsoa11",) + _CENSUS,
        ci_method="wilson",
    ),
    Indicator(
        "pct_aged_0_15",
        "Aged 0 to 15",
        "Population and PLUS groups",
        "Percentage of residents aged 15 and under.",
        "%",
        "proportion",
        "no_judgement",
        ("population_sape_mid2020_lsoa11",) + _CENSUS,
        ci_method="wilson",
    ),
    Indicator(
        "pct_ethnic_minority",
        "Ethnic groups other than White",
        "Population and PLUS groups",
        "Percentage of usual residents in an ethnic group other than White (Census 2021 TS021: Asian, Black, Mixed "
        "or Other).",
        "%",
        "proportion",
        "no_judgement",
        ("census2021_ts021_ethnic_group_lsoa21",),
        ci_method="wilson",
        notes="Census 2021 geography (2021 LSOAs): shown with the IMD 2025 vintage only. The Wilson interval treats "
        "the census count as a sample from an underlying rate, as Fingertips does for census proportions.",
        core20plus5="PLUS (locally chosen groups)",
    ),
    Indicator(
        "pct_disabled",
        "Disabled (Equality Act)",
        "Population and PLUS groups",
        "Percentage of usual residents disabled under the Equality Act (Census 2021 TS038).",
        "%",
        "proportion",
        "low_is_good",
        ("census2021_ts038_disability_lsoa21",),
        ci_method="wilson",
        notes="Census 2021 geography: shown with the IMD 2025 vintage only.",
        core20plus5="PLUS (locally chosen groups)",
    ),
)
