"""OHID's own comparisons with England are kept at the level OHID made them (Fingertips 848 at 99.8%)."""

from __future__ import annotations

import duckdb
import pytest

from lsc_phm import config
from lsc_phm.domain import indicator_data
from lsc_phm.store.db import Database

DEPRESSION = "depression_prevalence_fingertips"


def _published_labels() -> dict[tuple[str, str], str]:
    """OHID's label per (area code, period), read from the vendored extract itself."""
    path = config.DATA_DIR / "raw" / "fingertips_848_depression_prevalence.parquet"
    rows = (
        duckdb.connect()
        .execute("select area_code, period, compared_to_England from read_parquet($p)", {"p": str(path)})
        .fetchall()
    )
    return {(code, period): label for code, period, label in rows}


@pytest.mark.parametrize("confidence", [0.95, 0.998])
def test_depression_agrees_with_ohid_for_all_14_lsc_authorities(db: Database, icb2025, confidence: float) -> None:
    # The 14 authorities (12 Lancashire districts, Blackburn with Darwen, Blackpool) in 2024/25: OHID's extract says
    # "Higher 99.8" for 13 and "Similar" for Ribble Valley (14.1% against England's 14.3%). Before OHID's levelled
    # labels were parsed, 13 of the 14 showed "Not compared".
    published = _published_labels()
    frame = indicator_data.values(db, icb2025, DEPRESSION, "district", "2024/25", confidence=confidence)
    lancashire14 = frame[
        frame["area_code"].str.startswith(
            (
                "E07000117",
                "E07000118",
                "E07000119",
                "E07000120",
                "E07000121",
                "E07000122",
                "E07000123",
                "E07000124",
                "E07000125",
                "E07000126",
                "E07000127",
                "E07000128",
                "E06000008",
                "E06000009",
            )
        )
    ]
    assert len(lancashire14) == 14
    for row in lancashire14.itertuples():
        label = published[(row.area_code, "2024/25")]
        assert row.comparison == label.split()[0], row.area_name
        assert row.comparison_basis == "OHID comparison, 99.8%"
    assert (lancashire14["comparison"] == "Higher").sum() == 13
    assert lancashire14.set_index("area_name").loc["Ribble Valley", "comparison"] == "Similar"


def test_no_848_verdict_is_dropped(db: Database) -> None:
    # 3,011 rows in the extract: 1,414 "Higher 99.8", 1,243 "Lower 99.8", 338 "Similar", 16 "Not compared".
    counts = dict(
        db.execute(
            "select coalesce(published_comparison, 'none') || ' ' "
            "|| coalesce(cast(published_comparison_level as varchar), '') as label, count(*) as n "
            "from stg_fingertips__values where fingertips_id = '848' group by all"
        ).itertuples(index=False)
    )
    assert counts == {"Higher 0.998": 1414, "Lower 0.998": 1243, "Similar 0.998": 338, "none ": 16}


def test_blackpool_depression_verdicts_pinned(db: Database) -> None:
    # Blackpool (E06000009), Fingertips 848: every period from 2014/15 to 2024/25 (no 2023/24 in the extract) is
    # published as "Higher 99.8", from 12.2% to 23.5%.
    frame = db.execute(
        "select period, value, published_comparison, published_comparison_level from mart_indicator_values "
        "where indicator_id = $i and area_code = 'E06000009' order by period",
        {"i": DEPRESSION},
    )
    assert frame["period"].tolist() == [
        "2014/15",
        "2015/16",
        "2016/17",
        "2017/18",
        "2018/19",
        "2019/20",
        "2020/21",
        "2021/22",
        "2022/23",
        "2024/25",
    ]
    assert frame["value"].tolist() == [12.2, 13.5, 14.7, 15.4, 17.3, 18.5, 19.8, 20.6, 21.6, 23.5]
    assert set(frame["published_comparison"]) == {"Higher"}
    assert set(frame["published_comparison_level"]) == {0.998}
