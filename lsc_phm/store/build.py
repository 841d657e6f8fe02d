"""Build ``data/lsc_phm.duckdb`` from the vendored files in ``data/`` and the SQL in ``queries/``.

The build is atomic: it writes ``<database>.tmp-<random>`` and renames it over the old database only when every
step has succeeded, so an interrupted or failed build never leaves a broken database and never touches the source
files. Around that:

- every data file is first checked against its schema in ``data/datasets.toml`` (:mod:`lsc_phm.store.validate`);
- one build runs at a time: a lock on ``<database>.lock`` (``flock``) makes a second build wait, and if the first
  one produced a current database meanwhile, the second uses it instead of building again;
- temporaries left by a killed build (``<database>.tmp-*``, with their ``.wal``) are removed by the next build, and
  by the next start (:func:`open_current`) when no build is running;
- the finished database is read in full (DuckDB verifies its block checksums on every read) before it replaces the
  old one, and its SHA-256 is stored next to it (``<database>.sha256``), so later damage to the file is detected
  cheaply at open (:func:`database_problem`);
- :func:`open_current` keeps serving the last good database, with a notice saying why, when a rebuild fails.

A fingerprint of every input (data files, SQL, registry, build code) is stored in the database; the app and
``build --if-stale`` rebuild only when it changes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.stats.intervals import wilson_ci
from lsc_phm.store import footprints, provenance
from lsc_phm.store.datasets import BuildError, DatabasePathError, Dataset, catalogue_path, check_datasets, load_datasets
from lsc_phm.store.db import Database, DatabaseError, open_database
from lsc_phm.store.integrity import database_problem, file_sha256, hash_path, verify_database

try:  # POSIX; elsewhere builds are not serialised between processes
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

ProgressCallback = Callable[[float, str], None]

#: Boundary sources per IMD vintage: (datasets.toml key, code property, simplification tolerance in metres).
BOUNDARY_SOURCES: dict[int, tuple[str, str, float]] = {
    2019: ("lsoa11_dec2011_bgc_lsc", "LSOA11CD", 130.0),
    2025: ("lsoa21_dec2021_bsc_v4_lsc", "LSOA21CD", 60.0),
}
#: MSOA 2011 boundaries (IMD 2019 vintage only): (datasets.toml key, code property, tolerance in metres). Drawn from
#: the official file rather than from LSOA unions so that an MSOA reaching outside the ICB is drawn whole, as its
#: values (sums over all its LSOAs) are for the whole MSOA.
MSOA_BOUNDARY_SOURCE: tuple[int, str, str, float] = (2019, "msoa11_dec2011_bgc_lsc", "MSOA11CD", 130.0)
#: Map levels built from LSOA unions, with the mart_lsoas column naming each LSOA's area.
BOUNDARY_LEVELS: dict[str, str] = {
    "lsoa": "lsoa_code",
    "ward": "ward_code",
    "district": "lad_code",
    "place": "place_code",
    "sicbl": "sicbl_code",
    "icb": "icb_code",
}
_PACKAGE = Path(__file__).resolve().parents[1]
_CODE_FILES = (
    "store/build.py",
    "store/datasets.py",
    "store/integrity.py",
    "indicators.py",
    "indicator_model.py",
    "indicators_context.py",
    "indicators_published.py",
    "indicators_qof.py",
    "config.py",
    "store/boundaries.py",
    "store/validate.py",
    "store/footprints.py",
    "store/provenance.py",
)
#: Seconds between "still waiting" progress reports while another build holds the lock.
_WAIT_REPORT_SECONDS = 5.0
_ELSEWHERE = "set LSC_PHM_DATABASE to a writable file path, e.g. LSC_PHM_DATABASE=$HOME/lsc_phm.duckdb"


def input_fingerprint(datasets: list[Dataset], data_dir: Path | None = None) -> str:
    """Return a SHA-256 over every build input: data files, build SQL (staging and marts), catalogue, release
    records of refreshed files, build code.

    App queries (``queries/app``) are read at run time, so changing one does not make the database stale.
    """
    digest = hashlib.sha256()
    paths = [d.path for d in datasets] + sql_files() + [catalogue_path(data_dir)]
    releases = provenance.releases_path(data_dir or config.DATA_DIR)
    paths += [releases] if releases.is_file() else []
    paths += [_PACKAGE / name for name in _CODE_FILES]
    paths += [config.AREAS_FILE] if config.AREAS_FILE.is_file() else []
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def lock_path(database: Path) -> Path:
    """The lock file that serialises builds of a database: ``<database>.lock``."""
    return database.with_name(database.name + ".lock")


def stored_fingerprint(database: Path | None = None) -> str | None:
    """Return the fingerprint recorded in an existing database, or None if it is missing or unreadable."""
    database = database or config.DATABASE_PATH
    if not database.is_file():
        return None
    try:
        with duckdb.connect(str(database), read_only=True) as con:
            rows = con.execute("select fingerprint from meta_build").fetchall()
    except duckdb.Error:
        return None
    return rows[0][0] if rows else None


def is_stale(database: Path | None = None) -> bool:
    """Whether the database is missing, damaged, or built from different inputs than those now in the tree."""
    database = database or config.DATABASE_PATH
    if database_problem(database) is not None:
        return True
    stored = stored_fingerprint(database)
    if stored is None:
        return True
    try:
        return stored != input_fingerprint(load_datasets())
    except (BuildError, OSError):
        return True


def sql_files() -> list[Path]:
    """Return the build SQL files in run order: staging first, then marts, each sorted by name."""
    return sorted((config.QUERIES_DIR / "staging").glob("*.sql")) + sorted((config.QUERIES_DIR / "marts").glob("*.sql"))


def _run_sql_file(con: duckdb.DuckDBPyConnection, path: Path, raw_dir: Path) -> None:
    sql = path.read_text(encoding="utf-8")
    params = {"raw_dir": str(raw_dir)} if "$raw_dir" in sql else None
    try:
        if params:
            con.execute(sql, params)
        else:
            con.execute(sql)
    except duckdb.IOException as error:
        raise BuildError(
            f"{path.name}: a data file could not be read ({error}); restore data/ with 'git checkout -- data'"
        ) from None
    except duckdb.Error as error:
        raise BuildError(f"{path.name} failed: {error}") from None


def _write_config_tables(con: duckdb.DuckDBPyConnection) -> None:
    labels = pd.DataFrame([vars(label) for label in config.PLACE_LABELS])
    con.register("place_labels_frame", labels)
    con.execute("create or replace table cfg_place_labels as select * from place_labels_frame")
    con.unregister("place_labels_frame")
    proxies = pd.DataFrame(
        [vars(proxy) for proxy in config.PLACE_PROXIES],
        columns=["icb_code", "place_code", "proxy_code", "proxy_name", "reason"],
    )
    con.register("place_proxies_frame", proxies)
    con.execute("create or replace table cfg_place_proxies as select * from place_proxies_frame")
    con.unregister("place_proxies_frame")
    names = pd.DataFrame(
        [vars(name) for name in config.SUB_ICB_NAMES], columns=["ods_code", "ons_code", "name", "source"]
    )
    con.register("sicbl_names_frame", names)
    con.execute("create or replace table cfg_sicbl_names as select * from sicbl_names_frame")
    con.unregister("sicbl_names_frame")
    try:
        members = footprints.member_table(footprints.load())
    except footprints.FootprintError as error:
        raise BuildError(str(error)) from None
    con.register("footprint_members_frame", members)
    con.execute("create or replace table cfg_footprint_members as select * from footprint_members_frame")
    con.unregister("footprint_members_frame")


def _check_footprints(con: duckdb.DuckDBPyConnection) -> None:
    """Stop the build if a footprint member names no area (after the marts exist)."""
    members = con.execute("select * from cfg_footprint_members").df()
    known = con.execute(
        "select distinct icb_code, level, area_code from mart_areas "
        "where level in ('district', 'place', 'ward', 'lsoa')"
    ).df()
    try:
        footprints.check_member_codes(members, known)
    except footprints.FootprintError as error:
        raise BuildError(str(error)) from None


def _add_wilson_intervals(con: duckdb.DuckDBPyConnection) -> None:
    """Fill 95% Wilson limits for count-based proportions (registry ci_method == 'wilson'), and for rows of the
    indicators in ``indicators.WILSON_WHERE_NOT_PUBLISHED`` that have counts but no published limits."""
    ids = list(indicators.wilson_indicator_ids())
    rows = con.execute(
        "select rowid as row_id, numerator, denominator from mart_indicator_values "
        "where numerator is not null and denominator > 0 and (indicator_id in (select unnest($ids)) "
        "or (indicator_id in (select unnest($fill)) and lowercl is null))",
        {"ids": ids, "fill": sorted(indicators.WILSON_WHERE_NOT_PUBLISHED)},
    ).df()
    if rows.empty:
        return
    limits = wilson_ci(rows["numerator"].clip(upper=rows["denominator"]), rows["denominator"], 0.95)
    rows["lowercl"] = 100.0 * limits["lowercl"].to_numpy()
    rows["uppercl"] = 100.0 * limits["uppercl"].to_numpy()
    con.register("wilson_frame", rows[["row_id", "lowercl", "uppercl"]])
    con.execute(
        "update mart_indicator_values set lowercl = wilson_frame.lowercl, uppercl = wilson_frame.uppercl, "
        "ci_source = 'computed here' "
        "from wilson_frame where mart_indicator_values.rowid = wilson_frame.row_id"
    )
    con.unregister("wilson_frame")


def _build_boundaries(con: duckdb.DuckDBPyConnection, datasets: dict[str, Dataset]) -> None:
    # geopandas is needed only here, at build time: the app opens the database through this module and should not
    # load it on every page (memory and cold start)
    from lsc_phm.store import boundaries

    frames = []
    for vintage, (key, code_field, tolerance) in BOUNDARY_SOURCES.items():
        try:
            lsoas = boundaries.read_lsoa_boundaries(datasets[key].path, code_field)
        except Exception as error:  # noqa: BLE001 - any parse failure of a source file is reported by name
            raise BuildError(f"boundary file {datasets[key].path.name} could not be read ({error})") from None
        simplified = boundaries.simplify_lsoas(lsoas, tolerance)
        membership = con.execute(
            "select lsoa_code, icb_code, ward_code, lad_code, place_code, sicbl_code from mart_lsoas "
            "where imd_vintage = $vintage and lsoa_code in (select unnest($codes))",
            {"vintage": vintage, "codes": simplified["lsoa_code"].tolist()},
        ).df()
        membership["lsoa_code_copy"] = membership["lsoa_code"]
        for level, column in BOUNDARY_LEVELS.items():
            source_column = "lsoa_code_copy" if column == "lsoa_code" else column
            for icb_code, members in membership.groupby("icb_code"):
                areas = boundaries.dissolve(simplified, members, source_column)
                strings = boundaries.to_geojson_strings(areas)
                strings.insert(0, "level", level)
                strings.insert(0, "icb_code", icb_code)
                strings.insert(0, "imd_vintage", vintage)
                frames.append(strings)
        footprint_members = con.execute(
            "select icb_code, area_code as footprint_code, lsoa_code from mart_area_lsoas "
            "where imd_vintage = $vintage and level = 'footprint'",
            {"vintage": vintage},
        ).df()
        for icb_code, members in footprint_members.groupby("icb_code"):
            strings = boundaries.to_geojson_strings(boundaries.dissolve(simplified, members, "footprint_code"))
            strings.insert(0, "level", "footprint")
            strings.insert(0, "icb_code", icb_code)
            strings.insert(0, "imd_vintage", vintage)
            frames.append(strings)
    frames.extend(_msoa_boundaries(con, datasets))
    geo = pd.concat(frames, ignore_index=True)
    con.register("geo_frame", geo)
    con.execute(
        "create or replace table geo_boundaries as "
        "select imd_vintage, icb_code, level, area_code, geometry_json from geo_frame"
    )
    con.unregister("geo_frame")


def _msoa_boundaries(con: duckdb.DuckDBPyConnection, datasets: dict[str, Dataset]) -> list[pd.DataFrame]:
    """Simplified official MSOA 2011 polygons for each ICB whose MSOAs (from ``mart_areas``) the file holds."""
    from lsc_phm.store import boundaries  # build time only (see _build_boundaries)

    vintage, key, code_field, tolerance = MSOA_BOUNDARY_SOURCE
    try:
        msoas = boundaries.read_lsoa_boundaries(datasets[key].path, code_field)
    except Exception as error:  # noqa: BLE001 - any parse failure of a source file is reported by name
        raise BuildError(f"boundary file {datasets[key].path.name} could not be read ({error})") from None
    simplified = boundaries.simplify_lsoas(msoas, tolerance).rename(columns={"lsoa_code": "area_code"})
    membership = con.execute(
        "select icb_code, area_code from mart_areas where imd_vintage = $vintage and level = 'msoa' "
        "and area_code in (select unnest($codes))",
        {"vintage": vintage, "codes": simplified["area_code"].tolist()},
    ).df()
    frames = []
    for icb_code, members in membership.groupby("icb_code"):
        strings = boundaries.to_geojson_strings(simplified[simplified["area_code"].isin(members["area_code"])])
        strings.insert(0, "level", "msoa")
        strings.insert(0, "icb_code", icb_code)
        strings.insert(0, "imd_vintage", vintage)
        frames.append(strings)
    return frames


def _write_metadata(con: duckdb.DuckDBPyConnection, datasets: list[Dataset], fingerprint: str, seconds: float) -> None:
    records = []
    for dataset in datasets:
        if dataset.path.suffix == ".parquet":
            rows = con.execute("select count(*) from read_parquet($path)", {"path": str(dataset.path)}).fetchall()[0][0]
        else:
            rows = con.execute(
                "select count(distinct area_code) from geo_boundaries where level = $level and imd_vintage = $v",
                {
                    "v": 2019 if "2011" in dataset.key else 2025,
                    "level": "msoa" if dataset.key.startswith("msoa") else "lsoa",
                },
            ).fetchall()[0][0]
        records.append(
            {
                "dataset": dataset.key,
                "title": dataset.title,
                "publisher": dataset.publisher,
                "period": dataset.release.period or dataset.period,
                "url": dataset.url,
                "licence": dataset.licence,
                "geography": dataset.geography,
                "transformed": dataset.transformed,
                "file": f"{dataset.path.parent.name}/{dataset.path.name}",
                "rows": rows,
                **dataset.release.as_record(),
                "release_source": dataset.release_source
                if dataset.release.origin == provenance.VENDORED
                else "the refresh's record of the publisher's release (data/releases.json)",
            }
        )
    con.register("datasets_frame", pd.DataFrame.from_records(records))
    con.execute("create or replace table meta_datasets as select * from datasets_frame")
    con.unregister("datasets_frame")
    registry = pd.DataFrame.from_records([indicator.as_record() for indicator in indicators.REGISTRY])
    con.register("registry_frame", registry)
    con.execute("create or replace table meta_indicators as select * from registry_frame")
    con.unregister("registry_frame")
    con.execute(
        "create or replace table meta_build as select $fingerprint as fingerprint, now() as built_at, "
        "$seconds as build_seconds, $duckdb as duckdb_version",
        {"fingerprint": fingerprint, "seconds": seconds, "duckdb": duckdb.__version__},
    )


def check_location(database: Path) -> None:
    """Check that ``database`` names a file whose folder exists or can be created.

    Raises
    ------
    DatabasePathError
        If it is a directory, or a component of its folder is a plain file, or the path is too long.
    """
    try:
        if database.is_dir():
            raise DatabasePathError(
                f"the database path {database} is a directory; give a file path instead, e.g. "
                f"LSC_PHM_DATABASE={database / 'lsc_phm.duckdb'}"
            )
        for parent in database.parents:
            if parent.exists():
                if not parent.is_dir():
                    raise DatabasePathError(
                        f"the database path {database} cannot be created: {parent} is a file, "
                        f"not a folder; {_ELSEWHERE}"
                    )
                break
    except OSError as error:  # e.g. ENAMETOOLONG from stat()
        shown = str(database) if len(str(database)) <= 80 else str(database)[:79] + "…"
        raise DatabasePathError(
            f"the database path {shown} cannot be used ({error.strerror or error}); {_ELSEWHERE}"
        ) from None


def _cannot_write(folder: Path, error: OSError) -> BuildError:
    return BuildError(f"cannot write the database in {folder} ({error.strerror or error}); {_ELSEWHERE}")


@contextlib.contextmanager
def build_lock(database: Path, report: ProgressCallback) -> Iterator[bool]:
    """Hold the build lock of ``database`` (``flock`` on ``<database>.lock``); yield whether we had to wait.

    The lock is released when the holder exits, however it exits (even ``kill -9``), so it never goes stale.
    """
    path = lock_path(database)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o664)
    except OSError as error:
        raise _cannot_write(database.parent, error) from None
    waited = False
    try:
        if fcntl is not None:
            started = last_report = time.monotonic()
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    now = time.monotonic()
                    if not waited or now - last_report >= _WAIT_REPORT_SECONDS:
                        report(
                            0.0,
                            f"waiting for another build of {database.name} to finish ({now - started:.0f} s so far)",
                        )
                        last_report = now
                    waited = True
                    time.sleep(0.2)
        yield waited
    finally:
        os.close(fd)


def remove_stale_temporaries(database: Path) -> list[Path]:
    """Delete ``<database>.tmp-*`` files (and their ``.wal``) left by killed builds; call only under the lock."""
    removed = []
    for leftover in database.parent.glob(f"{database.name}.tmp-*"):
        try:
            leftover.unlink()
            removed.append(leftover)
        except OSError:
            pass
    return removed


def clean_after_killed_build(database: Path) -> list[Path]:
    """Remove a killed build's temporaries now, unless a build is running (its lock is held): at every start, not only
    at the next build, since a killed build can leave some 120 MB behind."""
    if fcntl is None or not any(database.parent.glob(f"{database.name}.tmp-*")):
        return []
    try:
        fd = os.open(lock_path(database), os.O_RDWR | os.O_CREAT, 0o664)
    except OSError:
        return []
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a build holds the lock: its temporary is in use
            return []
        return remove_stale_temporaries(database)
    finally:
        os.close(fd)


def build(
    database: Path | None = None,
    progress: ProgressCallback | None = None,
    data_dir: Path | None = None,
    on_swapped: Callable[[], None] | None = None,
) -> float | None:
    """Build the database atomically and return the time it took in seconds.

    Parameters
    ----------
    database : Path
        Where to write the database (default ``data/lsc_phm.duckdb``).
    progress : callable, optional
        Called with (fraction done, step description) so a UI can show progress.
    data_dir : Path, optional
        The folder holding ``datasets.toml``, ``raw/`` and ``boundaries/`` (default ``data/``). A refresh builds
        from a candidate folder of staged files (:mod:`lsc_phm.refresh`).
    on_swapped : callable, optional
        Called after the new database has replaced the old one, still under the build lock (a refresh moves its
        staged files into ``data/`` there, so no other build can run between the two steps).

    Returns
    -------
    float or None
        Seconds taken; None if this call waited for another build of the same database and then used its result
        (the inputs had not changed since).

    Raises
    ------
    DatabasePathError
        If the database path is a directory or lies below a plain file.
    BuildError
        With a message naming the file, column or SQL step that failed, or the folder that cannot be written.
        The previous database, if any, is left untouched (byte for byte).
    """
    database = Path(database or config.DATABASE_PATH)
    started = time.perf_counter()
    report = progress or (lambda fraction, step: None)
    report(0.0, "checking data files")
    check_location(database)
    datasets = load_datasets(data_dir=data_dir)
    try:
        database.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _cannot_write(database.parent, error) from None
    with build_lock(database, report) as waited:
        fingerprint = input_fingerprint(datasets, data_dir)
        if (
            waited
            and on_swapped is None
            and database_problem(database) is None
            and stored_fingerprint(database) == fingerprint
        ):
            report(1.0, "another build has just produced the database from the same inputs; using it")
            return None
        remove_stale_temporaries(database)
        report(0.01, f"checking {len(datasets)} data files against data/datasets.toml")
        check_datasets(datasets, catalogue_path(data_dir))
        _build_into(database, datasets, fingerprint, started, report, (data_dir or config.DATA_DIR) / "raw")
        if on_swapped is not None:
            on_swapped()
    report(1.0, "done")
    return time.perf_counter() - started


def _build_into(
    database: Path, datasets: list[Dataset], fingerprint: str, started: float, report: ProgressCallback, raw_dir: Path
) -> None:
    temporary = database.with_name(f"{database.name}.tmp-{uuid.uuid4().hex[:8]}")
    temporary_hash = temporary.with_name(temporary.name + ".sha256")
    files = sql_files()
    try:
        try:
            con = duckdb.connect(str(temporary))
        except duckdb.Error as error:
            raise BuildError(
                f"cannot create {temporary.name} in {database.parent} ({str(error).splitlines()[0]}); {_ELSEWHERE}"
            ) from None
        with con:
            con.execute("set enable_progress_bar = false")
            _write_config_tables(con)
            for index, path in enumerate(files):
                report(0.05 + 0.6 * index / len(files), f"running {path.name}")
                _run_sql_file(con, path, raw_dir)
            _check_footprints(con)
            report(0.7, "computing confidence intervals")
            _add_wilson_intervals(con)
            report(0.75, "simplifying boundaries")
            _build_boundaries(con, {d.key: d for d in datasets})
            report(0.93, "recording metadata")
            _write_metadata(con, datasets, fingerprint, time.perf_counter() - started)
            con.execute("checkpoint")
        report(0.96, "verifying the new database (full read)")
        try:
            verify_database(temporary)
        except DatabaseError as error:
            raise BuildError(
                f"the new database failed verification and was discarded ({error}); check the disk and build again"
            ) from None
        temporary_hash.write_text(file_sha256(temporary) + "\n", encoding="ascii")
        os.replace(temporary, database)
        os.replace(temporary_hash, hash_path(database))
    except duckdb.Error as error:  # e.g. disk full while writing
        raise BuildError(f"the build failed while writing {temporary.name} ({str(error).splitlines()[0]})") from None
    except OSError as error:
        raise BuildError(
            f"the build failed while writing in {database.parent} ({error.strerror or error}); {_ELSEWHERE}"
        ) from None
    finally:
        for leftover in (temporary, temporary.with_name(temporary.name + ".wal"), temporary_hash):
            leftover.unlink(missing_ok=True)


def open_current(
    database: Path | None = None, progress: ProgressCallback | None = None, memory_limit_mib: int | None = None
) -> Database:
    """Open the database, rebuilding it first if it is missing, damaged or stale; keep the last good one if that fails.

    When the data files changed (or one is missing or corrupt) and the rebuild fails, but the existing database is
    intact, that database is opened and its ``notice`` says it is older than the data files and why the rebuild
    failed, so the app and the CLI keep working and say so. ``memory_limit_mib`` is the connection's DuckDB memory
    limit (see :class:`lsc_phm.store.db.Database`; the app server passes ``config.SERVER_MEMORY_LIMIT_MIB``).

    Raises
    ------
    DatabasePathError
        If the database path is a directory or lies below a plain file.
    BuildError
        If a rebuild is needed and fails and there is no intact database to fall back on (the message says both).
    DatabaseError
        If the database cannot be opened.
    """
    database = Path(database or config.DATABASE_PATH)
    check_location(database)
    clean_after_killed_build(database)
    problem = database_problem(database)
    if problem is None:
        try:
            current = stored_fingerprint(database) == input_fingerprint(load_datasets())
        except (BuildError, OSError):
            current = False
        if current:
            return open_database(database, memory_limit_mib)
    try:
        build(database, progress)
    except BuildError as error:
        if problem is not None:
            if database.is_file() or database.is_dir():
                raise type(error)(f"{error} (and the existing database cannot be used: {problem})") from None
            raise
        db = open_database(database, memory_limit_mib)
        built = db.execute("select strftime(built_at, '%Y-%m-%d %H:%M') as built from meta_build")["built"].iloc[0]
        db.notice = (
            f"Showing the last good database, built {built}: the data files have changed since, but "
            f"rebuilding failed: {error}"
        )
        return db
    return open_database(database, memory_limit_mib)
