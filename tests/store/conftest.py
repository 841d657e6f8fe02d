"""Fixtures shared by the store tests: a private copy of data/ for builds that must not touch the real one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lsc_phm import config


@pytest.fixture()
def scratch_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of data/ with the build pointed at it (the real data/ is never touched)."""
    copy = tmp_path / "data"
    shutil.copytree(config.DATA_DIR / "raw", copy / "raw")
    shutil.copytree(config.DATA_DIR / "boundaries", copy / "boundaries")
    shutil.copy(config.DATASETS_FILE, copy / "datasets.toml")
    monkeypatch.setattr(config, "DATA_DIR", copy)
    monkeypatch.setattr(config, "RAW_DIR", copy / "raw")
    monkeypatch.setattr(config, "BOUNDARY_DIR", copy / "boundaries")
    monkeypatch.setattr(config, "DATASETS_FILE", copy / "datasets.toml")
    return copy
