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
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd
import shapely
from branca.element import MacroElement
from jinja2 import Template  # jinja2's own tojson escapes <, >, & and ' as folium's does

from lsc_phm.render import palette

if TYPE_CHECKING:  # folium is imported when a map is built: pages without a map start without it
    import folium

Method = Literal["quantiles", "natural_breaks"]
Scale = Literal["value", "difference"]

#: Leaflet served by the app itself (see ``ui/leaflet.py``): maps draw with no internet.
LEAFLET_JS_URL = "/app/static/leaflet.js"
LEAFLET_CSS_URL = "/app/static/leaflet.css"
METHODS: dict[str, str] = {"quantiles": "Quantiles", "natural_breaks": "Natural breaks"}
SCALES: dict[str, str] = {"value": "Value", "difference": "Difference from England"}
SEQUENTIAL_SCHEME = palette.SEQUENTIAL_SCHEME
DIVERGING_SCHEME = palette.DIVERGING_SCHEME
#: Deciles: 1 (most deprived) darkest; the same colours as the deprivation charts (lsc_phm.render.palette).
DECILE_COLOURS: tuple[str, ...] = palette.DECILE_COLOURS
NO_DATA_COLOUR = palette.NO_DATA_COLOUR
SUPPRESSED_COLOUR = palette.SUPPRESSED_COLOUR
NEUTRAL_COLOUR = palette.NEUTRAL_COLOUR
OUTLINE_COLOUR = palette.CORE20_OUTLINE
#: Class indices for areas without a value (after the value classes in the colour list).
NO_DATA, SUPPRESSED = -1, -2
COORDINATE_SCALE = 100_000  # 1e-5 degrees, the precision of the built boundaries
DEFAULT_CLASSES = 5
POSITRON_URL = "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png"
POSITRON_ATTRIBUTION = ("&copy; <a href='https://www.openstreetmap.org/copyright'>OpenStreetMap</a> contributors "
                        "&copy; <a href='https://carto.com/attributions'>CARTO</a>")


@dataclass(frozen=True)
class LegendClass:
    """One legend entry: its label, fill colour, the data range it holds and how many areas fall in it."""

    label: str
    colour: str
    lower: float | None
    upper: float | None
    areas: int


@dataclass(frozen=True)
class Legend:
    """Class breaks and colours shared by the fills and the legend.

    Attributes
    ----------
    title : str
        Caption above the legend.
    method : str
        ``quantiles``, ``natural_breaks``, ``unique`` (few distinct values) or ``deciles``.
    breaks : tuple of float
        Inclusive upper bound of each value class, ascending; a value ``v`` is in the first class with
        ``v <= break`` (values above the last break go in the last class).
    classes : tuple of LegendClass
        One per break, in the same order, with the same colours the map fills with.
    missing : tuple of LegendClass
        Entries for suppressed values and areas with no data (only those that occur).
    diverging : bool
        Whether the classes are differences centred on 0.
    """

    title: str
    method: str
    breaks: tuple[float, ...]
    classes: tuple[LegendClass, ...]
    missing: tuple[LegendClass, ...]
    diverging: bool = False

    @property
    def colours(self) -> tuple[str, ...]:
        """The fill colour of each value class (same order as :attr:`breaks`)."""
        return tuple(c.colour for c in self.classes)

    def palette(self) -> list[str]:
        """Colours indexed as the map uses them: value classes, then no data (-1) and suppressed (-2) last."""
        return [*self.colours, SUPPRESSED_COLOUR, NO_DATA_COLOUR]

    def colour_of(self, k: int) -> str:
        """The fill colour for class index ``k`` (:data:`NO_DATA` and :data:`SUPPRESSED` included)."""
        return self.palette()[k]


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


# --------------------------------------------------------------------------------------------- classification


