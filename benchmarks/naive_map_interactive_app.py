"""The naive Streamlit map with the same three interactions the map explorer offers, for
``bench_map_interaction.py`` (not part of the app).

What a first version usually does: an indicator and a geography selectbox, the values joined into each feature's
properties, ``folium.GeoJson`` with a style function (the clicked area drawn with a thick black line) and a
``GeoJsonTooltip``, drawn with ``st_folium``; a click reruns the page and draws the map again with the highlight.
Geometry is what the database stores (already simplified: generous to the naive app); Leaflet is served locally.
"""

import json

import folium
import streamlit as st
from branca.colormap import linear
from streamlit_folium import st_folium

from lsc_phm.domain import geography, indicator_data
from lsc_phm.store.db import open_database

st.set_page_config(page_title="naive interactive map", layout="wide")
INDICATORS = {
    "imd_score": "Deprivation · IMD score",
    "income_deprivation_rate": "Deprivation · Income deprivation rate",
}


@st.cache_resource
def database():
    return open_database()


@st.cache_data
def features(indicator: str, level: str) -> dict:
    db = database()
    icb = geography.resolve_icb(db, "E54000048", 2019)
    available = indicator_data.availability_map(indicator_data.availability_table(db, icb))[indicator]
    values = indicator_data.values(db, icb, indicator, level, available.latest(level)).set_index("area_code")
    shapes = db.query("boundaries", vintage=2019, icb=icb.code, level=level)
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"area_code": code}, "geometry": json.loads(text)}
            for code, text in zip(shapes["area_code"], shapes["geometry_json"], strict=False)
            if code in values.index
        ],
    }
    for feature in collection["features"]:
        row = values.loc[feature["properties"]["area_code"]]
        feature["properties"].update(name=row["area_name"], value=float(row["value"]))
    return collection


indicator = st.selectbox("Indicator", list(INDICATORS), format_func=INDICATORS.get, key="indicator")
level = st.selectbox("Geography", ["lsoa", "ward"], key="level")
collection = features(indicator, level)
selected = st.session_state.get("selected")
scale = linear.YlGnBu_09.scale(
    min(f["properties"]["value"] for f in collection["features"]),
    max(f["properties"]["value"] for f in collection["features"]),
)
m = folium.Map(location=[54.0, -2.7], zoom_start=9, tiles=None)
m.default_js = [("leaflet", "/app/static/leaflet.js")]
m.default_css = [("leaflet_css", "/app/static/leaflet.css")]
layer = folium.GeoJson(
    collection,
    style_function=lambda f: {
        "fillColor": scale(f["properties"]["value"]),
        "fillOpacity": 0.85,
        "color": "#000000" if f["properties"]["area_code"] == selected else "#737373",
        "weight": 3 if f["properties"]["area_code"] == selected else 0.4,
    },
    tooltip=folium.GeoJsonTooltip(["name", "area_code", "value"]),
)
layer.default_js, layer.default_css = [], []
layer.add_to(m)
for element in m._children.values():
    if hasattr(element, "default_js"):
        element.default_js, element.default_css = [], []
st.title("Naive map")
returned = st_folium(m, height=600, use_container_width=True, returned_objects=["last_object_clicked_tooltip"])
tooltip = (returned or {}).get("last_object_clicked_tooltip") or ""
clicked = next(
    (code for code in (f["properties"]["area_code"] for f in collection["features"]) if code in tooltip), None
)
if clicked and clicked != selected:
    st.session_state["selected"] = clicked
    st.rerun()
