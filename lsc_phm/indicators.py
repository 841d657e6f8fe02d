"""The indicator registry: every indicator the app shows is defined here once.

Each :class:`Indicator` carries what an analyst needs to read a number correctly: its definition, unit, value
type, polarity (whether high is good), source data sets and the confidence-interval method that applies. Which
periods and geography levels exist is read from the built database (``mart_indicator_values``), so the registry
never claims data that is not there.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: indicator metadata fields (definition, polarity, value
   type, confidence interval method). https://fingertips.phe.org.uk/profile/guidance
"""

from __future__ import annotations

from dataclasses import replace

from lsc_phm.indicator_model import (
    THEMES,
    WILSON_WHERE_NOT_PUBLISHED,
    CiMethod,
    Indicator,
    Polarity,
    Standardisation,
    ValueType,
)
from lsc_phm.indicators_published import DELIVERY, HEALTH_OUTCOMES, VACCINATION_TARGET, WILSON_PUBLISHED_TAG

__all__ = [
    "DELIVERY",
    "HEALTH_OUTCOMES",
    "QOF_GROUPS",
    "REGISTRY",
    "THEMES",
    "TOPICS",
    "VACCINATION_TARGET",
    "WILSON_PUBLISHED_TAG",
    "WILSON_WHERE_NOT_PUBLISHED",
    "CiMethod",
    "Indicator",
    "Polarity",
    "Standardisation",
    "ValueType",
    "all_ids",
    "get",
    "wilson_indicator_ids",
]

_IMD = ("imd2019_lsoa11", "imd2025_lsoa21", "imd2025_file1_lsoa21")
_IMD_SUMMARY = _IMD + ("imd2025_file10_ltla24", "imd2025_file13_icb24")
_CENSUS = ("census2021_residents_age6_lsoa21",)
_QOF = ("qof_2022_23_prevalence", "qof_2024_25_prevalence", "qof_2022_23_mapping", "gp_practice_map_jul2026")


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


#: QOF disease registers: group code -> (name, register definition, Core20PLUS5 area)
QOF_GROUPS: dict[str, tuple[str, str, str]] = {
    "HYP": ("Hypertension", "patients with established hypertension, all ages", "Hypertension case-finding"),
    "AST": (
        "Asthma (6+)",
        "patients aged 6+ with asthma treated in the last 12 months",
        "Chronic respiratory disease; CYP asthma",
    ),
    "COPD": ("COPD", "patients with chronic obstructive pulmonary disease, all ages", "Chronic respiratory disease"),
    "DM": ("Diabetes (17+)", "patients aged 17+ with diabetes mellitus", "CYP diabetes (adult register only)"),
    "EP": ("Epilepsy (18+)", "patients aged 18+ with epilepsy on drug treatment", "CYP epilepsy (adult register only)"),
    "MH": (
        "Severe mental illness",
        "patients with schizophrenia, bipolar affective disorder or other psychoses",
        "Severe mental illness",
    ),
    "DEP": ("Depression (18+)", "patients aged 18+ with depression recorded since April 2006", "Mental health"),
    "CAN": ("Cancer", "patients with a cancer diagnosis since April 2003", "Early cancer diagnosis (context only)"),
    "CHD": ("Coronary heart disease", "patients with coronary heart disease, all ages", ""),
    "AF": ("Atrial fibrillation", "patients with atrial fibrillation, all ages", ""),
    "HF": ("Heart failure", "patients with heart failure, all ages", ""),
    "STIA": ("Stroke and TIA", "patients with stroke or transient ischaemic attack, all ages", ""),
    "CKD": ("Chronic kidney disease (18+)", "patients aged 18+ with CKD stages 3a to 5", ""),
    "OB": ("Obesity (18+)", "patients aged 18+ with BMI of 30 or more in the last 12 months", ""),
    "DEM": ("Dementia", "patients with dementia, all ages", ""),
    "LD": ("Learning disability", "patients with a learning disability, all ages", ""),
    "NDH": ("Non-diabetic hyperglycaemia (18+)", "patients aged 18+ with non-diabetic hyperglycaemia", ""),
    "PAD": ("Peripheral arterial disease", "patients with peripheral arterial disease, all ages", ""),
    "OST": ("Osteoporosis (50+)", "patients aged 50+ with osteoporosis and a fragility fracture", ""),
    "RA": ("Rheumatoid arthritis (16+)", "patients aged 16+ with rheumatoid arthritis", ""),
    "PC": ("Palliative care", "patients on the palliative care register, all ages", ""),
}


