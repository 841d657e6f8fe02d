"""Render Altair charts to PNG without a browser (vl-convert), for downloads and briefings.

There is one chart cache in the process (:func:`render_spec`): a briefing's PowerPoint, PDF handout and HTML share
each chart's single rendering, and the place-profile page's PNG downloads use the same cache. Rendering is keyed by
a hash of the Vega-Lite specification (which embeds the chart's data), the scale and the vl-convert version, so a
changed figure is a new key, never a stale picture.

Optionally (:func:`use_disk_cache`, used by the ``briefing`` CLI), renderings are also kept on disk under a folder
named after the database's build fingerprint: a second run against the same database reads them back instead of
rendering again, and the first run against a rebuilt database removes the folders of older builds.

vl-convert compiles and draws a chart in native code and releases the GIL meanwhile, so :func:`render_specs` renders
several charts at once in threads (:data:`RENDER_THREADS`, one per core on the 2-core target machine).

References
----------
.. [1] vl-convert: Vega-Lite to PNG/SVG conversion without a browser. https://github.com/vega/vl-convert
.. [2] PNG (Portable Network Graphics) Specification, 2nd ed., W3C 2003: IHDR chunk (width and height at bytes 16-23).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import struct
import tempfile
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import altair as alt

#: Distinct chart images kept in memory (a briefing's PPTX, PDF and HTML share theirs; each is some 100-400 KB).
PNG_CACHE_SIZE = 48
#: Charts rendered at once (vl-convert releases the GIL; 2 cores on the target machine).
RENDER_THREADS = 2
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_FINGERPRINT = re.compile(r"^[0-9a-f]{8,64}$")


@dataclass(frozen=True)
class RenderedChart:
    """A chart rendered as PNG, with its size in pixels (``scale`` pixels per Vega-Lite unit)."""

    png: bytes
    width_px: int
    height_px: int
    scale: float


class _Cache:
    """Least-recently-used memory cache of renderings, with an optional folder behind it (thread-safe)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[str, RenderedChart] = OrderedDict()
        self.lock = threading.Lock()
        self.folder: Path | None = None
        self.hits = self.misses = self.disk_hits = 0

    def get(self, key: str) -> RenderedChart | None:
        with self.lock:
            found = self.items.get(key)
            if found is not None:
                self.items.move_to_end(key)
                self.hits += 1
                return found
            folder = self.folder
        if folder is not None:
            try:
                png = (folder / f"{key}.png").read_bytes()
                scale = float(key.rsplit("-", 1)[1])
            except (OSError, ValueError, IndexError):
                return None
            if png.startswith(_PNG_SIGNATURE):
                found = RenderedChart(png, *png_size(png), scale)
                with self.lock:
                    self.disk_hits += 1
                self._keep(key, found)
                return found
        return None

    def put(self, key: str, rendered: RenderedChart) -> None:
        with self.lock:
            self.misses += 1
            folder = self.folder
        self._keep(key, rendered)
        if folder is not None:  # write then rename: a reader never sees half a file
            try:
                handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
                with os.fdopen(handle, "wb") as out:
                    out.write(rendered.png)
                os.replace(temporary, folder / f"{key}.png")
            except OSError:
                pass  # the cache is an optimisation: a read-only or full disk only costs speed

    def _keep(self, key: str, rendered: RenderedChart) -> None:
        with self.lock:
            self.items[key] = rendered
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.hits = self.misses = self.disk_hits = 0


_CACHE = _Cache(PNG_CACHE_SIZE)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels of a PNG, read from its IHDR chunk.

    Raises
    ------
    ValueError
        If the bytes are not a PNG.
    """
    if len(png) < 24 or not png.startswith(_PNG_SIGNATURE) or png[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


def _vl_convert():
    """The vl-convert module, imported on the first rendering (about 8 MB of server memory a page view never needs)."""
    import vl_convert

    return vl_convert


def _version() -> str:
    """vl-convert's version (part of every cache key), read from the package metadata without importing it."""
    from importlib import metadata

    try:
        return metadata.version("vl-convert-python")
    except metadata.PackageNotFoundError:
        return getattr(_vl_convert(), "__version__", "unknown")


_VERSION = _version()


def _key(spec: str, scale: float) -> str:
    digest = hashlib.sha256(f"{_VERSION}\n{spec}".encode()).hexdigest()
    return f"{digest}-{float(scale):g}"


def render_spec(spec: str, scale: float = 2.0) -> RenderedChart:
    """Return a Vega-Lite JSON specification rendered as PNG, once per process (and per disk cache).

    Raises
    ------
    ValueError
        If vl-convert cannot compile or draw the specification.
    """
    key = _key(spec, scale)
    found = _CACHE.get(key)
    if found is not None:
        return found
    png = _vl_convert().vegalite_to_png(spec, scale=scale)
    rendered = RenderedChart(png, *png_size(png), float(scale))
    _CACHE.put(key, rendered)
    return rendered


def render_specs(specs: list[str], scale: float = 2.0) -> list[RenderedChart]:
    """Render several specifications at once (threads; each distinct one once), in the order given."""
    if len(specs) <= 1 or RENDER_THREADS <= 1:
        return [render_spec(spec, scale) for spec in specs]
    with ThreadPoolExecutor(max_workers=RENDER_THREADS) as pool:
        return list(pool.map(lambda spec: render_spec(spec, scale), specs))


def spec_png(spec: str, scale: float = 2.0) -> bytes:
    """Return a Vega-Lite JSON specification rendered as PNG bytes (see :func:`render_spec`)."""
    return render_spec(spec, scale).png


def chart_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """Return the chart as PNG bytes (data embedded in the spec; no network access).

    The spec is serialised without Altair's jsonschema validation, which costs more than building it: vl-convert
    compiles the spec itself and raises on one it cannot render.
    """
    return spec_png(chart.to_json(validate=False), scale=scale)


def cache_stats() -> dict[str, int]:
    """Renderings served from memory (``hits``), from disk (``disk_hits``) and drawn (``misses``) so far."""
    with _CACHE.lock:
        return {"hits": _CACHE.hits, "disk_hits": _CACHE.disk_hits, "misses": _CACHE.misses, "kept": len(_CACHE.items)}


def clear_cache() -> None:
    """Forget every rendering kept in memory (the disk cache stays; see :func:`use_disk_cache`)."""
    _CACHE.clear()


def use_disk_cache(root: Path | None, fingerprint: str = "") -> Path | None:
    """Keep renderings on disk in ``root/<fingerprint>`` too (``root`` None: memory only); return that folder.

    ``fingerprint`` is the database's build fingerprint (``meta_build.fingerprint``): folders of other builds are
    deleted, so pictures of an older database never accumulate. A folder that cannot be created leaves the cache in
    memory only.

    Raises
    ------
    ValueError
        If ``fingerprint`` is not a hexadecimal build fingerprint.
    """
    if root is None:
        _CACHE.folder = None
        return None
    if not _FINGERPRINT.match(fingerprint):
        raise ValueError("the disk cache needs the database's build fingerprint (hexadecimal)")
    name = fingerprint[:16]
    folder = Path(root) / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for other in Path(root).iterdir():
            if other.is_dir() and other.name != name and _FINGERPRINT.match(other.name):
                shutil.rmtree(other, ignore_errors=True)
    except OSError:
        _CACHE.folder = None
        return None
    _CACHE.folder = folder
    return folder
