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

from dataclasses import asdict, dataclass, field, replace
from typing import Literal

ValueType = Literal["proportion", "rate", "dsr", "mean", "years", "score", "decile", "count", "index"]
Polarity = Literal["high_is_good", "low_is_good", "no_judgement"]
CiMethod = Literal["wilson", "published", "none"]
Standardisation = Literal["crude", "age-standardised", "indirectly standardised", "life table", "not applicable"]

#: Published-interval indicators whose rows without published limits (but with counts) get Wilson limits computed
#: here, labelled "computed here" (e.g. OHID's 2023/24 practice values of 91547 came without limits).
WILSON_WHERE_NOT_PUBLISHED: frozenset[str] = frozenset({"smoking_qof_15plus"})

THEMES: tuple[str, ...] = (
    "Health outcomes (Census 2021)",
    "Health outcomes and services (OHID Fingertips)",
    "Modelled small-area prevalence",
    "Deprivation",
    "Population and PLUS groups",
    "Life expectancy",
    "Smoking",
    "Core20PLUS5 clinical areas (QOF)",
    "Other outcomes",
    "Health Index",
    "Core20PLUS5 delivery (NHS England)",
    "Vaccination",
)


@dataclass(frozen=True)
class Indicator:
    """One indicator's definition and metadata.

    Attributes
    ----------
    id : str
        Stable identifier used in the database, URLs and the CLI.
    name : str
        Short name for menus and charts.
    theme : str
        One of :data:`THEMES`.
    definition : str
        What is counted, over what population, as published.
    unit : str
        Unit shown after values (e.g. "%", "years", "per 100,000").
    value_type : str
        proportion, rate, dsr, mean, years, score, decile, count or index.
    polarity : str
        ``high_is_good``, ``low_is_good`` or ``no_judgement`` (Fingertips polarity).
    sources : tuple of str
        Keys of ``data/datasets.toml`` the values come from.
    ci_method : str
        ``wilson`` (computed here from counts), ``published`` (95% limits as published) or ``none``.
    notes : str
        Caveats an analyst must know (coverage gaps, comparability).
    core20plus5 : str
        The Core20PLUS5 area this indicator speaks to, if any.
    standardisation : str
        ``crude``, ``age-standardised`` (directly), ``indirectly standardised``, ``life table`` (life expectancy: not
        affected by age structure) or ``not applicable`` (scores, deciles, counts). Default: from ``value_type``.
    age, sex : str
        The population the value describes (e.g. "18+", "persons").
    period : str
        The periods held and their kind (single year, financial year, pooled).
    coverage : str
        The geography levels the source publishes (or we aggregate to).
    licence : str
        Licence of the data (default OGL v3.0).
    publisher_comparison : bool
        Whether the source carries its publisher's own verdict against England (e.g. OHID's ``compared_to_England``),
        used where no interval is held.
    no_ci_reason : str
        Why no interval exists, when ``ci_method`` is ``none`` (the true reason, shown instead of a comparison).
    topic : str
        The question the series answers (e.g. "adult smoking"), shared by every series that answers it, so that two of
        them in one view are explained (:mod:`lsc_phm.domain.topics`). Empty: the only series of its question.
    headline : bool
        Whether this is the topic's headline series: the one measure quoted first for the question (one per topic).
    differs : str
        For the headline, what it is (publication, definition, age band, years); for every other series of the topic,
        how it differs from the headline, in the same terms.
    structural_zero : str
        Why a count of zero is a structural zero, not a small count to hide (e.g. a Core20 population is a sum of
        whole LSOAs, so it is 0 or at least one LSOA's population): a zero is then shown as 0 with this reason, never
        suppressed. Empty: a zero is a small count like any other.
    """

    id: str
    name: str
    theme: str
    definition: str
    unit: str
    value_type: ValueType
    polarity: Polarity
    sources: tuple[str, ...]
    ci_method: CiMethod = "none"
    notes: str = ""
    core20plus5: str = ""
    decimals: int = 1
    tags: tuple[str, ...] = field(default_factory=tuple)
    standardisation: str = ""
    age: str = "all ages"
    sex: str = "persons"
    period: str = ""
    coverage: str = ""
    licence: str = "OGL v3.0"
    publisher_comparison: bool = False
    no_ci_reason: str = ""
    topic: str = ""
    headline: bool = False
    differs: str = ""
    structural_zero: str = ""

    def __post_init__(self) -> None:
        if not self.standardisation:
            default = {"dsr": "age-standardised", "years": "life table", "score": "not applicable",
                       "decile": "not applicable", "count": "not applicable", "index": "not applicable"}
            object.__setattr__(self, "standardisation", default.get(self.value_type, "crude"))
        source_defaults = _SOURCE_DEFAULTS.get(self.sources[0] if self.sources else "", ("", ""))
        if not self.period:
            object.__setattr__(self, "period", source_defaults[0])
        if not self.coverage:
            object.__setattr__(self, "coverage", source_defaults[1])
        if self.ci_method == "none" and self.publisher_comparison and not self.no_ci_reason:
            object.__setattr__(self, "no_ci_reason", "the extract held here carries OHID's comparison with England but "
                                                     "not its confidence limits")
        if self.ci_method == "none" and not self.no_ci_reason:
            reason = {"score": "a modelled score, not a sample estimate, so no sampling interval or significance test "
                               "applies",
                      "decile": "a rank-based decile, not an estimate: no interval or significance test applies",
                      "index": "the ONS Health Index is published without confidence intervals",
                      "count": "a count, not a rate: no comparison with England is made"}.get(self.value_type)
            object.__setattr__(self, "no_ci_reason", reason or "no interval or counts are held for this series")

    @property
    def is_crude(self) -> bool:
        """Whether values are crude rates/proportions, so comparisons between populations of different age structure
        reflect age as well as health."""
        return self.standardisation == "crude"

    @property
    def has_ci(self) -> bool:
        """Whether values of this indicator carry confidence intervals."""
        return self.ci_method != "none"

    def as_record(self) -> dict[str, object]:
        """Return the metadata as a flat dict (tuples joined with ", ")."""
        record = asdict(self)
        record["sources"] = ", ".join(self.sources)
        record["tags"] = ", ".join(self.tags)
        return record


