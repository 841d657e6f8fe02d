"""Briefing exports of a place profile: editable PowerPoint, printable self-contained A4 HTML, and PDF.

Every briefing is built from :func:`lsc_phm.views.profile.build`, the same page data the place-profile page shows, so
a figure in a slide equals the figure on screen and in the CSV downloads. Charts are rendered to PNG without a
browser (:func:`lsc_phm.render.images.chart_png`, vl-convert); maps are static matplotlib images
(:mod:`lsc_phm.render.static_maps`). Key figures are real text (PowerPoint tables, HTML tables), never pictures of text.

Output formats
--------------
* ``pptx``: title slide; one slide per section (chart or map as PNG, key figures as an editable table, the full
  sentences in the speaker notes); a "things to note" slide; sources slide(s) listing every data set used with
  publisher, period and licence.
* ``html``: one self-contained A4 document (PNG images embedded as base64, print CSS), every section and sentence.
* ``pdf``: the same figures and sentences as A4 pages drawn with matplotlib (``PdfPages``).

References
----------
.. [1] python-pptx documentation. https://python-pptx.readthedocs.io/
.. [2] Open Government Licence v3.0. https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import math
import re
import textwrap
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from lsc_phm.render import images, palette
from lsc_phm.reports.place_report import Profile, Section

FORMATS: tuple[str, ...] = ("pptx", "html", "pdf")
NHS_BLUE = RGBColor.from_string(palette.NHS_BLUE.lstrip("#"))
DARK = RGBColor.from_string(palette.NHS_DARK.lstrip("#"))
GREY = RGBColor.from_string(palette.NHS_GREY.lstrip("#"))
SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
SOURCES_PER_SLIDE = 13


def section_images(section: Section) -> list[tuple[str, bytes]]:
    """The section's pictures as PNG bytes, static maps first, then charts (rendered without a browser)."""
    pictures = list(section.images.items())
    pictures += [(name, images.chart_png(chart)) for name, chart in section.charts.items()]
    return pictures


def file_stem(profile: Profile) -> str:
    """A safe file name stem, e.g. ``briefing_QE1-E06000009_blackpool_imd2019``."""
    name = re.sub(r"[^a-z0-9]+", "-", profile.area.name.lower()).strip("-")
    return f"briefing_{profile.area.code}_{name}_imd{profile.icb.imd_vintage}"


def _subtitle(profile: Profile) -> str:
    return (f"{profile.area.label} · {profile.icb.name} · IMD {profile.icb.imd_vintage} geography · "
            f"data built {profile.built_at[:10] or 'unknown'} · produced {dt.date.today():%d %B %Y}")


# ------------------------------------------------------------------------------------------------ PowerPoint
def _text(slide, left, top, width, height, text: str, size: int = 12, bold: bool = False,
          colour: RGBColor = DARK) -> None:
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    paragraphs = text.split("\n")
    for i, line in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour


def _title(slide, text: str, source: str = "") -> None:
    _text(slide, Inches(0.4), Inches(0.2), Inches(12.5), Inches(0.7), text, 26, True, NHS_BLUE)
    if source:
        _text(slide, Inches(0.4), Inches(7.0), Inches(12.5), Inches(0.4), f"Source: {source}", 9, colour=GREY)


def _table(slide, rows: list[list[str]], left, top, width, col_widths: list[float], size: int = 10,
           header: bool = True) -> None:
    shape = slide.shapes.add_table(len(rows), len(rows[0]), left, top, width, Inches(0.3 * len(rows)))
    table = shape.table
    for j, w in enumerate(col_widths):
        table.columns[j].width = Emu(int(width * w))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            cell = table.cell(i, j)
            cell.text = value
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(size)
                    run.font.bold = header and i == 0
            cell.margin_top = cell.margin_bottom = Inches(0.03)


def _table_height(rows: list[list[str]], width: int, widths: list[float], size: int) -> int:
    """Estimate a table's rendered height (EMU) from how many lines its longest cell per row wraps to."""
    chars_per_inch = 130 / size  # Calibri-like average glyph width
    total = 0.0
    for row in rows:
        lines = max(math.ceil(max(len(value), 1) / max(1.0, (width * w / 914400 - 0.2) * chars_per_inch))
                    for value, w in zip(row, widths))
        total += 0.06 + lines * size * 1.25 / 72
    return int(Inches(total))


