"""Registry entries for indicators published by others with their values, counts and limits: OHID Fingertips
health outcomes and services, Census 2021 health outcomes computed here from counts, and the Core20PLUS5 delivery
measures (NHS England SMI physical health checks, UKHSA COVER childhood vaccination).

:mod:`lsc_phm.indicators` assembles these with the locally computed indicators into the one registry.
"""

from __future__ import annotations

from lsc_phm.indicator_model import Indicator, Polarity, ValueType

# ---------------------------------------------------------------- health outcomes
_CENSUS_NOTE = (
    "Crude proportion from Census 2021 counts (each table's own total is the denominator), not age-"
    "standardised: areas with older populations report more bad health and more caring, so compare areas "
    "of different age structure with care. Wilson score interval, treating the census count as a sample "
    "from an underlying rate as Fingertips does. Census 2021 geography (2021 LSOAs): IMD 2025 vintage "
    "only."
)
_FTN = ("fingertipsnext_healthdata_lsc",)
#: Tag of published proportions whose 95% limits OHID computes with the Wilson score method from the count and
#: denominator (checked on every row in tests/store/test_health_outcomes_data.py), so limits at 99.8% may be recomputed
#: here; others (e.g. children in low-income families, survey-weighted measures) use other methods and are not.
WILSON_PUBLISHED_TAG = "wilson_published"
_FTN_COVERAGE = (
    "England, ICB (where published), Lancashire county, BwD, Blackpool, Cumberland, Westmorland and "
    "Furness, Lancashire districts, sub-ICBs (some), PCNs and practices (partial)"
)


def _ftn(
    id_: str,
    name: str,
    fingertips_id: str,
    definition: str,
    unit: str,
    value_type: ValueType,
    polarity: Polarity,
    *,
    age: str,
    sex: str = "persons",
    period: str,
    standardisation: str = "",
    notes: str = "",
    core20plus5: str = "",
    decimals: int = 1,
    wilson: bool = False,
) -> Indicator:
    return Indicator(
        id_,
        name,
        "Health outcomes and services (OHID Fingertips)",
        f"{definition} (Fingertips {fingertips_id}).",
        unit,
        value_type,
        polarity,
        _FTN,
        ci_method="published",
        notes=("Value, count, denominator and 95% limits as published by OHID. " + notes).strip(),
        core20plus5=core20plus5,
        decimals=decimals,
        age=age,
        sex=sex,
        period=period,
        coverage=_FTN_COVERAGE,
        standardisation=standardisation,
        tags=(WILSON_PUBLISHED_TAG,) if wilson else (),
    )


