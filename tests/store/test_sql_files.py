"""SQL meta-test: every file in queries/ has its header and runs against the built database."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lsc_phm import config
from lsc_phm.store.db import Database, query_parameters

SQL_FILES = sorted(config.QUERIES_DIR.rglob("*.sql"))
#: example values for every parameter an app query may take
EXAMPLES = {
    "vintage": 2019,
    "icb": "E54000048",
    "level": "district",
    "indicator": "smoking_adults",
    "period": "2024",
    "codes": ["E06000009", "E92000001"],
    "raw_dir": str(config.RAW_DIR),
    "place": "QE1-E06000009",
    "sicbl": "",
    "area_code": "E06000009",
    "indicators": ["smoking_adults", "qof_hyp", "hle_male"],
    "groups": 10,
}
#: queries whose parameters need other example values
_LSOA_MEASURE = {"indicator": "pct_aged_65_plus", "period": "mid-2020"}
OVERRIDES = {
    "practice_values": {"level": "practice", "indicator": "qof_hyp", "period": "2024-25"},
    "ineq_practice_values": {"indicator": "qof_hyp", "period": "2024-25"},
    "ineq_funnel_benchmarks": {"indicator": "qof_hyp", "period": "2024-25"},
    "ineq_lsoa_values": _LSOA_MEASURE,
    "ineq_national_deciles": _LSOA_MEASURE,
    "ineq_ward_values": _LSOA_MEASURE,
    "ineq_england_deciles": {"indicator": "census_bad_health", "period": "2021", "vintage": 2025},
    "pcn_summary": {"indicator": "qof_hyp", "period": "2024-25"},
    "ineq_pcn_values": {"indicator": "qof_hyp", "period": "2024-25"},
    "pcn_area_sicbls": {"area_code": "QE1-E06000009"},
    "footprint_members": {"area_code": "QE1-FP-pennine-lancashire"},
    "ineq_published_england_deciles": {"indicator": "alcohol_related_mortality"},
    "map_area_parents": {"level": "msoa"},
    "ineq_pcn_published_values": {"indicator": "breast_screening_53_70", "period": "2023/24", "ci_source": "published"},
    "pcn_published_periods": {"indicator": "smoking_qof_15plus", "ci_source": "computed here"},
    "ineq_practice_ohid_values": {"indicator": "smoking_qof_15plus", "period": "2023/24"},
    # a user-defined area: two Blackpool LSOAs (2011 codes, IMD 2019 geography)
    "user_area_lsoas": {"lsoas": ["E01012662", "E01012663"]},
    "user_area_indicators": {"lsoas": ["E01012662", "E01012663"]},
    "authority_profiles": {"tier": "district"},
    "authority_indicator_values": {"latest_only": True},
}


def test_there_are_sql_files() -> None:
    assert len(SQL_FILES) >= 20


@pytest.mark.parametrize("path", SQL_FILES, ids=lambda p: str(p.relative_to(config.QUERIES_DIR)))
def test_header_states_purpose_grain_parameters(path: Path) -> None:
    head = path.read_text(encoding="utf-8")[:1500]
    for field in ("-- purpose:", "-- grain:", "-- parameters:"):
        assert field in head, f"{path.name} lacks '{field}' in its header comment"


@pytest.mark.parametrize("path", SQL_FILES, ids=lambda p: str(p.relative_to(config.QUERIES_DIR)))
def test_no_string_formatting_in_sql(path: Path) -> None:
    sql = path.read_text(encoding="utf-8")
    assert not re.search(r"\{[a-z_]+\}|%s|%\(", sql), f"{path.name} looks like it formats values into SQL"


@pytest.mark.parametrize("path", sorted((config.QUERIES_DIR / "app").glob("*.sql")), ids=lambda p: p.name)
def test_app_query_runs(db: Database, path: Path) -> None:
    sql = path.read_text(encoding="utf-8")
    examples = {**EXAMPLES, **OVERRIDES.get(path.stem, {})}
    unknown = query_parameters(sql) - set(examples)
    if unknown:
        pytest.fail(f"{path.name} takes {sorted(unknown)}: add example values to EXAMPLES in this test")
    params = {name: examples[name] for name in query_parameters(sql)}
    frame = db.execute(sql, params)
    assert len(frame) > 0, f"{path.name} returned no rows for {params}"


@pytest.mark.parametrize(
    "path",
    sorted((config.QUERIES_DIR / "staging").glob("*.sql")) + sorted((config.QUERIES_DIR / "marts").glob("*.sql")),
    ids=lambda p: p.name,
)
def test_build_file_created_its_table(db: Database, path: Path) -> None:
    table = re.search(r"create or replace table (\w+)", path.read_text(encoding="utf-8")).group(1)
    rows = db.execute(f"select count(*) as n from {table}")["n"].iloc[0]  # table name from our own file
    assert rows > 0, f"{table} is empty"
