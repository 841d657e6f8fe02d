"""The sections of a named area's place profile, each written from a :class:`~lsc_phm.views.profile_data.ProfileData`.

Headline (residents, Core20 share), deprivation (England ranks, deciles, wards), the indicator sections, the
inequality gradient within the area and "things to note"; plus the summary band and the table key messages are
chosen from. Sentences come from :mod:`lsc_phm.reports.narrative` ("significantly" only after a 95%
confidence-interval test); charts as data (``ChartSpec``), drawn by :mod:`lsc_phm.render.chart_kinds`.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: benchmark comparison; slope index of inequality.
.. [2] Low A, Low A. Measuring the gap: quantifying and comparing local health inequalities. J Public Health
   2004;26:388-395.
"""

from __future__ import annotations

import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain import benchmarking, deprivation, part_areas, topics
from lsc_phm.domain.geography import Icb
from lsc_phm.reports import key_messages, narrative
from lsc_phm.reports.profile_model import (
    DECILE_MAP,
    ROWS_PER_SLIDE_CHART,
    ChartSpec,
    KeyFigure,
    Section,
    SlidePart,
    ratio_drawable,
)
from lsc_phm.views import place_profile, profile_data
from lsc_phm.views.place_profile import ProfileArea
from lsc_phm.views.profile_data import ProfileData


def _figure(row: pd.Series, area: ProfileArea) -> narrative.Figure:
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
            _figure(row, area), str(row["note"]) if pd.isna(row["value"]) else "", cite=False
        )
        if not pd.isna(row["value"]) and row["note"]:
            sentence += f" ({row['note']}.)"
        sentences.append(sentence)
    return sentences


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _ranked_as(r: pd.Series, area: ProfileArea) -> str:
    """Which area a rank row is for, in words (the place itself, its unitary authority, or a whole district)."""
    if r["area_code"] == area.code:
        return area.name if area.whole_area_in_icb else f"{area.name} as a whole ({int(r['lsoas']):,} LSOAs)"
    return f"{r['area_name']} (the unitary authority, the same area as the place)"


def _rank_words(r: pd.Series) -> str:
    among = str(r["ranked_among"]).replace("English districts", "districts in England")
    rank = int(r["avg_score_rank"])
    if rank == 1:
        return f"the most deprived of {int(r['areas_ranked']):,} {among}"
    return f"{_ordinal(rank)} most deprived of {int(r['areas_ranked']):,} {among}"


def whole_district(area: ProfileArea, r: pd.Series) -> str:
    """E.g. "the whole district's value (all 142 LSOAs, 226,591 people)" for a summary row of a part district."""
    return f"the whole district's value (all {int(r['lsoas']):,} LSOAs, {int(r['population']):,} people)"


def _part_districts(group: pd.DataFrame) -> str:
    """ "; ranks of the whole districts for Cumberland and Westmorland and Furness, only partly in the ICB" (or "")."""
    if "whole_area_in_icb" not in group or group["whole_area_in_icb"].all():
        return ""
    parts = [
        str(n).removesuffix(part_areas.PART_SUFFIX)  # the sentence says which part; no "(part)" mark
        for n in group.loc[~group["whole_area_in_icb"].astype(bool), "area_name"]
    ]
    if len(parts) == 1:
        return f"; the rank of {parts[0]} is the whole district's, only part of which is in this ICB"
    return f"; the ranks of {' and '.join(parts)} are the whole districts', only parts of which are in this ICB"


def _residents_of(area: ProfileArea) -> str:
    """ "Blackpool's residents"; for a district partly in the ICB "the residents of Westmorland and Furness (whole
    district)" (the Core20 share is the district's, from all its LSOAs)."""
    return f"{area.name}'s residents" if area.whole_area_in_icb else f"the residents of {area.whole_name}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def messages_population(
    area: ProfileArea, summaries: pd.DataFrame, population: place_profile.AreaPopulation | None, vintage: int
) -> float:
    """The population the key messages' "people affected" is a share of: the area's residents; for a district only
    partly in the ICB, the whole district's (its published figures are the whole district's)."""
    if not area.whole_area_in_icb and not summaries.empty:
        own = summaries[(summaries["area_code"] == area.code) & (summaries["imd_vintage"] == vintage)]
        if not own.empty:
            return float(own.iloc[0]["population"])
    return float(population.residents) if population is not None else 0.0


