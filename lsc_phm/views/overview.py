"""Page data for the overview: the ICB's headline figures, each with its source and period.

Every figure comes from the same functions the other pages and exports use (:mod:`lsc_phm.domain.deprivation`,
:mod:`lsc_phm.domain.indicator_data`), so the overview never recomputes what the domain already computes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lsc_phm import config
from lsc_phm.domain import benchmarking, deprivation, geography, indicator_data
from lsc_phm.render import charts
from lsc_phm.store.db import Database


@dataclass(frozen=True)
class Headline:
    """One headline figure with the words needed to trace it."""

    label: str
    value: str
    detail: str
    source: str


def headlines(db: Database, icb_code: str) -> list[Headline]:
    """Population and Core20 share for both IMD vintages (population, LSOA counts and shares from the database)."""
    figures = []
    for vintage in config.IMD_VINTAGES:
        icb = geography.resolve_icb(db, icb_code, vintage)
        summary = deprivation.summaries(db, icb, "icb", vintage, rounded=False).iloc[0]
        population = indicator_data.values(db, icb, "population", "icb", "mid-2020" if vintage == 2019 else "2021")
        residents = population["value"].iloc[0]
        source = ("ONS mid-2020 LSOA population estimates (2011 LSOAs)" if vintage == 2019
                  else "ONS Census 2021 usual residents (2021 LSOAs)")
        figures.append(Headline(
            f"Population ({'mid-2020' if vintage == 2019 else 'Census 2021'})", f"{residents:,.0f}",
            f"{icb.lsoas:,} LSOAs (IMD {vintage} geography)", source))
        figures.append(Headline(
            f"Core20 share, IMD {vintage}", f"{summary.core20_population_share:.1f}%",
            f"people in national deciles 1-2; ICB ranked {summary.avg_score_rank} of {summary.areas_ranked} "
            "on average IMD score (1 = most deprived)",
            f"MHCLG IoD{vintage}; weights: {summary.population_source}"))
    return figures


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
        return "Recent trend: " + "; ".join(f"{names[code]} {benchmarking.trend_arrow(text)} {text}"
                                            for code, text in tested.items()) + "."
    reasons = list(dict.fromkeys(trends.values()))
    return "Recent trend: " + (reasons[0][0].lower() + reasons[0][1:] if len(reasons) == 1 else
                               "not tested for these areas") + "."