_LSOA_LEVELS = "LSOA, ward, district, place, sub-ICB, ICB, England (aggregated from LSOAs)"
#: (period, coverage) defaults by first source, for indicators that do not state them
_SOURCE_DEFAULTS: dict[str, tuple[str, str]] = {
    "imd2019_lsoa11": ("IoD2019 and IoD2025", _LSOA_LEVELS),
    "population_sape_mid2020_lsoa11": ("mid-2020 (IMD 2019 geography); Census 2021 (IMD 2025 geography)", _LSOA_LEVELS),
    "census2021_ts021_ethnic_group_lsoa21": ("Census day 2021", _LSOA_LEVELS),
    "census2021_ts038_disability_lsoa21": ("Census day 2021", _LSOA_LEVELS),
    "qof_2022_23_prevalence": ("QOF 2022-23 and 2024-25", "GP practice, PCN, sub-ICB, ICB, England"),
    "ons_els_healthy_life_expectancy": ("3-year pooled, 2011-13 to 2022-24", "upper-tier authorities, England"),
    "ons_els_cancer_stage_1_2": ("calendar years", "districts, counties, UAs, England"),
    "ons_els_preventable_cvd_mortality": ("3-year pooled", "districts, counties, UAs, England"),
    "ons_els_cigarette_smokers": ("5-year averages", "districts, UAs, England"),
    "fingertips_93563_dental_decay_5yo": ("survey years 2014/15 to 2023/24", "districts, counties, UAs, England"),
    "fingertips_91112_health_checks": ("cumulative quarters from 2021/22 Q1", "UAs, England"),
    "fingertips_848_depression_prevalence": ("QOF years", "districts, UAs, England"),
    "ons_health_index_scores": ("2015 to 2021", "districts (LTLA 2021), England"),
}
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
    "AST": ("Asthma (6+)", "patients aged 6+ with asthma treated in the last 12 months",
            "Chronic respiratory disease; CYP asthma"),
    "COPD": ("COPD", "patients with chronic obstructive pulmonary disease, all ages", "Chronic respiratory disease"),
    "DM": ("Diabetes (17+)", "patients aged 17+ with diabetes mellitus", "CYP diabetes (adult register only)"),
    "EP": ("Epilepsy (18+)", "patients aged 18+ with epilepsy on drug treatment", "CYP epilepsy (adult register only)"),
    "MH": ("Severe mental illness", "patients with schizophrenia, bipolar affective disorder or other psychoses",
           "Severe mental illness"),
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
        "imd_score", "IMD score", "Deprivation",
        "Index of Multiple Deprivation score. For an LSOA, its published score; for a larger area, the population-"
        "weighted average of its LSOAs' scores (MHCLG File 10 'average score'). Higher = more deprived.",
        "score", "score", "no_judgement", _IMD_SUMMARY,
        notes="IMD 2019 averages use the IoD2019 mid-2015 denominators; IMD 2025 districts and ICBs use the published "
              "File 10/13 averages, and wards, places and sub-ICBs are weighted by Census 2021 usual residents "
              "(the IoD2025 mid-2022 denominators are not available).",
        decimals=2,
    ),
    _decile("imd_decile", "Index of Multiple Deprivation (IMD)"),
    Indicator(
        "core20_population_share", "Core20 population share", "Deprivation",
        "Percentage of the population living in LSOAs in the 20% most deprived nationally (IMD national deciles 1-2): "
        "the Core20 of Core20PLUS5.",
        "%", "proportion", "no_judgement", _IMD + _CENSUS,
        notes="A complete count of small areas, not a sample: no confidence interval applies.",
        no_ci_reason="a complete count of small areas by a modelled deprivation score, not a sample: no interval "
                     "applies",
        standardisation="not applicable",
        core20plus5="Core20",
        structural_zero="no LSOA of the area is in national IMD deciles 1-2 (a Core20 population is a sum of whole "
                        "LSOAs, so it is 0 or at least one LSOA's population)",
    ),
    Indicator(
        "pct_lsoas_most_deprived_10", "LSOAs in most deprived 10%", "Deprivation",
        "Percentage of the area's LSOAs that are in the most deprived 10% of LSOAs in England (File 10 'proportion').",
        "%", "proportion", "no_judgement", _IMD_SUMMARY,
        no_ci_reason="a count of LSOAs ranked by a modelled score, not a sample: no interval applies",
        standardisation="not applicable",
    ),
    Indicator(
        "income_deprivation_rate", "Income deprivation rate", "Deprivation",
        "IoD Income domain score: percentage of the population experiencing deprivation relating to low income. "
        "Larger areas: population-weighted average of LSOA rates.",
        "%", "proportion", "no_judgement", _IMD,
        no_ci_reason="an IMD domain score: a deprivation measure modelled from administrative data, not a sample "
                     "estimate, so no interval or significance test applies",
        standardisation="not applicable",
    ),
    Indicator(
        "employment_deprivation_rate", "Employment deprivation rate", "Deprivation",
        "IoD Employment domain score: percentage of the working-age population involuntarily excluded from work.",
        "%", "proportion", "no_judgement", _IMD,
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
        "population", "Population", "Population and PLUS groups",
        "Resident population: ONS mid-2020 LSOA estimates (with IMD 2019 geography) or Census 2021 usual residents "
        "(with IMD 2025 geography).",
        "people", "count", "no_judgement", ("population_sape_mid2020_lsoa11",) + _CENSUS, decimals=0,
        notes="Census 2021 custom-dataset cells are perturbed by ONS: small-area sums differ slightly from TS001.",
    ),
    Indicator(
        "pct_aged_65_plus", "Aged 65 and over", "Population and PLUS groups",
        "Percentage of residents aged 65 and over.",
        "%", "proportion", "no_judgement", ("population_sape_mid2020_lsoa11",) + _CENSUS, ci_method="wilson",
    ),
    Indicator(
        "pct_aged_0_15", "Aged 0 to 15", "Population and PLUS groups",
        "Percentage of residents aged 15 and under.",
        "%", "proportion", "no_judgement", ("population_sape_mid2020_lsoa11",) + _CENSUS, ci_method="wilson",
    ),
    Indicator(
        "pct_ethnic_minority", "Ethnic groups other than White", "Population and PLUS groups",
        "Percentage of usual residents in an ethnic group other than White (Census 2021 TS021: Asian, Black, Mixed "
        "or Other).",
        "%", "proportion", "no_judgement", ("census2021_ts021_ethnic_group_lsoa21",), ci_method="wilson",
        notes="Census 2021 geography (2021 LSOAs): shown with the IMD 2025 vintage only. The Wilson interval treats "
              "the census count as a sample from an underlying rate, as Fingertips does for census proportions.",
        core20plus5="PLUS (locally chosen groups)",
    ),
    Indicator(
        "pct_disabled", "Disabled (Equality Act)", "Population and PLUS groups",
        "Percentage of usual residents disabled under the Equality Act (Census 2021 TS038).",
        "%", "proportion", "low_is_good", ("census2021_ts038_disability_lsoa21",), ci_method="wilson",
        notes="Census 2021 geography: shown with the IMD 2025 vintage only.",
        core20plus5="PLUS (locally chosen groups)",
    ),
    # ---------------------------------------------------------------- life expectancy
    Indicator(
        "le_male", "Life expectancy at birth (male)", "Life expectancy",
        "Average number of years a newborn boy would live if he experienced the area's age-specific mortality rates "
        "for the period throughout his life (Fingertips 90366).",
        "years", "years", "high_is_good", ("fingertips_90366_life_expectancy",), sex="male",
        notes="Our extract (districts and unitary authorities; no county rows) carries OHID's own comparison with "
              "England (95% level) but not its limits: that verdict is shown, labelled 'OHID comparison'.",
        publisher_comparison=True, period="3-year pooled, 2015-17 to 2023-25", coverage="districts, UAs, England",
    ),
    Indicator(
        "le_female", "Life expectancy at birth (female)", "Life expectancy",
        "Average number of years a newborn girl would live at the area's age-specific mortality rates (Fingertips "
        "90366).",
        "years", "years", "high_is_good", ("fingertips_90366_life_expectancy",), sex="female",
        notes="Our extract (districts and unitary authorities; no county rows) carries OHID's own comparison with "
              "England (95% level) but not its limits: that verdict is shown, labelled 'OHID comparison'.",
        publisher_comparison=True, period="3-year pooled, 2015-17 to 2023-25", coverage="districts, UAs, England",
    ),
    Indicator(
        "hle_male", "Healthy life expectancy at birth (male)", "Life expectancy",
        "Average number of years a newborn boy would live in 'good' general health (ONS, interim method, 95% CI).",
        "years", "years", "high_is_good", ("ons_els_healthy_life_expectancy",), ci_method="published",
        notes="Published for upper-tier authorities only: none for Lancashire's 12 districts, and none for South "
              "Cumbria (Westmorland and Furness as a whole is the nearest).",
    ),
    Indicator(
        "hle_female", "Healthy life expectancy at birth (female)", "Life expectancy",
        "Average number of years a newborn girl would live in 'good' general health (ONS, interim method, 95% CI).",
        "years", "years", "high_is_good", ("ons_els_healthy_life_expectancy",), ci_method="published",
        notes="Published for upper-tier authorities only: none for Lancashire's 12 districts, and none for South "
              "Cumbria (Westmorland and Furness as a whole is the nearest).",
    ),
    Indicator(
        "sii_le_male", "Inequality in life expectancy (male, SII)", "Life expectancy",
        "Slope index of inequality in male life expectancy at birth across deprivation deciles within the area: the "
        "gap in years between the most and least deprived ends of the area (Fingertips 92901).",
        "years", "years", "low_is_good", ("fingertips_92901_inequality_in_le",),
        sex="male", standardisation="life table", period="3-year pooled", coverage="districts, UAs, England",
        no_ci_reason="OHID publishes this SII with confidence limits, but the extract held here has neither the limits "
                     "nor a comparison with England",
    ),
    Indicator(
        "sii_le_female", "Inequality in life expectancy (female, SII)", "Life expectancy",
        "Slope index of inequality in female life expectancy at birth within the area (Fingertips 92901).",
        "years", "years", "low_is_good", ("fingertips_92901_inequality_in_le",),
        sex="female", standardisation="life table", period="3-year pooled", coverage="districts, UAs, England",
        no_ci_reason="OHID publishes this SII with confidence limits, but the extract held here has neither the limits "
                     "nor a comparison with England",
    ),
    # ---------------------------------------------------------------- smoking
    Indicator(
        "smoking_adults", "Smoking prevalence (adults 18+)", "Smoking",
        "Percentage of adults aged 18+ who currently smoke (Annual Population Survey; Fingertips 92443).",
        "%", "proportion", "low_is_good", ("fingertips_92443_smoking_adults",), age="18+",
        publisher_comparison=True, period="annual, 2011 to 2024", coverage="districts, UAs, England",
        notes="Our extract has OHID's comparison with England but no limits (the annual ONS series, with 95% limits, "
              "is 'Cigarette smokers (annual)'); APS district estimates have wide intervals, so year-to-year changes "
              "are noisy.",
        core20plus5="Smoking cessation",
    ),
    Indicator(
        "smoking_routine_manual", "Smoking prevalence (routine and manual, 18-64)", "Smoking",
        "Percentage of adults aged 18-64 in routine and manual occupations who currently smoke (APS; Fingertips "
        "92445).",
        "%", "proportion", "low_is_good", ("fingertips_92445_smoking_routine_manual",), age="18-64",
        publisher_comparison=True, period="annual to 2019, then 3-year pooled for some areas",
        coverage="districts, UAs, England",
        notes="Some areas switch from annual to 3-year pooled periods after 2019: trends show only the periods of the "
              "latest kind, never single years and pooled periods on one line.",
        core20plus5="Smoking cessation",
    ),
    Indicator(
        "cigarette_smokers_5yr", "Cigarette smokers (5-year average)", "Smoking",
        "Percentage of adults 18+ who smoke cigarettes, 5-year average (APS; ONS, official statistics in "
        "development), with 95% CI.",
        "%", "proportion", "low_is_good", ("ons_els_cigarette_smokers",), ci_method="published",
        notes="Not comparable with the single-year Fingertips 92443 series.",
        core20plus5="Smoking cessation",
    ),
    # ---------------------------------------------------------------- other outcomes
    Indicator(
        "cancer_stage_1_2", "Cancers diagnosed at stage 1 or 2", "Other outcomes",
        "Percentage of new cancers (with known stage) diagnosed at stage 1 or 2 (PHOF 93671). NHS Long Term Plan "
        "ambition: 75% by 2028.",
        "%", "proportion", "high_is_good", ("ons_els_cancer_stage_1_2",), ci_method="published",
        core20plus5="Early cancer diagnosis",
    ),
    Indicator(
        "preventable_cvd_mortality", "Preventable CVD mortality (under 75)", "Other outcomes",
        "Directly age-standardised rate of deaths under 75 from cardiovascular disease considered preventable, per "
        "100,000 (PHOF 93722).",
        "per 100,000", "dsr", "low_is_good", ("ons_els_preventable_cvd_mortality",), ci_method="published",
        core20plus5="Hypertension case-finding (outcome)",
    ),
    Indicator(
        "dental_decay_5yo", "Tooth decay in 5-year-olds", "Other outcomes",
        "Percentage of 5-year-olds with experience of visually obvious dental decay (Fingertips 93563).",
        "%", "proportion", "low_is_good", ("fingertips_93563_dental_decay_5yo",), age="5",
        publisher_comparison=True, coverage="districts, counties, UAs, England",
        core20plus5="CYP oral health",
    ),
    Indicator(
        "health_checks_received", "NHS Health Checks received (cumulative)", "Other outcomes",
        "People aged 40-74 receiving an NHS Health Check, cumulative percentage of the eligible population since "
        "2021/22 Q1 (Fingertips 91112).",
        "%", "proportion", "high_is_good", ("fingertips_91112_health_checks",), age="40-74",
        publisher_comparison=True, coverage="UAs (incl. Lancashire county where published), England",
        notes="Upper-tier authorities and England only.",
        core20plus5="Hypertension case-finding",
    ),
    Indicator(
        "depression_prevalence_fingertips", "Depression: QOF prevalence (18+), by district", "Other outcomes",
        "Percentage of patients aged 18+ with depression recorded on practice registers, attributed to districts by "
        "OHID (Fingertips 848).",
        "%", "proportion", "no_judgement", ("fingertips_848_depression_prevalence",), age="18+",
        publisher_comparison=True, coverage="districts, UAs, England",
        notes="OHID compares this indicator with England at the 99.8% level ('Higher 99.8', 'Lower 99.8', "
              "'Similar'); that verdict is kept and labelled 'OHID comparison, 99.8%'.",
        core20plus5="Mental health",
    ),
    # ---------------------------------------------------------------- health index
    Indicator(
        "health_index_overall", "Health Index (overall)", "Health Index",
        "ONS Health Index for England overall score (England 2015 = 100; higher = healthier).",
        "index", "index", "high_is_good", ("ons_health_index_scores",),
    ),
    Indicator(
        "health_index_healthy_people", "Health Index: Healthy People", "Health Index",
        "ONS Health Index 'Healthy People' domain (health outcomes; England 2015 = 100).",
        "index", "index", "high_is_good", ("ons_health_index_scores",),
    ),
    Indicator(
        "health_index_healthy_lives", "Health Index: Healthy Lives", "Health Index",
        "ONS Health Index 'Healthy Lives' domain (behaviours and risk factors; England 2015 = 100).",
        "index", "index", "high_is_good", ("ons_health_index_scores",),
    ),
    Indicator(
        "health_index_healthy_places", "Health Index: Healthy Places", "Health Index",
        "ONS Health Index 'Healthy Places' domain (wider determinants; England 2015 = 100).",
        "index", "index", "high_is_good", ("ons_health_index_scores",),
    ),
) + tuple(_qof(code) for code in QOF_GROUPS)

