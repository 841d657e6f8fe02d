"""lsc_phm.render.maps as plain Python.

Classes, colours, the joined values, the compact geometry and the offline map.
"""

from __future__ import annotations

import json
import math

import mapclassify
import numpy as np
import pandas as pd
import pytest
import shapely

from lsc_phm.domain import indicator_data
from lsc_phm.render import map_classes, map_geometry, map_updates, maps

RAW_LSOA_GEOJSON_BYTES = 1_759_947  # data/boundaries/lsoa11_dec2011_bgc_lsc.geojson
RAW_MSOA_GEOJSON_BYTES = 825_722  # data/boundaries/msoa11_dec2011_bgc_lsc.geojson


def _layer(db, vintage: int, level: str) -> pd.DataFrame:
    return map_geometry.encode_layer(db.query("boundaries", vintage=vintage, icb="E54000048", level=level))


def _map(db, icb, indicator_id: str, level: str, period: str, method: str = "quantiles"):
    table = indicator_data.values(db, icb, indicator_id, level, period)
    legend = map_classes.classify(
        table["value"], method, title="t", unit=table["unit"].iloc[0], suppressed=int(table["suppressed"].sum())
    )
    return table, maps.choropleth(
        _layer(db, icb.imd_vintage, level), table, legend, value_label="v", unit=table["unit"].iloc[0], decimals=1
    )


# ------------------------------------------------------------------------------------------- classification


@pytest.mark.parametrize("n, k", [(18, 5), (320, 5), (1058, 5), (7, 3), (4, 5)])
def test_natural_breaks_match_mapclassify(n, k):
    y = np.random.default_rng(n).gamma(2.0, 10.0, n).round(1)
    expected = mapclassify.FisherJenks(y, k=min(k, len(np.unique(y)))).bins
    assert map_classes.fisher_jenks_breaks(y, k) == pytest.approx(list(expected))


def test_quantile_classes_hold_equal_numbers_of_areas():
    legend = map_classes.classify(np.arange(1, 101, dtype=float), "quantiles", 5)
    assert legend.breaks == pytest.approx((20.8, 40.6, 60.4, 80.2, 100.0))
    assert [c.areas for c in legend.classes] == [20, 20, 20, 20, 20]
    assert legend.classes[0].label == "1.0 to 20.0"


def test_few_distinct_values_get_one_class_each():
    legend = map_classes.classify([2.0, 2.0, 3.0, np.nan], "natural_breaks", 5, unit="%")
    assert legend.method == "unique"
    assert legend.breaks == (2.0, 3.0)
    assert [c.label for c in legend.classes] == ["2.0%", "3.0%"]
    assert [(c.label, c.areas, c.colour) for c in legend.missing] == [("No data", 1, map_classes.NO_DATA_COLOUR)]


def test_deciles_get_ten_classes_decile_one_darkest():
    legend = map_classes.classify([1, 1, 2, 10], deciles=True)
    assert len(legend.classes) == 10
    assert legend.classes[0].label == "1 (most deprived)" and legend.classes[0].areas == 2
    assert legend.colours == map_classes.DECILE_COLOURS
    assert list(map_classes.class_index([1, 2, 10], legend)) == [0, 1, 9]


def test_difference_from_england_is_diverging_and_centred_on_zero():
    legend = map_classes.classify([-3.0, -1.0, 0.0, 2.0, 4.0], "quantiles", 5, diverging=True, unit="%")
    index = map_classes.class_index([-3.0, -1.0, 0.0, 2.0, 4.0], legend)
    colours = [legend.colours[i] for i in index]
    assert colours[2] == map_classes.NEUTRAL_COLOUR  # exactly England's value
    # ColorBrewer PiYG, 5 classes: #d01c8b #f1b6da #f7f7f7 #b8e186 #4dac26 (green below England, pink above)
    assert colours == ["#4dac26", "#b8e186", map_classes.NEUTRAL_COLOUR, "#f1b6da", "#d01c8b"]
    assert legend.classes[2].label == "same as England"
    assert legend.classes[-1].label == "+4.0 pp"


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="classification method must be one of quantiles, natural_breaks"):
        map_classes.classify([1.0, 2.0], "equal_interval")


# ------------------------------------------------------------------------------------------- geometry payload


def test_compact_geometry_round_trips(db):
    geometry = db.query("boundaries", vintage=2019, icb="E54000048", level="district")
    for text in geometry["geometry_json"]:
        original = shapely.from_geojson(text)
        decoded = shapely.from_geojson(json.dumps(map_geometry.decode_geometry(map_geometry.encode_geometry(text))))
        # same shape to within the 1e-5 degree grid the build keeps
        assert original.symmetric_difference(decoded).area < 1e-9
        assert decoded.area == pytest.approx(original.area, rel=1e-9)


