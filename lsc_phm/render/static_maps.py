"""Static map images (PNG) for briefings and downloads, drawn with matplotlib/geopandas: no browser, no tiles.

The geometry is the pre-simplified GeoJSON the build stores in ``geo_boundaries`` (query ``profile_lsoas``), so
maps draw offline and identically in the app, the PowerPoint and the printable HTML.

References
----------
.. [1] ONS Open Geography Portal: LSOA (Dec 2011 / Dec 2021) boundaries, OGL v3.0; contains OS data
   (c) Crown copyright and database right.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # no display: render to memory only

import geopandas as gpd  # noqa: E402 - imported after matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - imported after matplotlib.use("Agg")
import pandas as pd  # noqa: E402 - imported after matplotlib.use("Agg")
import shapely  # noqa: E402 - imported after matplotlib.use("Agg")
from matplotlib.patches import Patch  # noqa: E402 - imported after matplotlib.use("Agg")

from lsc_phm.render import charts, palette  # noqa: E402 - imported after matplotlib.use("Agg")

NO_DATA_COLOUR = palette.NO_DATA_COLOUR


def decile_map_png(lsoas: pd.DataFrame, title: str, dpi: int = 150) -> bytes | None:
    """Return a PNG map of LSOAs coloured by national IMD decile (1 = most deprived), or None without geometry.

    Parameters
    ----------
    lsoas : pandas.DataFrame
        ``lsoa_code``, ``imd_decile`` and ``geometry_json`` (GeoJSON geometry strings, WGS84), as returned by
        the ``profile_lsoas`` query. Rows without geometry are ignored; LSOAs without a decile are grey.
    title : str
        Title drawn above the map (say the IMD vintage).
    dpi : int, default 150

    Returns
    -------
    bytes or None
        PNG bytes, or None when no LSOA has a boundary (boundaries are shipped for one ICB only).

    Raises
    ------
    ValueError
        If a required column is missing.
    """
    missing = [c for c in ("lsoa_code", "imd_decile", "geometry_json") if c not in lsoas.columns]
    if missing:
        raise ValueError(f"lsoas frame lacks columns {missing}")
    with_geometry = lsoas[lsoas["geometry_json"].notna()]
    if with_geometry.empty:
        return None
    frame = gpd.GeoDataFrame(
        {"imd_decile": pd.to_numeric(with_geometry["imd_decile"], errors="coerce").to_numpy()},
        geometry=shapely.from_geojson(with_geometry["geometry_json"].to_numpy()),
        crs="EPSG:4326",
    ).to_crs("EPSG:27700")  # British National Grid: true shape for GB
    colours = [charts.DECILE_COLOURS[int(d) - 1] if d == d else NO_DATA_COLOUR for d in frame["imd_decile"]]
    figure, axes = plt.subplots(figsize=(6.4, 6.0), dpi=dpi)
    try:
        frame.plot(ax=axes, color=colours, edgecolor=palette.BACKGROUND, linewidth=0.15)
        axes.set_axis_off()
        axes.set_title(title, fontsize=10, loc="left")
        present = sorted({int(d) for d in frame["imd_decile"] if d == d})
        handles = [
            Patch(
                facecolor=charts.DECILE_COLOURS[d - 1], edgecolor=palette.SWATCH_EDGE, label=charts.DECILE_LABELS[d - 1]
            )
            for d in present
        ]
        axes.legend(handles=handles, title="National IMD decile", loc="center left", bbox_to_anchor=(1.0, 0.5),
                    fontsize=7, title_fontsize=8, frameon=False)
        figure.text(
            0.01,
            0.01,
            "Contains OS data (c) Crown copyright and database right. Source: ONS, MHCLG (OGL v3.0).",
            fontsize=6,
            color=palette.TEXT_MUTED,
        )
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()
    finally:
        plt.close(figure)


def choropleth_png(geometry: pd.DataFrame, rows: pd.DataFrame, legend_entries: list[tuple[str, str]], title: str,
                   dpi: int = 150) -> bytes | None:
    """Return a PNG of the map explorer's choropleth, with exactly the interactive map's fills and legend.

    Parameters
    ----------
    geometry : pandas.DataFrame
        ``area_code`` and ``geometry_json`` (pre-simplified GeoJSON strings from ``geo_boundaries``).
    rows : pandas.DataFrame
        ``area_code`` and ``fill`` (the colour each area is drawn with: :attr:`lsc_phm.render.maps.ChoroplethMap.rows`).
    legend_entries : list of (label, colour)
        The legend, in order (value classes, then suppressed / no data).
    title : str
        Title above the map (indicator, period, geography).
    dpi : int, default 150

    Returns
    -------
    bytes or None
        PNG bytes, or None when there is no geometry.

    Raises
    ------
    ValueError
        If a required column is missing.
    """
    for frame, columns in ((geometry, ("area_code", "geometry_json")), (rows, ("area_code", "fill"))):
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise ValueError(f"frame lacks columns {missing}")
    joined = geometry.merge(rows[["area_code", "fill"]], on="area_code", how="left")
    if joined.empty:
        return None
    frame = gpd.GeoDataFrame({"fill": joined["fill"].fillna(NO_DATA_COLOUR).to_numpy()},
                             geometry=shapely.from_geojson(joined["geometry_json"].to_numpy()),
                             crs="EPSG:4326").to_crs("EPSG:27700")
    figure, axes = plt.subplots(figsize=(7.0, 7.0), dpi=dpi)
    try:
        frame.plot(ax=axes, color=frame["fill"], edgecolor=palette.BACKGROUND, linewidth=0.15)
        axes.set_axis_off()
        axes.set_title(title, fontsize=10, loc="left")
        handles = [
            Patch(facecolor=colour, edgecolor=palette.SWATCH_EDGE, label=label) for label, colour in legend_entries
        ]
        axes.legend(handles=handles, loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=7, frameon=False)
        figure.text(0.01, 0.01, "Contains OS data (c) Crown copyright and database right. Sources as named in the "
                    "app (OGL v3.0).", fontsize=6, color=palette.TEXT_MUTED)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()
    finally:
        plt.close(figure)
