"""Briefing exports of a place profile: editable PowerPoint (on the organisation's own template if given),
printable self-contained HTML, and an A4 landscape PDF handout.

Every briefing is built from :func:`lsc_phm.reports.place_report.build`, the same page data the place-profile page
shows, so a figure in a slide equals the figure on screen and in the CSV downloads. The PowerPoint and the PDF are
drawn from one list of pages (:func:`pages`), so they have the same order and titles:

1. title; 2. "Key messages" (3 to 5 sentences from the numbers, :mod:`lsc_phm.reports.key_messages`);
3. the summary band as a table; 4.. one page per section, titled with the section's message, with its chart (at
least half the slide wide, smallest label at least :data:`lsc_phm.render.charts.MIN_PLACED_FONT_PT` pt as placed)
and at most :data:`MAX_SENTENCES` sentences; the section's sources once, in a caption; then the sources in full.

Charts are rendered to PNG without a browser (vl-convert). Key figures are real text (tables), never pictures.

References
----------
.. [1] python-pptx documentation: working with slide layouts and placeholders. https://python-pptx.readthedocs.io/
.. [2] Open Government Licence v3.0. https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import json
import logging
import math
import textwrap
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import altair as alt
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu, Inches, Pt

from lsc_phm.render import charts, images, palette
from lsc_phm.reports import briefing_attention
from lsc_phm.reports import template as templates
from lsc_phm.reports.place_report import Profile, Section, file_stem

FORMATS: tuple[str, ...] = ("pptx", "html", "pdf")
#: Average glyph width as a share of the font size, for estimating wrapped text (wide enough for DejaVu Sans,
#: the fallback font of LibreOffice renderings; Calibri is narrower).
GLYPH_EM = 0.56
SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
#: Sentences shown next to a chart (the rest are in the speaker notes and the HTML).
MAX_SENTENCES = 2
#: Chart text size (px at scale 1) tried first; raised until the placed size reaches MIN_PLACED_FONT_PT.
CHART_FONT = 16
CHART_SCALE = 2.0
#: Largest chart text size tried (a chart whose text is still too small at this size is too wide for a slide).
MAX_CHART_FONT = 28
#: Share of the slide's width a chart may take (never less than half).
CHART_SHARE = 0.6
#: The box (EMU) a chart is sized for: fits both a slide and the A4 landscape handout, so both use one rendering.
CHART_BOX = (Inches(7.0), Inches(5.2))
LAYOUT_NAMES = {"title": ("Title Slide",), "content": ("Title and Content",), "two": ("Two Content",)}
_TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_BODY_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)


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


def _subtitle(profile: Profile) -> str:
    return (f"{profile.area.label} · {profile.icb.name} · IMD {profile.icb.imd_vintage} geography · "
            f"data built {data_date(profile)} · produced {dt.date.today():%d %B %Y}")


# ------------------------------------------------------------------------------------------------ pages
def slide_chart(chart: alt.TopLevelMixin, box_w: int, box_h: int) -> ChartPicture:
    """Render ``chart`` so that, fitted into a ``box_w`` x ``box_h`` (EMU) box, its smallest text is at least
    :data:`~lsc_phm.render.charts.MIN_PLACED_FONT_PT` points.

    Every text size is set to :data:`CHART_FONT` and the chart rendered as PNG (its size read from the PNG);
    sizes are raised until the placed size is enough. The last rendering is the picture: one rendering per chart
    when the first size is enough, and each rendering is cached (:func:`lsc_phm.render.images.render_spec`), so the
    PowerPoint, the PDF handout and the HTML share it.
    """
    font = CHART_FONT
    base = chart.to_dict(validate=False)  # built by this module: skip schema validation
    for _ in range(6):
        spec = charts.readable_spec_dict(base, font)
        rendered = images.render_spec(json.dumps(spec, sort_keys=True), CHART_SCALE)
        w, h = rendered.width_px / CHART_SCALE, rendered.height_px / CHART_SCALE
        placed_w = min(box_w, int(box_h * w / h))
        placed = charts.min_font_size(spec) * (placed_w / 12700) / w
        if placed >= charts.MIN_PLACED_FONT_PT or font >= MAX_CHART_FONT:
            break
        font = min(MAX_CHART_FONT, font + max(1, math.ceil(font * (charts.MIN_PLACED_FONT_PT / placed - 1))))
    return ChartPicture(rendered.png, charts.min_font_size(spec), CHART_SCALE, rendered.width_px, rendered.height_px)


def slide_pictures(profile: Profile, chart_box: tuple[int, int] = CHART_BOX) -> dict[tuple[str, int], ChartPicture]:
    """Every slide chart of the profile rendered once, keyed by (section key, part number).

    Charts are rendered in threads (vl-convert releases the GIL) and kept on the profile, so the PowerPoint, the
    PDF handout and the HTML of one profile draw the same pictures without rendering them again.
    """
    key = ("pictures", tuple(chart_box))
    if key not in profile.rendered:
        parts = [((section.key, n), part.chart) for section in profile.sections
                 for n, part in enumerate(section.slide_parts)]
        if len(parts) > 1 and images.RENDER_THREADS > 1:
            with ThreadPoolExecutor(max_workers=images.RENDER_THREADS) as pool:
                done = list(pool.map(lambda item: slide_chart(item[1], *chart_box), parts))
        else:
            done = [slide_chart(chart, *chart_box) for _, chart in parts]
        profile.rendered[key] = {name: picture for (name, _), picture in zip(parts, done, strict=False)}
    return profile.rendered[key]


def _sources_line(section: Section) -> str:
    return f"Sources: {section.source}." if section.source else ""


def _grouped_sources(profile: Profile) -> list[str]:
    lines = []
    for publisher, group in profile.datasets.groupby("publisher", sort=True):
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
        profile.rendered["story"] = briefing_attention.for_list(found, profile.area.whole_name,
                                                                profile.section("deprivation").headline, similar)
        for key in [k for k in profile.rendered if isinstance(k, tuple) and k[0] == "pages"]:
            del profile.rendered[key]  # drawn before the story was known
    return profile


def _story_pages(story: briefing_attention.BriefingStory, chart_box: tuple[int, int]) -> list[Page]:
    """Slide 2 and "What has changed" from the attention list."""
    out = [Page("bullets", "Key messages", bullets=story.messages,
                caption="Deprivation and life expectancy first, then what needs attention: worse than England and "
                        "getting worse first. Gaps in people: (area rate - England rate) x residents, 95% interval.",
                notes="\n".join(story.notes))]
    if story.changes is not None:
        out.append(Page("chart", "What has changed", subtitle="Recent trends of headline indicators",
                        bullets=story.change_lines, chart=slide_chart(story.changes, *chart_box),
                        caption="Direction: OHID's recent trend or the chi-square test for trend (99.8%); else a "
                                "latest change whose 95% intervals do not overlap. Solid line: the area; dashed: "
                                "England.",
                        notes="\n".join(story.change_lines)))
    return out


def _pages(profile: Profile, chart_box: tuple[int, int]) -> list[Page]:
    pictures = slide_pictures(profile, chart_box)
    area = profile.area.name
    story = profile.rendered.get("story")
    out = [Page("title", f"{area}: place briefing", _subtitle(profile))]
    messages = [m.text for m in profile.key_messages] or [f"Too few figures with an England value for {area} to "
                                                          "choose key messages; see the sections."]
    if story is not None:
        out.extend(_story_pages(story, chart_box))
    else:
        out.append(Page("bullets", "Key messages", bullets=messages,
                        caption="Ranked by distance from England and the share of residents concerned. "
                                "\"Significantly\" only where a 95% confidence-interval test says so.",
                        notes="\n".join(messages)))
    headline = profile.section("headline")
    band = [["Figure", "Value", "What it is"]] + [[k.label, k.value, k.detail] for k in profile.summary]
    out.append(Page("table", f"{area} at a glance: {headline.headline}" if headline.headline else f"{area} at a glance",
                    table=band, caption=_sources_line(headline), notes="\n".join(headline.sentences)))
    for section in profile.sections:
        if section.key in ("headline", "notes"):
            continue
        for n, part in enumerate(section.slide_parts):
            out.append(Page("chart", part.headline or section.headline or section.title, subtitle=section.title,
                            bullets=(part.lead or section.lead_sentences())[:MAX_SENTENCES],
                            chart=pictures[(section.key, n)], caption=_sources_line(section),
                            notes="\n".join(section.sentences)))
        if not section.slide_parts:
            out.append(Page("bullets", section.headline or section.title, subtitle=section.title,
                            bullets=section.lead_sentences(4), caption=_sources_line(section),
                            notes="\n".join(section.sentences)))
    if story is not None and story.questions:
        out.append(Page("bullets", "Questions for the board", bullets=story.questions,
                        caption="Prompts from the attention list: edit them before the meeting.",
                        notes="Placeholder prompts built from what needs attention; replace or add your own."))
    notes = profile.section("notes")
    out.append(Page("bullets", notes.headline or notes.title, subtitle=notes.title, bullets=notes.sentences[:5],
                    caption="Sources: as on the section slides; every data set on the next slide.",
                    notes="\n".join(notes.sentences)))
    # one sources slide, in small type, at the end (the HTML and the PDF handout give every file with its link)
    out.append(Page("sources", "Sources", bullets=_grouped_sources(profile),
                    caption="All data sets: Open Government Licence v3.0; boundaries contain OS data (c) Crown "
                            "copyright and database right. Links to every file: the HTML briefing and "
                            "data/SOURCES.md."))
    return out


# ------------------------------------------------------------------------------------------------ text fitting
def text_height(lines: list[str], width_emu: int, size_pt: float, spacing: float = 1.2, indent_pt: float = 0.0) -> int:
    """Estimated height (EMU) of paragraphs wrapped into ``width_emu`` at ``size_pt`` (average glyph GLYPH_EM).

    Lines are wrapped at word boundaries (as a renderer does), less ``indent_pt`` for a bullet's hanging indent.
    """
    chars_per_line = max(1, int((width_emu / 12700 - 14 - indent_pt) / (size_pt * GLYPH_EM)))
    rows = sum(max(1, len(textwrap.wrap(line, chars_per_line, break_long_words=True))) for line in lines)
    return int(Pt(rows * size_pt * spacing + len(lines) * size_pt * 0.4 + 10))


#: Column widths of the summary table (figure, value, what it is) as shares of the table's width.
TABLE_SHARES = (0.22, 0.14, 0.64)


def table_layout(rows: list[list[str]], widths: list[int], height: int,
                 sizes: tuple[int, ...] = (14, 12, 11, 10)) -> tuple[int, list[int]]:
    """The largest text size whose rows (each as tall as its longest wrapped cell) fit ``height`` (EMU), and the
    row heights (EMU) at that size; the smallest size if none fits."""
    for size in sizes:
        heights = []
        for row in rows:
            lines = max(max(1, len(textwrap.wrap(str(value), max(1, int((width / 12700 - 10) / (size * GLYPH_EM))))))
                        for value, width in zip(row, widths, strict=False))
            heights.append(int(Pt(lines * size * 1.2 + 8)))
        if sum(heights) <= height:
            break
    return size, heights


#: A bulleted paragraph's hanging indent (points), as in python-pptx's default and most templates' body text.
BULLET_INDENT_PT = 20.0


def fit_size(lines: list[str], width_emu: int, height_emu: int, largest: int = 20, smallest: int = 12,
             indent_pt: float = 0.0) -> int:
    """The largest text size (points, ``smallest`` at least) whose estimated height fits the box."""
    for size in range(largest, smallest - 1, -1):
        if text_height(lines, width_emu, size, indent_pt=indent_pt) <= height_emu:
            return size
    return smallest


# ------------------------------------------------------------------------------------------------ PowerPoint
def _remove_slides(prs: Presentation) -> None:
    ids = prs.slides._sldIdLst  # python-pptx has no public API for deleting slides
    for slide_id in list(ids):
        prs.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)


def _structure(layout) -> tuple[bool, bool, int]:
    types = [ph.placeholder_format.type for ph in layout.placeholders]
    bodies = sum(t in _BODY_TYPES for t in types)
    return PP_PLACEHOLDER.CENTER_TITLE in types, any(t in _TITLE_TYPES for t in types), bodies


def find_layouts(prs: Presentation) -> dict[str, object]:
    """The template's title, title-and-content and two-content layouts, by name, else by their placeholders.

    A layout missing from the template falls back to the next simpler one (two-content -> title-and-content).

    Raises
    ------
    ValueError
        If no layout has a title placeholder (the deck could not carry its messages).
    """
    found: dict[str, object] = {}
    for key, names in LAYOUT_NAMES.items():
        for layout in prs.slide_layouts:
            if layout.name in names:
                found[key] = layout
                break
    for layout in prs.slide_layouts:
        centre, titled, bodies = _structure(layout)
        if centre and "title" not in found:
            found["title"] = layout
        elif titled and bodies == 1 and "content" not in found:
            found["content"] = layout
        elif titled and bodies == 2 and "two" not in found:
            found["two"] = layout
    if "content" not in found:
        titled = [layout for layout in prs.slide_layouts if _structure(layout)[1]]
        if not titled:
            raise ValueError("the template has no slide layout with a title placeholder")
        found["content"] = titled[0]
    found.setdefault("two", found["content"])
    found.setdefault("title", found["content"])
    return found


def _placeholders(slide) -> tuple[object | None, list[object]]:
    title, bodies = None, []
    for ph in slide.placeholders:
        kind = ph.placeholder_format.type
        if kind in _TITLE_TYPES and title is None:
            title = ph
        elif kind in _BODY_TYPES or kind == PP_PLACEHOLDER.SUBTITLE:
            bodies.append(ph)
    return title, sorted(bodies, key=lambda ph: (ph.left or 0))


def _set_text(shape, lines: list[str], size: int) -> None:
    frame = shape.text_frame
    frame.word_wrap = True
    frame.text = ""
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)


def _box(shape) -> tuple[int, int, int, int]:
    return int(shape.left), int(shape.top), int(shape.width), int(shape.height)


def _place(shape, left: int, top: int, width: int, height: int) -> None:
    shape.left, shape.top, shape.width, shape.height = Emu(left), Emu(top), Emu(width), Emu(height)


def _title_text(slide, title_shape, text: str, default: bool) -> None:
    if title_shape is None:
        return
    if default:
        _place(title_shape, Inches(0.5), Inches(0.25), Inches(12.33), Inches(1.15))
    left, top, width, height = _box(title_shape)
    _set_text(title_shape, [text], fit_size([text], width, height, 30, 18))


FOOTER_H = Inches(0.38)


def _footer(slide, prs, text: str) -> None:
    box = slide.shapes.add_textbox(Inches(0.5), prs.slide_height - FOOTER_H, prs.slide_width - Inches(1.0), FOOTER_H)
    _set_text(box, [text], 9)


def _caption(slide, prs, text: str, top: int) -> None:
    if not text:
        return
    width = prs.slide_width - Inches(1.0)
    height = prs.slide_height - FOOTER_H - top
    box = slide.shapes.add_textbox(Inches(0.5), top, width, height)
    _set_text(box, [text], fit_size([text], width, height, 10, 8))


def _remove(shape) -> None:
    shape._element.getparent().remove(shape._element)


def to_pptx(profile: Profile, template: bytes | Path | None = None) -> bytes:
    """Return the briefing as an editable PowerPoint (.pptx) file.

    Parameters
    ----------
    profile : Profile
    template : bytes or Path, optional
        A .pptx or .potx whose slide master and layouts (title, title-and-content, two-content) the deck is built
        on; fonts and colours then come from the template. Its own slides are dropped. Without one, a clean
        16:9 default.

    Raises
    ------
    ValueError
        If the template cannot be used (:class:`lsc_phm.reports.template.TemplateError`, one sentence saying why:
        too large, not a PowerPoint presentation or template, macros or embedded objects, no layout with a title).
    """
    default = template is None
    if default:
        prs = Presentation()
        prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    else:
        data = bytes(template) if isinstance(template, (bytes, bytearray)) else templates.read(Path(template))
        prs = Presentation(io.BytesIO(templates.cleaned(data).data))  # checked, no macros or outside links
        _remove_slides(prs)
    layouts = find_layouts(prs)
    slide_w, slide_h = int(prs.slide_width), int(prs.slide_height)
    margin = int(slide_w * 0.0375)
    deck_pages = pages(profile)
    for number, page in enumerate(deck_pages, start=1):
        if page.kind == "title":
            slide = prs.slides.add_slide(layouts["title"])
            title, bodies = _placeholders(slide)
            if default and title is not None:
                _place(title, Inches(0.8), Inches(2.2), Inches(11.7), Inches(1.5))
            if title is not None:
                _set_text(title, [page.title], fit_size([page.title], title.width, title.height, 40, 24))
            if bodies:
                if default:
                    _place(bodies[0], Inches(0.8), Inches(3.9), Inches(11.7), Inches(1.2))
                _set_text(bodies[0], [page.subtitle], fit_size([page.subtitle], bodies[0].width, bodies[0].height,
                                                               18, 12))
                for extra in bodies[1:]:
                    _remove(extra)
            continue
        layout = layouts["two"] if page.kind == "chart" else layouts["content"]
        slide = prs.slides.add_slide(layout)
        title, bodies = _placeholders(slide)
        _title_text(slide, title, page.title, default)
        if page.kind == "sources" and default and title is not None:  # one slide of small print: a slimmer title
            _place(title, Inches(0.5), Inches(0.1), Inches(12.33), Inches(0.65))
            _set_text(title, [page.title], 20)
        top = int(title.top + title.height + Inches(0.1)) if title is not None else Inches(1.4)
        # the sources slide's small print may run down to the caption's line
        bottom = slide_h - (Inches(0.75) if page.kind == "sources" else Inches(1.0))
        if page.kind == "chart" and page.chart is not None:
            chart_w = max(slide_w // 2 + 1, int(slide_w * CHART_SHARE))
            box_h = bottom - top
            w, h = page.chart.width_px, page.chart.height_px
            placed_w = min(chart_w, int(box_h * w / h))
            placed_h = int(placed_w * h / w)
            slide.shapes.add_picture(io.BytesIO(page.chart.png), margin, top, width=placed_w, height=placed_h)
            text_left = margin + placed_w + Inches(0.25)
            text_w = slide_w - margin - text_left
            for extra in bodies[:-1]:
                _remove(extra)
            body = bodies[-1] if bodies else slide.shapes.add_textbox(text_left, top, text_w, box_h)
            _place(body, text_left, top, text_w, box_h)
            _set_text(body, page.bullets, fit_size(page.bullets, text_w, box_h, 18, 12, BULLET_INDENT_PT))
        else:
            for extra in bodies[1:]:
                _remove(extra)
            body = bodies[0] if bodies else slide.shapes.add_textbox(margin, top, slide_w - 2 * margin, bottom - top)
            _place(body, margin, top, slide_w - 2 * margin, bottom - top)
            if page.kind == "table":
                _remove(body)
                rows = page.table
                widths = [int((slide_w - 2 * margin) * share) for share in TABLE_SHARES]
                size, heights = table_layout(rows, widths, bottom - top)
                shape = slide.shapes.add_table(len(rows), len(rows[0]), margin, top, slide_w - 2 * margin,
                                               sum(heights))
                for j, width in enumerate(widths):
                    shape.table.columns[j].width = Emu(width)
                for i, height in enumerate(heights):
                    shape.table.rows[i].height = Emu(height)
                for i, row in enumerate(rows):
                    for j, value in enumerate(row):
                        cell = shape.table.cell(i, j)
                        _set_text(cell, [value], size)
                        cell.margin_top = cell.margin_bottom = Inches(0.03)
            else:
                largest, smallest = ((20, 12) if page.kind == "bullets" else (10, 7) if page.kind == "sources"
                                     else (14, 10))
                indent = 0.0 if page.kind == "sources" else BULLET_INDENT_PT  # sources: plain paragraphs
                _set_text(body, page.bullets, fit_size(page.bullets, body.width, body.height, largest, smallest,
                                                       indent))
        _caption(slide, prs, page.caption, bottom + Inches(0.05))
        _footer(slide, prs, f"{profile.area.name} · data built {data_date(profile)} · {number}")
        slide.notes_slide.notes_text_frame.text = page.notes or "\n".join(page.bullets)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------------------------------------ HTML
_CSS = f"""
@page {{ size: A4; margin: 15mm 14mm; }}
body {{ font-family: Arial, Helvetica, sans-serif; color: {palette.NHS_DARK}; font-size: 10.5pt; line-height: 1.4;
       max-width: 190mm; margin: 0 auto; }}