def fisher_jenks_breaks(values: Iterable[float], k: int) -> list[float]:
    """Optimal natural breaks (Fisher-Jenks): the ``k`` class upper bounds minimising within-class squared deviation.

    Parameters
    ----------
    values : iterable of float
        Finite values (NaN is dropped).
    k : int
        Number of classes, at least 1; reduced to the number of distinct values if larger.

    Returns
    -------
    list of float
        Ascending class upper bounds; the last is the maximum. Same result as ``mapclassify.FisherJenks(y, k).bins``.

    Raises
    ------
    ValueError
        If there is no finite value or ``k`` < 1.

    Notes
    -----
    Dynamic programming over the sorted values (Fisher 1958), vectorised over the candidate class starts, so it
    costs O(k n^2) arithmetic but only O(k n) numpy calls. Ties are handled because a class may start anywhere.
    """
    y = np.sort(np.asarray(pd.to_numeric(pd.Series(list(values)), errors="coerce").dropna(), dtype="float64"))
    if k < 1:
        raise ValueError("k must be at least 1")
    if y.size == 0:
        raise ValueError("natural breaks need at least one value")
    k = min(k, np.unique(y).size)
    n = y.size
    if k == 1:
        return [float(y[-1])]
    s1 = np.concatenate([[0.0], np.cumsum(y)])
    s2 = np.concatenate([[0.0], np.cumsum(y * y)])
    # cost[i, j]: squared deviation of y[i:j] (j exclusive), computed on the fly per j
    best = np.full((k + 1, n + 1), np.inf)
    start = np.zeros((k + 1, n + 1), dtype=np.int64)
    best[0, 0] = 0.0
    for classes in range(1, k + 1):
        for j in range(classes, n + 1):
            i = np.arange(classes - 1, j)  # the last class is y[i:j]
            count = j - i
            ssd = (s2[j] - s2[i]) - (s1[j] - s1[i]) ** 2 / count
            total = best[classes - 1, i] + ssd
            pick = int(np.argmin(total))
            best[classes, j] = total[pick]
            start[classes, j] = i[pick]
    bounds, j = [], n
    for classes in range(k, 0, -1):
        bounds.append(float(y[j - 1]))
        j = start[classes, j]
    return sorted(bounds)


def _breaks(values: np.ndarray, method: Method, k: int) -> tuple[list[float], str]:
    unique = np.unique(values)
    if unique.size <= k:
        return [float(v) for v in unique], "unique"
    if method == "quantiles":
        qs = np.quantile(values, np.linspace(0, 1, k + 1)[1:], method="linear")
        return [float(b) for b in np.unique(qs)], method
    if method == "natural_breaks":
        return fisher_jenks_breaks(values, k), method
    raise ValueError(f"classification method must be one of {', '.join(METHODS)}, not '{method}'")


def _sequential(n: int) -> list[str]:
    if n <= 0:
        return []
    return palette.sequential(n)


def format_number(value: float, decimals: int, signed: bool = False) -> str:
    """Format a number with thousands separators and ``decimals`` places (``+`` sign if ``signed``)."""
    text = f"{value:{'+' if signed else ''},.{max(decimals, 0)}f}"
    return text.replace("-", "\u2212")


def format_value(value: float | None, unit: str, decimals: int) -> str:
    """Format a value with its unit as an analyst would write it ("23.4%", "78.1 years", "12.34")."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no data"
    text = format_number(float(value), decimals)
    if unit == "%":
        return f"{text}%"
    if unit in ("", "score", "index", "decile"):
        return text
    return f"{text} {unit}"


def class_index(values: Iterable[float], legend: Legend) -> np.ndarray:
    """The class of each value under ``legend``'s breaks (:data:`NO_DATA` for NaN)."""
    y = np.asarray(pd.to_numeric(pd.Series(list(values), dtype="float64"), errors="coerce"), dtype="float64")
    out = np.searchsorted(np.asarray(legend.breaks, dtype="float64"), y, side="left")
    out = np.minimum(out, len(legend.breaks) - 1)
    return np.where(np.isnan(y), NO_DATA, out).astype(np.int64)


