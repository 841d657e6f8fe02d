"""Careful words for numbers: the sentences of the place profile and the briefing, generated from the figures.

The rules every sentence follows (and ``tests/test_narrative.py`` checks):

1. "significantly" (or "statistically significant") appears **only** when a test said so: a comparison label of
   Better, Worse, Higher or Lower from the Fingertips single-confidence-interval rule [1]_, or a change whose two
   intervals do not overlap. The confidence level of that test is always named in the same sentence.
2. A figure without a confidence interval is described by direction only ("higher than England's ..."), and the
   sentence says that no significance test is made.
3. Every sentence about a figure gives its period and its source.
4. A missing figure is reported as "no open data", never silently dropped and never replaced by an estimate.

Here: a figure against England, a change between two periods, a gap's change, the "things to note" line, the
Core20 share and the notes on areas a chart leaves out. The sentences about inequalities (SII, Core20 gaps,
gradients by deprivation) follow the same rules in :mod:`lsc_phm.reports.inequality_sentences`.

This module is pure text: it neither reads the database nor imports streamlit.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: comparing with a benchmark (single confidence interval).
   https://fingertips.phe.org.uk/profile/guidance
.. [2] Schenker N, Gentleman JF. On judging the significance of differences by examining the overlap between
   confidence intervals. The American Statistician 2001;55:182-186 (non-overlapping 95% intervals imply a
   significant difference; overlap does not imply the reverse, so the test is conservative).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from lsc_phm.render.formats import dropped_note, period_label

#: Comparison labels that mean a significance test found a difference.
SIGNIFICANT_LABELS: frozenset[str] = frozenset({"Better", "Worse", "Higher", "Lower"})
NO_DATA = "no open data"


def is_missing(value: float | None) -> bool:
    """Whether ``value`` is missing: None or a float NaN.

    Parameters
    ----------
    value : float or None

    Returns
    -------
    bool
    """
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_value(value: float | None, unit: str, decimals: int = 1) -> str:
    """Return ``value`` with its unit ("56.3%", "50.9 years", "54.4 per 100,000", "1,234 people").

    Missing values give "no open data".

    Examples
    --------
    >>> format_value(56.3333, "%")
    '56.3%'
    >>> format_value(50.9, "years")
    '50.9 years'
    >>> format_value(None, "%")
    'no open data'
    """
    if is_missing(value):
        return NO_DATA
    number = f"{float(value):,.{decimals}f}"
    if unit == "%":
        return f"{number}%"
    if unit in ("", "score", "index", "decile"):
        return number
    return f"{number} {unit}"


@dataclass(frozen=True)
class Figure:
    """One indicator value for one area, with what is needed to describe it honestly.

    Attributes
    ----------
    indicator : str
        Indicator name as in the registry ("Healthy life expectancy at birth (male)").
    area : str
        Name of the area the figure is about (the area the user chose).
    value : float or None
        The (suppressed, rounded) value; None or NaN when there is no open data.
    unit : str
    period : str or None
    source : str
        Short source (publisher) text.
    england : float or None
        England's value for the same period, if published.
    comparison : str or None
        Label from :func:`lsc_phm.domain.indicator_data.values` ("Better", "Similar", "Not compared (no confidence
        interval)", ...).
    confidence : str
        Level of the interval behind ``comparison`` ("95%"), empty when the indicator has none.
    decimals : int
    shown_for : str or None
        When the value is for a different (larger) area than ``area`` (e.g. QOF is published for the ICB but not
        for a district), the name of that area; the sentence then says so.
    """

    indicator: str
    area: str
    value: float | None
    unit: str
    period: str | None
    source: str
    england: float | None = None
    comparison: str | None = None
    confidence: str = ""
    decimals: int = 1
    shown_for: str | None = None
    basis: str = ""
    crude: bool = False

    @property
    def has_value(self) -> bool:
        """Whether there is a figure at all."""
        return not is_missing(self.value)

    @property
    def by_publisher(self) -> bool:
        """Whether the comparison is the publisher's own verdict (OHID), not a test made here on an interval."""
        return self.basis.startswith("OHID comparison")

    @property
    def publisher_level(self) -> str:
        """The level OHID made its own comparison at, as written in the basis ("99.8%"; "95%" when not stated)."""
        match = re.search(r"OHID comparison,? \(?([0-9.]+%)", self.basis)
        return match.group(1) if match else "95%"

    @property
    def compared(self) -> bool:
        """Whether the figure was compared with England at all (by an interval or by the publisher)."""
        return (
            self.has_value
            and (bool(self.confidence) or self.by_publisher)
            and self.comparison not in (None, "Not compared", "Suppressed")
        )

    @property
    def significant(self) -> bool:
        """Whether a significance test (ours on an interval, or the publisher's) found the figure different."""
        return self.compared and (self.comparison in SIGNIFICANT_LABELS)

    @property
    def not_compared_reason(self) -> str:
        """Why no comparison was made, from the comparison basis ("" when compared)."""
        if self.compared:
            return ""
        reason = self.basis.removeprefix("not compared: ").removeprefix("not compared")
        return reason.strip(" :") or "no interval or comparison is held for this value"


