"""The map's geometry payload: each area's rings as integer coordinate deltas at 1e-5 degree precision.

About 40% of the size of the same polygons as GeoJSON; the browser rebuilds the polygons with a 5-line decoder (see
:mod:`lsc_phm.render.maps`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import numpy as np
import pandas as pd
import shapely

COORDINATE_SCALE = 100_000  # 1e-5 degrees, the precision of the built boundaries


def _polygons(geometry: dict) -> list[list[list[list[float]]]]:
    kind = geometry.get("type")
    if kind == "Polygon":
        return [geometry["coordinates"]]
    if kind == "MultiPolygon":
        return list(geometry["coordinates"])
    if kind == "GeometryCollection":
        return [p for part in geometry.get("geometries", []) for p in _polygons(part)]
    return []


def encode_geometry(geometry_json: str) -> list[list[list[int]]]:
    """Encode a GeoJSON (Multi)Polygon as polygons of rings of integer coordinate deltas.

    Each ring becomes ``[x0, y0, dx1, dy1, ...]`` in units of 1e-5 degrees (longitude first, as GeoJSON), without the
    closing point (Leaflet closes rings itself). Lines and points (from ``make_valid``) are dropped.

    Raises
    ------
    ValueError
        If the text is not GeoJSON or holds no polygon.
    """
    try:
        geometry = json.loads(geometry_json)
    except (TypeError, json.JSONDecodeError):
        raise ValueError("geometry must be a GeoJSON geometry string") from None
    polygons = _polygons(geometry)
    if not polygons:
        raise ValueError(f"geometry of type {geometry.get('type')} has no polygon to draw")
    encoded = []
    for polygon in polygons:
        rings = []
        for ring in polygon:
            points = np.rint(np.asarray(ring, dtype="float64")[:, :2] * COORDINATE_SCALE).astype(np.int64)
            if len(points) > 1 and (points[0] == points[-1]).all():
                points = points[:-1]
            deltas = np.vstack([points[:1], np.diff(points, axis=0)])
            rings.append(deltas.ravel().tolist())
        encoded.append(rings)
    return encoded


def decode_geometry(encoded: list[list[list[int]]]) -> dict[str, object]:
    """Inverse of :func:`encode_geometry`: a GeoJSON MultiPolygon with closed rings (what the browser draws)."""
    polygons = []
    for polygon in encoded:
        rings = []
        for ring in polygon:
            points = np.cumsum(np.asarray(ring, dtype=np.int64).reshape(-1, 2), axis=0) / COORDINATE_SCALE
            closed = np.vstack([points, points[:1]])
            rings.append(closed.round(5).tolist())
        polygons.append(rings)
    return {"type": "MultiPolygon", "coordinates": polygons}


def encode_layer(geometry: pd.DataFrame) -> pd.DataFrame:
    """Encode every area's geometry once (cache the result per IMD vintage and level).

    Parameters
    ----------
    geometry : pandas.DataFrame
        ``area_code`` and ``geometry_json`` (from the ``boundaries`` query).

    Returns
    -------
    pandas.DataFrame
        ``area_code``, ``encoded`` (compact JSON text of :func:`encode_geometry`) and the bounding box ``west``,
        ``south``, ``east``, ``north`` in degrees.
    """
    missing = {"area_code", "geometry_json"} - set(geometry.columns)
    if missing:
        raise ValueError(f"geometry frame lacks columns {sorted(missing)}")
    shapes = shapely.from_geojson(geometry["geometry_json"].to_numpy())
    box = shapely.bounds(shapes)
    encoded = [json.dumps(encode_geometry(text), separators=(",", ":")) for text in geometry["geometry_json"]]
    return pd.DataFrame(
        {
            "area_code": geometry["area_code"].to_numpy(),
            "encoded": encoded,
            "west": box[:, 0],
            "south": box[:, 1],
            "east": box[:, 2],
            "north": box[:, 3],
        }
    )


def outline(geometry_jsons: Iterable[str]) -> str | None:
    """Dissolve polygons (e.g. the Core20 LSOAs) into one outline, encoded as :func:`encode_geometry` JSON text.

    Returns None when there is nothing to outline.
    """
    shapes = [shapely.from_geojson(text) for text in geometry_jsons]
    if not shapes:
        return None
    union = shapely.union_all(shapely.make_valid(np.asarray(shapes, dtype=object)), grid_size=1.0 / COORDINATE_SCALE)
    if union.is_empty:
        return None
    return json.dumps(encode_geometry(shapely.to_geojson(union)), separators=(",", ":"))
