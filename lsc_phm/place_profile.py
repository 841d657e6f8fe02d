"""Page data for the place profile and its briefing: one function, :func:`build`, used by the page, the
PowerPoint/HTML briefing and the CLI, so a number is the same wherever it appears.

A profile is for the ICB, one of its places or one of its districts. It holds, in order: headline population and
Core20 share; a deprivation summary (File 10-style ranks, decile distribution, most deprived wards, a static map);
healthy life expectancy and life expectancy against England; smoking; the Core20PLUS5 indicators; the inequality
gradient within the area (slope index of inequality by national IMD decile, Core20 vs the rest); and "things to
note". Every indicator value comes from :func:`lsc_phm.indicator_data.values` (suppression, rounding, England
comparison and metadata included); every sentence comes from :mod:`lsc_phm.narrative`.

Which level an indicator is taken from ("best available level"):

* published local-authority series (life expectancy, HLE, smoking, cancer stage, CVD mortality, dental decay,
  health checks): the district itself, or a place that is exactly one whole upper-tier authority; the ICB has none;
* QOF registers: the ICB itself; for a place or district, the sub-ICB location whose LSOAs are exactly the area's
  (Blackpool = 00R, Blackburn with Darwen = 00Q); otherwise the ICB's value, labelled as the ICB's.

References
----------
.. [1] NHS England. Core20PLUS5: an approach to reducing healthcare inequalities (adults; children and young people).
.. [2] MHCLG. The English Indices of Deprivation 2019 and 2025: technical reports (summary measures, File 10).
.. [3] OHID. Fingertips Public Health Technical Guidance: benchmark comparison; slope index of inequality.
.. [4] Low A, Low A. Measuring the gap: quantifying and comparing local health inequalities. J Public Health
   2004;26:388-395.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import altair as alt
import numpy as np
import pandas as pd

from lsc_phm import charts, config, deprivation, geography, indicator_data, indicators, narrative, static_maps
from lsc_phm.db import Database
from lsc_phm.geography import Icb
from lsc_phm.stats import core20_gap, sii, wilson_ci

PROFILE_LEVELS: tuple[str, ...] = ("icb", "place", "district")
LEVEL_WORDS = {"icb": "ICB", "place": "Place", "district": "District"}
#: Indicators per section, in the order shown.
LIFE_EXPECTANCY_IDS = ("hle_male", "hle_female", "le_male", "le_female")
SMOKING_IDS = ("smoking_adults", "smoking_routine_manual", "cigarette_smokers_5yr")
CORE20PLUS5_IDS = ("qof_hyp", "qof_mh", "qof_copd", "qof_ast", "qof_dm", "qof_ep", "cancer_stage_1_2",
                   "preventable_cvd_mortality", "dental_decay_5yo", "health_checks_received")
GAP_IDS = ("sii_le_male", "sii_le_female")
#: Series whose periods are cumulative, so "latest vs previous" is not a change in the indicator.
CUMULATIVE_IDS = frozenset({"health_checks_received"})
#: Simulations for the SII confidence limits (fixed seed: the same profile gives the same limits every time).
SII_REPETITIONS = 10_000
SII_SEED = 20260
FIGURE_COLUMNS: tuple[str, ...] = indicator_data.EXPORT_COLUMNS + (
    "previous_period", "previous_value", "previous_lowercl", "previous_uppercl", "value_for", "note",
)


# ------------------------------------------------------------------------------------------------ areas
@dataclass(frozen=True)
class ProfileArea:
    """The area a profile is about."""

    code: str
    name: str
    level: str
    lsoas: int
    whole_area_in_icb: bool
    upper_tier_code: str | None = None

    @property
    def label(self) -> str:
        """Menu label, e.g. "Place: Blackpool"."""
        return f"{LEVEL_WORDS[self.level]}: {self.name}"


def is_partial_place(place_code: str) -> bool:
    """Whether a place is a fragment outside the ICB's own places (e.g. the 3 North Yorkshire LSOAs of QE1, see
    :func:`lsc_phm.geography.is_icb_place`); such places can be chosen but are left out of ``--all-places``."""
    return not geography.is_icb_place(place_code)


def choosable_areas(db: Database, icb: Icb) -> pd.DataFrame:
    """Return the areas a profile can be made for: the ICB, then its places, then its districts (by name).

    Returns
    -------
    pandas.DataFrame
        ``area_code, area_name, level, label, lsoas, whole_area_in_icb, same_as_upper_tier_code``.
    """
    frames = []
    for level in PROFILE_LEVELS:
        frame = geography.areas(db, icb, level).copy()
        frame["level"] = level
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    out["label"] = [f"{LEVEL_WORDS[lv]}: {name}" + ("" if whole else " (part in the ICB)")
                    for lv, name, whole in zip(out["level"], out["area_name"], out["whole_area_in_icb"])]
    return out[["area_code", "area_name", "level", "label", "lsoas", "whole_area_in_icb", "same_as_upper_tier_code"]]


def resolve_area(db: Database, icb: Icb, code: str) -> ProfileArea:
    """Find a profile area by code (ICB ONS code, place code such as ``QE1-E06000009``, or district LAD code).

    Raises
    ------
    ValueError
        One line naming the valid codes, if ``code`` is not the ICB, a place or a district of it.
    """
    table = choosable_areas(db, icb)
    rows = table[table["area_code"] == str(code).strip()]
    if rows.empty:
        raise ValueError(f"unknown area code '{code}' for {icb.name} (IMD {icb.imd_vintage} geography); "
                         f"valid codes: {', '.join(table['area_code'])}")
    row = rows.iloc[0]
    upper = row["same_as_upper_tier_code"]
    return ProfileArea(str(row["area_code"]), str(row["area_name"]), str(row["level"]), int(row["lsoas"]),
                       bool(row["whole_area_in_icb"]), None if pd.isna(upper) else str(upper))


def briefing_place_codes(db: Database, icb: Icb) -> list[str]:
    """The ICB's own places (partial places such as North Yorkshire (part) left out), by name."""
    places = geography.areas(db, icb, "place")
    return [code for code in places["area_code"] if not is_partial_place(code)]


