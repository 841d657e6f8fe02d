"""The Core20 movers map layer: one outline per movement, distinct line styles, and a legend that says which."""

from __future__ import annotations

import json

import pandas as pd
import shapely

from lsc_phm.domain import core20_movers
from lsc_phm.render import map_classes, map_geometry, maps


def test_mover_outlines_cover_exactly_the_entering_and_leaving_lsoas(db, icb2025):
    boundaries = db.query("boundaries", vintage=2025, icb="E54000048", level="lsoa")
    movers = core20_movers.mover_lsoas(db, icb2025)
    layers = dict(maps.mover_outlines(boundaries, movers))
    assert set(layers) == {"entered", "left"}
    for movement, encoded in layers.items():
        codes = set(movers.loc[movers["movement"] == movement, "lsoa_code"])
        union = shapely.union_all(
            [shapely.from_geojson(t) for t in boundaries.loc[boundaries["area_code"].isin(codes), "geometry_json"]]
        )
        drawn = shapely.from_geojson(json.dumps(map_geometry.decode_geometry(json.loads(encoded))))
        assert abs(drawn.area - union.area) / union.area < 1e-3
    assert maps.MOVER_STYLES["left"]["dashArray"] and "dashArray" not in maps.MOVER_STYLES["entered"]


def test_legend_names_both_line_styles():
    legend = map_classes.classify(pd.Series([1.0, 2.0, 3.0]), "quantiles", k=3, title="t", unit="%", decimals=1)
    text = maps.legend_html(legend, None, ("entered", "left"))
    assert "Entered the Core20 (IMD 2019 to 2025, solid)" in text and "3px dotted" in text and "3px solid" in text
