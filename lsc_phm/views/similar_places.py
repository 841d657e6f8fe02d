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


def comparator_availability(area_code: str) -> str | None:
    """Why peer comparators are not available for an area, or None when they are."""
    try:
        code = similar.authority_code(area_code)
    except ValueError:
        return ("Peer comparators are for local authorities; this area is not a single English authority, so it is "
                "compared with England.")
    if similar.tier_of(code) == "county":
        return ("Peer comparators need every English county's values, which are not held here (only districts and "
                "unitary authorities), so this county is compared with England; its districts can be compared "
                "with their peers.")
    return None


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
    note = comparator_availability(area_code)
    used = comparator if note is None else "england"
    note = note if comparator != "england" else None
    peers = pd.DataFrame(columns=["code", "name"])
    if rows.empty:
        return ComparedSpine(rows, used, note, peers)
    if comparator_availability(area_code) is None:
        bench = comparators.benchmarks(db, icb, area_code, used, tuple(rows["indicator_id"]), confidence)
        if used != "england":
            peers = comparators.peer_group(db, area_code, used)
    else:
        bench = pd.DataFrame(columns=list(comparators.BENCHMARK_COLUMNS))
    return ComparedSpine(comparators.spine_against(rows, bench, used, confidence), used, note, peers)