# ------------------------------------------------------------------------------------------------ containers
@dataclass(frozen=True)
class KeyFigure:
    """A figure shown large on the page and as real text in the briefing."""

    label: str
    value: str
    detail: str = ""


@dataclass
class Section:
    """One section of the profile: words, key figures, tables (export-ready), charts and static images."""

    key: str
    title: str
    sentences: list[str] = field(default_factory=list)
    key_figures: list[KeyFigure] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    charts: dict[str, alt.TopLevelMixin] = field(default_factory=dict)
    images: dict[str, bytes] = field(default_factory=dict)
    source: str = ""


@dataclass
class Profile:
    """Everything the page and the briefing show for one area."""

    area: ProfileArea
    icb: Icb
    sections: list[Section]
    datasets: pd.DataFrame
    built_at: str

    def section(self, key: str) -> Section:
        """Return the section with this key.

        Raises
        ------
        ValueError
            If there is no such section.
        """
        for section in self.sections:
            if section.key == key:
                return section
        raise ValueError(f"no section '{key}'; sections: {', '.join(s.key for s in self.sections)}")


# ------------------------------------------------------------------------------------------------ helpers
def _catalogue(db: Database) -> pd.DataFrame:
    return db.query("datasets")


def _publishers(catalogue: pd.DataFrame, keys: tuple[str, ...]) -> str:
    found = catalogue[catalogue["dataset"].isin(keys)]
    names = list(dict.fromkeys(found["publisher"]))
    return "; ".join(names) if names else "no catalogued source"


def _icb_in(db: Database, icb: Icb, vintage: int) -> Icb:
    return icb if icb.imd_vintage == vintage else geography.resolve_icb(db, icb.code, vintage)


def _value_location(db: Database, icb: Icb, area: ProfileArea, indicator: indicators.Indicator
                    ) -> tuple[str, str, str, str]:
    """Return (level, area code, name the value is for, note) for the best available level."""
    if indicator.id.startswith("qof_"):
        if area.level == "icb":
            return "icb", icb.code, area.name, ""
        match = db.query("profile_matching_sicbl", vintage=icb.imd_vintage, icb=icb.code, level=area.level,
                         area_code=area.code)
        if not match.empty:
            row = match.iloc[0]
            return ("sicbl", str(row["sicbl_code"]), area.name,
                    f"QOF for sub-ICB location {row['sicbl_ods_code']}, whose LSOAs are exactly {area.name}'s "
                    "(patients registered with its practices)")
        return ("icb", icb.code, icb.name,
                f"QOF is published for GP practices, sub-ICBs and ICBs, and no sub-ICB matches {area.name}: "
                f"the value shown is {icb.name}'s")
    return area.level, area.code, area.name, ""


def _same_kind(period_a: str, period_b: str) -> bool:
    """Whether two period labels are of the same kind (e.g. both single years, or both 3-year pooled), so that
    "latest vs previous" compares like with like."""
    return re.sub(r"\d", "9", str(period_a)) == re.sub(r"\d", "9", str(period_b))


def _no_data_row(area: ProfileArea, indicator: indicators.Indicator, source: str, note: str) -> dict[str, object]:
    row: dict[str, object] = {column: np.nan for column in FIGURE_COLUMNS}
    row.update(area_code=area.code, area_name=area.name, indicator_id=indicator.id, indicator=indicator.name,
               period="", unit=indicator.unit, comparison="No open data", confidence="", method="", suppressed=False,
               suppression_reason="", source=source, previous_period="", value_for="", note=note)
    return row


def _missing_reason(indicator: indicators.Indicator, area: ProfileArea) -> str:
    if area.level == "icb" and not indicator.id.startswith("qof_"):
        return "published for local authorities, not for ICBs; see the place profiles"
    if indicator.id in ("hle_male", "hle_female", "health_checks_received"):
        return "published for upper-tier authorities only"
    if area.level == "place" and area.upper_tier_code is None:
        return "published for local authorities, and this place is not one whole authority"
    return f"not published for this {area.level} in the open data used here"


