"""Indicator values as every view shows them: with intervals, England comparison, disclosure control and metadata.

A number on screen, in a CSV download, in the CLI and in a briefing comes from :func:`values`, so all of them carry
the same suppression, rounding and metadata.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: comparing with a benchmark (single confidence interval
   rule), Wilson score intervals for proportions. https://fingertips.phe.org.uk/profile/guidance
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain import part_areas
from lsc_phm.domain.geography import MSOA_NOTE, Icb, check_level
from lsc_phm.stats import compare_many, suppress, wilson_ci
from lsc_phm.store.db import Database

CI_METHOD_TEXT: dict[str, str] = {
    "wilson": "Wilson score interval (computed from the count and denominator)",
    "published": "95% confidence interval as published",
    "none": "no interval held",
}
EXPORT_COLUMNS: tuple[str, ...] = (
    "area_code",
    "area_name",
    "indicator_id",
    "indicator",
    "period",
    "value",
    "lowercl",
    "uppercl",
    "unit",
    "numerator",
    "denominator",
    "england_value",
    "comparison",
    "comparison_basis",
    "confidence",
    "method",
    "standardisation",
    "suppressed",
    "suppression_reason",
    "source",
    "value_note",
)
#: The comparison rule, stated once and shown in the app (Data and methods, the profile, the map explorer).
COMPARISON_RULE = (
    "Comparison with England: where a confidence interval exists (published, or computed here from counts with the "
    "PHE/OHID methods) the value is compared at your chosen level (95% or 99.8%) by the Fingertips single-interval "
    "rule; where the publisher gives its own verdict but no interval is held, that verdict is shown whatever level "
    "you chose, labelled 'OHID comparison' with the level OHID made it at (e.g. 'OHID comparison, 99.8%'); otherwise "
    "the value is 'not compared', with the reason."
)
#: The level assumed for a publisher's verdict whose level is not held (OHID's default comparison level).
DEFAULT_PUBLISHER_LEVEL = 0.95


def level_text(confidence: float) -> str:
    """A confidence level as people write it: 0.95 -> "95%", 0.998 -> "99.8%"."""
    return f"{confidence:.1%}".replace(".0%", "%")


def ohid_basis(level: float | None) -> str:
    """The basis of a comparison taken from OHID's own verdict, with its level: "OHID comparison, 99.8%"."""
    level = DEFAULT_PUBLISHER_LEVEL if level is None or pd.isna(level) else float(level)
    return f"OHID comparison, {level_text(level)}"


OHID_BASIS = ohid_basis(DEFAULT_PUBLISHER_LEVEL)


def comparison_basis_text(confidence: float, ci_source: str) -> str:
    """How an interval-based comparison was made, e.g. "95% CI (published)"."""
    return f"{level_text(confidence)} CI ({ci_source or 'published'})"


