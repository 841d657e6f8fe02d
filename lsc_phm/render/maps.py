"""Choropleth maps: class breaks, colours, a legend built from the same breaks, and a compact offline Leaflet map.

Pure functions (no Streamlit). The page caches the slow parts (geometry encoding per IMD vintage and level; the
classification per indicator, level and period) and calls :func:`choropleth` on every rerun.

Design choices
--------------
* **One colour map for fills and legend.** :func:`classify` returns a :class:`Legend` holding the class breaks and
  colours; :func:`class_index` puts every value in a class with those same breaks, the map draws ``colours[k]``,
  and :func:`legend_html` draws the same list. Fills and legend cannot drift apart.
* **Classes.** Quantiles (equal numbers of areas per class) or natural breaks (Fisher-Jenks: the optimal grouping
  that minimises the squared deviations within classes [1]_, computed here with numpy and checked against
  ``mapclassify.FisherJenks`` in the tests; mapclassify's pure-Python version takes over a second for 1,000 LSOAs).
  With no more distinct values than classes, each value is its own class. Deciles always get ten classes, decile 1
  (most deprived) darkest, in the colours used on every other page.
* **Palettes.** From :mod:`lsc_phm.render.palette`: ColorBrewer BuGn (sequential) and PiYG (diverging, centred on 0,
  for "difference from England"); both are colour-blind safe [2]_ and share no colour with the comparison
  colours. Suppressed and missing values are light greys with their own legend entries,
  never black (folium's ``Choropleth`` default).
* **Payload.** The map's data travels to the browser inside the component's script. Instead of GeoJSON, each
  area is one small array: code, name, class, tooltip texts, and its rings as integer coordinate *deltas* at
  1e-5 degree precision (the precision the build keeps, about 1 m) with the closing point dropped; about 40% of the
  size of the same polygons as GeoJSON. The browser rebuilds the polygons with a 5-line decoder (:data:`_LAYER_JS`).
* **Updates.** A map once drawn is changed in place by the scripts of :mod:`lsc_phm.render.map_updates` (new values
  and colours, the selected area); this module builds the map those scripts act on.
* **Offline.** Leaflet is loaded from the app's own static folder (``/app/static/``), never from a CDN; the optional
  background map (CartoDB Positron tiles) fails silently offline and the polygons still draw. ``prefer_canvas``.

References
----------
.. [1] Fisher, W. D. (1958). On grouping for maximum homogeneity. Journal of the American Statistical Association,
   53(284), 789-798. Jenks, G. F. (1977). Optimal data classification for choropleth maps. University of Kansas.
.. [2] Brewer, C. A. ColorBrewer 2.0, colour advice for cartography (colour-blind safe schemes).
   https://colorbrewer2.org/
.. [3] Rey, S. J. et al. mapclassify: classification schemes for choropleth maps. https://pysal.org/mapclassify/
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template  # jinja2's own tojson escapes <, >, & and ' as folium's does

from lsc_phm.render import palette
from lsc_phm.render.map_classes import SUPPRESSED, Legend, class_index, format_number, format_value
from lsc_phm.render.map_geometry import COORDINATE_SCALE, outline

if TYPE_CHECKING:  # folium is imported when a map is built: pages without a map start without it
    import folium

Scale = Literal["value", "difference"]

#: Leaflet served by the app itself (see ``ui/leaflet.py``): maps draw with no internet.
LEAFLET_JS_URL = "/app/static/leaflet.js"
LEAFLET_CSS_URL = "/app/static/leaflet.css"
SCALES: dict[str, str] = {"value": "Value", "difference": "Difference from England"}
OUTLINE_COLOUR = palette.CORE20_OUTLINE
#: The Core20 (or user-defined area) outline: a dashed line in a colour outside both map ramps.
OUTLINE_STYLE = {
    "color": OUTLINE_COLOUR,
    "weight": 2.5,
    "opacity": 1,
    "fill": False,
    "interactive": False,
    "dashArray": palette.CORE20_DASH,
}
POSITRON_URL = "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png"
POSITRON_ATTRIBUTION = (
    "&copy; <a href='https://www.openstreetmap.org/copyright'>OpenStreetMap</a> contributors "
    "&copy; <a href='https://carto.com/attributions'>CARTO</a>"
)


@dataclass
class ChoroplethMap:
    """What :func:`choropleth` returns: the folium map, its legend, and the rows drawn (one per area).

    ``payloads`` maps placeholder tokens left in the map's script to the JSON they stand for (empty unless
    :func:`choropleth` was called with ``defer_payload=True``): the caller renders the small folium skeleton and
    puts the large JSON in with :meth:`str.replace` (see :func:`fill_payloads`), so the hundreds of kilobytes of
    area data never pass through Jinja (branca compiles each rendered script as a template).
    """

    map: folium.Map
    legend: Legend
    rows: pd.DataFrame
    payloads: dict[str, str] = field(default_factory=dict)
    #: The tooltip labels (value, context, England) and the class colours, as the map's script holds them.
    labels: list[str] = field(default_factory=list)
    colours: list[str] = field(default_factory=list)
    #: ``[[south, west], [north, east]]`` the map was fitted to (the focus areas, else the whole layer).
    bounds: list[list[float]] | None = None


#: Placeholder tokens for :attr:`ChoroplethMap.payloads` (JavaScript identifiers, so the skeleton stays valid JS).
ROWS_TOKEN = "__lsc_rows_payload__"
OUTLINE_TOKEN = "__lsc_outline_payload__"


def fill_payloads(script: str, payloads: dict[str, str]) -> str:
    """Put the deferred JSON payloads of a :class:`ChoroplethMap` into its rendered script.

    Raises
    ------
    ValueError
        If a token does not occur exactly once (the skeleton was not rendered from that map).
    """
    for token, text in payloads.items():
        if script.count(token) != 1:
            raise ValueError(f"the map script holds the placeholder {token!r} {script.count(token)} times, not once")
        script = script.replace(token, text)
    return script


def mover_outlines(boundaries: pd.DataFrame, movers: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """The Core20 movers layer: one dissolved outline per movement ('entered', 'left') present.

    ``boundaries`` has ``area_code, geometry_json`` (2021 LSOAs); ``movers`` has ``lsoa_code, movement``
    (``lsc_phm.domain.core20_movers.mover_lsoas``).
    """
    out = []
    for movement in MOVER_STYLES:
        codes = set(movers.loc[movers["movement"] == movement, "lsoa_code"])
        encoded = outline(boundaries.loc[boundaries["area_code"].isin(codes), "geometry_json"])
        if encoded is not None:
            out.append((movement, encoded))
    return tuple(out)


# --------------------------------------------------------------------------------------------- the Leaflet map

_LAYER_JS = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function (map) {
    var q = {{ this.scale }}, colours = {{ this.colours|tojson }}, labels = {{ this.labels|tojson }};
    var base = {{ this.base_style|tojson }}, hover = {{ this.hover_style|tojson }};
    var selected = {{ this.selected_style|tojson }}, rows = {{ this.rows_json }};
    function ring(r) {
        var out = new Array(r.length / 2), x = 0, y = 0;
        for (var i = 0, j = 0; i < r.length; i += 2, j++) { x += r[i]; y += r[i + 1]; out[j] = [y / q, x / q]; }
        return out;
    }
    function fill(k) { return Object.assign({}, base, {fillColor: colours[k < 0 ? colours.length + k : k]}); }
    function tip(r) {
        var text = '<b>' + r[1] + '</b> <span class="lsc-code">[' + r[0] + ']</span><br>\\n' + labels[0] + ': ' + r[3];
        if (r[4] !== null) { text += '<br>\\n' + labels[1] + ': ' + r[4]; }
        if (r[5] !== null) { text += '<br>\\n' + labels[2] + ': ' + r[5]; }
        return text;
    }
    // Keep the hover tooltip inside the map: above or below the pointer near the top or bottom edge, left or right
    // of it elsewhere, shifted sideways when it would cross the left or right edge.
    function place(e) {
        var t = e.target.getTooltip(), el = t && t.getElement(), size = map.getSize(), p = e.containerPoint;
        if (!t || !p) { return; }
        var w = el ? el.offsetWidth : 240, h = el ? el.offsetHeight : 80, dx = 0, direction;
        if (p.y < h / 2 + 12) { direction = 'bottom'; } else if (p.y > size.y - h / 2 - 12) { direction = 'top'; }
        if (direction) {
            dx = Math.max(0, w / 2 + 6 - p.x) - Math.max(0, p.x + w / 2 + 6 - size.x);
        } else { direction = p.x > size.x / 2 ? 'left' : 'right'; }
        t.options.direction = direction;
        t.options.offset = L.point(dx, 0);
    }
    var group = L.featureGroup(), current = null, byCode = {};
    rows.forEach(function (r) {
        var layer = L.polygon(r[6].map(function (p) { return p.map(ring); }), fill(r[2]));
        layer.areaCode = r[0];
        layer.row = r;
        layer.on('mouseover mousemove', place);  // before bindTooltip: runs before the tooltip is positioned
        layer.bindTooltip(tip(r), {sticky: true, direction: 'auto', opacity: 0.95, className: 'lsc-tip'});
        layer.on('mouseover', function () { if (layer !== current) { layer.setStyle(hover); } });
        layer.on('mouseout', function () { if (layer !== current) { layer.setStyle(fill(layer.klass)); } });
        layer.on('click', function () { group.lscSelect(layer.areaCode); });
        layer.klass = r[2];
        byCode[r[0]] = layer;
        group.addLayer(layer);
    });
    // The page sends new values and colours, and the selected area, to this same map (no rebuild): see
    // lsc_phm.render.map_updates.update_script.
    group.lscRestyle = function (newColours, newLabels, update) {
        colours = newColours; labels = newLabels;
        update.forEach(function (u) {
            var layer = byCode[u[0]];
            if (!layer) { return; }
            var r = layer.row.slice(0, 6);
            r[2] = u[1]; r[3] = u[2]; r[4] = u[3]; r[5] = u[4];
            layer.row = r.concat([null]);
            layer.klass = u[1];
            layer.setTooltipContent(tip(r));
            if (layer !== current) { layer.setStyle(fill(u[1])); }
        });
        if (current) { current.setStyle(selected); }
    };
    group.lscSelect = function (code) {
        var layer = code ? byCode[code] : null;
        if (current && current !== layer) { current.setStyle(fill(current.klass)); }
        current = layer || null;
        if (current) { current.setStyle(selected); current.bringToFront(); }
    };
    group.lscPolygons = function (encoded) { return encoded.map(function (p) { return p.map(ring); }); };
    group.addTo(map);
    window.lscChoropleth = group;  // for browser tests and the benchmark: the drawn areas, by areaCode
    return group;
})({{ this._parent.get_name() }});
{% endmacro %}
""")

