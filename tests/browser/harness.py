"""The app in a browser, shared by the browser tests and bench/page_render.py: one way to serve, one way to wait.

`serve` runs `streamlit run start.py` (the app as `make run` serves it; `app.py` in a folder without a start.py: an
older checkout, the benchmark's floors) from a project directory on a free port and yields its base URL;
`wait_drawn` returns once the page is fully drawn: the script run has finished (the app root's
`data-test-script-state`, which Streamlit's own browser tests read), the title is there, no skeleton,
spinner or status widget is left, and every Plotly chart holds its SVG.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
START_TIMEOUT_S = 90
DRAW_TIMEOUT_MS = 60_000
# True once the page is fully drawn; then it returns performance.now(), i.e. milliseconds since navigation.
DRAWN = """() => {
  const q = (s) => document.querySelector(s);
  if (q("[data-testid='stStatusWidget']") || q("[data-testid='stSkeleton']") || q("[data-testid='stSpinner']")) return 0;
  if (!q("[data-testid='stApp'][data-test-script-state='notRunning']") || !q("[data-testid='stMain'] h1")) return 0;
  const charts = [...document.querySelectorAll("[data-testid='stPlotlyChart']")];
  return charts.every((chart) => chart.querySelector('.main-svg')) ? performance.now() : 0;
}"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def entry_point(project_dir: Path) -> str:
    """What `streamlit run` is given: start.py, which preloads at process start and serves app.py, where there is
    one."""
    return "start.py" if (Path(project_dir) / "start.py").exists() else "app.py"


@contextmanager
def serve(project_dir: Path, database_url: str, log_path: Path, audience: str = "public", port: int | None = None,
          flags: Sequence[str] = (), address: str | None = "127.0.0.1",
          environment: Mapping[str, str] | None = None, **settings: str):
    """`streamlit run start.py` (else app.py) in project_dir on `port` (a free one by default); yields the base URL
    and stops the server after.

    `flags` are more of Streamlit's own options (`--secrets.files`, …); `address` is the one it listens on (None:
    every interface, as the README's command does); `environment`, more of the server's environment; `settings` are
    more VIDKRYTO_ settings by name (e.g. local_demo="true"); the server's output goes to log_path.
    """
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "VIDKRYTO_DATABASE_URL": database_url, "VIDKRYTO_AUDIENCE": audience,
           **{f"VIDKRYTO_{name.upper()}": value for name, value in settings.items()}, **(environment or {})}
    with log_path.open("a") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", entry_point(project_dir), "--server.port", str(port),
             "--server.headless", "true", "--server.fileWatcherType", "none",
             *(("--server.address", address) if address else ()), *flags],
            cwd=project_dir, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not healthy(url):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Streamlit did not start on {url}:\n{log_path.read_text(errors='replace')}")
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def server_pid(port: str) -> int:
    """The `streamlit run` process serving on `port` (`serve` hands out its address, not its process)."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                args = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"streamlit" in b" ".join(args) and port.encode() in args:
                return int(entry.name)
    raise RuntimeError(f"no streamlit process on port {port}")


def wait_drawn(page: Page, timeout_ms: int = DRAW_TIMEOUT_MS) -> float:
    """performance.now() at the first animation frame where the page is fully drawn (see DRAWN)."""
    return page.wait_for_function(DRAWN, timeout=timeout_ms).json_value()
