"""Shares and ratios: the one division every page figure goes through, in Python, Polars and SQL."""

from __future__ import annotations

import polars as pl
from sqlalchemy import Float, case, cast
from sqlalchemy.sql import ColumnElement


def share(part: float | None, whole: float | None) -> float | None:
    """part / whole; None when the whole is empty (nothing to share), never a division by zero."""
    if part is None or not whole:
        return None
    return part / whole


def share_expr(part: str | pl.Expr, whole: str | pl.Expr) -> pl.Expr:
    """The Polars twin of `share` over columns: null where the whole is 0 or null."""
    part = pl.col(part) if isinstance(part, str) else part
    whole = pl.col(whole) if isinstance(whole, str) else whole
    return pl.when(whole > 0).then(part / whole).otherwise(None)


def share_sql(part, whole) -> ColumnElement:
    """The SQL twin of `share`: NULL where the whole is 0."""
    return case((whole > 0, cast(part, Float) / cast(whole, Float)), else_=None)
