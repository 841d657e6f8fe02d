"""Core20PLUS5: the Core20 population, PLUS groups, the 5 adult and 5 children's clinical areas, and a scorecard."""

import streamlit as st

from lsc_phm import indicators
from lsc_phm.domain import benchmarking, core20_movers, geography
from lsc_phm.render import charts_inequalities as charts
from lsc_phm.render import grid
from lsc_phm.views import core20plus5, inequalities, similar_places
from ui import components, state, url
from ui.frame import require_app_frame

require_app_frame()

icb = state.current_icb()

st.title("Core20PLUS5")
st.markdown(
    "NHS England's approach to reducing healthcare inequalities: the **Core20** (people living in the most deprived "
    "20% of neighbourhoods in England, national IMD deciles 1-2), **PLUS** groups chosen locally, and **5** clinical "
    "areas for adults and 5 for children and young people. Every figure is open data with its source and period; "
    "where no open indicator exists, the card says what would be needed."
)
confidence_text = st.radio("Confidence level for comparisons with England", ["95%", "99.8%"], horizontal=True,
                           key="c20_confidence")
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


@st.cache_data(show_spinner=False, max_entries=256, ttl=state.CACHE_TTL)
def _latest(icb_, indicator_id, level, conf):
    return core20plus5.latest_values(state.database(), icb_, indicator_id, level, conf,
                                     available=state.availability(icb_)[indicator_id])


@st.cache_data(show_spinner=False, max_entries=256, ttl=state.CACHE_TTL)
def _series(icb_, indicator_id, level):
    if level == "sicbl":
        # the ICB and England only: the sub-ICB lines are in the bar chart beside it
        frame = state.indicator_series(icb_, indicator_id, (icb_.code, "E92000001"))
        names = {icb_.code: f"ICB ({icb_.ods_code})", "E92000001": "England"}
        frame = frame.assign(area_name=frame["area_code"].map(names), is_england=frame["area_code"] == "E92000001")
        return benchmarking.series_comparison(frame, indicators.get(indicator_id))
    return inequalities.published_series(state.database(), icb_, indicator_id, level, with_latest=False).series


# The clinical-areas tab draws two charts for each of its 15 indicators; building them is most of its cost, so each is
# made once per ICB, vintage and confidence level and kept ready to show (ui.components.PreparedChart).
@st.cache_data(show_spinner=False, max_entries=256, ttl=state.CACHE_TTL)
def _clinical_bars(icb_, indicator_id, level, conf) -> components.PreparedChart | None:
    latest = _latest(icb_, indicator_id, level, conf)
    present = latest[latest["value"].notna()]
    if present.empty:
        return None
    indicator = indicators.get(indicator_id)
    target = core20plus5.CANCER_STAGE_AMBITION if indicator_id == "cancer_stage_1_2" else None
    plot = present.assign(
        area_name=[grid.area_label(c, n) for c, n in zip(present["area_code"], present["area_name"], strict=False)]
    )
    return components.prepare(charts.comparison_bars(
        plot, f"{indicator.name}, {present['period'].iloc[0]}", indicator.unit, present["england_value"].iloc[0],
        target=target, target_label="NHS ambition 75%", decimals=indicator.decimals))


@st.cache_data(show_spinner=False, max_entries=256, ttl=state.CACHE_TTL)
def _clinical_trend(icb_, indicator_id, level) -> tuple[components.PreparedChart, str] | None:
    """The trend chart and the ICB's (else England's) recent-trend marker; None with fewer than two periods."""
    series = _series(icb_, indicator_id, level)
    if series["period"].nunique() <= 1:
        return None
    indicator = indicators.get(indicator_id)
    icb_series = series[series["area_code"] == icb_.code]
    marker = benchmarking.trend_marker(icb_series if not icb_series.empty else series[series["is_england"]], indicator)
    return components.prepare(charts.trend_chart(series, f"{indicator.name} over time", indicator.unit)), marker


@st.cache_data(show_spinner="Building the scorecard...", max_entries=8 * 3)
def _scorecard(icb_, conf, comparator="england"):
    return core20plus5.scorecard(state.database(), icb_, conf, comparator)


@st.cache_data(show_spinner=False, max_entries=8)
def _movers(icb_):
    return core20_movers.mover_lsoas(state.database(), icb_)


#: Table headers saying which population a figure is (one figure per thing: not the profile's residents).
WEIGHTS_LABELS = {"population": "IMD weighting population", "core20_population": "IMD weighting population in the "
                  "Core20"}

core20_tab, plus_tab, clinical_tab, scorecard_tab = st.tabs(
    ["Core20", "PLUS groups", "5 clinical areas", "Scorecard"], key="c20_tab", bind="query-params")

