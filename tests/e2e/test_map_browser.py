"""Browser tests of the map explorer: the map draws offline, hover shows a tooltip, a click opens the profile.

The map's polygons are drawn on a canvas (``prefer_canvas``), so "drawn" is detected through the layer the map
script exposes (``window.lscChoropleth``) plus a non-empty canvas in Leaflet's overlay pane.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e

FRAME = 'iframe[title="streamlit_folium.st_folium"]'
#: Areas drawn per level for Lancashire and South Cumbria, IMD 2019 geography (count of geo_boundaries rows).
AREAS_2019 = {"lsoa": 1058, "msoa": 217, "ward": 320, "district": 18, "place": 5, "sicbl": 8, "footprint": 5}


def _wait_for_polygons(page, expected: int, timeout_ms: int = 60_000):
    page.wait_for_selector(FRAME, timeout=timeout_ms)
    frame = page.frame_locator(FRAME)
    frame.locator(".leaflet-overlay-pane canvas").wait_for(timeout=timeout_ms)
    handle = page.wait_for_selector(FRAME).content_frame()
    handle.wait_for_function(
        "n => window.lscChoropleth && window.lscChoropleth.getLayers().length === n", arg=expected, timeout=timeout_ms
    )
    return handle


def _area_point(page, frame, code: str) -> tuple[float, float]:
    """Page coordinates of a point inside the area ``code`` (its polygon's centre of mass, in view)."""
    point = frame.evaluate(
        """code => {
            const layer = window.lscChoropleth.getLayers().find(l => l.areaCode === code);
            const p = window.map.latLngToContainerPoint(layer.getCenter());
            return [p.x, p.y];
        }""",
        code,
    )
    box = page.locator(FRAME).bounding_box()
    return box["x"] + point[0], box["y"] + point[1]


@pytest.mark.parametrize("level", list(AREAS_2019))
def test_every_level_draws_offline(app_url, page, level):
    indicator = {"sicbl": "qof_hyp"}.get(level, "imd_score")
    page.goto(f"{app_url}/map_explorer?imd_vintage=2019&map_indicator={indicator}&map_level={level}")
    wait_for_app(page)
    frame = _wait_for_polygons(page, AREAS_2019[level])
    # Leaflet came from the app's own static folder, not a CDN
    assert frame.evaluate("typeof L !== 'undefined' && L.version") == "1.9.3"
    page.wait_for_timeout(500)
    screenshot(page, f"map_{level}")


def test_hover_tooltip_and_click_profile(app_url, page):
    page.goto(f"{app_url}/map_explorer?imd_vintage=2019&map_indicator=smoking_adults&map_level=district")
    wait_for_app(page)
    frame = _wait_for_polygons(page, AREAS_2019["district"])
    x, y = _area_point(page, frame, "E06000009")
    page.mouse.move(x, y)
    tooltip = page.frame_locator(FRAME).locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=10_000)
    text = tooltip.inner_text()
    # Fingertips 92443, 2024: Blackpool 20.8%, England 10.4% (as in the database's mart_indicator_values)
    assert "Blackpool" in text and "[E06000009]" in text
    assert "20.8%" in text and "10.4%" in text
    page.mouse.click(x, y)
    page.get_by_role("heading", name="Blackpool").wait_for(timeout=30_000)
    # the profile beside the map: its deprivation and indicator lists (the values table stays closed)
    page.get_by_text("(this area, or the nearest larger area with data)").wait_for(timeout=30_000)
    assert "**Deprivation**" not in page.locator("[data-testid='stMain']").inner_text()  # rendered, not raw
    assert "map_area=E06000009" in page.url
    page.wait_for_timeout(800)
    screenshot(page, "map_district_clicked")


def test_blackpool_wards_task(app_url, page):
    """An analyst's task: the most deprived ward in Blackpool, then its smoking and hypertension context."""
    page.goto(f"{app_url}/map_explorer?imd_vintage=2019&map_indicator=imd_score&map_level=ward&map_area=E05001647")
    wait_for_app(page)
    _wait_for_polygons(page, AREAS_2019["ward"])
    page.get_by_role("heading", name="Claremont").wait_for(timeout=30_000)
    body = page.locator("[data-testid='stMain']").inner_text()
    assert "Blackpool" in body
    page.wait_for_timeout(500)
    screenshot(page, "map_ward_claremont")


