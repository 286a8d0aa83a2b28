"""Open data at stable addresses: every public dataset, per year and for all time, in every shape, described by a
Frictionless Data Package and listed in plain HTML, in a folder any static web server serves as it is.

    DIR/index.html                              a plain listing, in both languages
    DIR/datapackage.json                        every file a resource: path, format, schema (schemas/…)
    DIR/schemas/<dataset>.json, <dataset>.uk.json, <dataset>.en.json
    DIR/<period>/<dataset>.csv|json|parquet     the machine's shape (period: a year, or `all`)
    DIR/<period>/<lang>/<dataset>.csv|xlsx      the reader's shape, in uk and en
    DIR/<period>/votes-835/motions.csv, votings.csv   Resolution 835's pair (`import votes --format csv-835`)

Rows are the public audience's only (`Filters(audience="public")`): published rows, no `*_internal` table, no
personal data. The same rows give the same files, so a host that syncs the folder sees only what changed.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from dashboard.filters import Filters
from dashboard.i18n import messages, t
from dashboard.schema import import_batches
from dashboard.settings import LANGUAGES
from queries import encode
from queries.common import fetch
from queries.datasets import Dataset, all_datasets
from queries.periods import data_years
from queries.shapes import Field, Sheet, unit_names
from queries.status import sources as source_status
from queries.units import unit_list

ALL = "all"
"""The period folder of all time."""
PAIR = {"motions.csv": "open_data_motions", "votings.csv": "open_data_votings"}
PAIR_FOLDER = "votes-835"
LICENCES = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("Creative Commons Attribution-ShareAlike 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC0-1.0": ("Creative Commons Zero 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODC-BY-1.0": ("Open Data Commons Attribution 1.0", "https://opendatacommons.org/licenses/by/1-0/"),
    "OGL-UK-3.0": ("Open Government Licence 3.0", "https://www.nationalarchives.gov.uk/doc/open-government-licence/"),
}
"""Licences a council may name by identifier (`open_data_licence`) with their title and text; another is named alone."""
SOURCES = (("kpi", ()), ("vote", ("votes",)), ("faction", ("votes", "factions")), ("deputy", ("votes", "factions")),
           ("agreement", ("votes", "factions")), ("positions", ("votes", "factions")), ("petitions", ("petitions",)),
           ("media_events", ("events",)), ("media", ("media",)), ("website_broadcast", ("streams",)),
           ("website_plenary", ("streams", "votes")), ("website", ("traffic",)), ("consultations", ("consultations",)),
           ("procurement", ("procurement",)))
"""The import sources behind each dataset, by its name's start (the overview's `kpi`: every source)."""
MACHINE_TYPES = {pl.Int64: "integer", pl.Int32: "integer", pl.Float64: "number", pl.Boolean: "boolean",
                 pl.Date: "date", pl.String: "string"}


def published() -> list[Dataset]:
    """The datasets open data holds: each one a page shows for a period, not an import's diagnostics or a view of
    one vote or deputy (which need an id)."""
    return [dataset for dataset in all_datasets().values() if dataset.open_data and dataset.columns]


def sources_of(name: str) -> tuple[str, ...]:
    """The import sources a dataset reads (empty: every source, as for a dataset the table does not name)."""
    return next((found for start, found in SOURCES if name.startswith(start)), ())


# --- The catalogue: what the open-data page lists ----------------------------------------------------

def catalogue(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Per published dataset: its page, the years its sources' rows span and the last import of those sources (none
    for a database the demo wrote), as this audience sees them (`queries.status.sources`)."""
    loaded = {row["source"]: row for row in source_status(engine, Filters.all_time(audience=filters.audience))
              .iter_rows(named=True)}
    rows = []
    for dataset in published():
        found = [loaded[source] for source in sources_of(dataset.name) or tuple(loaded) if source in loaded]
        rows.append((dataset.name, dataset.page,
                     min((row["first_year"] for row in found if row["first_year"] is not None), default=None),
                     max((row["last_year"] for row in found if row["last_year"] is not None), default=None),
                     max((row["last_import"] for row in found if row["last_import"] is not None), default=None)))
    return pl.DataFrame(rows, schema={"dataset": pl.String, "page": pl.String, "first_year": pl.Int64,
                                      "last_year": pl.Int64, "last_import": pl.Datetime("us")}, orient="row")


# --- Writing the folder ---------------------------------------------------------------------------

@dataclass
class Written:
    files: int = 0
    bytes: int = 0
    resources: list[dict] | None = None

    def add(self, out: Path, relative: str, data: bytes) -> None:
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.files += 1
        self.bytes += len(data)


def periods(engine: Engine) -> list[tuple[str, Filters]]:
    """Each year of the data, then all time; the public audience's rows only."""
    return [*((str(year), Filters.for_year(year, audience="public")) for year in data_years(engine)),
            (ALL, Filters.all_time(audience="public"))]


