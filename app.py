"""Vidkryto's entrypoint: page config, settings, the menu (carrying the filters), language, login gate."""

import json

from dashboard.preload import preload

preload()

from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard import auth, deployment, ui
from dashboard.db import DatabaseUnavailable
from dashboard.i18n import t
from dashboard.links import carried
from dashboard.navigation import LANDING, PAGES
from dashboard.settings import SettingsError

LOCALES = {"uk": ["uk-UA", "uk"], "en": ["en-GB", "en"]}

FAVICON = Path(__file__).parent / "dashboard" / "assets" / "favicon.png"

# A file the dashboard serves itself: for a `:material/…:` icon every browser would ask a font host for the favicon.
st.set_page_config(page_title="Відкрито", page_icon=str(FAVICON), layout="wide")

try:
    settings = ui.load_app_settings()
except SettingsError as error:
    st.error(f"Vidkryto cannot start: {error}")
    st.stop()
lang = ui.language(settings)

try:
    problems = [t(p.key, lang, **{name: ui.text(value) for name, value in p.params})
                for p in deployment.problems(settings, auth.login_configured())]
except DatabaseUnavailable:
    problems = []  # the page itself shows the database message with its retry; the check runs again then
if problems and not settings.local_demo:
    st.error("\n".join([t("refused", lang), "", *(f"- {problem}" for problem in problems), "",
                         t("refused_how_to_waive", lang)]), icon=":material/gpp_bad:")
    st.stop()
if settings.local_demo:
    st.warning(" ".join([t("local_demo_banner", lang)] +
                        ([t("local_demo_waived", lang, problems="; ".join(problems))] if problems else [])),
               icon=":material/science:")

# Tables format numbers by the browser's locale (Intl); the page's language decides here instead.
st.html(f"<script>Object.defineProperty(navigator, 'languages', {{get: () => {json.dumps(LOCALES[lang])}, "
        f"configurable: true}});</script>", unsafe_allow_javascript=True)
# A card's label wraps onto a second line instead of being cut («Прийнято без більшос…»).
st.html("<style>[data-testid='stMetricLabel'] * {white-space: normal !important; overflow: visible !important; "
        "text-overflow: clip !important;}</style>")

def unknown_path(known: set[str]) -> str | None:
    """The page path the browser asked for when no page has it (or none this viewer may open): Streamlit would
    answer with its own English «Page not found», so a hidden page of that path answers in the page's language."""
    context = get_script_run_ctx()
    name = context.pages_manager.intended_page_name if context else None
    return name if name and name not in known and "/" not in name else None


def not_found() -> None:
    st.title(t("page_not_found", lang))
    st.info(t("page_not_found_help", lang, path=ui.text(missing)), icon=":material/search_off:")
    st.page_link(pages[LANDING.name], label=t("page_not_found_home", lang), icon=":material/arrow_forward:",
                 query_params=carried(st.query_params))


viewer = auth.viewer(settings)
shown = [entry for entry in PAGES if not entry.internal or viewer.audience == "internal"]
pages = {entry.name: st.Page(entry.path, title=t(entry.title, lang), icon=entry.icon, url_path=entry.name,
                             default=entry is LANDING)
         for entry in shown}
if missing := unknown_path(set(pages)):
    pages["not_found"] = st.Page(not_found, title=t("page_not_found", lang), url_path=missing, visibility="hidden")
current = st.navigation(list(pages.values()), position="hidden")

with st.sidebar:
    kept = carried(st.query_params)
    section = None
    for entry in shown:
        if entry.hidden:
            continue
        if entry.section != section:
            section = entry.section
            st.caption(t(section, lang))
        st.page_link(pages[entry.name], query_params=kept)
    chosen = st.segmented_control(t("language", lang), ["uk", "en"], default=lang, key="language",
                                  format_func={"uk": "Українська", "en": "English"}.get)
    if chosen and chosen != lang:
        st.query_params["lang"] = chosen
        st.rerun()
    st.caption(t(f"audience_{settings.audience}", lang))
    if settings.audience == "internal":
        names = ui.unit_names(settings, lang) if viewer.own_units else {}
        units = ", ".join(ui.text(names.get(code, code)) for code in viewer.own_units)
        who = t(f"role_{viewer.role}", lang, units=units)
        st.caption(f"{ui.text(viewer.name)} · {who}" if viewer.name else who)
    if settings.audience == "internal" and auth.claims() is not None:
        st.button(t("logout", lang), on_click=st.logout)

if auth.gate(settings.audience, t("login_required", lang), t("login", lang)):
    current.run()
