"""Build-time boundary preparation: coverage-preserving simplification and dissolving LSOAs into larger areas.

All heavy geometry work happens once, at build time, so the app only reads small pre-simplified GeoJSON strings.
Every level above LSOA is the union of its (best-fit) LSOAs, so shapes always agree with the numbers, which are
aggregated from the same LSOAs. Official ward boundaries differ slightly from best-fit LSOA unions; the app says so.

References
----------
.. [1] Shapely ``coverage_simplify`` / GeoPandas ``GeoSeries.simplify_coverage``: simplification of a polygonal
   coverage that keeps shared edges shared (no gaps or slivers). https://geopandas.org/
.. [2] RFC 7946 section 11.2: coordinate precision of about 6 decimal places (we use 5, about 1 m).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

#: British National Grid, so the simplification tolerance is in metres.
PROJECTED_CRS = "EPSG:27700"
WGS84 = "EPSG:4326"
#: Simplification tolerance (metres) per LSOA source; the 20 m BGC 2011 file has more vertices than the 200 m BSC.
DEFAULT_TOLERANCE_M = 90.0
COORDINATE_DECIMALS = 5


def read_lsoa_boundaries(path: Path, code_field: str) -> gpd.GeoDataFrame:
    """Read an LSOA boundary GeoJSON and keep only the LSOA code and geometry.

    Parameters
    ----------
    path : Path
        GeoJSON file in WGS84.
    code_field : str
        Property holding the LSOA code (``LSOA11CD`` or ``LSOA21CD``).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``lsoa_code`` and ``geometry``, CRS EPSG:4326.

    Raises
    ------
    ValueError
        If the file lacks ``code_field``.
    """
    frame = gpd.read_file(path)
    if code_field not in frame.columns:
        raise ValueError(f"boundary file {path.name} has no '{code_field}' property")
    frame = frame[[code_field, "geometry"]].rename(columns={code_field: "lsoa_code"})
    return frame.set_crs(WGS84, allow_override=True)


def simplify_lsoas(lsoas: gpd.GeoDataFrame, tolerance_m: float = DEFAULT_TOLERANCE_M) -> gpd.GeoDataFrame:
    """Simplify an LSOA coverage without opening gaps between neighbours.

    Parameters
    ----------
    lsoas : geopandas.GeoDataFrame
        LSOA polygons (any CRS); must form a coverage (no overlaps).
    tolerance_m : float, default 90
        Simplification tolerance in metres (applied in EPSG:27700).

    Returns
    -------
    geopandas.GeoDataFrame
        Same rows, simplified, in EPSG:27700 (project later with :func:`to_geojson_strings`).
    """
    if tolerance_m < 0:
        raise ValueError("tolerance_m must be zero or positive")
    projected = lsoas.to_crs(PROJECTED_CRS)
    projected["geometry"] = shapely.make_valid(projected.geometry.values)
    projected["geometry"] = projected.geometry.simplify_coverage(tolerance_m)
    return projected


def dissolve(lsoas: gpd.GeoDataFrame, membership: pd.DataFrame, code_column: str) -> gpd.GeoDataFrame:
    """Union LSOA polygons into the areas named by ``membership[code_column]``.

    Parameters
    ----------
    lsoas : geopandas.GeoDataFrame
        Simplified LSOA polygons with ``lsoa_code``.
    membership : pandas.DataFrame
        One row per LSOA with ``lsoa_code`` and ``code_column``.
    code_column : str
        Column naming the larger area each LSOA belongs to.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``area_code`` and ``geometry``.
    """
    joined = lsoas.merge(membership[["lsoa_code", code_column]], on="lsoa_code", how="inner")
    dissolved = joined.dissolve(by=code_column, as_index=False)[[code_column, "geometry"]]
    return dissolved.rename(columns={code_column: "area_code"})


def to_geojson_strings(areas: gpd.GeoDataFrame, decimals: int = COORDINATE_DECIMALS) -> pd.DataFrame:
    """Project to WGS84, round coordinates and return one GeoJSON geometry string per area.

    Parameters
    ----------
    areas : geopandas.GeoDataFrame
        Columns ``area_code`` and ``geometry``.
    decimals : int, default 5
        Decimal places kept (5 is about 1 m).

    Returns
    -------
    pandas.DataFrame
        Columns ``area_code`` and ``geometry_json``.
    """
    wgs = areas.to_crs(WGS84)
    rounded = shapely.set_precision(wgs.geometry.values, 10.0**-decimals)
    rounded = shapely.make_valid(rounded)
    strings = shapely.to_geojson(rounded)
    return pd.DataFrame({"area_code": wgs["area_code"].to_numpy(), "geometry_json": strings})