_OUTLINE_JS = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function (map) {
    var q = {{ this.scale }}, polygons = {{ this.encoded }};
    function ring(r) {
        var out = new Array(r.length / 2), x = 0, y = 0;
        for (var i = 0, j = 0; i < r.length; i += 2, j++) { x += r[i]; y += r[i + 1]; out[j] = [y / q, x / q]; }
        return out;
    }
    return L.polygon(polygons.map(function (p) { return p.map(ring); }), {{ this.style|tojson }}).addTo(map);
})({{ this._parent.get_name() }});
{% endmacro %}
""")

_BACKGROUND_CSS = Template("""
{% macro header(this, kwargs) %}
<style>.leaflet-container { background: {{ this.background }}; } .lsc-code { color: {{ this.muted }}; }
.leaflet-tooltip.lsc-tip { white-space: normal; width: max-content; max-width: 280px; }</style>
{% endmacro %}
""")


class _CompactChoropleth(MacroElement):
    """Leaflet polygons from the compact rows of :func:`choropleth` (see the module notes on payload)."""

    _template = _LAYER_JS

    def __init__(self, rows_json: str, colours: list[str], labels: list[str], weight: float) -> None:
        super().__init__()
        self._name = "CompactChoropleth"
        self.scale = COORDINATE_SCALE
        self.rows_json = rows_json
        self.colours = colours
        self.labels = labels
        self.base_style = {"color": palette.OUTLINE, "weight": weight, "opacity": 0.9, "fillOpacity": 0.85}
        self.hover_style = {"color": palette.HOVER_OUTLINE, "weight": weight + 1.5, "opacity": 1}
        self.selected_style = {"color": palette.HOVER_OUTLINE, "weight": weight + 2.5, "opacity": 1}


class _Outline(MacroElement):
    """A non-interactive outline (the Core20 areas, or Core20 movers) drawn over the choropleth."""

    _template = _OUTLINE_JS

    def __init__(self, encoded: str, style: dict | None = None) -> None:
        super().__init__()
        self._name = "Outline"
        self.scale = COORDINATE_SCALE
        self.encoded = encoded
        self.style = style or OUTLINE_STYLE


#: Line styles of the Core20 movers layer (IMD 2019 -> 2025): entering solid purple, leaving dotted black, so the two
#: differ from each other and from the dashed orange Core20 outline by pattern as well as colour. Keys are
#: ``lsc_phm.domain.core20_movers`` movements.
MOVER_STYLES: dict[str, dict] = {
    "entered": {"color": palette.MOVER_ENTERED, "weight": 3, "opacity": 1, "fill": False, "interactive": False},
    "left": {
        "color": palette.MOVER_LEFT,
        "weight": 3,
        "opacity": 1,
        "fill": False,
        "interactive": False,
        "dashArray": palette.MOVER_LEFT_DASH,
    },
}
MOVER_LABELS: dict[str, str] = {
    "entered": "Entered the Core20 (IMD 2019 to 2025, solid)",
    "left": "Left the Core20 (IMD 2019 to 2025, dotted)",
}


class _Background(MacroElement):
    """White map background (Leaflet's default light grey would hide the light-grey "no data" fill)."""

    _template = _BACKGROUND_CSS

    def __init__(self) -> None:
        super().__init__()
        self.background = palette.BACKGROUND
        self.muted = palette.TEXT_MUTED


def choropleth(
    layer: pd.DataFrame,
    table: pd.DataFrame,
    legend: Legend,
    *,
    map_values: pd.Series | None = None,
    value_label: str,
    unit: str,
    decimals: int,
    context: pd.Series | None = None,
    context_label: str = "",
    comparison_label: str = "vs England",
    show_comparison: bool = False,
    outline_encoded: str | None = None,
    base_map: bool = True,
    height: int = 600,
    focus_codes: frozenset[str] | None = None,
    defer_payload: bool = False,
    mover_outlines: tuple[tuple[str, str], ...] = (),
) -> ChoroplethMap:
    """Build the Leaflet map of one indicator: filled areas, tooltips, optional Core20 outline and background.

    Parameters
    ----------
    layer : pandas.DataFrame
        :func:`encode_layer` output for the level (one row per area to draw).
    table : pandas.DataFrame
        The indicator's values (``lsc_phm.domain.indicator_data.values`` columns: ``area_code``, ``area_name``,
        ``value``, ``lowercl``, ``uppercl``, ``suppressed``, ``england_value``, ``comparison``). Suppressed values
        are null.
    legend : Legend
        From :func:`classify` on ``map_values``.
    map_values : pandas.Series, optional
        The values that were classified, indexed by area code (default: ``table.value``; the difference from
        England when mapping differences).
    value_label, unit, decimals : str, str, int
        Tooltip label and formatting of the value.
    context : pandas.Series, optional
        One short text per area code (e.g. the LSOA's national IMD decile), shown as ``context_label``.
    comparison_label : str
        Tooltip label of the England line.
    show_comparison : bool, default False
        Add the significance comparison with England (only for indicators with confidence intervals).
    outline_encoded : str, optional
        :func:`outline` output to draw on top (Core20).
    base_map : bool, default True
        Add CartoDB Positron tiles under the areas (needs internet; offline they simply do not appear).

    focus_codes : frozenset of str, optional
        Area codes to zoom to (e.g. the wards of one district); the whole layer is still drawn.
    defer_payload : bool, default False
        Leave :data:`ROWS_TOKEN` (and :data:`OUTLINE_TOKEN`) in the map's script instead of the area data, and
        return the data in :attr:`ChoroplethMap.payloads`, for a caller that renders the map once to strings
        (rendering then takes milliseconds instead of compiling the whole script as a Jinja template).
    mover_outlines : tuple of (str, str), optional
        ``(movement, encoded outline)`` pairs drawn on top in :data:`MOVER_STYLES` (Core20 movers layer).

    Returns
    -------
    ChoroplethMap
        The map, the legend, and ``rows``: one row per drawn area with ``area_code``, ``area_name``, ``klass``
        (class index; -1 no data, -2 suppressed), ``fill`` (its colour) and the tooltip texts.
    """
    rows = _area_rows(layer, table, legend, map_values, unit, decimals, context, show_comparison)
    rows_json = _packed_rows(rows, layer["encoded"])
    fills = legend.palette()

    import folium

    fmap = folium.Map(
        location=None,
        zoom_start=9,
        tiles=None,
        prefer_canvas=True,
        control_scale=True,
        width="100%",
        height=height,
        zoom_snap=0.25,
        zoom_delta=0.5,
    )
    fmap.default_js = [("leaflet", LEAFLET_JS_URL)]
    fmap.default_css = [("leaflet_css", LEAFLET_CSS_URL)]
    _Background().add_to(fmap)
    if base_map:
        folium.TileLayer(
            POSITRON_URL,
            attr=POSITRON_ATTRIBUTION,
            name="Background map (needs internet)",
            control=False,
            opacity=0.8,
            max_zoom=18,
        ).add_to(fmap)
    weight = 0.4 if len(rows) > 400 else 0.8
    labels = [html.escape(value_label), html.escape(context_label), html.escape(comparison_label)]
    payloads: dict[str, str] = {}
    if defer_payload:
        payloads[ROWS_TOKEN] = rows_json
        rows_json = ROWS_TOKEN
        if outline_encoded:
            payloads[OUTLINE_TOKEN] = outline_encoded
            outline_encoded = OUTLINE_TOKEN
    _CompactChoropleth(rows_json, fills, labels, weight).add_to(fmap)
    if outline_encoded:
        _Outline(outline_encoded).add_to(fmap)
    for movement, encoded in mover_outlines:
        _Outline(encoded, MOVER_STYLES[movement]).add_to(fmap)
    fitted = _fitted_bounds(layer, focus_codes)
    if fitted:
        fmap.fit_bounds(fitted)
    for element in fmap._children.values():
        if hasattr(element, "default_js"):
            element.default_js = []
        if hasattr(element, "default_css"):
            element.default_css = []
    return ChoroplethMap(fmap, legend, rows, payloads, labels=labels, colours=list(fills), bounds=fitted)


def _area_rows(
    layer: pd.DataFrame,
    table: pd.DataFrame,
    legend: Legend,
    map_values: pd.Series | None,
    unit: str,
    decimals: int,
    context: pd.Series | None,
    show_comparison: bool,
) -> pd.DataFrame:
    """One row per area of ``layer``: code, name, class, fill and the tooltip texts (see :func:`choropleth`)."""
    needed = {"area_code", "area_name", "value", "lowercl", "uppercl", "suppressed", "england_value", "comparison"}
    missing = needed - set(table.columns)
    if missing:
        raise ValueError(f"values table lacks columns {sorted(missing)}")
    values = table.set_index("area_code")
    mapped = (map_values if map_values is not None else values["value"]).reindex(layer["area_code"])
    rows = pd.DataFrame({"area_code": layer["area_code"].to_numpy()})
    joined = values.reindex(rows["area_code"])
    names = joined["area_name"].to_numpy(dtype=object)
    rows["area_name"] = np.where(pd.isna(names), rows["area_code"].to_numpy(dtype=object), names)
    klass = class_index(mapped.to_numpy(), legend)
    suppressed = joined["suppressed"].fillna(False).astype(bool).to_numpy()
    klass = np.where(suppressed, SUPPRESSED, klass)
    rows["klass"] = klass
    fills = legend.palette()
    rows["fill"] = [fills[k] for k in klass]
    rows["value_text"] = [
        value_text(v, lo, hi, s, unit, decimals)
        for v, lo, hi, s in zip(joined["value"], joined["lowercl"], joined["uppercl"], suppressed, strict=False)
    ]
    rows["context_text"] = (
        context.reindex(rows["area_code"]).to_numpy() if context is not None else np.full(len(rows), None, dtype=object)
    )
    england = joined["england_value"].to_numpy()
    comparison = joined["comparison"].to_numpy()
    rows["england_text"] = [
        None
        if e is None or (isinstance(e, float) and math.isnan(e))
        else format_value(float(e), unit, decimals)
        + (f" ({c.lower()})" if show_comparison and isinstance(c, str) and c and not s else "")
        for e, c, s in zip(england, comparison, suppressed, strict=False)
    ]
    return rows


def _packed_rows(rows: pd.DataFrame, encoded_rings: pd.Series) -> str:
    """The areas as the map's script reads them: one JSON array per area, its encoded rings last."""
    packed = []
    for record, encoded in zip(rows.itertuples(index=False), encoded_rings, strict=False):
        props = [
            record.area_code,
            html.escape(str(record.area_name)),
            int(record.klass),
            html.escape(record.value_text),
            None
            if record.context_text is None or (isinstance(record.context_text, float))
            else html.escape(str(record.context_text)),
            None if record.england_text is None else html.escape(record.england_text),
        ]
        packed.append(json.dumps(props, separators=(",", ":"))[:-1] + "," + encoded + "]")
    return "[" + ",".join(packed) + "]"


def _fitted_bounds(layer: pd.DataFrame, focus_codes: frozenset[str] | None) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of the focus areas if any are drawn, else of the layer (None: empty)."""
    focus = layer[layer["area_code"].isin(focus_codes)] if focus_codes else layer.iloc[0:0]
    bounds = focus if len(focus) else layer
    if not len(bounds):
        return None
    return [
        [float(bounds["south"].min()), float(bounds["west"].min())],
        [float(bounds["north"].max()), float(bounds["east"].max())],
    ]


def value_text(value, lower, upper, suppressed: bool, unit: str, decimals: int) -> str:
    """A value as the tooltip and profile write it: "23.4% (95% CI 20.1 to 27.0)", or why there is none."""
    if suppressed:
        return "suppressed (count below 10)"
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no data"
    text = format_value(float(value), unit, decimals)
    if lower is not None and upper is not None and not (math.isnan(lower) or math.isnan(upper)):
        text += f" (95% CI {format_number(float(lower), decimals)} to {format_number(float(upper), decimals)})"
    return text


def legend_html(legend: Legend, outline_label: str | None = None, movers: tuple[str, ...] = ()) -> str:
    """The legend as a small HTML block (no JavaScript, no CDN): a swatch, label and area count per class."""

    def swatch(colour: str, border: str = palette.OUTLINE, fill: bool = True, dashed: bool = False) -> str:
        background = colour if fill else "transparent"
        return (
            f'<span style="display:inline-block;width:1.1em;height:0.9em;background:{background};'
            f"border:{'2px' if not fill else '1px'} {'dashed' if dashed else 'solid'} {border};"
            f'vertical-align:middle;margin-right:0.3em"></span>'
        )

    items = [
        f'<span style="white-space:nowrap;margin-right:0.9em">{swatch(c.colour)}{html.escape(c.label)}'
        f' <span style="color:{palette.TEXT_SUBTLE}">({c.areas})</span></span>'
        for c in (*legend.classes, *legend.missing)
    ]
    if outline_label:
        items.append(
            f'<span style="white-space:nowrap;margin-right:0.9em">'
            f"{swatch(OUTLINE_COLOUR, OUTLINE_COLOUR, fill=False, dashed=True)}"
            f"{html.escape(outline_label)}</span>"
        )
    for movement in movers:
        style = MOVER_STYLES[movement]
        line = "dotted" if "dashArray" in style else "solid"
        items.append(
            f'<span style="white-space:nowrap;margin-right:0.9em"><span style="display:inline-block;'
            f"width:1.6em;height:0;border-top:3px {line} {style['color']};vertical-align:middle;"
            f'margin-right:0.3em"></span>{html.escape(MOVER_LABELS[movement])}</span>'
        )
    return (
        f'<div class="lsc-legend" style="font-size:0.85rem;line-height:1.7">'
        f'<div style="font-weight:600">{html.escape(legend.title)}</div>{" ".join(items)}</div>'
    )