def test_table_opens_on_request_and_keeps_open_through_a_district_choice(app_url, page):
    """The values table is sent only when asked for (it delayed the map), opens by a click, follows the district
    filter without closing, and its state is in the address bar."""
    from tests.e2e.conftest import choose

    page.goto(f"{app_url}/map_explorer?imd_vintage=2019&map_indicator=imd_score&map_level=ward")
    wait_for_app(page)
    _wait_for_polygons(page, AREAS_2019["ward"])
    assert page.get_by_test_id("stDataFrame").count() == 0  # nothing selected, table closed: no grid at all
    page.get_by_text("Table of the values (320 areas)").click()
    grid = page.get_by_test_id("stDataFrame").first
    grid.wait_for(timeout=30_000)
    page.wait_for_function("() => location.search.includes('map_table=true')", timeout=10_000)
    choose(page, "District", "Blackpool")
    page.get_by_text("Table of the values (21 areas in Blackpool)").wait_for(timeout=30_000)
    wait_for_app(page)
    assert page.get_by_test_id("stDataFrame").count() == 1  # still open after the label changed
    _wait_for_polygons(page, AREAS_2019["ward"])  # the map still draws every ward, zoomed to Blackpool
    page.wait_for_timeout(500)
    screenshot(page, "map_ward_table_blackpool")


def test_indicator_change_and_click_update_the_same_leaflet_map(app_url, page):
    """A new indicator on the same geography restyles the map already drawn: a marker put on the Leaflet map object
    before the change is still there after it (a rebuilt map, or a remounted component, would have lost it), and
    the tooltips carry the new indicator's values. A click then changes only the highlight."""
    from tests.e2e.conftest import choose

    page.goto(f"{app_url}/map_explorer?imd_vintage=2019&map_indicator=imd_score&map_level=district")
    wait_for_app(page)
    frame = _wait_for_polygons(page, AREAS_2019["district"])
    frame.evaluate("() => { window.lscMarker = L.marker([54.0, -2.8]).addTo(window.map); window.map.lscTag = 1; }")
    choose(page, "Indicator", "Smoking · Smoking prevalence (adults 18+)")
    # Fingertips 92443, 2024: Blackpool 20.8% (as in test_hover_tooltip_and_click_profile)
    frame.wait_for_function(
        """() => window.lscChoropleth.getLayers().find(l => l.areaCode === 'E06000009')
                 .getTooltip().getContent().includes('20.8%')""",
        timeout=60_000,
    )
    assert frame.evaluate("() => window.map.lscTag === 1 && window.map.hasLayer(window.lscMarker)")
    x, y = _area_point(page, frame, "E06000009")
    page.mouse.click(x, y)
    page.get_by_role("heading", name="Blackpool").wait_for(timeout=30_000)
    wait_for_app(page)
    assert frame.evaluate("() => window.map.lscTag === 1 && window.map.hasLayer(window.lscMarker)")
    # the selected area is drawn with the selection outline (black, thicker than the 0.8 px area borders)
    style = frame.evaluate("""() => { const l = window.lscChoropleth.getLayers()
                                          .find(l => l.areaCode === 'E06000009'); return [l.options.color,
                                          l.options.weight]; }""")
    assert style == ["#000000", 3.3]


def test_an_update_leaves_the_geometry_out_and_a_reloaded_frame_gets_it_back(app_url, page):
    """An indicator change on the LSOA map sends the new values, not the areas' geometry again: the page's messages
    for the change came to about 350 kB with the geometry script (about 280 kB for 1,058 LSOAs) and 70 kB without.
    A map frame that loses its map afterwards (here: reloaded) asks for the geometry and is drawn again, with the
    new indicator's values in its tooltips."""
    from tests.e2e.conftest import choose

    received: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.append(len(payload))))
    page.goto(f"{app_url}/map_explorer?imd_vintage=2019&map_indicator=imd_score&map_level=lsoa")
    wait_for_app(page)
    frame = _wait_for_polygons(page, AREAS_2019["lsoa"])
    new_values = """() => window.lscChoropleth.getLayers()
                          .every(l => l.getTooltip().getContent().includes('Income deprivation rate, 2019'))"""
    page.wait_for_timeout(1000)
    received.clear()
    choose(page, "Indicator", "Deprivation · Income deprivation rate")
    frame.wait_for_function(new_values, timeout=60_000)
    wait_for_app(page)
    assert 0 < sum(received) < 150_000
    frame.evaluate("() => location.reload()")
    frame = _wait_for_polygons(page, AREAS_2019["lsoa"])
    frame.wait_for_function(new_values, timeout=60_000)