# ---------------------------------------------------------------- health outcomes
_CENSUS_NOTE = ("Crude proportion from Census 2021 counts (each table's own total is the denominator), not age-"
                "standardised: areas with older populations report more bad health and more caring, so compare areas "
                "of different age structure with care. Wilson score interval, treating the census count as a sample "
                "from an underlying rate as Fingertips does. Census 2021 geography (2021 LSOAs): IMD 2025 vintage "
                "only.")
_FTN = ("fingertipsnext_healthdata_lsc",)
#: Tag of published proportions whose 95% limits OHID computes with the Wilson score method from the count and
#: denominator (checked on every row in tests/store/test_health_outcomes_data.py), so limits at 99.8% may be recomputed
#: here; others (e.g. children in low-income families, survey-weighted measures) use other methods and are not.
WILSON_PUBLISHED_TAG = "wilson_published"
_FTN_COVERAGE = ("England, ICB (where published), Lancashire county, BwD, Blackpool, Cumberland, Westmorland and "
                 "Furness, Lancashire districts, sub-ICBs (some), PCNs and practices (partial)")


def _ftn(id_: str, name: str, fingertips_id: str, definition: str, unit: str, value_type: ValueType,
         polarity: Polarity, *, age: str, sex: str = "persons", period: str, standardisation: str = "",
         notes: str = "", core20plus5: str = "", decimals: int = 1, wilson: bool = False) -> Indicator:
    return Indicator(
        id_, name, "Health outcomes and services (OHID Fingertips)", f"{definition} (Fingertips {fingertips_id}).",
        unit, value_type, polarity, _FTN, ci_method="published",
        notes=("Value, count, denominator and 95% limits as published by OHID. " + notes).strip(),
        core20plus5=core20plus5, decimals=decimals, age=age, sex=sex, period=period, coverage=_FTN_COVERAGE,
        standardisation=standardisation, tags=(WILSON_PUBLISHED_TAG,) if wilson else (),
    )


