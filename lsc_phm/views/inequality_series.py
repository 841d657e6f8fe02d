"""Published series for the Inequalities page: indicators over time for the ICB's districts or places, England's
gradient by national IMD decile computed from every English LSOA, and OHID's own England-by-decile values.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: assigning deprivation categories.
   https://fingertips.phe.org.uk/profile/guidance
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain import benchmarking, geography, indicator_data, part_areas
from lsc_phm.domain.geography import Icb
from lsc_phm.stats import wilson_ci
from lsc_phm.store.db import Database
from lsc_phm.views.inequalities import NoData, group_label


@dataclass(frozen=True)
class PublishedSeries:
    """A published indicator over time for the ICB's districts or places, with England and the coverage gaps."""

    indicator_id: str
    level: str
    series: pd.DataFrame
    latest: pd.DataFrame
    missing: tuple[str, ...]
    best_worst: dict[str, object]


def same_kind_of_period(series: pd.DataFrame) -> pd.DataFrame:
    """Keep, for each area, only the periods of the same kind as its latest one (e.g. 3-year pooled "2022 - 24" or
    single years "2024"), so a trend line never mixes single-year and pooled periods.

    Examples
    --------
    >>> frame = pd.DataFrame({"area_code": ["A"] * 3, "period": ["2018", "2019", "2019 - 21"],
    ...                       "period_sort": [2018.0, 2019.0, 2021.0]})
    >>> list(same_kind_of_period(frame)["period"])
    ['2019 - 21']
    """
    if series.empty:
        return series
    kinds = series["period"].astype(str).str.replace(r"\d", "9", regex=True)
    latest = series.assign(kind=kinds).sort_values("period_sort").groupby("area_code")["kind"].last()
    return series[kinds.to_numpy() == series["area_code"].map(latest).to_numpy()].reset_index(drop=True)


def published_series(
    db: Database, icb: Icb, indicator_id: str, level: str = "district", with_latest: bool = True
) -> PublishedSeries:
    """Every period of a published series (LE, HLE, SII in LE, smoking) for the ICB's districts or places + England.

    ``with_latest=False`` skips ``latest`` and ``best_worst`` (left empty) for callers that draw the series only.

    Returns
    -------
    PublishedSeries
        ``series`` (area_code, area_name, period, period_sort, value, lowercl, uppercl, is_england; per area only the
        periods of the same kind as its latest, see :func:`same_kind_of_period`), ``latest`` (the
        most recent period's values for the ICB's areas, from :func:`lsc_phm.domain.indicator_data.values`), ``missing``
        (areas with no value in any period) and ``best_worst`` (best, worst and the gap between them in the latest
        period, by the indicator's polarity; for no-judgement indicators highest and lowest).

    Raises
    ------
    ValueError
        For an unknown indicator or a level other than district or place.
    """
    indicator = indicators.get(indicator_id)
    geography.check_level(level, ("district", "place"))
    areas = geography.areas(db, icb, level)
    names = dict(zip(areas["area_code"], areas["area_name"], strict=False))
    for code in part_areas.partial_codes(db, icb, level):
        names[code] = part_areas.part_name(names[code])
    codes = list(names) + [config.ENGLAND_CODE]
    series = same_kind_of_period(indicator_data.series(db, icb, indicator_id, codes))
    series = series.assign(is_england=series["area_code"] == config.ENGLAND_CODE)
    series = benchmarking.series_comparison(series, indicator)
    series["area_name"] = [
        ("England" if code == config.ENGLAND_CODE else names.get(code, name))
        for code, name in zip(series["area_code"], series["area_name"], strict=False)
    ]
    missing = tuple(sorted(names[c] for c in names if c not in set(series["area_code"])))
    local = series[~series["is_england"]]
    latest = pd.DataFrame(columns=list(indicator_data.EXPORT_COLUMNS))
    best_worst: dict[str, object] = {}
    if not local.empty and with_latest:
        period = local.sort_values("period_sort").iloc[-1]["period"]
        latest = indicator_data.values(db, icb, indicator_id, level, period)
        latest["area_name"] = [names.get(c, n) for c, n in zip(latest["area_code"], latest["area_name"], strict=False)]
        present = latest[latest["value"].notna()]
        if len(present) >= 2:
            high = present.loc[present["value"].idxmax()]
            low = present.loc[present["value"].idxmin()]
            if indicator.polarity == "low_is_good":
                best, worst = low, high
            else:
                best, worst = high, low
            best_worst = {
                "period": period,
                "best_area": best["area_name"],
                "best_value": float(best["value"]),
                "worst_area": worst["area_name"],
                "worst_value": float(worst["value"]),
                "gap": round(abs(float(high["value"]) - float(low["value"])), indicator.decimals),
                "judged": indicator.polarity != "no_judgement",
                "areas": len(present),
            }
    return PublishedSeries(indicator_id, level, series, latest, missing, best_worst)


