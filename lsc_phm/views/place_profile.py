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

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain import benchmarking, deprivation, geography, indicator_data, part_areas
from lsc_phm.domain.geography import Icb
from lsc_phm.stats import suppress, wilson_ci
from lsc_phm.store.db import Database
from lsc_phm.views.profile_headline import (  # noqa: F401  (re-exported: moved there)
    AreaPopulation,
    area_population,
    england_core20_share,
    england_rank_rows,
)

PROFILE_LEVELS: tuple[str, ...] = ("icb", "place", "district", "footprint")
LEVEL_WORDS = {
    "icb": "ICB",
    "place": "Place",
    "district": "District",
    "footprint": "Footprint",
    "user": "Your area (user-defined)",
}
#: The code a user-defined area (drawn from a list of LSOA or ward codes, for one session) is known by.
USER_AREA_CODE = "USER-AREA"
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
#: Series whose periods are cumulative, so "latest vs previous" is not a change in the indicator.
CUMULATIVE_IDS = frozenset({"health_checks_received"})
FIGURE_COLUMNS: tuple[str, ...] = indicator_data.EXPORT_COLUMNS + (
    "previous_period",
    "previous_value",
    "previous_lowercl",
    "previous_uppercl",
    "value_for",
    "note",
    "recent_trend",
)


# ------------------------------------------------------------------------------------------------ areas
@dataclass(frozen=True)
class ProfileArea:
    """The area a profile is about."""

    code: str
    name: str
    level: str
    lsoas: int
    whole_area_in_icb: bool
    upper_tier_code: str | None = None

    @property
    def label(self) -> str:
        """Menu label, e.g. "Place: Blackpool"."""
        return f"{LEVEL_WORDS[self.level]}: {self.name}"

    @property
    def whole_name(self) -> str:
        """The name for a value published for the whole authority: "Westmorland and Furness (whole district)" when
        only part of it is in the ICB (its published rates and File 10 ranks are the whole district's)."""
        if self.whole_area_in_icb:
            return self.name
        return f"{self.name} (whole {'district' if self.level == 'district' else 'authority'})"

    @property
    def part_name(self) -> str:
        """The name for a value computed here from the area's LSOAs in the ICB: "the part of Westmorland and Furness
        in this ICB" when only part of the authority is in the ICB."""
        return self.name if self.whole_area_in_icb else f"the part of {self.name} in this ICB"


def is_partial_place(place_code: str) -> bool:
    """Whether a place is a fragment outside the ICB's own places (e.g. the 3 North Yorkshire LSOAs of QE1, see
    :func:`lsc_phm.domain.geography.is_icb_place`); such places can be chosen but are left out of ``--all-places``."""
    return not geography.is_icb_place(place_code)


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


def datasets_catalogue(db: Database) -> pd.DataFrame:
    return db.constant("datasets")


def publishers(catalogue: pd.DataFrame, keys: tuple[str, ...]) -> str:
    found = catalogue[catalogue["dataset"].isin(keys)]
    names = list(dict.fromkeys(found["publisher"]))
    return "; ".join(names) if names else "no catalogued source"


def icb_in(db: Database, icb: Icb, vintage: int) -> Icb:
    return icb if icb.imd_vintage == vintage else geography.resolve_icb(db, icb.code, vintage)


def _value_location(
    db: Database, icb: Icb, area: ProfileArea, indicator: indicators.Indicator
) -> tuple[str, str, str, str]:
    """Return (level, area code, name the value is for, note) for the best available level."""
    if indicator.id.startswith("qof_"):
        if area.level == "icb":
            return "icb", icb.code, area.name, ""
        match = db.query(
            "profile_matching_sicbl", vintage=icb.imd_vintage, icb=icb.code, level=area.level, area_code=area.code
        )
        if not match.empty:
            row = match.iloc[0]
            return (
                "sicbl",
                str(row["sicbl_code"]),
                area.name,
                f"QOF for sub-ICB location {row['sicbl_ods_code']}, whose LSOAs are exactly {area.name}'s "
                "(patients registered with its practices)",
            )
        return (
            "icb",
            icb.code,
            icb.name,
            f"QOF is published for GP practices, sub-ICBs and ICBs, and no sub-ICB matches {area.name}: "
            f"the value shown is {icb.name}'s",
        )
    return area.level, area.code, area.name, ""


