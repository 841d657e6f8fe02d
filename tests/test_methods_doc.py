"""docs/methods.md is the methods reference the code cites: every citation must name a section that exists."""

from __future__ import annotations

import re
from pathlib import Path

from lsc_phm.stats import METHODS

ROOT = Path(__file__).resolve().parents[1]
METHODS_DOC = ROOT / "docs" / "methods.md"
SCANNED = ("lsc_phm", "ui", "pages", "queries", "tests")
CITATION = re.compile(r"docs/methods\.md#([A-Za-z0-9_-]+)")
# A citation by section number (or of a methods file outside the project) cannot be followed from a fresh clone.
UNFOLLOWABLE = re.compile(r"methods\.md\s*§|/work/shared/methods\.md|\.\./shared/methods\.md")


def github_slug(heading: str) -> str:
    """GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces to hyphens."""
    slug = heading.strip().lower()
    slug = re.sub(r"[^\w\- ]", "", slug)
    return slug.replace(" ", "-")


def _anchors() -> set[str]:
    headings = re.findall(r"^#{1,6} (.+)$", METHODS_DOC.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return {github_slug(h) for h in headings}


def _scanned_files() -> list[Path]:
    files = []
    for folder in SCANNED:
        files += [p for p in (ROOT / folder).rglob("*") if p.suffix in {".py", ".sql", ".md", ".toml"}]
    return sorted(files)


def test_github_slug_matches_githubs_rule():
    # Worked by hand from GitHub's rule: "Student's" loses its apostrophe, "(Dobson)" its brackets, ":" goes.
    assert github_slug("Means with Student's t intervals") == "means-with-students-t-intervals"
    assert github_slug("Directly standardised rates (Dobson)") == "directly-standardised-rates-dobson"
    assert github_slug("Counts and crude rates: Byars and exact Poisson") == (
        "counts-and-crude-rates-byars-and-exact-poisson"
    )


def test_every_citation_names_an_existing_section():
    anchors = _anchors()
    missing, unfollowable = [], []
    for path in _scanned_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(ROOT)
        for slug in CITATION.findall(text):
            if slug not in anchors:
                missing.append(f"{rel}: #{slug}")
        if path.name != Path(__file__).name and UNFOLLOWABLE.search(text):
            unfollowable.append(str(rel))
    assert not missing, f"citations of sections missing from docs/methods.md: {missing}"
    assert not unfollowable, (
        f"cite a section anchor of docs/methods.md instead of a number or an outside file: {unfollowable}"
    )


def test_methods_doc_links_within_itself_resolve():
    text = METHODS_DOC.read_text(encoding="utf-8")
    internal = re.findall(r"\]\(#([A-Za-z0-9_-]+)\)", text)
    assert internal, "docs/methods.md links its sections to one another"
    assert set(internal) <= _anchors(), sorted(set(internal) - _anchors())


def test_every_catalogued_method_is_documented():
    # Each public function on the Data and methods page is named in the technical reference.
    text = METHODS_DOC.read_text(encoding="utf-8")
    undocumented = [m.function for m in METHODS if not re.search(rf"\b{re.escape(m.function)}\b", text)]
    assert not undocumented, f"methods with no section in docs/methods.md: {undocumented}"
