"""Briefing exports of a place profile: editable PowerPoint (on the organisation's own template if given),
printable self-contained HTML, and an A4 landscape PDF handout.

Every briefing is built from :func:`lsc_phm.reports.place_report.build`, the same page data the place-profile page
shows, so a figure in a slide equals the figure on screen and in the CSV downloads. The PowerPoint and the PDF are
drawn from one list of pages (:func:`pages`), so they have the same order and titles:

1. title; 2. "Key messages" (3 to 5 sentences from the numbers, :mod:`lsc_phm.reports.key_messages`);
3. the summary band as a table; 4.. one page per section, titled with the section's message, with its chart (at
least half the slide wide, smallest label at least :data:`lsc_phm.render.charts.MIN_PLACED_FONT_PT` pt as placed)
and at most :data:`~lsc_phm.publish.briefing_pages.MAX_SENTENCES` sentences; the section's sources once, in a
caption; then the sources on one page in small type (the HTML gives every data set with its link).

Charts are drawn from the profile's chart data (:func:`lsc_phm.render.chart_kinds.draw`) and rendered to PNG without
a browser (vl-convert). Key figures are real text (tables), never pictures.

Modules: the pages and their charts are built in :mod:`lsc_phm.publish.briefing_pages`, the PowerPoint is written
by :mod:`lsc_phm.publish.briefing_pptx`; this module writes the HTML and the PDF, and :func:`render_briefing` and
:func:`write_briefing` any of the three formats.

References
----------
.. [1] python-pptx documentation: working with slide layouts and placeholders. https://python-pptx.readthedocs.io/
.. [2] Open Government Licence v3.0. https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/
"""

from __future__ import annotations

import base64
import html
import io
import logging
import textwrap
from pathlib import Path

from lsc_phm.publish import template as templates
from lsc_phm.publish.briefing_pages import Page, briefing_subtitle, data_date, pages, slide_pictures
from lsc_phm.publish.briefing_pptx import to_pptx
from lsc_phm.render import palette
from lsc_phm.reports import period_style
from lsc_phm.reports.profile_model import Profile, Section, file_stem

FORMATS: tuple[str, ...] = ("pptx", "html", "pdf")


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
    parts = [
        f"<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'>"
        f"<title>Place profile: {e(profile.area.name)}</title><style>{_CSS}</style></head><body>",
        f"<h1>Place profile: {e(profile.area.name)}</h1><p class='subtitle'>{e(briefing_subtitle(profile))}</p>",
        "<section id='key_messages'><h2>Key messages</h2><ol>"
        + "".join(f"<li>{e(m.text)}</li>" for m in profile.key_messages)
        + "</ol></section>",
        "<section id='summary'><h2>At a glance</h2><table><tr><th>Figure</th><th>Value</th><th>What it "
        "is</th></tr>"
        + "".join(
            f"<tr><td>{e(k.label)}</td><td class='value'>{e(k.value)}</td><td>{e(k.detail)}</td></tr>"
            for k in profile.summary
        )
        + "</table></section>",
        "<p>Every figure comes from open data (Open Government Licence v3.0) and names its period. "
        "&ldquo;Significantly&rdquo; is used only where a 95% confidence-interval test says so; &ldquo;no open "
        "data&rdquo; marks what is not published for this area. Decile 1 = the most deprived 10% of "
        "neighbourhoods in England.</p>",
    ]
    for section in profile.sections:
        parts.append(f"<section id='{e(section.key)}'><h2>{e(section.title)}</h2>")
        if section.headline:
            parts.append(f"<p class='headline'>{e(section.headline)}</p>")
        if section.key_figures:
            parts.append(
                "<table><tr><th>Figure</th><th>Value</th><th>Detail</th></tr>"
                + "".join(
                    f"<tr><td>{e(k.label)}</td><td class='value'>{e(k.value)}</td><td>{e(k.detail)}</td></tr>"
                    for k in section.key_figures
                )
                + "</table>"
            )
        for name, png in section_images(profile, section):
            encoded = base64.b64encode(png).decode("ascii")
            parts.append(
                f"<figure><img alt='{e(section.title)}: {e(name.replace('_', ' '))}' "
                f"src='data:image/png;base64,{encoded}'></figure>"
            )
        if section.sentences:
            parts.append("<ul>" + "".join(f"<li>{e(s)}</li>" for s in section.sentences) + "</ul>")
        if section.source:
            parts.append(f"<p class='source'>Sources: {e(section.source)}.</p>")
        parts.append("</section>")
    parts.append(
        "<section id='sources'><h2>Sources</h2><table><tr><th>Data set</th><th>Publisher</th><th>Period</th>"
        "<th>Licence</th></tr>"
    )
    for r in period_style.sources(profile.datasets).itertuples():
        parts.append(
            f"<tr><td><a href='{e(str(r.url))}'>{e(str(r.title))}</a></td><td>{e(str(r.publisher))}</td>"
            f"<td>{e(str(r.period))}</td><td>{e(str(r.licence))}</td></tr>"
        )
    parts.append(
        "</table><p class='source'>Open Government Licence v3.0: "
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/</p></section>"
        "</body></html>"
    )
    return "".join(parts)


