"""The command line: the only part of Vidkryto that writes. Run as `python -m dashboard <command>`."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import func, inspect, select
from sqlalchemy.engine import make_url

from dashboard.db import read_engine, write_engine
from dashboard.filters import Filters
from dashboard.schema import metadata, units
from dashboard.settings import DEMO_DB_PATH, SETTINGS, SettingsError, check_database_url
from dashboard.writer import demo as demo_council
from dashboard.writer.importers import IMPORTERS, ImportFailed, run_import
from dashboard.writer.roles import roles_sql
from queries.datasets import all_datasets

app = typer.Typer(help="Vidkryto: build, fill and export the council's openness database.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
console = Console(stderr=True)
DEFAULT_DB = f"sqlite:///{DEMO_DB_PATH}"
DbOption = typer.Option(DEFAULT_DB, "--db", help="SQLAlchemy URL of the database.")


def _checked(url: str) -> str:
    try:
        return check_database_url(url)
    except SettingsError as error:
        raise typer.BadParameter(str(error), param_hint="--db") from None


@app.command("init-db")
def init_db(db: str = DbOption) -> None:
    """Create every table (those that exist are kept)."""
    engine = write_engine(_checked(db))
    metadata.create_all(engine)
    console.print(f"Schema ready: {len(metadata.tables)} tables in {make_url(db).render_as_string()}")


@app.command()
def demo(
    db: str = DbOption,
    scale: int = typer.Option(1, min=1, help="Multiply volumes (votes, traffic, mentions, petitions, tenders)."),
    seed: int = typer.Option(2017, help="Random seed; the same seed gives the same council."),
    replace: bool = typer.Option(False, "--replace", help="Drop what the database holds and build anew."),
) -> None:
    """Fill a database with the demo council of 2015–2020, calibrated to the 2017 report."""
    engine = write_engine(_checked(db))
    existing = inspect(engine).get_table_names()
    if "units" in existing:
        with engine.connect() as connection:
            holds = connection.execute(select(func.count()).select_from(units)).scalar_one()
        if holds and not replace:
            console.print("The database already holds data; add --replace to drop it and build the demo anew.")
            raise typer.Exit(code=1)
    if replace:
        metadata.drop_all(engine)
    metadata.create_all(engine)
    counts = demo_council.build(engine, scale=scale, seed=seed, progress=console)
    summary = Table("table", "rows", title="Demo council written")
    for name, count in counts.items():
        summary.add_row(name, f"{count:,}")
    console.print(summary)


@app.command()
def roles(
    db: str = DbOption,
    apply: bool = typer.Option(False, "--apply", help="Run the SQL instead of printing it."),
) -> None:
    """Print (or apply) the SQL for the read-only internal and public PostgreSQL roles."""
    url = make_url(_checked(db))
    if url.get_backend_name() != "postgresql":
        console.print("Roles are a PostgreSQL feature; SQLite is opened read-only by the dashboard itself.")
        raise typer.Exit(code=1)
    sql = roles_sql(url.database or "postgres")
    if not apply:
        sys.stdout.write(sql)
        return
    engine = write_engine(str(url))
    with engine.begin() as connection:
        connection.exec_driver_sql(sql)
    console.print("Roles vidkryto_internal and vidkryto_public are in place.")


@app.command("import")
def import_file(
    source: str = typer.Argument(..., help=f"What the file holds: {', '.join(IMPORTERS)}."),
    path: Path = typer.Argument(..., exists=True, help="File, folder or ZIP to import."),
    db: str = DbOption,
    file_format: Optional[str] = typer.Option(None, "--format", help="Format, when it cannot be recognised."),
) -> None:
    """Import a file: validate, write in one transaction, record the batch, print a summary."""
    if source not in IMPORTERS:
        raise typer.BadParameter(f"unknown source {source!r}; one of: {', '.join(IMPORTERS)}", param_hint="SOURCE")
    engine = write_engine(_checked(db))
    metadata.create_all(engine)
    try:
        summary = run_import(engine, source, path, file_format, console)
    except ImportFailed as error:
        console.print(f"[red]Not imported:[/red] {error}")
        raise typer.Exit(code=1) from None
    console.print(summary.render())


@app.command()
def export(
    dataset: Optional[str] = typer.Argument(None, help="Dataset name; see --list."),
    db: str = DbOption,
    list_: bool = typer.Option(False, "--list", help="Name the datasets with a line on each."),
    date_from: Optional[dt.datetime] = typer.Option(None, "--from", formats=["%Y-%m-%d"], help="First day."),
    date_to: Optional[dt.datetime] = typer.Option(None, "--to", formats=["%Y-%m-%d"], help="Last day."),
    unit: list[str] = typer.Option([], "--unit", help="Unit code; repeat for several."),
    audience: str = typer.Option("public", help="public (published rows only) or internal."),
    out: Optional[Path] = typer.Option(None, "--out", help="CSV file to write; standard output by default."),
) -> None:
    """Write the data behind a chart as CSV, with the same filters as the pages."""
    datasets = all_datasets()
    if list_ or dataset is None:
        for name, item in datasets.items():
            typer.echo(f"{name:28} {item.help}")
        return
    if dataset not in datasets:
        raise typer.BadParameter(f"unknown dataset {dataset!r}; see --list", param_hint="DATASET")
    engine = read_engine(_checked(db))
    with engine.connect() as connection:
        codes = dict(connection.execute(select(units.c.code, units.c.id)).all())
    missing = [code for code in unit if code not in codes]
    if missing:
        raise typer.BadParameter(f"unknown unit code(s): {', '.join(missing)}", param_hint="--unit")
    filters = Filters(
        date_from=(date_from or dt.datetime(2000, 1, 1)).date(),
        date_to=(date_to or dt.datetime.now()).date(),
        unit_ids=tuple(codes[code] for code in unit),
        audience=audience,
    )
    frame = datasets[dataset].query(engine, filters)
    if out:
        frame.write_csv(out)
        console.print(f"{len(frame):,} rows written to {out}")
    else:
        sys.stdout.write(frame.write_csv())


@app.command("settings")
def show_settings() -> None:
    """List the dashboard's settings with their defaults and help."""
    listing = Table("setting", "environment variable", "default", "help")
    for setting in SETTINGS:
        listing.add_row(setting.name, f"VIDKRYTO_{setting.name.upper()}", setting.default, setting.help)
    Console().print(listing)
