"""The app frame: static/ exists before the first run, narrow-screen behaviour is wired in app.py."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_static_folder_is_in_the_repository():
    # Streamlit logs "Static file serving is enabled, but no static folder found" at start-up when static/ is missing;
    # a committed placeholder makes it exist in every checkout, before Leaflet is copied in.
    assert (ROOT / "static").is_dir()
    tracked = subprocess.run(["git", "ls-files", "static"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "static/.gitkeep" in tracked.stdout.split()
    ignored = subprocess.run(["git", "check-ignore", "-q", "static/leaflet.js"], cwd=ROOT, check=False)
    assert ignored.returncode == 0  # Leaflet itself is never committed


def test_app_frame_collapses_the_sidebar_and_shows_a_status_on_slow_views():
    import ast

    tree = ast.parse((ROOT / "app.py").read_text())
    calls = {
        node.func.attr for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert {"spinner", "collapse_sidebar_on_narrow_screens", "narrow_screen_styles"} <= calls
    spinners = [
        node for node in ast.walk(tree) if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "spinner"
    ]
    assert spinners[0].args[0].value == "Preparing data…"
