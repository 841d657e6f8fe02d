"""Primary care networks (PCNs): the ICB's neighbourhood level, built from GP practice membership.

The ICB plans "at neighbourhood level", where neighbourhoods are "the areas covered by our primary care networks"
(NHS Lancashire and South Cumbria ICB, Joint Forward Plan 2023-28). A PCN is a group of GP practices; it has **no
official boundary**, so PCNs are shown as tables and charts, never drawn on a map.

For one QOF register and year, each PCN gets:

* its register and list size, summed over its practices (QOF mapping of that year), and the recorded prevalence
  register / list size with a Wilson score interval (:func:`lsc_phm.domain.indicator_data.values`, level ``pcn``:
  the same suppression and England comparison as every other view);
* where OHID publishes a value for PCNs (breast screening coverage, Fingertips 94063, for 15 of the ICB's PCNs in
  the data held), that value with OHID's 95% limits, labelled "published by OHID" (:func:`published_pcn_table`),
  beside the QOF values labelled "computed here";
* GP-recorded smoking (15+, Fingertips 91547): OHID publishes it for practices only, so each PCN's value is its
  practices' published counts of current smokers summed over their denominators, with a Wilson score interval, made at
  build time for PCNs whose every practice has a value (:data:`SUMMED_IDS`, labelled "computed here");
* a deprivation score: its practices' published IMD 2025 scores (OHID Fingertips 94240, the score of each
  practice's registered population) averaged with list-size weights. This is computed here, not published.

A PCN is placed in the sub-ICB location most of its practices are in. An area (place, district, footprint) is served
by the PCNs of the sub-ICB locations its LSOAs lie in; where a sub-ICB location is only partly inside the area
(Morecambe Bay, 01K, spans Lancaster and South Cumbria) its PCNs are listed and flagged, because practices have no
LSOA in the data.

References
----------
.. [1] NHS England. Quality and Outcomes Framework, 2024-25: prevalence by practice; practice-PCN mapping.
.. [2] OHID. Fingertips indicator 94240: deprivation score (IMD 2025) of GP practice populations.
.. [3] OHID. Fingertips Public Health Technical Guidance: Wilson score interval for proportions.
"""

from __future__ import annotations

import pandas as pd

from lsc_phm import indicators
from lsc_phm.domain import indicator_data
from lsc_phm.domain.geography import Icb
from lsc_phm.stats import compare_many, wilson_ci
from lsc_phm.store.db import Database

NO_BOUNDARY_NOTE = (
    "Primary care networks have no official boundaries (they are groups of GP practices, and patients "
    "can register with any practice), so they are shown as a table and a chart, not on a map."
)
SCORE_NOTE = (
    "PCN deprivation score: the published IMD 2025 scores of the PCN's practices' registered populations "
    "(OHID Fingertips 94240), averaged with list-size weights here (computed, not published)."
)
#: Headers for people (the CSV keeps the raw names).
PCN_LABELS: dict[str, str] = {
    "pcn_code": "PCN code",
    "pcn_name": "Primary care network",
    "deprivation_rank": "Rank (1 = most deprived)",
    "imd_score": "IMD 2025 score (list-weighted)",
    "list_size": "List size (register denominator)",
    "numerator": "Register",
    "practices": "Practices",
    "icb_value": "ICB value",
    "icb_comparison": "vs ICB",
}
PCN_COLUMNS: tuple[str, ...] = (
    "pcn_code",
    "pcn_name",
    "sicbl_name",
    "practices",
    "list_size",
    "imd_score",
    "deprivation_rank",
    "value",
    "lowercl",
    "uppercl",
    "numerator",
    "denominator",
    "england_value",
    "comparison",
    "confidence",
    "suppressed",
    "value_source",
    "indicator",
    "period",
    "unit",
    "method",
    "source",
)
#: Indicators OHID publishes for PCNs in the data held (Fingertips; with counts, denominators and 95% limits), shown
#: beside the QOF registers that are summed here from practices. OHID's GP Patient Survey PCN series in the same
#: extract (383 dementia, 90453 former smokers, 352 caring) are not used: their counts are survey-weighted estimates
#: (mostly below 1 person), without limits, so every one would be suppressed.
PUBLISHED_IDS: tuple[str, ...] = ("breast_screening_53_70",)
#: Indicators OHID publishes for practices only (with counts), summed here into whole PCNs when the database is built
#: (queries/marts/04_mart_indicator_values.sql): a PCN has a value only where every one of its practices has one.
SUMMED_IDS: tuple[str, ...] = ("smoking_qof_15plus",)
COMPUTED_LABEL = "computed here (QOF practice registers summed)"
PUBLISHED_LABEL = "published by OHID (Fingertips PCN value)"
SUMMED_LABEL = "computed here (OHID practice counts summed; Wilson interval)"