# ------------------------------------------------------------------------------------------------ Core20
with core20_tab:
    if core20_tab.open:  # lazy tab: only the open tab runs
        level = st.radio("Areas", ["place", "district", "sicbl", "icb", "ward", "footprint"], horizontal=True,
                         key="c20_level",
                         format_func=geography.LEVEL_LABELS.get)
        shares = _shares(icb, level)
        if level == "ward":
            top = shares[shares["imd_vintage"] == icb.imd_vintage].nlargest(30, "core20_population_share")
            chart = charts.share_bars(top, f"Core20 population share: the 30 wards with the largest share "
                                      f"(IMD {icb.imd_vintage})")
            st.caption(
                "Ward boundaries differ between vintages (2019 wards with IMD 2019, 2024 wards with IMD 2025), so "
                "wards are shown for the vintage chosen in the sidebar."
            )
        else:
            chart = charts.share_bars(shares, f"Core20 population share by {geography.LEVEL_LABELS[level].lower()}: "
                                      "IMD 2019 and IMD 2025")
        components.chart(chart, f"core20_share_{level}", key="c20_share_png")
        st.caption(
            "Core20 = people in LSOAs in national IMD deciles 1-2. A complete count of small areas, not a sample: "
            "no confidence interval applies. Shares are weighted by the IMD weighting population: IoD2019 "
            "mid-2015 population denominators for IMD 2019; Census 2021 usual residents for IMD 2025 (the "
            "mid-2022 denominators are not available). Districts are summarised as a whole (File 10 style): "
            'one only partly in the ICB is marked "(whole district)".'
        )
        c20_left, c20_right = st.columns(2)
        with c20_left:
            components.method_popover(indicators.get("core20_population_share"), "IMD 2019 and IMD 2025", "",
                                      suppression="not applicable: populations, not counts of events.",
                                      key="c20_share_method")
        with c20_right:
            components.download_table(shares, f"core20_share_{level}", key="c20_share_csv")

        st.subheader(f"LSOAs in the most deprived decile and in the Core20 (IMD {icb.imd_vintage})")
        counts = _counts(icb, icb.imd_vintage)
        counts_view = counts[counts["level"].isin(["district", "place", "icb"])]
        weights = str(counts["population_source"].dropna().iloc[0]) if counts["population_source"].notna().any() else ""
        components.table(counts_view.drop(columns="population_source"), f"core20_lsoa_counts_{icb.imd_vintage}",
                         export=counts_view, key="c20_counts_csv", labels=WEIGHTS_LABELS)
        st.caption(f"Counted from the ICB's own LSOAs: a district only partly in the ICB is the part in it. "
                   f"IMD weighting population = {weights}, the population the indices use for the Core20 share; it "
                   "is not the residents figure of the place profile (ONS mid-2020 LSOA estimates for IMD 2019, "
                   "Census 2021 for IMD 2025).")

        st.subheader(f"Core20 wards (IMD {icb.imd_vintage})")
        wards = _wards(icb, icb.imd_vintage)
        flagged = wards[wards["core20_ward"]]
        st.markdown(f"**{len(flagged)} of {len(wards)} wards** have at least "
                    f"{core20plus5.CORE20_WARD_THRESHOLD:.0f}% of their population in the Core20. All wards are ranked "
                    "below (1 = largest Core20 share).")
        components.table(wards.assign(core20_ward=wards["core20_ward"].map({True: "Yes: Core20 ward", False: "No"})),
                         f"core20_wards_{icb.imd_vintage}", export=wards, key="c20_wards_csv", height=320,
                         labels=WEIGHTS_LABELS)

        st.subheader("Core20 movers: IMD 2019 to IMD 2025")
        st.warning(core20_movers.MOVERS_CAVEAT, icon=":material/warning:")
        movers_level = st.radio("Movers by", ["place", "district", "ward"], horizontal=True, key="c20_movers_level",
                                format_func=geography.LEVEL_LABELS.get)
        mover_lsoas = _movers(icb)
        components.table(core20_movers.movers_summary(mover_lsoas, movers_level), f"core20_movers_{movers_level}",
                         key="c20_movers_csv", labels=core20_movers.SUMMARY_LABELS)
        st.caption(core20_movers.BOUNDARY_RULE + " " + core20_movers.PCN_NOT_AVAILABLE)
        with st.expander("The neighbourhoods that entered or left"):
            components.table(core20_movers.movers_list(mover_lsoas, movers_level),
                             f"core20_mover_lsoas_{movers_level}", key="c20_mover_lsoas_csv",
                             labels=core20_movers.LIST_LABELS, height=320)

