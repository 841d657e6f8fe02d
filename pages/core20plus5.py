"""Core20PLUS5: the Core20 population, PLUS groups, the 5 adult and 5 children's clinical areas, and a scorecard."""

import streamlit as st

from lsc_phm import indicators
from lsc_phm.domain import core20_movers, geography
from lsc_phm.domain import core20plus5 as registry
from lsc_phm.render import charts_inequalities as charts
from lsc_phm.render import grid, palette
from lsc_phm.render import scorecard as scorecard_render
from lsc_phm.views import core20plus5, inequalities, similar_places
from ui import components, dropped, state, url
from ui import core20plus5_delivery as delivery
from ui.frame import require_app_frame

require_app_frame()

icb = state.current_icb()

st.title("Core20PLUS5")
st.markdown(
    "NHS England's approach to reducing healthcare inequalities: the **Core20** (people living in the most deprived "
    "20% of neighbourhoods in England, national IMD deciles 1-2), **PLUS** groups chosen locally, and **5** clinical "
    "areas for adults and 5 for children and young people. Every figure is open data with its source and period; "
    "each clinical area says whether its indicators are loaded here or, if not, who publishes one (with the link)."
)
confidence_text = st.radio(
    "Confidence level for comparisons with England", ["95%", "99.8%"], horizontal=True, key="c20_confidence"
)
confidence = 0.95 if confidence_text == "95%" else 0.998


@st.cache_data(show_spinner=False, max_entries=16)
def _shares(icb_, level):
    return core20plus5.core20_shares(state.database(), icb_, level)


@st.cache_data(show_spinner=False, max_entries=8)
def _counts(icb_, vintage):
    return core20plus5.core20_lsoa_counts(state.database(), icb_, vintage)


@st.cache_data(show_spinner=False, max_entries=8)
def _wards(icb_, vintage):
    return core20plus5.core20_wards(state.database(), icb_, vintage)


@st.cache_data(show_spinner=False, max_entries=64, ttl=state.CACHE_TTL)
def _plus(icb_, indicator_id, level, conf):
    return core20plus5.plus_by_area(state.database(), icb_, indicator_id, level, conf)


@st.cache_data(show_spinner="Grouping by deprivation...", max_entries=64, ttl=state.CACHE_TTL)
def _gradient(icb_, indicator_id, unit, framing, groups, conf):
    return inequalities.gradient(state.database(), icb_, indicator_id, unit, framing, groups, None, "", conf)


@st.cache_data(show_spinner="Building the scorecard...", max_entries=8 * 3)
def _scorecard(icb_, conf, comparator="england"):
    return core20plus5.scorecard(state.database(), icb_, conf, comparator)


@st.cache_data(show_spinner=False, max_entries=8)
def _movers(icb_):
    return core20_movers.mover_lsoas(state.database(), icb_)


@st.cache_data(show_spinner=False, max_entries=8)
def _pcn_movers(icb_):
    return core20_movers.pcn_movers(state.database(), icb_)


@st.cache_data(show_spinner=False, max_entries=8 * 3)
def _scorecard_html(icb_, conf, conf_text, comparator="england") -> tuple[str, str]:
    card = _scorecard(icb_, conf, comparator)
    columns = core20plus5.scorecard_areas(state.database(), icb_)
    plurals = {
        level: "" if level == "icb" else plural[:1].upper() + plural[1:]
        for level, plural in geography.LEVEL_PLURALS.items()
    }
    header = [
        scorecard_render.Column(
            code, "ICB" if level == "icb" else name, f"{geography.LEVEL_LABELS[level]}: {name}", plurals.get(level, "")
        )
        for level, code, name in columns[["level", "area_code", "area_name"]].itertuples(index=False)
    ]
    decimals = {i.id: i.decimals for i in indicators.REGISTRY}
    table, letters = scorecard_render.scorecard_html(card, header, decimals, conf_text)
    comparisons = palette.present(card.loc[card["value"].notna(), "comparison"])
    legend = scorecard_render.legend_html(letters, core20plus5.blank_counts(card), comparisons, grid.TREND_LEGEND)
    return table, legend


#: Table headers saying which population a figure is (one figure per thing: not the profile's residents).
WEIGHTS_LABELS = {
    "population": "IMD weighting population",
    "core20_population": "IMD weighting population in the Core20",
}

core20_tab, plus_tab, clinical_tab, scorecard_tab = st.tabs(
    ["Core20", "PLUS groups", "5 clinical areas", "Scorecard"], key="c20_tab", bind="query-params"
)

