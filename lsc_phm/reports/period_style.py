"""One period style in a profile and its briefing: every period written as :func:`lsc_phm.render.formats.period_label`
writes it ("2022-24", "2024/25"), whatever style its source publishes ("2022 - 24", QOF's "2024-25").

The sources keep their own labels in the database, where a period is a key; a profile is rewritten once, when it is
built, so its page, slides and handout read the same.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance. https://fingertips.phe.org.uk/profile/guidance
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd

from lsc_phm.render.formats import period_label, periods_in_text

__all__ = ["apply", "sources", "story", "table"]


def table(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every column named ``period`` or ending ``_period`` in the one style."""
    columns = [c for c in frame.columns if c == "period" or str(c).endswith("_period")]
    if not columns:
        return frame
    out = frame.copy()
    for column in columns:
        out[column] = [period_label(v) if isinstance(v, str) else v for v in out[column]]
    return out


def sources(datasets: pd.DataFrame) -> pd.DataFrame:
    """A copy of a profile's data sets (``title``, ``period``, ...) with the periods in their titles and periods in
    the one style, for the sources a briefing lists ("Quality and Outcomes Framework 2024/25 (2024/25)").

    Examples
    --------
    >>> sources(pd.DataFrame({"title": ["QOF 2024-25"], "period": ["2024-25"]})).values.tolist()
    [['QOF 2024/25', '2024/25']]
    """
    out = datasets.copy()
    for column in ("title", "period"):
        if column in out.columns:
            out[column] = [periods_in_text(v) if isinstance(v, str) else v for v in out[column]]
    return out


def story(found: Any) -> Any:
    """Rewrite the periods in a :class:`lsc_phm.reports.briefing_attention.BriefingStory` in place (and return it):
    its key messages, speaker notes, change lines, questions for the board and its chart's periods.

    Examples
    --------
    >>> from types import SimpleNamespace as S
    >>> story(S(messages=["Men 74.2 (2023 - 25)"], notes=[], change_lines=["QOF 2024-25"], questions=[])).messages
    ['Men 74.2 (2023-25)']
    """
    found.messages, found.notes = _texts(found.messages), _texts(found.notes)
    found.change_lines, found.questions = _texts(found.change_lines), _texts(found.questions)
    if getattr(found, "changes", None) is not None:  # the "What has changed" chart: its data and its axes' order
        panels = [
            {**panel, "periods": [period_label(p) for p in panel.get("periods", [])]}
            for panel in found.changes.options.get("panels", [])
        ]
        options = {**found.changes.options, "panels": panels} if panels else found.changes.options
        found.changes = replace(found.changes, frame=table(found.changes.frame), options=options)
    return found


def _texts(values: list[str]) -> list[str]:
    return [periods_in_text(v) if isinstance(v, str) else v for v in values]


def _figure(figure: Any) -> Any:
    """A key figure (frozen) with its value and detail in the one style."""
    return replace(figure, value=periods_in_text(figure.value), detail=periods_in_text(figure.detail))


def apply(profile: Any) -> Any:
    """Rewrite the periods in a :class:`lsc_phm.reports.profile_model.Profile` in place (and return it).

    Sentences, headlines, lead sentences, key figures, key messages and slide parts. Tables keep the period as the
    source labels it, because it is the key that ties a row back to the source file and the database.

    Examples
    --------
    >>> from types import SimpleNamespace as S
    >>> p = S(sections=[S(sentences=["LE (2023 - 25)."], headline="QOF 2024-25", lead=[], key_figures=[],
    ...                   slide_parts=[], tables={})], summary=[], key_messages=[], figures=pd.DataFrame())
    >>> apply(p).sections[0].sentences, p.sections[0].headline
    (['LE (2023-25).'], 'QOF 2024/25')
    """
    for section in profile.sections:
        section.sentences = _texts(section.sentences)
        section.headline = periods_in_text(section.headline)
        section.lead = _texts(section.lead)
        section.key_figures = [_figure(figure) for figure in section.key_figures]
        for part in section.slide_parts:
            part.headline, part.lead = periods_in_text(part.headline), _texts(part.lead)
    profile.summary = [_figure(figure) for figure in profile.summary]
    profile.key_messages = [
        replace(m, text=periods_in_text(m.text), title=periods_in_text(m.title)) for m in profile.key_messages
    ]
    return profile