def compare_with_england(frame: pd.DataFrame, indicator: indicators.Indicator, confidence: float) -> pd.DataFrame:
    """Apply :data:`COMPARISON_RULE` to rows with ``value, lowercl, uppercl, england_value`` (and optionally
    ``ci_source``, ``published_comparison``, ``published_comparison_level``, ``numerator``, ``denominator``).

    Wilson intervals (``ci_method == 'wilson'``, or published proportions whose publisher uses Wilson limits, tagged
    ``indicators.WILSON_PUBLISHED_TAG``) are recomputed at the chosen level from the counts; other published limits
    exist at 95% only.

    Returns
    -------
    pandas.DataFrame
        A copy with ``lowercl``/``uppercl`` at the chosen level where they can be, ``comparison`` (Better, Worse,
        Similar, Higher, Lower or Not compared) and ``comparison_basis`` (how, or why not).
    """
    frame = frame.copy()
    for column in ("ci_source", "published_comparison", "published_comparison_level"):
        if column not in frame:
            frame[column] = None
    if "numerator" not in frame:
        frame["numerator"] = np.nan
        frame["denominator"] = np.nan
    has_counts = frame["numerator"].notna() & (frame["denominator"].fillna(0) > 0)
    ci_source = frame["ci_source"].astype("object")
    if indicator.ci_method == "wilson":
        ci_source = ci_source.where(ci_source.notna(), "computed here")
        ci_source[~has_counts] = None
    published = ci_source == "published"
    if confidence != 0.95:
        recompute = has_counts & (ci_source == "computed here")
        if indicator.ci_method == "published" and indicators.WILSON_PUBLISHED_TAG in indicator.tags:
            recompute = recompute | (published & has_counts)
        if recompute.any():
            limits = wilson_ci(
                frame.loc[recompute, "numerator"].clip(upper=frame.loc[recompute, "denominator"]),
                frame.loc[recompute, "denominator"],
                confidence,
            )
            frame.loc[recompute, "lowercl"] = 100.0 * limits["lowercl"].to_numpy()
            frame.loc[recompute, "uppercl"] = 100.0 * limits["uppercl"].to_numpy()
            ci_source[recompute] = "computed here"
        only_95 = published & ~recompute
        frame.loc[only_95, ["lowercl", "uppercl"]] = np.nan
    has_interval = frame["lowercl"].notna() & frame["uppercl"].notna() & frame["value"].notna()
    tested = compare_many(
        frame["value"], frame["lowercl"], frame["uppercl"], frame["england_value"], indicator.polarity, confidence
    ).to_numpy()
    comparison, basis = [], []
    for i, (interval, verdict, verdict_level, source, own) in enumerate(
        zip(
            has_interval,
            frame["published_comparison"],
            frame["published_comparison_level"],
            ci_source,
            tested,
            strict=False,
        )
    ):
        if interval and pd.notna(frame["england_value"].iloc[i]):
            comparison.append(own)
            basis.append(comparison_basis_text(confidence, str(source or "published")))
        elif isinstance(verdict, str) and verdict:
            # OHID's verdict is kept at the level OHID made it, whatever level was chosen here, and says so
            comparison.append(verdict)
            basis.append(ohid_basis(verdict_level))
        elif pd.isna(frame["value"].iloc[i]):
            comparison.append("Not compared")
            basis.append("no value")
        elif interval:
            comparison.append("Not compared")
            basis.append("not compared: no England value for this period")
        elif indicator.ci_method == "published" and confidence != 0.95:
            comparison.append("Not compared")
            basis.append("not compared at 99.8%: only 95% limits are published (choose 95% to compare)")
        else:
            comparison.append("Not compared")
            basis.append(
                f"not compared: {indicator.no_ci_reason or 'no interval or comparison is held for this value'}"
            )
    frame["comparison"] = comparison
    frame["comparison_basis"] = basis
    frame["ci_source"] = ci_source
    return frame


@dataclass(frozen=True)
class Availability:
    """Which levels and periods an indicator has values for, within one ICB and IMD vintage."""

    indicator_id: str
    levels: tuple[str, ...]
    periods_by_level: dict[str, tuple[str, ...]]

    def periods(self, level: str) -> tuple[str, ...]:
        """Periods available at ``level``, most recent first (empty if none)."""
        return self.periods_by_level.get(level, ())

    def latest(self, level: str) -> str | None:
        """The most recent period at ``level``, or None."""
        periods = self.periods(level)
        return periods[0] if periods else None


def availability_table(db: Database, icb: Icb) -> pd.DataFrame:
    """Return one row per indicator x level x period that has data for the ICB's areas."""
    return db.query("indicator_availability", vintage=icb.imd_vintage, icb=icb.code)


def practice_availability_table(db: Database, icb: Icb) -> pd.DataFrame:
    """Like :func:`availability_table`, for the practice-level indicators (QOF) at ``practice`` and ``pcn`` level."""
    return db.query("practice_availability", icb=icb.code)


_LEVEL_ORDER = ("lsoa", "msoa", "ward", "district", "utla", "place", "sicbl", "icb", "footprint", "pcn", "practice")
#: Method note added to every value of a custom footprint: they are aggregated here, never published.
FOOTPRINT_NOTE = (
    "computed here for a custom footprint (config/areas.toml): counts and denominators summed over its "
    "LSOAs; not a published figure"
)


def availability_map(table: pd.DataFrame) -> dict[str, Availability]:
    """Summarise :func:`availability_table` for every registered indicator in one pass.

    Returns
    -------
    dict
        Indicator id -> :class:`Availability` (levels smallest first, periods most recent first); indicators with
        no data for the ICB and vintage map to an empty :class:`Availability`.
    """
    ordered = table.sort_values(["indicator_id", "period_sort"], ascending=[True, False], na_position="last")
    periods: dict[str, dict[str, list[str]]] = {}
    for indicator_id, level, period in ordered[["indicator_id", "level", "period"]].itertuples(index=False):
        periods.setdefault(indicator_id, {}).setdefault(level, []).append(period)
    result = {}
    for indicator_id in indicators.all_ids():
        by_level = periods.get(indicator_id, {})
        levels = tuple(level for level in _LEVEL_ORDER if level in by_level)
        result[indicator_id] = Availability(indicator_id, levels, {lv: tuple(by_level[lv]) for lv in levels})
    return result