# ------------------------------------------------------------------------------------------------ PLUS groups
with plus_tab:
    if plus_tab.open:  # lazy tab: only the open tab runs
        plus_id = st.selectbox("PLUS measure", core20plus5.PLUS_INDICATORS,
                               format_func=lambda i: indicators.get(i).name, key="c20_plus_indicator")
        plus_indicator = indicators.get(plus_id)
        census_only = plus_id in ("pct_ethnic_minority", "pct_disabled")
        plus_icb = state.icb(icb.code, 2025) if census_only else icb
        if census_only and icb.imd_vintage != 2025:
            st.info("Census 2021 ethnic group and disability are on 2021 LSOAs, so they are shown with the IMD 2025 "
                    "geography whatever the sidebar says.", icon=":material/info:")
        plus_places = _plus(plus_icb, plus_id, "place", confidence)
        if plus_places["value"].notna().any():
            period = plus_places["period"].iloc[0]
            components.chart(charts.comparison_bars(plus_places, f"{plus_indicator.name} by place, {period}",
                                                    plus_indicator.unit, plus_places["england_value"].iloc[0],
                                                    decimals=plus_indicator.decimals),
                             f"{plus_id}_places", key="c20_plus_places_png")
            components.download_table(plus_places, f"{plus_id}_places", key="c20_plus_csv")
        plus_gradient = _gradient(plus_icb, plus_id, "lsoa", "national", 10, confidence)
        components.chart(charts.gradient_bars(plus_gradient.table, f"{plus_indicator.name} by national IMD decile "
                                              f"(IMD {plus_icb.imd_vintage}), {plus_gradient.period}",
                                              plus_indicator.unit, "National IMD decile (1 = most deprived)"),
                         f"{plus_id}_by_national_decile", key="c20_plus_gradient_png")
        components.download_table(plus_gradient.table, f"{plus_id}_by_national_decile", key="c20_plus_gradient_csv")
        st.caption(plus_gradient.description)
        components.method_popover(plus_indicator, plus_gradient.period, confidence_text, key="c20_plus_method")

# ------------------------------------------------------------------------------------------------ clinical areas
with clinical_tab:
    if clinical_tab.open:  # lazy tab: only the open tab runs
        st.markdown(
            "For each clinical area, the best open indicator in the data: QOF recorded prevalence by sub-ICB location "
            "(with practices grouped by their published deprivation score), and published outcome measures by place. "
            "**Recorded prevalence is not disease burden**: higher can mean better case-finding."
        )
        for group in ("Adults", "Children and young people", "Smoking cessation"):
            st.subheader(group)
            for area in [a for a in core20plus5.CLINICAL_AREAS if a.group == group]:
                with st.container(border=True):
                    st.markdown(f"#### {area.title}")
                    if area.reading:
                        st.caption(area.reading)
                    for indicator_id in area.indicator_ids:
                        indicator = indicators.get(indicator_id)
                        level = "sicbl" if indicator_id.startswith("qof_") else "place"
                        latest = _latest(icb, indicator_id, level, confidence)
                        present = latest[latest["value"].notna()]
                        key = f"c20_{area.key}_{indicator_id}"
                        if present.empty:
                            st.info(f"**No open data yet** for {indicator.name.lower()} at "
                                    f"{geography.LEVEL_LABELS[level].lower()} level.", icon=":material/block:")
                            continue
                        period = present["period"].iloc[0]
                        target = core20plus5.CANCER_STAGE_AMBITION if indicator_id == "cancer_stage_1_2" else None
                        chart_col, side_col = st.columns([3, 2])
                        with chart_col:
                            components.chart(_clinical_bars(icb, indicator_id, level, confidence),
                                             f"{indicator_id}_{level}_{period}",
                                             key=f"c20_area_{area.key}_{indicator_id}_png")
                            components.download_table(latest, f"{indicator_id}_{level}_{period}",
                                                      key=f"c20_area_{area.key}_{indicator_id}_csv")
                            missing = latest.loc[latest["value"].isna(), "area_name"].tolist()
                            if missing:
                                st.caption(f"No open data for: {', '.join(missing)}.")
                            if target is not None:
                                st.caption(
                                    "Dotted line: the NHS Long Term Plan ambition of 75% diagnosed at stage 1 or 2 "
                                    "by 2028; dashed line: England."
                                )
                        with side_col:
                            if indicator_id.startswith("qof_"):
                                try:
                                    gradient = _gradient(icb, indicator_id, "practice", "local", 5, confidence)
                                except inequalities.NoData as no_data:
                                    st.caption(f"**By practice deprivation:** {no_data}.")
                                else:
                                    first, last = gradient.table.iloc[0], gradient.table.iloc[-1]
                                    st.markdown(f"**By practice deprivation ({gradient.period}):** most deprived "
                                                f"fifth {first['value']:.2f}% vs least deprived fifth "
                                                f"{last['value']:.2f}% (practices grouped by published IMD 2025 "
                                                "score, weighted by list size).")
                            trend = _clinical_trend(icb, indicator_id, level)
                            if trend is not None:
                                trend_chart, trend_marker = trend
                                components.chart(trend_chart, f"{indicator_id}_trend",
                                                 key=f"c20_trend_{area.key}_{indicator_id}_png")
                                st.caption("Recent trend (ICB): " + trend_marker)
                            components.method_popover(indicator, period, confidence_text if indicator.has_ci else "",
                                                      key=f"{key}_method")
                    if area.missing:
                        st.warning(f"**No open data yet:** {area.missing}", icon=":material/block:")

