"""One measure per question: the headline series of a topic, and why the others differ from it.

Several series can answer one question (adult smoking: OHID's APS series, ONS's own APS publications, the routine
and manual group, GP records). The registry (:data:`lsc_phm.indicators.TOPICS`) names the headline of each topic and
how every other series differs. Wherever two series of one topic are shown together (a profile section, a slide, a
deck), :func:`why_they_differ` gives the one sentence that explains them, and :func:`prefer_headline` keeps one
series per topic where only one should be quoted (key messages).

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: indicator definitions and data sources.
   https://fingertips.phe.org.uk/profile/guidance
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from lsc_phm import indicators


def headline_id(topic: str) -> str:
    """The headline series of a topic.

    Raises
    ------
    ValueError
        If the topic is unknown or has no single headline.
    """
    series = indicators.TOPICS.get(topic)
    if series is None:
        raise ValueError(f"unknown topic '{topic}'; topics: {', '.join(indicators.TOPICS)}")
    heads = [indicator_id for indicator_id, (headline, _) in series.items() if headline]
    if len(heads) != 1:
        raise ValueError(f"topic '{topic}' must have exactly one headline series, has {len(heads)}")
    return heads[0]


def shared_topics(indicator_ids: Iterable[str]) -> dict[str, list[str]]:
    """The topics with two or more of ``indicator_ids`` among their series, each with those ids in registry order."""
    wanted = set(indicator_ids)
    found: dict[str, list[str]] = {}
    for topic, series in indicators.TOPICS.items():
        present = [indicator_id for indicator_id in series if indicator_id in wanted]
        if len(present) >= 2:
            found[topic] = present
    return found


def topic_sentence(topic: str, indicator_ids: Iterable[str]) -> str:
    """One sentence on why the given series of one topic differ, naming the headline first.

    Examples
    --------
    >>> series = ["cigarette_smokers_annual", "smoking_adults"]
    >>> topic_sentence("adult smoking", series)  # doctest: +NORMALIZE_WHITESPACE
    "Why the adult smoking figures differ: the headline, Smoking prevalence (adults 18+), is OHID's APS series
    (Fingertips 92443), adults 18+, single years to 2024; Cigarette smokers (annual, APS): ONS's own release of the
    same survey, cigarette smokers 18+, to 2023, re-weighted by ONS."
    """
    series = indicators.TOPICS.get(topic, {})
    present = [i for i in series if i in set(indicator_ids)]
    if len(present) < 2:
        raise ValueError(f"a sentence on why series differ needs two series of '{topic}', got {len(present)}")
    head = headline_id(topic)
    parts = [
        f"the headline, {indicators.get(head).name}, is {series[head][1]}"
        if head in present
        else f"the headline, {indicators.get(head).name}, is not shown here"
    ]
    parts += [f"{indicators.get(i).name}: {series[i][1]}" for i in present if i != head]
    return f"Why the {topic} figures differ: " + "; ".join(parts) + "."


def why_they_differ(indicator_ids: Iterable[str]) -> list[str]:
    """The sentences explaining every topic that two or more of ``indicator_ids`` belong to (none if no topic is
    shared)."""
    return [topic_sentence(topic, ids) for topic, ids in shared_topics(list(indicator_ids)).items()]


def prefer_headline(table: pd.DataFrame, id_column: str = "indicator_id") -> pd.DataFrame:
    """Keep one series per topic: the headline where it is in ``table``, else the first row of the topic (so a table
    ordered best first keeps its best). Rows of series without a topic are kept as they are.
    """
    if table.empty or id_column not in table.columns:
        return table
    topic_of = {i: indicators.get(i).topic for i in table[id_column].unique() if i in indicators.all_ids()}
    keep, chosen = [], {}
    ids = table[id_column].tolist()
    for topic in {t for t in topic_of.values() if t}:
        members = [i for i in ids if topic_of.get(i) == topic]
        head = headline_id(topic)
        chosen[topic] = head if head in members else members[0]
    for indicator_id in ids:
        topic = topic_of.get(indicator_id, "")
        keep.append(not topic or chosen[topic] == indicator_id)
    return table[keep]
