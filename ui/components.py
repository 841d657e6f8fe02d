"""Reusable widgets: downloads that keep suppression and metadata, and the "How was this calculated?" popover."""

from __future__ import annotations

import contextlib

import pandas as pd
import streamlit as st

from lsc_phm import indicators
from lsc_phm.render import exports


def download_table(frame: pd.DataFrame, file_stem: str, label: str = "Download CSV", key: str | None = None) -> None:
    """A CSV download of exactly ``frame`` (already suppressed and rounded), safe to open in a spreadsheet."""
    def _csv() -> bytes:  # made on click, not on every rerun
        return exports.to_csv_bytes(frame)

    st.download_button(
        label,
        data=_csv,
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        key=key or f"download_{file_stem}",
        on_click="ignore",
        icon=":material/download:",
    )


def method_popover(indicator: indicators.Indicator, period: str, confidence: str, benchmark: str = "England",
                   suppression: str = "", source: str = "", key: str | None = None,
                   functions: tuple[str, ...] | None = None, calculation: str = "", benchmark_rule: str = "") -> None:
    """A popover saying how a figure was calculated: function, method, confidence, benchmark rule, suppression, source.

    Parameters
    ----------
    confidence : str
        The level actually used for the figures shown (e.g. "99.8%"), or "" when there is no interval.
    functions : tuple of str, optional
        The :mod:`lsc_phm.stats` functions that made the figures (named with their catalogue entry). By default
        ``wilson_ci`` for indicators whose interval is computed here, none for published intervals.
    calculation : str, optional
        A sentence on how those functions were used (e.g. which level their inputs were at).
    benchmark_rule : str, optional
        The comparison rule, when it is not the Fingertips single-interval rule (e.g. funnel limits).
    """
    from lsc_phm.stats import method_by_function

    if functions is None:
        functions = ("wilson_ci",) if indicator.ci_method == "wilson" else ()
    with st.popover("How was this calculated?", icon=":material/info:", key=key):
        st.markdown(f"**{indicator.name}** ({indicator.unit}), period **{period}**")
        st.markdown(indicator.definition)
        ci = {"wilson": "Wilson score confidence interval, computed from the count and denominator.",
              "published": "95% confidence interval as published by the source.",
              "none": "The source publishes no confidence interval, so no significance test is made."}[indicator.ci_method]
        st.markdown(f"- **Interval:** {ci}" + (f" Level used here: **{confidence}**." if confidence else ""))
        if functions:
            named = "; ".join(f"`lsc_phm.stats.{f}` ({method_by_function(f).name})" for f in functions)
            st.markdown(f"- **Calculated by:** {named}" + (f" at **{confidence}**" if confidence else "") + "."
                        + (f" {calculation}" if calculation else ""))
        if benchmark_rule:
            st.markdown(f"- **Benchmark:** {benchmark_rule}")
        elif indicator.has_ci:
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
    """A PNG download of an Altair chart, rendered without a browser (vl-convert) only when clicked.

    Nothing is serialised or rendered until the button is pressed (Streamlit calls the function then), so pages
    with many charts do not pay for their PNGs on every rerun.
    """
    from lsc_phm.render import images

    def _png() -> bytes:
        return images.chart_png(chart)

    st.download_button(label, data=_png, file_name=f"{file_stem}.png", mime="image/png",
                       key=key or f"png_{file_stem}", on_click="ignore", icon=":material/image:")


def download_png(make_png, file_stem: str, label: str = "Download PNG", key: str | None = None) -> None:
    """A PNG download whose bytes ``make_png()`` produces only when clicked (e.g. a static map)."""
    st.download_button(label, data=lambda: make_png() or b"", file_name=f"{file_stem}.png", mime="image/png",
                       key=key or f"png_{file_stem}", on_click="ignore", icon=":material/image:")


def chart(chart_, file_stem: str, *, key: str | None = None, width: str = "stretch") -> None:
    """Show an Altair chart with its PNG download beneath it (every chart in the app is downloadable)."""
    altair(chart_, width=width)
    download_chart(chart_, file_stem, key=key)


def altair(chart_, *, width: str = "stretch", height: int | str = "content") -> None:
    """Show an Altair chart as ``st.altair_chart`` does, without validating its spec against the schema again.

    ``st.altair_chart`` calls ``chart.to_dict()``, which validates the whole Vega-Lite spec with jsonschema on every
    rerun (several times the cost of building the spec). The charts are built by :mod:`lsc_phm.render`, whose tests
    validate them (and the PNG download validates through vl-convert), so the page converts them without
    validation, the same way Streamlit does otherwise: data as Arrow datasets, Altair's default theme off.
    """
    st.vega_lite_chart(spec=vega_lite_spec(chart_), width=width, height=height)


def vega_lite_spec(chart_) -> dict:
    """The Vega-Lite dict Streamlit would send for ``chart_`` (datasets as Arrow bytes), built with ``validate=False``."""
    import altair as alt
    from streamlit.elements import vega_charts

    datasets: dict = {}
    alt.data_transformers.register("to_arrow_dataset", vega_charts._to_arrow_dataset)
    # theme and data transformer are process-wide: hold Streamlit's own lock, as st.altair_chart does
    with vega_charts._altair_globals_lock:
        theme = alt.theme.enable("none") if alt.theme.active == "default" else contextlib.nullcontext()
        with theme, alt.data_transformers.enable("to_arrow_dataset", datasets=datasets):
            spec = chart_.to_dict(validate=False)
    existing = spec.get("datasets")
    spec["datasets"] = {**existing, **datasets} if isinstance(existing, dict) else datasets
    return spec


def table(frame, file_stem: str, *, export: pd.DataFrame | None = None, key: str | None = None, **dataframe_kwargs) -> None:
    """Show a table with its CSV download (``export`` if the shown object is a Styler or a narrowed view)."""
    dataframe_kwargs.setdefault("hide_index", True)
    st.dataframe(frame, **dataframe_kwargs)
    download_table(export if export is not None else frame, file_stem, key=key)
