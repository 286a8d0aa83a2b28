"""A real council, from an empty database to every page: the README's «Set up your council», command by command.

The commands are read from the README itself (the block after its `walkthrough` marker), so the README cannot
drift from what works. Each `vidkryto` line runs through the command line's own entry point with `$DB` set to a
fresh database, on SQLite and PostgreSQL; then every overview card whose source was loaded has a value for the
walk's year, the two imported targets show, and every page and tab draws in both languages (`tests/page_checks.py`).
"""

from __future__ import annotations

import re
import shlex

import polars as pl
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.db import read_engine
from dashboard.filters import Filters
from dashboard.metrics.overview import KPIS
from dashboard.navigation import PAGES
from queries.overview import kpi_targets, kpi_values
from queries.status import SOURCE_TABLES, cards, sources
from tests.page_checks import check_page
from tests.support import BACKENDS, PROJECT_ROOT, postgres_database

YEAR = 2026
WALKTHROUGH = re.compile(r"<!-- walkthrough:.*?-->\n```sh\n(.*?)```", re.S)


def readme_commands() -> list[str]:
    block = WALKTHROUGH.search((PROJECT_ROOT / "README.md").read_text(encoding="utf-8"))
    assert block, "the README has no walkthrough block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_the_walkthrough_sets_db_imports_every_source_and_ends_by_running_the_dashboard():
    lines = readme_commands()
    assert lines[0].startswith("DB=sqlite:///") and lines[1].startswith("PUBLIC=sqlite:///")
    assert lines[-2] == ".venv/bin/vidkryto publish --db $DB --to $PUBLIC"
    assert lines[-1] == "VIDKRYTO_DATABASE_URL=$PUBLIC .venv/bin/streamlit run start.py"
    imported = {shlex.split(line)[2] for line in lines if line.startswith(".venv/bin/vidkryto import ")}
    assert imported >= {"units", "targets", "decisions", "votes", "factions", "petitions", "media", "events",
                        "traffic", "streams", "consultations", "procurement"}


def follow_the_walkthrough(url: str) -> str:
    """Run the README's commands with `$DB` set to `url` (and `$PUBLIC` beside it); every one must succeed."""
    runner = CliRunner()
    for line in readme_commands()[2:-1]:
        words = shlex.split(line.replace("$DB", url).replace("$PUBLIC", public_url(url)))
        assert words[0] == ".venv/bin/vidkryto", line
        result = runner.invoke(app, words[1:], catch_exceptions=False)
        assert result.exit_code == 0, f"{line}\n{result.output}"
        assert "Not imported" not in result.output, line
    return url


def public_url(url: str) -> str:
    """The walkthrough's `$PUBLIC`: a SQLite file beside a SQLite council, a second database beside a PostgreSQL one."""
    if url.startswith("sqlite"):
        return url.replace(".sqlite", "-public.sqlite")
    return postgres_database("vidkryto_walk_public")


@pytest.fixture(scope="module", params=BACKENDS)
def council(request, tmp_path_factory) -> str:
    """The database the walkthrough built, on each backend."""
    if request.param == "sqlite":
        return follow_the_walkthrough(f"sqlite:///{tmp_path_factory.mktemp('council') / 'council.sqlite'}")
    return follow_the_walkthrough(postgres_database("council_walkthrough"))


def test_every_card_with_a_source_has_a_value_and_the_targets_show(council):
    engine = read_engine(council)
    filters = Filters.for_year(YEAR, audience="internal")
    states = dict(cards(engine, filters).select("kpi", "state").iter_rows())
    assert {kpi: state for kpi, state in states.items() if state != "filled"} == {}
    values = kpi_values(engine, filters).filter(pl.col("year") == YEAR)
    assert set(values["kpi"]) == {kpi.key for kpi in KPIS}
    got = dict(values.select("kpi", "value").iter_rows())
    # the files' known answers: two press conferences, 3 decisions, 3 petitions submitted in 2026 and 2 in 2024
    assert (got["press_conferences"], got["guest_in_studio"], got["foreign_journalists"]) == (2, 1, 1)
    assert (got["decisions"], got["plenary_sessions"], got["petitions_submitted"]) == (3, 1, 5)
    assert (got["live_streams"], got["live_stream_views"], got["outlets_covering"]) == (3, 1800, 5)
    assert got["consultations_online"] == 2  # three consultations of 2026, one without a poll
    assert got["procurements"] == 4  # four procedures published in 2026, two releases of one of them spread apart
    targets = dict(kpi_targets(engine, filters).select("kpi", "target").iter_rows())
    assert targets == {"press_conferences": 12, "petitions_submitted": 30}


def test_status_gives_each_sources_rows_and_years(council):
    """The years are taken of the first and last date; here they are counted from every row's own date."""
    engine = read_engine(council)
    got = {row["source"]: row for row in sources(engine, Filters.for_year(YEAR, audience="internal")).iter_rows(
        named=True)}
    with engine.connect() as connection:
        for source, (_, day) in SOURCE_TABLES.items():
            dates = connection.execute(select(day)).scalars().all() if day is not None else []
            years = [value if isinstance(value, int) else value.year for value in dates]
            expected = (min(years), max(years)) if years else (None, None)
            assert (got[source]["first_year"], got[source]["last_year"]) == expected, source
    assert got["votes"]["rows"] > 0 and got["votes"]["first_year"] <= YEAR <= got["votes"]["last_year"]


def test_status_names_every_source_and_card(council):
    result = CliRunner().invoke(app, ["status", "--db", council], catch_exceptions=False, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for kpi in KPIS:
        assert kpi.key in result.output


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_every_page_and_tab_draws(tmp_path, run_page, lang):
    """On SQLite: the pages' queries are the ones checked on both backends above."""
    council = follow_the_walkthrough(f"sqlite:///{tmp_path / 'council.sqlite'}")
    for entry in PAGES:
        for tab in entry.sections or (None,):
            params = {"lang": lang, **({"tab": tab} if tab else {})}
            page = run_page(entry.path, "internal", database_url=council, **params)
            check_page(page, f"council/{entry.name}/{tab or '-'}/{lang}")
    public = run_page("pages/overview.py", "public", database_url=public_url(council), lang=lang)
    check_page(public, f"council/public/overview/{lang}")  # the public edition on what `publish` wrote


def test_the_scorecard_of_the_councils_own_files(council):
    """2026 from the files: the one plenary session was streamed; of three consultations two published results
    (the third, Садова, ended 04.05 and still awaits them); the three decisions came out in 2–3 working days."""
    from queries.scorecard import lowering, scorecard

    engine = read_engine(council)
    filters = Filters.for_year(YEAR, audience="internal")
    card = {row["indicator"]: (row["numerator"], row["denominator"]) for row in scorecard(engine, filters).iter_rows(named=True)}
    assert card["sessions_streamed"] == (1, 1)
    assert card["consultation_results"] == (2, 3)
    assert card["decisions_on_time"] == (3, 3)
    awaited = lowering(engine, filters).filter(indicator="consultation_results")
    assert awaited["what"].to_list() == ["Перейменування вулиці Садової"]
