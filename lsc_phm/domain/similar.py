"""Similar places: nearest statistical neighbours, OHID-style deprivation-decile peers, and ranks among authorities.

Three comparators stand beside England for a local authority:

* **Deprivation-decile peers**: the authorities of the same tier in the same national deprivation decile, grouped
  as OHID's Fingertips groups them ("District & UA deprivation deciles in England (IMD2019, 4/23 geography)" and
  the County & UA equivalent): authorities on today's boundaries ranked by their IMD 2019 average score
  (population-weighted mean of LSOA scores, IoD2019 File 10's definition) and cut into ten groups of as equal a
  number of authorities as possible, decile 1 the most deprived.
* **Nearest statistical neighbours**: the 15 authorities of the same tier closest on standardised open-data
  variables (IMD 2025 domain scores, age structure, ethnicity and disability from Census 2021, population
  density), by weighted Euclidean distance. See docs/methods.md#nearest-statistical-neighbours.
* **Ranks**: a value's position among every authority of its tier with a value for the same period.

References
----------
.. [1] OHID. Fingertips: England by deprivation decile (category types "District & UA deprivation deciles in
   England (IMD2019, 4/23 geography)"). https://fingertips.phe.org.uk/profile/guidance
.. [2] MHCLG. English Indices of Deprivation 2019 and 2025, technical reports: File 10 "average score".
.. [3] CIPFA. Nearest Neighbours Model (England): standardised variables, weighted Euclidean distance.
   https://www.cipfa.org/services/cipfastats/nearest-neighbour-model
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from lsc_phm.store.db import Database

Tier = Literal["district", "county"]
TIERS: tuple[str, ...] = ("district", "county")
TIER_LABELS: dict[str, str] = {
    "district": "districts and unitary authorities",
    "county": "counties and unitary authorities",
}


@dataclass(frozen=True)
class NeighbourVariable:
    """One input of the nearest-neighbour distance: a column of ``mart_authority_profiles`` and its weight."""

    column: str
    label: str
    weight: float
    log: bool = False


#: The variables and weights (docs/methods.md#nearest-statistical-neighbours). Deprivation carries 3 of the 8 units
#: of weight, split across the seven IMD 2025 domains in the proportions the IMD itself uses (22.5, 22.5, 13.5,
#: 13.5, 9.3, 9.3, 9.3%); age structure, ethnicity, disability and density carry one unit each. Density is logged
#: because it spans three orders of magnitude (a few dozen to over 16,000 residents per km2).
NEIGHBOUR_VARIABLES: tuple[NeighbourVariable, ...] = (
    NeighbourVariable("income_score", "IMD 2025 income domain, average score", 3 * 0.225),
    NeighbourVariable("employment_score", "IMD 2025 employment domain, average score", 3 * 0.225),
    NeighbourVariable("education_score", "IMD 2025 education, skills and training domain, average score", 3 * 0.135),
    NeighbourVariable("health_score", "IMD 2025 health deprivation and disability domain, average score", 3 * 0.135),
    NeighbourVariable("crime_score", "IMD 2025 crime domain, average score", 3 * 0.093),
    NeighbourVariable("barriers_score", "IMD 2025 barriers to housing and services domain, average score", 3 * 0.093),
    NeighbourVariable("living_env_score", "IMD 2025 living environment domain, average score", 3 * 0.093),
    NeighbourVariable("pct_aged_0_15", "Residents aged 0-15, % (Census 2021)", 1.0),
    NeighbourVariable("pct_aged_65_plus", "Residents aged 65+, % (Census 2021)", 1.0),
    NeighbourVariable("pct_ethnic_minority", "Residents of ethnic minority groups, % (Census 2021)", 1.0),
    NeighbourVariable("pct_disabled", "Residents disabled under the Equality Act, % (Census 2021)", 1.0),
    NeighbourVariable("residents_per_km2", "Residents per km2 (Census 2021 / ONS boundary area), log", 1.0, log=True),
)

NEIGHBOUR_COLUMNS: tuple[str, ...] = ("code", "name", "distance", "rank")
PEER_COLUMNS: tuple[str, ...] = ("code", "name", "decile", "imd2019_average_score")
DECILE_GROUPING = (
    "OHID's grouping: authorities ranked by IMD 2019 average score (population-weighted mean of LSOA "
    "scores, recomputed on April 2023 boundaries) and cut into ten near-equal groups; 1 = most deprived"
)


def tier_of(area_code: str) -> Tier:
    """Return the tier whose authorities an authority code is compared with.

    Counties (E10) are compared with counties and unitary authorities; districts, unitary authorities, metropolitan
    and London boroughs (E06, E07, E08, E09) with districts and unitary authorities.

    Raises
    ------
    ValueError
        If the code is not an English local authority code.
    """
    code = str(area_code).strip().upper()
    if len(code) == 9 and code[:3] == "E10":
        return "county"
    if len(code) == 9 and code[:3] in {"E06", "E07", "E08", "E09"}:
        return "district"
    raise ValueError(
        f"'{area_code}' is not an English local authority code (E06, E07, E08, E09 or E10 followed by six digits)"
    )


def authority_profiles(db: Database, tier: Tier) -> pd.DataFrame:
    """Every English authority of a tier with its neighbour variables and IMD 2019 average score.

    Raises
    ------
    ValueError
        If ``tier`` is not 'district' or 'county'.
    """
    if tier not in TIERS:
        raise ValueError(f"tier must be one of {', '.join(TIERS)}, not '{tier}'")
    return db.query("authority_profiles", tier=tier)


def neighbour_distances(
    profiles: pd.DataFrame, area_code: str, n: int = 15, variables: tuple[NeighbourVariable, ...] = NEIGHBOUR_VARIABLES
) -> pd.DataFrame:
    """The ``n`` authorities nearest to one, by weighted Euclidean distance on standardised variables.

    Each variable (logged where marked) is standardised to a z-score over all authorities of the frame
    (mean 0, population standard deviation 1); the distance between authorities a and b is
    ``sqrt(sum_k w_k (z_ak - z_bk)^2)``. Ties in distance are broken by authority code, so the result is
    deterministic.

    Parameters
    ----------
    profiles : DataFrame
        One row per authority, with ``area_code``, ``area_name`` and every variable's column.
    area_code : str
    n : int, default 15
    variables : tuple of NeighbourVariable

    Returns
    -------
    DataFrame
        ``code, name, distance, rank`` (rank 1 = nearest), ``n`` rows, nearest first.

    Raises
    ------
    ValueError
        If the area is not in the frame, a variable is missing for it, or ``n`` is not between 1 and the number of
        other authorities.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a whole number of at least 1, not {n!r}")
    codes = profiles["area_code"].astype(str)
    if area_code not in set(codes):
        raise ValueError(f"'{area_code}' is not among the {len(profiles)} authorities compared")
    if n > len(profiles) - 1:
        raise ValueError(f"n must be at most {len(profiles) - 1} (the other authorities), not {n}")
    columns = [v.column for v in variables]
    missing = [c for c in columns if c not in profiles.columns]
    if missing:
        raise ValueError(f"the authority profiles lack the column(s) {', '.join(missing)}")
    data = profiles.set_index(codes)[columns].astype(float)
    for variable in variables:
        if variable.log:
            data[variable.column] = np.log(data[variable.column].where(data[variable.column] > 0))
    complete = data.dropna()
    if area_code not in complete.index:
        gaps = [c for c in columns if pd.isna(data.loc[area_code, c])]
        raise ValueError(f"'{area_code}' has no value for {', '.join(gaps)}, so its neighbours cannot be found")
    z = (complete - complete.mean()) / complete.std(ddof=0)
    weights = np.array([v.weight for v in variables])
    diff = z.to_numpy() - z.loc[area_code].to_numpy()
    distance = np.sqrt((weights * diff**2).sum(axis=1))
    names = profiles.set_index(codes)["area_name"]
    result = pd.DataFrame({"code": complete.index, "name": names.loc[complete.index].to_numpy(), "distance": distance})
    result = result[result["code"] != area_code].sort_values(["distance", "code"], kind="mergesort").head(n)
    result["rank"] = np.arange(1, len(result) + 1)
    return result.reset_index(drop=True)[list(NEIGHBOUR_COLUMNS)]


