"""AppTest of the Data and methods page's block on similar places, ranks and Core20 movers."""

from __future__ import annotations

import pytest

from tests.conftest import shared_page


@pytest.mark.usefixtures("db")
def test_methods_tab_documents_neighbours_peers_ranks_and_movers():
    at = shared_page("pages/data_and_methods.py")
    assert not at.exception
    titles = [e.label for e in at.expander]
    for name in (
        "Nearest statistical neighbours",
        "Deprivation-decile peers",
        "Ranks among authorities",
        "Comparing with a peer group",
        "Core20 movers between IMD 2019 and IMD 2025",
    ):
        assert name in titles
    weights = next(df.value for df in at.dataframe if "Share of weight (%)" in df.value.columns)
    assert len(weights) == 12 and abs(weights["Weight"].sum() - 8.0) < 0.01  # 3 for deprivation + 5 x 1
    text = " ".join(m.value for m in at.markdown)
    assert "sqrt(sum over k of w_k (z_ak - z_bk)^2)" in text and "not a time series" in text
