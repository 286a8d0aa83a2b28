"""Twenty sessions starting at once on a fresh server import the heavy modules without seeing one half-done."""

import subprocess
import sys

from tests.support import PROJECT_ROOT

TWENTY_AT_ONCE = """
import sys, threading
from dashboard.preload import HEAVY_MODULES, preload
assert not any(name in sys.modules for name in ("pandas", "plotly", "pyarrow")), "a fresh interpreter"
errors, start = [], threading.Barrier(20)
def session():
    start.wait()
    try:
        preload()
        import pandas, plotly.graph_objects
        pandas.DataFrame({"a": [1]}).to_dict(); plotly.graph_objects.Figure()
    except Exception as error:
        errors.append(repr(error))
threads = [threading.Thread(target=session) for _ in range(20)]
[thread.start() for thread in threads]; [thread.join() for thread in threads]
assert not errors, errors
assert all(name in sys.modules for name in HEAVY_MODULES)
print("ok")
"""


def test_twenty_sessions_import_the_heavy_modules_once():
    done = subprocess.run([sys.executable, "-c", TWENTY_AT_ONCE], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_app_preloads_before_it_imports_anything_of_its_own():
    source = (PROJECT_ROOT / "app.py").read_text().split("\n")
    first_call = source.index("preload()")
    assert all(not line.startswith(("import ", "from ")) or "preload" in line or line == "import json"
               for line in source[:first_call])
