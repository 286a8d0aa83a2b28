"""The dataset registry: the data behind every chart and table, by name, for the pages, `export` and the cache.

Each query module declares `DATASETS = (Dataset(...), ...)`; this module gathers them. A dataset's query
takes an engine, a `Filters` and the page parameters it names (`params`, as the link spells them; a
Python keyword gets a trailing underscore: `with` -> `with_`), and returns rows without labels: codes and
keys, never translated words. Every dataset has two shapes. The machine's, `rows`, is what a page's download
"for scripts" and `export` both write, so the two are the same bytes; a dataset with `link` gains a first column
of absolute links to each row's page. The reader's, `sheet`, is what the page's table shows: its `columns`
(`queries.shapes.Field`) name, label and round it, declared once for the table and the download alike.
"""

from __future__ import annotations

import importlib
import keyword
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import polars as pl
from sqlalchemy.engine import Engine

from dashboard.filters import Filters
from dashboard.navigation import BY_NAME, page_url
from queries.shapes import Field, Sheet, Wide, reader, unit_names
from queries.units import unit_list

MODULES = ("queries.overview", "queries.votes", "queries.factions", "queries.deputies", "queries.agreement",
           "queries.data_quality", "queries.status", "queries.petitions", "queries.media", "queries.website",
           "queries.consultations", "queries.procurement", "queries.publish", "queries.scorecard",
           "queries.targets", "queries.queue")


@dataclass(frozen=True)
class Dataset:
    name: str
    query: Callable[..., pl.DataFrame]
    page: str                            # the page of the navigation table that shows it
    help: str                            # one line for `export --list`
    params: tuple[str, ...] = ()         # the page's link parameters it takes
    link: tuple[str, str] | None = None  # (page, id column): each row's page, e.g. ("vote", "vote_id")
    columns: tuple[Field, ...] = ()      # the reader's shape: what the page's table shows, in order
    wide: Wide | None = None             # the reader's shape spreads a long dataset (a year × kind table)
    open_data: bool = True               # published by `open-data` (not an import's own diagnostics)

    def arguments(self, params: Mapping[str, object]) -> dict[str, object]:
        """The query's keyword arguments from a link's parsed parameters (those it takes and the link has)."""
        return {f"{name}_" if keyword.iskeyword(name) else name: params[name]
                for name in self.params if name in params}

    @property
    def parsers(self) -> dict:
        """The link parameters `export` accepts for this dataset: its page's."""
        return BY_NAME[self.page].parsers

    def frame(self, engine: Engine, filters: Filters, params: Mapping[str, object]) -> pl.DataFrame:
        """The query's rows for these filters and link parameters, before either shape."""
        return self.query(engine, filters, **self.arguments(params))

    def rows(self, engine: Engine, filters: Filters, params: Mapping[str, object], base_url: str) -> pl.DataFrame:
        """Every row for these filters: what a download holds and what `export` writes."""
        return self.linked(self.frame(engine, filters, params), base_url)

    def linked(self, frame: pl.DataFrame, base_url: str) -> pl.DataFrame:
        """The machine's shape of the query's rows: with `link`, a first column of each row's page."""
        if self.link is None:
            return frame
        page, column = self.link
        links = [page_url(page, {BY_NAME[page].id_param: value}, base_url) for value in frame[column]]
        return frame.select(pl.Series("link", links, dtype=pl.String), pl.all())

    def sheet(self, engine: Engine, filters: Filters, params: Mapping[str, object], lang: str, base_url: str,
              carried: Mapping[str, str] | None = None) -> Sheet:
        """Every row for these filters in the reader's shape, in `lang`: what the reader's download holds, and
        what the page's table shows of the rows it draws. `carried` are the view's filters its links keep."""
        return self.read(self.frame(engine, filters, params), lang, unit_names(unit_list(engine), lang), base_url,
                         carried)

    def read(self, frame: pl.DataFrame, lang: str, units: Mapping[str, str], base_url: str,
             carried: Mapping[str, str] | None = None, names: tuple[str, ...] = ()) -> Sheet:
        """The reader's shape of the query's rows: its fields `names` (all, when none), units named by `units`."""
        fields = self.columns
        if names:
            by_name = {field.name: field for field in self.columns}
            fields = tuple(by_name[name] for name in names)
        return reader(frame, fields, lang, units, base_url, carried, self.wide)


def all_datasets() -> dict[str, Dataset]:
    """Every registered dataset by name; a name declared twice is a mistake caught at once."""
    found: dict[str, Dataset] = {}
    for module in MODULES:
        for dataset in importlib.import_module(module).DATASETS:
            if dataset.name in found:
                raise ValueError(f"dataset {dataset.name!r} is declared twice")
            found[dataset.name] = dataset
    return found
