"""The URL parameters the app reads, found by watching the app read them, and how it echoes their values.

:data:`URL_PARAMETERS` is the list the hostile-link browser test (tests/e2e/test_hostile_urls_browser.py) fills with
payloads. The meta-tests below keep it complete: they run every page and record every key it looks up in
``st.query_params``, and parse the page files for widgets bound to the URL (``bind="query-params"``), so a new
parameter cannot escape the hostile-link test.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from streamlit.runtime.state.query_params_proxy import QueryParamsProxy
from streamlit.testing.v1 import AppTest

from tests.conftest import APP_PATH

ROOT = Path(__file__).resolve().parents[2]
#: Every page by its URL path (as in app.py's st.navigation; checked in the browser by the click-through test).
PAGES = [
    "",
    "map_explorer",
    "inequalities",
    "core20plus5",
    "attention",
    "place_profile",
    "data_and_methods",
    "your_data",
]
PAGE_FILES = {"": "pages/home.py", **{path: f"pages/{path}.py" for path in PAGES if path}}
URL_PARAMETERS = (
    "imd_vintage",
    "map_indicator",
    "map_level",
    "map_period",
    "map_area",
    "map_table",
    "profile_area",
    "ineq_tab",
    "c20_tab",
    "attention_area",
    "attention_comparator",
    "attention_indicator",
    "attention_target",
    "attention_target_value",
    "attention_target_year",
    "profile_comparator",
    "c20_comparator",
)
#: Lazy tabs run only when open, so the parameters they read are recorded with the tab opened by its link too.
LAZY_TABS = {"core20plus5": {"c20_tab": "Scorecard"}}
#: Every page, then each lazy tab: (URL path, fixed parameters).
VIEWS = [(path, {}) for path in PAGES] + list(LAZY_TABS.items())
VIEW_IDS = [(path or "home") + "".join(f"&{k}={v}" for k, v in fixed.items()) for path, fixed in VIEWS]


def _bound_keys() -> set[str]:
    """Keys of widgets bound to the URL (``bind="query-params"``) in app.py, pages/ and ui/."""
    keys = set()
    for path in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                kwargs = {k.arg: k.value for k in node.keywords}
                bind = kwargs.get("bind")
                if isinstance(bind, ast.Constant) and bind.value == "query-params":
                    key = kwargs.get("key")
                    if isinstance(key, ast.Attribute) and isinstance(key.value, ast.Name):  # e.g. state.VINTAGE_KEY
                        keys.add(getattr(importlib.import_module(f"ui.{key.value.id}"), key.attr))
                    else:
                        assert isinstance(key, ast.Constant), f"{path.name}:{node.lineno}: bound key not a literal"
                        keys.add(key.value)
    return keys


def test_every_bound_widget_is_in_the_hostile_link_test() -> None:
    bound = _bound_keys()
    assert {"imd_vintage", "ineq_tab", "c20_tab"} <= bound
    assert bound <= set(URL_PARAMETERS)


@pytest.mark.parametrize(("path", "fixed"), VIEWS, ids=VIEW_IDS)
@pytest.mark.usefixtures("db")
def test_every_parameter_a_page_looks_up_is_in_the_hostile_link_test(monkeypatch, path: str, fixed: dict) -> None:
    read: set[str] = set()
    original_getitem, original_contains = QueryParamsProxy.__getitem__, QueryParamsProxy.__contains__

    def getitem(self, key):
        read.add(key)
        return original_getitem(self, key)

    def contains(self, key):
        read.add(key)
        return original_contains(self, key)

    monkeypatch.setattr(QueryParamsProxy, "__getitem__", getitem)
    monkeypatch.setattr(QueryParamsProxy, "__contains__", contains)
    app = AppTest.from_file(APP_PATH, default_timeout=120)
    app.switch_page(PAGE_FILES[path])
    for key, value in fixed.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception
    assert read <= set(URL_PARAMETERS), f"/{path} reads {sorted(read - set(URL_PARAMETERS))}"
    if fixed:
        assert read - set(fixed)  # the open tab read parameters of its own
    if path in ("map_explorer", "place_profile"):
        assert read  # the recording works: these pages seed widgets from the URL


def test_no_page_echoes_query_params_except_through_plain() -> None:
    # Only ui/url.py may read st.query_params; it echoes a value only through plain() (grep-level guard).
    readers = [
        p.relative_to(ROOT).as_posix()
        for p in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]
        if "query_params" in p.read_text()
    ]
    assert readers == ["ui/url.py"]
    source = (ROOT / "ui" / "url.py").read_text()
    assert "{plain(wanted)}" in source and "{wanted}" not in source
