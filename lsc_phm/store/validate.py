"""Check every vendored file against its entry in ``data/datasets.toml`` before anything is built.

A file that is present but wrong (other columns, other types, duplicated keys, far too few or too many rows, codes
of another vintage) would otherwise build "successfully": ``union all by name`` and left joins quietly turn a wrong
file into missing values. Each check names the file and the column, so the message says what to restore.

The catalogue declares, per file (see the comment at the top of ``data/datasets.toml``):

``columns``
    every column the file must have, with its DuckDB type (extra columns are allowed);
``key``
    columns whose combination must be unique (for GeoJSON, the feature property);
``rows``
    ``[minimum, maximum]`` rows (features);
``codes``
    column -> code system from ``[_code_systems]``: each value must match the system's pattern, and where the
    system has a ``reference`` (``dataset.column``) every English code must appear in it.

References
----------
.. [1] dbt Labs. Data tests: ``unique``, ``not_null``, ``accepted_values``.
   https://docs.getdbt.com/docs/build/data-tests
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

#: Catalogue keys starting with this are definitions, not data files.
RESERVED_PREFIX = "_"


@dataclass(frozen=True)
class CodeSystem:
    """A family of area codes: a pattern every value must match and, optionally, a reference list of valid codes."""

    name: str
    description: str
    pattern: str
    reference: str | None = None  # "dataset.column"


@dataclass(frozen=True)
class Schema:
    """The expected shape of one vendored file."""

    columns: Mapping[str, str] = field(default_factory=dict)
    key: tuple[str, ...] = ()
    rows: tuple[int, int] | None = None
    codes: Mapping[str, str] = field(default_factory=dict)


def parse_schema(entry: Mapping[str, Any]) -> Schema:
    """Read the schema fields of one catalogue entry (all optional).

    Raises
    ------
    ValueError
        If ``rows`` is not a pair of integers with minimum <= maximum.
    """
    rows = entry.get("rows")
    if rows is not None:
        if len(rows) != 2 or not all(isinstance(n, int) for n in rows) or rows[0] > rows[1]:
            raise ValueError(f"'rows' must be [minimum, maximum], got {rows!r}")
        rows = (rows[0], rows[1])
    return Schema(dict(entry.get("columns", {})), tuple(entry.get("key", ())), rows, dict(entry.get("codes", {})))


def parse_code_systems(catalogue: Mapping[str, Any]) -> dict[str, CodeSystem]:
    """Read ``[_code_systems.<name>]`` tables from the catalogue."""
    systems = catalogue.get("_code_systems", {})
    return {
        name: CodeSystem(name, spec.get("description", name), spec["pattern"], spec.get("reference"))
        for name, spec in systems.items()
    }


def _ident(name: str) -> str:
    """Quote a column name from the catalogue as a SQL identifier (names are data, never user input)."""
    return '"' + name.replace('"', '""') + '"'


def _show(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_parquet(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    schema: Schema,
    systems: Mapping[str, CodeSystem],
    paths: Mapping[str, Path],
) -> list[str]:
    """Return the problems of one Parquet file (empty if it matches its schema).

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        An in-memory connection used for the checks.
    path : Path
        The file.
    schema : Schema
        What the catalogue expects.
    systems : mapping
        Code systems by name.
    paths : mapping
        Dataset key -> file path, to resolve code-system references.
    """
    name = path.name
    try:
        described = con.execute("describe select * from read_parquet($path)", {"path": str(path)}).fetchall()
    except duckdb.Error as error:
        first_line = str(error).splitlines()[0] if str(error) else error.__class__.__name__
        return [f"{name} could not be read as Parquet ({first_line})"]
    actual = {row[0]: row[1] for row in described}
    problems = []
    for column, expected in schema.columns.items():
        if column not in actual:
            problems.append(f"{name}: column '{column}' is missing (expected {expected})")
        elif actual[column] != expected:
            problems.append(f"{name}: column '{column}' is {actual[column]}, expected {expected}")
    if problems:
        found = ", ".join(list(actual)[:8]) + (", …" if len(actual) > 8 else "")
        return problems + [f"{name} has columns: {found}"]
    table = "read_parquet($path)"
    params = {"path": str(path)}
    if schema.rows:
        count = con.execute(f"select count(*) from {table}", params).fetchone()[0]
        low, high = schema.rows
        if not low <= count <= high:
            problems.append(f"{name}: {count:,} rows, expected between {low:,} and {high:,}")
    if schema.key:
        columns = ", ".join(_ident(c) for c in schema.key)
        duplicate = con.execute(
            f"select {columns}, count(*) as n from {table} group by all having count(*) > 1 limit 1", params
        ).fetchone()
        if duplicate:
            values = ", ".join(_show(v) for v in duplicate[:-1])
            problems.append(
                f"{name}: key ({', '.join(schema.key)}) is not unique: ({values}) appears {duplicate[-1]} times"
            )
    for column, system_name in schema.codes.items():
        system = systems[system_name]
        bad = con.execute(
            f"select {_ident(column)} from {table} where {_ident(column)} is not null "
            f"and not regexp_full_match({_ident(column)}, $pattern) limit 1",
            {**params, "pattern": system.pattern},
        ).fetchone()
        if bad:
            problems.append(f"{name}: column '{column}' holds {_show(bad[0])}, not a {system.description} code")
            continue
        if system.reference:
            ref_key, ref_column = system.reference.split(".", 1)
            missing = con.execute(
                f"select count(*), min(code) from (select distinct {_ident(column)} as code from {table} "
                f"where {_ident(column)} like 'E%') where code not in "
                f"(select {_ident(ref_column)} from read_parquet($ref) where {_ident(ref_column)} is not null)",
                {**params, "ref": str(paths[ref_key])},
            ).fetchone()
            if missing[0]:
                problems.append(
                    f"{name}: column '{column}' holds {missing[0]:,} codes that are not {system.description} "
                    f"codes (e.g. {missing[1]}); is the file from another vintage?"
                )
    return problems


def check_geojson(path: Path, schema: Schema, systems: Mapping[str, CodeSystem]) -> list[str]:
    """Return the problems of one GeoJSON boundary file: readable, feature count, unique key, code pattern."""
    name = path.name
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        features = document["features"]
        properties = [feature.get("properties") or {} for feature in features]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        return [f"boundary file {name} could not be read ({error.__class__.__name__}: {str(error)[:120]})"]
    problems = []
    if schema.rows and not schema.rows[0] <= len(features) <= schema.rows[1]:
        problems.append(
            f"{name}: {len(features):,} features, expected between {schema.rows[0]:,} and {schema.rows[1]:,}"
        )
    for column in schema.key:
        values = [p.get(column) for p in properties]
        if any(v is None for v in values):
            problems.append(f"{name}: property '{column}' is missing from some features")
        elif len(set(values)) != len(values):
            problems.append(f"{name}: property '{column}' is not unique")
    for column, system_name in schema.codes.items():
        pattern = re.compile(systems[system_name].pattern)
        bad = next(
            (
                p.get(column)
                for p in properties
                if p.get(column) is not None and not pattern.fullmatch(str(p.get(column)))
            ),
            None,
        )
        if bad is not None:
            problems.append(
                f"{name}: property '{column}' holds {_show(bad)}, not a {systems[system_name].description} code"
            )
    return problems


def check_files(files: Sequence[tuple[str, Path, Schema]], systems: Mapping[str, CodeSystem]) -> list[str]:
    """Check every (dataset key, path, schema) and return all problems found, one line each."""
    paths = {key: path for key, path, _ in files}
    problems: list[str] = []
    with duckdb.connect() as con:
        con.execute("set enable_progress_bar = false")
        for _key, path, schema in files:
            if path.suffix == ".parquet":
                problems += check_parquet(con, path, schema, systems, paths)
            else:
                problems += check_geojson(path, schema, systems)
    return problems
