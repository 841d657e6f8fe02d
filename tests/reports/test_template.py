"""Templates are cleaned, not trusted: the deck never carries an outside link or a macro, whatever the template."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile

import pytest
from pptx import Presentation

from lsc_phm.domain import upload_files
from lsc_phm.publish import briefing, briefing_pptx
from lsc_phm.publish import template as templates
from tests import hostile_files as hf

PRESENTATION_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def _default_template() -> bytes:
    buffer = io.BytesIO()
    Presentation().save(buffer)
    return buffer.getvalue()


def _rewrite(data: bytes, change) -> bytes:
    """A copy of a package with ``change(parts)`` applied to its {name: bytes}."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    change(parts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in parts.items():
            out.writestr(name, content)
    return buffer.getvalue()


def _macro_enabled(parts: dict[str, bytes]) -> None:  # a .pptm renamed .pptx
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        PRESENTATION_TYPE.encode(), b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
    )
    parts["ppt/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 not really VBA"


def _vba_part_only(parts: dict[str, bytes]) -> None:
    parts["ppt/vbaProject.bin"] = b"\xd0\xcf\x11\xe0"
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/ppt/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )


REMOTE = b"https://evil.example/login"


def _remote_links(parts: dict[str, bytes]) -> None:
    """A hyperlink on the master's title, a linked (remote) picture on the first layout, and a program action."""
    master, rels = "ppt/slideMasters/slideMaster1.xml", "ppt/slideMasters/_rels/slideMaster1.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        (
            b'<Relationship Id="rIdX1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'hyperlink" Target="' + REMOTE + b'" TargetMode="External"/></Relationships>'
        ),
    )
    parts[master] = (
        parts[master].replace(b"<a:endParaRPr", b'<a:hlinkClick r:id="rIdX1"/><a:endParaRPr', 1)
        if b"<a:endParaRPr" in parts[master]
        else parts[master]
    )
    parts[master] = parts[master].replace(
        b'<p:cNvPr id="2" name="Title Placeholder 1"/>',
        b'<p:cNvPr id="2" name="Title Placeholder 1"><a:hlinkClick r:id="rIdX1"/></p:cNvPr>',
    )
    layout, lrels = "ppt/slideLayouts/slideLayout1.xml", "ppt/slideLayouts/_rels/slideLayout1.xml.rels"
    parts[lrels] = parts[lrels].replace(
        b"</Relationships>",
        (
            b'<Relationship Id="rIdX2" '
            b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
            b'Target="https://evil.example/pixel.png" TargetMode="External"/></Relationships>'
        ),
    )
    picture = (
        b'<p:pic><p:nvPicPr><p:cNvPr id="99" name="Remote"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill>'
        b'<a:blip r:link="rIdX2"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr/></p:pic>'
    )
    parts[layout] = parts[layout].replace(b"</p:spTree>", picture + b"</p:spTree>", 1)


def _no_titles(parts: dict[str, bytes]) -> None:
    """Every layout's title placeholder turned into a body placeholder."""
    for name in [n for n in parts if n.startswith("ppt/slideLayouts/slideLayout") and n.endswith(".xml")]:
        parts[name] = parts[name].replace(b'type="title"', b'type="body"').replace(b'type="ctrTitle"', b'type="body"')


@pytest.fixture(scope="module")
def profile(built_profile, icb2025):
    return built_profile(icb2025, "E06000009", with_map=False, page_charts=False)


def test_a_macro_enabled_deck_renamed_pptx_is_refused():
    with pytest.raises(templates.TemplateError, match="^The template cannot be used: it is a macro-enabled"):
        templates.clean(_rewrite(_default_template(), _macro_enabled))
    with pytest.raises(templates.TemplateError, match=r"it holds macros \(VBA\) \(ppt/vbaProject.bin\)"):
        templates.clean(_rewrite(_default_template(), _vba_part_only))


def test_remote_links_are_dropped_and_said(profile):
    hostile = _rewrite(_default_template(), _remote_links)
    assert len(templates.outside_links(hostile)) == 2
    clean = templates.clean(hostile)
    assert clean.notices == (
        "2 links to outside the file were removed from the template (1 web link, 1 remote picture, to evil.example).",
    )
    assert templates.outside_links(clean.data) == []
    deck = briefing_pptx.to_pptx(profile, hostile)
    assert templates.outside_links(deck) == []
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        assert not any(REMOTE in archive.read(name) for name in archive.namelist())


@pytest.mark.parametrize("make", [_default_template, lambda: _rewrite(_default_template(), _remote_links)])
def test_a_produced_deck_has_no_outside_link_or_macro(profile, make):
    deck = briefing_pptx.to_pptx(profile, make())
    assert templates.outside_links(deck) == []
    assert Presentation(io.BytesIO(deck)).slides[0].shapes.title.text  # the title slide has its title


def test_a_template_without_titles_is_refused_and_the_page_falls_back():
    problem = briefing.template_problem(_rewrite(_default_template(), _no_titles))
    assert problem is not None and problem.startswith("The template cannot be used: ")
    assert "title" in problem


def test_a_zip_bomb_template_is_refused_fast_and_small():
    bomb = hf.with_zeros(_default_template(), "ppt/media/image99.png", upload_files.MAX_UNPACKED_BYTES + 1)
    tracemalloc.start()
    started = time.perf_counter()
    problem = briefing.template_problem(bomb)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert problem == (
        "The template expands to 100.1 MB when unpacked; at most 100 MB is read. Remove large pictures "
        "or embedded files, or upload only the data you need."
    )
    assert seconds < 2.0 and peak < 20 * 1024 * 1024


def test_not_a_presentation_is_refused():
    workbook = hf.xlsx([["code"], ["E01012571"]])
    assert briefing.template_problem(workbook) == (
        "The template cannot be used: it is not a PowerPoint presentation or template (.pptx or .potx)."
    )
    assert briefing.template_problem(b"not a zip") == (
        "The template cannot be read: it is not a complete Office file (a zip container). Save it again from the "
        "application and upload it again."
    )


def test_a_template_is_cleaned_once(monkeypatch):
    data = _rewrite(_default_template(), _remote_links)
    calls = []
    original = templates.clean
    monkeypatch.setattr(templates, "clean", lambda d: calls.append(1) or original(d))
    for _ in range(3):
        assert briefing.template_problem(data) is None
    assert len(calls) <= 1  # cleaned at most once (none if an earlier test cleaned the same bytes)
