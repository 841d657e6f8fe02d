"""A self-contained block: an area against England and similar places, with its ranks, and its Core20 movers.

Used by the place profile (one call, so the page's layout can change around it).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lsc_phm.domain import core20_movers, similar
from lsc_phm.render.text import markdown_text
from lsc_phm.views import similar_places
from ui import components, state

HEADLINE_LABELS = {
    "england_value": "England",
    "vs_england": "vs England",
    "decile_value": "Deprivation-decile peers",
    "vs_decile": "vs decile peers",
    "rank_decile": "Rank in decile",
    "neighbours_value": "15 nearest neighbours",
    "vs_neighbours": "vs neighbours",
    "rank_neighbours": "Rank among similar areas",
    "rank_all": "Rank among English authorities",
    "england_basis": "How compared with England",
}


@st.cache_data(show_spinner=False, max_entries=1)
def _current() -> frozenset[str]:
    return similar_places.current_authorities(state.database())


@st.cache_data(show_spinner=False, max_entries=64, ttl=state.CACHE_TTL)
def _headline(icb_, area_code: str) -> pd.DataFrame:
    return similar_places.headline_comparison(state.database(), icb_, area_code)


@st.cache_data(show_spinner=False, max_entries=64, ttl=state.CACHE_TTL)
def _neighbours(area_code: str) -> pd.DataFrame:
    return similar.nearest_neighbours(state.database(), area_code)


@st.cache_data(show_spinner=False, max_entries=64, ttl=state.CACHE_TTL)
def _movers(icb_, area_code: str):
    return core20_movers.area_movers(state.database(), icb_, area_code)


def area_similar_places(icb, area_code: str, area_name: str) -> None:
    """Show the area against England, its deprivation-decile peers and its nearest neighbours, and its movers."""
    st.header("Against similar places", divider="blue")
    note = similar_places.comparator_availability(area_code, _current())
    headline = _headline(icb, area_code)
    if note:
        st.info(note, icon=":material/info:")
    if headline.empty:
        st.info(f"No headline indicator has a value for {markdown_text(area_name)}.", icon=":material/block:")
    else:
        shown = [
            c
            for c in headline.columns
            if c not in ("indicator_id", "polarity") and not (note and ("decile" in c or "neighbours" in c))
        ]
        # the indicator_id stays in the frame (not shown) so that each row is written to its indicator's decimals
        components.table(
            headline,
            f"similar_places_{area_code}",
            export=headline[shown],
            key="similar_places_csv",
            labels=HEADLINE_LABELS,
            columns=shown,
        )
    if not note:
        st.caption(
            f"{similar_places.COMPARATOR_MEANING['neighbours']} {markdown_text(area_name)}'s: "
            + markdown_text(", ".join(_neighbours(area_code)["name"]))
            + ". "
            + similar_places.COMPARATOR_MEANING["decile"]
        )
    movers = _movers(icb, area_code) if icb.imd_vintage == 2025 else None
    st.subheader("Core20 movers: IMD 2019 to IMD 2025")
    if movers is None:
        st.info(
            "Movers are given for places, districts and wards in the IMD 2025 geography"
            + (" (choose IMD 2025 in the sidebar)" if icb.imd_vintage != 2025 else "")
            + "; the Core20PLUS5 page lists them for every place, district and ward.",
            icon=":material/info:",
        )
        return
    st.markdown(
        f"**{movers['entered_unchanged_lsoas']}** unchanged neighbourhoods (LSOAs) entered the most deprived "
        f"20% (**{movers['entered_unchanged_residents']:,}** residents) and "
        f"**{movers['left_unchanged_lsoas']}** left it (**{movers['left_unchanged_residents']:,}**); of "
        f"LSOAs whose boundaries changed, **{movers['entered_changed_lsoas']}** entered "
        f"({movers['entered_changed_residents']:,}) and **{movers['left_changed_lsoas']}** left "
        f"({movers['left_changed_residents']:,}); **{movers['not_classified_lsoas']}** could not be "
        "classified."
    )
    st.caption(core20_movers.MOVERS_CAVEAT + " " + core20_movers.BOUNDARY_RULE)