# ------------------------------------------------------------------------------------------------ Core20
with core20_tab:
    if core20_tab.open:  # lazy tab: only the open tab runs
        level = st.radio(
            "Areas",
            ["place", "district", "sicbl", "icb", "ward", "footprint"],
            horizontal=True,
            key="c20_level",
            format_func=geography.LEVEL_LABELS.get,
        )
        shares = _shares(icb, level)
        if level == "ward":
            top = shares[shares["imd_vintage"] == icb.imd_vintage].nlargest(30, "core20_population_share")
            chart = charts.share_bars(
                top, f"Core20 population share: the 30 wards with the largest share (IMD {icb.imd_vintage})"
            )
            st.caption(
                "Ward boundaries differ between vintages (2019 wards with IMD 2019, 2024 wards with IMD 2025), so "
                "wards are shown for the vintage chosen in the sidebar."
            )
        else:
            chart = charts.share_bars(
                shares, f"Core20 population share by {geography.LEVEL_LABELS[level].lower()}: IMD 2019 and IMD 2025"
            )
        components.chart(chart, f"core20_share_{level}", key="c20_share_png")
        st.caption(
            "Core20 = people in LSOAs in national IMD deciles 1-2. A complete count of small areas, not a sample: "
            "no confidence interval applies. Shares are weighted by the IMD weighting population: IoD2019 "
            "mid-2015 population denominators for IMD 2019; Census 2021 usual residents for IMD 2025 (the "
            "mid-2022 denominators are not available). Districts are summarised as a whole (File 10 style): "
            'one only partly in the ICB is marked "(part), whole district".'
        )
        c20_left, c20_right = st.columns(2)
        with c20_left:
            components.method_popover(
                indicators.get("core20_population_share"),
                "IMD 2019 and IMD 2025",
                "",
                suppression="not applicable: populations, not counts of events.",
                key="c20_share_method",
            )
        with c20_right:
            components.download_table(shares, f"core20_share_{level}", key="c20_share_csv")

        st.subheader(f"LSOAs in the most deprived decile and in the Core20 (IMD {icb.imd_vintage})")
        counts = _counts(icb, icb.imd_vintage)
        counts_view = counts[counts["level"].isin(["district", "place", "icb"])]
        weights = str(counts["population_source"].dropna().iloc[0]) if counts["population_source"].notna().any() else ""
        components.table(
            counts_view.drop(columns="population_source"),
            f"core20_lsoa_counts_{icb.imd_vintage}",
            export=counts_view,
            key="c20_counts_csv",
            labels=WEIGHTS_LABELS,
        )
        st.caption(
            f"Counted from the ICB's own LSOAs: a district only partly in the ICB is the part in it. "
            f"IMD weighting population = {weights}, the population the indices use for the Core20 share; it "
            "is not the residents figure of the place profile (ONS mid-2020 LSOA estimates for IMD 2019, "
            "Census 2021 for IMD 2025)."
        )

        st.subheader(f"Core20 wards (IMD {icb.imd_vintage})")
        wards = _wards(icb, icb.imd_vintage)
        flagged = wards[wards["core20_ward"]]
        st.markdown(
            f"**{len(flagged)} of {len(wards)} wards** have at least "
            f"{core20plus5.CORE20_WARD_THRESHOLD:.0f}% of their population in the Core20. All wards are ranked "
            "below (1 = largest Core20 share)."
        )
        components.table(
            wards.assign(core20_ward=wards["core20_ward"].map({True: "Yes: Core20 ward", False: "No"})),
            f"core20_wards_{icb.imd_vintage}",
            export=wards,
            key="c20_wards_csv",
            height=320,
            labels=WEIGHTS_LABELS,
        )

        st.subheader("Core20 movers: IMD 2019 to IMD 2025")
        st.warning(core20_movers.MOVERS_CAVEAT, icon=":material/warning:")
        movers_level = st.radio(
            "Movers by",
            ["place", "district", "ward"],
            horizontal=True,
            key="c20_movers_level",
            format_func=geography.LEVEL_LABELS.get,
        )
        mover_lsoas = _movers(icb)
        components.table(
            core20_movers.movers_summary(mover_lsoas, movers_level),
            f"core20_movers_{movers_level}",
            key="c20_movers_csv",
            labels=core20_movers.SUMMARY_LABELS,
        )
        st.caption(core20_movers.BOUNDARY_RULE)
        with st.expander("The neighbourhoods that entered or left"):
            components.table(
                core20_movers.movers_list(mover_lsoas, movers_level),
                f"core20_mover_lsoas_{movers_level}",
                key="c20_mover_lsoas_csv",
                labels=core20_movers.LIST_LABELS,
                height=320,
            )
        with st.expander("By PCN: registered patients living in those neighbourhoods"):
            components.table(
                _pcn_movers(icb),
                "core20_movers_pcn",
                key="c20_pcn_movers_csv",
                labels=core20_movers.PCN_LABELS,
                height=320,
            )
            st.caption(core20_movers.PCN_PATIENTS_RULE)

