"""Who is looking: login through `st.login` (OpenID Connect) and the role the identity token gives.

A deployment is one audience. The public edition needs no login and shows published rows only. The internal
edition asks for a login (`[auth]` in secrets.toml; without it the edition refuses to start unless it is a local
demo, which sees everything as the mayor's office) and reads the role from the token's claims, as configured
(`roles_claim`, `mayor_office_group`, `unit_group_prefix`, `mayor_office_email_domain`), so a change of who may
see what is made at the identity provider, not by a redeploy:
- the mayor's office sees every unit's internal rows;
- a department head sees the own units' internal rows, and pages open with those units;
- anyone else signed in sees what the public sees.
Never call these from a cached function: the cache key would not include the user.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from dashboard.settings import Settings

MAYOR_OFFICE, UNIT_HEAD, SIGNED_IN, PUBLIC = "mayor_office", "unit_head", "signed_in", "public"
ROLES = (MAYOR_OFFICE, UNIT_HEAD, SIGNED_IN, PUBLIC)


@dataclass(frozen=True)
class Viewer:
    """The person looking and what they may see: a role, the own units (a department head's) and a name."""

    role: str
    own_units: tuple[str, ...] = ()
    name: str = ""

    @property
    def audience(self) -> str:
        """The rows this viewer sees: internal for the mayor's office and department heads, else public."""
        return "internal" if self.role in (MAYOR_OFFICE, UNIT_HEAD) else "public"


def _groups(claims: Mapping, claim: str) -> list[str]:
    """The token's groups: a list, or one string of names separated by commas or spaces."""
    value = claims.get(claim) or []
    return [str(group) for group in (value.replace(",", " ").split() if isinstance(value, str) else value)]


def role_from_claims(claims: Mapping, settings: Settings) -> Viewer:
    """The viewer an identity token describes, by the deployment's configuration (see the module docstring)."""
    name = str(claims.get("name") or claims.get("email") or claims.get("sub") or "")
    groups = _groups(claims, settings.roles_claim)
    email = str(claims.get("email", "")).lower()
    domain = settings.mayor_office_email_domain.lower()
    if settings.mayor_office_group in groups or (
            domain and claims.get("email_verified") is True and email.endswith(f"@{domain}")):
        return Viewer(MAYOR_OFFICE, name=name)
    prefix = settings.unit_group_prefix
    units = tuple(sorted({group[len(prefix):] for group in groups if group.startswith(prefix) and group != prefix}))
    return Viewer(UNIT_HEAD, units, name) if units else Viewer(SIGNED_IN, name=name)


def _secrets() -> dict:
    try:
        return dict(st.secrets)
    except FileNotFoundError:
        return {}


def login_configured() -> bool:
    return "auth" in _secrets()


def claims() -> dict | None:
    """The signed-in user's identity-token claims; None when nobody is signed in."""
    return st.user.to_dict() if login_configured() and st.user.is_logged_in else None


def viewer(settings: Settings) -> Viewer:
    """Who is looking at this deployment now."""
    if settings.audience == "public":
        return Viewer(PUBLIC)
    if not login_configured():  # a local demo (dashboard.deployment refuses it otherwise)
        return Viewer(MAYOR_OFFICE)
    found = claims()
    return role_from_claims(found, settings) if found is not None else Viewer(PUBLIC)


def gate(audience: str, message: str, button: str) -> bool:
    """True when the page may be shown; otherwise draws the login prompt and returns False."""
    if audience == "public" or not login_configured() or claims() is not None:
        return True
    st.info(message)
    if st.button(button, key="login"):
        st.login()
    return False
