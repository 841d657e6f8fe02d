"""The briefing's pages: what the PowerPoint deck and the PDF handout both draw, in order, with the slide charts
rendered once per profile (:func:`slide_pictures`) and shared by all three formats.

:func:`pages` lists the title, "Key messages" (or the attention list's story, :func:`with_story`), the summary band
as a table, one page per section part with its chart and at most :data:`MAX_SENTENCES` sentences, "Questions for
the board" (with a story), "Things to note" and the sources. The writers are :mod:`lsc_phm.publish.briefing_pptx`
(PowerPoint) and :mod:`lsc_phm.publish.briefing` (HTML and PDF).

References
----------
.. [1] Vega-Lite / vl-convert: rendering charts to PNG without a browser. https://github.com/vega/vl-convert
"""

from __future__ import annotations

import datetime as dt
import json
import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import altair as alt
from pptx.util import Inches

from lsc_phm.render import chart_kinds, charts, images
from lsc_phm.reports import briefing_attention, period_style
from lsc_phm.reports.profile_model import ChartSpec, Profile, Section

#: Sentences shown next to a chart (the rest are in the speaker notes and the HTML).
MAX_SENTENCES = 2
#: Chart text size (px at scale 1) tried first; raised until the placed size reaches MIN_PLACED_FONT_PT.
CHART_FONT = 16
CHART_SCALE = 2.0
#: Largest chart text size tried (a chart whose text is still too small at this size is too wide for a slide).
MAX_CHART_FONT = 28
#: How far past the ratio of the wanted to the placed size each new rendering's font goes (see :func:`slide_chart`).
FONT_STEP = 1.5
#: Chart kinds labelled with indicator names: fitted in the box, their text stays under the minimum at every size
#: up to the largest, so the largest is tried first and is the picture, in one rendering (see :func:`slide_chart`).
LARGEST_FIRST_KINDS = frozenset({"england_ratio"})
#: The box (EMU) a chart is sized for: fits both a slide and the A4 landscape handout, so both use one rendering.
CHART_BOX = (Inches(7.0), Inches(5.2))


@dataclass(frozen=True)
class ChartPicture:
    """A chart rendered for a slide: PNG bytes and what is needed to know its placed text size."""

    png: bytes
    min_font: float
    scale: float
    width_px: int
    height_px: int

    @property
    def width_units(self) -> float:
        """Width in Vega-Lite units (pixels at scale 1, in which the font sizes are given)."""
        return self.width_px / self.scale

    def placed_font_pt(self, placed_width_emu: int) -> float:
        """The smallest text size in points once the picture is placed ``placed_width_emu`` wide."""
        return self.min_font * (placed_width_emu / 12700) / self.width_units


@dataclass
class Page:
    """One slide of the deck and one page of the PDF handout."""

    kind: str  # "title", "bullets", "table", "chart", "sources"
    title: str
    subtitle: str = ""
    bullets: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)
    chart: ChartPicture | None = None
    caption: str = ""
    notes: str = ""


def data_date(profile: Profile) -> str:
    """The date the data were built into the database (YYYY-MM-DD), or "unknown"."""
    return profile.built_at[:10] or "unknown"


def briefing_subtitle(profile: Profile) -> str:
    """The subtitle of a briefing's title page (PowerPoint and PDF) and of the HTML heading.

    Parameters
    ----------
    profile : Profile
        The place profile the briefing is made from (:func:`lsc_phm.reports.place_report.build`).

    Returns
    -------
    str
        The area's label, the ICB, the IMD vintage of the geography, the date the data were built
        (:func:`data_date`) and today's date, joined by " · ".
    """
    return (
        f"{profile.area.label} · {profile.icb.name} · IMD {profile.icb.imd_vintage} geography · "
        f"data built {data_date(profile)} · produced {dt.date.today():%d %B %Y}"
    )


