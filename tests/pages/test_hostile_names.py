"""Names stay text: with every area, LSOA, ward, practice and PCN name replaced by a link, an image and an autolink
(a copy of the built database), and a user-defined area named ``www.evil.example/login``, no page renders a link.

Each page's Markdown bodies (markdown, captions, info/warning/error/success, subheaders, headers, metric labels and
values) are rendered with markdown-it-py in its GitHub-flavoured preset with autolinks (linkify-it-py), and the
rendered text is searched for the GFM autolink literals (``www.``, ``http(s)://``, ``name@host``) as well.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest
import streamlit as st
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from lsc_phm import config
from lsc_phm.store import integrity
from tests.conftest import APP_PATH
from ui import state

HOSTILE = "![p](https://evil.example/p.png)[{name}](https://evil.example/login) www.evil.example <b>{name}</b>"
PAGES = [
    "pages/home.py",
    "pages/map_explorer.py",
    "pages/inequalities.py",
    "pages/core20plus5.py",
    "pages/place_profile.py",
    "pages/data_and_methods.py",
    "pages/your_data.py",
]
_MD = MarkdownIt("gfm-like")
_AUTOLINK = re.compile(r"(?i)\bwww\.|https?://|[\w.+-]+@[\w-]+\.\w")


def links(markdown: str) -> list[str]:
    """Links and images to the hostile site, and HTML, that a Markdown body renders, and the autolink literals left in
    its rendered text outside code spans (which are inert). The app's own links (the licence) are not counted."""
    html = _MD.render(markdown)
    found = [tag for tag in re.findall(r"<(?:a|img)\b[^>]*>|<b>", html) if "evil" in tag or tag == "<b>"]
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<code>.*?</code>", " ", html, flags=re.S))
    return found + _AUTOLINK.findall(text.replace("&amp;", "&"))


def bodies(app) -> list[str]:
    out = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "subheader", "header", "title"):
        out += [element.value for element in getattr(app, kind)]
    for metric in app.metric:
        out += [metric.label, metric.value]
    return out


@pytest.fixture(scope="module")
def hostile_database(db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile_db")
    copy = folder / "lsc_phm.duckdb"
    shutil.copy(db.path, copy)
    with duckdb.connect(str(copy)) as con:
        columns = con.execute(
            "select table_name, column_name from information_schema.columns where table_schema = "
            "'main' and column_name like '%name' and column_name not in ('icb_name') "
            "and table_name <> 'meta_indicators' and data_type = 'VARCHAR'"
        ).fetchall()
        for table, column in columns:
            con.execute(
                f'update "{table}" set "{column}" = replace(?, \'{{name}}\', "{column}") where "{column}" is not null',
                [HOSTILE],
            )
        con.execute("checkpoint")
    integrity.hash_path(copy).write_text(integrity.file_sha256(copy) + "\n", encoding="ascii")
    return copy


@pytest.fixture(scope="module")
def hostile_app(hostile_database: Path):
    """The app on the hostile copy, for this module's tests together: the caches are emptied as they start (so the
    copy is read) and as they end (so no other test sees it). pytest ends a module's fixtures before a test of
    another module runs, so no other test runs against the copy."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(config, "DATABASE_PATH", hostile_database)
        st.cache_data.clear()
        state.database.clear()
        yield
        st.cache_data.clear()
        state.database.clear()


def _no_links(app, where: str) -> None:
    assert not app.exception, [e.value for e in app.exception]
    found = {body[:80]: links(body) for body in bodies(app) if links(body)}
    assert found == {}, where


@pytest.mark.parametrize("page", PAGES)
def test_hostile_names_render_no_link(hostile_app, page):
    app = AppTest.from_file(APP_PATH, default_timeout=180).run()
    app.switch_page(page).run()
    _no_links(app, page)
    if page == "pages/map_explorer.py":  # an area's profile: its name, the areas it is part of, its indicators
        app.session_state["map_area_list"] = True  # the list of areas, opened
        app.run()
        box = app.selectbox(key="map_area_pick")
        box.set_value(box.options[1] if box.options[0] in ("", None) else box.options[0]).run()
        assert app.subheader, "an area profile is shown"
        _no_links(app, "map explorer area profile")


def test_a_user_area_named_like_a_web_address_renders_no_link(hostile_app):
    app = AppTest.from_file(APP_PATH, default_timeout=180).run()
    app.switch_page("pages/your_data.py").run()
    app.text_input(key="your_area_name").set_value("www.evil.example/login").run()
    app.text_area(key="your_area_codes").set_value("E05015186, E05015187").run()
    _no_links(app, "your data with a user area")
    app.switch_page("pages/place_profile.py").run()
    app.selectbox(key="profile_area").set_value("USER-AREA").run()
    _no_links(app, "place profile of the user area")
    assert any("www" in body and "evil" in body for body in bodies(app))  # the name is shown, as text
    app.switch_page("pages/map_explorer.py").run()
    _no_links(app, "map explorer with the user area's outline")
