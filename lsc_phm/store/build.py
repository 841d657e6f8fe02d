"""Build ``data/lsc_phm.duckdb`` from the vendored files in ``data/`` and the SQL in ``queries/``.

The build is atomic: it writes ``<database>.tmp-<random>`` and renames it over the old database only when every
step has succeeded, so an interrupted or failed build never leaves a broken database and never touches the source
files. A fingerprint of every input (data files, SQL, registry, build code) is stored in the database; the app and
``build --if-stale`` rebuild only when it changes.
"""

from __future__ import annotations

import hashlib
import os
import time
import tomllib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.stats.intervals import wilson_ci
from lsc_phm.store import boundaries, footprints

ProgressCallback = Callable[[float, str], None]

#: Boundary sources per IMD vintage: (datasets.toml key, code property, simplification tolerance in metres).
BOUNDARY_SOURCES: dict[int, tuple[str, str, float]] = {
    2019: ("lsoa11_dec2011_bgc_lsc", "LSOA11CD", 130.0),
    2025: ("lsoa21_dec2021_bsc_v4_lsc", "LSOA21CD", 60.0),
}
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
_CODE_FILES = ("store/build.py", "indicators.py", "config.py", "store/boundaries.py", "store/footprints.py")


class BuildError(RuntimeError):
    """A build could not complete; the message names the file or step and what to do."""


@dataclass(frozen=True)
class Dataset:
    """One vendored source file and its provenance, as listed in ``data/datasets.toml``."""

    key: str
    path: Path
    title: str
    publisher: str
    period: str
    url: str
    licence: str
    geography: str
    transformed: str


def load_datasets(datasets_file: Path | None = None, data_dir: Path | None = None) -> list[Dataset]:
    """Read ``datasets.toml`` (default ``config.DATASETS_FILE``) and check that every file it lists exists.

    Raises
    ------
    BuildError
        If the catalogue is missing or unreadable, or a listed file is missing.
    """
    datasets_file = datasets_file or config.DATASETS_FILE
    data_dir = data_dir or config.DATA_DIR
    try:
        catalogue = tomllib.loads(datasets_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BuildError(f"the data catalogue {datasets_file} is missing; restore it with 'git checkout -- data'") from None
    except tomllib.TOMLDecodeError as error:
        raise BuildError(f"the data catalogue {datasets_file} is not valid TOML ({error})") from None
    datasets = []
    for key, entry in catalogue.items():
        path = data_dir / entry.get("file", f"raw/{key}.parquet")
        if not path.is_file():
            raise BuildError(
                f"data file {path} is missing; restore it with 'git checkout -- data' "
                "(or re-run scripts/vendor_data.py)"
            )
        datasets.append(Dataset(key, path, entry["title"], entry["publisher"], entry["period"], entry["url"],
                                entry["licence"], entry["geography"], entry["transformed"]))
    return datasets


def input_fingerprint(datasets: list[Dataset]) -> str:
    """Return a SHA-256 over every build input: data files, build SQL (staging and marts), catalogue, build code.

    App queries (``queries/app``) are read at run time, so changing one does not make the database stale.
    """
    digest = hashlib.sha256()
    paths = [d.path for d in datasets] + sql_files() + [config.DATASETS_FILE]
    paths += [_PACKAGE / name for name in _CODE_FILES]
    paths += [config.AREAS_FILE] if config.AREAS_FILE.is_file() else []
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


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
    """Whether the database is missing, unreadable, or built from different inputs than those now in the tree."""
    stored = stored_fingerprint(database)
    if stored is None:
        return True
    try:
        return stored != input_fingerprint(load_datasets())
    except BuildError:
        return True


def sql_files() -> list[Path]:
    """Return the build SQL files in run order: staging first, then marts, each sorted by name."""
    return sorted((config.QUERIES_DIR / "staging").glob("*.sql")) + sorted((config.QUERIES_DIR / "marts").glob("*.sql"))


def _run_sql_file(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    sql = path.read_text(encoding="utf-8")
    params = {"raw_dir": str(config.RAW_DIR)} if "$raw_dir" in sql else None
    try:
        if params:
            con.execute(sql, params)
        else:
            con.execute(sql)
    except duckdb.IOException as error:
        raise BuildError(f"{path.name}: a data file could not be read ({error}); restore data/ with 'git checkout -- data'") from None
    except duckdb.Error as error:
        raise BuildError(f"{path.name} failed: {error}") from None


def _write_config_tables(con: duckdb.DuckDBPyConnection) -> None:
    labels = pd.DataFrame([vars(label) for label in config.PLACE_LABELS])
    con.register("place_labels_frame", labels)
    con.execute("create or replace table cfg_place_labels as select * from place_labels_frame")
    con.unregister("place_labels_frame")
    names = pd.DataFrame([vars(name) for name in config.SUB_ICB_NAMES], columns=["ods_code", "ons_code", "name", "source"])
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
        "where level in ('district', 'place', 'ward', 'lsoa')").df()
    try:
        footprints.check_member_codes(members, known)
    except footprints.FootprintError as error:
        raise BuildError(str(error)) from None


def _add_wilson_intervals(con: duckdb.DuckDBPyConnection) -> None:
    """Fill 95% Wilson limits for count-based proportions (registry ci_method == 'wilson')."""
    ids = list(indicators.wilson_indicator_ids())
    rows = con.execute(
        "select rowid as row_id, numerator, denominator from mart_indicator_values "
        "where indicator_id in (select unnest($ids)) and numerator is not null and denominator > 0",
        {"ids": ids},
    ).df()
    if rows.empty:
        return
    limits = wilson_ci(rows["numerator"].clip(upper=rows["denominator"]), rows["denominator"], 0.95)
    rows["lowercl"] = 100.0 * limits["lowercl"].to_numpy()
    rows["uppercl"] = 100.0 * limits["uppercl"].to_numpy()
    con.register("wilson_frame", rows[["row_id", "lowercl", "uppercl"]])
    con.execute(
        "update mart_indicator_values set lowercl = wilson_frame.lowercl, uppercl = wilson_frame.uppercl "
        "from wilson_frame where mart_indicator_values.rowid = wilson_frame.row_id"
    )
    con.unregister("wilson_frame")


def _build_boundaries(con: duckdb.DuckDBPyConnection, datasets: dict[str, Dataset]) -> None:
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
            "where imd_vintage = $vintage and level = 'footprint'", {"vintage": vintage}).df()
        for icb_code, members in footprint_members.groupby("icb_code"):
            strings = boundaries.to_geojson_strings(boundaries.dissolve(simplified, members, "footprint_code"))
            strings.insert(0, "level", "footprint")
            strings.insert(0, "icb_code", icb_code)
            strings.insert(0, "imd_vintage", vintage)
            frames.append(strings)
    geo = pd.concat(frames, ignore_index=True)
    con.register("geo_frame", geo)
    con.execute(
        "create or replace table geo_boundaries as "
        "select imd_vintage, icb_code, level, area_code, geometry_json from geo_frame"
    )
    con.unregister("geo_frame")


