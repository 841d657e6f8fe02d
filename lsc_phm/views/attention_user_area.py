"""The attention list of a user-defined area (uploaded LSOA list or drawn area): the indicators whose figures can be
computed from its LSOAs, against England, in the same groups as a named area's list, and what cannot be given.

Split from :mod:`lsc_phm.views.attention` (whose list types and gap in people it uses).

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: comparing with a benchmark.
   https://fingertips.phe.org.uk/profile/guidance
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain.geography import Icb
from lsc_phm.store.db import Database
from lsc_phm.views.attention import ATTENTION_COLUMNS, ENGLAND, GROUPS, USER_AREA, AttentionList, classify, people_gap
from lsc_phm.views.attention_comparators import ENGLAND_COMPARATOR

#: The groups of indicators an attention list cannot give for a user-defined area, and why (said on the page).
NOT_FOR_USER_AREAS: tuple[tuple[str, str], ...] = (
    (
        "Published rates: life expectancy, healthy life expectancy, mortality, admissions and the other Fingertips "
        "indicators",
        "OHID publishes them for whole authorities (some for wards), not for LSOAs, and a rate or a life expectancy "
        "cannot be added up over neighbourhoods; the place profile shows them for each district the area lies in.",
    ),
    (
        "GP-recorded data: QOF prevalence, smoking recorded by GPs, SMI health checks, screening and vaccination",
        "they are counted by practice, PCN and sub-ICB location; where a practice's patients live (patients by LSOA) "
        "is not held, so they cannot be given for a drawn area.",
    ),
    (
        "Survey estimates: adult smoking (APS), physical activity and weight (Active Lives), dental decay",
        "their samples are drawn for whole authorities; there is no estimate for a smaller area.",
    ),
    (
        "Directions over time and the trend of the gap",
        "the LSOA counts held are Census 2021, a single point in time, so no trend can be tested; every row is 'not "
        "tested'.",
    ),
    (
        "Comparison with similar places and ranks",
        "peer groups and ranks are for whole English authorities; a user-defined area is compared with England only.",
    ),
)


def user_area_attention(
    db: Database, icb: Icb, spec: object, confidence: float = 0.95, threshold: int = config.SUPPRESSION_THRESHOLD
) -> AttentionList:
    """The attention list of a user-defined area (uploaded LSOA list or drawn area): the indicators whose figures can
    be computed from its LSOAs (Census 2021 general health, unpaid care, household deprivation, disability, age and
    ethnic group; :func:`lsc_phm.views.place_profile_user.user_area_figures`), against England, in the same groups.

    The direction is never tested (one period) and the gap in people is (p - England) x the summed denominator,
    from unrounded counts with the Wilson limits. :data:`NOT_FOR_USER_AREAS` says which groups of indicators cannot
    be given, and why.

    Raises
    ------
    ValueError
        If none of the area's LSOAs is held (the profile's message).
    """
    from lsc_phm.stats import wilson_ci
    from lsc_phm.views import place_profile_user  # the user-area figures, imported here to keep this module light

    figures = place_profile_user.user_area_figures(db, icb, spec, confidence)
    name = str(getattr(spec, "name", "user-defined area"))
    # England's unrounded value (the profile's figures round it for display), so the gap agrees with a named area's
    england = db.query("attention_values", vintage=icb.imd_vintage, codes=[ENGLAND])
    england = england.set_index(["indicator_id", "period"])["value"]
    rows = []
    for figure in figures.to_dict("records"):
        indicator = indicators.get(str(figure["indicator_id"]))
        figure["england_value"] = england.get((indicator.id, str(figure["period"])), figure["england_value"])
        suppressed = bool(figure.get("suppressed"))
        comparison = "Suppressed" if suppressed else str(figure["comparison"])
        basis = (
            f"no five-year trend tested: {figure['period']} is the only period held for a user-defined area "
            "(Census 2021 LSOA counts)"
        )
        people = (np.nan, np.nan, np.nan, "suppressed: count below 10")
        if not suppressed:
            limits = wilson_ci(np.array([figure["numerator"]]), np.array([figure["denominator"]]), confidence)
            exact = pd.Series(
                {
                    "value": 100 * float(limits["value"].iloc[0]),
                    "lowercl": 100 * float(limits["lowercl"].iloc[0]),
                    "uppercl": 100 * float(limits["uppercl"].iloc[0]),
                    "denominator": figure["denominator"],
                    "period": figure["period"],
                    "value_note": "",
                }
            )
            people = people_gap(exact, indicator, figure["england_value"], "England")
        group = classify(comparison if indicator.polarity != "no_judgement" else "No judgement", "not tested")
        rows.append(
            {
                "group": group,
                "indicator_id": indicator.id,
                "indicator": indicator.name,
                "unit": indicator.unit,
                "period": str(figure["period"]),
                "value": figure["value"],
                "lowercl": figure["lowercl"],
                "uppercl": figure["uppercl"],
                "comparator_value": figure["england_value"],
                "comparison": comparison,
                "comparison_basis": str(figure.get("comparison_basis") or ""),
                "direction": "not tested",
                "direction_basis": basis,
                "gap_trend": "not tested",
                "gap_trend_basis": "one period held",
                "people": people[0],
                "people_lowercl": people[1],
                "people_uppercl": people[2],
                "people_unit": "" if pd.isna(people[0]) else "people",
                "people_note": people[3],
                "standardisation": indicator.standardisation,
                "value_note": str(figure.get("note") or ""),
                "suppressed": suppressed,
                "comparator_method": "England's published value",
                "rank_all": None,
                "rank_group": None,
                "area_name": name,
                "comparator_name": "England",
                "detail_link": "",
            }
        )
    table = pd.DataFrame(rows, columns=list(ATTENTION_COLUMNS))
    if not table.empty:
        table = table.assign(
            _group=table["group"].map({g: n for n, g in enumerate(GROUPS)}), _size=-table["people"].abs().fillna(0)
        )
        table = table.sort_values(["_group", "_size", "indicator"]).drop(columns=["_group", "_size"])
    return AttentionList(
        USER_AREA,
        name,
        ENGLAND_COMPARATOR,
        table.reset_index(drop=True),
        pd.DataFrame(columns=["indicator_id", "area_code", "period", "period_sort", "value"]),
    )
