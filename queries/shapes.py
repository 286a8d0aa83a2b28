"""The reader's shape of a dataset: what its page shows, declared once per dataset and drawn by both the page's
table and the reader's download.

A dataset's `columns` are `Field`s: each names the machine column it reads (or computes it with `value`), the
message key of its header and its kind; keys are shown through their messages (`labels`), a vocabulary or the
unit list, links point to the address served, and numbers are rounded as the page prints them. `reader` turns
the machine rows into that sheet: headers in the page's language, nothing internal (ids, colours), typed
values, so a page's table, its CSV and its XLSX cannot drift apart. Free of Streamlit: `export` and
`open-data` write the same sheet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from dashboard.i18n import messages, session_name, t
from dashboard.navigation import BY_NAME, page_url
from dashboard.vocabularies import dk021_division, label

KINDS = ("auto", "text", "number", "year", "share", "index", "money", "date", "datetime", "month", "link", "flag",
         "unit")
"""share: 0..1 shown as percent points with one decimal (the header gets «, %»); index: three decimals; money:
whole hryvnias; unit: a unit's code shown as its name; link: a URL (with `target`, the row's page in the app)."""


@dataclass(frozen=True, eq=False)
class Field:
    """One column of the reader's shape, in the order the sheet shows them."""

    name: str                      # the machine column it reads; with `value`, its own name
    label: str                     # message key of its header
    kind: str = "auto"             # see KINDS; auto: by the column's type
    labels: str | tuple[str, ...] | None = None  # message-key prefix(es): keys shown as their messages, else as written
    vocabulary: str | None = None  # a dashboard/vocabularies file whose labels show the keys ("dk021": divisions,
    #                                "sessions": `i18n.session_name`)
    missing: str | None = None     # message key of an empty cell's text; `{}` in it takes `missing_with`'s value
    missing_with: str | None = None
    value: pl.Expr | None = None   # computed from the machine columns instead of read
    target: str | None = None      # link kind: the page of the navigation table each row's id (`name`) opens
    link_text: str | None = None   # a table's text for a link: a message key, or Streamlit's display regex
    width: str | None = None       # a table's column width: small, medium, large
    measure: str | None = None     # unit of measure for the data package (UAH, days…)
    what: str | None = None        # message key that fills the header's `{what}` («За (джерело)»)

    def header(self, lang: str) -> str:
        text = t(self.label, lang, what=t(self.what, lang)) if self.what else t(self.label, lang)
        return f"{text}, %" if self.kind == "share" else text


@dataclass(frozen=True)
class Wide:
    """A long dataset read wide: a row per `index`, a column per key of `on` (`prefix` + key, every one of `keys`)
    holding `values`, 0 where the rows have none (events per year and kind as a year × kind table)."""

    index: str
    on: str
    values: str
    prefix: str
    keys: tuple[str, ...]

    def apply(self, frame: pl.DataFrame) -> pl.DataFrame:
        dtype = frame.schema[self.values]
        spread = (frame.filter(pl.col(self.on).is_in(self.keys))
                  .pivot(on=self.on, index=self.index, values=self.values, aggregate_function="sum"))
        return spread.select(self.index, *(
            (pl.col(key).fill_null(0) if key in spread.columns else pl.lit(0, dtype=dtype)).cast(dtype)
            .alias(f"{self.prefix}{key}") for key in self.keys)).sort(self.index)


@dataclass(frozen=True)
class Sheet:
    """The reader's shape of some rows: the frame (headers in the language, values as shown) and each column's
    field and kind, which the table, the CSV and the XLSX read to format it."""

    frame: pl.DataFrame
    fields: tuple[Field, ...]
    kinds: tuple[str, ...]
    lang: str


def unit_names(units: pl.DataFrame, lang: str) -> dict[str, str]:
    """Each unit's code and its name in `lang` (from `queries.units.unit_list`), as a unit column shows them."""
    return dict(zip(units["code"], units[f"name_{lang}"]))


