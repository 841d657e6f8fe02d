"""AppTest of the Core20PLUS5 page: every level, every PLUS measure, confidence, vintage, scorecard."""

from __future__ import annotations

import pytest

from tests.conftest import open_page, page_text


@pytest.fixture()
def at(db):  # noqa: ARG001 - `db` builds the database first
    return open_page("pages/core20plus5.py")


_text = page_text


def _open_tab(app, label: str) -> None:
    """Tabs are lazy (only the open one runs) and bound to the URL; open one as a click would."""
    app.session_state["c20_tab"] = label
    app.run()
    assert not app.exception


def _html(app) -> str:
    return " ".join(h.proto.body for h in app.get("html"))


def test_clinical_areas_show_every_status_and_draw_charts_only_on_request(at):
    from tests.conftest import count_elements

    assert "wards** have at least 50%" in _text(at)
    _open_tab(at, "5 clinical areas")
    labels = [e.label for e in at.expander]
    # all 10 areas and smoking cessation, each with its status; nothing drawn until an area is opened
    for label in (
        "Maternity: indicators loaded",
        "Severe mental illness: indicators loaded",
        "Chronic respiratory disease: indicators loaded",
        "Early cancer diagnosis: indicators loaded",
        "Hypertension case-finding: indicators loaded",
        "Asthma: published, not loaded here",
        "Diabetes: published, not loaded here",
        "Epilepsy: published, not loaded here",
        "Oral health: indicators loaded",
        "Mental health: published, not loaded here",
    ):
        assert label in labels
    assert not any("no open data" in label.lower() for label in labels)  # every area has an open publisher
    assert "No open data yet" not in _text(at)
    assert count_elements(at, "arrow_vega_lite_chart") + count_elements(at, "vega_lite_chart") == 0
    at.session_state["c20_area_cyp_diabetes"] = True
    at.run()
    assert not at.exception
    text = _text(at)
    assert "Published, not loaded here: **HbA1c checks" in text and "RCPCH" in text
    assert "Diabetes (17+): QOF recorded prevalence (adult proxy)" in text
    at.session_state["c20_smi"] = True
    at.run()
    assert not at.exception
    assert "11,916 of 18,301" in _text(at) and "against England's 68.5%" in _text(at)


def test_scorecard_groups_all_areas_and_explains_blanks(at):
    _open_tab(at, "Scorecard")
    grid = _html(at)
    assert grid.index(">Adults<") < grid.index(">Children and young people<")
    for area in (
        "Maternity",
        "Severe mental illness",
        "Asthma",
        "Diabetes",
        "Epilepsy",
        "Oral health",
        "Mental health",
    ):
        assert f">{area} <" in grid
    assert grid.count('class="proxy">adult proxy<') == 4  # asthma 6+, diabetes 17+, epilepsy 18+, depression 18+
    # Fingertips 93671 (2022): England 56.8; Blackpool 55.8 similar; no ICB value, explained by its letter and hover
    assert "Cancers diagnosed at stage 1 or 2 (%)" in grid and "55.8 ●" in grid
    assert "no published ICB value (none is estimated)" in grid
    assert "A blank cell shows a letter for its one reason" in grid
    at.selectbox(key="c20_scorecard_indicator").set_value("smi_health_checks").run()
    assert not at.exception


@pytest.mark.parametrize("level", ["place", "district", "sicbl", "icb", "ward"])
def test_each_level(at, level):
    at.radio(key="c20_level").set_value(level).run()
    assert not at.exception


def test_plus_measures_confidence_and_vintage(at):
    _open_tab(at, "PLUS groups")
    for measure in ("pct_disabled", "pct_aged_65_plus", "pct_aged_0_15", "pct_ethnic_minority"):
        at.selectbox(key="c20_plus_indicator").set_value(measure).run()
        assert not at.exception
    at.radio(key="c20_confidence").set_value("99.8%").run()
    assert not at.exception
    at.session_state["imd_vintage"] = 2025
    at.run()
    assert not at.exception
    assert "IMD 2025" in _text(at)


