"""AppTest of the inequalities page: every control, every unit, an indicator without CIs and suppressed cells."""

from __future__ import annotations

import pytest

from tests.conftest import count_elements, open_page, page_text


@pytest.fixture()
def at(db):  # noqa: ARG001 - `db` builds the database first
    return open_page("pages/inequalities.py")


_text = page_text


def test_default_view(at):
    text = _text(at)
    assert "Group 1 = most deprived" in text or "group 1 = most deprived" in text.lower()
    assert count_elements(at, "vega_lite_chart") >= 1  # the gradient bars
    assert any("SII" in str(df.value) for df in at.dataframe)
    assert "No ICB value is published" not in text  # lazy tabs: the smoking tab has not run
    at.session_state["ineq_tab"] = "Smoking"
    at.run()
    assert not at.exception
    assert "No ICB value is published" in _text(at)


def test_each_unit_framing_and_group_size(at):
    at.radio(key="ineq_framing").set_value("local").run()
    assert not at.exception
    assert "Local deciles" in _text(at)
    at.radio(key="ineq_groups").set_value(5).run()
    assert not at.exception and "most deprived fifth" in _text(at)
    at.selectbox(key="ineq_area_lsoa").set_value("QE1-E06000009").run()
    assert not at.exception
    at.radio(key="ineq_unit").set_value("ward").run()
    assert not at.exception and "wards ranked by IMD" in _text(at)
    at.radio(key="ineq_unit").set_value("practice").run()
    assert not at.exception
    assert "published IMD 2025 score" in _text(at)


def test_indicator_without_cis(at):
    at.selectbox(key="ineq_indicator_lsoa").set_value("income_deprivation_rate").run()
    assert not at.exception
    assert "no confidence interval" in _text(at)


def test_practice_indicator_with_suppressed_cells(at):
    at.radio(key="ineq_unit").set_value("practice").run()
    at.selectbox(key="ineq_indicator_practice").set_value("qof_ld").run()
    at.selectbox(key="ineq_period_practice").set_value("2024-25").run()
    assert not at.exception
    assert "suppressed (register count below 10)" in _text(at)


def test_confidence_vintage_le_smoking_and_spine_controls(at):
    at.radio(key="ineq_confidence").set_value("99.8%").run()
    assert not at.exception
    at.session_state["imd_vintage"] = 2025
    at.run()
    assert not at.exception
    at.selectbox(key="ineq_indicator_lsoa").set_value("pct_disabled").run()
    assert not at.exception and "Disabled (Equality Act)" in _text(at)
    at.session_state["ineq_tab"] = "Life expectancy"  # lazy tabs bound to the URL: open as a click would
    at.run()
    for measure in ("hle_female", "sii_le_male"):
        at.selectbox(key="ineq_le_indicator").set_value(measure).run()
        assert not at.exception
    at.radio(key="ineq_le_level").set_value("place").run()
    assert not at.exception
    assert "No open data" in _text(at)
    at.session_state["ineq_tab"] = "Smoking"
    at.run()
    at.radio(key="ineq_smoking_indicator").set_value("smoking_routine_manual").run()
    assert not at.exception
    at.session_state["ineq_tab"] = "Spine chart"
    at.run()
    at.selectbox(key="ineq_spine_area").set_value("QE1-south-cumbria").run()
    assert not at.exception


def test_opens_on_a_health_outcome_with_england_beside(at):
    # IMD 2025 geography (LSOA 2021), the default: bad or very bad health (Census 2021), with the England gradient
    assert at.selectbox(key="ineq_indicator_lsoa").value == "census_bad_health"
    text = _text(at)
    assert "England by national IMD decile" in text
    assert count_elements(at, "vega_lite_chart") >= 2
    at.session_state["imd_vintage"] = 2019
    at.run()
    assert not at.exception
    # IMD 2019 geography (LSOA 2011): the first health outcome with data is modelled CKD prevalence
    assert at.selectbox(key="ineq_indicator_lsoa").value == "modelled_ckd_prevalence"


