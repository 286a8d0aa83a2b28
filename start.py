"""The process's start: `streamlit run start.py` serves app.py, having done at start-up what the first visitor paid.

Streamlit runs app.py per session, so without this the first visitor after a deploy waited for the heavy imports
(pandas, pyarrow, plotly, the dashboard's own modules: about a second, more on a busy machine) and for the first
parse of the messages and CLDR data. Here `st.App`'s lifespan does it once, before the server answers its health
check, and tells Streamlit that the `pages/` folder is no multipage app of the old kind (app.py's `st.navigation`
is: otherwise a direct link opened first would run its page without app.py until a `st.navigation` call,
`shell.through_app_shell`). It also keeps the server's memory from growing in the allocator (`dashboard.allocator`:
jemalloc when the system has it).
`streamlit run app.py` still works, paying those at the first visit instead.
"""

import contextlib

from dashboard.allocator import keep_small, with_jemalloc

with_jemalloc()  # may run this process again, in place, before the app's own modules load

import streamlit as st  # noqa: E402
from streamlit.runtime.pages_manager import PagesManager  # noqa: E402

from dashboard.preload import preload_process  # noqa: E402
from queries.datasets import all_datasets  # noqa: E402


@contextlib.asynccontextmanager
async def lifespan(_app):
    PagesManager.uses_pages_directory = False
    keep_small()
    preload_process()
    all_datasets()  # every query module imported and its datasets registered
    yield


app = st.App("app.py", lifespan=lifespan)
