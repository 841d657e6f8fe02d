"""Careful words for inequalities: gradients by deprivation, the SII and RII, and Core20-against-the-rest gaps.

The sentences follow the rules of :mod:`lsc_phm.reports.narrative`: a gradient or a gap is called significant only
when its interval excludes zero, at the confidence level named in the same sentence; a figure without an interval is
described by direction only; every difference reads most deprived minus least deprived. Here: the sentence for an
SII computed here and for a Core20 gap, how to read the SII and RII, the warning for a gradient far from a straight
line, the sentence from a gradient's two end groups, and OHID's published England-by-decile series.

This module is pure text: it neither reads the database nor imports streamlit.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: slope index of inequality.
   https://fingertips.phe.org.uk/profile/guidance
.. [2] Low A, Low A. Measuring the gap: quantifying and comparing local health inequalities. J Public Health
   2004;26:388-395.
"""

from __future__ import annotations

from lsc_phm import indicators
from lsc_phm.render.formats import difference_words, period_label
from lsc_phm.reports.narrative import format_value, is_missing, source_citation
from lsc_phm.views.inequalities import group_word


def sii_sentence(
    measure: str,
    area: str,
    sii: float,
    lower: float,
    upper: float,
    unit: str,
    confidence: str,
    period: str,
    source: str,
    n_quantiles: int,
    decimals: int = 1,
    cite: bool = True,
) -> str:
    """Describe a slope index of inequality computed here, with its simulated interval, in words.

    ``sii``, ``lower`` and ``upper`` read most deprived minus least deprived, like every gap
    (:func:`lsc_phm.stats.sii_most_minus_least`). A gradient is called significant only when its interval excludes
    zero.

    Examples
    --------
    >>> sii_sentence("Income deprivation", "Blackpool", 30.2, 29.4, 31.0, "percentage points", "95%",
    ...              "IMD 2019", "MHCLG", 10)  # doctest: +NORMALIZE_WHITESPACE
    'Income deprivation in Blackpool: slope index of inequality 30.2 percentage points (most minus least deprived
    end of the line fitted across 10 national IMD deciles): 30.2 percentage points higher in the most deprived
    (95% confidence interval 29.4 to 31.0, which excludes zero, so the gradient is statistically significant at
    the 95% level). IMD 2019. Source: MHCLG.'
    """
    value = f"{sii:,.{decimals}f}"
    interval = f"{lower:,.{decimals}f} to {upper:,.{decimals}f}"
    excludes_zero = lower > 0 or upper < 0
    test = (
        f"which excludes zero, so the gradient is statistically significant at the {confidence} level"
        if excludes_zero
        else "which includes zero, so no gradient is shown"
    )
    return (
        f"{measure} in {area}: slope index of inequality {value} {unit} (most minus least deprived end of the "
        f"line fitted across {n_quantiles} national IMD deciles): {difference_words(sii, unit, decimals)} "
        f"({confidence} confidence interval {interval}, {test}). {period}.{source_citation(source, cite)}"
    )


def core20_gap_sentence(
    measure: str,
    area: str,
    core20: float,
    rest: float,
    lower: float,
    upper: float,
    unit: str,
    confidence: str,
    period: str,
    source: str,
    decimals: int = 1,
    cite: bool = True,
) -> str:
    """Describe a Core20-vs-rest absolute gap; "significant" only when its interval excludes zero."""
    gap = core20 - rest
    excludes_zero = lower > 0 or upper < 0
    test = (
        f"statistically significant at the {confidence} level"
        if excludes_zero
        else f"not statistically significant at the {confidence} level"
    )
    return (
        f"{measure} in {area}: {format_value(core20, unit, decimals)} in the Core20 (national deciles 1-2) vs "
        f"{format_value(rest, unit, decimals)} elsewhere, a gap of {gap:,.{decimals}f} points "
        f"({confidence} confidence interval {lower:,.{decimals}f} to {upper:,.{decimals}f}; {test}). "
        f"{period}.{source_citation(source, cite)}"
    )


SII_READING = (
    "The SII is the modelled difference between the most and the least deprived ends of the area "
    "(fitted value at the most deprived end minus the least deprived end, the direction of every gap "
    "here): a positive SII means the value is higher where people are more deprived. OHID's Fingertips "
    "publishes the SII the other way round (least minus most deprived), so its sign is the opposite. "
    "The RII is the same line as a ratio, most deprived end over least deprived end (above 1 means higher "
    "where people are more deprived), the direction of every ratio here."
)


def linearity_warning(r_squared: float, threshold: float) -> str:
    """A warning when the gradient is far from a straight line (weighted R² below ``threshold``), else ""."""
    if r_squared == r_squared and r_squared < threshold:
        return (
            f"The gradient is far from a straight line (weighted R² = {r_squared:.2f}, below {threshold}): "
            "the SII summarises it poorly, so read the bars and the gap as well."
        )
    return ""