def test_one_feature_per_area_and_values_joined(db, icb2019):
    table, built = _map(db, icb2019, "smoking_adults", "district", "2024")
    boundaries = db.query("boundaries", vintage=2019, icb="E54000048", level="district")
    assert len(built.rows) == len(boundaries) == 18
    assert built.rows["area_code"].is_unique
    # Fingertips 92443 in the database: Blackpool 20.8% in 2024 (England 10.4%)
    direct = db.execute(
        "select value from mart_indicator_values where indicator_id = 'smoking_adults' and area_code = 'E06000009' "
        "and period = '2024'"
    ).iloc[0, 0]
    assert direct == pytest.approx(20.8)
    blackpool = built.rows.set_index("area_code").loc["E06000009"]
    assert blackpool["area_name"] == "Blackpool"
    assert blackpool["value_text"] == "20.8%"
    assert blackpool["england_text"] == "10.4%"
    html = built.map.get_root().render()
    assert '["E06000009","Blackpool",' in html


def test_ribble_valley_lsoa_value_and_decile(db, icb2019):
    direct = db.execute(
        "select imd_score, imd_decile from mart_lsoas where imd_vintage = 2019 and lsoa_code = 'E01025315'"
    )
    assert direct.iloc[0].tolist() == pytest.approx([16.317, 6])  # Ribble Valley 001A, IMD 2019
    table = indicator_data.values(db, icb2019, "imd_score", "lsoa", "2019")
    legend = map_classes.classify(table["value"], "natural_breaks")
    context = pd.Series({"E01025315": "6"})
    built = maps.choropleth(
        _layer(db, 2019, "lsoa"),
        table,
        legend,
        value_label="IMD score",
        unit="score",
        decimals=2,
        context=context,
        context_label="IMD decile",
    )
    row = built.rows.set_index("area_code").loc["E01025315"]
    assert row["area_name"] == "Ribble Valley 001A"
    assert row["value_text"] == "16.32"
    assert row["context_text"] == "6"
    assert len(built.rows) == 1058


def test_legend_breaks_are_the_fill_breaks(db, icb2019):
    table, built = _map(db, icb2019, "imd_score", "ward", "2019", method="natural_breaks")
    legend, rows = built.legend, built.rows.merge(table[["area_code", "value"]], on="area_code")
    breaks = (-math.inf, *legend.breaks)
    for row in rows.itertuples():
        assert row.fill == legend.colours[row.klass]
        assert breaks[row.klass] < row.value <= breaks[row.klass + 1]
    assert sum(c.areas for c in legend.classes) == rows["value"].notna().sum() == 320
    legend_html = maps.legend_html(legend)
    for entry in legend.classes:
        assert entry.colour in legend_html and entry.label in legend_html


def test_missing_and_suppressed_areas_are_grey_not_black(db, icb2019):
    # Healthy life expectancy is published for upper-tier authorities only: Lancashire's 12 districts have none
    table = indicator_data.values(db, icb2019, "hle_male", "district", "2022 - 24")
    assert table["value"].isna().sum() >= 12
    table.loc[table["area_code"] == "E06000009", ["value", "lowercl", "uppercl"]] = np.nan
    table.loc[table["area_code"] == "E06000009", "suppressed"] = True
    legend = map_classes.classify(table["value"], suppressed=1)
    built = maps.choropleth(_layer(db, 2019, "district"), table, legend, value_label="HLE", unit="years", decimals=1)
    rows = built.rows.set_index("area_code")
    assert rows.loc["E06000009", "fill"] == map_classes.SUPPRESSED_COLOUR
    assert rows.loc["E06000009", "value_text"] == "suppressed (count below 10)"
    assert rows.loc["E07000117", "fill"] == map_classes.NO_DATA_COLOUR  # Burnley
    assert rows.loc["E07000117", "value_text"] == "no data"
    assert "#000000" not in set(rows["fill"]) and "black" not in set(rows["fill"])
    assert [c.label for c in legend.missing] == ["Suppressed (count below 10)", "No data"]


