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

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: comparing with a benchmark; recent trends.
   https://fingertips.phe.org.uk/profile/guidance
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

import numpy as np
import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain import benchmarking, comparators, indicator_data, similar
from lsc_phm.domain.geography import Icb
from lsc_phm.stats import gap_in_people, gap_trend, trajectory
from lsc_phm.store.db import Database
from lsc_phm.views import similar_places

GROUPS: tuple[str, ...] = ("Worse and getting worse", "Worse and not improving", "Worse but improving",
                           "Better or similar", "Not judged")
ENGLAND = config.ENGLAND_CODE
#: The page that shows one indicator's detail for the area (URL path of pages/attention.py).
DETAIL_PAGE = "attention"
ATTENTION_COLUMNS: tuple[str, ...] = (
    "group", "indicator_id", "indicator", "unit", "period", "value", "lowercl", "uppercl", "comparator_value",
    "comparison", "comparison_basis", "direction", "direction_basis", "gap_trend", "gap_trend_basis",
    "people", "people_lowercl", "people_uppercl", "people_unit", "people_note", "standardisation", "value_note",
    "suppressed", "comparator_method", "rank_all", "rank_group",
    "area_name", "comparator_name", "detail_link",
)
#: Multipliers of the crude units whose gaps can be put in people.
UNIT_MULTIPLIERS = {"%": 100.0, "per 1,000": 1_000.0, "per 10,000": 10_000.0, "per 100,000": 100_000.0}
#: Survey estimates: their "denominator" is the survey's sample, not the area's population, so a gap is never
#: multiplied by it (tests check every Active Lives / APS / dental survey indicator is listed).
SURVEY_IDS = frozenset({"physically_inactive_adults", "adult_overweight", "adult_obesity", "smoking_adults",
                        "smoking_routine_manual", "cigarette_smokers_annual", "cigarette_smokers_5yr",
                        "dental_decay_5yo"})
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


@dataclass(frozen=True)
class Comparator:
    """What an area is compared with: England (the default), any other area that has values in the database
    (``kind`` "area"), or a peer group of the area's authority (``kind`` "decile" or "neighbours", see
    :func:`group_comparator`).
    """

    code: str = ENGLAND
    name: str = "England"
    kind: str = "area"

    @property
    def is_group(self) -> bool:
        """Whether the comparator is a peer group (its value formed from the members', see
        :mod:`lsc_phm.domain.comparators`)."""
        return self.kind in GROUP_KINDS

    @property
    def key(self) -> str:
        """What the link and the CLI keep: "england", "decile", "neighbours", or another area's code."""
        if self.is_group:
            return self.kind
        return "england" if self.code == ENGLAND else self.code


ENGLAND_COMPARATOR = Comparator()
#: The code a user-defined area's attention list carries (the place profile's ``USER_AREA_CODE``).
USER_AREA = "USER-AREA"
#: The comparators every authority can switch between (England and its two peer groups).
COMPARATOR_KINDS: tuple[str, ...] = ("england", "decile", "neighbours")
GROUP_KINDS: tuple[str, ...] = ("decile", "neighbours")
#: A group comparator's name, chosen to read in "than at {name}'s rate".
GROUP_NAMES = {"decile": "the deprivation-decile group", "neighbours": "the similar-areas group"}
#: How a peer group's value is formed and judged, in one place for the page, the CLI and the methods page.
GROUP_NOTE = ("a peer group's value is formed from its members, the area itself left out: for a crude proportion "
              "where every member with a value has counts, pooled (sum of numerators / sum of denominators, Wilson "
              "95% interval); otherwise the median of the members' values, treated as fixed; none where fewer than "
              "half the members have a value. The area's 95% interval is tested against it (Fingertips' rule); "
              "where the area's value has no interval no comparison is made and no significance is claimed. Ranks "
              "count the area and its members with a value for the same period "
              "(docs/methods.md#comparing-with-a-peer-group).")
COMPARATOR_CHOICES = {"england": "England", "decile": "Authorities in the same deprivation decile",
                      "neighbours": "15 nearest statistical neighbours"}


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


def _kind(period: object) -> str:
    return re.sub(r"\d", "9", str(period))


