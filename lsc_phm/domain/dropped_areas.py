"""Areas that drop out of a chart of one indicator's period, each with the reason, so a chart never loses a place
silently.

A bar or dot chart of one period draws only the areas with a value in that period. The others are named under it
with the reason found in the data: the value is suppressed (a count below the disclosure threshold), the publisher
left it blank with a note, the last period held for that area is an earlier one (for example a district that a
local-government reorganisation replaced, whose new authority is not yet published), or the data hold no value for
it at all.

References
----------
.. [1] Government Statistical Service. Communicating quality, uncertainty and change: say what is missing and why.
   https://analysisfunction.civilservice.gov.uk/policy-store/communicating-quality-uncertainty-and-change/
"""

from __future__ import annotations

import pandas as pd

from lsc_phm import config
from lsc_phm.domain import indicator_data
from lsc_phm.domain.geography import Icb
from lsc_phm.store.db import Database

__all__ = ["REASON_NO_VALUE", "dropped_areas", "pcn_rows", "practice_rows"]

REASON_NO_VALUE = "no value in the data held"
_COLUMNS = ["area_code", "area_name", "reason"]


def dropped_areas(db: Database, icb: Icb, indicator_id: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``frame`` with no value (they are left out of a chart of it), each with the reason.

    Parameters
    ----------
    db : Database
    icb : Icb
    indicator_id : str
        The indicator ``frame`` holds (a registry id).
    frame : pandas.DataFrame
        One period's values, as :func:`lsc_phm.domain.indicator_data.values` returns them (``area_code``,
        ``area_name``, ``value``; ``suppressed`` and ``value_note`` are read where present).

    Returns
    -------
    pandas.DataFrame
        ``area_code, area_name, reason`` in the order of ``frame`` (England and rows with a value left out).

    Raises
    ------
    ValueError
        If ``frame`` lacks ``area_code``, ``area_name`` or ``value``.
    """
    missing_columns = [c for c in ("area_code", "area_name", "value") if c not in frame.columns]
    if missing_columns:
        raise ValueError(f"cannot name dropped areas: the table has no {', '.join(missing_columns)} column")
    blank = frame[frame["value"].isna() & (frame["area_code"] != config.ENGLAND_CODE)]
    if blank.empty:
        return pd.DataFrame(columns=_COLUMNS)
    history = indicator_data.series(db, icb, indicator_id, blank["area_code"].astype(str).tolist())
    last = history[history["value"].notna()].groupby("area_code")["period"].last().to_dict()
    reasons = []
    for row in blank.itertuples(index=False):
        note = getattr(row, "value_note", "")
        if bool(getattr(row, "suppressed", False)):
            reasons.append(f"suppressed: count below {config.SUPPRESSION_THRESHOLD}")
        elif isinstance(note, str) and note.strip():
            reasons.append(note.strip())
        elif row.area_code in last:
            reasons.append(f"latest value held: {last[row.area_code]}")
        else:
            reasons.append(REASON_NO_VALUE)
    return pd.DataFrame(
        {"area_code": blank["area_code"].tolist(), "area_name": blank["area_name"].tolist(), "reason": reasons},
        columns=_COLUMNS,
    )


def practice_rows(points: pd.DataFrame) -> pd.DataFrame:
    """A funnel plot's practices (``practice_code``, ``practice_name``, ``value``, ``suppressed``, ``period``) as the
    rows :func:`dropped_areas` reads: a suppressed practice is not plotted and is named with its reason.

    Examples
    --------
    >>> practice_rows(pd.DataFrame({"practice_code": ["P1"], "practice_name": ["A"], "value": [None]})).columns.tolist()
    ['area_code', 'area_name', 'value']
    """
    return points.rename(columns={"practice_code": "area_code", "practice_name": "area_name"})


def pcn_rows(pcns: pd.DataFrame) -> pd.DataFrame:
    """A PCN table (``pcn_code``, ``pcn_name``, ``value``, ``value_source``, ``period``) as the rows
    :func:`dropped_areas` reads. A PCN without a value says why in ``value_source`` ("no value: not every practice
    of this PCN has one"): that is its reason, rather than an earlier period held for it.

    Examples
    --------
    >>> pcn_rows(pd.DataFrame({"pcn_code": ["U1"], "pcn_name": ["A"], "value": [None],
    ...                        "value_source": ["no value: not every practice of this PCN has one"]}))["value_note"][0]
    'not every practice of this PCN has one'
    """
    out = pcns.rename(columns={"pcn_code": "area_code", "pcn_name": "area_name"})
    if "value_source" in out.columns:
        notes = out["value_source"].where(out["value"].isna())
        out["value_note"] = [v.removeprefix("no value: ") if isinstance(v, str) else "" for v in notes]
    return out