# ------------------------------------------------------------------------------------------------ PLUS groups
with plus_tab:
    if plus_tab.open:  # lazy tab: only the open tab runs
        plus_id = st.selectbox(
            "PLUS measure",
            core20plus5.PLUS_INDICATORS,
            format_func=lambda i: indicators.get(i).name,
            key="c20_plus_indicator",
        )
        plus_indicator = indicators.get(plus_id)
        census_only = plus_id in ("pct_ethnic_minority", "pct_disabled")
        plus_icb = state.icb(icb.code, 2025) if census_only else icb
        if census_only and icb.imd_vintage != 2025:
            st.info(
                "Census 2021 ethnic group and disability are on 2021 LSOAs, so they are shown with the IMD 2025 "
                "geography whatever the sidebar says.",
                icon=":material/info:",
            )
        plus_places = _plus(plus_icb, plus_id, "place", confidence)
        if plus_places["value"].notna().any():
            period = plus_places["period"].iloc[0]
            components.chart(
                charts.comparison_bars(
                    plus_places,
                    f"{plus_indicator.name} by place, {period}",
                    plus_indicator.unit,
                    plus_places["england_value"].iloc[0],
                    decimals=plus_indicator.decimals,
                ),
                f"{plus_id}_places",
                key="c20_plus_places_png",
            )
            dropped.caption(plus_icb, plus_id, plus_places)
            components.download_table(plus_places, f"{plus_id}_places", key="c20_plus_csv")
        plus_gradient = _gradient(plus_icb, plus_id, "lsoa", "national", 10, confidence)
        components.chart(
            charts.gradient_bars(
                plus_gradient.table,
                f"{plus_indicator.name} by national IMD decile (IMD {plus_icb.imd_vintage}), {plus_gradient.period}",
                plus_indicator.unit,
                "National IMD decile (1 = most deprived)",
            ),
            f"{plus_id}_by_national_decile",
            key="c20_plus_gradient_png",
        )
        components.download_table(plus_gradient.table, f"{plus_id}_by_national_decile", key="c20_plus_gradient_csv")
        st.caption(plus_gradient.description)
        components.method_popover(plus_indicator, plus_gradient.period, confidence_text, key="c20_plus_method")

# ------------------------------------------------------------------------------------------------ clinical areas
with clinical_tab:
    if clinical_tab.open:  # lazy tab: only the open tab runs
        st.markdown(
            "Every clinical area with its status: **indicators loaded** here; or **published, not loaded here** (the "
            "best open measure, its publisher, level and link); or **no open data** where nobody publishes one. Open "
            "a section below to draw its charts. **Recorded prevalence is not disease burden**: higher can mean "
            "better case-finding."
        )
        status = registry.status_table()
        components.table(
            status,
            "core20plus5_clinical_area_status",
            key="c20_status_csv",
            columns=[
                "group",
                "clinical_area",
                "status",
                "indicators_loaded",
                "adult_proxies",
                "published_measure",
                "publisher",
                "published_level",
                "link",
            ],
            column_config={"Link": st.column_config.LinkColumn("Link")},
        )

        st.subheader("Delivery measures")
        with st.expander(
            "Severe mental illness: physical health checks (sub-ICB, place, ICB, England)",
            key="c20_smi",
            on_change="rerun",
            icon=":material/monitor_heart:",
        ) as smi_box:
            if smi_box.open:
                delivery.smi_section(icb, confidence, confidence_text)
        with st.expander(
            "Childhood vaccination: MMR1, MMR2 and the 12-month primary course (COVER)",
            key="c20_vaccination",
            on_change="rerun",
            icon=":material/vaccines:",
        ) as vaccination_box:
            if vaccination_box.open:
                delivery.vaccination_section(icb, confidence, confidence_text)
        with st.expander(
            "Hypertension control by deprivation: England's gradient beside the local register",
            key="c20_hypertension",
            on_change="rerun",
            icon=":material/cardiology:",
        ) as hypertension_box:
            if hypertension_box.open:
                delivery.hypertension_section(icb, confidence, confidence_text)

        for group in registry.GROUPS:
            st.subheader(group)
            for area in [a for a in registry.CLINICAL_AREAS if a.group == group]:
                with st.expander(f"{area.title}: {area.status}", key=f"c20_area_{area.key}", on_change="rerun") as box:
                    if box.open:
                        delivery.area_card(icb, area, confidence, confidence_text)

