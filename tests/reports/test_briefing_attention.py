"""The briefing's story from the attention list: slide 2, "What has changed", "Questions for the board"."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from pptx import Presentation

from lsc_phm.publish import briefing, briefing_pages, briefing_pptx
from lsc_phm.render import chart_kinds
from lsc_phm.reports import attention_report, briefing_attention, profile_model
from lsc_phm.views import attention
from tests.pages.test_period_style import other_styles
from tests.reports.test_briefing import _check_text_fits


@pytest.fixture(scope="module")
def blackpool_story(db, icb2025):
    found = attention.attention(db, icb2025, "QE1-E06000009")
    return briefing_attention.story(
        found.table, "Blackpool", "Blackpool is the most deprived of 296 districts", found.history, "QE1-E06000009"
    )


def test_slide_two_leads_with_deprivation_life_expectancy_and_a_gap_in_people(blackpool_story):
    messages = blackpool_story.messages
    assert 3 <= len(messages) <= 5
    assert all(len(m.split()) < 30 for m in messages), messages
    assert messages[0] == "Blackpool is the most deprived of 296 districts."
    # OHID 90366 (2023-25) and 90362 (2022-24), Blackpool against England
    assert messages[1].startswith(
        "Life expectancy in Blackpool: men 74.2, women 79.3 years against 79.7 and 83.5 "
        "in England (2023 - 25); healthy life expectancy 50.9 and 51.8 against 60.9 and 61.3"
    )
    # worse and getting worse first, with its gap in people: (23.9 - 15.6) x 25,001 / 100 = 2,075 -> about 2,080.
    # Its direction was decided by the latest change (19.3% in 2021/22 to 23.9% in 2022/23, 95% intervals do not
    # overlap) while OHID's five-year trend says no significant change: the message says both facts, and the gap's
    # interval (1,880 to 2,260) moves to the notes to keep it within MAX_WORDS (28 words).
    assert messages[2] == (
        "Children in absolute low-income families (<16): 23.9% against 15.6% in England (2022/23), "
        "rose significantly in the latest year (OHID's five-year trend: no significant change); "
        "about 2,080 more children."
    )
    assert len(messages[2].split()) <= attention_report.MAX_WORDS
    # one adult smoking series at most, never the GP-recorded or ONS ones beside it
    assert not any(name in " ".join(messages) for name in ("GPs (15+", "Cigarette smokers"))


def test_what_has_changed_and_questions(blackpool_story):
    assert blackpool_story.changes is not None
    # a latest-year rise against OHID's five-year trend of no significant change: both facts, as on slide 2
    assert (
        "Children in absolute low-income families (<16): rose significantly in the latest year (OHID's five-year "
        "trend: no significant change)"
    ) in blackpool_story.change_lines
    # smoking at delivery is drawn (OHID's trend: getting better) while adult smoking is on slide 2: one sentence why
    assert "Smoking at time of delivery: improving" in blackpool_story.change_lines
    assert blackpool_story.change_lines[-1] == briefing_attention.SMOKING_DIFFER
    spec = chart_kinds.draw(blackpool_story.changes).to_dict()
    titles = [p["title"]["text"] for row in spec["vconcat"] for p in row["hconcat"]]
    assert len(titles) <= briefing_attention.MAX_CHANGE_CHARTS
    assert blackpool_story.questions[0].startswith("What is driving the rise in Children in absolute low-income")
    assert len(blackpool_story.questions) <= 5


@pytest.fixture(scope="module")
def story_profile(db, icb2025, built_profile) -> profile_model.Profile:
    return briefing_pages.with_story(
        built_profile(icb2025, "QE1-E06000009", with_map=False, page_charts=False),
        *attention.briefing_inputs(db, icb2025, "QE1-E06000009"),
    )


@pytest.fixture(scope="module")
def story_deck(story_profile) -> Presentation:
    return Presentation(io.BytesIO(briefing_pptx.to_pptx(story_profile)))


def test_deck_with_the_story(story_deck):
    deck = story_deck
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles[1:3] == ["Key messages", "What has changed"]
    assert "Questions for the board" in titles
    assert titles.count("Sources") == 1 and titles[-1] == "Sources"
    _check_text_fits(deck)  # the story's slides too: every text in its box, bullets 12 pt or more
    slide_two = "\n".join(shape.text_frame.text for shape in deck.slides[1].shapes if shape.has_text_frame)
    # life expectancy against England (OHID 90366, 2023-25) and against the similar-places view's 15 neighbours
    assert "Life expectancy in Blackpool: men 74.2, women 79.3 years against 79.7 and 83.5 in England" in slide_two
    assert "Against Blackpool's 15 most similar areas: men's life expectancy 74.2 vs " in slide_two
    # the deck's message on children in low-income families: both facts of its direction, as the page and the CSV
    assert (
        "(2022/23), rose significantly in the latest year (OHID's five-year trend: no significant change); "
        "about 2,080 more children."
    ) in slide_two
    notes = deck.slides[1].notes_slide.notes_text_frame.text
    assert "About 2,080 more children in absolute low-income families in Blackpool" in notes
    assert "than at England's rate (1,880 to 2,260; 2022/23)" in notes


def _deck_texts(deck) -> list[str]:
    texts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts.extend(cell.text for row in shape.table.rows for cell in row.cells)
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return texts


def test_deck_and_handout_in_one_period_style(story_profile, story_deck):
    # Blackpool's briefing as `briefing --area blackpool --format pptx,html` builds it (IMD 2025, with the story).
    # The sources publish "2023 - 25" (OHID life expectancy), "2024-25" (QOF) and "Q3 2018-19" (SMI health checks);
    # slides, speaker notes, the sources slide, the HTML handout and the "What has changed" chart write them as
    # period_label does: "2023-25", "2024/25", "2018/19".
    texts = _deck_texts(story_deck)
    page = re.sub(r"<[^>]+>", " ", briefing.to_html(story_profile))  # words, not the links' addresses (.../2024-25)
    assert other_styles(texts) == set() and other_styles([page]) == set()
    assert "in England (2023-25); healthy life expectancy" in "\n".join(texts)
    assert (
        "Quality and Outcomes Framework 2024/25: practice prevalence registers (PREVALENCE_2425) (2024/25)"
        in "\n".join(texts)
    )
    assert "Quality and Outcomes Framework 2024/25" in page and " 2024/25 " in page  # the sources table's period
    changes = story_profile.rendered["story"].changes
    panels = changes.options["panels"]
    assert (
        other_styles(changes.frame["period"]) == set()
        and other_styles(p for q in panels for p in q["periods"]) == set()
    )
    assert set(changes.frame["period"]) >= {period for panel in panels for period in panel["periods"]}
    assert "2022-24" in set(changes.frame["period"])  # OHID's "2022 - 24" (HLE), one axis label per period


def test_life_expectancy_against_similar_places_when_the_comparison_is_given(db, icb2025):
    found = attention.attention(db, icb2025, "QE1-E06000009")
    # the columns of the similar-places headline comparison; neighbours' values are made up for this format test
    similar = pd.DataFrame(
        {
            "indicator_id": ["le_male", "le_female"],
            "value": [74.2, 79.3],
            "neighbours_value": [76.5, 80.9],
            "vs_neighbours": ["Worse", "Worse"],
            "rank_neighbours": ["lowest of 16 similar areas", "2nd lowest of 16 similar areas"],
        }
    )
    told = briefing_attention.story(
        found.table, "Blackpool", "Blackpool is the most deprived of 296 districts", None, "QE1-E06000009", similar
    )
    assert told.messages[2] == (
        "Against Blackpool's 15 most similar areas: men's life expectancy 74.2 vs 76.5 "
        "(lowest of 16), women's 79.3 vs 80.9 (2nd lowest of 16)."
    )
    assert len(told.messages) == 5 and all(len(m.split()) < 30 for m in told.messages)
    assert "about 2,080 more children" in told.messages[3]
    assert briefing_attention.similar_places_message(None, "Blackpool") is None


def test_slide_two_quotes_one_series_per_topic_the_headline_first(db, icb2025):
    # Blackpool's attention list with every adult smoking series put in the first group ("worse and getting
    # worse"): slide 2 may quote the topic once, from its headline (OHID 92443, smoking_adults); without the
    # headline in the list, from one other series only (the registry's rule, lsc_phm.domain.topics.prefer_headline).
    table = attention.attention(db, icb2025, "QE1-E06000009").table
    smoking = [
        "smoking_adults",
        "smoking_qof_15plus",
        "cigarette_smokers_annual",
        "cigarette_smokers_5yr",
        "smoking_routine_manual",
    ]
    held = table[table["indicator_id"].isin(smoking) & table["value"].notna() & table["comparator_value"].notna()]
    assert {"smoking_adults", "smoking_qof_15plus"} <= set(held["indicator_id"])
    worst = table.assign(group=table["group"].where(~table["indicator_id"].isin(smoking), attention.GROUPS[0]))
    assert set(briefing_attention.ranked(worst)["indicator_id"]) & set(smoking) == {"smoking_adults"}
    without = worst[worst["indicator_id"] != "smoking_adults"]
    assert len(set(briefing_attention.ranked(without)["indicator_id"]) & set(smoking)) == 1


def test_the_short_direction_says_both_facts_where_the_latest_change_decided():
    # direction_basis as lsc_phm.views.attention_direction.direction wrote it for Blackburn with Darwen
    # (QE1-E06000008, 2025 build): a trend computed here, no trend tested, and a direction the recent trend decided
    # alone
    smi = {
        "direction": "improving",
        "direction_basis": (
            "rose significantly in the latest period (49.6% to 61.6%, 95% intervals do not overlap); five-point trend "
            "(chi-square test for trend at 99.8%, computed here): no significant change"
        ),
    }
    year6 = {
        "direction": "improving",
        "direction_basis": (
            "fell significantly in the latest year (44.1% to 39.5%, 95% intervals do not overlap); no five-year trend "
            "tested: no counts"
        ),
    }
    by_trend = {"direction": "getting worse", "direction_basis": "OHID's five-year trend: getting worse"}
    assert attention_report.short_direction(smi) == (
        "rose significantly in the latest period (five-point trend computed here: no significant change)"
    )
    assert attention_report.short_direction(year6) == (
        "fell significantly in the latest year (no five-year trend tested)"
    )
    assert attention_report.short_direction(by_trend) == "getting worse"


def test_slide_two_against_the_similar_areas_names_that_comparator(db, icb2025):
    # briefing --comparator neighbours: the attention list against Blackpool's 15 nearest neighbours. Life expectancy
    # against the neighbours' median (men 77.1, women 81.1, no pooling for life-table values); bad or very bad health
    # against the pooled group, 208,367 / 2,745,737 = 7.589%, so (9.133 - 7.589) / 100 x 141,038 = about 2,180 more
    found, similar = attention.briefing_inputs(db, icb2025, "QE1-E06000009", "neighbours")
    story = briefing_attention.story(
        found.table,
        "Blackpool",
        "Blackpool is the most deprived of 296 districts",
        found.history,
        "QE1-E06000009",
        similar,
    )
    assert story.comparator == "the similar-areas group"
    life = next(m for m in story.messages if m.startswith("Life expectancy in Blackpool"))
    assert "against 77.1 and 81.1 in the similar-areas group" in life and "England" not in life
    health = next(m for m in story.messages if m.startswith("Bad or very bad health"))
    assert "against 7.6% in the similar-areas group" in health and "about 2,180 more residents" in health
    assert all("England" not in q for q in story.questions if "gap" in q)
    # a county has no peer group: the CLI and the page then compare with England (ValueError here)
    with pytest.raises(ValueError):
        attention.briefing_inputs(db, icb2025, "QE1-E10000017", "neighbours")
