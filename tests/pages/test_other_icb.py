"""Any English ICB can be configured: every page runs for one without shipped boundaries and says what is missing."""

from __future__ import annotations

import pytest

from tests.conftest import run_page

PAGES = [
    "pages/home.py",
    "pages/map_explorer.py",
    "pages/inequalities.py",
    "pages/core20plus5.py",
    "pages/place_profile.py",
    "pages/data_and_methods.py",
    "pages/your_data.py",
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.usefixtures("db")
def test_page_runs_for_north_east_and_north_cumbria(monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    monkeypatch.setenv("LSC_PHM_ICB", "QHM")  # every cached query is keyed by the ICB it is for
    app = run_page(page)
    assert not app.error
    sidebar = " ".join(w.value for w in app.sidebar.warning)
    assert "Small-area maps are shipped for Lancashire and South Cumbria only" in sidebar


def test_other_icb_headline_is_its_own(db, monkeypatch: pytest.MonkeyPatch) -> None:
    # NHS North East and North Cumbria: Census 2021 usual residents summed over its 2021 LSOAs (from the database)
    monkeypatch.setenv("LSC_PHM_ICB", "QHM")
    expected = db.execute(
        "select sum(residents) as n from mart_lsoas where imd_vintage = 2025 and icb_ods_code = 'QHM'"
    )["n"].iloc[0]
    app = run_page("home")
    assert app.title[0].value == "NHS North East and North Cumbria Integrated Care Board"
    assert {m.label: m.value for m in app.metric}["Population (Census 2021)"] == f"{expected:,.0f}"


def test_other_icb_attention_summary_says_when_nothing_is_worse(db, monkeypatch: pytest.MonkeyPatch) -> None:
    # North East and North Cumbria with IMD 2019: one indicator is judged at ICB level (better or similar), so the
    # Overview says nothing is worse rather than listing messages; the attention page's band agrees
    monkeypatch.setenv("LSC_PHM_ICB", "QHM")
    app = run_page("home", vintage=2019)
    text = [m.value for m in app.markdown]
    counts = next(m for m in text if m.startswith("**NHS North East and North Cumbria Integrated Care Board.**"))
    assert "Against England: 1 indicator better or similar; 30 not judged" in counts
    assert "No indicator judged for the ICB is worse than England; its places and districts may differ." in text
    band = {m.label: m.value for m in run_page("pages/attention.py", vintage=2019).metric}
    assert band["Better or similar"] == "1" and band["Not judged"] == "30"
    assert {band[g] for g in ("Worse and getting worse", "Worse and not improving", "Worse but improving")} == {"0"}
