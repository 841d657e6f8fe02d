"""What needs attention: every indicator held for an area, grouped by its comparison with a comparator (England by
default) and its direction over time, with the trend of the gap and the gap in people.

Groups (Fingertips' "worse and getting worse" view, :data:`GROUPS`):

1. worse than the comparator and getting worse;
2. worse and not improving (no significant change, or direction not testable);
3. worse but improving;
4. better or similar;
5. not judged: indicators without a judgement (polarity "no judgement": recorded prevalence, population shares)
   or whose latest value could not be compared (no interval, suppressed). Kept, with the reason, so that the list
   never hides an indicator.

"Worse" is the existing comparison rule (:func:`lsc_phm.domain.indicator_data.compare_with_england`: the Fingertips
single-interval rule at 95%, or OHID's own comparison where no interval is held). The direction
(:func:`direction`) is the recent trend shown elsewhere in the app (:func:`lsc_phm.domain.benchmarking.recent_trend`:
OHID's published trend, else the chi-square test for trend over five periods at 99.8%); where that finds no
significant change or cannot run, the latest change (latest period against the previous one of the same kind)
counts when the two 95% intervals do not overlap, the "real change" rule of the place profile. Which rule decided is
kept in ``direction_basis``. See ``docs/methods.md#what-needs-attention``.

The direction and its wording are in :mod:`lsc_phm.views.attention_direction`, the areas and comparators (peer
groups) in :mod:`lsc_phm.views.attention_comparators`, targets and trajectories in
:mod:`lsc_phm.views.attention_targets`, and a user-defined area's list in
:mod:`lsc_phm.views.attention_user_area`.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: comparing with a benchmark; recent trends.
   https://fingertips.phe.org.uk/profile/guidance
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

import numpy as np
import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain import comparators, dropped_areas, indicator_data
from lsc_phm.domain.geography import Icb
from lsc_phm.stats import gap_in_people
from lsc_phm.store.db import Database
from lsc_phm.views import similar_places
from lsc_phm.views.attention_comparators import ENGLAND_COMPARATOR, Comparator, comparator_for
from lsc_phm.views.attention_direction import direction, gap_direction, same_kind
from lsc_phm.views.place_profile_areas import USER_AREA_CODE

GROUPS: tuple[str, ...] = (
    "Worse and getting worse",
    "Worse and not improving",
    "Worse but improving",
    "Better or similar",
    "Not judged",
)
ENGLAND = config.ENGLAND_CODE
#: The page that shows one indicator's detail for the area (URL path of pages/attention.py).
DETAIL_PAGE = "attention"
ATTENTION_COLUMNS: tuple[str, ...] = (
    "group",
    "indicator_id",
    "indicator",
    "unit",
    "period",
    "value",
    "lowercl",
    "uppercl",
    "comparator_value",
    "comparison",
    "comparison_basis",
    "direction",
    "direction_basis",
    "gap_trend",
    "gap_trend_basis",
    "people",
    "people_lowercl",
    "people_uppercl",
    "people_unit",
    "people_note",
    "standardisation",
    "value_note",
    "suppressed",
    "comparator_method",
    "rank_all",
    "rank_group",
    "area_name",
    "comparator_name",
    "detail_link",
)
#: Multipliers of the crude units whose gaps can be put in people.
UNIT_MULTIPLIERS = {"%": 100.0, "per 1,000": 1_000.0, "per 10,000": 10_000.0, "per 100,000": 100_000.0}
#: Survey estimates: their "denominator" is the survey's sample, not the area's population, so a gap is never
#: multiplied by it (tests check every Active Lives / APS / dental survey indicator is listed).
SURVEY_IDS = frozenset(
    {
        "physically_inactive_adults",
        "adult_overweight",
        "adult_obesity",
        "smoking_adults",
        "smoking_routine_manual",
        "cigarette_smokers_annual",
        "cigarette_smokers_5yr",
        "dental_decay_5yo",
    }
)
#: What the people counted are, by indicator (for sentences); others read "people".
PEOPLE_WORDS = {
    "census_bad_health": "residents in bad or very bad health",
    "census_unpaid_care": "unpaid carers",
    "census_household_deprived": "households deprived in at least one dimension",
    "children_absolute_low_income": "children in absolute low-income families",
    "smoking_at_delivery": "mothers smoking at the time of delivery",
    "smoking_qof_15plus": "GP-recorded smokers (15+)",
    "pct_disabled": "disabled residents",
}

#: The code a user-defined area's attention list carries: the place profile's, so one link names it on both pages.
USER_AREA = USER_AREA_CODE


@dataclass
class AttentionList:
    """The attention list of one area against one comparator."""

    area_code: str
    area_name: str
    comparator: Comparator
    table: pd.DataFrame
    #: Every value held for the area and the comparator, all periods (for detail views and trajectories).
    history: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)

    def group(self, name: str) -> pd.DataFrame:
        """The rows of one group (see :data:`GROUPS`)."""
        if name not in GROUPS:
            raise ValueError(f"unknown group '{name}'; groups: {', '.join(GROUPS)}")
        return self.table[self.table["group"] == name]


def classify(comparison: str, moving: str) -> str:
    """The group (:data:`GROUPS`) of a comparison ("Worse", "Better", ...) and a direction."""
    if comparison == "Worse":
        return {"getting worse": GROUPS[0], "improving": GROUPS[2]}.get(moving, GROUPS[1])
    if comparison in ("Better", "Similar"):
        return GROUPS[3]
    return GROUPS[4]


def people_gap(
    row: pd.Series, indicator: indicators.Indicator, comparator_value: float, comparator_name: str
) -> tuple[float, float, float, str]:
    """(people, lower, upper, note): the gap in people, or NaNs and why it is not converted."""
    nan = (np.nan, np.nan, np.nan)
    if indicator.standardisation != "crude" or indicator.value_type not in ("proportion", "rate"):
        why = {
            "age-standardised": "an age-standardised rate describes a standard population, not the residents",
            "life table": "a life expectancy is in years, not a count of people",
            "indirectly standardised": "a standardised ratio is not a share of the residents",
        }.get(indicator.standardisation, f"a {indicator.value_type} is not a share of the residents")
        return (*nan, f"not converted to people: {why}")
    if indicator.id in SURVEY_IDS:
        return (*nan, "not converted to people: a survey estimate (its denominator is the sample, not the residents)")
    multiplier = UNIT_MULTIPLIERS.get(indicator.unit)
    if multiplier is None:
        return (*nan, f"not converted to people: unit '{indicator.unit}' is not a rate with a known multiplier")
    if pd.isna(row.get("denominator")) or not row.get("denominator"):
        return (*nan, "not converted to people: no denominator held (e.g. a survey estimate)")
    if pd.isna(row["lowercl"]) or pd.isna(row["uppercl"]) or pd.isna(comparator_value):
        return (*nan, "not converted to people: no interval or no comparator value")
    if isinstance(row.get("value_note"), str) and row["value_note"]:
        return (*nan, "not converted to people: the value is another area's, shown as a proxy")
    out = gap_in_people(
        row["value"], row["lowercl"], row["uppercl"], comparator_value, row["denominator"], multiplier
    ).iloc[0]
    return (
        float(out["value"]),
        float(out["lowercl"]),
        float(out["uppercl"]),
        f"(value - {comparator_name}) x denominator {row['denominator']:,.0f} ({row['period']}); interval from "
        "the area's 95% limits, comparator fixed",
    )


def detail_link(area_code: str, indicator_id: str, comparator: Comparator) -> str:
    """The relative link to one indicator's detail on the attention page (its URL parameters)."""
    params = {"attention_area": area_code, "attention_indicator": indicator_id}
    if comparator.key != "england":
        params["attention_comparator"] = comparator.key
    return f"{DETAIL_PAGE}?{urlencode(params)}"


