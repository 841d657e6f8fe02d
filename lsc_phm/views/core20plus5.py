"""Page data for the Core20PLUS5 page: Core20 population shares, PLUS groups, the 5 clinical areas and a scorecard.

* **Core20**: the percentage of people living in LSOAs in national IMD deciles 1-2
  (:func:`lsc_phm.domain.deprivation.summaries`), for the ICB, its places, districts and wards, in IMD 2019 and
  IMD 2025.
* **PLUS**: Census 2021 ethnic group and disability (2021 LSOAs, so IMD 2025 geography) and age shares.
* **5 adult + 5 children's clinical areas and smoking cessation**: each with its status from the registry
  (:mod:`lsc_phm.domain.core20plus5`) and, in the scorecard, its indicators for the ICB, its places and its sub-ICB
  locations, every blank cell with its reason. Nothing is estimated where no open data exists.
* **Delivery measures** (SMI health checks, childhood vaccination, hypertension by deprivation) are in
  :mod:`lsc_phm.views.core20plus5_delivery`.

References
----------
.. [1] NHS England. Core20PLUS5: an approach to reducing healthcare inequalities (adults, 2021; children and young
   people, 2022). https://www.england.nhs.uk/about/equality/equality-hub/national-healthcare-inequalities-improvement-programme/core20plus5/
.. [2] NHS Long Term Plan (2019): 75% of cancers diagnosed at stage 1 or 2 by 2028.
"""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain import benchmarking, comparators, deprivation, geography, indicator_data, part_areas
from lsc_phm.domain import core20plus5 as registry
from lsc_phm.domain.core20plus5 import CANCER_STAGE_AMBITION, CLINICAL_AREAS
from lsc_phm.domain.geography import Icb
from lsc_phm.store.db import Database

CORE20_WARD_THRESHOLD = 50.0
PLUS_INDICATORS: tuple[str, ...] = ("pct_ethnic_minority", "pct_disabled", "pct_aged_65_plus", "pct_aged_0_15")


# --------------------------------------------------------------------------------------------------- Core20
def core20_shares(db: Database, icb: Icb, level: str) -> pd.DataFrame:
    """Core20 population share at ``level`` (icb, place, district, ward, sicbl) for IMD 2019 and IMD 2025.

    Returns
    -------
    pandas.DataFrame
        ``imd_vintage, area_code, area_name, lsoas, population, core20_population_share, population_source``; for
        districts only the ICB's own districts (the summaries list all of England); a district only partly in the
        ICB is summarised as a whole and named so ("Copeland (part), whole district"). ``population`` is the population
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
            part = part_areas.partial_codes(db, icb_v, "district")
            # File 10-style summaries are of whole districts: say so for those only partly in the ICB
            frame["area_name"] = [
                f"{part_areas.part_name(name)}, whole district" if code in part else name
                for code, name in zip(frame["area_code"], frame["area_name"], strict=False)
            ]
        frame = frame.assign(imd_vintage=vintage)
        frames.append(
            frame[
                [
                    "imd_vintage",
                    "area_code",
                    "area_name",
                    "lsoas",
                    "population",
                    "core20_population_share",
                    "population_source",
                ]
            ]
        )
    return pd.concat(frames, ignore_index=True)


def core20_lsoa_counts(db: Database, icb: Icb, vintage: int | None = None) -> pd.DataFrame:
    """LSOAs in national decile 1 and in deciles 1-2 (Core20), and the Core20 population share, per area.

    Returns
    -------
    pandas.DataFrame
        ``level, area_code, area_name, lsoas, lsoas_decile_1, lsoas_core20, population, core20_population,
        core20_population_share, population_source`` for the ICB's districts, places and the ICB, counted from the
        ICB's LSOAs (a district only partly in the ICB is named "... (part)": its LSOAs in the ICB). ``population``
        is the population the indices are weighted by (``population_source``), not residents.
    """
    vintage = geography.check_vintage(vintage if vintage is not None else icb.imd_vintage)
    frame = db.query("core20_lsoa_counts", vintage=vintage, icb=icb.code)
    frame["core20_population_share"] = (100.0 * frame["core20_population"] / frame["population"]).round(2)
    part = part_areas.partial_codes(
        db, icb if icb.imd_vintage == vintage else geography.resolve_icb(db, icb.code, vintage), "district"
    )
    # counted from the ICB's LSOAs: for a district only partly in the ICB, the part in it
    frame["area_name"] = [
        part_areas.part_name(name) if level == "district" and code in part else name
        for level, code, name in zip(frame["level"], frame["area_code"], frame["area_name"], strict=False)
    ]
    return frame


def core20_wards(
    db: Database, icb: Icb, vintage: int | None = None, threshold: float = CORE20_WARD_THRESHOLD
) -> pd.DataFrame:
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
    return frame[
        ["rank", "area_code", "area_name", "lsoas", "population", "core20_population_share", "avg_score", "core20_ward"]
    ]


# --------------------------------------------------------------------------------------------------- PLUS and clinical
def plus_by_area(
    db: Database, icb: Icb, indicator_id: str, level: str = "place", confidence: float = 0.95
) -> pd.DataFrame:
    """A PLUS-group measure (Census 2021 or age shares) for the ICB's areas at ``level``, benchmarked to England."""
    if indicator_id not in PLUS_INDICATORS:
        raise ValueError(f"PLUS indicator must be one of {', '.join(PLUS_INDICATORS)}")
    available = indicator_data.availability(indicator_data.availability_table(db, icb), indicator_id)
    period = available.latest(level)
    if period is None:
        return pd.DataFrame(columns=list(indicator_data.EXPORT_COLUMNS))
    return indicator_data.values(db, icb, indicator_id, level, period, confidence)


