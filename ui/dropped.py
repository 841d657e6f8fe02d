"""The line under a chart that names the areas it leaves out, with the reason (one helper for every page)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lsc_phm.domain import dropped_areas
from lsc_phm.domain.geography import Icb
from lsc_phm.render import formats
from lsc_phm.render.text import markdown_text
from ui import state


@st.cache_data(show_spinner=False, max_entries=64)
def note(icb: Icb, indicator_id: str, frame: pd.DataFrame, why: str = "") -> str:
    """The sentence for ``frame`` ("" when every area has a value); ``why`` is said once after it, where one reason
    covers them all (e.g. "HLE is published for upper-tier authorities only")."""
    dropped = dropped_areas.dropped_areas(state.database(), icb, indicator_id, frame)
    if dropped.empty:
        return ""
    text = formats.dropped_note(zip(dropped["area_name"], dropped["reason"], strict=True), frame["period"].iloc[0])
    return f"{text} {why.strip()}".strip() if why else text


def caption(icb: Icb, indicator_id: str, frame: pd.DataFrame, why: str = "") -> None:
    """Show :func:`note` under a chart, if any area is left out."""
    show(note(icb, indicator_id, frame, why))


def show(text: str) -> None:
    """Show a line naming the areas a chart leaves out (worded by a report), if any."""
    if text:
        st.caption(f":material/visibility_off: {markdown_text(text)}")
