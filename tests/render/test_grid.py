"""The overview grid: one row per indicator, one column per area, cells coloured by comparison with a symbol."""

from __future__ import annotations

import pandas as pd
import pytest

from lsc_phm.render import grid, palette


def _long() -> pd.DataFrame:
    rows = [
        # clinical_area, level, code, name, indicator, value, england, comparison, period
        (
            "Cancer",
            "ICB",
            "E54000048",
            "NHS Lancashire and South Cumbria Integrated Care Board",
            "cancer",
            None,
            56.8,
            "No published ICB value",
            "2022",
        ),
        ("Cancer", "Place", "E06000009", "Blackpool", "cancer", 55.83, 56.8, "Similar", "2022"),
        ("Cancer", "Place", "E10000017", "Lancashire", "cancer", 53.61, 56.8, "Worse", "2022"),
        (
            "Hypertension",
            "ICB",
            "E54000048",
            "NHS Lancashire and South Cumbria Integrated Care Board",
            "hyp",
            17.204,
            15.23,
            "Higher",
            "2024-25",
        ),
        (
            "Hypertension",
            "Sub-ICB location",
            "E38000014",
            "NHS Lancashire and South Cumbria ICB - 00Q",
            "hyp",
            14.98,
            15.23,
            "Lower",
            "2024-25",
        ),
        ("Hypertension", "Place", "E06000009", "Blackpool", "hyp", None, 15.23, "Suppressed", "2024-25"),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "clinical_area",
            "level",
            "area_code",
            "area_name",
            "indicator_id",
            "value",
            "england_value",
            "comparison",
            "period",
        ],
    )
    frame["indicator"] = frame["indicator_id"].map({"cancer": "Cancers at stage 1 or 2", "hyp": "Hypertension"})
    frame["unit"] = "%"
    return frame


def test_rows_columns_and_cells():
    g = grid.indicator_grid(_long(), {"cancer": 1, "hyp": 2})
    # ICB first, then places, then sub-ICB locations; the sub-ICB by its familiar name or its code
    assert g.area_columns[:3] == ["ICB", "Blackpool", "Lancashire"]
    assert g.area_columns[3] in ("Sub-ICB 00Q", "Blackburn with Darwen (00Q)")
    assert list(g.display["Indicator"]) == ["Cancers at stage 1 or 2 (%)", "Hypertension (%)"]
    assert list(g.display["England"]) == ["56.8", "15.23"]
    cancer, hyp = g.display.iloc[0], g.display.iloc[1]
    assert (cancer["ICB"], cancer["Blackpool"], cancer["Lancashire"]) == ("", "55.8 ●", "53.6 ▼")
    assert (hyp["ICB"], hyp[g.area_columns[3]], hyp["Blackpool"]) == ("17.20 ◆", "14.98 ■", "")
    # blank cells are counted by reason: no ICB value; suppressed; not published at that level
    assert g.blanks == {
        "no published value for the ICB (none is estimated)": 1,
        "suppressed (count below 10)": 1,
        "not published for this kind of area": 2,
    }
    assert g.present() == ["Similar", "Worse", "Higher", "Lower"]


def test_cells_are_filled_with_exactly_the_palette_colour_and_readable_text():
    g = grid.indicator_grid(_long(), {"cancer": 1, "hyp": 2})
    assert g.cell_style("Lancashire", 0) == (
        f"background-color: {palette.COMPARISON_COLOURS['Worse']}; color: {palette.COMPARISON_TEXT['Worse']}"
    )
    assert g.cell_style("Blackpool", 1) == ""  # suppressed: blank and unfilled
    html = g.styler().to_html()
    assert palette.COMPARISON_COLOURS["Higher"] in html
    legend = grid.legend_html(g)
    assert "Similar" in legend and "Better" not in legend  # only the categories present
    assert "suppressed (count below 10) (1)" in legend


def test_missing_columns_are_refused():
    with pytest.raises(ValueError, match="grid table lacks columns"):
        grid.indicator_grid(_long().drop(columns=["england_value"]), {})


def test_recent_trend_arrows_and_their_legend():
    frame = _long()
    frame["recent_trend"] = ""
    frame.loc[frame["area_name"] == "Lancashire", "recent_trend"] = "Decreasing and getting better (OHID's trend)"
    g = grid.indicator_grid(frame, {"cancer": 1, "hyp": 2})
    assert g.display.iloc[0]["Lancashire"] == "53.6 ▼ ↓" and g.display.iloc[0]["Blackpool"] == "55.8 ●"
    assert "Recent trend: ↑ increasing, ↓ decreasing" in grid.legend_html(g)
    assert "Recent trend" not in grid.legend_html(grid.indicator_grid(_long(), {"cancer": 1, "hyp": 2}))
