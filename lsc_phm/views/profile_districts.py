"""Published values of the districts an area is made of, and their England ranks, for the place profile.

Published rates (life expectancy, smoking, ...) cannot be added up across districts, so a place without a value of
its own, a custom footprint and a user-defined area show each district's published value instead of inventing a
combined figure; a county place shows each district's England rank.

References
----------
.. [1] MHCLG. The English Indices of Deprivation 2019 and 2025: File 10 (local authority district summaries).
"""

from __future__ import annotations

import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain import deprivation, dropped_areas, geography, indicator_data, part_areas
from lsc_phm.domain.geography import Icb
from lsc_phm.store.db import Database
from lsc_phm.views.place_profile import footprint_members
from lsc_phm.views.place_profile_areas import ProfileArea, icb_in
from lsc_phm.views.place_profile_figures import VALUES_COLUMNS


def member_figures(db: Database, icb: Icb, area: ProfileArea, indicator_ids: tuple[str, ...]) -> pd.DataFrame:
    """For a custom footprint: the latest published value of each non-additive indicator for each member district.

    Published rates (life expectancy, smoking, ...) cannot be added up across districts, so a footprint shows them
    per member instead of inventing a combined figure. Districts only partly inside the footprint are named so.

    Returns
    -------
    pandas.DataFrame
        :data:`lsc_phm.domain.indicator_data.EXPORT_COLUMNS` plus ``member_of`` (the footprint's name); empty for
        other levels.
    """
    if area.level != "footprint":
        return pd.DataFrame(columns=[*indicator_data.EXPORT_COLUMNS, "member_of"])
    members = footprint_members(db, icb, area.code)
    districts = members[members["level"] == "district"].rename(columns={"lsoas_in_footprint": "lsoas_in_area"})
    return district_figures(db, icb, districts, indicator_ids, area.name, "footprint")


def district_figures(
    db: Database, icb: Icb, districts: pd.DataFrame, indicator_ids: tuple[str, ...], member_of: str, inside_word: str
) -> pd.DataFrame:
    """The latest published value of each non-additive indicator for each member district of an area.

    Parameters
    ----------
    districts : pandas.DataFrame
        ``area_code`` (LAD code) and ``lsoas_in_area`` (how many of its LSOAs lie in the area).
    member_of : str
        The area's name (the ``member_of`` column).
    inside_word : str
        How a partial member is marked, e.g. "footprint" gives "Burnley (part in footprint)".

    Returns
    -------
    pandas.DataFrame
        :data:`lsc_phm.domain.indicator_data.EXPORT_COLUMNS` plus ``member_of``.
    """
    all_districts = geography.areas(db, icb, "district")
    whole = dict(zip(all_districts["area_code"], all_districts["lsoas"], strict=False))
    frames = _latest_district_values(
        db, icb, [i for i in indicator_ids if not i.startswith("qof_")], list(districts["area_code"])
    )
    if not frames:
        return pd.DataFrame(columns=[*indicator_data.EXPORT_COLUMNS, "member_of"])
    out = pd.concat(frames, ignore_index=True)
    inside = dict(zip(districts["area_code"], districts["lsoas_in_area"], strict=False))
    out["area_name"] = [
        name if inside.get(code) == whole.get(code) else f"{name} (part in {inside_word})"
        for code, name in zip(out["area_code"], out["area_name"], strict=False)
    ]
    return out.assign(member_of=member_of)


def place_district_figures(db: Database, icb: Icb, area: ProfileArea, indicator_ids: tuple[str, ...]) -> pd.DataFrame:
    """For a place: the latest published value of each given indicator for each of the place's districts.

    Used where the place itself has no value (Lancashire county life expectancy is not in the extract held), so the
    profile shows the districts' published values instead of none, and never a combined figure (rates and life
    expectancies are not additive).

    Returns
    -------
    pandas.DataFrame
        :data:`lsc_phm.domain.indicator_data.EXPORT_COLUMNS` plus ``member_of`` (the place's name); empty for other
        levels or when no district has a value.
    """
    empty = pd.DataFrame(columns=[*indicator_data.EXPORT_COLUMNS, "member_of"])
    if area.level != "place" or not indicator_ids:
        return empty
    districts = geography.areas(db, icb, "district")
    districts = districts[districts["place_code"] == area.code]
    frames = [
        values[values["value"].notna()]
        for values in _latest_district_values(db, icb, indicator_ids, list(districts["area_code"]))
    ]
    if not frames:
        return empty
    out = pd.concat(frames, ignore_index=True)
    whole = dict(zip(districts["area_code"], districts["whole_area_in_icb"].astype(bool), strict=False))
    out["area_name"] = [
        name if whole.get(code, True) else part_areas.part_name(name)
        for code, name in zip(out["area_code"], out["area_name"], strict=False)
    ]
    return out.assign(member_of=area.name)


