"""The indicator figures of a place profile: each indicator's latest value for the area at the best available level,
with the previous period of the same kind, its recent trend and whose value it is (see
:mod:`lsc_phm.views.place_profile` for which level an indicator is taken from).

Every value is made by :func:`lsc_phm.domain.indicator_data.prepare_values`, as :func:`lsc_phm.domain.indicator_data.
values` makes it (suppression, rounding, England comparison and metadata), from rows read for all of a profile's
indicators at once.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: benchmark comparison; recent trends.
   https://fingertips.phe.org.uk/profile/guidance
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain import benchmarking, indicator_data
from lsc_phm.domain.geography import Icb
from lsc_phm.store.db import Database
from lsc_phm.views.place_profile_areas import ProfileArea, icb_in

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


def datasets_catalogue(db: Database) -> pd.DataFrame:
    """The data-set catalogue (publisher, title, period, licence, URL of every data set held)."""
    return db.constant("datasets")


def publishers(catalogue: pd.DataFrame, keys: tuple[str, ...]) -> str:
    """The publishers of the data sets ``keys``, "; "-separated, in catalogue order."""
    found = catalogue[catalogue["dataset"].isin(keys)]
    names = list(dict.fromkeys(found["publisher"]))
    return "; ".join(names) if names else "no catalogued source"


def _value_location(
    db: Database, icb: Icb, area: ProfileArea, indicator: indicators.Indicator
) -> tuple[str, str, str, str]:
    """Return (level, area code, name the value is for, note) for the best available level."""
    if indicator.id.startswith("qof_"):
        if area.level == "icb":
            return "icb", icb.code, area.name, ""
        match = _matching_sicbl(db, icb.imd_vintage, icb.code, area.level, area.code)
        if match is not None:
            sicbl_code, sicbl_ods_code = match
            return (
                "sicbl",
                sicbl_code,
                area.name,
                f"QOF for sub-ICB location {sicbl_ods_code}, whose LSOAs are exactly {area.name}'s "
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


@functools.lru_cache(maxsize=256)
def _matching_sicbl(db: Database, vintage: int, icb_code: str, level: str, area_code: str) -> tuple[str, str] | None:
    """(code, ODS code) of the sub-ICB location whose LSOAs are exactly the area's, or None; asked once per open
    database and area, since every QOF indicator of a profile needs it and the database is read-only."""
    match = db.query("profile_matching_sicbl", vintage=vintage, icb=icb_code, level=level, area_code=area_code)
    if match.empty:
        return None
    row = match.iloc[0]
    return str(row["sicbl_code"]), str(row["sicbl_ods_code"])


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
    return section_figures(db, icb, area, {"": tuple(indicator_ids)})[""]


def section_figures(
    db: Database, icb: Icb, area: ProfileArea, sections: Mapping[str, tuple[str, ...]]
) -> dict[str, pd.DataFrame]:
    """:func:`indicator_figures` for several sections at once: the indicators of every section are read together,
    one query per IMD vintage and level (``profile_indicator_values``) instead of two or three per indicator.

    Parameters
    ----------
    db : Database
    icb : Icb
    area : ProfileArea
    sections : mapping of str to tuple of str
        Section key -> indicator ids, in the order shown.

    Returns
    -------
    dict of str to pandas.DataFrame
        Section key -> the section's figures, as :func:`indicator_figures` returns them.
    """
    catalogue = datasets_catalogue(db)
    wanted = list(dict.fromkeys(i for ids in sections.values() for i in ids))
    plans = {indicator_id: _plan(db, icb, area, indicators.get(indicator_id), catalogue) for indicator_id in wanted}
    groups: dict[tuple[Icb, str], list[str]] = {}
    for indicator_id, plan in plans.items():
        groups.setdefault((plan.icb, plan.level), []).append(indicator_id)
    read: dict[str, pd.DataFrame] = {}
    for (icb_v, level), ids in groups.items():
        frame = db.query(
            "profile_indicator_values", indicators=ids, vintage=icb_v.imd_vintage, icb=icb_v.code, level=level
        )
        read.update({str(key): rows for key, rows in frame.groupby("indicator_id", sort=False)})
    rows = {
        indicator_id: _figure_row(db, area, plan, read.get(indicator_id, _EMPTY))
        for indicator_id, plan in plans.items()
    }
    return {
        key: pd.DataFrame.from_records([rows[i] for i in ids], columns=list(FIGURE_COLUMNS))
        for key, ids in sections.items()
    }


@dataclass(frozen=True)
class _Plan:
    """Where one indicator's value for the area is read: its level, code and geography, and what is said of it."""

    indicator: indicators.Indicator
    source: str
    level: str
    code: str
    value_for: str
    note: str
    icb: Icb


