"""Time the briefing for one place, cold and warm (target: under 5 s warm).

    python benchmarks/bench_briefing.py [AREA] [--format pptx|html|pdf]

Prints one line per step: building the profile (queries, SII simulation, static map), then each output format
(charts measured and rendered with vl-convert, no browser). "Cold" is the first briefing in a fresh process (library
start-up, first queries); "warm" is a second briefing of another area in the same process (as in the app or a
`--all-places` run), so the chart cache does not help it.

Measured with the previous version of this script (Blackpool, load average about 17 from other jobs): before
(555c14b) profile 8.4 s, PPTX 19.3 s, HTML 11.4 s; after chart PNGs were cached per spec and no longer re-validated
(lsc_phm.render.images) profile 6.3 s, PPTX 16.4 s, HTML 0.14 s (its charts were rendered for the PPTX).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lsc_phm import config  # noqa: E402
from lsc_phm.domain import geography  # noqa: E402
from lsc_phm.reports import briefing, place_report  # noqa: E402
from lsc_phm.store.db import open_database  # noqa: E402


def _one(db, icb, area: str, formats: list[str], label: str) -> float:
    start = time.perf_counter()
    profile = place_report.build(db, icb, area, with_map="html" in formats)  # as the CLI does
    built = time.perf_counter()
    print(f"{label} profile for {profile.area.name}: {built - start:.2f} s")
    worst = 0.0
    for fmt in formats:
        t0 = time.perf_counter()
        size = len(briefing.render_briefing(profile, fmt))
        seconds = time.perf_counter() - t0
        full = built - start + seconds
        worst = max(worst, full)
        print(f"{label} {fmt}: {seconds:.2f} s ({size / 1e6:.1f} MB); full briefing (profile + {fmt}) {full:.2f} s")
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("area", nargs="?", default="blackpool")
    parser.add_argument("--format", choices=briefing.FORMATS, action="append")
    args = parser.parse_args()
    formats = args.format or ["pptx", "pdf"]
    db = open_database()
    icb = geography.resolve_icb(db, config.configured_icb(), config.DEFAULT_IMD_VINTAGE)
    _one(db, icb, "Blackburn with Darwen" if args.area.lower() == "blackpool" else "blackpool", formats, "cold")
    worst = _one(db, icb, args.area, formats, "warm")
    print(f"slowest warm briefing: {worst:.2f} s; target < 5 s ({'met' if worst < 5 else 'NOT met'})")


if __name__ == "__main__":
    main()
