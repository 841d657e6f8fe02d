"""Project configuration: where the data lives, which ICB the app shows, and how places are labelled.

The area is configuration, not code. Set ``LSC_PHM_ICB`` to an ICB's ONS code (``E54000048``) or ODS code
(``QE1``) to point the app and the CLI at another Integrated Care Board; the default is NHS Lancashire and
South Cumbria ICB. Boundaries for small-area maps are shipped for Lancashire and South Cumbria only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
BOUNDARY_DIR = DATA_DIR / "boundaries"
QUERIES_DIR = ROOT / "queries"
DATASETS_FILE = DATA_DIR / "datasets.toml"
#: Custom footprints (Pennine Lancashire, Fylde Coast, ...): versioned, read at build time.
AREAS_FILE = ROOT / "config" / "areas.toml"
DATABASE_PATH = Path(os.environ.get("LSC_PHM_DATABASE", DATA_DIR / "lsc_phm.duckdb"))
#: Rendered briefing charts kept between CLI runs (one folder per database build; see lsc_phm.render.images).
CHART_CACHE_DIR = Path(os.environ.get("LSC_PHM_CHART_CACHE", DATABASE_PATH.parent / "cache" / "charts"))

DEFAULT_ICB = "E54000048"
IMD_VINTAGES: tuple[int, ...] = (2019, 2025)
#: The latest IMD and the Census 2021 geography it uses (2021 LSOAs, 2024 wards) open by default in the app and the
#: CLI, so Census 2021 outcomes are mappable at once; IMD 2019 (2011 LSOAs) stays one click or flag away.
DEFAULT_IMD_VINTAGE = 2025
ENGLAND_CODE = "E92000001"

#: DuckDB's memory limit (MiB) for the dashboard server's read-only connection (see lsc_phm.store.db.Database).
#: DuckDB keeps every table block it has read up to its limit (by default 80% of RAM): some 56 MB after every page
#: of the dashboard, held for the server's lifetime although Streamlit caches what the pages made of them. The
#: largest dashboard query needs about 23 MiB; a query that needs more raises the limit. The CLI keeps DuckDB's
#: default (a short-lived process, where re-reading blocks would only cost time: about 0.3 s per place profile).
SERVER_MEMORY_LIMIT_MIB = 48

#: Disclosure control: counts below this are suppressed in every view and export.
SUPPRESSION_THRESHOLD = 10


@dataclass(frozen=True)
class PlaceLabel:
    """Relabels the LSOAs of one upper-tier authority inside one ICB as a named place."""

    icb_code: str
    utla_code: str
    place_code: str
    place_name: str
    #: False for LSOAs counted in the ICB but in none of its places (left out of place lists and --all-places)
    is_icb_place: bool = True


#: Places are the upper-tier local authorities an ICB's LSOAs lie in (from the ONS lookups). Where an ICB's own
#: place differs from that, it is relabelled here. In Lancashire and South Cumbria the Cumbrian LSOAs (Barrow,
#: South Lakeland and 6 Copeland LSOAs on the 2011 basis; Westmorland and Furness's southern part and 6 Cumberland
#: LSOAs on the 2021 basis) form the place "South Cumbria". The 3 Craven / North Yorkshire LSOAs (Bentham area)
#: keep their own upper tier and are shown as "North Yorkshire (part)", outside the four places.
PLACE_LABELS: tuple[PlaceLabel, ...] = (
    PlaceLabel("E54000048", "E10000006", "QE1-south-cumbria", "South Cumbria"),
    PlaceLabel("E54000048", "E06000064", "QE1-south-cumbria", "South Cumbria"),
    PlaceLabel("E54000048", "E06000063", "QE1-south-cumbria", "South Cumbria"),
    PlaceLabel("E54000048", "E10000023", "QE1-north-yorkshire-part", "North Yorkshire (part)", is_icb_place=False),
    PlaceLabel("E54000048", "E06000065", "QE1-north-yorkshire-part", "North Yorkshire (part)", is_icb_place=False),
)


@dataclass(frozen=True)
class PlaceProxy:
    """A place that is not one whole local authority, shown with a named authority's published values as a proxy."""

    icb_code: str
    place_code: str
    proxy_code: str
    proxy_name: str
    reason: str


#: Local-authority series (life expectancy, HLE, smoking, Fingertips indicators) are published for whole authorities.
#: South Cumbria is the southern part of Westmorland and Furness (with Barrow and South Lakeland, about two thirds of
#: it) plus 6 Cumberland LSOAs, so Westmorland and Furness's values are the nearest published ones; labelled as a proxy.
PLACE_PROXIES: tuple[PlaceProxy, ...] = (
    PlaceProxy(
        "E54000048",
        "QE1-south-cumbria",
        "E06000064",
        "Westmorland and Furness",
        "South Cumbria is most of Westmorland and Furness (Barrow-in-Furness and South Lakeland) but not all "
        "of it (Eden is in North Cumbria), so the authority's published figure is the nearest available",
    ),
)


@dataclass(frozen=True)
class SubIcbName:
    """The familiar name of a sub-ICB location, with where the name comes from."""

    ods_code: str
    ons_code: str
    name: str
    source: str


_CCG_SOURCE = (
    "ONS LSOA (2011) to CCG to STP to LAD lookup, April 2021 (CCG21NM): the clinical commissioning group "
    "whose area and ONS code ({ons}) the sub-ICB location took over on 1 July 2022"
)
#: Sub-ICB locations are published as "NHS Lancashire and South Cumbria ICB - 01A"; people call them by the name of
#: the CCG they replaced. The app shows "East Lancashire (01A)": the familiar name with the code beside it.
SUB_ICB_NAMES: tuple[SubIcbName, ...] = tuple(
    SubIcbName(ods, ons, name, _CCG_SOURCE.format(ons=ons) + f": 'NHS {name} CCG'")
    for ods, ons, name in (
        ("00Q", "E38000014", "Blackburn with Darwen"),
        ("00R", "E38000015", "Blackpool"),
        ("00X", "E38000034", "Chorley and South Ribble"),
        ("01A", "E38000050", "East Lancashire"),
        ("01E", "E38000227", "Greater Preston"),
        ("01K", "E38000228", "Morecambe Bay"),
        ("02G", "E38000200", "West Lancashire"),
        ("02M", "E38000226", "Fylde and Wyre"),
    )
)


def sub_icb_label(ods_code: str, published_name: str | None = None) -> str:
    """``"East Lancashire (01A)"`` for a configured sub-ICB, else the published name (or the code)."""
    for entry in SUB_ICB_NAMES:
        if entry.ods_code == ods_code or entry.ons_code == ods_code:
            return f"{entry.name} ({entry.ods_code})"
    return published_name or ods_code


def configured_icb() -> str:
    """Return the ICB code the app should show: ``LSC_PHM_ICB`` if set, else the default (QE1)."""
    return os.environ.get("LSC_PHM_ICB", DEFAULT_ICB).strip() or DEFAULT_ICB
