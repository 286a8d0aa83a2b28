"""The one table of settings: name, default and help, read from the environment or secrets.

Like Datasette's settings table: every knob is listed here with its default and a line of help, so
`python -m dashboard settings` and the methodology page can show them, and nothing reads the
environment anywhere else.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_DB_PATH = PROJECT_ROOT / "data" / "demo.sqlite"
AUDIENCES = ("public", "internal")
LANGUAGES = ("uk", "en")


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS = (
    Setting("database_url", f"sqlite:///{DEMO_DB_PATH}", "SQLAlchemy URL of the database to read (the demo SQLite file by default)."),
    Setting("audience", "public", "Who this deployment serves: public (published rows, no personal data) or internal."),
    Setting("language", "uk", "Default interface language: uk or en."),
    Setting("cache_ttl_seconds", "600", "How long a query result stays in the page cache."),
    Setting("statement_timeout_ms", "5000", "PostgreSQL statement timeout for the dashboard's read-only connections."),
    Setting("count_not_voting_as_rebellion", "true", "Whether «не голосував» counts as breaking the faction line."),
)


class SettingsError(ValueError):
    """A setting that cannot be used; the message is one line, fit to stop start-up with."""


@dataclass(frozen=True)
class Settings:
    database_url: str
    audience: str
    language: str
    cache_ttl_seconds: int
    statement_timeout_ms: int
    count_not_voting_as_rebellion: bool


def _raw_values(secrets: dict | None) -> dict[str, str]:
    """Environment (VIDKRYTO_<NAME>) wins over secrets, which win over defaults."""
    secrets = secrets or {}
    values = {}
    for setting in SETTINGS:
        env = os.environ.get(f"VIDKRYTO_{setting.name.upper()}")
        values[setting.name] = env if env is not None else str(secrets.get(setting.name, setting.default))
    return values


def _as_bool(name: str, value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be true or false, not {value!r}")


def _as_int(name: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {value!r}") from None
    if number <= 0:
        raise SettingsError(f"{name} must be positive, not {value!r}")
    return number


def check_database_url(url: str) -> str:
    """Return the URL if SQLAlchemy can parse it and we support its backend, else raise SettingsError."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise SettingsError(f"database_url is not a database URL: {url!r}") from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise SettingsError(f"database_url must be sqlite:// or postgresql://, not {parsed.get_backend_name()!r}")
    return url


def load_settings(secrets: dict | None = None) -> Settings:
    values = _raw_values(secrets)
    if values["audience"] not in AUDIENCES:
        raise SettingsError(f"audience must be one of {', '.join(AUDIENCES)}, not {values['audience']!r}")
    if values["language"] not in LANGUAGES:
        raise SettingsError(f"language must be one of {', '.join(LANGUAGES)}, not {values['language']!r}")
    return Settings(
        database_url=check_database_url(values["database_url"]),
        audience=values["audience"],
        language=values["language"],
        cache_ttl_seconds=_as_int("cache_ttl_seconds", values["cache_ttl_seconds"]),
        statement_timeout_ms=_as_int("statement_timeout_ms", values["statement_timeout_ms"]),
        count_not_voting_as_rebellion=_as_bool("count_not_voting_as_rebellion", values["count_not_voting_as_rebellion"]),
    )
