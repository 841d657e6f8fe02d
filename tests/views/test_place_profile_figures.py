"""A profile's indicator figures, read for all its indicators at once, are the figures of the one-indicator path:
:func:`lsc_phm.domain.indicator_data.values` at the value's level for the area's latest period."""

from __future__ import annotations

import pandas as pd
import pytest

from lsc_phm.domain import indicator_data
from lsc_phm.views import place_profile, place_profile_areas, place_profile_figures

BLACKPOOL_PLACE = "QE1-E06000009"
SHOWN = ["period", "value", "lowercl", "uppercl", "numerator", "denominator", "comparison", "suppressed", "method"]


@pytest.fixture(scope="module")
def blackpool(db, icb2019):
    area = place_profile.resolve_area(db, icb2019, BLACKPOOL_PLACE)
    ids = ("le_male", "smoking_adults", "qof_hyp", "census_bad_health")
    return area, place_profile_figures.indicator_figures(db, icb2019, area, ids).set_index("indicator_id")


@pytest.mark.parametrize(
    ("indicator_id", "level", "code", "vintage"),
    [
        ("le_male", "place", BLACKPOOL_PLACE, 2019),  # published for the unitary authority Blackpool is
        ("smoking_adults", "place", BLACKPOOL_PLACE, 2019),
        ("qof_hyp", "sicbl", None, 2019),  # QOF: the sub-ICB location 00R, whose LSOAs are exactly Blackpool's
        ("census_bad_health", "place", BLACKPOOL_PLACE, 2025),  # Census 2021: on the 2025 (LSOA 2021) geography
    ],
)
def test_a_figure_is_the_one_indicator_value(db, icb2019, blackpool, indicator_id, level, code, vintage):
    area, figures = blackpool
    icb = place_profile_areas.icb_in(db, icb2019, vintage)
    if code is None:  # the sub-ICB location Blackpool's QOF values are read for
        code = db.query("profile_matching_sicbl", vintage=2019, icb=icb2019.code, level="place", area_code=area.code)
        code = str(code["sicbl_code"].iloc[0])
    history = indicator_data.series(db, icb, indicator_id, [code])
    latest = history[history["value"].notna()].sort_values("period_sort")["period"].iloc[-1]
    expected = indicator_data.values(db, icb, indicator_id, level, latest).set_index("area_code").loc[code]
    got = figures.loc[indicator_id]
    for column in SHOWN:
        assert got[column] == expected[column] or (pd.isna(got[column]) and pd.isna(expected[column])), column
    assert got["value"] > 0


def test_sections_read_together_give_each_section_s_figures(db, icb2019, blackpool):
    area, figures = blackpool
    both = place_profile_figures.section_figures(
        db, icb2019, area, {"a": ("le_male", "qof_hyp"), "b": ("census_bad_health",)}
    )
    assert list(both) == ["a", "b"]
    assert list(both["a"]["indicator_id"]) == ["le_male", "qof_hyp"]
    pd.testing.assert_frame_equal(both["b"].set_index("indicator_id"), figures.loc[["census_bad_health"]])
