"""The hostile-file suite on the Your data page (AppTest): a clear message, no traceback, the database unchanged, and
nothing left in another session."""

from __future__ import annotations

import pytest

from lsc_phm.store import integrity
from tests.conftest import open_page
from tests.domain.test_hostile_files import HOSTILE

PAGE = "pages/your_data.py"
#: The page's cases: what a person can upload through the uploader (.csv and .xlsx), refused and accepted.
CASES = [case for case, (name, _, _) in HOSTILE.items() if name.endswith((".csv", ".xlsx"))]


def _unescape(text: str) -> str:
    return text.replace("\\", "").replace("`", "")  # url.plain: escaped, inert code spans


@pytest.fixture(scope="module")
def database_sha(db):
    before = integrity.file_sha256(db.path)
    yield before
    assert integrity.file_sha256(db.path) == before


@pytest.fixture(scope="module")
def page(database_sha):  # the database is built (and its SHA-256 taken) first
    return open_page(PAGE)


@pytest.mark.parametrize("case", CASES)
def test_hostile_file_on_the_page(database_sha, page, case):
    name, data, message = HOSTILE[case]
    page.file_uploader(key="your_file").set_value((name, data, "application/octet-stream")).run()
    assert not page.exception, [e.value for e in page.exception]
    if message is None:
        assert not page.error and page.success
        told = page.success[0].value
        assert "\n" not in told and "\r" not in told  # the data set's name on one line
    else:
        assert len(page.error) == 1
        assert _unescape(page.error[0].value).endswith(message.replace("\\", "").replace("`", ""))


def test_nothing_is_left_in_another_session(page):
    name, data, _ = HOSTILE["Markdown in a name"]
    page.file_uploader(key="your_file").set_value((name, data, "text/csv")).run()
    page.text_area(key="your_area_codes").set_value("E05015186, E05015187").run()
    assert page.success and page.info
    other = open_page(PAGE)
    assert not other.success and not other.error
    assert "user_area" not in other.session_state
    assert [w.value for w in other.text_input] == ["My area"] and other.text_area(key="your_area_codes").value == ""
