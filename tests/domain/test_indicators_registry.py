"""The indicator registry agrees with the database: nothing registered without data, nothing stored unregistered."""

from __future__ import annotations

import pytest

from lsc_phm import indicators
from lsc_phm.domain import indicator_data


def test_registry_ids_are_unique_and_themed() -> None:
    ids = [i.id for i in indicators.REGISTRY]
    assert len(ids) == len(set(ids))
    assert {i.theme for i in indicators.REGISTRY} <= set(indicators.THEMES)
    assert all(i.definition and i.unit and i.sources for i in indicators.REGISTRY)


def test_every_registered_indicator_has_values_and_vice_versa(db) -> None:
    stored = set(db.execute("select distinct indicator_id from mart_indicator_values")["indicator_id"])
    assert stored == set(indicators.all_ids())


def test_registry_sources_exist_in_catalogue(db) -> None:
    catalogue = set(db.query("datasets")["dataset"])
    for indicator in indicators.REGISTRY:
        assert set(indicator.sources) <= catalogue, indicator.id


def test_wilson_indicators_have_counts_and_intervals(db) -> None:
    for indicator_id in indicators.wilson_indicator_ids():
        row = db.execute(
            "select count(*) filter (where numerator is null) as no_counts, "
            "count(*) filter (where lowercl is null) as no_ci from mart_indicator_values "
            "where indicator_id = $i",
            {"i": indicator_id},
        ).iloc[0]
        assert row.no_counts == 0 and row.no_ci == 0, indicator_id


def test_unknown_indicator_message() -> None:
    with pytest.raises(ValueError, match="unknown indicator 'x'; run 'python -m lsc_phm indicators'"):
        indicators.get("x")


def test_availability_reflects_geography_vintage(db, icb2019, icb2025) -> None:
    # Census 2021 measures exist only on 2021 LSOAs (IMD 2025 geography); HLE only for upper-tier places.
    table2019 = indicator_data.availability_table(db, icb2019)
    table2025 = indicator_data.availability_table(db, icb2025)
    assert indicator_data.availability(table2019, "pct_ethnic_minority").levels == ()
    assert "lsoa" in indicator_data.availability(table2025, "pct_ethnic_minority").levels
    hle = indicator_data.availability(table2019, "hle_male")
    assert "ward" not in hle.levels and "place" in hle.levels
    assert hle.latest("place") == "2022 - 24"


def test_values_suppress_small_counts_with_secondary_suppression(db, icb2019) -> None:
    # QOF 2024-25 practice registers: any practice register below 10 is hidden with its value and CI, and the
    # reason is kept; if exactly one is hidden, the next smallest is hidden too (the ICB total is published).
    frame = indicator_data.values(db, icb2019, "qof_ra", "practice", "2024-25")
    raw = db.execute(
        "select area_code, numerator from mart_indicator_values where indicator_id = 'qof_ra' "
        "and period = '2024-25' and area_level = 'practice'"
    ).set_index("area_code")["numerator"]
    small = frame[frame["area_code"].map(raw) < 10]
    assert len(small) >= 1
    assert small["value"].isna().all() and small["suppressed"].all()
    assert set(small["suppression_reason"]) == {"count below 10"}
    if len(small) == 1:
        assert (frame["suppression_reason"].str.startswith("secondary")).sum() == 1
    shown = frame[~frame["suppressed"]]
    assert shown["value"].notna().all()