def same_kind(series: pd.DataFrame) -> pd.DataFrame:
    """The periods of the same kind (single years, pooled, quarters) as the latest one, oldest first."""
    ordered = series.sort_values("period_sort")
    if ordered.empty:
        return ordered
    kind = _kind(ordered["period"].iloc[-1])
    return ordered[[_kind(p) == kind for p in ordered["period"]]]


def _shown(value: float, indicator: indicators.Indicator) -> str:
    text = f"{value:,.{indicator.decimals}f}"
    return f"{text}%" if indicator.unit == "%" else f"{text} {indicator.unit}"


def _single_years(periods: pd.Series) -> bool:
    """Whether the periods are single years ("2022", "2022/23"), so that "latest year" and "five-year" are true."""
    return all(re.fullmatch(r"\d{4}(/\d{2})?", str(p)) for p in periods)


def latest_change(series: pd.DataFrame, indicator: indicators.Indicator) -> tuple[str, str]:
    """Direction from the latest change: ("getting worse" | "improving" | "increasing" | "decreasing", words) when the
    latest and previous 95% intervals (periods of the same kind) do not overlap; ("", reason) otherwise.

    The words say the change and the test, e.g. "rose significantly in the latest year (19.3% to 23.9%, 95%
    intervals do not overlap)": non-overlapping 95% intervals imply a difference significant at least at 5%.
    """
    polarity = indicator.polarity
    kept = same_kind(series.dropna(subset=["value"]))
    if len(kept) < 2:
        return "", "no earlier period of the same kind"
    last, prev = kept.iloc[-1], kept.iloc[-2]
    if any(pd.isna(v) for v in (last["lowercl"], last["uppercl"], prev["lowercl"], prev["uppercl"])):
        return "", "no intervals to test the latest change"
    if not (last["uppercl"] < prev["lowercl"] or prev["uppercl"] < last["lowercl"]):
        return "", f"latest change {prev['period']} to {last['period']}: 95% intervals overlap"
    rose = last["value"] > prev["value"]
    worse = (rose and polarity == "low_is_good") or (not rose and polarity == "high_is_good")
    span = "year" if _single_years(kept["period"].tail(2)) else "period"
    words = (f"{'rose' if rose else 'fell'} significantly in the latest {span} ({_shown(prev['value'], indicator)} "
             f"to {_shown(last['value'], indicator)}, 95% intervals do not overlap)")
    if polarity == "no_judgement":
        return ("increasing" if rose else "decreasing"), words
    return ("getting worse" if worse else "improving"), words


def trend_words(trend: str, series: pd.DataFrame) -> str:
    """The recent trend named by who made it: "OHID's five-year trend: no significant change" (OHID's published
    trend), "five-year trend (chi-square test for trend, computed here): ..." or why no trend was tested."""
    years = _single_years(same_kind(series.dropna(subset=["value"]))["period"].tail(5))
    span = "five-year" if years else "five-point"
    if trend.endswith(benchmarking.OHID_TREND):
        return f"OHID's {span} trend: {trend.removesuffix(benchmarking.OHID_TREND).lower()}"
    if trend.startswith("Trend test not applicable"):
        return f"no {span} trend tested: {trend.removeprefix('Trend test not applicable: ')}"
    return f"{span} trend (chi-square test for trend at 99.8%, computed here): {trend.lower()}"


def direction(series: pd.DataFrame, indicator: indicators.Indicator) -> tuple[str, str]:
    """The indicator's direction for the area and which rule decided it.

    The recent trend governs where it shows a significant direction (OHID's published trend first, else the
    chi-square test computed here). Where it does not, a latest change with non-overlapping 95% intervals decides,
    and the basis says both facts, e.g. "rose significantly in the latest year (19.3% to 23.9%, 95% intervals do
    not overlap); OHID's five-year trend: no significant change".

    Returns
    -------
    tuple of str
        ``("getting worse" | "improving" | "no significant change" | "not tested", basis)``.
    """
    trend = benchmarking.recent_trend(series, indicator)
    said = trend_words(trend, series)
    if "getting worse" in trend:
        return "getting worse", said
    if "getting better" in trend:
        return "improving", said
    moved, basis = latest_change(series, indicator)
    if moved in ("getting worse", "improving"):
        return moved, f"{basis}; {said}"
    if trend.startswith(("No significant change", "Increasing", "Decreasing")) or basis.endswith("intervals overlap"):
        return "no significant change", f"{said}; {basis}"
    return "not tested", f"{said}; {basis}"


