"""The Core20PLUS5 page's sections that draw charts on request: SMI physical health checks, childhood vaccination,
hypertension control by deprivation, and one card per clinical area.

Each section is one call, made only while its expander is open (the page stays short and a switch to its tab stays
quick); the numbers come from :mod:`lsc_phm.views.core20plus5`, cached here once per ICB, vintage and level.
"""

from __future__ import annotations

import streamlit as st

from lsc_phm import indicators
from lsc_phm.domain import benchmarking, geography
from lsc_phm.domain import core20plus5 as registry
from lsc_phm.render import charts_inequalities as charts
from lsc_phm.render import charts_trends, grid
from lsc_phm.render.text import markdown_text
from lsc_phm.views import core20plus5, core20plus5_delivery, inequalities, inequality_series
from ui import components, dropped, state


# ------------------------------------------------------------------------------------------------ cached page data
@st.cache_data(show_spinner=False, max_entries=256, ttl=state.CACHE_TTL)
def _latest(icb_, indicator_id, level, conf):
    return core20plus5.latest_values(
        state.database(), icb_, indicator_id, level, conf, available=state.availability(icb_)[indicator_id]
    )


@st.cache_data(show_spinner=False, max_entries=256, ttl=state.CACHE_TTL)
def _series(icb_, indicator_id, level):
    if level == "sicbl":
        # the ICB and England only: the sub-ICB lines are in the bar chart beside it
        frame = state.indicator_series(icb_, indicator_id, (icb_.code, "E92000001"))
        names = {icb_.code: f"ICB ({icb_.ods_code})", "E92000001": "England"}
        frame = frame.assign(area_name=frame["area_code"].map(names), is_england=frame["area_code"] == "E92000001")
        return benchmarking.series_comparison(frame, indicators.get(indicator_id))
    return inequality_series.published_series(state.database(), icb_, indicator_id, level, with_latest=False).series


@st.cache_data(show_spinner="Grouping by deprivation...", max_entries=64, ttl=state.CACHE_TTL)
def _gradient(icb_, indicator_id, unit, framing, groups, conf):
    return inequalities.gradient(state.database(), icb_, indicator_id, unit, framing, groups, None, "", conf)


# Charts are made once per ICB, vintage and confidence level and kept ready to show (ui.components.PreparedChart).
@st.cache_data(show_spinner=False, max_entries=256, ttl=state.CACHE_TTL)
def _clinical_bars(icb_, indicator_id, level, conf) -> components.PreparedChart | None:
    latest = _latest(icb_, indicator_id, level, conf)
    present = latest[latest["value"].notna()]
    if present.empty:
        return None
    indicator = indicators.get(indicator_id)
    target = registry.CANCER_STAGE_AMBITION if indicator_id == "cancer_stage_1_2" else None
    labels = [grid.area_label(c, n) for c, n in zip(present["area_code"], present["area_name"], strict=True)]
    plot = present.assign(area_name=labels)
    return components.prepare(
        charts.comparison_bars(
            plot,
            f"{indicator.name}, {present['period'].iloc[0]}",
            indicator.unit,
            present["england_value"].iloc[0],
            target=target,
            target_label="NHS ambition 75%",
            decimals=indicator.decimals,
        )
    )


@st.cache_data(show_spinner=False, max_entries=256, ttl=state.CACHE_TTL)
def _clinical_trend(icb_, indicator_id, level) -> tuple[components.PreparedChart, str] | None:
    """The trend chart and the ICB's (else England's) recent-trend marker; None with fewer than two periods."""
    series = _series(icb_, indicator_id, level)
    if series["period"].nunique() <= 1:
        return None
    indicator = indicators.get(indicator_id)
    icb_series = series[series["area_code"] == icb_.code]
    marker = benchmarking.recent_trend(icb_series if not icb_series.empty else series[series["is_england"]], indicator)
    return components.prepare(charts_trends.trend_chart(series, f"{indicator.name} over time", indicator.unit)), marker


@st.cache_data(show_spinner="Summing the SMI health checks...", max_entries=8)
def _smi(icb_, conf):
    return core20plus5_delivery.smi_health_checks(state.database(), icb_, conf)