HEALTH_OUTCOMES: tuple[Indicator, ...] = (
    Indicator(
        "census_bad_health", "Bad or very bad health (Census 2021)", "Health outcomes (Census 2021)",
        "Percentage of usual residents who described their general health as bad or very bad (Census 2021 TS037).",
        "%", "proportion", "low_is_good", ("census2021_ts037_general_health_lsoa21",), ci_method="wilson",
        notes=_CENSUS_NOTE, period="Census day 2021",
        coverage="LSOA 2021, ward, district, place, sub-ICB, ICB, England",
        standardisation="crude", tags=("lsoa",),
    ),
    Indicator(
        "census_unpaid_care", "Provides unpaid care (Census 2021)", "Health outcomes (Census 2021)",
        "Percentage of usual residents aged 5+ who provide any unpaid care (Census 2021 TS039: total aged 5+ minus "
        "those providing none).",
        "%", "proportion", "no_judgement", ("census2021_ts039_unpaid_care_lsoa21",), ci_method="wilson",
        notes=_CENSUS_NOTE, age="5+", period="Census day 2021",
        coverage="LSOA 2021, ward, district, place, sub-ICB, ICB, England", standardisation="crude",
        core20plus5="PLUS (carers)", tags=("lsoa",),
    ),
    Indicator(
        "census_unpaid_care_50h", "Provides 50+ hours unpaid care a week (Census 2021)",
        "Health outcomes (Census 2021)",
        "Percentage of usual residents aged 5+ who provide 50 or more hours of unpaid care a week (Census 2021 TS039).",
        "%", "proportion", "low_is_good", ("census2021_ts039_unpaid_care_lsoa21",), ci_method="wilson",
        notes=_CENSUS_NOTE, age="5+", period="Census day 2021",
        coverage="LSOA 2021, ward, district, place, sub-ICB, ICB, England", standardisation="crude", decimals=2,
        core20plus5="PLUS (carers)", tags=("lsoa",),
    ),
    Indicator(
        "census_household_deprived", "Households deprived in 1+ dimensions (Census 2021)",
        "Health outcomes (Census 2021)",
        "Percentage of households deprived in at least one of four dimensions: education, employment, health and "
        "disability, housing (Census 2021 TS011). A Census measure of deprivation, from counts (unlike IMD scores).",
        "%", "proportion", "low_is_good", ("census2021_ts011_household_deprivation_lsoa21",), ci_method="wilson",
        notes=_CENSUS_NOTE.replace("usual residents", "households").replace("more bad health and more caring",
                                                                            "different household make-ups"),
        period="Census day 2021", coverage="LSOA 2021, ward, district, place, sub-ICB, ICB, England",
        standardisation="crude", age="households", sex="households", tags=("lsoa",),
    ),
    Indicator(
        "census_household_deprived_2plus", "Households deprived in 2+ dimensions (Census 2021)",
        "Health outcomes (Census 2021)",
        "Percentage of households deprived in two or more of the four Census dimensions (Census 2021 TS011).",
        "%", "proportion", "low_is_good", ("census2021_ts011_household_deprivation_lsoa21",), ci_method="wilson",
        notes=_CENSUS_NOTE, period="Census day 2021",
        coverage="LSOA 2021, ward, district, place, sub-ICB, ICB, England",
        standardisation="crude", age="households", sex="households", tags=("lsoa",),
    ),
    Indicator(
        "modelled_ckd_prevalence", "CKD (18+) prevalence, modelled by LSOA", "Modelled small-area prevalence",
        "MODELLED: QOF chronic kidney disease (stages 3a-5) recorded prevalence of each LSOA's registered patients, "
        "from their practices' registers weighted by where each practice's patients live (Fingertips 258 with NHS "
        "Digital registrations by LSOA). Larger areas: population-weighted mean (ONS mid-2020).",
        "%", "proportion", "no_judgement", ("modelled_qof_ckd_stroke_lsoa11",), decimals=2, age="18+",
        notes="Modelled, not observed: it inherits practice recording differences, uses all-age registrations for an "
              "18+ register, and has no counts, so no interval and no significance test. LSOA 2011 geography: shown "
              "with the IMD 2019 vintage. Crude recorded prevalence, not age-standardised.",
        no_ci_reason="a modelled estimate (practice registers apportioned to LSOAs), with no counts, so no interval",
        period="QOF 2014/15 to 2021/22", coverage="LSOA 2011, ward, district, place, sub-ICB, ICB, England",
        standardisation="crude", licence="MIT (modelled outputs); inputs OGL v3.0", tags=("lsoa",),
    ),
    Indicator(
        "modelled_stroke_prevalence", "Stroke/TIA prevalence, modelled by LSOA", "Modelled small-area prevalence",
        "MODELLED: QOF stroke and TIA recorded prevalence (all ages), mean of 2019/20-2021/22, apportioned from "
        "practice registers to LSOAs by where patients live (Fingertips 212). Larger areas: population-weighted mean.",
        "%", "proportion", "no_judgement", ("modelled_qof_ckd_stroke_lsoa11",), decimals=2,
        notes="Modelled, not observed: no counts, so no interval and no significance test. LSOA 2011 geography (IMD "
              "2019 vintage). Crude recorded prevalence, not age-standardised.",
        no_ci_reason="a modelled estimate (practice registers apportioned to LSOAs), with no counts, so no interval",
        period="3-year average 2019/20 - 21/22", coverage="LSOA 2011, ward, district, place, sub-ICB, ICB, England",
        standardisation="crude", licence="MIT (modelled outputs); inputs OGL v3.0", tags=("lsoa",),
    ),
    Indicator(
        "cigarette_smokers_annual", "Cigarette smokers (annual, APS)", "Smoking",
        "Percentage of adults 18+ who smoke cigarettes, single calendar years (ONS Annual Population Survey), with "
        "95% confidence limits as published by ONS.",
        "%", "proportion", "low_is_good", ("ons_els_cigarette_smokers_annual",), ci_method="published", age="18+",
        notes="Published for counties (incl. Lancashire), districts and UAs. ONS re-weighted 2023 after this file was "
              "made, so 2023 can differ slightly from Fingertips 92443.",
        period="annual, 2012 to 2023", coverage="districts, counties, UAs, regions, England",
        core20plus5="Smoking cessation",
    ),
    Indicator(
        "adult_obesity", "Adult obesity (18+)", "Other outcomes",
        "Percentage of adults 18+ classified as obese (BMI 30+ from self-reported height and weight, adjusted), Sport "
        "England Active Lives survey, with 95% confidence limits as published.",
        "%", "proportion", "low_is_good", ("ons_els_adult_obesity",), ci_method="published", age="18+",
        notes="A survey estimate with wide intervals for small districts; Active Lives years run November to "
              "November (2023/24 = Nov 2023 to Nov 2024).",
        period="Active Lives years 2015/16 to 2023/24", coverage="districts, counties, UAs, regions, England",
    ),
    Indicator(
        "reception_excess_weight", "Child excess weight: Reception (4-5)", "Other outcomes",
        "Percentage of children in Reception (age 4-5) measured as overweight or obese (BMI at or above the 85th "
        "centile of the UK90 reference), National Child Measurement Programme, with 95% limits as published.",
        "%", "proportion", "low_is_good", ("ons_els_reception_excess_weight",), ci_method="published", age="4-5",
        notes="School years; the last year held is 2021/22 (later years not in the file held).",
        period="school years 2006/07 to 2021/22", coverage="districts, counties, UAs, regions, England",
    ),
    Indicator(
        "year6_excess_weight", "Child excess weight: Year 6 (10-11)", "Other outcomes",
        "Percentage of children in Year 6 (age 10-11) measured as overweight or obese (BMI at or above the 85th "
        "centile of the UK90 reference), National Child Measurement Programme, with 95% limits as published.",
        "%", "proportion", "low_is_good", ("ons_els_year6_excess_weight",), ci_method="published", age="10-11",
        notes="School years; the last year held is 2021/22 (later years not in the file held).",
        period="school years 2006/07 to 2021/22", coverage="districts, counties, UAs, regions, England",
    ),
    Indicator(
        "smoking_qof_15plus", "Smoking recorded by GPs (15+, QOF)", "Smoking",
        "Percentage of patients aged 15+ recorded as current smokers in GP records (QOF), OHID Fingertips 91547: count "
        "of current smokers over patients 15+ with a recorded status.",
        "%", "proportion", "low_is_good", ("fingertips_91547_smoking_qof_15plus",), ci_method="published", age="15+",
        notes="Recorded smoking depends on how often practices ask and record; it is not a survey estimate. Practices "
              "of the ICB: 2022/23 with OHID's 95% limits, 2023/24 without (Wilson limits computed here from the "
              "count and denominator, labelled); PCNs summed here from their practices only where every practice "
              "has a value. Local authorities 2013/14 to 2022/23 as published.",
        period="financial years 2013/14 to 2023/24", coverage="GP practices and PCNs of ICB QE1, Lancashire and "
        "South Cumbria local authorities, England (and England by deprivation decile)",
        publisher_comparison=True, core20plus5="Smoking cessation",
        # OHID's published limits are Wilson score limits (all 451 rows with counts agree to 5e-6 points)
        tags=(WILSON_PUBLISHED_TAG,),
    ),
    _ftn("smoking_at_delivery", "Smoking at time of delivery", "93085",
         "Percentage of women known to be smokers at the time of delivery, of all maternities with known status",
         "%", "proportion", "low_is_good", age="all ages (maternities)", sex="female",
         period="financial years 2018/19 to 2023/24",
         core20plus5="Smoking cessation (maternity)", wilson=True),
    _ftn("breast_screening_53_70", "Breast screening coverage (53-70)", "94063",
         "Percentage of eligible women aged 53-70 screened adequately for breast cancer in the previous 36 months",
         "%", "proportion", "high_is_good", age="53-70", sex="female", period="2022/23 to 2023/24",
         core20plus5="Early cancer diagnosis", wilson=True),
    _ftn("falls_admissions_65plus", "Emergency admissions for falls (65+)", "22401",
         "Emergency hospital admissions due to falls in people aged 65 and over, directly age-standardised rate per "
         "100,000", "per 100,000", "dsr", "low_is_good", age="65+", period="financial years 2018/19 to 2023/24"),
    _ftn("emergency_readmissions_30d", "Emergency readmissions within 30 days", "41101",
         "Emergency readmissions within 30 days of discharge from hospital, indirectly standardised percentage",
         "%", "proportion", "low_is_good", age="all ages", period="financial years 2018/19 to 2023/24",
         standardisation="indirectly standardised"),
    _ftn("alcohol_related_mortality", "Alcohol-related mortality", "93763",
         "Deaths from alcohol-related conditions, directly age-standardised rate per 100,000", "per 100,000", "dsr",
         "low_is_good", age="all ages", period="calendar years 2018 to 2023"),
    _ftn("physically_inactive_adults", "Physically inactive adults (19+)", "93015",
         "Percentage of adults doing less than 30 minutes of moderate activity a week (Sport England Active Lives)",
         "%", "proportion", "low_is_good", age="19+", period="2018/19 to 2022/23 (Active Lives years)",
         notes="Survey-weighted: counts are not published, so intervals are OHID's."),
    _ftn("adult_overweight", "Overweight or obese adults (18+)", "93088",
         "Percentage of adults classified as overweight or obese (BMI 25+, Active Lives)", "%", "proportion",
         "low_is_good", age="18+", period="2018/19 to 2022/23 (Active Lives years)"),
    _ftn("reception_obesity_5yr", "Obesity in Reception (5 years combined)", "92026",
         "Percentage of Reception children (4-5) with obesity including severe obesity, 5 years combined (NCMP)",
         "%", "proportion", "low_is_good", age="4-5", period="5 years combined, 2018/19 - 22/23 and 2019/20 - 23/24",
         core20plus5="CYP (context)"),
    _ftn("year6_obesity_5yr", "Obesity in Year 6 (5 years combined)", "92033",
         "Percentage of Year 6 children (10-11) with obesity including severe obesity, 5 years combined (NCMP)",
         "%", "proportion", "low_is_good", age="10-11", period="5 years combined, 2018/19 - 22/23 and 2019/20 - 23/24",
         core20plus5="CYP (context)"),
    _ftn("children_absolute_low_income", "Children in absolute low-income families (<16)", "93701",
         "Percentage of children under 16 living in absolute low-income families", "%", "proportion", "low_is_good",
         age="<16", period="financial years 2018/19 to 2022/23", core20plus5="Core20 (context)"),
    _ftn("under18_conceptions", "Under-18 conceptions", "20401",
         "Conceptions in women aged under 18, crude rate per 1,000 women aged 15-17", "per 1,000", "rate",
         "low_is_good", age="<18", sex="female", period="calendar years 2018 to 2021"),
    _ftn("alcohol_admissions_under18", "Alcohol-specific admissions (under 18)", "92904",
         "Admission episodes for alcohol-specific conditions in under-18s, crude rate per 100,000, 3 years pooled",
         "per 100,000", "rate", "low_is_good", age="<18", period="3 years pooled, 2018/19 - 20/21 to 2021/22 - 23/24"),
    _ftn("deaths_in_hospital", "Deaths in hospital", "93474",
         "Percentage of all deaths that occur in hospital", "%", "proportion", "no_judgement", age="all ages",
         period="calendar years 2018 to 2023"),
    _ftn("diabetes_qof_fingertips", "Diabetes (17+): QOF prevalence, OHID", "241",
         "Percentage of patients aged 17+ on practice diabetes registers, as published by OHID for practices, "
         "sub-ICBs, ICBs and (attributed) local authorities", "%", "proportion", "no_judgement", age="17+",
         period="financial years 2018/19 to 2023/24", decimals=2,
         notes="Recorded prevalence reflects case-finding as well as disease; crude, not age-standardised.",
         core20plus5="CYP diabetes (adult register only)", wilson=True),
    _ftn("dementia_qof_fingertips", "Dementia: QOF prevalence, OHID", "247",
         "Percentage of registered patients (all ages) on practice dementia registers, as published by OHID",
         "%", "proportion", "no_judgement", age="all ages", period="financial years 2018/19 to 2023/24", decimals=2,
         notes="Crude recorded prevalence: areas with older populations have more dementia; not age-standardised.",
         wilson=True),

)

