"""Static map PNGs (map explorer download, briefings): same fills and legend as the interactive map."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from PIL import Image

from lsc_phm.domain import indicator_data
from lsc_phm.render import map_classes, map_geometry, maps, static_maps
from tests.conftest import open_page


def test_choropleth_png_uses_the_interactive_maps_fills(db, icb2019) -> None:
    geometry = db.query("boundaries", vintage=2019, icb=icb2019.code, level="district")
    table = indicator_data.values(db, icb2019, "imd_score", "district", "2019")
    legend = map_classes.classify(table["value"], "quantiles")
    built = maps.choropleth(
        map_geometry.encode_layer(geometry), table, legend, value_label="IMD", unit="score", decimals=2
    )
    # Blackpool (highest district average score, 45.04) must be in the darkest class, as on the interactive map
    blackpool_fill = built.rows.set_index("area_code").loc["E06000009", "fill"]
    assert blackpool_fill == legend.classes[-1].colour
    png = static_maps.choropleth_png(geometry, built.rows, [(c.label, c.colour) for c in legend.classes], "IMD score")
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size[0] > 500
    wanted = tuple(int(blackpool_fill[i : i + 2], 16) for i in (1, 3, 5))
    assert wanted in {colour for _, colour in image.getcolors(maxcolors=1_000_000)}


def test_choropleth_png_rejects_frames_without_fills() -> None:
    with pytest.raises(ValueError, match=r"frame lacks columns \['fill'\]"):
        static_maps.choropleth_png(
            pd.DataFrame({"area_code": [], "geometry_json": []}), pd.DataFrame({"area_code": []}), [], "x"
        )


@pytest.mark.usefixtures("db")
def test_map_page_offers_a_png_of_the_map() -> None:
    app = open_page("pages/map_explorer.py")
    assert "map_png" in [b.key for b in app.get("download_button")]


def test_map_zooms_to_a_district_when_asked(db, icb2019) -> None:
    # Blackpool's 21 wards (Dec 2019) lie within about 53.77-53.88 N; the ICB spans about 53.5-54.5 N.
    geometry = db.query("boundaries", vintage=2019, icb=icb2019.code, level="ward")
    layer = map_geometry.encode_layer(geometry)
    table = indicator_data.values(db, icb2019, "imd_score", "ward", "2019")
    legend = map_classes.classify(table["value"], "quantiles")
    wards = db.execute("select distinct ward_code from mart_lsoas where imd_vintage = 2019 and lad_code = 'E06000009'")
    focus = frozenset(wards["ward_code"])
    assert len(focus) == 21

    def bounds(built) -> list[list[float]]:
        fits = [c for c in built.map._children.values() if type(c).__name__ == "FitBounds"]
        return fits[0].bounds

    whole = bounds(maps.choropleth(layer, table, legend, value_label="IMD", unit="score", decimals=2))
    zoomed = bounds(
        maps.choropleth(layer, table, legend, value_label="IMD", unit="score", decimals=2, focus_codes=focus)
    )
    assert whole[1][0] - whole[0][0] > 0.8  # the ICB: about a degree of latitude
    assert 53.7 < zoomed[0][0] < zoomed[1][0] < 53.95  # Blackpool only


def test_png_of_the_blackpool_zoom_shows_blackpool_with_its_title(db, icb2019) -> None:
    """The PNG is the view on screen: LSOAs zoomed to Blackpool's, titled with indicator, period and geography."""
    import matplotlib.pyplot as plt

    geometry = db.query("boundaries", vintage=2019, icb=icb2019.code, level="lsoa")
    table = indicator_data.values(db, icb2019, "imd_score", "lsoa", "2019")
    legend = map_classes.classify(table["value"], "quantiles", title="IMD score, 2019 (score)")
    built = maps.choropleth(
        map_geometry.encode_layer(geometry), table, legend, value_label="IMD", unit="score", decimals=2
    )
    blackpool = frozenset(
        db.execute("select lsoa_code from mart_lsoas where imd_vintage = 2019 and lad_code = 'E06000009'")["lsoa_code"]
    )
    assert len(blackpool) == 94  # IMD 2019 File 1: Blackpool has 94 LSOAs
    districts = db.query("boundaries", vintage=2019, icb=icb2019.code, level="district").assign(area_name="x")
    title = "IMD score, 2019 (score)\nLSOAs in Blackpool"
    figure = static_maps.choropleth_figure(
        geometry,
        built.rows,
        [(c.label, c.colour) for c in legend.classes],
        title,
        focus_codes=blackpool,
        boundaries=districts,
    )
    try:
        axes = figure.axes[0]
        (west, east), (south, north) = axes.get_xlim(), axes.get_ylim()
        # Blackpool (British National Grid, metres): about 330-337 km east, 429-441 km north, so with a 4% margin the
        # view is under 15 km across; the whole ICB is over 80 km across (Barrow to Burnley).
        assert 325_000 < west < 331_000 and 335_000 < east < 340_000, (west, east)
        assert 425_000 < south < 431_000 and 439_000 < north < 446_000, (south, north)
        assert axes.get_title(loc="left") == title
        assert any(type(a).__name__ == "ScaleBar" for a in axes.artists)
    finally:
        plt.close(figure)
    png = static_maps.choropleth_png(
        geometry, built.rows, [(c.label, c.colour) for c in legend.classes], title, focus_codes=blackpool, dpi=60
    )
    assert Image.open(io.BytesIO(png)).text["Title"] == title