def nearest_neighbours(db: Database, area_code: str, n: int = 15, tier: Tier | None = None) -> pd.DataFrame:
    """The ``n`` nearest statistical neighbours of an English local authority, computed here from open data.

    Parameters
    ----------
    db : Database
    area_code : str
        An authority code (E06-E10), or a place code ending in one (e.g. ``QE1-E06000009``).
    n : int, default 15
    tier : {'district', 'county'}, optional
        The tier to compare within; by default counties with counties and UAs, others with districts and UAs.

    Returns
    -------
    DataFrame
        ``code, name, distance, rank`` (rank 1 = nearest). See :func:`neighbour_distances`.

    Raises
    ------
    ValueError
        If the code is not an English authority or has no complete profile.
    """
    code = authority_code(area_code)
    return neighbour_distances(authority_profiles(db, tier or tier_of(code)), code, n)


def authority_code(area_code: str) -> str:
    """The authority code of an authority or of a place named after one (``QE1-E06000009`` -> ``E06000009``).

    Raises
    ------
    ValueError
        If no English authority code can be read from it.
    """
    code = str(area_code).strip().upper().rsplit("-", 1)[-1]
    tier_of(code)
    return code


def resolve_authority(db: Database, wanted: str) -> tuple[str, Tier]:
    """Find an English authority by code (or a place code ending in one) or by name, case-insensitively.

    A unitary authority is in both tiers: it is compared with districts and unitary authorities.

    Raises
    ------
    ValueError
        One line: no authority of that name or code, or a name shared by several.
    """
    key = " ".join(str(wanted).split()).casefold()
    if not key:
        raise ValueError("no area given; give an English local authority's name or code")
    for tier in TIERS:
        profiles = authority_profiles(db, tier)
        code = key.rsplit("-", 1)[-1].upper()
        if code in set(profiles["area_code"]):
            return code, tier  # type: ignore[return-value]
        names = profiles[profiles["area_name"].str.casefold() == key]
        if len(names) == 1:
            return str(names["area_code"].iloc[0]), tier  # type: ignore[return-value]
        if len(names) > 1:
            raise ValueError(
                f"'{wanted}' names {len(names)} authorities; give a code: " + ", ".join(names["area_code"])
            )
    raise ValueError(f"no English local authority is named or coded '{wanted}' (e.g. 'Blackpool' or E06000009)")