def gradient_sentence(indicator: indicators.Indicator, most: float, least: float, groups: int, framing: str) -> str:
    """A sentence generated from the two end groups, e.g. "... recorded 1.4 times as often as ...".

    Examples
    --------
    >>> from lsc_phm import indicators
    >>> gradient_sentence(indicators.get("qof_hyp"), 21.0, 15.0, 5, "local")[:60]
    'People in the most deprived fifth of this area have hyperten'
    """
    word = group_word(groups)
    where = "of England" if framing == "national" else "of this area"
    unit = indicator.unit if indicator.unit == "%" else f" {indicator.unit}"
    if not (least and least == least and most == most):
        return ""
    ratio = most / least
    d = indicator.decimals
    # a crude figure by deprivation also reflects the groups' different ages, so the sentence itself says so
    crude = (
        f", crude {'prevalence' if indicator.id.startswith('qof_') else 'figures'} not adjusted for age: part of "
        "this difference may come from the groups' different age structures"
        if indicator.is_crude
        else ""
    )
    if indicator.id.startswith("qof_"):
        condition = indicators.QOF_GROUPS[indicator.id[4:].upper()][0].split(" (")[0].lower()
        if ratio >= 1:
            return (
                f"People in the most deprived {word} {where} have {condition} recorded {ratio:.1f} times as often "
                f"as those in the least deprived {word} ({most:.{d}f}{unit} vs {least:.{d}f}{unit}{crude})."
            )
        return (
            f"People in the most deprived {word} {where} have {condition} recorded less often than those in the "
            f"least deprived {word}: {most:.{d}f}{unit} vs {least:.{d}f}{unit} ({1 / ratio:.1f} times as often "
            f"in the least deprived{crude})."
        )
    if ratio >= 1:
        return (
            f"{indicator.name}: {most:.{d}f}{unit} in the most deprived {word} {where}, {ratio:.1f} times the "
            f"{least:.{d}f}{unit} in the least deprived {word}{crude}."
        )
    return (
        f"{indicator.name}: {most:.{d}f}{unit} in the most deprived {word} {where}, lower than the "
        f"{least:.{d}f}{unit} in the least deprived {word} ({1 / ratio:.1f} times as high there{crude})."
    )


def published_decile_sentence(indicator: indicators.Indicator, published, area_name: str) -> str:
    """Two sentences on OHID's England-by-decile series: its two ends, and the ICB's own value for the same period.

    ``published`` is a :class:`lsc_phm.views.inequalities.PublishedEnglandGradient`. Nothing is called significant:
    the sentence says only whether the two ends' published 95% intervals overlap.

    Examples
    --------
    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> table = pd.DataFrame({"deprivation_group": [1, 10], "value": [12.0, 3.0], "lowercl": [11.5, 2.8],
    ...                       "uppercl": [12.5, 3.2]})
    >>> published = SimpleNamespace(table=table, period="2023/24", icb_value=None)
    >>> published_decile_sentence(indicators.get("smoking_at_delivery"), published, "The ICB")[:74]
    'England, 2023/24 (OHID): 12.0% in the most deprived tenth of areas, 3.0% i'
    """
    table = published.table.set_index("deprivation_group")
    if 1 not in table.index or 10 not in table.index:
        return ""
    most, least = table.loc[1], table.loc[10]
    decimals = indicator.decimals
    overlap = ""
    if not any(is_missing(v) for v in (most["lowercl"], most["uppercl"], least["lowercl"], least["uppercl"])):
        apart = most["lowercl"] > least["uppercl"] or least["lowercl"] > most["uppercl"]
        overlap = (
            " (their published 95% intervals do not overlap)" if apart else " (their published 95% intervals overlap)"
        )
    period = period_label(published.period)
    text = (
        f"England, {period} (OHID): {format_value(most['value'], indicator.unit, decimals)} in the most "
        f"deprived tenth of areas, {format_value(least['value'], indicator.unit, decimals)} in the least deprived"
        f"{overlap}."
    )
    icb_value = published.icb_value
    if icb_value is None:
        return text + f" No value for {area_name} is held for {period}."
    interval = (
        ""
        if is_missing(icb_value["lowercl"])
        else f" (95% CI {icb_value['lowercl']:,.{decimals}f} to {icb_value['uppercl']:,.{decimals}f})"
    )
    word = str(icb_value["comparison"])
    verdict = {
        "Better": "better than England",
        "Worse": "worse than England",
        "Similar": "similar to England",
        "Higher": "higher than England",
        "Lower": "lower than England",
    }.get(word, "not compared with England")
    return (
        text + f" {area_name}, {period}: {format_value(icb_value['value'], indicator.unit, decimals)}"
        f"{interval}, {verdict} (basis: {icb_value['comparison_basis']})."
    )
