"""What needs attention in the browser: a row's detail link opens its detail, and a chosen target is kept in the
address bar (so a shared link keeps it)."""

from __future__ import annotations

import pytest

from lsc_phm.views import attention, attention_comparators
from tests.e2e.conftest import assert_no_exception, open_page, settle


@pytest.mark.e2e
def test_detail_link_and_target_in_the_address_bar(app_url: str, page) -> None:
    link = attention.detail_link(
        "QE1-E06000009", "children_absolute_low_income", attention_comparators.ENGLAND_COMPARATOR
    )
    open_page(page, f"{app_url}/{link}")
    assert_no_exception(page, "attention detail")
    text = page.inner_text("[data-testid='stMain']")
    assert "worse and getting worse" in text
    assert "About 2,080 more children in absolute low-income families in Blackpool than at England's rate" in text
    page.get_by_role("radiogroup", name="Target").get_by_text("A number").click()
    settle(page)
    box = page.get_by_label("Target value (%)")
    box.fill("20")
    box.press("Enter")
    settle(page)
    assert "attention_target=number" in page.url and "attention_target_value=20" in page.url
    assert "Target 20.0% by 2030" in page.inner_text("[data-testid='stMain']")


@pytest.mark.e2e
def test_switching_the_comparator_keeps_it_in_the_link_and_gives_ranks_in_the_group(app_url: str, page) -> None:
    open_page(
        page, f"{app_url}/attention?imd_vintage=2025&attention_area=QE1-E06000009&attention_indicator=census_bad_health"
    )
    assert_no_exception(page, "attention against England")
    page.get_by_role("combobox", name="Compared with").click()
    page.get_by_role("option", name="15 nearest statistical neighbours").click()
    settle(page)
    assert_no_exception(page, "attention against the neighbours")
    assert "attention_comparator=neighbours" in page.url
    text = page.inner_text("[data-testid='stMain']")
    # pooled 208,367 / 2,745,737 = 7.59% bad or very bad health among the 15 neighbours (tests/views): about
    # (9.133 - 7.5887) x 1,410.38 = 2,178 more residents, rounded to 2,180 in a sentence
    assert "About 2,180 more residents in bad or very bad health in Blackpool than at the similar-areas group's" in text
    assert "pooled (sum of numerators / sum of denominators" in text