# ------------------------------------------------------------------------------------------------ PDF
A4_LANDSCAPE = (11.69, 8.27)
#: Text sizes (pt) and column counts tried for the sources page, largest type first: the first that fits one page.
SOURCES_SIZES = (8.5, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5)
SOURCES_COLUMNS = (1, 2, 3)
#: Space between the sources page's columns (inches).
SOURCES_GUTTER = 0.3
#: Settings for a handout whose text is all in Windows-1252: PDF's standard Helvetica, not embedded, which every
#: PDF reader has; drawing text this way takes about a third of the time of embedding DejaVu Sans glyph by glyph.
CORE_FONTS = {
    "pdf.use14corefonts": True,
    "font.family": "sans-serif",
    "font.sans-serif": ["Helvetica"],
    "font.weight": "medium",
}  # the weight of the standard Helvetica (no "normal" warning)


def _pdf_fonts(drawn: list[tuple[Page, list[str]]], footer: str) -> dict[str, object]:
    """Matplotlib settings for the handout: the PDF core fonts when every character can be written with them,
    otherwise matplotlib's embedded default (a rare symbol such as an arrow is then still drawn)."""
    text = footer + "".join(
        page.title + page.subtitle + page.caption + "".join(lines) + "".join(c for row in page.table for c in row)
        for page, lines in drawn
    )
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return {}
    return CORE_FONTS


def to_pdf(profile: Profile) -> bytes:
    """Return the briefing as an A4 landscape PDF handout: the slides' pages in the same order, with page numbers
    and the date of the data in every footer; the sources on one page at the end, in small type, as on the last
    slide (the data sets by publisher with their periods; the HTML briefing links every file)."""
    import matplotlib

    matplotlib.use("Agg")
    drawn = [(page, page.bullets) for page in pages(profile)]
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
                figure.text(
                    x0, 0.95, wrap(page.title, 10.5, 17), fontsize=17, color=palette.NHS_BLUE, weight="bold", va="top"
                )
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
                    figure.text(
                        x0 + 0.35, y, detail, fontsize=size - 1, weight=weight, va="top", color=palette.NHS_DARK
                    )
                    y -= height
            elif page.kind == "sources":
                _draw_sources(figure, lines, (x0, top), (0.9 * page_w, (top - 0.14) * page_h), page_h)
            elif page.kind != "title":
                size = 12
                y = top
                for line in lines:
                    wrapped = wrap(line, text_w * page_w, size)
                    figure.text(text_x, y, "• " + wrapped.replace("\n", "\n   "), fontsize=size, va="top")
                    y -= (wrapped.count("\n") + 1) * size * 1.35 / 72 / page_h + 0.015
            if page.caption:
                figure.text(x0, 0.075, wrap(page.caption, 10.5, 8.5), fontsize=8.5, color=palette.NHS_GREY, va="bottom")
            figure.text(x0, 0.03, footer, fontsize=8, color=palette.NHS_GREY)
            figure.text(0.95, 0.03, f"page {number} of {total}", fontsize=8, color=palette.NHS_GREY, ha="right")
            pdf.savefig(figure)
            plt.close(figure)


def _wrap(text: str, width_in: float, size: float) -> str:
    """``text`` wrapped to ``width_in`` inches at ``size`` pt (an average Helvetica glyph of running text, capitals
    and digits included, is taken as 0.55 em wide)."""
    return textwrap.fill(text, max(20, int(width_in * 72 / (size * 0.55))))


def sources_layout(lines: list[str], width_in: float, height_in: float) -> tuple[float, list[list[str]]]:
    """The sources page's text size and its columns of wrapped paragraphs: the largest of :data:`SOURCES_SIZES`
    (fewest columns first) at which every paragraph fits ``width_in`` x ``height_in`` inches; the smallest size in
    the most columns when none does, so the sources never run onto a second page."""
    size, columns = SOURCES_SIZES[-1], [[_wrap(line, width_in, SOURCES_SIZES[-1]) for line in lines]]
    for size in SOURCES_SIZES:
        for count in SOURCES_COLUMNS:
            column_w = (width_in - SOURCES_GUTTER * (count - 1)) / count
            columns, height = [[]], 0.0
            for line in lines:
                wrapped = _wrap(line, column_w, size)
                tall = _paragraph_height(wrapped, size)
                if height + tall > height_in and columns[-1]:
                    columns.append([])
                    height = 0.0
                columns[-1].append(wrapped)
                height += tall
            if len(columns) <= count and height <= height_in:
                return size, columns
    return size, columns


def _paragraph_height(wrapped: str, size: float) -> float:
    """Height (inches) of a wrapped paragraph of the sources page, with the space after it."""
    return (wrapped.count("\n") + 1) * size * 1.3 / 72 + 0.07


def _draw_sources(
    figure: object, lines: list[str], corner: tuple[float, float], box_in: tuple[float, float], page_h: float
) -> None:
    """Draw the sources in the box of ``box_in`` inches whose top-left is at ``corner`` (figure fractions)."""
    page_w = figure.get_figwidth()
    size, columns = sources_layout(lines, *box_in)
    column_w = (box_in[0] - SOURCES_GUTTER * (len(columns) - 1)) / len(columns)
    for n, column in enumerate(columns):
        x, y = corner[0] + n * (column_w + SOURCES_GUTTER) / page_w, corner[1]
        for wrapped in column:
            figure.text(x, y, wrapped, fontsize=size, va="top")
            y -= _paragraph_height(wrapped, size) / page_h


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
