"""AppTest of the frame, the overview page and the data and methods page."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lsc_phm.reports import briefing_attention
from tests.conftest import APP_PATH, run_page, shared_page


@pytest.fixture()
def app(db) -> AppTest:  # noqa: ARG001 - `db` builds the database first
    return AppTest.from_file(APP_PATH, default_timeout=90)


@pytest.mark.usefixtures("db")
def test_overview_shows_headline_figures_with_sources() -> None:
    app = shared_page("home")
    metrics = {m.label: m.value for m in app.metric}
    # ONS mid-2020 LSOA estimates summed over QE1's 1,058 LSOAs; Census 2021 over its 1,060 LSOAs.
    assert metrics["Population (mid-2020)"] == "1,701,655"
    assert metrics["Population (Census 2021)"] == "1,717,511"
    # Core20 share, IMD 2019: mid-2015 denominators in national deciles 1-2 / all (29.05%, see test_deprivation).
    assert metrics["Core20 share, IMD 2019"] == "29.0%"
    assert metrics["Core20 share, IMD 2025"] == "29.4%"
    captions = " ".join(c.value for c in app.caption)
    assert "Source: ONS mid-2020 LSOA population estimates" in captions
    assert "MHCLG IoD2019" in captions
    assert app.title[0].value == "NHS Lancashire and South Cumbria Integrated Care Board"
    # no recent trend is claimed for life-table values or survey estimates without counts: the reason is given
    assert "Recent trend: trend test not applicable: life table values (the test is for crude proportions)." in captions
    assert "Recent trend: trend test not applicable: no counts." in captions


@pytest.mark.usefixtures("db")
def test_overview_says_what_needs_attention_as_the_attention_page_does() -> None:
    app = shared_page("home")
    text = [m.value for m in app.markdown]
    counts = next(m for m in text if m.startswith("**NHS Lancashire and South Cumbria Integrated Care Board.**"))
    # the ICB against England, in the attention page's groups: its metric band must give the same numbers
    assert counts.endswith(
        "Against England: 1 indicator worse and getting worse, 6 worse and not improving, 2 worse but improving and "
        "3 better or similar; 34 not judged (no better or worse direction, such as a recorded prevalence, or no "
        "comparison held)."
    )
    band = {m.label: m.value for m in run_page("pages/attention.py").metric}
    assert band == {
        "Worse and getting worse": "1",
        "Worse and not improving": "6",
        "Worse but improving": "2",
        "Better or similar": "3",
        "Not judged": "34",
    }
    # first message: OHID's published 20.9% (65,517 of 313,090 children) against England's 15.6% in 2022/23; the
    # gap in people (20.9 - 15.6)% x 313,090 = 16,593.8, rounded to the hundred: about 16,600
    messages = next(m for m in text if m.startswith("1. "))
    assert messages.splitlines()[0] == (
        "1. Children in absolute low-income families (\\<16): 20.9% against 15.6% in England (2022/23), rose "
        "significantly in the latest year (OHID's five-year trend: no significant change); about 16,600 more children."
    )
    assert len(messages.splitlines()) == 3
    sources = next(c.value for c in app.caption if c.value.startswith("Sources: "))
    assert "Census 2021 TS037 General health" in sources and "(crude; compared by 95% CI (computed here))" in sources
    links = [link.label for link in app.get("page_link")]
    assert sum(label.startswith("What needs attention") for label in links) == 2  # the summary's and "Where next"
    assert any(label.startswith("Your data") for label in links)


@pytest.mark.usefixtures("db")
def test_overview_compares_the_places_as_their_attention_pages_do() -> None:
    app = run_page("home")
    app.toggle(key="overview_side_by_side").set_value(True).run()
    assert not app.exception
    table = app.dataframe[-1].value.set_index("Place")
    assert list(table.index) == [
        "Blackburn with Darwen",
        "Blackpool",
        "Lancashire",
        "North Yorkshire (part)",
        "South Cumbria",
    ]
    # Blackpool's row is the metric band of its own attention page (1 / 24 / 4 / 7 / 19 against England)
    band = {m.label: m.value for m in run_page("pages/attention.py", attention_area="QE1-E06000009").metric}
    blackpool = table.loc["Blackpool"]
    short = briefing_attention.SHORT_GROUPS
    assert (
        {group: str(blackpool[short[group]]) for group in band}
        == band
        == {
            "Worse and getting worse": "1",
            "Worse and not improving": "24",
            "Worse but improving": "4",
            "Better or similar": "7",
            "Not judged": "19",
        }
    )
    assert blackpool["Leads the briefing"] == "Children in absolute low-income families (<16)"
    assert blackpool["Open"] == "./attention?attention_area=QE1-E06000009"
    note = next(c.value for c in app.caption if c.value.startswith("Numbers of indicators in each group"))
    assert "the LSOAs of an authority that lie in the ICB outside its places" in note
    app.session_state["overview_side_by_side_level"] = "district"
    app.run()
    districts = app.dataframe[-1].value.set_index("District")
    assert len(districts) == 17
    # a district partly in the ICB: the same whole-authority list as its attention page
    band = {m.label: m.value for m in run_page("pages/attention.py", attention_area="E06000063").metric}
    assert {group: str(districts.loc["Cumberland (part)", short[group]]) for group in band} == band


def _registry_intro(app: AppTest) -> str:
    return next(m.value for m in app.markdown if m.value.startswith("Every indicator the app shows"))


def test_vintage_switch_in_sidebar(app: AppTest) -> None:
    # IMD 2025 (Census 2021 geography, 1,060 LSOAs) opens by default; IMD 2019 (1,058 2011 LSOAs) is one click away
    app.run()
    assert "1,060 LSOAs" in " ".join(c.value for c in app.sidebar.caption)
    assert app.sidebar.radio(key="imd_vintage").value == 2025
    app.sidebar.radio(key="imd_vintage").set_value(2019).run()
    app.switch_page("pages/data_and_methods.py").run()
    assert not app.exception
    assert app.session_state["imd_vintage"] == 2019
    assert "**IMD 2019** geography" in _registry_intro(app)


def test_bad_vintage_in_url_falls_back(app: AppTest) -> None:
    app.query_params["imd_vintage"] = "1999"
    app.run()
    assert not app.exception
    app.switch_page("pages/data_and_methods.py").run()
    assert "**IMD 2025** geography" in _registry_intro(app)


def test_overview_reconciles_residents_and_registered_patients(app: AppTest) -> None:
    # QOF 2024-25: the ICB's 196 practices list 1,868,985 patients (all ages), beside 1,717,511 Census 2021 residents;
    # the "1.8 million" of the Joint Forward Plan lies between them. With IMD 2025 the smoking chart has no 2024 value
    # for the three authorities partly in the ICB, and says so under the chart.
    app.run()
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Registered patients (QOF 2024/25)"] == "1,868,985"
    labels = [m.label for m in app.metric]
    assert labels.index("Registered patients (QOF 2024/25)") == labels.index("Population (Census 2021)") + 1
    captions = " ".join(c.value for c in app.caption)
    assert "Residents (Census 2021: 1,717,511; mid-2020: 1,701,655)" in captions
    assert "registered patients (1,868,985)" in captions
    assert '"1.8 million" quoted in the Joint Forward Plan' in captions
    assert (
        "Not shown, no 2024 value: Cumberland (part) (no value in the data held); North Yorkshire (part) (latest "
        "value held: 2019); Westmorland and Furness (part) (no value in the data held)."
    ) in captions
    app.sidebar.radio(key="imd_vintage").set_value(2019).run()
    captions = " ".join(c.value for c in app.caption)
    assert "Not shown, no 2024 value" not in captions and "'(part)': an authority only partly in the ICB" in captions


@pytest.mark.usefixtures("db")
def test_data_and_methods_page_lists_datasets_registry_and_methods() -> None:
    app = shared_page("data_and_methods")
    datasets = app.dataframe[0].value
    catalogue = tomllib.loads((Path(APP_PATH).parent / "data" / "datasets.toml").read_text(encoding="utf-8"))
    assert len(datasets) == len([key for key in catalogue if not key.startswith("_")])  # every data set entry
    assert set(datasets["Licence"].str.contains("OGL v3.0")) == {True}
    registry = next(frame.value for frame in app.dataframe if "Code" in frame.value.columns)
    assert {"imd_score", "qof_hyp", "hle_female"} <= set(registry["Code"])
    assert "Wilson" in " ".join(e.label for e in app.expander)


def test_unknown_configured_icb_gives_a_clear_message(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LSC_PHM_ICB", "Q99 [x](https://evil.example)")
    app.run()
    assert not app.exception
    assert app.error[0].value.startswith(
        "The configured ICB could not be found: LSC_PHM_ICB is `Q99 [x](https://evil.example)`. Set it to the ONS code"
    )
