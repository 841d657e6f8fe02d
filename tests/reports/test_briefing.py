"""The briefing (PowerPoint, HTML, PDF) and the `briefing` CLI: key messages first, figures equal the database,
charts readable at slide size, the organisation's template used, and the PDF an A4 landscape handout."""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.util import Inches, Pt

from lsc_phm import cli
from lsc_phm.publish import briefing, briefing_pages, briefing_pptx
from lsc_phm.render import chart_kinds, charts
from lsc_phm.reports import place_report, profile_model
from lsc_phm.views import place_profile

BLACKPOOL = "QE1-E06000009"
LANCASHIRE = "QE1-E10000017"


@pytest.fixture(scope="module")
def profile(built_profile, icb2019) -> profile_model.Profile:
    return built_profile(icb2019, BLACKPOOL)


@pytest.fixture(scope="module")
def lancashire(built_profile, icb2019) -> profile_model.Profile:
    return built_profile(icb2019, LANCASHIRE)


@pytest.fixture(scope="module")
def deck(profile) -> Presentation:
    return Presentation(io.BytesIO(briefing_pptx.to_pptx(profile)))


def _title(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def _text(slide) -> str:
    texts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            texts.append(shape.text_frame.text)
        if shape.has_table:
            texts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return "\n".join(texts)


def test_order_title_key_messages_glance_sections_sources(deck, profile):
    titles = [_title(slide) for slide in deck.slides]
    assert titles[0] == "Blackpool: place briefing"
    assert titles[1] == "Key messages"
    assert titles[2].startswith("Blackpool at a glance: 56.3% of Blackpool's residents live in England's most deprived")
    assert titles[3] == "Blackpool is the most deprived of 317 districts in England (IMD 2019 average score)"
    assert titles[-1].startswith("Sources")
    # grouped by publisher (three slides at most, with the Census health, FingertipsNext and modelled files)
    assert sum(t.startswith("Sources") for t in titles) <= 3
    # slide titles carry messages (a figure or a comparison), not topics such as "Smoking"
    for title in titles[2:]:
        assert re.search(r"\d", title) or title.startswith("Sources"), title
    assert len(deck.slides) == len(briefing_pages.pages(profile))


def test_key_messages_slide_quotes_the_database(db, deck, profile):
    """Each key message's figures are the database's values (latest period, rounded as the registry says)."""
    text = _text(deck.slides[1])
    assert 3 <= len(profile.key_messages) <= 5
    checked = 0
    for message in profile.key_messages:
        assert message.text in text
        for indicator_id in message.indicator_ids:
            if indicator_id == "core20_population_share":
                continue
            row = profile.figures[profile.figures["indicator_id"] == indicator_id].iloc[0]
            stored = db.execute(  # the district's published value (the place Blackpool is the same area)
                "select distinct value from mart_indicator_values where indicator_id = $id and period = $period "
                "and area_code in ('E06000009', 'QE1-E06000009') and coalesce(imd_vintage, 2019) = 2019",
                {"id": indicator_id, "period": row["period"]},
            )
            assert len(stored) == 1, indicator_id
            assert f"{stored['value'].iloc[0]:,.{int(row['decimals'])}f}" in message.text, (indicator_id, message.text)
            checked += 1
    assert checked >= 4
    # hand-checked against the published files: HLE men 50.9 vs England 60.9 (ONS, 2022-24), significantly worse;
    # preventable CVD mortality 54.4 vs 30.2 per 100,000 (OHID, 2022-24), significantly worse
    assert (
        "Healthy life expectancy at birth in Blackpool (2022-24): men 50.9 years against 60.9 years in England "
        "(10.0 years lower)"
    ) in text
    assert (
        "Preventable CVD mortality (under 75) in Blackpool is 54.4 per 100,000 against 30.2 per 100,000 in "
        "England (2022-24): 24.2 per 100,000 higher; significantly worse than England"
    ) in text


def test_significantly_only_with_a_test(profile):
    for message in profile.key_messages:
        if "significantly" in message.text and "not significantly" not in message.text:
            assert "95% confidence interval" in message.text
    # no interval is held for Fingertips 92443 in the extract: OHID's own comparison is quoted, named as OHID's (issue
    # 9)
    ohid = [m.text for m in profile.key_messages if "Smoking prevalence (adults 18+)" in m.text]
    assert ohid and "by OHID's own comparison (OHID comparison, 95%)" in ohid[0] and "significantly" not in ohid[0]


def test_charts_readable_at_slide_size(deck, profile):
    pictures = 0
    chart_pages = [p for p in briefing_pages.pages(profile) if p.kind == "chart"]
    slides = [s for s in deck.slides if any(sh.shape_type == MSO_SHAPE_TYPE.PICTURE for sh in s.shapes)]
    assert len(slides) == len(chart_pages) >= 5
    for slide, page in zip(slides, chart_pages, strict=False):
        picture = next(sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE)
        assert picture.width >= deck.slide_width / 2, _title(slide)  # nothing narrower than half a slide
        assert picture.top + picture.height <= deck.slide_height
        assert picture.image.blob == page.chart.png
        # smallest text of the chart spec, scaled by the placed width over the rendered width, in points
        placed = page.chart.min_font * (picture.width / 12700) / page.chart.width_units
        assert placed >= charts.MIN_PLACED_FONT_PT, (_title(slide), placed)
        pictures += 1
    assert pictures >= 5


def test_text_fits_its_boxes(deck, lancashire):
    _check_text_fits(deck)
    _check_text_fits(Presentation(io.BytesIO(briefing_pptx.to_pptx(lancashire))))


def _check_text_fits(deck):
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text:
                continue
            paragraphs = [p for p in shape.text_frame.paragraphs if p.runs]
            size = min(run.font.size.pt for p in paragraphs for run in p.runs if run.font.size)
            needed = briefing_pptx.text_height([p.text for p in paragraphs], shape.width, size)
            assert needed <= shape.height + Pt(2), (_title(slide), shape.text_frame.text[:60])
            assert shape.left + shape.width <= deck.slide_width and shape.top + shape.height <= deck.slide_height
            assert size >= 8  # captions and footers; bullets are 12 pt or more
            # the one sources slide is small print by design (8 pt at least, checked above)
            if shape.is_placeholder and shape != slide.shapes.title and _title(slide) != "Sources":
                assert size >= 12, (_title(slide), shape.text_frame.text[:60])


def test_a_chart_says_whose_values_it_plots(lancashire):
    """Lancashire has no sub-ICB of its own: its QOF chart is titled with the ICB, not "Lancashire"."""
    section = lancashire.section("core20plus5")
    specs = [chart_kinds.draw(part.chart).to_dict() for part in section.slide_parts]
    qof = next(spec for spec in specs if "Hypertension" in str(spec))
    title = " ".join(qof["title"]["text"])
    assert title.startswith("Core20PLUS5 indicators: NHS Lancashire and South Cumbria Integrated Care Board")
    assert "not Lancashire" in title
    assert "[ICB value]" in str(qof["datasets"])
    page_chart = chart_kinds.draw(section.charts["core20plus5"]).to_dict()
    assert "Rows marked [ICB value] plot NHS Lancashire and South Cumbria Integrated Care Board's values" in str(
        page_chart["title"]["subtitle"]
    )
    own = next(spec for spec in specs if "Preventable CVD" in str(spec) and "Hypertension" not in str(spec))
    assert " ".join(own["title"]["text"]) == "Core20PLUS5 indicators: Lancashire"


def _template(path: Path) -> Path:
    """A template with its own master: renamed layouts, an organisation banner, its own title font and colour."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    master = prs.slide_master
    own_slide = prs.slides.add_slide(prs.slide_layouts[0])  # the template's own slide, to be dropped
    own_slide.shapes.title.text = "A slide of the template, to be dropped"
    banner = own_slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, prs.slide_width, Inches(0.2))
    banner.name = "Org banner"
    banner.fill.solid()
    banner.fill.fore_color.rgb = RGBColor(0x33, 0x00, 0x72)
    master.shapes._spTree.append(copy.deepcopy(banner._element))  # python-pptx cannot draw on a master directly
    for shape in master.placeholders:
        if shape.placeholder_format.type == 1:  # title
            run_props = shape.text_frame.paragraphs[0].font
            run_props.name = "Georgia"
            run_props.color.rgb = RGBColor(0x33, 0x00, 0x72)
    names = {"Title Slide": "Org cover", "Title and Content": "Org text", "Two Content": "Org split"}
    for layout in prs.slide_layouts:
        layout.name = names.get(layout.name, layout.name)
    prs.save(path)
    return path


def test_custom_template_master_and_layouts_are_used(profile, tmp_path):
    template = _template(tmp_path / "org.pptx")
    deck = Presentation(io.BytesIO(briefing_pptx.to_pptx(profile, template)))
    assert len(deck.slide_masters) == 1
    master = deck.slide_masters[0]
    assert any(shape.name == "Org banner" for shape in master.shapes)
    used = [slide.slide_layout.name for slide in deck.slides]
    assert used[0] == "Org cover" and used[1] == "Org text"
    assert "Org split" in used  # chart slides use the two-content layout, found by its placeholders
    assert all(slide.slide_layout.slide_master == master for slide in deck.slides)
    assert _title(deck.slides[0]) == "Blackpool: place briefing"  # the template's own slide was dropped
    # fonts and colours come from the template: the briefing sets no font name or colour of its own
    for slide in deck.slides:
        for shape in slide.placeholders:
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    assert run.font.name is None and run.font.color.type is None


def test_bad_template_is_a_clear_error(profile, tmp_path):
    bad = tmp_path / "not.pptx"
    bad.write_bytes(b"not a presentation")
    message = (
        "The template cannot be read: it is not a complete Office file (a zip container). Save it again from "
        "the application and upload it again."
    )
    with pytest.raises(ValueError, match=r"^The template cannot be read: it is not a complete Office file \("):
        briefing_pptx.to_pptx(profile, bad)
    assert briefing.template_problem(b"nope") == message
    assert briefing.template_problem(_template(tmp_path / "ok.pptx").read_bytes()) is None


def test_pdf_is_an_a4_landscape_handout_in_slide_order(profile):
    pdf = briefing.to_pdf(profile)
    assert pdf[:5] == b"%PDF-"
    boxes = re.findall(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes and all(abs(float(w) - 841.68) < 1 and abs(float(h) - 595.44) < 1 for w, h in boxes)
    # one page per slide: the sources, too, take one page, as on the deck
    assert len(boxes) == len(briefing_pages.pages(profile))
    _sources_on_one_page(profile, pdf)


@pytest.mark.slow  # a second handout, some 30 s of chart rendering on 2 cores
def test_pdf_sources_take_one_page_for_blackburn_with_darwen(built_profile, icb2025):
    profile = built_profile(icb2025, "Blackburn with Darwen", with_map=False)
    _sources_on_one_page(profile, briefing.to_pdf(profile))


def _sources_on_one_page(profile: profile_model.Profile, pdf: bytes) -> None:
    """The handout's sources are on its last page only, every publisher's group of data sets on it, in small type."""
    import pypdf

    texts = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    assert [n for n, text in enumerate(texts) if text.startswith("Sources")] == [len(texts) - 1]
    # 41 data sets from 15 publishers for Blackpool and for Blackburn with Darwen, grouped as on the last slide
    lines = briefing_pages.pages(profile)[-1].bullets
    assert (len(profile.datasets), len(lines)) == (41, 15)
    last = " ".join(texts[-1].split())
    assert all(" ".join(line.split(":")[0].split()) in last for line in lines)
    size, columns = briefing.sources_layout(lines, 0.9 * 11.69, 0.70 * 8.27)
    assert (size, len(columns)) == (7.5, 2)  # small type in two columns (the slides' body text is 12 to 20 pt)


def test_html_leads_with_key_messages(profile):
    document = briefing.to_html(profile)
    assert document.startswith("<!DOCTYPE html>")
    assert document.index("id='key_messages'") < document.index("id='summary'") < document.index("id='headline'")
    for section in profile.sections:
        assert f"id='{section.key}'" in document
    assert document.count("Sources:") == len([s for s in profile.sections if s.source])
    assert "http://" not in document.split("<section id='sources'>")[0]


def test_one_population_per_area_and_what_it_is(profile, db):
    """Blackpool's residents (mid-2020 estimates summed from its 94 LSOAs) equal the population indicator; the
    IoD denominators (140,162) appear only as the weights of the Core20 share, and say so."""
    population = profile.population
    assert (population.residents, population.lsoas, population.period) == (138381, 94, "mid-2020")
    stored = db.execute(
        "select value from mart_indicator_values where indicator_id = 'population' and "
        "area_code = 'E06000009' and imd_vintage = 2019"
    )["value"].iloc[0]
    assert population.residents == int(stored)
    text = " ".join(profile.section("headline").sentences)
    assert "138,381 residents (ONS mid-2020 LSOA population estimates, summed from the LSOAs)" in text
    assert "shares weighted by IoD2019 mid-2015 population denominators (140,162 people)" in text
    deprivation = " ".join(profile.section("deprivation").sentences)
    assert "140,162" not in deprivation and "43.3" not in deprivation  # one IMD 2025 score: the published 43.5
    assert "43.5, IoD2025 File 10 (published)" in deprivation


def test_part_of_an_authority_says_so(db, icb2025, built_profile):
    profile = built_profile(icb2025, "westmorland and furness")
    population = profile.population
    lsoas = db.execute(
        "select count(*) as n, sum(residents) as residents from mart_lsoas where imd_vintage = 2025 "
        "and lad_code = 'E06000064' and icb_code = 'E54000048'"
    )
    assert (population.lsoas, population.residents) == (106, int(lsoas["residents"].iloc[0]))
    assert population.residents < 226_591  # not the whole district's population
    assert profile.summary[0].detail.startswith(
        f"the part of Westmorland and Furness in this ICB: 106 LSOAs, {population.residents:,} residents"
    )
    assert "Westmorland and Furness as a whole (142 LSOAs)" in " ".join(profile.section("deprivation").sentences)


def test_unknown_format(profile):
    with pytest.raises(ValueError, match="format must be one of pptx, html, pdf"):
        briefing.render_briefing(profile, "docx")


# One spelling is enough for the fast tier; the others each build the same briefing again.
@pytest.mark.parametrize(
    "area",
    [
        pytest.param("blackpool", marks=pytest.mark.slow),
        pytest.param("Place: Blackpool", marks=pytest.mark.slow),
        pytest.param("BLACKPOOL", marks=pytest.mark.slow),
        BLACKPOOL,
    ],
)
def test_cli_area_by_name_or_code(tmp_path: Path, capsys, db, area):
    status = cli.main(["briefing", "--area", area, "--format", "pptx", "--out", str(tmp_path)])
    out = capsys.readouterr().out.strip().splitlines()
    assert status == 0
    assert len(out) == 1 and out[0].endswith(f"briefing_{BLACKPOOL}_blackpool_imd2025.pptx")
    assert _title(Presentation(out[0]).slides[0]) == "Blackpool: place briefing"


@pytest.mark.slow  # a further place briefing built through the CLI or for another area
def test_cli_district_label_and_template(tmp_path: Path, capsys, db):
    template = _template(tmp_path / "org.pptx")
    status = cli.main(
        [
            "briefing",
            "--area",
            "district: blackpool",
            "--format",
            "pptx",
            "--out",
            str(tmp_path / "o"),
            "--template",
            str(template),
        ]
    )
    out = capsys.readouterr().out.strip()
    assert status == 0 and out.endswith("briefing_E06000009_blackpool_imd2025.pptx")
    assert any(s.name == "Org banner" for s in Presentation(out).slide_master.shapes)


def test_cli_unknown_area(tmp_path: Path, capsys, db):
    status = cli.main(["briefing", "--area", "E99999999", "--format", "html", "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1 and err.startswith("error: unknown area 'E99999999'")
    assert f"Place: Blackpool ({BLACKPOOL})" in err and "District: Burnley (E07000117)" in err
    assert "Traceback" not in err
    assert not list(tmp_path.iterdir())


def test_ambiguous_name_lists_the_matches(db, icb2019, monkeypatch):
    table = place_profile.choosable_areas(db, icb2019)
    burnley = table[table["area_code"] == "E07000117"].iloc[0].copy()
    twin = burnley.copy()
    twin["area_code"], twin["level"], twin["label"] = "QE1-burnley", "place", "Place: Burnley"
    fake = pd.concat([table, twin.to_frame().T], ignore_index=True)
    monkeypatch.setattr(place_profile, "choosable_areas", lambda db_, icb_: fake)
    with pytest.raises(ValueError) as error:
        place_profile.resolve_area(db, icb2019, "burnley")
    assert str(error.value) == (
        "'burnley' matches 2 areas: District: Burnley (E07000117); Place: Burnley "
        "(QE1-burnley); give the label or the code"
    )
    assert place_profile.resolve_area(db, icb2019, "Place: Burnley").code == "QE1-burnley"


def test_a_unitary_authority_name_means_the_place(db, icb2019):
    assert place_profile.resolve_area(db, icb2019, "blackpool").code == BLACKPOOL
    assert place_profile.resolve_area(db, icb2019, "District: Blackpool").code == "E06000009"
    assert place_profile.resolve_area(db, icb2019, "e06000009").code == "E06000009"


def test_cli_template_needs_pptx(tmp_path: Path, capsys, db):
    status = cli.main(
        ["briefing", "--area", "blackpool", "--format", "pdf", "--out", str(tmp_path), "--template", "x.pptx"]
    )
    assert status == 2 and capsys.readouterr().err == "error: --template applies to --format pptx only\n"


@pytest.mark.slow  # a briefing for every place of the ICB
def test_cli_all_places(tmp_path: Path, capsys, db, icb2019):
    status = cli.main(["briefing", "--all-places", "--format", "html", "--out", str(tmp_path)])
    assert status == 0
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len(files) == 4
    assert not any("north-yorkshire" in name for name in files)
    assert any(BLACKPOOL in name for name in files)
    assert len(capsys.readouterr().out.strip().splitlines()) == 4


def test_north_yorkshire_part_still_choosable(db, icb2019):
    assert "QE1-north-yorkshire-part" in set(place_profile.choosable_areas(db, icb2019)["area_code"])
    assert "QE1-north-yorkshire-part" not in place_profile.briefing_place_codes(db, icb2019)


def test_a_county_place_gives_its_districts_england_ranks(lancashire, db):
    """Lancashire is not a district: the band gives the range of its 12 districts' England ranks (published IoD2025
    File 10 for 2025: Burnley 3rd and Ribble Valley 272nd of 296 by average score)."""
    band = {k.label: k.value for k in lancashire.summary}
    assert band["IMD 2025 ranks of its districts"] == "3-272 of 296"
    published = db.execute(
        "select distinct area_code, avg_score_rank from mart_deprivation_summaries where "
        "imd_vintage = 2025 and level = 'district' and area_code in ('E07000117', 'E07000124') "
        "order by area_code"
    )  # = data/raw/imd2025_file10_ltla24: 3 (38.681) and 272 (9.997)
    assert list(published["avg_score_rank"]) == [3, 272]
    assert band["IMD 2019 ranks of its districts"].endswith("of 317")
    assert (
        "Lancashire's 12 districts range from Burnley (3rd most deprived of 296 districts in England) to "
        "Ribble Valley (272nd)"
    ) in " ".join(lancashire.section("deprivation").sentences)


@pytest.mark.slow  # a further place briefing built through the CLI or for another area
def test_part_district_says_whole_district_or_part_in_the_icb(built_profile, icb2025):
    """Westmorland and Furness: 106 of its 142 LSOAs are in the ICB. Published figures (HLE, File 10 rank, Core20
    share from all 142 LSOAs weighted by 226,591 Census 2021 residents) are the whole district's and say so; figures
    computed here from the ICB's LSOAs (residents, gradient) say "the part ... in this ICB"."""
    profile = built_profile(icb2025, "westmorland and furness", with_map=False)
    band = {k.label: k for k in profile.summary}
    assert band["Core20 share, IMD 2025"].value == "8.8%"
    assert (
        "the whole district's value (all 142 LSOAs, 226,591 people), not only the part in this ICB"
        in band["Core20 share, IMD 2025"].detail
    )
    assert band["IMD 2025 rank"].value == "161 of 296" and "whole district's value" in band["IMD 2025 rank"].detail
    # ONS HLE, W&F E06000064, male 2022-24: 62.8 (whole district)
    assert band["HLE (male)"].value == "62.8 years"
    assert band["HLE (male)"].detail.endswith(
        "value for Westmorland and Furness (whole district), not only the part in this ICB"
    )
    assert profile.key_messages and all(
        "Westmorland and Furness (whole district)" in m.text for m in profile.key_messages
    )
    assert profile.section("headline").headline.startswith(
        "8.8% of the residents of Westmorland and Furness (whole district) live in"
    )
    inequality = profile.section("inequality")
    assert inequality.headline.startswith("Bad or very bad health in the part of Westmorland and Furness in this ICB:")
    assert any(
        s.startswith("Bad or very bad health in the part of Westmorland and Furness in this ICB: slope index")
        for s in inequality.sentences
    )
    for page in briefing_pages.pages(profile):  # every slide title on a published figure names the whole district
        if page.kind == "chart" and page.subtitle in ("Healthy life expectancy and life expectancy", "Smoking"):
            assert "Westmorland and Furness (whole district)" in page.title, page.title