def indicator_figures(db: Database, icb: Icb, area: ProfileArea, indicator_ids: tuple[str, ...]) -> pd.DataFrame:
    """Return each indicator's latest value for the area (best available level), with its previous period.

    Parameters
    ----------
    db : Database
    icb : Icb
    area : ProfileArea
    indicator_ids : tuple of str

    Returns
    -------
    pandas.DataFrame
        :data:`FIGURE_COLUMNS`: the export columns of :func:`lsc_phm.indicator_data.values` (suppressed, rounded,
        compared with England) for the latest period with a value, plus the previous period's value and limits,
        ``value_for`` (the area the value belongs to) and ``note``. An indicator with no value has
        ``comparison = "No open data"`` and the reason in ``note``.
    """
    catalogue = _catalogue(db)
    rows: list[dict[str, object]] = []
    for indicator_id in indicator_ids:
        indicator = indicators.get(indicator_id)
        source = _publishers(catalogue, indicator.sources)
        level, code, value_for, note = _value_location(db, icb, area, indicator)
        history = indicator_data.series(db, icb, indicator_id, [code])
        history = history[history["value"].notna()]
        if history.empty:
            rows.append(_no_data_row(area, indicator, source, _missing_reason(indicator, area)))
            continue
        periods = list(history.sort_values("period_sort")["period"].drop_duplicates())
        latest = indicator_data.values(db, icb, indicator_id, level, periods[-1])
        latest = latest[latest["area_code"] == code]
        if latest.empty or latest["value"].isna().all() and not latest["suppressed"].any():
            rows.append(_no_data_row(area, indicator, source, _missing_reason(indicator, area)))
            continue
        row = latest.iloc[0].to_dict()
        row.update(area_code=area.code, area_name=area.name, source=source, value_for=value_for, note=note,
                   previous_period="", previous_value=np.nan, previous_lowercl=np.nan, previous_uppercl=np.nan)
        if len(periods) > 1 and indicator_id not in CUMULATIVE_IDS and _same_kind(periods[-1], periods[-2]):
            previous = indicator_data.values(db, icb, indicator_id, level, periods[-2])
            previous = previous[previous["area_code"] == code]
            if not previous.empty and previous["value"].notna().any():
                prev = previous.iloc[0]
                row.update(previous_period=periods[-2], previous_value=prev["value"],
                           previous_lowercl=prev["lowercl"], previous_uppercl=prev["uppercl"])
        rows.append(row)
    return pd.DataFrame.from_records(rows, columns=list(FIGURE_COLUMNS))


def _figure(row: pd.Series, area: ProfileArea) -> narrative.Figure:
    indicator = indicators.get(str(row["indicator_id"]))
    value_for = row["value_for"] if isinstance(row["value_for"], str) and row["value_for"] else None
    return narrative.Figure(
        indicator=indicator.name, area=area.name, value=None if pd.isna(row["value"]) else float(row["value"]),
        unit=indicator.unit, period=str(row["period"]) or None, source=str(row["source"]),
        england=None if pd.isna(row["england_value"]) else float(row["england_value"]),
        comparison=str(row["comparison"]), confidence=str(row["confidence"] or ""), decimals=indicator.decimals,
        shown_for=value_for if value_for != area.name else None,
    )


def _change(row: pd.Series, area: ProfileArea) -> narrative.Change | None:
    if pd.isna(row["value"]) or pd.isna(row["previous_value"]):
        return None
    indicator = indicators.get(str(row["indicator_id"]))

    def limits(low: object, high: object) -> tuple[float, float] | None:
        return None if pd.isna(low) or pd.isna(high) else (float(low), float(high))

    where = area.name if not row["value_for"] or row["value_for"] == area.name else str(row["value_for"])
    return narrative.Change(
        indicator=indicator.name, area=where, unit=indicator.unit, source=str(row["source"]),
        latest_period=str(row["period"]), previous_period=str(row["previous_period"]), latest=float(row["value"]),
        previous=float(row["previous_value"]), polarity=indicator.polarity,
        latest_ci=limits(row["lowercl"], row["uppercl"]),
        previous_ci=limits(row["previous_lowercl"], row["previous_uppercl"]), decimals=indicator.decimals,
    )


def figure_sentences(figures: pd.DataFrame, area: ProfileArea) -> list[str]:
    """One careful sentence per indicator (see :mod:`lsc_phm.narrative`), with the value-level note if any."""
    sentences = []
    for _, row in figures.iterrows():
        sentence = narrative.comparison_sentence(_figure(row, area), str(row["note"]) if pd.isna(row["value"]) else "")
        if not pd.isna(row["value"]) and row["note"]:
            sentence += f" ({row['note']}.)"
        sentences.append(sentence)
    return sentences


