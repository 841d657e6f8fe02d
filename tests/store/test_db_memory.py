"""The read-only connection's memory limit (issue 11, server memory): a small buffer pool that grows when needed."""

from __future__ import annotations

import pytest

from lsc_phm.store import db as db_module
from lsc_phm.store.db import Database, DatabaseError, open_database

#: A query whose result DuckDB must hold in memory at once: a list of 3,000,000 BIGINTs (24 MB), more than 4 MiB.
BIG = "select len(list(i)) as n from range(3000000) t(i)"


def _limit(database: Database) -> str:
    return str(database.execute("select current_setting('memory_limit') as limit_")["limit_"].iloc[0])


def test_the_connection_starts_with_the_small_limit(db):  # noqa: ARG001 - db builds the database first
    database = open_database()
    try:
        assert database.memory_limit_mib == db_module.MEMORY_LIMIT_MIB == 48
        assert _limit(database) == "48.0 MiB"
    finally:
        database.close()


def test_a_query_that_needs_more_raises_the_limit_and_runs_again(db, monkeypatch):  # noqa: ARG001
    database = open_database()
    try:
        database.memory_limit_mib = 4
        database.execute("set memory_limit = '4MiB'")
        assert database.execute(BIG)["n"].iloc[0] == 3_000_000
        # 4 -> 8 -> ... doubled until the 24 MB list fitted; the connection keeps the raised limit
        assert database.memory_limit_mib in (32, 64, 128)
        assert _limit(database) == f"{database.memory_limit_mib}.0 MiB"
    finally:
        database.close()


def test_past_the_ceiling_the_error_is_the_usual_clear_message(db, monkeypatch):  # noqa: ARG001
    monkeypatch.setattr(db_module, "MEMORY_LIMIT_MAX_MIB", 8)
    database = open_database()
    try:
        database.memory_limit_mib = 4
        database.execute("set memory_limit = '4MiB'")
        with pytest.raises(DatabaseError, match=r"^the database could not answer \(Out of Memory Error"):
            database.execute(BIG)
        assert database.memory_limit_mib == 8
    finally:
        database.close()


def test_other_connections_to_the_file_still_open_while_the_app_holds_one(db):  # noqa: ARG001
    # Regression: with the limit given as connect(config=...), DuckDB refused the build's own plain connections to the
    # same file in the same process ("different configuration"), so open_current() took a good database for stale
    # and rebuilt it (bench_server's cold views took 11-14 s instead of 0.2-2.6 s).
    from lsc_phm.store import build

    database = open_database()
    try:
        assert build.stored_fingerprint() is not None
        assert not build.is_stale()
        again = build.open_current()
        assert again.execute("select count(*) as n from meta_build")["n"].iloc[0] == 1
    finally:
        database.close()
