"""Fixtures for refresh tests: a private copy of data/ and of the database, and the publishers' replay server.

The copy keeps the worktree's data/ and database untouched; the replay server is reached only through the adapters'
configurable base URLs (``LSC_PHM_REFRESH_<SOURCE>_URL``): every check a real refresh applies still applies.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from lsc_phm import config
from lsc_phm.store import integrity
from tests.refresh.replay import ReplayServer


def _clear_streamlit_caches() -> None:
    """Drop Streamlit's cached connection and query results, so no page run outlives the database it was given."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def workspace(tmp_path: Path, db, monkeypatch) -> Iterator[dict[str, Path]]:
    """A copy of data/ (without the database) and of the built database, set as the app's data and database.

    Page tests keep Streamlit's caches between tests (tests/conftest.py ``run_page``), and the cached connection is
    not keyed by the database path: a page run here would otherwise keep serving this copy (perhaps refreshed) to
    every later page test in the process. The caches are cleared on the way in and on the way out.
    """
    data = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, data, ignore=shutil.ignore_patterns("lsc_phm.duckdb*", "cache", "staging"))
    database = tmp_path / "lsc_phm.duckdb"
    shutil.copyfile(config.DATABASE_PATH, database)
    shutil.copyfile(integrity.hash_path(config.DATABASE_PATH), integrity.hash_path(database))
    monkeypatch.setattr(config, "DATA_DIR", data)
    monkeypatch.setattr(config, "RAW_DIR", data / "raw")
    monkeypatch.setattr(config, "DATASETS_FILE", data / "datasets.toml")
    monkeypatch.setattr(config, "DATABASE_PATH", database)
    _clear_streamlit_caches()
    yield {"data": data, "database": database}
    _clear_streamlit_caches()


@pytest.fixture
def replay(workspace, monkeypatch) -> ReplayServer:
    """The publishers' endpoints replayed on 127.0.0.1 from the copied data/raw files."""
    with ReplayServer(workspace["data"] / "raw") as server:
        monkeypatch.setenv("LSC_PHM_REFRESH_FINGERTIPS_URL", f"{server.url}/fingertips/api")
        for source in ("practice_map", "ons_els", "qof", "cover", "cvdprevent"):
            monkeypatch.setenv(f"LSC_PHM_REFRESH_{source.upper()}_URL", f"{server.url}/{source}")
        yield server


def snapshot(workspace: dict[str, Path]) -> dict[str, str]:
    """SHA-256 of the database and of every data file, to show that a refused refresh changed nothing."""
    files = sorted(p for p in workspace["data"].rglob("*") if p.is_file())
    out = {str(p.relative_to(workspace["data"])): integrity.file_sha256(p) for p in files}
    out["database"] = integrity.file_sha256(workspace["database"])
    return out
