"""Structural units: the list that the filter bar offers and charts label."""

import polars as pl
from sqlalchemy import select
from sqlalchemy.engine import Engine

from dashboard.schema import units
from queries.common import fetch


def unit_list(engine: Engine) -> pl.DataFrame:
    """Every unit: id, code, names in both languages, parent id; ordered by code."""
    stmt = select(units.c.id, units.c.code, units.c.name_uk, units.c.name_en, units.c.parent_id).order_by(units.c.code)
    return fetch(engine, stmt)