def indicator_chart(figures: pd.DataFrame, title: str) -> alt.FacetChart | None:
    """Small multiples: one bar per indicator with its confidence interval and England as a black tick.

    Scales are independent per indicator (units differ). Colour = the England comparison (text in the tooltip).
    Returns None when no indicator has a value.
    """
    frame = figures[figures["value"].notna()].copy()
    if frame.empty:
        return None
    frame["label"] = [f"{name} ({period})" for name, period in zip(frame["indicator"], frame["period"])]
    frame["shown"] = [v if isinstance(v, str) and v else a for v, a in zip(frame["value_for"], frame["area_name"])]
    frame["text_x"] = frame[["value", "uppercl", "england_value"]].max(axis=1)
    frame = frame[["label", "shown", "value", "lowercl", "uppercl", "england_value", "comparison", "unit", "period",
                   "text_x"]]
    present = [c for c in charts.COMPARISON_COLOURS if c in set(frame["comparison"])]
    base = alt.Chart()
    colour = alt.Color("comparison:N", title="Compared with England",
                       scale=alt.Scale(domain=present, range=[charts.COMPARISON_COLOURS[c] for c in present]),
                       legend=alt.Legend(orient="bottom", columns=3, labelLimit=400))
    tooltip = [alt.Tooltip("label:N", title="Indicator"), alt.Tooltip("shown:N", title="Value for"),
               alt.Tooltip("value:Q", title="Value"), alt.Tooltip("lowercl:Q", title="Lower CI"),
               alt.Tooltip("uppercl:Q", title="Upper CI"), alt.Tooltip("england_value:Q", title="England"),
               alt.Tooltip("comparison:N", title="vs England"), alt.Tooltip("unit:N", title="Unit")]
    bars = base.mark_bar(height=16).encode(
        x=alt.X("value:Q", title=None, scale=alt.Scale(zero=True)),
        y=alt.Y("shown:N", title=None, axis=alt.Axis(labels=False, ticks=False)), color=colour, tooltip=tooltip)
    whiskers = base.mark_rule(color="#333", strokeWidth=1.5).encode(
        x="lowercl:Q", x2="uppercl:Q", y=alt.Y("shown:N"))
    england = base.mark_tick(color="#000", thickness=3, size=26).encode(
        x=alt.X("england_value:Q"), y=alt.Y("shown:N"), tooltip=tooltip)
    labels = base.mark_text(align="left", dx=6, fontSize=11, fontWeight="bold").encode(
        x="text_x:Q", y="shown:N", text=alt.Text("value:Q", format=",.1f"))
    return (
        alt.layer(bars, whiskers, england, labels, data=frame)
        .properties(width=420, height=26)
        .facet(row=alt.Row("label:N", title=None, sort=list(frame["label"]),
                           header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top",
                                             labelFontSize=12,
                                             labelFontWeight="bold", labelPadding=2)),
               title=alt.Title(title, subtitle="Bar = value with confidence interval; black tick = England"))
        .resolve_scale(x="independent")
        .configure_facet(spacing=8)
    )


# ------------------------------------------------------------------------------------------------ sections
def _summary_rows(db: Database, icb: Icb, area: ProfileArea) -> pd.DataFrame:
    frames = []
    among = {"district": "English districts", "place": f"places in {icb.name}", "icb": "ICBs in England"}
    for vintage in config.IMD_VINTAGES:
        icb_v = _icb_in(db, icb, vintage)
        targets = [(area.level, area.code)]
        if area.level == "place" and area.upper_tier_code and area.upper_tier_code.startswith("E06"):
            targets.append(("district", area.upper_tier_code))  # a unitary authority is also a district
        for level, code in targets:
            summary = deprivation.summaries(db, icb_v, level, vintage, rounded=False)
            row = summary[summary["area_code"] == code].copy()
            if row.empty:
                continue
            row.insert(0, "imd_vintage", vintage)
            row.insert(3, "ranked_among", among[level])
            frames.append(row)
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


