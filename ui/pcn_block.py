"""A self-contained block listing the primary care networks (neighbourhoods) that serve an area, side by side.

Used by the place profile (one call, so the page's layout can change around it). PCNs have no boundaries: a table
and a caterpillar chart, never a map.
"""

from __future__ import annotations

import contextlib

import pandas as pd
import streamlit as st

from lsc_phm import indicators
from lsc_phm.domain import pcn
from lsc_phm.render import charts_pcn
from lsc_phm.render.formats import period_label
from lsc_phm.render.text import markdown_text
from ui import components, state

#: Most PCNs whose chart is drawn open; more (the whole ICB's) go in an expander under the table.
CHART_OPEN_UP_TO = 15


@st.cache_data(show_spinner=False, max_entries=64, ttl=state.CACHE_TTL)
def _area_pcns(icb_, area_code: str, indicator_id: str) -> pd.DataFrame:
    return pcn.area_pcns(state.database(), icb_, area_code, indicator_id)


@st.cache_data(show_spinner=False, max_entries=32)
def _sub_icbs(icb_, area_code: str) -> pd.DataFrame:
    return pcn.area_sub_icbs(state.database(), icb_, area_code)


@st.cache_data(show_spinner=False, max_entries=64, ttl=state.CACHE_TTL)
def _references(icb_, indicator_id: str, period: str) -> dict[str, float]:
    return pcn.reference_values(state.database(), icb_, indicator_id, period)


def _reference_caption(references: dict[str, float], unit: str) -> str:
    drawn = [
        f"{name} {value:.1f}{unit if unit == '%' else ' ' + unit}"
        for name, value in references.items()
        if value == value
    ]
    missing = [name for name, value in references.items() if value != value]
    return ("Dashed lines: " + ", ".join(drawn) + "." if drawn else "No reference line: ") + (
        f" No {' or '.join(missing)} value is held for this period, so no line for it." if missing else ""
    )


def area_pcns(icb, area_code: str, area_name: str, key: str = "pcn_block") -> None:
    """Show the PCNs serving ``area_code`` for a chosen QOF register, with their deprivation score and prevalence."""
    st.header("Neighbourhoods: primary care networks", divider="blue")
    st.caption(pcn.NO_BOUNDARY_NOTE)
    options = (
        [i.id for i in indicators.REGISTRY if i.id.startswith("qof_")] + list(pcn.PUBLISHED_IDS) + list(pcn.SUMMED_IDS)
    )
    indicator_id = st.selectbox(
        "Indicator",
        options,
        index=options.index("qof_hyp") if "qof_hyp" in options else 0,
        format_func=lambda i: indicators.get(i).name
        + (
            " (published by OHID)"
            if i in pcn.PUBLISHED_IDS
            else " (OHID practice counts, summed here)"
            if i in pcn.SUMMED_IDS
            else " (computed here from practices)"
        ),
        key=f"{key}_indicator",
        help="QOF registers are summed here from each PCN's practices; OHID publishes some indicators for PCNs "
        "itself (with its own 95% limits), for the PCNs it covers; GP-recorded smoking is published by OHID "
        "per practice and summed here into PCNs (Wilson interval).",
    )
    try:
        table = _area_pcns(icb, area_code, indicator_id)
    except ValueError as error:
        st.info(f"No PCN figures for this area: {markdown_text(error)}.", icon=":material/block:")
        return
    if table.empty:
        st.info("No primary care network has practices in this area's sub-ICB locations.", icon=":material/block:")
        return
    indicator = indicators.get(indicator_id)
    period = table["period"].iloc[0]
    period_text = period_label(period)  # shown; the raw label stays the key
    published = indicator_id in pcn.PUBLISHED_IDS
    summed = indicator_id in pcn.SUMMED_IDS
    if (published or summed) and table["value"].notna().sum() == 0:
        st.info(
            f"OHID publishes {indicator.name} for none of the {len(table)} PCNs serving "
            f"{markdown_text(area_name)} in the data held."
            if published
            else f"No PCN serving {markdown_text(area_name)} has {indicator.name} for every one of its "
            f"practices in {period_text}, so no PCN value is computed.",
            icon=":material/block:",
        )
        return
    sub_icbs = _sub_icbs(icb, area_code)
    partial = sub_icbs.loc[~sub_icbs["whole"], "sicbl_name"].tolist()
    st.markdown(
        f"**{len(table)} PCNs** serve {markdown_text(area_name)} (the PCNs of its sub-ICB locations: "
        f"{markdown_text(', '.join(sub_icbs['sicbl_name']))}). "
        + (
            f"{indicator.name}, {period_text}: **published by OHID** for "
            f"{int((table['value_source'] == pcn.PUBLISHED_LABEL).sum())} of them (OHID's values and 95% "
            "limits); the others have no OHID value in the data held."
            if published
            else f"{indicator.name}, {period_text}: **computed here** for "
            f"{int((table['value_source'] == pcn.SUMMED_LABEL).sum())} of them by summing the counts and "
            "denominators OHID publishes for each practice (Fingertips 91547), with a Wilson 95% CI; a PCN "
            "whose practices do not all have a value has none."
            if summed
            else f"QOF {period_text}; prevalence = register / list size summed over each PCN's practices (Wilson 95% "
            "CI; **computed here** from the published practice counts)."
        )
    )
    if partial:
        st.caption(
            f":material/info: {markdown_text(', '.join(partial))} lies only partly in "
            f"{markdown_text(area_name)}: its PCNs are all listed "
            "(practices have no neighbourhood in the data), so some serve neighbouring areas."
        )
    st.caption(pcn.SCORE_NOTE)
    view = table[
        [
            "pcn_code",
            "pcn_name",
            "sicbl_name",
            "practices",
            "list_size",
            "imd_score",
            "deprivation_rank",
            "value",
            "lowercl",
            "uppercl",
            "numerator",
            "comparison",
            "icb_comparison",
            "value_source",
            "sicbl_partly_in_area",
        ]
    ]
    components.table(
        view,
        f"pcns_{area_code}_{indicator_id}_{period}",
        export=table,
        key=f"{key}_csv",
        decimals=indicator.decimals,
        unit=indicator.unit,
        labels={
            **pcn.PCN_LABELS,
            "deprivation_rank": "Rank in ICB (1 = most deprived)",
            "value_source": "Whose value",
            "comparison": "vs England",
            "numerator": "Count" if published or summed else "Register",
            "sicbl_partly_in_area": "Sub-ICB partly in area",
        },
    )
    references = _references(icb, indicator_id, period)
    chart = charts_pcn.caterpillar(
        table, f"{indicator.name} by PCN, {area_name}, {period_text}", indicator.unit, references
    )
    st.caption(_reference_caption(references, indicator.unit))
    # a long caterpillar (the ICB's 45 PCNs) is folded away, so the page stays short; a few PCNs are drawn open
    with (
        st.expander(f"Chart: {indicator.name} by PCN ({len(table)} PCNs)", icon=":material/bar_chart:")
        if len(table) > CHART_OPEN_UP_TO
        else contextlib.nullcontext()
    ):
        components.chart(chart, f"pcns_{area_code}_{indicator_id}_caterpillar", key=f"{key}_png")