def england_gradient(db: Database, icb: Icb, indicator_id: str, period: str, confidence: float = 0.95) -> pd.DataFrame:
    """England's own gradient for an LSOA-based count indicator, by national IMD decile (every English LSOA), to draw
    beside the ICB's.

    Returns
    -------
    pandas.DataFrame
        ``deprivation_group, group_label, units, numerator, denominator, value, lowercl, uppercl, confidence, method``
        (percent; Wilson score interval at ``confidence``). Empty when the indicator has no counts.

    Raises
    ------
    ValueError
        For an unknown indicator or a confidence level other than 0.95 or 0.998.
    """
    indicator = indicators.get(indicator_id)
    if confidence not in (0.95, 0.998):
        raise ValueError("confidence must be 0.95 or 0.998")
    table = db.query("ineq_england_deciles", indicator=indicator_id, vintage=icb.imd_vintage, period=str(period))
    table = table[table["denominator"].fillna(0) > 0].copy()
    if table.empty or indicator.ci_method != "wilson":
        return pd.DataFrame(
            columns=[
                "deprivation_group",
                "group_label",
                "units",
                "numerator",
                "denominator",
                "value",
                "lowercl",
                "uppercl",
                "confidence",
                "method",
            ]
        )
    limits = wilson_ci(table["numerator"].clip(upper=table["denominator"]), table["denominator"], confidence)
    table["value"] = (100.0 * limits["value"]).to_numpy()
    table["lowercl"] = (100.0 * limits["lowercl"]).to_numpy()
    table["uppercl"] = (100.0 * limits["uppercl"]).to_numpy()
    table["group_label"] = [group_label(int(g), 10) for g in table["deprivation_group"]]
    table["confidence"] = f"{confidence:.1%}".replace(".0%", "%")
    table["method"] = "Wilson score interval (computed here); every English LSOA by its national IMD decile"
    return table[
        [
            "deprivation_group",
            "group_label",
            "units",
            "numerator",
            "denominator",
            "value",
            "lowercl",
            "uppercl",
            "confidence",
            "method",
        ]
    ].reset_index(drop=True)


#: Decile groupings OHID publishes England by, in the users' words.
PUBLISHED_DECILE_GROUPINGS: dict[str, str] = {
    "district": "District & UA deprivation deciles",
    "county": "County & UA deprivation deciles",
}


@dataclass(frozen=True)
class PublishedEnglandGradient:
    """OHID's England-by-deprivation-decile values for one indicator, grouping and period (publisher's figures)."""

    indicator_id: str
    grouping: str
    period: str
    category_type: str
    table: pd.DataFrame
    description: str
    #: The ICB's own published (or summed) value for the same period, and England's, where held (else None).
    icb_value: pd.Series | None = None
    england_value: float | None = None


def published_decile_indicators(db: Database) -> tuple[str, ...]:
    """Registry ids (in registry order) with an England-by-deprivation-decile series from OHID."""
    held = set(db.query("ineq_published_england_deciles_ids")["indicator_id"])
    return tuple(i for i in indicators.all_ids() if i in held)


def published_decile_options(db: Database, indicator_id: str) -> dict[str, tuple[str, ...]]:
    """Grouping (``district``/``county``) -> periods with a complete published series (10 deciles), latest first."""
    frame = _published_decile_rows(db, indicator_id)
    options: dict[str, tuple[str, ...]] = {}
    for grouping in PUBLISHED_DECILE_GROUPINGS:
        rows = frame[frame["grouping"] == grouping]
        options[grouping] = tuple(rows.sort_values("period_sort", ascending=False)["period"].drop_duplicates())
    return {grouping: found for grouping, found in options.items() if found}


