"""CPU time of the costliest views, cold and warm, for a few ICBs (a script that prints figures, not a test).

Run:  .venv/bin/python benchmarks/bench_views.py [--icbs QE1,QHM,QNX] [--vintages 2019,2025]

For each ICB and vintage, in one process (AppTest, the same app.py the server runs): the overview first (so module
imports and the ICB's shared look-ups are done, as for a visitor who arrives on the home page), then each view twice:

* **cold**: its first view for this ICB and vintage (its own caches empty), what the sweep in
  ``tests/pages/test_every_icb.py`` pays for every case;
* **warm**: the same view again in a new session (caches filled), what every later visitor pays.

Figures are process CPU seconds (``time.process_time``: the script thread plus AppTest's harness), steadier than
wall time on a shared machine.
"""

from __future__ import annotations

#: Measured on the project's 2-core machine while other jobs ran on it (load average about 12), CPU seconds, IMD 2019:
#: before = main at daa1acb, after = feat/sweep merged with it (clinical-area charts built once per ICB, vintage and
#: confidence; availability and dataset titles looked up once; series without the unused latest values). Printed
#: after a run.
MEASURED = """reference (issues 16 and 11), CPU seconds cold / warm, IMD 2019, before -> after:
  QNX place profile        2.44 / 0.32  ->  2.16 / 0.19
  QNX 5 clinical areas     3.73 / 1.88  ->  2.75 / 0.45
  QNX scorecard            1.13 / 0.13  ->  0.88 / 0.14
  QNX by deprivation       0.78 / 0.08  ->  0.77 / 0.06
  QE1 place profile        2.63 / 0.31  ->  2.44 / 0.24
  QE1 5 clinical areas     4.27 / 1.79  ->  2.86 / 0.14
  QE1 scorecard            0.94 / 0.38  ->  0.90 / 0.18
  QE1 by deprivation       0.78 / 0.08  ->  0.78 / 0.06
feat/map2 12c5aa6, 2026-12-04, SHARED machine (load 8.3 -> 6.8), cold / warm CPU s, IMD 2019 | IMD 2025; the "5 clinical
areas" row is the tab as it opens now (each section drawn on request: not comparable with the rows above; the "all
open" row, added after this run, times the work they measured):
  QE1 place profile 2.01 / 0.16 | 2.07 / 0.29; 5 clinical areas 0.03 / 0.02 | 0.02 / 0.02; scorecard 1.49 / 0.04 |
      1.56 / 0.04; by deprivation 0.82 / 0.08 | 0.97 / 0.10
  QHM place profile 1.50 / 0.24 | 1.51 / 0.26; 5 clinical areas 0.02 / 0.01 | 0.02 / 0.02; scorecard 1.51 / 0.02 |
      1.69 / 0.02; by deprivation 0.84 / 0.07 | 0.97 / 0.09
  QNX place profile 1.47 / 0.14 | 0.84 / 0.12; 5 clinical areas 0.02 / 0.02 | 0.02 / 0.02; scorecard 1.58 / 0.02 |
      1.18 / 0.02; by deprivation 0.80 / 0.06 | 0.98 / 0.10"""

import argparse
import functools
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: Session state a view starts with: every section of the "5 clinical areas" tab opened. The tab now draws a section
#: only when it is opened, so its plain view no longer does the work the MEASURED figures below were taken with.
ALL_OPEN = "every clinical-area section opened"
VIEWS = [
    ("place profile", "pages/place_profile.py", {}),
    ("5 clinical areas", "pages/core20plus5.py", {"c20_tab": "5 clinical areas"}),
    ("5 areas, all open", "pages/core20plus5.py", {"c20_tab": "5 clinical areas", ALL_OPEN: ""}),
    ("scorecard", "pages/core20plus5.py", {"c20_tab": "Scorecard"}),
    ("by deprivation", "pages/inequalities.py", {"ineq_tab": "By deprivation"}),
]


def run(page: str, vintage: str, params: dict[str, str]) -> float:
    """CPU seconds for one AppTest run of ``page`` (a new session)."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    app.query_params["imd_vintage"] = vintage
    for key, value in params.items():
        if key == ALL_OPEN:
            from lsc_phm.domain import core20plus5

            for section in (
                "c20_smi",
                "c20_vaccination",
                "c20_hypertension",
                *(f"c20_area_{area.key}" for area in core20plus5.CLINICAL_AREAS),
            ):
                app.session_state[section] = True
        else:
            app.query_params[key] = value
    app.switch_page(page)
    started = time.process_time()
    app.run()
    spent = time.process_time() - started
    if app.exception:
        raise SystemExit(f"{page} {params} raised: {app.exception[0].message[:300]}")
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--icbs", default="QE1,QHM,QNX")
    parser.add_argument("--vintages", default="2019,2025")
    args = parser.parse_args()

    from streamlit import config as streamlit_config
    from streamlit.components.v2 import manifest_scanner

    streamlit_config.set_option("client.showErrorDetails", "full")
    # scanned once per process, as tests/conftest.py does (the installed packages do not change)
    manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)
    print(f"{'ICB':4} {'IMD':4} {'view':18} {'cold':>6} {'warm':>6}  (CPU seconds)")
    for icb in args.icbs.split(","):
        os.environ["LSC_PHM_ICB"] = icb
        for vintage in args.vintages.split(","):
            run("pages/home.py", vintage, {})
            for name, page, params in VIEWS:
                try:
                    cold = run(page, vintage, params)
                    warm = run(page, vintage, params)
                except SystemExit as error:  # a view that raises is reported, and the other views still timed
                    print(f"{icb:4} {vintage:4} {name:18} {error}", flush=True)
                    continue
                print(f"{icb:4} {vintage:4} {name:18} {cold:6.2f} {warm:6.2f}", flush=True)
    print()
    print(MEASURED)


if __name__ == "__main__":
    main()