def decided_by_latest_change(direction_basis: str) -> bool:
    """Whether a row's direction was decided by the latest change rather than by the recent trend (the rows whose
    every display must say both facts)."""
    return " significantly in the latest " in str(direction_basis).split(";")[0]


def direction_phrase(row: pd.Series | dict) -> str:
    """The direction as every display of a row must say it: the direction alone ("getting worse") where the recent
    trend decided, and both facts where the latest change decided against a trend of no significant change ("getting
    worse: rose significantly in the latest year (19.3% to 23.9%, 95% intervals do not overlap); OHID's five-year
    trend: no significant change"). For the page, the CLI and the briefing's messages alike."""
    moving, basis = str(row["direction"]), str(row["direction_basis"])
    return f"{moving}: {basis}" if decided_by_latest_change(basis) else moving


def classify(comparison: str, moving: str) -> str:
    """The group (:data:`GROUPS`) of a comparison ("Worse", "Better", ...) and a direction."""
    if comparison == "Worse":
        return {"getting worse": GROUPS[0], "improving": GROUPS[2]}.get(moving, GROUPS[1])
    if comparison in ("Better", "Similar"):
        return GROUPS[3]
    return GROUPS[4]


def gap_direction(area: pd.DataFrame, comparator: pd.DataFrame) -> tuple[str, str]:
    """Widening / narrowing / no clear change of the gap over the comparable points (:func:`lsc_phm.stats.gap_trend`),
    or why it was not tested."""
    kept = same_kind(area.dropna(subset=["value", "lowercl", "uppercl"]))
    joined = kept.merge(comparator[["period", "value", "lowercl", "uppercl"]].dropna(), on="period",
                        suffixes=("", "_c"))
    joined = joined[(joined["uppercl"] > joined["lowercl"]) | (joined["uppercl_c"] > joined["lowercl_c"])]
    if len(joined) < 5:
        return "not tested", f"needs 5 periods with intervals for both, has {len(joined)}"
    joined = joined.tail(5)  # the recent five, as the recent trend
    out = gap_trend(joined["period_sort"], joined["value"], joined["lowercl"], joined["uppercl"], joined["value_c"],
                    joined["lowercl_c"], joined["uppercl_c"]).iloc[0]
    return str(out["direction"]), (f"slope of the gap {out['value']:+.2f} per year (95% CI {out['lowercl']:+.2f} "
                                   f"to {out['uppercl']:+.2f}), {joined['period'].iloc[0]} to "
                                   f"{joined['period'].iloc[-1]}")


def people_gap(row: pd.Series, indicator: indicators.Indicator, comparator_value: float,
               comparator_name: str) -> tuple[float, float, float, str]:
    """(people, lower, upper, note): the gap in people, or NaNs and why it is not converted."""
    nan = (np.nan, np.nan, np.nan)
    if indicator.standardisation != "crude" or indicator.value_type not in ("proportion", "rate"):
        why = {"age-standardised": "an age-standardised rate describes a standard population, not the residents",
               "life table": "a life expectancy is in years, not a count of people",
               "indirectly standardised": "a standardised ratio is not a share of the residents"}.get(
            indicator.standardisation, f"a {indicator.value_type} is not a share of the residents")
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
    out = gap_in_people(row["value"], row["lowercl"], row["uppercl"], comparator_value, row["denominator"],
                        multiplier).iloc[0]
    return (float(out["value"]), float(out["lowercl"]), float(out["uppercl"]),
            f"(value - {comparator_name}) x denominator {row['denominator']:,.0f} ({row['period']}); interval from "
            "the area's 95% limits, comparator fixed")


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
    group = pd.DataFrame({
        "indicator_id": bench["indicator_id"], "area_code": comparator.code, "area_name": comparator.name,
        "area_level": comparator.kind, "period": bench["period"], "value": bench["comparator_value"],
        "lowercl": bench["comparator_lowercl"].where(~fixed, bench["comparator_value"]),
        "uppercl": bench["comparator_uppercl"].where(~fixed, bench["comparator_value"]),
        "comparator_method": bench["comparator_method"], "rank_all": bench["rank_all"],
        "rank_group": bench["rank_group"]})
    sorts = own[["indicator_id", "period", "period_sort"]].drop_duplicates(["indicator_id", "period"])
    group = group.merge(sorts, on=["indicator_id", "period"], how="left")
    return pd.concat([held, group], ignore_index=True)


