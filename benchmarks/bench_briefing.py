"""Time the full briefing for one place (target: under 10 s).

    python benchmarks/bench_briefing.py [AREA_CODE] [--format pptx|html|pdf]

Prints one line per step: building the profile (queries, SII simulation, static map), then each output format
(chart PNGs rendered with vl-convert, no browser). Caches are cold: a fresh database connection each run.

Measured (Blackpool, load average about 17 from other jobs): before (555c14b) profile 8.4 s, PPTX 19.3 s, HTML 11.4 s;
after (chart PNGs cached per spec and not re-validated) profile 6.3 s, PPTX 16.4 s, HTML 0.14 s (its charts were
rendered for the PPTX). The vl-convert rendering of the charts is most of what remains.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lsc_phm import config
from lsc_phm.domain import geography
from lsc_phm.reports import briefing, place_report
from lsc_phm.store.db import open_database  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("area", nargs="?", default="QE1-E06000009")
    parser.add_argument("--format", choices=briefing.FORMATS, action="append")
    args = parser.parse_args()
    formats = args.format or ["pptx", "html"]
    db = open_database()
    icb = geography.resolve_icb(db, config.configured_icb(), config.DEFAULT_IMD_VINTAGE)
    start = time.perf_counter()
    profile = place_report.build(db, icb, args.area)
    built = time.perf_counter()
    print(f"profile for {profile.area.name}: {built - start:.2f} s")
    worst = 0.0
    for fmt in formats:
        t0 = time.perf_counter()
        size = len(briefing.render_briefing(profile, fmt))
        seconds = time.perf_counter() - t0
        full = built - start + seconds
        worst = max(worst, full)
        print(f"{fmt}: {seconds:.2f} s ({size / 1e6:.1f} MB); full briefing (profile + {fmt}) {full:.2f} s")
    print(f"slowest full briefing: {worst:.2f} s; target < 10 s ({'met' if worst < 10 else 'NOT met'})")


if __name__ == "__main__":
    main()
