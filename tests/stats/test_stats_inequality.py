"""Tests for lsc_phm.stats.inequality: SII/RII, gaps, Core20 gap."""

from __future__ import annotations

import numpy as np
import pytest
import statsmodels.api as sm

from lsc_phm.stats import core20_gap, gap, proportion, rate, sii, wilson_ci

K = np.arange(1, 11)
EQUAL = np.full(10, 1000.0)
B_EQUAL = (K - 0.5) / 10  # ridits 0.05, 0.15, …, 0.95


def _ridit(pop):
    a = np.asarray(pop, float) / np.sum(pop)
    return np.cumsum(a) - a / 2, a


# --------------------------------------------------------------------------- SII point estimates
def test_perfectly_linear_gradient_gives_its_slope_with_tight_limits():
    # y = 100 + 50·B exactly; fitted line is the data, so SII = 50, RII = 150/100 = 1.5,
    # intercept 100, weighted R² = 1. With SE 1e-9 the simulated limits collapse onto 50.
    y = 100 + 50 * B_EQUAL
    out = sii(K, EQUAL, y, se=np.full(10, 1e-9), value_type="normal", seed=42)
    row = out.iloc[0]
    assert row["sii"] == pytest.approx(50.0, abs=1e-9)
    assert row["rii"] == pytest.approx(1.5, abs=1e-12)
    assert row["intercept"] == pytest.approx(100.0, abs=1e-9)
    assert row["r_squared"] == pytest.approx(1.0, abs=1e-12)
    assert row["sii_lower95_0cl"] == pytest.approx(50.0, abs=1e-6)
    assert row["sii_upper95_0cl"] == pytest.approx(50.0, abs=1e-6)
    assert row["value"] == row["sii"]
    assert (row["lowercl"], row["uppercl"]) == (row["sii_lower95_0cl"], row["sii_upper95_0cl"])
    assert row["statistic"] == "slope index of inequality"


def test_linear_gradient_with_unequal_populations():
    pop = np.array([500, 800, 1200, 1500, 900, 700, 1100, 1300, 600, 400], float)
    b, _ = _ridit(pop)
    y = 20 - 8 * b
    out = sii(K, pop, y, se=np.full(10, 1e-9), value_type="normal", seed=1, multiplier=100)
    assert out.loc[0, "sii"] == pytest.approx(-800.0, abs=1e-7)
    assert out.loc[0, "intercept"] == pytest.approx(20.0, abs=1e-9)  # unscaled by the multiplier


def test_point_estimate_matches_statsmodels_wls_and_is_order_independent():
    rng = np.random.default_rng(0)
    pop = rng.uniform(500, 2000, 10)
    y = rng.uniform(100, 300, 10)
    b, a = _ridit(pop)
    fit = sm.WLS(y, sm.add_constant(b), weights=a).fit()
    r2 = fit.rsquared
    shuffle = rng.permutation(10)
    out = sii(
        K[shuffle], pop[shuffle], y[shuffle], lower=y[shuffle] * 0.9, upper=y[shuffle] * 1.1, repetitions=1000, seed=3
    )
    assert out.loc[0, "sii"] == pytest.approx(fit.params[1], rel=1e-10)
    assert out.loc[0, "intercept"] == pytest.approx(fit.params[0], rel=1e-10)
    assert out.loc[0, "rii"] == pytest.approx((fit.params[0] + fit.params[1]) / fit.params[0], rel=1e-10)
    assert out.loc[0, "r_squared"] == pytest.approx(r2, rel=1e-10)


