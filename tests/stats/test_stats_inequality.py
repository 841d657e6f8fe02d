"""Tests for lsc_phm.stats.inequality: SII/RII, gaps, Core20 gap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from lsc_phm.stats import core20_gap, gap, proportion, rate, sii, sii_grouped, wilson_ci

K = np.arange(1, 11)
EQUAL = np.full(10, 1000.0)
B_EQUAL = (K - 0.5) / 10  # ridits 0.05, 0.15, …, 0.95


def _ridit(pop):
    a = np.asarray(pop, float) / np.sum(pop)
    return np.cumsum(a) - a / 2, a


# --------------------------------------------------------------------------- SII point estimates
def test_perfectly_linear_gradient_gives_its_slope_with_tight_limits():
    # y = 100 + 50·B exactly; fitted line is the data, so SII = 50, RII (most / least deprived
    # end, B = 0 over B = 1) = 100/150 = 0.6667, intercept 100, weighted R² = 1. With SE 1e-9 the simulated limits
    # collapse onto 50.
    y = 100 + 50 * B_EQUAL
    out = sii(K, EQUAL, y, se=np.full(10, 1e-9), value_type="normal", seed=42)
    row = out.iloc[0]
    assert row["sii"] == pytest.approx(50.0, abs=1e-9)
    assert row["rii"] == pytest.approx(100 / 150, abs=1e-12)
    assert row["rii_direction"] == "most deprived / least deprived"
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
    # most deprived end (B = 0) over least deprived end (B = 1); PHEindicatormethods reports the reciprocal
    assert out.loc[0, "rii"] == pytest.approx(fit.params[0] / (fit.params[0] + fit.params[1]), rel=1e-10)
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
    #   SII = 100(e^0.7 - 1) = 101.3753, RII (most / least) = e^-0.7 = 0.4966, intercept = 100
    y = 100 * np.exp(0.7 * B_EQUAL)
    out = sii(K, EQUAL, y, lower=y * (1 - 1e-9), upper=y * (1 + 1e-9), transform=True, seed=5)
    row = out.iloc[0]
    assert row["sii"] == pytest.approx(100 * (np.exp(0.7) - 1), rel=1e-9)
    assert row["rii"] == pytest.approx(np.exp(-0.7), rel=1e-9)
    assert row["rii_lower95_0cl"] == pytest.approx(np.exp(-0.7), rel=1e-6)
    assert row["rii_upper95_0cl"] == pytest.approx(np.exp(-0.7), rel=1e-6)
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
    assert (
        ab["significance"] == "Significant at the 95% level: the 95% confidence interval of the difference excludes 0"
    )
    assert bool(rel["significant"]) is True  # ratio interval (1.69, 2.36) excludes 1


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


def test_gap_verdict_agrees_with_its_own_interval_near_the_boundary():
    # Intervals that barely miss each other, but whose difference's interval contains 0:
    #   a = 10 (SE 0.1), b = 10.58 (SE 0.3), 95% limits value ∓ 1.959964·SE.
    #   difference -0.58; MOVER half-width √((1.959964·0.1)² + (1.959964·0.3)²) = 0.619795
    #   interval (-1.199795, 0.039795) contains 0, so NOT significant.
    # An 83.4%-overlap rule would say significant: 10 ± 1.3852·0.1 = (9.861, 10.139) and
    #   10.58 ± 1.3852·0.3 = (10.164, 10.996) do not overlap.
    z = 1.959963984540054
    out = gap(
        [1, 2], [10.0, 10.58], [10 - z * 0.1, 10.58 - z * 0.3], [10 + z * 0.1, 10.58 + z * 0.3], value_type="normal"
    )
    ab = out.iloc[0]
    assert ab["lowercl"] == pytest.approx(-1.199795, abs=1e-6)
    assert ab["uppercl"] == pytest.approx(0.039795, abs=1e-6)
    assert bool(ab["significant"]) is False
    assert (
        ab["significance"]
        == "Not significant at the 95% level: the 95% confidence interval of the difference includes 0"
    )


@pytest.mark.parametrize("seed", range(30))
def test_gap_verdict_never_contradicts_interval(seed):
    # property: on every row, significant <=> the interval shown excludes the null (0 or 1)
    rng = np.random.default_rng(seed)
    v = rng.uniform(5, 50, 2)
    half = rng.uniform(0.1, 5, 2)
    out = gap([1, 2], v, v - half, v + half, value_type="rate", confidence=float(rng.choice([0.95, 0.998])))
    for row, null in zip(out.itertuples(), (0.0, 1.0), strict=True):
        assert bool(row.significant) == (row.lowercl > null or row.uppercl < null)


def test_gap_zero_limit_cannot_be_assessed_on_log_scale():
    # a = 5 (0, 20), b = 50 (40, 60): difference -45, MOVER (-45 - √(5² + 10²), -45 + √(15² + 10²))
    # = (-56.18, -26.97) excludes 0; the ratio needs log(0), so it cannot be assessed.
    out = gap([1, 2], [5.0, 50.0], [0.0, 40.0], [20.0, 60.0], value_type="rate")
    assert bool(out.loc[0, "significant"]) is True
    assert out.loc[0, "uppercl"] == pytest.approx(-45 + np.sqrt(325))
    assert pd.isna(out.loc[1, "significant"])
    assert (
        out.loc[1, "significance"]
        == "Cannot be assessed: the 95% confidence interval of the ratio cannot be calculated"
    )
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


# --------------------------------------------------------------------------- SII: levels of limits, grouping
def _wilson(x, n, level):
    w = wilson_ci(x, n, level)
    return w["lowercl"].to_numpy(), w["uppercl"].to_numpy()


X_COUNTS = np.array([300, 280, 260, 240, 230, 210, 200, 185, 170, 160], float)
N_COUNTS = np.full(10, 2000.0)


def test_sii_uses_the_confidence_level_of_the_limits_it_is_given():
    # 99.8% limits read as if they were 95% limits would make every SE too large by
    # z_0.999 / z_0.975 = 3.090232 / 1.959964 = 1.5767, and the SII interval as much too wide.
    # With the level stated, 99.8% Wilson limits give the same SEs (to the Wilson asymmetry) as the
    # 95% ones.
    p = X_COUNTS / N_COUNTS
    lo95, hi95 = _wilson(X_COUNTS, N_COUNTS, 0.95)
    lo998, hi998 = _wilson(X_COUNTS, N_COUNTS, 0.998)
    ref = sii(K, N_COUNTS, p, lo95, hi95, value_type="proportion", multiplier=100, confidence=0.998, seed=11)
    ok = sii(
        K,
        N_COUNTS,
        p,
        lo998,
        hi998,
        value_type="proportion",
        multiplier=100,
        confidence=0.998,
        seed=11,
        limits_confidence=0.998,
    )
    wrong = sii(K, N_COUNTS, p, lo998, hi998, value_type="proportion", multiplier=100, confidence=0.998, seed=11)

    def width(o):
        return o.loc[0, "sii_upper99_8cl"] - o.loc[0, "sii_lower99_8cl"]

    assert width(ok) == pytest.approx(width(ref), rel=0.01)
    assert width(wrong) / width(ref) == pytest.approx(3.090232 / 1.959964, rel=0.02)
    assert ok.loc[0, "limits_confidence"] == "99.8%"


def test_sii_from_counts_matches_sii_from_wilson_limits():
    # counts x_k / n_k: value x/n and SEs from the 95% Wilson limits of the counts (no rounding)
    p = X_COUNTS / N_COUNTS
    lo, hi = _wilson(X_COUNTS, N_COUNTS, 0.95)
    by_limits = sii(K, N_COUNTS, p, lo, hi, value_type="proportion", multiplier=100, seed=4)
    by_counts = sii(K, N_COUNTS, numerator=X_COUNTS, value_type="proportion", multiplier=100, seed=4)
    cols = ["sii", "sii_lower95_0cl", "sii_upper95_0cl", "rii", "rii_lower95_0cl", "rii_upper95_0cl"]
    assert by_counts[cols].to_numpy() == pytest.approx(by_limits[cols].to_numpy(), rel=1e-12)
    # weights from population, value from a separate denominator
    pop = np.linspace(1000, 3000, 10)
    sep = sii(K, pop, numerator=X_COUNTS, denominator=N_COUNTS, value_type="proportion", repetitions=1000, seed=4)
    b, a = _ridit(pop)
    fit = sm.WLS(p, sm.add_constant(b), weights=a).fit()
    assert sep.loc[0, "sii"] == pytest.approx(fit.params[1], rel=1e-10)
    with pytest.raises(ValueError, match="^numerator and denominator can only be given for value_type 'proportion'$"):
        sii(K, N_COUNTS, numerator=X_COUNTS, value_type="rate")
    with pytest.raises(ValueError, match="^numerator must be between 0 and denominator"):
        sii(K, N_COUNTS, numerator=X_COUNTS * 10, value_type="proportion")


@pytest.mark.slow  # ten batches of 10,000 and of 100,000 simulations
def test_sii_reliability_reports_spread_of_repeated_simulations():
    # Monte Carlo spread of an order statistic shrinks like 1/√R: 100,000 draws should be about
    # √10 = 3.16 times steadier than 10,000 draws (checked loosely: at least 2 times).
    y = np.linspace(300, 150, 10)
    small = sii(K, EQUAL, y, y * 0.9, y * 1.1, repetitions=10_000, seed=3, reliability=True)
    large = sii(K, EQUAL, y, y * 0.9, y * 1.1, repetitions=100_000, seed=3, reliability=True)
    assert small.loc[0, "sii_mad95_0"] > 0 and small.loc[0, "rii_mad95_0"] > 0
    assert small.loc[0, "sii_mad95_0"] / large.loc[0, "sii_mad95_0"] > 2
    # the reported limits are those of the first batch: the same as without reliability
    plain = sii(K, EQUAL, y, y * 0.9, y * 1.1, repetitions=10_000, seed=3)
    assert small.loc[0, "sii_lower95_0cl"] == plain.loc[0, "sii_lower95_0cl"]
    assert "sii_mad95_0" not in plain.columns


def test_sii_grouped_several_areas_and_a_bad_group():
    y_a = 100 + 50 * B_EQUAL
    y_b = 40 - 10 * B_EQUAL
    df = pd.DataFrame(
        {
            "area": ["A"] * 10 + ["B"] * 10 + ["C"] * 9 + ["D"] * 10,
            "q": list(K) * 2 + list(K[:9]) + list(K),
            "pop": [1000.0] * 39,
            "y": list(y_a) + list(y_b) + list(y_a[:9]) + [1.0] * 9 + [float("nan")],
            "se": [1e-9] * 39,
        }
    )
    out = sii_grouped(df, "area", "q", "pop", "y", se_col="se", value_type="normal", repetitions=1000, seed=1)
    assert out["area"].tolist() == ["A", "B", "C", "D"]
    assert out["sii"].iloc[:2].tolist() == pytest.approx([50.0, -10.0])  # slopes of the two exact lines
    assert out.loc[2, "note"] == "not calculated: quantile(s) 10 missing in this group"
    assert out.loc[3, "note"] == "not calculated: value must not be missing"
    assert out["sii"].iloc[2:].isna().all()


def test_sii_options_object_and_keywords_give_the_same_result():
    # The options dataclass holds the 11 fitting and simulation settings; both call paths give the same result.
    from lsc_phm.stats import SiiOptions

    y = np.array([30.0, 27, 25, 22, 20, 18, 15, 13, 11, 10])
    options = SiiOptions(value_type="normal", confidence=[0.95, 0.998], repetitions=2000, seed=3)
    by_options = sii(K, EQUAL, y, se=np.full(10, 0.5), options=options)
    by_keywords = sii(
        K, EQUAL, y, se=np.full(10, 0.5), value_type="normal", confidence=[0.95, 0.998], repetitions=2000, seed=3
    )
    pd.testing.assert_frame_equal(by_options, by_keywords)
    # a keyword overrides the options object; a misspelt setting is an error, not ignored
    assert sii(K, EQUAL, y, se=np.full(10, 0.5), options=options, multiplier=-1)["sii"].iloc[0] == pytest.approx(
        -by_options["sii"].iloc[0]
    )
    with pytest.raises(TypeError, match="unexpected keyword argument.*confidnce"):
        sii(K, EQUAL, y, se=np.full(10, 0.5), options=options, confidnce=0.95)
