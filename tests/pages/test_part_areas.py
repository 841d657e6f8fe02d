"""Areas only partly inside the ICB are named "... (part)" in every view, in both IMD vintages.

Which areas straddle comes from the ONS lookups (LSOA to ICB): in Lancashire and South Cumbria, on the 2011 LSOAs
(IMD 2019) Copeland has 6 and Craven 3 of their LSOAs in the ICB; on the 2021 LSOAs (IMD 2025) Cumberland 6,
Westmorland and Furness 106 and North Yorkshire 3 (data/geography lookups; tests/store/test_data_published_values.py).
"""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest

from lsc_phm.cli import main
from lsc_phm.domain import geography, part_areas
from tests.conftest import shared_page
from tests.pages.sweep import cells, chart_frames, table_frames, texts

PARTIAL = {
    2019: {"E07000029": "Copeland", "E07000163": "Craven"},
    2025: {"E06000063": "Cumberland", "E06000064": "Westmorland and Furness", "E06000065": "North Yorkshire"},
}


@pytest.mark.parametrize("vintage", [2019, 2025])
def test_partial_districts_come_from_the_lookups(db, vintage) -> None:
    icb = geography.resolve_icb(db, "QE1", vintage)
    assert part_areas.partial_codes(db, icb, "district") == set(PARTIAL[vintage])
    assert part_areas.partial_codes(db, icb, "lsoa") == frozenset()  # an ICB is made of whole LSOAs


def _assert_marked(at, vintage: int, expect_in_cells: set[str], in_text: bool = False) -> None:
    """No table or chart cell names a partial district bare, and the ``expect_in_cells`` names carry "(part)";
    with ``in_text``, no caption or markdown names one bare either (sentences that say whose value it is, such as
    "value for Westmorland and Furness, shown as a proxy", are left to the profile's own tests)."""
    shown = cells(table_frames(at) + chart_frames(at))
    bare = set(PARTIAL[vintage].values()) & shown
    assert not bare, f"shown without '(part)': {bare}"
    assert {f"{name} (part)" for name in expect_in_cells} <= shown
    for text in texts(at) if in_text else []:  # named in a caption: "(part)" or "whole"
        for name in PARTIAL[vintage].values():
            for match in re.finditer(re.escape(name) + r"(?! \(part\)| \(whole|-| Without| 0\d\d| LSOAs)", text):
                raise AssertionError(f"'{name}' without '(part)' in: {text[max(match.start() - 60, 0) :][:160]}")


@pytest.mark.parametrize("vintage, in_cells", [(2019, {"Copeland", "Craven"}), (2025, set())])
def test_overview(db, vintage, in_cells) -> None:
    # IMD 2019: OHID 92443 has 2024 values for Copeland (13.4%) and Craven (6.0%), drawn as "(part)"; IMD 2025: the
    # three new authorities have no 2024 value and are named, with "(part)", under the chart
    at = shared_page("home", vintage)
    _assert_marked(at, vintage, in_cells, in_text=True)
    if vintage == 2025:
        assert any("Cumberland (part) (no value in the data held)" in t for t in texts(at))


@pytest.mark.parametrize("vintage", [2019, 2025])
def test_map_explorer_table(db, vintage) -> None:
    at = shared_page(
        "map_explorer", vintage, map_indicator="core20_population_share", map_level="district", map_table="true"
    )
    _assert_marked(at, vintage, set(PARTIAL[vintage].values()))


@pytest.mark.parametrize("vintage", [2019, 2025])
def test_map_explorer_lsoa_table_names_the_partial_parent_district(db, vintage) -> None:
    at = shared_page("map_explorer", vintage, map_indicator="imd_score", map_level="lsoa", map_table="true")
    table = next(f for f in table_frames(at) if "District" in f.columns)
    assert set(PARTIAL[vintage].values()) & set(table["District"]) == set()
    assert {f"{n} (part)" for n in PARTIAL[vintage].values()} <= set(table["District"])


@pytest.mark.parametrize(
    "vintage, tab, in_cells",
    [
        (2019, "Smoking", {"Copeland", "Craven"}),
        (2019, "Life expectancy", {"Copeland", "Craven"}),
        (2025, "Life expectancy", {"Cumberland", "Westmorland and Furness", "North Yorkshire"}),
    ],
)
def test_inequalities(db, vintage, tab, in_cells) -> None:
    at = shared_page("inequalities", vintage, ineq_tab=tab)
    _assert_marked(at, vintage, in_cells)


@pytest.mark.parametrize("vintage, member", [(2019, "Copeland"), (2025, "Westmorland and Furness")])
def test_place_profile_of_south_cumbria(db, vintage, member) -> None:
    at = shared_page("place_profile", vintage, profile_area="QE1-south-cumbria")
    _assert_marked(at, vintage, {member})


@pytest.mark.parametrize("vintage", [2019, 2025])
def test_cli_table_by_district(db, capsys, vintage) -> None:
    assert main(["table", "smoking_adults", "--level", "lad", "--imd", str(vintage)]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    names = dict(zip(frame["area_code"], frame["area_name"], strict=True))
    assert {code: names[code] for code in PARTIAL[vintage]} == {c: f"{n} (part)" for c, n in PARTIAL[vintage].items()}