def history(db: Database, icb: Icb, area_code: str, comparator: Comparator = ENGLAND_COMPARATOR) -> pd.DataFrame:
    """Every value held for the area, England and the comparator (all indicators and periods).

    A peer group's rows (area code ``comparator.code``) are formed by :func:`lsc_phm.domain.comparators.benchmarks`
    for every period the authority has a value for, with ``comparator_method`` and the ranks; a median's interval
    is its value (a median is treated as fixed).
    """
    codes = [area_code, ENGLAND] if comparator.is_group else [area_code, comparator.code]
    held = db.query("attention_values", vintage=icb.imd_vintage, codes=list(dict.fromkeys(codes)))
    if not comparator.is_group:
        return held
    own = held[held["area_code"] == area_code]
    ids = tuple(dict.fromkeys(own["indicator_id"]))
    bench = comparators.benchmarks(db, icb, area_code, comparator.kind, ids, all_periods=True)
    bench = bench[bench["comparator_value"].notna()]
    fixed = bench["comparator_lowercl"].isna()
    group = pd.DataFrame(
        {
            "indicator_id": bench["indicator_id"],
            "area_code": comparator.code,
            "area_name": comparator.name,
            "area_level": comparator.kind,
            "period": bench["period"],
            "value": bench["comparator_value"],
            "lowercl": bench["comparator_lowercl"].where(~fixed, bench["comparator_value"]),
            "uppercl": bench["comparator_uppercl"].where(~fixed, bench["comparator_value"]),
            "comparator_method": bench["comparator_method"],
            "rank_all": bench["rank_all"],
            "rank_group": bench["rank_group"],
        }
    )
    sorts = own[["indicator_id", "period", "period_sort"]].drop_duplicates(["indicator_id", "period"])
    group = group.merge(sorts, on=["indicator_id", "period"], how="left")
    return pd.concat([held, group], ignore_index=True)


