"""What needs attention: every indicator held for one area in four groups (worse and getting worse; worse and not
improving; worse but improving; better or similar) plus those not judged, each row linked to its detail: the series
against the comparator, the trend of the gap, the gap in people, and a trajectory towards a target kept in the link
(lsc_phm.views.attention)."""

import math

import altair as alt
import pandas as pd
import streamlit as st

from lsc_phm import indicators
from lsc_phm.render import formats
from lsc_phm.render.text import markdown_text
from lsc_phm.reports import attention_report
from lsc_phm.views import (
    attention,
    attention_comparators,
    attention_direction,
    attention_targets,
    attention_user_area,
    similar_places,
)
from ui import attention_data, components, dropped, state, url, user_area
from ui.frame import require_app_frame

require_app_frame()

AREA_KEY = "attention_area"
INDICATOR_KEY = "attention_indicator"
COMPARATOR_KEY = "attention_comparator"
TARGET_KEY = "attention_target"
TARGET_VALUE_KEY = "attention_target_value"
TARGET_YEAR_KEY = "attention_target_year"
TARGET_LABELS = {
    "england": "England's latest value",
    "similar_quartile": "Best quartile of similar areas",
    "number": "A number",
    "ambition": "A national ambition",
}
DEFAULT_TARGET_YEAR = 2030

icb = state.current_icb()
state.database_or_stop()


@st.cache_data(show_spinner=False, max_entries=1)
def _current() -> frozenset[str]:
    return similar_places.current_authorities(state.database())


@st.cache_data(show_spinner=False, max_entries=64, ttl=state.CACHE_TTL)
def _core20(icb_, area_code: str, comparator_key: str) -> pd.DataFrame:
    found = attention_data.attention_list(icb_, area_code, comparator_key)
    return attention.core20_people(state.database(), icb_, area_code, found.table)


def _shown_value(value: float, low: float, high: float, unit: str) -> str:
    if pd.isna(value):
        return ""
    unit_text = "%" if unit == "%" else f" {unit}"
    interval = "" if pd.isna(low) or pd.isna(high) else f" ({low:,.1f} to {high:,.1f})"
    return f"{value:,.1f}{unit_text}{interval}"


def _people(row: pd.Series) -> str:
    if pd.isna(row["people"]):
        return ""
    n = attention_report.round_people(float(row["people"]))
    low = attention_report.round_people(float(row["people_lowercl"]))
    high = attention_report.round_people(float(row["people_uppercl"]))
    kind = "" if row["people_unit"] == "people" else " events"
    return f"{n:+,}{kind} ({low:+,} to {high:+,})"


def _display(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Indicator": rows["indicator"],
            "Period": rows["period"],
            "Value (95% CI)": [
                _shown_value(v, lo, hi, u)
                for v, lo, hi, u in zip(rows["value"], rows["lowercl"], rows["uppercl"], rows["unit"], strict=True)
            ],
            "Comparator": [
                _shown_value(v, math.nan, math.nan, u)
                for v, u in zip(rows["comparator_value"], rows["unit"], strict=True)
            ],
            "Compared": rows["comparison"],
            "Rank": [
                " ; ".join(str(r) for r in ranks if isinstance(r, str) and r)
                for ranks in zip(rows["rank_group"], rows["rank_all"], strict=True)
            ],
            "Direction": [attention_direction.direction_phrase(r) for _, r in rows.iterrows()],
            "Gap trend": rows["gap_trend"],
            "Gap in people": [_people(r) for _, r in rows.iterrows()],
            "Detail": ["./" + link if link else None for link in rows["detail_link"]],
        }
    )


areas = attention_data.areas(icb)
drawn = user_area.current()  # an area drawn on the Your data page in this session (never stored)
codes, labels = user_area.area_choices(areas)  # ends with that area, if any
notes: list[str] = []
url.seed(AREA_KEY, codes, codes[0], "the area", notes, labels)

st.title("What needs attention")
st.markdown(
    "Every indicator held for the area, grouped by its comparison with the comparator and its direction "
    'over time: **worse and getting worse** first. "Worse" is the Fingertips single-interval rule at 95% '
    "(or OHID's own comparison where no interval is held); the direction is the recent trend (OHID's, or "
    "the chi-square test for trend at 99.8%), else the latest change where the two periods' 95% intervals "
    "do not overlap. Each row links to its detail."
)
for note in notes:
    st.warning(note, icon=":material/warning:")

choice = st.columns([3, 2])
with choice[0]:
    area_code = st.selectbox("Area", codes, format_func=lambda code: labels[code], key=AREA_KEY)
