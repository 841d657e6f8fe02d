"""Twenty simultaneous sessions against one app server, without browsers (a script that prints figures, not a test).

Run:  .venv/bin/python benchmarks/bench_load.py [--sessions 20] [--waves 10]

Starts ``streamlit run app.py`` and talks to it as the browser does, over Streamlit's own websocket protocol
(``/_stcore/stream``: a ``BackMsg`` asking for a run of a page with a query string; ``ForwardMsg`` deltas back until
``script_finished``). Each session is a new connection, so the server creates a new session and runs the page
from the top, as for a new visitor. Prints:

* server RSS after every page once (each map level in both IMD vintages too) (goal < 400 MB);
* 20 map explorer sessions started at once (a mix of indicators, levels and areas): p50 and p95 time from
  connecting to the finished run (goal p95 < 3 s on a 2-core machine), exceptions, server CPU time per page view,
  and RSS after (goal < 600 MB);
* the same for 20 sessions spread over every page;
* a soak: ``--waves`` waves of 20 mixed sessions, RSS after the soak and after ``--idle`` seconds (default 150: past
  Streamlit's ``server.disconnectedSessionTTL`` of 120 s, after which closed sessions may be dropped).

The server runs with the environment this script has: ``MALLOC_ARENA_MAX=2 python benchmarks/bench_load.py``
measures it as ``make run`` starts it.

CPU time is the server process's user + system time (``/proc/PID/stat``) divided by the page views in the phase.
"""

from __future__ import annotations

