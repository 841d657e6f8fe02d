"""Reusable widgets: downloads that keep suppression and metadata, and the "How was this calculated?" popover."""

from __future__ import annotations

import contextlib
import dataclasses
from typing import Any

import pandas as pd
import streamlit as st

from lsc_phm import indicators
from lsc_phm.domain.indicator_data import COMPARISON_RULE
from lsc_phm.render import exports, grid, tables
from lsc_phm.render.formats import periods_in_text
from lsc_phm.render.text import markdown_text


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


def method_popover(
    indicator: indicators.Indicator,
    period: str,
    confidence: str,
    benchmark: str = "England",
    suppression: str = "",
    source: str = "",
    key: str | None = None,
    functions: tuple[str, ...] | None = None,
    calculation: str = "",
    benchmark_rule: str = "",
    on_request: bool = False,
) -> None:
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
    on_request : bool, default False
        Write the popover's contents only while it is open (opening it reruns the page or fragment; needs ``key``),
        so a page that reruns often does not send them on every run.
    """
    from lsc_phm.stats import method_by_function

    if functions is None:
        functions = ("wilson_ci",) if indicator.ci_method == "wilson" else ()
    with st.popover(
        "How was this calculated?", icon=":material/info:", key=key, on_change="rerun" if on_request else "ignore"
    ) as box:
        if on_request and not box.open:
            return
        st.markdown(f"**{indicator.name}** ({indicator.unit}), period **{periods_in_text(str(period))}**")
        st.markdown(indicator.definition)
        ci = {
            "wilson": "Wilson score confidence interval, computed here from the count and denominator.",
            "published": "95% confidence interval as published by the source (at 99.8%, recomputed here from the "
            "counts where the publisher uses Wilson limits; otherwise not compared).",
            "none": f"No interval is held: {indicator.no_ci_reason}.",
        }[indicator.ci_method]
        st.markdown(f"- **Interval:** {ci}" + (f" Level used here: **{confidence}**." if confidence else ""))
        if functions:
            named = "; ".join(f"`lsc_phm.stats.{f}` ({method_by_function(f).name})" for f in functions)
            st.markdown(
                f"- **Calculated by:** {named}"
                + (f" at **{confidence}**" if confidence else "")
                + "."
                + (f" {calculation}" if calculation else "")
            )
        if benchmark_rule:
            st.markdown(f"- **Benchmark:** {benchmark_rule}")
        elif indicator.has_ci:
            st.markdown(
                f"- **Benchmark:** compared with {benchmark} by the Fingertips rule: *better/worse* (or "
                f"*higher/lower*) only when {benchmark}'s value lies outside the area's interval."
            )
        elif indicator.publisher_comparison:
            st.markdown(
                "- **Benchmark:** OHID's own comparison with England is shown at the level OHID made it, "
                "labelled *OHID comparison* with that level (e.g. *OHID comparison, 99.8%*)."
            )
        st.markdown(f"- **Comparison rule:** {COMPARISON_RULE}")
        st.markdown(
            f"- **Standardisation:** {indicator.standardisation}"
            + (
                "; a crude figure: populations with different age structures are not directly comparable."
                if indicator.is_crude
                else "."
            )
        )
        st.markdown(f"- **Polarity:** {indicator.polarity.replace('_', ' ')}.")
        st.markdown(f"- **Disclosure control:** {suppression or 'counts below 10 are suppressed with their values.'}")
        if indicator.notes:
            st.markdown(f"- **Notes:** {indicator.notes}")
        st.caption(f"Source: {periods_in_text(source or ', '.join(indicator.sources))}")
        releases = _release_note(indicator.sources)
        if releases:
            st.caption(f"Release: {releases}")


def _release_note(dataset_keys: tuple[str, ...]) -> str:
    """Which release of each source the figure comes from ("" if the database cannot say)."""
    from lsc_phm.store.datasets import BuildError
    from lsc_phm.store.db import DatabaseError
    from lsc_phm.views import catalogue
    from ui import state

    try:
        return catalogue.release_note(state.database(), tuple(dataset_keys))
    except (BuildError, DatabaseError, KeyError):  # the page itself reports a database that cannot be read
        return ""


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

    st.download_button(
        label,
        data=_png,
        file_name=f"{file_stem}.png",
        mime="image/png",
        key=key or f"png_{file_stem}",
        on_click="ignore",
        icon=":material/image:",
    )


def download_png(make_png, file_stem: str, label: str = "Download PNG", key: str | None = None) -> None:
    """A PNG download whose bytes ``make_png()`` produces only when clicked (e.g. a static map)."""
    st.download_button(
        label,
        data=lambda: make_png() or b"",
        file_name=f"{file_stem}.png",
        mime="image/png",
        key=key or f"png_{file_stem}",
        on_click="ignore",
        icon=":material/image:",
    )


@dataclasses.dataclass(frozen=True)
class PreparedChart:
    """An Altair chart together with the Vega-Lite spec Streamlit sends for it, made once.

    Building an Altair chart and converting it to Vega-Lite costs some 0.1-0.3 s of CPU per chart (Altair copies and
    checks its schema objects), far more than showing it; a page with many charts returns these from a
    ``st.cache_data`` function (see :func:`prepare`), so a revisit only unpickles them (about 2 ms each). The chart
    itself is kept for the PNG download, rendered only when clicked.
    """

    chart: Any
    spec: dict


def prepare(chart_) -> PreparedChart:
    """The chart and its Vega-Lite spec (see :class:`PreparedChart`), for a cached function to return."""
    return PreparedChart(chart_, vega_lite_spec(chart_))


def chart(chart_, file_stem: str, *, key: str | None = None, width: str = "stretch") -> None:
    """Show an Altair chart (or a :class:`PreparedChart`) with its PNG download beneath it (every chart in the app is
    downloadable)."""
    if isinstance(chart_, PreparedChart):
        st.vega_lite_chart(spec=chart_.spec, width=width, height="content")
        download_chart(chart_.chart, file_stem, key=key)
        return
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
    """The Vega-Lite dict Streamlit would send for ``chart_``.

    Datasets as Arrow bytes, built with ``validate=False``.
    """
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


def table(
    frame: pd.DataFrame,
    file_stem: str | None = None,
    *,
    export: pd.DataFrame | None = None,
    key: str | None = None,
    decimals: int | None = None,
    unit: str = "",
    labels: dict[str, str] | None = None,
    columns: list[str] | None = None,
    **dataframe_kwargs,
):
    """Show a table for people (human headers with units, numbers to ``decimals``, blanks with a note on why) and,
    if ``file_stem`` is given, its CSV download with the raw column names (``export`` if given, else ``frame``).

    Every table in the app is shown through this function (see :func:`lsc_phm.render.tables.for_people`).
    """
    shown = tables.for_people(
        frame,
        decimals=decimals,
        unit=unit,
        labels=labels,
        columns=columns,
        decimals_by_indicator={i.id: i.decimals for i in indicators.REGISTRY},
    )
    dataframe_kwargs.setdefault("hide_index", True)
    dataframe_kwargs.setdefault("width", "stretch")
    column_config = {
        header: st.column_config.NumberColumn(header, format=number_format)
        for header, number_format in shown.formats.items()
    }
    column_config.update(dataframe_kwargs.pop("column_config", None) or {})
    event = st.dataframe(shown.frame, column_config=column_config, **dataframe_kwargs)
    if shown.note:
        st.caption(shown.note)
    if file_stem is not None:
        download_table(export if export is not None else frame, file_stem, key=key)
    return event


def indicator_grid(
    frame: pd.DataFrame,
    key: str,
    *,
    group: str = "clinical_area",
    area_order: list[str] | None = None,
    height: int | None = None,
) -> tuple[str, str] | None:
    """A Fingertips-style overview grid (indicators x areas, cells coloured by comparison with a symbol), its
    legend and note on blank cells; returns the ``(indicator_id, area_code)`` of the cell the user clicked, if any.
    """
    decimals = {i.id: i.decimals for i in indicators.REGISTRY}
    if "period" in frame.columns:  # one period style on screen
        frame = frame.assign(period=[periods_in_text(p) if isinstance(p, str) else p for p in frame["period"]])
    overview = grid.indicator_grid(frame, decimals, group=group, area_order=area_order)
    rows = len(overview.display)
    event = st.dataframe(
        overview.styler(),
        hide_index=True,
        width="stretch",
        key=key,
        height=height or min(38 + 35 * rows, 900),  # every row visible without scrolling
        on_select="rerun",
        selection_mode="single-cell",
        column_config={
            "Indicator": st.column_config.TextColumn("Indicator", pinned=True, width="medium"),
            "Group": st.column_config.TextColumn("Group", width="small"),
        },
    )
    st.html(grid.legend_html(overview))
    cells = list(getattr(getattr(event, "selection", None), "cells", []) or [])
    if cells:
        row, column = cells[0][0], cells[0][1]
        if column in overview.area_codes and 0 <= int(row) < len(overview.indicator_ids):
            return overview.indicator_ids[int(row)], overview.area_codes[column]
        if 0 <= int(row) < len(overview.indicator_ids):
            return overview.indicator_ids[int(row)], ""
    return None


#: The value shown in a summary band for a figure with no open data (the reason is given once, below the band).
NO_DATA_MARK = "—"


def key_figure_band(figures: list, columns: int = 5) -> None:
    """A bordered band of key figures (``KeyFigure``: label, value, detail, has_value), ``columns`` to a row.

    A figure with a value is a metric with its detail as a caption. A figure with no open data is a metric whose
    value is only "—" (the long words would be wider than the column): its reason is its help, and the reasons are
    written once below the band, each with the figures it applies to, so four identical reasons are read once.
    """
    with st.container(border=True):
        for start in range(0, len(figures), columns):
            for column, figure in zip(st.columns(columns), figures[start : start + columns], strict=False):
                with column:
                    if figure.has_value:
                        st.metric(markdown_text(figure.label), markdown_text(figure.value))
                        st.caption(markdown_text(figure.detail))
                    else:
                        st.metric(
                            markdown_text(figure.label),
                            NO_DATA_MARK,
                            help=f"No open data: {markdown_text(figure.detail)}",
                        )
        if not all(figure.has_value for figure in figures):
            st.caption(f"{NO_DATA_MARK} = no open data. {no_data_reasons(figures)}")


def no_data_reasons(figures: list) -> str:
    """The reasons of the figures without a value, each once with the figures it applies to (markdown).

    E.g. "**HLE (male), HLE (female)**: no ICB value in the data held here (...)."; "" when every figure has one.
    """
    missing: dict[str, list[str]] = {}
    for figure in figures:
        if not figure.has_value:
            missing.setdefault(figure.detail, []).append(figure.label)
    return " ".join(
        f"**{markdown_text(', '.join(labels))}**: {markdown_text(reason.rstrip('.'))}."
        for reason, labels in missing.items()
    )
