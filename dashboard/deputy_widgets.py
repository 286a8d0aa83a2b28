"""Widgets shared by the deputies' pages: the «не голосував» switch and links to a profile.

Pages do not import each other, so what the ranking, the profile and the agreement page share lives here.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from dashboard.ui import Context, set_link

CARRIED_PARAMS = ("lang", "year", "from", "to", "nv")


def parse_flag(text: str) -> bool:
    """`1` / `0` in a link."""
    if text not in ("0", "1"):
        raise ValueError(text)
    return text == "1"


def not_voting_toggle(ctx: Context, link: dict) -> bool:
    """Whether «не голосував» counts as rebellion: the link's `nv`, else the setting; written back to the link."""
    counted = st.sidebar.toggle(ctx.t("deputies_count_not_voting"),
                                value=link.get("nv", ctx.settings.count_not_voting_as_rebellion),
                                help=ctx.t("deputies_count_not_voting_help"), key="count_not_voting")
    set_link(nv="1" if counted else "0")
    return counted


def profile_params(deputy_id: int, **extra) -> dict[str, str]:
    """Query parameters of a link to a deputy's profile that keeps the current period, language and switch."""
    kept = {name: st.query_params[name] for name in CARRIED_PARAMS if name in st.query_params}
    return {**kept, "deputy": str(deputy_id), **{name: str(value) for name, value in extra.items()}}


def profile_url(deputy_id: int) -> str:
    """A relative link to the profile page, for a LinkColumn of a table."""
    return "deputy?" + urlencode(profile_params(deputy_id))


def choice_label(ctx: Context, choice: str, gender: str | None) -> str:
    """A choice as printed: the feminine forms (утрималась, не голосувала) for a woman."""
    feminine = gender == "f" and choice in ("abstain", "not_voting")
    return ctx.t(f"deputy_choice_{choice}" + ("_f" if feminine else ""))
