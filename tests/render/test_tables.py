"""Tables for people: headers, decimals, blanks and the note on why a value is blank."""

from __future__ import annotations

import pandas as pd

from lsc_phm.render import tables


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_name": ["Blackpool", "Fylde", "Wyre"],
            "indicator_id": ["x", "x", "x"],
            "value": [20.83, None, 12.0],
            "lowercl": [18.2, None, None],
            "uppercl": [23.9, None, None],
            "numerator": [1234.0, None, 56.0],
            "suppressed": [False, True, False],
            "source": ["S", None, "S"],
        }
    )


def test_headers_are_words_with_units_and_no_raw_names():
    shown = tables.for_people(_frame(), decimals=1, unit="%").frame
    assert list(shown.columns) == [
        "Area",
        "Indicator code",
        "Value (%)",
        "Lower CI (%)",
        "Upper CI (%)",
        "Count",
        "Suppressed",
        "Source",
    ]
    assert not any(tables.is_raw_name(c) for c in shown.columns)
    assert tables.human_name("some_new_column") == "Some new column"  # unknown names still read as words


def test_numbers_to_the_indicator_decimals_and_blanks_not_none():
    table = tables.for_people(_frame(), decimals=1, unit="%")
    # value has a missing cell, so it is shown as text: 20.83 -> "20.8", missing -> "", 12.0 -> "12.0"
    assert list(table.frame["Value (%)"]) == ["20.8", "", "12.0"]
    assert list(table.frame["Count"]) == ["1,234", "", "56"]
    assert list(table.frame["Source"]) == ["S", "", "S"]
    assert list(table.frame["Suppressed"]) == ["No", "Yes", "No"]  # booleans as words
    assert not table.frame.isna().any().any()  # nothing for Streamlit to draw as "None"
    # a numeric column without gaps stays numeric (it sorts as numbers), formatted by Streamlit
    complete = tables.for_people(_frame().dropna(subset=["value"]), decimals=1, unit="%")
    assert complete.formats["Value (%)"] == "%.1f" and complete.formats["Count"] == "localized"
    assert complete.frame["Value (%)"].tolist() == [20.83, 12.0]


def test_note_says_why_values_are_blank():
    frame = pd.concat(
        [_frame(), pd.DataFrame({"area_name": ["Preston"], "value": [None], "suppressed": [False]})], ignore_index=True
    )
    # Fylde suppressed (count below 10); Preston has no value and is not suppressed
    assert tables.for_people(frame).note == "Blank values: 1 suppressed (count below 10); 1 no data published."
    assert tables.for_people(_frame().dropna(subset=["value"])).note == ""


def test_csv_export_keeps_raw_names():
    from lsc_phm.render import exports

    text = exports.to_csv_bytes(_frame()).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("area_name,indicator_id,value,lowercl,uppercl")