h1 {{ color: {palette.NHS_BLUE}; font-size: 22pt; margin: 0 0 2mm; }}
h2 {{ color: {palette.NHS_BLUE}; font-size: 14pt; border-bottom: 2px solid {palette.NHS_BLUE};
      padding-bottom: 1mm; margin-top: 8mm; }}
.subtitle, .headline {{ color: {palette.NHS_GREY}; }}
.headline {{ font-weight: bold; font-size: 12pt; }}
section {{ break-inside: auto; }}
figure {{ margin: 3mm 0; break-inside: avoid; }}
img {{ max-width: 100%; height: auto; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9pt; break-inside: avoid; margin: 2mm 0; }}
th, td {{ border: 1px solid {palette.TABLE_BORDER}; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }}
th {{ background: {palette.TABLE_HEADER}; }}
td.value {{ font-weight: bold; white-space: nowrap; }}
.source {{ color: {palette.NHS_GREY}; font-size: 8.5pt; }}
ul {{ padding-left: 5mm; }}
@media print {{ h2 {{ break-after: avoid; }} a {{ color: inherit; text-decoration: none; }} }}
"""


def section_images(profile: Profile, section: Section) -> list[tuple[str, bytes]]:
    """The section's pictures as PNG bytes: static maps first, then its slide charts, the very renderings the
    PowerPoint and the PDF handout place (:func:`slide_pictures`), so the HTML renders nothing of its own."""
    pictures = slide_pictures(profile)
    found = list(section.images.items())
    found += [(f"{section.key}_chart_{n + 1}", pictures[(section.key, n)].png) for n in range(len(section.slide_parts))]
    return found


def to_html(profile: Profile) -> str:
    """Return the briefing as one self-contained, printable A4 HTML document (images embedded as base64).

    Order: key messages, the summary band, each section (message, figures, pictures, sentences, sources), sources.
    The charts are the slide charts (:func:`section_images`): one rendering per chart for all three formats.
    """
    e = html.escape
    parts = [f"<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'>"
             f"<title>Place profile: {e(profile.area.name)}</title><style>{_CSS}</style></head><body>",
             f"<h1>Place profile: {e(profile.area.name)}</h1><p class='subtitle'>{e(_subtitle(profile))}</p>",
             "<section id='key_messages'><h2>Key messages</h2><ol>"
             + "".join(f"<li>{e(m.text)}</li>" for m in profile.key_messages) + "</ol></section>",
             "<section id='summary'><h2>At a glance</h2><table><tr><th>Figure</th><th>Value</th><th>What it "
             "is</th></tr>"
             + "".join(f"<tr><td>{e(k.label)}</td><td class='value'>{e(k.value)}</td><td>{e(k.detail)}</td></tr>"
                       for k in profile.summary) + "</table></section>",
             "<p>Every figure comes from open data (Open Government Licence v3.0) and names its period. "
             "&ldquo;Significantly&rdquo; is used only where a 95% confidence-interval test says so; &ldquo;no open "
             "data&rdquo; marks what is not published for this area. Decile 1 = the most deprived 10% of "
             "neighbourhoods in England.</p>"]
    for section in profile.sections:
        parts.append(f"<section id='{e(section.key)}'><h2>{e(section.title)}</h2>")
        if section.headline:
            parts.append(f"<p class='headline'>{e(section.headline)}</p>")
        if section.key_figures:
            parts.append("<table><tr><th>Figure</th><th>Value</th><th>Detail</th></tr>" + "".join(
                f"<tr><td>{e(k.label)}</td><td class='value'>{e(k.value)}</td><td>{e(k.detail)}</td></tr>"
                for k in section.key_figures) + "</table>")
        for name, png in section_images(profile, section):
            encoded = base64.b64encode(png).decode("ascii")
            parts.append(f"<figure><img alt='{e(section.title)}: {e(name.replace('_', ' '))}' "
                         f"src='data:image/png;base64,{encoded}'></figure>")
        if section.sentences:
            parts.append("<ul>" + "".join(f"<li>{e(s)}</li>" for s in section.sentences) + "</ul>")
        if section.source:
            parts.append(f"<p class='source'>Sources: {e(section.source)}.</p>")
        parts.append("</section>")
    parts.append("<section id='sources'><h2>Sources</h2><table><tr><th>Data set</th><th>Publisher</th><th>Period</th>"
                 "<th>Licence</th></tr>")
    for r in profile.datasets.itertuples():
        parts.append(f"<tr><td><a href='{e(str(r.url))}'>{e(str(r.title))}</a></td><td>{e(str(r.publisher))}</td>"
                     f"<td>{e(str(r.period))}</td><td>{e(str(r.licence))}</td></tr>")
    parts.append("</table><p class='source'>Open Government Licence v3.0: "
                 "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/</p></section>"
                 "</body></html>")
    return "".join(parts)


# ------------------------------------------------------------------------------------------------ PDF
A4_LANDSCAPE = (11.69, 8.27)
PDF_SOURCES_PER_PAGE = 16
#: Settings for a handout whose text is all in Windows-1252: PDF's standard Helvetica, not embedded, which every
#: PDF reader has; drawing text this way takes about a third of the time of embedding DejaVu Sans glyph by glyph.
CORE_FONTS = {"pdf.use14corefonts": True, "font.family": "sans-serif", "font.sans-serif": ["Helvetica"],
              "font.weight": "medium"}  # the weight of the standard Helvetica (no "normal" warning)


def _pdf_fonts(drawn: list[tuple[Page, list[str]]], footer: str) -> dict[str, object]:
    """Matplotlib settings for the handout: the PDF core fonts when every character can be written with them,
    otherwise matplotlib's embedded default (a rare symbol such as an arrow is then still drawn)."""
    text = footer + "".join(page.title + page.subtitle + page.caption + "".join(lines)
                            + "".join(c for row in page.table for c in row) for page, lines in drawn)
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return {}
    return CORE_FONTS