# ------------------------------------------------------------------------------------------------ pages
def slide_chart(
    chart: alt.TopLevelMixin | ChartSpec, box_w: int, box_h: int, largest_first: bool = False
) -> ChartPicture:
    """Render ``chart`` (an Altair chart, or a report's chart data drawn by :func:`lsc_phm.render.chart_kinds.draw`)
    so that, fitted into a ``box_w`` x ``box_h`` (EMU) box, its smallest text is at least
    :data:`~lsc_phm.render.charts.MIN_PLACED_FONT_PT` points.

    Every text size is set to one size and the chart rendered as PNG (its size read from the PNG); sizes from
    :data:`CHART_FONT` up are tried until the placed size is enough, or :data:`MAX_CHART_FONT` is reached, and the
    last is the picture. The placed text grows with the size set, so a chart still too small at the largest size
    is drawn at it whatever smaller sizes give: with ``largest_first`` (and for :data:`LARGEST_FIRST_KINDS`) that
    size is rendered first, and only a chart readable at it goes on to the smaller sizes. The picture is the same
    either way; only the number of renderings differs. Each rendering is cached
    (:func:`lsc_phm.render.images.render_spec`), so the PowerPoint, the PDF handout and the HTML share it.
    """
    if isinstance(chart, ChartSpec):
        largest_first = largest_first or chart.kind in LARGEST_FIRST_KINDS
        chart = chart_kinds.draw(chart)
    base = chart.to_dict(validate=False)  # built by this module: skip schema validation
    if largest_first:
        spec, rendered, placed = _fitted(base, MAX_CHART_FONT, box_w, box_h)
        if placed < charts.MIN_PLACED_FONT_PT:
            return _picture(spec, rendered)
    font = CHART_FONT
    for _ in range(6):
        spec, rendered, placed = _fitted(base, font, box_w, box_h)
        if placed >= charts.MIN_PLACED_FONT_PT or font >= MAX_CHART_FONT:
            break
        # Larger text widens the chart, which shrinks it in the box again, so the plain ratio undershoots and took
        # four or five renderings per chart; half as much again reaches the size in one or two.
        wanted = FONT_STEP * charts.MIN_PLACED_FONT_PT / placed
        font = min(MAX_CHART_FONT, font + max(1, math.ceil(font * (wanted - 1))))
    return _picture(spec, rendered)


def _picture(spec: dict, rendered: images.RenderedChart) -> ChartPicture:
    return ChartPicture(rendered.png, charts.min_font_size(spec), CHART_SCALE, rendered.width_px, rendered.height_px)


def _fitted(base: dict, font: float, box_w: int, box_h: int) -> tuple[dict, images.RenderedChart, float]:
    """The chart with every text at ``font``, its rendering, and its smallest text in points once fitted in the box."""
    spec = charts.readable_spec_dict(base, font)
    rendered = images.render_spec(json.dumps(spec, sort_keys=True), CHART_SCALE)
    w, h = rendered.width_px / CHART_SCALE, rendered.height_px / CHART_SCALE
    placed_w = min(box_w, int(box_h * w / h))
    return spec, rendered, charts.min_font_size(spec) * (placed_w / 12700) / w


def slide_pictures(profile: Profile, chart_box: tuple[int, int] = CHART_BOX) -> dict[tuple[str, int], ChartPicture]:
    """Every slide chart of the profile rendered once, keyed by (section key, part number).

    Charts are rendered in threads (vl-convert releases the GIL) and kept on the profile, so the PowerPoint, the
    PDF handout and the HTML of one profile draw the same pictures without rendering them again.
    """
    key = ("pictures", tuple(chart_box))
    if key not in profile.rendered:
        # drawn here, before the threads: each thread then only converts a finished chart
        parts = [
            ((section.key, n), chart_kinds.draw(part.chart), part.chart.kind in LARGEST_FIRST_KINDS)
            for section in profile.sections
            for n, part in enumerate(section.slide_parts)
        ]
        if len(parts) > 1 and images.RENDER_THREADS > 1:
            with ThreadPoolExecutor(max_workers=images.RENDER_THREADS) as pool:
                done = list(pool.map(lambda item: slide_chart(item[1], *chart_box, largest_first=item[2]), parts))
        else:
            done = [slide_chart(chart, *chart_box, largest_first=first) for _, chart, first in parts]
        profile.rendered[key] = {name: picture for (name, _, _), picture in zip(parts, done, strict=False)}
    return profile.rendered[key]


def _sources_line(section: Section) -> str:
    return f"Sources: {section.source}." if section.source else ""


def _grouped_sources(profile: Profile) -> list[str]:
    lines = []
    for publisher, group in period_style.sources(profile.datasets).groupby("publisher", sort=True):
        items = "; ".join(f"{r.title} ({r.period})" for r in group.itertuples())
        lines.append(f"{publisher}: {items}.")
    return lines


def pages(profile: Profile, chart_box: tuple[int, int] = CHART_BOX) -> list[Page]:
    """The briefing's pages in order (the PowerPoint and the PDF both draw these; built once per profile)."""
    key = ("pages", tuple(chart_box))
    if key not in profile.rendered:
        profile.rendered[key] = _pages(profile, chart_box)
    return list(profile.rendered[key])


