"""AppTest of the place profile's block on similar places and Core20 movers."""

from __future__ import annotations

import pytest

from lsc_phm.domain import core20_movers
from tests.conftest import shared_page


@pytest.mark.usefixtures("db")
def test_blackpool_against_similar_places_and_its_movers():
    at = shared_page("pages/place_profile.py", 2025, profile_area="QE1-E06000009")
    table = next(df.value for df in at.dataframe if "Rank among similar areas" in df.value.columns)
    le = table.set_index("Indicator").loc["Life expectancy at birth (male)"]
    # Fingertips 90366, 2023-25: Blackpool 74.2, England 79.7, lowest of 294 authorities and of its 16 similar areas
    assert (le["Value"], le["England"]) == ("74.2", "79.7")  # written to the registry's 1 dp for le_male
    assert le["Rank among similar areas"] == "lowest of 16 similar areas"
    text = "\n".join(m.value for m in at.markdown)
    # tests/domain/test_core20_movers.py: 1 unchanged LSOA entered (1,359 residents), 5 left (7,065)
    assert "**1** unchanged neighbourhoods (LSOAs) entered" in text and "**7,065**" in text
    assert core20_movers.MOVERS_CAVEAT in " ".join(c.value for c in at.caption)
    assert "Sunderland, Liverpool, Hartlepool" in " ".join(c.value for c in at.caption)


@pytest.mark.usefixtures("db")
def test_profile_summary_switches_its_comparator_from_the_link():
    at = shared_page("pages/place_profile.py", 2025, profile_area="QE1-E06000009", profile_comparator="neighbours")
    assert at.radio(key="profile_comparator").value == "neighbours"
    table = next(df.value for df in at.dataframe if "Rank in the group" in df.value.columns).set_index("Indicator")
    le = table.loc["Life expectancy at birth (male)"]
    # male life expectancy 2023-25: the 15 neighbours' median 77.1 (tests/views/test_attention.py); no interval held
    assert (le["Comparator value"], le["Compared"], le["Rank in the group"]) == (
        "77.10",
        "Not compared",
        "lowest of 16 similar areas",
    )
    assert le["Compared with"] == "15 nearest neighbours"
    # QOF prevalence is held for no other authority: England's comparison is kept, and the row says so
    assert table.loc["Hypertension: QOF recorded prevalence", "Compared with"] == "England"
