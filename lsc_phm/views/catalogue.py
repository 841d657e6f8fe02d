"""Page data for the Data and methods page: data sets, the registry with availability, and geography facts."""

from __future__ import annotations

import pandas as pd

from lsc_phm import config
from lsc_phm.domain import benchmarking, core20plus5, geography, indicator_data
from lsc_phm.store.db import Database

#: The comparison rule and the recent-trend method, as the Data and methods page states them.
COMPARISON_RULE = indicator_data.COMPARISON_RULE
TREND_MEANING = benchmarking.TREND_MEANING


def datasets(db: Database) -> pd.DataFrame:
    """Every source data set in the database with publisher, period, licence, transformation and row count."""
    return db.query("datasets")


def sources(db: Database) -> pd.DataFrame:
    """Every data set with its publisher, period, release and retrieval dates, and how it is kept current.

    ``release`` is the publisher's release (empty: not recorded for the vendored snapshot), ``release_source`` where
    that date comes from or why it is not recorded; ``retrieved`` the date
    the file was copied into ``data/`` or fetched by ``python -m lsc_phm refresh``; ``refreshed_by`` the refresh
    source that updates it, or "fixed release" for data that is not republished in place (Census, IMD, boundaries).
    """
    from lsc_phm.refresh.registry import ADAPTERS

    frame = db.query("datasets")
    cadence = {dataset: (cls.name, cls.cadence) for cls in ADAPTERS for dataset in cls.datasets}
    out = pd.DataFrame(
        {
            "dataset": frame["dataset"],
            "publisher": frame["publisher"],
            "period": frame["period"],
            "release": frame["release"].replace("", "not recorded"),
            "release_source": frame["release_source"],
            "retrieved": frame["retrieved"].replace("", "not recorded"),
            "origin": frame["release_origin"],
            "refreshed_by": [cadence.get(d, ("fixed release", ""))[0] for d in frame["dataset"]],
            "publisher_releases": [cadence.get(d, ("", "not republished in place"))[1] for d in frame["dataset"]],
        }
    )
    return out.reset_index(drop=True)


def release_note(db: Database, dataset_keys: tuple[str, ...]) -> str:
    """The release each of ``dataset_keys`` comes from, as one sentence for a "How was this calculated?" note.

    E.g. "fingertips_90366_life_expectancy: release 2026-12-01, retrieved 2026-12-04 (refreshed from the
    publisher)". Data sets not in the database are left out.
    """
    frame = db.constant("datasets").set_index("dataset")
    parts = []
    for key in dataset_keys:
        if key not in frame.index:
            continue
        row = frame.loc[key]
        text = f"release {row['release'] or 'not recorded'}"
        text += f", retrieved {row['retrieved']}" if row["retrieved"] else ""
        parts.append(f"{key}: {text} ({row['release_origin']})")
    return "; ".join(parts)


def registry_with_availability(db: Database, icb: geography.Icb) -> pd.DataFrame:
    """The indicator registry with, for this ICB and vintage, the levels and periods that have data."""
    registry = db.query("indicator_registry")
    by_indicator = indicator_data.availability_map(indicator_data.availability_table(db, icb))
    rows = []
    for indicator_id in registry["id"]:
        available = by_indicator[indicator_id]
        periods = sorted({p for level in available.levels for p in available.periods(level)})
        rows.append(
            {
                "id": indicator_id,
                "levels": ", ".join(available.levels) or "no data for this ICB/vintage",
                "periods": ", ".join(periods),
            }
        )
    return registry.merge(pd.DataFrame(rows), on="id", how="left")


def partial_districts(db: Database, icb_code: str) -> pd.DataFrame:
    """Districts only partly inside the ICB, per IMD vintage, with how many of their LSOAs are inside."""
    frames = []
    for vintage in config.IMD_VINTAGES:
        icb = geography.resolve_icb(db, icb_code, vintage)
        districts = geography.areas(db, icb, "district")
        partial = districts[~districts["whole_area_in_icb"]].copy()
        partial.insert(0, "imd_vintage", vintage)
        frames.append(partial[["imd_vintage", "area_code", "area_name", "lsoas"]])
    return pd.concat(frames, ignore_index=True).rename(columns={"lsoas": "lsoas_inside_icb"})


def places(db: Database, icb_code: str) -> pd.DataFrame:
    """Each place's LSOA count per vintage, and whether it equals one whole upper-tier authority."""
    frames = []
    for vintage in config.IMD_VINTAGES:
        icb = geography.resolve_icb(db, icb_code, vintage)
        frame = geography.areas(db, icb, "place")
        frame.insert(0, "imd_vintage", vintage)
        frames.append(frame[["imd_vintage", "area_code", "area_name", "lsoas", "same_as_upper_tier_code"]])
    return pd.concat(frames, ignore_index=True)


def footprints(db: Database, icb_code: str) -> pd.DataFrame:
    """The ICB's custom footprints (config/areas.toml): description, member codes, LSOAs in each vintage."""
    return db.query("footprint_list", icb=icb_code)


def sub_icb_names() -> pd.DataFrame:
    """The familiar names of sub-ICB locations shown in the app, with their codes and where each name comes from."""
    return pd.DataFrame([vars(name) for name in config.SUB_ICB_NAMES]).rename(
        columns={"ods_code": "code", "ons_code": "ons_code", "name": "name shown", "source": "source of the name"}
    )


def core20plus5_status() -> pd.DataFrame:
    """Every Core20PLUS5 clinical area with its status, from the registry
    (:func:`lsc_phm.domain.core20plus5.status_table`)."""
    return core20plus5.status_table()