def _qof(code: str) -> Indicator:
    name, register, area = QOF_GROUPS[code]
    return Indicator(
        id=f"qof_{code.lower()}",
        name=f"{name}: QOF recorded prevalence",
        theme="Core20PLUS5 clinical areas (QOF)",
        definition=(
            f"Percentage of registered patients on the QOF register of {register}, over the practice list "
            "(age-restricted list where the register is age-restricted). Crude recorded prevalence, not "
            "age-standardised."
        ),
        unit="%",
        value_type="proportion",
        polarity="no_judgement",
        sources=_QOF,
        ci_method="wilson",
        notes=(
            "Recorded prevalence reflects case-finding as well as disease: higher can mean better detection. "
            "Available for GP practices, PCNs, sub-ICBs, ICBs and England (no practice-to-LSOA file is in the data, "
            "so QOF cannot be mapped at ward or district level)."
        ),
        core20plus5=area,
        decimals=2,
        tags=("practice",),
    )


REGISTRY: tuple[Indicator, ...] = (
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
    # ---------------------------------------------------------------- life expectancy
    Indicator(
        "le_male",
        "Life expectancy at birth (male)",
        "Life expectancy",
        "Average number of years a newborn boy would live if he experienced the area's age-specific mortality rates "
        "for the period throughout his life (Fingertips 90366).",
        "years",
        "years",
        "high_is_good",
        ("fingertips_90366_life_expectancy",),
        sex="male",
        notes="Our extract (districts and unitary authorities; no county rows) carries OHID's own comparison with "
        "England (95% level) but not its limits: that verdict is shown, labelled 'OHID comparison'.",
        publisher_comparison=True,
        period="3-year pooled, 2015-17 to 2023-25",
        coverage="districts, UAs, England",
    ),
    Indicator(
        "le_female",
        "Life expectancy at birth (female)",
        "Life expectancy",
        "Average number of years a newborn girl would live at the area's age-specific mortality rates (Fingertips "
        "90366).",
        "years",
        "years",
        "high_is_good",
        ("fingertips_90366_life_expectancy",),
        sex="female",
        notes="Our extract (districts and unitary authorities; no county rows) carries OHID's own comparison with "
        "England (95% level) but not its limits: that verdict is shown, labelled 'OHID comparison'.",
        publisher_comparison=True,
        period="3-year pooled, 2015-17 to 2023-25",
        coverage="districts, UAs, England",
    ),
    Indicator(
        "hle_male",
        "Healthy life expectancy at birth (male)",
        "Life expectancy",
        "Average number of years a newborn boy would live in 'good' general health (ONS, interim method, 95% CI).",
        "years",
        "years",
        "high_is_good",
        ("ons_els_healthy_life_expectancy",),
        ci_method="published",
        notes="Published for upper-tier authorities only: none for Lancashire's 12 districts, and none for South "
        "Cumbria (Westmorland and Furness as a whole is the nearest).",
    ),
    Indicator(
        "hle_female",
        "Healthy life expectancy at birth (female)",
        "Life expectancy",
        "Average number of years a newborn girl would live in 'good' general health (ONS, interim method, 95% CI).",
        "years",
        "years",
        "high_is_good",
        ("ons_els_healthy_life_expectancy",),
        ci_method="published",
        notes="Published for upper-tier authorities only: none for Lancashire's 12 districts, and none for South "
        "Cumbria (Westmorland and Furness as a whole is the nearest).",
    ),
    Indicator(
        "sii_le_male",
        "Inequality in life expectancy (male, SII)",
        "Life expectancy",
        "Slope index of inequality in male life expectancy at birth across deprivation deciles within the area: the "
        "gap in years between the most and least deprived ends of the area (Fingertips 92901).",
        "years",
        "years",
        "low_is_good",
        ("fingertips_92901_inequality_in_le",),
        sex="male",
        standardisation="life table",
        period="3-year pooled",
        coverage="districts, UAs, England",
        no_ci_reason="OHID publishes this SII with confidence limits, but the extract held here has neither the limits "
        "nor a comparison with England",
    ),
    Indicator(
        "sii_le_female",
        "Inequality in life expectancy (female, SII)",
        "Life expectancy",
        "Slope index of inequality in female life expectancy at birth within the area (Fingertips 92901).",
        "years",
        "years",
        "low_is_good",
        ("fingertips_92901_inequality_in_le",),
        sex="female",
        standardisation="life table",
        period="3-year pooled",
        coverage="districts, UAs, England",
        no_ci_reason="OHID publishes this SII with confidence limits, but the extract held here has neither the limits "
        "nor a comparison with England",
    ),
    # ---------------------------------------------------------------- smoking
    Indicator(
        "smoking_adults",
        "Smoking prevalence (adults 18+)",
        "Smoking",
        "Percentage of adults aged 18+ who currently smoke (Annual Population Survey; Fingertips 92443).",
        "%",
        "proportion",
        "low_is_good",
        ("fingertips_92443_smoking_adults",),
        age="18+",
        publisher_comparison=True,
        period="annual, 2011 to 2024",
        coverage="districts, UAs, England",
        notes="Our extract has OHID's comparison with England but no limits (the annual ONS series, with 95% limits, "
        "is 'Cigarette smokers (annual)'); APS district estimates have wide intervals, so year-to-year changes "
        "are noisy.",
        core20plus5="Smoking cessation",
    ),
    Indicator(
        "smoking_routine_manual",
        "Smoking prevalence (routine and manual, 18-64)",
        "Smoking",
        "Percentage of adults aged 18-64 in routine and manual occupations who currently smoke (APS; Fingertips "
        "92445).",
        "%",
        "proportion",
        "low_is_good",
        ("fingertips_92445_smoking_routine_manual",),
        age="18-64",
        publisher_comparison=True,
        period="annual to 2019, then 3-year pooled for some areas",
        coverage="districts, UAs, England",
        notes="Some areas switch from annual to 3-year pooled periods after 2019: trends show only the periods of the "
        "latest kind, never single years and pooled periods on one line.",
        core20plus5="Smoking cessation",
    ),
    Indicator(
        "cigarette_smokers_5yr",
        "Cigarette smokers (5-year average)",
        "Smoking",
        "Percentage of adults 18+ who smoke cigarettes, 5-year average (APS; ONS, official statistics in "
        "development), with 95% CI.",
        "%",
        "proportion",
        "low_is_good",
        ("ons_els_cigarette_smokers",),
        ci_method="published",
        notes="Not comparable with the single-year Fingertips 92443 series.",
        core20plus5="Smoking cessation",
    ),
    # ---------------------------------------------------------------- other outcomes
    Indicator(
        "cancer_stage_1_2",
        "Cancers diagnosed at stage 1 or 2",
        "Other outcomes",
        "Percentage of new cancers (with known stage) diagnosed at stage 1 or 2 (PHOF 93671). NHS Long Term Plan "
        "ambition: 75% by 2028.",
        "%",
        "proportion",
        "high_is_good",
        ("ons_els_cancer_stage_1_2",),
        ci_method="published",
        core20plus5="Early cancer diagnosis",
    ),
    Indicator(
        "preventable_cvd_mortality",
        "Preventable CVD mortality (under 75)",
        "Other outcomes",
        "Directly age-standardised rate of deaths under 75 from cardiovascular disease considered preventable, per "
        "100,000 (PHOF 93722).",
        "per 100,000",
        "dsr",
        "low_is_good",
        ("ons_els_preventable_cvd_mortality",),
        ci_method="published",
        core20plus5="Hypertension case-finding (outcome)",
    ),
    Indicator(
        "dental_decay_5yo",
        "Tooth decay in 5-year-olds",
        "Other outcomes",
        "Percentage of 5-year-olds with experience of visually obvious dental decay (Fingertips 93563).",
        "%",
        "proportion",
        "low_is_good",
        ("fingertips_93563_dental_decay_5yo",),
        age="5",
        publisher_comparison=True,
        coverage="districts, counties, UAs, England",
        core20plus5="CYP oral health",
    ),
    Indicator(
        "health_checks_received",
        "NHS Health Checks received (cumulative)",
        "Other outcomes",
        "People aged 40-74 receiving an NHS Health Check, cumulative percentage of the eligible population since "
        "2021/22 Q1 (Fingertips 91112).",
        "%",
        "proportion",
        "high_is_good",
        ("fingertips_91112_health_checks",),
        age="40-74",
        publisher_comparison=True,
        coverage="UAs (incl. Lancashire county where published), England",
        notes="Upper-tier authorities and England only.",
        core20plus5="Hypertension case-finding",
    ),
    Indicator(
        "depression_prevalence_fingertips",
        "Depression: QOF prevalence (18+), by district",
        "Other outcomes",
        "Percentage of patients aged 18+ with depression recorded on practice registers, attributed to districts by "
        "OHID (Fingertips 848).",
        "%",
        "proportion",
        "no_judgement",
        ("fingertips_848_depression_prevalence",),
        age="18+",
        publisher_comparison=True,
        coverage="districts, UAs, England",
        notes="OHID compares this indicator with England at the 99.8% level ('Higher 99.8', 'Lower 99.8', "
        "'Similar'); that verdict is kept and labelled 'OHID comparison, 99.8%'.",
        core20plus5="Mental health",
    ),
    # ---------------------------------------------------------------- health index
    Indicator(
        "health_index_overall",
        "Health Index (overall)",
        "Health Index",
        "ONS Health Index for England overall score (England 2015 = 100; higher = healthier).",
        "index",
        "index",
        "high_is_good",
        ("ons_health_index_scores",),
    ),
    Indicator(
        "health_index_healthy_people",
        "Health Index: Healthy People",
        "Health Index",
        "ONS Health Index 'Healthy People' domain (health outcomes; England 2015 = 100).",
        "index",
        "index",
        "high_is_good",
        ("ons_health_index_scores",),
    ),
    Indicator(
        "health_index_healthy_lives",
        "Health Index: Healthy Lives",
        "Health Index",
        "ONS Health Index 'Healthy Lives' domain (behaviours and risk factors; England 2015 = 100).",
        "index",
        "index",
        "high_is_good",
        ("ons_health_index_scores",),
    ),
    Indicator(
        "health_index_healthy_places",
        "Health Index: Healthy Places",
        "Health Index",
        "ONS Health Index 'Healthy Places' domain (wider determinants; England 2015 = 100).",
        "index",
        "index",
        "high_is_good",
        ("ons_health_index_scores",),
    ),
) + tuple(_qof(code) for code in QOF_GROUPS)


