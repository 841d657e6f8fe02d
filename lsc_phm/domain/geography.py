"""The geography model: LSOA -> electoral ward -> district -> place -> ICB (plus sub-ICB locations and footprints).

Membership always comes from the ONS lookups in the database, never from a hand-typed list of districts. Two
vintages exist side by side and are chosen with the IMD vintage:

* IMD 2019: 2011 LSOAs, December 2019 wards (best fit), 2019 districts, July 2022 sub-ICBs and ICBs.
* IMD 2025: 2021 LSOAs, May 2024 wards (best fit), 2024 districts, April 2024 sub-ICBs and ICBs.

An ICB is made of whole LSOAs. Its districts and wards are those with at least one LSOA in it; a district that is
only partly inside (Westmorland and Furness; Copeland/Cumberland and Craven/North Yorkshire for QE1) is flagged
``whole_area_in_icb = False``. Places are upper-tier authorities, relabelled per ICB in :mod:`lsc_phm.config`.
Sub-ICB locations carry their familiar names with the code beside them (``config.SUB_ICB_NAMES``). Footprints are
custom areas made of whole districts, places, wards or LSOAs, declared in ``config/areas.toml``
(:mod:`lsc_phm.store.footprints`); they have no official boundary of their own, so their outline is the union of
their LSOAs. Primary care networks (PCNs) are groups of GP practices with no boundary at all (see
:mod:`lsc_phm.domain.pcn`).

References
----------
.. [1] ONS Open Geography Portal lookups: LSOA11-SICBL22-ICB22-LAD22 (Jul 2022), LSOA11-WD19-LAD19 best fit,
   LSOA21-WD24-LAD24 best fit, LSOA21-SICBL24-ICB24 (Apr 2024), LAD21-UTLA21. https://geoportal.statistics.gov.uk/
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lsc_phm import config
from lsc_phm.store.db import Database

#: Geography levels in the users' words, smallest first. Practice and PCN are not polygons.
LEVEL_LABELS: dict[str, str] = {
    "lsoa": "LSOA",
    "msoa": "MSOA (2011)",
    "ward": "Electoral ward",
    "district": "District (local authority)",
    "utla": "Upper-tier local authority",
    "place": "Place",
    "sicbl": "Sub-ICB location",
    "icb": "ICB",
    "footprint": "Footprint (custom area)",
}
#: The same levels in the plural, for titles ("IMD score by electoral wards").
LEVEL_PLURALS: dict[str, str] = {
    "lsoa": "LSOAs",
    "msoa": "MSOAs (2011)",
    "ward": "electoral wards",
    "district": "districts",
    "utla": "upper-tier local authorities",
    "place": "places",
    "sicbl": "sub-ICB locations",
    "footprint": "footprints",
}
#: How each level's shapes are drawn (every level above LSOA is dissolved from LSOAs at build time, see
#: lsc_phm.store.boundaries): said under every map.
SHAPE_NOTES: dict[str, str] = {
    "lsoa": "LSOAs as published",
    "msoa": (
        "official MSOA 2011 boundaries, each MSOA drawn whole (an MSOA reaching outside the ICB is drawn and "
        "counted whole: its values are summed here from all its 2011 LSOAs)"
    ),
    "ward": (
        "electoral wards drawn as the union of their LSOAs in ONS's best-fit lookup, so they follow LSOA edges "
        "and differ slightly from official ward boundaries"
    ),
    "district": "districts drawn as the union of their LSOAs (LSOAs nest exactly in districts)",
    "place": "places drawn as the union of their LSOAs (whole districts; South Cumbria = its Cumbrian LSOAs)",
    "sicbl": "sub-ICB locations drawn as the union of their LSOAs (ONS LSOA to sub-ICB lookup)",
    "footprint": (
        "custom footprints (config/areas.toml) drawn as the union of their members' LSOAs: not official boundaries"
    ),
}
MAP_LEVELS: tuple[str, ...] = ("lsoa", "msoa", "ward", "district", "place", "sicbl", "footprint")
#: Why a value has no MSOA level: MSOAs here are the 2011 ones, built from 2011 LSOAs (IMD 2019 geography).
MSOA_NOT_AVAILABLE = (
    "MSOAs here are the 2011 MSOAs, made of whole 2011 LSOAs; data on 2021 LSOAs (Census 2021, IMD "
    "2025) have no exact route to them (a best-fit lookup would not be exact), so MSOAs are shown "
    "with the IMD 2019 geography only"
)
#: Method note on every MSOA value: summed here from the MSOA's 2011 LSOAs, never published at MSOA level.
MSOA_NOTE = (
    "computed here for an MSOA (2011): counts and denominators summed over its 2011 LSOAs (scores and modelled "
    "prevalence population-weighted); not a published figure"
)
NON_MAP_LEVELS: dict[str, str] = {"practice": "GP practice", "pcn": "Primary care network"}


@dataclass(frozen=True)
class Icb:
    """An Integrated Care Board as it exists in one IMD vintage's geography."""

    code: str
    ods_code: str
    name: str
    lsoas: int
    imd_vintage: int