def place_district_dropped(db: Database, icb: Icb, area: ProfileArea, indicator_ids: tuple[str, ...]) -> pd.DataFrame:
    """For a place: the districts left out of :func:`place_district_figures` (no value in the period shown), each with
    the reason (:func:`lsc_phm.domain.dropped_areas.dropped_areas`), so the chart of the districts names them.

    Returns
    -------
    pandas.DataFrame
        ``indicator_id, period, area_code, area_name, reason`` (a district partly in the ICB named "... (part)");
        empty when every district has a value, or for other levels.
    """
    columns = ["indicator_id", "period", "area_code", "area_name", "reason"]
    if area.level != "place" or not indicator_ids:
        return pd.DataFrame(columns=columns)
    districts = geography.areas(db, icb, "district")
    districts = districts[districts["place_code"] == area.code]
    whole = dict(zip(districts["area_code"], districts["whole_area_in_icb"].astype(bool), strict=False))
    frames = []
    for values in _latest_district_values(db, icb, indicator_ids, list(districts["area_code"])):
        left_out = dropped_areas.dropped_areas(db, icb, str(values["indicator_id"].iloc[0]), values)
        frames.append(left_out.assign(indicator_id=values["indicator_id"].iloc[0], period=values["period"].iloc[0]))
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    out["area_name"] = [
        name if whole.get(code, True) else part_areas.part_name(name)
        for code, name in zip(out["area_code"], out["area_name"], strict=False)
    ]
    return out[columns]


def district_ranks(db: Database, icb: Icb, area: ProfileArea) -> pd.DataFrame:
    """For a place made of several districts (a county such as Lancashire), each district's England rank.

    Returns
    -------
    pandas.DataFrame
        ``imd_vintage, area_code, area_name, avg_score_rank, areas_ranked, summary_source, whole_area_in_icb`` for the
        districts whose place is ``area`` (a district only partly in the ICB is ranked as a whole and named
        "... (part)"), one row per district and vintage, most deprived first; empty for other areas.
    """
    if area.level != "place":
        return pd.DataFrame()
    frames = []
    for vintage in config.IMD_VINTAGES:
        icb_v = icb_in(db, icb, vintage)
        districts = geography.areas(db, icb_v, "district")
        codes = set(districts.loc[districts["place_code"] == area.code, "area_code"])
        if len(codes) < 2:
            continue
        summary = deprivation.summaries(db, icb_v, "district", vintage)
        rows = summary[summary["area_code"].isin(codes)].sort_values("avg_score_rank")
        rows = rows[["area_code", "area_name", "avg_score_rank", "areas_ranked", "summary_source"]].copy()
        whole = dict(zip(districts["area_code"], districts["whole_area_in_icb"].astype(bool), strict=False))
        rows["whole_area_in_icb"] = [whole.get(code, True) for code in rows["area_code"]]  # False: ranked as a whole
        rows = part_areas.label_frame(rows, part_areas.partial_codes(db, icb_v, "district"))
        rows.insert(0, "imd_vintage", vintage)
        frames.append(rows)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _latest_district_values(db: Database, icb: Icb, indicator_ids: list[str], codes: list[str]) -> list[pd.DataFrame]:
    """Each indicator's values for the districts ``codes`` in its latest period with a value for any of them.

    Indicators with no value for these districts are left out. Every indicator is read in one query
    (``profile_indicator_values``, all the ICB's districts in every period) and each period's rows are made ready
    as :func:`lsc_phm.domain.indicator_data.values` makes them.
    """
    read = db.query(
        "profile_indicator_values",
        indicators=list(indicator_ids),
        vintage=icb.imd_vintage,
        icb=icb.code,
        level="district",
    )
    by_indicator = {str(key): rows for key, rows in read.groupby("indicator_id", sort=False)}
    frames = []
    for indicator_id in indicator_ids:
        rows = by_indicator.get(indicator_id)
        if rows is None:
            continue
        # the districts' series in the order query indicator_series gives it
        history = rows[rows["area_code"].isin(codes) & rows["value"].notna()]
        history = history.sort_values(["area_code", "period_sort", "period"])
        if history.empty:
            continue
        latest = history.sort_values("period_sort")["period"].iloc[-1]
        frame = rows.loc[rows["period"] == latest, VALUES_COLUMNS].reset_index(drop=True)
        values = indicator_data.prepare_values(db, icb, frame, indicators.get(indicator_id), "district", latest)
        frames.append(values[values["area_code"].isin(codes)])
    return frames