url.sync(AREA_KEY, area_code, codes[0])
is_user_area = drawn is not None and area_code == attention.USER_AREA
no_peers = (
    similar_places.comparator_availability(area_code, _current())
    if not is_user_area
    else ("A user-defined area is compared with England only (peer groups and ranks are for whole authorities).")
)
comparators = {"england": attention_comparators.COMPARATOR_CHOICES["england"]}
if no_peers is None:
    comparators.update(
        {kind: attention_comparators.COMPARATOR_CHOICES[kind] for kind in attention_comparators.GROUP_KINDS}
    )
if area_code != icb.code and not is_user_area:
    comparators[icb.code] = icb.name
url.seed(COMPARATOR_KEY, list(comparators), "england", "the comparator", notes, comparators)
with choice[1]:
    comparator_key = st.selectbox(
        "Compared with",
        list(comparators),
        format_func=lambda c: comparators[c],
        key=COMPARATOR_KEY,
        help="England; for an area that is one local authority, the authorities in its "
        "national deprivation decile (OHID's grouping) or its 15 nearest statistical "
        "neighbours; or the ICB as a whole. OHID's own comparisons (made against "
        "England) are used only against England.",
    )
url.sync(COMPARATOR_KEY, comparator_key, "england")
if no_peers is not None:
    st.caption(no_peers.replace("compared with England", "offered England (and the ICB) only"))
elif comparator_key in attention_comparators.GROUP_KINDS:
    st.caption(f"{similar_places.COMPARATOR_MEANING[comparator_key]} In full: {attention_comparators.GROUP_NOTE}")

part = None if is_user_area else attention_data.part_note(icb, area_code)
if part:
    st.info(markdown_text(part), icon=":material/call_split:")
if is_user_area:
    st.info(user_area.describe(drawn), icon=":material/draw:")
    result = user_area.attention_list(icb, drawn)
    st.markdown(
        "**Not given for a user-defined area:**\n"
        + "\n".join(f"- {what}: {why}" for what, why in attention_user_area.NOT_FOR_USER_AREAS)
    )
else:
    result = attention_data.attention_list(icb, area_code, comparator_key)
comparator_name = result.comparator.name
table = result.table
counts = table["group"].value_counts()
band = st.columns(len(attention.GROUPS))
for column, group in zip(band, attention.GROUPS, strict=True):
    column.metric(group, int(counts.get(group, 0)))

for group in attention.GROUPS:
    rows = table[table["group"] == group]
    if rows.empty:
        continue
    with st.expander(f"{group} ({len(rows)})", expanded=group == attention.GROUPS[0]):
        components.table(
            _display(rows),
            key=f"attention_{group}",
            column_config={"Detail": st.column_config.LinkColumn("Detail", display_text="Open")},
        )
components.download_table(attention.export_table(result), f"attention_{area_code}", key="attention_csv")

core20 = _core20(icb, area_code, comparator_key) if not is_user_area else pd.DataFrame()
if not core20.empty:
    st.subheader("The Core20 against the rest of the area, in people")
    shown = core20.dropna(subset=["people"])
    gap = attention_report.more_or_fewer
    st.markdown(
        "\n".join(
            f"- {r.indicator} ({r.period}): {r.core20_value:.1f}% in the Core20 neighbourhoods against "
            f"{r.rest_value:.1f}% in the rest of {result.area_name}: "
            + gap(r.people, r.people_lowercl, r.people_uppercl, "people", "the rest's rate")
            + "."
            for r in shown.itertuples()
        )
    )
    st.caption(
        "(Core20 % − rest %) × the Core20 denominator, with the difference's 95% interval (Wilson intervals "
        "combined by MOVER); Census 2021 counts summed over the area's LSOAs by national IMD decile (crude)."
    )
st.caption(
    "Gap in people: (area rate − comparator rate) × the area's denominator, with the area's 95% limits and "
    "the comparator fixed; only for crude proportions and rates with a population denominator (not "
    "age-standardised rates, life expectancy or survey estimates). Gap trend: weighted regression of the "
    "difference on time over the five most recent comparable periods, two-sided at 95%. "
    "Methods: Data and methods."
)