def test_simulated_limits_agree_with_analytic_normal_limits():
    # For normal values with known SEs the slope is linear in y, so
    # Var(β1) = Σ_k h_k² s_k² with h the slope row of (XᵀWX)⁻¹XᵀW.
    y = np.array([30, 28, 25, 24, 22, 20, 19, 17, 15, 14], float)
    s = np.full(10, 1.5)
    design = np.column_stack([np.ones(10), B_EQUAL])
    w = np.diag(np.full(10, 0.1))
    h = np.linalg.inv(design.T @ w @ design) @ design.T @ w
    slope = (h @ y)[1]
    sd = np.sqrt(np.sum(h[1] ** 2 * s**2))
    out = sii(K, EQUAL, y, se=s, value_type="normal", seed=2024)
    assert out.loc[0, "sii"] == pytest.approx(slope)
    assert out.loc[0, "sii_lower95_0cl"] == pytest.approx(slope - 1.959964 * sd, abs=0.05 * sd)
    assert out.loc[0, "sii_upper95_0cl"] == pytest.approx(slope + 1.959964 * sd, abs=0.05 * sd)


def test_seed_reproducible_and_multiple_levels():
    y = np.linspace(300, 150, 10)
    a = sii(K, EQUAL, y, y * 0.9, y * 1.1, confidence=[0.95, 0.998], seed=7)
    b = sii(K, EQUAL, y, y * 0.9, y * 1.1, confidence=[95, 99.8], seed=7)
    assert a.equals(b)
    row = a.iloc[0]
    assert (
        row["sii_lower99_8cl"] < row["sii_lower95_0cl"] < row["sii"] < row["sii_upper95_0cl"] < row["sii_upper99_8cl"]
    )
    assert row["rii_lower99_8cl"] < row["rii"] < row["rii_upper99_8cl"]
    assert row["confidence"] == "95%, 99.8%"
    assert "lower95_0cl" in a.columns and "lowercl" not in a.columns


def test_transform_exponential_gradient():
    # y = 100·exp(0.7·B): on the log scale the fit is exact, γ0 = ln 100, γ1 = 0.7
    #   SII = 100(e^0.7 - 1) = 101.3753, RII = e^0.7 = 2.0138, intercept = 100
    y = 100 * np.exp(0.7 * B_EQUAL)
    out = sii(K, EQUAL, y, lower=y * (1 - 1e-9), upper=y * (1 + 1e-9), transform=True, seed=5)
    row = out.iloc[0]
    assert row["sii"] == pytest.approx(100 * (np.exp(0.7) - 1), rel=1e-9)
    assert row["rii"] == pytest.approx(np.exp(0.7), rel=1e-9)
    assert row["intercept"] == pytest.approx(100.0, rel=1e-9)
    assert row["r_squared"] == pytest.approx(1.0)
    assert row["sii_lower95_0cl"] == pytest.approx(row["sii"], rel=1e-6)
    assert row["transform"] == "log"


def test_negative_multiplier_flips_sii_and_inverts_rii():
    p = np.linspace(0.30, 0.12, 10)
    lo, hi = p * 0.9, p * 1.1
    pos = sii(K, EQUAL, p, lo, hi, value_type="proportion", multiplier=100, seed=9)
    neg = sii(K, EQUAL, p, lo, hi, value_type="proportion", multiplier=-100, seed=9)
    assert neg.loc[0, "sii"] == pytest.approx(-pos.loc[0, "sii"])
    # same draws; the R-th order statistics are off by one rank after negation, hence rel=1e-3
    assert neg.loc[0, "sii_lower95_0cl"] == pytest.approx(-pos.loc[0, "sii_upper95_0cl"], rel=1e-3)
    assert neg.loc[0, "rii"] == pytest.approx(1 / pos.loc[0, "rii"])
    t_pos = sii(K, EQUAL, p, lo, hi, value_type="proportion", multiplier=100, transform=True, seed=9)
    t_neg = sii(K, EQUAL, p, lo, hi, value_type="proportion", multiplier=-100, transform=True, seed=9)
    assert t_neg.loc[0, "sii_lower95_0cl"] == pytest.approx(-t_pos.loc[0, "sii_upper95_0cl"])
    assert t_neg.loc[0, "rii_upper95_0cl"] == pytest.approx(1 / t_pos.loc[0, "rii_lower95_0cl"])


