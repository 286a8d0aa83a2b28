"""Settings: defaults, environment overrides, and one-line refusals of bad values."""

import pytest

from dashboard.settings import SETTINGS, SettingsError, load_settings


def test_defaults_point_at_the_demo_database(monkeypatch):
    for setting in SETTINGS:
        monkeypatch.delenv(f"VIDKRYTO_{setting.name.upper()}", raising=False)
    settings = load_settings()
    assert settings.database_url.endswith("data/demo-public.sqlite")  # the public edition reads what publish writes
    assert settings.audience == "public"
    assert settings.language == "uk"
    assert settings.count_not_voting_as_rebellion is True


def test_environment_wins_over_secrets(monkeypatch):
    monkeypatch.setenv("VIDKRYTO_AUDIENCE", "internal")
    settings = load_settings({"audience": "public", "cache_ttl_seconds": "30"})
    assert settings.audience == "internal"
    assert settings.cache_ttl_seconds == 30


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("audience", "press", "audience must be one of public, internal"),
        ("database_url", "not a url", "database_url is not a database URL"),
        ("database_url", "mysql://x/y", "database_url must be sqlite:// or postgresql://"),
        ("language", "de", "language must be one of uk, en"),
        ("statement_timeout_ms", "soon", "statement_timeout_ms must be a whole number"),
        ("count_not_voting_as_rebellion", "maybe", "must be true or false"),
    ],
)
def test_bad_values_stop_with_one_line(monkeypatch, name, value, message):
    monkeypatch.setenv(f"VIDKRYTO_{name.upper()}", value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_every_setting_is_explained_in_both_languages():
    for setting in SETTINGS:
        assert setting.help("uk").endswith(".") and setting.help("en").endswith("."), setting.name
        assert setting.help("uk") != setting.help("en"), setting.name


def test_every_setting_is_a_field_of_settings():
    from dataclasses import fields

    from dashboard.settings import Settings

    assert [setting.name for setting in SETTINGS] == [field.name for field in fields(Settings)]
    assert load_settings().base_url == "http://localhost:8501"


@pytest.mark.parametrize(("name", "value", "message"), [
    ("import_first_year", "ninety", "import_first_year must be a year, not 'ninety'"),
    ("import_last_year", "10000", "import_last_year must be a year from 1900 to 9998"),
    ("vocabulary_dir", "/no/such/folder", "vocabulary_dir must be an existing folder"),
])
def test_import_settings_refuse_bad_values(monkeypatch, name, value, message):
    monkeypatch.setenv(f"VIDKRYTO_{name.upper()}", value)
    with pytest.raises(SettingsError, match=message):
        load_settings()


def test_import_settings_defaults(monkeypatch, tmp_path):
    for name in ("IMPORT_FIRST_YEAR", "IMPORT_LAST_YEAR", "VOCABULARY_DIR"):
        monkeypatch.delenv(f"VIDKRYTO_{name}", raising=False)
    settings = load_settings()
    assert (settings.import_first_year, settings.import_last_year, settings.vocabulary_dir) == (1991, None, None)
    monkeypatch.setenv("VIDKRYTO_VOCABULARY_DIR", str(tmp_path))
    monkeypatch.setenv("VIDKRYTO_IMPORT_LAST_YEAR", "2030")
    settings = load_settings()
    assert (settings.import_last_year, settings.vocabulary_dir) == (2030, tmp_path)
