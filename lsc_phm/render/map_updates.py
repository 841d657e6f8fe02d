"""Changing a Leaflet map already drawn in the browser: new values and colours, the selected area, and the area a
click reports back.

The map explorer draws one Leaflet map per geography (:func:`lsc_phm.render.maps.choropleth`) and, while the areas
stay the same, sends it only these small scripts: a new indicator, period or colour scheme restyles the polygons
already drawn (``lscRestyle`` in the map's own script) and a click moves the highlight (``lscSelect``), so nothing is
rebuilt. streamlit-folium runs them through its ``feature_group`` argument (see ``ui/leaflet.py``).
"""

from __future__ import annotations

import hashlib
import html
import json

from lsc_phm.render.maps import OUTLINE_STYLE, ChoroplethMap


def tooltip_code(text: str | None) -> str | None:
    """The area code in a map tooltip's text (``[E01012345]``), as returned by st_folium on click; else None."""
    if not text:
        return None
    start = text.find("[")
    end = text.find("]", start + 1)
    if start < 0 or end < 0:
        return None
    code = text[start + 1 : end].strip()
    return code or None


_UPDATE_JS = """(function (map) {
    var g = window.lscChoropleth;
    if (!g || !map) { return; }
    if (g.lscPayloadId !== %(id)s) { g.lscRestyle(%(colours)s, %(labels)s, %(rows)s); g.lscPayloadId = %(id)s; }
    window.feature_group = [];
    var outline = %(outline)s;
    if (outline !== null) {
        window.lscOutlines = window.lscOutlines || {};
        var drawn = window.lscOutlines[%(outline_id)s];
        if (!drawn) { drawn = window.lscOutlines[%(outline_id)s] = L.polygon(g.lscPolygons(outline), %(style)s); }
        drawn.addTo(map);
        window.feature_group.push(drawn);
    }
    var focus = %(bounds)s, focusKey = JSON.stringify(focus);
    if (window.lscFocus !== undefined && window.lscFocus !== focusKey && focus) { map.fitBounds(focus); }
    window.lscFocus = focusKey;
})(window.map);
"""


def update_script(built: ChoroplethMap, outline_encoded: str | None = None) -> str:
    """JavaScript that puts ``built``'s values, colours, tooltips, outline and zoom on a map already drawn.

    streamlit-folium runs its ``feature_group`` argument (normally a rendered ``folium.FeatureGroup``) whenever it
    changes, on the map it has already drawn, after removing the layers listed in ``window.feature_group``. Sent
    that way, a new indicator, period or colour scheme on the same areas restyles the existing polygons instead of
    building a new map: the areas must be the ones ``built``'s map drew (same level and geometry). The outline
    (Core20, or a user-defined area) is such a removable layer; the zoom follows only when the focus changes, so a
    click keeps the user's pan and zoom.

    Parameters
    ----------
    built : ChoroplethMap
        From :func:`choropleth` on the same layer as the map on screen.
    outline_encoded : str, optional
        :func:`outline` output to draw on top, dashed.

    Returns
    -------
    str
        A self-contained script (it runs only where ``window.lscChoropleth`` exists).
    """
    rows = [
        [
            r.area_code,
            int(r.klass),
            html.escape(r.value_text),
            None if r.context_text is None or isinstance(r.context_text, float) else html.escape(str(r.context_text)),
            None if r.england_text is None else html.escape(r.england_text),
        ]
        for r in built.rows.itertuples(index=False)
    ]
    rows_json = json.dumps(rows, separators=(",", ":"))
    colours_json = json.dumps(built.colours)
    labels_json = json.dumps(built.labels)
    payload_id = hashlib.sha1((colours_json + labels_json + rows_json).encode()).hexdigest()[:16]
    outline_id = hashlib.sha1(outline_encoded.encode()).hexdigest()[:16] if outline_encoded else ""
    return _UPDATE_JS % {
        "id": json.dumps(payload_id),
        "colours": colours_json,
        "labels": labels_json,
        "rows": rows_json,
        "outline": outline_encoded or "null",
        "outline_id": json.dumps(outline_id),
        "style": json.dumps(OUTLINE_STYLE),
        "bounds": json.dumps(built.bounds),
    }


def select_script(code: str | None) -> str:
    """JavaScript that highlights the area ``code`` (or none) on the map already drawn (see :func:`update_script`)."""
    return f"if (window.lscChoropleth) {{ window.lscChoropleth.lscSelect({json.dumps(code)}); }}\n"
