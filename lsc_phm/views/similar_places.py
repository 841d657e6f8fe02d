"""Similar places for benchmarked views: the spine chart against a chosen comparator, and the comparator notes.

A view over :mod:`lsc_phm.domain.comparators`: the numbers a page shows, and why a comparator is not available for
an area (a county or a place that is not one authority), never sentences about the figures themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lsc_phm.domain import benchmarking, comparators, similar
from lsc_phm.domain.geography import Icb
from lsc_phm.store.db import Database

COMPARATORS = comparators.COMPARATORS
COMPARATOR_LABELS = comparators.COMPARATOR_LABELS
COMPARATOR_MEANING = comparators.COMPARATOR_MEANING
#: Said under the scorecard when a peer comparator is chosen.
SCORECARD_NOTE = (
    "Places that are one district or unitary authority (Blackpool, Blackburn with Darwen) are compared "
    "with their peers; the ICB, counties, sub-ICB locations and places made of several authorities "
    "keep England (the 'benchmark' column in the detail table and download says which)."
)
#: Table headers for the neighbour variables.
VARIABLE_LABELS = {"variable": "Variable", "weight": "Weight", "share_of_weight": "Share of weight (%)"}
#: Table headers for the rank columns.
RANK_LABELS = {"rank_all": "Rank among English authorities", "rank_group": "Rank among peers"}
#: One help text for a comparator picker: each choice and what it means.
COMPARATOR_HELP = " ".join(f"{COMPARATOR_LABELS[c]}: {COMPARATOR_MEANING[c]}" for c in COMPARATORS)


@dataclass(frozen=True)
class ComparedSpine:
    """Spine rows against a comparator. ``comparator`` is the one used (England when the requested one is not
    available, with ``note`` saying why); ``peers`` lists the peer authorities (empty for England)."""

    rows: pd.DataFrame
    comparator: str
    note: str | None
    peers: pd.DataFrame


def comparator_availability(area_code: str, current_codes: frozenset[str] | None = None) -> str | None:
    """Why peer comparators are not available for an area, or None when they are.

    ``current_codes`` (today's districts and unitary authorities, see :func:`current_authorities`) lets an
    abolished district (IMD 2019 geography, e.g. South Lakeland) be told apart.
    """
    try:
        code = similar.authority_code(area_code)
    except ValueError:
        return (
            "Peer comparators are for local authorities; this area is not a single English authority, so it is "
            "compared with England."
        )
    if similar.tier_of(code) == "county":
        return (
            "Peer comparators need every English county's values, which are not held here (only districts and "
            "unitary authorities), so this county is compared with England; its districts can be compared "
            "with their peers."
        )
    if current_codes is not None and code not in current_codes:
        return (
            "Peer comparators are computed for today's districts and unitary authorities (April 2024); this "
            "district was abolished, so it is compared with England. Choose IMD 2025 in the sidebar to see "
            "its successor authority."
        )
    return None


def current_authorities(db: Database) -> frozenset[str]:
    """Codes of today's English districts and unitary authorities (those with neighbours and peers)."""
    return frozenset(similar.authority_profiles(db, "district")["area_code"])


def spine(db: Database, icb: Icb, area_code: str, comparator: str, confidence: float = 0.95) -> ComparedSpine:
    """Spine-chart rows for an area against England, its deprivation-decile peers or its 15 nearest neighbours,
    with each value's rank among all English districts and unitary authorities and among the peer group.

    Raises
    ------
    ValueError
        For an unknown comparator.
    """
    if comparator not in COMPARATORS:
        raise ValueError(f"comparator must be one of {', '.join(COMPARATORS)}, not '{comparator}'")
    rows = benchmarking.spine(db, icb, area_code, confidence)
    unavailable = comparator_availability(area_code, current_authorities(db))
    used = comparator if unavailable is None else "england"
    note = unavailable if comparator != "england" else None
    peers = pd.DataFrame(columns=["code", "name"])
    if rows.empty:
        return ComparedSpine(rows, used, note, peers)
    if unavailable is None:
        bench = comparators.benchmarks(db, icb, area_code, used, tuple(rows["indicator_id"]), confidence)
        if used != "england":
            peers = comparators.peer_group(db, area_code, used)
    else:
        bench = pd.DataFrame(columns=list(comparators.BENCHMARK_COLUMNS))
    return ComparedSpine(comparators.spine_against(rows, bench, used, confidence), used, note, peers)


#: Columns of :func:`summary_against`'s table as the place profile shows them.
SUMMARY_LABELS = {
    "indicator": "Indicator",
    "period": "Period",
    "value": "Value",
    "unit": "Unit",
    "benchmark": "Compared with",
    "benchmark_value": "Comparator value",
    "comparison": "Compared",
    "rank_group": "Rank in the group",
    "rank_all": "Rank among English authorities",
    "comparison_basis": "How compared",
}


def summary_against(
    db: Database, icb: Icb, summary: pd.DataFrame, comparator: str, confidence: float = 0.95
) -> pd.DataFrame:
    """The place profile's benchmarked rows (``area_code, indicator_id, period, value, lowercl, uppercl,
    england_value, comparison``) against a comparator, with ranks: the same code as the spine chart and the
    attention list (:func:`lsc_phm.domain.comparators.against`). Rows with no group value keep England's comparison
    and say so in ``benchmark``.

    Raises
    ------
    ValueError
        For an unknown comparator.
    """
    return comparators.against(db, icb, summary, comparator, confidence, ranks=True)


@dataclass(frozen=True)
class MethodNote:
    """One method of similar places or Core20 movers for the Data and methods page (full text: docs/methods.md)."""

    name: str
    formula: str
    reference: str
    limits: str
    anchor: str


METHOD_NOTES: tuple[MethodNote, ...] = (
    MethodNote(
        "Nearest statistical neighbours",
        "Each variable (table below) is standardised over all English authorities of the tier, z = (x - mean) / SD; "
        "the distance between authorities a and b is d = sqrt(sum over k of w_k (z_ak - z_bk)^2). The 15 smallest "
        "distances are the neighbours, ties broken by code, so the list is always the same.",
        "CIPFA Nearest Neighbours Model (standardised variables, weighted Euclidean distance); variables and weights "
        "are this project's own, from open data: IoD2025 domain scores, Census 2021, ONS boundaries.",
        "Not CIPFA's licensed neighbours. Weights are a judgement. Areas of generalised boundaries are approximate. "
        "Counties are compared with counties and unitary authorities, others with districts and unitary authorities.",
        "nearest-statistical-neighbours",
    ),
    MethodNote(
        "Deprivation-decile peers",
        "IMD 2019 average score of each authority = population-weighted mean of its LSOA scores (IoD2019 File 10's "
        "definition; mid-2015 denominators), on today's boundaries. Ranked most deprived first; rank r of N falls in "
        "decile floor((r - 1) x 10 / N) + 1 (29 or 30 of 296 districts each).",
        "OHID Fingertips, England by deprivation decile (District & UA deprivation deciles, IMD2019, 4/23 "
        "geography); MHCLG IoD2019 technical report.",
        "OHID's own list by decile is not held, so it is reproduced by its stated method; for the 289 districts with "
        "unchanged boundaries the recomputed score matches File 10 within 0.06.",
        "deprivation-decile-peers",
    ),
    MethodNote(
        "Ranks among authorities",
        "Rank = 1 + the number of authorities with a lower (or higher) value, counted from the nearer end; ties share "
        "the smaller rank (=). Counted among today's 296 districts and unitary authorities with a value for the same "
        'period, and among the area and its peers ("of 16 similar areas").',
        "Fingertips area rankings.",
        "Ranks are by value, never by judgement (polarity is stated beside them) and say nothing of significance: "
        "neighbouring ranks are often within each other's confidence intervals. No county-tier ranks (not held).",
        "ranks-among-authorities",
    ),
    MethodNote(
        "Comparing with a peer group",
        "Peer value (the area left out): for a crude proportion where every peer has counts, pooled = sum of "
        "numerators / sum of denominators with a Wilson interval; otherwise the median of the peers' values; none "
        "where fewer than half the peers have a value. The area's own 95% (or 99.8%) interval is tested against it "
        "as against England (Fingertips' rule); the area's rank in the group is given (\"3rd highest of 16 similar "
        'areas"). Used by the spine chart, scorecard, place profile and the attention list.',
        "OHID Fingertips technical guidance (comparing with a benchmark); Wilson (1927).",
        "A median has no interval of its own and is treated as fixed. Values with no interval of their own (e.g. "
        "life expectancy in the held extract) are not compared with peers and no significance is claimed; OHID's "
        "England verdict is never reused.",
        "comparing-with-a-peer-group",
    ),
    MethodNote(
        "Core20 movers between IMD 2019 and IMD 2025",
        "Each 2021 LSOA is compared with the 2011 LSOA(s) it came from (ONS lookup, change U/S/M/X). Entered = not "
        "in national deciles 1-2 under IMD 2019, in them under IMD 2025; left = the reverse. Split parts take their "
        "parent's 2019 status; merged or irregular LSOAs whose parents differ are not classified. Residents: Census "
        "2021.",
        "MHCLG English Indices of Deprivation 2019 and 2025; ONS LSOA (2011) to LSOA (2021) lookup.",
        "The two indices are not a time series (MHCLG). Not given by PCN (no patients-by-LSOA data held). Changed "
        "LSOAs are always counted apart from unchanged ones.",
        "core20-movers-between-imd-2019-and-imd-2025",
    ),
)


def neighbour_variables() -> pd.DataFrame:
    """The nearest-neighbour variables and their weights, for the Data and methods page."""
    rows = [
        {
            "variable": v.label,
            "weight": round(v.weight, 3),
            "share_of_weight": round(100 * v.weight / sum(x.weight for x in similar.NEIGHBOUR_VARIABLES), 1),
        }
        for v in similar.NEIGHBOUR_VARIABLES
    ]
    return pd.DataFrame(rows)


#: Headline indicators compared side by side with England and both peer groups (profile and briefing).
HEADLINE_INDICATORS: tuple[str, ...] = (
    "le_male",
    "le_female",
    "hle_male",
    "hle_female",
    "smoking_adults",
    "census_bad_health",
    "preventable_cvd_mortality",
    "cancer_stage_1_2",
)
HEADLINE_COLUMNS: tuple[str, ...] = (
    "indicator_id",
    "indicator",
    "unit",
    "polarity",
    "period",
    "value",
    "lowercl",
    "uppercl",
    "england_value",
    "vs_england",
    "england_basis",
    "decile_value",
    "vs_decile",
    "rank_decile",
    "neighbours_value",
    "vs_neighbours",
    "rank_neighbours",
    "rank_all",
)


def headline_comparison(
    db: Database,
    icb: Icb,
    area_code: str,
    confidence: float = 0.95,
    indicator_ids: tuple[str, ...] = HEADLINE_INDICATORS,
) -> pd.DataFrame:
    """Each headline indicator of an area against England, its deprivation-decile peers and its 15 nearest
    neighbours side by side, with its ranks: the answer to "is this just deprivation?".

    For an area with no peer groups (a county, a place of several authorities, the ICB) the peer columns are empty
    and :func:`comparator_availability` says why.

    Returns
    -------
    DataFrame
        :data:`HEADLINE_COLUMNS`, one row per headline indicator with a value for the area. ``vs_*`` are comparison
        labels (Better, Similar, Worse, Higher, Lower, Not compared); ``rank_*`` are sentences such as "lowest of 16
        similar areas".
    """
    base = benchmarking.spine(db, icb, area_code, confidence, indicator_ids)
    if base.empty:
        return pd.DataFrame(columns=list(HEADLINE_COLUMNS))
    out = base[
        ["indicator_id", "indicator", "unit", "polarity", "period", "value", "lowercl", "uppercl", "england_value"]
    ].copy()
    out["vs_england"] = base["comparison"]
    out["england_basis"] = base["comparison_basis"]
    available = comparator_availability(area_code, current_authorities(db)) is None
    for comparator, prefix in (("decile", "decile"), ("neighbours", "neighbours")):
        if not available:
            out[f"{prefix}_value"], out[f"vs_{prefix}"], out[f"rank_{prefix}"] = float("nan"), None, None
            continue
        bench = comparators.benchmarks(db, icb, area_code, comparator, tuple(base["indicator_id"]), confidence)
        judged = comparators.spine_against(base, bench, comparator, confidence).set_index("indicator_id")
        out[f"{prefix}_value"] = out["indicator_id"].map(judged["england_value"])
        out[f"vs_{prefix}"] = out["indicator_id"].map(judged["comparison"])
        out[f"rank_{prefix}"] = out["indicator_id"].map(judged["rank_group"])
        out["rank_all"] = out["indicator_id"].map(judged["rank_all"])
    if "rank_all" not in out:
        out["rank_all"] = None
    return out[list(HEADLINE_COLUMNS)].reset_index(drop=True)