def proxy_name(area: ProfileArea, value_note: str) -> str | None:
    """Whose value a proxy is, for a place given another authority's published value (config ``PLACE_PROXIES``):
    "Westmorland and Furness (whole district)" for South Cumbria; None when the value is the area's own.

    The profile then names that authority wherever the value is shown (sentences, chart titles, the summary band),
    and key messages, which are about the area itself, leave it out.
    """
    for proxy in config.PLACE_PROXIES:
        if proxy.place_code == area.code and value_note.startswith(f"value for {proxy.proxy_name}, shown as a proxy"):
            kind = "district" if proxy.proxy_code[:3] in ("E06", "E07", "E08", "E09") else "authority"
            return f"{proxy.proxy_name} (whole {kind})"
    return None


def _same_kind(period_a: str, period_b: str) -> bool:
    """Whether two period labels are of the same kind (e.g. both single years, or both 3-year pooled), so that
    "latest vs previous" compares like with like."""
    return re.sub(r"\d", "9", str(period_a)) == re.sub(r"\d", "9", str(period_b))


def _no_data_row(area: ProfileArea, indicator: indicators.Indicator, source: str, note: str) -> dict[str, object]:
    row: dict[str, object] = {column: np.nan for column in FIGURE_COLUMNS}
    row.update(
        area_code=area.code,
        area_name=area.name,
        indicator_id=indicator.id,
        indicator=indicator.name,
        period="",
        unit=indicator.unit,
        comparison="No open data",
        comparison_basis=f"no value: {note}",
        confidence="",
        method="",
        standardisation=indicator.standardisation,
        value_note="",
        recent_trend="",
        suppressed=False,
        suppression_reason="",
        source=source,
        previous_period="",
        value_for="",
        note=note,
    )
    return row


def _missing_reason(indicator: indicators.Indicator, area: ProfileArea) -> str:
    held = f"the data held here cover {indicator.coverage}" if indicator.coverage else "not in the data held here"
    if area.level == "icb" and not indicator.id.startswith("qof_"):
        return (
            f"no ICB value in the data held here ({held}); it is published for local authorities, and the ICB is "
            "not a whole number of them, so no additive ICB figure can be made; see the place profiles"
        )
    if indicator.id == "smi_health_checks" and area.level != "icb":
        return (
            "published for sub-ICB locations, and this area is not a whole number of them (one reaches beyond "
            "it), so no sum is made; see the ICB's and the sub-ICB locations' values"
        )
    if indicator.id in ("hle_male", "hle_female") and area.level == "district":
        return "published for upper-tier authorities only"
    if indicator.id in ("le_male", "le_female", "sii_le_male", "sii_le_female") and area.upper_tier_code == "E10000017":
        return (
            "OHID publishes county values, but the extract held here has districts and unitary authorities only, "
            "so no Lancashire county figure is shown; its districts' values are shown instead"
        )
    if area.level == "place" and area.upper_tier_code is None:
        return "published for local authorities, and this place is not one whole authority"
    if area.level == "footprint":
        return (
            "published for local authorities and not additive, so not combined for a custom footprint: see the "
            "values of its member districts"
        )
    if area.level == "user":
        return (
            "published for local authorities and not additive, so not combined for a user-defined area: see the "
            "values of the districts it lies in"
        )
    return f"no value for {area.name} ({held})"


def native_vintage(indicator: indicators.Indicator) -> int | None:
    """The IMD vintage whose LSOA geography an LSOA-based indicator exists in (Census 2021: 2025 (LSOA 2021);
    modelled LSOA 2011 prevalence: 2019), or None for series that serve both."""
    first = indicator.sources[0] if indicator.sources else ""
    if first.startswith("census2021_ts0"):
        return 2025
    if first.startswith("modelled_qof"):
        return 2019
    return None


