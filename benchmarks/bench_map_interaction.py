"""Map interactions in headless Chromium, the map explorer against a naive st_folium app (prints figures; not a test).

Run:  .venv/bin/python benchmarks/bench_map_interaction.py [--runs 5]

For each app, each round opens the LSOA map in a fresh browser context and times three changes, from the mouse press
on the option (or on the map) to the map redrawn in the browser:

* **indicator**: IMD score -> income deprivation rate (1,058 LSOAs). Redrawn = the app's map shows the new values
  (its restyle payload changed) on the same Leaflet map, or, for the naive app, a new map document with every area
  drawn.
* **click**: an LSOA clicked. Redrawn = that area drawn with the selection outline (the app draws it in the browser
  at once; the naive app reruns and draws the map again with it). For the app, the time until the page has answered
  (the area's code in the address bar, written by the rerun that draws its profile) is printed too.
* **level**: LSOA -> ward (320 areas), a new map in both apps.

The clock starts when the mouse is pressed on the option already shown (``page.mouse.click`` at its centre), as a
person's wait starts. Until 2026-12-05 it started before Playwright's ``locator.click()``, whose own checks (scroll,
stable position, hit target) come first: a Chrome trace put the press 40-55 ms after that call, time no person waits
for, added to both apps. Both apps are warmed once (cold server caches are not compared).
``benchmarks/naive_map_interactive_app.py`` is the naive app (plain Streamlit + ``folium.GeoJson`` + ``st_folium``,
same database geometry, Leaflet served locally).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_map_vs_naive import FRAME, _serve  # noqa: E402 - after the sys.path line above

#: Measured on the shared 2-core machine (other engineers' jobs running: load 7.7 / 6.6 / 8.1 at the end), feat/map
#: 3 rounds (time ran out for 5), median ms app vs naive: indicator 353 vs 834; click highlight 45 (page answered
#: 388) vs not measured (the naive app's click did not register); level 561 vs 676.
MEASURED = """feat/map, 3 rounds, load 7.7: indicator 353 vs 834 ms; click 45 ms (page 388 ms); level 561 vs 676 ms
feat/map2 ee55d79 (controls, map and table in one fragment; the area list and the map options drawn on request),
2026-12-04, SHARED machine, load 7.3 at the start, 3.4 at the end, 5 rounds, median app vs naive: indicator 320 vs
1062 ms (app 291-392); click highlight 59 ms (page answered 422 ms) vs n/a; level 606 vs 694 ms (app 477-635).
Goals (quiet machine): indicator <= 200 ms NOT met here; click <= 150 ms met; level <= 450 ms NOT met here.
Same machine, same hour, this branch before / after the page changes (4 interleaved rounds, load 6-8, Chrome DevTools
Performance metrics): indicator change 662 -> 378 ms to the map redrawn, main-thread task time 531 -> 294 ms, script
310 -> 172 ms; level change 674 -> 492 ms, task time 570 -> 418 ms.
feat/map2 b1c0fac (main merged), 2026-12-04 23:02-23:06, SHARED machine but quieter, load 2.0 at the start, 3.5 at
the end, 5 rounds, median app vs naive: indicator 254 vs 761 ms (app 236-379; goal 200: NOT met); click highlight
55 ms (page answered 375 ms; goal 150: met); level 437 vs 664 ms (app 390-558; goal 450: met in this run).
main 1838e3d+ (all branches merged), 2026-12-04 23:31-23:35, nearly quiet (load 1.6 at the start, 1.3 at the end, no
test run), 5 rounds, median app vs naive: indicator 260 vs 702 ms (app 212-357; goal 200: NOT met); click highlight
44 ms (page answered 353 ms; goal 150: met); level 361 vs 506 ms (app 336-521; goal 450: met).
feat/mapperf b7522cb (an update leaves the geometry script out: 352 -> 72 kB received per indicator change; the
method popover written on request; the map drawn before the controls), clock from the mouse press (this script's
rule from now on; Playwright's locator.click() pressed 40-55 ms after it was called), 2026-12-05, SHARED machine
(other engineers' test runs), 5 rounds, median app vs naive:
  01:34-01:38, load 6.0 -> 4.3: indicator 228 vs 749 ms (app 205-269; goal 200: NOT met here); click highlight 55 ms
    (page answered 362 ms; goal 150: met); level 421 vs 613 ms (app 357-590; goal 450: met)
  01:48-01:52, load 5.3 -> 4.2: indicator 256 vs 1103 ms (app 191-368: NOT met here); click highlight 49 ms (page
    answered 375 ms); level 522 vs 913 ms (app 391-721: NOT met here; the naive app also 300 ms slower than above)
  Same rule, main 10e3582 against b7522cb in one interleaved run (8 rounds each, load 8.7, fresh context, IMD 2019
  LSOAs, IMD score -> income deprivation rate): indicator change 328 -> 263 ms; main-thread task time (Chrome
  DevTools Performance metrics) 291 -> 221 ms, script 187 -> 145 ms. Where the time went (Chrome trace and websocket
  frames, main 10e3582, load 4-10): press to the rerun request 50-60 ms (the selectbox's own handling); the server's
  fragment rerun 33-47 ms (cProfile: no part over 6 ms); the page's React updates of the ~45 elements in the
  fragment 90-140 ms; the map frame's restyle of 1,058 polygons 10-40 ms; two animation frames.
  35239d5 (b7522cb + main merged), 02:00-02:04, load 3.3 -> 3.8 (quieter): indicator 185 vs 557 ms (app 168-257;
    goal 200: met in this run); click highlight 44 ms (page answered 337 ms); level 309 vs 491 ms (app 292-773)
  The lead re-measures on a quiet machine.
main 38b6258 (all of this round's branches merged), 2026-12-05 02:27-02:30, quiet (load 0.7 at the end, nothing else
running), 5 rounds, median app vs naive: indicator 157 vs 543 ms (app 156-183; goal 200: met); click highlight 45 ms
(page answered 331 ms; goal 150: met); level 308 vs 392 ms (app 257-320; goal 450: met)"""
LSOAS, WARDS = 1058, 320
#: The LSOA clicked: the largest on screen (a rural one, many pixels wide at the ICB's zoom), found in the app's map.
LARGEST = """() => { let best = null, size = 0; window.lscChoropleth.getLayers().forEach(l => {
    const b = l.getBounds(), a = (b.getNorth() - b.getSouth()) * (b.getEast() - b.getWest());
    if (a > size && l.getBounds().contains(l.getCenter())) { size = a; best = l.areaCode; } }); return best; }"""
#: Per app: a JavaScript predicate on the map frame's window (argument: [areas expected, need a new document]).
APP_AREAS = "() => window.lscChoropleth ? window.lscChoropleth.getLayers().length : -1"
NAIVE_AREAS = "() => window.map ? document.querySelectorAll('.leaflet-overlay-pane path').length : -1"
MARK = "() => { window.benchOld = 1; return window.lscChoropleth ? window.lscChoropleth.lscPayloadId : null; }"
APP_CENTRE = """code => { const l = window.lscChoropleth.getLayers().find(l => l.areaCode === code);
    const p = window.map.latLngToContainerPoint(l.getCenter()); return [p.x, p.y]; }"""
NAIVE_CENTRE = """code => { for (const k in window.map._layers) { const l = window.map._layers[k];
    if (l.feature && l.feature.properties.area_code === code && l.getCenter) {
        window.map.panTo(l.getCenter(), {animate: false});  // its fixed start view may not show the area
        const p = window.map.latLngToContainerPoint(l.getCenter()); return [p.x, p.y]; } } return null; }"""
APP_SELECTED = """code => { const l = window.lscChoropleth && window.lscChoropleth.getLayers()
    .find(l => l.areaCode === code); return !!l && l.options.color === '#000000' && l.options.weight > 2; }"""
NAIVE_SELECTED = """code => { if (!window.map || window.benchOld) return false; for (const k in window.map._layers) {
    const l = window.map._layers[k]; if (l.feature && l.feature.properties.area_code === code)
        return l.options.color === '#000000'; } return false; }"""
RAF = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"


def _frames(page):
    for handle in page.query_selector_all(FRAME):
        frame = handle.content_frame()
        if frame is not None:
            yield frame


def _until(page, check, timeout_s: float = 120.0) -> float:
    """Poll every map frame until ``check(frame)`` is true, then wait for two animation frames; the end time."""
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        for frame in list(_frames(page)):
            try:
                if check(frame):
                    frame.evaluate(RAF)
                    return time.perf_counter()
            except Exception:  # noqa: BLE001 - a frame replaced while polling: poll the new one
                continue
        time.sleep(0.01)
    state = "() => [!!window.benchOld, document.querySelectorAll('.leaflet-overlay-pane path').length]"
    states = [frame.evaluate(state) for frame in _frames(page)]
    raise TimeoutError(f"the map was not redrawn in time ({page.url}; frames: {states})")


def _open_option(page, label: str, typed: str, option: str) -> tuple[float, float]:
    """Open the selectbox ``label``, type ``typed`` and return the page coordinates of ``option`` (to press there)."""
    from tests.e2e.conftest import settle

    settle(page)
    page.get_by_role("combobox", name=label).first.click()
    page.keyboard.type(typed)
    wanted = page.get_by_role("option", name=option, exact=True)
    wanted.wait_for(timeout=30_000)
    wanted.scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # the menu's opening transition
    box = wanted.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def _round(browser, url: str, app: bool, clicked: str) -> dict[str, float]:
    areas = APP_AREAS if app else NAIVE_AREAS
    times = {}
    context = browser.new_context(viewport={"width": 1400, "height": 1400})
    page = context.new_page()
    try:
        page.goto(url)
        _until(page, lambda f: f.evaluate(areas) == LSOAS)
        page.wait_for_timeout(1500)
        frame = next(_frames(page))
        old = frame.evaluate(MARK)
        x, y = _open_option(page, "Indicator", "Income deprivation", "Deprivation · Income deprivation rate")
        start = time.perf_counter()
        page.mouse.click(x, y)
        if app:
            changed = (
                "() => window.lscChoropleth && window.lscChoropleth.getLayers().length === "
                + str(LSOAS)
                + " && window.lscChoropleth.lscPayloadId !== "
                + repr(old or "")
            )
        else:
            changed = f"() => !window.benchOld && ({NAIVE_AREAS})() === {LSOAS}"
        times["indicator"] = _until(page, lambda f: f.evaluate(changed)) - start
        page.wait_for_timeout(1500)
        from tests.e2e.conftest import settle

        settle(page)
        frame = next(_frames(page))
        frame.evaluate(MARK)
        x, y = frame.evaluate(APP_CENTRE if app else NAIVE_CENTRE, clicked)
        page.locator(FRAME).first.scroll_into_view_if_needed()
        box = page.locator(FRAME).first.bounding_box()
        start = time.perf_counter()
        page.mouse.click(box["x"] + x, box["y"] + y)
        try:
            times["click"] = (
                _until(
                    page,
                    lambda f: f.evaluate(APP_SELECTED if app else NAIVE_SELECTED, clicked),
                    timeout_s=120 if app else 15,
                )
                - start
            )
        except TimeoutError:  # the naive app's click is not always registered: that row is then left out
            if app:
                raise
        if app:
            page.wait_for_function(f"() => location.search.includes('map_area={clicked}')", timeout=60_000, polling=10)
            times["click, page answered"] = time.perf_counter() - start
        page.wait_for_timeout(1500)
        frame = next(_frames(page))
        frame.evaluate(MARK)
        x, y = _open_option(page, "Geography", "ward" if not app else "Electoral", "Electoral ward" if app else "ward")
        start = time.perf_counter()
        page.mouse.click(x, y)
        new_level = f"() => !window.benchOld && ({areas})() === {WARDS}"
        times["level"] = _until(page, lambda f: f.evaluate(new_level)) - start
    finally:
        context.close()
    return times


def main() -> None:
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS
    from ui.leaflet import copy_leaflet

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="naive_interactive_"))
    shutil.copy(ROOT / "benchmarks" / "naive_map_interactive_app.py", workdir / "naive_app.py")
    copy_leaflet(workdir / "static")
    copy_leaflet()
    app, app_url = _serve(ROOT / "app.py", ROOT)
    naive, naive_url = _serve(workdir / "naive_app.py", workdir)
    results: dict[str, dict[str, list[float]]] = {"app": {}, "naive": {}}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            targets = {
                "app": (f"{app_url}/map_explorer?map_indicator=imd_score&map_level=lsoa&imd_vintage=2019", True),
                "naive": (f"{naive_url}/", False),
            }
            context = browser.new_context()
            page = context.new_page()
            page.goto(targets["app"][0])
            _until(page, lambda f: f.evaluate(APP_AREAS) == LSOAS)
            clicked = next(_frames(page)).evaluate(LARGEST)
            context.close()
            for url, is_app in targets.values():  # warm: every selection once
                _round(browser, url, is_app, clicked)
            for round_ in range(args.runs):
                for which in ["app", "naive"] if round_ % 2 == 0 else ["naive", "app"]:
                    url, is_app = targets[which]
                    for name, seconds in _round(browser, url, is_app, clicked).items():
                        results[which].setdefault(name, []).append(seconds)
            browser.close()
    finally:
        for server in (app, naive):
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)
    load = os.getloadavg()
    print(
        f"load     {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1, 5, 15-minute load average at the end; 2 cores, "
        "shared with other jobs: not quiet-machine figures)"
    )
    print(
        f"browser  LSOA map, widget change (or click on {clicked}) to map redrawn, median of {args.runs} "
        "interleaved rounds"
    )
    for name in results["app"]:
        app_times, naive_times = results["app"][name], results["naive"].get(name)
        line = f"  {name:<22} app {statistics.median(app_times) * 1000:6.0f} ms"
        if naive_times:
            line += f"   naive {statistics.median(naive_times) * 1000:6.0f} ms"
        elif name == "click":
            line += "   naive: not measured (its click was not registered in time)"
        print(
            line
            + f"   (app {', '.join(f'{t * 1000:.0f}' for t in app_times)}"
            + (f"; naive {', '.join(f'{t * 1000:.0f}' for t in naive_times)}" if naive_times else "")
            + ")"
        )


if __name__ == "__main__":
    main()