TOPICS: dict[str, dict[str, tuple[bool, str]]] = {
    "adult smoking": {
        "smoking_adults": (True, "OHID's APS series (Fingertips 92443), adults 18+, single years to 2024"),
        "cigarette_smokers_annual": (
            False,
            "ONS's own release of the same survey, cigarette smokers 18+, to 2023, re-weighted by ONS",
        ),
        "cigarette_smokers_5yr": (False, "ONS's average of the same survey over 5 pooled years"),
        "smoking_routine_manual": (False, "the same survey for routine and manual workers aged 18-64 only"),
        "smoking_qof_15plus": (False, "GP records of patients 15+ (Fingertips 91547), not a survey"),
    },
    "diabetes prevalence": {
        "qof_dm": (True, "NHS England's QOF registers (17+) over the 17+ list, to 2024-25"),
        "diabetes_qof_fingertips": (False, "OHID's release of the same registers (Fingertips 241), to 2023/24"),
    },
    "depression prevalence": {
        "qof_dep": (True, "NHS England's QOF registers (18+) over the 18+ list, to 2024-25"),
        "depression_prevalence_fingertips": (
            False,
            "OHID's release of the same registers by district (Fingertips 848)",
        ),
    },
    "dementia prevalence": {
        "qof_dem": (True, "NHS England's QOF registers (all ages), to 2024-25"),
        "dementia_qof_fingertips": (False, "OHID's release of the same registers (Fingertips 247), to 2023/24"),
    },
}


