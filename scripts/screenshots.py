"""Take the README's screenshots: every page (and the main tabs) at 1440 and 800 px, into docs/.

    python scripts/screenshots.py [--only NAME ...] [--out docs]

Starts ``streamlit run app.py`` headless on a free port, drives Debian's Chromium with Playwright, waits for each
view to finish running (and maps to draw), and saves ``docs/<name>_<width>.png``. It also reports whether the
sidebar starts collapsed at 800 px and whether Streamlit logged the "no static folder found" warning.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWS = {  # name -> path and query (tabs are bound to the URL)
    "overview": "/",
    "map_explorer": "/map_explorer",
    "inequalities": "/inequalities",
    "inequalities_trends": "/inequalities?ineq_tab=Life+expectancy",
    "inequalities_spine": "/inequalities?ineq_tab=Spine+chart",
    "core20plus5": "/core20plus5",
    "core20plus5_scorecard": "/core20plus5?c20_tab=Scorecard",
    "place_profile": "/place_profile",
    "data_and_methods": "/data_and_methods",
    "your_data": "/your_data",
}
WIDTHS = (1440, 800)


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_idle(page, timeout: float = 120.0) -> None:
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout * 1000)
    deadline = time.time() + timeout
    while time.time() < deadline and page.locator("[data-testid='stSkeleton']").count():
        time.sleep(0.3)
    time.sleep(1.5)  # charts finish drawing after the script stops


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--out", default="docs")
    args = parser.parse_args()
    out = ROOT / args.out
    out.mkdir(exist_ok=True)
    port = _port()
    log = ROOT / "screenshots" / "screenshots_server.log"
    log.parent.mkdir(exist_ok=True)
    with log.open("w") as handle:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
            ],
            cwd=ROOT,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(180):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for width in WIDTHS:
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                for name, path in VIEWS.items():
                    if args.only and name not in args.only:
                        continue
                    page.goto(url + path)
                    _wait_idle(page)
                    if name == "map_explorer":
                        frame = page.frame_locator('iframe[title="streamlit_folium\\.st_folium"]')
                        frame.locator(".leaflet-interactive, canvas").first.wait_for(timeout=60_000)
                        time.sleep(2)
                    collapsed = page.locator("[data-testid='stExpandSidebarButton']").count() > 0
                    target = out / f"{name}_{width}.png"
                    height = page.evaluate(
                        "() => Math.max(...['stMain', 'stAppViewContainer', 'stMainBlockContainer'].map("
                        "id => { const e = document.querySelector(`[data-testid='${id}']`); "
                        "return e ? e.scrollHeight : 0; }))"
                    )
                    page.set_viewport_size({"width": width, "height": min(max(int(height) + 40, 900), 9000)})
                    time.sleep(1.5)
                    page.screenshot(path=str(target), full_page=True)
                    page.set_viewport_size({"width": width, "height": 900})
                    print(f"{target.relative_to(ROOT)}  sidebar collapsed={collapsed}")
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=15)
    text = log.read_text()
    print("static-folder warning logged:", "no static folder found" in text)
    print("traceback logged:", "Traceback" in text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