def _headline_section(db: Database, icb: Icb, area: ProfileArea, summaries: pd.DataFrame) -> Section:
    section = Section("headline", "Population and Core20 share")
    period = "mid-2020" if icb.imd_vintage == 2019 else "2021"
    population = indicator_data.values(db, icb, "population", area.level, period)
    population = population[population["area_code"] == area.code]
    own = summaries[summaries["area_code"] == area.code] if not summaries.empty else summaries
    rows = []
    if not population.empty and population["value"].notna().any():
        residents = float(population["value"].iloc[0])
        source = ("ONS mid-2020 LSOA population estimates" if period == "mid-2020" else "ONS Census 2021 usual residents")
        section.key_figures.append(KeyFigure(f"Population ({'mid-2020' if period == 'mid-2020' else 'Census 2021'})",
                                             f"{residents:,.0f}", f"{area.lsoas:,} LSOAs; {source}"))
        section.sentences.append(f"{area.name} has {residents:,.0f} residents ({source}, {period}) in {area.lsoas:,} "
                                 f"LSOAs (IMD {icb.imd_vintage} geography). Source: Office for National Statistics.")
        rows.append({"measure": "Population", "imd_vintage": icb.imd_vintage, "value": residents, "unit": "people",
                     "period": period, "source": source})
    else:
        section.sentences.append(narrative.no_data_sentence("Population", area.name))
    for vintage in config.IMD_VINTAGES:
        row = own[own["imd_vintage"] == vintage] if not own.empty else own
        if row.empty:
            section.key_figures.append(KeyFigure(f"Core20 share, IMD {vintage}", "no open data",
                                                 f"{area.name} is not an area of the IMD {vintage} geography"))
            section.sentences.append(narrative.no_data_sentence(
                f"Core20 population share (IMD {vintage})", area.name,
                f"{area.code} is not an area of the IMD {vintage} geography"))
            continue
        r = row.iloc[0]
        share = float(r["core20_population_share"])
        section.key_figures.append(KeyFigure(
            f"Core20 share, IMD {vintage}", narrative.format_value(share, "%"),
            "people in LSOAs in national IMD deciles 1-2"))
        section.sentences.append(
            f"{narrative.format_value(share, '%')} of {area.name}'s population live in the Core20 (the most deprived "
            f"20% of LSOAs in England) on IMD {vintage}; weights: {r['population_source']}. Source: Ministry of "
            "Housing, Communities and Local Government (English Indices of Deprivation) and ONS.")
        rows.append({"measure": "Core20 population share", "imd_vintage": vintage, "value": round(share, 2), "unit": "%",
                     "period": f"IMD {vintage}", "source": f"MHCLG IoD{vintage}; weights: {r['population_source']}"})
    section.tables["headline"] = pd.DataFrame(rows)
    lsoas = db.query("profile_lsoas", vintage=icb.imd_vintage, icb=icb.code, level=area.level, area_code=area.code)
    png = static_maps.decile_map_png(lsoas, f"{area.name}: LSOAs by national IMD {icb.imd_vintage} decile "
                                            "(Core20 = deciles 1 and 2)")
    if png is not None:
        section.images["lsoa_decile_map"] = png
    section.source = "ONS population estimates / Census 2021; MHCLG English Indices of Deprivation 2019 and 2025."
    return section


def _decile_frame(db: Database, icb: Icb, area: ProfileArea) -> pd.DataFrame:
    frames = []
    for vintage in config.IMD_VINTAGES:
        icb_v = _icb_in(db, icb, vintage)
        frame = db.query("profile_decile_gradient", vintage=vintage, icb=icb_v.code, level=area.level,
                         area_code=area.code)
        if frame.empty:
            continue
        frame.insert(0, "imd_vintage", vintage)
        frames.append(frame)
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


def _deprivation_section(db: Database, icb: Icb, area: ProfileArea, summaries: pd.DataFrame,
                         deciles: pd.DataFrame) -> Section:
    section = Section("deprivation", "Deprivation")
    for _, r in summaries.iterrows():
        what = area.name if r["area_code"] == area.code else f"{r['area_name']} (as a district)"
        section.sentences.append(
            f"IMD {r['imd_vintage']}: {what} ranks {int(r['avg_score_rank'])} of {int(r['areas_ranked'])} "
            f"{r['ranked_among']} on average IMD score ({r['avg_score']:.1f}; rank 1 = most deprived), with "
            f"{r['pct_lsoas_most_deprived_10']:.1f}% of its LSOAs in the most deprived 10% in England "
            f"({r['summary_source']}). Source: Ministry of Housing, Communities and Local Government.")
        if r["area_code"] == area.code:
            section.key_figures.append(KeyFigure(f"IMD {r['imd_vintage']} rank",
                                                 f"{int(r['avg_score_rank'])} of {int(r['areas_ranked'])}",
                                                 f"{r['ranked_among']}, average score (1 = most deprived)"))
    for vintage in config.IMD_VINTAGES:
        if summaries.empty or not (summaries["imd_vintage"] == vintage).any():
            section.sentences.append(narrative.no_data_sentence(
                f"IMD {vintage} summary", area.name, f"{area.code} is not an area of the IMD {vintage} geography"))
    section.tables["deprivation_summary"] = deprivation.round_summaries(summaries).reset_index(drop=True)
    if not deciles.empty:
        shares = deciles[["imd_vintage", "imd_decile", "lsoas", "population"]].copy()
        shares["population_share"] = (100.0 * shares["population"]
                                      / shares.groupby("imd_vintage")["population"].transform("sum")).round(2)
        shares["imd_decile_label"] = [charts.DECILE_LABELS[int(d) - 1] for d in shares["imd_decile"]]
        shares.insert(0, "area_code", area.code)
        shares.insert(1, "place_name", area.name)
        section.tables["decile_distribution"] = shares
        chart = charts.decile_share_bars(shares).properties(
            title=f"{area.name}: population by national IMD decile (decile 1 = most deprived 10% of England)")
        section.charts["decile_distribution"] = chart
    wards = _top_wards(db, icb, area)
    section.tables["most_deprived_wards"] = wards
    for r in wards.itertuples():
        section.key_figures.append(KeyFigure(
            "Most deprived ward" if not section.key_figures or "ward" not in section.key_figures[-1].label
            else "Next most deprived ward", str(r.area_name),
            f"average IMD {icb.imd_vintage} score {r.avg_score:.1f}; rank {r.avg_score_rank:,} of {r.areas_ranked:,} "
            "English wards"))
    if not wards.empty:
        names = ", ".join(f"{r.area_name} ({r.avg_score:.1f})" for r in wards.itertuples())
        section.sentences.append(
            f"Most deprived wards by average IMD {icb.imd_vintage} score: {names}. Source: Ministry of Housing, "
            "Communities and Local Government; ONS ward lookups (best fit).")
    section.source = ("MHCLG English Indices of Deprivation 2019 (mid-2015 denominators) and 2025 (published File 10/13 "
                      "where they exist; otherwise Census 2021 weights); ONS lookups and boundaries.")
    return section


