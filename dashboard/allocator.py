"""The server's memory back to the system. Streamlit runs each script run in a thread of its own, and glibc gives
threads arenas of their own that keep what Python frees: a walk of every page for ten minutes held the same Python
objects throughout yet grew (bench/RESULTS.md, «Memory walk at city scale: why it is not flat»), by 2.5-4.6 MB a
minute even with fewer arenas and a trim a minute. jemalloc's background thread hands freed pages back within
seconds: the same walk with it stayed flat (+0.1 MB a minute). So `streamlit run start.py` runs itself again with
jemalloc preloaded when the system has it (Debian's libjemalloc2); without it, glibc with two arenas and a trim a
minute. Elsewhere than Linux neither does anything."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
import threading
import time
from pathlib import Path

JEMALLOC_CONF = "background_thread:true"
"""jemalloc's own thread purges unused pages (after its default 10 s decay) even while no thread allocates."""
M_ARENA_MAX = -8
"""glibc's `mallopt` parameter of the number of arenas (malloc.h)."""
ARENAS = 2
TRIM_EVERY_S = 60


def jemalloc_loaded() -> bool:
    """Whether this process runs on a preloaded jemalloc (Polars' and Arrow's own copies are linked in, not loaded)."""
    try:
        return "libjemalloc" in Path("/proc/self/maps").read_text()
    except OSError:
        return False


def with_jemalloc() -> None:
    """Run this `streamlit run` again, in place (same pid, same arguments), with jemalloc preloaded: once, when the
    system has the library and it is not loaded yet. Called first thing by start.py (Streamlit has bound its port by
then)."""
    library = ctypes.util.find_library("jemalloc")
    tried = "jemalloc" in os.environ.get("LD_PRELOAD", "")  # preloading failed once: go on without it
    if library is None or tried or jemalloc_loaded() or "streamlit" not in " ".join(sys.orig_argv):
        return
    preload = " ".join(filter(None, (os.environ.get("LD_PRELOAD"), library)))
    os.closerange(3, os.sysconf("SC_OPEN_MAX"))  # the server's socket, bound and inheritable: the new run binds it
    os.execve(sys.executable, [sys.executable, *sys.orig_argv[1:]],
              {**os.environ, "LD_PRELOAD": preload, "MALLOC_CONF": os.environ.get("MALLOC_CONF", JEMALLOC_CONF),
               "STREAMLIT_LOGGER_HIDE_WELCOME_MESSAGE": "true"})  # the first run printed the address already


def _libc():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        return libc if hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt") else None
    except OSError:
        return None


def keep_small() -> None:
    """On glibc's malloc: fewer arenas from now on, and a daemon thread that trims them every minute (a few
    milliseconds each). Nothing when jemalloc serves the process."""
    libc = None if jemalloc_loaded() else _libc()
    if libc is None:
        return
    libc.mallopt(M_ARENA_MAX, ARENAS)

    def trim() -> None:
        while True:
            time.sleep(TRIM_EVERY_S)
            libc.malloc_trim(0)

    threading.Thread(target=trim, name="vidkryto-malloc-trim", daemon=True).start()