def test_pcn_is_a_unit(at):
    at.radio(key="ineq_unit").set_value("pcn").run()
    assert not at.exception
    assert "primary care networks" in _text(at)
    assert "Primary care networks ranked by deprivation" in [s.value for s in at.subheader]
    from lsc_phm.render.tables import COLUMN_LABELS, human_name

    rank = "Rank (1 = most deprived)"  # the page's label for deprivation_rank
    pcns = next(df.value for df in at.dataframe if rank in df.value.columns)
    assert len(pcns) == 45 and pcns[rank].iloc[0] == 1
    measure = COLUMN_LABELS.get("measure") or human_name("measure")
    measures = next(df.value for df in at.dataframe if measure in df.value.columns)
    assert measures[measure].str.startswith("SII, local").any()
    assert "Values computed here: each PCN's QOF register summed over its practices" in _text(at)


def test_ohid_pcn_values_are_a_choice_for_the_pcn_unit(at):
    at.radio(key="ineq_unit").set_value("pcn").run()
    at.selectbox(key="ineq_indicator_pcn").set_value("breast_screening_53_70").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="ineq_period_pcn").value == "2023/24"
    text = _text(at)
    assert "with a value published by OHID" in text
    assert "Values published by OHID (Fingertips, with OHID's 95% limits) for 15 of these 45 PCNs" in text
    rank = "Rank (1 = most deprived)"
    pcns = next(df.value for df in at.dataframe if rank in df.value.columns)
    assert len(pcns) == 45 and pcns["Value source"].value_counts()["published by OHID (Fingertips PCN value)"] == 15


def test_practice_funnel_plot_and_popovers_name_function_and_level(at):
    at.radio(key="ineq_confidence").set_value("99.8%").run()
    # the page opens on modelled CKD (no counts, so no interval); take a counted indicator for the interval popovers
    at.selectbox(key="ineq_indicator_lsoa").set_value("pct_aged_65_plus").run()
    text = _text(at)
    # the measures popover names the functions and the level actually used
    assert "`lsc_phm.stats.sii` (Slope and relative index of inequality (SII, RII))" in text
    assert "at **99.8%**" in text
    assert "83.4%" not in text
    at.radio(key="ineq_unit").set_value("practice").run()
    assert not at.exception
    charts_before = count_elements(at, "vega_lite_chart")
    assert any(h.value == "Funnel plot: which practices stand out?" for h in at.subheader)
    assert "Practices by position:" in _text(at) and "Centre line: NHS Lancashire and South Cumbria" in _text(at)
    assert "`lsc_phm.stats.funnel_limits`" in _text(at)
    at.radio(key="ineq_funnel_benchmark").set_value("england").run()
    assert not at.exception
    assert "Centre line: England" in _text(at)
    assert count_elements(at, "vega_lite_chart") == charts_before


def test_england_by_decile_as_published_by_ohid(at, db, icb2019):
    # OHID's series for alcohol-related mortality, 2023, by district & UA deprivation decile (IMD 2019, 4/23
    # geography): most deprived 51.28 (49.57 to 53.03) per 100,000, least deprived 30.03 (28.41 to 31.72)
    from lsc_phm.views import inequality_series

    published = inequality_series.published_england_gradient(
        db, icb2019, "alcohol_related_mortality", "district", "2023"
    )
    ends = published.table.set_index("deprivation_group").loc[[1, 10], ["value", "lowercl", "uppercl"]].round(2)
    assert ends.to_numpy().tolist() == [[51.28, 49.57, 53.03], [30.03, 28.41, 31.72]]
    assert "4/23 geography" in published.category_type and published.icb_value is None
    assert {"smoking_at_delivery", "smoking_qof_15plus"} <= set(inequality_series.published_decile_indicators(db))
    # smoking at delivery: England by decile with the ICB's own published value beside it
    assert "only England's series by deprivation decile" in _text(at)
    at.selectbox(key="ineq_england_decile_indicator").set_value("smoking_at_delivery").run()
    text = _text(at)
    assert (
        "England, 2023/24 (OHID): 8.7% in the most deprived tenth of areas, 6.0% in the least deprived (their "
        "published 95% intervals do not overlap). NHS Lancashire and South Cumbria Integrated Care Board, "
        "2023/24: 10.0% (95% CI 9.6 to 10.5), worse than England"
    ) in text
    at.selectbox(key="ineq_england_decile_indicator").set_value("alcohol_related_mortality").run()
    at.radio(key="ineq_england_decile_grouping").set_value("county").run()
    assert not at.exception
    assert "No value for NHS Lancashire and South Cumbria Integrated Care Board is held for 2023." in _text(at)