def to_pdf(profile: Profile) -> bytes:
    """Return the briefing as an A4 landscape PDF handout: the slides' pages in the same order, with page numbers
    and the date of the data in every footer; the sources in full (with links) at the end."""
    import matplotlib

    matplotlib.use("Agg")
    handout = pages(profile)
    sources = [f"{r.title}. {r.publisher}. {r.period}. {r.licence}. {r.url}" for r in profile.datasets.itertuples()]
    caption = handout[-1].caption
    handout = [page for page in handout if page.kind != "sources"]
    handout.append(Page("sources", "Sources", bullets=sources, caption=caption))
    drawn: list[tuple[Page, list[str]]] = []
    for page in handout:  # split long text pages so that every page fits
        chunks = [page.bullets]
        if page.kind == "sources":
            step = PDF_SOURCES_PER_PAGE
            chunks = [page.bullets[i:i + step] for i in range(0, len(page.bullets), step)] or [[]]
        for chunk in chunks:
            drawn.append((page, chunk))
    buffer = io.BytesIO()
    footer = f"{profile.area.name} · {profile.icb.name} · data built {data_date(profile)}"
    fonts = logging.getLogger("matplotlib.font_manager")
    quiet = fonts.level
    fonts.setLevel(logging.ERROR)  # "weight normal not found for Helvetica, using medium": the same face, no news
    try:
        _draw_pdf(profile, drawn, buffer, footer)
    finally:
        fonts.setLevel(quiet)
    return buffer.getvalue()


