"""Vidkryto's entrypoint: page config, settings, audience and the navigation over pages/."""

import streamlit as st

from dashboard import auth, ui
from dashboard.settings import SettingsError

# (section, file, title message, icon, hidden from the menu)
PAGES = (
    ("section_main", "pages/overview.py", "page_overview", ":material/dashboard:", False),
    ("section_votes", "pages/votes.py", "page_votes", ":material/how_to_vote:", False),
    ("section_votes", "pages/deputies.py", "page_deputies", ":material/groups:", False),
    ("section_votes", "pages/factions.py", "page_factions", ":material/diversity_3:", False),
    ("section_votes", "pages/agreement.py", "page_agreement", ":material/hub:", False),
    ("section_votes", "pages/deputy.py", "page_deputy", ":material/person:", True),
    ("section_votes", "pages/vote.py", "page_vote", ":material/ballot:", True),
    ("section_about", "pages/data_quality.py", "page_data_quality", ":material/fact_check:", False),
    ("section_about", "pages/methodology.py", "page_methodology", ":material/menu_book:", False),
)

st.set_page_config(page_title="Відкрито", page_icon=":material/visibility:", layout="wide")

try:
    ctx = ui.context()
except SettingsError as error:
    st.error(f"Vidkryto cannot start: {error}")
    st.stop()

sections: dict[str, list] = {}
for section, path, title, icon, hidden in PAGES:
    page = st.Page(path, title=ctx.t(title), icon=icon, visibility="hidden" if hidden else "visible",
                   default=path == "pages/overview.py")
    sections.setdefault(ctx.t(section), []).append(page)
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
