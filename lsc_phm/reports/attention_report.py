"""Sentences for the attention list (:mod:`lsc_phm.views.attention`): the gap in people, the gap's trend, a
trajectory's verdict, and short messages (under 30 words) for the briefing's key-message slide.

Wording rules as :mod:`lsc_phm.reports.narrative`: "significantly" only where a test says so; the comparator is
named; people are rounded ("about") with their interval; values that are not converted say why.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: comparing with a benchmark; recent trends.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from lsc_phm.views.attention import GROUPS, PEOPLE_WORDS
from lsc_phm.views.attention_direction import decided_by_latest_change

#: Longest message for the key-message slide (words).
MAX_WORDS = 29


def round_people(n: float) -> int:
    """Round a number of people for a sentence: to 10 from 100, to 100 from 10,000, else to 1.

    Examples
    --------
    >>> round_people(2075.08), round_people(16.9), round_people(12326.5)
    (2080, 17, 12300)
    """
    size = abs(n)
    step = 100 if size >= 10_000 else 10 if size >= 100 else 1
    return int(step * math.floor(n / step + 0.5))


def _people_word(row: pd.Series) -> str:
    if row.get("people_unit") and str(row["people_unit"]).startswith("events"):
        return "events"
    return PEOPLE_WORDS.get(str(row["indicator_id"]), "people")


def more_or_fewer(people: float, low: float, high: float, who: str, than: str, note: str | None = None) -> str:
    """A gap in people in words, rounded, with its 95% interval after the comparator.

    Parameters
    ----------
    people, low, high : float
        The gap (area minus comparator, in people) and its 95% limits; rounded here by :func:`round_people`.
    who : str
        Who is counted, e.g. "people" or "children in absolute low-income families in Blackpool".
    than : str
        The comparator's rate, e.g. "England's rate" or "the rest's rate".
    note : str, optional
        Appended inside the interval's brackets after "; " (e.g. the period).

    Returns
    -------
    str
        "about 3,050 more people than at the rest's rate (2,830 to 3,270)"; an interval that spans no difference
        says so: "about 150 fewer people than at the rest's rate (95% interval -380 to +80, which includes no
        difference)". The words "more"/"fewer" carry the sign, so every figure reads the same way.

    Examples
    --------
    >>> more_or_fewer(3050.4, 2831.2, 3268.9, "people", "the rest's rate")
    "about 3,050 more people than at the rest's rate (2,830 to 3,270)"
    >>> more_or_fewer(-151.0, -379.6, 77.0, "people", "the rest's rate", "2021")
    "about 150 fewer people than at the rest's rate (95% interval -380 to +77, which includes no difference; 2021)"
    """
    n, low_n, high_n = (round_people(float(v)) for v in (people, low, high))
    word = "more" if n >= 0 else "fewer"
    if low_n * high_n > 0:  # the interval is on one side of no difference
        first, last = sorted((abs(low_n), abs(high_n)))
        interval = f"{first:,} to {last:,}"
    else:
        interval = f"95% interval {low_n:+,} to {high_n:+,}, which includes no difference"
    suffix = f"; {note}" if note else ""
    return f"about {abs(n):,} {word} {who} than at {than} ({interval}{suffix})"


def people_sentence(row: pd.Series, area: str) -> str:
    """E.g. "About 2,080 more children in absolute low-income families in Blackpool than at England's rate
    (1,880 to 2,260; 2022/23).", or why the gap is not converted."""
    if pd.isna(row.get("people")):
        return f"{row['indicator']}: {row['people_note']}."
    words = more_or_fewer(
        row["people"],
        row["people_lowercl"],
        row["people_uppercl"],
        f"{_people_word(row)} in {area}",
        f"{row['comparator_name']}'s rate",
        str(row["period"]),
    )
    return words[0].upper() + words[1:] + "."


def gap_trend_sentence(row: pd.Series) -> str:
    """The gap's trend in words, with how it was tested."""
    if row["gap_trend"] in ("widening", "narrowing", "no clear change"):
        return (
            f"Gap to {row['comparator_name']}: {row['gap_trend']} ({row['gap_trend_basis']}; weighted "
            "regression of the difference on time, 95%)."
        )
    return f"Gap to {row['comparator_name']}: not tested ({row['gap_trend_basis']})."


