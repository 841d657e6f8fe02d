"""Data and methods: every data set with its provenance, the indicator registry, the geography, the methods."""

import streamlit as st

from lsc_phm import config
from lsc_phm.render import tables
from lsc_phm.reports import glossary
from lsc_phm.stats import METHODS
from lsc_phm.views import catalogue, similar_places
from lsc_phm.views.catalogue import COMPARISON_RULE, TREND_MEANING
from ui import components, state
from ui.frame import require_app_frame
from ui.refresh_panel import sources_and_refresh

require_app_frame()

icb = state.current_icb()


# Cached once per server process (per ICB and vintage): the catalogue does not change while the app runs.
@st.cache_data(show_spinner=False, max_entries=4)
def _datasets():
    return catalogue.datasets(state.database())


@st.cache_data(show_spinner=False, max_entries=16)
def _registry(icb_):
    return catalogue.registry_with_availability(state.database(), icb_)


@st.cache_data(show_spinner=False, max_entries=8)
def _partial_districts(icb_code: str):
    return catalogue.partial_districts(state.database(), icb_code)


@st.cache_data(show_spinner=False, max_entries=8)
def _footprints(icb_code: str):
    return catalogue.footprints(state.database(), icb_code)


@st.cache_data(show_spinner=False, max_entries=8)
def _places(icb_code: str):
    return catalogue.places(state.database(), icb_code)


st.title("Data and methods")
st.markdown(
    "Everything shown in this tool comes from the official open data listed here, copied into the project's "
    "`data/` folder with its provenance. Licence: [Open Government Licence v3.0]"
    "(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/); boundaries contain OS data "
    "© Crown copyright and database right."
)

# Glossary: every term the tool uses, in plain words (the sidebar's "Glossary" link opens this page)
with st.expander(
    "Glossary: the terms used in this tool (LSOA, Core20, SII, RII, pp, ridits, MOVER, ...)",
    icon=":material/menu_book:",
):
    st.markdown(glossary.markdown())

datasets_tab, registry_tab, geography_tab, methods_tab = st.tabs(
    ["Data sets", "Indicators", "Geography and IMD vintages", "Methods"]
)

with datasets_tab:
    datasets = _datasets()
    components.table(
        datasets,
        "lsc_phm_datasets",
        column_config={tables.human_name("url"): st.column_config.LinkColumn(tables.human_name("url"))},
    )
    build = state.query("build_info")
    st.caption(
        f"Database built {build['built_at'].iloc[0]:%d %b %Y %H:%M} in {build['build_seconds'].iloc[0]:.1f} s "
        f"with DuckDB {build['duckdb_version'].iloc[0]}."
    )

    # Sources, their releases and the refresh on request (separate block: the refresh owns it).
    sources_and_refresh()

with registry_tab:
    st.markdown(
        f"Every indicator the app shows, defined once. Levels and periods are those with data for "
        f"**{icb.name}** with the **IMD {icb.imd_vintage}** geography."
    )
    st.info(COMPARISON_RULE, icon=":material/rule:")
    st.caption(
        "Crude vs standardised: crude proportions and rates (QOF registers, Census health and disability, "
        "smoking) are not adjusted for age, so a population with more older people can differ from England "
        "for that reason alone; age-standardised (DSR), indirectly standardised and life-table measures are "
        "adjusted. No practice-level age-adjusted QOF view is offered: the open GP registration counts by age "
        "held here cover 23 practices only (Fingertips 337 in the FingertipsNext seed), too few for the ICB. "
        + TREND_MEANING
    )
    registry = _registry(icb)
    components.table(
        registry,
        "lsc_phm_indicator_registry",
        columns=[
            "id",
            "name",
            "theme",
            "definition",
            "unit",
            "value_type",
            "polarity",
            "standardisation",
            "age",
            "sex",
            "ci_method",
            "publisher_comparison",
            "no_ci_reason",
            "period",
            "coverage",
            "levels",
            "periods",
            "sources",
            "licence",
            "notes",
            "core20plus5",
        ],
    )
    st.subheader("Core20PLUS5 clinical areas: what is loaded here")
    st.caption(
        "Each of the 5 adult and 5 children's clinical areas (and smoking cessation): the indicators loaded "
        "here; or, where none is, the best openly published measure that is not loaded here (publisher, "
        'level, link); "no open data" only where nobody publishes one openly. Adult measures shown under a '
        "children's area are adult proxies, not children's measures."
    )
    components.table(
        catalogue.core20plus5_status(),
        "lsc_phm_core20plus5_status",
        column_config={tables.human_name("link"): st.column_config.LinkColumn(tables.human_name("link"))},
    )

