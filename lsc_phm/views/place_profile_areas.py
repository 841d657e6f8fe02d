"""The areas a place profile is made for: the ICB, its places, its districts, custom footprints and a user-defined
area, each a :class:`ProfileArea` (code, name, level, whether the whole authority lies in the ICB).

References
----------
.. [1] ONS Open Geography Portal: LSOA to sub-ICB location to ICB lookups (July 2022, April 2024).
   https://geoportal.statistics.gov.uk/
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from lsc_phm.domain import geography
from lsc_phm.domain.geography import Icb
from lsc_phm.store.db import Database

PROFILE_LEVELS: tuple[str, ...] = ("icb", "place", "district", "footprint")
LEVEL_WORDS = {
    "icb": "ICB",
    "place": "Place",
    "district": "District",
    "footprint": "Footprint",
    "user": "Your area (user-defined)",
}
#: The code a user-defined area (drawn from a list of LSOA or ward codes, for one session) is known by.
USER_AREA_CODE = "USER-AREA"


@dataclass(frozen=True)
class ProfileArea:
    """The area a profile is about."""

    code: str
    name: str
    level: str
    lsoas: int
    whole_area_in_icb: bool
    upper_tier_code: str | None = None

    @property
    def label(self) -> str:
        """Menu label, e.g. "Place: Blackpool"."""
        return f"{LEVEL_WORDS[self.level]}: {self.name}"

    @property
    def whole_name(self) -> str:
        """The name for a value published for the whole authority: "Westmorland and Furness (whole district)" when
        only part of it is in the ICB (its published rates and File 10 ranks are the whole district's)."""
        if self.whole_area_in_icb:
            return self.name
        return f"{self.name} (whole {'district' if self.level == 'district' else 'authority'})"

    @property
    def part_name(self) -> str:
        """The name for a value computed here from the area's LSOAs in the ICB: "the part of Westmorland and Furness
        in this ICB" when only part of the authority is in the ICB."""
        return self.name if self.whole_area_in_icb else f"the part of {self.name} in this ICB"


def is_partial_place(place_code: str) -> bool:
    """Whether a place is a fragment outside the ICB's own places (e.g. the 3 North Yorkshire LSOAs of QE1, see
    :func:`lsc_phm.domain.geography.is_icb_place`); such places can be chosen but are left out of ``--all-places``."""
    return not geography.is_icb_place(place_code)


def icb_in(db: Database, icb: Icb, vintage: int) -> Icb:
    """The same ICB in another IMD vintage's geography (itself when the vintage is its own)."""
    return icb if icb.imd_vintage == vintage else _icb_in(db, icb.code, vintage)


@functools.lru_cache(maxsize=32)
def _icb_in(db: Database, code: str, vintage: int) -> Icb:
    """:func:`lsc_phm.domain.geography.resolve_icb`, asked once per open database, ICB and vintage (a profile asks
    for every indicator on the other vintage's geography; the database is read-only)."""
    return geography.resolve_icb(db, code, vintage)
