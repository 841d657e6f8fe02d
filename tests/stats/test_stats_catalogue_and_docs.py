"""The catalogue covers every public function; docstrings follow numpydoc and their examples run."""

from __future__ import annotations

import doctest
import importlib
import inspect
import subprocess
import sys

import pytest

import lsc_phm.stats as stats_pkg
from lsc_phm.stats import METHODS, MethodInfo, method_by_function

MODULES = [
    "intervals",
    "standardisation",
    "life_expectancy",
    "quantiles",
    "inequality",
    "comparison",
    "suppression",
    "progress",
    "catalogue",
]
PUBLIC_FUNCTIONS = [
    name for name in stats_pkg.__all__ if inspect.isfunction(getattr(stats_pkg, name)) and name != "method_by_function"
]


def test_every_public_method_is_in_the_catalogue():
    documented = {m.function for m in METHODS}
    missing = {
        f
        for f in PUBLIC_FUNCTIONS
        if f not in documented and f not in {"dsr_grouped", "life_expectancy_grouped", "compare_many"}
    }
    assert not missing
    for info in METHODS:
        assert isinstance(info, MethodInfo)
        assert hasattr(stats_pkg, info.function), info.function
        sentences = [s for s in info.explanation.split(". ") if s.strip()]
        assert 2 <= len(sentences) <= 5, info.name
        assert info.references and info.when_used


def test_catalogue_entries_are_frozen():
    with pytest.raises(AttributeError):
        METHODS[0].name = "x"  # type: ignore[misc]


def test_method_by_function():
    assert method_by_function("sii").function == "sii"
    with pytest.raises(ValueError, match="^no method documented for function 'nope'$"):
        method_by_function("nope")


@pytest.mark.parametrize("name", PUBLIC_FUNCTIONS + ["method_by_function"])
def test_numpydoc_sections(name):
    doc = inspect.getdoc(getattr(stats_pkg, name)) or ""
    for section in ("Parameters", "Returns", "Examples"):
        assert f"\n{section}\n" in doc, f"{name} lacks {section}"
    if name != "method_by_function":
        assert "\nNotes\n" in doc and "\nReferences\n" in doc, name


@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples_run(module):
    mod = importlib.import_module(f"lsc_phm.stats.{module}")
    result = doctest.testmod(mod, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_no_streamlit_or_io_imports():
    # A fresh interpreter importing the package must not pull in streamlit or duckdb.
    code = "import sys, lsc_phm.stats; print(sorted(m for m in ('streamlit', 'duckdb') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
