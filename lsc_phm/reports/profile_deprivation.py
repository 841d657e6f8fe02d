"""The first two sections of a named area's place profile: population and Core20 share, and deprivation.

"Population and Core20 share" gives the residents (ONS) and the population-weighted Core20 share for each IMD
vintage against England's; "Deprivation" gives the England ranks of the area (and of its districts), its residents
by national IMD decile, and its most deprived wards. A district only partly in the ICB is described as the whole
district, since the published summaries are the whole district's. Both are written from a
:class:`~lsc_phm.views.profile_data.ProfileData`.

References
----------
.. [1] Ministry of Housing, Communities and Local Government. The English Indices of Deprivation 2025: technical
   report (File 10: local authority district summaries).
"""

from __future__ import annotations

import pandas as pd

from lsc_phm import config
from lsc_phm.domain import deprivation, part_areas
from lsc_phm.domain.geography import Icb
from lsc_phm.reports import narrative
from lsc_phm.reports.profile_model import DECILE_MAP, ChartSpec, KeyFigure, Section, SlidePart
from lsc_phm.reports.profile_sections import capitalise_first
from lsc_phm.views import profile_data, profile_headline
from lsc_phm.views.place_profile_areas import ProfileArea
from lsc_phm.views.profile_data import ProfileData


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


def area_decile_map_png(lsoas: pd.DataFrame, icb: Icb, area: ProfileArea) -> bytes | None:
    """The static map of ``area``'s LSOAs by national IMD decile of the ICB's vintage, as PNG bytes.

    Parameters
    ----------
    lsoas : pandas.DataFrame
        The area's LSOAs with their decile and shapes (:attr:`lsc_phm.views.profile_data.ProfileData.map_lsoas`).
    icb : Icb
        The ICB, for its IMD vintage.
    area : ProfileArea
        The area, for the map's title.

    Returns
    -------
    bytes or None
        The PNG (:func:`lsc_phm.views.profile_data.draw_decile_map`), or None when no shapes are held.
    """
    return profile_data.draw_decile_map(lsoas, area, icb.imd_vintage)


def headline_section(data: ProfileData) -> Section:
    """The profile's first section, "Population and Core20 share", for a named area.

    Parameters
    ----------
    data : ProfileData
        The area's numbers (:func:`lsc_phm.views.profile_data.profile_data`).

    Returns
    -------
    Section
        Residents and the Core20 share for each IMD vintage (key figures, sentences and the ``headline`` table),
        headed by the current vintage's Core20 share, with the decile map where shapes are held.
    """
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
    rows += _core20_figures(section, data, own)
    current = own[own["imd_vintage"] == icb.imd_vintage] if not own.empty else own
    if not current.empty:
        share = float(current.iloc[0]["core20_population_share"])
        section.headline = narrative.core20_headline(share, _residents_of(area), f"IMD {icb.imd_vintage}")
    section.tables["headline"] = pd.DataFrame(rows)
    if data.map_lsoas is not None:
        png = area_decile_map_png(data.map_lsoas, icb, area)
        if png is not None:
            section.images[DECILE_MAP] = png
    section.source = (
        "ONS mid-2020 LSOA population estimates / Census 2021 usual residents; MHCLG English Indices "
        "of Deprivation 2019 and 2025"
    )
    return section


def _core20_figures(section: Section, data: ProfileData, own: pd.DataFrame) -> list[dict[str, object]]:
    """Add the area's Core20 share for each IMD vintage to ``section`` (a key figure and a sentence, or why there is
    none) and return its rows of the headline table."""
    area = data.area
    rows: list[dict[str, object]] = []
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
    return rows


def deprivation_section(data: ProfileData) -> Section:
    """The "Deprivation" section of a named area's profile.

    Parameters
    ----------
    data : ProfileData
        The area's numbers (:func:`lsc_phm.views.profile_data.profile_data`).

    Returns
    -------
    Section
        England and district ranks on average IMD score for each vintage (published File 10 where it exists, else
        computed from LSOAs), the residents by national IMD decile (table and charts) and the most deprived wards;
        a sentence saying so where a vintage has no summary for the area.
    """
    icb, area, summaries, deciles = data.icb, data.area, data.summaries, data.deciles
    section = Section("deprivation", "Deprivation")
    _england_ranks(section, data)
    _district_ranks(section, data)
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
            f"{capitalise_first(area.part_name)}: residents by national IMD decile "
            "(decile 1 = most deprived 10% of England)"
        )
        section.charts["decile_distribution"] = ChartSpec("decile_share", shares, {"title": title})
        section.slide_parts.append(
            SlidePart(
                ChartSpec(
                    "decile_share_slide",
                    shares,
                    {
                        "title": f"{capitalise_first(area.part_name)}: residents by national IMD decile",
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


def _england_ranks(section: Section, data: ProfileData) -> None:
    """Add the area's England rank on average IMD score, per vintage, to ``section`` (the current vintage's is the
    headline)."""
    icb, area, summaries = data.icb, data.area, data.summaries
    for _, r in profile_headline.england_rank_rows(summaries, area).iterrows():
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


def _district_ranks(section: Section, data: ProfileData) -> None:
    """Add the range of England ranks of the area's districts, per IMD vintage, to ``section`` (for a place of several
    districts; the rank of a district only partly in the ICB is the whole district's)."""
    area = data.area
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
