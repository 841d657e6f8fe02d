"""The inequality section of a named area's place profile: the gradient within the area.

For each census measure (Census 2021 general health and disability, by national IMD decile of the area's LSOAs in the
ICB) its slope index of inequality and its Core20-minus-rest gap, computed here; then OHID's published inequality in
life expectancy. Written from a :class:`~lsc_phm.views.profile_data.ProfileData`; sentences from
:mod:`lsc_phm.reports.inequality_sentences` and :mod:`lsc_phm.reports.narrative`.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: slope index of inequality.
.. [2] Low A, Low A. Measuring the gap: quantifying and comparing local health inequalities. J Public Health
   2004;26:388-395.
"""

from __future__ import annotations

import pandas as pd

from lsc_phm.domain import deprivation
from lsc_phm.reports import inequality_sentences, narrative
from lsc_phm.reports.profile_model import ChartSpec, KeyFigure, Section, SlidePart
from lsc_phm.reports.profile_sections import capitalise_first, figure_sentences, narrative_figure
from lsc_phm.views import profile_data
from lsc_phm.views.profile_data import ProfileData


def inequality_section(data: ProfileData) -> Section:
    """The "Inequality gradient within the area" section of a profile (named or user-defined area).

    Parameters
    ----------
    data : ProfileData
        The area's numbers (:func:`lsc_phm.views.profile_data.profile_data`).

    Returns
    -------
    Section
        The census gradients by national IMD decile computed here from the area's LSOAs in the ICB (table, chart
        and the SII/RII words of each), and OHID's published inequality in life expectancy with its England
        comparison.
    """
    area = data.area
    section = Section("inequality", "Inequality gradient within the area")
    where = area.part_name  # computed here from the area's LSOAs in the ICB
    measures = [g.measure for g in data.gradients]
    gradient = pd.concat(measures, ignore_index=True) if measures else pd.DataFrame()
    stats_rows = [row for item in data.gradients for row in _gradient_words(section, item, where)]
    if gradient.empty:
        section.sentences.append(narrative.no_data_sentence("Deprivation gradient", where))
    else:
        section.tables["gradient_by_decile"] = gradient
        title = f"{capitalise_first(where)}: gradient by national IMD decile"
        section.charts["gradient_by_decile"] = ChartSpec("gradient", gradient, {"title": title})
        section.slide_parts.append(SlidePart(ChartSpec("gradient", gradient, {"title": title, "facet_width": 180})))
    section.tables["inequality_statistics"] = pd.DataFrame(stats_rows)
    gaps = data.gaps
    section.tables["life_expectancy_gap"] = gaps
    section.sentences.extend(figure_sentences(gaps, area))
    for _, row in gaps.iterrows():
        figure = narrative_figure(row, area)
        section.key_figures.append(
            KeyFigure(
                figure.indicator,
                narrative.format_value(figure.value, figure.unit, figure.decimals),
                f"{row['period']}; England {narrative.format_value(figure.england, figure.unit, figure.decimals)}; "
                f"{narrative.comparison_label(figure)}"
                if figure.has_value
                else str(row["note"]),
            )
        )
    section.sentences.append(
        "Income deprivation and the other IMD domains are deprivation measures (modelled scores), not health outcomes: "
        "they are shown on the Deprivation section and the Inequalities page without a significance test."
    )
    if not section.headline:
        section.headline = f"Inequality within {where}"
    section.source = (
        "ONS Census 2021 TS037 general health and TS038 disability by MHCLG IMD 2025 decile; OHID "
        "Fingertips 92901 (inequality in life expectancy)"
    )
    return section


def _gradient_labels(measure: pd.DataFrame) -> tuple[str, str, int, str, str]:
    """(name, indicator id, decimal places, period, source) of one census measure's gradient by IMD decile."""
    name = str(measure["measure"].iloc[0]).split(" (IMD")[0]
    vintage = int(measure["imd_vintage"].iloc[0])
    indicator_id, places = profile_data.gradient_indicator(name)
    period = f"IMD {vintage} deciles; Census 2021 (crude, not age-standardised)"
    source = "Office for National Statistics (Census 2021) and MHCLG (IMD 2025)"
    return name, indicator_id, places, period, source


def _gradient_statistics(item: profile_data.Gradient) -> list[dict[str, object]]:
    """One census measure's rows of the inequality statistics table: its SII and its Core20 gap, each where computed."""
    name, indicator_id, places, period, source = _gradient_labels(item.measure)
    statistics = (
        (item.sii, "slope index of inequality (most minus least deprived)"),
        (item.core20_gap, "Core20 minus rest (absolute gap)"),
    )
    return [
        {
            "indicator_id": indicator_id,
            "measure": name,
            "value": round(r["value"], places),
            "statistic": statistic,
            "lowercl": round(r["lowercl"], places),
            "uppercl": round(r["uppercl"], places),
            "unit": "percentage points",
            "confidence": "95%",
            "period": period,
            "method": str(r["method"]),
            "source": source,
        }
        for r, statistic in statistics
        if r is not None
    ]


def _gradient_words(section: Section, item: profile_data.Gradient, where: str) -> list[dict[str, object]]:
    """Add one census measure's SII and Core20 gap to ``section`` (key figures, sentences, the headline) and return
    its rows of the inequality statistics table."""
    measure, sii_row, gap_row = item.measure, item.sii, item.core20_gap
    name, _, _, period, source = _gradient_labels(measure)
    if sii_row is not None:
        r = sii_row
        section.key_figures.append(
            KeyFigure(
                f"{name}: slope index of inequality",
                f"{r['value']:.1f} pp",
                f"most minus least deprived; 95% CI {r['lowercl']:.1f} to {r['uppercl']:.1f}; {period}",
            )
        )
        section.sentences.append(
            inequality_sentences.sii_sentence(
                name,
                where,
                float(r["value"]),
                float(r["lowercl"]),
                float(r["uppercl"]),
                "percentage points",
                "95%",
                period,
                source,
                len(measure),
                cite=False,
            )
        )
    else:
        section.sentences.append(
            f"{name} in {where}: only {len(measure)} national IMD deciles are present, fewer than the 5 a "
            f"slope index of inequality needs, so none is computed. {period}."
        )
    has_core = deprivation.is_core20(measure["imd_decile"])
    if gap_row is not None:
        g = gap_row
        section.key_figures.append(
            KeyFigure(
                f"{name}: Core20 minus rest",
                f"{g['value']:.1f} pp",
                f"{g['value_a']:.1f}% vs {g['value_b']:.1f}%; 95% CI {g['lowercl']:.1f} to {g['uppercl']:.1f}; "
                f"{period}",
            )
        )
        section.sentences.append(
            inequality_sentences.core20_gap_sentence(
                name,
                where,
                float(g["value_a"]),
                float(g["value_b"]),
                float(g["lowercl"]),
                float(g["uppercl"]),
                "%",
                "95%",
                period,
                source,
                cite=False,
            )
        )
        if not section.headline:
            section.headline = (
                f"{name} in {where}: {g['value_a']:.1f}% in the Core20 vs {g['value_b']:.1f}% in the rest ({period})"
            )
    else:
        section.sentences.append(
            f"{name} in {where}: no Core20 vs rest comparison, because "
            f"{'all' if has_core.all() else 'none'} of its LSOAs are in the Core20. {period}."
        )
    return _gradient_statistics(item)
