"""Core20 is defined once: ``mart_lsoas.is_core20`` in SQL and ``lsc_phm.domain.deprivation.is_core20`` in Python."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from lsc_phm.domain import deprivation

ROOT = Path(__file__).resolve().parents[1]
#: Ways of writing "national decile 1 or 2" in code: a comparison with 2 or 3, a membership test of (1, 2).
DEFINITIONS = [
    re.compile(r"decile\w*[\"'\]]*\s*(<=\s*2|<\s*3)\b"),
    re.compile(r"decile\w*[\"'\]]*\s*\.isin\(\s*[\[(]\s*1\s*,\s*2\s*[\])]"),
    re.compile(r"decile\w*\s+in\s*[\[(]\s*1\s*,\s*2\s*[\])]"),
    re.compile(r"decile\w*\s*(==|=)\s*1\s+or\s+\w*decile\w*\s*(==|=)\s*2"),
    re.compile(r"decile\w*\s+between\s+1\s+and\s+2", re.IGNORECASE),
]
#: The two places the rule is allowed, and the pure statistics layer, which knows no areas: stats.core20_gap takes
#: the quantiles as a parameter (its callers pass deprivation.CORE20_DECILES).
ALLOWED = {
    "queries/marts/01_mart_lsoas.sql": "imd.imd_decile <= 2 as is_core20",
    "lsc_phm/domain/deprivation.py": "CORE20_DECILES: tuple[int, ...] = (1, 2)",
}


def _code_lines(path: Path):
    """(number, line) with comments removed: ``--`` in SQL, ``#`` in Python (docstrings are prose, kept)."""
    marker = "--" if path.suffix == ".sql" else "#"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        yield number, line.split(marker, 1)[0]


def test_the_patterns_catch_the_usual_spellings():
    spellings = [
        "imd_decile <= 2",
        "row['imd_decile'] < 3",
        'frame["imd_decile"].isin([1, 2])',
        "imd_decile in (1, 2)",
        "imd_decile = 1 or imd_decile = 2",
        "imd_decile between 1 and 2",
    ]
    assert all(any(p.search(s) for p in DEFINITIONS) for s in spellings)
    assert not any(p.search("imd_decile <= 10") or p.search("imd_decile == 1") for p in DEFINITIONS)


def test_core20_is_defined_once_in_sql_and_once_in_python():
    found = []
    files = [*ROOT.joinpath("queries").rglob("*.sql"), ROOT / "app.py"]
    for folder in ("lsc_phm", "ui", "pages"):
        files += ROOT.joinpath(folder).rglob("*.py")
    for path in sorted(files):
        rel = path.relative_to(ROOT).as_posix()
        for number, code in _code_lines(path):
            if any(p.search(code) for p in DEFINITIONS) and ALLOWED.get(rel, "\0") not in code:
                found.append(f"{rel}:{number}: {code.strip()}")
    assert not found, "Core20 written out again; read mart_lsoas.is_core20 or use deprivation.is_core20:\n" + "\n".join(
        found
    )
    for rel, definition in ALLOWED.items():
        assert definition in (ROOT / rel).read_text(encoding="utf-8"), f"the definition moved out of {rel}"


def test_python_rule_agrees_with_the_mart_on_every_lsoa(db):
    lsoas = db.execute("select imd_vintage, imd_decile, is_core20 from mart_lsoas")
    assert len(lsoas) > 60_000  # both vintages' English LSOAs
    assert (deprivation.is_core20(lsoas["imd_decile"]) == lsoas["is_core20"].astype(bool)).all()
    # England's Core20 is about 20% of LSOAs (deciles hold a tenth of LSOAs each)
    share = lsoas.groupby("imd_vintage")["is_core20"].mean()
    assert share.between(0.199, 0.201).all(), share
    assert deprivation.is_core20(pd.Series([1.0, 2.0, 3.0])).tolist() == [True, True, False]
