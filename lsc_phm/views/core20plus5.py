"""Page data for the Core20PLUS5 page: Core20 population shares, PLUS groups, the 5 clinical areas and a scorecard.

* **Core20**: the percentage of people living in LSOAs in national IMD deciles 1-2
  (:func:`lsc_phm.domain.deprivation.summaries`), for the ICB, its places, districts and wards, in IMD 2019 and
  IMD 2025.
* **PLUS**: Census 2021 ethnic group and disability (2021 LSOAs, so IMD 2025 geography) and age shares.
* **5 adult + 5 children's clinical areas and smoking cessation**: the best open indicator for each, or a clear
  statement of what is missing. Nothing is estimated where no open data exists.

References
----------
.. [1] NHS England. Core20PLUS5: an approach to reducing healthcare inequalities (adults, 2021; children and young
   people, 2022). https://www.england.nhs.uk/about/equality/equality-hub/national-healthcare-inequalities-improvement-programme/core20plus5/
.. [2] NHS Long Term Plan (2019): 75% of cancers diagnosed at stage 1 or 2 by 2028.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain import benchmarking, comparators, deprivation, geography, indicator_data
from lsc_phm.domain.geography import Icb
from lsc_phm.store.db import Database

#: NHS Long Term Plan ambition for early cancer diagnosis (percentage diagnosed at stage 1 or 2 by 2028).
CANCER_STAGE_AMBITION = 75.0
CORE20_WARD_THRESHOLD = 50.0
PLUS_INDICATORS: tuple[str, ...] = ("pct_ethnic_minority", "pct_disabled", "pct_aged_65_plus", "pct_aged_0_15")


@dataclass(frozen=True)
class ClinicalArea:
    """One Core20PLUS5 clinical area, the open indicators that speak to it and what is still missing."""

    key: str
    title: str
    group: str
    indicator_ids: tuple[str, ...] = field(default_factory=tuple)
    reading: str = ""
    missing: str = ""


CLINICAL_AREAS: tuple[ClinicalArea, ...] = (
    ClinicalArea("maternity", "Maternity", "Adults", ("smoking_at_delivery",),
                 "Smoking at time of delivery (OHID Fingertips 93085): counts of maternities with 95% intervals, and "
                 "OHID's recent trend; a maternity risk factor, not a measure of continuity of carer.",
                 "Continuity of carer for Black, Asian and minority ethnic and deprived women; preterm births and low "
                 "birth weight by ethnicity and deprivation (Maternity Services Data Set)."),
    ClinicalArea("smi", "Severe mental illness", "Adults", ("qof_mh",),
                 "QOF SMI register (schizophrenia, bipolar disorder, other psychoses) as recorded prevalence.",
                 "Annual physical health checks for people with SMI (NHS England SMI physical health check "
                 "statistics or QOF MH achievement indicators)."),
    ClinicalArea("respiratory", "Chronic respiratory disease", "Adults", ("qof_copd", "qof_ast"),
                 "QOF COPD and asthma (6+) registers.",
                 "COVID-19, flu and pneumococcal vaccine uptake for people with COPD; respiratory emergency "
                 "admissions by deprivation."),
    ClinicalArea("cancer", "Early cancer diagnosis", "Adults", ("cancer_stage_1_2", "breast_screening_53_70"),
                 f"Percentage of cancers diagnosed at stage 1 or 2 (PHOF 93671); the NHS ambition is "
                 f"{CANCER_STAGE_AMBITION:.0f}% by 2028. Breast screening coverage (OHID 94063), with counts.",
                 "Stage at diagnosis by deprivation quintile and by sub-ICB (National Disease Registration Service "
                 "Rapid Cancer Registration Data)."),
    ClinicalArea("hypertension", "Hypertension case-finding", "Adults",
                 ("qof_hyp", "preventable_cvd_mortality", "health_checks_received"),
                 "QOF hypertension register (case-finding), preventable CVD mortality under 75 (outcome) and NHS "
                 "Health Checks received.",
                 "Hypertension treated to target (CVDPREVENT, QOF HYP008/HYP009 achievement) and lipid optimal "
                 "management."),
    ClinicalArea("cyp_asthma", "Children: asthma", "Children and young people", ("qof_ast",),
                 "QOF asthma register covers ages 6+ (all ages together): not a children's measure.",
                 "Children's asthma: over-reliance on reliever medication, annual asthma reviews, emergency "
                 "admissions for asthma under 19 (Fingertips 90810)."),
    ClinicalArea("cyp_diabetes", "Children: diabetes", "Children and young people", ("qof_dm",),
                 "QOF diabetes register covers ages 17+ only: not a children's measure.",
                 "Children's diabetes: HbA1c checks and real-time continuous glucose monitors by deprivation and "
                 "ethnicity (National Paediatric Diabetes Audit)."),
    ClinicalArea("cyp_epilepsy", "Children: epilepsy", "Children and young people", ("qof_ep",),
                 "QOF epilepsy register covers ages 18+ only: not a children's measure.",
                 "Children's epilepsy: access to epilepsy specialist nurses and tertiary care within 4 weeks "
                 "(Epilepsy12 audit)."),
    ClinicalArea("cyp_oral", "Children: oral health", "Children and young people", ("dental_decay_5yo",),
                 "Tooth decay in 5-year-olds (National Dental Epidemiology Programme, Fingertips 93563).",
                 "Tooth extractions for decay in children admitted as inpatients under 10 (Fingertips 93474)."),
    ClinicalArea("cyp_mental", "Children: mental health", "Children and young people", ("qof_dep",),
                 "QOF depression register covers ages 18+ only: adult context, not a children's measure.",
                 "Children and young people's mental health access (Mental Health Services Data Set: CYP with at "
                 "least one contact) by ethnicity, age, gender and deprivation."),
    ClinicalArea("smoking", "Smoking cessation", "Smoking cessation",
                 ("smoking_adults", "smoking_routine_manual", "cigarette_smokers_5yr"),
                 "Adult smoking prevalence (APS) and routine and manual smokers, by district.",
                 "Smokers who set a quit date and quit at 4 weeks (NHS Stop Smoking Services); QOF SMOK achievement "
                 "(smoking at time of delivery is under Maternity)."),
)


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


# --------------------------------------------------------------------------------------------------- Core20
def core20_shares(db: Database, icb: Icb, level: str) -> pd.DataFrame:
    """Core20 population share at ``level`` (icb, place, district, ward, sicbl) for IMD 2019 and IMD 2025.

    Returns
    -------
    pandas.DataFrame
        ``imd_vintage, area_code, area_name, lsoas, population, core20_population_share, population_source``; for
        districts only the ICB's own districts (the summaries list all of England); a district only partly in the
        ICB is summarised as a whole and named so ("Copeland (whole district)"). ``population`` is the population
        the indices are weighted by (``population_source``: IoD2019 mid-2015 denominators; Census 2021 residents for
        IMD 2025), not the residents shown elsewhere.
    """
    geography.check_level(level, deprivation.SUMMARY_LEVELS)
    frames = []
    for vintage in config.IMD_VINTAGES:
        icb_v = geography.resolve_icb(db, icb.code, vintage)
        frame = deprivation.summaries(db, icb_v, level, vintage, rounded=False)
        if level == "district":
            districts = geography.areas(db, icb_v, "district")
            frame = frame[frame["area_code"].isin(set(districts["area_code"]))].copy()
            part = set(districts.loc[~districts["whole_area_in_icb"].astype(bool), "area_code"])
            # File 10-style summaries are of whole districts: say so for those only partly in the ICB
            frame["area_name"] = [f"{name} (whole district)" if code in part else name
                                  for code, name in zip(frame["area_code"], frame["area_name"], strict=False)]
        frame = frame.assign(imd_vintage=vintage)
        frames.append(frame[["imd_vintage", "area_code", "area_name", "lsoas", "population",
                             "core20_population_share", "population_source"]])
    return pd.concat(frames, ignore_index=True)


def core20_lsoa_counts(db: Database, icb: Icb, vintage: int | None = None) -> pd.DataFrame:
    """LSOAs in national decile 1 and in deciles 1-2 (Core20), and the Core20 population share, per area.

    Returns
    -------
    pandas.DataFrame
        ``level, area_code, area_name, lsoas, lsoas_decile_1, lsoas_core20, population, core20_population,
        core20_population_share, population_source`` for the ICB's districts, places and the ICB, counted from the
        ICB's LSOAs (a district only partly in the ICB is named "... (part in this ICB)"). ``population`` is the
        population the indices are weighted by (``population_source``), not residents.
    """
    vintage = geography.check_vintage(vintage if vintage is not None else icb.imd_vintage)
    frame = db.query("core20_lsoa_counts", vintage=vintage, icb=icb.code)
    frame["core20_population_share"] = (100.0 * frame["core20_population"] / frame["population"]).round(2)
    districts = geography.areas(db, icb, "district") if icb.imd_vintage == vintage else \
        geography.areas(db, geography.resolve_icb(db, icb.code, vintage), "district")
    part = set(districts.loc[~districts["whole_area_in_icb"].astype(bool), "area_code"])
    # counted from the ICB's LSOAs: for a district only partly in the ICB, the part in it
    frame["area_name"] = [
        f"{name} (part in this ICB)" if level == "district" and code in part else name
        for level, code, name in zip(frame["level"], frame["area_code"], frame["area_name"], strict=False)
    ]
    return frame


def core20_wards(db: Database, icb: Icb, vintage: int | None = None,
                 threshold: float = CORE20_WARD_THRESHOLD) -> pd.DataFrame:
    """All the ICB's wards ranked by Core20 population share, flagging those at or above ``threshold`` percent.

    Returns
    -------
    pandas.DataFrame
        ``rank, area_code, area_name, lsoas, population, core20_population_share, avg_score, core20_ward``.
    """
    vintage = geography.check_vintage(vintage if vintage is not None else icb.imd_vintage)
    icb_v = geography.resolve_icb(db, icb.code, vintage)
    frame = deprivation.summaries(db, icb_v, "ward", vintage, rounded=False)
    frame = frame.sort_values(["core20_population_share", "avg_score"], ascending=[False, False]).reset_index(drop=True)
    frame.insert(0, "rank", range(1, len(frame) + 1))
    frame["core20_ward"] = frame["core20_population_share"] >= threshold
    return frame[["rank", "area_code", "area_name", "lsoas", "population", "core20_population_share", "avg_score",
                  "core20_ward"]]


# --------------------------------------------------------------------------------------------------- PLUS and clinical
def plus_by_area(db: Database, icb: Icb, indicator_id: str, level: str = "place",
                 confidence: float = 0.95) -> pd.DataFrame:
    """A PLUS-group measure (Census 2021 or age shares) for the ICB's areas at ``level``, benchmarked to England."""
    if indicator_id not in PLUS_INDICATORS:
        raise ValueError(f"PLUS indicator must be one of {', '.join(PLUS_INDICATORS)}")
    available = indicator_data.availability(indicator_data.availability_table(db, icb), indicator_id)
    period = available.latest(level)
    if period is None:
        return pd.DataFrame(columns=list(indicator_data.EXPORT_COLUMNS))
    return indicator_data.values(db, icb, indicator_id, level, period, confidence)