with geography_tab:
    st.markdown(
        """
**Levels.** LSOA → electoral ward → district (local authority) → place → ICB, plus sub-ICB locations.
Membership comes from the ONS lookups, never from a typed list of districts:

* **IMD 2019** uses 2011 LSOAs, December 2019 wards (best fit), 2019 districts and July 2022 sub-ICBs/ICBs.
* **IMD 2025** uses 2021 LSOAs, May 2024 wards (best fit), 2024 districts (Westmorland and Furness, Cumberland)
  and April 2024 sub-ICBs/ICBs.
* **MSOAs (2011)** are made of whole 2011 LSOAs (ONS lookup), so with the IMD 2019 geography every count on 2011
  LSOAs is summed exactly into MSOAs (computed here, Wilson intervals; IMD score population-weighted). 2021 LSOAs
  (Census 2021, IMD 2025) have no exact route to 2011 MSOAs, so there is no MSOA level with IMD 2025. OHID's Local
  Health MSOA file held in the shared data covers only the 68 Pennine Lancashire MSOAs, without intervals: it is not
  used.

**Places** are the upper-tier local authorities the ICB's LSOAs lie in. In Lancashire and South Cumbria the Cumbrian
LSOAs (Barrow, South Lakeland and 6 Copeland LSOAs on the 2011 basis; the southern part of Westmorland and Furness
and 6 Cumberland LSOAs on the 2021 basis) form **South Cumbria**. Three LSOAs around Bentham (Craven / North
Yorkshire) are in the ICB but in none of the four places: they are shown as *North Yorkshire (part)*.

**Shapes.** Every level above LSOA is drawn as the union of its (best-fit) LSOAs, so the map always agrees with the
numbers, which are aggregated from the same LSOAs; MSOAs are drawn from the official MSOA 2011 boundaries, whole
(an MSOA reaching outside the ICB is drawn and counted whole). Official ward boundaries differ slightly at the edges (no
complete 2024 ward boundary file was available). Boundaries are simplified once at build time without gaps
between neighbours.

**Populations.** IMD 2019 summaries use the IoD2019 mid-2015 denominators (they reproduce the published File 10
average scores); IMD 2025 district and ICB summaries are the published File 10/13 values, while ward, place and
sub-ICB figures are weighted by Census 2021 usual residents because the mid-2022 denominators are not available.
"""
    )
    st.markdown(
        "**Districts only partly inside the ICB** (their LSOAs outside the ICB are not counted in ICB, "
        "place or sub-ICB figures; district-level published values describe the whole district):"
    )
    components.table(_partial_districts(config.configured_icb()), "districts_partly_in_icb")
    st.markdown(
        "**Places**: a place that is exactly one whole upper-tier authority also shows that authority's "
        "published values (e.g. Lancashire = Lancashire county E10000017). South Cumbria shows Westmorland and "
        "Furness's published values, labelled as a proxy: South Cumbria is most of that authority (Barrow and "
        "South Lakeland) but not Eden. Other places show *no data* for such series. The ICB shows published "
        "ICB rows (OHID) or values computed here from LSOA or practice counts, labelled as computed."
    )
    components.table(_places(config.configured_icb()), "places")
    st.markdown(
        "**Sub-ICB locations** are published as e.g. *NHS Lancashire and South Cumbria ICB - 01A*; the app "
        "shows the name people use, with the code beside it (configuration: `lsc_phm/config.py`):"
    )
    components.table(catalogue.sub_icb_names(), "sub_icb_names")
    st.markdown(
        "**Custom footprints** (`config/areas.toml`, versioned with the code) are areas analysts work in that "
        "are not statutory: whole districts, places, wards or LSOAs. Their deprivation summaries and "
        "additive indicators (counts and denominators) are **computed here** from their LSOAs and labelled so; "
        "published rates are shown per member district, never combined. An unknown code in the file stops "
        "the build with a message naming it."
    )
    components.table(_footprints(config.configured_icb()), "footprints")
    st.markdown(
        "**Primary care networks** (the ICB's neighbourhoods) are groups of GP practices with **no official "
        "boundary**: their figures are sums over their practices (QOF practice-to-PCN mapping), shown as "
        "tables and charts, never on a map. A PCN's deprivation score is the list-weighted average of its "
        "practices' published IMD 2025 scores (OHID Fingertips 94240), computed here."
    )

with methods_tab:
    st.markdown(
        "How each statistic is calculated, following the OHID Fingertips technical guidance. The code is an "
        "independent implementation from the published formulas (`lsc_phm/stats`)."
    )
    for method in METHODS:
        with st.expander(method.name):
            st.markdown(method.explanation)
            st.markdown(f"**Used for:** {method.when_used}")
            st.markdown("**References:** " + " ".join(f"[{i + 1}] {ref}" for i, ref in enumerate(method.references)))
            st.caption(f"Function: lsc_phm.stats.{method.function}")

with methods_tab:
    st.subheader("Similar places, ranks and Core20 movers")
    st.markdown(
        "Comparators beside England and the neighbourhoods that moved in or out of the Core20, each "
        "computed here; full text in the project's `docs/methods.md`."
    )
    for note in similar_places.METHOD_NOTES:
        with st.expander(note.name):
            st.markdown(f"**Formula.** {note.formula}")
            st.markdown(f"**Reference.** {note.reference}")
            st.markdown(f"**Limits.** {note.limits}")
            if note.anchor == "nearest-statistical-neighbours":
                components.table(
                    similar_places.neighbour_variables(),
                    "nearest_neighbour_variables",
                    labels=similar_places.VARIABLE_LABELS,
                )
            st.caption(f"docs/methods.md#{note.anchor}")
