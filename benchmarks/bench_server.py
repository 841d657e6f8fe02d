"""Server time per rerun for every page, measured in-process (a script that prints figures, not a test).

Run:  .venv/bin/python benchmarks/bench_server.py [--runs N]

For every page, in one process (AppTest, the same app.py the server runs):

* **cold**: the first view after every Streamlit cache is cleared (module imports already done, the database
  connection reopened), i.e. what the first visitor after a restart waits for on the server;
* **warm rerun**: the page rerun with nothing changed, median of N (target < 300 ms);
* **CPU per view**: CPU time of the script thread for one warm view (``time.thread_time``; with 2 cores, 20
  simultaneous viewers of a page need it under about 300 ms).

And for the map explorer: an indicator change at LSOA level (two indicators, both seen once before; target
< 150 ms) and choosing an area (the same path as a click on the map: the area is set and the page reruns; AppTest
cannot click inside the map's iframe, so the whole script reruns here, where the browser reruns only the map
fragment; target < 100 ms).

Server time is Streamlit's own script execution (``exec_func_with_error_handling``), not AppTest's wall time,
which also counts the harness decoding every message.
"""

from __future__ import annotations

#: Figures measured on the project's 2-core machine while seven other jobs ran on it (load average 8 before, about 17
#: after): wall times are inflated and noisy, script-thread CPU time is the steadier figure. Printed after a run.
MEASURED = """reference (before = 555c14b, after = feat/speed), warm rerun wall / CPU per view:
  map explorer rerun         before  406 / 100 ms   after  82 / 38 ms
  map indicator change       before  143 /  96 ms   after  41 / 39 ms
  map area chosen            before  154 / 119 ms   after  55 / 38 ms
  data and methods           before  115 /  83 ms   after  20 / 18 ms
  overview                   before   89 /  86 ms   after 528 / 83 ms (wall under load)
  inequalities               before  299 /  63 ms   after 335 / 52 ms
  core20plus5                before   39 /  38 ms   after  54 / 30 ms
  place profile              before  141 / 121 ms   after 1385 / 109 ms (wall under load)
feat/map2 9f36249 (IMD 2019 set in every session; the map explorer's controls, map and table in one fragment, the
area list on request), 2026-12-04, SHARED machine, load 8.7-9.5 (other engineers' jobs): warm rerun wall / CPU
  home 97 / 88 ms; map explorer 29 / 28 ms; inequalities 62 / 56 ms; core20plus5 61 / 57 ms; place profile
  251 / 172 ms; data and methods 39 / 37 ms; map indicator change 83 / 36 ms; map area chosen 44 / 34 ms"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = [
    "pages/home.py",
    "pages/map_explorer.py",
    "pages/inequalities.py",
    "pages/core20plus5.py",
    "pages/place_profile.py",
    "pages/data_and_methods.py",
]


class ScriptClock:
    """Wall and thread CPU time of every script run, by patching Streamlit's script execution function."""

    def __init__(self) -> None:
        from streamlit.runtime.scriptrunner import script_runner

        self.runs: list[tuple[float, float]] = []
        self._module = script_runner
        self._original = script_runner.exec_func_with_error_handling

        def timed(func, ctx):
            wall, cpu = time.perf_counter(), time.thread_time()
            try:
                return self._original(func, ctx)
            finally:
                self.runs.append((time.perf_counter() - wall, time.thread_time() - cpu))

        script_runner.exec_func_with_error_handling = timed

    def since(self, mark: int) -> tuple[float, float]:
        done = self.runs[mark:]
        return sum(w for w, _ in done), sum(c for _, c in done)

    def close(self) -> None:
        self._module.exec_func_with_error_handling = self._original


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _timed_run(clock: ScriptClock, at) -> tuple[float, float]:
    mark = len(clock.runs)
    at.run()
    if at.exception:
        raise RuntimeError(f"page raised: {at.exception[0].value}")
    return clock.since(mark)


def pages(runs: int) -> None:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    clock = ScriptClock()
    try:
        for page in PAGES:
            st.cache_data.clear()
            st.cache_resource.clear()
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
            at.query_params["imd_vintage"] = "2019"  # as the MEASURED figures (then the default vintage)
            at.switch_page(page)
            cold, _ = _timed_run(clock, at)
            warm = [_timed_run(clock, at) for _ in range(runs)]
            wall = statistics.median(w for w, _ in warm)
            cpu = statistics.median(c for _, c in warm)
            print(
                f"page     {page:<26} cold {_ms(cold):>8}   warm rerun median {_ms(wall):>7} "
                f"(target < {'150' if 'map' in page else '300'} ms)   CPU per view {_ms(cpu):>7}"
            )
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.query_params["imd_vintage"] = "2019"  # the areas below are 2011 LSOAs
        at.switch_page("pages/map_explorer.py")
        at.run()
        choices = ["income_deprivation_rate", "imd_score"]
        for choice in choices:
            next(s for s in at.selectbox if s.label == "Indicator").set_value(choice)
            at.run()
        change = []
        for index in range(runs):
            next(s for s in at.selectbox if s.label == "Indicator").set_value(choices[index % 2])
            change.append(_timed_run(clock, at))
        print(
            f"map      indicator change at LSOA level: median {_ms(statistics.median(w for w, _ in change))} "
            f"(target < 150 ms), CPU {_ms(statistics.median(c for _, c in change))}"
        )
        areas = ["E01012571", "E01012572", "E01012573"]
        at.session_state["map_area_list"] = True  # the list of areas beside the map, opened
        at.run()
        for code in areas:  # warm each area's profile once
            at.selectbox(key="map_area_pick").set_value(code)
            at.run()
        pick = []
        for index in range(runs):
            at.selectbox(key="map_area_pick").set_value(areas[index % len(areas)])
            pick.append(_timed_run(clock, at))
        print(
            f"map      area chosen (click path, whole script in AppTest): median "
            f"{_ms(statistics.median(w for w, _ in pick))} (target < 100 ms for the fragment), "
            f"CPU {_ms(statistics.median(c for _, c in pick))}"
        )
    finally:
        clock.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    pages(args.runs)


if __name__ == "__main__":
    main()
    print(MEASURED)