def no_data_sentence(indicator: str, area: str, reason: str = "") -> str:
    """Say plainly that there is no open data (with the reason when known).

    Examples
    --------
    >>> no_data_sentence("Healthy life expectancy at birth (male)", "Burnley",
    ...                  "published for upper-tier authorities only")
    'Healthy life expectancy at birth (male): no open data for Burnley (published for upper-tier authorities only).'
    """
    return f"{indicator}: {NO_DATA} for {area}" + (f" ({reason})." if reason else ".")


def _where(figure: Figure) -> str:
    if figure.shown_for and figure.shown_for != figure.area:
        return f"{figure.shown_for} (no open data for {figure.area} itself)"
    return figure.area


def comparison_label(figure: Figure) -> str:
    """A short label for tables: "significantly worse than England (95% CI)", "no significance test (no CI)"...

    Examples
    --------
    >>> comparison_label(Figure("x", "A", 5.0, "%", "2024", "S", 4.0, "Not compared",
    ...                         basis="not compared: a modelled estimate"))
    'higher than England; not compared (a modelled estimate)'
    """
    if not figure.has_value:
        return NO_DATA
    if figure.comparison == "Suppressed":
        return "suppressed (count below 10)"
    if is_missing(figure.england):
        return "no England value for this period"
    if figure.significant and figure.by_publisher:
        return f"{figure.comparison.lower()} than England (OHID comparison, {figure.publisher_level})"
    if figure.significant:
        return f"significantly {figure.comparison.lower()} than England ({figure.confidence} CI)"
    if figure.comparison == "Similar" and figure.by_publisher:
        return f"similar to England (OHID comparison, {figure.publisher_level})"
    if figure.comparison == "Similar" and figure.confidence:
        return f"not significantly different from England ({figure.confidence} CI)"
    direction = (
        "higher than"
        if figure.value > figure.england
        else ("lower than" if figure.value < figure.england else "same as")
    )
    return f"{direction} England; not compared ({figure.not_compared_reason})"


def source_citation(source: str, cite: bool) -> str:
    """The closing " Source: ..." of a sentence, or nothing when the source is given once for a whole section.

    Parameters
    ----------
    source : str
        The publisher and data set.
    cite : bool
        False where a section names its sources once, in a caption.

    Returns
    -------
    str
        ``" Source: {source}."`` (with its leading space), or "".
    """
    return f" Source: {source}." if cite else ""


def comparison_sentence(figure: Figure, reason_if_missing: str = "", cite: bool = True) -> str:
    """One sentence comparing a figure with England, as strong as the test allows and no stronger.

    With ``cite=False`` the closing "Source: ..." is left out (for a section that names its sources once, in a
    caption); the period is always given.

    Examples
    --------
    >>> f = Figure("Healthy life expectancy at birth (male)", "Blackpool", 50.9, "years", "2022 - 24", "ONS",
    ...            england=60.9, comparison="Worse", confidence="95%")
    >>> comparison_sentence(f)  # doctest: +NORMALIZE_WHITESPACE
    'Healthy life expectancy at birth (male) in Blackpool was 50.9 years in 2022-24, significantly worse than
    England (60.9 years; 95% confidence interval, Fingertips single-interval rule). Source: ONS.'
    """
    if not figure.has_value:
        return no_data_sentence(figure.indicator, figure.area, reason_if_missing)
    value = format_value(figure.value, figure.unit, figure.decimals)
    head = f"{figure.indicator} in {_where(figure)} was {value} in {period_label(figure.period)}"
    tail = source_citation(figure.source, cite)
    if is_missing(figure.england):
        return f"{head}; no England value is published for this period, so no comparison is made.{tail}"
    england = format_value(figure.england, figure.unit, figure.decimals)
    if figure.comparison == "Suppressed":
        return (
            f"{figure.indicator} for {_where(figure)} is suppressed (count below 10) in "
            f"{period_label(figure.period)}.{tail}"
        )
    crude = (
        " Crude, not age-standardised (age structure can explain part)."
        if figure.crude and figure.significant and not figure.shown_for
        else ""
    )
    if figure.significant and figure.by_publisher:
        word = figure.comparison.lower()
        return (
            f"{head}, {word} than England's {england} by OHID's own comparison (OHID comparison at the "
            f"{figure.publisher_level} level; OHID publishes the interval, which the extract held here does not "
            f"carry).{crude}{tail}"
        )
    if figure.significant:
        word = figure.comparison.lower()  # better / worse / higher / lower
        return (
            f"{head}, significantly {word} than England ({england}; {figure.confidence} confidence interval, "
            f"Fingertips single-interval rule).{crude}{tail}"
        )
    if figure.comparison == "Similar" and figure.by_publisher:
        return (
            f"{head}, similar to England's {england} by OHID's own comparison (OHID comparison, "
            f"{figure.publisher_level} level).{tail}"
        )
    if figure.comparison == "Similar" and figure.confidence:
        return (
            f"{head}, not significantly different from England ({england}) at the {figure.confidence} "
            f"confidence level.{tail}"
        )
    direction = (
        "higher than"
        if figure.value > figure.england
        else ("lower than" if figure.value < figure.england else "the same as")
    )
    return f"{head}, {direction} England's {england} (not compared: {figure.not_compared_reason}).{tail}"