def qof_periods(db: Database, icb: Icb) -> tuple[str, ...]:
    """QOF years with practice registers for the ICB, most recent first."""
    return tuple(db.query("ineq_practice_periods", icb=icb.code)["period"])


def pcn_table(
    db: Database, icb: Icb, indicator_id: str = "qof_hyp", period: str | None = None, confidence: float = 0.95
) -> pd.DataFrame:
    """One QOF register for every PCN of the ICB, with list size and list-weighted deprivation score.

    Parameters
    ----------
    db : Database
    icb : Icb
    indicator_id : str, default "qof_hyp"
        A QOF register (``qof_*``).
    period : str, optional
        QOF year (default: the most recent).
    confidence : {0.95, 0.998}

    Returns
    -------
    pandas.DataFrame
        :data:`PCN_COLUMNS`, most deprived PCN first (``deprivation_rank`` 1 = highest list-weighted score).
        ``value``/CIs/``comparison`` come from :func:`lsc_phm.domain.indicator_data.values` (registers below 10
        suppressed); ``numerator`` = the register, ``list_size`` = the register's denominator.

    Raises
    ------
    ValueError
        For an indicator that is not a QOF register, or a period with no practice data.
    """
    indicator = indicators.get(indicator_id)
    if not indicator_id.startswith("qof_"):
        raise ValueError(f"PCN values exist for QOF registers only, not '{indicator_id}'")
    available = qof_periods(db, icb)
    period = period or (available[0] if available else None)
    if period not in available:
        raise ValueError(f"no QOF practice data for period '{period}'; periods: {', '.join(available) or 'none'}")
    summary = db.query("pcn_summary", indicator=indicator_id, icb=icb.code, period=period)
    values = indicator_data.values(db, icb, indicator_id, "pcn", period, confidence=confidence)
    frame = summary.merge(values.drop(columns=["area_name"]), left_on="pcn_code", right_on="area_code", how="left")
    frame["deprivation_rank"] = frame["imd_score"].rank(ascending=False, method="min").astype("Int64")
    frame["imd_score"] = frame["imd_score"].round(2)
    frame["indicator"] = indicator.name
    frame["period"] = period
    frame["method"] = frame["method"].fillna("") + "; PCN = sum of its practices' registers over their list sizes"
    frame["list_size"] = frame["list_size"].astype("int64")
    frame["value_source"] = COMPUTED_LABEL
    return frame.sort_values(["deprivation_rank", "pcn_code"])[list(PCN_COLUMNS)].reset_index(drop=True)


def published_periods(db: Database, icb: Icb, indicator_id: str) -> tuple[str, ...]:
    """Periods (most recent first) with PCN values of an OHID indicator for the ICB's PCNs.

    OHID's own PCN values for :data:`PUBLISHED_IDS`; PCN sums of OHID's practice counts for :data:`SUMMED_IDS`.
    """
    indicators.get(indicator_id)
    return tuple(
        db.query(
            "pcn_published_periods", indicator=indicator_id, icb=icb.code, ci_source=store_ci_source(indicator_id)
        )["period"]
    )


def store_ci_source(indicator_id: str) -> str:
    """The ``ci_source`` of an OHID indicator's PCN rows in the store: "published" or "computed here" (summed)."""
    return "computed here" if indicator_id in SUMMED_IDS else "published"


