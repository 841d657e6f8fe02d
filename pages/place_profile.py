"""Place profile and briefing: one area's population, deprivation, life expectancy, smoking, Core20PLUS5 indicators,
inequality gradient and things to note, with every chart as PNG, every table as CSV, and the briefing as PowerPoint,
printable HTML or PDF built from the same page data (lsc_phm.views.profile.build)."""

import streamlit as st

from lsc_phm.reports import briefing, place_report
from lsc_phm.views import place_profile
from ui import components, pcn_block, state, url
from ui.frame import require_app_frame

require_app_frame()

AREA_KEY = "profile_area"

icb = state.current_icb()
state.database_or_stop()


@st.cache_data(show_spinner=False)
def _areas(icb_):
    return place_profile.choosable_areas(state.database(), icb_)


@st.cache_data(show_spinner="Building the profile...")
def _profile(icb_, area_code: str) -> place_report.Profile:
    return place_report.build(state.database(), icb_, area_code)


@st.cache_data(show_spinner=False)
def _briefing(icb_, area_code: str, fmt: str) -> bytes:
    return briefing.render_briefing(_profile(icb_, area_code), fmt)


areas = _areas(icb)
codes = list(areas["area_code"])
labels = dict(zip(areas["area_code"], areas["label"]))

# The area comes from the link once (code, label or name), then from the list; the address bar keeps the code.
notes: list[str] = []
url.seed(AREA_KEY, codes, codes[0], "the area", notes, labels)

st.title("Place profile and briefing")
st.markdown("Choose the ICB, a place or a district. Every figure names its period and source; "
            "**decile 1 = the most deprived 10% of neighbourhoods in England**. \"Significantly\" is used only where "
            "a 95% confidence-interval test says so.")
for note in notes:
    st.warning(note, icon=":material/warning:")
area_code = st.selectbox("Area", codes, format_func=lambda code: labels[code], key=AREA_KEY,
                         help="Places are the ICB's upper-tier authorities (the Cumbrian LSOAs form South Cumbria); "
                              "districts are local authorities. The link in the address bar opens this area.")

url.sync(AREA_KEY, area_code, codes[0])

profile = _profile(icb, area_code)
stem = briefing.file_stem(profile)

st.subheader("Download the briefing")
columns = st.columns(3)
for column, (fmt, label, mime) in zip(columns, [
        ("pptx", "PowerPoint (editable)", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("html", "Printable A4 HTML", "text/html"), ("pdf", "PDF", "application/pdf")]):
    with column:
        st.download_button(label, data=lambda fmt=fmt: _briefing(icb, area_code, fmt), file_name=f"{stem}.{fmt}",
                           mime=mime, key=f"briefing_{fmt}", on_click="ignore", icon=":material/download:")

for section in profile.sections:
    st.header(section.title, divider="blue")
    if section.key in ("headline", "deprivation", "notes"):
        figures = section.key_figures if section.key != "deprivation" else [
            k for k in section.key_figures if "ward" not in k.label]
        for start in range(0, len(figures), 4):
            for column, figure in zip(st.columns(4), figures[start:start + 4]):
                with column:
                    st.metric(figure.label, figure.value, help=figure.detail or None)
                    if figure.detail:
                        st.caption(figure.detail)
    st.markdown("\n".join(f"- {sentence}" for sentence in section.sentences))
    for name, png in section.images.items():
        st.image(png, width=640, caption=("LSOAs by national IMD decile (static map; decile 1 = most deprived)"
                                          if name == "lsoa_decile_map" else name.replace("_", " ")))
        st.download_button("Download PNG", data=png, file_name=f"{stem}_{name}.png", mime="image/png",
                           key=f"png_{section.key}_{name}", on_click="ignore", icon=":material/image:")
    for name, chart in section.charts.items():
        components.chart(chart, f"{stem}_{name}", key=f"chart_{section.key}_{name}", width="content")
    for name, table in section.tables.items():
        if table.empty:
            continue
        with st.expander(f"Table: {name.replace('_', ' ')}"):
            st.dataframe(table, hide_index=True)
            components.download_table(table, f"{stem}_{name}", key=f"csv_{section.key}_{name}")
    if section.source:
        components.source_caption(section.source)

pcn_block.area_pcns(icb, area_code, profile.area.name)

st.header("Sources", divider="blue")
st.dataframe(profile.datasets, hide_index=True)
components.download_table(profile.datasets, f"{stem}_sources", key="csv_sources")
st.caption("All data sets: Open Government Licence v3.0. Boundaries contain OS data (c) Crown copyright and database "
           "right.")