@dataclass(frozen=True)
class Change:
    """An indicator's latest value against its previous period, for one area.

    Attributes
    ----------
    indicator, area, unit, source : str
    latest_period, previous_period : str
    latest, previous : float
    polarity : str
        ``high_is_good``, ``low_is_good`` or ``no_judgement``.
    latest_ci, previous_ci : tuple of float, optional
        95% limits; when both are given a change is "significant" if they do not overlap (a conservative test).
    decimals : int
    """

    indicator: str
    area: str
    unit: str
    source: str
    latest_period: str
    previous_period: str
    latest: float
    previous: float
    polarity: str = "no_judgement"
    latest_ci: tuple[float, float] | None = None
    previous_ci: tuple[float, float] | None = None
    decimals: int = 1

    @property
    def testable(self) -> bool:
        """Whether both periods carry a confidence interval."""
        return all(ci is not None and not any(is_missing(v) for v in ci) for ci in (self.latest_ci, self.previous_ci))

    @property
    def significant(self) -> bool:
        """Whether the 95% intervals of the two periods do not overlap (only then is a change called significant)."""
        if not self.testable:
            return False
        (lo1, hi1), (lo0, hi0) = self.latest_ci, self.previous_ci  # type: ignore[misc]
        return hi1 < lo0 or hi0 < lo1

    @property
    def direction(self) -> str:
        """ "up", "down" or "unchanged"."""
        return "up" if self.latest > self.previous else ("down" if self.latest < self.previous else "unchanged")

    @property
    def worse(self) -> bool:
        """Whether the change is in the unfavourable direction (never for no-judgement indicators)."""
        if self.polarity == "high_is_good":
            return self.direction == "down"
        if self.polarity == "low_is_good":
            return self.direction == "up"
        return False


def change_sentence(change: Change, cite: bool = True) -> str:
    """One sentence on the change since the previous period; "significant" only when the intervals say so.

    Examples
    --------
    >>> c = Change("Smoking prevalence (adults 18+)", "Blackpool", "%", "OHID", "2024", "2023", 20.8, 19.4,
    ...            "low_is_good")
    >>> change_sentence(c)  # doctest: +NORMALIZE_WHITESPACE
    'Smoking prevalence (adults 18+) in Blackpool rose from 19.4% (2023) to 20.8% (2024), an unfavourable
    direction; no interval is held for both periods, so whether this is a real change cannot be tested. Source: OHID.'
    """
    before = format_value(change.previous, change.unit, change.decimals)
    after = format_value(change.latest, change.unit, change.decimals)
    verb = {"up": "rose", "down": "fell", "unchanged": "was unchanged"}[change.direction]
    if change.direction == "unchanged":
        head = (
            f"{change.indicator} in {change.area} was unchanged at {after} "
            f"({period_label(change.previous_period)} to {period_label(change.latest_period)})"
        )
    else:
        head = (
            f"{change.indicator} in {change.area} {verb} from {before} ({period_label(change.previous_period)}) "
            f"to {after} ({period_label(change.latest_period)})"
        )
    judgement = ""
    if change.polarity != "no_judgement" and change.direction != "unchanged":
        judgement = ", an unfavourable direction" if change.worse else ", a favourable direction"
    if change.testable:
        test = (
            "; the 95% confidence intervals of the two periods do not overlap, so the change is statistically "
            "significant at the 95% level (a conservative test)"
            if change.significant
            else "; the 95% confidence intervals of the two periods overlap, so this is not shown to be a real change"
        )
    else:
        test = "; no interval is held for both periods, so whether this is a real change cannot be tested"
    return f"{head}{judgement}{test}.{source_citation(change.source, cite)}"


