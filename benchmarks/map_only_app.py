"""The app's own map and nothing else on the page: a reference row for ``bench_map_vs_naive.py`` (not part of the app).

The same rendering path as the map explorer (``lsc_phm.render.maps.choropleth`` with the payload filled in after
rendering, cached as strings by ``ui.leaflet.render_map`` and drawn by ``ui.leaflet.show_map``), the IMD 2019 score
in quantiles, with a heading and no controls, table, sidebar or navigation. The difference between this page and
the map explorer is what the page around the map costs; the difference between this page and the naive app is what
the map's own rendering saves. Levels (``?level=``) as in ``naive_map_app.py``.
"""

import streamlit as st

from lsc_phm.domain import geography, indicator_data
from lsc_phm.render import map_classes, map_geometry, maps
from lsc_phm.store.db import open_database
from ui import leaflet

st.set_page_config(page_title="map only", layout="wide")
level = st.query_params.get("level", "lsoa")


@st.cache_resource
def rendered(level: str) -> leaflet.RenderedMap:
    db = open_database()
    icb = geography.resolve_icb(db, "E54000048", 2019)
    table = indicator_data.values(db, icb, "imd_score", level, "2019")
    legend = map_classes.classify(table.set_index("area_code")["value"], "quantiles", title="IMD score, 2019 (score)")
    layer = map_geometry.encode_layer(db.query("boundaries", vintage=2019, icb=icb.code, level=level))
    built = maps.choropleth(
        layer, table, legend, value_label="IMD score, 2019", unit="score", decimals=2, base_map=True, defer_payload=True
    )
    return leaflet.render_map(built, "map_only")


st.title("Map only")
leaflet.show_map(rendered(level), key="map_only", height=600)