def classify(
    values: Iterable[float],
    method: Method = "quantiles",
    k: int = DEFAULT_CLASSES,
    *,
    title: str = "",
    unit: str = "",
    decimals: int = 1,
    deciles: bool = False,
    diverging: bool = False,
    suppressed: int = 0,
) -> Legend:
    """Compute class breaks and colours for a set of values, and the legend that describes them.

    Parameters
    ----------
    values : iterable of float
        The values to map (NaN = no data; suppressed values must already be NaN).
    method : {"quantiles", "natural_breaks"}, default "quantiles"
    k : int, default 5
        Number of classes (fewer if there are fewer distinct values; ignored for deciles).
    title : str
        Legend caption.
    unit, decimals : str, int
        How values are written in the legend (see :func:`format_value`).
    deciles : bool, default False
        Values are national deciles 1-10: one class each, 1 (most deprived) darkest.
    diverging : bool, default False
        Values are differences from a benchmark: classes are made separately below and above 0 (at most ``k // 2 + 1``
        each, 0 its own neutral class when it occurs) on the PiYG palette, green below and pink above.
    suppressed : int, default 0
        How many areas are suppressed (for the legend entry; they are drawn in :data:`SUPPRESSED_COLOUR`).

    Returns
    -------
    Legend

    Raises
    ------
    ValueError
        For an unknown method or ``k`` < 1.
    """
    if method not in METHODS:
        raise ValueError(f"classification method must be one of {', '.join(METHODS)}, not '{method}'")
    if k < 1:
        raise ValueError("k must be at least 1")
    y = np.asarray(pd.to_numeric(pd.Series(list(values), dtype="float64"), errors="coerce"), dtype="float64")
    finite = y[~np.isnan(y)]
    missing_count = int(np.isnan(y).sum()) - suppressed

    if deciles:
        breaks, colours, used = [float(d) for d in range(1, 11)], list(DECILE_COLOURS), "deciles"
        labels = [f"{d} (most deprived)" if d == 1 else f"{d} (least deprived)" if d == 10 else str(d)
                  for d in range(1, 11)]
    elif finite.size == 0:
        breaks, colours, labels, used = [], [], [], method
    elif diverging:
        breaks, colours, used = _diverging_breaks(finite, method, k)
        labels = []
    else:
        breaks, used = _breaks(finite, method, k)
        colours = _sequential(len(breaks))
        labels = []

    provisional = Legend(title, used, tuple(breaks), tuple(LegendClass("", c, None, None, 0) for c in colours), (),
                         diverging)
    index = class_index(finite, provisional) if breaks else np.array([], dtype=np.int64)
    classes = []
    for position, (_upper, colour) in enumerate(zip(breaks, colours, strict=False)):
        members = finite[index == position]
        lower_value = float(members.min()) if members.size else None
        upper_value = float(members.max()) if members.size else None
        if labels:
            label = labels[position]
        elif lower_value is None:
            label = "(no areas)"
        elif lower_value == upper_value:
            label = format_value(lower_value, unit, decimals) if not diverging else _signed(lower_value, unit, decimals)
        elif diverging:
            label = f"{_signed(lower_value, unit, decimals)} to {_signed(upper_value, unit, decimals)}"
        else:
            label = f"{format_value(lower_value, unit, decimals)} to {format_value(upper_value, unit, decimals)}"
        classes.append(LegendClass(label, colour, lower_value, upper_value, int(members.size)))
    missing = []
    if suppressed:
        missing.append(LegendClass("Suppressed (count below 10)", SUPPRESSED_COLOUR, None, None, int(suppressed)))
    if missing_count > 0:
        missing.append(LegendClass("No data", NO_DATA_COLOUR, None, None, missing_count))
    return Legend(title, used, tuple(breaks), tuple(classes), tuple(missing), diverging)


def _signed(value: float, unit: str, decimals: int) -> str:
    if value == 0:
        return "same as England"
    text = format_number(value, decimals, signed=True)
    return f"{text} pp" if unit == "%" else (f"{text} {unit}" if unit not in ("", "score", "index") else text)


