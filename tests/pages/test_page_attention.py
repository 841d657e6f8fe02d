"""AppTest of What needs attention: Blackpool's groups, a row's detail with a target from the link, and hostile
link values."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP_PATH, run_page, shared_page

PAGE = "pages/attention.py"


def _open(**params: str) -> AppTest:
    """The page opened from a link with ``params`` (the sidebar reads the IMD vintage from it once), shared by the
    tests that only read it."""
    return shared_page(PAGE, **params)


def _text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)


def test_blackpool_children_in_low_income_families_need_attention(db):  # noqa: ARG001 - db builds the database
    at = _open(attention_area="blackpool", attention_indicator="children_absolute_low_income")
    assert at.selectbox(key="attention_area").value == "QE1-E06000009"
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Worse and getting worse"]) >= 1
    text = _text(at)
    # 2022/23: Blackpool 23.9% (5,967 of 25,001) against England 15.6%; (23.9 - 15.6) x 25,001 / 100 = 2,075.1
    assert "About 2,080 more children in absolute low-income families in Blackpool than at England's rate" in text
    assert "worse and getting worse" in text
    assert not at.warning


@pytest.mark.usefixtures("db")
def test_target_from_the_link_and_hostile_values():
    at = _open(attention_area="QE1-E06000009", attention_indicator="smoking_adults", attention_target="ambition")
    text = _text(at)
    assert "Smokefree 2030" in text and "Advancing our health" in text
    assert "Target 5.0% by 2030" in text
    bad = _open(
        attention_area="QE1-E06000009",
        attention_indicator="children_absolute_low_income",
        attention_target="number",
        attention_target_value="[x](http://evil.example)",
        attention_target_year="1e999",
    )
    warnings = "\n".join(w.value for w in bad.warning)
    assert "`[x](http://evil.example)`" in warnings and "not a number" in warnings
    assert bad.number_input(key="attention_target_year").value == 2030


@pytest.mark.usefixtures("db")
def test_core20_in_people_in_the_imd_2025_geography():
    at = _open(imd_vintage="2025", attention_area="QE1-E06000009", attention_indicator="census_bad_health")
    text = _text(at)
    # (8,277 / 74,985 - 4,604 / 66,053) x 74,985 = 3,050.4 (see tests/views/test_attention.py)
    assert (
        "11.0% in the Core20 neighbourhoods against 7.0% in the rest of Blackpool: about 3,050 more people "
        "than at the rest's rate (2,830 to 3,270)"
    ) in text
    # unpaid care is lower in Blackpool's Core20 (10.8% against 11.1%) and the interval spans no difference
    assert "about 150 fewer people than at the rest's rate (95% interval -380 to +" in text
    # (9.133 - 5.2) x 141,038 / 100, Census 2021 TS037: about 5,610 more residents than at England's rate
    assert "About 5,610 more residents in bad or very bad health in Blackpool than at England's rate" in text


@pytest.mark.usefixtures("db")
def test_comparator_and_best_quartile_target_from_the_link():
    at = _open(
        imd_vintage="2025",
        attention_area="QE1-E06000009",
        attention_indicator="smoking_adults",
        attention_comparator="neighbours",
        attention_target="similar_quartile",
    )
    assert at.selectbox(key="attention_comparator").value == "neighbours"
    assert at.radio(key="attention_target").value == "similar_quartile"
    text = _text(at)
    # the 25th percentile of the 15 neighbours' 2024 values (tests/views/test_attention.py): 10.55
    assert "Target 10.6% by 2030: not on track at the recent rate" in text
    assert "pooled (sum of numerators / sum of denominators" in text
    shown = at.dataframe[0].value
    assert "highest of 16 similar areas" in " ".join(shown["Rank"])
    worse = _open(attention_area="QE1-E06000009", attention_indicator="children_absolute_low_income")
    # the wording of the CLI's direction_basis and the deck: both facts
    assert (
        "getting worse (rose significantly in the latest year (19.3% to 23.9%, 95% intervals do not overlap); "
        "OHID's five-year trend: no significant change)"
    ) in _text(worse)
    county = _open(attention_area="lancashire", attention_comparator="decile")
    assert [w.value for w in county.warning] == [
        "The link asked for the comparator `decile`, which is not available here, so the page shows “England” instead."
    ]
    assert "so this county is offered England (and the ICB) only" in _text(county)


def test_a_user_defined_area_lists_what_its_lsoas_give_and_what_they_cannot(db):
    from lsc_phm.views import place_profile_user

    lsoas = db.execute(
        "select lsoa_code from mart_lsoas where imd_vintage = 2025 and lad_code = 'E06000009' order by lsoa_code"
    )["lsoa_code"]
    at = AppTest.from_file(APP_PATH, default_timeout=90)
    at.session_state["imd_vintage"] = 2025
    at.session_state["user_area"] = place_profile_user.UserAreaSpec("All of Blackpool", "b.csv", tuple(lsoas), 2025)
    at.query_params["attention_area"] = "USER-AREA"
    at.query_params["attention_comparator"] = "neighbours"
    at.query_params["attention_indicator"] = "census_bad_health"
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="attention_area").value == "USER-AREA"
    assert at.selectbox(key="attention_comparator").options == ["England"]
    # five Census 2021 measures worse than England (tests/views/test_attention.py); no direction can be tested
    assert int({m.label: m.value for m in at.metric}["Worse and not improving"]) == 5
    text = _text(at)
    assert "Not given for a user-defined area" in text and "patients by LSOA" in text
    assert "About 5,610 more residents in bad or very bad health in All of Blackpool than at England's rate" in text


@pytest.mark.usefixtures("db")
def test_a_district_partly_in_the_icb_says_its_figures_are_the_whole_districts() -> None:
    # Cumberland: 6 of its 177 LSOAs in the ICB, listed with whole-district figures (tests/views/test_attention_parts)
    app = run_page("pages/attention.py", attention_area="E06000063")
    assert [i.value for i in app.info][0].startswith("Cumberland is only partly in this ICB (6 of its LSOAs)")
    assert not any("only partly" in i.value for i in run_page("pages/attention.py", attention_area="E06000009").info)
