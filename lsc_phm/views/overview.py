"""Page data for the overview: the ICB's headline figures, each with its source and period.

Every figure comes from the same functions the other pages and exports use (:mod:`lsc_phm.domain.deprivation`,
:mod:`lsc_phm.domain.indicator_data`), so the overview never recomputes what the domain already computes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lsc_phm import config
from lsc_phm.domain import benchmarking, deprivation, dropped_areas, geography, indicator_data, part_areas, pcn
from lsc_phm.render import charts, formats
from lsc_phm.store.db import Database


@dataclass(frozen=True)
class Headline:
    """One headline figure with the words needed to trace it."""

    label: str
    value: str
    detail: str
    source: str


def headlines(db: Database, icb_code: str) -> list[Headline]:
    """Residents and Core20 share for both IMD vintages (latest first), and the patients registered with the ICB's
    GP practices (population, LSOA counts, list sizes and shares from the database)."""
    figures = []
    for vintage in sorted(config.IMD_VINTAGES, reverse=True):
        icb = geography.resolve_icb(db, icb_code, vintage)
        summary = deprivation.summaries(db, icb, "icb", vintage, rounded=False).iloc[0]
        population = indicator_data.values(db, icb, "population", "icb", "mid-2020" if vintage == 2019 else "2021")
        residents = population["value"].iloc[0]
        source = (
            "ONS mid-2020 LSOA population estimates (2011 LSOAs)"
            if vintage == 2019
            else "ONS Census 2021 usual residents (2021 LSOAs)"
        )
        figures.append(
            Headline(
                f"Population ({'mid-2020' if vintage == 2019 else 'Census 2021'})",
                f"{residents:,.0f}",
                f"{icb.lsoas:,} LSOAs (IMD {vintage} geography)",
                source,
            )
        )
        figures.append(
            Headline(
                f"Core20 share, IMD {vintage}",
                f"{summary.core20_population_share:.1f}%",
                f"people in national deciles 1-2; ICB ranked {summary.avg_score_rank} of {summary.areas_ranked} "
                "on average IMD score (1 = most deprived)",
                f"MHCLG IoD{vintage}; weights: {summary.population_source}",
            )
        )
    registered = registered_patients(db, icb_code)
    populations = [f for f in figures if f.label.startswith("Population")]
    side_by_side = populations[:1] + ([registered] if registered is not None else []) + populations[1:]
    return side_by_side + [f for f in figures if f not in populations]


#: The ICB population figure commonly quoted in plans (NHS Lancashire and South Cumbria's Joint Forward Plan).
QUOTED_POPULATION = "1.8 million"


def registered_patients(db: Database, icb_code: str) -> Headline | None:
    """Patients registered with the ICB's GP practices: the all-age list sizes of QOF's latest year, summed (None if
    the ICB has no QOF practices)."""
    icb = geography.resolve_icb(db, icb_code, config.DEFAULT_IMD_VINTAGE)
    periods = pcn.qof_periods(db, icb)
    if not periods:
        return None
    lists = indicator_data.values(db, icb, "qof_hyp", "icb", periods[0])  # hypertension: an all-age register
    if lists.empty or pd.isna(lists["denominator"].iloc[0]):
        return None
    practices = len(db.query("practice_values", indicator="qof_hyp", icb=icb.code, level="practice", period=periods[0]))
    year = formats.period_label(periods[0])
    return Headline(
        f"Registered patients (QOF {year})",
        f"{lists['denominator'].iloc[0]:,.0f}",
        f"on the lists of the ICB's {practices} GP practices, all ages",
        f"NHS England QOF {year} practice list sizes, summed",
    )


def population_note(figures: list[Headline]) -> str:
    """One sentence on why residents, registered patients and the quoted "1.8 million" differ."""
    residents = [
        f"{f.label.removeprefix('Population (').rstrip(')')}: {f.value}"
        for f in figures
        if f.label.startswith("Population")
    ]
    registered = [f.value for f in figures if f.label.startswith("Registered patients")]
    if not residents or not registered:
        return ""
    return (
        f"Residents ({'; '.join(residents)}) count the people who live in the ICB's neighbourhoods (ONS); "
        f"registered patients ({registered[0]}) count the people on its GP practices' lists, which also include "
        "people who live outside the ICB or have moved away but are still registered, so lists exceed residents; "
        f'the "{QUOTED_POPULATION}" quoted in the Joint Forward Plan is a rounded figure between the two.'
    )


def label_part_areas(db: Database, icb: geography.Icb, frame: pd.DataFrame, level: str) -> pd.DataFrame:
    """``frame`` with " (part)" after the name of every area only partly in the ICB (its value is the whole
    authority's), in either IMD vintage (:func:`lsc_phm.domain.part_areas.label_partial_areas`)."""
    return part_areas.label_partial_areas(db, icb, frame, level)


def missing_areas_note(db: Database, icb: geography.Icb, indicator_id: str, frame: pd.DataFrame) -> str:
    """Name the areas that drop out of a chart of ``frame`` (no value in its period), each with the reason
    (:func:`lsc_phm.domain.dropped_areas.dropped_areas`)."""
    dropped = dropped_areas.dropped_areas(db, icb, indicator_id, frame)
    if dropped.empty:
        return ""
    note = formats.dropped_note(zip(dropped["area_name"], dropped["reason"], strict=True), frame["period"].iloc[0])
    if icb.imd_vintage == 2025 and any(code.startswith("E06") for code in dropped["area_code"]):
        note += (
            " With IMD 2019 (the vintage switch) the former districts these authorities replaced are "
            "shown with their own values."
        )
    return note


def decile_shares(db: Database, icb_code: str) -> pd.DataFrame:
    """Share of each place's population in each national IMD decile, for IMD 2019 and 2025."""
    icb = geography.resolve_icb(db, icb_code, config.DEFAULT_IMD_VINTAGE)
    frame = deprivation.decile_distribution(db, icb)
    totals = frame.groupby(["imd_vintage", "place_code"])["population"].transform("sum")
    frame["population_share"] = 100.0 * frame["population"] / totals
    frame["imd_decile_label"] = frame["imd_decile"].map(lambda d: charts.DECILE_LABELS[int(d) - 1])
    return frame


def latest_comparison(db: Database, icb: geography.Icb, indicator_id: str, level: str) -> pd.DataFrame:
    """An indicator's latest period at ``level`` for the ICB's areas, with England (empty if no data)."""
    available = indicator_data.availability(indicator_data.availability_table(db, icb), indicator_id)
    period = available.latest(level)
    if period is None:
        return pd.DataFrame(columns=list(indicator_data.EXPORT_COLUMNS))
    return indicator_data.values(db, icb, indicator_id, level, period)


def trend_line(db: Database, icb: geography.Icb, indicator_id: str, frame: pd.DataFrame) -> str:
    """One line on the recent trend of the areas shown: each area's arrow and wording where a trend is held (OHID's,
    or computed here from 5+ periods with counts), else the reason no trend is shown (the same for every area)."""
    shown = frame[frame["value"].notna()]
    trends = benchmarking.recent_trends(db, icb, indicator_id, shown["area_code"].tolist())
    names = dict(zip(shown["area_code"], shown["area_name"], strict=False))
    tested = {code: text for code, text in trends.items() if benchmarking.trend_arrow(text)}
    if tested:
        return (
            "Recent trend: "
            + "; ".join(f"{names[code]} {benchmarking.trend_arrow(text)} {text}" for code, text in tested.items())
            + "."
        )
    reasons = list(dict.fromkeys(trends.values()))
    return (
        "Recent trend: "
        + (reasons[0][0].lower() + reasons[0][1:] if len(reasons) == 1 else "not tested for these areas")
        + "."
    )