def latest_values(db: Database, icb: Icb, indicator_id: str, level: str, confidence: float = 0.95,
                  available: indicator_data.Availability | None = None) -> pd.DataFrame:
    """An indicator's most recent values at ``level`` (empty with the export columns when there are none).

    ``available`` is the indicator's :class:`~lsc_phm.domain.indicator_data.Availability` for this ICB and vintage
    when the caller already holds it (the app computes every indicator's once per ICB and vintage); without it, it is
    read from the database (one query over every indicator's values).
    """
    if available is None:
        available = indicator_data.availability(indicator_data.availability_table(db, icb), indicator_id)
    elif available.indicator_id != indicator_id:
        raise ValueError(f"availability is for '{available.indicator_id}', not '{indicator_id}'")
    period = available.latest(level)
    if period is None:
        return pd.DataFrame(columns=list(indicator_data.EXPORT_COLUMNS))
    return indicator_data.values(db, icb, indicator_id, level, period, confidence)


SCORECARD_COLUMNS: tuple[str, ...] = (
    "clinical_area", "level", "area_code", "area_name", "indicator_id", "indicator", "period", "value", "lowercl",
    "uppercl", "unit", "numerator", "denominator", "england_value", "comparison", "confidence", "method", "suppressed",
    "suppression_reason", "recent_trend", "source",
)