def availability(table: pd.DataFrame, indicator_id: str) -> Availability:
    """Summarise :func:`availability_table` for one indicator (levels ordered smallest first)."""
    indicators.get(indicator_id)
    return availability_map(table[table["indicator_id"] == indicator_id])[indicator_id]


@functools.lru_cache(maxsize=8)
def _dataset_titles(db: Database) -> dict[str, str]:
    """``dataset -> "publisher: title"`` from the database's catalogue, read once per open database (it is fixed
    when the database is built, and a rebuilt database is opened as a new :class:`Database`)."""
    catalogue = db.query("datasets")
    return {
        key: f"{publisher}: {title}"
        for key, publisher, title in zip(catalogue["dataset"], catalogue["publisher"], catalogue["title"], strict=False)
    }


def _source_text(indicator: indicators.Indicator, db: Database) -> str:
    titles = _dataset_titles(db)
    return "; ".join(titles[key] for key in indicator.sources if key in titles)


def source_text(db: Database, indicator_id: str) -> str:
    """The publishers and titles of the data sets an indicator's values come from, e.g. "Office for Health
    Improvement and Disparities: Fingertips 93700: Children in absolute low-income families" (from the database's
    catalogue; several are joined by "; ").

    Raises
    ------
    ValueError
        If ``indicator_id`` is not a registered indicator.
    """
    return _source_text(indicators.get(indicator_id), db)


def values(
    db: Database,
    icb: Icb,
    indicator_id: str,
    level: str,
    period: str,
    confidence: float = 0.95,
    threshold: int = config.SUPPRESSION_THRESHOLD,
) -> pd.DataFrame:
    """Return one indicator's values for the ICB's areas at ``level`` and ``period``, ready to show or export.

    Parameters
    ----------
    db : Database
    icb : Icb
    indicator_id : str
        A registry id.
    level : str
        Geography level (lsoa, msoa, ward, district, place, sicbl, icb, footprint; practice and pcn for QOF). MSOA
        (2011, IMD 2019 vintage only) and footprint values are summed here from LSOA counts and say so in ``method``.
        Footprint
        values are aggregated here from LSOA counts and say so in ``method``.
    period : str
        Period label as stored (see :func:`availability`).
    confidence : {0.95, 0.998}, default 0.95
        Level of the interval used for the England comparison. Wilson intervals are recomputed at that level from
        the counts; published intervals exist at 95% only, so at 99.8% those values are "Not compared" (unless
        OHID's own verdict is held: it is shown at OHID's level, whatever the level chosen).
    threshold : int, default ``config.SUPPRESSION_THRESHOLD``
        Counts below this are suppressed with their value and interval (with secondary suppression across the
        areas, whose total is published at the level above).

    Returns
    -------
    pandas.DataFrame
        :data:`EXPORT_COLUMNS`: one row per area (areas with no value keep a null value); an area only partly in
        the ICB is named "... (part)" (:mod:`lsc_phm.domain.part_areas`).

    Raises
    ------
    ValueError
        For an unknown indicator or level, or a confidence level other than 0.95 or 0.998.
    """
    indicator = indicators.get(indicator_id)
    check_level(level, _LEVEL_ORDER)
    if confidence not in (0.95, 0.998):
        raise ValueError("confidence must be 0.95 or 0.998")
    if level in ("pcn", "practice"):
        frame = db.query("practice_values", indicator=indicator_id, icb=icb.code, level=level, period=str(period))
    else:
        frame = db.query(
            "indicator_values",
            indicator=indicator_id,
            vintage=icb.imd_vintage,
            icb=icb.code,
            level=level,
            period=str(period),
        )
    return prepare_values(db, icb, frame, indicator, level, period, confidence, threshold)


