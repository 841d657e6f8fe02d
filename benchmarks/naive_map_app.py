"""A naive Streamlit map of the same areas, the baseline for ``bench_map_vs_naive.py`` (not part of the app).

What a first version usually looks like: the boundary GeoJSON read as it is, the values joined into each feature's
properties, ``folium.GeoJson`` with a style function and a ``GeoJsonTooltip``, drawn with ``st_folium``, and the
values as a table under it. Leaflet is served locally the way ``ui/leaflet.py`` does it (the benchmark copies it
into ``static/`` beside this file), so both apps draw with no CDN.

Levels (``?level=``): ``lsoa`` = the raw 20 m LSOA file in ``data/boundaries`` (1,058 polygons); ``ward`` = the
320 best-fit wards as the database stores them (already simplified: generous to the naive app).
"""

import json

import folium
import streamlit as st
from branca.colormap import linear
from streamlit_folium import st_folium

from lsc_phm import config
from lsc_phm.domain import geography, indicator_data
from lsc_phm.store.db import open_database

st.set_page_config(page_title="naive map", layout="wide")
level = st.query_params.get("level", "lsoa")


@st.cache_resource
def database():
    return open_database()


@st.cache_data
def features(level: str) -> dict:
    db = database()
    icb = geography.resolve_icb(db, "E54000048", 2019)
    values = indicator_data.values(db, icb, "imd_score", level, "2019").set_index("area_code")
    if level == "lsoa":
        collection = json.loads((config.ROOT / "data" / "boundaries" / "lsoa11_dec2011_bgc_lsc.geojson").read_text())
        code_field = next(k for k in collection["features"][0]["properties"] if k.upper().startswith("LSOA11CD"))
        for feature in collection["features"]:
            feature["properties"]["area_code"] = feature["properties"][code_field]
    else:
        shapes = db.query("boundaries", vintage=2019, icb=icb.code, level=level)
        collection = {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": {"area_code": code}, "geometry": json.loads(text)}
                for code, text in zip(shapes["area_code"], shapes["geometry_json"], strict=False)
            ],
        }
    collection["features"] = [f for f in collection["features"] if f["properties"]["area_code"] in values.index]
    for feature in collection["features"]:
        row = values.loc[feature["properties"]["area_code"]]
        feature["properties"].update(name=row["area_name"], value=float(row["value"]))
    return {"collection": collection, "table": values.reset_index()}


data = features(level)
scale = linear.YlGnBu_09.scale(
    min(f["properties"]["value"] for f in data["collection"]["features"]),
    max(f["properties"]["value"] for f in data["collection"]["features"]),
)
m = folium.Map(location=[54.0, -2.7], zoom_start=9, tiles=None)
m.default_js = [("leaflet", "/app/static/leaflet.js")]
m.default_css = [("leaflet_css", "/app/static/leaflet.css")]
layer = folium.GeoJson(
    data["collection"],
    style_function=lambda f: {
        "fillColor": scale(f["properties"]["value"]),
        "color": "#737373",
        "weight": 0.4,
        "fillOpacity": 0.85,
    },
    tooltip=folium.GeoJsonTooltip(["name", "area_code", "value"]),
)
layer.default_js, layer.default_css = [], []
layer.add_to(m)
for element in m._children.values():
    if hasattr(element, "default_js"):
        element.default_js, element.default_css = [], []
st.title("Naive map")
st_folium(m, height=600, use_container_width=True, returned_objects=["last_object_clicked_tooltip"])
st.dataframe(data["table"], hide_index=True)