def _authority_ranks(db: Database, icb: Icb, area_code: str, indicator_ids: tuple[str, ...]) -> pd.DataFrame:
    """Ranks among all English authorities of the area's latest values (empty when it is not one authority)."""
    if similar_places.comparator_availability(area_code, similar_places.current_authorities(db)) is not None:
        return pd.DataFrame(columns=["indicator_id", "period", "rank_all"])
    return comparators.benchmarks(db, icb, area_code, "england", indicator_ids)[["indicator_id", "period",
                                                                                   "rank_all"]]


def attention(db: Database, icb: Icb, area_code: str, comparator: Comparator = ENGLAND_COMPARATOR,
              confidence: float = 0.95, threshold: int = config.SUPPRESSION_THRESHOLD) -> AttentionList:
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
    ranks = (_authority_ranks(db, icb, area_code, tuple(dict.fromkeys(own["indicator_id"])))
             if not comparator.is_group else pd.DataFrame(columns=["indicator_id", "period", "rank_all"]))
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
        latest = same_kind(series).iloc[-1]
        comp_latest = comp[comp["period"] == latest["period"]]
        comp_value = float(comp_latest["value"].iloc[0]) if not comp_latest.empty else np.nan
        frame = pd.DataFrame([latest]).assign(england_value=comp_value)
        if comparator.code != ENGLAND:
            frame["published_comparison"] = None
        if comparator.is_group:
            method = (str(comp_latest["comparator_method"].iloc[0]) if not comp_latest.empty else
                      "no value formed for the group in this period (fewer than half its members have one)")
            compared = comparators.judge(frame.assign(comparator_value=comp_value, comparator_method=method,
                                                      polarity=indicator.polarity), confidence).iloc[0]
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
        people = (np.nan, np.nan, np.nan, "suppressed: count below 10") if suppressed else people_gap(
            latest, indicator, comp_value, comparator.name)
        group = classify(comparison if indicator.polarity != "no_judgement" else "No judgement", moving)
        rows.append({
            "group": group, "indicator_id": indicator.id, "indicator": indicator.name, "unit": indicator.unit,
            "period": str(latest["period"]),
            "value": np.nan if suppressed else latest["value"],
            "lowercl": np.nan if suppressed else compared["lowercl"],
            "uppercl": np.nan if suppressed else compared["uppercl"],
            "comparator_value": comp_value, "comparison": comparison,
            "comparison_basis": "count below 10" if suppressed else str(compared["comparison_basis"]),
            "direction": moving, "direction_basis": moving_basis, "gap_trend": gap, "gap_trend_basis": gap_basis,
            "people": people[0], "people_lowercl": people[1], "people_uppercl": people[2],
            "people_unit": "" if pd.isna(people[0]) else ("people" if indicator.value_type == "proportion" else
                                                          "events over the period (not people)"),
            "people_note": people[3],
            "standardisation": indicator.standardisation,
            "value_note": latest["value_note"] if isinstance(latest["value_note"], str) else "",
            "suppressed": suppressed, "comparator_method": method,
            "rank_all": None if suppressed or pd.isna(rank_all) else rank_all,
            "rank_group": None if suppressed or pd.isna(rank_group) else rank_group,
            "area_name": area_name, "comparator_name": comparator.name,
            "detail_link": detail_link(area_code, indicator.id, comparator),
        })
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


# ------------------------------------------------------------------------------------------- targets
@dataclass(frozen=True)
class Ambition:
    """A national ambition with its cited source."""

    key: str
    indicator_id: str
    label: str
    value: float
    year: int
    source: str


