"""The practice funnel plot works for every practice-level indicator with counts, not only QOF registers."""

from __future__ import annotations

import pytest

from lsc_phm.views import inequality_funnel


def test_every_practice_proportion_with_counts_has_a_funnel():
    ids = inequality_funnel.funnel_indicator_ids()
    assert "smoking_qof_15plus" in ids and "qof_hyp" in ids and len(ids) == 22  # 21 QOF registers + GP smoking


def test_gp_recorded_smoking_funnel_against_the_icb_built_from_practices(db, icb2025):
    # 2023/24: centre line = the ICB's 235,318 / 1,552,440 = 15.158%; all 196 practices have counts of 10 or more.
    funnel = inequality_funnel.practice_funnel(db, icb2025, "smoking_qof_15plus", "2023/24", benchmark="icb")
    assert funnel.baseline == pytest.approx(100 * 235_318 / 1_552_440)
    assert sum(funnel.counts.values()) == 196 and funnel.counts["Suppressed (count below 10)"] == 0
    assert funnel.counts["Above the 99.8% limit"] == 73 and funnel.counts["Below the 99.8% limit"] == 79
    # P81005 Little Harwood Health Centre: 1,358 / 9,834 = 13.81%; 99.8% limits at N = 9,834 around 15.158%:
    # 15.158 -/+ 3.0902 x sqrt(0.15158 x 0.84842 / 9,834) x 100 = 15.158 -/+ 1.115 -> 14.04 to 16.27: below
    row = funnel.points.set_index("practice_code").loc["P81005"]
    assert row["position"] == "Below the 99.8% limit"
    # England is held to 2022/23 only: a clear message for 2023/24, a funnel for 2022/23 (England 14.71%)
    with pytest.raises(ValueError, match="no England value for 'smoking_qof_15plus' in 2023/24"):
        inequality_funnel.practice_funnel(db, icb2025, "smoking_qof_15plus", "2023/24", benchmark="england")
    england = inequality_funnel.practice_funnel(db, icb2025, "smoking_qof_15plus", "2022/23", benchmark="england")
    assert round(england.baseline, 2) == 14.71 and sum(england.counts.values()) == 200


def test_an_indicator_without_practice_counts_has_no_funnel(db, icb2025):
    with pytest.raises(ValueError, match="no counts per practice"):
        inequality_funnel.practice_funnel(db, icb2025, "smoking_adults", "2024")
