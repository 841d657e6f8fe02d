"""Every docstring example in ``lsc_phm`` runs and gives what it shows (stale examples mislead readers)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import lsc_phm

MODULES = sorted(m.name for m in pkgutil.walk_packages(lsc_phm.__path__, "lsc_phm.") if not m.name.endswith("__main__"))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} docstring examples in {name} fail"
