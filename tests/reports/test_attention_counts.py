"""The one-sentence count of an attention list's groups (the Overview's summary)."""

from __future__ import annotations

import pandas as pd
import pytest

from lsc_phm.reports.attention_report import counts_sentence


def _table(groups: dict[str, int], comparator: str = "England") -> pd.DataFrame:
    rows = [group for group, n in groups.items() for _ in range(n)]
    return pd.DataFrame({"group": rows, "comparator_name": comparator})


def test_groups_in_order_with_the_comparator_named() -> None:
    table = _table({"Better or similar": 3, "Worse and getting worse": 2, "Not judged": 5, "Worse but improving": 1})
    assert counts_sentence(table) == (
        "Against England: 2 indicators worse and getting worse, 1 worse but improving and 3 better or similar; 5 not "
        "judged (no better or worse direction, such as a recorded prevalence, or no comparison held)."
    )


def test_one_group_and_no_judgement() -> None:
    assert counts_sentence(_table({"Worse and not improving": 1}, "15 similar areas")) == (
        "Against 15 similar areas: 1 indicator worse and not improving."
    )
    assert counts_sentence(_table({"Not judged": 2})) == (
        "Against England: no indicator judged; 2 not judged (no better or worse direction, such as a recorded "
        "prevalence, or no comparison held)."
    )


def test_a_table_without_groups_is_refused() -> None:
    with pytest.raises(ValueError, match="needs a 'group' column"):
        counts_sentence(pd.DataFrame({"indicator": ["x"]}))


def test_side_by_side_counts_each_group_and_names_the_first_message() -> None:
    from lsc_phm.reports.briefing_attention import side_by_side, side_by_side_note

    # two hand-made lists: one worse and getting worse (crude %, with a gap in people) and one better or similar
    worse = pd.DataFrame(
        {
            "group": ["Worse and getting worse", "Better or similar", "Not judged"],
            "indicator_id": ["census_bad_health", "smoking_adults", "pct_aged_65_plus"],
            "indicator": [
                "Bad or very bad health (Census 2021)",
                "Smoking prevalence (adults 18+)",
                "Aged 65 and over",
            ],
            "value": [6.1, 12.0, 20.0],
            "comparator_value": [5.2, 11.6, 18.4],
            "people": [100.0, None, None],
            "people_unit": ["people", "", ""],
            "area_name": "Blackpool",
        }
    )
    similar = worse.iloc[[1]].assign(area_name="Fylde")
    frame = side_by_side({"E06000009": worse, "E07000119": similar})
    assert frame.to_dict("records") == [
        {
            "area_code": "E06000009",
            "area_name": "Blackpool",
            "Worse and getting worse": 1,
            "Worse and not improving": 0,
            "Worse but improving": 0,
            "Better or similar": 1,
            "Not judged": 1,
            "first_message": "Bad or very bad health (Census 2021)",
        },
        {
            "area_code": "E07000119",
            "area_name": "Fylde",
            "Worse and getting worse": 0,
            "Worse and not improving": 0,
            "Worse but improving": 0,
            "Better or similar": 1,
            "Not judged": 0,
            "first_message": "",
        },
    ]
    assert side_by_side_note("district").endswith("its figures are the whole authority's.")
    with pytest.raises(ValueError, match="level must be 'place' or 'district'"):
        side_by_side_note("ward")
    with pytest.raises(ValueError, match="E06000009 has no 'group' column"):
        side_by_side({"E06000009": pd.DataFrame({"indicator": ["x"]})})


def test_summary_without_a_message_names_what_is_worse_or_says_nothing_is() -> None:
    from lsc_phm.reports.briefing_attention import summary

    # Disabled (Equality Act) is a population group, which the briefing never quotes as a message
    context = pd.DataFrame(
        {
            "group": ["Worse and not improving", "Not judged"],
            "indicator_id": ["pct_disabled", "pct_aged_65_plus"],
            "indicator": ["Disabled (Equality Act)", "Aged 65 and over"],
            "value": [19.8, 20.0],
            "comparator_value": [17.3, 18.4],
            "people": [100.0, None],
            "people_unit": ["people", ""],
            "comparator_name": "England",
        }
    )
    found = summary(context, "the ICB", lambda _: "")
    assert found.counts.startswith("Against England: 1 indicator worse and not improving; 1 not judged")
    assert found.messages == [
        "Worse than England, all of them life expectancy, deprivation or population groups (which the briefing does "
        "not quote as messages): Disabled (Equality Act)."
    ]
    assert found.note == ""
    nothing = summary(context.assign(group="Better or similar"), "the ICB", lambda _: "")
    assert nothing.messages == [
        "No indicator judged for the ICB is worse than England; its places and districts may differ."
    ]


def test_summary_quotes_the_briefing_and_names_each_source() -> None:
    from lsc_phm.reports.briefing_attention import summary

    # 6.1% against 5.2% with a gap of 16,506.2 people (95% 15,900 to 17,100 after rounding): as the Overview shows
    row = {
        "group": "Worse and not improving",
        "indicator_id": "census_bad_health",
        "indicator": "Bad or very bad health (Census 2021)",
        "unit": "%",
        "period": "2021",
        "value": 6.1,
        "comparator_value": 5.2,
        "comparator_name": "England",
        "direction": "not tested",
        "direction_basis": "one period",
        "people": 16_506.2,
        "people_lowercl": 15_912.0,
        "people_uppercl": 17_103.0,
        "people_unit": "people",
        "standardisation": "crude",
        "comparison_basis": "95% CI (computed here)",
    }
    found = summary(pd.DataFrame([row]), "the ICB", {"census_bad_health": "ONS: Census 2021 TS037"}.get)
    assert found.messages == [
        "Bad or very bad health (Census 2021): 6.1% against 5.2% in England (2021); about 16,500 more residents than "
        "at England's rate (15,900 to 17,100)."
    ]
    assert found.note.startswith(
        "Sources: Bad or very bad health (Census 2021): ONS: Census 2021 TS037 (crude; compared by 95% CI (computed "
        "here))."
    )
    assert "people: (the ICB's rate − England's) × the ICB's denominator, computed here" in found.note
