"""The indicator sections of a named area's place profile and "things to note", with what every section shares.

Each section is written from a :class:`~lsc_phm.views.profile_data.ProfileData`. Here: an indicator row as a
:class:`~lsc_phm.reports.narrative.Figure` or :class:`~lsc_phm.reports.narrative.Change` and its careful sentence,
chart titles naming whose values are plotted, the indicator sections (with published district values where the place
has none), "things to note", the summary band and the table key messages are chosen from. The first two sections are
in :mod:`lsc_phm.reports.profile_deprivation`, the inequality gradient in :mod:`lsc_phm.reports.profile_inequality`.
Sentences come from :mod:`lsc_phm.reports.narrative` ("significantly" only after a 95% confidence-interval test);
charts as data (``ChartSpec``), drawn by :mod:`lsc_phm.render.chart_kinds`.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: benchmark comparison.
"""

from __future__ import annotations

import pandas as pd

from lsc_phm import indicators
from lsc_phm.domain import benchmarking, topics
from lsc_phm.reports import key_messages, narrative
from lsc_phm.reports.profile_model import ROWS_PER_SLIDE_CHART, ChartSpec, KeyFigure, Section, SlidePart, ratio_drawable
from lsc_phm.views import profile_headline
from lsc_phm.views.place_profile_areas import ProfileArea
from lsc_phm.views.profile_data import ProfileData


def narrative_figure(row: pd.Series, area: ProfileArea) -> narrative.Figure:
    """The :class:`lsc_phm.reports.narrative.Figure` that the sentences are written from, for one indicator row.

    Parameters
    ----------
    row : pandas.Series
        One row of an area's indicator figures (:func:`lsc_phm.views.place_profile_figures.indicator_figures`).
    area : ProfileArea
        The area of the profile.

    Returns
    -------
    narrative.Figure
        The value, England value, comparison and source of the row, with the indicator's name, unit and decimals
        from the registry; a district partly in the ICB is named whole (its published value is the whole
        district's) and a value held for another area says which (``shown_for``).
    """
    indicator = indicators.get(str(row["indicator_id"]))
    value_for = row["value_for"] if isinstance(row["value_for"], str) and row["value_for"] else None
    own = value_for is None or value_for == area.name
    return narrative.Figure(  # a district partly in the ICB: its published value is the whole district's
        indicator=indicator.name,
        area=area.whole_name if own else area.name,
        value=None if pd.isna(row["value"]) else float(row["value"]),
        unit=indicator.unit,
        period=str(row["period"]) or None,
        source=str(row["source"]),
        england=None if pd.isna(row["england_value"]) else float(row["england_value"]),
        comparison=str(row["comparison"]),
        confidence=str(row["confidence"] or ""),
        decimals=indicator.decimals,
        shown_for=value_for if value_for != area.name else None,
        basis="" if pd.isna(row.get("comparison_basis")) else str(row.get("comparison_basis") or ""),
        crude=indicator.is_crude,
    )


def _change(row: pd.Series, area: ProfileArea) -> narrative.Change | None:
    if pd.isna(row["value"]) or pd.isna(row["previous_value"]):
        return None
    indicator = indicators.get(str(row["indicator_id"]))

    def limits(low: object, high: object) -> tuple[float, float] | None:
        return None if pd.isna(low) or pd.isna(high) else (float(low), float(high))

    where = area.whole_name if not row["value_for"] or row["value_for"] == area.name else str(row["value_for"])
    return narrative.Change(
        indicator=indicator.name,
        area=where,
        unit=indicator.unit,
        source=str(row["source"]),
        latest_period=str(row["period"]),
        previous_period=str(row["previous_period"]),
        latest=float(row["value"]),
        previous=float(row["previous_value"]),
        polarity=indicator.polarity,
        latest_ci=limits(row["lowercl"], row["uppercl"]),
        previous_ci=limits(row["previous_lowercl"], row["previous_uppercl"]),
        decimals=indicator.decimals,
    )


