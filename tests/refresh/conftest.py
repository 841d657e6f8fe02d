"""Fixtures for refresh tests: a private copy of data/ and of the database, and the publishers' replay server.

The copy keeps the worktree's data/ and database untouched; the replay server is reached only through the adapters'
configurable base URLs (``LSC_PHM_REFRESH_<SOURCE>_URL``): every check a real refresh applies still applies.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lsc_phm import config
from lsc_phm.store import build
from tests.refresh.replay import ReplayServer


@pytest.fixture
def workspace(tmp_path: Path, db, monkeypatch) -> dict[str, Path]:
    """A copy of data/ (without the database) and of the built database, set as the app's data and database."""
    data = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, data, ignore=shutil.ignore_patterns("lsc_phm.duckdb*", "cache", "staging"))
    database = tmp_path / "lsc_phm.duckdb"
    shutil.copyfile(config.DATABASE_PATH, database)
    shutil.copyfile(build.hash_path(config.DATABASE_PATH), build.hash_path(database))
    monkeypatch.setattr(config, "DATA_DIR", data)
    monkeypatch.setattr(config, "RAW_DIR", data / "raw")
    monkeypatch.setattr(config, "DATASETS_FILE", data / "datasets.toml")
    monkeypatch.setattr(config, "DATABASE_PATH", database)
    return {"data": data, "database": database}


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
    out = {str(p.relative_to(workspace["data"])): build.file_sha256(p) for p in files}
    out["database"] = build.file_sha256(workspace["database"])
    return out
