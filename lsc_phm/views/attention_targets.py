"""Targets for one indicator of an attention list and the projection of the area's recent points to the target
year: England's latest value, the best quartile of similar areas, a number, or a national ambition with its source.

The attention list itself is :mod:`lsc_phm.views.attention`.

References
----------
.. [1] Department of Health and Social Care. Advancing our health: prevention in the 2020s (CP 110), 2019.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain import comparators
from lsc_phm.domain.geography import Icb
from lsc_phm.stats import trajectory
from lsc_phm.store.db import Database
from lsc_phm.views import similar_places
from lsc_phm.views.attention_direction import same_kind

if TYPE_CHECKING:  # the list type only, in annotations: this module needs nothing else of the attention list
    from lsc_phm.views.attention import AttentionList

ENGLAND = config.ENGLAND_CODE


@dataclass(frozen=True)
class Ambition:
    """A national ambition with its cited source."""

    key: str
    indicator_id: str
    label: str
    value: float
    year: int
    source: str


AMBITIONS: tuple[Ambition, ...] = (
    Ambition(
        "smokefree_2030",
        "smoking_adults",
        "Smokefree 2030: adult smoking at or below 5% by 2030",
        5.0,
        2030,
        "Department of Health and Social Care. Advancing our health: prevention in the 2020s (Green Paper, "
        "CP 110), July 2019: the ambition for England to be smoke-free by 2030, smoke-free meaning adult "
        "smoking prevalence of 5% or less.",
    ),
)
TARGET_KINDS: tuple[str, ...] = ("england", "similar_quartile", "number", "ambition")
#: Points of the series the projection uses (the recent ones, as the recent trend).
TRAJECTORY_POINTS = 5


def ambitions_for(indicator_id: str) -> tuple[Ambition, ...]:
    """The national ambitions that apply to an indicator."""
    return tuple(a for a in AMBITIONS if a.indicator_id == indicator_id)


@dataclass(frozen=True)
class Target:
    """A target chosen by the user: ``kind`` is "england" (England's latest value), "similar_quartile" (the best
    quartile of similar areas, made by :func:`similar_quartile_target`), "number" or "ambition"."""

    kind: str
    year: int
    value: float | None = None
    ambition: str = ""
    source: str = ""


def similar_quartile_target(db: Database, icb: Icb, area_code: str, indicator_id: str, year: int) -> Target:
    """The best quartile of similar areas as a target: the better-quartile value (by the indicator's polarity) among
    the area's 15 nearest neighbours in its latest period (:func:`lsc_phm.domain.comparators.best_quartile`).

    Raises
    ------
    ValueError
        For an area that is not one current authority, an indicator without polarity, or too few neighbours with a
        value (the message says which).
    """
    unavailable = similar_places.comparator_availability(area_code, similar_places.current_authorities(db))
    if unavailable is not None:
        raise ValueError(unavailable.split(";")[0].rstrip("."))
    found = comparators.best_quartile(db, icb, area_code, indicator_id)
    which = "25th percentile (low is good)" if found.quantile == 0.25 else "75th percentile (high is good)"
    decimals = indicators.get(indicator_id).decimals
    return Target(
        "similar_quartile",
        year,
        found.value,
        source=(
            f"the best quartile of similar areas, {found.value:.{decimals}f} ({found.period}): the {which} of the "
            f"values of {found.peers_with_value} of the area's {found.peers} nearest statistical neighbours"
        ),
    )


def target_value(target: Target, indicator_id: str, held: pd.DataFrame) -> tuple[float, str]:
    """The target's value and a description of where it comes from.

    Raises
    ------
    ValueError
        For an unknown kind or ambition, a missing number, or no England value held.
    """
    if target.kind == "similar_quartile":
        if target.value is None or not target.source:
            raise ValueError("the best quartile of similar areas is made by similar_quartile_target")
        return float(target.value), target.source[0].upper() + target.source[1:]
    if target.kind == "number":
        if target.value is None or not np.isfinite(target.value):
            raise ValueError("a number target needs a value")
        return float(target.value), f"{target.value:g} (chosen by the user)"
    if target.kind == "england":
        england = held[(held["area_code"] == ENGLAND) & (held["indicator_id"] == indicator_id)]
        england = same_kind(england.dropna(subset=["value"]))
        if england.empty:
            raise ValueError("no England value is held for this indicator")
        last = england.iloc[-1]
        return float(last["value"]), f"England's latest value, {last['value']:.1f} ({last['period']})"
    if target.kind == "ambition":
        for ambition in ambitions_for(indicator_id):
            if ambition.key == target.ambition:
                return ambition.value, f"{ambition.label}. Source: {ambition.source}"
        raise ValueError(f"no national ambition '{target.ambition}' for this indicator")
    raise ValueError(f"unknown target kind '{target.kind}'; kinds: {', '.join(TARGET_KINDS)}")


def area_trajectory(attention_list: AttentionList, indicator_id: str, target: Target) -> dict[str, object]:
    """Project the area's recent points of one indicator to the target year (:func:`lsc_phm.stats.trajectory`).

    Returns
    -------
    dict
        The :func:`lsc_phm.stats.trajectory` result plus ``target_source``, ``periods`` (those used) and
        ``indicator``.
    """
    indicator = indicators.get(indicator_id)
    value, source = target_value(target, indicator_id, attention_list.history)
    own = attention_list.history[
        (attention_list.history["area_code"] == attention_list.area_code)
        & (attention_list.history["indicator_id"] == indicator_id)
    ]
    points = same_kind(own.dropna(subset=["value", "period_sort"])).tail(TRAJECTORY_POINTS)
    if not points.empty and target.year <= float(points["period_sort"].max()):
        raise ValueError(f"the target year {target.year} must be after the latest data ({points['period'].iloc[-1]})")
    result = trajectory(points["period_sort"], points["value"], value, target.year, indicator.polarity)
    if indicator.unit == "%":  # a percentage's prediction interval cannot leave 0-100
        result["lowercl"], result["uppercl"] = (min(100.0, max(0.0, result[k])) for k in ("lowercl", "uppercl"))
    return {
        **result,
        "target_source": source,
        "periods": tuple(points["period"]),
        "indicator": indicator.name,
        "unit": indicator.unit,
    }
