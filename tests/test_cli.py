"""The command line: demo refuses to overwrite, export lists and writes datasets, bad URLs are one line."""

import polars as pl
from typer.testing import CliRunner

from dashboard.cli import app
from queries.datasets import all_datasets

runner = CliRunner()


def test_demo_refuses_a_database_that_holds_data(demo_sqlite_url):
    result = runner.invoke(app, ["demo", "--db", demo_sqlite_url])
    assert result.exit_code == 1
    assert "--replace" in result.output


def test_malformed_database_url_is_one_line():
    result = runner.invoke(app, ["init-db", "--db", "nonsense"])
    assert result.exit_code == 2
    assert "not a database URL" in result.output


def test_export_list_names_every_dataset():
    result = runner.invoke(app, ["export", "--list"])
    assert result.exit_code == 0
    for name, dataset in all_datasets().items():
        assert name in result.output
        assert dataset.help


def test_export_writes_the_kpi_dataset(demo_sqlite_url, tmp_path):
    out = tmp_path / "kpi.csv"
    result = runner.invoke(app, ["export", "kpi", "--db", demo_sqlite_url, "--from", "2017-01-01", "--to", "2017-12-31",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    frame = pl.read_csv(out)
    assert {"year", "kpi", "unit", "value", "target"} <= set(frame.columns)
    assert frame["year"].unique().to_list() == [2017]


def test_export_rejects_unknown_unit(demo_sqlite_url):
    result = runner.invoke(app, ["export", "kpi", "--db", demo_sqlite_url, "--unit", "NOPE"])
    assert result.exit_code == 2
    assert "NOPE" in result.output


def test_roles_prints_sql_for_postgresql():
    result = runner.invoke(app, ["roles", "--db", "postgresql://postgres@127.0.0.1/test"])
    assert result.exit_code == 0
    assert "ROW LEVEL SECURITY" in result.stdout
