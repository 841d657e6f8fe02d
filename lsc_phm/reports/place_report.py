"""The place profile as a document, for any area: :func:`from_data` turns a
:class:`~lsc_phm.views.profile_data.ProfileData` into sections of key figures, careful sentences, tables, charts and a
static map. The page, the PowerPoint/HTML/PDF briefing and the CLI all start from :func:`build`, so a number and its
sentence are the same wherever they appear. Nothing here reads the database.

The sections themselves are written in :mod:`lsc_phm.reports.profile_deprivation`,
:mod:`lsc_phm.reports.profile_sections` and :mod:`lsc_phm.reports.profile_inequality` (named areas) and
:mod:`lsc_phm.reports.user_area_report` (user-defined areas); the profile's shape is
:mod:`lsc_phm.reports.profile_model`.
"""

from __future__ import annotations

from lsc_phm.domain import benchmarking, topics
from lsc_phm.domain.geography import Icb
from lsc_phm.reports import key_messages, period_style
from lsc_phm.reports.profile_deprivation import deprivation_section, headline_section
from lsc_phm.reports.profile_inequality import inequality_section
from lsc_phm.reports.profile_model import Profile
from lsc_phm.reports.profile_sections import (
    figures_table,
    indicator_section,
    messages_population,
    notes_section,
    summary_band,
)
from lsc_phm.reports.user_area_report import user_area_profile
from lsc_phm.views import profile_data
from lsc_phm.views.place_profile_user import UserAreaSpec
from lsc_phm.views.profile_data import INDICATOR_SECTIONS, ProfileData

__all__ = ["build", "from_data"]


def from_data(data: ProfileData, page_charts: bool = True) -> Profile:
    """The profile of one area from its numbers: sections of sentences, key figures, tables and charts.

    Parameters
    ----------
    data : ProfileData
        Every number of the profile (:func:`lsc_phm.views.profile_data.profile_data`), for any area, user-defined
        ones included.
    page_charts : bool, default True
        Build the page's indicator charts (values with intervals against England). The briefing draws its own slide
        charts (the HTML too), so the CLI skips them.

    Returns
    -------
    Profile
    """
    if data.is_user_area:
        return period_style.apply(user_area_profile(data))
    area, icb = data.area, data.icb
    headline = headline_section(data)
    deprivation = deprivation_section(data)
    indicator_sections = [indicator_section(data, key, title, page_charts) for key, title, _ in INDICATOR_SECTIONS]
    inequality = inequality_section(data)
    figures = data.all_figures
    notes = notes_section(area, figures, data.gaps)
    table = figures_table(data, {**data.figures, "inequality": data.gaps})
    residents = messages_population(area, data.summaries, data.population, icb.imd_vintage)
    name = area.whole_name  # the messages quote published (whole-authority) figures
    messages = key_messages.messages(table, name, residents) if residents > 0 else []
    for section in indicator_sections:
        section.headline = key_messages.section_title(table, section.key, name, residents, f"{section.title}: {name}")
        section.lead = key_messages.section_messages(table, section.key, name, residents)
        for part in section.slide_parts:  # the part's own best figures; else (values of another area) as built
            part.headline = key_messages.section_title(
                table, section.key, name, residents, part.headline, part.indicator_ids
            )
            part.lead = (
                key_messages.section_messages(table, section.key, name, residents, 2, part.indicator_ids) or part.lead
            )
            part.lead = with_topic_notes(part.lead, part.indicator_ids, 2)
        shown = section.tables[section.key]
        section.lead = with_topic_notes(section.lead, shown.loc[shown["value"].notna(), "indicator_id"], 3)
    for section in (deprivation, inequality):
        for part in section.slide_parts:
            part.headline, part.lead = section.headline, section.sentences[:2]
    sections = _trend_meaning_once([headline, deprivation, *indicator_sections, inequality, notes])
    return period_style.apply(
        Profile(
            area,
            icb,
            sections,
            data.datasets,
            data.built_at,
            summary=summary_band(headline, deprivation, data.figures["life_expectancy"], area),
            key_messages=messages,
            figures=table,
            population=data.population,
        )
    )


def with_topic_notes(lead: list[str], indicator_ids, limit: int) -> list[str]:
    """``lead`` cut to ``limit`` sentences, the last ones being the sentences on why two series of one topic shown
    together differ (:func:`lsc_phm.domain.topics.why_they_differ`), so a slide or a page never shows both without it.
    """
    notes = topics.why_they_differ(indicator_ids)
    if not notes:
        return lead
    return lead[: max(limit - len(notes), 1)] + notes


def _trend_meaning_once(sections: list) -> list:
    """Keep the meaning of the recent-trend arrows in the first section that shows a trend only (a profile reads it
    once)."""
    seen = False
    for section in sections:
        if benchmarking.TREND_MEANING in section.sentences:
            if seen:
                section.sentences = [t for t in section.sentences if t != benchmarking.TREND_MEANING]
            seen = True
    return sections


def build(db, icb: Icb, area: str | UserAreaSpec, with_map: bool = True, page_charts: bool = True) -> Profile:
    """Read an area's numbers and build its profile: :func:`from_data` of
    :func:`lsc_phm.views.profile_data.profile_data` (the page, the briefing and the CLI all start here).

    Parameters
    ----------
    db : lsc_phm.store.db.Database
        Passed on to :func:`lsc_phm.views.profile_data.profile_data`; nothing here reads it.
    icb : Icb
        The configured ICB in the IMD vintage to show (the sidebar's choice).
    area : str or UserAreaSpec
        A named area's code, menu label or name (see :func:`lsc_phm.views.place_profile.resolve_area`), or a
        user-defined area (a session's list of LSOA or ward codes), whose every figure is computed here from its
        LSOAs and says so.
    with_map : bool, default True
        Draw the static LSOA map (shown on the page and in the HTML briefing; the slides and the PDF handout do
        not use it, so they skip its cost).
    page_charts : bool, default True
        As for :func:`from_data`.

    Returns
    -------
    Profile

    Raises
    ------
    ValueError
        For an unknown area code (the message lists the valid ones), an empty user-defined area or one with no LSOA
        of the ICB in its vintage.
    """
    return from_data(profile_data.profile_data(db, icb, area, with_map), page_charts)
