"""The allocator's memory handed back (`dashboard.allocator`): the server runs itself again on jemalloc where the
system has it; on glibc, freed memory of a thread's arena returns to the system when trimmed, and `keep_small` trims
in a thread of its own; bench/memory.py measures the server."""

from __future__ import annotations

import ctypes.util
import os
import sys
import threading
from pathlib import Path

import pytest

from dashboard import allocator
from tests.browser.harness import serve, server_pid
from tests.support import PROJECT_ROOT

JEMALLOC = ctypes.util.find_library("jemalloc")


def resident_mb() -> float:
    fields = Path("/proc/self/status").read_text().split("\n")
    return next(int(line.split()[1]) for line in fields if line.startswith("VmRSS:")) / 1024


@pytest.mark.skipif(allocator._libc() is None, reason="not glibc")
def test_a_trim_hands_back_what_a_thread_freed():
    kept = []

    def churn() -> None:  # blocks above Python's own small-object allocator, one in a hundred still in use after
        blocks = [bytes(2000) for _ in range(60_000)]
        kept.extend(blocks[::100])
        del blocks

    worker = threading.Thread(target=churn)
    worker.start()
    worker.join()
    before = resident_mb()
    allocator._libc().malloc_trim(0)
    assert resident_mb() < before - 20


def test_keep_small_trims_in_its_own_thread(monkeypatch):
    monkeypatch.setattr(allocator, "TRIM_EVERY_S", 0.01)
    allocator.keep_small()
    assert allocator._libc() is None or any(t.name == "vidkryto-malloc-trim" and t.daemon
                                            for t in threading.enumerate())


@pytest.mark.skipif(JEMALLOC is None and os.environ.get("VIDKRYTO_REQUIRE_BROWSER") != "1",
                    reason="no jemalloc here (Debian: libjemalloc2; `make test` installs it)")
def test_the_server_runs_on_jemalloc(demo_public_sqlite_url, tmp_path):
    """`streamlit run start.py` runs itself again in place with jemalloc preloaded, and serves."""
    with serve(PROJECT_ROOT, demo_public_sqlite_url, tmp_path / "server.log") as base:
        pid = server_pid(base.rsplit(":", 1)[1])
        assert "libjemalloc" in Path(f"/proc/{pid}/maps").read_text()


def test_no_glibc_trim_beside_jemalloc(monkeypatch):
    monkeypatch.setattr(allocator, "jemalloc_loaded", lambda: True)
    monkeypatch.setattr(allocator, "_libc", lambda: pytest.fail("glibc asked for"))
    before = threading.active_count()
    allocator.keep_small()
    assert threading.active_count() == before


def test_with_jemalloc_runs_the_same_command_again_once(monkeypatch):
    calls = []
    monkeypatch.setattr(allocator.os, "execve", lambda *args: calls.append(args))
    monkeypatch.setattr(allocator.os, "closerange", lambda *args: None)
    monkeypatch.setattr(allocator.ctypes.util, "find_library", lambda name: "libjemalloc.so.2")
    monkeypatch.setattr(allocator, "jemalloc_loaded", lambda: False)
    monkeypatch.setattr(sys, "orig_argv", ["python", ".venv/bin/streamlit", "run", "start.py", "--server.port", "1"])
    monkeypatch.delenv("LD_PRELOAD", raising=False)
    allocator.with_jemalloc()
    [(executable, argv, env)] = calls
    assert (executable, argv) == (sys.executable, [sys.executable, ".venv/bin/streamlit", "run", "start.py",
                                                   "--server.port", "1"])
    assert env["LD_PRELOAD"] == "libjemalloc.so.2" and env["MALLOC_CONF"] == allocator.JEMALLOC_CONF
    monkeypatch.setenv("LD_PRELOAD", "libjemalloc.so.2")  # the library failed to preload: no second try
    allocator.with_jemalloc()
    monkeypatch.delenv("LD_PRELOAD")
    monkeypatch.setattr(sys, "orig_argv", ["python", "-m", "pytest"])  # not a server: nothing to do
    allocator.with_jemalloc()
    assert len(calls) == 1
