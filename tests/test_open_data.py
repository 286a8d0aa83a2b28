"""Open data at stable addresses: `vidkryto open-data --out DIR` over the demo council writes a valid Frictionless
Data Package (frictionless validates the descriptor and reads every CSV and XLSX of a year and of all time), a
folder a static server serves as it is (`/2017/petitions.csv` over http.server), nothing internal (authors,
procurement contacts, unpublished rows), and the votes as Resolution 835's pair, which imports back."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import polars as pl
import pytest
from frictionless import Package, validate
from sqlalchemy import select
from typer.testing import CliRunner

from dashboard.cli import app as cli
from dashboard.db import write_engine
from dashboard.filters import Filters
from dashboard.schema import (
    broadcasts,
    consultations,
    media_mentions,
    metadata,
    petition_authors_internal,
    petitions,
    procurement_contacts_internal,
    procurements,
    votes,
)
from dashboard.writer.importers import run_import
from queries import encode, publish
from queries.datasets import all_datasets
from tests.browser.harness import free_port

BASE = "https://rada.example"


@pytest.fixture(scope="module")
def folder(demo_sqlite_url, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("open-data")
    result = CliRunner().invoke(cli, ["open-data", "--out", str(out), "--db", demo_sqlite_url, "--base-url", BASE])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def package(folder) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def test_the_folder_has_every_dataset_per_year_and_all_time_in_every_shape(folder, package):
    years = [path.name for path in sorted(folder.iterdir()) if path.name.isdigit()]
    assert years == [str(year) for year in range(2015, 2021)] and (folder / "all").is_dir()
    for period in (*years, "all"):
        for dataset in publish.published():
            for name in (f"{dataset.name}.csv", f"{dataset.name}.json", f"{dataset.name}.parquet",
                         *(f"{lang}/{dataset.name}.{fmt}" for lang in ("uk", "en") for fmt in ("csv", "xlsx"))):
                assert (folder / period / name).is_file(), f"{period}/{name}"
        assert (folder / period / "votes-835" / "motions.csv").is_file()
    paths = {item["path"] for item in package["resources"]}
    written = {str(path.relative_to(folder)) for path in folder.rglob("*.*") if path.parent != folder
               and path.parent.name != "schemas"}
    assert paths == written, "every file is a resource, and every resource a file"
    listing = (folder / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{path}"' in listing for path in paths) and 'href="datapackage.json"' in listing


def test_the_descriptor_is_a_valid_data_package_with_both_languages(folder, package):
    report = Package.validate_descriptor(str(folder / "datapackage.json"))
    assert report.valid, [error.note for error in report.errors][:5]
    assert package["licenses"][0]["name"] == "CC-BY-4.0" and package["licenses"][0]["path"].startswith("https://")
    assert package["sources"][0]["path"] == BASE and package["title"] and package["description_uk"]
    for item in package["resources"]:
        assert {"name", "path", "format", "mediatype", "schema"} <= set(item), item["name"]
        schema = json.loads((folder / item["schema"]).read_text(encoding="utf-8"))
        for field in schema["fields"]:
            assert field["type"] and field["description"] and field["description_uk"], (item["schema"], field)
    share = next(f for f in json.loads((folder / "schemas/votes.json").read_text())["fields"] if f["name"] == "turnout")
    assert share["unit"] == "share of 1" and share["description_uk"] == "Явка, %"
    money = json.loads((folder / "schemas/procurements.en.json").read_text())["fields"]
    assert {"name": "Expected value, UAH", "unit": "UAH", "type": "number", "groupChar": ","}.items() <= \
        next(f for f in money if f["name"] == "Expected value, UAH").items()


def test_frictionless_reads_every_csv_and_xlsx_of_a_year(folder, package, tmp_path):
    """Frictionless reads CSV and XLSX itself; it reads Parquet through pandas, which makes an integer column with
    an empty cell a float one, and an empty JSON list is no table to it: those two are read back below instead."""
    chosen = [item for item in package["resources"] if item["period"] == "2017" and item["format"] in ("csv", "xlsx")]
    part = folder / "part.json"
    part.write_text(json.dumps({**package, "resources": chosen}, ensure_ascii=False), encoding="utf-8")
    try:
        report = validate(str(part))
    finally:
        part.unlink()
    assert report.valid, [(task.name, [error.note for error in task.errors[:2]]) for task in report.tasks
                          if not task.valid][:5]
    assert len(report.tasks) == len(chosen) > 250  # 2017 in both shapes and languages


def test_json_and_parquet_hold_the_schema_s_columns_and_the_csv_s_rows(folder):
    for dataset in publish.published():
        schema = json.loads((folder / f"schemas/{dataset.name}.json").read_text(encoding="utf-8"))
        names = [field["name"] for field in schema["fields"]]
        parquet = pl.read_parquet(folder / "2017" / f"{dataset.name}.parquet")
        assert parquet.columns == names, dataset.name
        data = json.loads((folder / "2017" / f"{dataset.name}.json").read_text(encoding="utf-8"))
        assert len(data) == parquet.height and all(list(row) == names for row in data), dataset.name


def test_a_static_server_serves_the_folder_as_it_is(folder):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory",
                               str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/2017/petitions.csv", timeout=2) as response:
                    body = response.read()
                break
            except OSError:
                time.sleep(0.1)
        assert body == (folder / "2017" / "petitions.csv").read_bytes()
        frame = pl.read_csv(io.BytesIO(body))
        assert frame.height > 100 and frame["submitted_on"].str.starts_with("2017-").all()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/datapackage.json", timeout=2) as response:
            assert json.load(response)["name"] == "vidkryto-open-data"
    finally:
        server.terminate()
        server.wait(timeout=10)


TOKENS = re.compile(r"https?://[^\s\"',;<>]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+\d[\d ]{6,}\d|ocds-[\w-]+|demo:\d+_\d+")
"""What could name a person or a row: addresses, e-mails, telephones, procedures' ocids, votes' source keys."""


def tokens(folder: Path) -> set[str]:
    """Every such token of every file: text files as they are, XLSX's XML, Parquet's text columns."""
    found: set[str] = set()
    for path in folder.rglob("*.*"):
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                texts = [book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xml")]
        elif path.suffix == ".parquet":
            frame = pl.read_parquet(path)
            texts = [value for name, dtype in frame.schema.items() if dtype == pl.String
                     for value in frame[name].drop_nulls()]
        else:
            texts = [path.read_text(encoding="utf-8-sig")]
        for text in texts:
            found.update(TOKENS.findall(text))
    return found


def test_nothing_internal_is_published(folder, demo_sqlite_url):
    engine = write_engine(demo_sqlite_url)
    with engine.connect() as connection:
        def values(*columns, where=None):
            stmt = select(*columns) if where is None else select(*columns).where(where)
            return {value for row in connection.execute(stmt) for value in row if value}

        markers = {
            "petition authors": values(petition_authors_internal.c.contact),
            "procurement contacts": values(procurement_contacts_internal.c.email, procurement_contacts_internal.c.phone),
            **{f"unpublished {table.name}": values(column, where=table.c.is_public.is_(False)) for table, column in (
                (petitions, petitions.c.url), (media_mentions, media_mentions.c.url), (broadcasts, broadcasts.c.url),
                (consultations, consultations.c.url), (procurements, procurements.c.ocid),
                (votes, votes.c.source_key))},
        }
    engine.dispose()
    assert all(markers.values()), {name: len(found) for name, found in markers.items()}
    published = tokens(folder)
    assert len(published) > 10_000  # the published rows' own addresses, ocids and keys are there
    for name, found in markers.items():
        assert found.isdisjoint(published), f"{name}: {sorted(found & published)[:3]}"


def test_the_votes_import_back_from_the_835_pair(folder, tmp_path):
    engine = write_engine(f"sqlite:///{tmp_path / 'again.sqlite'}")
    metadata.create_all(engine)
    pair = folder / "2017" / "votes-835"
    summary = run_import(engine, "votes", pair, "csv-835", None)
    assert summary.rows_written == pl.read_csv(pair / "motions.csv").height > 500
    for file_name, name in publish.PAIR.items():
        again = all_datasets()[name].rows(engine, Filters.for_year(2017), {}, BASE)
        assert encode.machine(again, "csv") == (pair / file_name).read_bytes(), file_name
    engine.dispose()
