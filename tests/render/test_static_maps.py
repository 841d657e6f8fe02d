"""Static map PNGs (map explorer download, briefings): same fills and legend as the interactive map."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from PIL import Image

from lsc_phm.domain import indicator_data
from lsc_phm.render import maps, static_maps
from tests.conftest import open_page


def test_choropleth_png_uses_the_interactive_maps_fills(db, icb2019) -> None:
    geometry = db.query("boundaries", vintage=2019, icb=icb2019.code, level="district")
    table = indicator_data.values(db, icb2019, "imd_score", "district", "2019")
    legend = maps.classify(table["value"], "quantiles")
    built = maps.choropleth(maps.encode_layer(geometry), table, legend, value_label="IMD", unit="score", decimals=2)
    # Blackpool (highest district average score, 45.04) must be in the darkest class, as on the interactive map
    blackpool_fill = built.rows.set_index("area_code").loc["E06000009", "fill"]
    assert blackpool_fill == legend.classes[-1].colour
    png = static_maps.choropleth_png(geometry, built.rows, [(c.label, c.colour) for c in legend.classes], "IMD score")
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size[0] > 500
    wanted = tuple(int(blackpool_fill[i:i + 2], 16) for i in (1, 3, 5))
    assert wanted in {colour for _, colour in image.getcolors(maxcolors=1_000_000)}


def test_choropleth_png_rejects_frames_without_fills() -> None:
    with pytest.raises(ValueError, match=r"frame lacks columns \['fill'\]"):
        static_maps.choropleth_png(pd.DataFrame({"area_code": [], "geometry_json": []}),
                                   pd.DataFrame({"area_code": []}), [], "x")


@pytest.mark.usefixtures("db")
def test_map_page_offers_a_png_of_the_map() -> None:
    app = open_page("pages/map_explorer.py")
    assert "map_png" in [b.key for b in app.get("download_button")]


def test_map_zooms_to_a_district_when_asked(db, icb2019) -> None:
    # Blackpool's 21 wards (Dec 2019) lie within about 53.77-53.88 N; the ICB spans about 53.5-54.5 N.
    geometry = db.query("boundaries", vintage=2019, icb=icb2019.code, level="ward")
    layer = maps.encode_layer(geometry)
    table = indicator_data.values(db, icb2019, "imd_score", "ward", "2019")
    legend = maps.classify(table["value"], "quantiles")
    wards = db.execute("select distinct ward_code from mart_lsoas where imd_vintage = 2019 and lad_code = 'E06000009'")
    focus = frozenset(wards["ward_code"])
    assert len(focus) == 21

    def bounds(built) -> list[list[float]]:
        fits = [c for c in built.map._children.values() if type(c).__name__ == "FitBounds"]
        return fits[0].bounds

    whole = bounds(maps.choropleth(layer, table, legend, value_label="IMD", unit="score", decimals=2))
    zoomed = bounds(maps.choropleth(layer, table, legend, value_label="IMD", unit="score", decimals=2,
                                    focus_codes=focus))
    assert whole[1][0] - whole[0][0] > 0.8  # the ICB: about a degree of latitude
    assert 53.7 < zoomed[0][0] < zoomed[1][0] < 53.95  # Blackpool only