def _picture(slide, png: bytes, left, top, max_w, max_h) -> int:
    """Add a PNG scaled to fit the box (aspect kept); return its height in EMU."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        w, h = image.size
    scale = min(max_w / w, max_h / h)
    width, height = int(w * scale), int(h * scale)
    slide.shapes.add_picture(io.BytesIO(png), left, top, width=width, height=height)
    return height


def _section_slide(prs: Presentation, section: Section, pictures: list[tuple[str, bytes]]) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _title(slide, section.title, section.source)
    top = Inches(1.0)
    if pictures:
        _picture(slide, pictures[0][1], Inches(0.4), top, Inches(6.6), Inches(5.9))
        left, width = Inches(7.2), Inches(5.75)
    else:
        left, width = Inches(0.4), Inches(12.5)
    used = 0
    if section.key_figures:
        rows = [["Figure", "Value", "Detail"]] + [[k.label, k.value, k.detail] for k in section.key_figures]
        size = 10 if len(rows) <= 8 else 8
        widths = [0.36, 0.17, 0.47]
        _table(slide, rows, left, top, width, widths, size)
        used = _table_height(rows, width, widths, size)
    remaining = Inches(6.9) - top - used
    if len(pictures) > 1 and remaining > Inches(1.2):
        _picture(slide, pictures[1][1], left, top + used + Inches(0.15), width, remaining - Inches(0.2))
    elif not section.key_figures and section.sentences:
        _text(slide, left, top, width, Inches(5.8), "\n".join(f"• {s}" for s in section.sentences), 11)
    slide.notes_slide.notes_text_frame.text = "\n".join(section.sentences)


def _notes_slides(prs: Presentation, section: Section) -> None:
    chunks = [section.sentences[i:i + 6] for i in range(0, len(section.sentences), 6)] or [[]]
    for n, chunk in enumerate(chunks):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        _title(slide, section.title + (" (continued)" if n else ""))
        if n == 0 and section.key_figures:
            rows = [[k.label for k in section.key_figures], [k.value for k in section.key_figures]]
            _table(slide, rows, Inches(0.4), Inches(1.0), Inches(12.5), [1 / len(rows[0])] * len(rows[0]), 12)
        _text(slide, Inches(0.4), Inches(1.9), Inches(12.5), Inches(5.0), "\n".join(f"• {s}" for s in chunk), 12)
        slide.notes_slide.notes_text_frame.text = "\n".join(chunk)


def _sources_slides(prs: Presentation, profile: Profile) -> None:
    datasets = profile.datasets
    chunks = [datasets.iloc[i:i + SOURCES_PER_SLIDE] for i in range(0, len(datasets), SOURCES_PER_SLIDE)]
    for n, chunk in enumerate(chunks):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        _title(slide, "Sources" + (" (continued)" if n else ""))
        rows = [["Data set", "Publisher", "Period", "Licence"]] + [
            [str(r.title), str(r.publisher), str(r.period), str(r.licence)] for r in chunk.itertuples()]
        _table(slide, rows, Inches(0.4), Inches(0.95), Inches(12.5), [0.5, 0.22, 0.16, 0.12], 8)
        if n == len(chunks) - 1:
            _text(slide, Inches(0.4), Inches(6.95), Inches(12.5), Inches(0.4),
                  "All data sets are published under the Open Government Licence v3.0. Boundaries contain OS data "
                  "(c) Crown copyright and database right. Full URLs: python -m lsc_phm (Data and methods page).",
                  9, colour=GREY)


def to_pptx(profile: Profile) -> bytes:
    """Return the briefing as an editable PowerPoint (.pptx) file.

    Slides: title; one per section of the profile (the "things to note" section as bullet text); sources.
    """
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(slide, Inches(0.8), Inches(2.3), Inches(11.7), Inches(1.2), f"Place profile: {profile.area.name}", 40, True,
          NHS_BLUE)
    _text(slide, Inches(0.8), Inches(3.6), Inches(11.7), Inches(1.0), _subtitle(profile), 16, colour=GREY)
    _text(slide, Inches(0.8), Inches(4.6), Inches(11.7), Inches(1.4),
          "Every figure comes from open data (Open Government Licence v3.0) and names its period and source. "
          "\"Significantly\" is used only where a 95% confidence-interval test says so; \"no open data\" marks what "
          "is not published for this area. Decile 1 = the most deprived 10% of neighbourhoods in England.", 13)
    for section in profile.sections:
        if section.key == "notes":
            _notes_slides(prs, section)
        else:
            _section_slide(prs, section, section_images(section))
    _sources_slides(prs, profile)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------------------------------------ HTML
_CSS = (
"""
@page {{ size: A4; margin: 15mm 14mm; }}
body {{ font-family: Arial, Helvetica, sans-serif; color: {dark}; font-size: 10.5pt; line-height: 1.4;
       max-width: 190mm; margin: 0 auto; }}
