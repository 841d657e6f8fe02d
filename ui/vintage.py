"""The IMD vintage switch: the sidebar radio, and a compact copy at the top of every page for when the sidebar is
closed (it starts closed below 1024 px, see :mod:`ui.frame`).

Both controls stand for one value, ``st.session_state["imd_vintage"]`` (bound to the ``imd_vintage`` query
parameter by the sidebar radio). The compact copy keeps its own widget key, because Streamlit allows one widget per
key: it is set from the shared value before it is drawn on every run, and writes its choice back to the shared value
in its change callback, before the sidebar radio is drawn, so the two can never show different vintages.
"""

from __future__ import annotations

import streamlit as st

from lsc_phm import config
from ui import state

#: Widget key of the compact copy (the shared value is :data:`ui.state.VINTAGE_KEY`).
COMPACT_KEY = "imd_vintage_compact"
HELP = "IMD 2019 uses 2011 LSOAs and 2019 wards; IMD 2025 uses 2021 LSOAs and 2024 wards."
#: The compact copy is hidden while the sidebar (which holds the radio) is open; shown whenever it is closed.
_COMPACT_CSS = """
<style>
body:has([data-testid="stSidebar"][data-collapsed="false"]) .st-key-imd_vintage_compact_box { display: none; }
.st-key-imd_vintage_compact_box [data-testid="stWidgetLabel"] { margin-bottom: 0; }
</style>
"""


def sidebar_switch() -> None:
    """The sidebar radio, bound to the ``imd_vintage`` query parameter (IMD 2025 by default)."""
    st.radio(
        "IMD vintage",
        config.IMD_VINTAGES,
        index=config.IMD_VINTAGES.index(config.DEFAULT_IMD_VINTAGE),
        key=state.VINTAGE_KEY,
        horizontal=True,
        bind="query-params",
        help=HELP,
    )


def _from_compact() -> None:
    chosen = st.session_state.get(COMPACT_KEY)
    if chosen in config.IMD_VINTAGES:
        st.session_state[state.VINTAGE_KEY] = chosen


def compact_switch() -> None:
    """A one-line copy of the switch at the top of the page body, shown while the sidebar is closed.

    Drawn before the sidebar radio's value is read by the page, from the shared value (so a change in the sidebar
    or the URL shows here too).
    """
    st.html(_COMPACT_CSS)
    st.session_state[COMPACT_KEY] = state.current_vintage()
    with st.container(key="imd_vintage_compact_box"):
        st.radio(
            "IMD vintage (also in the sidebar)",
            config.IMD_VINTAGES,
            key=COMPACT_KEY,
            horizontal=True,
            on_change=_from_compact,
            help=HELP,
        )
