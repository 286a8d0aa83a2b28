"""The votes back in the Resolution 835 shape: `export open_data_motions` / `open_data_votings` write the pair,
and a round trip (export, import into an empty database, export again) gives the same files, on both backends."""

from __future__ import annotations

import polars as pl
from typer.testing import CliRunner

from dashboard.cli import app as cli
from dashboard.db import write_engine
from dashboard.filters import Filters
from dashboard.schema import metadata
from queries import encode
from queries.datasets import all_datasets
from tests.test_import_votes import CSV835, NAMESAKES, SAMPLE, engine, load  # noqa: F401 - engine is a fixture

PAIR = ("open_data_motions", "open_data_votings")


def export_pair(db, folder):
    """Write motions.csv and votings.csv as `export` writes them; return their bytes."""
    folder.mkdir(exist_ok=True)
    files = {}
    for dataset, name in zip(PAIR, ("motions.csv", "votings.csv")):
        files[name] = encode.machine(all_datasets()[dataset].rows(db, Filters.all_time(), {}, ""), "csv")
        (folder / name).write_bytes(files[name])
    return files


def test_the_835_round_trip_gives_the_same_files(engine, tmp_path):  # noqa: F811 - the imported fixture
    load(engine, "votes", CSV835)
    load(engine, "votes", NAMESAKES)
    load(engine, "votes", SAMPLE / "2023-11-09")
    first = export_pair(engine, tmp_path / "first")
    empty = write_engine(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    metadata.create_all(empty)
    summary = load(empty, "votes", tmp_path / "first")
    assert summary.rows_written == 4 + 3 + 107
    assert export_pair(empty, tmp_path / "again") == first
    motions = pl.read_csv(tmp_path / "first" / "motions.csv")
    votings = pl.read_csv(tmp_path / "first" / "votings.csv", schema_overrides={"voterId": pl.String})
    assert motions.columns[:3] == ["uid", "date", "authorityName"] and motions.height == 4 + 3 + 107
    assert set(votings["voterId"].drop_nulls()) - {""} == {"v1", "v2", "v3", "v4", "v5", "v6", "v7", "d1", "d2", "d3"}
    assert votings.filter(pl.col("motionUid") == "n-3")["result"].to_list() == ["Проти", "Утрималась", "За"]
    untitled = motions.filter(pl.col("uid").is_in(["n-1", "n-3"]))["title"].to_list()
    assert untitled == ["", ""]  # empty, as the source had it, not the placeholder
    empty.dispose()


def test_export_writes_the_pair_from_the_command_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'votes.sqlite'}"
    db = write_engine(url)
    metadata.create_all(db)
    load(db, "votes", CSV835)
    for dataset in PAIR:
        out = tmp_path / f"{dataset}.csv"
        result = CliRunner().invoke(cli, ["export", dataset, "--db", url, "--out", str(out)])
        assert result.exit_code == 0, result.output
    assert pl.read_csv(tmp_path / "open_data_votings.csv").height == 4 * 7  # every line of the four motions held
    db.dispose()