def _plan(db: Database, icb: Icb, area: ProfileArea, indicator: indicators.Indicator, catalogue: pd.DataFrame) -> _Plan:
    level, code, value_for, note = _value_location(db, icb, area, indicator)
    vintage = native_vintage(indicator)
    icb_v = icb if vintage is None else icb_in(db, icb, vintage)
    if icb_v.imd_vintage != icb.imd_vintage:
        note = "; ".join(
            n for n in (note, f"{indicator.name.split(' (')[0]} is on the IMD {icb_v.imd_vintage} LSOA geography") if n
        )
    return _Plan(indicator, publishers(catalogue, indicator.sources), level, code, value_for, note, icb_v)


#: The columns of query ``indicator_values``, in its order: a period's rows of ``profile_indicator_values`` are
#: handed to :func:`lsc_phm.domain.indicator_data.prepare_values` as that query would give them.
VALUES_COLUMNS = [
    "area_code",
    "area_name",
    "value",
    "lowercl",
    "uppercl",
    "numerator",
    "denominator",
    "ci_source",
    "published_comparison",
    "published_comparison_level",
    "value_note",
    "period",
    "england_value",
]
_EMPTY = pd.DataFrame(columns=["indicator_id", "area_code", "value", "period", "period_sort"])


def _period_values(db: Database, plan: _Plan, rows: pd.DataFrame, period: str) -> pd.DataFrame:
    """The area's row of :func:`lsc_phm.domain.indicator_data.values` for one period (every area of the level goes
    in, since suppression is secondary across them)."""
    frame = rows.loc[rows["period"] == period, VALUES_COLUMNS].reset_index(drop=True)
    frame = indicator_data.prepare_values(db, plan.icb, frame, plan.indicator, plan.level, period)
    return frame[frame["area_code"] == plan.code]


def _figure_row(db: Database, area: ProfileArea, plan: _Plan, rows: pd.DataFrame) -> dict[str, object]:
    """One indicator's row of :func:`indicator_figures`: its latest value, and the previous one of the same kind."""
    indicator = plan.indicator
    # the area's own series, oldest first, as query indicator_series orders it
    history = rows[(rows["area_code"] == plan.code) & rows["value"].notna()].sort_values(["period_sort", "period"])
    if history.empty:
        return _no_data_row(area, indicator, plan.source, _missing_reason(indicator, area))
    periods = list(history.sort_values("period_sort")["period"].drop_duplicates())
    latest = _period_values(db, plan, rows, periods[-1])
    if latest.empty or latest["value"].isna().all() and not latest["suppressed"].any():
        return _no_data_row(area, indicator, plan.source, _missing_reason(indicator, area))
    row = latest.iloc[0].to_dict()
    value_for = proxy_name(area, str(row.get("value_note") or "")) or plan.value_for
    row["recent_trend"] = benchmarking.recent_trend(history, indicator)
    note = "; ".join(n for n in (plan.note, str(row.get("value_note") or "")) if n)
    row.update(
        area_code=area.code,
        area_name=area.name,
        source=plan.source,
        value_for=value_for,
        note=note,
        previous_period="",
        previous_value=np.nan,
        previous_lowercl=np.nan,
        previous_uppercl=np.nan,
    )
    same_kind = [p for p in periods[:-1] if _same_kind(periods[-1], p)]
    if same_kind and indicator.id not in CUMULATIVE_IDS:
        previous = _period_values(db, plan, rows, same_kind[-1])
        if not previous.empty and previous["value"].notna().any():
            prev = previous.iloc[0]
            row.update(
                previous_period=same_kind[-1],
                previous_value=prev["value"],
                previous_lowercl=prev["lowercl"],
                previous_uppercl=prev["uppercl"],
            )
    return row
