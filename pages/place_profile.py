"""Place profile and briefing: one area on one page. A summary band and the key messages first, then one short
section per topic (its message, one chart, a few sentences; everything else folded away), the sources once per
section and in full at the end; the briefing as PowerPoint (optionally on the organisation's own template), printable
HTML or an A4 landscape PDF, built from the same page data (lsc_phm.reports.place_report.build)."""

import pandas as pd
import streamlit as st

from lsc_phm.render import chart_kinds, palette
from lsc_phm.render.text import markdown_text
from lsc_phm.reports import place_report, profile_model
from lsc_phm.views import place_profile, place_profile_areas, profile_data, similar_places
from lsc_phm.views.catalogue import COMPARISON_RULE
from ui import components, dropped, pcn_block, similar_block, state, url, user_area
from ui.frame import require_app_frame

require_app_frame()

AREA_KEY = "profile_area"
COMPARATOR_KEY = "profile_comparator"
LEAD_SENTENCES = 3
BAND_COLUMNS = 5

icb = state.current_icb()
state.database_or_stop()


@st.cache_data(show_spinner=False, max_entries=16)
def _areas(icb_):
    return place_profile.choosable_areas(state.database(), icb_)


#: The section whose "More" expander holds the static LSOA decile map, drawn only when it is opened.
MAP_SECTION = "headline"


@st.cache_data(show_spinner="Building the profile...", max_entries=32, ttl=state.CACHE_TTL)
def _profile(icb_, area_code: str) -> profile_model.Profile:
    # without the static map: it needs matplotlib and geopandas (some 45 MB of server memory) and is drawn only when
    # its section's "More" is opened (_decile_map) or the HTML briefing is made
    return place_report.build(state.database(), icb_, area_code, with_map=False)


def _drawn(profile_: profile_model.Profile) -> dict[str, list[tuple[str, object]]]:
    """Every section's page charts, drawn from the profile's chart data (section key -> [(name, chart)])."""
    return {
        section.key: [(name, chart_kinds.draw(spec)) for name, spec in section.charts.items()]
        for section in profile_.sections
    }


@st.cache_data(show_spinner=False, max_entries=32, ttl=state.CACHE_TTL)
def _page_charts(icb_, area_code: str) -> dict[str, list[tuple[str, object]]]:
    return _drawn(_profile(icb_, area_code))


@st.cache_data(show_spinner=False, max_entries=1)
def _current() -> frozenset[str]:
    return similar_places.current_authorities(state.database())


@st.cache_data(show_spinner=False, max_entries=32, ttl=state.CACHE_TTL)  # area x comparator
def _summary_against(icb_, area_code: str, summary: pd.DataFrame, comparator: str) -> pd.DataFrame:
    return similar_places.summary_against(state.database(), icb_, summary, comparator)


@st.cache_data(show_spinner="Drawing the map...", max_entries=32, ttl=state.CACHE_TTL)
def _decile_map(icb_, area_code: str) -> bytes | None:
    return profile_data.decile_map(state.database(), icb_, area_code)


def _render(profile_: profile_model.Profile, fmt: str, template: bytes | None, comparator: str = "england") -> bytes:
    # imported on the first download: python-pptx and lxml cost some 15 MB of server memory that looking never needs
    from lsc_phm.publish import briefing, briefing_pages
    from lsc_phm.views import attention

    try:  # the comparator chosen for the indicator summary also frames slide 2's messages
        story_inputs = attention.briefing_inputs(state.database(), profile_.icb, profile_.area.code, comparator)
    except ValueError:  # no such peer group for this area: the summary itself offers England only
        story_inputs = attention.briefing_inputs(state.database(), profile_.icb, profile_.area.code)
    return briefing.render_briefing(briefing_pages.with_story(profile_, *story_inputs), fmt, template)


def _template_problem(template: bytes) -> str | None:
    from lsc_phm.publish import briefing  # only with an uploaded template (see _render)

    return briefing.template_problem(template)


