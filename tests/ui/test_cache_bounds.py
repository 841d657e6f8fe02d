"""Every Streamlit cache is bounded: a server serving many sessions must not grow without limit."""

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