@st.cache_data(show_spinner=False, max_entries=8)
def _vaccination(icb_, conf):
    return core20plus5_delivery.vaccination(state.database(), icb_, conf), core20plus5_delivery.utla_areas(
        state.database(), icb_
    )


@st.cache_data(show_spinner="Computing England's inequality...", max_entries=8)
def _hypertension(icb_, conf):
    return core20plus5_delivery.hypertension_by_deprivation(state.database(), icb_, conf)


def _level_of(icb, indicator_id: str) -> str:
    """The level an area card draws: sub-ICB locations for QOF and SMI checks, else places, else sub-ICB locations
    where only they have values (e.g. breast screening)."""
    if indicator_id.startswith("qof_") or indicator_id == core20plus5_delivery.SMI_INDICATOR:
        return "sicbl"
    levels = state.availability(icb)[indicator_id].levels
    return "sicbl" if "place" not in levels and "sicbl" in levels else "place"


# ------------------------------------------------------------------------------------------------ sections
def smi_section(icb, confidence: float, confidence_text: str) -> None:
    """SMI physical health checks: the ICB against England, by place and sub-ICB, the quarterly trend, caveats."""
    indicator = indicators.get(core20plus5_delivery.SMI_INDICATOR)
    try:
        smi = _smi(icb, confidence)
    except ValueError as error:
        st.info(f"No SMI health-check values: {error}.", icon=":material/block:")
        return
    icb_row = smi.by_level[smi.by_level["area_code"] == icb.code]
    if not icb_row.empty:
        row = icb_row.iloc[0]
        st.markdown(
            f"**ICB, {smi.period} (12 months to the quarter's end):** {row['value']:.1f}% of people on the SMI "
            f"register had all six checks ({row['numerator']:,.0f} of {row['denominator']:,.0f}; {confidence_text} CI "
            f"{row['lowercl']:.1f} to {row['uppercl']:.1f}), against England's {row['england_value']:.1f}%: "
            f"**{palette_label(row['comparison'])}** (Wilson interval computed here from counts). Recent trend "
            f"(ICB): {smi.recent_trend}."
        )
    plot = smi.by_level[smi.by_level["value"].notna()].assign(
        area_name=lambda f: [
            f"{lv}: {grid.area_label(c, n)}" if lv != "ICB" else "ICB"
            for lv, c, n in zip(f["level"], f["area_code"], f["area_name"], strict=True)
        ]
    )
    left, right = st.columns([3, 2])
    with left:
        components.chart(
            charts.comparison_bars(
                plot,
                f"{indicator.name}, {smi.period}",
                indicator.unit,
                plot["england_value"].iloc[0],
                decimals=indicator.decimals,
            ),
            f"smi_health_checks_{smi.period}",
            key="c20_smi_bars_png",
        )
    with right:
        components.chart(
            charts_trends.trend_chart(smi.trend, f"{indicator.name}: every quarter", indicator.unit),
            "smi_health_checks_trend",
            key="c20_smi_trend_png",
        )
    missing = smi.by_level.loc[smi.by_level["value"].isna(), "area_name"].tolist()
    if missing:
        st.caption(f"No place value for {markdown_text(', '.join(missing))}: {core20plus5.BLANK_NOT_NESTED}.")
    st.caption(" ".join(core20plus5_delivery.SMI_CAVEATS))
    components.table(
        smi.by_level,
        f"smi_health_checks_{smi.period}",
        key="c20_smi_csv",
        decimals=1,
        unit="%",
        columns=[
            "level",
            "area_name",
            "period",
            "value",
            "lowercl",
            "uppercl",
            "numerator",
            "denominator",
            "england_value",
            "comparison",
            "value_note",
        ],
    )
    components.method_popover(indicator, smi.period, confidence_text, key="c20_smi_method")


def palette_label(comparison: str) -> str:
    """A comparison with England in words ("worse than England"), or "not compared"."""
    words = {
        "Better": "better than England",
        "Worse": "worse than England",
        "Similar": "not significantly different from England",
    }
    return words.get(str(comparison), "not compared with England")