def _draw_pdf(profile: Profile, drawn: list[tuple[Page, list[str]]], buffer: io.BytesIO, footer: str) -> None:
    import matplotlib
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.backends.backend_pdf import PdfPages
    from PIL import Image

    page_w, page_h = A4_LANDSCAPE
    total = len(drawn)

    def wrap(text: str, width_in: float, size: float) -> str:
        return textwrap.fill(text, max(20, int(width_in * 72 / (size * 0.6))))

    with matplotlib.rc_context(_pdf_fonts(drawn, footer)), PdfPages(buffer) as pdf:
        for number, (page, lines) in enumerate(drawn, start=1):
            figure = plt.figure(figsize=A4_LANDSCAPE)
            x0 = 0.05
            if page.kind == "title":
                figure.text(x0, 0.62, wrap(page.title, 10.5, 30), fontsize=30, color=palette.NHS_BLUE, weight="bold")
                figure.text(x0, 0.52, wrap(page.subtitle, 10.5, 13), fontsize=13, color=palette.NHS_GREY, va="top")
            else:
                figure.text(x0, 0.95, wrap(page.title, 10.5, 17), fontsize=17, color=palette.NHS_BLUE, weight="bold",
                            va="top")
            top = 0.84
            if page.kind == "chart" and page.chart is not None:
                w, h = page.chart.width_px, page.chart.height_px
                box_w, box_h = 0.6, 0.68
                width = min(box_w, box_h * (w / h) * page_h / page_w)
                height = width * (h / w) * page_w / page_h
                axes = figure.add_axes((x0, top - height, width, height))
                with Image.open(io.BytesIO(page.chart.png)) as picture:
                    pixels = np.asarray(picture.convert("RGB"))  # uint8: much faster than imread's floats
                axes.imshow(pixels, interpolation="none")
                axes.set_axis_off()
                text_x, text_w = x0 + width + 0.02, 1 - (x0 + width + 0.02) - 0.04
            else:
                text_x, text_w = x0, 0.9
            if page.kind == "table":
                for size in (11, 10, 9):  # rows as tall as their longest wrapped cell; smaller text if needed
                    cells = [(wrap(row[0], 2.4, size), row[1], wrap(row[2], 6.6, size - 1)) for row in page.table]
                    line = size * 1.3 / 72 / page_h  # one line, as a share of the page's height
                    heights = [line * max(c.count("\n") + 1 for c in cell) + 0.012 for cell in cells]
                    if sum(heights) <= top - 0.1:
                        break
                y = top
                for i, ((label, value, detail), height) in enumerate(zip(cells, heights, strict=False)):
                    weight = "bold" if i == 0 else "normal"
                    figure.text(x0, y, label, fontsize=size, weight=weight, va="top")
                    figure.text(x0 + 0.23, y, value, fontsize=size, weight="bold", va="top")
                    figure.text(x0 + 0.35, y, detail, fontsize=size - 1, weight=weight, va="top",
                                color=palette.NHS_DARK)
                    y -= height
            elif page.kind != "title":
                size = 12 if page.kind in ("bullets", "chart") else 8.5
                y = top
                for line in lines:
                    wrapped = wrap(line, text_w * page_w, size)
                    bullet = "" if page.kind == "sources" else "• "
                    figure.text(text_x, y, bullet + wrapped.replace("\n", "\n   "), fontsize=size, va="top")
                    y -= (wrapped.count("\n") + 1) * size * 1.35 / 72 / page_h + 0.015
            if page.caption:
                figure.text(x0, 0.075, wrap(page.caption, 10.5, 8.5), fontsize=8.5, color=palette.NHS_GREY, va="bottom")
            figure.text(x0, 0.03, footer, fontsize=8, color=palette.NHS_GREY)
            figure.text(0.95, 0.03, f"page {number} of {total}", fontsize=8, color=palette.NHS_GREY, ha="right")
            pdf.savefig(figure)
            plt.close(figure)