def _top_wards(db: Database, icb: Icb, area: ProfileArea, n: int = 5) -> pd.DataFrame:
    wards = geography.areas(db, icb, "ward")
    if area.level == "district":
        wards = wards[wards["lad_code"] == area.code]
    elif area.level == "place":
        wards = wards[wards["place_code"] == area.code]
    summary = deprivation.summaries(db, icb, "ward", icb.imd_vintage)
    top = summary[summary["area_code"].isin(wards["area_code"])].sort_values("avg_score", ascending=False).head(n)
    columns = ["area_code", "area_name", "lsoas", "population", "avg_score", "avg_score_rank", "areas_ranked",
               "pct_lsoas_most_deprived_10", "core20_population_share", "population_source"]
    out = top[columns].reset_index(drop=True)
    out.insert(0, "imd_vintage", icb.imd_vintage)
    return out


def _indicator_section(db: Database, icb: Icb, area: ProfileArea, key: str, title: str,
                       ids: tuple[str, ...]) -> tuple[Section, pd.DataFrame]:
    figures = indicator_figures(db, icb, area, ids)
    section = Section(key, title)
    section.sentences = figure_sentences(figures, area)
    for _, row in figures.iterrows():
        figure = _figure(row, area)
        detail = (f"{row['period']}; England {narrative.format_value(figure.england, figure.unit, figure.decimals)}; "
                  f"{narrative.comparison_label(figure)}") if figure.has_value else str(row["note"])
        if figure.has_value and figure.shown_for:
            detail += f"; value for {figure.shown_for}"
        section.key_figures.append(KeyFigure(figure.indicator, narrative.format_value(figure.value, figure.unit,
                                                                                      figure.decimals), detail))
    section.tables[key] = figures
    chart = indicator_chart(figures, f"{title}: {area.name}")
    if chart is not None:
        section.charts[key] = chart
    section.source = "; ".join(dict.fromkeys(str(s) for s in figures["source"]))
    return section, figures


def _gradient_measure(frame: pd.DataFrame, numerator: str, denominator: str, measure: str, vintage: int,
                      source: str) -> pd.DataFrame:
    usable = frame[(frame[denominator] > 0) & frame[numerator].notna()].copy()
    usable[numerator] = usable[numerator].clip(upper=usable[denominator])
    limits = wilson_ci(usable[numerator].to_numpy(), usable[denominator].to_numpy(), 0.95)
    return pd.DataFrame({
        "measure": f"{measure} (IMD {vintage} deciles)", "imd_vintage": vintage, "imd_decile": usable["imd_decile"].astype(int).to_numpy(),
        "imd_decile_label": [charts.DECILE_LABELS[int(d) - 1] for d in usable["imd_decile"]],
        "lsoas": usable["lsoas"].to_numpy(), "numerator": usable[numerator].round(0).to_numpy(),
        "denominator": usable[denominator].to_numpy(),
        "value": (100 * limits["value"]).round(2).to_numpy(), "lowercl": (100 * limits["lowercl"]).round(2).to_numpy(),
        "uppercl": (100 * limits["uppercl"]).round(2).to_numpy(), "confidence": "95%",
        "method": "Wilson score interval", "source": source,
    })


def _gradient_chart(gradient: pd.DataFrame, title: str) -> alt.FacetChart:
    base = alt.Chart()
    x = alt.X("imd_decile_label:N", title="National IMD decile (1 = most deprived)", sort=list(charts.DECILE_LABELS),
              axis=alt.Axis(labelAngle=-40))
    bars = base.mark_bar(color="#2171b5").encode(
        x=x, y=alt.Y("value:Q", title="% of residents"),
        tooltip=[alt.Tooltip("measure:N"), alt.Tooltip("imd_decile_label:N", title="Decile"),
                 alt.Tooltip("value:Q", title="%"), alt.Tooltip("lowercl:Q", title="Lower CI"),
                 alt.Tooltip("uppercl:Q", title="Upper CI"), alt.Tooltip("denominator:Q", title="Residents")])
    whiskers = base.mark_rule(color="#333").encode(x=x, y="lowercl:Q", y2="uppercl:Q")
    return (alt.layer(bars, whiskers, data=gradient).properties(width=300, height=200)
            .facet(column=alt.Column("measure:N", title=None, header=alt.Header(labelFontSize=12, labelFontWeight="bold")),
                   title=alt.Title(title, subtitle="95% confidence intervals (Wilson); LSOAs grouped by national decile"))
            .resolve_scale(x="independent", y="independent"))


