"""Vidkryto's entrypoint: page config, settings, audience and the navigation over pages/."""

import streamlit as st

from dashboard import auth, ui
from dashboard.navigation import PAGES
from dashboard.settings import SettingsError

st.set_page_config(page_title="Відкрито", page_icon=":material/visibility:", layout="wide")

try:
    ctx = ui.context()
except SettingsError as error:
    st.error(f"Vidkryto cannot start: {error}")
    st.stop()

sections: dict[str, list] = {}
for entry in PAGES:
    page = st.Page(entry.path, title=ctx.t(entry.title), icon=entry.icon, default=entry.path == PAGES[0].path,
                   visibility="hidden" if entry.hidden else "visible")
    sections.setdefault(ctx.t(entry.section), []).append(page)
current = st.navigation(sections)

with st.sidebar:
    language = st.segmented_control(ctx.t("language"), ["uk", "en"], default=ctx.lang,
                                    format_func=lambda code: {"uk": "Українська", "en": "English"}[code], key="language")
    if language and language != ctx.lang:
        st.query_params["lang"] = language
        st.rerun()
    st.caption(ctx.t(f"audience_{ctx.settings.audience}"))
    if ctx.settings.audience == "internal" and auth.login_configured() and st.user.is_logged_in:
        st.button(ctx.t("logout"), on_click=st.logout)

if auth.gate(ctx.settings.audience, ctx.t("login_required"), ctx.t("login")):
    current.run()
