"""Wrong-schema data files: each fails the build before anything is written, naming file and column,
and leaves the previous database byte for byte as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from lsc_phm.store import build, datasets, integrity


def _rewrite(path: Path, select: str) -> None:
    """Replace a Parquet file by ``select`` over its own rows (``src``), via a temporary copy."""
    source = path.with_suffix(".orig.parquet")
    path.rename(source)
    with duckdb.connect() as con:
        con.execute(f"create view src as select * from read_parquet('{source}')")
        con.execute(f"copy ({select}) to '{path}' (format parquet)")
    source.unlink()


def _smoking_with_other_columns(raw: Path) -> None:
    # The case: a valid Parquet with other columns in place of the smoking file.
    _rewrite(
        raw / "fingertips_92443_smoking_adults.parquet", "select area_code as code, period, value as percent from src"
    )


def _smoking_period_as_text(raw: Path) -> None:
    _rewrite(
        raw / "fingertips_92443_smoking_adults.parquet", "select * replace (cast(period as varchar) as period) from src"
    )


def _imd_duplicated_lsoa(raw: Path) -> None:
    _rewrite(raw / "imd2019_lsoa11.parquet", "select * from src union all (select * from src limit 1)")


def _imd_truncated(raw: Path) -> None:
    _rewrite(raw / "imd2019_lsoa11.parquet", "select * from src limit 100")


def _population_with_2021_codes(raw: Path) -> None:
    # LSOA 2021 codes in the mid-2020 (2011-based) population file: a file of the wrong vintage.
    lookup = raw / "lookup_lsoa21_wd24_lad24_sicbl24_icb24.parquet"
    _rewrite(
        raw / "population_sape_mid2020_lsoa11.parquet",
        "select * replace (codes.code as lsoa11cd) from (select *, row_number() over () as n from src) as s "
        f"join (select LSOA21CD as code, row_number() over (order by LSOA21CD desc) as n "
        f"from read_parquet('{lookup}')) as codes using (n)",
    )


def _practice_code_garbled(raw: Path) -> None:
    _rewrite(
        raw / "gp_practice_imd2025_score.parquet",
        "select * replace (case when PRACTICE_CODE = (select min(PRACTICE_CODE) from src) "
        "then '=HYPERLINK(1)' else PRACTICE_CODE end as PRACTICE_CODE) from src",
    )


def _boundary_without_codes(raw: Path) -> None:
    path = raw.parent / "boundaries" / "lsoa11_dec2011_bgc_lsc.geojson"
    document = json.loads(path.read_text())
    for feature in document["features"][:3]:
        feature["properties"].pop("LSOA11CD")
    path.write_text(json.dumps(document))


CASES: list[tuple[Callable[[Path], None], str]] = [
    (
        _smoking_with_other_columns,
        r"fingertips_92443_smoking_adults\.parquet: column 'area_code' is missing \(expected VARCHAR\)",
    ),
    (_smoking_period_as_text, r"fingertips_92443_smoking_adults\.parquet: column 'period' is VARCHAR, expected BIGINT"),
    (_imd_duplicated_lsoa, r"imd2019_lsoa11\.parquet: key \(lsoa11cd\) is not unique: \('E01\d{6}'\) appears 2 times"),
    (_imd_truncated, r"imd2019_lsoa11\.parquet: 100 rows, expected between 29,559 and 41,055"),
    (
        _population_with_2021_codes,
        (
            r"population_sape_mid2020_lsoa11\.parquet: column 'lsoa11cd' holds [\d,]+ codes "
            r"that are not LSOA 2011 codes \(e\.g\. E01\d{6}\); is the file from another vintage\?"
        ),
    ),
    (
        _practice_code_garbled,
        r"gp_practice_imd2025_score\.parquet: column 'PRACTICE_CODE' holds '=HYPERLINK\(1\)', not a GP practice",
    ),
    (_boundary_without_codes, r"lsoa11_dec2011_bgc_lsc\.geojson: property 'LSOA11CD' is missing from some features"),
]


def test_the_vendored_files_pass_their_schemas() -> None:
    datasets.check_datasets(datasets.load_datasets())  # raises on any problem


@pytest.mark.parametrize(("damage", "message"), CASES, ids=[c[0].__name__.strip("_") for c in CASES])
def test_wrong_schema_fails_the_build_and_keeps_the_database(scratch_data: Path, damage, message: str) -> None:
    database = scratch_data / "lsc_phm.duckdb"
    database.write_bytes(b"previous database contents")
    integrity.hash_path(database).write_text("previous hash\n")
    damage(scratch_data / "raw")
    with pytest.raises(datasets.BuildError, match=message) as raised:
        build.build(database)
    assert "git checkout -- data" in str(raised.value)
    assert database.read_bytes() == b"previous database contents"
    assert integrity.hash_path(database).read_text() == "previous hash\n"
    assert not list(scratch_data.glob("*.tmp-*"))


def test_catalogue_row_range_brackets_the_vendored_count(scratch_data: Path) -> None:
    # The catalogue's row range brackets the vendored count (4,587 rows: floor(0.9 n) = 4,128, ceil(1.25 n) = 5,734).
    entry = {d.key: d for d in datasets.load_datasets()}["fingertips_92443_smoking_adults"]
    assert entry.schema.rows == (4128, 5734)
    assert entry.schema.columns["period"] == "BIGINT"
