"""The attention list, cached once per ICB, area and comparator for every page that shows it (What needs attention
and the Overview's summary), so opening one warms the other."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lsc_phm.domain.geography import Icb
from lsc_phm.reports import briefing_attention
from lsc_phm.views import attention, attention_comparators
from lsc_phm.views.attention_comparators import choosable_areas, comparator_for
from ui import state


@st.cache_data(show_spinner="Listing what needs attention...", max_entries=64, ttl=state.CACHE_TTL)  # area x comparator
def attention_list(icb: Icb, area_code: str, comparator_key: str) -> attention.AttentionList:
    """Every indicator held for ``area_code`` grouped against ``comparator_key`` ("england", a peer group or an area
    code, as :func:`lsc_phm.views.attention_comparators.comparator_for` accepts)."""
    comparator = comparator_for(state.database(), icb, comparator_key, area_code)
    return attention.attention(state.database(), icb, area_code, comparator)


@st.cache_data(show_spinner=False, max_entries=8)  # one per ICB and vintage
def areas(icb: Icb) -> pd.DataFrame:
    """The areas an attention list can be made for (``area_code, area_name, level, label``)."""
    return choosable_areas(state.database(), icb)


def side_by_side(icb: Icb, level: str) -> tuple[pd.DataFrame, list[str]]:
    """Every area of ``level`` ("place" or "district") against England, side by side
    (:func:`lsc_phm.reports.briefing_attention.side_by_side`), and the names of the areas with no list."""
    chosen = areas(icb)
    chosen = chosen[chosen["level"] == level]
    tables, missing = {}, []
    # named as the attention page's menu names them, e.g. "Cumberland (part)"
    names = {
        code: str(label).split(": ", 1)[-1] for code, label in zip(chosen["area_code"], chosen["label"], strict=True)
    }
    for code, name in names.items():
        try:
            tables[code] = attention_list(icb, code, "england").table.assign(area_name=name)
        except ValueError:
            missing.append(name)
    return briefing_attention.side_by_side(tables), missing


@st.cache_data(show_spinner=False, max_entries=64)
def part_note(icb: Icb, area_code: str) -> str | None:
    """Which part of an authority the area's figures describe, if it is only partly in the ICB
    (:func:`lsc_phm.views.attention_comparators.part_note`)."""
    return attention_comparators.part_note(state.database(), icb, area_code)