def _write_metadata(con: duckdb.DuckDBPyConnection, datasets: list[Dataset], fingerprint: str, seconds: float) -> None:
    records = []
    for dataset in datasets:
        if dataset.path.suffix == ".parquet":
            rows = con.execute("select count(*) from read_parquet($path)", {"path": str(dataset.path)}).fetchall()[0][0]
        else:
            rows = con.execute(
                "select count(*) from geo_boundaries where level = 'lsoa' and imd_vintage = $v",
                {"v": 2019 if "2011" in dataset.key else 2025},
            ).fetchall()[0][0]
        records.append({
            "dataset": dataset.key, "title": dataset.title, "publisher": dataset.publisher, "period": dataset.period,
            "url": dataset.url, "licence": dataset.licence, "geography": dataset.geography,
            "transformed": dataset.transformed, "file": f"{dataset.path.parent.name}/{dataset.path.name}", "rows": rows,
        })
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


def build(database: Path | None = None, progress: ProgressCallback | None = None) -> float:
    """Build the database atomically and return the time it took in seconds.

    Parameters
    ----------
    database : Path
        Where to write the database (default ``data/lsc_phm.duckdb``).
    progress : callable, optional
        Called with (fraction done, step description) so a UI can show progress.

    Raises
    ------
    BuildError
        With a message naming the file or SQL step that failed. The previous database, if any, is left untouched.
    """
    database = database or config.DATABASE_PATH
    started = time.perf_counter()
    report = progress or (lambda fraction, step: None)
    report(0.0, "checking data files")
    datasets = load_datasets()
    fingerprint = input_fingerprint(datasets)
    database.parent.mkdir(parents=True, exist_ok=True)
    temporary = database.with_name(f"{database.name}.tmp-{uuid.uuid4().hex[:8]}")
    files = sql_files()
    try:
        with duckdb.connect(str(temporary)) as con:
            con.execute("set enable_progress_bar = false")
            _write_config_tables(con)
            for index, path in enumerate(files):
                report(0.05 + 0.6 * index / len(files), f"running {path.name}")
                _run_sql_file(con, path)
            _check_footprints(con)
            report(0.7, "computing confidence intervals")
            _add_wilson_intervals(con)
            report(0.75, "simplifying boundaries")
            _build_boundaries(con, {d.key: d for d in datasets})
            report(0.95, "recording metadata")
            _write_metadata(con, datasets, fingerprint, time.perf_counter() - started)
            con.execute("checkpoint")
        os.replace(temporary, database)
    finally:
        for leftover in (temporary, temporary.with_name(temporary.name + ".wal")):
            leftover.unlink(missing_ok=True)
    report(1.0, "done")
    return time.perf_counter() - started