AMBITIONS: tuple[Ambition, ...] = (
    Ambition("smokefree_2030", "smoking_adults", "Smokefree 2030: adult smoking at or below 5% by 2030", 5.0, 2030,
             "Department of Health and Social Care. Advancing our health: prevention in the 2020s (Green Paper, "
             "CP 110), July 2019: the ambition for England to be smoke-free by 2030, smoke-free meaning adult "
             "smoking prevalence of 5% or less."),
)
TARGET_KINDS: tuple[str, ...] = ("england", "similar_quartile", "number", "ambition")
#: Points of the series the projection uses (the recent ones, as the recent trend).
TRAJECTORY_POINTS = 5


def ambitions_for(indicator_id: str) -> tuple[Ambition, ...]:
    """The national ambitions that apply to an indicator."""
    return tuple(a for a in AMBITIONS if a.indicator_id == indicator_id)


@dataclass(frozen=True)
class Target:
    """A target chosen by the user: ``kind`` is "england" (England's latest value), "similar_quartile" (the best
    quartile of similar areas, made by :func:`similar_quartile_target`), "number" or "ambition"."""

    kind: str
    year: int
    value: float | None = None
    ambition: str = ""
    source: str = ""


def similar_quartile_target(db: Database, icb: Icb, area_code: str, indicator_id: str, year: int) -> Target:
    """The best quartile of similar areas as a target: the better-quartile value (by the indicator's polarity) among
    the area's 15 nearest neighbours in its latest period (:func:`lsc_phm.domain.comparators.best_quartile`).

    Raises
    ------
    ValueError
        For an area that is not one current authority, an indicator without polarity, or too few neighbours with a
        value (the message says which).
    """
    unavailable = similar_places.comparator_availability(area_code, similar_places.current_authorities(db))
    if unavailable is not None:
        raise ValueError(unavailable.split(";")[0].rstrip("."))
    found = comparators.best_quartile(db, icb, area_code, indicator_id)
    which = "25th percentile (low is good)" if found.quantile == 0.25 else "75th percentile (high is good)"
    decimals = indicators.get(indicator_id).decimals
    return Target("similar_quartile", year, found.value, source=(
        f"the best quartile of similar areas, {found.value:.{decimals}f} ({found.period}): the {which} of the "
        f"values of {found.peers_with_value} of the area's {found.peers} nearest statistical neighbours"))


def target_value(target: Target, indicator_id: str, held: pd.DataFrame) -> tuple[float, str]:
    """The target's value and a description of where it comes from.

    Raises
    ------
    ValueError
        For an unknown kind or ambition, a missing number, or no England value held.
    """
    if target.kind == "similar_quartile":
        if target.value is None or not target.source:
            raise ValueError("the best quartile of similar areas is made by similar_quartile_target")
        return float(target.value), target.source[0].upper() + target.source[1:]
    if target.kind == "number":
        if target.value is None or not np.isfinite(target.value):
            raise ValueError("a number target needs a value")
        return float(target.value), f"{target.value:g} (chosen by the user)"
    if target.kind == "england":
        england = held[(held["area_code"] == ENGLAND) & (held["indicator_id"] == indicator_id)]
        england = same_kind(england.dropna(subset=["value"]))
        if england.empty:
            raise ValueError("no England value is held for this indicator")
        last = england.iloc[-1]
        return float(last["value"]), f"England's latest value, {last['value']:.1f} ({last['period']})"
    if target.kind == "ambition":
        for ambition in ambitions_for(indicator_id):
            if ambition.key == target.ambition:
                return ambition.value, f"{ambition.label}. Source: {ambition.source}"
        raise ValueError(f"no national ambition '{target.ambition}' for this indicator")
    raise ValueError(f"unknown target kind '{target.kind}'; kinds: {', '.join(TARGET_KINDS)}")


