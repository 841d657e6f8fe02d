"""The profile's shape: key figures, sections, slide parts and the profile itself, as the page and briefing use them.

No numbers are made here; :mod:`lsc_phm.reports.place_report` fills these from a
:class:`~lsc_phm.views.profile_data.ProfileData`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from lsc_phm.domain.geography import Icb
from lsc_phm.reports import key_messages, narrative
from lsc_phm.views import profile_headline
from lsc_phm.views.place_profile_areas import ProfileArea


@dataclass(frozen=True)
class KeyFigure:
    """A figure shown large on the page and as real text in the briefing."""

    label: str
    value: str
    detail: str = ""

    @property
    def has_value(self) -> bool:
        """False when the figure is "no open data" (its ``detail`` then says why)."""
        return self.value != narrative.NO_DATA


@dataclass(eq=False)
class ChartSpec:
    """A chart as plain data: its kind, the frame it plots and the kind's options (titles, units).

    Reports describe charts and draw none; :func:`lsc_phm.render.chart_kinds.draw` draws one (``kind`` is a key of
    :data:`lsc_phm.render.chart_kinds.KINDS`, called as ``function(frame, **options)``).
    """

    kind: str
    frame: pd.DataFrame
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class SlidePart:
    """One chart of a section as drawn on a slide (a section with many indicators has several)."""

    chart: ChartSpec
    headline: str = ""
    lead: list[str] = field(default_factory=list)
    indicator_ids: tuple[str, ...] = ()


#: Most indicators on one slide chart (more would make its labels too small to read at slide size).
ROWS_PER_SLIDE_CHART = 6


def ratio_drawable(chunk: pd.DataFrame) -> bool:
    """Whether an ``england_ratio`` chart of ``chunk`` has a row to draw (a value and a non-zero England value)."""
    return bool((chunk["value"].notna() & chunk["england_value"].notna() & (chunk["england_value"] != 0)).any())


@dataclass
class Section:
    """One section of the profile: words, key figures, tables (export-ready), charts (as data) and static images."""

    key: str
    title: str
    sentences: list[str] = field(default_factory=list)
    key_figures: list[KeyFigure] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    charts: dict[str, ChartSpec] = field(default_factory=dict)
    images: dict[str, bytes] = field(default_factory=dict)
    source: str = ""
    #: The section's message, used as its slide title ("Blackpool is the most deprived of 317 districts ...").
    headline: str = ""
    #: The charts drawn on the section's slides and PDF pages (compact enough to read at slide size).
    slide_parts: list[SlidePart] = field(default_factory=list)
    #: The few sentences shown beside the chart (on the page, slides and handout); all sentences stay in
    #: ``sentences``. Empty means the first of ``sentences``.
    lead: list[str] = field(default_factory=list)
    #: The line under a chart (by its name in ``charts``) naming the areas it leaves out, with the reasons.
    chart_notes: dict[str, str] = field(default_factory=dict)

    def lead_sentences(self, limit: int = 3) -> list[str]:
        """The section's lead sentences (at most ``limit``)."""
        return (self.lead or self.sentences)[:limit]

    @property
    def only_missing_figures(self) -> bool:
        """True when the section holds nothing but figures with no open data (no chart, no table of its own beyond
        the figures'), e.g. the ICB's life expectancy: the page then gives the reasons once instead of a sentence each.
        """
        return (
            not self.charts
            and set(self.tables) <= {self.key}
            and bool(self.key_figures)
            and not any(figure.has_value for figure in self.key_figures)
        )


@dataclass
class Profile:
    """Everything the page and the briefing show for one area."""

    area: ProfileArea
    icb: Icb
    sections: list[Section]
    datasets: pd.DataFrame
    built_at: str
    #: The summary band: residents, Core20 share, England ranks, (healthy) life expectancy against England.
    summary: list[KeyFigure] = field(default_factory=list)
    #: 3 to 5 messages from the numbers, ranked (see :mod:`lsc_phm.reports.key_messages`).
    key_messages: list[key_messages.KeyMessage] = field(default_factory=list)
    #: Every figure compared with England (:data:`lsc_phm.reports.key_messages.FIGURE_TABLE_COLUMNS`).
    figures: pd.DataFrame = field(default_factory=pd.DataFrame)
    population: profile_headline.AreaPopulation | None = None
    #: The briefing's rendered charts and pages, made once per profile and shared by the PowerPoint, the PDF and
    #: the HTML (filled by :mod:`lsc_phm.publish.briefing`).
    rendered: dict = field(default_factory=dict, repr=False, compare=False)

    def section(self, key: str) -> Section:
        """Return the section with this key.

        Raises
        ------
        ValueError
            If there is no such section.
        """
        for section in self.sections:
            if section.key == key:
                return section
        raise ValueError(f"no section '{key}'; sections: {', '.join(s.key for s in self.sections)}")


def file_stem(profile: Profile) -> str:
    """A safe file name stem for the profile's downloads, e.g. ``briefing_QE1-E06000009_blackpool_imd2019``."""
    name = re.sub(r"[^a-z0-9]+", "-", profile.area.name.lower()).strip("-")
    return f"briefing_{profile.area.code}_{name}_imd{profile.icb.imd_vintage}"


#: The name of the static LSOA decile map among the headline section's images.
DECILE_MAP = "lsoa_decile_map"


def with_decile_map(profile: Profile, png: bytes | None) -> Profile:
    """A copy of ``profile`` whose headline section carries the static decile map ``png`` (unchanged if None).

    The profile itself is left as it is (it may be shared through a cache); the copy shares everything else.
    """
    if png is None:
        return profile
    sections = [
        dataclasses.replace(s, images={**s.images, DECILE_MAP: png}) if s.key == "headline" else s
        for s in profile.sections
    ]
    return dataclasses.replace(profile, sections=sections, rendered={})
