"""Tests for lsc_phm.stats.quantiles (Fingertips quantile assignment)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from lsc_phm.stats import quantiles


def test_boundary_case_n28_k20_rank8():
    # floor(k + 1 - ceil((N + 1 - rank) / (N / k))) with N = 28, k = 20, rank = 8:
    #   (28 + 1 - 8) / (28 / 20) = 21 / 1.4 = 15.000000000000002 in floating point
    #   ceil → 16; 20 + 1 - 16 = 5.  The rewrite 21 × 20 / 28 = 15 exactly would give 6.
    assert math.floor(20 + 1 - math.ceil((28 + 1 - 8) / (28 / 20))) == 5
    assert math.floor(20 + 1 - math.ceil((28 + 1 - 8) * 20 / 28)) == 6
    values = np.arange(28, 0, -1, dtype=float)  # descending, so with invert=True rank i = position i
    q = quantiles(values, n=20, invert=True)
    assert q.iloc[7] == 5  # the value with rank 8


def test_deciles_of_100_values_are_equal_sized_and_inverted():
    values = np.arange(1, 101, dtype=float)
    q = quantiles(values)  # invert=True: highest values get 1
    assert q.value_counts().tolist() == [10] * 10
    assert q.iloc[-1] == 1 and q.iloc[0] == 10
    q2 = quantiles(values, invert=False)
    assert q2.iloc[0] == 1 and q2.iloc[-1] == 10


def test_ties_share_minimum_rank_quantile():
    values = [5, 5, 5, 4, 3, 2, 1, 0, 0, 0]
    q = quantiles(values, n=5)
    # three tied top values all rank 1 → quantile floor(6 - ceil(10 / 2)) = 1
    assert q.iloc[:3].tolist() == [1, 1, 1]
    # three tied bottom values rank 8 → floor(6 - ceil(3 / 2)) = 4
    assert q.iloc[-3:].tolist() == [4, 4, 4]


def test_too_few_values_and_missing():
    assert quantiles([1.0, 2.0, 3.0], n=5).isna().all()
    q = quantiles([1, 2, np.nan, 3, 4, 5], n=5)
    assert np.isnan(q.iloc[2])
    assert q.dropna().tolist() == [5, 4, 3, 2, 1]


def test_groups_and_index_kept():
    s = pd.Series([1, 2, 3, 4, 5, 10, 20, 30, 40, 50], index=list("abcdefghij"))
    q = quantiles(s, n=5, groups=["x"] * 5 + ["y"] * 5)
    assert list(q.index) == list("abcdefghij")
    assert q.name == "quantile"
    assert q.tolist() == [5, 4, 3, 2, 1] * 2


def test_errors():
    with pytest.raises(ValueError, match="^n must be an integer of at least 2$"):
        quantiles([1, 2, 3], n=1)
    with pytest.raises(ValueError, match="^n must be an integer of at least 2$"):
        quantiles([1, 2, 3], n=2.5)
    with pytest.raises(ValueError, match="^groups must have the same length as values$"):
        quantiles([1, 2, 3], n=2, groups=["a"])