def latest_values(
    db: Database,
    icb: Icb,
    indicator_id: str,
    level: str,
    confidence: float = 0.95,
    available: indicator_data.Availability | None = None,
) -> pd.DataFrame:
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


# --------------------------------------------------------------------------------------------------- scorecard
#: The levels the scorecard shows as columns, in order: the ICB, its places, its sub-ICB locations.
SCORECARD_LEVELS: tuple[str, ...] = ("icb", "place", "sicbl")
#: The group of the vaccination rows: a theme of its own, kept apart from the clinical areas.
VACCINATION_GROUP = "Vaccination (a theme of its own, not one of the 5 areas)"
VACCINATION_AREA = "Childhood vaccination"
SCORECARD_COLUMNS: tuple[str, ...] = (
    "group",
    "clinical_area",
    "area_status",
    "row_kind",
    "proxy",
    "level",
    "area_code",
    "area_name",
    "indicator_id",
    "indicator",
    "period",
    "value",
    "lowercl",
    "uppercl",
    "unit",
    "numerator",
    "denominator",
    "england_value",
    "comparison",
    "confidence",
    "method",
    "suppressed",
    "suppression_reason",
    "blank_reason",
    "recent_trend",
    "value_note",
    "link",
    "source",
)
#: Why a cell is blank, one reason per cell (shown on hover and in the legend with its count).
BLANK_NOT_AT_LEVEL = "not published for {plural}"
BLANK_NO_ICB_VALUE = "no published ICB value (none is estimated)"
BLANK_NOT_NESTED = "its sub-ICB locations do not nest in this place (one spans it and a neighbour), so no sum is made"
BLANK_NOT_AUTHORITY = "published for local authorities, and this place is not one whole authority, so none is estimated"
BLANK_NO_DATA = "no value for this area in the data held here"
BLANK_STATUS = "the area has no loaded indicator: see the status"


def scorecard_areas(db: Database, icb: Icb) -> pd.DataFrame:
    """The scorecard's columns: the ICB, its places (not a sliver of another authority) and its sub-ICB locations.

    Returns
    -------
    pandas.DataFrame
        ``level, area_code, area_name`` in column order, and ``one_authority`` (a place that is one whole local
        authority, so it can carry that authority's published values).
    """
    frames = []
    for level in SCORECARD_LEVELS:
        areas = geography.areas(db, icb, level)
        if level == "place":
            areas = areas[areas["area_code"].map(geography.is_icb_place)]
        frames.append(
            areas.assign(
                level=level,
                one_authority=areas["same_as_upper_tier_code"].notna() if "same_as_upper_tier_code" in areas else False,
            )
        )
    return pd.concat(frames, ignore_index=True)[["level", "area_code", "area_name", "one_authority"]]


def _missing_reason(level: str, available: indicator_data.Availability, one_authority: bool) -> str:
    """Why an area at ``level`` has no value although the indicator has values at that level for other areas."""
    if level == "place" and "sicbl" in available.levels:
        return BLANK_NOT_NESTED
    if level == "place" and not one_authority:
        return BLANK_NOT_AUTHORITY
    return BLANK_NO_DATA


def _level_reason(level: str, available: indicator_data.Availability) -> str:
    """Why no area at ``level`` has a value."""
    if level == "icb" and set(available.levels) & {"district", "utla", "place"}:
        return BLANK_NO_ICB_VALUE
    return BLANK_NOT_AT_LEVEL.format(plural=geography.LEVEL_PLURALS.get(level, level))


def _indicator_cells(
    db: Database,
    icb: Icb,
    indicator_id: str,
    available: indicator_data.Availability,
    columns: pd.DataFrame,
    confidence: float,
) -> pd.DataFrame:
    """One row per scorecard column for one indicator: its latest value at each level, or why there is none."""
    indicator = indicators.get(indicator_id)
    frames = []
    for level in SCORECARD_LEVELS:
        areas = columns[columns["level"] == level]
        period = available.latest(level)
        if period is None:
            frames.append(
                areas.assign(
                    period=available.latest("place") or available.latest("utla") or "",
                    blank_reason=_level_reason(level, available),
                    comparison="",
                )
            )
            continue
        values = indicator_data.values(db, icb, indicator_id, level, period, confidence)
        frame = areas.merge(values.drop(columns=["area_name"]), on="area_code", how="left")
        frame["period"] = period
        suppressed = frame["suppressed"].fillna(False).astype(bool)
        missing = [_missing_reason(level, available, bool(one)) for one in frame["one_authority"]]
        given = frame["suppression_reason"].astype(object).fillna("suppressed").astype(str)
        reason = np.where(suppressed, given, missing)
        frame["blank_reason"] = np.where(frame["value"].isna(), reason, "")
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    trends = (
        benchmarking.recent_trends(db, icb, indicator_id, out.loc[out["value"].notna(), "area_code"].tolist())
        if "value" in out
        else {}
    )
    out["recent_trend"] = out["area_code"].map(trends).astype(object).fillna("")
    out["level"] = out["level"].map(geography.LEVEL_LABELS)
    return out.assign(indicator_id=indicator_id, indicator=indicator.name, unit=indicator.unit)