def _template_notices(template: bytes) -> tuple[str, ...]:
    from lsc_phm.publish import briefing  # only with an uploaded template (see _render)

    return briefing.template_notices(template)


@st.cache_data(show_spinner=False, max_entries=8, ttl=state.CACHE_TTL)
def _briefing(icb_, area_code: str, fmt: str, template: bytes | None = None, comparator: str = "england") -> bytes:
    profile_ = _profile(icb_, area_code)
    if fmt == "html":  # the printable HTML shows the static map (the slides and the PDF handout do not)
        profile_ = profile_model.with_decile_map(profile_, _decile_map(icb_, area_code))
    return _render(profile_, fmt, template, comparator)


def _more(section: profile_model.Section, stem: str, rest: list[str], charts: list, decile_map: bytes | None) -> None:
    """A section's "More": the sentences not shown above, its pictures (and ``decile_map``), charts and tables."""
    if rest:
        st.markdown("\n".join(f"- {markdown_text(sentence)}" for sentence in rest))
    images = {**section.images, **({profile_model.DECILE_MAP: decile_map} if decile_map is not None else {})}
    for name, png in images.items():
        st.image(
            png,
            width=560,
            caption=(
                "LSOAs by national IMD decile (static map; decile 1 = most deprived)"
                if name == profile_model.DECILE_MAP
                else name.replace("_", " ")
            ),
        )
        st.download_button(
            "Download PNG",
            data=png,
            file_name=f"{stem}_{name}.png",
            mime="image/png",
            key=f"png_{section.key}_{name}",
            on_click="ignore",
            icon=":material/image:",
        )
    for name, chart in charts:
        components.chart(chart, f"{stem}_{name}", key=f"chart_{section.key}_{name}", width="content")
        dropped.show(section.chart_notes.get(name, ""))
    for name, table in section.tables.items():
        if table.empty:
            continue
        st.markdown(f"**Table: {name.replace('_', ' ')}**")
        components.table(table, f"{stem}_{name}", key=f"csv_{section.key}_{name}")


areas = _areas(icb)
drawn = user_area.current()  # an area drawn on the Your data page in this session (never stored)
codes, labels = user_area.area_choices(areas)  # ends with that area, if any

# The area comes from the link once (code, label or name), then from the list; the address bar keeps the code.
notes: list[str] = []
url.seed(AREA_KEY, codes, codes[0], "the area", notes, labels)

st.title("Place profile and briefing")
st.markdown(
    "Every figure names its period; sources are given once per section and in full at the end. "
    '**Decile 1 = the most deprived 10% of neighbourhoods in England**. "Significantly" is used only where '
    "a 95% confidence-interval test says so."
)
st.caption(
    COMPARISON_RULE + " Crude figures (not age-standardised) are marked: part of a difference between "
    "populations of different age structure can be age alone."
)
for note in notes:
    st.warning(note, icon=":material/warning:")
area_code = st.selectbox(
    "Area",
    codes,
    format_func=lambda code: labels[code],
    key=AREA_KEY,
    help="Places are the ICB's upper-tier authorities (the Cumbrian LSOAs form South Cumbria); "
    "districts are local authorities. The link in the address bar opens this area.",
)

url.sync(AREA_KEY, area_code, codes[0])

is_user_area = drawn is not None and area_code == place_profile_areas.USER_AREA_CODE
if is_user_area:
    st.info(user_area.describe(drawn), icon=":material/draw:")
    if drawn.vintage != icb.imd_vintage:
        st.caption(
            f":material/info: Shown in the IMD {drawn.vintage} geography its codes belong to, whatever the "
            "sidebar's IMD choice."
        )
    profile = user_area.profile(icb, drawn)
    page_charts = _drawn(profile)
else:
    profile = _profile(icb, area_code)
    page_charts = _page_charts(icb, area_code)
stem = profile_model.file_stem(profile)

