"""The allocator's memory handed back (`dashboard.allocator`): on glibc, freed memory of a thread's arena returns to
the system when trimmed, and `keep_small` trims in a thread of its own; bench/memory.py measures the server."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from dashboard import allocator


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
