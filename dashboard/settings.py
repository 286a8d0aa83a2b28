"""The one table of settings: each row holds a setting's name, default, type and help in both languages.

Like Datasette's settings table: every knob is listed here once, so `vidkryto settings` and the
methodology page show the same rows, and nothing reads the environment anywhere else. A value comes from
the environment (`VIDKRYTO_<NAME>`), else from `.streamlit/secrets.toml`, else the default.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_DB_PATH = PROJECT_ROOT / "data" / "demo.sqlite"
DEMO_PUBLIC_DB_PATH = PROJECT_ROOT / "data" / "demo-public.sqlite"
AUDIENCES = ("public", "internal")
LANGUAGES = ("uk", "en")
"""The interface languages, Ukrainian first: every message of dashboard/locales has both."""


class SettingsError(ValueError):
    """A setting that cannot be used; the message is one line, fit to stop start-up with."""


def _boolean(name: str, value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be true or false, not {value!r}")


def _positive(name: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {value!r}") from None
    if number <= 0:
        raise SettingsError(f"{name} must be positive, not {value!r}")
    return number


def _one_of(options: tuple[str, ...]) -> Callable[[str, str], str]:
    def parse(name: str, value: str) -> str:
        if value not in options:
            raise SettingsError(f"{name} must be one of {', '.join(options)}, not {value!r}")
        return value

    return parse


def _year(name: str, value: str) -> int | None:
    """A calendar year (1900..9998), or None for an empty value (the setting then has its rule)."""
    if not value.strip():
        return None
    try:
        year = int(value)
    except ValueError:
        raise SettingsError(f"{name} must be a year, not {value!r}") from None
    if not 1900 <= year <= 9998:
        raise SettingsError(f"{name} must be a year from 1900 to 9998, not {value!r}")
    return year


def _folder(name: str, value: str) -> Path | None:
    """An existing folder, or None for an empty value."""
    if not value.strip():
        return None
    folder = Path(value).expanduser()
    if not folder.is_dir():
        raise SettingsError(f"{name} must be an existing folder, not {value!r}")
    return folder


def _docx_file(name: str, value: str) -> Path | None:
    """An existing Word document (.docx), or None for an empty value."""
    if not value.strip():
        return None
    file = Path(value).expanduser()
    if file.suffix.casefold() != ".docx" or not file.is_file():
        raise SettingsError(f"{name} must be an existing .docx file, not {value!r}")
    return file


def _database_url(_name: str, value: str) -> str:
    return check_database_url(value)


def _text(_name: str, value: str) -> str:
    return value.strip()


def _optional_database_url(_name: str, value: str) -> str:
    return check_database_url(value) if value.strip() else ""


def _base_url(name: str, value: str) -> str:
    if value and not value.startswith(("http://", "https://")):
        raise SettingsError(f"{name} must start with http:// or https://, not {value!r}")
    return value.rstrip("/")


def _licence(name: str, value: str) -> str:
    """An SPDX licence identifier (CC-BY-4.0), as a data package names its licence."""
    if not value.strip() or any(ch.isspace() for ch in value.strip()):
        raise SettingsError(f"{name} must be a licence identifier such as CC-BY-4.0, not {value!r}")
    return value.strip()


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    parse: Callable[[str, str], object]
    help_uk: str
    help_en: str

    def help(self, lang: str) -> str:
        return self.help_en if lang == "en" else self.help_uk


SETTINGS = (
    Setting("database_url", f"sqlite:///{DEMO_PUBLIC_DB_PATH}", _database_url,
            "Адреса бази даних, з якої читає панель: для публічної версії — публічна база (`vidkryto publish`), для "
            "внутрішньої — база ради (типово — публічна база демонстраційної ради, файл SQLite).",
            "SQLAlchemy URL of the database to read: the public database (`vidkryto publish`) for the public edition, "
            "the council's for the internal one (default: the demo council's public database, a SQLite file)."),
    Setting("public_database_url", "", _optional_database_url,
            "Куди `vidkryto publish` пише публічну базу (лише оприлюднені рядки, без персональних даних), яку читає "
            "публічна версія; якщо задано, кожен `vidkryto import` після себе публікує її знову.",
            "Where `vidkryto publish` writes the public database (published rows only, no personal data) that the "
            "public edition reads; when set, every `vidkryto import` publishes it again after itself."),
    Setting("audience", "public", _one_of(AUDIENCES),
            "Кому служить розгортання: public (лише оприлюднені рядки, без персональних даних) або internal.",
            "Who this deployment serves: public (published rows, no personal data) or internal."),
    Setting("roles_claim", "groups", _text,
            "Внутрішня версія: твердження (claim) токена ідентичності зі списком груп користувача.",
            "Internal edition: the identity token's claim that lists the user's groups."),
    Setting("mayor_office_group", "vidkryto-mayor-office", _text,
            "Внутрішня версія: група, члени якої — апарат міського голови (бачать внутрішні рядки всіх підрозділів).",
            "Internal edition: the group whose members are the mayor's office (every unit's internal rows)."),
    Setting("unit_group_prefix", "vidkryto-unit-", _text,
            "Внутрішня версія: група з цим початком і кодом підрозділу (vidkryto-unit-02.4.1) робить користувача "
            "керівником цього підрозділу (бачить його внутрішні рядки, сторінки відкриваються з ним).",
            "Internal edition: a group of this prefix and a unit's code (vidkryto-unit-02.4.1) makes the user that "
            "unit's head (its internal rows; pages open with it)."),
    Setting("mayor_office_email_domain", "", _text,
            "Внутрішня версія без груп у токені: підтверджена (email_verified) адреса в цьому домені — апарат "
            "міського голови (порожньо — лише за групою).",
            "Internal edition without groups in the token: a verified (email_verified) address in this domain is the "
            "mayor's office (empty: by group only)."),
    Setting("local_demo", "false", _boolean,
            "Лише для демонстрації на власному комп'ютері: дозволяє внутрішню версію без входу та роль бази, що може "
            "писати; кожна сторінка тоді показує попередження.",
            "Only for a demo on one's own machine: allows the internal edition without login and a database role "
            "that can write; every page then carries a banner saying so."),
    Setting("language", "uk", _one_of(LANGUAGES),
            "Мова інтерфейсу за замовчуванням: uk або en.", "Default interface language: uk or en."),
    Setting("base_url", "http://localhost:8501", _base_url,
            "Адреса панелі для посилань у завантажених файлах (CSV, JSON, Parquet), щоб вони відкривалися поза нею.",
            "The dashboard's address for the links inside downloaded files (CSV, JSON, Parquet), so they open "
            "from anywhere."),
    Setting("cache_ttl_seconds", "600", _positive,
            "Скільки секунд результат запиту зберігається в кеші сторінок.",
            "How long a query result stays in the page cache."),
    Setting("statement_timeout_ms", "5000", _positive,
            "Граничний час запиту до PostgreSQL у мілісекундах; довший запит переривається з повідомленням.",
            "PostgreSQL statement timeout for the dashboard's read-only connections."),
    Setting("count_not_voting_as_rebellion", "true", _boolean,
            "Чи вважати «не голосував» відходом від лінії фракції.",
            "Whether «не голосував» counts as breaking the faction line."),
    Setting("import_max_file_mb", "1024", _positive,
            "Найбільший розмір файлу для імпорту в МБ (для теки чи ZIP — усіх файлів разом, розпакованих).",
            "Largest file an import reads, in MB (a folder's or a ZIP's files together, uncompressed)."),
    Setting("import_max_member_mb", "256", _positive,
            "Найбільший розмір одного файлу в ZIP чи теці в МБ, перевіряється до розпакування.",
            "Largest single file inside a ZIP or folder, in MB, checked before decompressing."),
    Setting("import_max_field_kb", "1024", _positive,
            "Найбільше поле CSV (одна клітинка) чи текстове значення JSON, яке читає імпорт, у КБ.",
            "Largest CSV field (one cell) or JSON text value an import reads, in KB."),
    Setting("import_first_year", "1991", _year,
            "Найраніший рік дати, яку приймає імпорт; файл із ранішою датою зупиняється на її рядку.",
            "Earliest year of a date an import accepts; a file with an earlier date stops at its line."),
    Setting("import_last_year", "", _year,
            "Найпізніший рік дати, яку приймає імпорт (порожньо — наступний календарний рік); файл із пізнішою "
            "датою зупиняється на її рядку.",
            "Latest year of a date an import accepts (empty: next calendar year); a file with a later date stops "
            "at its line."),
    Setting("open_data_url", "", _base_url,
            "Адреса, з якої веб-сервер віддає теку `vidkryto open-data` (порожньо — сторінка «Відкриті дані» "
            "пропонує завантаження замість посилань на файли).",
            "Where a web server serves the folder `vidkryto open-data` writes (empty: the open-data page offers "
            "downloads instead of links to the files)."),
    Setting("open_data_licence", "CC-BY-4.0", _licence,
            "Ліцензія відкритих даних (ідентифікатор SPDX), яку називає datapackage.json.",
            "The open data's licence (an SPDX identifier), as datapackage.json names it."),
    Setting("vocabulary_dir", "", _folder,
            "Тека власних словників ради (CSV); файл із тією ж назвою, що й у dashboard/vocabularies, замінює "
            "вбудований (порожньо — лише вбудовані).",
            "A folder of the council's own vocabularies (CSV); a file named like one in dashboard/vocabularies "
            "replaces the shipped one (empty: only the shipped ones)."),
    Setting("report_template", "", _docx_file,
            "Шаблон ради (.docx) для річного звіту: його стилі, колонтитули й перші сторінки; звіт дописується "
            "після них (порожньо — чистий документ).",
            "The council's template (.docx) for the yearly report: its styles, headers and first pages; the report "
            "is written after them (empty: a plain document)."),
)


@dataclass(frozen=True)
class Settings:
    database_url: str
    public_database_url: str
    audience: str
    roles_claim: str
    mayor_office_group: str
    unit_group_prefix: str
    mayor_office_email_domain: str
    local_demo: bool
    language: str
    base_url: str
    cache_ttl_seconds: int
    statement_timeout_ms: int
    count_not_voting_as_rebellion: bool
    import_max_file_mb: int
    import_max_member_mb: int
    import_max_field_kb: int
    import_first_year: int
    import_last_year: int | None
    open_data_url: str
    open_data_licence: str
    vocabulary_dir: Path | None
    report_template: Path | None


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
    """Every setting parsed: environment over secrets over default; a bad value raises SettingsError."""
    secrets = secrets or {}
    values = {}
    for setting in SETTINGS:
        raw = os.environ.get(f"VIDKRYTO_{setting.name.upper()}")
        raw = raw if raw is not None else str(secrets.get(setting.name, setting.default))
        values[setting.name] = setting.parse(setting.name, raw)
    return Settings(**values)
