"""A user-defined area's profile numbers: an area drawn for one session from a list of LSOA (or ward) codes, whose
deprivation summary, deciles and additive Census indicators are computed here from its LSOAs (nothing published is
combined: see :mod:`lsc_phm.views.profile_districts` for the districts it lies in).

References
----------
.. [1] MHCLG. The English Indices of Deprivation 2019 and 2025: technical reports (summary measures, File 10).
.. [2] OHID. Fingertips Public Health Technical Guidance: Wilson score intervals; benchmark comparison.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain import deprivation, indicator_data
from lsc_phm.domain.geography import Icb
from lsc_phm.stats import suppress, wilson_ci
from lsc_phm.store.db import Database
from lsc_phm.views.place_profile_areas import USER_AREA_CODE, ProfileArea, icb_in
from lsc_phm.views.place_profile_figures import FIGURE_COLUMNS, datasets_catalogue, publishers


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
