"""Gap trend, gap in people and trajectory: against statsmodels (WLS / OLS prediction) and by hand."""

from __future__ import annotations

import numpy as np
import pytest
import statsmodels.api as sm

from lsc_phm.stats import gap_in_people, gap_trend, trajectory

Z95 = 1.959963984540054
# Blackpool and England, children in absolute low-income families, 2018/19 to 2022/23 (Fingertips 93701,
# data/raw/fingertipsnext_healthdata_lsc.parquet): value, lower, upper
YEARS = np.array([2019.0, 2020, 2021, 2022, 2023])
AREA = (
    np.array([22.8, 21.5, 19.1, 19.3, 23.9]),
    np.array([22.04, 20.82, 18.44, 18.65, 23.13]),
    np.array([23.50, 22.24, 19.81, 20.04, 24.62]),
)
ENGLAND = (
    np.array([15.4, 16.1, 15.6, 15.3, 15.6]),
    np.array([15.39, 16.10, 15.60, 15.28, 15.52]),
    np.array([15.45, 16.16, 15.66, 15.34, 15.59]),
)


def test_gap_trend_equals_statsmodels_wls_when_the_residual_scale_exceeds_one():
    out = gap_trend(YEARS, *AREA, *ENGLAND).iloc[0]
    variance = ((AREA[2] - AREA[1]) / (2 * Z95)) ** 2 + ((ENGLAND[2] - ENGLAND[1]) / (2 * Z95)) ** 2
    fit = sm.WLS(AREA[0] - ENGLAND[0], sm.add_constant(YEARS), weights=1 / variance).fit()
    assert fit.scale > 1  # year-to-year variation well beyond sampling error: the estimated scale is used
    assert out["value"] == pytest.approx(fit.params[1])
    assert (out["lowercl"], out["uppercl"]) == pytest.approx(tuple(fit.conf_int(0.05)[1]))
    assert out["p_value"] == pytest.approx(fit.pvalues[1])
    assert out["direction"] == "no clear change"  # gap 7.4, 5.4, 3.5, 4.0, 8.3 points: down then up


def test_gap_trend_widening_narrowing_and_too_few():
    # by hand: gaps 2, 4, 6, 8, 10 with se 0.5 each (limits value -/+ 0.5 x 1.96): slope exactly 2, residuals 0, so
    # the scale is floored at 1 and se = sqrt(v / Sxx) = sqrt(0.25 / 10) = 0.158; t = 12.6 on 3 df: significant
    t = [1, 2, 3, 4, 5]
    area = np.array([12.0, 14, 16, 18, 20])
    half = 0.5 * Z95
    flat = np.full(5, 10.0)
    widening = gap_trend(t, area, area - half, area + half, flat, flat, flat).iloc[0]
    assert widening["value"] == pytest.approx(2.0)
    assert widening["uppercl"] - widening["value"] == pytest.approx(3.182446305284263 * np.sqrt(0.25 / 10))
    assert widening["direction"] == "widening"
    narrowing = gap_trend(t, area[::-1], area[::-1] - half, area[::-1] + half, flat, flat, flat).iloc[0]
    assert narrowing["direction"] == "narrowing"
    assert (
        gap_trend(t[:4], area[:4], area[:4] - 1, area[:4] + 1, flat[:4], flat[:4], flat[:4]).iloc[0]["direction"]
        == "too few points (4 of 5)"
    )
    with pytest.raises(ValueError, match="interval of some width"):
        gap_trend(t, area, area, area, flat, flat, flat)


def test_gap_in_people_by_hand():
    # Blackpool 2022/23: 23.9% (23.13 to 24.62) of 25,001 children against England's 15.6%:
    # (23.9 - 15.6) x 25,001 / 100 = 2,075.08; (23.13 - 15.6) x 250.01 = 1,882.58; (24.62 - 15.6) x 250.01 = 2,255.09
    out = gap_in_people(23.9, 23.13, 24.62, 15.6, 25_001).iloc[0]
    assert (out["value"], out["lowercl"], out["uppercl"]) == pytest.approx((2075.083, 1882.5753, 2255.0902))
    rate = gap_in_people(20.0, 14.64, 26.68, 13.08, 2300, multiplier=1000).iloc[0]  # per 1,000: 15.9 more
    assert rate["value"] == pytest.approx((20.0 - 13.08) * 2.3)
    with pytest.raises(ValueError, match="must not be negative"):
        gap_in_people(1, 0, 2, 1, -5)


def test_trajectory_by_hand_and_against_statsmodels():
    # Blackpool adult smoking (OHID 92443) 2020-2024: 21.8, 19.3, 17.2, 19.4, 20.8. Mean year 2022, mean 19.7,
    # Sxx = 10, Sxy = -2(2.1) - 1(-0.4) + 1(-0.3) + 2(1.1) = -1.9: slope -0.19 a year; in 2030 19.7 - 0.19 x 8 = 18.18,
    # above 5%: not on track; needed (5 - 20.8) / (2030 - 2024) = -2.633 a year
    years, values = [2020, 2021, 2022, 2023, 2024], [21.8, 19.3, 17.2, 19.4, 20.8]
    out = trajectory(years, values, 5.0, 2030, "low_is_good")
    assert out["recent_change"] == pytest.approx(-0.19)
    assert out["projected"] == pytest.approx(18.18)
    assert out["needed_change"] == pytest.approx(-15.8 / 6)
    assert out["verdict"] == "not on track at the recent rate"
    frame = (
        sm.OLS(np.array(values), sm.add_constant(np.array(years, dtype=float)))
        .fit()
        .get_prediction(np.array([[1.0, 2030.0]]))
        .summary_frame(alpha=0.05)
    )
    assert (out["lowercl"], out["uppercl"]) == pytest.approx((frame["obs_ci_lower"][0], frame["obs_ci_upper"][0]))
    assert trajectory(years, values, 19.0, 2030, "high_is_good")["verdict"] == "not on track at the recent rate"
    assert trajectory(years, values, 19.0, 2030, "low_is_good")["verdict"] == "on track"
    assert trajectory(years[:2], values[:2], 5.0, 2030)["verdict"] == "too few points to say"
    with pytest.raises(ValueError, match="must be after the latest data"):
        trajectory(years, values, 5.0, 2024)