def test_map_loads_nothing_from_the_internet_but_optional_tiles(db, icb2019):
    _, built = _map(db, icb2019, "imd_score", "place", "2019")
    links = [src for element in _walk(built.map) for _, src in getattr(element, "default_js", [])]
    links += [href for element in _walk(built.map) for _, href in getattr(element, "default_css", [])]
    assert links == [maps.LEAFLET_JS_URL, maps.LEAFLET_CSS_URL]
    html = built.map.get_root().render()
    assert "cdn.jsdelivr" not in html and "d3.v" not in html
    assert "preferCanvas" in html


def test_lsoa_payload_is_under_a_quarter_of_the_raw_boundaries(db, icb2019):
    from streamlit_folium import _get_header, _get_map_string

    _, built = _map(db, icb2019, "pct_aged_65_plus", "lsoa", "mid-2020")
    built.map.render()
    sent = len(_get_map_string(built.map).encode()) + len(_get_header(built.map).encode())
    assert sent <= 0.25 * RAW_LSOA_GEOJSON_BYTES


def test_msoa_payload_is_under_a_quarter_of_the_raw_boundaries(db, icb2019):
    from streamlit_folium import _get_header, _get_map_string

    table, built = _map(db, icb2019, "pct_aged_65_plus", "msoa", "mid-2020")
    assert len(table) == 217
    built.map.render()
    sent = len(_get_map_string(built.map).encode()) + len(_get_header(built.map).encode())
    assert sent <= 0.25 * RAW_MSOA_GEOJSON_BYTES


def test_tooltip_code_is_read_back_from_click_text():
    assert map_updates.tooltip_code("Blackpool [E06000009]\nIMD score: 45.04") == "E06000009"
    assert map_updates.tooltip_code("South Cumbria [QE1-south-cumbria]") == "QE1-south-cumbria"
    assert map_updates.tooltip_code("no code here") is None
    assert map_updates.tooltip_code(None) is None


def test_core20_outline_is_one_dissolved_shape(db):
    frame = db.query("map_core20_lsoas", vintage=2019, icb="E54000048")
    assert (
        len(frame)
        == db.execute(
            "select count(*) from mart_lsoas where imd_vintage = 2019 and icb_code = 'E54000048' and is_core20"
        ).iloc[0, 0]
    )
    encoded = map_geometry.outline(frame["geometry_json"])
    dissolved = shapely.from_geojson(json.dumps(map_geometry.decode_geometry(json.loads(encoded))))
    union = shapely.union_all([shapely.from_geojson(t) for t in frame["geometry_json"]])
    assert dissolved.area == pytest.approx(union.area, rel=1e-3)
    assert len(json.loads(encoded)) < len(frame)  # neighbours merged


def _walk(element):
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def test_core20_outline_is_outside_both_ramps_and_dashed():
    from lsc_phm.render import palette

    ramps = {c.lower() for n in range(1, 13) for c in palette.sequential(n)}
    ramps |= {c.lower() for n in range(3, 14, 2) for c in palette.diverging(n)}
    ramps |= {c.lower() for c in palette.DECILE_COLOURS}
    assert palette.CORE20_OUTLINE.lower() not in ramps
    # also not near any ramp colour: each RGB channel differs by more than 60 from every ramp colour's in at least one
    rgb = [int(palette.CORE20_OUTLINE[i : i + 2], 16) for i in (1, 3, 5)]
    assert all(max(abs(a - int(c[i : i + 2], 16)) for a, i in zip(rgb, (1, 3, 5), strict=True)) > 60 for c in ramps)
    assert maps.OUTLINE_STYLE["dashArray"] == palette.CORE20_DASH
    assert "dashed" in maps.legend_html(
        map_classes.classify(pd.Series([1.0, 2.0]), "quantiles"), "Core20 LSOAs (outline)"
    )


def test_update_script_carries_the_new_values_to_the_map_drawn(db, icb2019):
    _, built = _map(db, icb2019, "imd_score", "district", "2019")
    legend = built.legend
    script = map_updates.update_script(built, "[[[0,0,10,0,0,10]]]")
    payload = json.loads(script.split("g.lscRestyle(", 1)[1].split(");", 1)[0].join("[]"))
    colours, labels, rows = payload
    assert colours == legend.palette()
    blackpool = next(r for r in rows if r[0] == "E06000009")
    # IMD 2019 average score, Blackpool 45.04 (shown to 1 decimal here): the most deprived district, in the darkest
    # (last) class
    assert blackpool[1] == len(legend.classes) - 1 and blackpool[2].startswith("45.0")
    assert "dashArray" in script and "[[[0,0,10,0,0,10]]]" in script  # the outline, drawn dashed
    assert map_updates.select_script("E06000009").endswith('lscSelect("E06000009"); }\n')
