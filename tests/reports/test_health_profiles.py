"""Each place gets its own figures, compared with England by the stated rule (real values)."""

from __future__ import annotations

import pytest

from lsc_phm.publish import briefing

FALSE_CLAIM = "no confidence interval is published"


CODES = ["E54000048", "QE1-E06000009", "QE1-E10000017", "QE1-south-cumbria", "QE1-E06000008"]


@pytest.fixture(scope="module")
def profiles(built_profile, icb2019):
    class Profiles(dict):
        """Each area's profile, built once per test process (tests/conftest.py)."""

        def __missing__(self, code):
            self[code] = built_profile(icb2019, code)
            return self[code]

    return Profiles()


def _figures(profile, section: str):
    return profile.section(section).tables[section].set_index("indicator_id")


def test_blackpool_male_life_expectancy_worse_than_england(profiles):
    profile = profiles["QE1-E06000009"]
    le = _figures(profile, "life_expectancy").loc["le_male"]
    # Fingertips 90366, Blackpool 2023-25: 74.2 years, England 79.7, OHID compared_to_England = Worse
    assert (le["value"], le["england_value"], le["comparison"]) == (74.2, 79.7, "Worse")
    assert le["comparison_basis"] == "OHID comparison, 95%"
    notes = " ".join(profile.section("notes").sentences)
    assert "Life expectancy at birth (male): 74.2 years (2023-25) is worse than England's 79.7 years" in notes
    html = briefing.to_html(profile)
    assert "worse than England&#x27;s 79.7 years by OHID" in html or "worse than England's 79.7 years by OHID" in html


def test_icb_compares_ten_or_more_with_intervals(profiles):
    profile = profiles["E54000048"]
    compared = []
    for key in ("life_expectancy", "smoking", "core20plus5", "health_outcomes"):
        table = _figures(profile, key)
        compared += list(table[table["comparison_basis"].str.contains("CI", na=False)].index)
    assert len(compared) >= 10, compared
    assert {"census_bad_health", "smoking_at_delivery", "qof_dm"} <= set(compared)
    worse = profile.section("notes").key_figures[0]
    assert worse.label == "Worse than England" and worse.value.endswith(" compared")
    assert int(worse.value.split(" of ")[1].split()[0]) >= 10


def test_lancashire_shows_county_values(profiles):
    profile = profiles["QE1-E10000017"]
    le = _figures(profile, "life_expectancy")
    # ONS ELS HLE, Lancashire E10000017, 2022-24: male 59.3 (57.3-61.4), female 60.3
    assert (le.loc["hle_male", "value"], le.loc["hle_male", "lowercl"], le.loc["hle_male", "uppercl"]) == (
        59.3,
        57.3,
        61.4,
    )
    assert le.loc["hle_female", "value"] == 60.3
    # ONS annual APS, Lancashire 2023: 12.2% (9.1-15.2)
    smoking = _figures(profile, "smoking").loc["cigarette_smokers_annual"]
    assert (smoking["value"], smoking["lowercl"], smoking["uppercl"]) == (12.2, 9.1, 15.2)
    # county life expectancy is not in the extract held here: said so, not "not published"
    assert "extract held here has districts and unitary authorities only" in le.loc["le_male", "note"]
    # SATOD 2023/24 Lancashire county: 9.6% (980 / 10,250)
    assert _figures(profile, "health_outcomes").loc["smoking_at_delivery", "value"] == 9.6


def test_south_cumbria_shows_the_proxy_with_its_label(profiles):
    profile = profiles["QE1-south-cumbria"]
    le = _figures(profile, "life_expectancy")
    # ONS ELS HLE, Westmorland and Furness E06000064, male 2022-24: 62.8
    assert le.loc["hle_male", "value"] == 62.8
    assert "value for Westmorland and Furness, shown as a proxy" in le.loc["hle_male", "note"]
    figures = profile.section("life_expectancy").key_figures
    assert any("proxy" in k.detail for k in figures if k.label.startswith("Healthy life expectancy at birth (male)"))
    assert any("shown as a proxy" in s for s in profile.section("life_expectancy").sentences)


def test_no_false_no_interval_sentence_anywhere(profiles):
    for code in CODES:
        profile = profiles[code]
        for section in profile.sections:
            for sentence in section.sentences:
                assert FALSE_CLAIM not in sentence, sentence
            for figure in section.key_figures:
                assert "no confidence interval" not in figure.detail, figure
        for key in ("life_expectancy", "smoking", "core20plus5", "health_outcomes"):
            table = _figures(profile, key)
            # any value with an interval was compared on it, unless England has no value for the period (the ICB's
            # GP-recorded smoking 2023/24: OHID's England series ends at 2022/23)
            with_ci = table[table["lowercl"].notna() & (table["comparison"] != "Suppressed")]
            basis = with_ci["comparison_basis"]
            assert (basis.str.contains("CI") | (basis == "not compared: no England value for this period")).all(), basis


