"""What needs attention in the browser: a row's detail link opens its detail, and a chosen target is kept in the
address bar (so a shared link keeps it)."""

from __future__ import annotations

import pytest

from lsc_phm.views import attention
from tests.e2e.conftest import assert_no_exception, open_page, settle


@pytest.mark.e2e
def test_detail_link_and_target_in_the_address_bar(app_url: str, page) -> None:
    link = attention.detail_link("QE1-E06000009", "children_absolute_low_income", attention.ENGLAND_COMPARATOR)
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