def _value(value: float, unit: str) -> str:
    if unit == "%":
        return f"{value:.1f}%"
    if unit == "years":
        return f"{value:.1f} years"
    return f"{value:,.1f} {unit}".strip()


def short_direction(row: pd.Series | dict) -> str:
    """The direction for a short message: the direction alone where the recent trend decided ("getting worse"), and
    both facts in short where the latest change decided against a trend of no significant change, e.g. "rose
    significantly in the latest year (OHID's five-year trend: no significant change)".

    The short form of :func:`lsc_phm.views.attention_direction.direction_phrase` (the page's, the CSV's and the notes'
    wording): the same two facts in the same words, without the figures and the test of the latest change, and
    with a trend computed here named "computed here" rather than by its test.
    """
    moving, basis = str(row["direction"]), str(row["direction_basis"])
    if not decided_by_latest_change(basis):
        return moving
    change, _, trend = basis.partition("; ")
    change = change.split(" (")[0]  # "rose significantly in the latest year"
    trend = re.sub(r" \(chi-square test for trend at [^)]*, computed here\)", " computed here", trend)
    if trend.startswith("no ") and ": " in trend:  # "no five-year trend tested: <why>": the why is in the notes
        trend = trend.split(": ")[0]
    return f"{change} ({trend})" if trend else change


def trajectory_sentence(result: dict, unit: str) -> str:
    """The trajectory's verdict with its figures."""
    verdict = str(result["verdict"])
    target = f"{_value(result['target'], unit)} by {result['target_time']:.0f}"
    if verdict == "too few points to say":
        return f"Target {target}: too few points to say ({result['n_points']} comparable periods; 3 needed)."
    return (
        f"Target {target}: {verdict}. Recent change {result['recent_change']:+.2f} a year against "
        f"{result['needed_change']:+.2f} a year needed; projected {_value(result['projected'], unit)} in "
        f"{result['target_time']:.0f} (95% prediction interval {_value(result['lowercl'], unit)} to "
        f"{_value(result['uppercl'], unit)})."
    )


def comparator_name(table: pd.DataFrame) -> str:
    """The comparator an attention list was made against, by its name ("England" when the list names none)."""
    names = table["comparator_name"].dropna() if "comparator_name" in table else pd.Series(dtype=str)
    return str(names.iloc[0]) if len(names) else "England"


def counts_sentence(table: pd.DataFrame) -> str:
    """How many indicators fall in each group of an attention list, against its comparator, in one sentence.

    Parameters
    ----------
    table : pandas.DataFrame
        An attention list's table (:data:`lsc_phm.views.attention.ATTENTION_COLUMNS`): ``group`` and
        ``comparator_name``.

    Returns
    -------
    str
        E.g. "Against England: 1 indicator worse and getting worse, 6 worse and not improving, 2 worse but improving
        and 3 better or similar; 34 not judged (no better or worse direction, such as a recorded prevalence, or no
        comparison held)." A group with no indicator is left out; the judged groups are in the order of
        :data:`lsc_phm.views.attention.GROUPS`.

    Raises
    ------
    ValueError
        If the table has no ``group`` column.
    """
    if "group" not in table:
        raise ValueError("an attention table needs a 'group' column")
    counts = table["group"].value_counts()
    *judged, not_judged = GROUPS
    parts = [f"{int(counts[g])} {g.lower()}" for g in judged if counts.get(g, 0)]
    if parts:
        parts[0] = parts[0].replace(" ", " indicator " if parts[0].startswith("1 ") else " indicators ", 1)
    listed = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else "".join(parts)
    sentence = f"Against {comparator_name(table)}: {listed or 'no indicator judged'}"
    if counts.get(not_judged, 0):
        sentence += (
            f"; {int(counts[not_judged])} not judged (no better or worse direction, such as a recorded prevalence, "
            "or no comparison held)"
        )
    return sentence + "."
