"""The indicator registry: every indicator the app shows is defined here once.

Each :class:`Indicator` carries what an analyst needs to read a number correctly: its definition, unit, value
type, polarity (whether high is good), source data sets and the confidence-interval method that applies. Which
periods and geography levels exist is read from the built database (``mart_indicator_values``), so the registry
never claims data that is not there.

The entries are declared in groups: an area's context (deprivation, population) in :mod:`lsc_phm.indicators_context`,
life expectancy, smoking, other outcomes and the Health Index here, QOF recorded prevalence in
:mod:`lsc_phm.indicators_qof`, and indicators published with their counts and limits in
:mod:`lsc_phm.indicators_published`. This module assembles them into :data:`REGISTRY`, names the topics measured by
more than one indicator (:data:`TOPICS`) and looks indicators up.

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
from lsc_phm.indicators_context import CONTEXT
from lsc_phm.indicators_published import DELIVERY, HEALTH_OUTCOMES, VACCINATION_TARGET, WILSON_PUBLISHED_TAG
from lsc_phm.indicators_qof import QOF, QOF_GROUPS

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


#: Life expectancy, smoking, other outcomes and the ONS Health Index.
_OUTCOMES: tuple[Indicator, ...] = (
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
)
REGISTRY: tuple[Indicator, ...] = CONTEXT + _OUTCOMES + QOF


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
