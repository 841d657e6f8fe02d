"""Twenty sessions of the map explorer at once, in threads sharing one process's caches.

Before the map was cached as rendered strings, one folium object per selection was shared by every session (a
``cache_resource``) and rendered by each of them, so concurrent sessions raised
``RuntimeError: OrderedDict mutated during iteration``. Every session here asks for one of a few selections, so
many of them hit the same cached map at the same moment; the test asserts that no run raises and every session
shows its own selection. That test also passes on the old code (the race needs two renders of the one object to
overlap), so :func:`test_every_shared_map_is_deeply_immutable` checks the cause instead: every value the map explorer
shares between sessions must be deeply immutable, which the old folium object was not.
"""

from __future__ import annotations

import dataclasses
import threading
from concurrent.futures import ThreadPoolExecutor
from types import MappingProxyType

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP_PATH

SESSIONS = 20
#: (indicator, level, heading the table shows, rows) per selection; sessions cycle through them.
#: The areas are Claremont ward (Blackpool), Blackpool 010A (an LSOA) and Blackpool (a district), in the IMD 2019
#: geography (2011 LSOAs, 2019 wards: Claremont's code E05001647 is not a 2024 ward), set in each session.
SELECTIONS = [
    ("imd_score", "ward", "E05001647", "Claremont", "IMD score by electoral wards, 2019", 320),
    ("imd_score", "lsoa", "E01012673", "Blackpool 010A", "IMD score by LSOAs, 2019", 1058),
    ("smoking_adults", "district", "E06000009", "Blackpool", "Smoking prevalence (adults 18+) by districts, 2024", 18),
]


def _session(index: int, start: threading.Barrier) -> tuple[list[str], list[str], int]:
    indicator, level, area, _, _, _ = SELECTIONS[index % len(SELECTIONS)]
    at = AppTest.from_file(APP_PATH, default_timeout=300)
    at.switch_page("pages/map_explorer.py")
    at.session_state["imd_vintage"] = 2019  # not the app's default (IMD 2025)
    at.query_params.update(
        map_indicator=indicator,
        map_level=level,
        map_area=area,  # with an area's profile
        map_table="true",
    )  # and the table opened
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


# ---------------------------------------------------------------------------------------------------------------------
# What the map explorer shares between sessions must be immutable. The 20-session test above passes on the old code
# too (the race needs two renders of one folium object to overlap, which 20 threads rarely hit in time); this check
# fails on it for certain: the old cache_resource value held the folium map itself.

_IMMUTABLE_LEAVES = (str, bytes, int, float, complex, bool, type(None), np.generic)


def mutable_parts(value, path: str = "value") -> list[str]:
    """Paths of everything in ``value`` that could be changed in place (an empty list: deeply immutable).

    Immutable: strings, bytes, numbers (NumPy scalars too), None; tuples and frozensets of immutable values;
    ``MappingProxyType`` views of dicts whose values are immutable and not reachable otherwise; frozen dataclasses
    whose fields are immutable. Anything else (lists, dicts, DataFrames, folium maps...) is reported.
    """
    if isinstance(value, _IMMUTABLE_LEAVES):
        return []
    if isinstance(value, (tuple, frozenset)):
        return [p for i, item in enumerate(value) for p in mutable_parts(item, f"{path}[{i}]")]
    if isinstance(value, MappingProxyType):
        return [p for key, item in value.items() for p in mutable_parts(item, f"{path}[{key!r}]")]
    if dataclasses.is_dataclass(value) and not isinstance(value, type) and value.__dataclass_params__.frozen:
        return [
            p
            for field in dataclasses.fields(value)
            for p in mutable_parts(getattr(value, field.name), f"{path}.{field.name}")
        ]
    return [f"{path}: {type(value).__module__}.{type(value).__qualname__}"]


def _shared_map_values() -> list:
    """Every value in the map explorer's ``_rendered_map`` cache.

    ``st.cache_resource``: one object for all sessions.
    """
    from streamlit.runtime.caching import cache_resource_api

    caches = [
        cache
        for by_function in cache_resource_api._resource_caches._function_caches.values()
        for cache in by_function.values()
        if cache.display_name.endswith("_rendered_map")
    ]
    return [result.value for cache in caches for result in list(cache._mem_cache.values())]


def test_the_checker_flags_what_the_old_code_shared(db, icb2019):
    # the old _rendered_map returned maps.choropleth's ChoroplethMap: a folium map and a DataFrame of rows
    from lsc_phm.domain import indicator_data
    from lsc_phm.render import map_classes, map_geometry, maps
    from ui import leaflet

    table = indicator_data.values(db, icb2019, "imd_score", "place", "2019")
    layer = map_geometry.encode_layer(db.query("boundaries", vintage=2019, icb="E54000048", level="place"))
    built = maps.choropleth(
        layer,
        table,
        map_classes.classify(table["value"], "quantiles"),
        value_label="IMD score, 2019",
        unit="score",
        decimals=2,
        defer_payload=True,
    )
    assert mutable_parts(built) == ["value: lsc_phm.render.maps.ChoroplethMap"]  # a plain, changeable dataclass
    assert mutable_parts((built.map, built.rows)) == ["value[0]: folium.folium.Map", "value[1]: pandas.DataFrame"]
    assert mutable_parts(leaflet.render_map(built, "k")) == []  # what the page shares now
    assert mutable_parts(([1], {"a": 1})) == ["value[0]: builtins.list", "value[1]: builtins.dict"]


@pytest.mark.usefixtures("db")
def test_every_shared_map_is_deeply_immutable():
    import streamlit as st

    st.cache_resource.clear()
    for indicator, level in [("imd_score", "lsoa"), ("smoking_adults", "district")]:
        at = AppTest.from_file(APP_PATH, default_timeout=300)
        at.switch_page("pages/map_explorer.py")
        at.session_state["imd_vintage"] = 2019  # not the app's default (IMD 2025): 1,058 LSOAs, not 1,060
        at.query_params.update(map_indicator=indicator, map_level=level)
        at.run()
        assert not at.exception
    shared = _shared_map_values()
    assert len(shared) == 2  # one rendered map per selection
    for value in shared:
        assert mutable_parts(value) == []
        rendered, _, _, fills, update = value
        assert isinstance(update, str) and "lscRestyle" in update  # the in-place update sent with every run
        # LSOAs (1,058, IMD 2019 geography) or districts (18, every district with an LSOA in the ICB)
        assert len(fills) in (1058, 18) and all(isinstance(code, str) and fill.startswith("#") for code, fill in fills)
        assert maps_token_free(rendered.script)


def maps_token_free(script: str) -> bool:
    """The payload placeholders were replaced by the area data (the string is complete, nothing left to render)."""
    from lsc_phm.render import maps

    return maps.ROWS_TOKEN not in script and len(script) > 10_000