def area_trajectory(attention_list: AttentionList, indicator_id: str, target: Target) -> dict[str, object]:
    """Project the area's recent points of one indicator to the target year (:func:`lsc_phm.stats.trajectory`).

    Returns
    -------
    dict
        The :func:`lsc_phm.stats.trajectory` result plus ``target_source``, ``periods`` (those used) and
        ``indicator``.
    """
    indicator = indicators.get(indicator_id)
    value, source = target_value(target, indicator_id, attention_list.history)
    own = attention_list.history[(attention_list.history["area_code"] == attention_list.area_code)
                                 & (attention_list.history["indicator_id"] == indicator_id)]
    points = same_kind(own.dropna(subset=["value", "period_sort"])).tail(TRAJECTORY_POINTS)
    if not points.empty and target.year <= float(points["period_sort"].max()):
        raise ValueError(f"the target year {target.year} must be after the latest data ({points['period'].iloc[-1]})")
    result = trajectory(points["period_sort"], points["value"], value, target.year, indicator.polarity)
    if indicator.unit == "%":  # a percentage's prediction interval cannot leave 0-100
        result["lowercl"], result["uppercl"] = (min(100.0, max(0.0, result[k])) for k in ("lowercl", "uppercl"))
    return {**result, "target_source": source, "periods": tuple(points["period"]), "indicator": indicator.name,
            "unit": indicator.unit}


# ------------------------------------------------------------------------------------------- areas
def choosable_areas(db: Database, icb: Icb) -> pd.DataFrame:
    """The areas an attention list can be made for: the profile's areas (ICB, places, districts, footprints), then
    the ICB's PCNs with values. Columns ``area_code, area_name, level, label``."""
    from lsc_phm.views import place_profile  # the profile's area list, imported here to keep this module light

    profile = place_profile.choosable_areas(db, icb)[["area_code", "area_name", "level", "label"]]
    pcns = db.query("attention_pcns", icb=icb.code)
    pcns = pcns.assign(level="pcn", label=["PCN: " + str(name) for name in pcns["area_name"]])
    return pd.concat([profile, pcns[["area_code", "area_name", "level", "label"]]], ignore_index=True)


def resolve_area(db: Database, icb: Icb, wanted: str) -> tuple[str, str]:
    """(code, name) of the area ``wanted`` names: a profile area (code, label or name, as the place profile
    resolves it) or a PCN (code, "PCN: name" or name), case-insensitively.

    Raises
    ------
    ValueError
        One line naming what was not found (the profile's message, which lists the areas).
    """
    from lsc_phm.views import place_profile

    try:
        area = place_profile.resolve_area(db, icb, wanted)
        return area.code, area.name
    except ValueError as error:
        key = " ".join(str(wanted).split()).casefold()
        pcns = db.query("attention_pcns", icb=icb.code)
        for code, name in zip(pcns["area_code"], pcns["area_name"], strict=False):
            if key in (str(code).casefold(), str(name).casefold(), f"pcn: {name}".casefold()):
                return str(code), str(name)
        raise ValueError(f"{error}; or a PCN's name or code") from None


def group_comparator(db: Database, area_code: str, kind: str) -> Comparator:
    """The peer group of the area's authority: "decile" (the English authorities of its tier in the same national
    deprivation decile, OHID's grouping) or "neighbours" (its 15 nearest statistical neighbours).

    Raises
    ------
    ValueError
        For another kind, or an area that is not one current English district or unitary authority (the message
        says why, as the spine chart does).
    """
    if kind not in GROUP_KINDS:
        raise ValueError(f"a peer group is one of {', '.join(GROUP_KINDS)}, not '{str(kind)[:40]}'")
    unavailable = similar_places.comparator_availability(area_code, similar_places.current_authorities(db))
    if unavailable is not None:
        raise ValueError(f"the '{kind}' comparator is not available for this area (choose england): {unavailable}")
    return Comparator(f"{kind}:{similar.authority_code(area_code)}", GROUP_NAMES[kind], kind)


def comparator_for(db: Database, icb: Icb, code: str, area_code: str | None = None) -> Comparator:
    """The comparator a link or the CLI names: "england" (or England's code), "decile" or "neighbours" (a peer
    group of ``area_code``, see :func:`group_comparator`), or any other area's code.

    Raises
    ------
    ValueError
        If no values are held for the code, or the area has no such peer group.
    """
    code = str(code).strip()
    if code.casefold() in (ENGLAND.casefold(), "england"):
        return Comparator()
    if code.casefold() in GROUP_KINDS:
        if area_code is None:
            raise ValueError(f"the '{code.casefold()}' comparator needs the area it is a peer group of")
        return group_comparator(db, area_code, code.casefold())
    held = db.query("attention_values", vintage=icb.imd_vintage, codes=[code])
    if held.empty:
        raise ValueError(f"no indicator values are held for comparator '{code[:60]}'; give england, decile, "
                         f"neighbours or an area code such as {ENGLAND} (England)")
    return Comparator(code, str(held["area_name"].iloc[0]))


