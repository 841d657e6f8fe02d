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