def _inequality_section(db: Database, icb: Icb, area: ProfileArea, deciles: pd.DataFrame
                        ) -> tuple[Section, pd.DataFrame]:
    section = Section("inequality", "Inequality gradient within the area")
    measures = []
    current = deciles[deciles["imd_vintage"] == icb.imd_vintage] if not deciles.empty else deciles
    if not current.empty:
        measures.append(_gradient_measure(
            current, "income_deprived", "population", "Income deprivation", icb.imd_vintage,
            f"MHCLG IoD{icb.imd_vintage} income domain (rate x population denominator)"))
    census = deciles[deciles["imd_vintage"] == 2025] if not deciles.empty else deciles
    if not census.empty and census["disability_total"].fillna(0).sum() > 0:
        measures.append(_gradient_measure(
            census, "disabled", "disability_total", "Disabled (Equality Act)", 2025,
            "ONS Census 2021 TS038 by IMD 2025 decile"))
    gradient = pd.concat(measures, ignore_index=True) if measures else pd.DataFrame()
    stats_rows = []
    for measure in measures:
        name = str(measure["measure"].iloc[0]).split(" (IMD")[0]
        vintage = int(measure["imd_vintage"].iloc[0])
        period = f"IMD {vintage} deciles" + ("; Census 2021" if name.startswith("Disabled") else "")
        source = ("Ministry of Housing, Communities and Local Government" if name.startswith("Income")
                  else "Office for National Statistics (Census 2021) and MHCLG (IMD 2025)")
        if len(measure) >= 5:
            # national deciles present in the area, renumbered 1..K in order: with "local" ridit positions the
            # cumulative population shares, and so the SII, are unchanged by absent deciles
            result = sii(np.arange(1, len(measure) + 1), measure["denominator"], measure["value"] / 100,
                         measure["lowercl"] / 100, measure["uppercl"] / 100, value_type="proportion",
                         multiplier=100, repetitions=SII_REPETITIONS, seed=SII_SEED, rii=False)
            r = result.iloc[0]
            stats_rows.append({"measure": name, "statistic": "slope index of inequality", "value": round(r["value"], 2),
                               "lowercl": round(r["lowercl"], 2), "uppercl": round(r["uppercl"], 2),
                               "unit": "percentage points", "confidence": "95%", "period": period,
                               "method": str(r["method"]), "source": source})
            section.key_figures.append(KeyFigure(
                f"{name}: slope index of inequality", f"{r['value']:.1f} pp",
                f"95% CI {r['lowercl']:.1f} to {r['uppercl']:.1f}; {period}; negative = higher at the deprived end"))
            section.sentences.append(narrative.sii_sentence(
                name, area.name, float(r["value"]), float(r["lowercl"]), float(r["uppercl"]), "percentage points",
                "95%", period, source, len(measure)))
        else:
            section.sentences.append(
                f"{name} in {area.name}: only {len(measure)} national IMD deciles are present, fewer than the 5 a "
                f"slope index of inequality needs, so none is computed. {period}. Source: {source}.")
        has_core = measure["imd_decile"].isin([1, 2])
        if has_core.any() and not has_core.all():
            gap = core20_gap(measure["imd_decile"], measure["numerator"], measure["denominator"],
                             value_type="proportion", confidence=0.95)
            g = gap[gap["statistic"] == "absolute gap (a - b)"].iloc[0]
            stats_rows.append({"measure": name, "statistic": "Core20 minus rest (absolute gap)",
                               "value": round(g["value"], 2), "lowercl": round(g["lowercl"], 2),
                               "uppercl": round(g["uppercl"], 2), "unit": "percentage points", "confidence": "95%",
                               "period": period, "method": str(g["method"]), "source": source})
            section.key_figures.append(KeyFigure(
                f"{name}: Core20 minus rest", f"{g['value']:.1f} pp",
                f"{g['value_a']:.1f}% vs {g['value_b']:.1f}%; 95% CI {g['lowercl']:.1f} to {g['uppercl']:.1f}; {period}"))
            section.sentences.append(narrative.core20_gap_sentence(
                name, area.name, float(g["value_a"]), float(g["value_b"]), float(g["lowercl"]), float(g["uppercl"]),
                "%", "95%", period, source))
        else:
            section.sentences.append(
                f"{name} in {area.name}: no Core20 vs rest comparison, because "
                f"{'all' if has_core.all() else 'none'} of its LSOAs are in the Core20. {period}. Source: {source}.")
    if gradient.empty:
        section.sentences.append(narrative.no_data_sentence("Deprivation gradient", area.name))
    else:
        section.tables["gradient_by_decile"] = gradient
        section.charts["gradient_by_decile"] = _gradient_chart(gradient, f"{area.name}: gradient by national IMD decile")
    section.tables["inequality_statistics"] = pd.DataFrame(stats_rows)
    gaps = indicator_figures(db, icb, area, GAP_IDS)
    section.tables["life_expectancy_gap"] = gaps
    section.sentences.extend(figure_sentences(gaps, area))
    for _, row in gaps.iterrows():
        figure = _figure(row, area)
        section.key_figures.append(KeyFigure(
            figure.indicator, narrative.format_value(figure.value, figure.unit, figure.decimals),
            f"{row['period']}; England {narrative.format_value(figure.england, figure.unit, figure.decimals)}; "
            f"{narrative.comparison_label(figure)}" if figure.has_value else str(row["note"])))
    section.source = ("MHCLG IoD income domain; ONS Census 2021 TS038 disability; OHID Fingertips 92901 (inequality in "
                      "life expectancy)")
    return section, gaps