def _authority_ranks(db: Database, icb: Icb, area_code: str, indicator_ids: tuple[str, ...]) -> pd.DataFrame:
    """Ranks among all English authorities of the area's latest values (empty when it is not one authority)."""
    if similar_places.comparator_availability(area_code, similar_places.current_authorities(db)) is not None:
        return pd.DataFrame(columns=["indicator_id", "period", "rank_all"])
    return comparators.benchmarks(db, icb, area_code, "england", indicator_ids)[["indicator_id", "period", "rank_all"]]


def _indicator_row(
    indicator: indicators.Indicator,
    series: pd.DataFrame,
    comp: pd.DataFrame,
    ranks: pd.Series,
    comparator: Comparator,
    *,
    area_code: str,
    area_name: str,
    confidence: float,
    threshold: int,
) -> dict[str, object]:
    """One row of the attention list (:data:`ATTENTION_COLUMNS`): the indicator's latest value against the
    comparator's in the same period, its direction, the trend of its gap and the gap in people.

    ``series`` is the area's values of the indicator (at least one), ``comp`` the comparator's, ``ranks`` the area's
    rank among authorities by indicator and period (empty for a peer group, whose ranks come with its values).
    """
    latest = same_kind(series).iloc[-1]
    comp_latest = comp[comp["period"] == latest["period"]]
    comp_value = float(comp_latest["value"].iloc[0]) if not comp_latest.empty else np.nan
    frame = pd.DataFrame([latest]).assign(england_value=comp_value)
    if comparator.code != ENGLAND:
        frame["published_comparison"] = None
    if comparator.is_group:
        method = (
            str(comp_latest["comparator_method"].iloc[0])
            if not comp_latest.empty
            else "no value formed for the group in this period (fewer than half its members have one)"
        )
        compared = comparators.judge(
            frame.assign(comparator_value=comp_value, comparator_method=method, polarity=indicator.polarity), confidence
        ).iloc[0]
        rank_all = comp_latest["rank_all"].iloc[0] if not comp_latest.empty else None
        rank_group = comp_latest["rank_group"].iloc[0] if not comp_latest.empty else None
    else:
        compared = indicator_data.compare_with_england(frame, indicator, confidence).iloc[0]
        method = "England's published value" if comparator.code == ENGLAND else f"{comparator.name}'s value"
        rank_all, rank_group = ranks.get((indicator.id, str(latest["period"]))), None
    suppressed = bool(pd.notna(latest["numerator"]) and latest["numerator"] < threshold)
    comparison = "Suppressed" if suppressed else str(compared["comparison"])
    moving, moving_basis = direction(series, indicator)
    gap, gap_basis = gap_direction(series, comp) if not suppressed else ("not tested", "suppressed")
    people = (
        (np.nan, np.nan, np.nan, "suppressed: count below 10")
        if suppressed
        else people_gap(latest, indicator, comp_value, comparator.name)
    )
    group = classify(comparison if indicator.polarity != "no_judgement" else "No judgement", moving)
    return {
        "group": group,
        "indicator_id": indicator.id,
        "indicator": indicator.name,
        "unit": indicator.unit,
        "period": str(latest["period"]),
        "value": np.nan if suppressed else latest["value"],
        "lowercl": np.nan if suppressed else compared["lowercl"],
        "uppercl": np.nan if suppressed else compared["uppercl"],
        "comparator_value": comp_value,
        "comparison": comparison,
        "comparison_basis": "count below 10" if suppressed else str(compared["comparison_basis"]),
        "direction": moving,
        "direction_basis": moving_basis,
        "gap_trend": gap,
        "gap_trend_basis": gap_basis,
        "people": people[0],
        "people_lowercl": people[1],
        "people_uppercl": people[2],
        "people_unit": ""
        if pd.isna(people[0])
        else ("people" if indicator.value_type == "proportion" else "events over the period (not people)"),
        "people_note": people[3],
        "standardisation": indicator.standardisation,
        "value_note": latest["value_note"] if isinstance(latest["value_note"], str) else "",
        "suppressed": suppressed,
        "comparator_method": method,
        "rank_all": None if suppressed or pd.isna(rank_all) else rank_all,
        "rank_group": None if suppressed or pd.isna(rank_group) else rank_group,
        "area_name": area_name,
        "comparator_name": comparator.name,
        "detail_link": detail_link(area_code, indicator.id, comparator),
    }


