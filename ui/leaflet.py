"""Serve Leaflet from the app itself, so maps draw with no internet (NHS networks often block public CDNs).

``st_folium`` loads every script a folium map lists (``default_js``/``default_css``) before it draws anything; with
folium's defaults those are public CDNs, and offline the map stays blank. Leaflet 1.9.3 is installed as a Python
package (``xstatic-leaflet``); :func:`ensure_static_leaflet` copies its files into the git-ignored ``static/`` folder,
which Streamlit serves at ``/app/static/`` (``[server] enableStaticServing = true`` in ``.streamlit/config.toml``).
:mod:`lsc_phm.render.maps` points every map at :data:`LEAFLET_JS` and :data:`LEAFLET_CSS`.

References
----------
.. [1] Streamlit static file serving: https://docs.streamlit.io/develop/concepts/configuration/serving-static-files
.. [2] XStatic-Leaflet on PyPI: https://pypi.org/project/XStatic-Leaflet/
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import streamlit as st

from lsc_phm import config
from lsc_phm.render.maps import LEAFLET_CSS_URL, LEAFLET_JS_URL

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


@st.cache_resource(show_spinner=False)
def ensure_static_leaflet() -> list[Path]:
    """Copy Leaflet into ``static/`` once per server process (a failure is not cached, so it is retried).

    Raises
    ------
    RuntimeError, OSError
        As :func:`copy_leaflet`; the page shows the message.
    """
    return copy_leaflet()
