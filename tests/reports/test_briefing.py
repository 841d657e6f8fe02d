"""The briefing (PowerPoint, HTML, PDF) and the `briefing` CLI: figures equal the database, every section is there."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation

from lsc_phm import cli
from lsc_phm.reports import briefing, place_report
from lsc_phm.views import place_profile

BLACKPOOL = "QE1-E06000009"
SECTION_TITLES = ["Population and Core20 share", "Deprivation", "Healthy life expectancy and life expectancy",
                  "Smoking", "Core20PLUS5 indicators", "Inequality gradient within the area", "Things to note"]


@pytest.fixture(scope="module")
def profile(db, icb2019) -> place_report.Profile:
    return place_report.build(db, icb2019, BLACKPOOL)


@pytest.fixture(scope="module")
def slides(profile) -> list[tuple[str, str]]:
    """(title, all text of the slide incl. tables) for each slide of the Blackpool PowerPoint."""
    presentation = Presentation(io.BytesIO(briefing.to_pptx(profile)))
    out = []
    for slide in presentation.slides:
        texts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts.extend(cell.text for row in shape.table.rows for cell in row.cells)
        out.append((texts[0], "\n".join(texts)))
    return out


def test_slides_title_sections_sources(slides, profile):
    titles = [title for title, _ in slides]
    assert titles[0] == "Place profile: Blackpool"
    for title in SECTION_TITLES:
        assert title in titles, title
    assert titles.index("Deprivation") < titles.index("Smoking") < titles.index("Things to note")
    assert titles[-1].startswith("Sources")
    sources_text = "\n".join(text for title, text in slides if title.startswith("Sources"))
    for dataset in profile.datasets.itertuples():
        assert dataset.title in sources_text
    assert "OGL v3.0" in sources_text
    # 7 sections (headline, deprivation, LE/HLE, smoking, Core20PLUS5, health outcomes, inequality), then the notes in
    # slides of 6 sentences, then the sources
    notes = -(-len(profile.section('notes').sentences) // 6)
    assert len(slides) == 1 + 7 + notes + (len(profile.datasets) + briefing.SOURCES_PER_SLIDE - 1) // briefing.SOURCES_PER_SLIDE


def test_pictures_on_chart_slides(profile):
    presentation = Presentation(io.BytesIO(briefing.to_pptx(profile)))
    pictures = {slide.shapes[0].text_frame.text: sum(shape.shape_type == 13 for shape in slide.shapes)
                for slide in presentation.slides}
    for title in SECTION_TITLES[:-1]:
        assert pictures[title] >= 1, title


def test_core20_share_equals_database(db, slides):
    share = db.execute(
        "select 100.0 * sum(case when imd_decile <= 2 then deprivation_population else 0 end) "
        "/ sum(deprivation_population) as share from mart_lsoas "
        "where imd_vintage = 2019 and place_code = $place", {"place": BLACKPOOL})["share"].iloc[0]
    assert round(share, 1) == 56.3
    headline = dict(slides)["Population and Core20 share"]
    assert f"{share:.1f}%" in headline


def test_hle_equals_database(db, slides):
    hle = db.execute(
        "select value from mart_indicator_values where indicator_id = 'hle_male' and area_code = 'E06000009' "
        "and period = '2022 - 24'")["value"].iloc[0]
    assert round(hle, 1) == 50.9
    text = dict(slides)["Healthy life expectancy and life expectancy"]
    assert f"{hle:.1f} years" in text
    assert "significantly worse than England (95% CI)" in text


def test_html_has_every_section(profile):
    document = briefing.to_html(profile)
    assert document.startswith("<!DOCTYPE html>")
    for section in profile.sections:
        assert f"id='{section.key}'" in document
        assert section.title in document
    assert "id='sources'" in document and "OGL v3.0" in document
    assert "@page { size: A4" in document
    assert document.count("data:image/png;base64,") >= 6
    assert "http://" not in document.split("<section id='sources'>")[0]  # nothing fetched from the network


def test_pdf_is_a_pdf(profile):
    assert briefing.to_pdf(profile)[:5] == b"%PDF-"


def test_unknown_format(profile):
    with pytest.raises(ValueError, match="format must be one of pptx, html, pdf"):
        briefing.render_briefing(profile, "docx")


def test_cli_good_area(tmp_path: Path, capsys, db):
    status = cli.main(["briefing", "--area", BLACKPOOL, "--format", "pptx", "--out", str(tmp_path)])
    out = capsys.readouterr().out.strip().splitlines()
    assert status == 0
    assert len(out) == 1 and Path(out[0]).is_file() and out[0].endswith(".pptx")
    assert Presentation(out[0]).slides[0].shapes[0].text_frame.text == "Place profile: Blackpool"


def test_cli_unknown_area(tmp_path: Path, capsys, db):
    status = cli.main(["briefing", "--area", "E99999999", "--format", "html", "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1 and err.startswith("error: unknown area code 'E99999999'")
    assert BLACKPOOL in err and "E07000117" in err and "Traceback" not in err
    assert not list(tmp_path.iterdir())


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