@pytest.mark.usefixtures("db")
def test_clinical_area_charts_are_built_once_per_icb_and_confidence(monkeypatch):
    """An opened clinical area shows charts already made on a revisit (another session): the Altair builders run
    only on the first visit, and the page shows the same number of charts each time."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from lsc_phm.render import charts_inequalities, charts_trends
    from tests.conftest import APP_PATH, count_elements

    calls = {"trend_chart": 0, "comparison_bars": 0}
    for module, name in ((charts_trends, "trend_chart"), (charts_inequalities, "comparison_bars")):
        original = getattr(module, name)

        def counting(*args, _name=name, _original=original, **kwargs):
            calls[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, counting)
    st.cache_data.clear()
    shown = []
    for _ in range(2):
        app = AppTest.from_file(APP_PATH, default_timeout=90)  # a new session each time; caches kept
        app.query_params["c20_tab"] = "5 clinical areas"
        app.switch_page("pages/core20plus5.py")
        app.session_state["c20_area_cancer"] = True
        app.run()
        assert not app.exception
        shown.append((count_elements(app, "vega_lite_chart") or len(app.get("arrow_vega_lite_chart")), dict(calls)))
    (first_charts, first_calls), (second_charts, second_calls) = shown
    # early cancer diagnosis: stage at diagnosis (places) and breast screening (sub-ICB locations), each a bar chart
    # and a trend of 2+ periods
    assert first_calls == {"trend_chart": 2, "comparison_bars": 2}
    assert second_calls == first_calls  # nothing rebuilt on the second visit
    assert first_charts == second_charts == 4


@pytest.mark.usefixtures("db")
def test_data_and_methods_lists_each_clinical_area_status():
    app = open_page("pages/data_and_methods.py")
    frames = [d.value for d in app.dataframe]
    status = next(f for f in frames if "Clinical area" in f.columns)
    by_area = dict(zip(status["Clinical area"], status["Status"], strict=True))
    assert by_area["Severe mental illness"] == "indicators loaded"
    assert by_area["Epilepsy"] == "published, not loaded here"
    assert len(status) == 11


def test_core20_movers_block_and_scorecard_comparator(at):
    import re

    at.session_state["imd_vintage"] = 2025
    at.run()
    assert not at.exception
    text = _text(at)
    assert "Core20 movers: IMD 2019 to IMD 2025" in [h.value for h in at.subheader] and "not a time series" in text
    movers = next(df.value for df in at.dataframe if "Left: residents (unchanged)" in df.value.columns)
    blackpool = movers.set_index("Area").loc["Blackpool"]  # tests/domain/test_core20_movers.py
    assert (blackpool["Entered: unchanged LSOAs"], blackpool["Left: residents (unchanged)"]) == (1, 7065)
    pcns = next(df.value for df in at.dataframe if "Entered: patients (unchanged LSOAs)" in df.value.columns)
    darwen = pcns.set_index("PCN").loc["Darwen PCN"]  # tests/domain/test_core20_movers.py
    entered, left = darwen["Entered: patients (unchanged LSOAs)"], darwen["Left: patients (unchanged LSOAs)"]
    assert (entered, left) == ("25", "1,470")  # text: the column has blanks (suppressed counts)
    _open_tab(at, "Scorecard")
    england_grid = _html(at)
    at.radio(key="c20_comparator").set_value("neighbours").run()
    assert not at.exception
    grid = _html(at)
    assert "Places that are one district or unitary authority" in _text(at)
    # Preventable CVD mortality (under 75), Blackburn with Darwen 47.2: worse than England (30.2), similar to the
    # median of its 15 neighbours (45.16) within its own 95% interval; the hover names the benchmark
    cell = r'title="Place: Blackburn with Darwen: 47\.2 \(95% CI [^)]*\); {}'
    assert re.search(cell.format(r"Worse \(England 30\.2\)"), england_grid)
    assert re.search(cell.format(r"Similar \(against [^:]+: 45\.2\)"), grid)


def test_every_delivery_section_opens_and_draws_its_figures(at):
    # each delivery section draws only when opened; opening all three must draw, not fail (the hypertension chart
    # once needed a deprivation_group column the CVDPREVENT quintile table did not have)
    _open_tab(at, "5 clinical areas")
    for key in ("c20_smi", "c20_vaccination", "c20_hypertension"):
        at.session_state[key] = True
    at.run()
    assert not at.exception
    text = _text(at)
    assert "England, by patient IMD quintile (1 = most deprived" in text
    # CVDPREVENT CVDP007HYP, England, persons: quintile 1 (most deprived) 71.86%, quintile 5 75.86% (source file)
    import pyarrow as pa

    frames = [
        pa.ipc.open_stream(dataset.data.data).read_pandas()
        for chart in at.get("vega_lite_chart")
        for dataset in chart.proto.datasets
    ]
    control = [f for f in frames if "indicator_code" in f and (f["indicator_code"] == "CVDP007HYP").all()]
    assert control, "the England hypertension chart was not drawn"
    by_quintile = control[0].set_index("quintile")["value"].round(2)
    assert (by_quintile[1], by_quintile[5]) == (71.86, 75.86)