HEALTH_OUTCOMES: tuple[Indicator, ...] = (
    Indicator(
        "census_bad_health",
        "Bad or very bad health (Census 2021)",
        "Health outcomes (Census 2021)",
        "Percentage of usual residents who described their general health as bad or very bad (Census 2021 TS037).",
        "%",
        "proportion",
        "low_is_good",
        ("census2021_ts037_general_health_lsoa21",),
        ci_method="wilson",
        notes=_CENSUS_NOTE,
        period="Census day 2021",
        coverage="LSOA 2021, ward, district, place, sub-ICB, ICB, England",
        standardisation="crude",
        tags=("lsoa",),
    ),
    Indicator(
        "census_unpaid_care",
        "Provides unpaid care (Census 2021)",
        "Health outcomes (Census 2021)",
        "Percentage of usual residents aged 5+ who provide any unpaid care (Census 2021 TS039: total aged 5+ minus "
        "those providing none).",
        "%",
        "proportion",
        "no_judgement",
        ("census2021_ts039_unpaid_care_lsoa21",),
        ci_method="wilson",
        notes=_CENSUS_NOTE,
        age="5+",
        period="Census day 2021",
        coverage="LSOA 2021, ward, district, place, sub-ICB, ICB, England",
        standardisation="crude",
        core20plus5="PLUS (carers)",
        tags=("lsoa",),
    ),
    Indicator(
        "census_unpaid_care_50h",
        "Provides 50+ hours unpaid care a week (Census 2021)",
        "Health outcomes (Census 2021)",
        "Percentage of usual residents aged 5+ who provide 50 or more hours of unpaid care a week (Census 2021 TS039).",
        "%",
        "proportion",
        "low_is_good",
        ("census2021_ts039_unpaid_care_lsoa21",),
        ci_method="wilson",
        notes=_CENSUS_NOTE,
        age="5+",
        period="Census day 2021",
        coverage="LSOA 2021, ward, district, place, sub-ICB, ICB, England",
        standardisation="crude",
        decimals=2,
        core20plus5="PLUS (carers)",
        tags=("lsoa",),
    ),
    Indicator(
        "census_household_deprived",
        "Households deprived in 1+ dimensions (Census 2021)",
        "Health outcomes (Census 2021)",
        "Percentage of households deprived in at least one of four dimensions: education, employment, health and "
        "disability, housing (Census 2021 TS011). A Census measure of deprivation, from counts (unlike IMD scores).",
        "%",
        "proportion",
        "low_is_good",
        ("census2021_ts011_household_deprivation_lsoa21",),
        ci_method="wilson",
        notes=_CENSUS_NOTE.replace("usual residents", "households").replace(
            "more bad health and more caring", "different household make-ups"
        ),
        period="Census day 2021",
        coverage="LSOA 2021, ward, district, place, sub-ICB, ICB, England",
        standardisation="crude",
        age="households",
        sex="households",
        tags=("lsoa",),
    ),
    Indicator(
        "census_household_deprived_2plus",
        "Households deprived in 2+ dimensions (Census 2021)",
        "Health outcomes (Census 2021)",
        "Percentage of households deprived in two or more of the four Census dimensions (Census 2021 TS011).",
        "%",
        "proportion",
        "low_is_good",
        ("census2021_ts011_household_deprivation_lsoa21",),
        ci_method="wilson",
        notes=_CENSUS_NOTE,
        period="Census day 2021",
        coverage="LSOA 2021, ward, district, place, sub-ICB, ICB, England",
        standardisation="crude",
        age="households",
        sex="households",
        tags=("lsoa",),
    ),
    Indicator(
        "modelled_ckd_prevalence",
        "CKD (18+) prevalence, modelled by LSOA",
        "Modelled small-area prevalence",
        "MODELLED: QOF chronic kidney disease (stages 3a-5) recorded prevalence of each LSOA's registered patients, "
        "from their practices' registers weighted by where each practice's patients live (Fingertips 258 with NHS "
        "Digital registrations by LSOA). Larger areas: population-weighted mean (ONS mid-2020).",
        "%",
        "proportion",
        "no_judgement",
        ("modelled_qof_ckd_stroke_lsoa11",),
        decimals=2,
        age="18+",
        notes="Modelled, not observed: it inherits practice recording differences, uses all-age registrations for an "
        "18+ register, and has no counts, so no interval and no significance test. LSOA 2011 geography: shown "
        "with the IMD 2019 vintage. Crude recorded prevalence, not age-standardised.",
        no_ci_reason="a modelled estimate (practice registers apportioned to LSOAs), with no counts, so no interval",
        period="QOF 2014/15 to 2021/22",
        coverage="LSOA 2011, ward, district, place, sub-ICB, ICB, England",
        standardisation="crude",
        licence="MIT (modelled outputs); inputs OGL v3.0",
        tags=("lsoa",),
    ),
    Indicator(
        "modelled_stroke_prevalence",
        "Stroke/TIA prevalence, modelled by LSOA",
        "Modelled small-area prevalence",
        "MODELLED: QOF stroke and TIA recorded prevalence (all ages), mean of 2019/20-2021/22, apportioned from "
        "practice registers to LSOAs by where patients live (Fingertips 212). Larger areas: population-weighted mean.",
        "%",
        "proportion",
        "no_judgement",
        ("modelled_qof_ckd_stroke_lsoa11",),
        decimals=2,
        notes="Modelled, not observed: no counts, so no interval and no significance test. LSOA 2011 geography (IMD "
        "2019 vintage). Crude recorded prevalence, not age-standardised.",
        no_ci_reason="a modelled estimate (practice registers apportioned to LSOAs), with no counts, so no interval",
        period="3-year average 2019/20 - 21/22",
        coverage="LSOA 2011, ward, district, place, sub-ICB, ICB, England",
        standardisation="crude",
        licence="MIT (modelled outputs); inputs OGL v3.0",
        tags=("lsoa",),
    ),
    Indicator(
        "cigarette_smokers_annual",
        "Cigarette smokers (annual, APS)",
        "Smoking",
        "Percentage of adults 18+ who smoke cigarettes, single calendar years (ONS Annual Population Survey), with "
        "95% confidence limits as published by ONS.",
        "%",
        "proportion",
        "low_is_good",
        ("ons_els_cigarette_smokers_annual",),
        ci_method="published",
        age="18+",
        notes="Published for counties (incl. Lancashire), districts and UAs. ONS re-weighted 2023 after this file was "
        "made, so 2023 can differ slightly from Fingertips 92443.",
        period="annual, 2012 to 2023",
        coverage="districts, counties, UAs, regions, England",
        core20plus5="Smoking cessation",
    ),
    Indicator(
        "adult_obesity",
        "Adult obesity (18+)",
        "Other outcomes",
        "Percentage of adults 18+ classified as obese (BMI 30+ from self-reported height and weight, adjusted), Sport "
        "England Active Lives survey, with 95% confidence limits as published.",
        "%",
        "proportion",
        "low_is_good",
        ("ons_els_adult_obesity",),
        ci_method="published",
        age="18+",
        notes="A survey estimate with wide intervals for small districts; Active Lives years run November to "
        "November (2023/24 = Nov 2023 to Nov 2024).",
        period="Active Lives years 2015/16 to 2023/24",
        coverage="districts, counties, UAs, regions, England",
    ),
    Indicator(
        "reception_excess_weight",
        "Child excess weight: Reception (4-5)",
        "Other outcomes",
        "Percentage of children in Reception (age 4-5) measured as overweight or obese (BMI at or above the 85th "
        "centile of the UK90 reference), National Child Measurement Programme, with 95% limits as published.",
        "%",
        "proportion",
        "low_is_good",
        ("ons_els_reception_excess_weight",),
        ci_method="published",
        age="4-5",
        notes="School years; the last year held is 2021/22 (later years not in the file held).",
        period="school years 2006/07 to 2021/22",
        coverage="districts, counties, UAs, regions, England",
    ),
    Indicator(
        "year6_excess_weight",
        "Child excess weight: Year 6 (10-11)",
        "Other outcomes",
        "Percentage of children in Year 6 (age 10-11) measured as overweight or obese (BMI at or above the 85th "
        "centile of the UK90 reference), National Child Measurement Programme, with 95% limits as published.",
        "%",
        "proportion",
        "low_is_good",
        ("ons_els_year6_excess_weight",),
        ci_method="published",
        age="10-11",
        notes="School years; the last year held is 2021/22 (later years not in the file held).",
        period="school years 2006/07 to 2021/22",
        coverage="districts, counties, UAs, regions, England",
    ),
    Indicator(
        "smoking_qof_15plus",
        "Smoking recorded by GPs (15+, QOF)",
        "Smoking",
        "Percentage of patients aged 15+ recorded as current smokers in GP records (QOF), OHID Fingertips 91547: count "
        "of current smokers over patients 15+ with a recorded status.",
        "%",
        "proportion",
        "low_is_good",
        ("fingertips_91547_smoking_qof_15plus",),
        ci_method="published",
        age="15+",
        notes="Recorded smoking depends on how often practices ask and record; it is not a survey estimate. Practices "
        "of the ICB: 2022/23 with OHID's 95% limits, 2023/24 without (Wilson limits computed here from the "
        "count and denominator, labelled); PCNs summed here from their practices only where every practice "
        "has a value. Local authorities 2013/14 to 2022/23 as published.",
        period="financial years 2013/14 to 2023/24",
        coverage="GP practices and PCNs of ICB QE1, Lancashire and "
        "South Cumbria local authorities, England (and England by deprivation decile)",
        publisher_comparison=True,
        core20plus5="Smoking cessation",
        # OHID's published limits are Wilson score limits (all 451 rows with counts agree to 5e-6 points)
        tags=(WILSON_PUBLISHED_TAG,),
    ),
    _ftn(
        "smoking_at_delivery",
        "Smoking at time of delivery",
        "93085",
        "Percentage of women known to be smokers at the time of delivery, of all maternities with known status",
        "%",
        "proportion",
        "low_is_good",
        age="all ages (maternities)",
        sex="female",
        period="financial years 2018/19 to 2023/24",
        core20plus5="Smoking cessation (maternity)",
        wilson=True,
    ),
    _ftn(
        "breast_screening_53_70",
        "Breast screening coverage (53-70)",
        "94063",
        "Percentage of eligible women aged 53-70 screened adequately for breast cancer in the previous 36 months",
        "%",
        "proportion",
        "high_is_good",
        age="53-70",
        sex="female",
        period="2022/23 to 2023/24",
        core20plus5="Early cancer diagnosis",
        wilson=True,
    ),
    _ftn(
        "falls_admissions_65plus",
        "Emergency admissions for falls (65+)",
        "22401",
        "Emergency hospital admissions due to falls in people aged 65 and over, directly age-standardised rate per "
        "100,000",
        "per 100,000",
        "dsr",
        "low_is_good",
        age="65+",
        period="financial years 2018/19 to 2023/24",
    ),
    _ftn(
        "emergency_readmissions_30d",
        "Emergency readmissions within 30 days",
        "41101",
        "Emergency readmissions within 30 days of discharge from hospital, indirectly standardised percentage",
        "%",
        "proportion",
        "low_is_good",
        age="all ages",
        period="financial years 2018/19 to 2023/24",
        standardisation="indirectly standardised",
    ),
    _ftn(
        "alcohol_related_mortality",
        "Alcohol-related mortality",
        "93763",
        "Deaths from alcohol-related conditions, directly age-standardised rate per 100,000",
        "per 100,000",
        "dsr",
        "low_is_good",
        age="all ages",
        period="calendar years 2018 to 2023",
    ),
    _ftn(
        "physically_inactive_adults",
        "Physically inactive adults (19+)",
        "93015",
        "Percentage of adults doing less than 30 minutes of moderate activity a week (Sport England Active Lives)",
        "%",
        "proportion",
        "low_is_good",
        age="19+",
        period="2018/19 to 2022/23 (Active Lives years)",
        notes="Survey-weighted: counts are not published, so intervals are OHID's.",
    ),
    _ftn(
        "adult_overweight",
        "Overweight or obese adults (18+)",
        "93088",
        "Percentage of adults classified as overweight or obese (BMI 25+, Active Lives)",
        "%",
        "proportion",
        "low_is_good",
        age="18+",
        period="2018/19 to 2022/23 (Active Lives years)",
    ),
    _ftn(
        "reception_obesity_5yr",
        "Obesity in Reception (5 years combined)",
        "92026",
        "Percentage of Reception children (4-5) with obesity including severe obesity, 5 years combined (NCMP)",
        "%",
        "proportion",
        "low_is_good",
        age="4-5",
        period="5 years combined, 2018/19 - 22/23 and 2019/20 - 23/24",
        core20plus5="CYP (context)",
    ),
    _ftn(
        "year6_obesity_5yr",
        "Obesity in Year 6 (5 years combined)",
        "92033",
        "Percentage of Year 6 children (10-11) with obesity including severe obesity, 5 years combined (NCMP)",
        "%",
        "proportion",
        "low_is_good",
        age="10-11",
        period="5 years combined, 2018/19 - 22/23 and 2019/20 - 23/24",
        core20plus5="CYP (context)",
    ),
    _ftn(
        "children_absolute_low_income",
        "Children in absolute low-income families (<16)",
        "93701",
        "Percentage of children under 16 living in absolute low-income families",
        "%",
        "proportion",
        "low_is_good",
        age="<16",
        period="financial years 2018/19 to 2022/23",
        core20plus5="Core20 (context)",
    ),
    _ftn(
        "under18_conceptions",
        "Under-18 conceptions",
        "20401",
        "Conceptions in women aged under 18, crude rate per 1,000 women aged 15-17",
        "per 1,000",
        "rate",
        "low_is_good",
        age="<18",
        sex="female",
        period="calendar years 2018 to 2021",
    ),
    _ftn(
        "alcohol_admissions_under18",
        "Alcohol-specific admissions (under 18)",
        "92904",
        "Admission episodes for alcohol-specific conditions in under-18s, crude rate per 100,000, 3 years pooled",
        "per 100,000",
        "rate",
        "low_is_good",
        age="<18",
        period="3 years pooled, 2018/19 - 20/21 to 2021/22 - 23/24",
    ),
    _ftn(
        "deaths_in_hospital",
        "Deaths in hospital",
        "93474",
        "Percentage of all deaths that occur in hospital",
        "%",
        "proportion",
        "no_judgement",
        age="all ages",
        period="calendar years 2018 to 2023",
    ),
    _ftn(
        "diabetes_qof_fingertips",
        "Diabetes (17+): QOF prevalence, OHID",
        "241",
        "Percentage of patients aged 17+ on practice diabetes registers, as published by OHID for practices, "
        "sub-ICBs, ICBs and (attributed) local authorities",
        "%",
        "proportion",
        "no_judgement",
        age="17+",
        period="financial years 2018/19 to 2023/24",
        decimals=2,
        notes="Recorded prevalence reflects case-finding as well as disease; crude, not age-standardised.",
        core20plus5="CYP diabetes (adult register only)",
        wilson=True,
    ),
    _ftn(
        "dementia_qof_fingertips",
        "Dementia: QOF prevalence, OHID",
        "247",
        "Percentage of registered patients (all ages) on practice dementia registers, as published by OHID",
        "%",
        "proportion",
        "no_judgement",
        age="all ages",
        period="financial years 2018/19 to 2023/24",
        decimals=2,
        notes="Crude recorded prevalence: areas with older populations have more dementia; not age-standardised.",
        wilson=True,
    ),
)