def attention(
    db: Database,
    icb: Icb,
    area_code: str,
    comparator: Comparator = ENGLAND_COMPARATOR,
    confidence: float = 0.95,
    threshold: int = config.SUPPRESSION_THRESHOLD,
) -> AttentionList:
    """Build the attention list of one area (any area with values: ICB, place, district, footprint, PCN).

    Parameters
    ----------
    db : Database
    icb : Icb
        Gives the IMD vintage of LSOA-based values.
    area_code : str
        The area's code as stored (e.g. ``QE1-E06000009`` for the place Blackpool).
    comparator : Comparator, default England
        Any area code with values. OHID's own comparisons (made against England) are used only when the
        comparator is England.
    confidence : {0.95, 0.998}, default 0.95
        Level of the comparison (as the rest of the app).
    threshold : int
        Counts below this are suppressed (value, interval, gap in people).

    Returns
    -------
    AttentionList
        ``table`` has :data:`ATTENTION_COLUMNS`, one row per indicator with a value, ordered by group, then by the
        size of the gap in people, then by name.

    Raises
    ------
    ValueError
        If the area has no values, or the comparator is the area itself.
    """
    if comparator.code == area_code:
        raise ValueError("the comparator must be another area")
    held = history(db, icb, area_code, comparator)
    own = held[held["area_code"] == area_code]
    if own.empty:
        raise ValueError(f"no indicator values are held for area '{area_code}'")
    area_name = str(own["area_name"].iloc[0])
    ranks = (
        _authority_ranks(db, icb, area_code, tuple(dict.fromkeys(own["indicator_id"])))
        if not comparator.is_group
        else pd.DataFrame(columns=["indicator_id", "period", "rank_all"])
    )
    ranks = ranks.set_index(["indicator_id", "period"])["rank_all"]
    rows = []
    for indicator_id, series in own.groupby("indicator_id", sort=False):
        try:
            indicator = indicators.get(str(indicator_id))
        except ValueError:
            continue
        series = series[series["value"].notna()]
        if series.empty:
            continue
        comp = held[(held["area_code"] == comparator.code) & (held["indicator_id"] == indicator_id)]
        rows.append(
            _indicator_row(
                indicator,
                series,
                comp,
                ranks,
                comparator,
                area_code=area_code,
                area_name=area_name,
                confidence=confidence,
                threshold=threshold,
            )
        )
    table = pd.DataFrame(rows, columns=list(ATTENTION_COLUMNS))
    if not table.empty:
        table["_group"] = table["group"].map({g: n for n, g in enumerate(GROUPS)})
        table["_size"] = -table["people"].abs().fillna(0)
        table = table.sort_values(["_group", "_size", "indicator"]).drop(columns=["_group", "_size"])
        table = table.reset_index(drop=True)
    return AttentionList(area_code, area_name, comparator, table, held)


