"""The layers of ``lsc_phm`` and the direction of imports between them (README, "How it is built").

``pages/`` and ``ui/`` -> ``publish`` -> ``reports`` -> ``views`` -> ``domain`` -> ``refresh`` -> ``store``; ``stats``
(pure methods) and ``render`` (drawing) are usable from any layer above them and import nothing of the layers;
``config`` and ``indicators`` are declarations every layer may read. ``reports`` writes words and describes charts as
data: it imports nothing from ``store`` or ``render`` (but the words of :mod:`lsc_phm.render.formats`) and no drawing
or file-writing library; ``publish`` draws them (:func:`lsc_phm.render.chart_kinds.draw`) and writes the briefing
files. Nothing under ``lsc_phm/`` imports Streamlit, ``ui`` or ``pages``.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lsc_phm"
#: Ordered layers: a module may import its own layer and the ones before it.
ORDER = ["store", "refresh", "domain", "views", "reports", "publish"]
#: Usable by everyone; they import only themselves and the declarations.
LEAVES = {"stats": {"stats"}, "render": {"render", "stats", "config"}}
DECLARATIONS = {
    "config",
    "indicators",
    "indicator_model",
    "indicators_context",
    "indicators_published",
    "indicators_qof",
}
#: The registry (indicators) is assembled from its record type and its groups of entries; nothing else is imported
#: by a declaration.
DECLARATION_IMPORTS = {
    "indicators": {"indicator_model", "indicators_context", "indicators_published", "indicators_qof"},
    "indicators_context": {"indicator_model"},
    "indicators_published": {"indicator_model"},
    "indicators_qof": {"indicator_model"},
}
ENTRY_POINTS = {"cli", "__main__", "__init__"}


def _layer(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def _lsc_layer(name: str) -> str | None:
    parts = name.split(".")
    if parts[0] != "lsc_phm" or len(parts) == 1:
        return None
    return parts[1]


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_the_tree_has_the_layer_folders() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == {"store", "refresh", "domain", "stats", "views", "reports", "publish", "render"}
    for folder in folders:
        doc = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text()))
        assert doc and "May import" in doc, f"lsc_phm/{folder}/__init__.py must say what it may import"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_streamlit_or_app_imports(path: Path) -> None:
    bad = [n for n in _imports(path) if n.split(".")[0] in {"streamlit", "streamlit_folium", "ui", "pages"}]
    assert not bad, f"{path.relative_to(PACKAGE)} imports {bad}: keep Streamlit in ui/ and pages/"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_down_only(path: Path) -> None:
    layer = _layer(path)
    if layer in ENTRY_POINTS:
        return
    if layer in DECLARATIONS:
        allowed: set[str] = DECLARATION_IMPORTS.get(layer, set())
    elif layer in LEAVES:
        allowed = LEAVES[layer]
    else:
        assert layer in ORDER, f"unknown layer {layer!r}: add it to the README tree and this test"
        allowed = set(ORDER[: ORDER.index(layer) + 1]) | set(LEAVES) | DECLARATIONS
    used = {target for target in map(_lsc_layer, _imports(path)) if target is not None}
    assert used <= allowed | {layer} - {"cli"}, (
        f"{path.relative_to(PACKAGE)} ({layer}) imports {sorted(used - allowed - {layer})}: imports must go down "
        f"the layers (allowed: {sorted(allowed)})"
    )


def test_the_check_would_catch_an_upward_import(tmp_path: Path) -> None:
    # The rule applied to a fabricated store module that imports a view must fail.
    fake = PACKAGE / "store" / "db.py"
    source = "from lsc_phm.views import overview\n"
    probe = tmp_path / "probe.py"
    probe.write_text(source)
    used = {t for t in map(_lsc_layer, _imports(probe)) if t}
    allowed = set(ORDER[: ORDER.index(_layer(fake)) + 1]) | set(LEAVES) | DECLARATIONS
    assert not used <= allowed


# ---- reports: words from numbers, no database
REPORTS = sorted((PACKAGE / "reports").glob("*.py"))


def _reads_the_database(path: Path) -> list[str]:
    """Imports of lsc_phm.store and calls of ``.query(...)`` / ``.execute(...)`` in a module."""
    found = [name for name in _imports(path) if _lsc_layer(name) == "store"]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        call = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        if call and node.func.attr in {"query", "execute"}:
            found.append(f".{node.func.attr}() on line {node.lineno}")
    return found


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_reports_read_no_database(path: Path) -> None:
    found = _reads_the_database(path)
    assert not found, f"lsc_phm/reports/{path.name} reads the database ({found}): take the numbers from ProfileData"


#: What reports may take from render: number and period words (no drawing).
REPORTS_RENDER_WORDS = {"lsc_phm.render.formats"}
#: Libraries that draw or write files: publish and render use them, reports never.
DRAWING = ("altair", "matplotlib", "PIL", "pptx", "lxml", "vl_convert", "folium", "branca", "geopandas")


def _draws(path: Path) -> list[str]:
    """Imports of lsc_phm.render (but its words) and of drawing or file-writing libraries in a module."""
    found = []
    for name in _imports(path):
        words = any(name == w or name.startswith(f"{w}.") for w in REPORTS_RENDER_WORDS)
        if (_lsc_layer(name) == "render" and not words) or name.split(".")[0] in DRAWING:
            found.append(name)
    return sorted(set(found))


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_reports_draw_nothing(path: Path) -> None:
    found = _draws(path)
    assert not found, (
        f"lsc_phm/reports/{path.name} draws ({found}): describe the chart as a ChartSpec and let "
        "lsc_phm.publish / the page draw it with lsc_phm.render.chart_kinds"
    )


def test_the_drawing_check_would_catch_a_chart(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import altair as alt\nfrom lsc_phm.render import charts\nfrom lsc_phm.render.formats import period_label\n"
    )
    assert _draws(probe) == ["altair", "lsc_phm.render", "lsc_phm.render.charts"]


def test_the_reports_check_would_catch_a_query(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("from lsc_phm.store.db import Database\n\ndef f(db):\n    return db.query('build_info')\n")
    assert _reads_the_database(probe) == ["lsc_phm.store.db", "lsc_phm.store.db.Database", ".query() on line 4"]


# ---- what a page view imports (server memory)
ROOT = PACKAGE.parent
#: Libraries a person looking at the pages never needs: the static maps and PDF handout (matplotlib, geopandas,
#: pyproj), the PowerPoint (python-pptx, lxml), chart PNGs (vl-convert), and scipy.stats/statsmodels (lsc_phm.stats
#: uses scipy.special). Together some 110 MB of server memory; each is imported inside the function that needs it.
NOT_FOR_VIEWING = ("matplotlib", "geopandas", "pyproj", "pptx", "lxml", "vl_convert", "scipy.stats", "statsmodels")


def _module_level_imports(path: Path) -> set[str]:
    """The import statements that run when ``path`` runs, outside function bodies (those inside them are lazy)."""
    statements: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue
            if isinstance(child, ast.Import) or (
                isinstance(child, ast.ImportFrom) and child.level == 0 and child.module != "__future__"
            ):
                statements.add(ast.unparse(child))
            visit(child)

    visit(ast.parse(path.read_text(), filename=str(path)))
    return statements


def test_viewing_the_pages_imports_no_download_only_library() -> None:
    import subprocess
    import sys

    statements = sorted(
        set().union(*(_module_level_imports(p) for p in [ROOT / "app.py", *sorted(ROOT.glob("pages/*.py"))]))
    )
    assert {"from lsc_phm.reports import place_report, profile_model", "from ui import components, state"} <= set(
        statements
    )
    probe = "\n".join([*statements, "import sys", f"print(sorted(m for m in {NOT_FOR_VIEWING!r} if m in sys.modules))"])
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]", (
        f"importing the pages' modules loads {done.stdout.strip()}: import them inside the functions that need them"
    )


# ---- sizes a reader can hold: functions of at most 80 code lines, modules of at most 600 lines
MAX_FUNCTION_CODE_LINES = 80
MAX_MODULE_LINES = 600


def _code_lines(source: str) -> set[int]:
    """The line numbers that hold code: any token but a comment or a line break (blank lines hold none)."""
    import io
    import tokenize

    skipped = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
    lines: set[int] = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in skipped:
            lines.update(range(token.start[0], token.end[0] + 1))
    return lines


def _long_functions(source: str, limit: int = MAX_FUNCTION_CODE_LINES) -> list[tuple[str, int]]:
    """(name, code lines) of each function whose body, without its docstring, has more than ``limit`` code lines.

    A nested function counts towards the function around it as well as on its own.
    """
    code = _code_lines(source)
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        body = node.body
        if ast.get_docstring(node, clean=False) is not None:
            body = body[1:]
        if not body:
            continue
        first = min([body[0].lineno, *(d.lineno for d in getattr(body[0], "decorator_list", []))])
        count = len([line for line in code if first <= line <= node.end_lineno])
        if count > limit:
            found.append((node.name, count))
    return found


#: Modules known to be over the limits, each with its reason; strict, so the entry must go once the module is split.
KNOWN_TOO_LONG: dict[str, str] = {}


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, marks=pytest.mark.xfail(reason=KNOWN_TOO_LONG[str(p.relative_to(PACKAGE))], strict=True))
        if str(p.relative_to(PACKAGE)) in KNOWN_TOO_LONG
        else p
        for p in MODULES
    ],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_no_long_function_or_module(path: Path) -> None:
    source = path.read_text()
    lines = len(source.splitlines())
    assert lines <= MAX_MODULE_LINES, (
        f"lsc_phm/{path.relative_to(PACKAGE)} has {lines} lines (at most {MAX_MODULE_LINES}): split it along a line a "
        "reader would draw"
    )
    long = _long_functions(source)
    assert not long, (
        f"lsc_phm/{path.relative_to(PACKAGE)}: {long} over {MAX_FUNCTION_CODE_LINES} code lines "
        "(docstring, blank and comment lines not counted): split along a line a reader would draw"
    )


def test_the_size_check_counts_code_lines_only() -> None:
    # 81 statements fail; the same 80 statements with a docstring, comments and blank lines between them pass.
    long = "def f():\n" + "".join(f"    x{i} = {i}\n" for i in range(81))
    assert _long_functions(long) == [("f", 81)]
    padded = 'def g():\n    """Docstring\n\n    over lines.\n    """\n' + "".join(
        f"    # why\n\n    x{i} = (\n        {i})\n" for i in range(40)
    )
    assert _long_functions(padded) == []
    assert _long_functions(padded, limit=79) == [("g", 80)]


# ---- public names: a module's _names stay inside it, and a name is imported from the module that defines it
#: Top-level packages and modules of the app; an import from anything else is a library's business.
PROJECT_PACKAGES = {"lsc_phm", "ui", "pages", "app"}
APP_SOURCES = sorted([*MODULES, *(ROOT / "ui").rglob("*.py"), *(ROOT / "pages").rglob("*.py"), ROOT / "app.py"])


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _private_imports(source: str, module: str) -> list[str]:
    """The ``from X import _name`` statements of ``source`` (the text of ``module``) where X is another project
    module: a relative import always is, an absolute one when it names a project package and not ``module``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ImportFrom):
            continue
        target = "." * node.level + (node.module or "")
        other = node.level > 0 or (target.split(".")[0] in PROJECT_PACKAGES and target != module)
        if other:
            found += [f"from {target} import {a.name} (line {node.lineno})" for a in node.names if _is_private(a.name)]
    return found


