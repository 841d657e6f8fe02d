"""Page data for the place profile and its briefing: the numbers that :func:`lsc_phm.reports.place_report.build` turns
into the sections shown by the page, the PowerPoint/HTML briefing and the CLI, so a number is the same wherever it
appears.

A profile is for the ICB, one of its places or one of its districts. It holds, in order: headline population and
Core20 share; a deprivation summary (File 10-style ranks, decile distribution, most deprived wards, a static map);
healthy life expectancy and life expectancy against England; smoking; the Core20PLUS5 indicators; the inequality
gradient within the area (slope index of inequality by national IMD decile, Core20 vs the rest); and "things to
note". Every indicator value comes from :func:`lsc_phm.domain.indicator_data.values` (suppression, rounding, England
comparison and metadata included); the sentences, charts and sections are assembled from these numbers by
:mod:`lsc_phm.reports.place_report`.

Which level an indicator is taken from ("best available level"):

* published local-authority series (life expectancy, HLE, smoking, cancer stage, CVD mortality, dental decay,
  health checks): the district itself, or a place that is exactly one whole upper-tier authority; the ICB has none;
* QOF registers: the ICB itself; for a place or district, the sub-ICB location whose LSOAs are exactly the area's
  (Blackpool = 00R, Blackburn with Darwen = 00Q); otherwise the ICB's value, labelled as the ICB's.

References
----------
.. [1] NHS England. Core20PLUS5: an approach to reducing healthcare inequalities (adults; children and young people).
.. [2] MHCLG. The English Indices of Deprivation 2019 and 2025: technical reports (summary measures, File 10).
.. [3] OHID. Fingertips Public Health Technical Guidance: benchmark comparison; slope index of inequality.
.. [4] Low A, Low A. Measuring the gap: quantifying and comparing local health inequalities. J Public Health
   2004;26:388-395.
"""

from __future__ import annotations

import pandas as pd

from lsc_phm import config
from lsc_phm.domain import deprivation, geography, part_areas
from lsc_phm.domain.geography import Icb
from lsc_phm.store.db import Database
from lsc_phm.views.place_profile_areas import LEVEL_WORDS, PROFILE_LEVELS, ProfileArea, icb_in, is_partial_place

#: Indicators per section, in the order shown.
LIFE_EXPECTANCY_IDS = ("hle_male", "hle_female", "le_male", "le_female")
SMOKING_IDS = (
    "smoking_adults",
    "cigarette_smokers_annual",
    "smoking_routine_manual",
    "cigarette_smokers_5yr",
    "smoking_qof_15plus",
)  # GP-recorded: the ICB and sub-ICBs have a value summed from their practices
#: Health outcomes with counts and intervals (Census 2021, OHID Fingertips) and modelled small-area prevalence.
HEALTH_OUTCOME_IDS = (
    "census_bad_health",
    "census_unpaid_care",
    "census_household_deprived",
    "smoking_at_delivery",
    "breast_screening_53_70",
    "falls_admissions_65plus",
    "emergency_readmissions_30d",
    "alcohol_related_mortality",
    "children_absolute_low_income",
    "physically_inactive_adults",
    "adult_overweight",
    "adult_obesity",
    "year6_obesity_5yr",
    "year6_excess_weight",
    "reception_excess_weight",
    "dementia_qof_fingertips",
    "modelled_ckd_prevalence",
)
CORE20PLUS5_IDS = (
    "qof_hyp",
    "qof_mh",
    "smi_health_checks",
    "qof_copd",
    "qof_ast",
    "qof_dm",
    "qof_ep",
    "cancer_stage_1_2",
    "preventable_cvd_mortality",
    "dental_decay_5yo",
    "health_checks_received",
)
GAP_IDS = ("sii_le_male", "sii_le_female")


def choosable_areas(db: Database, icb: Icb) -> pd.DataFrame:
    """Return the areas a profile can be made for: the ICB, then its places, then its districts (by name).

    Returns
    -------
    pandas.DataFrame
        ``area_code, area_name, level, label, lsoas, whole_area_in_icb, same_as_upper_tier_code``.
    """
    frames = []
    for level in PROFILE_LEVELS:
        frame = geography.areas(db, icb, level).copy()
        frame["level"] = level
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    out["label"] = [
        f"{LEVEL_WORDS[lv]}: " + (name if whole else part_areas.part_name(name))
        for lv, name, whole in zip(out["level"], out["area_name"], out["whole_area_in_icb"], strict=False)
    ]
    return out[["area_code", "area_name", "level", "label", "lsoas", "whole_area_in_icb", "same_as_upper_tier_code"]]


def _profile_area(row: pd.Series) -> ProfileArea:
    upper = row["same_as_upper_tier_code"]
    return ProfileArea(
        str(row["area_code"]),
        str(row["area_name"]),
        str(row["level"]),
        int(row["lsoas"]),
        bool(row["whole_area_in_icb"]),
        None if pd.isna(upper) else str(upper),
    )