def prepare_values(
    db: Database,
    icb: Icb,
    frame: pd.DataFrame,
    indicator: indicators.Indicator,
    level: str,
    period: str,
    confidence: float = 0.95,
    threshold: int = config.SUPPRESSION_THRESHOLD,
) -> pd.DataFrame:
    """The rows of query ``indicator_values`` (one indicator, every area at one level, one period) made ready to show
    or export, as :func:`values` returns them: England comparison, disclosure control, rounding and metadata.

    For a caller that reads several indicators' rows in one query (a place profile) and must treat each exactly as
    :func:`values` does; ``frame`` must hold every area at ``level``, since suppression is secondary across them.
    """
    frame = compare_with_england(frame, indicator, confidence)
    frame["numerator"] = frame["numerator"].astype("float64")
    # a structural zero (e.g. a ward with no Core20 LSOA) is no small count to hide: kept out of suppression, shown as 0
    structural = (frame["numerator"] == 0).to_numpy() if indicator.structural_zero else np.zeros(len(frame), bool)
    frame.loc[structural, "numerator"] = np.nan
    frame["_published_total"] = 1
    frame = suppress(
        frame,
        "numerator",
        threshold=threshold,
        value_cols=["value", "lowercl", "uppercl", "comparison"],
        group_cols="_published_total",
    ).drop(columns="_published_total")
    frame.loc[structural, "numerator"] = 0.0
    frame.loc[frame["suppressed"], "comparison"] = "Suppressed"
    frame.loc[frame["suppressed"], "comparison_basis"] = "suppressed: count below 10"
    frame.loc[structural, "comparison_basis"] = f"structural zero: {indicator.structural_zero}"
    decimals = indicator.decimals
    for column in ("value", "lowercl", "uppercl", "england_value"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").round(decimals)
    frame["indicator_id"] = indicator.id
    frame["indicator"] = indicator.name
    frame["unit"] = indicator.unit
    frame["confidence"] = np.where(frame["lowercl"].notna(), level_text(confidence), "")
    frame["method"] = [
        CI_METHOD_TEXT["wilson"]
        if source == "computed here"
        else CI_METHOD_TEXT["published"]
        if source == "published"
        else f"no interval: {indicator.no_ci_reason or 'none held for this value'}"
        for source in frame["ci_source"]
    ]
    if level == "footprint":
        frame["method"] = frame["method"] + "; " + FOOTPRINT_NOTE
    elif level == "msoa":
        frame["method"] = frame["method"] + "; " + MSOA_NOTE
    if level in ("pcn", "practice"):  # whose value it is: OHID's own PCN/practice figure, or summed here from QOF
        ohid_counts = indicator.id in indicators.WILSON_WHERE_NOT_PUBLISHED  # OHID's counts, limits computed here
        computed = (
            "computed here from OHID's practice counts summed"
            if ohid_counts and level == "pcn"
            else "value, count and denominator published by OHID, limits computed here"
            if ohid_counts
            else f"computed here from QOF {'practice registers summed' if level == 'pcn' else 'counts'}"
        )
        frame["method"] = [
            f"published by OHID; {m}"
            if source == "published"
            else f"{computed}; {m}"
            if source == "computed here"
            else m
            for source, m in zip(frame["ci_source"], frame["method"], strict=False)
        ]
    elif level in ("icb", "sicbl") and indicator.id in indicators.WILSON_WHERE_NOT_PUBLISHED:
        # OHID publishes these for practices only: a sub-ICB or ICB value is its practices' counts summed here
        frame["method"] = [
            f"computed here from OHID's practice counts summed; {m}" if source == "computed here" else m
            for source, m in zip(frame["ci_source"], frame["method"], strict=False)
        ]
    frame["standardisation"] = indicator.standardisation
    frame["value_note"] = frame["value_note"].fillna("") if "value_note" in frame else ""
    frame["source"] = _source_text(indicator, db)
    frame["period"] = str(period)
    return part_areas.label_partial_areas(db, icb, frame[list(EXPORT_COLUMNS)], level)


def series(db: Database, icb: Icb, indicator_id: str, area_codes: list[str]) -> pd.DataFrame:
    """Return every period of an indicator for the given areas (and England if listed), oldest first; an area only
    partly in the ICB is named "... (part)"."""
    indicators.get(indicator_id)
    frame = db.query("indicator_series", indicator=indicator_id, vintage=icb.imd_vintage, codes=list(area_codes))
    frame = part_areas.label_partial_areas(db, icb, frame)
    return frame.sort_values(["area_code", "period_sort"])