def _area_decile_map(lsoas: pd.DataFrame, icb: Icb, area: ProfileArea) -> bytes | None:
    return profile_data.draw_decile_map(lsoas, area, icb.imd_vintage)


def _headline_section(data: ProfileData) -> Section:
    icb, area, summaries, population = data.icb, data.area, data.summaries, data.population
    section = Section("headline", "Population and Core20 share")
    own = summaries[summaries["area_code"] == area.code] if not summaries.empty else summaries
    rows = []
    if population is not None:
        when = "mid-2020" if population.period == "mid-2020" else "Census 2021"
        section.key_figures.append(KeyFigure(f"Residents ({when})", f"{population.residents:,}", population.describe()))
        section.sentences.append(f"{area.name}: {population.describe()}.")
        rows.append(
            {
                "measure": "Residents",
                "imd_vintage": icb.imd_vintage,
                "value": population.residents,
                "unit": "people",
                "period": population.period,
                "source": population.source,
                "note": "summed from the area's LSOAs" + (" (the part in the ICB)" if population.part_of else ""),
            }
        )
    else:
        section.sentences.append(narrative.no_data_sentence("Population", area.name))
    for vintage in config.IMD_VINTAGES:
        row = own[own["imd_vintage"] == vintage] if not own.empty else own
        if row.empty:
            section.key_figures.append(
                KeyFigure(
                    f"Core20 share, IMD {vintage}",
                    narrative.NO_DATA,
                    f"{area.name} is not an area of the IMD {vintage} geography",
                )
            )
            section.sentences.append(
                narrative.no_data_sentence(
                    f"Core20 population share (IMD {vintage})",
                    area.name,
                    f"{area.code} is not an area of the IMD {vintage} geography",
                )
            )
            continue
        r = row.iloc[0]
        share = float(r["core20_population_share"])
        england = data.england_core20[vintage]
        whole = "" if area.whole_area_in_icb else (f"; {whole_district(area, r)}, not only the part in this ICB")
        section.key_figures.append(
            KeyFigure(
                f"Core20 share, IMD {vintage}",
                narrative.format_value(share, "%"),
                f"England {narrative.format_value(england, '%')}; people in LSOAs in national IMD deciles 1-2; IMD "
                f"weighting population: {r['population_source']}{whole}",
            )
        )
        section.sentences.append(
            narrative.core20_sentence(
                share,
                england,
                _residents_of(area),
                vintage,
                f"shares weighted by {r['population_source']} ({int(r['population']):,} people"
                f"{'' if area.whole_area_in_icb else ' in all ' + format(int(r['lsoas']), ',')}"
                f"{'' if area.whole_area_in_icb else ' LSOAs of the district'}"
                "), the population the indices use, not the residents above",
            )
        )
        rows.append(
            {
                "measure": "Core20 population share",
                "imd_vintage": vintage,
                "value": round(share, 2),
                "unit": "%",
                "period": f"IMD {vintage}",
                "source": f"MHCLG IoD{vintage}; weights: {r['population_source']}",
                "note": f"England {england:.2f}%",
            }
        )
    current = own[own["imd_vintage"] == icb.imd_vintage] if not own.empty else own
    if not current.empty:
        share = float(current.iloc[0]["core20_population_share"])
        section.headline = narrative.core20_headline(share, _residents_of(area), f"IMD {icb.imd_vintage}")
    section.tables["headline"] = pd.DataFrame(rows)
    if data.map_lsoas is not None:
        png = _area_decile_map(data.map_lsoas, icb, area)
        if png is not None:
            section.images[DECILE_MAP] = png
    section.source = (
        "ONS mid-2020 LSOA population estimates / Census 2021 usual residents; MHCLG English Indices "
        "of Deprivation 2019 and 2025"
    )
    return section


