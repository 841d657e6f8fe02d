"""Recent trends agree with OHID's published ones; the chi-square test is not applied where its counts are not
binomial counts (children in low-income families)."""

from __future__ import annotations

from lsc_phm import indicators
from lsc_phm.domain import benchmarking


def _series(db):
    return db.execute(
        "select indicator_id, area_code, period, period_sort, value, numerator, denominator, published_trend "
        "from mart_indicator_values where indicator_id in "
        "(select distinct indicator_id from mart_indicator_values where published_trend is not null)")


def test_every_series_with_an_ohid_trend_shows_ohid_s_trend(db):
    # 252 area series (districts, counties, places, sub-ICBs, ICB, England) whose latest period carries OHID's trend
    shown = agree = 0
    for (indicator_id, _), rows in _series(db).groupby(["indicator_id", "area_code"]):
        rows = rows.drop_duplicates("period").sort_values("period_sort")
        ohid = rows.iloc[-1]["published_trend"]
        if not isinstance(ohid, str) or not ohid.startswith(tuple(benchmarking.TREND_ARROWS)):
            continue
        shown += 1
        agree += benchmarking.recent_trend(rows, indicators.get(indicator_id)) == ohid + benchmarking.OHID_TREND
    assert (shown, agree) == (252, 252)


def test_children_in_low_income_families_get_no_chi_square_trend(db):
    # England, OHID 93701: 15.4%, 16.1%, 15.6%, 15.3%, 15.6% of about 10.5 million children (2018/19 to 2022/23);
    # the chi-square test on these counts calls it "Decreasing", OHID "No significant change": its limits are not
    # Wilson limits of the counts (2018/19: published 15.39-15.45, Wilson 15.40-15.44), so the test is not applied.
    indicator = indicators.get("children_absolute_low_income")
    assert not benchmarking.binomial_counts(indicator)
    frame = _series(db)
    england = frame[(frame["indicator_id"] == indicator.id) & (frame["area_code"] == "E92000001")]
    assert england.sort_values("period_sort")["value"].tolist() == [15.4, 16.1, 15.6, 15.3, 15.6]
    assert benchmarking.trend_marker(england, indicator) == benchmarking.NOT_BINOMIAL
    assert benchmarking.recent_trend(england, indicator) == "No significant change (OHID's trend)"
    # a Wilson-limited OHID proportion still gets the test where OHID gives no trend
    assert benchmarking.binomial_counts(indicators.get("smoking_at_delivery"))
    assert benchmarking.binomial_counts(indicators.get("census_bad_health"))