def test_national_positions():
    # Local populations are uneven, but national positions put decile k at (k - 0.5)/10.
    pop = np.array([3000, 2500, 2000, 1500, 1000, 800, 600, 400, 200, 100], float)
    y = 100 + 50 * B_EQUAL
    out = sii(K, pop, y, se=np.full(10, 1e-9), value_type="normal", positions="national", seed=0)
    assert out.loc[0, "sii"] == pytest.approx(50.0, abs=1e-9)
    local = sii(K, pop, y, se=np.full(10, 1e-9), value_type="normal", seed=0)
    assert local.loc[0, "sii"] != pytest.approx(50.0, abs=1e-3)
    # explicit unequal national shares (normalised) change the positions
    shares = np.arange(1, 11, dtype=float)
    b_nat, _ = _ridit(shares)
    y2 = 10 + 4 * b_nat
    out2 = sii(
        K,
        pop,
        y2,
        se=np.full(10, 1e-9),
        value_type="normal",
        positions="national",
        national_population_shares=shares,
        seed=0,
    )
    assert out2.loc[0, "sii"] == pytest.approx(4.0, abs=1e-9)
    assert out2.loc[0, "positions"] == "national"


def test_r_squared_flags_non_linear_gradient():
    y = np.array([10, 50, 10, 50, 10, 50, 10, 50, 10, 50], float)
    out = sii(K, EQUAL, y, se=np.ones(10), value_type="normal", repetitions=1000, seed=0)
    assert out.loc[0, "r_squared"] < 0.2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"quantile": [1, 2, 3, 4, 6]}, "quantiles must be numbered 1 to 5 with none missing"),
        ({"population": [1, 1, 0, 1, 1]}, "population must be greater than zero for every quantile"),
        ({"value": [1, 2, np.nan, 4, 5]}, "value must not be missing"),
        ({"se": None, "lower": None}, "either se or both lower and upper must be supplied"),
        ({"se": [1, 1, -1, 1, 1]}, "se must be greater than or equal to zero and not missing"),
        ({"se": None, "upper": [2, 3, np.nan, 5, 6]}, "lower and upper must not be missing"),
        ({"value_type": "count"}, "value_type must be one of 'rate', 'proportion', 'normal'"),
        (
            {"value_type": "normal", "transform": True},
            "transform can only be used with value_type 'rate' or 'proportion'",
        ),
        ({"transform": True}, "transform requires lower and upper confidence limits, not se"),
        ({"value": [1, 2, 0, 4, 5]}, "for value_type 'rate', value, lower and upper must be greater than zero"),
        (
            {"value_type": "proportion"},
            "for value_type 'proportion', value, lower and upper must be strictly between 0 and 1",
        ),
        ({"repetitions": 999}, "repetitions must be an integer of at least 1000"),
        ({"positions": "regional"}, "positions must be 'local' or 'national'"),
        (
            {"positions": "national", "national_population_shares": [1, 1]},
            "national_population_shares must have one positive value per quantile",
        ),
        ({"confidence": 0.5}, "confidence level must be between 90 and 100 or between 0.9 and 1"),
    ],
)
def test_sii_errors(kwargs, message):
    args = {
        "quantile": [1, 2, 3, 4, 5],
        "population": [1, 1, 1, 1, 1],
        "value": [1, 2, 3, 4, 5],
        "lower": [0.5, 1, 2, 3, 4],
        "upper": [2, 3, 4, 5, 6],
        "se": [0.1] * 5,
        "repetitions": 1000,
    }
    args.update(kwargs)
    with pytest.raises(ValueError, match=f"^{message}$"):
        sii(**args)