def figure_sentences(figures: pd.DataFrame, area: ProfileArea) -> list[str]:
    """One careful sentence per indicator (see :mod:`lsc_phm.reports.narrative`), with the value-level note if any."""
    sentences = []
    for _, row in figures.iterrows():
        sentence = narrative.comparison_sentence(
            narrative_figure(row, area), str(row["note"]) if pd.isna(row["value"]) else "", cite=False
        )
        if not pd.isna(row["value"]) and row["note"]:
            sentence += f" ({row['note']}.)"
        sentences.append(sentence)
    return sentences


def capitalise_first(text: str) -> str:
    """Return ``text`` with its first character in upper case and the rest unchanged (for titles that start with an
    area's description, such as "the part of Lancaster in this ICB").

    Parameters
    ----------
    text : str
        Any text; "" gives "".

    Returns
    -------
    str
    """
    return text[:1].upper() + text[1:]


def messages_population(
    area: ProfileArea, summaries: pd.DataFrame, population: profile_headline.AreaPopulation | None, vintage: int
) -> float:
    """The population the key messages' "people affected" is a share of: the area's residents; for a district only
    partly in the ICB, the whole district's (its published figures are the whole district's)."""
    if not area.whole_area_in_icb and not summaries.empty:
        own = summaries[(summaries["area_code"] == area.code) & (summaries["imd_vintage"] == vintage)]
        if not own.empty:
            return float(own.iloc[0]["population"])
    return float(population.residents) if population is not None else 0.0


def chart_title(title: str, figures: pd.DataFrame, area: ProfileArea) -> tuple[str, str]:
    """A chart's title naming the area whose data it plots, and a subtitle saying which rows are another area's.

    Returns
    -------
    tuple of str
        ``(title, subtitle)``; the subtitle is empty when every value is the area's own.
    """
    plotted = figures[figures["value"].notna()]
    others = sorted({str(v) for v in plotted["value_for"] if isinstance(v, str) and v and v != area.name})
    if not others:
        return f"{title}: {area.whole_name}", ""
    if plotted["value_for"].isin(others).all():
        return (
            f"{title}: {' and '.join(others)} (values for {'these areas' if len(others) > 1 else 'this area'}, "
            f"not {area.name})",
            "",
        )
    return (
        f"{title}: {area.whole_name}",
        f"Rows marked [{'ICB' if 'Integrated Care Board' in others[0] else others[0]} value] plot {others[0]}'s "
        f"values, used because there is no figure for {area.name} itself",
    )


def district_range_sentence(part: pd.DataFrame, area: ProfileArea) -> str:
    """One sentence on an indicator's values across a place's districts, shown where the place has no value.

    Examples
    --------
    >>> part = pd.DataFrame({"indicator": ["Life expectancy at birth (male)"] * 2, "unit": ["years"] * 2,
    ...                      "period": ["2023 - 25"] * 2, "area_name": ["Burnley", "Ribble Valley"],
    ...                      "value": [75.9, 81.4], "comparison": ["Worse", "Better"]})
    >>> district_range_sentence(part, ProfileArea("QE1-E10000017", "Lancashire", "place", 756, True, "E10000017"))[:88]
    'Life expectancy at birth (male), 2023 - 25: no figure for Lancashire itself is held; its'
    """
    ordered = part.sort_values("value")
    low, high = ordered.iloc[0], ordered.iloc[-1]
    unit = str(low["unit"])
    worse = int((part["comparison"] == "Worse").sum())
    better = int((part["comparison"] == "Better").sum())
    compared = (
        f" {worse} of them worse than England and {better} better (by each value's interval, or OHID's own "
        "comparison where no interval is held)"
        if worse or better
        else ""
    )
    return (
        f"{low['indicator']}, {low['period']}: no figure for {area.name} itself is held; its {len(part)} "
        f"districts range from {narrative.format_value(low['value'], unit)} ({low['area_name']}) to "
        f"{narrative.format_value(high['value'], unit)} ({high['area_name']}){',' if compared else ''}{compared} "
        "(published district values, not combined)."
    )


