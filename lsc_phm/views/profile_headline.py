"""The profile's headline figures, one figure per thing: the area's residents, England's Core20 population share
(the benchmark of the area's) and the deprivation rank to headline for each IMD vintage.

The rest of the profile's numbers are in :mod:`lsc_phm.views.place_profile` and the modules it names.

References
----------
.. [1] MHCLG. The English Indices of Deprivation 2019 and 2025: File 10 (local authority district summaries).
.. [2] NHS England. Core20PLUS5: an approach to reducing healthcare inequalities.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from lsc_phm.store.db import Database

if TYPE_CHECKING:  # only for annotations: place_profile imports this module
    from lsc_phm.views.place_profile_areas import ProfileArea


@dataclass(frozen=True)
class AreaPopulation:
    """An area's residents, summed from its LSOAs (for part of an authority: the part in the ICB).

    Attributes
    ----------
    residents : int
    lsoas : int
    period : str
        "mid-2020" (ONS estimates, IMD 2019 geography) or "2021" (Census 2021, IMD 2025 geography).
    source : str
        What the figure is, e.g. "ONS mid-2020 LSOA population estimates".
    part_of : str or None
        The authority's name when only part of it is in the ICB.
    """

    residents: int
    lsoas: int
    period: str
    source: str
    part_of: str | None = None

    def describe(self) -> str:
        """E.g. "the part of Westmorland and Furness in this ICB: 106 LSOAs, 149,000 residents (...)"."""
        what = f"the part of {self.part_of} in this ICB: " if self.part_of else ""
        return f"{what}{self.lsoas:,} LSOAs, {self.residents:,} residents ({self.source}, summed from the LSOAs)"


def area_population(deciles: pd.DataFrame, area: ProfileArea, vintage: int) -> AreaPopulation | None:
    """The area's residents from :func:`lsc_phm.views.place_profile.decile_frame` (the same LSOAs as every other
    figure of the profile).

    Returns None when the area has no LSOAs in this vintage's geography.
    """
    rows = deciles[deciles["imd_vintage"] == vintage] if not deciles.empty else deciles
    if rows.empty or rows["residents"].isna().all():
        return None
    source = str(rows["residents_source"].dropna().iloc[0])
    period = "mid-2020" if "mid-2020" in source else ("2021" if "2021" in source else "")
    return AreaPopulation(
        int(rows["residents"].sum()),
        int(rows["lsoas"].sum()),
        period,
        source,
        None if area.whole_area_in_icb else area.name,
    )


def england_core20_share(db: Database, vintage: int) -> float:
    """England's Core20 population share (%), the benchmark of an area's share (about 20% by construction)."""
    return float(db.query("england_core20_share", vintage=vintage)["core20_population_share"].iloc[0])


def england_rank_rows(summaries: pd.DataFrame, area: ProfileArea) -> pd.DataFrame:
    """One deprivation summary row per IMD vintage: the rank to headline for the area.

    A place that is exactly one unitary authority (Blackpool) is ranked as that district among English districts
    (published File 10 where it exists); otherwise the area's own row (a district among English districts, a place
    among the ICB's places, the ICB among England's ICBs). A district only partly in the ICB is ranked as a whole.
    """
    if summaries.empty:
        return summaries
    rows = []
    for _, group in summaries.groupby("imd_vintage", sort=True):
        districts = group[group["ranked_among"] == "English districts"]
        rows.append(districts.iloc[0] if not districts.empty else group.iloc[0])
    return pd.DataFrame(rows).reset_index(drop=True)