def vaccination_section(icb, confidence: float, confidence_text: str) -> None:
    """Childhood vaccination by upper-tier authority against England and the 95% target."""
    table, authorities = _vaccination(icb, confidence)
    if table.empty or table["value"].isna().all():
        st.info("No COVER vaccination values for this ICB's upper-tier authorities.", icon=":material/block:")
        return
    st.markdown(
        f"UKHSA COVER, **{table['period'].dropna().iloc[0]}**, by upper-tier local authority, with Wilson "
        f"{confidence_text} intervals computed here from the published counts. Dashed line: England; dotted line: "
        f"the **{indicators.VACCINATION_TARGET:.0f}% target** ({core20plus5_delivery.VACCINATION_TARGET_SOURCE}). "
        "Childhood vaccination is a theme of its own here: the programme does not name it among the five children's "
        "areas."
    )
    for indicator_id, part in table.groupby("indicator_id", sort=False):
        indicator = indicators.get(indicator_id)
        components.chart(
            charts.comparison_bars(
                part,
                f"{indicator.name}, {part['period'].iloc[0]}",
                indicator.unit,
                part["england_value"].iloc[0],
                target=indicators.VACCINATION_TARGET,
                target_label="95% target",
                decimals=indicator.decimals,
            ),
            f"{indicator_id}_utla",
            key=f"c20_vacc_{indicator_id}_png",
        )
    partial = authorities[authorities["value_note"].notna()]
    for _, row in partial.iterrows():
        name = markdown_text(row["area_name"])
        st.caption(
            f"**{name}**: {row['value_note']}. It is not South Cumbria's figure."
            if "Cumbria" in str(row["area_name"])
            else f"**{name}**: {row['value_note']}."
        )
    components.table(
        table,
        "childhood_vaccination_utla",
        key="c20_vacc_csv",
        decimals=1,
        unit="%",
        columns=[
            "indicator",
            "area_name",
            "period",
            "value",
            "lowercl",
            "uppercl",
            "numerator",
            "denominator",
            "england_value",
            "comparison",
            "target",
            "target_comparison",
        ],
    )
    components.method_popover(
        indicators.get(table["indicator_id"].iloc[0]),
        table["period"].dropna().iloc[0],
        confidence_text,
        key="c20_vacc_method",
    )


def hypertension_section(icb, confidence: float, confidence_text: str) -> None:
    """CVDPREVENT's England gradient of hypertension treated to target beside the local register gradient."""
    result = _hypertension(icb, confidence)
    control, sii_row = result.england_control, result.england_inequality.iloc[0]
    st.markdown(
        '**Local "treated to target" figures are published by CVDPREVENT (practice, PCN, sub-ICB, ICB) and QOF '
        "(HYP008/HYP009, practice) but are not loaded here.** What is held: CVDPREVENT's England values by patient IMD "
        "quintile (national context) and the ICB's QOF hypertension register by practice deprivation (case-finding). "
        "They measure different things: the first is control among people already diagnosed, the second how many "
        "are diagnosed at all, so they are not compared."
    )
    left, right = st.columns(2)
    with left:
        period = str(control["period"].iloc[0])
        components.chart(
            charts.gradient_bars(
                control,
                f"England: hypertension treated to target (CVDP007HYP), {period}",
                "%",
                "Patient IMD quintile (England)",
            ),
            "cvdprevent_hypertension_control_england_quintiles",
            key="c20_hyp_england_png",
        )
        st.caption(
            f"England, by patient IMD quintile (1 = most deprived; patients with unknown deprivation excluded). "
            f"Slope index of inequality, most minus least deprived: **{sii_row['sii']:.2f} percentage points** "
            f"({confidence_text} CI {sii_row['sii_lowercl']:.2f} to {sii_row['sii_uppercl']:.2f}); relative index, "
            f"most over least deprived: {sii_row['rii']:.3f} ({sii_row['rii_lowercl']:.3f} to "
            f"{sii_row['rii_uppercl']:.3f}); computed here from the counts of the five quintiles (weighted regression, "
            f"simulated limits). Reliability check: 9 further simulations moved the SII limits by "
            f"{sii_row['sii_limit_mad']:.4f} points on average."
        )
    with right:
        if result.local is None:
            st.info(f"Local register by practice deprivation: {result.local_problem}.", icon=":material/block:")
        else:
            local = result.local
            components.chart(
                charts.gradient_bars(
                    local.table,
                    f"{icb.name}: QOF hypertension register, {local.period}",
                    "%",
                    "Practice deprivation fifth (local)",
                ),
                "qof_hyp_by_practice_deprivation",
                key="c20_hyp_local_png",
            )
            st.caption(local.description)
    components.table(
        result.england,
        "cvdprevent_england_by_imd_quintile",
        key="c20_hyp_csv",
        decimals=2,
        unit="%",
        columns=[
            "indicator_code",
            "indicator_name",
            "period",
            "quintile",
            "numerator",
            "denominator",
            "value",
            "lowercl",
            "uppercl",
        ],
    )


