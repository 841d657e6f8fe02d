"""The app server's DuckDB memory limit: a small buffer pool that grows when needed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lsc_phm import config
from lsc_phm.store import build
from lsc_phm.store import db as db_module
from lsc_phm.store.db import Database, DatabaseError, open_database

ROOT = Path(__file__).resolve().parents[2]
#: A query whose result DuckDB must hold in memory at once: a list of 3,000,000 BIGINTs (24 MB), more than 4 MiB.
BIG = "select len(list(i)) as n from range(3000000) t(i)"


def _limit(database: Database) -> str:
    return str(database.execute("select current_setting('memory_limit') as limit_")["limit_"].iloc[0])


@pytest.fixture(autouse=True)
def _limit_restored(db: Database):
    """Put back the memory limit the test process had. DuckDB keeps one instance per file in a process, and
    ``memory_limit`` is the instance's: an 8 MiB ceiling left by a test here made the next tests on the same
    xdist worker fail with Out of Memory."""
    before = _limit(db)
    yield
    db._connection.execute("set memory_limit = $limit", {"limit": before})  # the Database class has no setter


@pytest.mark.usefixtures("db")
def test_the_app_server_opens_with_the_small_limit_and_the_cli_with_duckdbs_own():
    assert config.SERVER_MEMORY_LIMIT_MIB == 48
    server = build.open_current(memory_limit_mib=config.SERVER_MEMORY_LIMIT_MIB)
    try:
        assert server.memory_limit_mib == 48 and _limit(server) == "48.0 MiB"
    finally:
        server.close()
    # DuckDB shares one instance (and its settings) between the connections to a file in a process, so the CLI's
    # connection is checked in a process of its own: DuckDB's default limit, 80% of RAM (far above 48 MiB)
    probe = (
        "from lsc_phm.store.db import open_database\n"
        "d = open_database()\n"
        "print(d.memory_limit_mib, d.execute(\"select current_setting('memory_limit') as m\")['m'].iloc[0])"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    limit, value, unit = done.stdout.split()
    mib = float(value) * {"MiB": 1, "GiB": 1024, "TiB": 1024 * 1024}[unit]
    assert limit == "None" and mib > 4 * config.SERVER_MEMORY_LIMIT_MIB


@pytest.mark.parametrize("bad", [0, -1, 1.5, "48MiB", True])
@pytest.mark.usefixtures("db")
def test_a_bad_limit_is_a_clear_error(bad):
    with pytest.raises(ValueError, match="memory_limit_mib must be a positive whole number of MiB or None"):
        open_database(memory_limit_mib=bad)


@pytest.mark.usefixtures("db")
def test_a_query_that_needs_more_raises_the_limit_and_runs_again():
    database = open_database(memory_limit_mib=4)
    try:
        assert database.execute(BIG)["n"].iloc[0] == 3_000_000
        # 4 -> 8 -> ... doubled until the 24 MB list fitted; the connection keeps the raised limit
        assert database.memory_limit_mib in (32, 64, 128)
        assert _limit(database) == f"{database.memory_limit_mib}.0 MiB"
    finally:
        database.close()


@pytest.mark.usefixtures("db")
def test_past_the_ceiling_the_error_is_the_usual_clear_message(monkeypatch):
    monkeypatch.setattr(db_module, "MEMORY_LIMIT_MAX_MIB", 8)
    database = open_database(memory_limit_mib=4)
    try:
        with pytest.raises(DatabaseError, match=r"^the database could not answer \(Out of Memory Error"):
            database.execute(BIG)
        assert database.memory_limit_mib == 8
    finally:
        database.close()


@pytest.mark.usefixtures("db")
def test_other_connections_to_the_file_still_open_while_the_app_holds_one():
    # Regression: with the limit given as connect(config=...), DuckDB refused the build's own plain connections to the
    # same file in the same process ("different configuration"), so open_current() took a good database for stale
    # and rebuilt it (bench_server's cold views took 11-14 s instead of 0.2-2.6 s).
    database = open_database(memory_limit_mib=config.SERVER_MEMORY_LIMIT_MIB)
    try:
        assert build.stored_fingerprint() is not None
        assert not build.is_stale()
        again = build.open_current()
        assert again.execute("select count(*) as n from meta_build")["n"].iloc[0] == 1
    finally:
        database.close()
