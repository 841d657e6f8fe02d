"""Shared fixtures: the built database (built once if stale) and the configured ICB in each vintage."""

from __future__ import annotations

import pytest

from lsc_phm import build, geography
from lsc_phm.db import Database, open_database


@pytest.fixture(scope="session")
def db() -> Database:
    if build.is_stale():
        build.build()
    database = open_database()
    yield database
    database.close()


@pytest.fixture(scope="session")
def icb2019(db: Database) -> geography.Icb:
    return geography.resolve_icb(db, "E54000048", 2019)


@pytest.fixture(scope="session")
def icb2025(db: Database) -> geography.Icb:
    return geography.resolve_icb(db, "E54000048", 2025)