def _published_decile_rows(db: Database, indicator_id: str) -> pd.DataFrame:
    """Every published decile row, with its grouping and geography version; one category type per period (the
    latest geography version OHID published it on), complete series (10 deciles) only."""
    indicators.get(indicator_id)
    frame = db.query("ineq_published_england_deciles", indicator=indicator_id)
    if frame.empty:
        return frame.assign(grouping=pd.Series(dtype="object"), version=pd.Series(dtype="float64"))
    text = frame["category_type"].astype(str)
    frame["grouping"] = np.where(
        text.str.contains("District", case=False),
        "district",
        np.where(text.str.contains("County", case=False), "county", ""),
    )
    # geography version "4/23" -> 23 (the later boundaries where OHID published the same period on two)
    frame["version"] = pd.to_numeric(text.str.extract(r"4/(\d{2})")[0], errors="coerce")
    complete = frame.groupby(["grouping", "period", "category_type"])["deprivation_group"].transform("nunique") == 10
    frame = frame[complete & (frame["grouping"] != "")]
    latest = frame.groupby(["grouping", "period"])["version"].transform("max")
    return frame[frame["version"] == latest].reset_index(drop=True)


def published_england_gradient(
    db: Database, icb: Icb, indicator_id: str, grouping: str = "district", period: str | None = None
) -> PublishedEnglandGradient:
    """OHID's own England values by deprivation decile of district (or county/UA), with its published 95% limits.

    These are the publisher's figures, drawn as published: areas (not LSOAs) are grouped by the IMD 2019 decile of
    their district or county/unitary authority, so they are not comparable bar for bar with an LSOA gradient.

    Parameters
    ----------
    icb : Icb
        Whose own value for the same period is returned beside the gradient (``icb_value``), where held.
    grouping : {"district", "county"}
    period : str, optional
        Default: the latest period with a complete series.

    Raises
    ------
    NoData
        If OHID's extract has no complete England-by-decile series for the indicator, grouping and period.
    ValueError
        For an unknown indicator or grouping.
    """
    indicator = indicators.get(indicator_id)
    if grouping not in PUBLISHED_DECILE_GROUPINGS:
        raise ValueError(f"grouping must be one of {', '.join(PUBLISHED_DECILE_GROUPINGS)}, not '{grouping}'")
    rows = _published_decile_rows(db, indicator_id)
    rows = rows[rows["grouping"] == grouping]
    if rows.empty:
        raise NoData(
            f"OHID publishes no England-by-decile series of {indicator.name} by "
            f"{PUBLISHED_DECILE_GROUPINGS[grouping].lower()} in the data held"
        )
    if period is None:
        period = str(rows.sort_values("period_sort").iloc[-1]["period"])
    rows = rows[rows["period"] == period]
    if rows.empty:
        raise NoData(f"no England-by-decile series of {indicator.name} for {period}")
    table = rows.sort_values("deprivation_group").copy()
    table["deprivation_group"] = table["deprivation_group"].astype("int64")
    table["group_label"] = [group_label(int(g), 10) for g in table["deprivation_group"]]
    table["units"] = np.nan
    table["confidence"] = np.where(table["lowercl"].notna(), "95%", "")
    table["method"] = "published by OHID (value and 95% limits as published)"
    category = str(table["category_type"].iloc[0]).strip('"')
    kind = "district or unitary authority" if grouping == "district" else "county or unitary authority"
    description = (
        f"England by deprivation decile of {kind}, {period}, as published by OHID ({category}): every "
        f"English {kind} grouped by its IMD 2019 deprivation decile; values and 95% limits as published. "
        "Group 1 = most deprived. Areas, not neighbourhoods, are grouped, so the bars are not comparable "
        "one for one with an LSOA gradient."
    )
    columns = [
        "deprivation_group",
        "group_label",
        "units",
        "numerator",
        "denominator",
        "value",
        "lowercl",
        "uppercl",
        "confidence",
        "method",
    ]
    icb_rows = indicator_data.values(db, icb, indicator_id, "icb", period)
    icb_rows = icb_rows[icb_rows["value"].notna()]
    icb_value = icb_rows.iloc[0] if len(icb_rows) else None
    england = indicator_data.values(db, icb, indicator_id, "district", period)["england_value"].dropna()
    return PublishedEnglandGradient(
        indicator_id,
        grouping,
        period,
        category,
        table[columns].reset_index(drop=True),
        description,
        icb_value,
        float(england.iloc[0]) if len(england) else None,
    )
