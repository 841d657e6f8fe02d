"""AppTest of the place-profile page: the ICB, a place, a district, and a bad ?profile_area= value."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import run_page, shared_page

PAGE = "pages/place_profile.py"
SECTIONS = [
    "Key messages",
    "Population and Core20 share",
    "Deprivation",
    "Healthy life expectancy and life expectancy",
    "Smoking",
    "Core20PLUS5 indicators",
    "Health outcomes and services",
    "Inequality gradient within the area",
    "Things to note",
    "Indicator summary",
    "Neighbourhoods: primary care networks",
    "Against similar places",
    "Sources",
]


def _open(area: str | None = None, vintage: int | None = 2019) -> AppTest:
    """A new session of the profile page for ``area``, in the IMD 2019 geography (which these tests' hand-checked
    figures are from) unless ``vintage`` says otherwise (None: the app's default, IMD 2025)."""
    return run_page(PAGE, vintage, timeout=90, **({} if area is None else {"profile_area": area}))


def _shown(area: str | None = None) -> AppTest:
    """The profile page for ``area`` (IMD 2019) as it opens, shared by the tests that only read it."""
    return shared_page(PAGE, 2019, **({} if area is None else {"profile_area": area}))


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize(
    ("area", "name", "expected"),
    [
        (None, "ICB", "1,701,655"),
        ("QE1-E06000009", "Blackpool", "56.3%"),
        ("E07000117", "Burnley", "Healthy life expectancy at birth (male): no open data for Burnley"),
    ],
)
@pytest.mark.usefixtures("db")
def test_profile_renders(area, name, expected):
    at = _shown(area)
    assert at.selectbox(key="profile_area").value == (area or "E54000048")
    assert [h.value for h in at.header] == SECTIONS
    assert not at.warning
    text = _markdown(at) + "\n".join(str(m.value) for m in at.metric)
    assert expected in text
    downloads = at.get("download_button")
    assert len(downloads) >= 10  # 3 briefing formats, chart PNGs, table CSVs
    assert at.get("file_uploader")  # the organisation's PowerPoint template


@pytest.mark.usefixtures("db")
def test_summary_band_and_key_messages_lead_the_page():
    at = _shown("blackpool")
    metrics = {m.label: m.value for m in at.metric}
    # hand-checked: Blackpool is the most deprived district in England on IMD 2019 (of 317) and 2025 (of 296);
    # 138,381 residents in the ONS mid-2020 estimates of its 94 LSOAs; 56.3% in the Core20 on IMD 2019
    assert metrics["IMD 2019 rank"] == "1 of 317" and metrics["IMD 2025 rank"] == "1 of 296"
    assert metrics["Residents (mid-2020)"] == "138,381"
    assert metrics["Core20 share, IMD 2019"] == "56.3%"
    assert metrics["HLE (male)"] == "50.9 years"
    text = _markdown(at)
    assert "1. " in text and "Preventable CVD mortality (under 75) in Blackpool is 54.4 per 100,000" in text
    # sources once per section, not at the end of every sentence
    assert "Source: Ministry of Housing" not in text


NOTES_METRICS = {"Worse than England", "Moving in an unfavourable direction (real change)", "Gaps widening"}


@pytest.mark.parametrize(
    ("area", "missing", "reason"),
    [
        # the ICB: no HLE or LE of its own (published for local authorities; the reasons come from the data notes)
        (None, ["HLE (male)", "HLE (female)", "LE (male)", "LE (female)"], "no ICB value in the data held here"),
        ("QE1-E10000017", ["LE (male)", "LE (female)"], "OHID publishes county values"),  # Lancashire (place)
        (
            "E07000117",
            ["HLE (male)", "HLE (female)"],
            "published for upper-tier authorities only",
        ),  # Burnley (district)
        (
            "QE1-FP-pennine-lancashire",
            ["HLE (male)", "HLE (female)", "LE (male)", "LE (female)"],
            "published for local authorities and not additive",
        ),  # a custom footprint
    ],
)
@pytest.mark.usefixtures("db")
def test_summary_band_values_are_short_and_missing_ones_say_why_once(area, missing, reason):
    at = _shown(area)
    band = [m for m in at.metric if m.label not in NOTES_METRICS]
    # "no open data" (and its long reason) was the metric's value and ran into the next column at 1440 px:
    # a missing figure is now only "—", with the reason as its help and once below the band
    assert [m.label for m in band if m.value == "—"] == missing
    assert all(len(m.value) <= 13 for m in band), [m.value for m in band]  # e.g. "8-283 of 317", "59.3 years"
    assert not any("no open data" in m.value for m in at.metric)
    assert all(reason in m.help for m in band if m.value == "—")
    note = next(c.value for c in at.caption if c.value.startswith("— = no open data."))
    assert f"**{missing[0]}, {missing[1]}" in note and reason in note  # figures sharing a reason are named together
    # each reason once per group of figures, not once per figure
    assert note.count(reason) == len({m.help for m in band if m.value == "—"})


@pytest.mark.usefixtures("db")
def test_a_section_with_only_missing_figures_gives_the_reasons_once():
    at = _shown()  # the ICB: life expectancy is published for local authorities only (4 indicators, 2 reasons)
    told = next(
        i.value
        for i in at.info
        if i.value.startswith("No open data for NHS Lancashire") and "Life expectancy" in i.value
    )
    assert (
        "**Life expectancy at birth (male), Life expectancy at birth (female)**: no ICB value in the data held "
        "here (the data held here cover districts, UAs, England)" in told
    )
    assert (
        "**Healthy life expectancy at birth (male), Healthy life expectancy at birth (female)**: no ICB value"
    ) in told
    # smoking is no longer a section of missing figures only: the ICB's GP-recorded smoking is summed from its
    # practices (15.2%, 2023/24); the four survey series still say why they have no ICB value
    assert not any(
        i.value.startswith("No open data for NHS Lancashire") and "Smoking prevalence" in i.value for i in at.info
    )
    text = _markdown(at)
    assert (
        "Smoking recorded by GPs (15+, QOF) in NHS Lancashire and South Cumbria Integrated Care Board was 15.2%" in text
    )
    assert (
        "Smoking prevalence (adults 18+): no open data for NHS Lancashire and South Cumbria Integrated Care "
        "Board" in text
    )
    summary_note = next(c.value for c in at.caption if c.value.startswith("No open data for NHS Lancashire"))
    assert "(12 indicators; the reasons are in the sections above)" in summary_note
    grid = next(df.value for df in at.dataframe if "Group" in df.value.columns)
    # GP-recorded smoking (summed from the ICB's practices), the six QOF prevalences (hypertension ... epilepsy)
    # and the SMI health checks (65.1%)
    assert len(grid) == 8 and grid["Group"].iloc[0] == "Smoking"


@pytest.mark.usefixtures("db")
def test_choosing_an_area_in_the_menu():
    at = _open()
    at.selectbox(key="profile_area").set_value("QE1-E06000008").run()
    assert not at.exception
    assert "Blackburn with Darwen" in _markdown(at)
    assert at.query_params["profile_area"] == "QE1-E06000008"  # the code, never the label, goes in the link
    at.selectbox(key="profile_area").set_value("E07000117").run()  # and a second choice, then the vintage
    assert not at.exception and at.query_params["profile_area"] == "E07000117"
    at.selectbox(key="profile_area").set_value("E54000048").run()
    assert not at.exception and "profile_area" not in at.query_params


@pytest.mark.parametrize("link", ["Place: Blackpool", "place: blackpool", "Blackpool", "QE1-E06000009"])
@pytest.mark.usefixtures("db")
def test_a_shared_link_by_label_or_name_opens_the_area_without_a_warning(link):
    at = _shown(link)
    assert not at.warning
    assert at.selectbox(key="profile_area").value == "QE1-E06000009"


@pytest.mark.usefixtures("db")
def test_bad_url_value_warns_and_shows_the_icb():
    at = _shown("NOT-AN-AREA")
    assert len(at.warning) == 1
    assert at.warning[0].value == (
        "The link asked for the area `NOT-AN-AREA`, which is not available here, so "
        "the page shows “ICB\\: NHS Lancashire and South Cumbria Integrated Care Board” "
        "instead."
    )
    assert at.selectbox(key="profile_area").value == "E54000048"
    assert [h.value for h in at.header] == SECTIONS


@pytest.mark.usefixtures("db")
def test_profile_lists_the_places_pcns():
    at = _shown("QE1-E06000009")
    pcns = next(df.value for df in at.dataframe if "Primary care network" in df.value.columns)
    assert "Blackpool Central West PCN" in set(pcns["Primary care network"])
    assert set(pcns["Sub-ICB location"]) == {"Blackpool (00R)"}
    assert any("no official boundaries" in c.value for c in at.caption)
    assert set(pcns["Whose value"]) == {"computed here (QOF practice registers summed)"}


@pytest.mark.usefixtures("db")
def test_profile_pcns_with_ohid_published_values():
    at = _open("QE1-E06000009")  # Blackpool: OHID publishes breast screening for none of its PCNs
    at.selectbox(key="pcn_block_indicator").set_value("breast_screening_53_70").run()
    assert not at.exception
    assert any("OHID publishes Breast screening coverage (53-70) for none of the" in i.value for i in at.info)
    at = _open("QE1-south-cumbria")
    at.selectbox(key="pcn_block_indicator").set_value("breast_screening_53_70").run()
    assert not at.exception
    pcns = next(df.value for df in at.dataframe if "Whose value" in df.value.columns)
    mid_furness = pcns[pcns["Primary care network"] == "Mid Furness PCN"].iloc[0]
    assert mid_furness["Whose value"] == "published by OHID (Fingertips PCN value)"
    assert "**published by OHID** for 5 of them" in _markdown(at)


@pytest.mark.usefixtures("db")
def test_profile_pcns_with_gp_recorded_smoking_summed_here():
    at = _open("QE1-E06000009")  # Blackpool: its PCNs, GP-recorded smoking summed from OHID's practice counts
    at.selectbox(key="pcn_block_indicator").set_value("smoking_qof_15plus").run()
    assert not at.exception, [e.value for e in at.exception]
    text = _markdown(at)
    assert "Smoking recorded by GPs (15+, QOF), 2023/24: **computed here** for" in text
    assert "by summing the counts and denominators OHID publishes for each practice" in text
    pcns = next(df.value for df in at.dataframe if "Whose value" in df.value.columns)
    row = pcns[pcns["Primary care network"] == "Blackpool Central West PCN"].iloc[0]
    # 8142 smokers / 28030 patients 15+ from its three practices (tests/domain/test_pcn.py works it by hand)
    assert row["Whose value"] == "computed here (OHID practice counts summed; Wilson interval)"
    assert row["Count"] == 8142


@pytest.mark.usefixtures("db")
def test_footprint_profile():
    at = _shown("QE1-FP-pennine-lancashire")
    assert at.selectbox(key="profile_area").value == "QE1-FP-pennine-lancashire"
    assert "Pennine Lancashire" in _markdown(at)
    assert "is a custom footprint: published district rates are not added up" in _markdown(at)


@pytest.mark.usefixtures("db")
def test_static_map_is_drawn_only_when_its_section_is_opened():
    at = _open("QE1-E06000009")
    # closed (as a page opens): the section's "More" runs nothing, so no static map is drawn for a mere look
    assert at.session_state["more_headline"] is False
    assert not at.get("image")
    labels = [b.proto.label for b in at.get("download_button")]
    at.session_state["more_headline"] = True  # what clicking the expander does
    at.run()
    assert not at.exception
    more = at.expander[1]
    assert more.label == "More: every sentence, picture and table of this section"
    pictures = more.get("image")
    assert len(pictures) == 1
    assert pictures[0].captions == ["LSOAs by national IMD decile (static map; decile 1 = most deprived)"]
    assert [b.proto.label for b in more.get("download_button")][0] == "Download PNG"
    assert len(at.get("download_button")) == len(labels) + 2  # the map's PNG and the headline table's CSV
