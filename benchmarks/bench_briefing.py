"""Time the place briefings, step by step: one place cold and warm, and every place (target: one place's PPTX + HTML
+ PDF under 5 s warm; ``briefing --all-places`` under 30 s, issues 11 and 12).

    python benchmarks/bench_briefing.py [AREA] [--cli] [--vintage 2019|2025]

Each line gives wall-clock seconds and the process's CPU seconds (all threads), and the load average is printed
first and last: the machine (2 cores) is shared, so wall time under load overstates the work; CPU time does not.

What the words mean:

* **cold**: the first briefing in a fresh process (library imports done, nothing of the area computed or rendered;
  the chart cache is empty, no disk cache);
* **warm, another area**: a second briefing in the same process for an area not built before (queries, numbers and
  charts are all new; only the libraries and the process-wide caches are warm). This is the honest "warm" of the
  targets: nothing of this area is reused;
* **warm, same area again**: the profile rebuilt from the database for the same area, its charts served from the
  in-process chart cache (as on the app's second request for a download, or the ``--all-places`` batch);
* **CLI** (``--cli``): ``python -m lsc_phm briefing --all-places --format all`` run twice as new processes: the
  first with an empty chart disk cache, the second reading the charts the first left under ``data/cache/charts/
  <build fingerprint>/`` (deleted when the database is rebuilt, because the folder is named after the build).

Figures measured on this machine (2 cores shared with other jobs; Blackpool, then all places):

before (main at ecc9f2b, load average 3.1-3.9): one place warm (another area) profile 3.03 s, PPTX 2.49 s, HTML
1.50 s, PDF 1.67 s: 8.7 s for the three formats (5.5 s profile + PPTX alone); ``--all-places`` 30.2 s (PPTX),
23.8 s (HTML), 34.7 s (PDF), one format per run: 88.7 s for the three.

The same CLI runs on main at daa1acb, measured in CPU seconds while the machine was loaded (load average 9-15,
so wall time meant nothing): 20.7 s (PPTX) + 19.4 s (HTML) + 24.8 s (PDF) = 64.8 s user CPU for the three formats;
this version 19.1 s user CPU for all three formats of every place in one run, empty chart cache.

after (this version, load average 3.0 at start; wall / CPU seconds):

    cold (Blackburn with Darwen)   profile 2.57, charts 2.56 (12 renderings), PPTX 0.19, HTML 0.02, PDF 0.84: 6.17
    warm, another area (Blackpool) profile 2.67, charts 1.78 (11 renderings), PPTX 0.19, HTML 0.01, PDF 0.56: 5.21
                                   (PPTX + HTML: 4.65 s, target met; all three formats 5.21 s, not met)
    warm, same area again          profile 2.60, charts 0.11 (all from cache), PPTX 0.17, HTML 0.01, PDF 0.52: 3.41
    CLI --all-places --format all  21.2 s (empty disk cache), 13.8 s (second run, charts from the disk cache)

What was left then: the profile's numbers (2.6 s, of which about 1 s is 127 DuckDB queries of some 8-12 ms each,
mostly one indicator at one level and period at a time) and the first rendering of each chart (about 0.15 s each).
Threads did not shorten the chart step measurably on the shared machine (CPU time equals wall time there). Since
then the profile reads all its indicators in one query per IMD vintage and level, and the charts labelled with
indicator names are rendered once, at the largest text size (see MEASURED). What is left now: about 0.4 s of the
profile's CPU is preparing each indicator x period's rows (England comparison, suppression, rounding: 72 small
frames), and about 0.5 s of the charts' CPU is Altair building the nine charts (deep copies in layer/vconcat).
"""

from __future__ import annotations