def check_vintage(vintage: int) -> int:
    """Return ``vintage`` as an int if it is a supported IMD vintage.

    Raises
    ------
    ValueError
        If it is not 2019 or 2025.
    """
    try:
        value = int(vintage)
    except (TypeError, ValueError):
        value = -1
    if value not in config.IMD_VINTAGES:
        raise ValueError(f"IMD vintage must be one of {', '.join(map(str, config.IMD_VINTAGES))}, not '{vintage}'")
    return value


def check_level(level: str, allowed: tuple[str, ...] = tuple(LEVEL_LABELS)) -> str:
    """Return ``level`` if it is one of ``allowed``.

    Raises
    ------
    ValueError
        Naming the allowed levels.
    """
    if level not in allowed:
        raise ValueError(f"level must be one of {', '.join(allowed)}, not '{level}'")
    return level


def resolve_icb(db: Database, code: str, vintage: int = config.DEFAULT_IMD_VINTAGE) -> Icb:
    """Find an ICB by ONS code (``E54000048``) or ODS code (``QE1``) in one vintage.

    ONS ICB codes belong to one geography vintage (NHS Sussex is ``E54000053`` in the July 2022 lookup used with
    IMD 2019 and ``E54000064`` in the April 2024 lookup used with IMD 2025), so an ONS code of either vintage is
    matched through the ICB's stable ODS code (``QNX``): every code ``python -m lsc_phm icbs`` lists resolves in
    both vintages.

    Raises
    ------
    ValueError
        If no ICB has that code; the message lists a few valid codes.
    """
    vintage = check_vintage(vintage)
    rows = db.query("icb_lookup", icb=str(code).strip())
    rows = rows[rows["imd_vintage"] == vintage]
    if rows.empty:
        valid = db.query("icb_list")
        examples = ", ".join(f"{r.icb_code} ({r.icb_ods_code})" for r in valid.head(4).itertuples())
        raise ValueError(
            f"unknown ICB code '{code}': use an ONS code (E54...) or ODS code of one of England's "
            f"{len(valid)} ICBs, e.g. {examples}; 'python -m lsc_phm icbs' lists them all"
        )
    row = rows.iloc[0]
    return Icb(str(row.icb_code), str(row.icb_ods_code), str(row.icb_name), int(row.lsoas), vintage)


def is_icb_place(place_code: str) -> bool:
    """Whether a place is one of the ICB's own places (False for fragments such as QE1's 3 North Yorkshire LSOAs,
    configured with ``is_icb_place=False`` in :data:`lsc_phm.config.PLACE_LABELS`)."""
    return not any(label.place_code == place_code and not label.is_icb_place for label in config.PLACE_LABELS)


def areas(db: Database, icb: Icb, level: str) -> pd.DataFrame:
    """Return the ICB's areas at ``level`` (code, name, parents, LSOA count, whether wholly inside the ICB)."""
    check_level(level)
    return db.query("areas", vintage=icb.imd_vintage, icb=icb.code, level=level)


def has_boundaries(db: Database, icb: Icb) -> bool:
    """Whether small-area boundaries are shipped for this ICB (only Lancashire and South Cumbria's are)."""
    return not db.query("boundaries", vintage=icb.imd_vintage, icb=icb.code, level="icb").empty