def indicator_figures(db: Database, icb: Icb, area: ProfileArea, indicator_ids: tuple[str, ...]) -> pd.DataFrame:
    """Return each indicator's latest value for the area (best available level), with its previous period.

    Parameters
    ----------
    db : Database
    icb : Icb
    area : ProfileArea
    indicator_ids : tuple of str

    Returns
    -------
    pandas.DataFrame
        :data:`FIGURE_COLUMNS`: the export columns of :func:`lsc_phm.domain.indicator_data.values` (suppressed, rounded,
        compared with England) for the latest period with a value, plus the previous period's value and limits,
        ``value_for`` (the area the value belongs to) and ``note``. An indicator with no value has
        ``comparison = "No open data"`` and the reason in ``note``.
    """
    catalogue = datasets_catalogue(db)
    rows: list[dict[str, object]] = []
    for indicator_id in indicator_ids:
        indicator = indicators.get(indicator_id)
        source = publishers(catalogue, indicator.sources)
        level, code, value_for, note = _value_location(db, icb, area, indicator)
        vintage = native_vintage(indicator)
        icb_v = icb if vintage is None else icb_in(db, icb, vintage)
        if icb_v.imd_vintage != icb.imd_vintage:
            note = "; ".join(
                n
                for n in (note, f"{indicator.name.split(' (')[0]} is on the IMD {icb_v.imd_vintage} LSOA geography")
                if n
            )
        history = indicator_data.series(db, icb_v, indicator_id, [code])
        history = history[history["value"].notna()]
        if history.empty:
            rows.append(_no_data_row(area, indicator, source, _missing_reason(indicator, area)))
            continue
        periods = list(history.sort_values("period_sort")["period"].drop_duplicates())
        latest = indicator_data.values(db, icb_v, indicator_id, level, periods[-1])
        latest = latest[latest["area_code"] == code]
        if latest.empty or latest["value"].isna().all() and not latest["suppressed"].any():
            rows.append(_no_data_row(area, indicator, source, _missing_reason(indicator, area)))
            continue
        row = latest.iloc[0].to_dict()
        value_for = proxy_name(area, str(row.get("value_note") or "")) or value_for
        row["recent_trend"] = benchmarking.recent_trend(history, indicator)
        note = "; ".join(n for n in (note, str(row.get("value_note") or "")) if n)
        row.update(
            area_code=area.code,
            area_name=area.name,
            source=source,
            value_for=value_for,
            note=note,
            previous_period="",
            previous_value=np.nan,
            previous_lowercl=np.nan,
            previous_uppercl=np.nan,
        )
        same_kind = [p for p in periods[:-1] if _same_kind(periods[-1], p)]
        if same_kind and indicator_id not in CUMULATIVE_IDS:
            previous = indicator_data.values(db, icb_v, indicator_id, level, same_kind[-1])
            previous = previous[previous["area_code"] == code]
            if not previous.empty and previous["value"].notna().any():
                prev = previous.iloc[0]
                row.update(
                    previous_period=same_kind[-1],
                    previous_value=prev["value"],
                    previous_lowercl=prev["lowercl"],
                    previous_uppercl=prev["uppercl"],
                )
        rows.append(row)
    return pd.DataFrame.from_records(rows, columns=list(FIGURE_COLUMNS))


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


# ------------------------------------------------------------------------------------------------ user-defined areas
@dataclass(frozen=True)
class UserAreaSpec:
    """A user-defined area for one session: a name, where its codes came from, and its LSOAs.

    Nothing about it is stored: the LSOA codes reach the database as a bound list parameter.

    Attributes
    ----------
    name : str
        The name the user gave it.
    source : str
        Where the codes came from (the uploaded file's name, or "pasted codes").
    lsoa_codes : tuple of str
        The area's LSOAs (codes of one IMD vintage's geography).
    vintage : int
        The IMD vintage whose LSOA geography the codes are in (2019: LSOA 2011; 2025: LSOA 2021).
    geography : str
        What the user listed: "lsoa" or "ward".
    """

    name: str
    source: str
    lsoa_codes: tuple[str, ...]
    vintage: int
    geography: str = "lsoa"

    @property
    def computed_note(self) -> str:
        """E.g. "computed here from 12 LSOAs (user-defined area from patch.csv)"."""
        return f"computed here from {len(self.lsoa_codes):,} LSOAs (user-defined area from {self.source})"