def indicator_section(data: ProfileData, key: str, title: str, page_charts: bool = True) -> Section:
    """One indicator section of a named area's profile (life expectancy, smoking, health outcomes, Core20PLUS5).

    Parameters
    ----------
    data : ProfileData
        The area's numbers (:func:`lsc_phm.views.profile_data.profile_data`).
    key : str
        The section's key in ``data.figures`` (:data:`lsc_phm.views.profile_data.INDICATOR_SECTIONS`).
    title : str
        The section's title.
    page_charts : bool, default True
        Add the page's chart of values with intervals against England.

    Returns
    -------
    Section
        A sentence and a key figure per indicator (with its England comparison and recent trend), the figures
        table, other areas' values where the area has none, and slide charts of the values against England.
    """
    area, figures = data.area, data.figures[key]
    section = Section(key, title)
    section.sentences = figure_sentences(figures, area)
    section.sentences += topics.why_they_differ(figures.loc[figures["value"].notna(), "indicator_id"])
    trends_shown = False
    for _, row in figures.iterrows():
        figure = narrative_figure(row, area)
        detail = (
            (
                f"{row['period']}; England {narrative.format_value(figure.england, figure.unit, figure.decimals)}; "
                f"{narrative.comparison_label(figure)}"
            )
            if figure.has_value
            else str(row["note"])
        )
        if figure.has_value and figure.shown_for:
            detail += f"; value for {figure.shown_for}"
        elif figure.has_value and not area.whole_area_in_icb:
            detail += f"; value for {area.whole_name}, not only the part in this ICB"
        if figure.has_value and "proxy" in str(row["note"]):
            detail += "; " + str(row["note"]).split(":")[0]
        arrow = benchmarking.trend_arrow(str(row.get("recent_trend") or ""))
        if figure.has_value and arrow:
            detail += f"; recent trend {arrow} {row['recent_trend']}"
            basis = (
                "OHID's published recent trend to "
                if benchmarking.OHID_TREND in str(row["recent_trend"])
                else "last 5 periods with counts to "
            )
            wording = str(row["recent_trend"]).replace(benchmarking.OHID_TREND, "")
            section.sentences.append(
                f"{figure.indicator} in {figure.area}: recent trend {arrow} {wording} ({basis}{row['period']})."
            )
            trends_shown = True
        section.key_figures.append(
            KeyFigure(figure.indicator, narrative.format_value(figure.value, figure.unit, figure.decimals), detail)
        )
    if trends_shown:
        section.sentences.append(benchmarking.TREND_MEANING)
    section.tables[key] = figures
    _other_areas_values(section, data, key)
    heading, subtitle = chart_title(title, figures, area)
    if page_charts and figures["value"].notna().any():  # else the chart would have nothing to draw
        section.charts[key] = ChartSpec("indicator", figures, {"title": heading, "subtitle": subtitle})
    plotted = figures[figures["value"].notna() & figures["england_value"].notna()]
    for start in range(0, len(plotted), ROWS_PER_SLIDE_CHART):
        chunk = plotted.iloc[start : start + ROWS_PER_SLIDE_CHART]
        heading, subtitle = chart_title(title, chunk, area)
        if ratio_drawable(chunk):
            chart = ChartSpec("england_ratio", chunk, {"title": heading, "subtitle": subtitle})
            section.slide_parts.append(
                SlidePart(chart, heading, figure_sentences(chunk, area)[:2], tuple(chunk["indicator_id"]))
            )
    section.source = "; ".join(dict.fromkeys(str(s) for s in figures["source"]))
    return section