def gap_change_sentence(change: Change, cite: bool = True) -> str:
    """A sentence on an inequality gap (e.g. the slope index of inequality in life expectancy) widening or narrowing.

    The gap is assumed to be "low is good" (a wider gap is worse). Significance follows :func:`change_sentence`.
    """
    before = format_value(change.previous, change.unit, change.decimals)
    after = format_value(change.latest, change.unit, change.decimals)
    if change.direction == "unchanged":
        movement = f"stayed at {after}"
    else:
        movement = (
            f"{'widened' if change.direction == 'up' else 'narrowed'} from {before} "
            f"({period_label(change.previous_period)}) to {after} ({period_label(change.latest_period)})"
        )
    if change.testable:
        test = (
            " and the 95% confidence intervals do not overlap (statistically significant at the 95% level)"
            if change.significant
            else "; the 95% confidence intervals overlap, so this is not shown to be a real change"
        )
    else:
        test = "; no interval is held for both periods, so this is the direction only, not a tested change"
    tail = source_citation(change.source, cite)
    return f"The gap measured by {change.indicator} in {change.area} {movement}{test}.{tail}"


def worse_than_england_note(figure: Figure, cite: bool = True) -> str:
    """A "things to note" line for a figure significantly worse than England (requires a significant test).

    Raises
    ------
    ValueError
        If the figure is not significantly worse (the note would overstate the evidence).
    """
    if not (figure.significant and figure.comparison == "Worse"):
        raise ValueError("worse_than_england_note needs a figure significantly worse than England")
    value = format_value(figure.value, figure.unit, figure.decimals)
    england = format_value(figure.england, figure.unit, figure.decimals)
    period = period_label(figure.period)
    if figure.by_publisher:
        return (
            f"{figure.indicator}: {value} ({period}) is worse than England's {england} by OHID's own comparison "
            f"(OHID comparison, {figure.publisher_level} level" + (f"; source: {figure.source})." if cite else ").")
        )
    return (
        f"{figure.indicator}: {value} ({period}) is significantly worse than England's {england} "
        f"({figure.confidence} confidence interval" + (f"; source: {figure.source})." if cite else ").")
    )


def core20_sentence(share: float, england: float, residents_of: str, vintage: int, weighting: str) -> str:
    """The one sentence on an area's Core20 share against England's, for every kind of area.

    Examples
    --------
    >>> core20_sentence(51.234, 20.02, "Blackpool's residents", 2025, "shares weighted by Census 2021 (1 people)")[:81]
    "51.2% of Blackpool's residents live in the Core20 (the most deprived 20% of LSOAs"
    """
    return (
        f"{format_value(share, '%')} of {residents_of} live in the Core20 (the most deprived 20% of "
        f"LSOAs in England) on IMD {vintage}, against {format_value(england, '%')} of England's; "
        f"{weighting}."
    )


def core20_headline(share: float, residents_of: str, when: str) -> str:
    """The headline section's message: the share of residents in England's most deprived fifth of neighbourhoods."""
    return (
        f"{format_value(share, '%')} of {residents_of} live in England's most deprived fifth of neighbourhoods ({when})"
    )


def left_out_notes(dropped: pd.DataFrame | None, suffix: str) -> dict[str, str]:
    """The line under each indicator's chart (named ``indicator_id + suffix``) naming the areas it leaves out.

    ``dropped`` is ``indicator_id, period, area_name, reason`` rows (e.g.
    :func:`lsc_phm.views.profile_districts.place_district_dropped`); an indicator with none gets no line.

    Examples
    --------
    >>> left_out_notes(pd.DataFrame({"indicator_id": ["smoking_routine_manual"], "period": ["2022 - 24"],
    ...                              "area_name": ["Ribble Valley"], "reason": ["latest value held: 2021 - 23"]}),
    ...                "_by_district")
    {'smoking_routine_manual_by_district': 'Not shown, no 2022-24 value: Ribble Valley (latest value held: 2021-23).'}
    """
    if dropped is None or dropped.empty:
        return {}
    return {
        f"{indicator_id}{suffix}": dropped_note(
            zip(rows["area_name"], rows["reason"], strict=True), rows["period"].iloc[0]
        )
        for indicator_id, rows in dropped.groupby("indicator_id", sort=False)
    }
