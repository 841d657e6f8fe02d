"""Serve Leaflet from the app itself, so maps draw with no internet (NHS networks often block public CDNs).

``st_folium`` loads every script a folium map lists (``default_js``/``default_css``) before it draws anything; with
folium's defaults those are public CDNs, and offline the map stays blank. Leaflet 1.9.3 is installed as a Python
package (``xstatic-leaflet``); :func:`ensure_static_leaflet` copies its files into the git-ignored ``static/`` folder,
which Streamlit serves at ``/app/static/`` (``[server] enableStaticServing = true`` in ``.streamlit/config.toml``).
:mod:`lsc_phm.render.maps` points every map at :data:`LEAFLET_JS` and :data:`LEAFLET_CSS`.

Maps are rendered to strings **once per selection** (:func:`render_map`) and those immutable strings are what the
page caches and shares between sessions; :func:`show_map` hands them to the ``st_folium`` component on every run.
Calling ``st_folium(folium_map)`` instead renders the folium object again on every run (branca compiles the whole
rendered script, hundreds of kilobytes, as a Jinja template: about half a second for the LSOA map), and a folium
object cached with ``st.cache_resource`` is shared by every session and rendered concurrently, which corrupts it
(``RuntimeError: OrderedDict mutated during iteration``).

References
----------
.. [1] Streamlit static file serving: https://docs.streamlit.io/develop/concepts/configuration/serving-static-files
.. [2] XStatic-Leaflet on PyPI: https://pypi.org/project/XStatic-Leaflet/
"""

from __future__ import annotations

import copy
import filecmp
import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import streamlit as st

from lsc_phm import config
from lsc_phm.render.maps import LEAFLET_CSS_URL, LEAFLET_JS_URL, ChoroplethMap, fill_payloads

STATIC_DIR = config.ROOT / "static"
LEAFLET_JS = LEAFLET_JS_URL
LEAFLET_CSS = LEAFLET_CSS_URL
_FILES = ("leaflet.js", "leaflet.css")


def copy_leaflet(target: Path = STATIC_DIR) -> list[Path]:
    """Copy Leaflet's ``leaflet.js``, ``leaflet.css`` and marker images into ``target`` if they differ.

    Idempotent: files already identical are left alone, so many sessions and processes can call it.

    Parameters
    ----------
    target : Path, default ``static/`` at the repository root

    Returns
    -------
    list of Path
        The Leaflet files now present in ``target``.

    Raises
    ------
    RuntimeError
        If the ``xstatic-leaflet`` package is not installed (the message says how to install it).
    """
    try:
        import xstatic.pkg.leaflet as xstatic_leaflet
    except ImportError:
        raise RuntimeError(
            "Leaflet is not installed, so maps cannot draw offline: run "
            "'.venv/bin/python -m pip install -r requirements.txt' (package xstatic-leaflet)"
        ) from None
    source = Path(xstatic_leaflet.BASE_DIR)
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for name in _FILES:
        destination = target / name
        if not destination.is_file() or not filecmp.cmp(source / name, destination, shallow=False):
            temporary = destination.with_suffix(destination.suffix + ".tmp")
            shutil.copyfile(source / name, temporary)
            temporary.replace(destination)  # atomic: a browser never gets half a file
        copied.append(destination)
    images = source / "images"
    if images.is_dir():
        shutil.copytree(images, target / "images", dirs_exist_ok=True)
    return copied


@st.cache_resource(show_spinner=False, max_entries=1)
def ensure_static_leaflet() -> list[Path]:
    """Copy Leaflet into ``static/`` once per server process (a failure is not cached, so it is retried).

    Raises
    ------
    RuntimeError, OSError
        As :func:`copy_leaflet`; the page shows the message.
    """
    return copy_leaflet()


@dataclass(frozen=True)
class RenderedMap:
    """A folium map rendered once to the strings the ``st_folium`` component draws (immutable, safe to share).

    Attributes
    ----------
    script, header, html : str
        The Leaflet script, the ``<head>`` extras and the body HTML, as ``st_folium`` prepares them.
    map_id : str
        The map's element id in the component (``map_div``).
    css_links, js_links : tuple of str
        Stylesheets and scripts the component loads first (the app's own Leaflet only).
    component_key : str
        The component's identity for Streamlit: a hash of the script, the widget key and the hover setting, as
        ``st_folium`` computes it (a new map remounts the component; the same map keeps its pan and zoom).
    defaults : Mapping
        The component's value before any interaction (bounds, zoom, nothing clicked), limited to the returned objects.
    returned_objects : tuple of str
        What a click sends back to the page.
    """

    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    component_key: str
    defaults: MappingProxyType
    returned_objects: tuple[str, ...]


