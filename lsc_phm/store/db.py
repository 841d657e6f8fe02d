"""Read-only access to the built database: run a named query from ``queries/app/`` with bound parameters.

Every app-facing query is a static SQL file in ``queries/app/`` whose parameters are bound by DuckDB (``$name``);
nothing is ever formatted into SQL text. Results are fetched in full before returning (DuckDB 2.0 streams results,
and an open result would hold the connection).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from lsc_phm import config

APP_QUERIES_DIR = config.QUERIES_DIR / "app"
#: A connection's memory limit is never raised beyond this (MiB); a query that needs more fails with DuckDB's
#: out-of-memory message.
MEMORY_LIMIT_MAX_MIB = 4096
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class DatabaseError(RuntimeError):
    """The database is missing, damaged or could not answer; the message says what to do."""


@lru_cache(maxsize=256)  # one entry per file in queries/app (55 today)
def query_text(name: str) -> str:
    """Return the SQL text of ``queries/app/<name>.sql``.

    Raises
    ------
    ValueError
        If ``name`` is not a plain query name or no such file exists.
    """
    if not _NAME.match(name):
        raise ValueError(f"query name '{name}' must be lower-case letters, digits and underscores")
    path = APP_QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise ValueError(f"no query named '{name}' in {APP_QUERIES_DIR}")
    return path.read_text(encoding="utf-8")


def query_parameters(sql: str) -> set[str]:
    """Return the ``$name`` parameters a SQL text uses (comments ignored)."""
    without_comments = re.sub(r"--[^\n]*", "", sql)
    return set(re.findall(r"\$([a-z_][a-z0-9_]*)", without_comments))


class Database:
    """A read-only connection to the built database, safe to share between threads.

    Parameters
    ----------
    path : Path, default ``config.DATABASE_PATH``
        The DuckDB file written by ``python -m lsc_phm build``.
    memory_limit_mib : int, optional
        DuckDB's memory limit for this connection (the app server passes ``config.SERVER_MEMORY_LIMIT_MIB``).
        DuckDB keeps the table blocks it has read up to its limit; the file is read-only and stays in the operating
        system's page cache, so a small pool keeps a long-lived server's memory low at a small cost in time. A query
        that runs out of memory doubles the limit and runs again (up to :data:`MEMORY_LIMIT_MAX_MIB`). None (the
        default) keeps DuckDB's own limit (80% of RAM).

    Raises
    ------
    ValueError
        If ``memory_limit_mib`` is not a positive whole number.
    DatabaseError
        If the file is missing or cannot be opened.
    """

    def __init__(self, path: Path | None = None, memory_limit_mib: int | None = None) -> None:
        if memory_limit_mib is not None and (
            isinstance(memory_limit_mib, bool) or not isinstance(memory_limit_mib, int) or memory_limit_mib <= 0
        ):
            raise ValueError(
                f"memory_limit_mib must be a positive whole number of MiB or None, not {memory_limit_mib!r}"
            )
        self.path = Path(path or config.DATABASE_PATH)
        #: Set by ``lsc_phm.store.build.open_current`` when this is the last good database kept after a failed rebuild.
        self.notice: str | None = None
        if self.path.is_dir():
            raise DatabaseError(f"the database path {self.path} is a directory; set LSC_PHM_DATABASE to a file path")
        if not self.path.is_file():
            raise DatabaseError(f"the database {self.path} does not exist yet; build it with 'python -m lsc_phm build'")
        try:
            self._connection = duckdb.connect(str(self.path), read_only=True)
            if memory_limit_mib is not None:
                # set on the open connection, not as connect(config=...): DuckDB refuses a second connection to the
                # same file in this process with a different configuration, and the build's checks connect without
                self._connection.execute("set memory_limit = $limit", {"limit": f"{memory_limit_mib}MiB"})
            self._connection.execute("select count(*) from meta_build").fetchall()
        except duckdb.Error as error:
            raise DatabaseError(
                f"the database {self.path} could not be opened ({error.__class__.__name__}); it is a derived file, "
                "so rebuild it with 'python -m lsc_phm build' (no source data is touched)"
            ) from None
        self._lock = threading.Lock()
        #: The connection's memory limit in MiB (None: DuckDB's default), raised when a query needs more.
        self.memory_limit_mib = memory_limit_mib
        self._memo: OrderedDict[tuple, pd.DataFrame] | None = None
        self._memo_size = 0
        self._constants: dict[str, pd.DataFrame] = {}

    def remember(self, entries: int = 512) -> None:
        """Keep the results of the last ``entries`` distinct queries and answer repeats from memory (0: stop).

        The database is read-only, so a repeated query has the same answer; a batch (all places' briefings) asks
        many queries again for each area (an indicator's values for all districts, the data-set catalogue). Each
        caller gets its own copy. Off by default: the app caches page data with Streamlit instead.
        """
        with self._lock:
            self._memo = OrderedDict() if entries > 0 else None
            self._memo_size = entries

    def constant(self, name: str) -> pd.DataFrame:
        """A query without parameters (a small table such as the data-set catalogue), run once per connection.

        The database is read-only, so the answer cannot change while it is open; a briefing otherwise asks for the
        catalogue once per indicator. Each caller gets its own copy.
        """
        with self._lock:
            found = self._constants.get(name)
        if found is None:
            found = self.query(name)
            with self._lock:
                self._constants[name] = found
        return found.copy()

    def query(self, name: str, **params: Any) -> pd.DataFrame:
        """Run ``queries/app/<name>.sql`` with bound parameters and return the full result.

        Raises
        ------
        ValueError
            If a parameter the query needs is missing, or an unexpected one is given.
        DatabaseError
            If DuckDB fails.
        """
        sql = query_text(name)
        needed = query_parameters(sql)
        missing = needed - set(params)
        extra = set(params) - needed
        if missing or extra:
            raise ValueError(
                f"query '{name}' takes parameters {sorted(needed)}; missing {sorted(missing)}, unexpected "
                f"{sorted(extra)}"
            )
        if self._memo is None:
            return self.execute(sql, params)
        key = (name, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items())))
        try:
            hash(key)
        except TypeError:  # an unusual parameter (e.g. an array): not remembered
            return self.execute(sql, params)
        with self._lock:
            found = self._memo.get(key) if self._memo is not None else None
            if found is not None:
                self._memo.move_to_end(key)
                return found.copy()
        result = self.execute(sql, params)
        with self._lock:
            if self._memo is not None:
                self._memo[key] = result.copy()
                while len(self._memo) > self._memo_size:
                    self._memo.popitem(last=False)
        return result

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """Run a static SQL text with bound parameters (for tests and the SQL meta-test)."""
        try:
            with self._lock:
                while True:
                    try:
                        return self._run(sql, params)
                    except duckdb.OutOfMemoryException:
                        if self.memory_limit_mib is None or self.memory_limit_mib >= MEMORY_LIMIT_MAX_MIB:
                            raise
                        # the buffer pool is too small for this query: double it and run it again (read-only)
                        self.memory_limit_mib = min(2 * self.memory_limit_mib, MEMORY_LIMIT_MAX_MIB)
                        self._connection.execute("set memory_limit = $limit", {"limit": f"{self.memory_limit_mib}MiB"})
        except duckdb.Error as error:
            detail = str(error).splitlines()[0] if str(error) else error.__class__.__name__
            if "checksum" in detail.lower() or "corrupt" in detail.lower():
                raise DatabaseError(
                    f"the database {self.path} is damaged ({detail}); it is a derived file: rebuild it with "
                    "'python -m lsc_phm build' (no source data is touched)"
                ) from None
            raise DatabaseError(f"the database could not answer ({detail})") from None

    def _run(self, sql: str, params: Mapping[str, Any] | None) -> pd.DataFrame:
        cursor = self._connection.cursor()
        try:
            return cursor.execute(sql, dict(params) if params else None).df()
        finally:
            cursor.close()

    def close(self) -> None:
        """Close the connection."""
        self._connection.close()


def open_database(path: Path | None = None, memory_limit_mib: int | None = None) -> Database:
    """Open the database read-only (see :class:`Database`)."""
    return Database(path, memory_limit_mib)