def _noqa_f401(source: str) -> list[int]:
    """Lines of ``source`` whose comment silences F401 (an unused import: in this code, a re-export)."""
    import io
    import re
    import tokenize

    silences = re.compile(r"noqa\s*:[^#]*\bF401\b")
    return [
        token.start[0]
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT and silences.search(token.string)
    ]


@pytest.mark.parametrize("path", APP_SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_private_name_is_imported_from_another_module(path: Path) -> None:
    found = _private_imports(path.read_text(), _module_name(path))
    assert not found, (
        f"{path.relative_to(ROOT)} imports private names of another module ({found}): a helper used by two modules "
        "is public, with a docstring; rename it (without the underscore) and update every caller"
    )


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_nothing_is_re_exported_behind_noqa(path: Path) -> None:
    lines = _noqa_f401(path.read_text())
    assert not lines, (
        f"lsc_phm/{path.relative_to(PACKAGE)} silences F401 on lines {lines}: import each name from the module that "
        "defines it and delete the re-export"
    )


def test_the_public_name_checks_would_catch_a_private_import_and_a_re_export() -> None:
    probe = (
        "from lsc_phm.reports.narrative import _cite, format_value\n"
        "from .intervals import _wilson_limits\n"
        "from lsc_phm import __version__\n"
        "from ui import _helper\n"
        "from lsc_phm.reports.profile_model import _own\n"
        "from streamlit_folium import _get_html\n"
        "from lsc_phm.views.attention_direction import (  # noqa: F401  (re-exported)\n"
        "    same_kind,\n"
        ")\n"
        "NOTE = '# noqa: F401 in a string is not a comment'\n"
        "import json  # noqa: E402, F401\n"
    )
    assert _private_imports(probe, "lsc_phm.reports.profile_model") == [
        "from lsc_phm.reports.narrative import _cite (line 1)",
        "from .intervals import _wilson_limits (line 2)",
        "from ui import _helper (line 4)",
    ]
    assert _noqa_f401(probe) == [7, 11]
    assert "lsc_phm.stats.gaps" in {_module_name(p) for p in APP_SOURCES}
    assert _module_name(PACKAGE / "stats" / "__init__.py") == "lsc_phm.stats"


# ---- a name is imported from the module that defines it, not through one that only hands it on
#: Modules that hand on names defined elsewhere by design; an import through any other module must name the module
#: that defines the name (a def, class or assignment there, or a submodule of a package).
FACADES = {
    # The declarations registry: every layer reads the indicators and their record types from this one module.
    "lsc_phm.indicators",
    # The refresh package's API (refresh, Fetcher, RefreshError, ...), used by the CLI and the refresh panel.
    "lsc_phm.refresh",
    # The statistics package's API: docs/methods.md cites methods by these paths (lsc_phm.stats.gap_trend, ...).
    "lsc_phm.stats",
    # docs/methods.md documents stats.gaps' gap and core20_gap as re-exported by (and cited through) stats.inequality.
    "lsc_phm.stats.inequality",
}
ALL_SOURCES = sorted(
    [
        *APP_SOURCES,
        *(ROOT / "tests").rglob("*.py"),
        *(ROOT / "benchmarks").rglob("*.py"),
        *(ROOT / "scripts").rglob("*.py"),
    ]
)


def _bound_names(body: list[ast.stmt]) -> set[str]:
    """Names a module body defines: def, class and assignment targets, also under module-level if/try/with/for."""
    names: set[str] = set()
    for node in body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign | ast.For):
            targets = [node.target]
        elif isinstance(node, ast.With):
            targets = [item.optional_vars for item in node.items if item.optional_vars is not None]
        names |= {name.id for target in targets for name in ast.walk(target) if isinstance(name, ast.Name)}
        if isinstance(node, ast.If | ast.Try | ast.With | ast.For):
            for block in ("body", "orelse", "finalbody"):
                names |= _bound_names(getattr(node, block, []))
        if isinstance(node, ast.Try):
            for handler in node.handlers:
                names |= _bound_names(handler.body)
    return names