def test_sii_quantile_count_errors():
    with pytest.raises(ValueError, match="^the number of quantiles must be between 5 and 100$"):
        sii([1, 2, 3, 4], [1] * 4, [1, 2, 3, 4], se=[0.1] * 4, value_type="normal")
    with pytest.raises(ValueError, match="^the number of quantiles must be between 5 and 100$"):
        sii(np.arange(1, 102), np.ones(101), np.ones(101), se=np.ones(101), value_type="normal")
    with pytest.raises(ValueError, match="^each quantile must appear exactly once$"):
        sii([1, 2, 3, 4, 5, 5], [1] * 6, [1, 2, 3, 4, 5, 5], se=[0.1] * 6, value_type="normal")
    with pytest.raises(ValueError, match="^quantile, population and value must have the same length$"):
        sii([1, 2, 3, 4, 5], [1] * 4, [1, 2, 3, 4, 5], se=[0.1] * 5, value_type="normal")


def test_hundred_quantiles_allowed():
    k = np.arange(1, 101)
    out = sii(k, np.ones(100), 5 + 0.1 * k, se=np.full(100, 0.5), value_type="normal", repetitions=1000, seed=0)
    assert out.loc[0, "n_quantiles"] == 100


# --------------------------------------------------------------------------- gaps
def test_gap_hand_worked():
    # a = 300 (270, 330), b = 150 (130, 170), 95% limits
    #   absolute: d = 150; MOVER L = 150 - √(30² + 20²) = 150 - 36.0555 = 113.9445
    #                            U = 150 + √(30² + 20²) = 186.0555
    #   relative: 2; SE(log a) = ln(330/270)/(2·1.959964) = 0.051193,
    #                SE(log b) = ln(170/130)/(2·1.959964) = 0.068437, SE = 0.085465
    #             limits 2·exp(∓1.959964·0.085465) = 1.691542, 2.364707
    out = gap([1, 2, 3, 4, 5], [300, 250, 200, 180, 150], [270, 220, 175, 160, 130], [330, 280, 225, 200, 170])
    ab, rel = out.iloc[0], out.iloc[1]
    assert ab["statistic"] == "absolute gap (a - b)"
    assert (ab["group_a"], ab["group_b"]) == ("1", "5")
    assert ab["value"] == pytest.approx(150.0)
    assert ab["lowercl"] == pytest.approx(150 - np.sqrt(1300), rel=1e-12)
    assert ab["uppercl"] == pytest.approx(150 + np.sqrt(1300), rel=1e-12)
    assert rel["value"] == pytest.approx(2.0)
    assert rel["lowercl"] == pytest.approx(1.691542, abs=1e-6)
    assert rel["uppercl"] == pytest.approx(2.364707, abs=1e-6)
    assert bool(ab["significant"]) is True
    assert ab["significance"] == "Significant difference: the 83.4% confidence intervals do not overlap"


def test_gap_mover_reproduces_newcombe_published_example():
    # Newcombe (1998) Stat Med 17:873, example (a): 56/70 vs 48/80, difference 0.2,
    # method 10 (score interval with MOVER) gives 0.0524 to 0.3339.
    w1, w2 = wilson_ci(56, 70), wilson_ci(48, 80)
    out = gap(
        [1, 2],
        [56 / 70, 48 / 80],
        [w1.loc[0, "lowercl"], w2.loc[0, "lowercl"]],
        [w1.loc[0, "uppercl"], w2.loc[0, "uppercl"]],
        value_type="proportion",
    )
    assert out.loc[0, "value"] == pytest.approx(0.2)
    assert out.loc[0, "lowercl"] == pytest.approx(0.0524, abs=5e-5)
    assert out.loc[0, "uppercl"] == pytest.approx(0.3339, abs=5e-5)


