"""Benchmark of the statistics core (a script, not a test).

Run:  .venv/bin/python benchmarks/bench_stats.py

Prints the median wall time over several runs of
* ``sii`` with 100,000 repetitions for 10 quantiles (target < 1 s), for the
  plain and the transformed (log) fit, and
* ``sii`` from counts (proportions), with the reliability check (10 x 100,000
  repetitions), and ``sii_grouped`` over 20 areas,
* ``funnel_limits`` / ``funnel_significance`` for 10,000 practices, and
* ``proportion`` (Wilson) on 10,000 rows.
"""

from __future__ import annotations

#: Measured on the project's SHARED 2-core machine (other engineers' jobs running). Printed after a run.
MEASURED = """feat/map2 12c5aa6, 2026-12-04, load 8.3-8.5, numpy 2.4.6, median of 15 (ms): sii 10 quantiles 100,000
repetitions 92.2 (transform 58.6; 95% + 99.8% 84.4; from counts 71.4); with reliability 650.4; sii_grouped 20 areas
1188.2; funnel 10,000 units 1.0; Wilson 10,000 rows 1.4 (two levels 1.5); Byars/exact 10,000 rows 16.5"""

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd

from lsc_phm.stats import funnel_limits, funnel_significance, proportion, rate, sii, sii_grouped

RUNS = 15


def median_seconds(func: Callable[[], object], runs: int = RUNS) -> float:
    func()  # warm-up (imports, caches)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    k = np.arange(1, 11)
    pop = np.full(10, 15_000.0)
    y = np.linspace(420.0, 210.0, 10)
    lower, upper = y * 0.88, y * 1.12
    rng = np.random.default_rng(0)
    n = rng.integers(50, 5000, 10_000).astype(float)
    x = np.floor(n * rng.uniform(0, 1, 10_000))

    counts = np.linspace(3000, 1500, 10)
    areas = pd.DataFrame(
        {
            "area": np.repeat(np.arange(20), 10),
            "q": np.tile(k, 20),
            "pop": 15_000.0,
            "y": np.tile(y, 20),
            "lo": np.tile(lower, 20),
            "hi": np.tile(upper, 20),
        }
    )
    results = {
        "sii, 10 quantiles, 100,000 repetitions (rate)": median_seconds(
            lambda: sii(k, pop, y, lower, upper, value_type="rate", repetitions=100_000, seed=1)
        ),
        "sii, 10 quantiles, 100,000 repetitions (rate, transform=True)": median_seconds(
            lambda: sii(k, pop, y, lower, upper, value_type="rate", transform=True, repetitions=100_000, seed=1)
        ),
        "sii, 10 quantiles, 100,000 repetitions, levels 95% + 99.8%": median_seconds(
            lambda: sii(k, pop, y, lower, upper, confidence=(0.95, 0.998), repetitions=100_000, seed=1)
        ),
        "sii from counts (proportion), 10 quantiles, 100,000 repetitions": median_seconds(
            lambda: sii(k, pop, numerator=counts, value_type="proportion", multiplier=100, repetitions=100_000, seed=1)
        ),
        "sii with reliability (10 x 100,000 repetitions)": median_seconds(
            lambda: sii(k, pop, y, lower, upper, repetitions=100_000, seed=1, reliability=True), runs=3
        ),
        "sii_grouped, 20 areas x 10 quantiles, 100,000 repetitions": median_seconds(
            lambda: sii_grouped(areas, "area", "q", "pop", "y", "lo", "hi", repetitions=100_000, seed=1), runs=3
        ),
        "funnel_limits + funnel_significance, 10,000 units": median_seconds(
            lambda: (funnel_limits(x, n), funnel_significance(x, n))
        ),
        "proportion (Wilson), 10,000 rows": median_seconds(lambda: proportion(x, n)),
        "proportion (Wilson), 10,000 rows, 95% + 99.8%": median_seconds(
            lambda: proportion(x, n, confidence=(0.95, 0.998))
        ),
        "rate (Byars/exact), 10,000 rows": median_seconds(lambda: rate(x, n)),
    }
    print(f"median wall time over {RUNS} runs (numpy {np.__version__})")
    for label, seconds in results.items():
        print(f"  {label:<64} {seconds * 1000:8.1f} ms")
    sii_time = results["sii, 10 quantiles, 100,000 repetitions (rate)"]
    print(f"sii target < 1 s: {'met' if sii_time < 1 else 'NOT met'}")


if __name__ == "__main__":
    main()
    print(MEASURED)
