"""Inequalities: indicators by deprivation group with SII, RII and gaps; life expectancy; smoking; spine chart."""

import streamlit as st

from lsc_phm import indicators
from lsc_phm.domain import dropped_areas, geography, pcn, topics
from lsc_phm.render import charts_inequalities as charts
from lsc_phm.render import charts_pcn, charts_trends
from lsc_phm.render.formats import period_label
from lsc_phm.reports import glossary, inequality_sentences, period_style
from lsc_phm.views import inequalities, inequality_funnel, inequality_measures, inequality_series, similar_places
from ui import components, dropped, state, url
from ui.frame import require_app_frame

require_app_frame()

icb = state.current_icb()

st.title("Inequalities")
st.markdown(
    "How health and its determinants differ between more and less deprived communities in "
    f"**{icb.name}**. **Group 1 = most deprived** on every chart. Values with a confidence interval are compared "
    "with England by the Fingertips rule (the label says *better*, *similar*, *worse*, or *higher*/*lower* where "
    "high is neither good nor bad); values without one are shown without a significance test. Every difference "
    "between deprivation groups reads **most deprived minus least deprived**, and every ratio most over least "
    "deprived."
)
st.caption(
    glossary.first_use("LSOA", "IMD decile", "Core20") + " Other terms are explained where they first appear "
    "and in the glossary on *Data and methods*."
)
st.page_link("pages/data_and_methods.py", label="Glossary of terms (Data and methods)", icon=":material/menu_book:")
confidence_text = st.radio(
    "Confidence level for intervals and comparisons", ["95%", "99.8%"], horizontal=True, key="ineq_confidence"
)
confidence = 0.95 if confidence_text == "95%" else 0.998


@st.cache_data(show_spinner="Grouping by deprivation...", max_entries=128, ttl=state.CACHE_TTL)
def _gradient(icb_, indicator_id, unit, framing, groups, period, area, conf):
    return inequalities.gradient(state.database(), icb_, indicator_id, unit, framing, groups, period, area, conf)


@st.cache_data(show_spinner="Calculating the SII and gaps...", max_entries=128, ttl=state.CACHE_TTL)
def _measures(icb_, indicator_id, unit, framing, groups, period, area, conf):
    result = _gradient(icb_, indicator_id, unit, framing, groups, period, area, conf)
    return inequality_measures.measures(state.database(), icb_, result, conf)


@st.cache_data(show_spinner="Drawing the funnel plot...", max_entries=64, ttl=state.CACHE_TTL)
def _funnel(icb_, indicator_id, period, area, benchmark):
    return inequality_funnel.practice_funnel(state.database(), icb_, indicator_id, period, area, benchmark)


@st.cache_data(show_spinner=False, max_entries=64)
def _england_gradient(icb_, indicator_id, period, conf):
    return inequality_series.england_gradient(state.database(), icb_, indicator_id, period, conf)


@st.cache_data(show_spinner=False, max_entries=1)
def _published_decile_ids():
    return inequality_series.published_decile_indicators(state.database())


@st.cache_data(show_spinner=False, max_entries=64)
def _published_decile_options(indicator_id):
    return inequality_series.published_decile_options(state.database(), indicator_id)


@st.cache_data(show_spinner=False, max_entries=64)
def _published_england(icb_, indicator_id, grouping, period):
    return inequality_series.published_england_gradient(state.database(), icb_, indicator_id, grouping, period)


@st.cache_data(show_spinner=False, max_entries=64)
def _periods(icb_, indicator_id, unit):
    return inequalities.periods(state.database(), icb_, indicator_id, unit)


@st.cache_data(show_spinner=False, max_entries=32)
def _areas(icb_, level):
    return geography.areas(state.database(), icb_, level)


@st.cache_data(show_spinner=False, max_entries=64)
def _published(icb_, indicator_id, level):
    return inequality_series.published_series(state.database(), icb_, indicator_id, level)


@st.cache_data(show_spinner=False, max_entries=64, ttl=state.CACHE_TTL)
def _pcns(icb_, indicator_id, period, conf):
    return pcn.indicator_table(state.database(), icb_, indicator_id, period, conf)


@st.cache_data(show_spinner="Comparing with similar places...", max_entries=64, ttl=state.CACHE_TTL)
def _spine(icb_, area_code, conf, comparator):
    return similar_places.spine(state.database(), icb_, area_code, comparator, conf)


