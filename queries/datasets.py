"""The export datasets: the data behind every chart, by name, for the CSV downloads and the command line.

Each query module declares `DATASETS = {name: Dataset(...)}`; this module gathers them. A dataset's
function takes an engine and a `Filters` and returns the same frame the page draws.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
from sqlalchemy.engine import Engine

from dashboard.filters import Filters

MODULES = ("queries.kpi", "queries.votes", "queries.deputies")


@dataclass(frozen=True)
class Dataset:
    help: str
    query: Callable[[Engine, Filters], pl.DataFrame]


def all_datasets() -> dict[str, Dataset]:
    found: dict[str, Dataset] = {}
    for module in MODULES:
        for name, dataset in importlib.import_module(module).DATASETS.items():
            if name in found:
                raise ValueError(f"dataset {name!r} is declared twice")
            found[name] = dataset
    return found