def _deprivation_section(data: ProfileData) -> Section:
    icb, area, summaries, deciles = data.icb, data.area, data.summaries, data.deciles
    section = Section("deprivation", "Deprivation")
    for _, r in place_profile.england_rank_rows(summaries, area).iterrows():
        what = _ranked_as(r, area)
        section.sentences.append(
            f"IMD {r['imd_vintage']}: {what} is {_rank_words(r)} on average IMD score ({r['avg_score']:.1f}, "
            f"{r['summary_source']}; rank 1 = most deprived), with {r['pct_lsoas_most_deprived_10']:.1f}% of its "
            f"LSOAs in the most deprived 10% in England."
        )
        section.key_figures.append(
            KeyFigure(
                f"IMD {r['imd_vintage']} rank",
                f"{int(r['avg_score_rank'])} of {int(r['areas_ranked'])}",
                f"{str(r['ranked_among']).replace('English districts', 'districts in England')}; average score "
                f"{r['avg_score']:.1f} ({r['summary_source']}); 1 = most deprived"
                + (
                    ""
                    if area.whole_area_in_icb or r["area_code"] != area.code
                    else f"; {whole_district(area, r)}, not only the part in this ICB"
                ),
            )
        )
        if int(r["imd_vintage"]) == icb.imd_vintage:
            name = what.split(" (the unitary")[0]
            section.headline = f"{name} is {_rank_words(r)} (IMD {r['imd_vintage']} average score)"
    districts = data.district_ranks
    for vintage, group in districts.groupby("imd_vintage", sort=True) if not districts.empty else []:
        first, last = group.iloc[0], group.iloc[-1]
        of = f"of {int(first['areas_ranked']):,}"
        section.sentences.append(
            f"IMD {vintage}: {area.name}'s {len(group)} districts range from {first['area_name']} "
            f"({_ordinal(int(first['avg_score_rank']))} most deprived {of} districts in England) to "
            f"{last['area_name']} "
            f"({_ordinal(int(last['avg_score_rank']))})" + _part_districts(group) + "."
        )
        section.key_figures.append(
            KeyFigure(
                f"IMD {vintage} ranks of its districts",
                f"{int(first['avg_score_rank'])}-{int(last['avg_score_rank'])} {of}",
                f"{len(group)} districts, {first['area_name']} most deprived; districts in England; 1 = most deprived"
                + _part_districts(group),
            )
        )
    if not districts.empty:
        section.tables["district_ranks"] = districts
    for vintage in config.IMD_VINTAGES:
        if summaries.empty or not (summaries["imd_vintage"] == vintage).any():
            section.sentences.append(
                narrative.no_data_sentence(
                    f"IMD {vintage} summary", area.name, f"{area.code} is not an area of the IMD {vintage} geography"
                )
            )
    section.tables["deprivation_summary"] = deprivation.round_summaries(summaries).reset_index(drop=True)
    if not deciles.empty:
        shares = data.decile_shares
        section.tables["decile_distribution"] = shares
        title = (
            f"{_capital(area.part_name)}: residents by national IMD decile (decile 1 = most deprived 10% of England)"
        )
        section.charts["decile_distribution"] = ChartSpec("decile_share", shares, {"title": title})
        section.slide_parts.append(
            SlidePart(
                ChartSpec(
                    "decile_share_slide",
                    shares,
                    {
                        "title": f"{_capital(area.part_name)}: residents by national IMD decile",
                        "subtitle": "Decile 1 = the most deprived 10% of neighbourhoods in England",
                    },
                )
            )
        )
    wards = data.wards
    section.tables["most_deprived_wards"] = wards
    for r in wards.itertuples():
        section.key_figures.append(
            KeyFigure(
                "Most deprived ward"
                if not section.key_figures or "ward" not in section.key_figures[-1].label
                else "Next most deprived ward",
                str(r.area_name),
                f"average IMD {icb.imd_vintage} score {r.avg_score:.1f}; "
                f"rank {r.avg_score_rank:,} of {r.areas_ranked:,} English wards",
            )
        )
    if not wards.empty:
        names = ", ".join(f"{r.area_name} ({r.avg_score:.1f})" for r in wards.itertuples())
        within = "" if area.whole_area_in_icb else f" in {area.part_name}"
        section.sentences.append(f"Most deprived wards{within} by average IMD {icb.imd_vintage} score: {names}.")
    if not section.headline:
        section.headline = f"Deprivation in {area.name}"
    section.source = (
        "MHCLG English Indices of Deprivation 2019 and 2025 (published File 10 for districts where it "
        "exists, otherwise computed from LSOAs); ONS lookups and boundaries"
    )
    return section


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