def scorecard(
    db: Database, icb: Icb, confidence: float = 0.95, comparator: str = "england", *, vaccination: bool = True
) -> pd.DataFrame:
    """Every clinical area (5 adult, 5 children's, then smoking cessation) with its status, and one row per
    indicator x column (the ICB, its places, its sub-ICB locations).

    An area with no loaded indicator gets a ``status`` row (``row_kind == "status"``) naming the best published
    measure not loaded here, before any adult proxy; an adult measure under a children's area has ``proxy`` True (the
    grid labels it :data:`lsc_phm.domain.core20plus5.ADULT_PROXY`). Every blank cell carries one ``blank_reason``.
    Published district/county series have no ICB value (none is invented). The North Yorkshire sliver (3 LSOAs) is
    not a column.

    Parameters
    ----------
    db : Database
    icb : Icb
    confidence : {0.95, 0.998}, default 0.95
        Level of the comparison with England.
    comparator : {"england", "decile", "neighbours"}, default "england"
        Places that are one district or unitary authority are compared with their peer group instead of England
        (:func:`lsc_phm.domain.comparators.against`); the added columns ``benchmark``, ``benchmark_value`` and
        ``comparison_basis`` say which benchmark each row uses.
    vaccination : bool, default True
        Add the childhood vaccination rows (a theme of its own, grouped after the clinical areas).

    Returns
    -------
    pandas.DataFrame
        :data:`SCORECARD_COLUMNS`, in display order: groups adult, children's, smoking cessation, vaccination.
    """
    table = indicator_data.availability_table(db, icb)
    columns = scorecard_areas(db, icb)
    cells: dict[str, pd.DataFrame] = {}
    frames = []

    def rows_for(indicator_id: str) -> pd.DataFrame:
        if indicator_id not in cells:
            available = indicator_data.availability(table, indicator_id)
            cells[indicator_id] = _indicator_cells(db, icb, indicator_id, available, columns, confidence)
        return cells[indicator_id]

    areas = sorted(CLINICAL_AREAS, key=lambda a: registry.GROUPS.index(a.group))
    for area in areas:
        common = {"group": area.group, "clinical_area": area.title, "area_status": area.status}
        if area.status != registry.LOADED:
            best = area.published[0] if area.published else None
            frames.append(
                pd.DataFrame(
                    [
                        {
                            **common,
                            "row_kind": "status",
                            "proxy": False,
                            "indicator_id": f"status:{area.key}",
                            "indicator": area.status_text,
                            "blank_reason": BLANK_STATUS,
                            "link": best.url if best else "",
                            "source": best.publisher if best else "",
                        }
                    ]
                )
            )
        for indicator_id, proxy in [(i, False) for i in area.indicator_ids] + [(i, True) for i in area.proxy_ids]:
            frames.append(rows_for(indicator_id).assign(**common, row_kind="indicator", proxy=proxy))
    if vaccination:
        for indicator_id in registry.VACCINATION_IDS:
            frames.append(
                rows_for(indicator_id).assign(
                    group=VACCINATION_GROUP,
                    clinical_area=VACCINATION_AREA,
                    area_status=registry.LOADED,
                    row_kind="indicator",
                    proxy=False,
                )
            )
    out = pd.concat(frames, ignore_index=True)
    for column in SCORECARD_COLUMNS:
        if column not in out.columns:
            out[column] = pd.NA
    out["proxy"] = out["proxy"].astype(bool)
    if comparator != "england":
        chosen = cast(comparators.Comparator, comparator)
        return comparators.against(db, icb, out[list(SCORECARD_COLUMNS)], chosen, confidence)
    return out[list(SCORECARD_COLUMNS)]


def blank_counts(card: pd.DataFrame) -> dict[str, int]:
    """How many indicator cells of a :func:`scorecard` are blank for each reason (legend order: most first)."""
    cells = card[(card["row_kind"] == "indicator") & card["value"].isna()]
    return cells["blank_reason"].astype(object).fillna(BLANK_NO_DATA).value_counts().to_dict()


def cancer_ambition(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the gap to the 75% early-diagnosis ambition (percentage points; negative = short of it)."""
    return frame.assign(
        ambition=CANCER_STAGE_AMBITION, gap_to_ambition=(frame["value"] - CANCER_STAGE_AMBITION).round(2)
    )
