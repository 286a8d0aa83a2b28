"""The server's memory back to the system: Streamlit runs each script run in a thread of its own, and glibc gives
threads arenas of their own that keep what Python frees. A walk of every page for ten minutes held the same Python
objects throughout yet grew by 50-60 MB each time the page cache expired and refilled (bench/RESULTS.md, «Memory
walk at city scale: why it is not flat»). So the process uses fewer arenas and hands free pages back once a
minute. Elsewhere than glibc (musl, macOS) this does nothing."""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
import time

M_ARENA_MAX = -8
"""glibc's `mallopt` parameter of the number of arenas (malloc.h)."""
ARENAS = 2
TRIM_EVERY_S = 60


def _libc():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        return libc if hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt") else None
    except OSError:
        return None


def keep_small() -> None:
    """Fewer arenas from now on, and a daemon thread that trims them every minute (a few milliseconds each)."""
    libc = _libc()
    if libc is None:
        return
    libc.mallopt(M_ARENA_MAX, ARENAS)

    def trim() -> None:
        while True:
            time.sleep(TRIM_EVERY_S)
            libc.malloc_trim(0)

    threading.Thread(target=trim, name="vidkryto-malloc-trim", daemon=True).start()
