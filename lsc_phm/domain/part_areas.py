"""Areas only partly inside the ICB, and the one way their names are written: "Copeland (part)".

An ICB is made of whole LSOAs, but a district, ward or 2011 MSOA can straddle its boundary (with IMD 2019:
Copeland and Craven in Lancashire and South Cumbria; with IMD 2025: Cumberland, Westmorland and Furness and North
Yorkshire). Which areas straddle is derived from the ONS LSOA lookups at build time (``whole_area_in_icb``), never
from a list of names, so the rule holds for both vintages and every ICB. Every table, chart, download, CLI table and
deck that names such an area writes it with :data:`PART_SUFFIX`; whose value is shown (the whole authority's
published figure, or a figure computed here from the LSOAs inside the ICB) is said beside it, not in the name.

Upper-tier authorities are left out: the one that straddles an ICB (Cumbria) is already named for what its value
covers, "Cumbria (former county, whole)".

References
----------
.. [1] ONS Open Geography Portal: LSOA to sub-ICB location to ICB lookups (July 2022, April 2024).
   https://geoportal.statistics.gov.uk/
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import pandas as pd

from lsc_phm.domain.geography import Icb
from lsc_phm.store.db import Database

__all__ = [
    "PART_NOTE",
    "PART_SUFFIX",
    "label_frame",
    "label_parent_names",
    "label_partial_areas",
    "part_name",
    "partial_codes",
]

#: What follows the name of an area only partly inside the ICB.
PART_SUFFIX = " (part)"
#: One sentence for under a table or chart that shows a "(part)" area.
PART_NOTE = "'(part)': an area only partly inside the ICB (some of its LSOAs are in another ICB)."
#: Levels whose areas can straddle the ICB boundary and are marked (upper-tier authorities are named for their value).
MARKED_LEVELS: tuple[str, ...] = ("msoa", "ward", "district", "place", "sicbl")
#: Qualifiers other modules used to write; a name carrying one is rewritten to the one style.
_OLD_SUFFIXES: tuple[str, ...] = (" (part in this ICB)", " (part in the ICB)", " (part in ICB)")


def part_name(name: object) -> str:
    """``name`` with " (part)" after it, once (an older qualifier such as "(part in ICB)" is replaced).

    Examples
    --------
    >>> part_name("Copeland"), part_name("Copeland (part)"), part_name("Copeland (part in ICB)")
    ('Copeland (part)', 'Copeland (part)', 'Copeland (part)')
    """
    text = str(name)
    for old in _OLD_SUFFIXES:
        text = text.removesuffix(old)
    return text if text.endswith(PART_SUFFIX) else text + PART_SUFFIX


def partial_codes(db: Database, icb: Icb, level: str | None = None) -> frozenset[str]:
    """Codes of the ICB's areas only partly inside it, at ``level`` (every marked level when None).

    Parameters
    ----------
    db : Database
    icb : Icb
        The ICB in one IMD vintage's geography (the vintage decides the LSOAs, hence which areas straddle).
    level : str, optional
        A geography level; levels that cannot straddle (LSOA, ICB, footprint, PCN, practice) and upper-tier
        authorities give an empty set.

    Returns
    -------
    frozenset of str
    """
    if level is not None and level not in MARKED_LEVELS:
        return frozenset()
    return _partial_codes(db, icb.imd_vintage, icb.code, level)


@functools.lru_cache(maxsize=64)
def _partial_codes(db: Database, vintage: int, icb_code: str, level: str | None) -> frozenset[str]:
    """:func:`partial_codes`, read once per open database, vintage, ICB and level: every table of a profile asks
    again, and the answer is fixed when the database is built (a rebuilt database is opened as a new
    :class:`Database`)."""
    frame = db.query("partial_areas", vintage=vintage, icb=icb_code)
    frame = frame[frame["level"].isin(MARKED_LEVELS if level is None else [level])]
    return frozenset(frame["area_code"].astype(str))


def label_frame(
    frame: pd.DataFrame, codes: Iterable[str], name_column: str = "area_name", code_column: str = "area_code"
) -> pd.DataFrame:
    """A copy of ``frame`` with :func:`part_name` applied to the names of the areas in ``codes``.

    Raises
    ------
    ValueError
        If ``frame`` lacks the name or code column.

    Examples
    --------
    >>> label_frame(pd.DataFrame({"area_code": ["a", "b"], "area_name": ["A", "B"]}), {"b"})["area_name"].tolist()
    ['A', 'B (part)']
    """
    missing = [c for c in (name_column, code_column) if c not in frame.columns]
    if missing:
        raise ValueError(f"cannot label part areas: the table has no {', '.join(missing)} column")
    codes = set(codes)
    out = frame.copy()
    out[name_column] = [
        part_name(name) if code in codes and isinstance(name, str) else name
        for code, name in zip(out[code_column], out[name_column], strict=True)
    ]
    return out


def label_partial_areas(
    db: Database,
    icb: Icb,
    frame: pd.DataFrame,
    level: str | None = None,
    name_column: str = "area_name",
    code_column: str = "area_code",
) -> pd.DataFrame:
    """``frame`` with every area only partly in ``icb`` named "... (part)" (see :func:`partial_codes`)."""
    return label_frame(frame, partial_codes(db, icb, level), name_column, code_column)


#: Parent-name columns (name column: code column, level) that tables carry beside an area.
PARENT_COLUMNS: dict[str, tuple[str, str]] = {
    "ward_name": ("ward_code", "ward"),
    "lad_name": ("lad_code", "district"),
    "msoa_name": ("msoa_code", "msoa"),
}


def label_parent_names(db: Database, icb: Icb, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the parent names it carries (``ward_name``, ``lad_name``, ``msoa_name``, each beside its code
    column) written "... (part)" where that parent is only partly in the ICB, e.g. an LSOA's district "Copeland
    (part)"."""
    codes = partial_codes(db, icb)
    for name_column, (code_column, _level) in PARENT_COLUMNS.items():
        if name_column in frame.columns and code_column in frame.columns:
            frame = label_frame(frame, codes, name_column, code_column)
    return frame