def _name(indicator_id: str) -> str:
    return indicators.get(indicator_id).name


gradient_tab, le_tab, smoking_tab, spine_tab = st.tabs(
    ["By deprivation", "Life expectancy", "Smoking", "Spine chart"], key="ineq_tab", bind="query-params"
)

# ------------------------------------------------------------------------------------------------ by deprivation
with gradient_tab:
    if gradient_tab.open:  # lazy tab: only the open tab runs
        left, middle, right = st.columns(3)
        with left:
            unit = st.radio(
                "Units ranked by deprivation",
                list(inequalities.UNIT_LABELS),
                format_func=inequalities.UNIT_LABELS.get,
                key="ineq_unit",
            )
        options = [i for i in inequalities.GRADIENT_INDICATORS[unit] if _periods(icb, i, unit)]
        with middle:
            indicator_id = st.selectbox("Indicator", options, format_func=_name, key=f"ineq_indicator_{unit}")
            period = st.selectbox(
                "Period", _periods(icb, indicator_id, unit), key=f"ineq_period_{unit}", format_func=period_label
            )
        with right:
            if unit == "lsoa":
                framing = st.radio(
                    "Deprivation groups",
                    ["national", "local"],
                    key="ineq_framing",
                    format_func={
                        "national": "National deciles (Core20 framing)",
                        "local": "Local deciles within the chosen area",
                    }.get,
                )
            else:
                framing = "local"
                st.caption("Wards, practices and PCNs have no national decile here: they are ranked locally.")
            groups = st.radio(
                "Group size",
                [10, 5],
                horizontal=True,
                key="ineq_groups",
                format_func={10: "Deciles", 5: "Quintiles"}.get,
            )
        if unit in ("practice", "pcn"):
            sicbls = _areas(icb, "sicbl")
            area_options = {
                "": f"Whole ICB ({icb.ods_code})",
                **dict(zip(sicbls["area_code"], sicbls["area_name"], strict=False)),
            }
            area_label = "Sub-ICB location"
        else:
            places = _areas(icb, "place")
            places = places[places["lsoas"] >= 20]
            area_options = {
                "": f"Whole ICB ({icb.ods_code})",
                **dict(zip(places["area_code"], places["area_name"], strict=False)),
            }
            area_label = "Area"
        area = st.selectbox(area_label, list(area_options), format_func=area_options.get, key=f"ineq_area_{unit}")

        indicator = indicators.get(indicator_id)
        try:
            result = _gradient(icb, indicator_id, unit, framing, groups, period, area, confidence)
        except inequalities.NoData as no_data:
            message = str(no_data)
            st.info(f"**No data for this choice.** {message[:1].upper()}{message[1:]}.", icon=":material/block:")
            result = None
        except ValueError as error:
            st.warning(f"This combination cannot be shown: {error}.")
            result = None
        if result is not None:
            st.info(result.description, icon=":material/info:")
            group_title = (
                "National IMD decile"
                if framing == "national" and groups == 10
                else "National IMD quintile"
                if framing == "national"
                else "Local deprivation decile"
                if groups == 10
                else "Local deprivation quintile"
            )
            chart = charts.gradient_bars(
                result.table,
                f"{indicator.name} by deprivation, {area_options[area]}, {period_label(period)}",
                indicator.unit,
                f"{group_title} (1 = most deprived)",
                groups=groups,
                decimals=indicator.decimals,
            )
            components.altair(chart, width="stretch")  # PNG download below, beside the popover
            if not result.has_ci:
                st.caption(
                    ":material/block: No counts for this indicator at this level: values are population-weighted "
                    "means with no confidence interval, so no significance is shown."
                )
            pop_left, pop_right = st.columns([1, 3])
            with pop_left:
                components.method_popover(
                    indicator,
                    period,
                    confidence_text if result.has_ci else "",
                    benchmark="the other deprivation groups",
                    functions=("wilson_ci",) if result.has_ci else (),
                    suppression="group counts below 10 are suppressed with their value and interval, with secondary "
                    "suppression so no hidden count can be recovered from the total.",
                    source=f"{', '.join(indicator.sources)}. Grouping: {result.description}",
                    key="ineq_gradient_method",
                )
            with pop_right:
                components.download_chart(chart, f"{indicator_id}_by_deprivation", key="ineq_gradient_png")
            if unit == "lsoa" and framing == "national" and groups == 10 and indicator.ci_method == "wilson":
                england = _england_gradient(icb, indicator_id, period, confidence)
                if not england.empty:
                    st.markdown(
                        f"**England by national IMD decile** (every English LSOA, {period_label(period)}), "
                        "beside the "
                        f"chart above: {indicator.name}."
                    )
                    england_chart = charts.gradient_bars(
                        england,
                        f"{indicator.name} by deprivation, England, {period_label(period)}",
                        indicator.unit,
                        "National IMD decile (1 = most deprived)",
                        groups=10,
                        decimals=indicator.decimals,
                    )
                    components.chart(england_chart, f"{indicator_id}_england_by_decile", key="ineq_england_png")
                    components.download_table(england, f"{indicator_id}_england_by_decile", key="ineq_england_csv")
            if indicator.value_type == "proportion" and indicator.ci_method == "none" and "deprivation" in indicator.id:
                st.caption(
                    ":material/info: An IMD domain is a deprivation measure (a modelled score), not a health "
                    "outcome: no significance test is made on it."
                )

            measures = _measures(icb, indicator_id, unit, framing, groups, period, area, confidence)
            st.subheader("Size of the gap")
            st.caption(glossary.first_use("SII", "RII", "Ridit", "Gap", "pp (percentage points)", "MOVER"))
            if measures.most_deprived is not None:
                sentence = inequality_sentences.gradient_sentence(
                    indicator, measures.most_deprived, measures.least_deprived, groups, framing
                )
                st.markdown(f"**{sentence}**")
            if not measures.linear:
                st.warning(
                    inequality_sentences.linearity_warning(measures.r_squared, inequality_measures.LINEARITY_THRESHOLD),
                    icon=":material/warning:",
                )
            elif measures.r_squared == measures.r_squared:
                st.caption(
                    f"Linearity check: weighted R² = {measures.r_squared:.2f}, so a straight line describes the "
                    "gradient well."
                )
            components.table(
                measures.for_display(),
                f"{indicator_id}_inequality_measures",
                key="ineq_measures_csv",
                export=measures.table,
                labels={"value": "Value", "lowercl": "Lower CI", "uppercl": "Upper CI", "reading": "In words"},
                column_config={
                    "Measure": st.column_config.TextColumn("Measure", width="large"),
                    "In words": st.column_config.TextColumn("In words", width="medium"),
                    "Note": st.column_config.TextColumn("Note", width="large"),
                },
            )
            st.caption(
                inequality_sentences.SII_READING
                + f" SII limits are simulated at {confidence_text} (100,000 draws, fixed "
                f"seed {inequality_measures.SII_SEED}); gaps use MOVER limits and are called significant only when "
                f"their own {confidence_text} interval excludes no difference."
            )
            components.method_popover(
                indicator,
                period,
                confidence_text if result.has_ci else "",
                benchmark="the least deprived group",
                suppression="a measure is not calculated when a group it needs is suppressed.",
                source="Low & Low 2004; OHID Fingertips technical guidance; " + ", ".join(indicator.sources),
                functions=("sii", "gap", "core20_gap") if result.has_ci else ("sii",),
                calculation=(
                    f"The SII's {confidence_text} limits are simulated from standard errors taken from each "
                    "group's own count and denominator (their 95% Wilson limits, unrounded); the gaps' "
                    f"limits are at {confidence_text}. RII and ratios read most deprived / least deprived."
                    if result.has_ci
                    else "No counts: the SII is a point estimate (weighted least squares), with no interval."
                ),
                benchmark_rule=(
                    "a gap is significant only when its own interval excludes no difference (0 for the "
                    "gap, 1 for the ratio); the SII when its interval excludes 0."
                    if result.has_ci
                    else "no significance test: no counts."
                ),
                key="ineq_measures_method",
            )

            with st.expander("Values by group (table and CSV)", expanded=False):
                table = result.table.assign(
                    indicator=indicator.name, period=period_label(period), grouping=result.description
                )
                components.table(
                    table,
                    f"{indicator_id}_by_deprivation_{framing}_{groups}",
                    key="ineq_gradient_csv",
                    decimals=indicator.decimals,
                    unit=indicator.unit,
                )
            if unit == "practice":
                practices = state.indicator_values(icb, indicator_id, "practice", period, confidence)
                if area:
                    practices = practices[practices["area_code"].isin(result.units["unit_code"])]
                hidden = int(practices["suppressed"].sum())
                st.markdown(
                    f"**GP practices ({len(practices)})** with their published IMD 2025 score group. "
                    f"{hidden} practice value(s) suppressed ({'register ' if indicator_id.startswith('qof_') else ''}"
                    "count below 10)."
                    if hidden
                    else f"**GP practices ({len(practices)})**, none suppressed."
                )
                if not indicator_id.startswith("qof_"):
                    st.caption(inequalities.practice_source_note(practices, period))
                groups_by_code = result.units.set_index("unit_code")["deprivation_group"]
                practices = practices.assign(deprivation_group=practices["area_code"].map(groups_by_code))
                components.table(
                    practices,
                    f"{indicator_id}_practices_{period}",
                    key="ineq_practices_csv",
                    decimals=indicator.decimals,
                    unit=indicator.unit,
                )

                st.subheader("Funnel plot: which practices stand out?")
                with_funnel = indicator_id in inequality_funnel.funnel_indicator_ids()
                if not with_funnel:
                    st.caption(
                        f"The funnel plot needs counts per practice, which {indicator.name} does not have. "
                        f"The table above gives each practice's value with its interval, and its comparison "
                        "with England where an England value is held for the period."
                    )
                benchmark = (
                    None
                    if not with_funnel
                    else st.radio(
                        "Compare practices with",
                        list(inequality_funnel.FUNNEL_BENCHMARKS),
                        horizontal=True,
                        format_func={"icb": f"The ICB ({icb.ods_code})", "england": "England"}.get,
                        key="ineq_funnel_benchmark",
                    )
                )
                try:
                    funnel = _funnel(icb, indicator_id, period, area, benchmark) if benchmark else None
                except ValueError as error:
                    st.warning(f"The funnel plot cannot be shown: {error}.")
                    funnel = None
                if funnel is not None:
                    funnel_chart = charts.funnel_plot(
                        funnel.points,
                        funnel.limits,
                        f"{indicator.name} by GP practice, {period_label(period)}",
                        indicator.unit,
                        funnel.benchmark_name,
                    )
                    components.altair(funnel_chart, width="stretch", height=480)
                    st.caption(funnel.description)
                    dropped.caption(icb, indicator_id, dropped_areas.practice_rows(funnel.points))
                    counted = ", ".join(
                        f"{charts.FUNNEL_ICONS.get(word, '')} {word}: {n}" for word, n in funnel.counts.items() if n
                    )
                    st.markdown(f"**Practices by position:** {counted}.")
                    funnel_left, funnel_right = st.columns([1, 3])
                    with funnel_left:
                        components.method_popover(
                            indicator,
                            period,
                            "95% and 99.8%",
                            benchmark=funnel.benchmark_name,
                            suppression="practices with a register below 10 are not plotted; their value and list "
                            "size are hidden, with secondary suppression.",
                            functions=("funnel_limits", "funnel_significance"),
                            calculation=(
                                "Limits p̄ ∓ z·√(p̄(1 − p̄)/N) around the benchmark p̄ (z = 1.96, 3.09); each "
                                "practice is placed by the same rule at its own list size, from its "
                                "unrounded register and list size."
                            ),
                            benchmark_rule=(
                                f"a practice is above or below {funnel.benchmark_name} when it lies outside "
                                "the 95% limits, and very unlikely to differ by chance alone outside the "
                                "99.8% limits. Recorded prevalence also reflects case-finding."
                            ),
                            key="ineq_funnel_method",
                        )
                    with funnel_right:
                        components.download_chart(
                            funnel_chart, f"{indicator_id}_funnel_{period}", key="ineq_funnel_png"
                        )
                    with st.expander("Funnel plot table (CSV)", expanded=False):
                        components.table(
                            funnel.points,
                            f"{indicator_id}_funnel_{benchmark}_{period}",
                            key="ineq_funnel_csv",
                            width="stretch",
                        )
            if unit == "pcn":
                st.subheader("Primary care networks ranked by deprivation")
                st.caption(pcn.NO_BOUNDARY_NOTE + " " + pcn.SCORE_NOTE)
                pcns = _pcns(icb, indicator_id, period, confidence)
                st.caption(pcn.source_note(pcns))
                if area:
                    pcns = pcns[pcns["pcn_code"].isin(result.units["unit_code"])]
                groups_by_code = result.units.set_index("unit_code")["deprivation_group"]
                pcns = pcns.assign(deprivation_group=pcns["pcn_code"].map(groups_by_code))
                components.table(
                    pcns,
                    f"{indicator_id}_pcns_{period}",
                    key="ineq_pcns_csv",
                    width="stretch",
                    decimals=indicator.decimals,
                    unit=indicator.unit,
                    labels=pcn.PCN_LABELS,
                )
                components.chart(
                    charts_pcn.caterpillar(
                        pcns,
                        f"{indicator.name} by primary care network, {period_label(period)}",
                        indicator.unit,
                        pcn.reference_values(state.database(), icb, indicator_id, period),
                    ),
                    f"{indicator_id}_pcn_caterpillar",
                    key="ineq_pcn_caterpillar_png",
                )
                dropped.caption(icb, indicator_id, dropped_areas.pcn_rows(pcns))

        st.divider()
        st.subheader("England by deprivation decile, as published by OHID")
        decile_ids = _published_decile_ids()
        st.caption(
            "These indicators have **only England's series by deprivation decile** here (OHID Fingertips): they "
            "are published for local authorities and NHS areas, not for LSOAs, wards or practices, so no local "
            "gradient can be drawn beside them. The dashed line is England; the ICB's own value, where "
            "published, is given below the chart."
        )
        national_left, national_middle, national_right = st.columns(3)
        with national_left:
            decile_id = st.selectbox(
                "Indicator (England by decile)", decile_ids, format_func=_name, key="ineq_england_decile_indicator"
            )
        decile_options = _published_decile_options(decile_id)
        with national_middle:
            grouping = st.radio(
                "Areas grouped by the deprivation of their",
                list(decile_options),
                horizontal=True,
                key="ineq_england_decile_grouping",
                format_func={"district": "District or UA", "county": "County or UA"}.get,
            )
        with national_right:
            # one key per indicator and grouping: a new choice starts at its latest period
            decile_period = st.selectbox(
                "Period", decile_options[grouping], key=f"ineq_england_decile_period_{decile_id}_{grouping}"
            )
        published = _published_england(icb, decile_id, grouping, decile_period)
        decile_indicator = indicators.get(decile_id)
        decile_chart = charts.gradient_bars(
            published.table,
            f"{decile_indicator.name}, England by deprivation decile, {period_label(decile_period)}",
            decile_indicator.unit,
            "Deprivation decile of the area (1 = most deprived)",
            benchmark=published.england_value,
            benchmark_label="England",
            groups=10,
            decimals=decile_indicator.decimals,
        )
        components.chart(decile_chart, f"{decile_id}_england_by_decile_{grouping}", key="ineq_england_decile_png")
        st.caption(published.description)
        st.markdown(inequality_sentences.published_decile_sentence(decile_indicator, published, icb.name))
        components.download_table(
            published.table.assign(
                indicator=decile_indicator.name, period=period_label(decile_period), grouping=published.category_type
            ),
            f"{decile_id}_england_by_decile_{grouping}",
            key="ineq_england_decile_csv",
        )

