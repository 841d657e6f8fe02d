"""Wording rules of lsc_phm.reports.narrative.

"significantly" only after a significant test, the confidence level named, period and source always given, "no open
data" when there is no figure.
"""

from __future__ import annotations

import itertools
import re

import pytest

from lsc_phm.reports import inequality_sentences, narrative
from lsc_phm.reports.narrative import Change, Figure

COMPARISONS = ["Better", "Worse", "Higher", "Lower", "Similar", "Not compared", "Suppressed"]
SIGNIFICANTLY = re.compile(r"\bsignificantly\b", re.IGNORECASE)


def _figure(
    comparison: str, confidence: str = "95%", value: float | None = 50.9, england: float | None = 60.9
) -> Figure:
    return Figure(
        "Healthy life expectancy at birth (male)",
        "Blackpool",
        value,
        "years",
        "2022 - 24",
        "Office for National Statistics",
        england,
        comparison,
        confidence,
    )


@pytest.mark.parametrize(("comparison", "confidence"), list(itertools.product(COMPARISONS, ["95%", "99.8%", ""])))
def test_significantly_only_after_a_significant_test(comparison, confidence):
    figure = _figure(comparison, confidence)
    sentence = narrative.comparison_sentence(figure)
    label = narrative.comparison_label(figure)
    significant = comparison in narrative.SIGNIFICANT_LABELS and bool(confidence)
    if significant:
        assert f"significantly {comparison.lower()} than England" in sentence
        assert confidence in sentence and confidence in label
    else:
        assert not SIGNIFICANTLY.search(sentence.replace("not significantly different", "")), sentence
        assert not SIGNIFICANTLY.search(label.replace("not significantly different", "")), label


@pytest.mark.parametrize("comparison", COMPARISONS)
def test_every_sentence_gives_period_and_source(comparison):
    sentence = narrative.comparison_sentence(_figure(comparison))
    assert "Source: Office for National Statistics." in sentence
    if comparison != "Suppressed":
        assert "2022-24" in sentence  # OHID's "2022 - 24" in the one period style


def test_confidence_level_named_when_similar():
    sentence = narrative.comparison_sentence(_figure("Similar", "95%", 59.0))
    assert "not significantly different from England" in sentence and "95% confidence level" in sentence


def test_not_compared_gives_the_true_reason():
    figure = Figure(
        "CKD (18+) prevalence, modelled by LSOA",
        "Blackpool",
        5.79,
        "%",
        "2021/22",
        "S",
        3.99,
        "Not compared",
        "",
        2,
        basis="not compared: a modelled estimate with no counts, so no interval",
    )
    sentence = narrative.comparison_sentence(figure)
    assert "higher than England's 3.99%" in sentence
    assert "(not compared: a modelled estimate with no counts, so no interval)" in sentence
    assert "no confidence interval is published" not in sentence
    assert not SIGNIFICANTLY.search(sentence)


def test_ohid_comparison_is_shown_and_labelled():
    # Blackpool male life expectancy 2023-25: 74.2 vs England 79.7, OHID's compared_to_England = "Worse"
    figure = Figure(
        "Life expectancy at birth (male)",
        "Blackpool",
        74.2,
        "years",
        "2023 - 25",
        "OHID",
        79.7,
        "Worse",
        "",
        basis="OHID comparison, 95%",
    )
    assert figure.significant and figure.compared and figure.by_publisher
    sentence = narrative.comparison_sentence(figure)
    assert "worse than England's 79.7 years by OHID's own comparison" in sentence
    assert "no confidence interval is published" not in sentence
    assert narrative.comparison_label(figure) == "worse than England (OHID comparison, 95%)"
    assert "by OHID's own comparison" in narrative.worse_than_england_note(figure)


def test_crude_caveat_on_significant_crude_comparison():
    figure = Figure(
        "Bad or very bad health (Census 2021)", "Blackpool", 8.4, "%", "2021", "ONS", 5.2, "Worse", "95%", crude=True
    )
    assert "Crude, not age-standardised" in narrative.comparison_sentence(figure)


@pytest.mark.parametrize("value", [None, float("nan")])
def test_missing_value_says_no_open_data(value):
    figure = _figure("Not compared", value=value)
    sentence = narrative.comparison_sentence(figure, "published for upper-tier authorities only")
    assert "no open data" in sentence and "Blackpool" in sentence
    assert "published for upper-tier authorities only" in sentence
    assert not SIGNIFICANTLY.search(sentence)
    assert narrative.comparison_label(figure) == "no open data"
    assert narrative.format_value(value, "%") == "no open data"


