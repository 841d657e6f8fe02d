"""Overview: the ICB's headline figures, what needs attention, each figure with its source and period, and where to go
next."""

import streamlit as st

from lsc_phm import indicators
from lsc_phm.render import charts
from lsc_phm.render.formats import period_label
from lsc_phm.render.text import markdown_text
from lsc_phm.views import overview
from ui import attention_summary, components, dropped, state
from ui.frame import require_app_frame

require_app_frame()

icb = state.current_icb()

st.title(f"{icb.name}")
st.markdown(
    "Population health and inequalities at a glance. Every figure names its source and period; "
    "**decile 1 = the most deprived 10% of neighbourhoods in England**. Switch the IMD vintage in the sidebar (or at "
    "the top of the page while the sidebar is closed)."
)


@st.cache_data(show_spinner=False, max_entries=8)
def _headlines(icb_code: str) -> list[overview.Headline]:
    return overview.headlines(state.database(), icb_code)


@st.cache_data(show_spinner=False, max_entries=8)
def _decile_shares(icb_code: str):
    return overview.decile_shares(state.database(), icb_code)


@st.cache_data(show_spinner=False, max_entries=32)
def _latest(icb_, indicator_id: str, level: str):
    return overview.latest_comparison(state.database(), icb_, indicator_id, level)


@st.cache_data(show_spinner=False, max_entries=32)
def _districts_labelled(icb_, indicator_id: str):
    return overview.label_part_areas(state.database(), icb_, _latest(icb_, indicator_id, "district"), "district")


@st.cache_data(show_spinner=False, max_entries=32)
def _missing_note(icb_, indicator_id: str) -> str:
    return overview.missing_areas_note(state.database(), icb_, indicator_id, _districts_labelled(icb_, indicator_id))


@st.cache_data(show_spinner=False, max_entries=32)
def _trend(icb_, indicator_id: str, level: str) -> str:
    return overview.trend_line(state.database(), icb_, indicator_id, _latest(icb_, indicator_id, level))


headlines = _headlines(icb.code)
columns = st.columns(len(headlines))
for column, figure in zip(columns, headlines, strict=False):
    with column:
        st.metric(figure.label, figure.value, help=figure.detail)
        st.caption(f"{figure.detail}. Source: {figure.source}.")
st.caption(overview.population_note(headlines))

st.subheader("What needs attention")
attention_summary.icb_summary(icb)
st.page_link(
    "pages/attention.py",
    label="What needs attention: any area, against England or similar areas, with targets",
    icon=":material/priority_high:",
)
attention_summary.side_by_side(icb)

st.subheader("Deprivation by place: IMD 2019 and IMD 2025")
shares = _decile_shares(icb.code)
components.chart(charts.decile_share_bars(shares), "population_by_imd_decile_by_place")
components.download_table(shares, "population_by_imd_decile_by_place")
components.source_caption(
    "MHCLG English Indices of Deprivation 2019 (2011 LSOAs, mid-2015 denominators) and 2025 (2021 LSOAs, "
    "weighted by Census 2021 usual residents). Places are upper-tier authorities from the ONS lookups; the "
    "Cumbrian LSOAs form South Cumbria and 3 North Yorkshire LSOAs (Bentham) sit outside the four places."
)

left, right = st.columns(2)
with left:
    st.subheader("Healthy life expectancy vs England")
    for indicator_id in ("hle_male", "hle_female"):
        indicator = indicators.get(indicator_id)
        frame = _latest(icb, indicator_id, "place")
        with_value = frame[frame["value"].notna()]
        if with_value.empty:
            st.info(f"No open data for {indicator.name.lower()} at place level.")
            continue
        period = period_label(with_value["period"].iloc[0])
        components.chart(
            charts.value_with_ci_bars(
                with_value, f"{indicator.name}, {period}", "years", with_value["england_value"].iloc[0]
            ),
            f"{indicator_id}_by_place",
        )
        components.download_table(with_value, f"{indicator_id}_by_place")
        st.caption(_trend(icb, indicator_id, "place"))
        dropped.caption(icb, indicator_id, frame, why="HLE is published for upper-tier authorities only.")
    components.source_caption(
        "ONS Health state life expectancies (interim method, released Feb 2026), 95% CIs; dashed line = England."
    )
with right:
    st.subheader("Adult smoking vs England")
    indicator = indicators.get("smoking_adults")
    frame = _districts_labelled(icb, "smoking_adults")
    with_value = frame[frame["value"].notna()]
    if with_value.empty:
        st.info("No open data for adult smoking prevalence for this ICB's districts.")
    else:
        period = period_label(with_value["period"].iloc[0])
        england = with_value["england_value"].iloc[0]
        above = int((with_value["value"] > england).sum())
        components.chart(
            charts.value_with_ci_bars(with_value, f"{indicator.name}, {period}", "%", england),
            "smoking_adults_by_district",
        )
        components.download_table(with_value, "smoking_adults_by_district")
        st.caption(_trend(icb, "smoking_adults", "district"))
        part = (
            " '(part)': an authority only partly in the ICB, shown with its whole-authority value."
            if with_value["area_name"].str.endswith("(part)").any()
            else ""
        )
        st.caption(
            f"{above} of {len(with_value)} districts are above England's {england:.1f}% "
            "(this extract holds OHID's comparison but not its limits; see the map explorer for OHID's "
            f"verdicts).{part}"
        )
        missing_note = _missing_note(icb, "smoking_adults")
        if missing_note:
            st.caption(f":material/visibility_off: {markdown_text(missing_note)}")
    components.source_caption("OHID Fingertips 92443 (Annual Population Survey); dashed line = England.")

st.subheader("Where next")
st.page_link(
    "pages/map_explorer.py", label="Map explorer: any indicator by LSOA, ward, district or place", icon=":material/map:"
)
st.page_link(
    "pages/inequalities.py",
    label="Inequalities: gradients by deprivation, SII and gaps",
    icon=":material/stacked_bar_chart:",
)
st.page_link("pages/core20plus5.py", label="Core20PLUS5 scorecard", icon=":material/groups:")
st.page_link(
    "pages/attention.py",
    label="What needs attention: indicators grouped by comparison and direction",
    icon=":material/priority_high:",
)
st.page_link("pages/place_profile.py", label="Place profile and briefing export", icon=":material/summarize:")
st.page_link(
    "pages/your_data.py",
    label="Your data: upload values by area, see them by deprivation, or draw an area",
    icon=":material/upload_file:",
)
st.page_link(
    "pages/data_and_methods.py", label="Data sources, indicator definitions and methods", icon=":material/dataset:"
)
