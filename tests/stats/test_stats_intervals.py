"""Tests for lsc_phm.stats.intervals: Wilson, Byars, exact Poisson, rates, means."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.rates import confint_poisson
from statsmodels.stats.weightstats import DescrStatsW

from lsc_phm.stats import byars_ci, exact_poisson_ci, mean_ci, proportion, rate, wilson_ci

CONTRACT = ["value", "lowercl", "uppercl", "confidence", "statistic", "method"]


# --------------------------------------------------------------------------- Wilson
def test_wilson_hand_worked_10_of_50():
    # Worked by hand, c = 0.95:
    #   z = Φ⁻¹(0.975) = 1.959963985,  z² = 3.841458821
    #   2x + z² = 20 + 3.841458821 = 23.841458821
    #   4x(1 - x/n) = 40 × 0.8 = 32;  √(z² + 32) = √35.841458821 = 5.986773657
    #   z·√(...) = 11.733860751;      2(n + z²) = 107.682917641
    #   L = (23.841458821 - 11.733860751) / 107.682917641 = 0.112437500
    #   U = (23.841458821 + 11.733860751) / 107.682917641 = 0.330371059
    out = wilson_ci(10, 50)
    assert list(out.columns) == CONTRACT
    assert out.loc[0, "value"] == pytest.approx(0.2)
    assert out.loc[0, "lowercl"] == pytest.approx(0.112437500, abs=1e-9)
    assert out.loc[0, "uppercl"] == pytest.approx(0.330371059, abs=1e-9)
    assert out.loc[0, "method"] == "Wilson"
    assert out.loc[0, "confidence"] == "95%"


def test_wilson_matches_statsmodels_on_a_grid():
    x = np.array([0, 1, 3, 10, 25, 49, 50], dtype=float)
    n = np.full_like(x, 50.0)
    for c in (0.9, 0.95, 0.998):
        lo, hi = proportion_confint(x, n, alpha=1 - c, method="wilson")
        out = wilson_ci(x, n, confidence=c)
        np.testing.assert_allclose(out["lowercl"], lo, rtol=0, atol=1e-12)
        np.testing.assert_allclose(out["uppercl"], hi, rtol=0, atol=1e-12)


def test_wilson_matches_statsmodels_for_fractional_counts_and_large_denominators():
    # the limits are written out in lsc_phm.stats (the dashboard does not import statsmodels): same numbers as
    # statsmodels for population-weighted (fractional) counts and ICB-sized denominators too
    x = np.array([0.0, 0.4, 7.5, 1234.25, 250_000.0, 1_701_655.0])
    n = np.array([1.0, 2.0, 30.0, 98_765.5, 1_701_655.0, 1_701_655.0])
    for c in (0.95, 0.998):
        lo, hi = proportion_confint(x, n, alpha=1 - c, method="wilson")
        out = wilson_ci(x, n, confidence=c)
        np.testing.assert_allclose(out["lowercl"], lo, rtol=1e-13, atol=1e-15)
        np.testing.assert_allclose(out["uppercl"], hi, rtol=1e-13, atol=1e-15)


def test_wilson_confidence_one_is_zero_to_one():
    out = wilson_ci(3, 10, confidence=1)
    assert (out.loc[0, "lowercl"], out.loc[0, "uppercl"]) == (0.0, 1.0)


def test_proportion_percentage_and_two_levels():
    out = proportion([10, 45], [50, 90], confidence=(0.95, 0.998))
    assert list(out.columns) == [
        "numerator", "denominator", "value",
        "lower95_0cl", "upper95_0cl", "lower99_8cl", "upper99_8cl",
        "confidence", "statistic", "method",
    ]  # fmt: skip
    assert out.loc[0, "value"] == pytest.approx(20.0)
    assert out.loc[0, "lower95_0cl"] == pytest.approx(11.24375, abs=1e-5)
    assert out.loc[0, "confidence"] == "95%, 99.8%"
    assert out.loc[0, "statistic"] == "percentage"
    # 99.8% is wider than 95%
    assert (out["lower99_8cl"] < out["lower95_0cl"]).all()
    assert (out["upper99_8cl"] > out["upper95_0cl"]).all()


def test_proportion_percent_confidence_and_multiplier_label():
    a = proportion(10, 50, confidence=95, multiplier=1000)
    b = proportion(10, 50, confidence=0.95, multiplier=1000)
    pd.testing.assert_frame_equal(a, b)
    assert a.loc[0, "statistic"] == "proportion of 1000"
    assert proportion(10, 50, multiplier=1).loc[0, "statistic"] == "proportion"


def test_proportion_missing_numerator_gives_missing_row():
    out = proportion([np.nan, 5], [10, 10])
    assert out.loc[0, ["value", "lowercl", "uppercl"]].isna().all()
    assert out.loc[1, "value"] == pytest.approx(50.0)


@pytest.mark.parametrize(
    ("x", "n", "message"),
    [
        (-1, 10, "numerators must be greater than or equal to zero"),
        (1, 0, "denominators must be greater than zero"),
        (11, 10, "numerators must be less than or equal to denominators for a proportion"),
    ],
)
def test_proportion_errors(x, n, message):
    with pytest.raises(ValueError, match=f"^{message}$"):
        proportion(x, n)
    with pytest.raises(ValueError, match=f"^{message}$"):
        wilson_ci(x, n)


@pytest.mark.parametrize("bad", [0.5, 89, 101, 1.5, "95%", (0.9, 0.95, 0.998), []])
def test_confidence_errors(bad):
    with pytest.raises(ValueError) as err:
        proportion(1, 10, confidence=bad)
    assert str(err.value) in (
        "confidence level must be between 90 and 100 or between 0.9 and 1",
        "two confidence levels can only be given as 0.95 and 0.998 (95 and 99.8)",
    )


def test_confidence_exact_messages():
    with pytest.raises(ValueError, match="^confidence level must be between 90 and 100 or between 0.9 and 1$"):
        rate(1, 10, confidence=0.8)
    with pytest.raises(
        ValueError, match=r"^two confidence levels can only be given as 0.95 and 0.998 \(95 and 99.8\)$"
    ):
        rate(1, 10, confidence=(0.9, 0.95))


def test_proportion_length_mismatch():
    with pytest.raises(ValueError, match="^x, n must have the same length$"):
        proportion([1, 2, 3], [10, 10])


# --------------------------------------------------------------------------- Poisson
def test_byars_hand_worked_100():
    # O = 100, z = 1.959963985:
    #   lower base = 1 - 1/900 - z/(3·10) = 1 - 0.001111111 - 0.065332133 = 0.933556756
    #   O_L = 100 × 0.933556756³ = 81.3621
    #   upper base = 1 - 1/909 + z/(3·√101) = 1 - 0.001100110 + 0.065007902 = 1.063907792
    #   O_U = 101 × 1.063907792³ = 121.6279
    out = byars_ci(100)
    assert out.loc[0, "lowercl"] == pytest.approx(81.3621055, abs=1e-6)
    assert out.loc[0, "uppercl"] == pytest.approx(121.6279376, abs=1e-6)
    assert out.loc[0, "method"] == "Byars"
    # Byars approximates the exact interval closely at O = 100
    lo, hi = confint_poisson(100, 1, method="exact-c", alpha=0.05)
    assert out.loc[0, "lowercl"] == pytest.approx(lo, rel=1e-4)
    assert out.loc[0, "uppercl"] == pytest.approx(hi, rel=1e-4)


def test_exact_poisson_zero_and_five():
    # O = 0: lower 0 by definition; upper = χ²_0.975(2)/2 = -ln(0.025) = 3.688879454
    # O = 5: lower = χ²_0.025(10)/2 = 3.246972780/2 = 1.623486390
    #        upper = χ²_0.975(12)/2 = 23.336664159/2 = 11.668332079
    out = exact_poisson_ci([0, 5])
    assert out.loc[0, "lowercl"] == 0.0
    assert out.loc[0, "uppercl"] == pytest.approx(-math.log(0.025), rel=1e-12)
    assert out.loc[1, "lowercl"] == pytest.approx(1.623486390, abs=1e-8)
    assert out.loc[1, "uppercl"] == pytest.approx(11.668332079, abs=1e-8)
    lo, hi = confint_poisson(np.array([0.0, 5.0]), np.ones(2), method="exact-c", alpha=0.05)
    np.testing.assert_allclose(out["lowercl"], lo, atol=1e-10)
    np.testing.assert_allclose(out["uppercl"], hi, atol=1e-10)


def test_byars_ci_switches_to_exact_below_10():
    out = byars_ci([0, 9, 10])
    assert out["method"].tolist() == ["Exact", "Exact", "Byars"]
    assert out.loc[0, "lowercl"] == 0.0
    pure = byars_ci([9], exact_below=0)
    assert pure.loc[0, "method"] == "Byars"
    assert pure.loc[0, "lowercl"] != pytest.approx(out.loc[1, "lowercl"])


def test_byars_negative_lower_limit_is_missing():
    # O = 1 at 99.8%: 1 - 1/9 - 3.0902/3 < 0, so the Byars lower limit is NaN
    out = byars_ci(1, confidence=0.998, exact_below=0)
    assert np.isnan(out.loc[0, "lowercl"])


def test_rate_values_methods_and_statistic():
    out = rate([5, 100], [10_000, 50_000])
    assert out["value"].tolist() == pytest.approx([50.0, 200.0])
    assert out["method"].tolist() == ["Exact", "Byars"]
    assert out.loc[0, "lowercl"] == pytest.approx(1.623486390 / 10_000 * 100_000, rel=1e-9)
    assert out.loc[1, "uppercl"] == pytest.approx(121.6279376 / 50_000 * 100_000, rel=1e-9)
    assert out.loc[0, "statistic"] == "rate per 100000"


def test_rate_missing_count_gives_missing_row():
    out = rate([np.nan, 12], [1000, 1000])
    assert out.loc[0, ["value", "lowercl", "uppercl"]].isna().all()
    assert out["method"].tolist() == ["NA", "Byars"]


def test_rate_allows_numerator_above_denominator():
    out = rate(20, 10, multiplier=1)
    assert out.loc[0, "value"] == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("x", "n", "message"),
    [(-1, 10, "numerators must be greater than or equal to zero"), (1, 0, "denominators must be greater than zero")],
)
def test_rate_errors(x, n, message):
    with pytest.raises(ValueError, match=f"^{message}$"):
        rate(x, n)


def test_count_errors():
    with pytest.raises(ValueError, match="^counts must be greater than or equal to zero$"):
        byars_ci(-1)
    with pytest.raises(ValueError, match="^counts must be greater than or equal to zero$"):
        exact_poisson_ci(-1)
    with pytest.raises(ValueError, match="^multiplier must be a finite non-zero number$"):
        rate(1, 10, multiplier=0)
    with pytest.raises(ValueError, match="^x must be numeric$"):
        rate(["a"], [10])


# --------------------------------------------------------------------------- Means
def test_mean_hand_worked():
    # values 20, 30, 40: mean 30, sample sd = √((100 + 0 + 100)/2) = 10
    # t_0.975(2) = 4.302652730; half-width = 4.302652730 × 10 / √3 = 24.841377
    out = mean_ci([20, 30, 40])
    assert out.loc[0, "value"] == pytest.approx(30.0)
    assert out.loc[0, "stdev"] == pytest.approx(10.0)
    assert out.loc[0, "lowercl"] == pytest.approx(30 - 24.841377, abs=1e-6)
    assert out.loc[0, "uppercl"] == pytest.approx(30 + 24.841377, abs=1e-6)
    lo, hi = DescrStatsW(np.array([20.0, 30.0, 40.0])).tconfint_mean(alpha=0.05)
    assert (out.loc[0, "lowercl"], out.loc[0, "uppercl"]) == pytest.approx((lo, hi), abs=1e-10)
    assert out.loc[0, "method"] == "Student's t-distribution"


def test_mean_nan_propagates_and_single_value():
    assert np.isnan(mean_ci([1.0, np.nan, 3.0]).loc[0, "value"])
    one = mean_ci([5.0])
    assert one.loc[0, "value"] == 5.0
    assert np.isnan(one.loc[0, "lowercl"])
    with pytest.raises(ValueError, match="^values must contain at least one value$"):
        mean_ci([])


# --------------------------------------------------------------------------- properties
counts_and_denominators = st.integers(min_value=1, max_value=100_000).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
)
levels = st.floats(min_value=0.9, max_value=0.999)


@settings(max_examples=200, deadline=None)
@given(counts_and_denominators, levels)
def test_wilson_limits_in_unit_interval_and_contain_estimate(xn, c):
    x, n = xn
    out = wilson_ci(x, n, confidence=c)
    lo, hi = out.loc[0, "lowercl"], out.loc[0, "uppercl"]
    assert 0.0 <= lo <= x / n + 1e-12
    assert x / n - 1e-12 <= hi <= 1.0


@settings(max_examples=200, deadline=None)
@given(counts_and_denominators, levels, levels)
def test_wilson_widens_with_confidence(xn, c1, c2):
    x, n = xn
    lo_c, hi_c = sorted((c1, c2))
    narrow = wilson_ci(x, n, confidence=lo_c)
    wide = wilson_ci(x, n, confidence=hi_c)
    assert wide.loc[0, "lowercl"] <= narrow.loc[0, "lowercl"] + 1e-12
    assert wide.loc[0, "uppercl"] >= narrow.loc[0, "uppercl"] - 1e-12


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=50_000), levels, levels)
def test_poisson_intervals_widen_with_confidence(o, c1, c2):
    lo_c, hi_c = sorted((c1, c2))
    narrow = byars_ci(o, confidence=lo_c)
    wide = byars_ci(o, confidence=hi_c)
    assert wide.loc[0, "lowercl"] <= narrow.loc[0, "lowercl"] + 1e-9
    assert wide.loc[0, "uppercl"] >= narrow.loc[0, "uppercl"] - 1e-9


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=100_000),
    st.floats(min_value=1.0, max_value=1e7, allow_nan=False),
    st.sampled_from([0.95, 0.998, 99.0]),
)
def test_rate_limits_contain_the_rate(x, n, c):
    out = rate(x, n, confidence=c)
    assert out.loc[0, "lowercl"] <= out.loc[0, "value"] * (1 + 1e-12)
    assert out.loc[0, "value"] <= out.loc[0, "uppercl"] * (1 + 1e-12)


def test_exact_limits_match_chi2_definition_for_small_counts():
    for o in range(1, 10):
        out = exact_poisson_ci(o, confidence=0.998)
        assert out.loc[0, "lowercl"] == pytest.approx(stats.chi2.ppf(0.001, 2 * o) / 2, rel=1e-12)
        assert out.loc[0, "uppercl"] == pytest.approx(stats.chi2.ppf(0.999, 2 * o + 2) / 2, rel=1e-12)