def _source_of(module: str) -> Path | None:
    path = ROOT.joinpath(*module.split("."))
    return next((p for p in (path.with_suffix(".py"), path / "__init__.py") if p.is_file()), None)


@functools.cache
def _defined_in(module: str) -> frozenset[str] | None:
    """The names ``module`` defines and its submodules; None when it is not a file of the project."""
    path = _source_of(module)
    if path is None:
        return None
    submodules = {p.stem for p in path.parent.glob("*.py")} | {p.parent.name for p in path.parent.glob("*/__init__.py")}
    return frozenset(
        _bound_names(ast.parse(path.read_text()).body) | (submodules if path.name == "__init__.py" else set())
    )


def _handed_on_imports(source: str, package: str) -> list[str]:
    """The ``from X import name`` statements of ``source`` (anywhere in it, lazy imports included) where X is a project
    module other than a by-design facade and does not define ``name``; ``package`` anchors relative imports."""
    found = []
    imports = [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ImportFrom)]
    for node in sorted(imports, key=lambda node: node.lineno):
        anchor = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
        target = ".".join([*anchor, *([node.module] if node.module else [])])
        if target.split(".")[0] not in PROJECT_PACKAGES or target in FACADES:
            continue
        defined = _defined_in(target)
        if defined is None:
            found.append(f"from {target} (line {node.lineno}): no such project module")
            continue
        found += [
            f"from {target} import {alias.name} (line {node.lineno})"
            for alias in node.names
            if alias.name != "*" and alias.name not in defined
        ]
    return found