# ------------------------------------------------------------------------------------------------ life expectancy
with le_tab:
    if le_tab.open:  # lazy tab: only the open tab runs
        st.markdown(
            "Life expectancy (LE) and healthy life expectancy (HLE) for the ICB's districts and places against "
            "England, over time, and the inequality in life expectancy *within* each district (the published SII: the "
            "gap in years between its most and least deprived ends). **No ICB-wide value is published**; none is "
            "estimated here."
        )
        le_left, le_right = st.columns(2)
        with le_left:
            le_id = st.selectbox(
                "Measure",
                ["le_male", "le_female", "hle_male", "hle_female", "sii_le_male", "sii_le_female"],
                format_func=_name,
                key="ineq_le_indicator",
            )
        with le_right:
            le_level = st.radio(
                "Areas",
                ["district", "place"],
                horizontal=True,
                key="ineq_le_level",
                format_func={"district": "Districts and unitary authorities", "place": "Places"}.get,
            )
        le = _published(icb, le_id, le_level)
        le_indicator = indicators.get(le_id)
        if le.series[~le.series["is_england"]].empty:
            st.info(
                f"**No open data** for {le_indicator.name.lower()} at {le_level} level for this ICB. "
                f"{le_indicator.notes}",
                icon=":material/block:",
            )
        else:
            chart = charts_trends.trend_chart(
                le.series, f"{le_indicator.name}: {geography.LEVEL_PLURALS[le_level]} and England", le_indicator.unit
            )
            components.chart(chart, f"{le_id}_{le_level}_trend", key="ineq_le_trend_png")
            st.caption("Recent trend: trend test not applicable: no counts (published values only).")
            if le.best_worst:
                bw = le.best_worst
                words = ("best", "worst") if bw["judged"] else ("highest", "lowest")
                st.markdown(
                    f"**Gap between the {words[0]} and {words[1]} areas, {period_label(bw['period'])}:** {bw['gap']} "
                    f"{le_indicator.unit} ({bw['best_area']} {bw['best_value']} vs {bw['worst_area']} "
                    f"{bw['worst_value']}; {bw['areas']} areas with a value)."
                )
            if le.missing:
                st.warning(
                    f"**No open data** for: {', '.join(le.missing)}. {le_indicator.notes}", icon=":material/block:"
                )
            latest = le.latest[le.latest["value"].notna()]
            if not latest.empty:
                period = latest["period"].iloc[0]
                bars = charts.comparison_bars(
                    latest,
                    f"{le_indicator.name}, {period_label(period)}",
                    le_indicator.unit,
                    latest["england_value"].iloc[0],
                    decimals=le_indicator.decimals,
                )
                components.chart(bars, f"{le_id}_{le_level}_{period}", key="ineq_le_bars_png")
                dropped.caption(icb, le_id, le.latest)
                if not le_indicator.has_ci:
                    st.caption(
                        f":material/block: No interval is shown: {le_indicator.no_ci_reason}. Colours follow "
                        "OHID's own comparison where our extract has it (labelled 'OHID comparison' in the "
                        "place profile and the spine chart)."
                    )
                components.method_popover(
                    le_indicator, period, confidence_text if le_indicator.has_ci else "", key="ineq_le_method"
                )
                components.download_table(period_style.table(le.latest), f"{le_id}_{le_level}", key="ineq_le_csv")

