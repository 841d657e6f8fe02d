"""Custom footprints (``config/areas.toml``): read, check and turn into the member table the build joins to LSOAs.

A footprint is an area analysts work in that is not a statutory geography (Pennine Lancashire, Fylde Coast, ...).
It is declared in a versioned TOML file as whole member areas of one ICB: districts, places, wards or LSOAs, named by
code. The build writes one row per member into ``cfg_footprint_members`` and ``queries/marts/90_mart_footprints.sql``
resolves them to LSOAs in each IMD vintage; :func:`check_member_codes` then stops the build if a code matches no
area, naming the code and the footprint.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lsc_phm import config

#: Member kinds a footprint may list, and the geography level each names.
MEMBER_LEVELS: dict[str, str] = {"districts": "district", "places": "place", "wards": "ward", "lsoas": "lsoa"}
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{1,60}$")
MEMBER_COLUMNS: tuple[str, ...] = (
    "icb_code",
    "footprint_code",
    "footprint_name",
    "description",
    "member_level",
    "member_code",
)


class FootprintError(ValueError):
    """The footprint file is malformed or names an unknown area; the message says which footprint and code."""


@dataclass(frozen=True)
class Footprint:
    """One custom footprint as declared in the file."""

    code: str
    name: str
    icb: str
    description: str
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)


def parse(text: str, source: str = "config/areas.toml") -> list[Footprint]:
    """Parse and check the structure of a footprint file.

    Parameters
    ----------
    text : str
        TOML text with ``version = 1`` and a ``[[footprint]]`` table per footprint (``code``, ``name``, ``icb``,
        ``description`` and at least one of ``districts``, ``places``, ``wards``, ``lsoas``).
    source : str
        File name used in messages.

    Raises
    ------
    FootprintError
        For invalid TOML, a missing or misspelt key, a duplicate footprint code, or an empty footprint.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FootprintError(f"{source} is not valid TOML ({error})") from None
    if data.get("version") != 1:
        raise FootprintError(f"{source} must say 'version = 1' (found {data.get('version')!r})")
    entries = data.get("footprint", [])
    if not isinstance(entries, list):
        raise FootprintError(f"{source}: footprints are written as [[footprint]] tables")
    footprints: list[Footprint] = []
    seen: set[str] = set()
    allowed = {"code", "name", "icb", "description", *MEMBER_LEVELS}
    for number, entry in enumerate(entries, start=1):
        label = f"{source}: footprint {number} ({entry.get('name', entry.get('code', 'no name'))})"
        unknown = sorted(set(entry) - allowed)
        if unknown:
            raise FootprintError(
                f"{label} has unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}"
            )
        for key in ("code", "name", "icb", "description"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise FootprintError(f"{label} needs a text '{key}'")
        code = entry["code"].strip()
        if not _CODE.match(code):
            raise FootprintError(f"{label}: code '{code}' must be letters, digits, '-' or '_' (2-61 characters)")
        if code in seen:
            raise FootprintError(f"{label}: code '{code}' is used by another footprint")
        seen.add(code)
        members: dict[str, tuple[str, ...]] = {}
        for key, level in MEMBER_LEVELS.items():
            values = entry.get(key, [])
            if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
                raise FootprintError(f"{label}: '{key}' must be a list of codes")
            if values:
                members[level] = tuple(dict.fromkeys(v.strip() for v in values))
        if not members:
            raise FootprintError(f"{label} lists no members: give districts, places, wards or lsoas")
        footprints.append(
            Footprint(code, entry["name"].strip(), entry["icb"].strip(), entry["description"].strip(), members)
        )
    return footprints


def load(path: Path | None = None) -> list[Footprint]:
    """Read and parse the footprint file (default ``config.AREAS_FILE``); a missing file means no footprints."""
    path = path or config.AREAS_FILE
    if not path.is_file():
        return []
    return parse(
        path.read_text(encoding="utf-8"),
        str(path.relative_to(config.ROOT)) if path.is_relative_to(config.ROOT) else str(path),
    )


def member_table(footprints: list[Footprint]) -> pd.DataFrame:
    """One row per footprint member (:data:`MEMBER_COLUMNS`), for the build's ``cfg_footprint_members`` table."""
    rows = [
        {
            "icb_code": fp.icb,
            "footprint_code": fp.code,
            "footprint_name": fp.name,
            "description": fp.description,
            "member_level": level,
            "member_code": code,
        }
        for fp in footprints
        for level, codes in fp.members.items()
        for code in codes
    ]
    return pd.DataFrame(rows, columns=list(MEMBER_COLUMNS)).astype("string")


def check_member_codes(members: pd.DataFrame, known: pd.DataFrame) -> None:
    """Stop if a footprint member matches no area of its ICB in either IMD vintage.

    Parameters
    ----------
    members : pandas.DataFrame
        :func:`member_table`.
    known : pandas.DataFrame
        ``icb_code``, ``level``, ``area_code`` of every area that exists (any vintage).

    Raises
    ------
    FootprintError
        Naming every unknown code with its level and footprint.
    """
    if members.empty:
        return
    keys = set(zip(known["icb_code"], known["level"], known["area_code"], strict=False))
    unknown = [
        row for row in members.itertuples(index=False) if (row.icb_code, row.member_level, row.member_code) not in keys
    ]
    if unknown:
        listed = "; ".join(
            f"{row.member_level} '{row.member_code}' in footprint '{row.footprint_name}'" for row in unknown
        )
        raise FootprintError(
            f"config/areas.toml names {len(unknown)} code(s) that are not an area of the footprint's ICB in either "
            f"IMD vintage: {listed}. Check the code (e.g. 'python -m lsc_phm deprivation --level lad')"
        )
