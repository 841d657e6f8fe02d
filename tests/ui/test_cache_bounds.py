"""Every cache is bounded: a server serving many sessions must not grow without limit.

Streamlit's caches need ``max_entries``; Python's ``functools`` caches in ``lsc_phm`` need ``lru_cache`` with a
positive ``maxsize`` (``functools.cache`` and ``lru_cache(maxsize=None)`` never forget)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHES = {"cache_data", "cache_resource"}


def _cache_decorators(tree: ast.AST):
    """(function name, decorator node) for every ``st.cache_data`` / ``st.cache_resource`` decorator in a module."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                if isinstance(target, ast.Attribute) and target.attr in CACHES:
                    yield node.name, decorator


def _unbounded(source: str) -> list[str]:
    found = []
    for name, decorator in _cache_decorators(ast.parse(source)):
        keywords = {k.arg: k.value for k in decorator.keywords} if isinstance(decorator, ast.Call) else {}
        bound = keywords.get("max_entries")
        positive = isinstance(bound, ast.Constant) and isinstance(bound.value, int) and bound.value > 0
        if bound is None or (isinstance(bound, ast.Constant) and not positive):
            found.append(name)
    return found


def test_the_scan_finds_a_bare_or_unbounded_cache():
    source = (
        "import streamlit as st\n"
        "@st.cache_data\ndef a(): ...\n"
        "@st.cache_data(show_spinner=False)\ndef b(): ...\n"
        "@st.cache_resource(max_entries=None)\ndef c(): ...\n"
        "@st.cache_data(max_entries=8)\ndef d(): ...\n"
    )
    assert _unbounded(source) == ["a", "b", "c"]


def test_every_cache_in_the_app_has_max_entries():
    files = [ROOT / "app.py", *sorted((ROOT / "pages").rglob("*.py")), *sorted((ROOT / "ui").rglob("*.py"))]
    unbounded, seen = [], 0
    for path in files:
        source = path.read_text(encoding="utf-8")
        seen += sum(1 for _ in _cache_decorators(ast.parse(source)))
        unbounded += [f"{path.relative_to(ROOT)}:{name}" for name in _unbounded(source)]
    assert seen >= 40, f"only {seen} cached functions found: is the scan still looking in the right places?"
    assert not unbounded, f"caches without max_entries: {unbounded}"


def _unbounded_functools(source: str) -> list[str]:
    """Functions cached by ``functools.cache``, a bare ``lru_cache`` call with ``maxsize=None``, or ``@cache``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
            if name == "cache":
                found.append(node.name)
            elif name == "lru_cache":
                size = (
                    next((k.value for k in decorator.keywords if k.arg == "maxsize"), None)
                    if isinstance(decorator, ast.Call)
                    else None
                )
                if isinstance(decorator, ast.Call) and decorator.args:
                    size = decorator.args[0]
                if not (isinstance(size, ast.Constant) and isinstance(size.value, int) and size.value > 0):
                    found.append(node.name)
    return found


def test_the_functools_scan_finds_unbounded_caches():
    source = (
        "import functools\nfrom functools import cache, lru_cache\n"
        "@functools.cache\ndef a(): ...\n"
        "@cache\ndef b(): ...\n"
        "@lru_cache(maxsize=None)\ndef c(): ...\n"
        "@functools.lru_cache\ndef d(): ...\n"
        "@functools.lru_cache(maxsize=64)\ndef e(): ...\n"
        "@lru_cache(16)\ndef f(): ...\n"
    )
    assert _unbounded_functools(source) == ["a", "b", "c", "d"]


def test_every_functools_cache_in_lsc_phm_is_bounded():
    files = sorted((ROOT / "lsc_phm").rglob("*.py"))
    unbounded, seen = [], 0
    for path in files:
        source = path.read_text(encoding="utf-8")
        seen += source.count("lru_cache(")
        unbounded += [f"{path.relative_to(ROOT)}:{name}" for name in _unbounded_functools(source)]
    assert seen >= 5, f"only {seen} lru_cache uses found: is the scan still looking in the right places?"
    assert not unbounded, f"functools caches without a positive maxsize: {unbounded}"
