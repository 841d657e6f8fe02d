"""Reusable widgets: downloads that keep suppression and metadata, and the "How was this calculated?" popover."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lsc_phm import exports, indicators


def download_table(frame: pd.DataFrame, file_stem: str, label: str = "Download CSV", key: str | None = None) -> None:
    """A CSV download of exactly ``frame`` (already suppressed and rounded), safe to open in a spreadsheet."""
    st.download_button(
        label,
        data=exports.to_csv_bytes(frame),
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        key=key or f"download_{file_stem}",
        on_click="ignore",
        icon=":material/download:",
    )


def method_popover(indicator: indicators.Indicator, period: str, confidence: str, benchmark: str = "England",
                   suppression: str = "", source: str = "", key: str | None = None) -> None:
    """A popover saying how a figure was calculated: method, confidence, benchmark rule, suppression, source."""
    with st.popover("How was this calculated?", icon=":material/info:", key=key):
        st.markdown(f"**{indicator.name}** ({indicator.unit}), period **{period}**")
        st.markdown(indicator.definition)
        ci = {"wilson": "Wilson score confidence interval, computed from the count and denominator.",
              "published": "95% confidence interval as published by the source.",
              "none": "The source publishes no confidence interval, so no significance test is made."}[indicator.ci_method]
        st.markdown(f"- **Interval:** {ci}" + (f" Level: {confidence}." if confidence else ""))
        if indicator.has_ci:
            st.markdown(
                f"- **Benchmark:** compared with {benchmark} by the Fingertips rule: *better/worse* (or *higher/lower*) "
                f"only when {benchmark}'s value lies outside the area's interval."
            )
        st.markdown(f"- **Polarity:** {indicator.polarity.replace('_', ' ')}.")
        st.markdown(f"- **Disclosure control:** {suppression or 'counts below 10 are suppressed with their values.'}")
        if indicator.notes:
            st.markdown(f"- **Notes:** {indicator.notes}")
        st.caption(f"Source: {source or ', '.join(indicator.sources)}")


def source_caption(text: str) -> None:
    """A small caption naming a figure's source and period."""
    st.caption(f":material/description: {text}")


def download_chart(chart, file_stem: str, label: str = "Download PNG", key: str | None = None) -> None:
    """A PNG download of an Altair chart, rendered without a browser (vl-convert)."""
    from lsc_phm import render

    try:
        png = render.chart_png(chart)
    except Exception as error:  # noqa: BLE001 - a chart that cannot render must not break the page
        st.caption(f"PNG export unavailable for this chart ({error.__class__.__name__}).")
        return
    st.download_button(label, data=png, file_name=f"{file_stem}.png", mime="image/png",
                       key=key or f"png_{file_stem}", on_click="ignore", icon=":material/image:")