# ------------------------------------------------------------------------------------------- user-defined areas
#: The groups of indicators an attention list cannot give for a user-defined area, and why (said on the page).
NOT_FOR_USER_AREAS: tuple[tuple[str, str], ...] = (
    ("Published rates: life expectancy, healthy life expectancy, mortality, admissions and the other Fingertips "
     "indicators",
     "OHID publishes them for whole authorities (some for wards), not for LSOAs, and a rate or a life expectancy "
     "cannot be added up over neighbourhoods; the place profile shows them for each district the area lies in."),
    ("GP-recorded data: QOF prevalence, smoking recorded by GPs, SMI health checks, screening and vaccination",
     "they are counted by practice, PCN and sub-ICB location; where a practice's patients live (patients by LSOA) "
     "is not held, so they cannot be given for a drawn area."),
    ("Survey estimates: adult smoking (APS), physical activity and weight (Active Lives), dental decay",
     "their samples are drawn for whole authorities; there is no estimate for a smaller area."),
    ("Directions over time and the trend of the gap",
     "the LSOA counts held are Census 2021, a single point in time, so no trend can be tested; every row is 'not "
     "tested'."),
    ("Comparison with similar places and ranks",
     "peer groups and ranks are for whole English authorities; a user-defined area is compared with England only."),
)


def user_area_attention(db: Database, icb: Icb, spec: object, confidence: float = 0.95,
                        threshold: int = config.SUPPRESSION_THRESHOLD) -> AttentionList:
    """The attention list of a user-defined area (uploaded LSOA list or drawn area): the indicators whose figures can
    be computed from its LSOAs (Census 2021 general health, unpaid care, household deprivation, disability, age and
    ethnic group; :func:`lsc_phm.views.place_profile.user_area_figures`), against England, in the same groups.

    The direction is never tested (one period) and the gap in people is (p - England) x the summed denominator,
    from unrounded counts with the Wilson limits. :data:`NOT_FOR_USER_AREAS` says which groups of indicators cannot
    be given, and why.

    Raises
    ------
    ValueError
        If none of the area's LSOAs is held (the profile's message).
    """
    from lsc_phm.stats import wilson_ci
    from lsc_phm.views import place_profile  # the user-area figures, imported here to keep this module light

    figures = place_profile.user_area_figures(db, icb, spec, confidence)
    name = str(getattr(spec, "name", "user-defined area"))
    # England's unrounded value (the profile's figures round it for display), so the gap agrees with a named area's
    england = db.query("attention_values", vintage=icb.imd_vintage, codes=[ENGLAND])
    england = england.set_index(["indicator_id", "period"])["value"]
    rows = []
    for figure in figures.to_dict("records"):
        indicator = indicators.get(str(figure["indicator_id"]))
        figure["england_value"] = england.get((indicator.id, str(figure["period"])), figure["england_value"])
        suppressed = bool(figure.get("suppressed"))
        comparison = "Suppressed" if suppressed else str(figure["comparison"])
        basis = (f"no five-year trend tested: {figure['period']} is the only period held for a user-defined area "
                 "(Census 2021 LSOA counts)")
        people = (np.nan, np.nan, np.nan, "suppressed: count below 10")
        if not suppressed:
            limits = wilson_ci(np.array([figure["numerator"]]), np.array([figure["denominator"]]), confidence)
            exact = pd.Series({"value": 100 * float(limits["value"].iloc[0]),
                               "lowercl": 100 * float(limits["lowercl"].iloc[0]),
                               "uppercl": 100 * float(limits["uppercl"].iloc[0]),
                               "denominator": figure["denominator"], "period": figure["period"], "value_note": ""})
            people = people_gap(exact, indicator, figure["england_value"], "England")
        group = classify(comparison if indicator.polarity != "no_judgement" else "No judgement", "not tested")
        rows.append({
            "group": group, "indicator_id": indicator.id, "indicator": indicator.name, "unit": indicator.unit,
            "period": str(figure["period"]), "value": figure["value"], "lowercl": figure["lowercl"],
            "uppercl": figure["uppercl"], "comparator_value": figure["england_value"], "comparison": comparison,
            "comparison_basis": str(figure.get("comparison_basis") or ""), "direction": "not tested",
            "direction_basis": basis, "gap_trend": "not tested", "gap_trend_basis": "one period held",
            "people": people[0], "people_lowercl": people[1], "people_uppercl": people[2],
            "people_unit": "" if pd.isna(people[0]) else "people", "people_note": people[3],
            "standardisation": indicator.standardisation, "value_note": str(figure.get("note") or ""),
            "suppressed": suppressed, "comparator_method": "England's published value", "rank_all": None,
            "rank_group": None, "area_name": name, "comparator_name": "England", "detail_link": "",
        })
    table = pd.DataFrame(rows, columns=list(ATTENTION_COLUMNS))
    if not table.empty:
        table = table.assign(_group=table["group"].map({g: n for n, g in enumerate(GROUPS)}),
                             _size=-table["people"].abs().fillna(0))
        table = table.sort_values(["_group", "_size", "indicator"]).drop(columns=["_group", "_size"])
    return AttentionList(USER_AREA, name, ENGLAND_COMPARATOR, table.reset_index(drop=True),
                         pd.DataFrame(columns=["indicator_id", "area_code", "period", "period_sort", "value"]))