# ------------------------------------------------------------------------------------------------ scorecard
with scorecard_tab:
    if scorecard_tab.open:  # lazy tab: only the open tab runs
        c20_notes: list[str] = []
        url.seed(
            "c20_comparator",
            list(similar_places.COMPARATORS),
            "england",
            "the comparator",
            c20_notes,
            similar_places.COMPARATOR_LABELS,
        )
        comparator = st.radio(
            "Compare places with",
            list(similar_places.COMPARATORS),
            horizontal=True,
            key="c20_comparator",
            format_func=similar_places.COMPARATOR_LABELS.get,
            help=similar_places.COMPARATOR_HELP,
        )
        url.sync("c20_comparator", comparator, "england")
        for note in c20_notes:
            st.info(note, icon=":material/info:")
        card = _scorecard(icb, confidence, comparator)
        if comparator != "england":
            st.caption(similar_places.SCORECARD_NOTE)
        st.markdown(
            f"All 10 clinical areas (5 adult, then 5 children's), smoking cessation and childhood vaccination (rows) "
            f"for the ICB, its places and its sub-ICB locations (columns). Each cell is the latest value, filled by "
            f"its comparison with England (or the peer group chosen above, for places that are one authority) at "
            f"{confidence_text} and marked with the same symbol, so the colour is "
            "never the only cue; **hover a cell** for its interval, comparison and trend. A blank cell shows a "
            "letter for its one reason (legend below). District and county series have **no published ICB value**; "
            "none is estimated."
        )
        scorecard_table, scorecard_legend = _scorecard_html(icb, confidence, confidence_text, comparator)
        st.html(scorecard_table)
        st.html(scorecard_legend)
        card_ids = list(dict.fromkeys(card.loc[card["row_kind"] == "indicator", "indicator_id"]))
        detail_id = st.selectbox(
            "Indicator detail", card_ids, format_func=lambda i: indicators.get(i).name, key="c20_scorecard_indicator"
        )
        detail = card[card["indicator_id"] == detail_id].drop_duplicates("area_code")
        detail_indicator = indicators.get(detail_id)
        with st.container(border=True):
            shown = detail[detail["value"].notna()].assign(
                area_name=lambda f: [
                    grid.area_label(c, n) for c, n in zip(f["area_code"], f["area_name"], strict=False)
                ]
            )
            if shown.empty:
                st.info(f"No values for {detail_indicator.name.lower()} in the scorecard.", icon=":material/block:")
            else:
                periods = ", ".join(dict.fromkeys(shown["period"]))
                components.chart(
                    charts.comparison_bars(
                        shown,
                        f"{detail_indicator.name}, {periods}",
                        detail_indicator.unit,
                        shown["england_value"].dropna().iloc[0] if shown["england_value"].notna().any() else None,
                        decimals=detail_indicator.decimals,
                    ),
                    f"{detail_id}_scorecard",
                    key="c20_scorecard_png",
                )
            components.table(
                detail.assign(
                    area_name=[
                        grid.area_label(c, n) for c, n in zip(detail["area_code"], detail["area_name"], strict=False)
                    ]
                ),
                f"core20plus5_scorecard_{detail_id}",
                export=detail,
                key="c20_scorecard_detail_csv",
                decimals=detail_indicator.decimals,
                unit=detail_indicator.unit,
                columns=[
                    "area_name",
                    "level",
                    "period",
                    "value",
                    "lowercl",
                    "uppercl",
                    "numerator",
                    "england_value",
                    "comparison",
                    "recent_trend",
                    "blank_reason",
                    "source",
                ]
                + (["benchmark", "benchmark_value", "comparison_basis"] if "benchmark" in detail else []),
            )
            components.method_popover(
                detail_indicator,
                ", ".join(dict.fromkeys(detail["period"].dropna())),
                confidence_text if detail_indicator.has_ci else "",
                key="c20_scorecard_method",
            )
        components.download_table(
            card, "core20plus5_scorecard", label="Download the whole scorecard (CSV)", key="c20_scorecard_csv"
        )