def render_briefing(profile: Profile, fmt: str, template: bytes | Path | None = None) -> bytes:
    """Return the briefing in ``fmt`` (pptx, html or pdf) as bytes (``template`` applies to pptx only).

    Raises
    ------
    ValueError
        For another format, or a template that cannot be used.
    """
    if fmt == "pptx":
        return to_pptx(profile, template)
    if fmt == "html":
        return to_html(profile).encode("utf-8")
    if fmt == "pdf":
        return to_pdf(profile)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}, not '{fmt}'")


def write_briefing(profile: Profile, fmt: str, out_dir: Path, template: bytes | Path | None = None) -> Path:
    """Write the briefing into ``out_dir`` (created if needed) and return the file path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{file_stem(profile)}.{fmt}"
    path.write_bytes(render_briefing(profile, fmt, template))
    return path


def template_problem(template: bytes) -> str | None:
    """Why an uploaded template cannot be used (one sentence), or None when it can (checked once per template)."""
    try:
        templates.cleaned(template)
    except templates.TemplateError as error:
        return str(error)
    return None


def template_notices(template: bytes) -> tuple[str, ...]:
    """What cleaning removed from a usable template, or how a missing layout is replaced (one sentence each)."""
    try:
        return templates.cleaned(template).notices
    except templates.TemplateError:
        return ()