#: Measured on the project's SHARED 2-core machine (other engineers' jobs running: wall inflated, CPU steadier).
#: Printed after a run.
MEASURED = """feat/map2 aa93f2f (main 5d94f44 + this branch; reports/ and render/ as on main), 2026-12-04, load 4.1-5.8,
warm, another area (Blackpool), wall / CPU s:
  IMD 2019: profile 4.33 / 2.55, charts 6.89 / 3.49 (40 renderings for 9 pictures), PPTX 0.48 / 0.34, HTML 0.02:
            profile + PPTX + HTML 11.72 / 6.39 s (target < 4 s: NOT met); same area again 5.18 / 3.13 s
  IMD 2025: profile 4.33 / 2.49, charts 5.08 / 3.24 (40 renderings), PPTX 0.36 / 0.20, HTML 0.01:
            profile + PPTX + HTML 9.78 / 5.95 s (NOT met); same area again 3.54 / 2.75 s
  (the figures in the docstring, 11 renderings per briefing, were taken before the charts became 40 renderings)
feat/map2 b1c0fac (main merged: reports/ restructured, publish/ layer), 23:01, load 2.0-2.2, IMD 2019, warm, another
area (Blackpool): profile 1.91 / 2.16, charts 3.44 / 3.77 (40 renderings), PPTX 0.31, HTML 0.01: profile + PPTX +
HTML 5.67 s wall (target < 4 s: NOT met); cold subtotal 6.75 s
main 1838e3d + chart font step 1.5, 23:11, load 3.0, IMD 2019, warm, another area (Blackpool): profile 2.01 / 2.00,
charts 2.01 / 1.95 (19 renderings for 9 pictures, was 40), PPTX 0.18, HTML 0.01: profile + PPTX + HTML 4.21 s wall
(target < 4 s: NOT met at load 3); cold subtotal 5.42 s
feat/profperf 81cee78 (main 10e3582 + this branch), 2026-12-05 01:48 UTC, load 5.3-5.8 (shared machine, other
engineers' tests running: wall inflated, compare CPU), IMD 2019, warm, another area (Blackpool), wall / CPU s:
  before (main 10e3582, run at 01:17, load 4.7-9.0): profile 7.15 / 2.70, charts 5.41 / 1.93 (19 renderings for 9
            pictures), PPTX 0.36 / 0.18, HTML 0.02 / 0.01: profile + PPTX + HTML 12.94 / 4.82 s
  after:    profile 1.75 / 1.03 (28 queries, was 252), charts 2.83 / 1.36 (10 renderings for the same 9 pictures,
            byte-identical), PPTX 0.42 / 0.19, HTML 0.04 / 0.04: profile + PPTX + HTML 5.03 / 2.61 s wall / CPU
            (target < 4 s wall: NOT shown on this loaded machine; 2.6 s of CPU on 2 cores); same area again
            2.59 / 1.78 s (met); cold subtotal 4.32 / 3.42 s
  Place profile page AppTests (pytest -n 0 tests/pages/test_page_place_profile*.py, 22 tests): 76.7 s user +
  12.5 s sys -> 56.9 s user + 9.4 s sys CPU (wall 129 s at load 4.8-5.6 -> 122 s at load 4.4-11.3)
main 38b6258 (one query per profile level, 10 renderings for 9 pictures), 2026-12-05 02:32, quiet (load 2.2 -> 1.9),
IMD 2019: warm, another area (Blackpool): profile 0.84 s, charts 1.09 s (10 renderings), PPTX 0.17 s, HTML 0.01 s:
profile + PPTX + HTML 2.11 s wall (target < 4 s: met); with the PDF 3.27 s; cold (Blackburn with Darwen) 2.95 s"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lsc_phm import config
from lsc_phm.domain import geography
from lsc_phm.publish import briefing, briefing_pages
from lsc_phm.render import images
from lsc_phm.reports import place_report
from lsc_phm.store.db import open_database
from lsc_phm.views import place_profile


class Clock:
    """Wall and CPU seconds of a step."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        result = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return result


