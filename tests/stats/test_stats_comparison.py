"""Tests for lsc_phm.stats.comparison: benchmark comparison, recent trend, funnel limits."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special, stats
from statsmodels.stats.contingency_tables import Table

from lsc_phm.stats import compare, compare_many, funnel_limits, funnel_points, funnel_significance, trend


# --------------------------------------------------------------------------- compare
@pytest.mark.parametrize(
    ("benchmark", "polarity", "expected"),
    [
        (20.0, "high_is_good", "Better"),  # benchmark below the interval → value higher
        (20.0, "low_is_good", "Worse"),
        (20.0, "no_judgement", "Higher"),
        (30.0, "high_is_good", "Worse"),  # benchmark above the interval → value lower
        (30.0, "low_is_good", "Better"),
        (30.0, "no_judgement", "Lower"),
        (25.0, "high_is_good", "Similar"),
        (22.0, "low_is_good", "Similar"),  # on the limit counts as similar
        (28.0, "no_judgement", "Similar"),
    ],
)
def test_compare_rule(benchmark, polarity, expected):
    assert compare(25.0, 22.0, 28.0, benchmark, polarity) == expected


@pytest.mark.parametrize("missing", ["value", "lower", "upper", "benchmark"])
def test_compare_not_compared_when_anything_missing(missing):
    args = {"value": 25.0, "lower": 22.0, "upper": 28.0, "benchmark": 20.0}
    args[missing] = np.nan
    assert compare(polarity="high_is_good", **args) == "Not compared"
    args[missing] = None
    assert compare(polarity="high_is_good", **args) == "Not compared"


def test_compare_errors():
    with pytest.raises(ValueError, match="^polarity must be one of 'high_is_good', 'low_is_good', 'no_judgement'$"):
        compare(1, 0, 2, 1, "up")
    with pytest.raises(ValueError, match="^lower must be less than or equal to upper$"):
        compare(1, 3, 2, 1, "high_is_good")
    with pytest.raises(ValueError, match="^confidence level must be between 90 and 100 or between 0.9 and 1$"):
        compare(1, 0, 2, 1, "high_is_good", level=0.5)


def test_compare_many_vectorised():
    s = pd.Series([10.0, 30.0, 20.0, np.nan], index=["a", "b", "c", "d"])
    out = compare_many(s, [8, 25, 15, 1], [12, 35, 25, 2], 20, "high_is_good", level=0.998)
    assert out.tolist() == ["Worse", "Better", "Similar", "Not compared"]
    assert list(out.index) == ["a", "b", "c", "d"]
    assert out.name == "comparison_99_8"
    per_row = compare_many([10, 10], [8, 8], [12, 12], [5, 15], "no_judgement")
    assert per_row.tolist() == ["Higher", "Lower"]
    with pytest.raises(ValueError, match="^value, lower, upper, benchmark must have the same length$"):
        compare_many([1, 2], [0, 1], [2, 3], [1, 2, 3], "no_judgement")


# --------------------------------------------------------------------------- trend
def test_trend_hand_worked_chi_square():
    # x = 100..180 step 20, n = 1000 each, scores t = 1..5
    #   p̄ = 700/5000 = 0.14; Σx·t = 2300; Σn·t = 15000 → T = 2300 - 0.14·15000 = 200
    #   Σn·t² = 55000; (Σn·t)²/N = 45000 → V = 0.14·0.86·10000 = 1204
    #   χ² = 200² / 1204 = 33.2226 (1 df), p ≈ 8.2e-9 < 0.002 → Increasing
    out = trend([100, 120, 140, 160, 180], [1000] * 5)
    row = out.iloc[0]
    assert row["chi_square"] == pytest.approx(40000 / 1204, rel=1e-12)
    assert row["p_value"] == pytest.approx(stats.chi2.sf(40000 / 1204, 1), rel=1e-9)
    assert row["direction"] == "Increasing"
    assert row["trend"] == "Increasing"
    assert row["confidence"] == "99.8%"


def test_trend_agrees_with_statsmodels_linear_by_linear():
    # statsmodels' linear-by-linear association statistic uses N - 1 where the
    # Cochran-Armitage form uses N: CA = LL · N / (N - 1).
    x = np.array([52, 60, 49, 71, 80], float)
    n = np.array([400, 410, 395, 420, 405], float)
    table = np.column_stack([x, n - x])
    ll = Table(table).test_ordinal_association(row_scores=np.arange(1, 6), col_scores=np.array([1.0, 0.0]))
    out = trend(x, n)
    assert out.loc[0, "chi_square"] == pytest.approx(ll.zscore**2 * n.sum() / (n.sum() - 1), rel=1e-9)


@pytest.mark.parametrize(
    ("x", "polarity", "expected"),
    [
        ([100, 120, 140, 160, 180], "high_is_good", "Increasing and getting better"),
        ([100, 120, 140, 160, 180], "low_is_good", "Increasing and getting worse"),
        ([180, 160, 140, 120, 100], "high_is_good", "Decreasing and getting worse"),
        ([180, 160, 140, 120, 100], "low_is_good", "Decreasing and getting better"),
        ([100, 104, 98, 101, 103], "low_is_good", "No significant change"),
    ],
)
def test_trend_polarity_wording(x, polarity, expected):
    assert trend(x, [1000] * 5, polarity).loc[0, "trend"] == expected


def test_trend_uses_last_five_points_only():
    early = [900, 10, 900, 10]  # ignored
    a = trend(early + [100, 120, 140, 160, 180], [1000] * 9)
    b = trend([100, 120, 140, 160, 180], [1000] * 5)
    assert a.loc[0, "chi_square"] == pytest.approx(b.loc[0, "chi_square"])


@pytest.mark.parametrize(
    ("x", "n"),
    [
        ([100, 120, 140, 160], [1000] * 4),  # fewer than 5 points
        ([100, 120, np.nan, 160, 180], [1000] * 5),  # a missing count
        ([0, 0, 0, 0, 0], [1000] * 5),  # p̄ = 0: no variance
    ],
)
def test_trend_cannot_be_calculated(x, n):
    out = trend(x, n, "high_is_good")
    assert out.loc[0, "trend"] == "Cannot be calculated"
    assert np.isnan(out.loc[0, "chi_square"])


def test_trend_errors():
    with pytest.raises(ValueError, match="^numerators must be less than or equal to denominators for a proportion$"):
        trend([1, 2, 3, 4, 50], [10] * 5)
    with pytest.raises(ValueError, match="^numerators and denominators must have the same length$"):
        trend([1, 2, 3, 4, 5], [10] * 4)
    with pytest.raises(ValueError, match="^trend accepts a single confidence level$"):
        trend([1, 2, 3, 4, 5], [10] * 5, confidence=(0.95, 0.998))


# --------------------------------------------------------------------------- funnels
def test_funnel_proportion_hand_worked():
    # p̄ = 50/200 = 0.25; at N = 100: √(0.25·0.75/100) = √0.001875 = 0.04330127
    #   95% half-width = 1.959964 × 0.04330127 = 0.08486893 → limits 16.5131%, 33.4869%
    #   99.8% half-width = 3.090232 × 0.04330127 = 0.1338110 → limits 11.6189%, 38.3811%
    out = funnel_limits([20, 30], [100, 100], grid=[100, 400])
    row = out.iloc[0]
    assert row["baseline"] == pytest.approx(25.0)
    assert row["lower_limit_95_0"] == pytest.approx(25 - 8.486893, abs=1e-5)
    assert row["upper_limit_95_0"] == pytest.approx(25 + 8.486893, abs=1e-5)
    assert row["lower_limit_99_8"] == pytest.approx(25 - 13.38110, abs=1e-4)
    assert row["upper_limit_99_8"] == pytest.approx(25 + 13.38110, abs=1e-4)
    assert out.loc[1, "upper_limit_95_0"] < row["upper_limit_95_0"]  # narrows as N grows
    assert row["statistic"] == "percentage"


def test_funnel_proportion_clipped():
    out = funnel_limits([1], [100], grid=[5])
    assert out.loc[0, "lower_limit_99_8"] == 0.0


def test_funnel_rate_limits_invert_the_chi_square_forms():
    # r̄ = 100 / 50,000; at N the expected count is E = r̄N. The lower limit O_L/N has
    # λ_U(O_L) = χ²_{1-p}(2O_L + 2)/2 = E and the upper O_U/N has λ_L(O_U) = χ²_p(2O_U)/2 = E.
    out = funnel_limits([40, 60], [20_000, 30_000], statistic="rate", grid=[5_000, 50_000, 500_000])
    r_bar = 100 / 50_000
    for _, row in out.iterrows():
        big_n = row["denominator"]
        e = r_bar * big_n
        for suffix, tail in (("95_0", 0.025), ("99_8", 0.001)):
            o_l = row[f"lower_limit_{suffix}"] / 100_000 * big_n
            o_u = row[f"upper_limit_{suffix}"] / 100_000 * big_n
            assert stats.chi2.ppf(1 - tail, 2 * o_l + 2) / 2 == pytest.approx(e, rel=1e-6)
            assert stats.chi2.ppf(tail, 2 * o_u) / 2 == pytest.approx(e, rel=1e-6)
    assert out["baseline"].iloc[0] == pytest.approx(200.0)
    assert out.loc[0, "statistic"] == "rate per 100000"


def test_funnel_rate_lower_limit_zero_for_tiny_expected():
    # E = 2e-3·500 = 1 < -ln(0.025) = 3.69: even 0 events is not significantly low → limit 0
    out = funnel_limits([100], [50_000], statistic="rate", grid=[500])
    assert out.loc[0, "lower_limit_95_0"] == 0.0
    assert special.gammaincc(1, 1.0) > 0.025


def test_funnel_default_grid_and_errors():
    out = funnel_limits([5, 50, 500], [100, 1000, 10_000])
    assert len(out) == 100
    assert out["denominator"].iloc[0] == pytest.approx(50.0)
    assert out["denominator"].iloc[-1] == pytest.approx(11_000.0)
    with pytest.raises(ValueError, match="^statistic must be 'proportion', 'rate' or 'ratio'$"):
        funnel_limits([1], [10], statistic="count")
    with pytest.raises(ValueError, match="^numerators and denominators must not be missing$"):
        funnel_limits([np.nan], [10])
    with pytest.raises(ValueError, match="^grid values must be greater than zero$"):
        funnel_limits([1], [10], grid=[0])


# --------------------------------------------------------------------------- funnels
def test_funnel_proportion_around_a_benchmark():
    # Benchmark 20% (e.g. England), N = 400: 95% limits 20 ∓ 1.959964·√(0.2·0.8/400)·100
    #   = 20 ∓ 1.959964·2 = (16.080072, 23.919928); the units' own overall value is ignored.
    out = funnel_limits([10, 90], [100, 100], grid=[400], baseline=20.0)
    assert out.loc[0, "baseline"] == pytest.approx(20.0)
    assert out.loc[0, "lower_limit_95_0"] == pytest.approx(20 - 1.959963984540054 * 2, rel=1e-12)
    assert out.loc[0, "upper_limit_99_8"] == pytest.approx(20 + 3.090232306167813 * 2, rel=1e-12)
    assert out.loc[0, "method"] == "normal approximation around the benchmark proportion"
    with pytest.raises(ValueError, match="^baseline must be greater than zero"):
        funnel_limits([10], [100], baseline=150.0)


def test_ratio_funnel_matches_the_package_parametric_form():
    # docs/methods.md#funnel-plots (ratios): for O observed events the lower line passes through
    # (λ_U(O), O/λ_U(O)) with λ_U = χ²_{1-p}(2O+2)/2 and the upper line through (λ_L(O), O/λ_L(O))
    # with λ_L = χ²_p(2O)/2. Evaluate our limits at those expected counts and recover O/λ.
    for o in (3.0, 12.0, 80.0):
        for suffix, tail in (("95_0", 0.025), ("99_8", 0.001)):
            lam_u = stats.chi2.ppf(1 - tail, 2 * o + 2) / 2
            lam_l = stats.chi2.ppf(tail, 2 * o) / 2
            out = funnel_limits([10, 20], [12, 18], statistic="ratio", grid=[lam_u, lam_l])
            assert out.loc[0, f"lower_limit_{suffix}"] == pytest.approx(o / lam_u, rel=1e-8)
            assert out.loc[1, f"upper_limit_{suffix}"] == pytest.approx(o / lam_l, rel=1e-8)
    isr_style = funnel_limits([10], [12], statistic="ratio", multiplier=100, grid=[20])
    assert isr_style.loc[0, "baseline"] == 100 and isr_style.loc[0, "statistic"] == "ratio x 100"


def test_funnel_points_derive_denominators_as_the_reference_does():
    # docs/methods.md#funnel-plots: D = M·O/r per year; DSR units with < 10 events are not plotted.
    #   O = 50, r = 250 per 100,000 over 5 years → D = 100,000·50/250 = 20,000 → 4,000 a year
    out = funnel_points([50, 9, 0], [250.0, 120.0, 0.0], years=5)
    assert out.loc[0, "denominator_derived"] == pytest.approx(4000.0)
    assert out.loc[0, "chart_value"] == 250.0
    assert np.isnan(out.loc[1, "chart_value"]) and out.loc[1, "note"] == "< 10 events: not plotted (DSR)"
    crude = funnel_points([50, 0], [250.0, 0.0], rate_type="crude", denominators=[20_000, 7_000])
    assert crude["denominator_derived"].tolist() == pytest.approx([20_000.0, 7_000.0])
    with pytest.raises(ValueError, match="^denominators are needed for crude rates of units with no events$"):
        funnel_points([0], [0.0], rate_type="crude")


def test_funnel_significance_proportions_hand_worked():
    # p̄ = 25%, n = 100: sd = √(0.25·0.75/100) = 0.0433013
    #   95%: 0.25 ∓ 0.084869 = (0.165131, 0.334869); 99.8%: 0.25 ∓ 0.133811 = (0.116189, 0.383811)
    # 0.10 → Low (0.001); 0.15 → Low (0.025); 0.25 → Not significant; 0.35 → High (0.025); 0.40 → High (0.001)
    labels = funnel_significance([10, 15, 25, 35, 40, np.nan], [100] * 6, baseline=25).tolist()
    assert labels == ["Low (0.001)", "Low (0.025)", "Not significant", "High (0.025)", "High (0.001)", None]


def test_funnel_significance_ratios_and_dsr_rule():
    # Ratios against 1 (docs/methods.md#funnel-plots), Byars O_L = O(1 − 1/(9O) − z/(3√O))³ for O ≥ 10:
    # O = 25, E = 10: 99.8% lower = 25(1 − 1/225 − 3.090232/15)³ = 12.3045 > 10 → "High (0.001)".
    # O = 20, E = 10: 99.8% lower = 8.9228 (< 10), 95% lower = 20(1 − 1/180 − 1.959964/(3√20))³
    #   = 12.2114 > 10 → "High (0.025)".
    # O = 16, E = 10: 95% lower = 9.1395 < 10 → "Not significant".
    # O = 3 (exact), E = 10: 99.8% upper χ²_0.999(8)/2 = 13.0622 > 10; 95% upper χ²_0.975(8)/2
    #   = 8.7673 < 10 → "Low (0.025)".
    labels = funnel_significance([25, 20, 16, 3], [10, 10, 10, 10], statistic="ratio").tolist()
    assert labels == ["High (0.001)", "High (0.025)", "Not significant", "Low (0.025)"]
    # rates: E = r̄·D with the baseline; DSRs with < 10 events are not applicable
    # 25 events in D = 10,000 against 100 per 100,000 → E = 10 (as above) → "High (0.001)"
    rates = funnel_significance([25, 5], [10_000, 10_000], statistic="rate", baseline=100, rate_type="dsr")
    assert rates.tolist() == ["High (0.001)", "Not applicable for events less than 10 for dsrs"]


def test_funnel_significance_labels_a_zero_event_dsr_unit_as_phe_does():
    # PHEindicatormethods assign_funnel_significance: a DSR unit with fewer than 10 events is "Not applicable for
    # events less than 10 for dsrs", whatever its denominator. From funnel_points a DSR unit with 0 (or 5) events
    # has no derived denominator (D = 100,000·O/r is undefined for O = 0), and still gets that label.
    # 25 events at 250 per 100,000 -> D = 10,000, E = 10 at a baseline of 100: 99.8% Byars lower 12.3045 > 10.
    points = funnel_points([0, 5, 25], [0.0, 40.0, 250.0])
    assert np.isnan(points["denominator_derived"].iloc[0]) and points["denominator_derived"].iloc[2] == 10_000
    labels = funnel_significance(
        points["events"], points["denominator_derived"], statistic="rate", baseline=100, rate_type="dsr"
    )
    assert labels.tolist() == ["Not applicable for events less than 10 for dsrs"] * 2 + ["High (0.001)"]
    # a zero denominator beside no events is not an error for a DSR
    assert funnel_significance([0], [0], statistic="rate", baseline=100, rate_type="dsr").tolist() == [
        "Not applicable for events less than 10 for dsrs"
    ]


@settings(max_examples=60, deadline=None)
@given(st.integers(20, 5000), st.floats(0.02, 0.6), st.floats(0.0, 1.0))
def test_funnel_significance_agrees_with_funnel_limits(n, base, share):
    # property: a unit's label is where its value lies against the limits drawn at its own denominator
    x = round(share * n)
    limits = funnel_limits([1], [1], grid=[n], baseline=100 * base).iloc[0]
    label = funnel_significance([x], [n], baseline=100 * base).iloc[0]
    value = 100 * x / n
    if value > limits["upper_limit_99_8"] + 1e-9:
        assert label == "High (0.001)"
    elif value < limits["lower_limit_99_8"] - 1e-9 and limits["lower_limit_99_8"] > 0:
        assert label == "Low (0.001)"
    elif limits["lower_limit_95_0"] + 1e-9 < value < limits["upper_limit_95_0"] - 1e-9:
        assert label == "Not significant"
