"""The app and the test suite open no socket to a non-local address (the guard in tests/conftest.py refuses them)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests import network_guard
from tests.conftest import open_page

ROOT = Path(__file__).resolve().parents[1]


def test_guard_refuses_non_local_addresses_and_allows_loopback():
    listener = socket.create_server(("127.0.0.1", 0))
    try:
        with socket.create_connection(listener.getsockname(), timeout=2):
            pass
        refused_before = len(network_guard.ATTEMPTS)
        # 192.0.2.1 is TEST-NET-1 (RFC 5737): never routed; the guard refuses before any packet is sent
        with pytest.raises(network_guard.NonLocalConnection):
            socket.create_connection(("192.0.2.1", 443), timeout=1)
        with pytest.raises(network_guard.NonLocalConnection):  # no DNS lookup either
            socket.getaddrinfo("fingertips.phe.org.uk", 443)
        assert network_guard.ATTEMPTS[refused_before:] == [("192.0.2.1", 443), ("fingertips.phe.org.uk", 443)]
    finally:
        listener.close()
        del network_guard.ATTEMPTS[refused_before:]  # these two were this test's own


def test_app_start_runs_without_network():
    # The app's first page (what a browser opening `make run` gets) and Data and methods (with the refresh panel):
    # the guard would raise inside the script on any non-local socket, so no exception means none was opened.
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP_PATH

    refused_before = len(network_guard.ATTEMPTS)
    home = AppTest.from_file(APP_PATH, default_timeout=90)
    home.run()
    assert not home.exception and home.title  # the default page drew
    assert not open_page("pages/data_and_methods.py").exception
    assert network_guard.ATTEMPTS[refused_before:] == []


def test_make_run_server_start_opens_no_non_local_socket(tmp_path, db):
    # `make run` = `python -m lsc_phm build --if-stale` then `streamlit run app.py`: both run here with the guard
    # installed through sitecustomize, logging any refusal to a file; the server is then asked for its health and
    # its page over loopback.
    log = tmp_path / "refused.txt"
    (tmp_path / "sitecustomize.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom tests import network_guard\n"
        f"network_guard.install({str(log)!r})\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    subprocess.run(
        [sys.executable, "-m", "lsc_phm", "build", "--if-stale"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                    assert answer.read() == b"ok"
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.5)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
            assert answer.status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert not log.exists(), f"non-local connections attempted: {log.read_text()}"