def published_pcn_table(
    db: Database,
    icb: Icb,
    indicator_id: str = "breast_screening_53_70",
    period: str | None = None,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """An OHID indicator by PCN, for every PCN of the ICB (latest QOF year's practice membership).

    For :data:`PUBLISHED_IDS` the value, its 95% limits, count and denominator are OHID's (``value_source`` =
    :data:`PUBLISHED_LABEL`), compared with England by :func:`lsc_phm.domain.indicator_data.values` (published limits
    exist at 95% only). For :data:`SUMMED_IDS` (GP-recorded smoking) they are OHID's practice counts summed here with a
    Wilson interval at the chosen level (``value_source`` = :data:`SUMMED_LABEL`). PCNs without a value stay in the
    table with an empty value and the comparison "Not published by OHID" (or, summed, "Not every practice has a
    value"), so the gaps are visible. List size and the list-weighted deprivation score are those of the latest QOF
    year.

    Returns
    -------
    pandas.DataFrame
        :data:`PCN_COLUMNS`, most deprived PCN first.

    Raises
    ------
    ValueError
        For an indicator OHID does not publish for PCNs in the data, or a period without values.
    """
    indicator = indicators.get(indicator_id)
    if indicator_id not in PUBLISHED_IDS + SUMMED_IDS:
        raise ValueError(f"OHID PCN values are held for {', '.join(PUBLISHED_IDS + SUMMED_IDS)}, not '{indicator_id}'")
    summed = indicator_id in SUMMED_IDS
    available = published_periods(db, icb, indicator_id)
    period = period or (available[0] if available else None)
    if period not in available:
        raise ValueError(
            f"no OHID PCN values of {indicator.name} for period '{period}'; periods: {', '.join(available) or 'none'}"
        )
    qof_period = qof_periods(db, icb)[0]
    summary = db.query("pcn_summary", indicator="qof_hyp", icb=icb.code, period=qof_period)
    values = indicator_data.values(db, icb, indicator_id, "pcn", period, confidence=confidence)
    frame = summary.merge(values.drop(columns=["area_name"]), left_on="pcn_code", right_on="area_code", how="left")
    frame["deprivation_rank"] = frame["imd_score"].rank(ascending=False, method="min").astype("Int64")
    frame["imd_score"] = frame["imd_score"].round(2)
    held = frame["area_code"].notna()
    frame.loc[~held, "comparison"] = "Not every practice has a value" if summed else "Not published by OHID"
    frame.loc[~held, "suppressed"] = False
    frame["value_source"] = [
        (SUMMED_LABEL if summed else PUBLISHED_LABEL)
        if h
        else "no value: not every practice of this PCN has one"
        if summed
        else "no value published by OHID for this PCN"
        for h in held
    ]
    frame["indicator"] = indicator.name
    frame["period"] = period
    frame["unit"] = indicator.unit
    whose = (
        "PCN value = its practices' published counts summed over their denominators (computed here)"
        if summed
        else "PCN value as published by OHID"
    )
    frame["method"] = [
        f"{m}; {whose}; list size and deprivation score from QOF {qof_period}" if h else ""
        for m, h in zip(frame["method"], held, strict=False)
    ]
    frame["list_size"] = frame["list_size"].astype("int64")
    return frame.sort_values(["deprivation_rank", "pcn_code"])[list(PCN_COLUMNS)].reset_index(drop=True)


def indicator_table(
    db: Database, icb: Icb, indicator_id: str, period: str | None = None, confidence: float = 0.95
) -> pd.DataFrame:
    """:func:`pcn_table` for a QOF register (computed here), :func:`published_pcn_table` for an OHID PCN indicator,
    each with ``icb_value`` and ``icb_comparison`` (:func:`compare_with_icb`)."""
    if indicator_id in PUBLISHED_IDS + SUMMED_IDS:
        table = published_pcn_table(db, icb, indicator_id, period, confidence)
    else:
        table = pcn_table(db, icb, indicator_id, period, confidence)
    return compare_with_icb(db, icb, table, indicator_id, confidence)


def compare_with_icb(
    db: Database, icb: Icb, table: pd.DataFrame, indicator_id: str, confidence: float = 0.95
) -> pd.DataFrame:
    """Each PCN against the ICB's own value, by the Fingertips single-interval rule at ``confidence``.

    Where a PCN has counts, its value and Wilson limits are taken from the unrounded counts (and the ICB's value from
    its counts), so rounding for display never decides a verdict; otherwise the PCN's limits as published are used.

    Returns
    -------
    pandas.DataFrame
        ``table`` with ``icb_value`` (the ICB's value, rounded to the indicator's decimals) and ``icb_comparison``
        (Better/Similar/Worse, Higher/Similar/Lower, or "Not compared" with no ICB value, no interval or suppressed).
    """
    indicator = indicators.get(indicator_id)
    if table.empty:
        return table.assign(icb_value=pd.Series(dtype="float64"), icb_comparison=pd.Series(dtype="object"))
    icb_row = indicator_data.values(db, icb, indicator_id, "icb", str(table["period"].iloc[0]), confidence)
    icb_num, icb_den = icb_row["numerator"].iloc[0], icb_row["denominator"].iloc[0]
    icb_value = (
        100.0 * icb_num / icb_den
        if pd.notna(icb_num) and pd.notna(icb_den) and icb_den > 0
        else icb_row["value"].iloc[0]
    )
    counted = table["numerator"].notna() & (table["denominator"].fillna(0) > 0) & ~table["suppressed"].fillna(False)
    value = table["value"].astype("float64").copy()
    lower, upper = table["lowercl"].astype("float64").copy(), table["uppercl"].astype("float64").copy()
    if counted.any():
        limits = wilson_ci(
            table.loc[counted, "numerator"].clip(upper=table.loc[counted, "denominator"]),
            table.loc[counted, "denominator"],
            confidence,
        )
        value[counted] = 100.0 * table.loc[counted, "numerator"] / table.loc[counted, "denominator"]
        lower[counted] = 100.0 * limits["lowercl"].to_numpy()
        upper[counted] = 100.0 * limits["uppercl"].to_numpy()
    if pd.isna(icb_value):
        verdict = pd.Series("Not compared", index=table.index)
    else:
        verdict = compare_many(value, lower, upper, float(icb_value), indicator.polarity, confidence)
        verdict.index = table.index
        verdict[value.isna() | lower.isna() | upper.isna()] = "Not compared"
    return table.assign(
        icb_value=round(float(icb_value), indicator.decimals) if pd.notna(icb_value) else float("nan"),
        icb_comparison=verdict.to_numpy(),
    )


def source_note(table: pd.DataFrame) -> str:
    """One sentence saying whose PCN values a table holds: "published by OHID" (how many PCNs) or "computed here"."""
    published = int((table["value_source"] == PUBLISHED_LABEL).sum())
    summed = int((table["value_source"] == SUMMED_LABEL).sum())
    if summed:
        return (
            f"Values computed here for {summed} of these {len(table)} PCNs, {table['period'].iloc[0]}: OHID's "
            "practice counts (Fingertips, published for practices only) summed over each PCN's practices, over "
            "their denominators, with a Wilson interval; a PCN whose practices do not all have a value has none. "
            "List size and deprivation score: latest QOF year's practice membership."
        )
    if published:
        return (
            f"Values {PUBLISHED_LABEL.replace(' (Fingertips PCN value)', '')} (Fingertips, with OHID's 95% limits) "
            f"for {published} of these {len(table)} PCNs; the others have no OHID value in the data held. List "
            "size and deprivation score: latest QOF year's practice membership."
        )
    return (
        "Values computed here: each PCN's QOF register summed over its practices, over their list sizes (Wilson "
        "interval)."
    )


def membership_check(db: Database, icb: Icb) -> pd.DataFrame:
    """Whether each PCN code in OHID's PCN rows is a PCN of the practice-to-PCN mapping the QOF views use.

    Returns
    -------
    pandas.DataFrame
        ``pcn_code, pcn_name, in_latest_qof_mapping, in_any_qof_mapping, ohid_indicators`` for every PCN code of
        the ICB's QOF mappings or OHID's PCN rows (an OHID code in no mapping is listed with ``in_any_qof_mapping``
        False).
    """
    return db.query("pcn_membership_check", icb=icb.code)


def area_sub_icbs(db: Database, icb: Icb, area_code: str) -> pd.DataFrame:
    """Sub-ICB locations an area's LSOAs lie in, with ``whole`` = every LSOA of the sub-ICB is in the area."""
    frame = db.query("pcn_area_sicbls", vintage=icb.imd_vintage, icb=icb.code, area_code=area_code)
    return frame.assign(whole=frame["lsoas_in_area"] == frame["lsoas"])


def reference_values(db: Database, icb: Icb, indicator_id: str, period: str) -> dict[str, float]:
    """The lines a PCN chart is read against: the ICB's value (from its practices, or as published) and England's,
    for the same indicator and period; a value not held is NaN (no line is drawn).

    Returns
    -------
    dict
        ``{"ICB": value, "England": value}``.
    """
    icb_row = indicator_data.values(db, icb, indicator_id, "icb", period)
    icb_value = icb_row["value"].dropna()
    england = icb_row["england_value"].dropna()
    return {
        "ICB": float(icb_value.iloc[0]) if len(icb_value) else float("nan"),
        "England": float(england.iloc[0]) if len(england) else float("nan"),
    }


def area_pcns(
    db: Database,
    icb: Icb,
    area_code: str,
    indicator_id: str = "qof_hyp",
    period: str | None = None,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """The PCNs serving an area (those of the sub-ICB locations its LSOAs lie in), side by side.

    Returns
    -------
    pandas.DataFrame
        :func:`pcn_table` rows for the area's sub-ICB locations, plus ``sicbl_partly_in_area`` (True where the
        PCN's sub-ICB location is only partly inside the area, so some of its PCNs may serve neighbouring areas).
    """
    sicbls = area_sub_icbs(db, icb, area_code)
    table = indicator_table(db, icb, indicator_id, period, confidence)
    names = dict(zip(sicbls["sicbl_name"], ~sicbls["whole"], strict=False))
    table = table[table["sicbl_name"].isin(names)].copy()
    table["sicbl_partly_in_area"] = table["sicbl_name"].map(names).astype(bool)
    return table.reset_index(drop=True)