def _other_areas_values(section: Section, data: ProfileData, key: str) -> None:
    """Add the values of other areas shown for an indicator section to ``section``: a place's published district
    values where the place has none (a sentence and a chart each), and a custom footprint's member districts (never
    added up)."""
    area = data.area
    districts = data.district_values.get(key)
    if districts is not None:
        if not districts.empty:
            section.tables[f"{key}_by_district"] = districts
            for indicator_id, part in districts.groupby("indicator_id", sort=False):
                section.sentences.append(district_range_sentence(part, area))
                first, england = part.iloc[0], part["england_value"].dropna()
                section.charts[f"{indicator_id}_by_district"] = ChartSpec(
                    "comparison_bars",
                    part,
                    {
                        "title": f"{first['indicator']}, {first['period']}: {area.name}'s districts (no {area.name} "
                        "figure held)",
                        "unit": str(first["unit"]),
                        "benchmark": float(england.iloc[0]) if len(england) else None,
                        "decimals": indicators.get(str(indicator_id)).decimals,
                    },
                )
            section.chart_notes.update(narrative.left_out_notes(data.district_dropped.get(key), "_by_district"))
    if area.level == "footprint":
        members = data.member_values[key]
        if not members.empty:
            section.tables[f"{key}_by_member_district"] = members
            section.sentences.append(
                f"{area.name} is a custom footprint: published district rates are not added up into one figure for "
                f"it; the table '{key.replace('_', ' ')} by member district' gives each member district's value."
            )


def notes_section(area: ProfileArea, figures: pd.DataFrame, gaps: pd.DataFrame) -> Section:
    """The last section of a profile, "Things to note".

    Parameters
    ----------
    area : ProfileArea
        The area of the profile.
    figures : pandas.DataFrame
        All of the area's indicator figures.
    gaps : pandas.DataFrame
        The published inequality gaps (SII in life expectancy) for the area.

    Returns
    -------
    Section
        How many of the area's own values were compared with England and which are worse; which moved in an
        unfavourable direction by more than their 95% confidence intervals allow (or untested); and which
        published gaps widened.
    """
    section = Section("notes", "Things to note")
    own = figures[figures["value"].notna()]
    own_figures = [narrative_figure(r, area) for _, r in own.iterrows()]
    own_figures = [f for f in own_figures if not f.shown_for]
    compared = [f for f in own_figures if f.compared]
    with_interval = [f for f in compared if not f.by_publisher]
    worse = [
        narrative.worse_than_england_note(f, cite=False) for f in compared if f.significant and f.comparison == "Worse"
    ]
    section.sentences.append(
        f"{len(compared)} of {len(own_figures)} indicators with a value for {area.whole_name} were compared with "
        f"England ({len(with_interval)} on a confidence interval at the 95% level, "
        f"{len(compared) - len(with_interval)} by "
        f"OHID's own comparison); {len(worse)} of them are worse than England. The others are not compared, each with "
        "its reason in the tables."
    )
    section.sentences.extend(
        worse
        or [
            f"None of the {len(compared)} compared indicators is worse than England "
            "(Fingertips single-interval test at 95%, or OHID's own comparison)."
        ]
    )
    real_changes, untested_changes = [], []
    for _, row in own.iterrows():
        change = _change(row, area)
        if change is None or not change.worse:
            continue
        if change.significant:
            real_changes.append(narrative.change_sentence(change, cite=False))
        elif not change.testable:
            untested_changes.append(narrative.change_sentence(change, cite=False))
    section.sentences.extend(
        real_changes
        or [
            "No indicator moved in an unfavourable direction by more than its 95% confidence intervals allow (changes "
            "whose intervals overlap are not counted as real)."
        ]
    )
    section.sentences.extend(untested_changes)
    widening = []
    for _, row in gaps[gaps["value"].notna()].iterrows():
        change = _change(row, area)
        if change is not None and change.direction == "up":
            widening.append(narrative.gap_change_sentence(change, cite=False))
    section.sentences.extend(
        widening
        or [
            "No published inequality gap (SII in life expectancy) widened since its "
            "previous period, or none is published for this area."
        ]
    )
    missing = figures[figures["comparison"] == "No open data"]["indicator"].tolist()
    if missing:
        section.sentences.append(f"No open data for {area.name}: {', '.join(missing)}.")
    section.key_figures = [
        KeyFigure(
            "Worse than England",
            f"{len(worse)} of {len(compared)} compared",
            f"{len(with_interval)} on a 95% interval, {len(compared) - len(with_interval)} by OHID's comparison; "
            f"{len(own_figures) - len(compared)} not compared",
        ),
        KeyFigure(
            "Moving in an unfavourable direction (real change)",
            str(len(real_changes)),
            f"95% intervals do not overlap; {len(untested_changes)} more moved the wrong way with no interval to test",
        ),
        KeyFigure("Gaps widening", str(len(widening)), "direction only: no interval is held for the SII"),
    ]
    section.headline = (
        f"{len(worse)} of {len(compared)} compared indicators worse than England; "
        f"{len(real_changes)} moving in an unfavourable direction (real change)"
    )
    section.source = "; ".join(dict.fromkeys(str(s) for s in figures["source"] if s))
    return section