def _handed_on_attributes(source: str, package: str) -> list[str]:
    """The ``module.name`` uses in ``source`` where ``module`` is a project module imported as such (``from
    lsc_phm.store import build``, ``import lsc_phm.render.maps as maps``), not a by-design facade, and does not define
    ``name``. A name the file also assigns or takes as an argument is left alone: it may not be the module there."""
    tree = ast.parse(source)
    modules: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.asname: alias.name for alias in node.names if alias.asname}
        elif isinstance(node, ast.ImportFrom):
            anchor = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join([*anchor, *([node.module] if node.module else [])])
            modules |= {alias.asname or alias.name: f"{target}.{alias.name}" for alias in node.names}
    rebound = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    rebound |= {n.arg for n in ast.walk(tree) if isinstance(n, ast.arg)}
    found = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)):
            continue
        module = modules.get(node.value.id)
        if module is None or node.value.id in rebound or module.split(".")[0] not in PROJECT_PACKAGES:
            continue
        defined = _defined_in(module)
        if module in FACADES or defined is None or node.attr.startswith("__") or node.attr in defined:
            continue
        found.add((node.lineno, f"{node.value.id}.{node.attr} ({module}, line {node.lineno})"))
    return [text for _, text in sorted(found)]


def _package_of(path: Path) -> str:
    module = _module_name(path)
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