# ------------------------------------------------------------------------------------------- Core20 in people
#: LSOA-count indicators (crude proportions with Wilson intervals) whose Core20 gap can be put in people.
CORE20_PEOPLE_IDS = ("census_bad_health", "census_unpaid_care", "census_unpaid_care_50h", "pct_disabled")
CORE20_PEOPLE_COLUMNS = ("indicator_id", "indicator", "period", "core20_value", "rest_value", "core20_denominator",
                         "people", "people_lowercl", "people_uppercl", "note")


def core20_people(db: Database, icb: Icb, area_code: str, table: pd.DataFrame,
                  threshold: int = config.SUPPRESSION_THRESHOLD) -> pd.DataFrame:
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
        groups = db.query("ineq_national_deciles", indicator=indicator_id, vintage=icb.imd_vintage, icb=icb.code,
                          place="" if area_code == icb.code else area_code, period=period, groups=10)
        core = groups[groups["deprivation_group"] <= 2]
        base = {"indicator_id": indicator_id, "indicator": indicator.name, "period": period}
        if core.empty or core["numerator"].sum() < threshold or len(core) == len(groups):
            rows.append({**base, "note": "not calculated: no Core20 LSOAs, no other LSOAs, or Core20 count below "
                                         f"{threshold}"})
            continue
        gap = core20_gap(groups["deprivation_group"], groups["numerator"], groups["denominator"],
                         value_type="proportion").iloc[0]
        n = float(core["denominator"].sum())
        rows.append({**base, "core20_value": gap["value_a"], "rest_value": gap["value_b"], "core20_denominator": n,
                     "people": gap["value"] * n / 100, "people_lowercl": gap["lowercl"] * n / 100,
                     "people_uppercl": gap["uppercl"] * n / 100,
                     "note": "(Core20 % - rest %) x Core20 denominator; interval: MOVER difference of Wilson "
                             "intervals x Core20 denominator"})
    return pd.DataFrame(rows, columns=list(CORE20_PEOPLE_COLUMNS))


def briefing_inputs(db: Database, icb: Icb, area_code: str) -> tuple[AttentionList | None, pd.DataFrame | None]:
    """What the briefing's story needs from the database: the attention list against England (None when no values
    are held for the area, e.g. a user-drawn area) and the similar-places headline comparison (None when the area
    has no neighbours, e.g. a county or a place of several authorities)."""
    try:
        found = attention(db, icb, area_code)
    except ValueError:
        return None, None
    from lsc_phm.views import similar_places  # imported here: only briefings need it

    try:
        similar = similar_places.headline_comparison(db, icb, area_code)
    except ValueError:  # not an authority, or no complete profile
        similar = None
    return found, similar
