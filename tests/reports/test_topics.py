"""One measure per question: the registry names each topic's headline series, key messages quote it, and a briefing
never shows two series of one topic without the sentence on why they differ."""

from __future__ import annotations

import copy
import io
import re
from html import unescape

import pandas as pd
import pytest
from pptx import Presentation

from lsc_phm import indicators
from lsc_phm.domain import topics
from lsc_phm.publish import briefing, briefing_pptx
from lsc_phm.reports import key_messages, profile_model

BLACKBURN = "QE1-E06000008"


def test_every_topic_has_one_headline_and_every_series_says_how_it_differs():
    for topic, series in indicators.TOPICS.items():
        assert len(series) >= 2 and topics.headline_id(topic) in series
        for indicator_id in series:
            indicator = indicators.get(indicator_id)
            assert indicator.topic == topic and indicator.differs
    assert topics.headline_id("adult smoking") == "smoking_adults"  # OHID 92443, latest APS year (2024)
    assert "92443" in indicators.get("smoking_adults").definition
    assert indicators.get("cigarette_smokers_annual").headline is False
    with pytest.raises(ValueError, match="unknown topic"):
        topics.headline_id("adult vaping")


def test_prefer_headline_keeps_one_series_per_topic():
    table = pd.DataFrame(
        {"indicator_id": ["cigarette_smokers_annual", "le_male", "smoking_adults", "cigarette_smokers_5yr"]}
    )
    assert topics.prefer_headline(table)["indicator_id"].tolist() == ["le_male", "smoking_adults"]
    # without the headline, the first (best-ranked) of the others is kept
    assert topics.prefer_headline(table.drop(index=2))["indicator_id"].tolist() == [
        "cigarette_smokers_annual",
        "le_male",
    ]


def _violations(texts: list[str]) -> list[tuple[int, str]]:
    """(text number, topic) for every text that names two series of one topic without the topic's sentence."""
    found = []
    for n, text in enumerate(texts):
        for topic, series in indicators.TOPICS.items():
            named = [i for i in series if indicators.get(i).name in text]
            if len(named) >= 2 and f"Why the {topic} figures differ" not in text:
                found.append((n, topic))
    return found


def _slides(deck: bytes) -> list[str]:
    prs = Presentation(io.BytesIO(deck))
    return ["\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame) for slide in prs.slides]


def _slide_violations(profile: profile_model.Profile) -> list[tuple[str, str]]:
    """(slide heading, topic) for every slide chart that draws two series of one topic (the chart is a picture, so
    its series are the part's indicator ids) without the topic's sentence among the slide's words."""
    found = []
    for section in profile.sections:
        for part in section.slide_parts:
            for topic in topics.shared_topics(part.indicator_ids):
                if not any(f"Why the {topic} figures differ" in line for line in part.lead):
                    found.append((part.headline, topic))
    return found


@pytest.fixture(scope="module")
def blackburn(built_profile, icb2025) -> profile_model.Profile:
    return built_profile(icb2025, BLACKBURN, with_map=False, page_charts=False)


def test_blackburn_deck_explains_its_smoking_figures(blackburn):
    # Blackburn with Darwen's smoking slide draws OHID 92443 (12.6%, 2024) beside ONS's annual APS cigarette smokers
    # (16.6%, 2023), the 5-year average and routine and manual smokers: one sentence says why they differ.
    assert _slide_violations(blackburn) == []
    slides = _slides(briefing_pptx.to_pptx(blackburn))
    html = unescape(re.sub(r"<[^>]+>", " ", briefing.to_html(blackburn)))
    assert _violations(slides) == [] and _violations([html]) == []
    assert "Why the adult smoking figures differ: the headline, Smoking prevalence (adults 18+)" in html
    assert any("Why the adult smoking figures differ" in s for s in slides)
    # the key messages quote at most one adult smoking series, the headline where they quote one
    messages = " ".join(m.text for m in blackburn.key_messages)
    quoted = [i for i in indicators.TOPICS["adult smoking"] if indicators.get(i).name in messages]
    assert quoted in ([], ["smoking_adults"])


def test_the_check_fails_without_the_sentence(blackburn):
    # the same deck with the sentences taken out is caught: the smoking slide draws four series, unexplained
    stripped = copy.deepcopy(blackburn)
    for section in stripped.sections:
        for part in section.slide_parts:
            part.lead = [line for line in part.lead if not line.startswith("Why the ")]
    assert [topic for _, topic in _slide_violations(stripped)] == ["adult smoking"]
    html = unescape(re.sub(r"<[^>]+>", " ", briefing.to_html(blackburn)))
    assert _violations([html.replace("Why the adult smoking figures differ", "")]) == [(0, "adult smoking")]


def test_key_messages_prefer_the_headline_series():
    row = dict(
        section="smoking",
        confidence="95%",
        unit="%",
        decimals=1,
        polarity="low_is_good",
        people=None,
        area_name="A",
        value_for="",
        source="S",
        period="2024",
    )
    table = pd.DataFrame(
        [
            dict(
                row,
                indicator_id="cigarette_smokers_annual",
                indicator="Cigarette smokers (annual, APS)",
                value=16.6,
                england_value=11.6,
                comparison="Worse",
                period="2023",
            ),
            dict(
                row,
                indicator_id="smoking_adults",
                indicator="Smoking prevalence (adults 18+)",
                value=12.6,
                england_value=10.4,
                comparison="Similar",
                confidence="",
            ),
        ]
    )
    chosen = key_messages.candidates(table, 150_000)
    assert chosen["indicator_id"].tolist() == ["smoking_adults"]
