"""Spine-chart data and the recent-trend marker."""

from __future__ import annotations

import pandas as pd
import pytest

from lsc_phm import indicators
from lsc_phm.domain import benchmarking


def _district_spread(db, indicator_id, period, vintage):
    return db.execute(
        "select min(value) lo, max(value) hi, count(*) n from mart_indicator_values where indicator_id = $i "
        "and period = $p and area_level = 'district' and (imd_vintage = $v or imd_vintage is null)",
        {"i": indicator_id, "p": period, "v": vintage}).iloc[0]


@pytest.mark.parametrize("indicator_id", ["le_male", "smoking_adults", "preventable_cvd_mortality", "pct_disabled"])
def test_spine_range_equals_min_max_over_english_districts(db, icb2025, indicator_id):
    spine = benchmarking.spine(db, icb2025, "E06000009").set_index("indicator_id")
    row = spine.loc[indicator_id]
    spread = _district_spread(db, indicator_id, row["period"], 2025)
    polarity = indicators.get(indicator_id).polarity
    worst, best = (spread["hi"], spread["lo"]) if polarity == "low_is_good" else (spread["lo"], spread["hi"])
    assert row["worst"] == pytest.approx(worst, abs=0.01)
    assert row["best"] == pytest.approx(best, abs=0.01)
    assert row["districts"] == spread["n"]


def test_spine_values_and_comparisons(db, icb2025):
    spine = benchmarking.spine(db, icb2025, "E06000009").set_index("indicator_id")
    assert spine.loc["le_male", "value"] == pytest.approx(74.2)
    assert spine.loc["le_male", "england_value"] == pytest.approx(79.7)
    # OHID's own comparison (compared_to_England in the Fingertips extract), labelled as such: no limits are held
    assert spine.loc["le_male", "comparison"] == "Worse"
    assert spine.loc["le_male", "comparison_basis"] == "OHID comparison (95%)"
    assert spine.loc["preventable_cvd_mortality", "comparison"] == "Worse"
    assert spine.loc["pct_disabled", "count"] > 0
    positions = spine[["pos_value", "pos_worst", "pos_best"]].dropna()
    assert positions.ge(0).all().all() and positions.le(1).all().all()
    # at 99.8% published 95% intervals cannot be used
    strict = benchmarking.spine(db, icb2025, "E06000009", 0.998).set_index("indicator_id")
    assert strict.loc["preventable_cvd_mortality", "comparison"] == "Not compared"


def test_spine_rejects_bad_confidence(db, icb2025):
    with pytest.raises(ValueError, match="confidence must be"):
        benchmarking.spine(db, icb2025, "E06000009", 0.9)


def test_trend_marker():
    indicator = indicators.get("qof_hyp")
    no_counts = pd.DataFrame({"period_sort": [1, 2], "numerator": [None, None], "denominator": [None, None]})
    assert benchmarking.trend_marker(no_counts, indicator) == "Trend test not applicable: no counts"
    two = pd.DataFrame({"period_sort": [1, 2], "numerator": [10.0, 12], "denominator": [100.0, 100]})
    assert "needs 5 periods" in benchmarking.trend_marker(two, indicator)
    rising = pd.DataFrame({"period_sort": range(5), "numerator": [100.0, 120, 140, 160, 180],
                           "denominator": [1000.0] * 5})
    assert benchmarking.trend_marker(rising, indicator) == "Increasing"
