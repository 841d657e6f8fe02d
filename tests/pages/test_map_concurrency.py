"""Twenty sessions of the map explorer at once, in threads sharing one process's caches (issue 16, item 2).

Before the map was cached as rendered strings, one folium object per selection was shared by every session (a
``cache_resource``) and rendered by each of them, so concurrent sessions raised
``RuntimeError: OrderedDict mutated during iteration``. Every session here asks for one of a few selections, so
many of them hit the same cached map at the same moment; the test asserts that no run raises and every session
shows its own selection.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP_PATH

SESSIONS = 20
#: (indicator, level, heading the table shows, rows) per selection; sessions cycle through them.
#: The areas are Claremont ward (Blackpool), Blackpool 010A (an LSOA) and Blackpool (a district).
SELECTIONS = [
    ("imd_score", "ward", "E05001647", "Claremont", "IMD score by electoral wards, 2019", 320),
    ("imd_score", "lsoa", "E01012673", "Blackpool 010A", "IMD score by LSOAs, 2019", 1058),
    ("smoking_adults", "district", "E06000009", "Blackpool", "Smoking prevalence (adults 18+) by districts, 2024", 18),
]


def _session(index: int, start: threading.Barrier) -> tuple[list[str], list[str], int]:
    indicator, level, area, _, _, _ = SELECTIONS[index % len(SELECTIONS)]
    at = AppTest.from_file(APP_PATH, default_timeout=300)
    at.switch_page("pages/map_explorer.py")
    at.query_params.update(map_indicator=indicator, map_level=level, map_area=area)  # with an area's profile
    start.wait()
    at.run()
    return [e.value for e in at.exception], [s.value for s in at.subheader], len(at.dataframe[-1].value)


def test_twenty_concurrent_sessions_raise_nothing(db):
    import streamlit as st

    st.cache_resource.clear()  # every session starts cold, so the first renders race as well
    st.cache_data.clear()
    start = threading.Barrier(SESSIONS)
    with ThreadPoolExecutor(max_workers=SESSIONS) as pool:
        results = list(pool.map(lambda i: _session(i, start), range(SESSIONS)))
    assert [errors for errors, _, _ in results] == [[]] * SESSIONS
    for index, (_, subheaders, rows) in enumerate(results):
        _, _, _, name, heading, expected_rows = SELECTIONS[index % len(SELECTIONS)]
        assert heading in subheaders and name in subheaders
        assert rows == expected_rows