def test_profile_opens_inequality_on_a_health_outcome(profiles):
    section = profiles["E54000048"].section("inequality")
    assert section.key_figures[0].label == "Bad or very bad health: slope index of inequality"
    # most minus least deprived, like the Core20 gap beside it (both positive: worse health where more deprived);
    # the same figure as the Inequalities page's local SII for the whole ICB (6.335, see tests/views)
    assert section.key_figures[0].value == "6.3 pp" and section.key_figures[1].value == "3.4 pp"
    assert section.key_figures[0].detail.startswith("most minus least deprived")
    gradient = section.tables["gradient_by_decile"]
    first = gradient[gradient["measure"].str.startswith("Bad or very bad health")]
    assert first["numerator"].sum() == 105_018 and first["denominator"].sum() == 1_717_607
    assert not gradient["measure"].str.startswith("Income").any()


def test_unfavourable_count_excludes_changes_called_not_real(profiles):
    for code in CODES:
        notes = profiles[code].section("notes")
        count = int(notes.key_figures[1].value)
        real = [s for s in notes.sentences if "an unfavourable direction" in s and "statistically significant" in s]
        assert count == len(real)


def test_trend_arrow_shown_for_counted_series(profiles):
    outcomes = profiles["QE1-E06000009"].section("health_outcomes")
    table = outcomes.tables["health_outcomes"].set_index("indicator_id")
    # SATOD Blackpool 2018/19-2023/24: 6 counted periods, so the Fingertips recent-trend test runs
    assert table.loc["smoking_at_delivery", "recent_trend"].startswith(("Increasing", "Decreasing", "No significant"))
    assert any("recent trend" in k.detail for k in outcomes.key_figures)


def test_lancashire_shows_its_twelve_districts_life_expectancy_instead_of_a_county_figure(profiles):
    profile = profiles["QE1-E10000017"]
    section = profile.section("life_expectancy")
    districts = section.tables["life_expectancy_by_district"]
    male = districts[districts["indicator_id"] == "le_male"].set_index("area_name")
    # Fingertips 90366, 2023-25, the 12 Lancashire districts: lowest Burnley 76.5, highest Ribble Valley 81.2 (male)
    assert len(male) == 12 and set(male["period"]) == {"2023 - 25"}
    assert (male.loc["Burnley", "value"], male.loc["Ribble Valley", "value"]) == (76.5, 81.2)
    assert male["value"].min() == 76.5 and male["value"].max() == 81.2
    assert "le_male_by_district" in section.charts and "le_female_by_district" in section.charts
    sentence = next(s for s in section.sentences if s.startswith("Life expectancy at birth (male), 2023-25"))
    assert (
        "no figure for Lancashire itself is held; its 12 districts range from 76.5 years (Burnley) to 81.2 years "
        "(Ribble Valley)" in sentence
    )
    # nothing combined: no Lancashire value for LE anywhere in the figures
    assert section.tables["life_expectancy"].set_index("indicator_id")["value"].isna()[["le_male", "le_female"]].all()
    import html

    assert "no Lancashire county figure is shown; its districts' values are shown instead" in html.unescape(
        briefing.to_html(profile)
    )


def test_adult_obesity_and_child_excess_weight_with_published_intervals(profiles, db, icb2019):
    from lsc_phm.domain import indicator_data

    # ONS ELS (OHID Active Lives): Lancashire county adult obesity 2023/24 28.5% (27.4-29.7), England 26.5%
    outcomes = _figures(profiles["QE1-E10000017"], "health_outcomes")
    obesity = outcomes.loc["adult_obesity"]
    assert (obesity["period"], obesity["value"], obesity["lowercl"], obesity["uppercl"]) == (
        "2023/24",
        28.5,
        27.4,
        29.7,
    )
    assert (obesity["england_value"], obesity["comparison"]) == (26.5, "Worse")
    # NCMP Year 6 excess weight, Blackpool 2021/22: 43.0% (40.5-45.5), England 37.8%
    year6 = indicator_data.values(db, icb2019, "year6_excess_weight", "district", "2021/22").set_index("area_code")
    assert tuple(year6.loc["E06000009", ["value", "lowercl", "uppercl", "england_value"]]) == (43.0, 40.5, 45.5, 37.8)
    assert year6.loc["E06000009", "comparison_basis"] == "95% CI (published)"