def test_gap_overlap_rule():
    # Normal values with SE 1 (95% half-width 1.96): 83.4% half-width = Φ⁻¹(0.917)·1 = 1.3852.
    # Difference 2.9 → intervals (−1.385, 1.385) and (1.515, 4.285) do not overlap; 2.7 overlaps.
    z = 1.959963984540054
    sep = gap([1, 2], [0.0, 2.9], [-z, 2.9 - z], [z, 2.9 + z], value_type="normal")
    close = gap([1, 2], [0.0, 2.7], [-z, 2.7 - z], [z, 2.7 + z], value_type="normal")
    assert bool(sep.loc[0, "significant"]) is True
    assert bool(close.loc[0, "significant"]) is False
    assert close.loc[0, "significance"] == "No significant difference: the 83.4% confidence intervals overlap"
    # the MOVER interval of the difference still contains 0 at 2.7 (< 1.96·√2 = 2.77)
    assert close.loc[0, "lowercl"] < 0


def test_gap_zero_limit_cannot_be_assessed_on_log_scale():
    out = gap([1, 2], [5.0, 50.0], [0.0, 40.0], [20.0, 60.0], value_type="rate")
    assert out["significant"].isna().all()
    assert out.loc[0, "significance"] == "Cannot be assessed: a confidence limit is zero or missing"
    assert np.isnan(out.loc[1, "lowercl"])
    assert out.loc[0, "value"] == pytest.approx(-45.0)


def test_gap_choose_groups_and_errors():
    out = gap(
        ["Q1", "Q2", "Q3"], [3.0, 2.0, 1.0], [2.0, 1.5, 0.5], [4.0, 2.5, 1.5], most_deprived="Q2", least_deprived="Q3"
    )
    assert out.loc[0, "value"] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="^quantile 'Q9' not found$"):
        gap(["Q1", "Q2"], [1, 2], [0.5, 1], [2, 3], most_deprived="Q9")
    with pytest.raises(ValueError, match="^each quantile must appear exactly once$"):
        gap([1, 1], [1, 2], [0.5, 1], [2, 3])
    with pytest.raises(ValueError, match="^gap accepts a single confidence level$"):
        gap([1, 2], [1, 2], [0.5, 1], [2, 3], confidence=(0.95, 0.998))


def test_core20_gap_pools_counts():
    # Core20 = deciles 1-2: (30 + 28) / 2000 = 2.9%; rest = 125 / 8000 = 1.5625%
    x = [30, 28, 20, 20, 18, 16, 15, 14, 12, 10]
    out = core20_gap(range(1, 11), x, [1000] * 10, value_type="proportion")
    a = proportion(58, 2000)
    b = proportion(125, 8000)
    row = out.iloc[0]
    assert (row["group_a"], row["group_b"]) == ("Core20", "Rest")
    assert row["value"] == pytest.approx(2.9 - 1.5625)
    # Newcombe MOVER from the two Wilson intervals
    expected_lo = (2.9 - 1.5625) - np.sqrt((2.9 - a.loc[0, "lowercl"]) ** 2 + (b.loc[0, "uppercl"] - 1.5625) ** 2)
    assert row["lowercl"] == pytest.approx(expected_lo, rel=1e-12)


def test_core20_gap_rates_and_errors():
    out = core20_gap([1, 2, 3, 4, 5], [50, 45, 30, 25, 20], [10_000] * 5, core20_quantiles=(1,))
    r_a, r_b = rate(50, 10_000), rate(120, 40_000)
    assert out.loc[0, "value_a"] == pytest.approx(r_a.loc[0, "value"])
    assert out.loc[1, "value"] == pytest.approx(500 / 300)
    assert out.loc[0, "uppercl"] == pytest.approx(
        200 + np.sqrt((r_a.loc[0, "uppercl"] - 500) ** 2 + (300 - r_b.loc[0, "lowercl"]) ** 2)
    )
    with pytest.raises(ValueError, match="^both Core20 and the rest must contain at least one row$"):
        core20_gap([3, 4], [1, 2], [10, 10])
    with pytest.raises(ValueError, match="^value_type must be one of 'rate', 'proportion'$"):
        core20_gap([1, 2], [1, 2], [10, 10], value_type="normal")