h1 {{ color: {blue}; font-size: 22pt; margin: 0 0 2mm; }}
h2 {{ color: {blue}; font-size: 14pt; border-bottom: 2px solid {blue}; padding-bottom: 1mm; margin-top: 8mm; }}
.subtitle {{ color: {grey}; }}
section {{ break-inside: auto; }}
figure {{ margin: 3mm 0; break-inside: avoid; }}
img {{ max-width: 100%; height: auto; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9pt; break-inside: avoid; margin: 2mm 0; }}
th, td {{ border: 1px solid {border}; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }}
th {{ background: {header}; }}
td.value {{ font-weight: bold; white-space: nowrap; }}
.source {{ color: {grey}; font-size: 8.5pt; }}
ul {{ padding-left: 5mm; }}
@media print {{ h2 {{ break-after: avoid; }} a {{ color: inherit; text-decoration: none; }} }}
""".format(dark=palette.NHS_DARK, blue=palette.NHS_BLUE, grey=palette.NHS_GREY,
                  border=palette.TABLE_BORDER, header=palette.TABLE_HEADER))


def to_html(profile: Profile) -> str:
    """Return the briefing as one self-contained, printable A4 HTML document (images embedded as base64)."""
    e = html.escape
    parts = [f"<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'>"
             f"<title>Place profile: {e(profile.area.name)}</title><style>{_CSS}</style></head><body>",
             f"<h1>Place profile: {e(profile.area.name)}</h1><p class='subtitle'>{e(_subtitle(profile))}</p>",
             "<p>Every figure comes from open data (Open Government Licence v3.0) and names its period and source. "
             "&ldquo;Significantly&rdquo; is used only where a 95% confidence-interval test says so; &ldquo;no open "
             "data&rdquo; marks what is not published for this area. Decile 1 = the most deprived 10% of "
             "neighbourhoods in England.</p>"]
    for section in profile.sections:
        parts.append(f"<section id='{e(section.key)}'><h2>{e(section.title)}</h2>")
        if section.key_figures:
            parts.append("<table><tr><th>Figure</th><th>Value</th><th>Detail</th></tr>" + "".join(
                f"<tr><td>{e(k.label)}</td><td class='value'>{e(k.value)}</td><td>{e(k.detail)}</td></tr>"
                for k in section.key_figures) + "</table>")
        for name, png in section_images(section):
            encoded = base64.b64encode(png).decode("ascii")
            parts.append(f"<figure><img alt='{e(section.title)}: {e(name.replace('_', ' '))}' "
                         f"src='data:image/png;base64,{encoded}'></figure>")
        if section.sentences:
            parts.append("<ul>" + "".join(f"<li>{e(s)}</li>" for s in section.sentences) + "</ul>")
        if section.source:
            parts.append(f"<p class='source'>Source: {e(section.source)}</p>")
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
def to_pdf(profile: Profile) -> bytes:
    """Return the briefing as an A4 PDF drawn with matplotlib: one or more pages per section."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.image as mpimg
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    a4 = (8.27, 11.69)
    buffer = io.BytesIO()

    def text_page(pdf, title: str, lines: list[str], subtitle: str = "") -> None:
        figure = plt.figure(figsize=a4)
        figure.text(0.07, 0.95, title, fontsize=16, color=palette.NHS_BLUE, weight="bold", va="top")
        y = 0.91
        if subtitle:
            figure.text(0.07, y, textwrap.fill(subtitle, 95), fontsize=8.5, color=palette.NHS_GREY, va="top")
            y -= 0.04
        for line in lines:
            wrapped = textwrap.fill(line, 105)
            figure.text(0.07, y, wrapped, fontsize=8.5, va="top")
            y -= 0.016 * (wrapped.count("\n") + 1) + 0.008
            if y < 0.06:
                pdf.savefig(figure)
                plt.close(figure)
                figure = plt.figure(figsize=a4)
                y = 0.95
        pdf.savefig(figure)
        plt.close(figure)

    with PdfPages(buffer) as pdf:
        text_page(pdf, f"Place profile: {profile.area.name}", [], _subtitle(profile))
        for section in profile.sections:
            lines = [f"{k.label}: {k.value}" + (f" ({k.detail})" if k.detail else "") for k in section.key_figures]
            text_page(pdf, section.title, lines + [""] + [f"• {s}" for s in section.sentences], section.source)
            for name, png in section_images(section):
                figure = plt.figure(figsize=a4)
                axes = figure.add_axes((0.05, 0.05, 0.9, 0.85))
                axes.imshow(mpimg.imread(io.BytesIO(png), format="png"))
                axes.set_axis_off()
                figure.text(0.05, 0.95, f"{section.title}: {name.replace('_', ' ')}", fontsize=12, weight="bold")
                pdf.savefig(figure)
                plt.close(figure)
        text_page(pdf, "Sources", [f"{r.title}. {r.publisher}. {r.period}. {r.licence}. {r.url}"
                                   for r in profile.datasets.itertuples()])
    return buffer.getvalue()


def render_briefing(profile: Profile, fmt: str) -> bytes:
    """Return the briefing in ``fmt`` (pptx, html or pdf) as bytes.

    Raises
    ------
    ValueError
        For another format.
    """
    if fmt == "pptx":
        return to_pptx(profile)
    if fmt == "html":
        return to_html(profile).encode("utf-8")
    if fmt == "pdf":
        return to_pdf(profile)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}, not '{fmt}'")


def write_briefing(profile: Profile, fmt: str, out_dir: Path) -> Path:
    """Write the briefing into ``out_dir`` (created if needed) and return the file path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{file_stem(profile)}.{fmt}"
    path.write_bytes(render_briefing(profile, fmt))
    return path