def with_story(profile: Profile, found: object, similar: object = None) -> Profile:
    """Add the attention list's story (slide 2's messages, "What has changed", "Questions for the board") to the
    profile's briefing (:mod:`lsc_phm.reports.briefing_attention`), from
    :func:`lsc_phm.views.attention.briefing_inputs`; without an attention list the profile's key messages stay.
    Call before the pages are drawn."""
    if "story" not in profile.rendered:
        profile.rendered["story"] = period_style.story(
            briefing_attention.for_list(
                found, profile.area.whole_name, profile.section("deprivation").headline, similar
            )
        )
        for key in [k for k in profile.rendered if isinstance(k, tuple) and k[0] == "pages"]:
            del profile.rendered[key]  # drawn before the story was known
    return profile


def _story_pages(story: briefing_attention.BriefingStory, chart_box: tuple[int, int]) -> list[Page]:
    """Slide 2 and "What has changed" from the attention list."""
    out = [
        Page(
            "bullets",
            "Key messages",
            bullets=story.messages,
            caption=f"Deprivation and life expectancy first, then what needs attention: worse than "
            f"{story.comparator} and getting worse first. Gaps in people: (area rate - rate of "
            f"{story.comparator}) x residents, 95% interval.",
            notes="\n".join(story.notes),
        )
    ]
    if story.changes is not None:
        out.append(
            Page(
                "chart",
                "What has changed",
                subtitle="Recent trends of headline indicators",
                bullets=story.change_lines,
                chart=slide_chart(story.changes, *chart_box),
                caption="Direction: OHID's recent trend or the chi-square test for trend (99.8%); else a "
                "latest change whose 95% intervals do not overlap. Solid line: the area; dashed: "
                "England.",
                notes="\n".join(story.change_lines),
            )
        )
    return out


def _pages(profile: Profile, chart_box: tuple[int, int]) -> list[Page]:
    pictures = slide_pictures(profile, chart_box)
    area = profile.area.name
    story = profile.rendered.get("story")
    out = [Page("title", f"{area}: place briefing", briefing_subtitle(profile))]
    messages = [m.text for m in profile.key_messages] or [
        f"Too few figures with an England value for {area} to choose key messages; see the sections."
    ]
    if story is not None:
        out.extend(_story_pages(story, chart_box))
    else:
        out.append(
            Page(
                "bullets",
                "Key messages",
                bullets=messages,
                caption="Ranked by distance from England and the share of residents concerned. "
                '"Significantly" only where a 95% confidence-interval test says so.',
                notes="\n".join(messages),
            )
        )
    headline = profile.section("headline")
    band = [["Figure", "Value", "What it is"]] + [[k.label, k.value, k.detail] for k in profile.summary]
    out.append(
        Page(
            "table",
            f"{area} at a glance: {headline.headline}" if headline.headline else f"{area} at a glance",
            table=band,
            caption=_sources_line(headline),
            notes="\n".join(headline.sentences),
        )
    )
    out.extend(_section_pages(profile, pictures))
    if story is not None and story.questions:
        out.append(
            Page(
                "bullets",
                "Questions for the board",
                bullets=story.questions,
                caption="Prompts from the attention list: edit them before the meeting.",
                notes="Placeholder prompts built from what needs attention; replace or add your own.",
            )
        )
    notes = profile.section("notes")
    out.append(
        Page(
            "bullets",
            notes.headline or notes.title,
            subtitle=notes.title,
            bullets=notes.sentences[:5],
            caption="Sources: as on the section slides; every data set on the next slide.",
            notes="\n".join(notes.sentences),
        )
    )
    # one sources slide, in small type, at the end (the HTML and the PDF handout give every file with its link)
    out.append(
        Page(
            "sources",
            "Sources",
            bullets=_grouped_sources(profile),
            caption="All data sets: Open Government Licence v3.0; boundaries contain OS data (c) Crown "
            "copyright and database right. Links to every file: the HTML briefing and "
            "data/SOURCES.md.",
        )
    )
    return out


def _section_pages(profile: Profile, pictures: dict[tuple[str, int], ChartPicture]) -> list[Page]:
    """One chart page per slide part of each section between the summary and the notes (a bullet page for a section
    without a chart)."""
    out: list[Page] = []
    for section in profile.sections:
        if section.key in ("headline", "notes"):
            continue
        for n, part in enumerate(section.slide_parts):
            out.append(
                Page(
                    "chart",
                    part.headline or section.headline or section.title,
                    subtitle=section.title,
                    bullets=(part.lead or section.lead_sentences())[:MAX_SENTENCES],
                    chart=pictures[(section.key, n)],
                    caption=_sources_line(section),
                    notes="\n".join(section.sentences),
                )
            )
        if not section.slide_parts:
            out.append(
                Page(
                    "bullets",
                    section.headline or section.title,
                    subtitle=section.title,
                    bullets=section.lead_sentences(4),
                    caption=_sources_line(section),
                    notes="\n".join(section.sentences),
                )
            )
    return out