def _kind(field: Field, dtype: pl.DataType) -> str:
    if field.kind != "auto":
        return field.kind
    if isinstance(dtype, pl.Datetime):
        return "datetime"
    if dtype == pl.Date:
        return "date"
    if dtype == pl.Boolean:
        return "flag"
    return "number" if dtype.is_numeric() else "text"


def _labelled(values: pl.Series, field: Field, lang: str, units: Mapping[str, str]) -> pl.Series:
    """Keys in words: through messages, a vocabulary or the unit list; a key without words as written."""
    keys = [key for key in values.unique().drop_nulls().to_list()]
    if field.labels:
        known, prefixes = messages(), (field.labels,) if isinstance(field.labels, str) else field.labels
        words = {key: next((t(f"{prefix}{key}", lang) for prefix in prefixes if f"{prefix}{key}" in known), str(key))
                 for key in keys}
    elif field.vocabulary == "dk021":
        words = {key: dk021_division(key, lang) for key in keys}
    elif field.vocabulary == "sessions":  # a plenary session's name as the source wrote it, in the page's language
        words = {key: session_name(key, lang) for key in keys}
    elif field.vocabulary:
        words = {key: label(field.vocabulary, key, lang) for key in keys}
    else:  # unit: a code, or the codes of a unit filter (`A,B`)
        words = {key: ", ".join(units.get(code, code) for code in key.split(",")) for key in keys}
    shown = values.replace_strict(words, default=None, return_dtype=pl.String)
    return shown.fill_null(t("no_unit", lang)) if field.kind == "unit" and field.missing is None else shown


def _links(ids: pl.Series, field: Field, base: str, carried: Mapping[str, str]) -> pl.Series:
    param = BY_NAME[field.target].id_param
    return pl.Series([None if value is None else page_url(field.target, {param: value, **carried}, base)
                      for value in ids], dtype=pl.String)


def _column(frame: pl.DataFrame, field: Field, lang: str, units: Mapping[str, str], base: str,
            carried: Mapping[str, str]) -> tuple[pl.Series, str]:
    values = frame.with_columns((field.value if field.value is not None else pl.col(field.name)).alias("_v"))["_v"]
    kind = _kind(field, values.dtype)
    if field.labels or field.vocabulary or kind == "unit":
        values = _labelled(values, field, lang, units)
    elif kind == "link" and field.target:
        values = _links(values, field, base, carried)
    if field.missing is not None:
        text = t(field.missing, lang)
        filler = pl.format(text, pl.col(field.missing_with)) if field.missing_with else pl.lit(text)
        values = frame.with_columns(_v=values).select(pl.col("_v").fill_null(filler)).to_series()
    if kind == "share":
        values = (values * 100).round(1)
    elif kind == "index":
        values = values.round(3)
    elif kind == "money":
        values = values.round(0)
    elif kind == "number" and values.dtype.is_float():
        values = values.round(1)
    return values.alias(field.header(lang)), kind


def reader(frame: pl.DataFrame, fields: tuple[Field, ...], lang: str, units: Mapping[str, str], base: str,
           carried: Mapping[str, str] | None = None, wide: Wide | None = None) -> Sheet:
    """The rows as the page shows them: the fields whose column the rows have (an internal-only column, such as
    a petition's author, is there for the internal audience alone), in their order.

    `units` names each unit code in `lang`; `base` is the address served, `carried` the view's filters that a
    link to a row's page keeps (language, period, units)."""
    if wide is not None:
        frame = wide.apply(frame)
    shown = [field for field in fields if field.value is not None or field.name in frame.columns]
    headers = [field.header(lang) for field in shown]
    if len(set(headers)) < len(headers):
        raise ValueError(f"two columns share a header: {headers}")
    columns = [_column(frame, field, lang, units, base, carried or {}) for field in shown]
    return Sheet(pl.DataFrame([series for series, _ in columns]), tuple(shown), tuple(kind for _, kind in columns),
                 lang)