# ------------------------------------------------------------------------------------------------ scorecard
with scorecard_tab:
    if scorecard_tab.open:  # lazy tab: only the open tab runs
        c20_notes: list[str] = []
        url.seed("c20_comparator", list(similar_places.COMPARATORS), "england", "the comparator", c20_notes,
                 similar_places.COMPARATOR_LABELS)
        comparator = st.radio("Compare places with", list(similar_places.COMPARATORS), horizontal=True,
                              key="c20_comparator", format_func=similar_places.COMPARATOR_LABELS.get,
                              help=similar_places.COMPARATOR_HELP)
        url.sync("c20_comparator", comparator, "england")
        for note in c20_notes:
            st.info(note, icon=":material/info:")
        card = _scorecard(icb, confidence, comparator)
        if comparator != "england":
            st.caption(similar_places.SCORECARD_NOTE)
        st.markdown(
            f"Indicators by clinical area (rows) for the ICB, its places and, for QOF, its sub-ICB locations "
            f"(columns). Each cell is the latest value, filled by its comparison with England at {confidence_text} "
            "and marked with the same symbol, so the colour is never the only cue. **Click a cell** (or choose "
            "below) for the indicator's detail. District and county series have **no published ICB value**; none "
            "is estimated."
        )
        picked = components.indicator_grid(card, key="c20_scorecard_grid")
        card_ids = list(dict.fromkeys(card["indicator_id"]))
        if picked and picked != st.session_state.get("_c20_scorecard_picked"):  # a new click chooses the detail
            st.session_state["_c20_scorecard_picked"] = picked
            st.session_state["c20_scorecard_indicator"] = picked[0]
        detail_id = st.selectbox("Indicator detail", card_ids, format_func=lambda i: indicators.get(i).name,
                                 key="c20_scorecard_indicator")
        detail = card[card["indicator_id"] == detail_id]
        detail_indicator = indicators.get(detail_id)
        with st.container(border=True):
            shown = detail[detail["value"].notna()].assign(area_name=lambda f: [
                grid.area_label(c, n) for c, n in zip(f["area_code"], f["area_name"], strict=False)])
            if shown.empty:
                st.info(f"No values for {detail_indicator.name.lower()} in the scorecard.", icon=":material/block:")
            else:
                periods = ", ".join(dict.fromkeys(shown["period"]))
                components.chart(charts.comparison_bars(
                    shown, f"{detail_indicator.name}, {periods}", detail_indicator.unit,
                    shown["england_value"].dropna().iloc[0] if shown["england_value"].notna().any() else None,
                    decimals=detail_indicator.decimals), f"{detail_id}_scorecard", key="c20_scorecard_png")
            components.table(detail.assign(area_name=[grid.area_label(c, n) for c, n in
                                                      zip(detail["area_code"], detail["area_name"], strict=False)]),
                             f"core20plus5_scorecard_{detail_id}", export=detail, key="c20_scorecard_detail_csv",
                             decimals=detail_indicator.decimals, unit=detail_indicator.unit,
                             columns=["area_name", "level", "period", "value", "lowercl", "uppercl", "numerator",
                                      "england_value", "comparison", "recent_trend", "suppression_reason", "source"]
                             + (["benchmark", "benchmark_value", "comparison_basis"] if "benchmark" in detail else []))
            components.method_popover(detail_indicator, ", ".join(dict.fromkeys(detail["period"].dropna())),
                                      confidence_text if detail_indicator.has_ci else "", key="c20_scorecard_method")
        components.download_table(card, "core20plus5_scorecard", label="Download the whole scorecard (CSV)",
                                  key="c20_scorecard_csv")