def test_gp_recorded_smoking_is_a_choice_for_practices_and_pcns(at):
    at.radio(key="ineq_unit").set_value("practice").run()
    at.selectbox(key="ineq_indicator_practice").set_value("smoking_qof_15plus").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="ineq_period_practice").value == "2023/24"
    text = _text(at)
    assert "2023/24: values, counts and denominators **published by OHID** (Fingertips, per practice)" in text
    assert "Wilson limits are computed here from OHID's count and denominator" in text
    # the funnel plot now works for every practice indicator with counts: against the ICB built from its practices
    assert "The funnel plot needs counts per practice" not in text and "Practices by position:" in text
    at.selectbox(key="ineq_period_practice").set_value("2022/23").run()
    assert not at.exception
    assert "95% limits as published by OHID for 200 practices" in _text(at)

    at.radio(key="ineq_unit").set_value("pcn").run()
    at.selectbox(key="ineq_indicator_pcn").set_value("smoking_qof_15plus").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Values computed here for 45 of these 45 PCNs, 2023/24: OHID's practice counts" in _text(at)
    rank = "Rank (1 = most deprived)"
    pcns = next(df.value for df in at.dataframe if rank in df.value.columns).set_index("PCN code")
    # Blackpool Central West: (3687 + 1608 + 2847) / (12406 + 5665 + 9959) = 8142 / 28030 = 29.0% (tests/domain)
    assert pcns.loc["U47882", "Value source"] == "computed here (OHID practice counts summed; Wilson interval)"


def test_measures_read_most_minus_least_in_words_to_the_indicators_decimals(at):
    # IMD 2025, whole ICB, bad or very bad health by national decile: SII +6.335 (most minus least deprived) beside a
    # gap of +5.574 (9.084% - 3.510%; worked by hand in tests/views/test_inequalities.py), shown to 1 decimal
    at.session_state["imd_vintage"] = 2025
    at.run()
    assert not at.exception and at.selectbox(key="ineq_indicator_lsoa").value == "census_bad_health"
    measures = next(df.value for df in at.dataframe if "In words" in df.value.columns).set_index("Measure")
    sii_row = measures.loc[[m for m in measures.index if m.startswith("SII, local: most minus least")][0]]
    gap_row = measures.loc[[m for m in measures.index if m.startswith("Gap: most minus least deprived tenth")][0]]
    assert (sii_row["Value"], sii_row["In words"]) == ("6.3", "6.3 percentage points higher in the most deprived")
    assert (gap_row["Value"], gap_row["In words"]) == ("5.6", "5.6 percentage points higher in the most deprived")
    assert not any(len(v.split(".")[-1]) == 3 for v in measures["Value"] if "." in v)  # never three decimals
    text = _text(at)
    for term in (
        "**Ridit**",
        "**MOVER**",
        "**SII**",
        "**RII**",
        "**pp (percentage points)**",
        "**LSOA**",
        "**Core20**",
    ):
        assert term in text, term
    assert "most deprived minus least deprived" in text
    assert "publishes the SII the other way round" in text


def test_periods_in_one_style(at):
    # QOF's financial year "2024-25" is shown "2024/25", as OHID writes financial years (the value stays the key)
    at.radio(key="ineq_unit").set_value("practice").run()
    at.selectbox(key="ineq_indicator_practice").set_value("qof_hyp").run()
    assert not at.exception
    period = at.selectbox(key="ineq_period_practice")
    assert period.value == "2024-25" and "2024/25" in period.options


def test_spine_comparator_switches_to_similar_places(at):
    at.session_state["imd_vintage"] = 2025
    at.session_state["ineq_tab"] = "Spine chart"
    at.run()
    at.selectbox(key="ineq_spine_area").set_value("QE1-E06000009").run()
    assert not at.exception
    england = [df.value for df in at.dataframe if "vs England" in df.value.columns][0]
    assert "lowest of 294 English districts and unitary authorities" in set(england["Rank among English authorities"])
    at.radio(key="ineq_comparator").set_value("neighbours").run()
    assert not at.exception
    table = [df.value for df in at.dataframe if "vs 15 nearest neighbours" in df.value.columns][0]
    assert "lowest of 16 similar areas" in set(table["Rank among peers"])
    assert "Peers: Sunderland, Liverpool, Hartlepool" in _text(at)
    at.selectbox(key="ineq_spine_area").set_value("QE1-E10000017").run()  # Lancashire, a county
    assert not at.exception
    assert "this county is compared with England" in _text(at)
