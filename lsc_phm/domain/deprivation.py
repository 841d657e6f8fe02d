"""Deprivation summaries in the MHCLG File 10 definitions, for districts, wards, places, sub-ICBs and ICBs.

Definitions (MHCLG, English Indices of Deprivation technical report, "summary measures"):

* average score: population-weighted mean of the area's LSOA IMD scores;
* average rank: population-weighted mean of LSOA ranks, counted so that the most deprived LSOA has the highest
  rank (N + 1 - published rank), as File 10 does;
* proportion of LSOAs in the most deprived 10% nationally;
* rank 1 = most deprived for every measure (districts ranked among all English districts, wards among all English
  wards, sub-ICBs and ICBs among all of theirs, places among the ICB's places);
* Core20 population share: the percentage of people living in LSOAs in national IMD deciles 1 and 2.

IMD 2019 figures are computed from LSOAs with the IoD2019 mid-2015 population denominators (they reproduce the
published File 10 average scores). IMD 2025 district and ICB average score, average rank and decile-1 proportion
are the published File 10 / File 13 values; their population, LSOA count and Core20 share, and all ward, place and
sub-ICB figures, use Census 2021 usual residents because the mid-2022 denominators are not in the data.

References
----------
.. [1] MHCLG. The English Indices of Deprivation 2019: Technical report, section on summary measures for larger
   areas. https://www.gov.uk/government/publications/english-indices-of-deprivation-2019-technical-report
.. [2] NHS England. Core20PLUS5: an approach to reducing healthcare inequalities.
   https://www.england.nhs.uk/about/equality/equality-hub/national-healthcare-inequalities-improvement-programme/core20plus5/
"""

from __future__ import annotations

import pandas as pd

from lsc_phm.domain.geography import Icb, check_level, check_vintage
from lsc_phm.store.db import Database

#: The CLI's output columns, in order.
SUMMARY_COLUMNS: tuple[str, ...] = (
    "area_code",
    "area_name",
    "lsoas",
    "population",
    "avg_score",
    "avg_score_rank",
    "avg_rank",
    "avg_rank_rank",
    "pct_lsoas_most_deprived_10",
    "core20_population_share",
)
SUMMARY_LEVELS: tuple[str, ...] = ("district", "ward", "place", "sicbl", "icb", "footprint")

#: Core20: the national IMD deciles that make up the most deprived 20% of England's population (NHS England
#: Core20PLUS5). The one definition in Python; SQL reads the column ``mart_lsoas.is_core20``
#: (queries/marts/01_mart_lsoas.sql). See docs/methods.md#core20.
CORE20_DECILES: tuple[int, ...] = (1, 2)


def is_core20(imd_decile: pd.Series | float) -> pd.Series | bool:
    """Whether a national IMD decile (1 = most deprived) is in Core20.

    Parameters
    ----------
    imd_decile : pandas.Series or number
        National IMD decile(s) of LSOAs, or the decile label of a row of a gradient by national decile.

    Returns
    -------
    pandas.Series of bool or bool
        True for deciles 1 and 2; False otherwise, including a missing decile.

    References
    ----------
    .. [1] NHS England. Core20PLUS5: an approach to reducing healthcare inequalities.

    Examples
    --------
    >>> is_core20(2), is_core20(3.0)
    (True, False)
    >>> is_core20(pd.Series([1, 2, 3, None])).tolist()
    [True, True, False, False]
    """
    if isinstance(imd_decile, pd.Series):
        return imd_decile.isin(CORE20_DECILES)
    return imd_decile in CORE20_DECILES


def lsoa_summary(lsoas: pd.DataFrame) -> dict[str, float]:
    """The File 10 summary of an area made of LSOAs, computed here (the one place it is computed in Python).

    Parameters
    ----------
    lsoas : pandas.DataFrame
        The area's LSOAs with ``population`` (the IoD weighting population), ``imd_score`` and ``imd_decile``.

    Returns
    -------
    dict
        ``lsoas, population, avg_score`` (population-weighted), ``pct_lsoas_most_deprived_10`` (% of LSOAs in
        national decile 1) and ``core20_population_share`` (% of the population in Core20 LSOAs).

    Raises
    ------
    ValueError
        When the LSOAs have no population.

    Examples
    --------
    >>> lsoa_summary(pd.DataFrame({"population": [100, 300], "imd_score": [50.0, 10.0], "imd_decile": [1, 5]}))
    {'lsoas': 2.0, 'population': 400.0, 'avg_score': 20.0, 'pct_lsoas_most_deprived_10': 50.0, \
'core20_population_share': 25.0}
    """
    weights = lsoas["population"].astype("float64")
    total = float(weights.sum())
    if lsoas.empty or total <= 0:
        raise ValueError("the LSOAs have no population to weight by")
    return {
        "lsoas": float(len(lsoas)),
        "population": total,
        "avg_score": float((weights * lsoas["imd_score"]).sum() / total),
        "pct_lsoas_most_deprived_10": float(100.0 * (lsoas["imd_decile"] == 1).mean()),
        "core20_population_share": float(100.0 * weights[is_core20(lsoas["imd_decile"])].sum() / total),
    }


def summaries(db: Database, icb: Icb, level: str, vintage: int | None = None, rounded: bool = True) -> pd.DataFrame:
    """Return File 10-style summaries at ``level`` for ``vintage`` (default: the ICB's vintage).

    Parameters
    ----------
    db : Database
    icb : Icb
        The configured ICB (its areas are listed for every level but ``district``, which lists all of England).
    level : {"district", "ward", "place", "sicbl", "icb", "footprint"}
        ``footprint``: the custom footprints of ``config/areas.toml``, ranked among the ICB's footprints.
    vintage : {2019, 2025}, optional
    rounded : bool, default True
        Round as published (set False to round once more at display time without double rounding).

    Returns
    -------
    pandas.DataFrame
        :data:`SUMMARY_COLUMNS` plus ``areas_ranked``, ``population_source`` and ``summary_source``, ordered by
        rank of average score. Scores to 3 dp, average ranks to 2 dp, percentages to 2 dp.
    """
    check_level(level, SUMMARY_LEVELS)
    vintage = check_vintage(vintage if vintage is not None else icb.imd_vintage)
    frame = db.query("deprivation_summaries", vintage=vintage, level=level, icb=icb.code)
    for column in ("lsoas", "population", "avg_score_rank", "avg_rank_rank", "areas_ranked"):
        frame[column] = frame[column].astype("int64")
    return round_summaries(frame) if rounded else frame


def round_summaries(frame: pd.DataFrame) -> pd.DataFrame:
    """Round summary measures as published (scores 3 dp, average ranks and percentages 2 dp), on a copy.

    Round once, at the end: a figure shown to 1 dp must be rounded from the unrounded value (29.047% -> 29.0%),
    not from the 2 dp one (29.05% -> 29.1%).
    """
    frame = frame.copy()
    frame["avg_score"] = frame["avg_score"].round(3)
    frame["avg_rank"] = frame["avg_rank"].round(2)
    frame["pct_lsoas_most_deprived_10"] = frame["pct_lsoas_most_deprived_10"].round(2)
    frame["core20_population_share"] = frame["core20_population_share"].round(2)
    return frame


def decile_distribution(db: Database, icb: Icb) -> pd.DataFrame:
    """Return, for both vintages, each place's LSOAs and population by national IMD decile (1 = most deprived)."""
    return db.query("place_decile_distribution", icb=icb.code)
