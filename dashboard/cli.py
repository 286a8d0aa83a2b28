"""The command line, above both sides: it writes through `dashboard.writer` and exports through `queries`.

Run as `vidkryto <command>` (or `python -m dashboard <command>`). It is the only part of Vidkryto that writes; `export` reads with the
dashboard's own read-only engine and the same link parameters as the pages, so its rows are the pages' rows.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from sqlalchemy import func, inspect, select
from sqlalchemy.engine import make_url

from dashboard.db import read_engine, write_engine
from dashboard.filters import ALL_TIME, Filters, filters_from_link
from dashboard.i18n import t
from dashboard.links import carried as links_carried
from dashboard.links import check_link
from dashboard.schema import metadata, units
from dashboard.settings import DEMO_DB_PATH, LANGUAGES, SETTINGS, SettingsError, check_database_url, load_settings
from dashboard.writer import demo as demo_council
from dashboard.writer import public_database
from dashboard.writer.importers import IMPORTERS, ImportFailed, run_import
from dashboard.writer.migrate import SchemaRefused, create_or_upgrade, drop_everything
from dashboard.writer.roles import roles_sql
from queries import encode, publish
from queries.datasets import all_datasets
from queries.periods import data_years
from queries.status import cards as card_status
from queries.status import sources as source_status

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


def fetch_units(engine, lang: str) -> list[tuple[str, str]]:
    """(code, name) of every unit, in the language."""
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(select(units.c.code, units.c[f"name_{lang}"]))]


def main() -> None:
    """The `vidkryto` console script."""
    app(prog_name="vidkryto")


@app.command("init-db")
def init_db(db: str = DbOption) -> None:
    """Create the tables in an empty database, or upgrade a database made by an earlier release."""
    engine = write_engine(_checked(db))
    done = _schema(engine)
    console.print(f"Schema {done}: {len(metadata.tables)} tables in {make_url(db).render_as_string()}")


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
        drop_everything(engine)
    _schema(engine)
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
    sql = roles_sql(url.database or "postgres", public_database=public_database.is_public_database(write_engine(str(url))))
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
    convocation: Optional[int] = typer.Option(None, "--convocation", min=1, max=999,
                                              help="factions: the convocation they belong to (created if missing)."),
) -> None:
    """Import a file: validate, write in one transaction, record the batch, print a summary.

    Size caps: the import_max_* settings (`vidkryto settings`).
    """
    if source not in IMPORTERS:
        raise typer.BadParameter(f"unknown source {source!r}; one of: {', '.join(IMPORTERS)}", param_hint="SOURCE")
    engine = write_engine(_checked(db))
    _schema(engine)
    options = {"convocation": convocation} if convocation is not None else {}
    try:
        summary = run_import(engine, source, path, file_format, console, **options)
    except (ImportFailed, SettingsError) as error:
        console.print(f"[red]Not imported:[/red] {escape(str(error))}", highlight=False)  # file text is no markup
        raise typer.Exit(code=1) from None
    console.print(summary.render(), markup=False, highlight=False)
    if public_url := load_settings().public_database_url:
        _publish(engine, public_url)


def _schema(engine) -> str:
    """The database created or brought to the newest revision; a public one refused in a sentence."""
    try:
        return create_or_upgrade(engine)
    except SchemaRefused as error:
        console.print(f"[red]Not done:[/red] {escape(str(error))}", highlight=False)
        raise typer.Exit(code=1) from None


def _publish(engine, target: str) -> None:
    started = time.perf_counter()
    try:
        counts = public_database.publish(engine, _checked(target))
    except public_database.PublishRefused as error:
        console.print(f"[red]Not published:[/red] {escape(str(error))}", highlight=False)
        raise typer.Exit(code=1) from None
    console.print(f"Published {sum(counts.values()):,} rows of {len(counts)} tables to "
                  f"{make_url(target).render_as_string()} in {time.perf_counter() - started:,.1f} s", highlight=False)


@app.command("publish")
def publish_public(
    db: str = DbOption,
    to: Optional[str] = typer.Option(None, "--to", help="SQLAlchemy URL of the public database (default: the "
                                     "public_database_url setting); a SQLite file is replaced in one step."),
) -> None:
    """Write the public database that the public edition reads: published rows only, no personal data, no import
    file names, summaries recomputed over those rows. Run it after imports (or set public_database_url)."""
    target = to or load_settings().public_database_url
    if not target:
        raise typer.BadParameter("give --to URL or set public_database_url", param_hint="--to")
    _publish(write_engine(_checked(db)), target)


@app.command()
def export(
    dataset: Optional[str] = typer.Argument(None, help="Dataset name; see --list."),
    db: str = DbOption,
    list_: bool = typer.Option(False, "--list", help="Name the datasets with a line on each."),
    year: Optional[str] = typer.Option(None, "--year", help="A calendar year (wins over --from/--to)."),
    date_from: Optional[str] = typer.Option(None, "--from", help="First day, YYYY-MM-DD."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Last day, YYYY-MM-DD."),
    unit: list[str] = typer.Option([], "--unit", help="Unit code; repeat for several."),
    param: list[str] = typer.Option([], "--param", help="A page parameter NAME=VALUE, as in the page's link "
                                    "(e.g. vote=12, q=бюджет, nv=0); repeat for several."),
    audience: str = typer.Option("public", help="public (published rows only) or internal."),
    shape: str = typer.Option("machine", "--shape", help="machine (stable keys, full precision) or reader (what "
                              "the page's table shows: its headers, words and rounding, in --lang)."),
    lang: str = typer.Option("uk", "--lang", help=f"The reader's language: {' or '.join(LANGUAGES)}."),
    file_format: str = typer.Option("csv", "--format", help="machine: csv, json or parquet; reader: csv or xlsx."),
    out: Optional[Path] = typer.Option(None, "--out", help="File to write; standard output by default."),
    base_url: Optional[str] = typer.Option(None, "--base-url", help="Address for the links in the rows "
                                           "(default: the base_url setting)."),
) -> None:
    """Write the rows of a dataset, with the same filters and parameters as the page that shows it.

    Without a period, all time. A parameter the page does not know, or a value it refuses, stops with a reason.
    The reader's shape is the page's download «to read»; the machine's, «for scripts».
    """
    datasets = all_datasets()
    if list_ or dataset is None:
        for name, item in datasets.items():
            typer.echo(f"{name:28} {item.help}")
        return
    if dataset not in datasets:
        raise typer.BadParameter(f"unknown dataset {dataset!r}; see --list", param_hint="DATASET")
    if shape not in encode.FORMATS:
        raise typer.BadParameter(f"one of {', '.join(encode.FORMATS)}", param_hint="--shape")
    if file_format not in encode.FORMATS[shape]:
        raise typer.BadParameter(f"the {shape}'s formats are {', '.join(encode.FORMATS[shape])}", param_hint="--format")
    if lang not in LANGUAGES:
        raise typer.BadParameter(f"one of {', '.join(LANGUAGES)}", param_hint="--lang")
    chosen = datasets[dataset]
    if shape == "reader" and not chosen.columns:
        raise typer.BadParameter(f"{dataset} is a standard's own table, with no reader's shape", param_hint="--shape")
    raw = {"year": year, "from": date_from, "to": date_to, "unit": ",".join(unit)}
    for item in param:
        name, sep, value = item.partition("=")
        if not sep:
            raise typer.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        raw[name] = value
    link, ignored = check_link({name: value for name, value in raw.items() if value}, chosen.parsers)
    if ignored:
        raise typer.BadParameter(f"not understood: {', '.join(ignored)}", param_hint="--param")
    engine = read_engine(_checked(db))
    with engine.connect() as connection:
        codes = [row.code for row in connection.execute(select(units.c.code))]
    unknown = [code for code in link.get("unit", ()) if code not in codes]
    if unknown:
        raise typer.BadParameter(f"unknown unit code(s): {', '.join(unknown)}", param_hint="--unit")
    filters, refused = filters_from_link(link, data_years(engine), codes, audience, default=ALL_TIME)
    if refused:
        raise typer.BadParameter(f"outside the years of the data: {', '.join(refused)}", param_hint="--year/--from/--to")
    settings = load_settings()
    base = base_url if base_url is not None else settings.base_url
    if shape == "reader":
        carried = links_carried({**raw, **({"lang": lang} if lang != settings.language else {})})
        sheet = chosen.sheet(engine, filters, link, lang, base, carried)
        rows, data = sheet.frame.height, encode.reader(sheet, file_format, dataset)
    else:
        frame = chosen.rows(engine, filters, link, base)
        rows, data = frame.height, encode.machine(frame, file_format)
    if out:
        out.write_bytes(data)
        console.print(f"{rows:,} rows written to {out}")
    else:
        sys.stdout.buffer.write(data)


@app.command("open-data")
def open_data(
    out: Path = typer.Option(..., "--out", help="Folder to write (created if missing); a static web server serves it."),
    db: str = DbOption,
    base_url: Optional[str] = typer.Option(None, "--base-url", help="Address for the links in the rows "
                                           "(default: the base_url setting)."),
) -> None:
    """Write every public dataset, per year and for all time, in every shape (reader uk and en: CSV, XLSX;
    machine: CSV, JSON, Parquet), the votes as Resolution 835's pair, datapackage.json and index.html.

    Published rows only, as the public edition shows them; the licence is the open_data_licence setting.
    """
    settings = load_settings()
    engine = read_engine(_checked(db))
    started = time.perf_counter()
    written = publish.write(engine, out, base_url if base_url is not None else settings.base_url,
                            settings.open_data_licence, settings.language,
                            progress=lambda period: console.print(f"  {period}", highlight=False))
    console.print(f"{written.files:,} files ({written.bytes / 1e6:,.1f} MB, {len(written.resources):,} resources) "
                  f"written to {out} in {time.perf_counter() - started:,.1f} s")


@app.command()
def status(
    db: str = DbOption,
    audience: str = typer.Option("internal", help="internal (every row) or public (published rows only)."),
) -> None:
    """What is loaded: per source its imports, rows and years; per overview card, a value or why not."""
    engine = read_engine(_checked(db))
    filters = Filters.all_time(audience=audience)
    loaded = Table("source", "imports", "last import", "file", "rows", "years", title="Sources")
    for row in source_status(engine, filters).iter_rows(named=True):
        years = f"{row['first_year']}–{row['last_year']}" if row["first_year"] is not None else ""
        when = f"{row['last_import']:%Y-%m-%d %H:%M}" if row["last_import"] else "never"
        loaded.add_row(row["source"], str(row["batches"]), when, escape(row["last_file"] or ""), f"{row['rows']:,}",
                       years)
    filled = Table("card", "source", "years", "target years", "state", title="Overview cards")
    for row in card_status(engine, filters).iter_rows(named=True):
        years = f"{row['first_year']}–{row['last_year']}" if row["first_year"] is not None else ""
        filled.add_row(row["kpi"], row["source"], years, str(row["target_years"]),
                       t(f"quality_card_state_{row['state']}", "en"))
    for column in (*loaded.columns, *filled.columns):
        column.overflow = "fold"  # a narrow terminal wraps a key, never cuts it
    out = Console()
    out.print(loaded)
    out.print(filled)


@app.command()
def report(
    year: int = typer.Option(..., "--year", help="The calendar year of the report."),
    out: Path = typer.Option(..., "--out", help="File to write."),
    db: str = DbOption,
    report_format: str = typer.Option("md", "--format", help="md, html or docx."),
    unit: list[str] = typer.Option([], "--unit", help="Unit code; repeat for several (empty: the whole council)."),
    lang: str = typer.Option("uk", "--lang", help=f"{' or '.join(LANGUAGES)}."),
    charts: bool = typer.Option(True, "--charts/--no-charts", help="Draw a chart per part (Chromium, a few seconds)."),
) -> None:
    """Write the programme's yearly section from the data, each figure with a note on where it comes from."""
    from report.document import report_file
    from report.render import FORMATS

    if report_format not in FORMATS or lang not in LANGUAGES:
        raise typer.BadParameter(f"--format is one of {', '.join(FORMATS)}; --lang one of {', '.join(LANGUAGES)}")
    engine = read_engine(_checked(db))
    names = dict(fetch_units(engine, lang))
    unknown = [code for code in unit if code not in names]
    if unknown:
        raise typer.BadParameter(f"unknown unit code(s): {', '.join(unknown)}", param_hint="--unit")
    filters = Filters.for_year(year, units=tuple(unit))
    written = report_file(engine, filters, lang, report_format, ", ".join(names[code] for code in unit) or None,
                          load_settings().report_template, charts)
    out.write_bytes(written)
    Console().print(f"{len(written):,} bytes written to {escape(str(out))}")


@app.command("settings")
def show_settings() -> None:
    """List the dashboard's settings with their defaults and help."""
    listing = Table("setting", "environment variable", "default", "help")
    for setting in SETTINGS:
        listing.add_row(setting.name, f"VIDKRYTO_{setting.name.upper()}", setting.default, setting.help("en"))
    Console().print(listing)
