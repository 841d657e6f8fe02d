"""The attention list, cached once per ICB, area and comparator for every page that shows it (What needs attention
and the Overview's summary), so opening one warms the other."""

from __future__ import annotations

import streamlit as st

from lsc_phm.domain.geography import Icb
from lsc_phm.views import attention
from lsc_phm.views.attention_comparators import comparator_for
from ui import state


@st.cache_data(show_spinner="Listing what needs attention...", max_entries=64, ttl=state.CACHE_TTL)  # area x comparator
def attention_list(icb: Icb, area_code: str, comparator_key: str) -> attention.AttentionList:
    """Every indicator held for ``area_code`` grouped against ``comparator_key`` ("england", a peer group or an area
    code, as :func:`lsc_phm.views.attention_comparators.comparator_for` accepts)."""
    comparator = comparator_for(state.database(), icb, comparator_key, area_code)
    return attention.attention(state.database(), icb, area_code, comparator)
