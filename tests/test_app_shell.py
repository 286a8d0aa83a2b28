"""The app shell: start-up refusals, a dead or slow database, the language switch, the link notice."""

import pytest
from sqlalchemy import func, literal, select
from streamlit.testing.v1 import AppTest

from dashboard.db import POOL_SIZE, DatabaseUnavailable, read_engine
from dashboard.navigation import PAGES
from queries.common import fetch
from tests.support import PROJECT_ROOT


def _app(monkeypatch, page: str = PAGES[0].path, **env) -> AppTest:
    for name, value in env.items():
        monkeypatch.setenv(f"VIDKRYTO_{name.upper()}", value)
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    if page != PAGES[0].path:
        app.switch_page(page)
    return app.run()


@pytest.mark.parametrize(("name", "value"), [("audience", "press"), ("database_url", "nonsense")])
def test_bad_settings_stop_start_up_with_one_line(monkeypatch, name, value):
    app = _app(monkeypatch, **{name: value})
    assert not app.exception
    assert len(app.error) == 1
    assert app.error[0].value.startswith("Vidkryto cannot start:")
    assert "\n" not in app.error[0].value


@pytest.mark.parametrize("url", ["sqlite:////nonexistent/vidkryto.sqlite", "postgresql://postgres@127.0.0.1:1/none"],
                         ids=["missing-sqlite-file", "postgres-not-listening"])
@pytest.mark.parametrize("page", [entry.path for entry in PAGES if not entry.hidden])
def test_dead_database_is_a_message_with_retry(monkeypatch, url, page):
    app = _app(monkeypatch, page, database_url=url)
    assert not app.exception
    assert any("недоступна" in error.value for error in app.error)
    assert any(button.key == "retry_database" for button in app.button)


def test_slow_query_is_cut_by_the_statement_timeout(demo_postgres_url):
    engine = read_engine(demo_postgres_url, statement_timeout_ms=200)
    with pytest.raises(DatabaseUnavailable):
        fetch(engine, select(func.pg_sleep(2).label("slept")))


def test_a_page_run_waits_for_a_connection_as_long_as_a_few_statements_may_run(demo_postgres_url):
    """Every pooled connection busy (POOL_SIZE, none over it): the next query is told the database is unavailable
    after POOL_WAIT_STATEMENTS statement timeouts, and a connection handed back serves again."""
    engine = read_engine(demo_postgres_url, statement_timeout_ms=100)
    held = [engine.connect() for _ in range(POOL_SIZE)]
    try:
        with pytest.raises(DatabaseUnavailable):
            fetch(engine, select(func.count().label("n")))
    finally:
        held.pop().close()
    assert fetch(engine, select(literal(1).label("n")))["n"].to_list() == [1]
    for connection in held:
        connection.close()


def test_language_switch_and_link_notice(run_page):
    app = run_page(PAGES[0].path, "public", lang="en", year="abc", utm_source="x")
    assert not app.exception
    assert app.title and app.title[0].value == "Overview"
    notices = [info.value.replace("\\", "") for info in app.info]
    assert any("year" in notice and "utm_source" in notice for notice in notices)


def test_the_dashboard_never_phones_home():
    import tomllib

    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["headless"] is True