@pytest.mark.parametrize("path", ALL_SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_name_is_imported_from_the_module_that_defines_it(path: Path) -> None:
    source, package = path.read_text(), _package_of(path)
    found = _handed_on_imports(source, package) + _handed_on_attributes(source, package)
    assert not found, (
        f"{path.relative_to(ROOT)} imports names through a module that only hands them on ({found}): import each from "
        "the module that defines it (or add the module to FACADES, with the reason, if it is an API by design)"
    )


def test_the_defining_module_check_would_catch_a_name_handed_on() -> None:
    probe = (
        "from lsc_phm.store.build import BuildError, open_current\n"
        "from lsc_phm.store.datasets import BuildError\n"
        "from lsc_phm.render import maps, palette\n"
        "from lsc_phm.stats import wilson_ci\n"
        "from lsc_phm.indicators import Indicator\n"
        "from pandas import DataFrame\n"
        "from .integrity import hash_path\n"
        "from .build import hash_path\n"
        "def lazy():\n"
        "    from lsc_phm.render.maps import classify\n"
        "    from ..views.inequalities import measures, gradient\n"
        "from lsc_phm.store.nowhere import thing\n"
    )
    assert _handed_on_imports(probe, "lsc_phm.store") == [
        "from lsc_phm.store.build import BuildError (line 1)",
        "from lsc_phm.store.build import hash_path (line 8)",
        "from lsc_phm.render.maps import classify (line 10)",
        "from lsc_phm.views.inequalities import measures (line 11)",
        "from lsc_phm.store.nowhere (line 12): no such project module",
    ]
    # a definition under a module-level try/if counts; an import does not
    assert _bound_names(ast.parse("import os\ntry:\n    A = 1\nexcept ImportError:\n    def b(): ...\n").body) == {
        "A",
        "b",
    }
    probe = (
        "import lsc_phm.store.build as store_build\n"
        "from lsc_phm import stats\n"
        "from lsc_phm.render import maps, palette\n"
        "from lsc_phm.store import footprints\n"
        "maps.choropleth, maps.classify, maps.__name__, palette.nowhere\n"
        "store_build.open_current, store_build.hash_path, stats.wilson_ci\n"
        "footprints = frame.set_index('area_code')\n"
        "footprints.loc['E06000009']\n"
    )
    assert _handed_on_attributes(probe, "lsc_phm.views") == [
        "maps.classify (lsc_phm.render.maps, line 5)",
        "palette.nowhere (lsc_phm.render.palette, line 5)",
        "store_build.hash_path (lsc_phm.store.build, line 6)",
    ]
    assert "map_classes" in _defined_in("lsc_phm.render")
    assert _package_of(ROOT / "lsc_phm" / "stats" / "__init__.py") == "lsc_phm.stats"
    assert _package_of(ROOT / "lsc_phm" / "stats" / "gaps.py") == "lsc_phm.stats"
    assert ROOT / "scripts" / "vendor_data.py" in ALL_SOURCES
