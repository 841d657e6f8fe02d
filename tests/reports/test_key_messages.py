"""Key messages are chosen generically from a figures table: ranking, pairing, wording (hand-worked values)."""

from __future__ import annotations

import pandas as pd
import pytest

from lsc_phm.reports import key_messages, narrative


def _row(
    indicator_id,
    indicator,
    section,
    value,
    england,
    comparison="Similar",
    confidence="95%",
    unit="%",
    polarity="low_is_good",
    people=None,
    period="2024",
    value_for="Town",
):
    return {
        "indicator_id": indicator_id,
        "indicator": indicator,
        "section": section,
        "value": value,
        "england_value": england,
        "comparison": comparison,
        "confidence": confidence,
        "period": period,
        "unit": unit,
        "decimals": 1,
        "polarity": polarity,
        "people": people,
        "area_name": "Town",
        "value_for": value_for,
        "source": "Publisher",
    }


@pytest.fixture()
def table() -> pd.DataFrame:
    return pd.DataFrame(
        [
            # distance |12-10|/10 = 0.2, people 50,000 of 100,000 -> score 0.1
            _row("a", "Indicator A", "s1", 12.0, 10.0, "Worse", people=50_000),
            # distance 0.5, everyone -> 0.5 (untested: no CI)
            _row("b", "Indicator B", "s1", 15.0, 10.0, "Not compared (no confidence interval)", confidence=""),
            # distance 3.0 but no judgement (recorded prevalence): ranked after every judged figure
            _row("c", "Indicator C", "s2", 4.0, 1.0, "Higher", polarity="no_judgement"),
            # a larger area's value: never a key message about Town
            _row("d", "Indicator D", "s3", 30.0, 10.0, "Worse", value_for="The ICB"),
            # male and female of one indicator and period: one message; distance max(5/80, 4/84) = 0.0625
            _row("m", "Life expectancy (male)", "s4", 75.0, 80.0, "Worse", unit="years", polarity="high_is_good"),
            _row("f", "Life expectancy (female)", "s4", 80.0, 84.0, "Worse", unit="years", polarity="high_is_good"),
            # no England value: not a candidate
            _row("e", "Indicator E", "s5", 9.0, float("nan")),
        ]
    )


def test_ranking_pairing_and_sections(table):
    chosen = key_messages.messages(table, "Town", 100_000)
    assert [m.indicator_ids for m in chosen] == [("b",), ("a",), ("m", "f"), ("c",)]
    assert [round(m.score, 4) for m in chosen] == [0.5, 0.1, 0.0625, 3.0]
    assert chosen[0].text == (
        "Indicator B in Town is 15.0% against 10.0% in England (2024): 5.0 percentage points "
        "higher; not compared (no interval or comparison is held for this value)."
    )
    assert chosen[2].text == (
        "Life expectancy in Town (2024): men 75.0 years against 80.0 years in England (5.0 "
        "years lower); women 80.0 years against 84.0 years in England (4.0 years lower); both "
        "significantly worse than England (95% confidence interval)."
    )
    assert (
        chosen[2].title == "Life expectancy in Town: 75.0 years (men) and 80.0 years (women) vs 80.0 years and "
        "84.0 years in England"
    )


def test_limit_and_one_per_section_first(table):
    chosen = key_messages.messages(table, "Town", 100_000, limit=3)
    assert {m.section for m in chosen} == {"s1", "s2", "s4"}  # best of each section before a second from s1


def test_bad_tables_are_refused(table):
    with pytest.raises(ValueError, match="figures table lacks columns: people"):
        key_messages.candidates(table.drop(columns="people"), 100)
    with pytest.raises(ValueError, match="residents must be positive"):
        key_messages.candidates(table, 0)


def test_sentences_can_leave_the_source_to_the_section():
    figure = narrative.Figure("HLE (male)", "Blackpool", 50.9, "years", "2022 - 24", "ONS", 60.9, "Worse", "95%")
    assert narrative.comparison_sentence(figure).endswith(" Source: ONS.")
    assert narrative.comparison_sentence(figure, cite=False) == (
        "HLE (male) in Blackpool was 50.9 years in 2022-24, significantly worse than England (60.9 years; 95% "
        "confidence interval, Fingertips single-interval rule)."
    )
