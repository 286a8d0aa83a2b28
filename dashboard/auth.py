"""Who is looking, for the internal audience: login through `st.login` and the units a user may see.

A deployment is one audience. The public one needs no login and sees published rows only. The
internal one, when `[auth]` is configured in secrets.toml, asks for a login and reads the user's units
from `[access]` (e-mail = "*" for the mayor's office, or comma-separated unit codes for a department
head). Without `[auth]` (a developer's machine) the internal audience sees everything.
Never call these from a cached function: the cache key would not include the user.
"""

from __future__ import annotations

import polars as pl
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


def own_units(units: pl.DataFrame) -> list[int]:
    """Unit ids whose internal rows this user may see; empty means no narrowing (public or all units)."""
    if not login_configured() or not st.user.is_logged_in:
        return []
    access = _secrets().get("access", {}).get(str(st.user.get("email", "")), "")
    if access == "*":
        return []
    codes = [code.strip() for code in access.split(",") if code.strip()]
    allowed = units.filter(pl.col("code").is_in(codes))["id"].to_list()
    return allowed or [-1]
