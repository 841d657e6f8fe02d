"""What an attention list is made for and compared with: the areas a list can be made for (the profile's areas and
the ICB's PCNs) and the comparators (England, another area, or a peer group of the area's authority: its
deprivation-decile group or its 15 nearest statistical neighbours).

The attention list itself is :mod:`lsc_phm.views.attention`. How a peer group's value is formed: :data:`GROUP_NOTE`
and ``docs/methods.md#comparing-with-a-peer-group``.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: comparing with a benchmark.
   https://fingertips.phe.org.uk/profile/guidance
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lsc_phm import config
from lsc_phm.domain import similar
from lsc_phm.domain.geography import Icb
from lsc_phm.store.db import Database
from lsc_phm.views import similar_places

ENGLAND = config.ENGLAND_CODE
#: The comparators every authority can switch between (England and its two peer groups).
COMPARATOR_KINDS: tuple[str, ...] = ("england", "decile", "neighbours")
GROUP_KINDS: tuple[str, ...] = ("decile", "neighbours")


@dataclass(frozen=True)
class Comparator:
    """What an area is compared with: England (the default), any other area that has values in the database
    (``kind`` "area"), or a peer group of the area's authority (``kind`` "decile" or "neighbours", see
    :func:`group_comparator`).
    """

    code: str = ENGLAND
    name: str = "England"
    kind: str = "area"

    @property
    def is_group(self) -> bool:
        """Whether the comparator is a peer group (its value formed from the members', see
        :mod:`lsc_phm.domain.comparators`)."""
        return self.kind in GROUP_KINDS

    @property
    def key(self) -> str:
        """What the link and the CLI keep: "england", "decile", "neighbours", or another area's code."""
        if self.is_group:
            return self.kind
        return "england" if self.code == ENGLAND else self.code


ENGLAND_COMPARATOR = Comparator()
#: A group comparator's name, chosen to read in "than at {name}'s rate".
GROUP_NAMES = {"decile": "the deprivation-decile group", "neighbours": "the similar-areas group"}
#: How a peer group's value is formed and judged, in one place for the page, the CLI and the methods page.
GROUP_NOTE = (
    "a peer group's value is formed from its members, the area itself left out: for a crude proportion "
    "where every member with a value has counts, pooled (sum of numerators / sum of denominators, Wilson "
    "95% interval); otherwise the median of the members' values, treated as fixed; none where fewer than "
    "half the members have a value. The area's 95% interval is tested against it (Fingertips' rule); "
    "where the area's value has no interval no comparison is made and no significance is claimed. Ranks "
    "count the area and its members with a value for the same period "
    "(docs/methods.md#comparing-with-a-peer-group)."
)
COMPARATOR_CHOICES = {
    "england": "England",
    "decile": "Authorities in the same deprivation decile",
    "neighbours": "15 nearest statistical neighbours",
}


def choosable_areas(db: Database, icb: Icb) -> pd.DataFrame:
    """The areas an attention list can be made for: the profile's areas (ICB, places, districts, footprints), then
    the ICB's PCNs with values. Columns ``area_code, area_name, level, label``."""
    from lsc_phm.views import place_profile  # the profile's area list, imported here to keep this module light

    profile = place_profile.choosable_areas(db, icb)[["area_code", "area_name", "level", "label"]]
    pcns = db.query("attention_pcns", icb=icb.code)
    pcns = pcns.assign(level="pcn", label=["PCN: " + str(name) for name in pcns["area_name"]])
    return pd.concat([profile, pcns[["area_code", "area_name", "level", "label"]]], ignore_index=True)


def resolve_area(db: Database, icb: Icb, wanted: str) -> tuple[str, str]:
    """(code, name) of the area ``wanted`` names: a profile area (code, label or name, as the place profile
    resolves it) or a PCN (code, "PCN: name" or name), case-insensitively.

    Raises
    ------
    ValueError
        One line naming what was not found (the profile's message, which lists the areas).
    """
    from lsc_phm.views import place_profile

    try:
        area = place_profile.resolve_area(db, icb, wanted)
        return area.code, area.name
    except ValueError as error:
        key = " ".join(str(wanted).split()).casefold()
        pcns = db.query("attention_pcns", icb=icb.code)
        for code, name in zip(pcns["area_code"], pcns["area_name"], strict=False):
            if key in (str(code).casefold(), str(name).casefold(), f"pcn: {name}".casefold()):
                return str(code), str(name)
        raise ValueError(f"{error}; or a PCN's name or code") from None


def part_note(db: Database, icb: Icb, area_code: str) -> str | None:
    """Which part of an authority an attention list's figures describe, for an area only partly in the ICB; None
    for any other area (a whole authority, a place, the ICB, a PCN).

    A district partly in the ICB is listed with the whole district's figures (published for it, or computed here
    over all its LSOAs); a place made of an authority's LSOAs outside the ICB's own places (e.g. 3 North Yorkshire
    LSOAs) has figures computed here over those LSOAs only.
    """
    from lsc_phm.views import place_profile, place_profile_areas

    try:
        area = place_profile.resolve_area(db, icb, area_code)
    except ValueError:  # a PCN: no authority to be part of
        return None
    if area.level == "district" and not area.whole_area_in_icb:
        return (
            f"{area.name} is only partly in this ICB ({area.lsoas} of its LSOAs); every figure here is the whole "
            "district's: published for it, or computed here over all its LSOAs."
        )
    if area.level == "place" and place_profile_areas.is_partial_place(area.code):
        return (
            f"{area.name}: the {area.lsoas} LSOAs of the authority that lie in this ICB outside its places; every "
            "figure here is computed from those LSOAs."
        )
    return None


def group_comparator(db: Database, area_code: str, kind: str) -> Comparator:
    """The peer group of the area's authority: "decile" (the English authorities of its tier in the same national
    deprivation decile, OHID's grouping) or "neighbours" (its 15 nearest statistical neighbours).

    Raises
    ------
    ValueError
        For another kind, or an area that is not one current English district or unitary authority (the message
        says why, as the spine chart does).
    """
    if kind not in GROUP_KINDS:
        raise ValueError(f"a peer group is one of {', '.join(GROUP_KINDS)}, not '{str(kind)[:40]}'")
    unavailable = similar_places.comparator_availability(area_code, similar_places.current_authorities(db))
    if unavailable is not None:
        raise ValueError(f"the '{kind}' comparator is not available for this area (choose england): {unavailable}")
    return Comparator(f"{kind}:{similar.authority_code(area_code)}", GROUP_NAMES[kind], kind)


def comparator_for(db: Database, icb: Icb, code: str, area_code: str | None = None) -> Comparator:
    """The comparator a link or the CLI names: "england" (or England's code), "decile" or "neighbours" (a peer
    group of ``area_code``, see :func:`group_comparator`), or any other area's code.

    Raises
    ------
    ValueError
        If no values are held for the code, or the area has no such peer group.
    """
    code = str(code).strip()
    if code.casefold() in (ENGLAND.casefold(), "england"):
        return Comparator()
    if code.casefold() in GROUP_KINDS:
        if area_code is None:
            raise ValueError(f"the '{code.casefold()}' comparator needs the area it is a peer group of")
        return group_comparator(db, area_code, code.casefold())
    held = db.query("attention_values", vintage=icb.imd_vintage, codes=[code])
    if held.empty:
        raise ValueError(
            f"no indicator values are held for comparator '{code[:60]}'; give england, decile, "
            f"neighbours or an area code such as {ENGLAND} (England)"
        )
    return Comparator(code, str(held["area_name"].iloc[0]))
