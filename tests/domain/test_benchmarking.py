"""Spine-chart data and the recent-trend marker."""

from __future__ import annotations

import pandas as pd
import pytest

from lsc_phm import indicators
from lsc_phm.domain import benchmarking, indicator_data


def _district_spread(db, indicator_id, period, vintage):
    return db.execute(
        "select min(value) lo, max(value) hi, count(*) n from mart_indicator_values where indicator_id = $i "
        "and period = $p and area_level = 'district' and (imd_vintage = $v or imd_vintage is null)",
        {"i": indicator_id, "p": period, "v": vintage},
    ).iloc[0]


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
    assert spine.loc["le_male", "comparison_basis"] == "OHID comparison, 95%"
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
    rising = pd.DataFrame(
        {"period_sort": range(5), "numerator": [100.0, 120, 140, 160, 180], "denominator": [1000.0] * 5}
    )
    assert benchmarking.trend_marker(rising, indicator) == "Increasing"


def test_recent_trend_computed_here_agrees_with_ohid_for_blackpool_smoking_at_delivery(db, icb2019):
    # Blackpool (E06000009), smoking at time of delivery 2019/20-2023/24 (the last 5 financial years with counts):
    # 393/1700, 343/1604, 341/1617, 312/1611, 279/1590 -> chi-square test for trend at 99.8%: decreasing; low is good.
    from lsc_phm import indicators

    indicator = indicators.get("smoking_at_delivery")
    series = indicator_data.series(db, icb2019, "smoking_at_delivery", ["E06000009"])
    last5 = series.sort_values("period_sort").tail(5)
    assert last5["numerator"].tolist() == [393, 343, 341, 312, 279]
    assert last5["denominator"].tolist() == [1700, 1604, 1617, 1611, 1590]
    computed = benchmarking.trend_marker(series.drop(columns="published_trend"), indicator)
    assert computed == "Decreasing and getting better"
    assert series.sort_values("period_sort")["published_trend"].iloc[-1] == computed  # OHID's own verdict
    # where OHID publishes a trend, it is the one shown, labelled as OHID's
    assert benchmarking.recent_trend(series, indicator) == "Decreasing and getting better (OHID's trend)"
    trends = benchmarking.recent_trends(db, icb2019, "alcohol_related_mortality", ["E06000009", "E07000117"])
    assert trends["E06000009"] == "No significant change (OHID's trend)"  # a DSR: only OHID's trend can be shown


def test_scorecard_and_briefing_carry_the_recent_trend(db, icb2019, built_profile):
    from lsc_phm.views import core20plus5

    card = core20plus5.scorecard(db, icb2019).set_index(["indicator_id", "area_name"])
    assert (
        card.loc[("smoking_at_delivery", "Blackpool"), "recent_trend"] == "Decreasing and getting better (OHID's trend)"
    )
    assert card.loc[("qof_hyp", "Blackpool (00R)"), "recent_trend"] == (
        "Trend test not applicable: needs 5 periods with counts, has 2"
    )
    profile = built_profile(icb2019, "QE1-E06000009")  # Blackpool, as the briefing tests build it
    details = {f.label: f.detail for s in profile.sections for f in s.key_figures}
    assert details["Smoking at time of delivery"].endswith(
        "; recent trend ↓ Decreasing and getting better (OHID's trend)"
    )
    sentences = [t for s in profile.sections for t in s.sentences]
    assert (
        "Smoking at time of delivery in Blackpool: recent trend ↓ Decreasing and getting better (OHID's published "
        "recent trend to 2023/24)."
    ) in sentences
    assert sum(t.startswith("Recent trend (Fingertips method)") for t in sentences) == 1  # the meaning, once