def _line(label: str, step: str, seconds: tuple[float, float], extra: str = "") -> None:
    print(f"{label:<24} {step:<30} {seconds[0]:6.2f} s wall {seconds[1]:6.2f} s CPU {extra}")


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def one(db, icb, area: str, label: str) -> tuple[float, float]:
    """Profile, charts, then each format; return the total (wall, CPU) of the briefing in all three formats."""
    total = Clock()
    clock = Clock()
    profile = place_report.build(db, icb, area, with_map=True, page_charts=False)  # as the CLI does
    _line(label, f"profile ({profile.area.name})", clock.lap())
    before = images.cache_stats()
    pictures = briefing_pages.slide_pictures(profile)
    after = images.cache_stats()
    _line(
        label,
        f"charts ({len(pictures)})",
        clock.lap(),
        f"rendered {after['misses'] - before['misses']}, from cache {after['hits'] - before['hits']}",
    )
    for fmt in briefing.FORMATS:
        size = len(briefing.render_briefing(profile, fmt))
        _line(label, fmt, clock.lap(), f"{size / 1e6:.1f} MB")
        if fmt == "html":  # the target is for one place's PPTX + HTML
            wall, cpu = time.perf_counter() - total.wall, time.process_time() - total.cpu
            _line(
                label,
                "subtotal (profile + PPTX + HTML)",
                (wall, cpu),
                "target < 4 s: " + ("met" if wall < 4 else "NOT met"),
            )
    wall, cpu = total.lap()
    _line(label, "total (profile + 3 formats)", (wall, cpu), "target < 5 s: " + ("met" if wall < 5 else "NOT met"))
    return wall, cpu


def all_places(db, icb) -> None:
    clock = Clock()
    db.remember()
    codes = place_profile.briefing_place_codes(db, icb)
    for code in codes:
        profile = place_report.build(db, icb, code, with_map=True, page_charts=False)
        for fmt in briefing.FORMATS:
            briefing.render_briefing(profile, fmt)
    db.remember(0)
    wall, cpu = clock.lap()
    _line(
        "all places in-process",
        f"{len(codes)} places x 3 formats",
        (wall, cpu),
        "(same process as above: charts of Blackpool cached)",
    )


def cli_runs(vintage: int) -> None:
    out = Path(tempfile.mkdtemp(prefix="bench_briefing_"))
    cache = Path(tempfile.mkdtemp(prefix="bench_chart_cache_"))
    env = dict(os.environ, LSC_PHM_CHART_CACHE=str(cache))
    try:
        for run in ("first (empty disk cache)", "second (disk cache)"):
            start = time.perf_counter()
            before = os.times()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "lsc_phm",
                    "briefing",
                    "--all-places",
                    "--format",
                    "all",
                    "--imd",
                    str(vintage),
                    "--out",
                    str(out),
                ],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            after = os.times()
            cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
            wall = time.perf_counter() - start
            _line(
                "CLI --all-places",
                run,
                (wall, cpu),
                "target < 30 s: " + ("met" if wall < 30 else "NOT met") + f"; {len(list(out.iterdir()))} files",
            )
    finally:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("area", nargs="?", default="blackpool")
    parser.add_argument("--cli", action="store_true", help="also time the --all-places CLI twice (new processes)")
    parser.add_argument(
        "--vintage",
        type=int,
        default=2019,
        choices=(2019, 2025),
        help="IMD vintage (default 2019, as the figures above; the app's default is 2025)",
    )
    args = parser.parse_args()
    print(f"load average at start: {_load()} (2 cores)")
    db = open_database()
    icb = geography.resolve_icb(db, config.configured_icb(), args.vintage)
    print(f"IMD {args.vintage} geography")
    first = "Blackburn with Darwen" if args.area.lower() == "blackpool" else "blackpool"
    one(db, icb, first, "cold")
    one(db, icb, args.area, "warm, another area")
    one(db, icb, args.area, "warm, same area again")
    all_places(db, icb)
    if args.cli:
        cli_runs(args.vintage)
    print(f"load average at end: {_load()}")


if __name__ == "__main__":
    main()
    print(MEASURED)
