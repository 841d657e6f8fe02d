"""The briefing's story from the attention list (:mod:`lsc_phm.views.attention`): slide 2's key messages (at most
five sentences under 30 words, with their figures), a "What has changed" chart of headline indicators named with
their tested direction, and editable "Questions for the board".

Slide 2 always leads with the place's deprivation position and its life expectancy and healthy life expectancy
against England, then the indicators that need attention by importance: worse and getting worse first, then worse
and not improving, those with a gap in people (largest first) before the rest. Detail goes into the slide notes.

One topic, one series: the deck quotes each topic from its registry headline series
(:func:`lsc_phm.domain.topics.prefer_headline`; adult smoking from OHID 92443, Annual Population Survey), and leaves
the other series of the topic (for adult smoking: GP-recorded, ONS cigarette smokers, routine and manual) to the
profile section, which says why they differ. Smoking at time of delivery (a different population, no topic of its
own) carries a sentence on why it differs when both are quoted.
See ``docs/methods.md#the-briefings-key-messages-from-the-attention-list``.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: comparing with a benchmark; recent trends.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from lsc_phm import indicators
from lsc_phm.domain import topics
from lsc_phm.render.formats import periods_in_text
from lsc_phm.reports import attention_report
from lsc_phm.reports.profile_model import ChartSpec
from lsc_phm.views import attention, attention_direction

#: Shown elsewhere on slide 2 (life expectancy, deprivation) or describing who lives there rather than their
#: health (population groups, household deprivation): not chosen as messages.
LEAD_IDS = frozenset(
    {
        "le_male",
        "le_female",
        "hle_male",
        "hle_female",
        "sii_le_male",
        "sii_le_female",
        "census_household_deprived",
        "census_household_deprived_2plus",
    }
)
CONTEXT_THEMES = ("Deprivation", "Population and PLUS groups")
SMOKING_DIFFER = (
    "Adult smoking (OHID 92443) is the Annual Population Survey's share of adults who smoke; smoking at "
    "time of delivery counts mothers recorded as smokers when they give birth (maternity data): "
    "different people and sources, so the two figures differ."
)
MAX_MESSAGES = 5
#: Headline indicators for "What has changed", in order of preference (those with at least 3 periods are drawn).
CHANGE_IDS = (
    "le_male",
    "le_female",
    "hle_male",
    "hle_female",
    "smoking_adults",
    "children_absolute_low_income",
    "smoking_at_delivery",
    "alcohol_related_mortality",
    "under18_conceptions",
    "preventable_cvd_mortality",
)
MAX_CHANGE_CHARTS = 4


@dataclass
class BriefingStory:
    """What the attention list adds to a briefing."""

    messages: list[str]
    notes: list[str]
    changes: ChartSpec | None = None
    change_lines: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    #: What the messages compare with, as the attention list names it ("England", "the similar-areas group").
    comparator: str = "England"


def _words(text: str) -> int:
    return len(text.split())


def _fmt(value: float, unit: str) -> str:
    return f"{value:.1f}%" if unit == "%" else f"{value:.1f} years" if unit == "years" else f"{value:,.1f} {unit}"


def life_expectancy_message(table: pd.DataFrame, area: str) -> str | None:
    """One sentence: men's and women's life expectancy and healthy life expectancy against the list's comparator
    (England unless another was chosen), named."""
    rows = table.set_index("indicator_id")
    if not {"le_male", "le_female"} <= set(rows.index):
        return None
    le_m, le_f = rows.loc["le_male"], rows.loc["le_female"]
    text = (
        f"Life expectancy in {area}: men {le_m['value']:.1f}, women {le_f['value']:.1f} years against "
        f"{le_m['comparator_value']:.1f} and {le_f['comparator_value']:.1f} in {le_m['comparator_name']} "
        f"({le_m['period']})"
    )
    if {"hle_male", "hle_female"} <= set(rows.index):
        hle_m, hle_f = rows.loc["hle_male"], rows.loc["hle_female"]
        text += (
            f"; healthy life expectancy {hle_m['value']:.1f} and {hle_f['value']:.1f} against "
            f"{hle_m['comparator_value']:.1f} and {hle_f['comparator_value']:.1f}"
        )
    return text + "."


#: Short words for the people a gap counts, for slide 2 (else "people").
SHORT_PEOPLE = {
    "children_absolute_low_income": "children",
    "census_bad_health": "residents",
    "census_unpaid_care": "carers",
    "census_household_deprived": "households",
    "smoking_at_delivery": "mothers",
    "pct_disabled": "disabled residents",
}


def similar_places_message(headline: pd.DataFrame | None, area: str) -> str | None:
    """One sentence: life expectancy against the area's 15 nearest statistical neighbours, or None without them.

    ``headline`` has the columns of the similar-places view's headline comparison
    (``lsc_phm.views.similar_places.headline_comparison``: ``indicator_id``, ``value``, ``neighbours_value``,
    ``vs_neighbours``, ``rank_neighbours``).
    """
    if headline is None or headline.empty or "neighbours_value" not in headline:
        return None
    rows = headline.set_index("indicator_id")
    if (
        not {"le_male", "le_female"} <= set(rows.index)
        or rows.loc[["le_male", "le_female"], "neighbours_value"].isna().any()
    ):
        return None
    m, f = rows.loc["le_male"], rows.loc["le_female"]

    def verdict(row: pd.Series) -> str:
        rank = row.get("rank_neighbours")
        if isinstance(rank, str) and rank:
            return rank.replace(" similar areas", "")
        return str(row.get("vs_neighbours") or "not compared").lower()

    return (
        f"Against {area}'s 15 most similar areas: men's life expectancy {m['value']:.1f} vs "
        f"{m['neighbours_value']:.1f} ({verdict(m)}), women's {f['value']:.1f} vs {f['neighbours_value']:.1f} "
        f"({verdict(f)})."
    )


def attention_message(row: pd.Series) -> str:
    """One sentence (under 30 words) for an indicator that needs attention, with the gap in people where held; the
    direction as :func:`lsc_phm.reports.attention_report.short_direction` says it (both facts where the latest change
    decided)."""
    tested = str(row["direction"]) in ("getting worse", "improving", "no significant change")
    moving = f", {attention_report.short_direction(row)}" if tested else ""
    value, comparator = _fmt(row["value"], row["unit"]), _fmt(row["comparator_value"], row["unit"])
    text = f"{row['indicator']}: {value} against {comparator} in {row['comparator_name']} ({row['period']}){moving}"
    if not pd.isna(row["people"]) and row["people"] > 0 and row["people_unit"] == "people":
        n, low, high = (
            attention_report.round_people(float(row[c])) for c in ("people", "people_lowercl", "people_uppercl")
        )
        who = SHORT_PEOPLE.get(str(row["indicator_id"]), "people")
        longer = f"{text}; about {n:,} more {who} than at {row['comparator_name']}'s rate ({low:,} to {high:,})."
        return longer if _words(longer) < 30 else f"{text}; about {n:,} more {who}."
    return text + "."


def ranked(table: pd.DataFrame) -> pd.DataFrame:
    """The rows that may make slide 2's messages, most important first (see the module's rules)."""
    context = {i.id for i in indicators.REGISTRY if i.theme in CONTEXT_THEMES}
    table = topics.prefer_headline(table)
    judged = table[
        table["group"].isin(attention.GROUPS[:3])
        & ~table["indicator_id"].isin(LEAD_IDS | context)
        & table["value"].notna()
        & table["comparator_value"].notna()
    ].copy()
    judged["_group"] = judged["group"].map({g: n for n, g in enumerate(attention.GROUPS)})
    judged["_has_people"] = judged["people"].notna() & (judged["people"] > 0) & (judged["people_unit"] == "people")
    judged["_distance"] = (judged["value"] - judged["comparator_value"]).abs() / judged["comparator_value"].abs().where(
        judged["comparator_value"] != 0
    )
    judged["_people"] = judged["people"].where(judged["_has_people"], 0).fillna(0)
    return judged.sort_values(["_group", "_has_people", "_people", "_distance"], ascending=[True, False, False, False])


def story(
    table: pd.DataFrame,
    area: str,
    deprivation: str,
    history: pd.DataFrame | None = None,
    area_code: str = "",
    similar: pd.DataFrame | None = None,
) -> BriefingStory:
    """Slide 2's messages, their notes, the "What has changed" chart and the board's questions.

    Parameters
    ----------
    table : pandas.DataFrame
        :data:`lsc_phm.views.attention.ATTENTION_COLUMNS` for the area against England.
    area : str
        The area's name.
    deprivation : str
        The place's deprivation position as one sentence (the profile's deprivation headline).
    history : pandas.DataFrame, optional
        The attention list's history (all periods) for the trend charts.
    area_code : str
    similar : pandas.DataFrame, optional
        The similar-places headline comparison (:func:`similar_places_message`); without it the notes say that
        the comparison with similar places is not available.
    """
    messages, notes = [], []
    if deprivation:
        messages.append(deprivation.rstrip(".") + ".")
    life = life_expectancy_message(table, area)
    peers = similar_places_message(similar, area)
    if life:
        messages.append(life)
        notes.append(
            f"Life expectancy: {life} "
            + (peers or "Comparison with similar places is not available for this area in this deck.")
        )
    if peers:
        messages.append(peers)
    chosen = ranked(table).head(MAX_MESSAGES - len(messages))
    for _, row in chosen.iterrows():
        messages.append(attention_message(row))
        notes.append(
            f"{row['indicator']} ({row['group'].lower()}): {row['comparison_basis']}; direction: "
            f"{row['direction_basis']}. {attention_report.gap_trend_sentence(row)} "
            f"{attention_report.people_sentence(row, area)}"
        )
    quoted = set(chosen["indicator_id"])
    if {"smoking_adults", "smoking_at_delivery"} <= quoted:
        notes.append(SMOKING_DIFFER)
    notes.append(
        "Order: the place's deprivation and life expectancy first, then worse and getting worse, worse and "
        'not improving, worse but improving (gaps in people first). "Worse": Fingertips single-interval '
        "rule at 95% or OHID's own comparison; direction: recent trend, else a latest change whose 95% "
        "intervals do not overlap."
    )
    chart, lines = changes(table, history, area_code) if history is not None else (None, [])
    at_delivery = any(line.startswith(indicators.get("smoking_at_delivery").name) for line in lines)
    if at_delivery and ("smoking_adults" in quoted or "smoking_adults" in set(table["indicator_id"])):
        lines.append(SMOKING_DIFFER)
    return BriefingStory(
        messages[:MAX_MESSAGES], notes, chart, lines, questions(table, area), attention_report.comparator_name(table)
    )


def for_list(
    found: attention.AttentionList | None, area_name: str, deprivation: str, similar: pd.DataFrame | None = None
) -> BriefingStory | None:
    """The story of one area from its attention list (:func:`lsc_phm.views.attention.briefing_inputs`), or None."""
    if found is None:
        return None
    return story(found.table, area_name, deprivation, found.history, found.area_code, similar)


def questions(table: pd.DataFrame, area: str) -> list[str]:
    """Placeholder prompts for the board, built from the attention list (the slide is editable)."""
    out = []
    against = attention_report.comparator_name(table)
    rows = ranked(table)
    for _, row in rows[rows["group"] == attention.GROUPS[0]].head(2).iterrows():
        out.append(f"What is driving the rise in {row['indicator']} in {area}, and who owns the response?")
    for _, row in rows[rows["group"] == attention.GROUPS[1]].head(2).iterrows():
        if not pd.isna(row["people"]) and row["people_unit"] == "people":
            out.append(
                f"{row['indicator']}: what would it take to close the gap of about "
                f"{attention_report.round_people(float(row['people'])):,} people with {against}?"
            )
        else:
            out.append(
                f"{row['indicator']} is worse than {against} and not improving: what is our plan and trajectory?"
            )
    for _, row in rows[rows["group"] == attention.GROUPS[2]].head(1).iterrows():
        out.append(f"{row['indicator']} is improving: is it improving fast enough to close the gap with {against}?")
    out.append("Which of these should the board set a target and trajectory for, and by when?")
    return out[:5]


def changes(table: pd.DataFrame, history: pd.DataFrame, area_code: str) -> tuple[ChartSpec | None, list[str]]:
    """Small trend charts (the area and England, in the indicator's unit) of the headline indicators with three or
    more periods, each titled with its tested direction (a ``trend_panels`` chart,
    :func:`lsc_phm.render.chart_kinds.trend_panels`); and one line per chart for the slide."""
    rows = table.set_index("indicator_id")
    frames, panels, lines = [], [], []
    candidates = [i for i in CHANGE_IDS if i in rows.index]
    # those whose direction was tested first (a chart named "not tested" says little), in the order above
    candidates.sort(key=lambda i: rows.loc[i, "direction"] == "not tested")
    for indicator_id in candidates:
        if len(panels) >= MAX_CHANGE_CHARTS:
            break
        row = rows.loc[indicator_id]
        held = history[(history["indicator_id"] == indicator_id) & history["value"].notna()]
        own = attention_direction.same_kind(held[held["area_code"] == area_code])
        if len(own) < 3:
            continue
        names = {area_code: str(row["area_name"]), attention.ENGLAND: "England"}
        data = held[held["period"].isin(own["period"])]
        frames.append(data.assign(who=data["area_code"].map(names)))
        moving = str(row["direction"])
        # the slide-2 wording: both facts where a latest-year change decided against a trend of no change
        said = attention_report.short_direction(row) if moving != "not tested" else "direction not tested"
        lines.append(
            f"{row['indicator']}: {said}"
            if moving != "not tested"
            else f"{row['indicator']}: direction not tested (no intervals or trend held)"
        )
        panels.append(
            {
                "indicator_id": indicator_id,
                "title": str(row["indicator"]),
                "subtitle": said,
                "unit": str(row["unit"]),
                "area_name": str(row["area_name"]),
                "periods": list(own["period"]),
            }
        )
    if not panels:
        return None, []
    return ChartSpec("trend_panels", pd.concat(frames, ignore_index=True), {"panels": panels}), lines


#: The attention groups as short table headers (the groups of :data:`lsc_phm.views.attention.GROUPS`).
SHORT_GROUPS = dict(
    zip(
        attention.GROUPS,
        ("Worse, getting worse", "Worse, not improving", "Worse, improving", "Better or similar", "Not judged"),
        strict=True,
    )
)


def side_by_side(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Areas side by side: how many indicators each has in each attention group, and the one the briefing would
    quote first.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        Area code -> its attention table (:data:`lsc_phm.views.attention.ATTENTION_COLUMNS`, with ``area_name``),
        all made against the same kind of comparator. An area whose list could not be made is left out by the
        caller.

    Returns
    -------
    pandas.DataFrame
        ``area_code, area_name``, one count column per group of :data:`lsc_phm.views.attention.GROUPS`, and
        ``first_message`` (the indicator :func:`ranked` puts first, empty when none), in the order given.

    Raises
    ------
    ValueError
        If a table has no ``group`` column.
    """
    rows = []
    for code, table in tables.items():
        if "group" not in table:
            raise ValueError(f"the attention table of {code} has no 'group' column")
        counts = table["group"].value_counts()
        first = ranked(table).head(1)
        names = table["area_name"].dropna() if "area_name" in table else pd.Series(dtype=str)
        rows.append(
            {
                "area_code": code,
                "area_name": str(names.iloc[0]) if len(names) else code,
                **{group: int(counts.get(group, 0)) for group in attention.GROUPS},
                "first_message": str(first["indicator"].iloc[0]) if len(first) else "",
            }
        )
    return pd.DataFrame(rows, columns=["area_code", "area_name", *attention.GROUPS, "first_message"])


def side_by_side_note(level: str) -> str:
    """How to read :func:`side_by_side` for areas of ``level`` ("place" or "district"), including what "(part)" means
    there: a district partly in the ICB is shown with the whole authority's figures, a place "(part)" is the ICB's
    LSOAs of an authority outside its places, with figures for those LSOAs.

    Raises
    ------
    ValueError
        If ``level`` is not "place" or "district".
    """
    parts = {
        "district": "'(part)': an authority only partly in the ICB; its figures are the whole authority's.",
        "place": "'(part)': the LSOAs of an authority that lie in the ICB outside its places; its figures are for "
        "those LSOAs.",
    }
    if level not in parts:
        raise ValueError(f"level must be 'place' or 'district', not {level!r}")
    return (
        "Numbers of indicators in each group against England, as on What needs attention; an area's indicators "
        "differ with what is published for it (a county holds fewer small-area figures than a unitary authority), "
        "so compare the worse groups, not the totals. Leads the briefing: the first indicator its key messages "
        "would quote after deprivation and life expectancy (worse and getting worse first, then the largest gap in "
        f"people). {parts[level]}"
    )


@dataclass(frozen=True)
class AttentionSummary:
    """An area's attention list in a few lines: the counts, up to three messages and how to read them."""

    counts: str
    messages: list[str]
    note: str


def summary(table: pd.DataFrame, area: str, source_of: Callable[[str], str], limit: int = 3) -> AttentionSummary:
    """The Overview's summary of an area's attention list against England: the counts by group
    (:func:`lsc_phm.reports.attention_report.counts_sentence`), the first ``limit`` messages in the briefing's order
    and words (periods in the app's one style), and a note naming each message's source, standardisation and
    comparison.

    Parameters
    ----------
    table : pandas.DataFrame
        The area's attention table against England.
    area : str
        The area's name, for the gap in people ("the ICB's rate").
    source_of : callable
        Indicator id -> its publishers and titles (e.g. :func:`lsc_phm.domain.indicator_data.source_text` bound to
        the database), asked only for the quoted indicators.
    limit : int, default 3

    Returns
    -------
    AttentionSummary
        With no message, ``messages`` holds one sentence naming the indicators worse than England (all of them
        life expectancy, deprivation or population groups, which :func:`ranked` leaves out) or saying that none is
        worse, and ``note`` is empty.
    """
    top = ranked(table).head(limit)
    if top.empty:
        worse = table[table["group"].isin(attention.GROUPS[:3])]
        only = (
            f"Worse than England, all of them life expectancy, deprivation or population groups (which the "
            f"briefing does not quote as messages): {', '.join(worse['indicator'])}."
            if not worse.empty
            else f"No indicator judged for {area} is worse than England; its places and districts may differ."
        )
        return AttentionSummary(attention_report.counts_sentence(table), [only], "")
    cited = "; ".join(
        f"{row['indicator']}: {source_of(str(row['indicator_id'])) or 'source not recorded'} "
        f"({row['standardisation']}; compared by {row['comparison_basis']})"
        for _, row in top.iterrows()
    )
    note = (
        f'Sources: {cited}. "Worse": the Fingertips single-interval rule at 95%, or OHID\'s own comparison where no '
        "interval is held; direction: the recent trend, else a latest change whose 95% intervals do not overlap; "
        f"people: ({area}'s rate − England's) × {area}'s denominator, computed here. In the order of the briefing's "
        "key messages (worse and getting worse first, then the largest gaps in people), which leave out life "
        "expectancy, deprivation and population groups: the charts below show deprivation and healthy life "
        "expectancy."
    )
    messages = [periods_in_text(attention_message(row)) for _, row in top.iterrows()]
    return AttentionSummary(attention_report.counts_sentence(table), messages, note)