#: Columns rounded to the indicator's decimals in :func:`export_table`.
VALUE_COLUMNS = ("value", "lowercl", "uppercl", "comparator_value")
PEOPLE_COLUMNS = ("people", "people_lowercl", "people_uppercl")


def _whole(value: float) -> float:
    return float(np.floor(value + 0.5))


def export_table(attention_list: AttentionList) -> pd.DataFrame:
    """The attention table as exported (CLI CSV, the page's download): gaps in people rounded to whole people (half
    up), with their limits, and values to the indicator's decimals (as text, so 23.9 is never 23.900000000000002).

    Rounding is for display only: the people are computed from unrounded values (:func:`attention`).
    """
    out = attention_list.table.copy()
    for column in PEOPLE_COLUMNS:
        out[column] = pd.array([pd.NA if pd.isna(v) else int(_whole(float(v))) for v in out[column]], dtype="Int64")
    places = [indicators.get(i).decimals for i in out["indicator_id"]]
    for column in VALUE_COLUMNS:
        out[column] = ["" if pd.isna(v) else f"{float(v):.{d}f}" for v, d in zip(out[column], places, strict=True)]
    return out


# ------------------------------------------------------------------------------------------- Core20 in people
#: LSOA-count indicators (crude proportions with Wilson intervals) whose Core20 gap can be put in people.
CORE20_PEOPLE_IDS = ("census_bad_health", "census_unpaid_care", "census_unpaid_care_50h", "pct_disabled")
CORE20_PEOPLE_COLUMNS = (
    "indicator_id",
    "indicator",
    "period",
    "core20_value",
    "rest_value",
    "core20_denominator",
    "people",
    "people_lowercl",
    "people_uppercl",
    "note",
)