#: Figures measured on the project's 2-core machine while other jobs ran on it (load average 12-20: the p50/p95
#: times are dominated by that; CPU per view and memory are the comparable figures). Printed after a run.
MEASURED = """reference (before = 555c14b with default malloc, after = feat/speed with MALLOC_ARENA_MAX=2):
  RSS after every page once                 before 514 MB   after 498 MB
  20 map explorer sessions: CPU per view    before 233 ms   after 188 ms;  RSS before 568 MB, after 532 MB
                            p50 / p95       before 9.6 / 12.8 s   after 5.4 / 9.1 s; exceptions 0 / 0
  20 sessions on every page: CPU per view   before 251 ms   after 217 ms;  RSS before 602 MB, after 534 MB
  soak of 5 x 20 sessions: RSS              before 740 MB (752 MB after 30 s idle)   after 612 MB (612 MB after 150 s)
main 817c858 (runner.postScriptGC off), quiet machine (load < 2), --waves 2:
  RSS after every page once 501 MB; cold first views: home 2.4 s, map 1.0 s, inequalities 0.6 s, core20plus5 0.1 s,
  place profile 2.0 s, data and methods 0.3 s
  20 map explorer sessions: p50 / p95 1.35 / 1.61 s, CPU per view 93 ms, RSS 551 MB; every page: p95 2.85 s, CPU 158 ms
  soak 2 x 20: p95 2.58 s, RSS 556 MB after 5 s idle; exceptions 0
feat/mem (memory goal), load average 4-7 (memory comparable, times inflated), default malloc / MALLOC_ARENA_MAX=2:
  RSS after every page once 334 / 331 MB (main 817c858: 501 MB; 975a48e, same script: 497 / 491 MB). Step by step
  (default / arena 2): page views import no matplotlib, geopandas, python-pptx or vl-convert 497 -> 430 / 491 -> 429;
  lsc_phm.stats on scipy.special, no scipy.stats or statsmodels 430 -> 389 / 429 -> 379; DuckDB memory limit
  48 MiB for the server's connection (was 80% of RAM; 56 MB of table blocks held) 389 -> 331 / 379 -> 327 MB;
  final branch (limit for the server only, d5ee7e3) 333 / 328 MB. malloc_trim(0) after every run: 326 / 329 MB,
  no gain, not kept. Map explorer caches after every level in both vintages: rendered maps 1.4 MB, encoded layers
  0.8 MB, all cache_data about 5 MB: no duplicate worth dropping.
  --waves 2: 20 map explorer sessions p95 1.51 / 1.49 s, CPU per view 71 / 70 ms, RSS 402 / 404 MB; every page
  p95 2.06 / 2.26 s, CPU 97 / 106 ms; soak 2 x 20 RSS 444 / 441 MB after 30 s idle; exceptions 0
  --waves 10, default malloc: soak 10 x 20 p95 2.89 s, RSS 519 MB after 150 s idle (goal < 600 MB); exceptions 0
  Floor: a process that imports everything the pages import (streamlit 44 MB, + pandas/pyarrow, duckdb, altair,
  shapely, folium, scipy.special: 192 MB) and opens the database (+33 MB) holds 225 MB before any page runs.
main 7a8c992, quiet machine (load < 4), default malloc, --waves 2 --idle 5:
  RSS after every page once 343 MB; cold first views: home 1.5 s, map 0.5 s, inequalities 0.6 s, core20plus5 0.1 s,
  place profile 1.8 s, data and methods 0.2 s
  20 map explorer sessions: p50 / p95 1.22 / 1.41 s, CPU per view 81 ms, RSS 403 MB; every page: p95 2.42 s, CPU 129 ms,
  RSS 400 MB; soak 2 x 20: p95 1.92 s, RSS 452 MB after 5 s idle; exceptions 0
feat/map2 aa93f2f (map views and the other pages of the waves in IMD 2019; the first pass over every page in the
default IMD 2025 and every map level in both vintages), 2026-12-04, SHARED machine, load 6.9-7.4, --waves 2 --idle 5:
  RSS after every page once 416 MB (goal < 400 MB; not compared with 343 MB above, taken when IMD 2019 was the
  default, so the first pass then loaded one vintage's page caches, not two); cold first views (wall, under load):
  home 21.9 s, map 0.9 s, inequalities 2.3 s, core20plus5 0.2 s, place profile 3.3 s, data and methods 0.5 s
  20 map explorer sessions: p50 / p95 2.75 / 3.09 s, CPU per view 121 ms, RSS 475 MB; every page: p95 8.04 s, CPU
  304 ms, RSS 480 MB; soak 2 x 20: p95 3.47 s, RSS 515 MB after 5 s idle; exceptions 0 (times inflated by the load)
main 38b6258 + the first pass over every page in both vintages (the waves view the other pages in IMD 2019, which the
first pass had seen only in the default 2025, so "every page" measured cold profiles: p95 3.44 s), 2026-12-05 02:33,
quiet (load < 2), --waves 2 --idle 5: RSS after every page once in each vintage and every map level 362 MB (goal
< 400 MB); cold first views home 1.2 s, map 0.4 s, inequalities 0.6 s, core20plus5 0.2 s, place profile 1.1 s, data
and methods 0.1 s; 20 map explorer sessions p50 / p95 0.88 / 0.99 s, CPU per view 58 ms; every page p95 1.89 s, CPU
102 ms; soak 2 x 20 p95 1.55 s, RSS 480 MB after 5 s idle; exceptions 0. Build (python -m lsc_phm build, three
runs): 6.7 s each
main c224889 (the Overview now computes the ICB's attention list on its first view), 2026-12-05 05:20, quiet (load
< 1), --waves 2 --idle 5: RSS after every page once in each vintage and every map level 362 MB; cold first views home
1.7 s (was 1.2 s: about 0.5 s for the attention list, once per process), map 0.5 s, inequalities 0.6 s, core20plus5
0.2 s, place profile 1.1 s, data and methods 0.2 s; 20 map explorer sessions p50 / p95 1.00 / 1.15 s, CPU per view
66 ms; every page p95 2.12 s, CPU 119 ms; soak 2 x 20 p95 1.63 s, RSS 460 MB after 5 s idle; exceptions 0"""

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FINISHED = 0  # ScriptFinishedStatus.FINISHED_SUCCESSFULLY
PAGES = ["", "map_explorer", "inequalities", "core20plus5", "place_profile", "data_and_methods"]
#: In the IMD 2019 geography (2011 LSOAs, the ward and LSOA codes below), as the MEASURED figures were taken when it
#: was the default; every page and level is also viewed once in both vintages below.
MAP_VIEWS = [
    f"{query}&imd_vintage=2019"
    for query in (
        "map_indicator=imd_score&map_level=lsoa",
        "map_indicator=imd_score&map_level=ward&map_area=E05001647",
        "map_indicator=income_deprivation_rate&map_level=lsoa",
        "map_indicator=smoking_adults&map_level=district&map_area=E06000009",
        "map_indicator=le_male&map_level=place",
        "map_indicator=qof_hyp&map_level=sicbl",
        "map_indicator=imd_score&map_level=lsoa&map_area=E01012673",
        "map_indicator=core20_population_share&map_level=ward",
    )
]
#: The other pages in the waves, in the same vintage as the map views.
OTHER_PAGES = "imd_vintage=2019"
LEVELS = {
    "lsoa": "imd_score",
    "ward": "imd_score",
    "district": "smoking_adults",
    "place": "le_male",
    "sicbl": "qof_hyp",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def view(port: int, page: str, query: str = "") -> tuple[float, list[str], int]:
    """One new session: run ``page`` with ``query``; seconds to the finished run, exception messages, bytes."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    start = time.perf_counter()
    errors: list[str] = []
    received = 0
    async with websockets.connect(
        f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=None, open_timeout=120
    ) as ws:
        message = BackMsg()
        message.rerun_script.query_string = query
        message.rerun_script.page_name = page
        await ws.send(message.SerializeToString())
        while True:
            raw = await asyncio.wait_for(ws.recv(), timeout=300)
            received += len(raw)
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                if element.WhichOneof("type") == "exception":
                    errors.append(element.exception.message or element.exception.type)
            if kind == "script_finished" and forward.script_finished == FINISHED:
                return time.perf_counter() - start, errors, received


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1]) / 1024


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _wave(port: int, views: list[tuple[str, str]]) -> list[tuple[float, list[str], int]]:
    return await asyncio.gather(*(view(port, page, query) for page, query in views))


def _report(name: str, pid: int, results, cpu: float, together: int | None = None) -> None:
    times = sorted(t for t, _, _ in results)
    errors = [e for _, errs, _ in results for e in errs]
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    print(
        f"load     {name}: {len(results)} sessions, {together or len(results)} at once, time to finished run p50 "
        f"{statistics.median(times):.2f} s, p95 {p95:.2f} s (goal p95 < 3 s), max {times[-1]:.2f} s; "
        f"exceptions {len(errors)}; server CPU per page view {cpu / len(results) * 1000:.0f} ms; "
        f"RSS {_rss_mb(pid):.0f} MB"
    )
    for error in dict.fromkeys(errors):
        print(f"         exception: {error[:200]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--waves", type=int, default=10)
    parser.add_argument("--idle", type=float, default=150.0)
    args = parser.parse_args()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        pid = server.pid
        print(f"memory   server RSS at start {_rss_mb(pid):.0f} MB")
        first = []
        for page in PAGES:
            first.append(asyncio.run(view(port, page)))
        for page in PAGES:  # the waves below view the other pages in IMD 2019: seen once, as in the default vintage
            first.append(asyncio.run(view(port, page, OTHER_PAGES)))
        for vintage in (2019, 2025):
            for level, indicator in LEVELS.items():
                first.append(
                    asyncio.run(
                        view(port, "map_explorer", f"map_indicator={indicator}&map_level={level}&imd_vintage={vintage}")
                    )
                )
        errors = [e for _, errs, _ in first for e in errs]
        print(
            f"memory   server RSS after every page once in each IMD vintage (and every map level in both vintages, "
            f"one session at a time): {_rss_mb(pid):.0f} MB (goal < 400 MB); cold first views: "
            + ", ".join(f"{page or 'home'} {t:.1f} s" for page, (t, _, _) in zip(PAGES, first, strict=False))
            + f"; exceptions {len(errors)}"
        )
        maps = [("map_explorer", MAP_VIEWS[i % len(MAP_VIEWS)]) for i in range(args.sessions)]
        cpu = _cpu_seconds(pid)
        results = asyncio.run(_wave(port, maps))
        _report("map explorer", pid, results, _cpu_seconds(pid) - cpu)
        mixed = [
            (
                PAGES[i % len(PAGES)],
                MAP_VIEWS[i % len(MAP_VIEWS)] if PAGES[i % len(PAGES)] == "map_explorer" else OTHER_PAGES,
            )
            for i in range(args.sessions)
        ]
        cpu = _cpu_seconds(pid)
        results = asyncio.run(_wave(port, mixed))
        _report("every page", pid, results, _cpu_seconds(pid) - cpu)
        cpu = _cpu_seconds(pid)
        soak = []
        for wave in range(args.waves):
            views = [
                ("map_explorer", MAP_VIEWS[(i + wave) % len(MAP_VIEWS)])
                if i % 2 == 0
                else (PAGES[(i + wave) % len(PAGES)], OTHER_PAGES)
                for i in range(args.sessions)
            ]
            soak += asyncio.run(_wave(port, views))
        _report(f"soak, {args.waves} waves", pid, soak, _cpu_seconds(pid) - cpu, args.sessions)
        print(f"memory   server RSS right after the soak: {_rss_mb(pid):.0f} MB")
        time.sleep(args.idle)
        print(f"memory   server RSS after the soak and {args.idle:.0f} s idle: {_rss_mb(pid):.0f} MB (goal < 600 MB)")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
    print(MEASURED)