#: Series that answer one question: topic -> {indicator id: (headline?, what it is or how it differs from the
#: headline: publication, definition, age band, single or pooled years)}. The headline is the measure quoted first
#: for the question; lsc_phm.domain.topics writes the sentence shown wherever two of them appear together.
TOPICS: dict[str, dict[str, tuple[bool, str]]] = {
    "adult smoking": {
        "smoking_adults": (True, "OHID's APS series (Fingertips 92443), adults 18+, single years to 2024"),
        "cigarette_smokers_annual": (False, "ONS's own release of the same survey, cigarette smokers 18+, to 2023, "
                                            "re-weighted by ONS"),
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
        "depression_prevalence_fingertips": (False, "OHID's release of the same registers by district (Fingertips "
                                                    "848)"),
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
VACCINATION_TARGET = 95.0
_COVER_NOTE = ("Numerator and denominator as published by UKHSA (COVER, Table 10), Wilson 95% limits computed here. "
               "COVER reports upper-tier authorities of the 2021 geography: Cumbria is the former county (it includes "
               "North Cumbria, outside ICB QE1), not South Cumbria. England is the sum of the 151 authorities, which "
               "reproduces UKHSA's published England figure. Target: 95% (WHO European Region; NHS England routine "
               "childhood immunisation programme).")
_COVER_PERIOD = "Q4 2024-25 (evaluated January to March 2025)"
_COVER_COVERAGE = "upper-tier local authorities (2021 geography, as COVER reports them), places that are one, England"

DELIVERY: tuple[Indicator, ...] = (
    Indicator(
        "smi_health_checks", "SMI: all six physical health checks", "Core20PLUS5 delivery (NHS England)",
        "Percentage of people on the GP severe mental illness register who received all six physical health checks "
        "(alcohol, blood glucose, blood lipids, blood pressure, BMI, smoking) in the 12 months to the end of the "
        "quarter (NHS England, SMI physical health checks: All6PHC / SMIRegister).",
        "%", "proportion", "high_is_good", ("smi_physical_health_checks_subicb",), ci_method="wilson",
        notes="Experimental statistics (the SDCS collection; submissions were incomplete in early years). Counts as "
              "published by sub-ICB location (CCG to 2021-22), summed here for places whose sub-ICB locations nest "
              "in them, for the ICB and for England, with Wilson 95% limits computed here. NHS England later revised "
              "Q1 2023-24 for the Lancashire and South Cumbria sub-ICB locations (an extract error): which version "
              "is held is not known, so that quarter carries a caution. Each quarter covers the 12 months to its "
              "end, so consecutive quarters overlap. Retired after Q4 2023-24 (later quarters are the PHSMI official "
              "statistics, not held here).",
        core20plus5="Severe mental illness", age="all ages (SMI register)",
        period="quarterly, 12 months to Q3 2018-19 ... Q4 2023-24",
        coverage="sub-ICB locations (CCGs before 2022, mapped by code), places where sub-ICBs nest, ICBs, England",
        tags=("core20plus5_delivery",),
    ),
    Indicator(
        "vacc_dtap_ipv_hib_hepb_12m", "Vaccination: 12-month primary course (DTaP/IPV/Hib/HepB3)", "Vaccination",
        "Percentage of children reaching their first birthday in the quarter who completed three doses of the "
        "DTaP/IPV/Hib/HepB (6-in-1) vaccine (UKHSA COVER).",
        "%", "proportion", "high_is_good", ("cover_2024_25_q4_utla",), ci_method="wilson", notes=_COVER_NOTE,
        age="12 months", period=_COVER_PERIOD, coverage=_COVER_COVERAGE, tags=("vaccination",),
    ),
    Indicator(
        "vacc_mmr1_24m", "Vaccination: MMR1 at 24 months", "Vaccination",
        "Percentage of children reaching their second birthday in the quarter who had one dose of MMR (UKHSA COVER).",
        "%", "proportion", "high_is_good", ("cover_2024_25_q4_utla",), ci_method="wilson", notes=_COVER_NOTE,
        age="24 months", period=_COVER_PERIOD, coverage=_COVER_COVERAGE, tags=("vaccination",),
    ),
    Indicator(
        "vacc_mmr2_5y", "Vaccination: MMR2 at 5 years", "Vaccination",
        "Percentage of children reaching their fifth birthday in the quarter who had two doses of MMR (UKHSA COVER).",
        "%", "proportion", "high_is_good", ("cover_2024_25_q4_utla",), ci_method="wilson", notes=_COVER_NOTE,
        age="5 years", period=_COVER_PERIOD, coverage=_COVER_COVERAGE, tags=("vaccination",),
    ),
)

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