def _with_topic(indicator: Indicator) -> Indicator:
    for topic, series in TOPICS.items():
        if indicator.id in series:
            headline, differs = series[indicator.id]
            return replace(indicator, topic=topic, headline=headline, differs=differs)
    return indicator


#: The 95% coverage target for routine childhood vaccinations: the WHO European Region target that NHS England's routine
#: childhood immunisation programme and UKHSA's COVER reports measure coverage against.


REGISTRY = tuple(_with_topic(indicator) for indicator in HEALTH_OUTCOMES + REGISTRY + DELIVERY)

_BY_ID: dict[str, Indicator] = {indicator.id: indicator for indicator in REGISTRY}


def get(indicator_id: str) -> Indicator:
    """Return the indicator with this id.

    Raises
    ------
    ValueError
        If no indicator has that id (the message lists how to find valid ones).
    """
    try:
        return _BY_ID[indicator_id]
    except KeyError:
        raise ValueError(
            f"unknown indicator '{indicator_id}'; run 'python -m lsc_phm indicators' to list the valid ids"
        ) from None


def all_ids() -> tuple[str, ...]:
    """Return every indicator id in registry order."""
    return tuple(_BY_ID)


def wilson_indicator_ids() -> tuple[str, ...]:
    """Return the ids whose confidence intervals are computed here with the Wilson score method."""
    return tuple(i.id for i in REGISTRY if i.ci_method == "wilson")