def resolve_area(db: Database, icb: Icb, wanted: str) -> ProfileArea:
    """Find a profile area by code, menu label or name, case-insensitively.

    ``wanted`` may be a code (the ICB's ONS code, a place code such as ``QE1-E06000009``, a district's LAD code), a
    menu label ("Place: Blackpool") or a bare name ("blackpool"). A name shared by a place and the district with the
    same LSOAs (a unitary authority is both) means one area: the place is returned. A name shared by areas that
    differ is ambiguous.

    Raises
    ------
    ValueError
        One line: for an unknown area, the areas to choose from (label and code); for an ambiguous name, the
        matching areas and how to pick one.
    """
    table = choosable_areas(db, icb)
    key = " ".join(str(wanted).split()).casefold()
    if not key:
        raise ValueError("no area given; give an area's name or code")
    by_code = table[table["area_code"].str.casefold() == key]
    if not by_code.empty:
        return _profile_area(by_code.iloc[0])
    bare_labels = table["label"].str.replace(part_areas.PART_SUFFIX, "", regex=False)
    names = pd.concat([table["label"], bare_labels, table["area_name"]], axis=1)
    matches = table[names.apply(lambda col: col.str.casefold() == key).any(axis=1)]
    if len(matches) == 1:
        return _profile_area(matches.iloc[0])
    if len(matches) > 1:
        places = matches[matches["level"] == "place"]
        others = matches[matches["level"] != "place"]
        same = set(others["area_code"]) <= set(places["same_as_upper_tier_code"].dropna())
        if len(places) == 1 and same:
            return _profile_area(places.iloc[0])
        listed = "; ".join(f"{r.label} ({r.area_code})" for r in matches.itertuples())
        raise ValueError(f"'{wanted}' matches {len(matches)} areas: {listed}; give the label or the code")
    listed = "; ".join(f"{r.label} ({r.area_code})" for r in table.itertuples())
    raise ValueError(
        f"unknown area '{wanted}' for {icb.name} (IMD {icb.imd_vintage} geography); give a name, label "
        f"or code: {listed}"
    )


def briefing_place_codes(db: Database, icb: Icb) -> list[str]:
    """The ICB's own places (partial places such as North Yorkshire (part) left out), by name."""
    places = geography.areas(db, icb, "place")
    return [code for code in places["area_code"] if not is_partial_place(code)]


def summary_rows(db: Database, icb: Icb, area: ProfileArea) -> pd.DataFrame:
    frames = []
    among = {
        "district": "English districts",
        "place": f"places in {icb.name}",
        "icb": "ICBs in England",
        "footprint": f"custom footprints of {icb.name} (config/areas.toml)",
    }
    for vintage in config.IMD_VINTAGES:
        icb_v = icb_in(db, icb, vintage)
        targets = [(area.level, area.code)]
        if area.level == "place" and area.upper_tier_code and area.upper_tier_code.startswith("E06"):
            targets.append(("district", area.upper_tier_code))  # a unitary authority is also a district
        for level, code in targets:
            summary = deprivation.summaries(db, icb_v, level, vintage, rounded=False)
            row = summary[summary["area_code"] == code].copy()
            if row.empty:
                continue
            row.insert(0, "imd_vintage", vintage)
            row.insert(3, "ranked_among", among[level])
            frames.append(row)
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


def decile_frame(db: Database, icb: Icb, area: ProfileArea) -> pd.DataFrame:
    frames = []
    for vintage in config.IMD_VINTAGES:
        icb_v = icb_in(db, icb, vintage)
        frame = db.query(
            "profile_decile_gradient", vintage=vintage, icb=icb_v.code, level=area.level, area_code=area.code
        )
        if frame.empty:
            continue
        frame.insert(0, "imd_vintage", vintage)
        frames.append(frame)
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


def top_wards(db: Database, icb: Icb, area: ProfileArea, n: int = 5) -> pd.DataFrame:
    wards = geography.areas(db, icb, "ward")
    if area.level == "district":
        wards = wards[wards["lad_code"] == area.code]
    elif area.level == "place":
        wards = wards[wards["place_code"] == area.code]
    elif area.level == "footprint":
        members = footprint_members(db, icb, area.code)
        wards = wards[wards["area_code"].isin(members.loc[members["level"] == "ward", "area_code"])]
    summary = deprivation.summaries(db, icb, "ward", icb.imd_vintage)
    top = summary[summary["area_code"].isin(wards["area_code"])].sort_values("avg_score", ascending=False).head(n)
    columns = [
        "area_code",
        "area_name",
        "lsoas",
        "population",
        "avg_score",
        "avg_score_rank",
        "areas_ranked",
        "pct_lsoas_most_deprived_10",
        "core20_population_share",
        "population_source",
    ]
    out = top[columns].reset_index(drop=True)
    out.insert(0, "imd_vintage", icb.imd_vintage)
    return out


def footprint_members(db: Database, icb: Icb, footprint_code: str) -> pd.DataFrame:
    """The districts and wards a custom footprint's LSOAs lie in.

    Columns ``level, area_code, area_name, lsoas_in_footprint``.
    """
    return db.query("footprint_members", vintage=icb.imd_vintage, icb=icb.code, area_code=footprint_code)