def render_map(
    built: ChoroplethMap,
    key: str,
    returned_objects: tuple[str, ...] = ("last_object_clicked_tooltip",),
    identity: tuple | None = None,
) -> RenderedMap:
    """Render a :func:`lsc_phm.render.maps.choropleth` map to component strings, once.

    Build the map with ``defer_payload=True``: folium then renders a small skeleton and the area data is put in with
    a string replacement, so nothing large is compiled as a template. The folium object is not used afterwards.

    Parameters
    ----------
    built : ChoroplethMap
        A freshly built map (not shared with another thread: rendering mutates it).
    key : str
        The Streamlit widget key :func:`show_map` will use (part of the component's identity).
    returned_objects : tuple of str
        The interactions reported back (default: the tooltip of the last area clicked).

    Returns
    -------
    RenderedMap
    """
    from streamlit_folium import _get_header, _get_html, _get_map_string, generate_js_hash, get_full_id

    fmap = built.map
    fmap.get_root().render()
    fmap.render()
    html = _get_html(fmap)
    header = _get_header(fmap)
    script = fill_payloads(_get_map_string(fmap), built.payloads)
    css_links: list[str] = []
    js_links: list[str] = []
    for element in _walk(fmap):
        css_links.extend(href for _, href in getattr(element, "default_css", []))
        js_links.extend(src for _, src in getattr(element, "default_js", []))
    southwest, northeast = fmap.get_bounds()
    everything = {
        "last_clicked": None,
        "last_object_clicked": None,
        "last_object_clicked_count": None,
        "last_object_clicked_tooltip": None,
        "last_object_clicked_popup": None,
        "all_drawings": None,
        "last_active_drawing": None,
        "bounds": {
            "_southWest": {"lat": southwest[0], "lng": southwest[1]},
            "_northEast": {"lat": northeast[0], "lng": northeast[1]},
        },
        "zoom": fmap.options.get("zoom"),
        "last_circle_radius": None,
        "last_circle_polygon": None,
        "selected_layers": None,
        "selected_tags": None,
        "last_geocoder_result": None,
    }
    return RenderedMap(
        script=script,
        header=header,
        html=html,
        map_id=get_full_id(fmap),
        css_links=tuple(dict.fromkeys(css_links)),
        js_links=tuple(dict.fromkeys(js_links)),
        component_key=(
            generate_js_hash(script, key, False)
            if identity is None
            else f"{key}-" + hashlib.sha1(repr(identity).encode()).hexdigest()[:16]
        ),
        defaults=MappingProxyType({k: v for k, v in everything.items() if k in returned_objects}),
        returned_objects=tuple(returned_objects),
    )


def _walk(element):
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


#: What the component runs, instead of the map's script, if it is asked to draw with no map in its frame (its frame
#: reloaded after the script was left out of a rerun, see :func:`show_map`): streamlit-folium appends
#: ``window.map = map_div; window.initComponent(map_div, ...)``; this stub takes that call, restores the component's
#: own initComponent and asks the page for the whole script (``lsc_redraw``), leaving ``window.map`` unset so the next
#: render builds the map.
_ASK_FOR_SCRIPT = (
    "var map_div = null, lscInit = window.initComponent; window.initComponent = function () {"
    " window.initComponent = lscInit; window.Streamlit.setComponentValue({lsc_redraw: Date.now()}); };"
)
REDRAW = "lsc_redraw"


def _mounted_key(key: str) -> str:
    return f"_lsc_map_mounted_{key}"


def _drawn_in_this_frame(rendered: RenderedMap, key: str) -> bool:
    """Whether the browser already holds this map: a fragment rerun just after a run that drew the same map.

    A full run (a first visit, a page switch, a reload) always sends the script. A fragment rerun keeps the page's
    elements, so a component drawn by the previous run with the same identity is still mounted and has its map.
    """
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    in_fragment = bool(ctx is not None and ctx.fragment_ids_this_run)
    return in_fragment and st.session_state.get(_mounted_key(key)) == rendered.component_key


def show_map(
    rendered: RenderedMap,
    *,
    key: str,
    height: int = 600,
    on_change: Callable[[], None] | None = None,
    update: str | None = None,
) -> Any:
    """Draw a :class:`RenderedMap` with the ``st_folium`` component (what ``st_folium`` does after rendering).

    ``st.session_state[key]`` holds the component's last value (as with ``st_folium(..., key=key)``), and
    ``on_change`` runs after a reported interaction. ``update`` is JavaScript run on the map already drawn whenever
    it changes: it travels in the component's ``feature_group`` argument, streamlit-folium's own mechanism for
    changing layers without redrawing the map (``st_folium(feature_group_to_add=...)``), which runs that argument
    when it differs from the last run's.

    The component uses its script (the areas' geometry: about 280 kB for 1,058 LSOAs) only when it is first mounted
    (a new :attr:`RenderedMap.component_key`), and streamlit-folium ignores it afterwards. So a fragment rerun on a
    map already drawn sends a small stub instead (an indicator change then sends about 70 kB instead of 350 kB); if
    the component's frame has lost its map meanwhile, the stub asks for the script and the next run sends it.
    """
    from streamlit_folium import _component_func

    mounted = _drawn_in_this_frame(rendered, key)
    st.session_state[_mounted_key(key)] = rendered.component_key

    def _changed() -> None:
        value = st.session_state.get(rendered.component_key) or {}
        if REDRAW in value:  # the frame has no map: send the whole script on the rerun that follows
            st.session_state.pop(_mounted_key(key), None)
            return
        st.session_state[key] = value
        if on_change is not None:
            on_change()

    return _component_func(
        script=_ASK_FOR_SCRIPT if mounted else rendered.script,
        header="" if mounted else rendered.header,
        html="" if mounted else rendered.html,
        id=rendered.map_id,
        key=rendered.component_key,
        height=height,
        width=None,
        returned_objects=list(rendered.returned_objects),
        default=copy.deepcopy(dict(rendered.defaults)),
        zoom=None,
        center=None,
        feature_group=update,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(rendered.css_links),
        js_links=list(rendered.js_links),
        on_change=_changed,
        wrap_longitude=False,
    )
