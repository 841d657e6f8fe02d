"""ui.leaflet: a map rendered once to immutable strings draws exactly what st_folium would send."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from lsc_phm.domain import indicator_data
from lsc_phm.render import map_classes, map_geometry, maps
from ui import leaflet


def _built(db, icb, level: str, defer: bool, outline: str | None = None) -> maps.ChoroplethMap:
    table = indicator_data.values(db, icb, "imd_score", level, "2019")
    legend = map_classes.classify(table["value"], "quantiles")
    layer = map_geometry.encode_layer(db.query("boundaries", vintage=2019, icb="E54000048", level=level))
    return maps.choropleth(
        layer,
        table,
        legend,
        value_label="IMD score, 2019",
        unit="score",
        decimals=2,
        context=pd.Series({"E06000009": "x"}),
        context_label="c",
        outline_encoded=outline,
        defer_payload=defer,
    )


@pytest.mark.parametrize("level", ["place", "lsoa"])
def test_rendered_strings_are_what_st_folium_sends(db, icb2019, level):
    from streamlit_folium import _get_header, _get_html, _get_map_string, generate_js_hash

    core20 = db.query("map_core20_lsoas", vintage=2019, icb="E54000048")
    outline = map_geometry.outline(core20["geometry_json"])
    naive = _built(db, icb2019, level, defer=False, outline=outline).map  # rendered as st_folium does
    naive.get_root().render()
    naive.render()
    html, header, script = _get_html(naive), _get_header(naive), _get_map_string(naive)

    deferred = _built(db, icb2019, level, defer=True, outline=outline)
    assert set(deferred.payloads) == {maps.ROWS_TOKEN, maps.OUTLINE_TOKEN}
    rendered = leaflet.render_map(deferred, "k")
    assert (rendered.script, rendered.header, rendered.html) == (script, header, html)
    assert maps.ROWS_TOKEN not in rendered.script and outline in rendered.script
    assert rendered.component_key == generate_js_hash(script, "k", False)
    assert rendered.js_links == (maps.LEAFLET_JS_URL,) and rendered.css_links == (maps.LEAFLET_CSS_URL,)
    assert dict(rendered.defaults) == {"last_object_clicked_tooltip": None}


def test_rendered_map_is_immutable_and_holds_no_folium_object(db, icb2019):
    rendered = leaflet.render_map(_built(db, icb2019, "place", defer=True), "k")
    with pytest.raises(dataclasses.FrozenInstanceError):
        rendered.script = ""
    with pytest.raises(TypeError):
        rendered.defaults["zoom"] = 3
    for field in dataclasses.fields(rendered):
        value = getattr(rendered, field.name)
        assert isinstance(value, (str, tuple)) or field.name == "defaults", field.name


def test_a_payload_token_must_occur_once():
    assert maps.fill_payloads("var rows = __t__;", {"__t__": "[1]"}) == "var rows = [1];"
    with pytest.raises(ValueError, match="placeholder '__t__' 0 times"):
        maps.fill_payloads("var rows = [];", {"__t__": "[1]"})
