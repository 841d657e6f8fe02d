"""Tests for lsc_phm.stats.standardisation: DSR (Dobson), ISR and SMR."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lsc_phm.stats import ESP2013, ESP2013_BANDS, dsr, dsr_grouped, dsr_non_independent, isr, smr


def test_esp2013_shape_and_total():
    assert isinstance(ESP2013, tuple)
    assert len(ESP2013) == 19 == len(ESP2013_BANDS)
    assert sum(ESP2013) == 100_000
    assert ESP2013_BANDS[0] == "0-4" and ESP2013_BANDS[-1] == "90+"
    assert ESP2013[0] == 5000 and ESP2013[-1] == 1000


def test_dsr_three_band_toy_standard_by_hand():
    # Standard w = (1, 2, 1), Σw = 4; counts x = (5, 20, 45); populations n = (1000, 2000, 3000)
    #   age-specific rates: 0.005, 0.010, 0.015
    #   D = (1·0.005 + 2·0.010 + 1·0.015) / 4 = 0.04 / 4 = 0.01  → 1000 per 100,000
    #   Var(D) = (1²·5/1000² + 2²·20/2000² + 1²·45/3000²) / 4² = (5e-6 + 20e-6 + 5e-6) / 16 = 1.875e-6
    #   O = 70; √(Var/O) = √(1.875e-6 / 70) = 1.636634e-4
    #   Byars(70): O_L = 54.566101, O_U = 88.442065
    #   lower = (0.01 + 1.636634e-4 × (54.566101 - 70)) × 1e5 = 747.4035
    #   upper = (0.01 + 1.636634e-4 × (88.442065 - 70)) × 1e5 = 1301.8291
    out = dsr([5, 20, 45], [1000, 2000, 3000], standard_population=[1, 2, 1])
    row = out.iloc[0]
    assert row["total_count"] == 70
    assert row["total_pop"] == 6000
    assert row["value"] == pytest.approx(1000.0, rel=1e-12)
    assert row["lowercl"] == pytest.approx(747.4035, abs=1e-4)
    assert row["uppercl"] == pytest.approx(1301.8291, abs=1e-4)
    assert row["statistic"] == "dsr per 100000"
    assert row["method"] == "Dobson"
    assert row["confidence"] == "95%"


def test_dsr_equals_crude_rate_when_age_specific_rates_equal():
    # Same rate (2 per 1000) in every band → DSR equals that rate whatever the standard
    pops = np.arange(1, 20) * 1000.0
    counts = pops * 0.002
    out = dsr(counts, pops, multiplier=1000)
    assert out.loc[0, "value"] == pytest.approx(2.0, rel=1e-12)


def test_dsr_small_numbers_rule():
    out = dsr([1, 2, 6], [100, 100, 100], standard_population=[1, 1, 1])
    assert out.loc[0, "total_count"] == 9
    assert out.loc[0, ["value", "lowercl", "uppercl"]].isna().all()
    assert out.loc[0, "statistic"] == "dsr NA for total count < 10"


def test_dsr_missing_count_treated_as_zero_and_two_levels():
    a = dsr([np.nan, 20, 45], [1000, 2000, 3000], [1, 2, 1], confidence=(95, 99.8))
    b = dsr([0, 20, 45], [1000, 2000, 3000], [1, 2, 1], confidence=(0.95, 0.998))
    pd.testing.assert_frame_equal(a, b)
    assert {"lower95_0cl", "upper95_0cl", "lower99_8cl", "upper99_8cl"} <= set(a.columns)
    assert a.loc[0, "lower99_8cl"] < a.loc[0, "lower95_0cl"] < a.loc[0, "value"]


@pytest.mark.parametrize(
    ("counts", "pops", "std", "message"),
    [
        ([1, 2], [10, 10, 10], [1, 1, 1], "counts, populations and standard_population must have the same length"),
        ([1, 2, 3], [10, 0, 10], [1, 1, 1], "populations must all be greater than zero"),
        ([1, 2, 3], [10, np.nan, 10], [1, 1, 1], "populations must not contain missing values"),
        ([1, 2, 3], [10, 10, 10], [1, -1, 1], "standard_population must all be greater than or equal to zero"),
        ([1, -2, 3], [10, 10, 10], [1, 1, 1], "counts must all be greater than or equal to zero"),
    ],
)
def test_dsr_errors(counts, pops, std, message):
    with pytest.raises(ValueError, match=f"^{message}$"):
        dsr(counts, pops, standard_population=std)


def test_dsr_grouped_matches_single_and_keeps_input():
    df = pd.DataFrame(
        {
            "area": ["A"] * 3 + ["B"] * 3,
            "year": [2020] * 6,
            "deaths": [5, 20, 45, 1, 2, 3],
            "pop": [1000, 2000, 3000] * 2,
            "std": [1, 2, 1] * 2,
        }
    )
    before = df.copy()
    out = dsr_grouped(df, "deaths", "pop", ["area", "year"], standard_population="std")
    pd.testing.assert_frame_equal(df, before)
    assert out["area"].tolist() == ["A", "B"]
    single = dsr([5, 20, 45], [1000, 2000, 3000], [1, 2, 1])
    assert out.loc[0, "value"] == pytest.approx(single.loc[0, "value"])
    assert out.loc[0, "uppercl"] == pytest.approx(single.loc[0, "uppercl"])
    assert out.loc[1, "statistic"] == "dsr NA for total count < 10"
    by_position = dsr_grouped(df, "deaths", "pop", "area", standard_population=[1, 2, 1])
    assert by_position.loc[0, "value"] == pytest.approx(single.loc[0, "value"])


def test_dsr_grouped_errors():
    df = pd.DataFrame({"area": ["A", "A"], "deaths": [1, 2], "pop": [10, 10]})
    with pytest.raises(ValueError, match="^column 'nope' not found in data$"):
        dsr_grouped(df, "nope", "pop", "area")
    with pytest.raises(ValueError, match=r"^each group must have one row per standard population band \(19 rows\)"):
        dsr_grouped(df, "deaths", "pop", "area")


def test_smr_hand_worked_byars():
    # Reference rates: 200/10000 = 0.02 and 400/10000 = 0.04
    # Expected E = 0.02·1000 + 0.04·1000 = 60; observed O = 30 + 50 = 80; SMR = 80/60 = 1.3333
    # O ≥ 10 → Byars limits of 80 divided by E
    out = smr([30, 50], [1000, 1000], [200, 400], [10_000, 10_000])
    row = out.iloc[0]
    assert row["expected"] == pytest.approx(60.0)
    assert row["observed"] == 80
    assert row["value"] == pytest.approx(4 / 3)
    z = 1.959963984540054
    byars_lower = 80 * (1 - 1 / 720 - z / (3 * np.sqrt(80))) ** 3
    byars_upper = 81 * (1 - 1 / 729 + z / (3 * 9)) ** 3
    assert row["lowercl"] == pytest.approx(byars_lower / 60, rel=1e-12)
    assert row["uppercl"] == pytest.approx(byars_upper / 60, rel=1e-12)
    assert row["method"] == "Byars"
    assert row["statistic"] == "indirectly standardised ratio"


def test_smr_exact_below_10_and_refvalue():
    # O = 5, E = 0.02·100 + 0.04·100 = 6 → exact limits (1.623486, 11.668332) / 6 × 100
    out = smr([2, 3], [100, 100], [200, 400], [10_000, 10_000], refvalue=100)
    row = out.iloc[0]
    assert row["value"] == pytest.approx(5 / 6 * 100)
    assert row["lowercl"] == pytest.approx(1.623486390 / 6 * 100, abs=1e-6)
    assert row["uppercl"] == pytest.approx(11.668332079 / 6 * 100, abs=1e-6)
    assert row["method"] == "Exact"
    assert row["statistic"] == "indirectly standardised ratio x 100"


def test_isr_is_smr_times_reference_rate():
    # crude reference rate = 600 / 20000 = 0.03 → 3000 per 100,000
    ratio = smr([30, 50], [1000, 1000], [200, 400], [10_000, 10_000])
    out = isr([30, 50], [1000, 1000], [200, 400], [10_000, 10_000])
    assert out.loc[0, "value"] == pytest.approx(4 / 3 * 3000)
    assert out.loc[0, "lowercl"] == pytest.approx(ratio.loc[0, "lowercl"] * 3000)
    assert out.loc[0, "statistic"] == "indirectly standardised rate per 100000"


def test_isr_observed_total_and_errors():
    out = isr([0, 0], [1000, 1000], [200, 400], [10_000, 10_000], observed_total=90)
    assert out.loc[0, "observed"] == 90
    with pytest.raises(ValueError, match="^reference_populations must all be greater than zero$"):
        isr([1, 2], [10, 10], [1, 1], [0, 10])
    with pytest.raises(ValueError, match="^populations must all be greater than or equal to zero$"):
        smr([1, 2], [-10, 10], [1, 1], [10, 10])
    with pytest.raises(
        ValueError, match="^counts, populations, reference_counts and reference_populations must have the same length$"
    ):
        smr([1], [10, 10], [1, 1], [10, 10])


# --------------------------------------------------------------------------- properties
@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=500), min_size=19, max_size=19).filter(lambda c: sum(c) >= 10),
    st.lists(st.integers(min_value=500, max_value=50_000), min_size=19, max_size=19),
)
def test_dsr_limits_bracket_value_and_widen(counts, pops):
    out = dsr(counts, pops, confidence=(0.95, 0.998))
    row = out.iloc[0]
    assert row["lower99_8cl"] <= row["lower95_0cl"] <= row["value"] <= row["upper95_0cl"] <= row["upper99_8cl"]


# --------------------------------------------------------------------------- checks of the published rules
def _byars_lower(o, z=1.959963984540054):
    # Byars (Breslow & Day 1987): O_L = O(1 - 1/(9O) - z/(3√O))³,
    # docs/methods.md#counts-and-crude-rates-byars-and-exact-poisson
    return o * (1 - 1 / (9 * o) - z / (3 * np.sqrt(o))) ** 3


def _byars_upper(o, z=1.959963984540054):
    return (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * np.sqrt(o + 1))) ** 3


def test_dsr_non_independent_events_hand_worked():
    # Fingertips technical guidance (DSR, non-independent events);
    # docs/methods.md#directly-standardised-rates-for-non-independent-events.
    # Two bands, w = (1, 1), n = (100, 200). Band 1: 5 people with 1 event, 2 people with 3 events
    # (x1 = 11); band 2: 4 people with 2 events (x2 = 8). O = 19, D = (11/100 + 8/200)/2 = 0.075.
    #   V_1 = 5·(1/100)²/4 = 1.25e-4; V_3 = 2·(1/100)²/4 = 0.5e-4; V_2 = 4·(1/200)²/4 = 2.5e-5
    #   Var(D) = 1·1.25e-4 + 9·0.5e-4 + 4·2.5e-5 = 6.75e-4 (independent formula: 3.25e-4)
    #   limits (D + √(Var/O)(O_L,U − O)) × 100 with Byars O_L(19) = 11.43386 → lower 2.99035
    out = dsr_non_independent(["a", "a", "b"], [1, 3, 2], [5, 2, 4], [100, 100, 200], [1, 1, 1], multiplier=100)
    row = out.iloc[0]
    assert row["total_count"] == 19 and row["total_individuals"] == 11
    assert row["value"] == pytest.approx(7.5)
    scale = np.sqrt(6.75e-4 / 19)
    assert row["lowercl"] == pytest.approx((0.075 + scale * (_byars_lower(19) - 19)) * 100, rel=1e-12)
    assert row["uppercl"] == pytest.approx((0.075 + scale * (_byars_upper(19) - 19)) * 100, rel=1e-12)
    assert row["lowercl"] == pytest.approx(2.99035, abs=1e-5)
    assert row["method"] == "Dobson, with confidence adjusted for non-independent events"
    # wider than treating the 19 events as independent
    independent = dsr([11, 8], [100, 200], [1, 1], multiplier=100).iloc[0]
    assert row["lowercl"] < independent["lowercl"] and row["value"] == independent["value"]


def test_dsr_non_independent_one_event_each_equals_dsr_and_small_numbers():
    counts, pops = [12, 20, 30], [1000, 2000, 1500]
    one = dsr_non_independent(["a", "b", "c"], [1, 1, 1], counts, pops, [5000, 6000, 7000])
    plain = dsr(counts, pops, [5000, 6000, 7000])
    for col in ("value", "lowercl", "uppercl"):
        assert one.loc[0, col] == pytest.approx(plain.loc[0, col], rel=1e-12)
    small = dsr_non_independent(["a", "a"], [1, 2], [3, 2], [100, 100], [1, 1])
    assert np.isnan(small.loc[0, "value"]) and small.loc[0, "statistic"] == "dsr NA for total count < 10"
    with pytest.raises(
        ValueError, match="^populations and standard_population must be the same on every row of a band$"
    ):
        dsr_non_independent(["a", "a"], [1, 2], [3, 2], [100, 200], [1, 1])
    with pytest.raises(ValueError, match="^frequency must be greater than zero on every row$"):
        dsr_non_independent(["a"], [0], [3], [100], [1])


def test_isr_and_smr_report_the_reference_rate_used():
    # reference: 600 events in 20,000 people → crude reference rate 3,000 per 100,000 (hand-worked)
    out_isr = isr([30, 50], [1000, 1000], [200, 400], [10_000, 10_000])
    assert out_isr.loc[0, "reference_rate"] == pytest.approx(3000.0)
    assert out_isr.loc[0, "value"] == pytest.approx(80 / 60 * 3000)
    out_smr = smr([30, 50], [1000, 1000], [200, 400], [10_000, 10_000], refvalue=100)
    assert out_smr.loc[0, "reference_value"] == 100
    assert out_smr.loc[0, "reference_rate"] == pytest.approx(3000.0)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(0, 40)), min_size=2, max_size=8))
def test_dsr_non_independent_never_narrower_than_independent(rows):
    # Var = Σ_f f²·V_f while treating the events as independent gives Σ_f f·V_f (x_i = Σ_f f·p_{i,f}),
    # so with f ≥ 1 the adjusted interval can only be as wide or wider.
    bands = [f"b{i % 3}" for i in range(len(rows))]
    pops = {"b0": 1000.0, "b1": 1500.0, "b2": 800.0}
    freq = [f for f, _ in rows]
    people = [p for _, p in rows]
    out = dsr_non_independent(bands, freq, people, [pops[b] for b in bands], [1.0] * len(rows)).iloc[0]
    x = pd.Series([f * p for f, p in rows]).groupby(bands).sum()
    independent = dsr(x.to_numpy(), [pops[b] for b in x.index], [1.0] * len(x)).iloc[0]
    if out["total_count"] < 10:
        assert np.isnan(out["value"])
    else:
        assert out["value"] == pytest.approx(independent["value"])
        assert out["lowercl"] <= independent["lowercl"] + 1e-9
        assert out["uppercl"] >= independent["uppercl"] - 1e-9


def test_dsr_grouped_with_repeat_events():
    # area A is the hand-worked example above (value 7.5 per 100, lower 2.99035); area B has one event each
    df = pd.DataFrame(
        {
            "area": ["A", "A", "A", "B", "B"],
            "band": ["a", "a", "b", "a", "b"],
            "f": [1, 3, 2, 1, 1],
            "people": [5, 2, 4, 12, 20],
            "pop": [100, 100, 200, 1000, 2000],
            "esp": [1, 1, 1, 1, 1],
        }
    )
    out = dsr_grouped(
        df, "people", "pop", "area", standard_population="esp", multiplier=100, frequency_col="f", band_col="band"
    )
    assert out["area"].tolist() == ["A", "B"]
    assert out.loc[0, "lowercl"] == pytest.approx(2.99035, abs=1e-5)
    plain = dsr([12, 20], [1000, 2000], [1, 1], multiplier=100)
    assert out.loc[1, "uppercl"] == pytest.approx(plain.loc[0, "uppercl"], rel=1e-12)
    with pytest.raises(ValueError, match="^with frequency_col, give band_col"):
        dsr_grouped(df, "people", "pop", "area", frequency_col="f")
