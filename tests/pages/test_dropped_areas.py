"""A place that drops out of a chart is named under it, with the reason, in both IMD vintages.

Expected values from the data held: OHID 92443 (adult smoking, APS) has 2024 values for the 2019 districts but none
for Cumberland or Westmorland and Furness (created April 2023), and North Yorkshire's last is 2019; OHID's life
expectancy for 2023-25 exists for the 2024 authorities only, so the 2019 Cumbrian districts and Craven end at 2019-21;
ONS HLE is published for upper-tier authorities, so the 3-LSOA North Yorkshire fragment has none.
"""

from __future__ import annotations

import pytest

from lsc_phm.domain import dropped_areas, geography, indicator_data
from tests.conftest import run_page, shared_page
from tests.pages.sweep import texts


def _captions(page: str, vintage: int, **query) -> str:
    return " | ".join(texts(shared_page(page, vintage, **query)))


SMOKING_2025 = (
    "Not shown, no 2024 value: Cumberland (part) (no value in the data held); North Yorkshire (part) "
    "(latest value held: 2019); Westmorland and Furness (part) (no value in the data held)."
)


def test_dropped_areas_reasons(db) -> None:
    icb = geography.resolve_icb(db, "QE1", 2025)
    frame = indicator_data.values(db, icb, "smoking_adults", "district", "2024")
    dropped = dropped_areas.dropped_areas(db, icb, "smoking_adults", frame)
    assert dict(zip(dropped["area_code"], dropped["reason"], strict=True)) == {
        "E06000063": "no value in the data held",
        "E06000065": "latest value held: 2019",
        "E06000064": "no value in the data held",
    }


def test_suppressed_value_is_named_as_suppressed(db) -> None:
    icb = geography.resolve_icb(db, "QE1", 2025)
    frame = indicator_data.values(db, icb, "smoking_adults", "district", "2024").head(2).copy()
    frame["suppressed"] = [True, False]
    frame.loc[frame.index[0], "value"] = None
    dropped = dropped_areas.dropped_areas(db, icb, "smoking_adults", frame)
    assert dropped["reason"].tolist() == ["suppressed: count below 10"]


@pytest.mark.parametrize(
    "vintage, page, query, expected",
    [
        (2025, "home", {}, SMOKING_2025),
        (
            2025,
            "home",
            {},
            "Not shown, no 2022-24 value: North Yorkshire (part) (no value in the data held). HLE is "
            "published for upper-tier authorities only.",
        ),
        (2025, "inequalities", {"ineq_tab": "Smoking"}, SMOKING_2025),
        (
            2019,
            "inequalities",
            {"ineq_tab": "Life expectancy"},
            "Not shown, no 2023-25 value: Barrow-in-Furness (latest value held: 2019-21); "
            "Copeland (part) (latest value held: 2019-21); Craven (part) (latest value held: 2019-21); "
            "South Lakeland (latest value held: 2019-21).",
        ),
        # OHID 92445 (smoking, routine and manual 18-64, APS) 2022-24 for Lancashire's 12 districts:
        # Ribble Valley's last is 2021-23 (the words come from the profile's report sections,
        # ProfileData.district_dropped)
        (
            2025,
            "place_profile",
            {"profile_area": "QE1-E10000017"},
            "Not shown, no 2022-24 value: Ribble Valley (latest value held: 2021-23).",
        ),
    ],
)
def test_dropped_places_named_under_the_chart(db, vintage, page, query, expected) -> None:
    assert expected in _captions(page, vintage, **query)


def test_nothing_dropped_nothing_said(db) -> None:
    # IMD 2019: all 18 districts have a 2024 adult smoking value
    assert "Not shown, no 2024 value" not in _captions("inequalities", 2019, ineq_tab="Smoking")


def _inequalities(unit: str, indicator_id: str, period: str) -> str:
    at = run_page("inequalities", 2025)
    at.radio(key="ineq_unit").set_value(unit).run()
    at.selectbox(key=f"ineq_indicator_{unit}").set_value(indicator_id).run()
    at.selectbox(key=f"ineq_period_{unit}").set_value(period).run()
    assert not at.exception, [e.value for e in at.exception]
    return " | ".join(texts(at))


def test_suppressed_practices_named_under_the_funnel_plot(db) -> None:
    # QOF 2024-25 COPD: two practices' registers are below 10 (suppressed), so 194 of the ICB's 196 are plotted
    assert (
        "Not shown, no 2024/25 value: SLAIDBURN HEALTH CENTRE (suppressed: count below 10); WRAYSDALE HOUSE "
        "SURGERY (suppressed: count below 10)."
    ) in _inequalities("practice", "qof_copd", "2024-25")


def test_pcns_without_a_value_named_under_the_caterpillar(db) -> None:
    # GP-recorded smoking (15+), 2022/23: 4 of 45 PCNs have a practice without OHID's value, so no PCN value (their
    # latest is 2023/24, but the reason for this period is the missing practice)
    text = _inequalities("pcn", "smoking_qof_15plus", "2022/23")
    reason = "(not every practice of this PCN has one)"
    assert "Not shown, no 2022/23 value: Millom PCN " + reason in text
    assert all(f"{name} {reason}" in text for name in ("Wyre Bridge", "Garstang PCN"))


def test_comparator_without_a_value_named_under_the_attention_chart(db) -> None:
    # ONS Health Index (overall), latest 2021: Blackpool's series is held, England has no row for it in the database
    # (checked in mart_indicator_values), so the detail chart draws Blackpool alone and says why England is missing
    at = run_page("attention", attention_area="blackpool", attention_indicator="health_index_overall")
    assert ":material/visibility_off: Not shown, no 2021 value: England (no value in the data held)." in texts(at)
    at.selectbox(key="attention_indicator").set_value("children_absolute_low_income").run()
    assert not any("Not shown" in t for t in texts(at))  # Blackpool and England both drawn