def write(engine: Engine, out: Path, base_url: str, licence: str, default_lang: str,
          progress: Callable[[str], None] = lambda _: None) -> Written:
    """Write every published dataset of every period in every shape, the 835 pair, the schemas, the descriptor
    and the listing into `out`; return what was written."""
    written = Written(resources=[])
    units = {lang: unit_names(unit_list(engine), lang) for lang in LANGUAGES}
    schemas: dict[str, dict] = {}
    for period, filters in periods(engine):
        progress(period)
        carried = {} if period == ALL else {"year": period}
        for dataset in published():
            frame = dataset.frame(engine, filters, {})
            rows = dataset.linked(frame, base_url)
            for file_format in encode.MACHINE:
                relative = f"{period}/{dataset.name}.{file_format}"
                written.add(out, relative, encode.machine(rows, file_format))
                written.resources.append(resource(dataset.name, period, "machine", None, file_format, relative))
            schemas.setdefault(dataset.name, machine_schema(dataset, rows))
            for lang in LANGUAGES:
                links = {**carried, **({"lang": lang} if lang != default_lang else {})}
                sheet = dataset.read(frame, lang, units[lang], base_url, links)
                schemas.setdefault(f"{dataset.name}.{lang}", reader_schema(sheet))
                for file_format in encode.READER:
                    relative = f"{period}/{lang}/{dataset.name}.{file_format}"
                    written.add(out, relative, encode.reader(sheet, file_format, dataset.name))
                    written.resources.append(resource(dataset.name, period, "reader", lang, file_format, relative))
        for file_name, name in PAIR.items():
            relative = f"{period}/{PAIR_FOLDER}/{file_name}"
            rows = all_datasets()[name].rows(engine, filters, {}, base_url)
            written.add(out, relative, encode.machine(rows, "csv"))
            schemas.setdefault(name, machine_schema(all_datasets()[name], rows))
            written.resources.append(resource(name, period, "resolution-835", None, "csv", relative))
    for name, schema in schemas.items():
        written.add(out, f"schemas/{name}.json", json_bytes(schema))
    package = descriptor(engine, base_url, licence, written.resources)
    written.add(out, "datapackage.json", json_bytes(package))
    written.add(out, "index.html", listing(package).encode("utf-8"))
    return written


def json_bytes(value: dict) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# --- The descriptor -------------------------------------------------------------------------------

def both(key: str, **values) -> dict[str, str]:
    return {lang: t(key, lang, **values) for lang in LANGUAGES}


def resource(name: str, period: str, shape: str, lang: str | None, file_format: str, path: str) -> dict:
    """One file as a Data Package resource: its name, path, format and schema, and which view of what it is."""
    suffix = "-".join(filter(None, (period, lang, None if (shape, file_format) in (("machine", "csv"),
                                                                                   ("reader", "csv"),
                                                                                   ("resolution-835", "csv"))
                                    else file_format)))
    described = both(f"data_{name}") if f"data_{name}" in messages() else {"uk": "", "en": ""}
    item = {"name": f"{name.replace('_', '-')}-{suffix}", "path": path, "format": file_format,
            "mediatype": encode.FORMATS["reader" if shape == "reader" else "machine"][file_format],
            "profile": "tabular-data-resource", "title": described["en"], "description": described["en"],
            "description_uk": described["uk"], "period": period, "shape": shape,
            "schema": f"schemas/{name}{f'.{lang}' if lang else ''}.json"}
    if file_format == "csv":
        item["encoding"] = "utf-8-sig"
        if lang:
            item["dialect"] = {"delimiter": encode.SEPARATOR[lang]}
    if lang:
        item["language"] = lang
    return item


def _described(field_name: str, dataset: Dataset) -> dict[str, str]:
    """A machine column's meaning in both languages: its reader's header, else `data_column_<name>` (ids, links)."""
    for field in dataset.columns:
        if field.name == field_name and field.value is None:
            return {lang: field.header(lang) for lang in LANGUAGES}
    key = "data_column_id" if field_name.endswith("_id") or field_name in ("deputy_a", "deputy_b") \
        else f"data_column_{field_name}"
    return both(key) if key in messages() else {lang: field_name for lang in LANGUAGES}


def machine_schema(dataset: Dataset, rows: pl.DataFrame) -> dict:
    """The machine's columns: stable keys, Table Schema types, meaning in both languages, unit where there is one."""
    measures = {field.name: field for field in dataset.columns}
    fields = []
    for name, dtype in rows.schema.items():
        meaning = _described(name, dataset)
        field = {"name": name, "type": "datetime" if isinstance(dtype, pl.Datetime) else MACHINE_TYPES.get(dtype, "any"),
                 "description": meaning["en"], "description_uk": meaning["uk"]}
        if isinstance(dtype, pl.Datetime):
            field["format"] = "any"
        shown = measures.get(name)
        if shown is not None and (shown.kind == "share" or shown.measure):
            field["unit"] = "share of 1" if shown.kind == "share" else shown.measure
        fields.append(field)
    return {"fields": fields}


READER_TYPES = {"year": "integer", "date": "date", "datetime": "datetime", "month": "date", "flag": "boolean"}