def scorecard(db: Database, icb: Icb, confidence: float = 0.95, comparator: str = "england") -> pd.DataFrame:
    """One row per area x indicator for the ICB, its four places and (for QOF) its sub-ICB locations.

    ``comparator`` ('england', 'decile' or 'neighbours'): places that are one district or unitary authority are
    compared with their peer group instead of England (``lsc_phm.domain.comparators.against``); the added columns
    ``benchmark`` and ``comparison_basis`` say which benchmark each row uses.

    Published district/county series have no ICB value (none is published, and none is invented here): their ICB
    row is present with a null value and the comparison "No published ICB value". The North Yorkshire part (3
    LSOAs) is not a place of the ICB and is left out.

    Returns
    -------
    pandas.DataFrame
        :data:`SCORECARD_COLUMNS`, ordered by clinical area, indicator and level (ICB first).
    """
    table = indicator_data.availability_table(db, icb)
    places = geography.areas(db, icb, "place")
    places = places[places["area_code"].map(geography.is_icb_place)]
    icb_row = geography.areas(db, icb, "icb")
    seen: set[str] = set()
    frames = []
    for area in CLINICAL_AREAS:
        for indicator_id in area.indicator_ids:
            if indicator_id in seen:
                continue
            seen.add(indicator_id)
            available = indicator_data.availability(table, indicator_id)
            levels = ("icb", "sicbl") if indicator_id.startswith("qof_") else ("icb", "place")
            for level in levels:
                period = available.latest(level)
                if period is None:
                    if level == "icb":
                        frame = pd.DataFrame({"area_code": icb_row["area_code"], "area_name": icb_row["area_name"]})
                        frame["indicator_id"] = indicator_id
                        frame["indicator"] = indicators.get(indicator_id).name
                        frame["unit"] = indicators.get(indicator_id).unit
                        frame["comparison"] = "No published ICB value"
                        frame["period"] = available.latest("place") or ""
                        frame["suppressed"] = False
                        frame["suppression_reason"] = ""
                    else:
                        continue
                else:
                    frame = indicator_data.values(db, icb, indicator_id, level, period, confidence)
                    if level == "place":
                        frame = frame[frame["area_code"].isin(places["area_code"])]
                        frame.loc[frame["value"].isna() & ~frame["suppressed"], "comparison"] = "No open data"
                    trends = benchmarking.recent_trends(db, icb, indicator_id,
                                                        frame.loc[frame["value"].notna(), "area_code"].tolist())
                    frame["recent_trend"] = frame["area_code"].map(trends).fillna("")
                frame = frame.assign(clinical_area=indicators.get(indicator_id).core20plus5 or area.title,
                                     level=geography.LEVEL_LABELS[level])
                frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    for column in SCORECARD_COLUMNS:
        if column not in out.columns:
            out[column] = pd.NA
    if comparator != "england":
        chosen = cast(comparators.Comparator, comparator)
        return comparators.against(db, icb, out[list(SCORECARD_COLUMNS)], chosen, confidence)
    return out[list(SCORECARD_COLUMNS)]


def cancer_ambition(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the gap to the 75% early-diagnosis ambition (percentage points; negative = short of it)."""
    return frame.assign(ambition=CANCER_STAGE_AMBITION,
                        gap_to_ambition=(frame["value"] - CANCER_STAGE_AMBITION).round(2))
