"""Key messages: the 3 to 5 sentences a briefing leads with, chosen from the profile's figures table.

Selection works on any figures table with the columns of :data:`FIGURE_TABLE_COLUMNS` (value, England value,
comparison, people), not on particular indicators, so new indicators (and publishers' own comparisons with England)
take part without code changes.

Rules
-----
1. A candidate is a figure for the area itself (not a larger area's value used as a proxy) with an England value
   for the same period, not suppressed.
2. Distance from England is relative: ``|value - England| / |England|``. People affected is the figure's
   population (its denominator where published, else the area's residents) as a share of the area's residents,
   capped at 1. ``score = distance x people share``.
3. Figures with a judgement (polarity "high is good" or "low is good") come before figures without one (recorded
   prevalence, where higher is not simply worse); within each group, by score.
4. A male and a female figure of the same indicator and period make one message.
5. First the best message of each section (so the messages cover the profile), then the next best, up to
   :data:`MAX_MESSAGES`; the final list is in score order.
6. One series per topic (:mod:`lsc_phm.domain.topics`): where several series answer one question (adult smoking),
   only the topic's headline series is quoted when it is usable, else the best of the others.
7. Wording follows :mod:`lsc_phm.reports.narrative`: "significantly" only where a confidence-interval test (or the
   publisher's own comparison, named as such) says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from lsc_phm.domain import topics
from lsc_phm.reports import narrative

MIN_MESSAGES = 3
MAX_MESSAGES = 5
FIGURE_TABLE_COLUMNS: tuple[str, ...] = (
    "indicator_id",
    "indicator",
    "section",
    "value",
    "england_value",
    "comparison",
    "confidence",
    "period",
    "unit",
    "decimals",
    "polarity",
    "people",
    "area_name",
    "value_for",
    "source",
)


def _base(name: str) -> str:
    """The indicator's name without its sex: "Life expectancy at birth (male)" -> "Life expectancy at birth"."""
    return re.sub(r"\s*\(\)", "", re.sub(r"\((?:male|female)(?:, )?", "(", name)).strip()


@dataclass(frozen=True)
class KeyMessage:
    """One key message: the sentence, a short form for a slide title, and why it ranks where it does."""

    text: str
    title: str
    indicator_ids: tuple[str, ...]
    section: str
    distance: float
    people_share: float
    judged: bool

    @property
    def score(self) -> float:
        """Relative distance from England times the share of the area's people it concerns."""
        return self.distance * self.people_share


def _difference(value: float, england: float, unit: str, decimals: int) -> str:
    gap = abs(value - england)
    word = "higher" if value > england else ("lower" if value < england else "the same")
    if word == "the same":
        return "the same as England"
    if unit == "%":
        return f"{gap:,.{decimals}f} percentage points {word}"
    return f"{narrative.format_value(gap, unit, decimals)} {word}"


def _figure(row: pd.Series) -> narrative.Figure:
    return narrative.Figure(
        indicator=str(row["indicator"]),
        area=str(row["area_name"]),
        value=float(row["value"]),
        unit=str(row["unit"]),
        period=str(row["period"]),
        source=str(row["source"]),
        england=float(row["england_value"]),
        comparison=str(row["comparison"]),
        confidence=str(row["confidence"] or ""),
        decimals=int(row["decimals"]),
        basis=str(row.get("comparison_basis") or "") if not pd.isna(row.get("comparison_basis")) else "",
    )


def _judgement(row: pd.Series) -> str:
    figure = _figure(row)
    if figure.significant and figure.by_publisher:
        return (
            f"{figure.comparison.lower()} than England by OHID's own comparison "
            f"(OHID comparison, {figure.publisher_level})"
        )
    if figure.significant:
        return f"significantly {figure.comparison.lower()} than England ({figure.confidence} confidence interval)"
    if figure.comparison == "Similar" and figure.by_publisher:
        return f"similar to England by OHID's own comparison (OHID comparison, {figure.publisher_level})"
    if figure.comparison == "Similar" and figure.confidence:
        return f"not significantly different from England ({figure.confidence} confidence interval)"
    return f"not compared ({figure.not_compared_reason})"


def candidates(table: pd.DataFrame, residents: float) -> pd.DataFrame:
    """The figures that may become key messages, with ``distance``, ``people_share``, ``judged`` and ``score``.

    Parameters
    ----------
    table : pandas.DataFrame
        :data:`FIGURE_TABLE_COLUMNS`.
    residents : float
        The area's residents (the people-affected share is relative to this).

    Raises
    ------
    ValueError
        If a column is missing or ``residents`` is not positive.
    """
    missing = [c for c in FIGURE_TABLE_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"figures table lacks columns: {', '.join(missing)}")
    if not residents or residents <= 0:
        raise ValueError("residents must be positive to weigh messages by people affected")
    own = table["value_for"].isna() | (table["value_for"] == "") | (table["value_for"] == table["area_name"])
    usable = table[
        own
        & table["value"].notna()
        & table["england_value"].notna()
        & (table["england_value"] != 0)
        & (table["comparison"] != "Suppressed")
    ].copy()
    usable["distance"] = (usable["value"] - usable["england_value"]).abs() / usable["england_value"].abs()
    people = usable["people"].where(usable["people"].notna() & (usable["people"] > 0), residents)
    usable["people_share"] = (people / residents).clip(upper=1.0)
    usable["judged"] = usable["polarity"].isin(["high_is_good", "low_is_good"])
    usable["score"] = usable["distance"] * usable["people_share"]
    ranked = usable.sort_values(["judged", "score"], ascending=[False, False])
    return topics.prefer_headline(ranked).reset_index(drop=True)