# ------------------------------------------------------------------------------------------------ smoking
with smoking_tab:
    if smoking_tab.open:  # lazy tab: only the open tab runs
        st.markdown(
            "Adult smoking and smoking among routine and manual workers, by district against England. **No ICB value "
            "is published** for these survey estimates, and none is invented here: compare each district with England."
        )
        smoke_id = st.radio(
            "Measure",
            ["smoking_adults", "smoking_routine_manual", "cigarette_smokers_5yr"],
            format_func=_name,
            key="ineq_smoking_indicator",
            horizontal=True,
        )
        smoking = _published(icb, smoke_id, "district")
        smoke_indicator = indicators.get(smoke_id)
        st.caption(
            f"{smoke_indicator.name}: {smoke_indicator.differs}"
            + (
                "."
                if smoke_indicator.headline
                else f", unlike the headline {indicators.get(topics.headline_id(smoke_indicator.topic)).name}."
            )
        )
        chart = charts_trends.trend_chart(smoking.series, f"{smoke_indicator.name}: districts and England", "%")
        components.chart(chart, f"{smoke_id}_trend", key="ineq_smoking_trend_png")
        st.caption("Recent trend: trend test not applicable: no counts (Annual Population Survey estimates only).")
        latest = smoking.latest[smoking.latest["value"].notna()]
        if not latest.empty:
            period = latest["period"].iloc[0]
            england = latest["england_value"].iloc[0]
            above = int((latest["value"] > england).sum())
            components.chart(
                charts.comparison_bars(
                    latest,
                    f"{smoke_indicator.name}, {period_label(period)}",
                    "%",
                    england,
                    decimals=smoke_indicator.decimals,
                ),
                f"{smoke_id}_{period}",
                key="ineq_smoking_bars_png",
            )
            dropped.caption(icb, smoke_id, smoking.latest)
            claim = (
                ""
                if smoke_indicator.has_ci
                else f" No interval is held ({smoke_indicator.no_ci_reason}), so no district is called significantly "
                "different here; the bars' colours show OHID's own comparison where the extract carries it."
            )
            st.markdown(
                f"**{above} of {len(latest)}** districts with a value are above England's {england:.1f}% in "
                f"{period_label(period)}.{claim}"
            )
            components.method_popover(
                smoke_indicator, period, confidence_text if smoke_indicator.has_ci else "", key="ineq_smoking_method"
            )
            components.download_table(
                period_style.table(smoking.latest), f"{smoke_id}_districts", key="ineq_smoking_csv"
            )
        if smoking.missing:
            st.warning(f"**No open data** for: {', '.join(smoking.missing)}.", icon=":material/block:")

