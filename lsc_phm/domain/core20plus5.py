"""The Core20PLUS5 clinical-area registry: the 5 adult and 5 children's clinical areas (and smoking cessation, which
cuts across them), each with the indicators loaded here, the adult measures shown only as a proxy for a children's
area, and the best openly published measure that is not loaded here (publisher, level, link).

This module is the one source of truth for each area's status, which every view, export and page reads:

* ``indicators loaded``: at least one indicator held here measures the area itself;
* ``published, not loaded here``: someone publishes a measure openly (named, with its level and link), but no
  indicator held here measures the area (an adult register shown as a proxy does not count);
* ``no open data``: nobody publishes a measure openly (only where that is true).

References
----------
.. [1] NHS England. Core20PLUS5: an approach to reducing healthcare inequalities (adults, 2021).
   https://www.england.nhs.uk/about/equality/equality-hub/national-healthcare-inequalities-improvement-programme/core20plus5/
.. [2] NHS England. Core20PLUS5: an approach to reducing health inequalities for children and young people (2022).
   https://www.england.nhs.uk/about/equality/equality-hub/national-healthcare-inequalities-improvement-programme/core20plus5/core20plus5-cyp/
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from lsc_phm import indicators

Status = Literal["indicators loaded", "published, not loaded here", "no open data"]
LOADED: Status = "indicators loaded"
PUBLISHED_NOT_LOADED: Status = "published, not loaded here"
NO_OPEN_DATA: Status = "no open data"

ADULTS = "Adults"
CHILDREN = "Children and young people"
CROSS_CUTTING = "Smoking cessation (cross-cutting)"
#: Group order on every screen and export: the 5 adult areas, then the 5 children's, then smoking cessation.
GROUPS: tuple[str, ...] = (ADULTS, CHILDREN, CROSS_CUTTING)
#: Label of an adult measure shown under a children's area, in the grid itself and in exports.
ADULT_PROXY = "adult proxy"
#: The programme's 2028 ambition for early cancer diagnosis (percentage at stage 1 or 2; NHS Long Term Plan, 2019).
CANCER_STAGE_AMBITION = 75.0

_FINGERTIPS_CHILD = "https://fingertips.phe.org.uk/profile/child-health-profiles"
_QOF = (
    "https://digital.nhs.uk/data-and-information/publications/statistical/"
    "quality-and-outcomes-framework-achievement-prevalence-and-exceptions-data"
)


@dataclass(frozen=True)
class PublishedMeasure:
    """A measure someone publishes openly that is not loaded here."""

    measure: str
    publisher: str
    level: str
    url: str


@dataclass(frozen=True)
class ClinicalArea:
    """One Core20PLUS5 clinical area.

    Attributes
    ----------
    key, title, group : str
        Identifier, name on screen, and one of :data:`GROUPS`.
    indicator_ids : tuple of str
        Indicators loaded here that measure the area.
    proxy_ids : tuple of str
        Adult indicators shown under a children's area as context, labelled :data:`ADULT_PROXY`.
    reading : str
        How to read the loaded indicators.
    published : tuple of PublishedMeasure
        The best openly published measures not loaded here, best first.
    not_published : str
        What nobody publishes openly (only where that is known).
    """

    key: str
    title: str
    group: str
    indicator_ids: tuple[str, ...] = field(default_factory=tuple)
    proxy_ids: tuple[str, ...] = field(default_factory=tuple)
    reading: str = ""
    published: tuple[PublishedMeasure, ...] = field(default_factory=tuple)
    not_published: str = ""

    @property
    def status(self) -> Status:
        """The area's status (module docstring)."""
        if self.indicator_ids:
            return LOADED
        return PUBLISHED_NOT_LOADED if self.published else NO_OPEN_DATA

    @property
    def status_text(self) -> str:
        """The status with the best published measure where it applies, e.g. "published, not loaded here: National
        Paediatric Diabetes Audit (RCPCH), by paediatric diabetes unit"."""
        if self.status == PUBLISHED_NOT_LOADED:
            best = self.published[0]
            return f"{PUBLISHED_NOT_LOADED}: {best.measure} ({best.publisher}), by {best.level}"
        if self.status == NO_OPEN_DATA:
            return f"{NO_OPEN_DATA}: {self.not_published}" if self.not_published else NO_OPEN_DATA
        return LOADED