#: Series that answer one question: topic -> {indicator id: (headline?, what it is or how it differs from the
#: headline: publication, definition, age band, single or pooled years)}. The headline is the measure quoted first
#: for the question; lsc_phm.domain.topics writes the sentence shown wherever two of them appear together.


VACCINATION_TARGET = 95.0
_COVER_NOTE = (
    "Numerator and denominator as published by UKHSA (COVER, Table 10), Wilson 95% limits computed here. "
    "COVER reports upper-tier authorities of the 2021 geography: Cumbria is the former county (it includes "
    "North Cumbria, outside ICB QE1), not South Cumbria. England is the sum of the 151 authorities, which "
    "reproduces UKHSA's published England figure. Target: 95% (WHO European Region; NHS England routine "
    "childhood immunisation programme)."
)
_COVER_PERIOD = "Q4 2024-25 (evaluated January to March 2025)"
_COVER_COVERAGE = "upper-tier local authorities (2021 geography, as COVER reports them), places that are one, England"

DELIVERY: tuple[Indicator, ...] = (
    Indicator(
        "smi_health_checks",
        "SMI: all six physical health checks",
        "Core20PLUS5 delivery (NHS England)",
        "Percentage of people on the GP severe mental illness register who received all six physical health checks "
        "(alcohol, blood glucose, blood lipids, blood pressure, BMI, smoking) in the 12 months to the end of the "
        "quarter (NHS England, SMI physical health checks: All6PHC / SMIRegister).",
        "%",
        "proportion",
        "high_is_good",
        ("smi_physical_health_checks_subicb",),
        ci_method="wilson",
        notes="Experimental statistics (the SDCS collection; submissions were incomplete in early years). Counts as "
        "published by sub-ICB location (CCG to 2021-22), summed here for places whose sub-ICB locations nest "
        "in them, for the ICB and for England, with Wilson 95% limits computed here. NHS England later revised "
        "Q1 2023-24 for the Lancashire and South Cumbria sub-ICB locations (an extract error): which version "
        "is held is not known, so that quarter carries a caution. Each quarter covers the 12 months to its "
        "end, so consecutive quarters overlap. Retired after Q4 2023-24 (later quarters are the PHSMI official "
        "statistics, not held here).",
        core20plus5="Severe mental illness",
        age="all ages (SMI register)",
        period="quarterly, 12 months to Q3 2018-19 ... Q4 2023-24",
        coverage="sub-ICB locations (CCGs before 2022, mapped by code), places where sub-ICBs nest, ICBs, England",
        tags=("core20plus5_delivery",),
    ),
    Indicator(
        "vacc_dtap_ipv_hib_hepb_12m",
        "Vaccination: 12-month primary course (DTaP/IPV/Hib/HepB3)",
        "Vaccination",
        "Percentage of children reaching their first birthday in the quarter who completed three doses of the "
        "DTaP/IPV/Hib/HepB (6-in-1) vaccine (UKHSA COVER).",
        "%",
        "proportion",
        "high_is_good",
        ("cover_2024_25_q4_utla",),
        ci_method="wilson",
        notes=_COVER_NOTE,
        age="12 months",
        period=_COVER_PERIOD,
        coverage=_COVER_COVERAGE,
        tags=("vaccination",),
    ),
    Indicator(
        "vacc_mmr1_24m",
        "Vaccination: MMR1 at 24 months",
        "Vaccination",
        "Percentage of children reaching their second birthday in the quarter who had one dose of MMR (UKHSA COVER).",
        "%",
        "proportion",
        "high_is_good",
        ("cover_2024_25_q4_utla",),
        ci_method="wilson",
        notes=_COVER_NOTE,
        age="24 months",
        period=_COVER_PERIOD,
        coverage=_COVER_COVERAGE,
        tags=("vaccination",),
    ),
    Indicator(
        "vacc_mmr2_5y",
        "Vaccination: MMR2 at 5 years",
        "Vaccination",
        "Percentage of children reaching their fifth birthday in the quarter who had two doses of MMR (UKHSA COVER).",
        "%",
        "proportion",
        "high_is_good",
        ("cover_2024_25_q4_utla",),
        ci_method="wilson",
        notes=_COVER_NOTE,
        age="5 years",
        period=_COVER_PERIOD,
        coverage=_COVER_COVERAGE,
        tags=("vaccination",),
    ),
)
