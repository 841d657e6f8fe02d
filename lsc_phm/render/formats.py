"""How figures and periods are written for people: one period style, numbers to the indicator's decimals, and
differences between deprivation groups in words (most deprived minus least deprived).

The period style is OHID Fingertips' own, written one way everywhere: pooled years "2022-24" (Fingertips prints
"2022 - 24"), financial years "2024/25" (QOF publishes "2024-25"), pooled financial years "2018/19-20/21", single
years "2024" and quarters "2021/22 Q1" as they come. Period labels stay as published in the database, where they
are keys; only what is shown or exported is rewritten, by :func:`period_label`.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance. https://fingertips.phe.org.uk/profile/guidance
.. [2] Government Analysis Function. Presenting data: symbols and time periods (2021).
   https://analysisfunction.civilservice.gov.uk/policy-store/symbols-in-tables-definitions-and-help/
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

__all__ = ["difference_words", "dropped_note", "fixed", "period_label", "periods_in_text", "ratio_words"]

_FINANCIAL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")
_SPACED_RANGE = re.compile(r"\s+-\s+")
#: A period inside a sentence: OHID's spaced ranges ("2022 - 24", "2018/19 - 20/21") and hyphenated years.
_PERIOD_IN_TEXT = re.compile(r"\b((?:19|20)\d{2}(?:/\d{2})?)(?: - |-)(\d{2}(?:/\d{2})?)\b")


def period_label(period: object) -> str:
    """A period in the one style the app shows: "2022-24", "2024/25", "2018/19-20/21", "2024".

    A hyphen between two consecutive years ("2024-25", QOF's style) is a financial year and becomes "2024/25";
    OHID's spaced range "2022 - 24" becomes "2022-24". Anything else is returned unchanged (as text).

    Examples
    --------
    >>> [period_label(p) for p in ("2022 - 24", "2024-25", "2023/24", "2018/19 - 20/21", "2024", "2022-24")]
    ['2022-24', '2024/25', '2023/24', '2018/19-20/21', '2024', '2022-24']
    """
    text = "" if period is None else str(period).strip()
    text = _SPACED_RANGE.sub("-", text)
    match = _FINANCIAL_YEAR.match(text)
    if match and (int(match.group(1)) + 1) % 100 == int(match.group(2)):
        return f"{match.group(1)}/{match.group(2)}"
    return text


def periods_in_text(text: str) -> str:
    """Every period written inside ``text`` put in the one style of :func:`period_label`.

    Only year patterns are touched (a four-digit year from 1900 to 2099 followed by a two-digit year or financial
    year), so ages ("aged 20-24") and other numbers are left alone.

    Examples
    --------
    >>> periods_in_text("Blackpool (2022 - 24): 50.9 years; QOF 2024-25; 2018/19 - 20/21; aged 20-24; 1,000 - 25")
    'Blackpool (2022-24): 50.9 years; QOF 2024/25; 2018/19-20/21; aged 20-24; 1,000 - 25'
    """
    return _PERIOD_IN_TEXT.sub(lambda m: period_label(f"{m.group(1)}-{m.group(2)}"), text)


def fixed(value: float | None, decimals: int) -> str:
    """``value`` to ``decimals`` places with thousands separators; "" for a missing value.

    Examples
    --------
    >>> fixed(3.0, 0), fixed(6.335, 1), fixed(1234.5, 1), fixed(float("nan"), 1)
    ('3', '6.3', '1,234.5', '')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{float(value):,.{max(int(decimals), 0)}f}"


def difference_words(value: float | None, unit: str, decimals: int, higher_in: str = "the most deprived") -> str:
    """A difference *most deprived minus least deprived* in words: "6.3 percentage points higher in the most
    deprived". A negative difference is "lower"; one that rounds to zero is "no difference at this precision".

    Examples
    --------
    >>> difference_words(6.335, "percentage points", 1)
    '6.3 percentage points higher in the most deprived'
    >>> difference_words(-4.52, "percentage points", 2)
    '4.52 percentage points lower in the most deprived'
    >>> difference_words(0.004, "percentage points", 2)
    'no difference at this precision'
    """
    if value is None or value != value:
        return ""
    size = round(abs(float(value)), decimals)
    if size == 0:
        return "no difference at this precision"
    return f"{fixed(size, decimals)} {unit} {'higher' if value > 0 else 'lower'} in {higher_in}".replace("  ", " ")


def ratio_words(value: float | None, decimals: int = 2, higher_in: str = "the most deprived") -> str:
    """A ratio *most deprived over least deprived* in words: "3.15 times the value in the least deprived".

    Examples
    --------
    >>> ratio_words(3.1504)
    '3.15 times as high in the most deprived'
    >>> ratio_words(0.754)
    '0.75 times as high in the most deprived (lower there)'
    """
    if value is None or value != value:
        return ""
    text = f"{fixed(value, decimals)} times as high in {higher_in}"
    if round(float(value), decimals) < 1:
        text += " (lower there)"
    elif round(float(value), decimals) == 1:
        text = f"no difference at this precision ({fixed(value, decimals)})"
    return text


def dropped_note(dropped: Iterable[tuple[str, str]], period: object) -> str:
    """One line for under a chart naming the areas it leaves out, each with its reason ("" if none).

    ``dropped`` is ``(area name, reason)`` pairs (see :func:`lsc_phm.domain.dropped_areas.dropped_areas`); periods in
    the reasons are written in the one style.

    Examples
    --------
    >>> dropped_note([("Cumberland (part)", "no value in the data held"),
    ...               ("North Yorkshire (part)", "latest value held: 2019 - 21")], "2024")
    'Not shown, no 2024 value: Cumberland (part) (no value in the data held); North Yorkshire (part) (latest value \
held: 2019-21).'
    >>> dropped_note([], "2024")
    ''
    """
    items = [f"{name} ({periods_in_text(str(reason))})" for name, reason in dropped]
    if not items:
        return ""
    return f"Not shown, no {period_label(period)} value: " + "; ".join(items) + "."