def user_profile_area(spec: UserAreaSpec) -> ProfileArea:
    """The :class:`ProfileArea` of a user-defined area (level ``user``, code :data:`USER_AREA_CODE`)."""
    if not spec.lsoa_codes:
        raise ValueError("a user-defined area needs at least one LSOA")
    if spec.vintage not in config.IMD_VINTAGES:
        raise ValueError(f"vintage must be one of {config.IMD_VINTAGES}, not {spec.vintage}")
    return ProfileArea(USER_AREA_CODE, spec.name, "user", len(spec.lsoa_codes), True)


def user_area_lsoas(db: Database, icb: Icb, spec: UserAreaSpec) -> pd.DataFrame:
    """The area's LSOAs with deprivation, residents, Census counts and geometry (query ``user_area_lsoas``)."""
    return db.query(
        "user_area_lsoas", vintage=spec.vintage, icb=icb_in(db, icb, spec.vintage).code, lsoas=list(spec.lsoa_codes)
    )


def user_area_summary(lsoas: pd.DataFrame, spec: UserAreaSpec) -> pd.DataFrame:
    """A deprivation summary row for a user-defined area, with the MHCLG File 10 definitions computed here.

    Population-weighted average IMD score and Core20 population share (people in LSOAs of national deciles 1-2,
    weighted by the IoD population denominators), and the share of LSOAs in England's most deprived 10%. A user area
    is not ranked (``avg_score_rank`` is empty): ranks exist for published geographies only.

    Returns
    -------
    pandas.DataFrame
        One row: ``imd_vintage, area_code, area_name, ranked_among, lsoas, population, avg_score, avg_rank,
        avg_score_rank, areas_ranked, pct_lsoas_most_deprived_10, core20_population_share, population_source,
        summary_source``.
    """
    if lsoas.empty or float(lsoas["population"].sum()) <= 0:
        raise ValueError(f"the user-defined area '{spec.name}' has no LSOA of this ICB with a population")
    summary = deprivation.lsoa_summary(lsoas)
    return pd.DataFrame(
        [
            {
                "imd_vintage": spec.vintage,
                "area_code": USER_AREA_CODE,
                "area_name": spec.name,
                "ranked_among": "not ranked (user-defined area)",
                "lsoas": len(lsoas),
                "population": summary["population"],
                "avg_score": summary["avg_score"],
                "avg_rank": np.nan,
                "avg_score_rank": np.nan,
                "areas_ranked": np.nan,
                "pct_lsoas_most_deprived_10": summary["pct_lsoas_most_deprived_10"],
                "core20_population_share": summary["core20_population_share"],
                "population_source": str(lsoas["population_source"].dropna().iloc[0]),
                "summary_source": spec.computed_note,
            }
        ]
    )


def user_area_deciles(lsoas: pd.DataFrame, spec: UserAreaSpec) -> pd.DataFrame:
    """The area's LSOAs grouped by national IMD decile, in the shape of :func:`decile_frame`."""
    grouped = (
        lsoas.groupby("imd_decile")
        .agg(
            lsoas=("lsoa_code", "count"),
            population=("population", "sum"),
            income_deprived=("income_deprived", "sum"),
            residents=("residents", "sum"),
            residents_source=("residents_source", "first"),
            disabled=("disabled", lambda s: s.sum(min_count=1)),
            disability_total=("disability_total", lambda s: s.sum(min_count=1)),
            bad_health=("bad_health", lambda s: s.sum(min_count=1)),
            general_health_total=("general_health_total", lambda s: s.sum(min_count=1)),
        )
        .reset_index()
    )
    grouped.insert(0, "imd_vintage", spec.vintage)
    return grouped


