"""Tests for lsc_phm.stats.suppression.suppress."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lsc_phm.stats import proportion, suppress
from lsc_phm.stats.suppression import SECONDARY_REASON


def _table():
    return pd.DataFrame(
        {
            "area": ["A", "A", "A", "B", "B", "B"],
            "decile": [1, 2, 3, 1, 2, 3],
            "deaths": [4, 12, 30, 3, 5, 40],
            "value": [4.0, 12.0, 30.0, 3.0, 5.0, 40.0],
            "lowercl": [1.0, 6.0, 20.0, 0.5, 1.6, 28.0],
            "uppercl": [10.0, 20.0, 42.0, 8.0, 11.0, 54.0],
            "population": [1000] * 6,
        }
    )


def test_primary_suppression_only():
    out = suppress(_table(), "deaths")
    assert out["suppressed"].tolist() == [True, False, False, True, True, False]
    assert out.loc[0, ["deaths", "value", "lowercl", "uppercl"]].isna().all()
    assert out.loc[0, "population"] == 1000  # denominators are not hidden
    assert out.loc[0, "suppression_reason"] == "count below 10"
    assert out.loc[1, "suppression_reason"] == ""
    assert out.loc[1, "deaths"] == 12


def test_secondary_suppression_hides_next_smallest_in_group():
    out = suppress(_table(), "deaths", group_cols="area")
    # Area A: only decile 1 is primary-suppressed → decile 2 (12, next smallest) is hidden too.
    # Area B: two cells already suppressed → only their sum is recoverable; nothing more hidden.
    assert out["suppressed"].tolist() == [True, True, False, True, True, False]
    assert out.loc[1, "suppression_reason"] == SECONDARY_REASON
    assert SECONDARY_REASON == "secondary suppression: would reveal a suppressed cell from the total"
    assert np.isnan(out.loc[1, "value"]) and np.isnan(out.loc[1, "deaths"])


def test_secondary_ties_take_first_row():
    df = pd.DataFrame({"g": ["x"] * 3, "n": [2, 15, 15]})
    out = suppress(df, "n", group_cols=["g"])
    assert out["suppressed"].tolist() == [True, True, False]


def test_input_not_mutated_and_custom_threshold_and_columns():
    df = _table()
    before = df.copy()
    out = suppress(df, "deaths", threshold=5, value_cols=["value"])
    pd.testing.assert_frame_equal(df, before)
    assert out["suppressed"].tolist() == [True, False, False, True, False, False]
    assert out.loc[0, "suppression_reason"] == "count below 5"
    assert out.loc[0, "lowercl"] == 1.0  # not in value_cols, so kept


def test_two_level_ci_columns_hidden_by_default():
    df = proportion([3, 50], [100, 100], confidence=(0.95, 0.998))
    out = suppress(df, "numerator")
    for col in ("numerator", "value", "lower95_0cl", "upper95_0cl", "lower99_8cl", "upper99_8cl"):
        assert np.isnan(out.loc[0, col])
        assert not np.isnan(out.loc[1, col])
    assert out.loc[0, "denominator"] == 100


def test_zero_suppressed_missing_count_left_alone():
    df = pd.DataFrame({"n": [0, np.nan, 20], "value": [0.0, np.nan, 2.0]})
    out = suppress(df, "n")
    assert out["suppressed"].tolist() == [True, False, False]
    assert out["suppression_reason"].tolist() == ["count below 10", "", ""]


def test_nullable_integer_counts():
    df = pd.DataFrame({"n": pd.array([3, None, 20], dtype="Int64")})
    out = suppress(df, "n")
    assert out["suppressed"].tolist() == [True, False, False]
    assert out["n"].isna().tolist() == [True, True, False]


def test_errors():
    with pytest.raises(ValueError, match="^column 'count' not found in data$"):
        suppress(_table(), "count")
    with pytest.raises(ValueError, match="^column 'region' not found in data$"):
        suppress(_table(), "deaths", group_cols="region")
    with pytest.raises(ValueError, match="^threshold must be greater than zero$"):
        suppress(_table(), "deaths", threshold=0)