def _indicator_section(data: ProfileData, key: str, title: str, page_charts: bool = True) -> Section:
    area, figures = data.area, data.figures[key]
    section = Section(key, title)
    section.sentences = figure_sentences(figures, area)
    section.sentences += topics.why_they_differ(figures.loc[figures["value"].notna(), "indicator_id"])
    trends_shown = False
    for _, row in figures.iterrows():
        figure = _figure(row, area)
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


def _inequality_section(data: ProfileData) -> Section:
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
        title = f"{_capital(where)}: gradient by national IMD decile"
        section.charts["gradient_by_decile"] = ChartSpec("gradient", gradient, {"title": title})
        section.slide_parts.append(SlidePart(ChartSpec("gradient", gradient, {"title": title, "facet_width": 180})))
    section.tables["inequality_statistics"] = pd.DataFrame(stats_rows)
    gaps = data.gaps
    section.tables["life_expectancy_gap"] = gaps
    section.sentences.extend(figure_sentences(gaps, area))
    for _, row in gaps.iterrows():
        figure = _figure(row, area)
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


def _gradient_words(section: Section, item: profile_data.Gradient, where: str) -> list[dict[str, object]]:
    """Add one census measure's SII and Core20 gap to ``section`` (key figures, sentences, the headline) and return
    its rows of the inequality statistics table."""
    stats_rows: list[dict[str, object]] = []
    measure, sii_row, gap_row = item.measure, item.sii, item.core20_gap
    name = str(measure["measure"].iloc[0]).split(" (IMD")[0]
    vintage = int(measure["imd_vintage"].iloc[0])
    indicator_id, places = profile_data.gradient_indicator(name)
    period = f"IMD {vintage} deciles; Census 2021 (crude, not age-standardised)"
    source = "Office for National Statistics (Census 2021) and MHCLG (IMD 2025)"
    if sii_row is not None:
        r = sii_row
        stats_rows.append(
            {
                "indicator_id": indicator_id,
                "measure": name,
                "value": round(r["value"], places),
                "statistic": "slope index of inequality (most minus least deprived)",
                "lowercl": round(r["lowercl"], places),
                "uppercl": round(r["uppercl"], places),
                "unit": "percentage points",
                "confidence": "95%",
                "period": period,
                "method": str(r["method"]),
                "source": source,
            }
        )
        section.key_figures.append(
            KeyFigure(
                f"{name}: slope index of inequality",
                f"{r['value']:.1f} pp",
                f"most minus least deprived; 95% CI {r['lowercl']:.1f} to {r['uppercl']:.1f}; {period}",
            )
        )
        section.sentences.append(
            narrative.sii_sentence(
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
        stats_rows.append(
            {
                "indicator_id": indicator_id,
                "measure": name,
                "value": round(g["value"], places),
                "statistic": "Core20 minus rest (absolute gap)",
                "lowercl": round(g["lowercl"], places),
                "uppercl": round(g["uppercl"], places),
                "unit": "percentage points",
                "confidence": "95%",
                "period": period,
                "method": str(g["method"]),
                "source": source,
            }
        )
        section.key_figures.append(
            KeyFigure(
                f"{name}: Core20 minus rest",
                f"{g['value']:.1f} pp",
                f"{g['value_a']:.1f}% vs {g['value_b']:.1f}%; 95% CI {g['lowercl']:.1f} to {g['uppercl']:.1f}; "
                f"{period}",
            )
        )
        section.sentences.append(
            narrative.core20_gap_sentence(
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
    return stats_rows


def _notes_section(area: ProfileArea, figures: pd.DataFrame, gaps: pd.DataFrame) -> Section:
    section = Section("notes", "Things to note")
    own = figures[figures["value"].notna()]
    own_figures = [_figure(r, area) for _, r in own.iterrows()]
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
        figure = _figure(row, area)
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
