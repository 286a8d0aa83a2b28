"""What every query module shares: running a select into a typed Polars frame, and the filter clauses.

Types are cast here and only here: SQLite returns dates from expressions as strings, so the frame's
schema comes from the select's declared column types, never from the driver.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    Numeric,
    and_,
    case,
    cast,
    extract,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.sql import ColumnElement, Select

from dashboard.alphabet import COLLATION
from dashboard.db import DatabaseUnavailable
from dashboard.filters import Filters
from dashboard.schema import units


def _polars_type(sql_type) -> pl.DataType:
    if isinstance(sql_type, Boolean):
        return pl.Boolean
    if isinstance(sql_type, DateTime):
        return pl.Datetime("us")
    if isinstance(sql_type, Date):
        return pl.Date
    if isinstance(sql_type, Integer):
        return pl.Int64
    if isinstance(sql_type, (Float, Numeric)):
        return pl.Float64
    return pl.String


def _cast(value, dtype):
    """Driver values to Python values of the declared type (SQLite gives ISO strings for dates)."""
    if value is None:
        return None
    if dtype == pl.Date and isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if isinstance(dtype, pl.Datetime) and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    if dtype == pl.Float64 and not isinstance(value, float):
        return float(value)
    return value


def fetch(engine: Engine, stmt: Select) -> pl.DataFrame:
    """Run a select and return its rows as a frame typed by the select's columns."""
    schema = {column.key: _polars_type(column.type) for column in stmt.selected_columns}
    try:
        with engine.connect() as connection:
            rows = connection.execute(stmt).all()
    except OperationalError as error:
        raise DatabaseUnavailable(str(error.orig).splitlines()[0]) from error
    except PoolTimeout as error:  # every connection busy for as long as a statement may run
        raise DatabaseUnavailable(str(error).splitlines()[0]) from error
    except DBAPIError as error:
        if error.connection_invalidated:
            raise DatabaseUnavailable(str(error.orig).splitlines()[0]) from error
        raise
    columns = list(schema)
    data = {name: [_cast(row[i], schema[name]) for row in rows] for i, name in enumerate(columns)}
    return pl.DataFrame(data, schema=schema)


def in_period(column, filters: Filters) -> ColumnElement:
    """Date or datetime column within the filter's period, both ends included."""
    if isinstance(column.type, DateTime):
        return and_(column >= dt.datetime.combine(filters.date_from, dt.time.min),
                    column < dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time.min))
    return column.between(filters.date_from, filters.date_to)


def in_months(column, filters: Filters) -> ColumnElement:
    """A monthly summary's month (its first day) within the period: every month the period touches."""
    return column.between(filters.date_from.replace(day=1), filters.date_to)


def unit_ids(codes: tuple[str, ...]):
    """The ids of units with these codes, as a subquery: filters carry codes, tables hold ids."""
    return select(units.c.id).where(units.c.code.in_(codes)).scalar_subquery()


def unit_code(column) -> ColumnElement:
    """The code of the unit a row's `column` (a unit id) names: rows carry codes, never ids or names."""
    return select(units.c.code).where(units.c.id == column).scalar_subquery()


def own_unit(column, filters: Filters) -> ColumnElement:
    """1 for a row of a department head's own units (their rows are listed first), else 0."""
    return case((column.in_(unit_ids(filters.own_units)), 1), else_=0) if filters.own_units else literal(0)


def in_units(column, filters: Filters) -> ColumnElement:
    """The unit filter; no units chosen means every unit (and rows that belong to none)."""
    return column.in_(unit_ids(filters.units)) if filters.units else true()


def visible(table, filters: Filters) -> ColumnElement:
    """Rows this audience may see: published only for the public; a department head's own internal rows."""
    if "is_public" not in table.c:
        return true()
    if filters.public_only:
        return table.c.is_public == true()
    if filters.own_units:
        return or_(table.c.is_public == true(), table.c.unit_id.in_(unit_ids(filters.own_units)))
    return true()


def count_where(condition) -> ColumnElement:
    """How many rows of the group meet the condition (0, never NULL, for an empty group)."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def by_name(column) -> ColumnElement:
    """A name column in Ukrainian alphabetical order, for every ORDER BY of a name: ICU's collation on PostgreSQL,
    the one `dashboard.db` registers on SQLite (`dashboard.alphabet`), so Є, І, Ї sort after А, not before."""
    return column.collate(COLLATION)


def year_ends(day, names: tuple[str, str] = ("first", "last")) -> tuple[ColumnElement, ColumnElement]:
    """The first and last year of a date, timestamp or year column, labelled `names`: the years of its `min` and
    `max`, which its index answers at either end, not the least and greatest of a year computed for every row."""
    def year(value):
        return value if isinstance(day.type, Integer) else cast(extract("year", value), Integer)

    return year(func.min(day)).label(names[0]), year(func.max(day)).label(names[1])
