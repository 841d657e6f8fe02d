"""Data faults seen from the app: every page says what is wrong, none shows a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lsc_phm import config
from lsc_phm.store import integrity
from lsc_phm.store.db import Database, DatabaseError
from tests.conftest import APP_PATH
from ui import state

PAGES = [
    "pages/home.py",
    "pages/map_explorer.py",
    "pages/inequalities.py",
    "pages/core20plus5.py",
    "pages/place_profile.py",
    "pages/data_and_methods.py",
]


@pytest.fixture()
def fresh_caches():
    """Start and end with empty Streamlit caches, so no other test sees the faulty database."""
    st.cache_data.clear()
    state.database.clear()
    yield
    st.cache_data.clear()
    state.database.clear()


@pytest.fixture()
def last_good_database(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches) -> Path:
    """A good database copy, with a data folder in which one file has gone missing since it was built."""
    copy = tmp_path / "data"
    shutil.copytree(config.DATA_DIR / "raw", copy / "raw")
    shutil.copytree(config.DATA_DIR / "boundaries", copy / "boundaries")
    shutil.copy(config.DATASETS_FILE, copy / "datasets.toml")
    (copy / "raw" / "fingertips_848_depression_prevalence.parquet").unlink()
    database = tmp_path / "lsc_phm.duckdb"
    shutil.copy(db.path, database)
    shutil.copy(integrity.hash_path(db.path), integrity.hash_path(database))
    for name, value in [
        ("DATA_DIR", copy),
        ("RAW_DIR", copy / "raw"),
        ("BOUNDARY_DIR", copy / "boundaries"),
        ("DATASETS_FILE", copy / "datasets.toml"),
        ("DATABASE_PATH", database),
    ]:
        monkeypatch.setattr(config, name, value)
    return database


@pytest.mark.parametrize("page", PAGES)
def test_every_page_works_from_the_last_good_database_and_says_so(last_good_database: Path, page: str) -> None:
    before = last_good_database.read_bytes()
    app = AppTest.from_file(APP_PATH, default_timeout=120).run()
    app.switch_page(page).run()
    assert not app.exception
    notices = [w.value for w in app.warning if "last good database" in w.value]
    assert len(notices) == 1
    assert "fingertips\\_848\\_depression\\_prevalence\\.parquet is missing" in notices[0]  # escaped plain text
    assert not app.error
    assert last_good_database.read_bytes() == before


@pytest.mark.parametrize("page", PAGES)
def test_unwritable_database_location_is_explained_on_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches, page: str
) -> None:
    plain_file = tmp_path / "a-file"
    plain_file.write_text("not a folder")
    monkeypatch.setattr(config, "DATABASE_PATH", plain_file / "lsc_phm.duckdb")
    app = AppTest.from_file(APP_PATH, default_timeout=120).run()
    app.switch_page(page).run()
    assert not app.exception
    assert len(app.error) == 1
    assert app.error[0].value.startswith("The data could not be loaded: ")
    assert "is a file, not a folder; set LSC\\_PHM\\_DATABASE to a writable file path" in app.error[0].value


def test_a_database_failure_inside_a_page_is_a_clear_message(
    db: Database, monkeypatch: pytest.MonkeyPatch, fresh_caches
) -> None:
    app = AppTest.from_file(APP_PATH, default_timeout=120).run()
    assert not app.exception
    real_query = Database.query

    def damaged(self, name, **params):
        if name == "datasets":
            raise DatabaseError(
                f"the database {self.path} is damaged (Corrupt database file: computed checksum 1 "
                "does not match stored checksum 2); it is a derived file: rebuild it with "
                "'python -m lsc_phm build' (no source data is touched)"
            )
        return real_query(self, name, **params)

    monkeypatch.setattr(Database, "query", damaged)
    app.switch_page("pages/data_and_methods.py").run()
    assert not app.exception
    assert len(app.error) == 1
    assert app.error[0].value.startswith("The data could not be read: the database ")
    assert "is damaged" in app.error[0].value and "Reload the page" in app.error[0].value