def area_card(icb, area: registry.ClinicalArea, confidence: float, confidence_text: str) -> None:
    """One clinical area: its status, its loaded indicators (charts, trend, gradient) and its adult proxies."""
    st.markdown(f"**Status: {area.status}.** {area.reading}")
    for measure in area.published:
        st.markdown(
            f"- Published, not loaded here: **{measure.measure}**: {measure.publisher}, by {measure.level} "
            f"([link]({measure.url}))"
        )
    if area.not_published:
        st.caption(f"No open data: {area.not_published}")
    for indicator_id, proxy in [(i, False) for i in area.indicator_ids] + [(i, True) for i in area.proxy_ids]:
        indicator = indicators.get(indicator_id)
        level = _level_of(icb, indicator_id)
        latest = _latest(icb, indicator_id, level, confidence)
        present = latest[latest["value"].notna()]
        label = f"{indicator.name}" + (f" ({registry.ADULT_PROXY})" if proxy else "")
        st.markdown(f"##### {label}")
        if present.empty:
            st.info(
                f"No values held for {indicator.name.lower()} at {geography.LEVEL_LABELS[level].lower()} level.",
                icon=":material/block:",
            )
            continue
        period = present["period"].iloc[0]
        chart_col, side_col = st.columns([3, 2])
        with chart_col:
            components.chart(
                _clinical_bars(icb, indicator_id, level, confidence),
                f"{indicator_id}_{level}_{period}",
                key=f"c20_area_{area.key}_{indicator_id}_png",
            )
            components.download_table(
                latest, f"{indicator_id}_{level}_{period}", key=f"c20_area_{area.key}_{indicator_id}_csv"
            )
            dropped.caption(icb, indicator_id, latest)
            if indicator_id == "cancer_stage_1_2":
                st.caption(
                    "Dotted line: the NHS Long Term Plan ambition of 75% diagnosed at stage 1 or 2 by 2028; "
                    "dashed line: England."
                )
        with side_col:
            if indicator_id.startswith("qof_"):
                try:
                    gradient = _gradient(icb, indicator_id, "practice", "local", 5, confidence)
                except inequalities.NoData as no_data:
                    st.caption(f"**By practice deprivation:** {no_data}.")
                else:
                    first, last = gradient.table.iloc[0], gradient.table.iloc[-1]
                    st.markdown(
                        f"**By practice deprivation ({gradient.period}):** most deprived fifth "
                        f"{first['value']:.2f}% vs least deprived fifth {last['value']:.2f}% (practices "
                        "grouped by published IMD 2025 score, weighted by list size)."
                    )
            trend = _clinical_trend(icb, indicator_id, level)
            if trend is not None:
                trend_chart, trend_marker = trend
                components.chart(trend_chart, f"{indicator_id}_trend", key=f"c20_trend_{area.key}_{indicator_id}_png")
                st.caption("Recent trend (ICB): " + trend_marker)
            components.method_popover(
                indicator,
                period,
                confidence_text if indicator.has_ci else "",
                key=f"c20_{area.key}_{indicator_id}_method",
            )