def _title(rows: list[pd.Series], area: str) -> str:
    row = rows[0]
    unit, decimals = str(row["unit"]), int(row["decimals"])
    if len(rows) == 2:
        base = _base(str(row["indicator"]))
        parts = " and ".join(f"{narrative.format_value(r['value'], unit, decimals)} ({_sex(r)})" for r in rows)
        england = " and ".join(narrative.format_value(r["england_value"], unit, decimals) for r in rows)
        return f"{base} in {area}: {parts} vs {england} in England"
    return (
        f"{row['indicator']} in {area}: {narrative.format_value(row['value'], unit, decimals)} vs "
        f"{narrative.format_value(row['england_value'], unit, decimals)} in England"
    )


def _sex(row: pd.Series) -> str:
    match = re.search(r"\b(male|female)\b", str(row["indicator"]))
    return {"male": "men", "female": "women"}[match.group(1)] if match else ""


def _sentence(rows: list[pd.Series], area: str) -> str:
    row = rows[0]
    unit, decimals = str(row["unit"]), int(row["decimals"])
    if len(rows) == 1:
        value = narrative.format_value(row["value"], unit, decimals)
        england = narrative.format_value(row["england_value"], unit, decimals)
        return (
            f"{row['indicator']} in {area} is {value} against {england} in England ({row['period']}): "
            f"{_difference(row['value'], row['england_value'], unit, decimals)}; {_judgement(row)}."
        )
    base = _base(str(row["indicator"]))
    pieces = [
        f"{_sex(r)} {narrative.format_value(r['value'], unit, decimals)} against "
        f"{narrative.format_value(r['england_value'], unit, decimals)} in England "
        f"({_difference(r['value'], r['england_value'], unit, decimals)})"
        for r in rows
    ]
    judgements = [_judgement(r) for r in rows]
    judged = (
        f"both {judgements[0]}"
        if judgements[0] == judgements[1]
        else "; ".join(f"{_sex(r)}: {j}" for r, j in zip(rows, judgements, strict=False))
    )
    return f"{base} in {area} ({row['period']}): {pieces[0]}; {pieces[1]}; {judged}."


def _pair_key(row: pd.Series) -> tuple[str, str, str]:
    return (_base(str(row["indicator"])), str(row["period"]), str(row["section"]))


def messages(table: pd.DataFrame, area: str, residents: float, limit: int = MAX_MESSAGES) -> list[KeyMessage]:
    """Choose and write up to ``limit`` key messages (see the module's rules).

    Parameters
    ----------
    table : pandas.DataFrame
        :data:`FIGURE_TABLE_COLUMNS`, one row per figure.
    area : str
        The area's name, as written in the sentences.
    residents : float
    limit : int, default 5

    Returns
    -------
    list of KeyMessage
        Highest score first; fewer than :data:`MIN_MESSAGES` only when there are not enough figures.
    """
    built = _written(candidates(table, residents), area)
    chosen: list[KeyMessage] = []
    for message in built:  # best of each section first
        if message.section not in {m.section for m in chosen}:
            chosen.append(message)
    for message in built:
        if message not in chosen:
            chosen.append(message)
    chosen = chosen[:limit]
    return sorted(chosen, key=lambda m: (not m.judged, -m.score))


def _subset(table: pd.DataFrame, section: str, ids: tuple[str, ...] | None) -> pd.DataFrame:
    rows = table[table["section"] == section]
    return rows if ids is None else rows[rows["indicator_id"].isin(ids)]


def section_messages(
    table: pd.DataFrame, section: str, area: str, residents: float, limit: int = 3, ids: tuple[str, ...] | None = None
) -> list[str]:
    """The best ``limit`` message sentences of one section (optionally of some of its indicators only), for the
    words beside a chart."""
    if table.empty or not residents or residents <= 0:
        return []
    return [m.text for m in _written(candidates(_subset(table, section, ids), residents), area)][:limit]


def _written(ranked: pd.DataFrame, area: str) -> list[KeyMessage]:
    """Messages for ranked candidates, a male and a female figure of one indicator and period as one."""
    groups: dict[tuple[str, str, str], list[pd.Series]] = {}
    order: list[tuple[str, str, str]] = []
    for _, row in ranked.iterrows():
        key = _pair_key(row) if _sex(row) else (str(row["indicator_id"]), "", "")
        if key not in groups:
            groups[key] = []
            order.append(key)
        if len(groups[key]) < 2:
            groups[key].append(row)
    built = []
    for key in order:
        rows = groups[key]
        if len(rows) == 2 and (rows[0]["unit"] != rows[1]["unit"] or _sex(rows[0]) == _sex(rows[1])):
            rows = rows[:1]
        rows = sorted(rows, key=lambda r: _sex(r) != "men")
        distance = max(float(r["distance"]) for r in rows)
        share = max(float(r["people_share"]) for r in rows)
        built.append(
            KeyMessage(
                _sentence(rows, area),
                _title(rows, area),
                tuple(str(r["indicator_id"]) for r in rows),
                str(rows[0]["section"]),
                distance,
                share,
                bool(rows[0]["judged"]),
            )
        )
    return built


def section_title(
    table: pd.DataFrame, section: str, area: str, residents: float, fallback: str, ids: tuple[str, ...] | None = None
) -> str:
    """A message for a slide title: the best figure (or male/female pair) of a section against England, else
    ``fallback``."""
    if table.empty or not residents or residents <= 0:
        return fallback
    written = _written(candidates(_subset(table, section, ids), residents), area)
    return written[0].title if written else fallback
