"""Tests for lsc_phm.stats.life_expectancy (Chiang II with Silcocks variance)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lsc_phm.stats import LE_AGE_BANDS, healthy_life_expectancy, life_expectancy, life_expectancy_grouped

Z95 = 1.959963984540054


def _table(d19: float = 0.0, p19: float = 1000.0, d20: float = 100.0, p20: float = 500.0, p: float = 1000.0):
    deaths = [0.0] * 18 + [d19, d20]
    pops = [p] * 18 + [p19, p20]
    return deaths, pops


def test_bands():
    assert len(LE_AGE_BANDS) == 20
    assert LE_AGE_BANDS[:3] == ("0", "1-4", "5-9") and LE_AGE_BANDS[-1] == "90+"


def test_deaths_only_in_open_interval_exact():
    # Nobody dies before 90, so l_x = 100,000 up to 90 and L = width × 100,000.
    # T_0 = 90 × 100,000 + l_90 / M_90, with M_90 = 100/500 = 0.2  → e_0 = 90 + 5 = 95
    # Var(e_0) = W_90 / l_0² = l_90² / (D M²) / l_0² = 1 / (100 × 0.04) = 0.25 → SE = 0.5
    deaths, pops = _table()
    out = life_expectancy(deaths, pops)
    assert len(out) == 1
    row = out.iloc[0]
    assert row["age_band"] == "0"
    assert row["value"] == pytest.approx(95.0, rel=1e-12)
    assert row["lowercl"] == pytest.approx(95.0 - Z95 * 0.5, rel=1e-12)
    assert row["uppercl"] == pytest.approx(95.0 + Z95 * 0.5, rel=1e-12)
    assert row["statistic"] == "life expectancy at birth"
    assert row["method"] == "Chiang II abridged life table, Silcocks variance"
    assert row["pops_used"] == 18_500 + 1000
    assert row["dths_used"] == 100


def test_hand_computed_85_89_row():
    # Deaths at 85-89: D = 50, P = 1000, n = 5, a = 0.5 → M = 0.05
    #   q = 5·0.05 / (1 + 5·0.05·0.5) = 0.25 / 1.125 = 2/9 = 0.222222
    #   l_85 = 100,000; l_90 = 100,000 × 7/9 = 77,777.78; d_85 = 22,222.22
    #   L_85 = 5 × (77,777.78 + 0.5 × 22,222.22) = 444,444.44
    #   L_90 = l_90 / M_90 = 77,777.78 / 0.2 = 388,888.89
    #   e_85 = (444,444.44 + 388,888.89) / 100,000 = 8.333333;  e_90 = 5
    #   e_0 = (85 × 100,000 + 833,333.33) / 100,000 = 93.333333
    # Variance:
    #   s²_85 = q²(1 - q)/D = (4/81)(7/9)/50 = 7.681756e-4
    #   W_85 = l_85² ((1 - a)n + e_90)² s² = 1e10 × 7.5² × 7.681756e-4 = 4.320988e8
    #   W_90 = l_90² / (D_90 M_90²) = 6.049383e9 / 4 = 1.512346e9
    #   Var(e_85) = (W_85 + W_90) / l_85² = 0.1944444 (= 7/36); Var(e_0) is the same (l_0 = l_85)
    #   Var(e_90) = W_90 / l_90² = 1 / (100 × 0.04) = 0.25
    deaths, pops = _table(d19=50)
    out = life_expectancy(deaths, pops, all_ages=True)
    assert len(out) == 20
    by_age = out.set_index("start_age")
    assert by_age.loc[85, "value"] == pytest.approx(25 / 3, rel=1e-12)
    assert by_age.loc[90, "value"] == pytest.approx(5.0, rel=1e-12)
    assert by_age.loc[0, "value"] == pytest.approx(280 / 3, rel=1e-12)
    se85 = np.sqrt(7 / 36)
    assert by_age.loc[85, "uppercl"] == pytest.approx(25 / 3 + Z95 * se85, rel=1e-12)
    assert by_age.loc[0, "lowercl"] == pytest.approx(280 / 3 - Z95 * se85, rel=1e-12)
    assert by_age.loc[90, "uppercl"] == pytest.approx(5 + Z95 * 0.5, rel=1e-12)
    assert by_age.loc[65, "statistic"] == "life expectancy at age 65"
    assert by_age.loc[65, "value"] == pytest.approx(280 / 3 - 65, rel=1e-12)


def test_band_order_and_labels_are_flexible():
    deaths, pops = _table(d19=50)
    labels = [b.replace("-", " – ") for b in LE_AGE_BANDS[:-1]] + ["90 +"]
    order = np.arange(20)[::-1]
    out = life_expectancy(np.array(deaths)[order], np.array(pops)[order], age_bands=[labels[i] for i in order])
    assert out.loc[0, "value"] == pytest.approx(280 / 3, rel=1e-12)
    assert out.loc[0, "age_band"] == "0"


def test_several_confidence_levels():
    deaths, pops = _table()
    out = life_expectancy(deaths, pops, confidence=[0.9, 0.95, 0.998])
    assert {"lower90_0cl", "upper95_0cl", "lower99_8cl"} <= set(out.columns)
    assert out.loc[0, "confidence"] == "90%, 95%, 99.8%"
    assert out.loc[0, "lower99_8cl"] < out.loc[0, "lower95_0cl"] < out.loc[0, "lower90_0cl"]


def test_wide_interval_suppresses_value_but_keeps_limits():
    # D_90 = 1, P_90 = 100 → M = 0.01, e_90 = 100, SE = (1/M)/√D = 100 → 1.96·SE > 10
    deaths, pops = _table(d20=1, p20=100)
    out = life_expectancy(deaths, pops)
    assert np.isnan(out.loc[0, "value"])
    assert out.loc[0, "statistic"] == "life expectancy suppressed: 95% confidence interval wider than 20 years"
    assert out.loc[0, "lowercl"] == pytest.approx(190 - Z95 * 100)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"p": 100.0}, "life expectancy not calculated: total population 5,000 or fewer"),
        ({"d20": 0.0}, "life expectancy not calculated: no deaths in the 90+ age band"),
        ({"d19": -1.0}, "life expectancy not calculated: deaths must be greater than or equal to zero"),
        ({"p19": 0.0}, "life expectancy not calculated: population must be greater than zero in every age band"),
        ({"d19": 2000.0}, "life expectancy not calculated: deaths exceed population in an age band"),
        ({"d19": np.nan}, "life expectancy not calculated: missing deaths or population"),
    ],
)
def test_not_calculated_rules(change, reason):
    deaths, pops = _table(**change)
    out = life_expectancy(deaths, pops, all_ages=True)
    assert out["value"].isna().all()
    assert out["lowercl"].isna().all()
    assert (out["statistic"] == reason).all()


def test_population_of_exactly_5000_is_not_calculated():
    deaths = [0.0] * 19 + [10.0]
    pops = [250.0] * 20  # total 5,000
    out = life_expectancy(deaths, pops)
    assert out.loc[0, "statistic"] == "life expectancy not calculated: total population 5,000 or fewer"


def test_errors():
    with pytest.raises(ValueError, match="^deaths, populations and age_bands must have the same length$"):
        life_expectancy([1] * 19, [100] * 20)
    with pytest.raises(ValueError, match="^ages must be start ages of the age bands; not found: 66$"):
        life_expectancy(*_table(), ages=[66])
    with pytest.raises(ValueError, match="^cannot read a start age from age band 'old'$"):
        life_expectancy([1] * 20, [100] * 20, age_bands=list(LE_AGE_BANDS[:-1]) + ["old"])


def test_realistic_table_is_plausible():
    # A smooth Gompertz-like mortality schedule: LE at birth should be about 75-90
    starts = np.array([0, 1, *range(5, 95, 5)])
    pops = np.full(20, 5000.0)
    rates = 0.00005 * np.exp(0.09 * starts)
    rates[0] = 0.004
    out = life_expectancy(rates * pops, pops, all_ages=True)
    e = out["value"].to_numpy()
    assert 70 < e[0] < 95
    assert np.all(np.diff(e[1:]) < 0)  # falls with age after infancy
    assert (out["lowercl"] < out["value"]).all() and (out["value"] < out["uppercl"]).all()


def test_grouped():
    deaths, pops = _table(d19=50)
    df = pd.DataFrame(
        {
            "area": ["A"] * 20 + ["B"] * 20,
            "age": list(LE_AGE_BANDS) * 2,
            "deaths": deaths + _table()[0],
            "pop": pops + _table()[1],
        }
    )
    out = life_expectancy_grouped(df, "deaths", "pop", "age", "area")
    assert out["area"].tolist() == ["A", "B"]
    assert out["value"].tolist() == pytest.approx([280 / 3, 95.0])


# --------------------------------------------------------------------------- checks of the published rules
BANDS_85 = ("0", "1-4") + tuple(f"{a}-{a + 4}" for a in range(5, 85, 5)) + ("85+",)  # 19 bands, open at 85


def test_a_table_without_90_plus_or_with_a_gap_gives_no_value_and_the_reason():
    # PHEindicatormethods gives no life expectancy unless the bands run 0, 1-4, ..., 85-89, 90+. Taking 85+ as the
    # open band would give 90.0 here (e_0 = 85 + 1/M with M = 100/500), and a missing 5-9 band would be spread
    # silently over "1-4" (width 9): both give no value and say why.
    out = life_expectancy([0.0] * 18 + [100.0], [1000.0] * 18 + [500.0], age_bands=BANDS_85)
    assert np.isnan(out.loc[0, "value"]) and np.isnan(out.loc[0, "lowercl"])
    assert out.loc[0, "statistic"] == (
        "life expectancy not calculated: the last age band must be the open-ended "
        "90+ band, as in OHID and ONS life tables, not '85+'"
    )
    gap = [band for band in LE_AGE_BANDS if band != "5-9"]
    out = life_expectancy(*_table(), age_bands=LE_AGE_BANDS)
    assert out.loc[0, "value"] == pytest.approx(95.0)  # the same deaths with every band present (hand-worked above)
    out = life_expectancy([0.0] * 18 + [100.0], [1000.0] * 18 + [500.0], age_bands=gap)
    assert np.isnan(out.loc[0, "value"])
    assert out.loc[0, "statistic"] == (
        "life expectancy not calculated: the age bands leave a gap between '1-4' and '10-14' (ages 5 to 9 are missing)"
    )
    closed = list(LE_AGE_BANDS[:-1]) + ["90-94"]
    assert "not '90-94'" in life_expectancy(*_table(), age_bands=closed).loc[0, "statistic"]


@pytest.mark.parametrize(
    ("bands", "reason"),
    [
        ([str(5 * i + 1) for i in range(20)], "life expectancy not calculated: the first age band must start at age 0"),
        (["0"] * 2 + list(LE_AGE_BANDS[2:]), "life expectancy not calculated: two age bands start at the same age"),
    ],
)
def test_unusable_bands_give_a_reason_not_an_error(bands, reason):
    out = life_expectancy(*_table(), age_bands=bands)
    assert np.isnan(out.loc[0, "value"]) and out.loc[0, "statistic"] == reason


def test_grouped_bad_group_does_not_abort_the_others():
    # A group with 19 bands (85+), one with an unreadable band label and one with deaths above
    # population each get a row with the reason; the good group is still calculated.
    good_d, good_p = _table(d19=50)
    df = pd.DataFrame(
        {
            "area": ["A"] * 20 + ["B"] * 19 + ["C"] * 20 + ["D"] * 20,
            "age": list(LE_AGE_BANDS) + list(BANDS_85) + list(LE_AGE_BANDS[:-1]) + ["old"] + list(LE_AGE_BANDS),
            "deaths": good_d + [0.0] * 18 + [100.0] + good_d + [0.0] * 18 + [2000.0, 100.0],
            "pop": good_p + [1000.0] * 18 + [500.0] + good_p + good_p,
        }
    )
    out = life_expectancy_grouped(df, "deaths", "pop", "age", "area")
    assert out["area"].tolist() == ["A", "B", "C", "D"]
    assert out["value"].iloc[0] == pytest.approx(280 / 3)  # hand-worked above
    assert np.isnan(out.loc[1, "value"]) and "not '85+'" in out.loc[1, "statistic"]  # no 90+ band: no value
    assert np.isnan(out.loc[2, "value"]) and np.isnan(out.loc[3, "value"])
    assert out.loc[2, "statistic"] == "life expectancy not calculated: cannot read a start age from age band 'old'"
    assert out.loc[3, "statistic"] == "life expectancy not calculated: deaths exceed population in an age band"


def test_choose_ages_to_return():
    # e_65 = e_0 - 65 when nobody dies before 85 (hand-worked table above: e_0 = 280/3)
    out = life_expectancy(*_table(d19=50), ages=[65, 0])
    assert out["start_age"].tolist() == [65, 0]
    assert out["value"].tolist() == pytest.approx([280 / 3 - 65, 280 / 3])
    grouped = life_expectancy_grouped(
        pd.DataFrame({"area": ["A"] * 20, "age": list(LE_AGE_BANDS), "deaths": _table()[0], "pop": _table()[1]}),
        "deaths",
        "pop",
        "age",
        "area",
        ages=[90],
    )
    assert grouped["value"].tolist() == pytest.approx([5.0])


def test_healthy_life_expectancy_sullivan_hand_worked():
    # Nobody dies before 90 (D_90 = 100, P_90 = 500): l = 100,000 throughout; L_j = width × 100,000,
    # L_90 = l/M = 500,000. Good health π = 0.8 everywhere → HLE_0 = 0.8 × e_0 = 0.8 × 95 = 76.
    # Variance with N = 100 respondents per band: π(1 - π)/N = 0.0016,
    #   Σ L_j² = (1² + 4² + 17 × 5² + 5²) × 1e10 = 467e10, Var = 467e10 × 0.0016 / 1e10 = 0.7472
    deaths, pops = _table()
    out = healthy_life_expectancy(deaths, pops, [0.8] * 20, [100] * 20)
    row = out.iloc[0]
    assert row["value"] == pytest.approx(76.0, rel=1e-12)
    assert row["life_expectancy"] == pytest.approx(95.0, rel=1e-12)
    assert row["lowercl"] == pytest.approx(76.0 - Z95 * np.sqrt(0.7472), rel=1e-12)
    assert row["proportion_of_life_in_good_health"] == pytest.approx(80.0)
    assert row["statistic"] == "healthy life expectancy at birth"
    # π = 1 below 65 and 0.5 from 65: HLE_0 = 65 + 0.5 × (5 × 5 + 5) = 80, HLE_65 = 15 (e_65 = 30)
    pi = [1.0] * 14 + [0.5] * 6
    by_age = healthy_life_expectancy(deaths, pops, pi, ages=[0, 65])
    assert by_age["value"].tolist() == pytest.approx([80.0, 15.0])
    assert by_age["lowercl"].isna().all()  # no respondents → no interval
    bad = healthy_life_expectancy(*_table(p=100.0), [0.8] * 20)
    assert bad.loc[0, "statistic"] == "healthy life expectancy not calculated: total population 5,000 or fewer"
    with pytest.raises(ValueError, match="^good_health must be a proportion between 0 and 1 in every age band$"):
        healthy_life_expectancy(deaths, pops, [80] * 20)