# Summary band: residents, Core20 share, England ranks, (healthy) life expectancy against England.
components.key_figure_band(profile.summary, BAND_COLUMNS)

st.header("Key messages", divider="blue")
if profile.key_messages:
    st.markdown("\n".join(f"{n}. {markdown_text(m.text)}" for n, m in enumerate(profile.key_messages, start=1)))
    st.caption(
        "Ranked by distance from England and the share of residents concerned; figures with a judgement "
        "(higher is better or worse) first."
    )
else:
    st.info(f"Too few figures with an England value for {markdown_text(profile.area.name)} to choose key messages.")

with st.expander("Download the briefing (PowerPoint, HTML, PDF)", icon=":material/download:"):
    upload = st.file_uploader(
        "Your organisation's PowerPoint template (optional)",
        type=["pptx"],
        help="The deck is built on its slide master and its title, title-and-content and "
        "two-content layouts; fonts and colours come from it.",
    )
    template = upload.getvalue() if upload is not None else None
    problem = _template_problem(template) if template is not None else None
    if problem:
        st.error(problem + " The default layout is used instead.", icon=":material/error:")
        template = None
    for notice in _template_notices(template) if template is not None else ():
        st.warning(notice, icon=":material/link_off:")
    columns = st.columns(3)
    for column, (fmt, label, mime) in zip(
        columns,
        [
            (
                "pptx",
                "PowerPoint (editable)",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ),
            ("html", "Printable HTML", "text/html"),
            ("pdf", "PDF handout (A4 landscape)", "application/pdf"),
        ],
        strict=False,
    ):
        with column:
            st.download_button(
                label,
                data=lambda fmt=fmt: (
                    _render(profile, fmt, template if fmt == "pptx" else None)
                    if is_user_area
                    # session only: not kept in the shared cache
                    else _briefing(
                        icb,
                        area_code,
                        fmt,
                        template if fmt == "pptx" else None,
                        str(st.session_state.get(COMPARATOR_KEY, "england")),
                    )
                ),
                file_name=f"{stem}.{fmt}",
                mime=mime,
                key=f"briefing_{fmt}",
                on_click="ignore",
                icon=":material/download:",
            )

for section in profile.sections:
    st.header(markdown_text(section.title), divider="blue")
    if section.headline:
        st.markdown(f"**{markdown_text(section.headline)}**")
    charts = page_charts[section.key]
    if section.only_missing_figures:  # the reasons once; the sentences folded away below
        lead = []
        st.info(
            f"No open data for {markdown_text(profile.area.name)}. {components.no_data_reasons(section.key_figures)}",
            icon=":material/block:",
        )
    else:
        lead = section.lead_sentences(LEAD_SENTENCES)
        st.markdown("\n".join(f"- {markdown_text(sentence)}" for sentence in lead))
    if charts:
        name, chart = charts[0]
        components.chart(chart, f"{stem}_{name}", key=f"chart_{section.key}_{name}", width="content")
        dropped.show(section.chart_notes.get(name, ""))
    elif section.key == "notes":
        for column, figure in zip(st.columns(len(section.key_figures) or 1), section.key_figures, strict=False):
            with column:
                st.metric(markdown_text(figure.label), figure.value)
    rest = [s for s in section.sentences if s not in lead]
    # The map's section runs its "More" only while it is open (the map is drawn then, once per area and vintage);
    # a user-defined area's profile carries its map already.
    lazy = section.key == MAP_SECTION and not is_user_area
    more = st.expander(
        "More: every sentence, picture and table of this section",
        key=f"more_{section.key}",
        on_change="rerun" if lazy else "ignore",
    )
    if more.open is not False:  # None: not tracked, so the content always runs; True: open
        with more:
            _more(section, stem, rest, charts[1:], _decile_map(icb, area_code) if lazy else None)
    if section.source:
        components.source_caption(f"Sources: {section.source}.")

