"""The scorecard drawn as HTML: grouped rows, full names, adult-proxy labels, one reason per blank cell."""

from __future__ import annotations

import pandas as pd
import pytest

from lsc_phm.render import palette
from lsc_phm.render.scorecard import Column, blank_letters, legend_html, scorecard_html


def _card() -> pd.DataFrame:
    base = {
        "group": "Children and young people",
        "clinical_area": "Diabetes",
        "area_status": "published, not loaded here",
        "lowercl": None,
        "uppercl": None,
        "recent_trend": "",
        "link": "",
        "source": "",
        "value_note": None,
        "england_value": 7.5,
        "unit": "%",
        "period": "2024-25",
    }
    rows = [
        {
            **base,
            "row_kind": "status",
            "proxy": False,
            "area_code": None,
            "indicator_id": "status:cyp_diabetes",
            "indicator": "published, not loaded here: NPDA (RCPCH), by paediatric diabetes unit",
            "value": None,
            "comparison": "",
            "blank_reason": "see the status",
            "link": "https://www.rcpch.ac.uk/npda",
        },
        {
            **base,
            "row_kind": "indicator",
            "proxy": True,
            "area_code": "A",
            "indicator_id": "qof_dm",
            "indicator": "Diabetes (17+): QOF recorded prevalence with a long name that wraps",
            "value": 8.24,
            "lowercl": 8.2,
            "uppercl": 8.3,
            "comparison": "Higher",
            "blank_reason": "",
        },
        {
            **base,
            "row_kind": "indicator",
            "proxy": True,
            "area_code": "B",
            "indicator_id": "qof_dm",
            "indicator": "Diabetes (17+): QOF recorded prevalence with a long name that wraps",
            "value": None,
            "comparison": "",
            "blank_reason": "not published for places",
        },
    ]
    return pd.DataFrame(rows)


def test_rows_carry_proxy_label_full_name_status_link_and_blank_reason():
    columns = [Column("A", "ICB", "ICB: the ICB"), Column("B", "Blackpool", "Place: Blackpool", "Places")]
    html, letters = scorecard_html(_card(), columns, {"qof_dm": 2})
    assert letters == {"not published for places": "a"}
    assert 'class="proxy">adult proxy<' in html
    assert "QOF recorded prevalence with a long name that wraps (%)" in html  # never truncated
    assert '<a href="https://www.rcpch.ac.uk/npda">' in html
    # the blank cell shows its letter and, on hover, the area and its one reason
    assert '<td class="blank" title="Place: Blackpool: not published for places">a</td>' in html
    # a value cell: fill colour and symbol (never colour alone), interval and comparison on hover
    higher = palette.COMPARISON_COLOURS["Higher"]
    assert f"background:{higher}" in html and "8.24 ◆" in html
    assert "8.24% (95% CI 8.20 to 8.30); Higher (England 7.50)" in html
    assert "position: sticky; left: 0" in html and "overflow-x: auto" in html
    assert '<th scope="colgroup" colspan="1">Places</th>' in html


def test_legend_names_each_blank_letter_with_its_count_and_missing_columns_are_refused():
    legend = legend_html(
        blank_letters(["not published for places"]),
        {"not published for places": 36},
        ["Higher"],
        "Recent trend: arrows",
    )
    assert "<i>a</i> = not published for places (36 cells)" in legend and "adult proxy" in legend
    with pytest.raises(ValueError, match="scorecard lacks columns"):
        scorecard_html(_card().drop(columns=["blank_reason"]), [], {})