@pytest.mark.slow  # a further place briefing built through the CLI or for another area
def test_south_cumbria_proxy_values_are_named_as_the_whole_district(built_profile, icb2019):
    """South Cumbria has no published figures of its own: Westmorland and Furness's are shown as a proxy, named as
    that whole district's, and key messages (about the place itself) quote only its own figures."""
    profile = built_profile(icb2019, "south cumbria", with_map=False)
    band = {k.label: k for k in profile.summary}
    assert band["HLE (male)"].value == "62.8 years"
    assert "value for Westmorland and Furness (whole district)" in band["HLE (male)"].detail
    life_table = profile.section("life_expectancy").tables["life_expectancy"].set_index("indicator_id")
    assert life_table.loc["hle_male", "value_for"] == "Westmorland and Furness (whole district)"
    assert life_table.loc["hle_male", "note"].startswith("value for Westmorland and Furness, shown as a proxy")
    assert profile.key_messages
    for message in profile.key_messages:
        assert "Healthy life expectancy" not in message.text and "NHS Health Checks" not in message.text
    life = profile.section("life_expectancy")
    assert life.sentences[0].startswith(
        "Healthy life expectancy at birth (male) in Westmorland and Furness (whole "
        "district) (no open data for South Cumbria itself) was 62.8 years"
    )
    ranks = " ".join(profile.section("deprivation").sentences)
    assert "the rank of Copeland is the whole district's, only part of which is in this ICB" in ranks