def assign_deprivation_deciles(profiles: pd.DataFrame) -> pd.DataFrame:
    """OHID-style national deprivation deciles of authorities from their IMD 2019 average score.

    Authorities are ranked by score, highest (most deprived) first, ties by code; the authority at rank r of N
    falls in decile ``floor((r - 1) * 10 / N) + 1``, so the groups differ in size by at most one.

    Returns
    -------
    DataFrame
        ``code, name, decile, imd2019_average_score``.

    Raises
    ------
    ValueError
        If fewer than ten authorities have a score.
    """
    scored = profiles.dropna(subset=["imd2019_average_score"])
    if len(scored) < 10:
        raise ValueError(f"deprivation deciles need at least 10 authorities with an IMD score, not {len(scored)}")
    ordered = scored.assign(_neg=-scored["imd2019_average_score"]).sort_values(["_neg", "area_code"], kind="mergesort")
    ranks = np.arange(1, len(ordered) + 1)
    return pd.DataFrame(
        {
            "code": ordered["area_code"].to_numpy(),
            "name": ordered["area_name"].to_numpy(),
            "decile": (ranks - 1) * 10 // len(ordered) + 1,
            "imd2019_average_score": ordered["imd2019_average_score"].to_numpy(),
        }
    )[list(PEER_COLUMNS)]


def deprivation_decile_peers(
    db: Database, area_code: str, tier: Tier | None = None, include_self: bool = False
) -> pd.DataFrame:
    """The authorities in the same national deprivation decile as one authority (OHID's grouping).

    Parameters
    ----------
    db : Database
    area_code : str
        An authority code, or a place code ending in one.
    tier : {'district', 'county'}, optional
    include_self : bool, default False

    Returns
    -------
    DataFrame
        ``code, name, decile, imd2019_average_score``, most deprived first.

    Raises
    ------
    ValueError
        If the authority is not found.
    """
    code = authority_code(area_code)
    deciles = assign_deprivation_deciles(authority_profiles(db, tier or tier_of(code)))
    own = deciles[deciles["code"] == code]
    if own.empty:
        raise ValueError(f"'{code}' is not among the English authorities with an IMD 2019 score")
    peers = deciles[deciles["decile"] == int(own["decile"].iloc[0])]
    if not include_self:
        peers = peers[peers["code"] != code]
    return peers.reset_index(drop=True)


@dataclass(frozen=True)
class Rank:
    """A value's position among a group: ``lowest`` counts from the lowest value (1 = lowest), ties share the
    best (smallest) position, ``of`` is the number of areas with a value."""

    lowest: int
    highest: int
    of: int
    tied: int


def rank_of(values: pd.Series, area_code: str) -> Rank:
    """Rank one area's value among the values of a group (index = area code).

    Ranks count by value, not by judgement: polarity decides only whether low is good, never the order. Tied values
    share the smallest rank (so two areas level third lowest are both "3rd lowest"), and ``tied`` counts the other
    areas with exactly the same value. Areas with no value are left out of the count.

    Raises
    ------
    ValueError
        If the area has no value in the group.
    """
    clean = pd.to_numeric(values, errors="coerce").dropna()
    if area_code not in clean.index:
        raise ValueError(f"'{area_code}' has no value among the {len(clean)} areas ranked")
    own = float(clean.loc[area_code])
    return Rank(
        lowest=int((clean < own).sum()) + 1,
        highest=int((clean > own).sum()) + 1,
        of=int(len(clean)),
        tied=int((clean == own).sum()) - 1,
    )


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def describe_rank(rank: Rank, group: str) -> str:
    """Say a rank in words, counting from the nearer end: "lowest of 296", "3rd highest of 16 similar areas".

    ``group`` names what is counted ("English districts and unitary authorities", "similar areas"). A tie is said
    ("=3rd lowest ... (tied with 1 other)").
    """
    if rank.lowest <= rank.highest:
        position, end = rank.lowest, "lowest"
    else:
        position, end = rank.highest, "highest"
    prefix = "=" if rank.tied else ""
    words = f"{prefix}{end}" if position == 1 else f"{prefix}{_ordinal(position)} {end}"
    tie = f" (tied with {rank.tied} other{'s' if rank.tied > 1 else ''})" if rank.tied else ""
    return f"{words} of {rank.of} {group}{tie}"
