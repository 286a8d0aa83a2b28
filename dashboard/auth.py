"""Who is looking, for the internal audience: login through `st.login` and the units a user may see.

A deployment is one audience. The public one needs no login and sees published rows only. The
internal one, when `[auth]` is configured in secrets.toml, asks for a login and reads the user's units
from `[access]` (e-mail = "*" for the mayor's office, or comma-separated unit codes for a department
head). Without `[auth]` the internal edition refuses to start (`dashboard.deployment`) unless it is a
local demo, which then sees everything.
Never call these from a cached function: the cache key would not include the user.
"""

from __future__ import annotations

import streamlit as st


def _secrets() -> dict:
    try:
        return dict(st.secrets)
    except FileNotFoundError:
        return {}


def login_configured() -> bool:
    return "auth" in _secrets()


def gate(audience: str, message: str, button: str) -> bool:
    """True when the page may be shown; otherwise draws the login prompt and returns False."""
    if audience == "public" or not login_configured() or st.user.is_logged_in:
        return True
    st.info(message)
    if st.button(button, key="login"):
        st.login()
    return False


NOBODY = ("",)
"""The own units of a logged-in user whom `[access]` does not list: no unit's code is empty, so no internal row."""


def own_units() -> tuple[str, ...]:
    """Codes of the units whose internal rows this user may see; empty means no narrowing (public or all)."""
    if not login_configured() or not st.user.is_logged_in:
        return ()
    access = _secrets().get("access", {}).get(str(st.user.get("email", "")), "")
    if access == "*":
        return ()
    return tuple(code.strip() for code in access.split(",") if code.strip()) or NOBODY
