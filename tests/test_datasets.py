"""The dataset registry: every download a page offers is a registered dataset, and its file equals
`vidkryto export <name>` with the same filters and parameters (a walk over every page)."""

import polars as pl
import pytest
from typer.testing import CliRunner

from dashboard.cli import app as cli
from dashboard.db import read_engine
from dashboard.navigation import PAGES
from dashboard.settings import load_settings
from dashboard.ui import DOWNLOADS_KEY
from queries import encode
from queries.datasets import all_datasets

LINKS = {"vote": {"vote": "120"}, "deputy": {"deputy": "3", "with": "5"}}
CASES = [(entry, {**LINKS.get(entry.name, {}), **({"tab": tab} if tab else {})})  # tabs draw only the open one
         for entry in PAGES for tab in entry.sections or (None,)]


def export_args(name: str, filters, params: dict, url: str, out) -> list[str]:
    args = ["export", name, "--db", url, "--audience", filters.audience, "--out", str(out)]
    if filters.date_from.year >= 2000:  # else all time, export's default
        args += ["--from", filters.date_from.isoformat(), "--to", filters.date_to.isoformat()]
    for code in filters.units:
        args += ["--unit", code]
    for key, value in params.items():
        text = ("1" if value else "0") if isinstance(value, bool) else str(value)
        args += ["--param", f"{key}={text}"]
    return args


@pytest.mark.parametrize(("entry", "link"), CASES, ids=[f"{e.name}-{link.get('tab', '')}".rstrip("-") for e, link in CASES])
def test_every_download_is_the_export_of_its_dataset(run_page, demo_sqlite_url, tmp_path, entry, link):
    app = run_page(entry.path, "public", year="2017", **link)
    assert not app.exception
    offered = app.session_state[DOWNLOADS_KEY]
    datasets = all_datasets()
    engine = read_engine(demo_sqlite_url)
    base_url = load_settings().base_url
    for name, filters, params in offered:
        assert name in datasets, name
        page_file = encode.machine(datasets[name].rows(engine, filters, params, base_url), "csv")
        out = tmp_path / f"{name}.csv"
        result = CliRunner().invoke(cli, export_args(name, filters, params, demo_sqlite_url, out))
        assert result.exit_code == 0, result.output
        assert out.read_bytes() == page_file, name


def test_every_dataset_names_a_page_of_the_table_and_a_line_of_help():
    pages = {entry.name for entry in PAGES}
    for name, dataset in all_datasets().items():
        assert dataset.page in pages and dataset.help.endswith((".", ")")), name
        assert set(dataset.params) <= set(dataset.parsers), name


@pytest.mark.parametrize("file_format", encode.MACHINE)
def test_export_writes_every_format_with_absolute_links(demo_sqlite_url, tmp_path, file_format):
    out = tmp_path / f"votes.{file_format}"
    result = CliRunner().invoke(cli, ["export", "votes", "--db", demo_sqlite_url, "--from", "2017-01-01", "--to",
                                      "2017-12-31", "--format", file_format, "--out", str(out),
                                      "--base-url", "https://vidkryto.example"])
    assert result.exit_code == 0, result.output
    frame = {"csv": pl.read_csv, "json": pl.read_json, "parquet": pl.read_parquet}[file_format](out)
    assert frame.height > 200  # the whole dataset, not the page's first rows
    assert frame["link"][0].startswith("https://vidkryto.example/vote?vote=")