CLINICAL_AREAS: tuple[ClinicalArea, ...] = (
    ClinicalArea(
        "maternity",
        "Maternity",
        ADULTS,
        ("smoking_at_delivery",),
        reading="Smoking at time of delivery (OHID Fingertips 93085): counts of maternities with 95% intervals and "
        "OHID's recent trend; a maternity risk factor, not a measure of continuity of carer.",
        published=(
            PublishedMeasure(
                "Continuity of carer, preterm births and outcomes by ethnicity and deprivation "
                "(Maternity Services Data Set)",
                "NHS England",
                "provider and sub-ICB location",
                "https://digital.nhs.uk/data-and-information/publications/statistical/"
                "maternity-services-monthly-statistics",
            ),
        ),
    ),
    ClinicalArea(
        "smi",
        "Severe mental illness",
        ADULTS,
        ("smi_health_checks", "qof_mh"),
        reading="Annual physical health checks for people on the SMI register (NHS England, all six checks; "
        "experimental statistics, to Q4 2023-24), and the QOF SMI register as recorded prevalence.",
        published=(
            PublishedMeasure(
                "Physical health checks for people with SMI from Q1 2024-25 (PHSMI official "
                "statistics, which replaced the collection held here)",
                "NHS England",
                "sub-ICB location and ICB",
                "https://www.england.nhs.uk/statistics/statistical-work-areas/serious-mental-illness-smi/",
            ),
        ),
    ),
    ClinicalArea(
        "respiratory",
        "Chronic respiratory disease",
        ADULTS,
        ("qof_copd", "qof_ast"),
        reading="QOF COPD and asthma (6+) registers as recorded prevalence.",
        published=(
            PublishedMeasure(
                "Flu vaccine uptake in people with chronic respiratory disease",
                "UKHSA",
                "GP practice and ICB",
                "https://www.gov.uk/government/collections/vaccine-uptake",
            ),
            PublishedMeasure(
                "Emergency admissions for COPD and asthma (Inhale profile)",
                "OHID Fingertips",
                "local authority",
                "https://fingertips.phe.org.uk/profile/inhale",
            ),
        ),
    ),
    ClinicalArea(
        "cancer",
        "Early cancer diagnosis",
        ADULTS,
        ("cancer_stage_1_2", "breast_screening_53_70"),
        reading=f"Percentage of cancers diagnosed at stage 1 or 2 (PHOF 93671); the NHS ambition is "
        f"{CANCER_STAGE_AMBITION:.0f}% by 2028. Breast screening coverage (OHID 94063), with counts.",
        published=(
            PublishedMeasure(
                "Stage at diagnosis by deprivation quintile and sub-ICB location (Rapid Cancer Registration Data)",
                "NHS England National Disease Registration Service",
                "ICB and sub-ICB location",
                "https://digital.nhs.uk/ndrs/data/data-outputs/cancer-data-hub",
            ),
        ),
    ),
    ClinicalArea(
        "hypertension",
        "Hypertension case-finding",
        ADULTS,
        ("qof_hyp", "preventable_cvd_mortality", "health_checks_received"),
        reading="QOF hypertension register (case-finding), preventable CVD mortality under 75 (outcome) and NHS "
        "Health Checks received; CVDPREVENT's England gradient by deprivation is national context.",
        published=(
            PublishedMeasure(
                "Hypertension treated to target (CVDP007HYP) by deprivation",
                "NHS England / OHID CVDPREVENT",
                "GP practice, PCN, sub-ICB location and ICB",
                "https://www.cvdprevent.nhs.uk/data-explorer",
            ),
            PublishedMeasure(
                "QOF blood pressure control achievement (HYP008, HYP009)", "NHS England (QOF)", "GP practice", _QOF
            ),
        ),
    ),
    ClinicalArea(
        "cyp_asthma",
        "Asthma",
        CHILDREN,
        proxy_ids=("qof_ast",),
        reading="The QOF asthma register counts ages 6+ together: an adult proxy, not a children's measure.",
        published=(
            PublishedMeasure(
                "Hospital admissions for asthma, under 19 (Fingertips 90810)",
                "OHID Fingertips",
                "local authority",
                _FINGERTIPS_CHILD,
            ),
        ),
    ),
    ClinicalArea(
        "cyp_diabetes",
        "Diabetes",
        CHILDREN,
        proxy_ids=("qof_dm",),
        reading="The QOF diabetes register covers ages 17+ only: an adult proxy, not a children's measure.",
        published=(
            PublishedMeasure(
                "HbA1c checks and real-time continuous glucose monitors by deprivation and ethnicity "
                "(National Paediatric Diabetes Audit)",
                "RCPCH",
                "paediatric diabetes unit and ICB",
                "https://www.rcpch.ac.uk/work-we-do/clinical-audits/npda",
            ),
        ),
    ),
    ClinicalArea(
        "cyp_epilepsy",
        "Epilepsy",
        CHILDREN,
        proxy_ids=("qof_ep",),
        reading="The QOF epilepsy register covers ages 18+ only: an adult proxy, not a children's measure.",
        published=(
            PublishedMeasure(
                "Access to epilepsy specialist nurses and tertiary care (Epilepsy12 audit)",
                "RCPCH",
                "NHS trust and ICB",
                "https://www.rcpch.ac.uk/work-we-do/clinical-audits/epilepsy12",
            ),
        ),
    ),
    ClinicalArea(
        "cyp_oral",
        "Oral health",
        CHILDREN,
        ("dental_decay_5yo",),
        reading="Tooth decay in 5-year-olds (National Dental Epidemiology Programme, Fingertips 93563).",
        published=(
            PublishedMeasure(
                "Hospital tooth extractions for decay, 0 to 19",
                "OHID",
                "local authority",
                "https://www.gov.uk/government/collections/hospital-tooth-extractions-in-0-to-19-year-olds",
            ),
        ),
    ),
    ClinicalArea(
        "cyp_mental",
        "Mental health",
        CHILDREN,
        proxy_ids=("qof_dep",),
        reading="The QOF depression register covers ages 18+ only: an adult proxy, not a children's measure.",
        published=(
            PublishedMeasure(
                "Children and young people with at least one contact with NHS-funded mental health "
                "services (Mental Health Services Data Set)",
                "NHS England",
                "provider, sub-ICB location and ICB",
                "https://digital.nhs.uk/data-and-information/publications/statistical/"
                "mental-health-services-monthly-statistics",
            ),
        ),
    ),
    ClinicalArea(
        "smoking",
        "Smoking cessation",
        CROSS_CUTTING,
        ("smoking_adults", "smoking_routine_manual", "cigarette_smokers_5yr"),
        reading="Adult smoking prevalence (APS) and routine and manual smokers, by district (smoking at time of "
        "delivery is under Maternity).",
        published=(
            PublishedMeasure(
                "Smokers setting a quit date and quit at 4 weeks (NHS Stop Smoking Services)",
                "NHS England",
                "local authority",
                "https://digital.nhs.uk/data-and-information/publications/statistical/"
                "statistics-on-nhs-stop-smoking-services-in-england",
            ),
        ),
    ),
)