# ---- indicator summary as a Fingertips-style grid (the same component as the Core20PLUS5 scorecard)
summary_parts = [
    section.tables[section.key].assign(group=section.title)
    for section in profile.sections
    if section.key in ("life_expectancy", "smoking", "core20plus5") and section.key in section.tables
]
if summary_parts:
    st.header("Indicator summary", divider="blue")
    summary = pd.concat(summary_parts, ignore_index=True)
    no_peers = (
        similar_places.comparator_availability(area_code, _current())
        if not is_user_area
        else ("Peer comparators are for local authorities; a user-defined area is compared with England.")
    )
    choices = ["england"] if no_peers else list(similar_places.COMPARATORS)
    comparator_notes: list[str] = []
    url.seed(COMPARATOR_KEY, choices, "england", "the comparator", comparator_notes, similar_places.COMPARATOR_LABELS)
    for note in comparator_notes:
        st.warning(note, icon=":material/warning:")
    comparator = st.radio(
        "Compare with",
        choices,
        horizontal=True,
        key=COMPARATOR_KEY,
        format_func=similar_places.COMPARATOR_LABELS.get,
        help=similar_places.COMPARATOR_HELP,
    )
    url.sync(COMPARATOR_KEY, comparator, "england")
    if no_peers:
        st.caption(no_peers)
    summary = _summary_against(icb, area_code, summary, comparator) if not is_user_area else summary
    if comparator != "england":
        st.caption(
            f"Cells are coloured by the comparison with the {similar_places.COMPARATOR_LABELS[comparator]} "
            "(the table below gives the group's value and the ranks); the England column still gives "
            f"England's value. {similar_places.COMPARATOR_MEANING[comparator]} Rows with no group value keep "
            "England's comparison."
        )
    # rows with no open data (not suppressed) are named below the grid rather than drawn as blank rows
    held = summary["value"].notna() | summary["suppressed"].fillna(False).astype(bool)
    picked = components.indicator_grid(summary[held], key="profile_grid", group="group") if held.any() else None
    if not held.all():
        st.caption(
            f"No open data for {markdown_text(profile.area.name)} ({int((~held).sum())} indicators; the "
            f"reasons are in the sections above): {', '.join(summary.loc[~held, 'indicator'])}."
        )
    components.download_table(summary, f"{stem}_indicator_summary", key="csv_indicator_summary")
    if picked:
        row = summary[summary["indicator_id"] == picked[0]].iloc[0]
        st.markdown(
            f"**{row['indicator']}**, {row['period']}: {markdown_text(row['note'] or 'see the section above')}"
            if pd.isna(row["value"])
            else f"**{row['indicator']}**, {row['period']}: **{row['value']:,.2f}** {row['unit']} "
            f"(England {row['england_value']:,.2f}); {palette.comparison_label(row['comparison'])}. "
            f"Source: {row['source']}."
        )
    if "rank_all" in summary:
        ranked = summary[summary["value"].notna()]
        components.table(
            ranked[[c for c in similar_places.SUMMARY_LABELS if c in ranked]],
            f"{stem}_against_{comparator}",
            key="csv_profile_against",
            labels=similar_places.SUMMARY_LABELS,
        )

if is_user_area:
    st.header("Neighbourhoods: primary care networks", divider="blue")
    st.info(
        "PCNs are listed for the ICB's places, districts and footprints, through the sub-ICB locations their "
        "practices belong to; practices have no neighbourhood in the data, so no PCN list is made for a "
        "user-defined area.",
        icon=":material/block:",
    )
else:
    pcn_block.area_pcns(icb, area_code, profile.area.name)
    similar_block.area_similar_places(icb, area_code, profile.area.name)

st.header("Sources", divider="blue")
with st.expander(f"Every data set used ({len(profile.datasets)}), with publisher, period, licence and link"):
    components.table(profile.datasets, f"{stem}_sources", key="csv_sources")
st.caption(
    "All data sets: Open Government Licence v3.0. Boundaries contain OS data (c) Crown copyright and database right."
)