def user_area_members(lsoas: pd.DataFrame, level: str) -> pd.DataFrame:
    """The districts or wards the area's LSOAs lie in: ``area_code, area_name, lsoas_in_area``."""
    column = {"district": "lad", "ward": "ward"}[level]
    return (
        lsoas.groupby(f"{column}_code")
        .agg(area_name=(f"{column}_name", "first"), lsoas_in_area=("lsoa_code", "count"))
        .reset_index()
        .rename(columns={f"{column}_code": "area_code"})
        .sort_values("area_code")
    )


def user_area_figures(db: Database, icb: Icb, spec: UserAreaSpec, confidence: float = 0.95) -> pd.DataFrame:
    """Additive indicators for a user-defined area, computed here from its LSOAs' counts and denominators.

    Every LSOA indicator published as a count over a denominator (Census 2021 general health, unpaid care, household
    deprivation, disability, age and ethnic group) is summed over the area's LSOAs for its latest period; the
    proportion gets a Wilson interval and is compared with England by the Fingertips single-interval rule
    (:func:`lsc_phm.domain.indicator_data.compare_with_england`); counts below 10 are suppressed.

    Returns
    -------
    pandas.DataFrame
        :data:`FIGURE_COLUMNS`, ``method`` and ``note`` saying "computed here from N LSOAs".
    """
    icb_v = icb_in(db, icb, spec.vintage)
    sums = db.query("user_area_indicators", vintage=spec.vintage, icb=icb_v.code, lsoas=list(spec.lsoa_codes))
    sums = sums.sort_values("period_sort").groupby("indicator_id").tail(1)
    catalogue = datasets_catalogue(db)
    rows = []
    for r in sums.itertuples():
        try:
            indicator = indicators.get(r.indicator_id)
        except ValueError:
            continue
        limits = wilson_ci(np.array([min(r.numerator, r.denominator)]), np.array([r.denominator]), confidence)
        frame = pd.DataFrame(
            [
                {
                    "value": 100.0 * float(limits["value"].iloc[0]),
                    "lowercl": 100.0 * float(limits["lowercl"].iloc[0]),
                    "uppercl": 100.0 * float(limits["uppercl"].iloc[0]),
                    "numerator": float(r.numerator),
                    "denominator": float(r.denominator),
                    "england_value": r.england_value,
                    "ci_source": "computed here",
                }
            ]
        )
        frame = indicator_data.compare_with_england(frame, indicator, confidence)
        frame["_all"] = 1
        frame = suppress(
            frame,
            "numerator",
            threshold=config.SUPPRESSION_THRESHOLD,
            value_cols=["value", "lowercl", "uppercl", "comparison"],
            group_cols="_all",
        )
        row = frame.iloc[0].to_dict()
        if row["suppressed"]:
            row.update(comparison="Suppressed", comparison_basis="suppressed: count below 10")
        note = f"{spec.computed_note}: {int(r.lsoas)} with data, counts and denominators summed"
        for column in ("value", "lowercl", "uppercl", "england_value"):
            row[column] = None if pd.isna(row[column]) else round(float(row[column]), indicator.decimals)
        row.update(
            area_code=USER_AREA_CODE,
            area_name=spec.name,
            indicator_id=indicator.id,
            indicator=indicator.name,
            period=str(r.period),
            unit=indicator.unit,
            confidence=f"{confidence:.1%}".replace(".0%", "%") if pd.notna(row["lowercl"]) else "",
            method=f"Wilson score interval; {note}",
            standardisation=indicator.standardisation,
            source=publishers(catalogue, indicator.sources),
            value_note=note,
            previous_period="",
            previous_value=np.nan,
            previous_lowercl=np.nan,
            previous_uppercl=np.nan,
            value_for=spec.name,
            note=note,
            recent_trend="",
        )
        rows.append(row)
    return pd.DataFrame.from_records(rows, columns=list(FIGURE_COLUMNS))
