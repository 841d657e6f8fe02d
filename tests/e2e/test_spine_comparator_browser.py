"""Browser check: switching the spine chart's comparator changes the benchmark values and the ranks."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.e2e.conftest import screenshot, wait_for_app


def _spine_csv(page) -> pd.DataFrame:
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download CSV").first.click()
    assert download.value.suggested_filename.startswith("spine_")
    return pd.read_csv(download.value.path(), encoding="utf-8-sig")


@pytest.mark.e2e
def test_switching_the_comparator_changes_values_and_ranks(app_url, page):
    page.goto(app_url)
    wait_for_app(page, timeout_ms=120_000)
    page.goto(f"{app_url}/inequalities?ineq_tab=Spine+chart")
    wait_for_app(page, timeout_ms=120_000)
    page.get_by_text("Compare with", exact=True).wait_for(timeout=60_000)
    england = _spine_csv(page).set_index("indicator")
    assert "England" in england.columns and england["rank_group"].isna().all()

    page.get_by_text("15 nearest neighbours", exact=True).first.click()
    wait_for_app(page, timeout_ms=120_000)
    page.get_by_text("Peers:", exact=False).first.wait_for(timeout=60_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert "ineq_comparator=neighbours" in page.url
    screenshot(page, "inequalities_spine_neighbours")
    peers = _spine_csv(page).set_index("indicator")
    assert "15 nearest neighbours" in peers.columns and "England" not in peers.columns
    shared = england.index.intersection(peers.index)
    # the benchmark of each row is now the peers' value, not England's, and each row has a rank among peers
    changed = (england.loc[shared, "England"] - peers.loc[shared, "15 nearest neighbours"]).abs() > 0.005
    assert changed.sum() >= len(shared) // 2
    assert peers["rank_group"].str.contains("similar areas").sum() >= len(shared) // 2
    assert (peers.loc[shared, "rank_all"] == england.loc[shared, "rank_all"]).all()  # ranks among all: unchanged
