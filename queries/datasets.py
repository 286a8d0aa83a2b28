"""The dataset registry: the data behind every chart and table, by name, for the pages, `export` and the cache.

Each query module declares `DATASETS = (Dataset(...), ...)`; this module gathers them. A dataset's query
takes an engine, a `Filters` and the page parameters it names (`params`, as the link spells them; a
Python keyword gets a trailing underscore: `with` -> `with_`), and returns rows without labels: codes and
keys, never translated words. `rows` is what a page's download and `export` both write, so the two are the
same bytes; a dataset with `link` gains a first column of absolute links to each row's page.
"""

from __future__ import annotations

import importlib
import io
import keyword
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import polars as pl
from sqlalchemy.engine import Engine

from dashboard.filters import Filters
from dashboard.navigation import BY_NAME, page_url

MODULES = ("queries.overview", "queries.votes", "queries.factions", "queries.deputies", "queries.agreement",
           "queries.data_quality", "queries.status", "queries.petitions", "queries.media", "queries.website",
           "queries.consultations", "queries.procurement")
FORMATS = {"csv": "text/csv", "json": "application/json", "parquet": "application/vnd.apache.parquet"}


@dataclass(frozen=True)
class Dataset:
    name: str
    query: Callable[..., pl.DataFrame]
    page: str                            # the page of the navigation table that shows it
    help: str                            # one line for `export --list`
    params: tuple[str, ...] = ()         # the page's link parameters it takes
    link: tuple[str, str] | None = None  # (page, id column): each row's page, e.g. ("vote", "vote_id")

    def arguments(self, params: Mapping[str, object]) -> dict[str, object]:
        """The query's keyword arguments from a link's parsed parameters (those it takes and the link has)."""
        return {f"{name}_" if keyword.iskeyword(name) else name: params[name]
                for name in self.params if name in params}

    @property
    def parsers(self) -> dict:
        """The link parameters `export` accepts for this dataset: its page's."""
        return BY_NAME[self.page].parsers

    def rows(self, engine: Engine, filters: Filters, params: Mapping[str, object], base_url: str) -> pl.DataFrame:
        """Every row for these filters: what a download holds and what `export` writes."""
        frame = self.query(engine, filters, **self.arguments(params))
        if self.link is None:
            return frame
        page, column = self.link
        links = [page_url(page, {BY_NAME[page].id_param: value}, base_url) for value in frame[column]]
        return frame.select(pl.Series("link", links, dtype=pl.String), pl.all())


def encode(frame: pl.DataFrame, file_format: str) -> bytes:
    """A frame as a file: CSV (UTF-8 with a BOM, so spreadsheet programs read Cyrillic), JSON (records, ISO
    dates) or Parquet (typed)."""
    if file_format == "csv":
        return b"\xef\xbb\xbf" + frame.write_csv().encode("utf-8")
    if file_format == "json":
        return frame.write_json().encode("utf-8")
    if file_format == "parquet":
        buffer = io.BytesIO()
        frame.write_parquet(buffer)
        return buffer.getvalue()
    raise ValueError(f"unknown format {file_format!r}; one of {', '.join(FORMATS)}")


def all_datasets() -> dict[str, Dataset]:
    """Every registered dataset by name; a name declared twice is a mistake caught at once."""
    found: dict[str, Dataset] = {}
    for module in MODULES:
        for dataset in importlib.import_module(module).DATASETS:
            if dataset.name in found:
                raise ValueError(f"dataset {dataset.name!r} is declared twice")
            found[dataset.name] = dataset
    return found