def core20_people(
    db: Database, icb: Icb, area_code: str, table: pd.DataFrame, threshold: int = config.SUPPRESSION_THRESHOLD
) -> pd.DataFrame:
    """The gap between the Core20 (national IMD deciles 1-2) and the rest of a place (or the ICB), in people.

    ``people = (p_core20 - p_rest) x n_core20``: how many more people in the area's Core20 neighbourhoods have the
    characteristic than if they had the rest of the area's rate. The interval is the difference's (MOVER, from the
    two Wilson intervals, :func:`lsc_phm.stats.core20_gap`) times the Core20 denominator. Places and the ICB only
    (the LSOA sums are by place).

    Returns
    -------
    pandas.DataFrame
        :data:`CORE20_PEOPLE_COLUMNS`, one row per indicator of :data:`CORE20_PEOPLE_IDS` held for the area; empty
        for other kinds of area.
    """
    from lsc_phm.domain.geography import areas
    from lsc_phm.stats import core20_gap

    places = set(areas(db, icb, "place")["area_code"])
    if area_code != icb.code and area_code not in places:
        return pd.DataFrame(columns=list(CORE20_PEOPLE_COLUMNS))
    rows = []
    for indicator_id in CORE20_PEOPLE_IDS:
        found = table[table["indicator_id"] == indicator_id]
        if found.empty:
            continue
        indicator = indicators.get(indicator_id)
        period = str(found["period"].iloc[0])
        groups = db.query(
            "ineq_national_deciles",
            indicator=indicator_id,
            vintage=icb.imd_vintage,
            icb=icb.code,
            place="" if area_code == icb.code else area_code,
            period=period,
            groups=10,
        )
        core = groups[groups["deprivation_group"] <= 2]
        base = {"indicator_id": indicator_id, "indicator": indicator.name, "period": period}
        if core.empty or core["numerator"].sum() < threshold or len(core) == len(groups):
            rows.append(
                {**base, "note": f"not calculated: no Core20 LSOAs, no other LSOAs, or Core20 count below {threshold}"}
            )
            continue
        gap = core20_gap(
            groups["deprivation_group"], groups["numerator"], groups["denominator"], value_type="proportion"
        ).iloc[0]
        n = float(core["denominator"].sum())
        rows.append(
            {
                **base,
                "core20_value": gap["value_a"],
                "rest_value": gap["value_b"],
                "core20_denominator": n,
                "people": gap["value"] * n / 100,
                "people_lowercl": gap["lowercl"] * n / 100,
                "people_uppercl": gap["uppercl"] * n / 100,
                "note": "(Core20 % - rest %) x Core20 denominator; interval: MOVER difference of Wilson "
                "intervals x Core20 denominator",
            }
        )
    return pd.DataFrame(rows, columns=list(CORE20_PEOPLE_COLUMNS))


def briefing_inputs(
    db: Database, icb: Icb, area_code: str, comparator: str = "england"
) -> tuple[AttentionList | None, pd.DataFrame | None]:
    """What the briefing's story needs from the database: the attention list against ``comparator`` (None when no
    values are held for the area, e.g. a user-drawn area) and the similar-places headline comparison (None when the
    area has no neighbours, e.g. a county or a place of several authorities).

    ``comparator`` is what :func:`comparator_for` accepts ("england", "decile", "neighbours" or an area code); the
    slide-2 messages name it ("... against 9.9% in 15 similar areas").

    Raises
    ------
    ValueError
        If the comparator cannot be formed for this area (e.g. a county has no peer group).
    """
    chosen = comparator_for(db, icb, comparator, area_code)
    try:
        found = attention(db, icb, area_code, chosen)
    except ValueError:
        return None, None
    from lsc_phm.views import similar_places  # imported here: only briefings need it

    try:
        similar = similar_places.headline_comparison(db, icb, area_code)
    except ValueError:  # not an authority, or no complete profile
        similar = None
    return found, similar


def chart_left_out(
    history: pd.DataFrame, indicator_id: str, area_code: str, drawn: dict[str, str]
) -> list[tuple[str, str]]:
    """The areas of a detail chart (``drawn``: code -> name, the area and its comparator) with no value in the
    periods it draws (the area's periods of one kind, :func:`same_kind`), each with the reason, so the chart never
    loses its comparator silently (e.g. England has no ONS Health Index value in the data held).

    Returns
    -------
    list of (name, reason)
        For :func:`lsc_phm.render.formats.dropped_note`; empty when every area is drawn.
    """
    held = history[(history["indicator_id"] == indicator_id) & history["value"].notna()]
    periods = set(same_kind(held[held["area_code"] == area_code])["period"])
    out = []
    for code, name in drawn.items():
        own = held[held["area_code"] == code]
        if own["period"].isin(periods).any():
            continue
        if "period_sort" in own.columns:
            own = own.sort_values("period_sort")
        out.append(
            (name, f"latest value held: {own['period'].iloc[-1]}" if len(own) else dropped_areas.REASON_NO_VALUE)
        )
    return out
