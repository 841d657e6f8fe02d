"""AppTest of the glossary on the Data and methods page and its link from the sidebar of every page."""

from __future__ import annotations

import pytest

from tests.conftest import shared_page

#: The terms a director meets without explanation elsewhere (LSOA, Core20, SII/RII, pp, ridits, MOVER, ...).
TERMS = (
    "LSOA",
    "IMD decile",
    "Core20",
    "SII",
    "RII",
    "Ridit",
    "pp (percentage points)",
    "MOVER",
    "Wilson",
    "Byars",
    "DSR",
    "Crude",
    "Age-standardised",
    "PCN",
    "Sub-ICB location",
)


@pytest.mark.usefixtures("db")
def test_glossary_explains_every_term_and_is_linked_from_the_sidebar():
    at = shared_page("pages/data_and_methods.py")
    glossary = next(e for e in at.expander if e.label.startswith("Glossary: the terms used in this tool"))
    text = "\n".join(m.value for m in glossary.markdown)
    for term in TERMS:
        assert f"- **{term}**: " in text, term
    assert "most deprived minus least deprived" in text  # the SII's direction, the same as on the Inequalities page
    links = [link for link in at.sidebar.get("page_link")]
    assert any(link.proto.page == "data_and_methods" and "Glossary" in link.proto.label for link in links)
