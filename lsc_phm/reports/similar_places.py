"""Sentences comparing an area with England and with similar places, for the profile and the briefing.

Built from :func:`lsc_phm.views.similar_places.headline_comparison` rows. Words follow
:mod:`lsc_phm.reports.narrative`: "significantly" is never used here; a difference from a peer group is called
"worse"/"better" only where the area's confidence interval excludes the peer value (the comparison column says
so), otherwise the sentence gives the figures and says that no test was possible or that the area is similar.
"""

from __future__ import annotations

import pandas as pd

_VERDICT = {
    "Better": "better than",
    "Worse": "worse than",
    "Similar": "similar to",
    "Higher": "higher than",
    "Lower": "lower than",
}


def _number(value: float, unit: str) -> str:
    return f"{value:.1f}{'%' if unit.strip().startswith('%') else ' ' + unit}"


def _against(verdict: object, value: float, label: str, unit: str) -> str:
    words = _VERDICT.get(str(verdict))
    figure = _number(value, unit)
    if words:
        return f"{words} {label} ({figure}, by its confidence interval)"
    return f"against {label} {figure} (not tested: no interval held for the area's value)"


def similar_places_sentence(row: pd.Series, area_name: str) -> str:
    """One sentence for one headline row: the value, England, the 15 nearest neighbours and the ranks.

    Example (Blackpool, male life expectancy): "Life expectancy at birth (male) in Blackpool, 2023 - 25: 74.2
    years, worse than England (79.7 years; OHID's comparison) and against its 15 most similar areas' value 77.1
    years (not tested: no interval held for the area's value); lowest of 294 English districts and unitary
    authorities and lowest of 16 similar areas."
    """
    unit = str(row["unit"])
    parts = [f"{row['indicator']} in {area_name}, {row['period']}: {_number(float(row['value']), unit)}"]
    england = _VERDICT.get(str(row["vs_england"]))
    ohid = "; OHID's comparison" if "OHID" in str(row.get("england_basis") or "") else ""
    parts.append(
        f", {england} England ({_number(float(row['england_value']), unit)}{ohid})"
        if england
        else f", against England {_number(float(row['england_value']), unit)}"
    )
    if pd.notna(row.get("neighbours_value")):
        parts.append(
            " and "
            + _against(row["vs_neighbours"], float(row["neighbours_value"]), "its 15 most similar areas' value", unit)
        )
    ranks = [r for r in (row.get("rank_all"), row.get("rank_neighbours")) if isinstance(r, str) and r]
    return "".join(parts) + ("; " + " and ".join(ranks) if ranks else "") + "."