def _notes_section(area: ProfileArea, figures: pd.DataFrame, gaps: pd.DataFrame) -> Section:
    section = Section("notes", "Things to note")
    own = figures[(figures["value_for"] == area.name) & figures["value"].notna()]
    worse = [narrative.worse_than_england_note(f) for f in (_figure(r, area) for _, r in own.iterrows())
             if f.significant and f.comparison == "Worse"]
    section.sentences.extend(worse or [
        "None of this profile's indicators with a confidence interval is worse than England by the Fingertips "
        "single-interval test at the 95% level."])
    getting_worse = []
    for _, row in own.iterrows():
        change = _change(row, area)
        if change is not None and change.worse:
            getting_worse.append(narrative.change_sentence(change))
    section.sentences.extend(getting_worse or [
        "No indicator with a judgement of better or worse moved in an unfavourable direction since its previous period."])
    widening = []
    for _, row in gaps[gaps["value"].notna()].iterrows():
        change = _change(row, area)
        if change is not None and change.direction == "up":
            widening.append(narrative.gap_change_sentence(change))
    section.sentences.extend(widening or ["No published inequality gap (SII in life expectancy) widened since its "
                                          "previous period, or none is published for this area."])
    missing = figures[figures["comparison"] == "No open data"]["indicator"].tolist()
    if missing:
        section.sentences.append(f"No open data for {area.name}: {', '.join(missing)}.")
    section.key_figures = [KeyFigure("Significantly worse than England", str(len(worse))),
                           KeyFigure("Moving in an unfavourable direction", str(len(getting_worse))),
                           KeyFigure("Gaps widening", str(len(widening)))]
    return section


def datasets_used(db: Database, indicator_ids: tuple[str, ...]) -> pd.DataFrame:
    """The catalogue rows (publisher, period, licence, URL) of every data set a profile draws on."""
    catalogue = _catalogue(db)
    keys: set[str] = set()
    for indicator_id in indicator_ids:
        keys.update(indicators.get(indicator_id).sources)
    keys.update(k for k in catalogue["dataset"] if k.startswith(("lookup_", "lsoa11_", "lsoa21_")))
    keys.update(("imd2019_lsoa11", "imd2025_lsoa21", "imd2025_file1_lsoa21", "imd2025_file10_ltla24",
                 "imd2025_file13_icb24", "population_sape_mid2020_lsoa11", "census2021_residents_age6_lsoa21",
                 "census2021_ts038_disability_lsoa21"))
    used = catalogue[catalogue["dataset"].isin(keys)]
    return used[["dataset", "title", "publisher", "period", "licence", "url"]].reset_index(drop=True)


def build(db: Database, icb: Icb, area_code: str) -> Profile:
    """Build the full profile for one area (the page, the briefing and the CLI all call this).

    Parameters
    ----------
    db : Database
    icb : Icb
        The configured ICB in the IMD vintage to show (the sidebar's choice).
    area_code : str
        The ICB's code, a place code or a district code of that vintage.

    Returns
    -------
    Profile

    Raises
    ------
    ValueError
        For an unknown area code (the message lists the valid ones).
    """
    area = resolve_area(db, icb, area_code)
    summaries = _summary_rows(db, icb, area)
    deciles = _decile_frame(db, icb, area)
    headline = _headline_section(db, icb, area, summaries)
    deprivation_section = _deprivation_section(db, icb, area, summaries, deciles)
    le_section, le_figures = _indicator_section(db, icb, area, "life_expectancy",
                                                "Healthy life expectancy and life expectancy", LIFE_EXPECTANCY_IDS)
    smoking_section, smoking_figures = _indicator_section(db, icb, area, "smoking", "Smoking", SMOKING_IDS)
    c20_section, c20_figures = _indicator_section(db, icb, area, "core20plus5", "Core20PLUS5 indicators",
                                                  CORE20PLUS5_IDS)
    inequality, gaps = _inequality_section(db, icb, area, deciles)
    figures = pd.concat([le_figures, smoking_figures, c20_figures], ignore_index=True)
    notes = _notes_section(area, figures, gaps)
    built = db.query("build_info")
    built_at = str(built["built_at"].iloc[0]) if not built.empty else ""
    all_ids = LIFE_EXPECTANCY_IDS + SMOKING_IDS + CORE20PLUS5_IDS + GAP_IDS + ("population", "core20_population_share")
    return Profile(area, icb, [headline, deprivation_section, le_section, smoking_section, c20_section, inequality,
                               notes], datasets_used(db, all_ids), built_at)

