"""The briefing as an editable PowerPoint deck (:func:`to_pptx`), on the organisation's own template if given.

The deck draws :func:`lsc_phm.publish.briefing_pages.pages`: layouts are found by name, else by their placeholders
(:func:`find_layouts`); text sizes are the largest whose estimated wrapped height fits its box (:func:`fit_size`,
:func:`table_layout`); charts are placed at least half the slide wide. :func:`lsc_phm.publish.briefing.render_briefing`
writes any of the three formats.

References
----------
.. [1] python-pptx documentation: working with slide layouts and placeholders. https://python-pptx.readthedocs.io/
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu, Inches, Pt

from lsc_phm.publish import template as templates
from lsc_phm.publish.briefing_pages import Page, data_date, pages
from lsc_phm.reports.profile_model import Profile

#: Average glyph width as a share of the font size, for estimating wrapped text (wide enough for DejaVu Sans,
#: the fallback font of LibreOffice renderings; Calibri is narrower).
GLYPH_EM = 0.56
SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
#: Share of the slide's width a chart may take (never less than half).
CHART_SHARE = 0.6
LAYOUT_NAMES = {"title": ("Title Slide",), "content": ("Title and Content",), "two": ("Two Content",)}
_TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_BODY_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)


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


def table_layout(
    rows: list[list[str]], widths: list[int], height: int, sizes: tuple[int, ...] = (14, 12, 11, 10)
) -> tuple[int, list[int]]:
    """The largest text size whose rows (each as tall as its longest wrapped cell) fit ``height`` (EMU), and the
    row heights (EMU) at that size; the smallest size if none fits."""
    for size in sizes:
        heights = []
        for row in rows:
            lines = max(
                max(1, len(textwrap.wrap(str(value), max(1, int((width / 12700 - 10) / (size * GLYPH_EM))))))
                for value, width in zip(row, widths, strict=False)
            )
            heights.append(int(Pt(lines * size * 1.2 + 8)))
        if sum(heights) <= height:
            break
    return size, heights


#: A bulleted paragraph's hanging indent (points), as in python-pptx's default and most templates' body text.
BULLET_INDENT_PT = 20.0


def fit_size(
    lines: list[str], width_emu: int, height_emu: int, largest: int = 20, smallest: int = 12, indent_pt: float = 0.0
) -> int:
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


def _presentation(template: bytes | Path | None) -> Presentation:
    """A 16:9 default presentation, or the checked template with its own slides dropped."""
    if template is None:
        prs = Presentation()
        prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    else:
        data = bytes(template) if isinstance(template, (bytes, bytearray)) else templates.read(Path(template))
        prs = Presentation(io.BytesIO(templates.cleaned(data).data))  # checked, no macros or outside links
        _remove_slides(prs)
    return prs


def _title_slide(prs: Presentation, layouts: dict[str, object], page: Page, default: bool) -> None:
    """The title slide: the title and the subtitle, no footer, caption or notes."""
    slide = prs.slides.add_slide(layouts["title"])
    title, bodies = _placeholders(slide)
    if default and title is not None:
        _place(title, Inches(0.8), Inches(2.2), Inches(11.7), Inches(1.5))
    if title is not None:
        _set_text(title, [page.title], fit_size([page.title], title.width, title.height, 40, 24))
    if bodies:
        if default:
            _place(bodies[0], Inches(0.8), Inches(3.9), Inches(11.7), Inches(1.2))
        _set_text(bodies[0], [page.subtitle], fit_size([page.subtitle], bodies[0].width, bodies[0].height, 18, 12))
        for extra in bodies[1:]:
            _remove(extra)


def _chart_body(slide, page: Page, bodies: list[object], top: int, bottom: int, margin: int, slide_w: int) -> None:
    """A chart page: the chart on the left (at least half the slide wide), its sentences on the right."""
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


def _table_body(slide, page: Page, top: int, bottom: int, margin: int, slide_w: int) -> None:
    """A table page: the rows as a real table, its text as large as fits."""
    rows = page.table
    widths = [int((slide_w - 2 * margin) * share) for share in TABLE_SHARES]
    size, heights = table_layout(rows, widths, bottom - top)
    shape = slide.shapes.add_table(len(rows), len(rows[0]), margin, top, slide_w - 2 * margin, sum(heights))
    for j, width in enumerate(widths):
        shape.table.columns[j].width = Emu(width)
    for i, height in enumerate(heights):
        shape.table.rows[i].height = Emu(height)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            cell = shape.table.cell(i, j)
            _set_text(cell, [value], size)
            cell.margin_top = cell.margin_bottom = Inches(0.03)


def _content_slide(prs: Presentation, layouts: dict[str, object], page: Page, default: bool, footer: str) -> None:
    """A slide other than the title: its title, its chart, table or text, the caption, footer and speaker notes."""
    slide_w, slide_h = int(prs.slide_width), int(prs.slide_height)
    margin = int(slide_w * 0.0375)
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
        _chart_body(slide, page, bodies, top, bottom, margin, slide_w)
    else:
        for extra in bodies[1:]:
            _remove(extra)
        body = bodies[0] if bodies else slide.shapes.add_textbox(margin, top, slide_w - 2 * margin, bottom - top)
        _place(body, margin, top, slide_w - 2 * margin, bottom - top)
        if page.kind == "table":
            _remove(body)
            _table_body(slide, page, top, bottom, margin, slide_w)
        else:
            largest, smallest = (20, 12) if page.kind == "bullets" else (10, 7) if page.kind == "sources" else (14, 10)
            indent = 0.0 if page.kind == "sources" else BULLET_INDENT_PT  # sources: plain paragraphs
            _set_text(body, page.bullets, fit_size(page.bullets, body.width, body.height, largest, smallest, indent))
    _caption(slide, prs, page.caption, bottom + Inches(0.05))
    _footer(slide, prs, footer)
    slide.notes_slide.notes_text_frame.text = page.notes or "\n".join(page.bullets)


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
        If the template cannot be used (:class:`lsc_phm.publish.template.TemplateError`, one sentence saying why:
        too large, not a PowerPoint presentation or template, macros or embedded objects, no layout with a title).
    """
    default = template is None
    prs = _presentation(template)
    layouts = find_layouts(prs)
    deck_pages = pages(profile)
    for number, page in enumerate(deck_pages, start=1):
        if page.kind == "title":
            _title_slide(prs, layouts, page, default)
            continue
        _content_slide(prs, layouts, page, default, f"{profile.area.name} · data built {data_date(profile)} · {number}")
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