def figures_table(data: ProfileData, by_section: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every figure of the profile compared with England, in the shape key messages are chosen from.

    Returns
    -------
    pandas.DataFrame
        :data:`lsc_phm.reports.key_messages.FIGURE_TABLE_COLUMNS`: the indicator figures of each section (``people``
        = the published denominator, if any) and the area's Core20 share against England's (current vintage).
    """
    icb, area, summaries, population = data.icb, data.area, data.summaries, data.population
    frames = []
    for section, figures in by_section.items():
        if figures.empty:
            continue
        frame = figures.copy()
        frame["section"] = section
        frame["decimals"] = [indicators.get(i).decimals for i in frame["indicator_id"]]
        frame["polarity"] = [indicators.get(i).polarity for i in frame["indicator_id"]]
        frame["people"] = frame["denominator"]
        frames.append(frame[list(key_messages.FIGURE_TABLE_COLUMNS) + ["comparison_basis"]])
    own = (
        summaries[(summaries["area_code"] == area.code) & (summaries["imd_vintage"] == icb.imd_vintage)]
        if not summaries.empty
        else summaries
    )
    if not own.empty:
        r = own.iloc[0]
        indicator = indicators.get("core20_population_share")
        frames.append(
            pd.DataFrame(
                [
                    {
                        "indicator_id": indicator.id,
                        "indicator": "Share of residents in the Core20 (most deprived 20% of LSOAs)",
                        "section": "headline",
                        "value": round(float(r["core20_population_share"]), 1),
                        "england_value": round(data.england_core20[icb.imd_vintage], 1),
                        "comparison": "Not compared (no confidence interval)",
                        "confidence": "",
                        "period": f"IMD {icb.imd_vintage}",
                        "unit": "%",
                        "decimals": indicator.decimals,
                        "polarity": indicator.polarity,
                        "people": messages_population(area, summaries, population, icb.imd_vintage) or float("nan"),
                        "area_name": area.name,
                        "value_for": area.name,
                        "source": f"MHCLG IoD{icb.imd_vintage}",
                    }
                ]
            )
        )
    if not frames:
        return pd.DataFrame(columns=list(key_messages.FIGURE_TABLE_COLUMNS))
    return pd.concat(frames, ignore_index=True)


def summary_band(
    headline: Section, deprivation_section: Section, le_figures: pd.DataFrame, area: ProfileArea
) -> list[KeyFigure]:
    """The figures of the summary band: residents, Core20 shares, England ranks, HLE and LE against England."""
    band = [k for k in headline.key_figures]
    band += [k for k in deprivation_section.key_figures if k.label.startswith("IMD ")]
    for _, row in le_figures.iterrows():
        figure = narrative_figure(row, area)
        label = (
            figure.indicator.replace(" at birth", "")
            .replace("Healthy life expectancy", "HLE")
            .replace("Life expectancy", "LE")
        )
        if figure.has_value:
            whose = (
                f"; value for {figure.shown_for}"
                if figure.shown_for
                else ""
                if area.whole_area_in_icb
                else f"; value for {area.whole_name}, not only the part in this ICB"
            )
            band.append(
                KeyFigure(
                    label,
                    narrative.format_value(figure.value, figure.unit, figure.decimals),
                    f"England {narrative.format_value(figure.england, figure.unit, figure.decimals)}; "
                    f"{row['period']}; {narrative.comparison_label(figure)}{whose}",
                )
            )
        else:
            band.append(KeyFigure(label, narrative.NO_DATA, str(row["note"])))
    return band
