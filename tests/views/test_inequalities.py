"""Page data for the inequalities page, checked against figures computed by hand from the database."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from lsc_phm import indicators
from lsc_phm.domain import indicator_data
from lsc_phm.reports import inequality_sentences
from lsc_phm.stats import sii, wilson_ci
from lsc_phm.views import inequalities, inequality_funnel, inequality_measures, inequality_series
from lsc_phm.views import inequality_measures as M


def _hand_deciles(db, icb, indicator_id, period, place=""):
    return db.execute(
        """
        select l.imd_decile as g, sum(v.numerator) as x, sum(v.denominator) as n, count(*) as lsoas
        from mart_lsoas l join mart_indicator_values v
          on v.area_code = l.lsoa_code and v.area_level = 'lsoa' and v.indicator_id = $i and v.period = $p
             and (v.imd_vintage = l.imd_vintage or v.imd_vintage is null)
        where l.imd_vintage = $vintage and l.icb_code = $icb and ($place = '' or l.place_code = $place)
        group by 1 order by 1
        """,
        {"i": indicator_id, "p": period, "vintage": icb.imd_vintage, "icb": icb.code, "place": place},
    )


def test_national_deciles_match_hand_sums(db, icb2025):
    result = inequalities.gradient(db, icb2025, "pct_disabled", "lsoa", "national", 10, "2021")
    hand = _hand_deciles(db, icb2025, "pct_disabled", "2021")
    assert list(result.table["deprivation_group"]) == list(range(1, 11))
    assert result.table["units"].tolist() == hand["lsoas"].tolist()
    expected = (100 * hand["x"] / hand["n"]).round(2).to_numpy()
    assert np.allclose(result.table["value"].to_numpy(), expected, atol=0.006)
    assert (result.table["lowercl"] < result.table["value"]).all()
    assert (result.table["uppercl"] > result.table["value"]).all()
    assert result.table["group_label"].iloc[0] == "1 (most deprived)"
    assert result.table["group_label"].iloc[-1] == "10 (least deprived)"


def test_national_quintiles_pool_decile_pairs(db, icb2025):
    deciles = inequalities.gradient(db, icb2025, "pct_disabled", "lsoa", "national", 10, "2021").table
    quintiles = inequalities.gradient(db, icb2025, "pct_disabled", "lsoa", "national", 5, "2021").table
    assert quintiles["units"].iloc[0] == deciles["units"].iloc[0] + deciles["units"].iloc[1]
    assert quintiles["numerator"].iloc[0] == deciles["numerator"].iloc[0] + deciles["numerator"].iloc[1]


def test_local_quintiles_have_equal_numbers_of_lsoas(db, icb2025):
    result = inequalities.gradient(db, icb2025, "pct_disabled", "lsoa", "local", 5, "2021")
    assert result.table["units"].tolist() == [212] * 5  # 1,060 LSOAs in QE1 (2021 LSOAs)
    # the most deprived local fifth holds the highest IMD scores
    units = result.units
    assert (
        units.loc[units["deprivation_group"] == 1, "imd_score"].min()
        >= units.loc[units["deprivation_group"] == 2, "imd_score"].max()
    )


def test_place_filter_restricts_lsoas(db, icb2019):
    result = inequalities.gradient(
        db, icb2019, "pct_aged_65_plus", "lsoa", "local", 5, "mid-2020", area="QE1-E06000009"
    )
    assert result.table["units"].sum() == 94  # Blackpool has 94 LSOAs (2011)


def test_sii_has_the_right_sign_on_real_data(db, icb2025):
    # disability is more common where people are more deprived: the SII (most minus least deprived) is positive
    disabled = inequalities.gradient(db, icb2025, "pct_disabled", "lsoa", "national", 10, "2021")
    table = inequality_measures.measures(db, icb2025, disabled).table.set_index("measure")
    local = table.loc[M.SII_LOCAL]
    national = table.loc[M.SII_NATIONAL]
    assert local["value"] > 0 and local["lowercl"] > 0
    assert national["value"] > 0
    assert local["reading"].endswith("percentage points higher in the most deprived")
    # older people live in less deprived areas: negative SII
    older = inequalities.gradient(db, icb2025, "pct_aged_65_plus", "lsoa", "national", 10, "2021")
    assert inequality_measures.measures(db, icb2025, older).table.set_index("measure").loc[M.SII_LOCAL, "value"] < 0


def test_measures_are_reproducible_and_core20_gap_uses_pooled_counts(db, icb2025):
    result = inequalities.gradient(db, icb2025, "pct_disabled", "lsoa", "national", 10, "2021")
    first = inequality_measures.measures(db, icb2025, result)
    second = inequality_measures.measures(db, icb2025, result)
    assert first.table.equals(second.table)
    hand = _hand_deciles(db, icb2025, "pct_disabled", "2021")
    core = hand[hand["g"] <= 2]
    rest = hand[hand["g"] > 2]
    expected = 100 * core["x"].sum() / core["n"].sum() - 100 * rest["x"].sum() / rest["n"].sum()
    gap = first.table.set_index("measure").loc[M.CORE20_GAP, "value"]
    assert gap == pytest.approx(expected, abs=1e-3)
    sentence = inequality_sentences.gradient_sentence(
        indicators.get("pct_disabled"), first.most_deprived, first.least_deprived, 10, "national"
    )
    assert sentence.startswith("Disabled (Equality Act): ")
    assert first.r_squared > 0.9 and first.linear
    assert inequality_sentences.linearity_warning(first.r_squared, inequality_measures.LINEARITY_THRESHOLD) == ""


def test_indicator_without_counts_has_no_intervals(db, icb2019):
    result = inequalities.gradient(db, icb2019, "income_deprivation_rate", "lsoa", "national", 10, "2019")
    assert not result.has_ci
    assert result.table["lowercl"].isna().all()
    measures = inequality_measures.measures(db, icb2019, result).table.set_index("measure")
    assert measures.loc[M.SII_LOCAL, "value"] > 0  # income deprivation is higher in the most deprived
    assert np.isnan(measures.loc[M.SII_LOCAL, "lowercl"])
    assert "needs counts" in measures.loc[M.CORE20_GAP, "note"]


def test_practice_groups_weighted_by_list_size(db, icb2025):
    result = inequalities.gradient(db, icb2025, "qof_hyp", "practice", "local", 5, "2024-25")
    shares = result.table["population"] / result.table["population"].sum()
    assert (shares.between(0.15, 0.25)).all()
    hand = db.execute(
        "select sum(register) x, sum(list_size) n from stg_qof__prevalence q join stg_gp_practices__deprivation d "
        "using (practice_code) where q.icb_code = 'E54000048' and q.period = '2024-25' and q.group_code = 'HYP'"
    )
    assert result.table["numerator"].sum() == hand["x"].iloc[0]
    assert result.table["denominator"].sum() == hand["n"].iloc[0]


def test_weighted_groups_and_errors():
    import pandas as pd

    groups = inequalities.weighted_groups(pd.Series([50.0, 40, 30, 20, 10]), pd.Series([1.0, 1, 1, 1, 1]), 5)
    assert groups.tolist() == [1, 2, 3, 4, 5]
    with pytest.raises(ValueError, match="weights greater than zero"):
        inequalities.weighted_groups(pd.Series([1.0]), pd.Series([0.0]), 5)


def test_national_framing_is_refused_for_practices(db, icb2025):
    with pytest.raises(ValueError, match="national deciles exist for LSOAs only"):
        inequalities.gradient(db, icb2025, "qof_hyp", "practice", "national", 5)
    with pytest.raises(ValueError, match="groups must be 5"):
        inequalities.gradient(db, icb2025, "pct_disabled", "lsoa", "local", 4)


def test_ward_gradient(db, icb2019):
    result = inequalities.gradient(db, icb2019, "income_deprivation_rate", "ward", "local", 5, "2019")
    assert result.table["units"].sum() == 320
    assert result.table["value"].iloc[0] > result.table["value"].iloc[-1]


def test_hle_series_names_missing_districts_and_best_worst_gap(db, icb2019):
    hle = inequality_series.published_series(db, icb2019, "hle_male", "district")
    assert "Burnley" in hle.missing and "Preston" in hle.missing
    latest = hle.latest[hle.latest["value"].notna()]
    assert hle.best_worst["gap"] == pytest.approx(latest["value"].max() - latest["value"].min(), abs=0.05)
    assert hle.series["is_england"].any()


def test_plain_sentence_wording():
    from lsc_phm import indicators

    text = inequality_sentences.gradient_sentence(indicators.get("qof_hyp"), 21.0, 15.0, 5, "local")
    assert text.startswith("People in the most deprived fifth of this area have hypertension recorded 1.4 times")


def test_a_crude_gradient_carries_its_age_caveat_in_the_same_sentence(db, icb2025):
    # QOF hypertension by local practice decile, whole ICB, 2024-25: 25,502 / 177,359 = 14.38% in the most deprived
    # tenth against 36,062 / 190,813 = 18.90% in the least: recorded less often where more deprived, and crude
    # (part of the difference may come from the practices' different ages), so the sentence itself says so
    result = inequalities.gradient(db, icb2025, "qof_hyp", "practice", "local", 10, "2024-25")
    measures = inequality_measures.measures(db, icb2025, result)
    assert (measures.most_deprived, measures.least_deprived) == (14.38, 18.90)
    text = inequality_sentences.gradient_sentence(
        indicators.get("qof_hyp"), measures.most_deprived, measures.least_deprived, 10, "local"
    )
    assert text.startswith("People in the most deprived tenth of this area have hypertension recorded less often")
    assert "14.38% vs 18.90%" in text and "crude prevalence not adjusted for age" in text
    assert text.count(". ") == 0 and text.endswith(").")  # one sentence: the caveat is not a separate sentence
    # an age-standardised or non-crude indicator carries no such caveat
    assert "adjusted for age" not in inequality_sentences.gradient_sentence(
        indicators.get("income_deprivation_rate"), 30.0, 3.5, 10, "national"
    )


def test_trend_lines_never_mix_single_year_and_pooled_periods(db, icb2019):
    # Fingertips 92445 (routine and manual smoking): some districts switch from single years to 3-year pooled periods
    result = inequality_series.published_series(db, icb2019, "smoking_routine_manual", "district")
    for _, line in result.series.groupby("area_code"):
        kinds = {re.sub(r"\d", "9", str(p)) for p in line["period"]}
        assert len(kinds) == 1, (line["area_code"].iloc[0], sorted(line["period"]))
    raw = indicator_data.series(db, icb2019, "smoking_routine_manual", ["E06000009"])
    assert {re.sub(r"\d", "9", p) for p in raw["period"]} == {"9999", "9999 - 99"}  # the source does mix them


def test_local_sii_over_the_deciles_present_when_an_icb_has_no_decile_1(db):
    # NHS Frimley ICB (QNQ) has no LSOA in national IMD decile 1 in either vintage: the local SII is the slope of a
    # population-weighted regression on the ridits of the 9 groups present (computed here with numpy's weighted
    # polyfit), the national SII cannot be calculated, and neither raises (the national one says why instead of
    # "quantiles must be numbered 1 to 9 with none missing").
    from lsc_phm.domain import geography

    icb = geography.resolve_icb(db, "QNQ", 2025)
    result = inequalities.gradient(db, icb, "pct_disabled", "lsoa", "national", 10, "2021")
    table = result.table
    assert table["deprivation_group"].tolist() == list(range(2, 11))
    share = (table["population"] / table["population"].sum()).to_numpy()
    ridit = np.cumsum(share) - share / 2
    value = 100 * table["numerator"].to_numpy(float) / table["denominator"].to_numpy(float)  # unrounded, as stats.sii
    slope = np.polyfit(ridit, value, 1, w=np.sqrt(share))[0]
    rows = inequality_measures.measures(db, icb, result).table.set_index("measure")
    local = rows.loc[M.SII_LOCAL]
    assert local["value"] == pytest.approx(-slope, abs=0.001)  # most minus least deprived: minus the slope
    assert "group(s) 1 have no LSOAs in this area" in local["note"]
    assert np.isnan(rows.loc[M.SII_NATIONAL, "value"])
    assert "national decile(s) 1 have no LSOAs" in rows.loc[M.SII_NATIONAL, "note"]


def test_practice_gradient_without_practice_scores_is_no_data(db):
    # North East and North Cumbria: QOF registers exist, but no practice deprivation score is in the data
    from lsc_phm.domain import geography

    icb = geography.resolve_icb(db, "QHM", 2019)
    with pytest.raises(inequalities.NoData, match="^no data for this ICB: .* OHID Fingertips 94240"):
        inequalities.gradient(db, icb, "qof_mh", "practice", "local", 5)


def test_sii_interval_at_99_8_uses_95_percent_standard_errors(db, icb2025):
    # 99.8% limits read as 95% limits would make every SE z_0.999/z_0.975 = 1.58 times too large, and
    # the SII interval with it.
    # Expected here: SEs on the logit scale from the groups' own 95% Wilson limits of the pooled counts
    # (PHE: s = (logit U95 - logit L95) / (2 x 1.959964)), simulated at 99.8% with the page's seed.
    result = inequalities.gradient(db, icb2025, "pct_disabled", "lsoa", "national", 10, "2021", confidence=0.998)
    table = result.table
    x, n = table["numerator"].to_numpy(float), table["denominator"].to_numpy(float)
    w = wilson_ci(x, n, 0.95)

    def logit(p):
        return np.log(p / (1 - p))

    se = (logit(w["uppercl"].to_numpy()) - logit(w["lowercl"].to_numpy())) / (2 * 1.959963984540054)
    expected = sii(
        table["deprivation_group"],
        table["population"],
        x / n,
        se=se,
        value_type="proportion",
        multiplier=100,
        confidence=0.998,
        repetitions=inequality_measures.SII_REPETITIONS,
        seed=inequality_measures.SII_SEED,
    )
    shown = inequality_measures.measures(db, icb2025, result, confidence=0.998).table.set_index("measure")
    local = shown.loc[M.SII_LOCAL]
    # shown most minus least deprived: the package's SII negated, its limits negated and swapped
    assert local["value"] == pytest.approx(-expected.loc[0, "sii"], abs=1e-3)
    assert local["lowercl"] == pytest.approx(-expected.loc[0, "sii_upper99_8cl"], abs=2e-3)
    assert local["uppercl"] == pytest.approx(-expected.loc[0, "sii_lower99_8cl"], abs=2e-3)
    rii = shown.loc[M.RII_LOCAL]
    assert rii["value"] == pytest.approx(expected.loc[0, "rii"], abs=1e-3)
    assert rii["value"] > 1  # disability is higher at the most deprived end: most / least > 1


def test_practice_funnel_against_icb_and_england(db, icb2025):
    funnel = inequality_funnel.practice_funnel(db, icb2025, "qof_hyp", "2024-25")
    hand = db.execute(
        "select sum(numerator) x, sum(denominator) n from mart_indicator_values where indicator_id = 'qof_hyp' "
        "and period = '2024-25' and area_level = 'icb' and area_code = 'E54000048'"
    )
    p_bar = float(hand["x"].iloc[0] / hand["n"].iloc[0])
    assert funnel.baseline == pytest.approx(100 * p_bar)
    pts = funnel.points.set_index("practice_code")
    assert sum(funnel.counts.values()) == len(pts)
    # each practice by hand: p against p̄ ∓ z·√(p̄(1 − p̄)/n) (Fingertips funnel method; docs/methods.md#funnel-plots)
    z95, z998 = 1.959963984540054, 3.090232306167813
    for code, row in pts[~pts["suppressed"]].iterrows():
        p, n = row["numerator"] / row["denominator"], row["denominator"]
        sd = np.sqrt(p_bar * (1 - p_bar) / n)
        expected = (
            "Below the 99.8% limit"
            if p < p_bar - z998 * sd
            else "Below the 95% limit"
            if p < p_bar - z95 * sd
            else "Above the 99.8% limit"
            if p > p_bar + z998 * sd
            else "Above the 95% limit"
            if p > p_bar + z95 * sd
            else "Within the 95% limits"
        )
        assert row["position"] == expected, code
    limit = funnel.limits.iloc[0]
    assert limit["upper_limit_99_8"] == pytest.approx(
        100 * (p_bar + z998 * np.sqrt(p_bar * (1 - p_bar) / limit["denominator"]))
    )
    england = inequality_funnel.practice_funnel(db, icb2025, "qof_ld", "2024-25", benchmark="england")
    eng = db.execute(
        "select numerator / denominator as p from mart_indicator_values where indicator_id = 'qof_ld' "
        "and period = '2024-25' and area_code = 'E92000001'"
    )
    assert england.baseline == pytest.approx(100 * float(eng["p"].iloc[0]))
    hidden = england.points[england.points["suppressed"]]
    assert len(hidden) > 0  # learning disability registers below 10 exist
    assert hidden["value"].isna().all() and hidden["numerator"].isna().all() and hidden["denominator"].isna().all()
    assert (hidden["position"] == "Suppressed (register count below 10)").all()
    with pytest.raises(ValueError, match="has no counts per practice, so it has no practice funnel plot"):
        inequality_funnel.practice_funnel(db, icb2025, "pct_disabled", "2021")


def test_series_without_latest_is_the_same_series(db, icb2019):
    full = inequality_series.published_series(db, icb2019, "hle_male", "district")
    drawn = inequality_series.published_series(db, icb2019, "hle_male", "district", with_latest=False)
    pd.testing.assert_frame_equal(full.series, drawn.series)
    assert drawn.missing == full.missing
    assert drawn.latest.empty and drawn.best_worst == {} and not full.latest.empty


def test_bad_health_sii_and_gap_have_the_same_sign(db, icb2025):
    # Census 2021 bad or very bad health (TS037) by national IMD 2025 decile, whole ICB. From the group table:
    #   decile 1: 28,076 / 309,075 = 9.084%   ...   decile 10: 4,083 / 116,316 = 3.510%
    #   gap (most minus least deprived) = 9.0839 - 3.5103 = 5.5736 percentage points
    # SII by hand: ridits B_k = cumulative population share minus half the group's share (0.090, 0.237, 0.337,
    # 0.422, 0.502, 0.588, 0.681, 0.778, 0.881, 0.966); weighted least squares of the ten values on B_k gives a slope
    # of -6.335 (least minus most deprived, PHE's sign), so the SII read most minus least deprived is +6.335: the
    # same sign as the gap, and "6.3 percentage points higher in the most deprived" at the indicator's 1 decimal.
    result = inequalities.gradient(db, icb2025, "census_bad_health", "lsoa", "national", 10, "2021")
    table = result.table
    share = (table["population"] / table["population"].sum()).to_numpy()
    ridit = np.cumsum(share) - share / 2
    value = 100 * table["numerator"].to_numpy(float) / table["denominator"].to_numpy(float)
    slope = np.polyfit(ridit, value, 1, w=np.sqrt(share))[0]
    assert slope == pytest.approx(-6.335, abs=0.001)
    shown = inequality_measures.measures(db, icb2025, result)
    rows = shown.table.set_index("measure")
    sii_row = rows.loc[M.SII_LOCAL]
    gap_row = rows.loc["Gap: most minus least deprived tenth (group 1 minus group 10)"]
    assert sii_row["value"] == pytest.approx(6.335, abs=0.001)
    assert gap_row["value"] == pytest.approx(9.0839 - 3.5103, abs=0.001)
    assert np.sign(sii_row["value"]) == np.sign(gap_row["value"]) == 1
    assert sii_row["reading"] == "6.3 percentage points higher in the most deprived"
    # the export names the direction of every row (the SII is not in PHE's least-minus-most sign)
    assert sii_row["direction"] == gap_row["direction"] == "most deprived minus least deprived"
    assert rows.loc[M.RII_LOCAL, "direction"] == "most deprived / least deprived"
    assert "direction" not in shown.for_display().columns
    assert gap_row["reading"] == "5.6 percentage points higher in the most deprived"
    # shown to the indicator's 1 decimal (ratios to 2), never three
    display = shown.for_display().set_index("measure")
    assert display.loc[M.SII_LOCAL, "value"] == "6.3"
    assert display.loc[M.RII_LOCAL, "value"] == "3.15"
    # hypertension (QOF, practices): lower where more deprived, so both negative
    hyp = inequalities.gradient(db, icb2025, "qof_hyp", "practice", "local", 10, "2024-25")
    hyp_rows = inequality_measures.measures(db, icb2025, hyp).table.set_index("measure")
    assert hyp_rows.loc[M.SII_LOCAL, "value"] < 0
    assert hyp_rows.loc["Gap: most minus least deprived tenth (group 1 minus group 10)", "value"] < 0


def test_blackpool_deciles_keep_their_own_colours(db, icb2025):
    # Blackpool has no LSOA in national IMD 2025 deciles 9 or 10 (8 deciles present). Each bar must take its own
    # decile's colour: decile 6 is palette.DECILE_COLOURS[5] (#7ccbb4), never the darkest green #00441b of decile 1
    # (8 bars given the 5 quintile colours would wrap the range and draw decile 6 in #00441b).
    from lsc_phm.render import charts_inequalities, palette

    result = inequalities.gradient(
        db, icb2025, "census_bad_health", "lsoa", "national", 10, "2021", area="QE1-E06000009"
    )
    assert result.table["deprivation_group"].tolist() == list(range(1, 9))
    spec = charts_inequalities.gradient_bars(result.table, "Blackpool", "%", "National IMD decile").to_dict()
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    colour = dict(zip(scale["domain"], scale["range"], strict=True))
    assert colour["6"] == palette.DECILE_COLOURS[5] == "#7ccbb4"
    assert colour["1 (most deprived)"] == palette.DECILE_COLOURS[0] == "#00441b"
    assert list(colour.values()) == list(palette.DECILE_COLOURS[:8])
    # quintiles: quintile 3 takes decile 5's colour
    assert palette.group_colour(3, 5) == palette.DECILE_COLOURS[4]
    with pytest.raises(ValueError, match="from 1 to 10"):
        palette.group_colour(11, 10)