def test_options_and_area_list_are_drawn_on_request(app_url, page):
    """The first view draws four selectboxes and no radio or toggle: the map options open in a popover (an outline
    switched on there is drawn on the same map), and the list of areas opens on request and selects an area."""
    page.goto(f"{app_url}/map_explorer?imd_vintage=2019&map_indicator=imd_score&map_level=ward")
    wait_for_app(page)
    frame = _wait_for_polygons(page, AREAS_2019["ward"])
    frame.evaluate("() => { window.map.lscTag = 1; }")
    main = page.locator("[data-testid='stMain']")  # (the sidebar has the IMD vintage radio)
    # the only radios in the page body are the vintage switch's compact copy (hidden while the sidebar is open)
    assert (
        main.locator("input[type=radio]").count()
        == main.locator(".st-key-imd_vintage_compact_box input[type=radio]").count()
    )
    assert main.locator("input[type=checkbox]").count() == 0
    assert main.get_by_role("combobox").count() == 4  # indicator, geography, period, district
    page.get_by_role("button", name="Map options").click()
    page.get_by_text("Colour by").wait_for(timeout=30_000)
    page.get_by_text("Core20", exact=True).click()
    wait_for_app(page)
    frame.wait_for_function("() => Object.keys(window.lscOutlines || {}).length === 1", timeout=60_000)
    assert frame.evaluate("() => window.map.lscTag === 1")  # the same Leaflet map
    page.keyboard.press("Escape")
    page.get_by_text("Choose from the list of 320 electoral wards").click()
    from tests.e2e.conftest import choose

    choose(page, "Area (electoral wards)", "Claremont (E05001647)")
    page.get_by_role("heading", name="Claremont").wait_for(timeout=30_000)
    page.wait_for_function("() => location.search.includes('map_area=E05001647')", timeout=10_000)


def test_tooltip_stays_inside_the_map_near_its_edges(app_url, page):
    """Blackpool moved to each edge of the map and hovered there: the whole tooltip stays inside the map."""
    page.goto(f"{app_url}/map_explorer?imd_vintage=2019&map_indicator=smoking_adults&map_level=district")
    wait_for_app(page)
    frame = _wait_for_polygons(page, AREAS_2019["district"])
    width, height = frame.evaluate("() => [window.map.getSize().x, window.map.getSize().y]")
    box = page.locator(FRAME).bounding_box()
    # just inside each edge, clear of Leaflet's controls (zoom at top left, scale and attribution along the bottom)
    for tx, ty in (
        (width / 2, 6),
        (width / 2, height - 28),
        (6, height / 2),
        (width - 6, height / 2),
        (width - 6, 6),
        (width - 6, height - 28),
    ):
        frame.evaluate(
            """([tx, ty]) => { const l = window.lscChoropleth.getLayers()
                              .find(l => l.areaCode === 'E06000009'), m = window.map;
                          const p = m.latLngToContainerPoint(l.getCenter());
                          m.panBy([p.x - tx, p.y - ty], {animate: false}); }""",
            [tx, ty],
        )
        page.mouse.move(box["x"] - 20, box["y"] - 20)  # off the map: the last tooltip closes
        page.wait_for_timeout(100)
        page.mouse.move(box["x"] + tx + 1, box["y"] + ty + 1)
        page.wait_for_timeout(100)  # Leaflet's canvas drops mouse moves less than 32 ms apart
        page.mouse.move(box["x"] + tx, box["y"] + ty)
        tooltip = page.frame_locator(FRAME).locator(".leaflet-tooltip").filter(has_text="Blackpool")
        tooltip.wait_for(timeout=10_000)
        page.wait_for_timeout(100)
        tip = frame.evaluate("""() => { const t = [...document.querySelectorAll('.leaflet-tooltip')]
                .find(t => t.textContent.includes('Blackpool')), r = t.getBoundingClientRect(),
            c = window.map.getContainer().getBoundingClientRect();
            return [r.left - c.left, r.top - c.top, r.right - c.left, r.bottom - c.top]; }""")
        assert tip[0] >= 0 and tip[1] >= 0 and tip[2] <= width and tip[3] <= height, ((tx, ty), tip)