# ------------------------------------------------------------------------------------------------ detail
st.header("Detail", divider="blue")
ids = list(table["indicator_id"])
names = dict(zip(table["indicator_id"], table["indicator"], strict=True))
url.seed(INDICATOR_KEY, ids, ids[0], "the indicator", notes, names)
indicator_id = st.selectbox("Indicator", ids, format_func=lambda i: names[i], key=INDICATOR_KEY)
url.sync(INDICATOR_KEY, indicator_id, None)
indicator = indicators.get(indicator_id)
row = table[table["indicator_id"] == indicator_id].iloc[0]
area_name = result.area_name
shown_name = markdown_text(area_name)  # a user-defined area's name is the user's text
st.markdown(
    f"**{row['indicator']}**, {shown_name}: {row['group'].lower()}. "
    f"Compared ({row['comparison_basis']}): {row['comparison']}. Direction: {row['direction']} "
    f"({row['direction_basis']})."
)
st.markdown(attention_report.gap_trend_sentence(row))
st.markdown(attention_report.people_sentence(row, shown_name))

held = result.history[result.history["indicator_id"] == indicator_id]
series = held[held["value"].notna()].assign(
    who=lambda f: f["area_code"].map({area_code: area_name, result.comparator.code: comparator_name})
)
series = series.dropna(subset=["who"])
series = series[
    series["period"].isin(attention_direction.same_kind(series[series["area_code"] == area_code])["period"])
]
if not series.empty:
    order = list(attention_direction.same_kind(series[series["area_code"] == area_code])["period"])
    base = alt.Chart(series).encode(
        x=alt.X("period:N", sort=order, title="Period"), color=alt.Color("who:N", title=None)
    )
    lines = base.mark_line(point=True).encode(
        y=alt.Y("value:Q", title=f"{indicator.name} ({indicator.unit})", scale=alt.Scale(zero=False)),
        tooltip=["who", "period", alt.Tooltip("value:Q", format=",.1f")],
    )
    bars = base.mark_rule().encode(y="lowercl:Q", y2="uppercl:Q")
    components.chart(
        (bars + lines).properties(height=260), f"attention_{area_code}_{indicator_id}", key="attention_chart"
    )
    dropped.show(
        formats.dropped_note(
            attention.chart_left_out(
                result.history, indicator_id, area_code, {area_code: area_name, result.comparator.code: comparator_name}
            ),
            order[-1],
        )
    )

# ------------------------------------------------------------------------------------------------ target
st.subheader("Target and trajectory")
ambitions = attention_targets.ambitions_for(indicator_id)
has_quartile = no_peers is None and indicator.polarity in ("low_is_good", "high_is_good")
kinds = ["england"] + (["similar_quartile"] if has_quartile else []) + ["number"] + (["ambition"] if ambitions else [])
url.seed(TARGET_KEY, kinds, "england", "the target", notes, TARGET_LABELS)
kind = st.radio("Target", kinds, format_func=lambda k: TARGET_LABELS[k], key=TARGET_KEY, horizontal=True)
url.sync(TARGET_KEY, kind, "england")


target_columns = st.columns(2)
ambition_key = ""
if kind == "ambition":
    ambition = ambitions[0]
    ambition_key = ambition.key
    year = ambition.year
    st.caption(f"{ambition.label}. Source: {ambition.source}")
else:
    url.seed_number(TARGET_YEAR_KEY, 2000, 2100, DEFAULT_TARGET_YEAR, "the target year", notes)
    with target_columns[0]:
        year = int(
            st.number_input(
                "By (year the period ends)",
                min_value=2000.0,
                max_value=2100.0,
                step=1.0,
                format="%.0f",
                key=TARGET_YEAR_KEY,
            )
        )
    url.sync(TARGET_YEAR_KEY, f"{year:d}", f"{DEFAULT_TARGET_YEAR:d}")
value = None
if kind == "number":
    latest = float(row["value"]) if not pd.isna(row["value"]) else 0.0
    url.seed_number(TARGET_VALUE_KEY, -1e9, 1e9, round(latest, 1), "the target value", notes)
    with target_columns[1]:
        value = float(st.number_input(f"Target value ({indicator.unit})", key=TARGET_VALUE_KEY))
    url.sync(TARGET_VALUE_KEY, f"{value:g}", None)
else:
    url.drop(TARGET_VALUE_KEY)
for note in notes:
    st.warning(note, icon=":material/warning:")
try:
    chosen = (
        attention_targets.similar_quartile_target(state.database(), icb, area_code, indicator_id, year)
        if kind == "similar_quartile"
        else attention_targets.Target(kind, year, value, ambition_key)
    )
    projection = attention_targets.area_trajectory(result, indicator_id, chosen)
except ValueError as error:
    st.info(f"No trajectory: {error}.", icon=":material/info:")
else:
    st.markdown(attention_report.trajectory_sentence(projection, indicator.unit))
    st.caption(
        f"Target: {projection['target_source']}. Straight line by ordinary least squares over "
        f"{', '.join(projection['periods']) or 'no periods'}; the recent rate may not continue, and the "
        "interval widens quickly beyond the data."
    )