def _diverging_breaks(values: np.ndarray, method: Method, k: int) -> tuple[list[float], list[str], str]:
    per_side = max(1, k // 2 + (1 if k % 2 else 0))
    below, above = values[values < 0], values[values > 0]
    used = method
    below_breaks: list[float] = []
    if below.size:
        # classify the distances below 0; each class's upper bound (in values) is minus its smallest distance
        distance_breaks, used_below = _breaks(-below, method, per_side)
        below_index = np.searchsorted(np.asarray(distance_breaks), -below, side="left")
        below_breaks = sorted(float(below[below_index == position].max())
                              for position in range(len(distance_breaks)) if (below_index == position).any())
        used = used_below if used_below == "unique" else used
    above_breaks = _breaks(above, method, per_side)[0] if above.size else []
    zero = bool((values == 0).any())
    m = max(len(below_breaks), len(above_breaks), 1)
    ramp = palette.diverging(2 * m + 1)  # pink (0) ... neutral (m) ... green (2m)
    colours = [ramp[m + (len(below_breaks) - position)] for position in range(len(below_breaks))]
    breaks = list(below_breaks)
    if zero:
        breaks.append(0.0)
        colours.append(NEUTRAL_COLOUR)
    colours += [ramp[m - (position + 1)] for position in range(len(above_breaks))]
    breaks += above_breaks
    return breaks, colours, used


# --------------------------------------------------------------------------------------------- geometry payload


def _polygons(geometry: dict) -> list[list[list[list[float]]]]:
    kind = geometry.get("type")
    if kind == "Polygon":
        return [geometry["coordinates"]]
    if kind == "MultiPolygon":
        return list(geometry["coordinates"])
    if kind == "GeometryCollection":
        return [p for part in geometry.get("geometries", []) for p in _polygons(part)]
    return []


def encode_geometry(geometry_json: str) -> list[list[list[int]]]:
    """Encode a GeoJSON (Multi)Polygon as polygons of rings of integer coordinate deltas.

    Each ring becomes ``[x0, y0, dx1, dy1, ...]`` in units of 1e-5 degrees (longitude first, as GeoJSON), without the
    closing point (Leaflet closes rings itself). Lines and points (from ``make_valid``) are dropped.

    Raises
    ------
    ValueError
        If the text is not GeoJSON or holds no polygon.
    """
    try:
        geometry = json.loads(geometry_json)
    except (TypeError, json.JSONDecodeError):
        raise ValueError("geometry must be a GeoJSON geometry string") from None
    polygons = _polygons(geometry)
    if not polygons:
        raise ValueError(f"geometry of type {geometry.get('type')} has no polygon to draw")
    encoded = []
    for polygon in polygons:
        rings = []
        for ring in polygon:
            points = np.rint(np.asarray(ring, dtype="float64")[:, :2] * COORDINATE_SCALE).astype(np.int64)
            if len(points) > 1 and (points[0] == points[-1]).all():
                points = points[:-1]
            deltas = np.vstack([points[:1], np.diff(points, axis=0)])
            rings.append(deltas.ravel().tolist())
        encoded.append(rings)
    return encoded


def decode_geometry(encoded: list[list[list[int]]]) -> dict[str, object]:
    """Inverse of :func:`encode_geometry`: a GeoJSON MultiPolygon with closed rings (what the browser draws)."""
    polygons = []
    for polygon in encoded:
        rings = []
        for ring in polygon:
            points = np.cumsum(np.asarray(ring, dtype=np.int64).reshape(-1, 2), axis=0) / COORDINATE_SCALE
            closed = np.vstack([points, points[:1]])
            rings.append(closed.round(5).tolist())
        polygons.append(rings)
    return {"type": "MultiPolygon", "coordinates": polygons}


def encode_layer(geometry: pd.DataFrame) -> pd.DataFrame:
    """Encode every area's geometry once (cache the result per IMD vintage and level).

    Parameters
    ----------
    geometry : pandas.DataFrame
        ``area_code`` and ``geometry_json`` (from the ``boundaries`` query).

    Returns
    -------
    pandas.DataFrame
        ``area_code``, ``encoded`` (compact JSON text of :func:`encode_geometry`) and the bounding box ``west``,
        ``south``, ``east``, ``north`` in degrees.
    """
    missing = {"area_code", "geometry_json"} - set(geometry.columns)
    if missing:
        raise ValueError(f"geometry frame lacks columns {sorted(missing)}")
    shapes = shapely.from_geojson(geometry["geometry_json"].to_numpy())
    box = shapely.bounds(shapes)
    encoded = [json.dumps(encode_geometry(text), separators=(",", ":")) for text in geometry["geometry_json"]]
    return pd.DataFrame({
        "area_code": geometry["area_code"].to_numpy(), "encoded": encoded,
        "west": box[:, 0], "south": box[:, 1], "east": box[:, 2], "north": box[:, 3],
    })


def outline(geometry_jsons: Iterable[str]) -> str | None:
    """Dissolve polygons (e.g. the Core20 LSOAs) into one outline, encoded as :func:`encode_geometry` JSON text.

    Returns None when there is nothing to outline.
    """
    shapes = [shapely.from_geojson(text) for text in geometry_jsons]
    if not shapes:
        return None
    union = shapely.union_all(shapely.make_valid(np.asarray(shapes, dtype=object)), grid_size=1.0 / COORDINATE_SCALE)
    if union.is_empty:
        return None
    return json.dumps(encode_geometry(shapely.to_geojson(union)), separators=(",", ":"))


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
    var group = L.featureGroup(), current = null;
    rows.forEach(function (r) {
        var layer = L.polygon(r[6].map(function (p) { return p.map(ring); }), fill(r[2]));
        layer.areaCode = r[0];
        var tip = '<b>' + r[1] + '</b> <span class="lsc-code">[' + r[0] + ']</span><br>\\n' + labels[0] + ': ' + r[3];
        if (r[4] !== null) { tip += '<br>\\n' + labels[1] + ': ' + r[4]; }
        if (r[5] !== null) { tip += '<br>\\n' + labels[2] + ': ' + r[5]; }
        layer.bindTooltip(tip, {sticky: true, direction: 'auto', opacity: 0.95});
        layer.on('mouseover', function () { if (layer !== current) { layer.setStyle(hover); } });
        layer.on('mouseout', function () { if (layer !== current) { layer.setStyle(fill(r[2])); } });
        layer.on('click', function () {
            if (current && current !== layer) { current.setStyle(fill(current.klass)); }
            current = layer; layer.setStyle(selected); layer.bringToFront();
        });
        layer.klass = r[2];
        group.addLayer(layer);
    });
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
<style>.leaflet-container { background: {{ this.background }}; } .lsc-code { color: {{ this.muted }}; }</style>
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
        self.style = style or {"color": OUTLINE_COLOUR, "weight": 2.5, "opacity": 1, "fill": False,
                               "interactive": False}


#: Line styles of the Core20 movers layer (IMD 2019 -> 2025): entering solid, leaving dashed, so the two differ by
#: pattern as well as colour. Keys are ``lsc_phm.domain.core20_movers`` movements.
MOVER_STYLES: dict[str, dict] = {
    "entered": {"color": palette.MOVER_ENTERED, "weight": 3, "opacity": 1, "fill": False, "interactive": False},
    "left": {"color": palette.MOVER_LEFT, "weight": 3, "opacity": 1, "fill": False, "interactive": False,
             "dashArray": "6 4"},
}
MOVER_LABELS: dict[str, str] = {"entered": "Entered the Core20 (IMD 2019 to 2025, solid)",
                                "left": "Left the Core20 (IMD 2019 to 2025, dashed)"}


class _Background(MacroElement):
    """White map background (Leaflet's default light grey would hide the light-grey "no data" fill)."""

    _template = _BACKGROUND_CSS

    def __init__(self) -> None:
        super().__init__()
        self.background = palette.BACKGROUND
        self.muted = palette.TEXT_MUTED


def tooltip_code(text: str | None) -> str | None:
    """The area code in a map tooltip's text (``[E01012345]``), as returned by st_folium on click; else None."""
    if not text:
        return None
    start = text.find("[")
    end = text.find("]", start + 1)
    if start < 0 or end < 0:
        return None
    code = text[start + 1:end].strip()
    return code or None


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
    rows["context_text"] = (context.reindex(rows["area_code"]).to_numpy() if context is not None
                            else np.full(len(rows), None, dtype=object))
    england = joined["england_value"].to_numpy()
    comparison = joined["comparison"].to_numpy()
    rows["england_text"] = [
        None if e is None or (isinstance(e, float) and math.isnan(e)) else
        format_value(float(e), unit, decimals) + (f" ({c.lower()})" if show_comparison and isinstance(c, str) and c
                                                  and not s else "")
        for e, c, s in zip(england, comparison, suppressed, strict=False)
    ]
    packed = []
    for record, encoded in zip(rows.itertuples(index=False), layer["encoded"], strict=False):
        props = [record.area_code, html.escape(str(record.area_name)), int(record.klass),
                 html.escape(record.value_text),
                 None if record.context_text is None or (isinstance(record.context_text, float)) else
                 html.escape(str(record.context_text)),
                 None if record.england_text is None else html.escape(record.england_text)]
        packed.append(json.dumps(props, separators=(",", ":"))[:-1] + "," + encoded + "]")
    rows_json = "[" + ",".join(packed) + "]"

    import folium

    fmap = folium.Map(location=None, zoom_start=9, tiles=None, prefer_canvas=True, control_scale=True,
                      width="100%", height=height, zoom_snap=0.25, zoom_delta=0.5)
    fmap.default_js = [("leaflet", LEAFLET_JS_URL)]
    fmap.default_css = [("leaflet_css", LEAFLET_CSS_URL)]
    _Background().add_to(fmap)
    if base_map:
        folium.TileLayer(
            POSITRON_URL, attr=POSITRON_ATTRIBUTION, name="Background map (needs internet)", control=False,
            opacity=0.8, max_zoom=18,
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
    focus = layer[layer["area_code"].isin(focus_codes)] if focus_codes else layer.iloc[0:0]
    bounds = focus if len(focus) else layer  # zoom to the focus areas if any are drawn, else to the whole layer
    if len(bounds):
        fmap.fit_bounds([[float(bounds["south"].min()), float(bounds["west"].min())],
                         [float(bounds["north"].max()), float(bounds["east"].max())]])
    for element in fmap._children.values():
        if hasattr(element, "default_js"):
            element.default_js = []
        if hasattr(element, "default_css"):
            element.default_css = []
    return ChoroplethMap(fmap, legend, rows, payloads)


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
    def swatch(colour: str, border: str = palette.OUTLINE, fill: bool = True) -> str:
        background = colour if fill else "transparent"
        return (
            f'<span style="display:inline-block;width:1.1em;height:0.9em;background:{background};'
            f'border:{"2px" if not fill else "1px"} solid {border};vertical-align:middle;margin-right:0.3em"></span>'
        )

    items = [
        f'<span style="white-space:nowrap;margin-right:0.9em">{swatch(c.colour)}{html.escape(c.label)}'
        f' <span style="color:{palette.TEXT_SUBTLE}">({c.areas})</span></span>'
        for c in (*legend.classes, *legend.missing)
    ]
    if outline_label:
        items.append(f'<span style="white-space:nowrap;margin-right:0.9em">'
                     f'{swatch(OUTLINE_COLOUR, OUTLINE_COLOUR, fill=False)}{html.escape(outline_label)}</span>')
    for movement in movers:
        style = MOVER_STYLES[movement]
        line = "dashed" if "dashArray" in style else "solid"
        items.append(f'<span style="white-space:nowrap;margin-right:0.9em"><span style="display:inline-block;'
                     f'width:1.6em;height:0;border-top:3px {line} {style["color"]};vertical-align:middle;'
                     f'margin-right:0.3em"></span>{html.escape(MOVER_LABELS[movement])}</span>')
    return (f'<div class="lsc-legend" style="font-size:0.85rem;line-height:1.7">'
            f'<div style="font-weight:600">{html.escape(legend.title)}</div>{" ".join(items)}</div>')
