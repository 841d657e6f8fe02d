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
from matplotlib import patheffects  # noqa: E402 - imported after matplotlib.use("Agg")
from matplotlib.lines import Line2D  # noqa: E402 - imported after matplotlib.use("Agg")
from matplotlib.patches import Patch  # noqa: E402 - imported after matplotlib.use("Agg")
from matplotlib_scalebar.scalebar import ScaleBar  # noqa: E402 - imported after matplotlib.use("Agg")

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
        axes.legend(
            handles=handles,
            title="National IMD decile",
            loc="center left",
            bbox_to_anchor=(1.0, 0.5),
            fontsize=7,
            title_fontsize=8,
            frameon=False,
        )
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


def choropleth_figure(
    geometry: pd.DataFrame,
    rows: pd.DataFrame,
    legend_entries: list[tuple[str, str]],
    title: str,
    dpi: int = 150,
    *,
    focus_codes: frozenset[str] | None = None,
    boundaries: pd.DataFrame | None = None,
    outline_geometry: str | None = None,
    outline_label: str | None = None,
):
    """The map explorer's choropleth as a matplotlib figure: what :func:`choropleth_png` saves.

    The view is the one on screen: the focus areas (a district's LSOAs or wards) with a 4% margin, else every area;
    district (or other) boundaries are drawn over the fills and named, with a scale bar (British National Grid,
    metres) and the legend beside the map.

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
    focus_codes : frozenset of str, optional
        Area codes the view is limited to (the district zoom); None or empty for every area.
    boundaries : pandas.DataFrame, optional
        ``area_name`` and ``geometry_json`` of larger areas (e.g. districts) drawn as lines and labelled where their
        label point is in view.
    outline_geometry : str, optional
        GeoJSON geometry of an outline drawn dashed over the fills (Core20 LSOAs), named ``outline_label``.

    Returns
    -------
    matplotlib.figure.Figure
        The caller closes it (``plt.close``).

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
    frame = gpd.GeoDataFrame(
        {"area_code": joined["area_code"].to_numpy(), "fill": joined["fill"].fillna(NO_DATA_COLOUR).to_numpy()},
        geometry=shapely.from_geojson(joined["geometry_json"].to_numpy()),
        crs="EPSG:4326",
    ).to_crs("EPSG:27700")
    focus = frame[frame["area_code"].isin(focus_codes)] if focus_codes else frame.iloc[0:0]
    west, south, east, north = (focus if len(focus) else frame).total_bounds
    margin = 0.04 * max(east - west, north - south)
    figure, axes = plt.subplots(figsize=(7.0, 7.0), dpi=dpi)
    frame.plot(ax=axes, color=frame["fill"], edgecolor=palette.BACKGROUND, linewidth=0.15)
    handles = [Patch(facecolor=colour, edgecolor=palette.SWATCH_EDGE, label=label) for label, colour in legend_entries]
    if outline_geometry:
        gpd.GeoSeries(shapely.from_geojson([outline_geometry]), crs="EPSG:4326").to_crs("EPSG:27700").boundary.plot(
            ax=axes, color=palette.CORE20_OUTLINE, linewidth=1.4, linestyle=(0, (4, 2.5))
        )
        handles.append(
            Line2D(
                [],
                [],
                color=palette.CORE20_OUTLINE,
                linewidth=1.4,
                linestyle=(0, (4, 2.5)),
                label=outline_label or "Outline",
            )
        )
    axes.set_xlim(west - margin, east + margin)
    axes.set_ylim(south - margin, north + margin)
    if boundaries is not None and len(boundaries):
        parents = gpd.GeoDataFrame(
            {"area_name": boundaries["area_name"].to_numpy()},
            geometry=shapely.from_geojson(boundaries["geometry_json"].to_numpy()),
            crs="EPSG:4326",
        ).to_crs("EPSG:27700")
        parents.boundary.plot(ax=axes, color=palette.INK_SOFT, linewidth=0.8)
        for name, point in zip(parents["area_name"], parents.representative_point(), strict=False):
            if west - margin < point.x < east + margin and south - margin < point.y < north + margin:
                axes.annotate(
                    str(name),
                    (point.x, point.y),
                    fontsize=7,
                    ha="center",
                    va="center",
                    color=palette.INK,
                    path_effects=[patheffects.withStroke(linewidth=2.2, foreground=palette.BACKGROUND)],
                )
    axes.set_axis_off()
    axes.set_title(title, fontsize=10, loc="left", wrap=True)
    axes.add_artist(ScaleBar(1, "m", location="lower right", box_alpha=0.7, font_properties={"size": 7}))
    axes.legend(handles=handles, loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=7, frameon=False)
    figure.text(
        0.01,
        0.01,
        "Contains OS data (c) Crown copyright and database right. Sources as named in the app (OGL v3.0).",
        fontsize=6,
        color=palette.TEXT_MUTED,
    )
    return figure


def choropleth_png(
    geometry: pd.DataFrame,
    rows: pd.DataFrame,
    legend_entries: list[tuple[str, str]],
    title: str,
    dpi: int = 150,
    **view,
) -> bytes | None:
    """Return a PNG of the map explorer's choropleth, with exactly the interactive map's fills and legend.

    Parameters are those of :func:`choropleth_figure` (``view``: ``focus_codes``, ``boundaries``,
    ``outline_geometry``, ``outline_label``); the title is also written in the PNG's ``Title`` text chunk.

    Returns
    -------
    bytes or None
        PNG bytes, or None when there is no geometry.
    """
    figure = choropleth_figure(geometry, rows, legend_entries, title, dpi, **view)
    if figure is None:
        return None
    try:
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", bbox_inches="tight", metadata={"Title": title})
        return buffer.getvalue()
    finally:
        plt.close(figure)