def test_missing_england_value():
    sentence = narrative.comparison_sentence(_figure("Not compared", england=None))
    assert "no England value is published" in sentence and not SIGNIFICANTLY.search(sentence)


def test_value_for_another_area_is_named():
    figure = Figure(
        "Hypertension: QOF recorded prevalence",
        "Burnley",
        17.2,
        "%",
        "2024-25",
        "NHS England",
        15.23,
        "Higher",
        "95%",
        2,
        shown_for="NHS Lancashire and South Cumbria ICB",
    )
    sentence = narrative.comparison_sentence(figure)
    assert "NHS Lancashire and South Cumbria ICB (no open data for Burnley itself)" in sentence


def test_worse_note_refuses_non_significant_figures():
    assert "95% confidence interval" in narrative.worse_than_england_note(_figure("Worse"))
    for comparison in ("Similar", "Better", "Not compared (no confidence interval)"):
        with pytest.raises(ValueError, match="significantly worse"):
            narrative.worse_than_england_note(_figure(comparison))
    with pytest.raises(ValueError):
        narrative.worse_than_england_note(_figure("Worse", confidence=""))


def _change(latest_ci=None, previous_ci=None, latest=20.8, previous=19.4, polarity="low_is_good") -> Change:
    return Change(
        "Smoking prevalence (adults 18+)",
        "Blackpool",
        "%",
        "OHID",
        "2024",
        "2023",
        latest,
        previous,
        polarity,
        latest_ci,
        previous_ci,
    )


def test_change_without_intervals_is_direction_only():
    change = _change()
    sentence = narrative.change_sentence(change)
    assert change.worse and not change.testable and not change.significant
    assert "rose from 19.4% (2023) to 20.8% (2024)" in sentence
    assert "cannot be tested" in sentence and "significant" not in sentence.lower()


def test_change_with_overlapping_intervals_is_not_significant():
    sentence = narrative.change_sentence(_change((19.0, 22.6), (17.6, 21.2)))
    assert "overlap" in sentence and "significant" not in sentence.lower()


def test_change_with_separate_intervals_is_significant_and_names_level():
    change = _change((20.0, 21.6), (18.6, 19.9))
    assert change.significant
    sentence = narrative.change_sentence(change)
    assert "statistically significant at the 95% level" in sentence


def test_no_judgement_change_is_never_worse():
    change = _change(polarity="no_judgement")
    assert not change.worse
    assert "unfavourable" not in narrative.change_sentence(change)


def test_gap_sentence_direction_only_without_ci():
    change = Change(
        "Inequality in life expectancy (male, SII)",
        "Blackpool",
        "years",
        "OHID",
        "2022 - 24",
        "2021 - 23",
        13.8,
        13.1,
        "low_is_good",
    )
    sentence = narrative.gap_change_sentence(change)
    assert "widened from 13.1 years (2021-23) to 13.8 years (2022-24)" in sentence
    assert "direction only" in sentence and "significant" not in sentence.lower()


def test_sii_and_core20_sentences_follow_the_interval():
    significant = inequality_sentences.sii_sentence(
        "Income deprivation", "Blackpool", -30.0, -31.0, -29.0, "percentage points", "95%", "IMD 2019", "MHCLG", 10
    )
    assert "statistically significant at the 95% level" in significant
    not_significant = inequality_sentences.sii_sentence(
        "Income deprivation", "Blackpool", -1.0, -3.0, 1.0, "percentage points", "95%", "IMD 2019", "MHCLG", 10
    )
    assert "includes zero" in not_significant and "significant" not in not_significant.lower()
    gap = inequality_sentences.core20_gap_sentence(
        "Disabled", "Burnley", 21.3, 19.9, -0.2, 3.0, "%", "95%", "Census 2021", "ONS"
    )
    assert "not statistically significant at the 95% level" in gap
    assert not SIGNIFICANTLY.search(gap)


def test_profile_sentences_obey_the_rules(built_profile, icb2019):
    """Every sentence of real profiles: 'significantly' appears only with a named confidence level."""
    for code in ("E54000048", "QE1-E06000009", "E07000117", "QE1-south-cumbria"):
        profile = built_profile(icb2019, code)
        for section in profile.sections:
            for sentence in section.sentences:
                if SIGNIFICANTLY.search(sentence.replace("not significantly different", "")):
                    assert "95%" in sentence, sentence
        missing = profile.section("life_expectancy").tables["life_expectancy"]
        for row in missing[missing["value"].isna()].itertuples():
            assert any("no open data" in s and row.indicator in s for s in profile.section("life_expectancy").sentences)
