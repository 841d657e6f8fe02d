"""The place profile of a user-defined area (a session's list of LSOA or ward codes), from its ProfileData.

Its sections are those a custom footprint has where the figures can be made from LSOAs: residents and Core20 share
(population-weighted), deprivation (average score, decile distribution, the wards it lies in, a static map), additive
health outcomes (counts and denominators summed, Wilson intervals, compared with England), published district rates
per district it lies in (never combined), and the gradient within the area. Every figure computed for it says
"computed here from N LSOAs".
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from lsc_phm import config
from lsc_phm.domain import deprivation
from lsc_phm.reports import key_messages, narrative
from lsc_phm.reports.profile_deprivation import area_decile_map_png
from lsc_phm.reports.profile_inequality import inequality_section
from lsc_phm.reports.profile_model import (
    DECILE_MAP,
    ROWS_PER_SLIDE_CHART,
    ChartSpec,
    KeyFigure,
    Profile,
    Section,
    SlidePart,
    ratio_drawable,
)
from lsc_phm.reports.profile_sections import (
    figure_sentences,
    figures_table,
    narrative_figure,
    notes_section,
    summary_band,
)
from lsc_phm.views.profile_data import ProfileData


def _headline(data: ProfileData) -> Section:
    area, spec, population = data.area, data.spec, data.population
    note = spec.computed_note
    s = data.summaries.iloc[0]
    england = data.england_core20[spec.vintage]
    geography_words = "LSOA 2011" if spec.vintage == 2019 else "LSOA 2021"
    headline = Section("headline", "Population and Core20 share")
    if population is not None:
        headline.key_figures.append(
            KeyFigure(
                f"Residents ({'mid-2020' if population.period == 'mid-2020' else 'Census 2021'})",
                f"{population.residents:,}",
                f"{population.describe()}; {note}",
            )
        )
        headline.sentences.append(f"{area.name} (user-defined area from {spec.source}): {population.describe()}.")
    share = float(s["core20_population_share"])
    headline.key_figures.append(
        KeyFigure(
            f"Core20 share, IMD {spec.vintage}",
            narrative.format_value(share, "%"),
            f"England {narrative.format_value(england, '%')}; people in LSOAs in national IMD deciles 1-2; {note}",
        )
    )
    headline.sentences.append(
        narrative.core20_sentence(
            share,
            england,
            f"{area.name}'s residents",
            spec.vintage,
            f"{note}, weighted by {s['population_source']} ({int(s['population']):,} people)",
        )
    )
    for vintage in [v for v in config.IMD_VINTAGES if v != spec.vintage]:
        headline.sentences.append(
            f"No IMD {vintage} figures: the area is drawn in the {geography_words} geography of IMD {spec.vintage}."
        )
    headline.headline = narrative.core20_headline(share, f"{area.name}'s residents", f"IMD {spec.vintage}; {note}")
    headline.tables["headline"] = pd.DataFrame(
        [
            {
                "measure": "Residents",
                "imd_vintage": spec.vintage,
                "value": population.residents if population else None,
                "unit": "people",
                "period": population.period if population else "",
                "source": population.source if population else "",
                "note": note,
            },
            {
                "measure": "Core20 population share",
                "imd_vintage": spec.vintage,
                "value": round(share, 2),
                "unit": "%",
                "period": f"IMD {spec.vintage}",
                "source": f"MHCLG IoD{spec.vintage}; weights: {s['population_source']}",
                "note": f"{note}; England {england:.2f}%",
            },
        ]
    )
    if data.map_lsoas is not None:
        png = area_decile_map_png(data.map_lsoas, data.icb, area)
        if png is not None:
            headline.images[DECILE_MAP] = png
    headline.source = (
        f"{s['population_source']}; MHCLG English Indices of Deprivation {spec.vintage}; LSOAs listed "
        f"by the user ({spec.source})"
    )
    return headline


def _deprivation(data: ProfileData) -> Section:
    area, spec, note = data.area, data.spec, data.spec.computed_note
    summaries = data.summaries
    s = summaries.iloc[0]
    deprivation_section = Section("deprivation", "Deprivation")
    deprivation_section.sentences.append(
        f"IMD {spec.vintage}: {area.name} has a population-weighted average IMD score of {s['avg_score']:.1f} "
        f"({note}), with {s['pct_lsoas_most_deprived_10']:.1f}% of its {int(s['lsoas'])} LSOAs in the most deprived "
        "10% in England. It is not ranked: England ranks exist for published geographies only."
    )
    deprivation_section.key_figures.append(
        KeyFigure(
            f"IMD {spec.vintage} average score", f"{s['avg_score']:.1f}", f"population-weighted; {note}; not ranked"
        )
    )
    deprivation_section.headline = f"{area.name}: average IMD {spec.vintage} score {s['avg_score']:.1f} ({note})"
    deprivation_section.tables["deprivation_summary"] = deprivation.round_summaries(summaries)
    shares = data.decile_shares
    deprivation_section.tables["decile_distribution"] = shares
    deprivation_section.charts["decile_distribution"] = ChartSpec(
        "decile_share", shares, {"title": f"{area.name}: residents by national IMD decile ({note})"}
    )
    deprivation_section.slide_parts.append(
        SlidePart(
            ChartSpec(
                "decile_share_slide",
                shares,
                {
                    "title": f"{area.name}: residents by national IMD decile",
                    "subtitle": f"Decile 1 = the most deprived 10% of England; {note}",
                },
            )
        )
    )
    wards = data.wards
    deprivation_section.tables["wards_it_lies_in"] = wards
    top = wards.head(5)
    if not top.empty:
        deprivation_section.sentences.append(
            "Most deprived wards it lies in (whole-ward average IMD score; LSOAs of the ward inside the area): "
            + ", ".join(
                f"{r.area_name} ({r.avg_score:.1f}; {r.lsoas_in_area} of {r.lsoas:.0f})" for r in top.itertuples()
            )
            + "."
        )
    deprivation_section.source = f"MHCLG English Indices of Deprivation {spec.vintage}; ONS lookups and boundaries"
    return deprivation_section


def _outcomes(data: ProfileData) -> Section:
    area, note = data.area, data.spec.computed_note
    figures = data.figures["health_outcomes"]
    outcomes = Section("health_outcomes", "Health outcomes computed for the area")
    outcomes.sentences = figure_sentences(figures, area)
    for _, row in figures.iterrows():
        figure = narrative_figure(row, area)
        detail = (
            (
                f"{row['period']}; England {narrative.format_value(figure.england, figure.unit, figure.decimals)}; "
                f"{narrative.comparison_label(figure)}; {note}"
            )
            if figure.has_value
            else str(row["note"])
        )
        outcomes.key_figures.append(
            KeyFigure(figure.indicator, narrative.format_value(figure.value, figure.unit, figure.decimals), detail)
        )
    outcomes.tables["health_outcomes"] = figures
    if figures["value"].notna().any():  # else the chart would have nothing to draw
        outcomes.charts["health_outcomes"] = ChartSpec(
            "indicator",
            figures,
            {"title": f"Computed here for {area.name}", "subtitle": f"{note}; counts and denominators summed"},
        )
    plotted = figures[figures["value"].notna() & figures["england_value"].notna()]
    for start in range(0, len(plotted), ROWS_PER_SLIDE_CHART):
        chunk = plotted.iloc[start : start + ROWS_PER_SLIDE_CHART]
        if ratio_drawable(chunk):
            ratio = ChartSpec("england_ratio", chunk, {"title": f"Computed here for {area.name}", "subtitle": note})
            outcomes.slide_parts.append(
                SlidePart(
                    ratio,
                    f"Computed here for {area.name}",
                    figure_sentences(chunk, area)[:2],
                    tuple(chunk["indicator_id"]),
                )
            )
    outcomes.headline = f"Health outcomes for {area.name} ({note})"
    outcomes.source = "; ".join(dict.fromkeys(str(x) for x in figures["source"])) if not figures.empty else ""
    if figures.empty:
        outcomes.sentences.append(narrative.no_data_sentence("Health outcomes", area.name, "no LSOA counts held"))
    return outcomes


def _by_district(data: ProfileData) -> Section:
    area, districts, members = data.area, data.districts, data.published_by_district
    by_district = Section("by_district", "Published figures for the districts it lies in")
    by_district.sentences.append(
        f"Published rates (life expectancy, smoking, ...) cannot be added up, so none is made for {area.name}: the "
        f"table gives each of the {len(districts)} district(s) it lies in their own published values "
        f"({', '.join(districts['area_name'])}"
        "); a district only partly inside is marked '(part in area)'."
    )
    by_district.tables["published_by_district"] = members
    by_district.headline = f"Published figures for the districts {area.name} lies in (not combined)"
    by_district.source = "; ".join(dict.fromkeys(str(x) for x in members["source"])) if not members.empty else ""
    return by_district


def user_area_profile(data: ProfileData) -> Profile:
    """A user-defined area's sections: residents and Core20 share, deprivation (average score, deciles, the wards it
    lies in), additive health outcomes computed here, published district values (never combined), the gradient."""
    area, population, note = data.area, data.population, data.spec.computed_note
    figures = data.figures["health_outcomes"]
    headline, deprivation_section, outcomes, by_district = (
        _headline(data),
        _deprivation(data),
        _outcomes(data),
        _by_district(data),
    )
    inequality = inequality_section(data)
    gaps = data.gaps
    notes = notes_section(area, figures, gaps)
    table = figures_table(data, {"health_outcomes": figures, "inequality": gaps})
    residents = float(population.residents) if population is not None else 0.0
    messages = [
        dataclasses.replace(m, text=f"{m.text.rstrip('.')} ({note}).")
        for m in (key_messages.messages(table, area.name, residents) if residents > 0 else [])
    ]
    for section in (deprivation_section, inequality):
        for part in section.slide_parts:
            part.headline, part.lead = section.headline, section.sentences[:2]
    sections = [headline, deprivation_section, outcomes, by_district, inequality, notes]
    return Profile(
        area,
        data.icb,
        sections,
        data.datasets,
        data.built_at,
        summary=summary_band(headline, deprivation_section, pd.DataFrame(columns=figures.columns), area),
        key_messages=messages,
        figures=table,
        population=population,
    )