def reader_schema(sheet: Sheet) -> dict:
    """The reader's columns: headers in the language, numbers and dates as printed (their signs and formats)."""
    fields = []
    for field, kind, name in zip(sheet.fields, sheet.kinds, sheet.frame.columns):
        dtype = sheet.frame.schema[name]
        column = {"name": name, "title": name, "description": field.header("en"), "description_uk": field.header("uk")}
        if kind in READER_TYPES:
            column["type"] = READER_TYPES[kind]
        elif dtype.is_numeric():
            column.update(type="number", decimalChar="," if sheet.lang == "uk" else ".",
                          groupChar="\u00a0" if sheet.lang == "uk" else ",")
        else:
            column["type"] = "string"
        if kind in encode.DATE_FORMATS:
            column["format"] = encode.DATE_FORMATS[kind][sheet.lang != "uk"]
        if kind == "flag":
            column.update(trueValues=[t("yes", sheet.lang)], falseValues=[t("no", sheet.lang)])
        if kind == "share" or field.measure:
            column["unit"] = "percent" if kind == "share" else field.measure
        fields.append(column)
    return {"fields": fields}


def council_names(engine: Engine) -> dict[str, str]:
    """The council's name in both languages: its top unit's, else the dashboard's."""
    top = unit_list(engine).filter(pl.col("parent_id").is_null()).head(1)
    return {lang: top[f"name_{lang}"][0] if top.height else "Відкрито" for lang in LANGUAGES}


def descriptor(engine: Engine, base_url: str, licence: str, resources: list[dict]) -> dict:
    """The Data Package: who, what, under which licence, from which sources, and every file."""
    council = council_names(engine)
    title, path = LICENCES.get(licence, (licence, None))
    loaded = dict(fetch(engine, select(import_batches.c.source, func.max(import_batches.c.imported_at).label("at"))
                        .group_by(import_batches.c.source)).iter_rows())
    sources = [{"title": "Відкрито / Vidkryto", "path": base_url}] + [
        {"title": f"{t(f'source_{source}', 'uk')} / {t(f'source_{source}', 'en')}",
         "last_import": when.isoformat(timespec="seconds")} for source, when in sorted(loaded.items())]
    return {
        "profile": "tabular-data-package", "name": "vidkryto-open-data",
        "title": f"{council['uk']}: {t('open_data_package_title', 'uk')} / {council['en']}: "
                 f"{t('open_data_package_title', 'en')}",
        "description": t("open_data_package_description", "en"),
        "description_uk": t("open_data_package_description", "uk"),
        "homepage": base_url, "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "licenses": [{"name": licence, "title": title, **({"path": path} if path else {})}],
        "sources": sources, "resources": resources,
    }


# --- The listing ----------------------------------------------------------------------------------

def _by_period(resources: list[dict]) -> Iterator[tuple[str, dict[str, list[dict]]]]:
    seen: dict[str, dict[str, list[dict]]] = {}
    for item in resources:
        seen.setdefault(item["period"], {}).setdefault(item["path"].rsplit("/", 1)[-1].split(".")[0], []).append(item)
    yield from seen.items()


def listing(package: dict) -> str:
    """index.html: the package's title and licence, then per period every dataset's line and its files."""
    e = html.escape
    licence = package["licenses"][0]
    parts = [f"<!doctype html><html lang=\"uk\"><meta charset=\"utf-8\"><title>{e(package['title'])}</title>",
             "<style>body{font:15px/1.5 sans-serif;margin:2em;max-width:70em}td{padding:.15em .6em}</style>",
             f"<h1>{e(package['title'])}</h1><p>{e(package['description_uk'])}</p><p>{e(package['description'])}</p>",
             f"<p>{e(licence['title'])} · <a href=\"datapackage.json\">datapackage.json</a></p>"]
    for period, datasets in _by_period(package["resources"]):
        label = t("open_data_all_time", "uk") + " / " + t("open_data_all_time", "en") if period == ALL else period
        parts.append(f"<h2 id=\"{e(period)}\">{e(label)}</h2><table>")
        for name, files in datasets.items():
            links = " · ".join(f"<a href=\"{e(item['path'])}\">{e(_file_label(item))}</a>" for item in files)
            parts.append(f"<tr><td>{e(files[0]['description_uk'] or name)}<br><small>{e(files[0]['description'])}"
                         f"</small></td><td>{links}</td></tr>")
        parts.append("</table>")
    return "\n".join(parts) + "\n</html>\n"


def _file_label(item: dict) -> str:
    language = f" {item['language']}" if item.get("language") else ""
    return f"{item['format'].upper()}{language}"


DATASETS = (
    Dataset("open_data_catalogue", catalogue, "open_data", "Every published dataset: its page, the years its "
            "sources' rows span and the last import of those sources.", open_data=False,
            columns=(Field("dataset", "open_data_col_dataset", labels="data_", width="large"),
                     Field("name", "open_data_col_name", "text", value=pl.col("dataset")),
                     Field("page", "open_data_col_page", labels="page_"),
                     Field("first_year", "quality_first_year", "year"), Field("last_year", "quality_last_year", "year"),
                     Field("last_import", "quality_last_import", "datetime"))),
)