# ------------------------------------------------------------------------------------------------ spine chart
with spine_tab:
    if spine_tab.open:  # lazy tab: only the open tab runs
        districts = _areas(icb, "district")
        places = _areas(icb, "place")
        choices = {
            **dict(zip(places["area_code"], "Place: " + places["area_name"], strict=False)),
            **dict(zip(districts["area_code"], "District: " + districts["area_name"], strict=False)),
        }
        area_code = st.selectbox("Area", list(choices), format_func=choices.get, key="ineq_spine_area")
        spine_notes: list[str] = []
        url.seed(
            "ineq_comparator",
            list(similar_places.COMPARATORS),
            "england",
            "the comparator",
            spine_notes,
            similar_places.COMPARATOR_LABELS,
        )
        comparator = st.radio(
            "Compare with",
            list(similar_places.COMPARATORS),
            horizontal=True,
            key="ineq_comparator",
            format_func=similar_places.COMPARATOR_LABELS.get,
            help=similar_places.COMPARATOR_HELP,
        )
        url.sync("ineq_comparator", comparator, "england")
        compared = _spine(icb, area_code, confidence, comparator)
        for note in spine_notes + ([compared.note] if compared.note else []):
            st.info(note, icon=":material/info:")
        spine = compared.rows
        if spine.empty:
            st.info("No indicator has a value for this area.", icon=":material/block:")
        else:
            area_name = choices[area_code].split(": ", 1)[1]
            benchmark = similar_places.COMPARATOR_LABELS[compared.comparator]
            chart = charts.spine_chart(spine, area_name, benchmark)
            components.altair(chart, width="stretch")
            versus = f"vs {benchmark}"
            table = spine.assign(**{versus: spine["comparison"].map(charts.significance_label)}).rename(
                columns={"england_value": benchmark}
            )[
                [
                    "indicator",
                    "period",
                    "count",
                    "value",
                    "lowercl",
                    "uppercl",
                    benchmark,
                    "worst",
                    "best",
                    versus,
                    "comparison_basis",
                    "rank_all",
                    "rank_group",
                    "districts",
                    "range_label",
                ]
            ]
            table = period_style.table(table)
            components.table(table, labels=similar_places.RANK_LABELS)
            if not compared.peers.empty:
                st.caption(
                    f"{benchmark}: {similar_places.COMPARATOR_MEANING[compared.comparator]} Peers: "
                    + ", ".join(compared.peers["name"])
                    + "."
                )
            st.caption(
                "Ranks count by value among today's 296 English districts and unitary authorities with a value "
                "for the same period (and among the area and its peers); ties share the smaller rank (=). "
                "Lowest or highest says nothing of better or worse: see each indicator's polarity."
            )
            st.caption(
                "Range: all English districts and unitary authorities with a value in the same period. Worst/best "
                "follow each indicator's polarity; for indicators with no judgement they are lowest/highest. "
                "Comparison basis: an interval test where an interval exists; OHID's own comparison where the "
                "extract carries it (labelled); otherwise not compared, with the reason."
            )
            for note in topics.why_they_differ(spine["indicator_id"]):  # two series of one topic on the chart
                st.caption(f":material/info: {note}")
            spine_left, spine_right, spine_third = st.columns(3)
            with spine_left:
                components.method_popover(
                    indicators.get(spine["indicator_id"].iloc[0]),
                    "latest per indicator",
                    confidence_text,
                    source="see the Data and methods page for each indicator",
                    key="ineq_spine_method",
                )
            with spine_right:
                components.download_table(table, f"spine_{area_code}", key="ineq_spine_csv")
            with spine_third:
                components.download_chart(chart, f"spine_{area_code}", key="ineq_spine_png")