#: The indicators of the "Vaccination" theme, shown apart from the clinical areas (the programme does not name
#: childhood vaccination among the five children's areas).
VACCINATION_IDS: tuple[str, ...] = tuple(i.id for i in indicators.REGISTRY if i.theme == "Vaccination")


def clinical_area(key: str) -> ClinicalArea:
    """Return a clinical area by key.

    Raises
    ------
    ValueError
        Naming the valid keys.
    """
    for area in CLINICAL_AREAS:
        if area.key == key:
            return area
    raise ValueError(f"unknown clinical area '{key}'; use one of {', '.join(a.key for a in CLINICAL_AREAS)}")


STATUS_COLUMNS: tuple[str, ...] = (
    "group",
    "clinical_area",
    "status",
    "indicators_loaded",
    "adult_proxies",
    "published_measure",
    "publisher",
    "published_level",
    "link",
)


def status_table() -> pd.DataFrame:
    """Every clinical area with its status, for the Data and methods page and its export.

    Returns
    -------
    pandas.DataFrame
        :data:`STATUS_COLUMNS`, one row per area in :data:`GROUPS` order; ``published_*`` and ``link`` describe the
        best published measure not loaded here (blank where none is named); indicator names as in the registry.

    Examples
    --------
    >>> table = status_table()
    >>> table.loc[table["clinical_area"] == "Diabetes", "status"].iloc[0]
    'published, not loaded here'
    """
    rows = []
    for area in sorted(CLINICAL_AREAS, key=lambda a: GROUPS.index(a.group)):
        best = area.published[0] if area.published else None
        rows.append(
            {
                "group": area.group,
                "clinical_area": area.title,
                "status": area.status,
                "indicators_loaded": "; ".join(indicators.get(i).name for i in area.indicator_ids),
                "adult_proxies": "; ".join(indicators.get(i).name for i in area.proxy_ids),
                "published_measure": best.measure if best else "",
                "publisher": best.publisher if best else "",
                "published_level": best.level if best else "",
                "link": best.url if best else "",
            }
        )
    return pd.DataFrame(rows, columns=list(STATUS_COLUMNS))