@pytest.mark.slow  # a further place briefing built through the CLI or for another area
@pytest.mark.parametrize("formats, expected", [("pptx,html", ["html", "pptx"]), ("all", ["html", "pdf", "pptx"])])
def test_cli_several_formats_from_one_profile(tmp_path: Path, capsys, db, formats, expected, monkeypatch):
    calls = []
    real = place_report.build
    monkeypatch.setattr(place_report, "build", lambda *a, **k: calls.append(a[2]) or real(*a, **k))
    status = cli.main(["briefing", "--area", "blackpool", "--format", formats, "--out", str(tmp_path)])
    assert status == 0 and calls == [BLACKPOOL]  # the numbers are made once for every format
    out = capsys.readouterr().out.strip().splitlines()
    assert sorted(Path(line).suffix[1:] for line in out) == expected
    assert sorted(p.suffix[1:] for p in tmp_path.iterdir()) == expected


def test_cli_unknown_format_is_one_line(tmp_path: Path, capsys, db):
    with pytest.raises(SystemExit) as stop:
        cli.main(["briefing", "--area", "blackpool", "--format", "pptx,docx", "--out", str(tmp_path)])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "invalid choice: 'pptx,docx'" in err


def test_html_embeds_the_slide_charts(profile):
    """One rendering per chart: the HTML's pictures are the very PNGs the slides and the handout place."""
    document = briefing.to_html(profile)
    pictures = briefing_pages.slide_pictures(profile)
    import base64

    for picture in pictures.values():
        assert base64.b64encode(picture.png).decode("ascii") in document
    assert document.count("<figure>") == len(pictures) + sum(len(s.images) for s in profile.sections)
