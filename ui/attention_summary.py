"""The Overview's "What needs attention": the ICB's summary against England, and its places or districts side by
side on request (the figures and words from :mod:`lsc_phm.reports.briefing_attention`)."""

from __future__ import annotations

import streamlit as st

from lsc_phm.domain import indicator_data
from lsc_phm.domain.geography import Icb
from lsc_phm.render.text import markdown_text
from lsc_phm.reports import briefing_attention
from lsc_phm.reports.briefing_attention import SHORT_GROUPS
from ui import attention_data, components, state


def icb_summary(icb: Icb) -> None:
    """The ICB's counts by group against England, its first three messages and their sources."""
    try:
        found = attention_data.attention_list(icb, icb.code, "england")
    except ValueError as error:
        st.info(f"No attention list for the ICB: {markdown_text(str(error))}.", icon=":material/info:")
        return
    summary = briefing_attention.summary(
        found.table, "the ICB", lambda indicator_id: indicator_data.source_text(state.database(), indicator_id)
    )
    st.markdown(f"**{markdown_text(icb.name)}.** {summary.counts}")
    if summary.note:
        st.markdown("\n".join(f"1. {markdown_text(message)}" for message in summary.messages))
        st.caption(markdown_text(summary.note))
    else:
        st.markdown(markdown_text(summary.messages[0]))


def side_by_side(icb: Icb) -> None:
    """A toggle that puts the ICB's places or districts side by side, each linked to its own attention list."""
    if not st.toggle("Compare the places or districts side by side", key="overview_side_by_side"):
        return
    level = st.radio(
        "Areas",
        ["place", "district"],
        format_func=lambda x: f"{x.title()}s",
        horizontal=True,
        key="overview_side_by_side_level",
    )
    with st.spinner("Listing what needs attention in each area..."):
        compared, missing = attention_data.side_by_side(icb, level)
    if not compared.empty:
        shown = compared.rename(columns={"area_name": level.title(), **SHORT_GROUPS})
        shown.insert(len(shown.columns) - 1, "Open", "./attention?attention_area=" + compared["area_code"])
        components.table(
            shown.drop(columns="area_code").rename(columns={"first_message": "Leads the briefing"}),
            f"attention_side_by_side_{level}",
            export=compared,
            key=f"overview_side_by_side_{level}",
            column_config={
                "Open": st.column_config.LinkColumn("Open", display_text="Its list", width="small"),
                **{short: st.column_config.NumberColumn(short, format="%d") for short in SHORT_GROUPS.values()},
            },
        )
    st.caption(
        briefing_attention.side_by_side_note(level)
        + (f" No list for: {markdown_text(', '.join(missing))}." if missing else "")
    )
